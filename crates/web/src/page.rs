//! The page itself, its CSS and JavaScript, the language of a request and
//! the headers every response carries.

use std::sync::Arc;

use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;
use super::auth;
use super::html::{attr, escape};
use dxplan::i18n::Lang;

const INDEX: &str = include_str!("assets/index.html");
const LOGIN: &str = include_str!("assets/login.html");
const CSS: &str = include_str!("assets/app.css");
const JS: &str = include_str!("assets/app.js");

/// The cookie that remembers a language chosen on the page.
const LANG_COOKIE: &str = "dxplan_lang";

/// Scripts and styles from this server only; no inline script or style,
/// no frames, no plug-ins, forms post here only.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; \
    frame-ancestors 'none'";

/// The language of a request: `?lang=`, else the page's cookie, else the
/// browser's `Accept-Language`, else the server's language.
pub fn request_lang(app: &App, headers: &HeaderMap, query: Option<&str>) -> Lang {
    let from_query = query.and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "lang")
            .and_then(|(_, v)| Lang::parse(v))
    });
    from_query
        .or_else(|| auth::cookie(headers, LANG_COOKIE).and_then(|v| Lang::parse(&v)))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(app.cfg.lang)
}

#[derive(serde::Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

/// `GET /`: the page, or the login form when a token is needed.
pub async fn index(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let chosen = q.lang.as_deref().and_then(Lang::parse);
    let lang = chosen.unwrap_or_else(|| request_lang(&app, &headers, None));
    let mut resp = if auth::authorized(&app, &headers) {
        html_response(StatusCode::OK, fill(INDEX, lang, &limits(&app, lang)))
    } else {
        login_page(lang, false)
    };
    if let Some(l) = chosen {
        let c = format!("{LANG_COOKIE}={}; SameSite=Strict; Path=/", l.code());
        if let Ok(v) = HeaderValue::from_str(&c) {
            resp.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    resp
}

/// The upload limits as the page states them.
fn limits(app: &App, lang: Lang) -> String {
    dxplan::t!(
        lang,
        "web-limits",
        files = app.cfg.max_files as u64,
        megabytes = app.cfg.read.limits.max_input_bytes / (1 << 20),
        minutes = app.cfg.keep.as_secs() / 60
    )
}

/// The login form (401), with "wrong token" when `failed`.
pub fn login_page(lang: Lang, failed: bool) -> Response {
    let error = if failed {
        format!(
            r#"<p class="error" id="login-error">{}</p>"#,
            escape(&dxplan::t!(lang, "web-login-wrong"))
        )
    } else {
        String::new()
    };
    let body = fill(LOGIN, lang, "").replace("<!--error-->", &error);
    html_response(StatusCode::UNAUTHORIZED, body)
}

/// A template with every `{{message-id}}` replaced by the message in
/// `lang`, `{{lang}}` by the language code, `{{limits}}` by `limits` and
/// `{{js-messages}}` by the `web-js-*` messages for the script.
pub fn fill(template: &str, lang: Lang, limits: &str) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let id = after[..end].trim();
        match id {
            "lang" => out.push_str(lang.code()),
            "limits" => out.push_str(&escape(limits)),
            "js-messages" => out.push_str(&attr(&js_messages(lang))),
            _ => out.push_str(&escape(&dxplan::t!(lang, id))),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The messages the script shows, as a JSON object (id without the
/// `web-js-` prefix → text).
fn js_messages(lang: Lang) -> String {
    let map: serde_json::Map<String, serde_json::Value> = dxplan::i18n::ids(lang)
        .into_iter()
        .filter_map(|id| {
            let key = id.strip_prefix("web-js-")?;
            Some((key.to_string(), dxplan::t!(lang, &id).into()))
        })
        .collect();
    serde_json::Value::Object(map).to_string()
}

pub async fn css() -> Response {
    asset("text/css; charset=utf-8", CSS)
}

pub async fn js() -> Response {
    asset("text/javascript; charset=utf-8", JS)
}

fn asset(mime: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, mime)], body).into_response()
}

pub async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}

pub fn html_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A JSON body with 200.
pub fn json_ok(v: serde_json::Value) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], v.to_string()).into_response()
}

/// `{"error": "…"}` with a status.
pub fn json_error(status: StatusCode, message: String) -> Response {
    let body = serde_json::json!({ "error": message }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Headers on every response: the Content-Security-Policy, no sniffing,
/// no framing, no referrer, no caching (the data is the city's).
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_of_the_templates_is_a_message() {
        for lang in Lang::ALL {
            for t in [INDEX, LOGIN] {
                let page = fill(t, lang, "limits");
                assert!(!page.contains("{{"), "{lang}: an unfilled placeholder");
                let mut rest = t;
                while let Some(s) = rest.find("{{") {
                    let e = rest[s..].find("}}").unwrap() + s;
                    let id = rest[s + 2..e].trim();
                    if !matches!(id, "lang" | "limits" | "js-messages") {
                        assert!(dxplan::i18n::has(lang, id), "{lang}: no message {id}");
                    }
                    rest = &rest[e + 2..];
                }
            }
        }
    }

    #[test]
    fn the_page_is_japanese_or_english() {
        let ja = fill(INDEX, Lang::Ja, "");
        let en = fill(INDEX, Lang::En, "");
        assert!(ja.contains(r#"lang="ja""#) && ja.contains("計画"));
        assert!(en.contains(r#"lang="en""#) && en.contains("plan"));
    }

    #[test]
    fn the_script_gets_its_messages_as_json() {
        let m: serde_json::Value = serde_json::from_str(&js_messages(Lang::Ja)).unwrap();
        assert!(m.get("queued").is_some_and(|v| v.is_string()));
    }

    #[test]
    fn no_inline_script_or_style_in_the_templates() {
        for t in [INDEX, LOGIN] {
            assert!(!t.contains("style="), "an inline style breaks the CSP");
            assert!(!t.contains("<style"), "an inline style breaks the CSP");
            assert!(!t.contains("onclick") && !t.contains("onload"));
            for script in t.split("<script").skip(1) {
                assert!(script.contains("src=") || script.contains("application/json"));
            }
        }
    }
}
