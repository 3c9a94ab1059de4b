//! The access token, the session cookie and the Host and Origin checks.
//!
//! With a token, a browser logs in once through the page's form and gets
//! a cookie (HttpOnly, SameSite=Strict) holding a hash of the token, never
//! the token; scripts send `Authorization: Bearer TOKEN`. Without a token
//! (loopback only), requests must name a loopback host, which stops other
//! web sites reaching the server through DNS rebinding.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::App;
use super::page;

/// The cookie that carries the session.
pub const COOKIE: &str = "dxplan_session";

/// The cookie value for a token: a hash, so the cookie never holds the
/// token itself.
pub fn session_value(token: &str) -> String {
    dxplan::sha256_hex(format!("dxplan-session\0{}", token.trim()).as_bytes())
}

/// True when the request carries the session cookie or the bearer token
/// (always true when no token is set).
pub fn authorized(app: &App, headers: &HeaderMap) -> bool {
    let Some(expected) = app.session.as_deref() else {
        return true;
    };
    let by_cookie = cookie(headers, COOKIE).is_some_and(|v| same(&v, expected));
    let by_bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|t| same(&session_value(t), expected));
    by_cookie || by_bearer
}

/// A cookie's value from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Equal strings, compared in time that does not depend on where they
/// differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// API middleware: 401 without the token.
pub async fn require_token(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if authorized(&app, req.headers()) {
        return next.run(req).await;
    }
    let lang = page::request_lang(&app, req.headers(), req.uri().query());
    page::json_error(
        StatusCode::UNAUTHORIZED,
        dxplan::t!(lang, "web-error-token"),
    )
}

/// The login form's fields.
#[derive(serde::Deserialize)]
pub struct LoginForm {
    token: String,
}

/// `POST /login`: the right token sets the session cookie and goes back
/// to the page; a wrong one shows the form again.
pub async fn login(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<LoginForm>,
) -> Response {
    let Some(expected) = app.session.as_deref() else {
        return Redirect::to("/").into_response();
    };
    let value = session_value(&form.token);
    if !same(&value, expected) {
        let lang = page::request_lang(&app, &headers, None);
        return page::login_page(lang, true);
    }
    let cookie = format!("{COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/");
    ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
}

/// Every request: without a token the Host must be loopback (DNS
/// rebinding); a POST from a browser must come from this server's page.
pub async fn check_host(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let lang = super::page::request_lang(&app, headers, None);
    if app.session.is_none() && !loopback_host(host) {
        let m = dxplan::t!(lang, "web-error-host") + "\n";
        return (StatusCode::FORBIDDEN, m).into_response();
    }
    if req.method() == Method::POST {
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        if let Some(o) = origin {
            let ours = o
                .strip_prefix("http://")
                .or_else(|| o.strip_prefix("https://"))
                .is_some_and(|rest| rest == host);
            if !ours {
                let m = dxplan::t!(lang, "web-error-cross-site") + "\n";
                return (StatusCode::FORBIDDEN, m).into_response();
            }
        }
    }
    next.run(req).await
}

/// `localhost`, `127.x.x.x` or `[::1]`, with or without a port.
fn loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_told_apart() {
        assert!(loopback_host("127.0.0.1:8080"));
        assert!(loopback_host("localhost:8080"));
        assert!(loopback_host("[::1]:8080"));
        assert!(loopback_host("localhost"));
        assert!(!loopback_host("evil.example:8080"));
        assert!(!loopback_host("192.168.1.5:8080"));
        assert!(!loopback_host(""));
    }

    #[test]
    fn the_cookie_is_not_the_token() {
        let v = session_value("s3cret-token-0123456789");
        assert!(!v.contains("s3cret"));
        assert_eq!(v, session_value(" s3cret-token-0123456789 "));
        assert!(same(&v, &v.clone()));
        assert!(!same(&v, &session_value("other-token-0123456789")));
    }

    #[test]
    fn cookies_are_found_by_name() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; dxplan_session=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&h, COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
    }
}
