//! `dxplan serve`: a web page for municipal staff.
//!
//! One process serves a page (HTML, CSS and a little JavaScript built into
//! the binary) where plan files are dropped, converted on the server and
//! shown as tables with their warnings; the outputs are downloaded from
//! there. Two editions dropped together are compared.
//!
//! With [`Config::archive`] (`dxplan serve --archive DIR`) the page also
//! lists the plans under DIR with their review status, and a review page
//! (`/review`, the `review` module) lets staff correct what was read,
//! dismiss warnings and approve; the review is saved as
//! `<stem>.review.json` beside each plan, never outside DIR (the
//! `archive` module). An upload can be reviewed the same way, the review
//! file then downloaded and uploaded back.
//!
//! Safety: the server listens on loopback unless told otherwise, and then
//! needs an access token ([`Config::token`]); uploads are capped in size
//! and number and read with the readers' limits; at most
//! [`Config::jobs`] conversions run at once (the rest wait); files live in
//! a private temporary folder, under names the server makes, and are
//! removed [`Config::keep`] after upload and when the server stops.
//!
//! With `--archive DIR --ckan URL --organization ORG` (and the API token
//! in `CKAN_API_TOKEN`), the review page publishes an approved plan to the
//! open-data team's CKAN portal, as `dxplan publish --approved-only` does.

mod archive;
mod auth;
mod download;
mod html;
mod jobs;
mod page;
mod render;
mod review;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use dxplan::ReadOptions;
use dxplan::i18n::Lang;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Access token; required unless `listen` is a loopback address.
    pub token: Option<String>,
    /// The page's language when the browser names neither ja nor en.
    pub lang: Lang,
    /// The readers' limits and password, per file.
    pub read: ReadOptions,
    /// Most files in one upload.
    pub max_files: usize,
    /// Largest upload (all files of one request together), bytes.
    pub max_upload_bytes: u64,
    /// Conversions at once; the rest wait in a queue.
    pub jobs: usize,
    /// How long uploads and outputs are kept.
    pub keep: Duration,
    /// Where the private folder is made (the system's temporary folder
    /// when `None`).
    pub temp_parent: Option<PathBuf>,
    /// `--archive DIR`: the folder of plans staff review; the review
    /// files are written beside the plans in it, and nowhere else.
    pub archive: Option<PathBuf>,
    /// The CKAN portal the review page publishes approved plans to.
    pub portal: Option<PortalConfig>,
}

/// Where and as whom the review page publishes.
#[derive(Clone)]
pub struct PortalConfig {
    /// The portal's address (`https://data.pref.example.jp`).
    pub ckan: String,
    /// The CKAN organization that owns the datasets.
    pub organization: String,
    /// The API token (from the environment; never printed or logged).
    pub token: String,
    /// A PEM file of certificate authorities to trust for `ckan`.
    pub ca_cert: Option<PathBuf>,
}

impl std::fmt::Debug for PortalConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortalConfig")
            .field("ckan", &self.ckan)
            .field("organization", &self.organization)
            .field("token", &"…")
            .field("ca_cert", &self.ca_cert)
            .finish()
    }
}

impl Config {
    /// Defaults for `listen`: loopback only, no token.
    pub fn new(listen: SocketAddr) -> Config {
        Config {
            listen,
            token: None,
            lang: Lang::Ja,
            read: ReadOptions::default(),
            max_files: 20,
            max_upload_bytes: 256 << 20,
            jobs: 2,
            keep: Duration::from_secs(60 * 60),
            temp_parent: None,
            archive: None,
            portal: None,
        }
    }

    /// Why this configuration may not run, if so.
    ///
    /// # Errors
    /// [`ConfigError`].
    pub fn check(&self) -> Result<(), ConfigError> {
        if !self.listen.ip().is_loopback() && self.token.is_none() {
            return Err(ConfigError::TokenRequired(self.listen));
        }
        if self.token.as_deref().is_some_and(|t| t.trim().len() < 16) {
            return Err(ConfigError::TokenTooShort);
        }
        if self.portal.is_some() && self.archive.is_none() {
            return Err(ConfigError::PortalWithoutArchive);
        }
        Ok(())
    }
}

/// A configuration that may not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// Listening beyond loopback without a token.
    TokenRequired(SocketAddr),
    /// A token shorter than 16 characters.
    TokenTooShort,
    /// `--ckan` without `--archive`: only reviewed plans are published.
    PortalWithoutArchive,
}

impl ConfigError {
    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ConfigError::TokenRequired(a) => {
                dxplan::t!(lang, "serve-token-required", address = a.to_string())
            }
            ConfigError::TokenTooShort => dxplan::t!(lang, "serve-token-too-short"),
            ConfigError::PortalWithoutArchive => dxplan::t!(lang, "serve-portal-needs-archive"),
        }
    }
}

/// What the server shares between requests.
pub(crate) struct App {
    pub cfg: Config,
    pub jobs: jobs::Store,
    /// The session cookie's value when a token is set.
    pub session: Option<String>,
    /// The folder of plans under review (`--archive`).
    pub archive: Option<archive::Archive>,
}

/// Run the server until Ctrl-C (or SIGTERM); `ready` is called with the
/// bound address once it accepts connections.
///
/// # Errors
/// The configuration is refused, or the address or the temporary folder
/// cannot be had.
pub fn serve(cfg: Config, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    cfg.check()
        .map_err(|e| std::io::Error::other(e.message(cfg.lang)))?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(cfg.jobs.max(1) + 2)
        .enable_io()
        .enable_time()
        .build()?;
    rt.block_on(run(cfg, ready))
}

async fn run(cfg: Config, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(cfg.listen).await?;
    let bound = listener.local_addr()?;
    let store = jobs::Store::new(&cfg)?;
    let archive = match &cfg.archive {
        Some(dir) => Some(
            archive::Archive::new(dir.clone())
                .map_err(|e| std::io::Error::other(format!("{}: {e}", dir.display())))?,
        ),
        None => None,
    };
    let app = Arc::new(App {
        archive,
        session: cfg.token.as_deref().map(auth::session_value),
        jobs: store,
        cfg,
    });
    let sweeper = tokio::spawn(jobs::sweep(app.clone()));
    ready(bound);
    let served = axum::serve(listener, router(app.clone()))
        .with_graceful_shutdown(shutdown())
        .await;
    sweeper.abort();
    app.jobs.remove_all();
    served
}

fn router(app: Arc<App>) -> Router {
    let limit = usize::try_from(app.cfg.max_upload_bytes).unwrap_or(usize::MAX);
    let api = Router::new()
        .route("/api/convert", post(jobs::upload_convert))
        .route("/api/diff", post(jobs::upload_diff))
        .route("/api/jobs/{id}", get(jobs::status))
        .route("/api/jobs/{id}/view", get(render::view))
        .route("/api/jobs/{id}/warning/{n}", get(render::warning_page))
        .route("/api/jobs/{id}/download/{what}", get(download::download))
        .route("/api/archive", get(review::list))
        .route("/api/review", get(review::load))
        .route("/api/review/apply", post(review::apply))
        .route("/api/review/save", post(review::save))
        .route("/api/review/source", get(review::source))
        .route("/api/review/publish", post(review::publish))
        .route_layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::require_token,
        ));
    let pages = Router::new()
        .route("/", get(page::index))
        .route("/review", get(page::review))
        .route("/login", post(auth::login))
        .route("/static/app.css", get(page::css))
        .route("/static/app.js", get(page::js))
        .route("/static/review.js", get(page::review_js));
    pages
        .merge(api)
        .fallback(page::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::check_host,
        ))
        .layer(axum::middleware::from_fn(page::security_headers))
        .with_state(app)
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown() {
    use std::future::Future;
    use std::task::Poll;
    let mut ctrl_c = std::pin::pin!(tokio::signal::ctrl_c());
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    std::future::poll_fn(|cx| {
        if ctrl_c.as_mut().poll(cx).is_ready() {
            return Poll::Ready(());
        }
        #[cfg(unix)]
        if let Some(t) = term.as_mut() {
            if t.poll_recv(cx).is_ready() {
                return Poll::Ready(());
            }
        }
        Poll::Pending
    })
    .await;
}
