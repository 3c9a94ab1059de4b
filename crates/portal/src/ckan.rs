//! A small client for the CKAN action API (version 3): the few actions
//! publishing needs, JSON in and out, file uploads as multipart forms.
//!
//! Every answer is checked: CKAN's `{"success": false, "error": …}` and the
//! HTTP status become a [`PortalError`] in plain words. The API token goes
//! in the `Authorization` header and nowhere else.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};
use ureq::Agent;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig, parse_pem};

use super::error::PortalError;

/// The largest answer read from CKAN (a downloaded resource included).
const MAX_ANSWER: u64 = 512 * 1024 * 1024;

/// One CKAN site.
pub struct Ckan {
    base: String,
    token: Option<String>,
    agent: Agent,
}

/// A file to upload with a resource.
pub struct Upload<'a> {
    pub file_name: &'a str,
    pub mimetype: &'a str,
    pub bytes: &'a [u8],
}

impl Ckan {
    /// A client for the site at `base` (`https://data.example.lg.jp`)
    /// trusting the built-in certificate authorities (Mozilla's list).
    pub fn new(base: &str, token: Option<String>) -> Self {
        Self::build(base, token, RootCerts::WebPki)
    }

    /// A client trusting the certificate authorities of a PEM file: `ca`,
    /// else the file `SSL_CERT_FILE` names (as OpenSSL and curl read it),
    /// else the built-in list.
    ///
    /// # Errors
    /// [`PortalError::CaCert`] when the file cannot be read or holds no
    /// certificate.
    pub fn with_ca(
        base: &str,
        token: Option<String>,
        ca: Option<&Path>,
    ) -> Result<Self, PortalError> {
        let env = std::env::var_os("SSL_CERT_FILE").filter(|v| !v.is_empty());
        let file = ca.map(Path::to_path_buf).or(env.map(PathBuf::from));
        let roots = match file {
            Some(f) => RootCerts::Specific(Arc::new(read_pem(&f)?)),
            None => RootCerts::WebPki,
        };
        Ok(Self::build(base, token, roots))
    }

    fn build(base: &str, token: Option<String>, roots: RootCerts) -> Self {
        let tls = TlsConfig::builder().root_certs(roots).build();
        let agent: Agent = Agent::config_builder()
            .tls_config(tls)
            .http_status_as_error(false)
            // A redirect of the API (http → https, another host) is
            // reported, never followed: the token is not sent on.
            .max_redirects(0)
            .timeout_connect(Some(Duration::from_secs(15)))
            .timeout_global(Some(Duration::from_secs(300)))
            .user_agent(concat!("dxplan/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ckan {
            base: base.trim_end_matches('/').to_string(),
            token: token.filter(|t| !t.is_empty()),
            agent,
        }
    }

    /// The site address, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Whether a token was given.
    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    /// `GET /api/3/action/<action>?k=v`; `None` for 404 Not Found.
    pub fn get(&self, action: &str, query: &[(&str, &str)]) -> Result<Option<Value>, PortalError> {
        let mut req = self.agent.get(self.action_url(action));
        for (k, v) in query {
            req = req.query(k, v);
        }
        if let Some(t) = &self.token {
            req = req.header("Authorization", t);
        }
        let answer = req.call().map_err(|e| self.unreachable(e));
        self.result(action, None, answer?)
    }

    /// `POST /api/3/action/<action>` with a JSON body.
    pub fn post(&self, action: &str, body: &Value) -> Result<Value, PortalError> {
        let bytes = serde_json::to_vec(body).map_err(|e| bad(action, e))?;
        let mut req = self
            .agent
            .post(self.action_url(action))
            .header("Content-Type", "application/json");
        if let Some(t) = &self.token {
            req = req.header("Authorization", t);
        }
        let answer = req.send(bytes).map_err(|e| self.unreachable(e))?;
        self.required(action, None, answer)
    }

    /// `POST /api/3/action/<action>` as a multipart form: the fields of
    /// `body` (strings; other values as JSON text) and the file as `upload`.
    pub fn post_upload(
        &self,
        action: &str,
        body: &Map<String, Value>,
        upload: &Upload,
    ) -> Result<Value, PortalError> {
        let boundary = format!("dxplan-{}", dxplan::sha256_hex(upload.bytes));
        let form = multipart(&boundary, body, upload);
        let mut req = self.agent.post(self.action_url(action)).header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        );
        if let Some(t) = &self.token {
            req = req.header("Authorization", t);
        }
        let answer = req.send(form).map_err(|e| self.unreachable(e))?;
        self.required(action, Some(upload), answer)
    }

    /// The bytes at a resource's URL (its uploaded file).
    pub fn download(&self, url: &str) -> Result<Vec<u8>, PortalError> {
        // Files may live elsewhere (cloud storage): follow, without the
        // token on another host (ureq's default).
        let mut req = self.agent.get(url).config().max_redirects(10).build();
        if let Some(t) = &self.token {
            req = req.header("Authorization", t);
        }
        let mut answer = req.call().map_err(|e| self.unreachable(e))?;
        let status = answer.status().as_u16();
        let bytes = answer
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_vec()
            .map_err(|e| bad(url, e))?;
        if status != 200 {
            return Err(PortalError::DownloadFailed {
                status,
                url: url.to_string(),
            });
        }
        Ok(bytes)
    }

    fn action_url(&self, action: &str) -> String {
        format!("{}/api/3/action/{action}", self.base)
    }

    fn unreachable(&self, e: ureq::Error) -> PortalError {
        PortalError::Unreachable {
            url: self.base.clone(),
            detail: e.to_string(),
        }
    }

    fn required(
        &self,
        action: &str,
        upload: Option<&Upload>,
        answer: ureq::http::Response<ureq::Body>,
    ) -> Result<Value, PortalError> {
        self.result(action, upload, answer)?
            .ok_or_else(|| PortalError::Server {
                status: 404,
                action: action.to_string(),
                message: "Not found".into(),
            })
    }

    /// The `result` of a CKAN answer, `None` for Not Found, or the error.
    fn result(
        &self,
        action: &str,
        upload: Option<&Upload>,
        mut answer: ureq::http::Response<ureq::Body>,
    ) -> Result<Option<Value>, PortalError> {
        let status = answer.status().as_u16();
        if (300..400).contains(&status) {
            let to = answer
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok());
            return Err(PortalError::Redirected {
                action: action.to_string(),
                to: to.map(str::to_string),
            });
        }
        if status == 413 {
            return Err(too_large(
                upload,
                "HTTP 413 Request Entity Too Large".into(),
            ));
        }
        let text = answer
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(|e| bad(action, e))?;
        let Ok(body) = serde_json::from_str::<Value>(&text) else {
            return Err(not_json(action, status, &text));
        };
        if body["success"] == json!(true) {
            return Ok(Some(body["result"].clone()));
        }
        let error = &body["error"];
        let message = error_message(error);
        match (status, error["__type"].as_str()) {
            (404, _) | (_, Some("Not Found Error")) => Ok(None),
            (401 | 403, _) | (_, Some("Authorization Error")) => {
                Err(PortalError::TokenRefused(message))
            }
            (409, _) if is_too_large(error) => Err(too_large(upload, message)),
            (409, _) | (_, Some("Validation Error")) => Err(PortalError::Validation {
                what: action.to_string(),
                message,
            }),
            _ => Err(PortalError::Server {
                status,
                action: action.to_string(),
                message,
            }),
        }
    }
}

/// The certificates of a PEM file.
fn read_pem(file: &Path) -> Result<Vec<Certificate<'static>>, PortalError> {
    let err = |detail: String| PortalError::CaCert {
        file: file.display().to_string(),
        detail,
    };
    let bytes = std::fs::read(file).map_err(|e| err(e.to_string()))?;
    let mut certs = Vec::new();
    for item in parse_pem(&bytes) {
        if let PemItem::Certificate(c) = item.map_err(|e| err(e.to_string()))? {
            certs.push(c);
        }
    }
    if certs.is_empty() {
        return Err(PortalError::NoCertificate {
            file: file.display().to_string(),
        });
    }
    Ok(certs)
}

fn bad(action: &str, e: impl std::fmt::Display) -> PortalError {
    PortalError::BadAnswer {
        action: action.to_string(),
        detail: e.to_string(),
    }
}

/// An answer that is not CKAN's JSON (a proxy's page, a wrong URL).
fn not_json(action: &str, status: u16, text: &str) -> PortalError {
    let start: String = text.trim().chars().take(80).collect();
    PortalError::BadAnswer {
        action: action.to_string(),
        detail: format!(
            "HTTP {status}, not CKAN's JSON (is --ckan the site's address?): {start:?}"
        ),
    }
}

fn too_large(upload: Option<&Upload>, message: String) -> PortalError {
    PortalError::TooLarge {
        file: upload.map_or_else(String::new, |u| u.file_name.to_string()),
        size: upload.map_or(0, |u| u.bytes.len()),
        message,
    }
}

fn is_too_large(error: &Value) -> bool {
    error_message(error).to_lowercase().contains("too large")
}

/// CKAN's error object in one line: its `message`, or each field's
/// complaints (`name: Must be purely lowercase…`).
pub(crate) fn error_message(error: &Value) -> String {
    if let Some(m) = error["message"].as_str() {
        return m.to_string();
    }
    let Some(fields) = error.as_object() else {
        return error.to_string();
    };
    let parts: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k.as_str() != "__type")
        .map(|(k, v)| format!("{k}: {}", flat(v)))
        .collect();
    if parts.is_empty() {
        error["__type"]
            .as_str()
            .unwrap_or("unknown error")
            .to_string()
    } else {
        parts.join("; ")
    }
}

/// A field's complaints; CKAN lists one entry per item (`tags`), empty
/// for the items it has no complaint about.
fn flat(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().map(flat).filter(|s| !s.is_empty()).collect();
            parts.join(", ")
        }
        Value::Object(o) if o.is_empty() => String::new(),
        Value::Object(_) => error_message(v),
        other => other.to_string(),
    }
}

/// A multipart/form-data body (RFC 7578): text fields, then the file.
fn multipart(boundary: &str, fields: &Map<String, Value>, upload: &Upload) -> Vec<u8> {
    let mut out = Vec::with_capacity(upload.bytes.len() + 4096);
    for (k, v) in fields {
        let text = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{text}\r\n",
                quote(k)
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"{}\"\r\n\
             Content-Type: {}\r\n\r\n",
            quote(upload.file_name),
            upload.mimetype
        )
        .as_bytes(),
    );
    out.extend_from_slice(upload.bytes);
    out.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    out
}

/// A form-data name or file name with `"`, CR and LF escaped (WHATWG).
fn quote(s: &str) -> String {
    s.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_are_one_line() {
        let e = json!({"__type": "Validation Error", "name": ["That URL is already in use."]});
        assert_eq!(error_message(&e), "name: That URL is already in use.");
        let e = json!({"__type": "Authorization Error", "message": "Access denied"});
        assert_eq!(error_message(&e), "Access denied");
        let e = json!({"__type": "Validation Error", "tags": [{}, {"name": ["Tag \"a!\" must be alphanumeric"]}]});
        assert_eq!(
            error_message(&e),
            "tags: name: Tag \"a!\" must be alphanumeric"
        );
        let e = json!({"__type": "Validation Error", "upload": ["File upload too large"]});
        assert!(is_too_large(&e));
    }

    #[test]
    fn multipart_has_fields_then_the_file() {
        let mut fields = Map::new();
        fields.insert("name".into(), json!("施策一覧"));
        fields.insert("position".into(), json!(2));
        let up = Upload {
            file_name: "a\"b.csv",
            mimetype: "text/csv",
            bytes: b"x,y\r\n",
        };
        let body = String::from_utf8(multipart("B", &fields, &up)).unwrap();
        assert!(body.starts_with(
            "--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n施策一覧\r\n"
        ));
        assert!(body.contains("name=\"position\"\r\n\r\n2\r\n"));
        assert!(body.contains(
            "filename=\"a%22b.csv\"\r\nContent-Type: text/csv\r\n\r\nx,y\r\n\r\n--B--\r\n"
        ));
    }
}
