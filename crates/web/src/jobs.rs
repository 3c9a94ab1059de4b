//! Uploads, the conversion queue and the private folder.
//!
//! Every upload becomes a job with a random id and its own folder under
//! the server's private temporary folder; the uploaded bytes are stored
//! there as `input.<ext>` (the user's file name is only ever shown, never
//! used as a path). A semaphore lets [`Config::jobs`](super::Config::jobs)
//! conversions run at once; the others wait as `queued`. A sweeper removes
//! jobs older than [`Config::keep`](super::Config::keep).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::multipart::{Field, Multipart, MultipartError};
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use tokio::sync::Semaphore;

use super::page::{json_error, json_ok, request_lang};
use super::{App, Config};
use dxplan::error::{ReadError, WriteError};
use dxplan::i18n::Lang;
use dxplan::model::Plan;
use dxplan::{ErrorKind, InputFormat, OutputKind, ReadOptions};

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Convert,
    Diff,
}

/// Where a job stands.
#[derive(Clone)]
pub enum JobState {
    Queued,
    Running,
    Done(Arc<Output>),
    Failed(Failure),
}

/// Why a job failed.
#[derive(Debug, Clone)]
pub enum Failure {
    /// The reader's, recogniser's or a writer's error, told in the
    /// language of whoever asks ([`dxplan::i18n::error_message`]); the file
    /// it names, if any, goes before the reason.
    Read(Arc<dxplan::Error>),
    /// A file of a type dxplan does not read.
    Unsupported(String),
    /// The file is over the per-file size limit.
    TooLarge(u64),
    /// dxplan itself failed (a panic): a bug to report.
    Internal,
}

impl Failure {
    /// A library error, about the file `name` when given.
    fn read(name: Option<&str>, kind: ErrorKind) -> Failure {
        Failure::Read(Arc::new(dxplan::Error {
            path: name.map(Into::into),
            kind,
        }))
    }

    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Read(e) => dxplan::i18n::error_message(e, lang),
            Failure::Unsupported(ext) => {
                dxplan::t!(lang, "web-error-unsupported", ext = ext.as_str())
            }
            Failure::TooLarge(mb) => dxplan::t!(lang, "web-error-file-too-large", megabytes = *mb),
            Failure::Internal => dxplan::t!(lang, "web-error-internal"),
        }
    }
}

/// A finished job's result.
pub enum Output {
    Plan(Box<PlanOut>),
    Diff(DiffOut),
}

/// A converted plan, with its files in the job's folder.
pub struct PlanOut {
    /// The plan with the workbook writer's warnings added.
    pub plan: Plan,
    /// The uploaded file (in the job's folder).
    pub input: PathBuf,
}

/// A diff of two editions, as the text and Markdown renderers write it.
pub struct DiffOut {
    pub text: String,
    pub markdown: String,
    pub changes: usize,
}

/// One upload's work.
pub struct Job {
    pub id: String,
    /// The file name as uploaded, for display and download names only.
    pub name: String,
    pub kind: Kind,
    pub dir: PathBuf,
    created: Instant,
    state: Mutex<JobState>,
}

impl Job {
    pub fn state(&self) -> JobState {
        lock(&self.state).clone()
    }

    fn set(&self, s: JobState) {
        *lock(&self.state) = s;
    }

    /// The plan when the job converted one.
    pub fn plan(&self) -> Option<Arc<Output>> {
        match self.state() {
            JobState::Done(o) if matches!(*o, Output::Plan(_)) => Some(o),
            _ => None,
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Every job, the private folder and the queue.
pub struct Store {
    root: PathBuf,
    jobs: Mutex<HashMap<String, Arc<Job>>>,
    permits: Arc<Semaphore>,
    keep: Duration,
}

impl Store {
    /// Make the private folder (mode 0700 on Unix).
    pub fn new(cfg: &Config) -> std::io::Result<Store> {
        let parent = cfg.temp_parent.clone().unwrap_or_else(std::env::temp_dir);
        let root = parent.join(format!("dxplan-serve-{}", random_hex(8)?));
        private_dir(&root)?;
        Ok(Store {
            root,
            jobs: Mutex::new(HashMap::new()),
            permits: Arc::new(Semaphore::new(cfg.jobs.max(1))),
            keep: cfg.keep,
        })
    }

    /// A new job id with its own folder; the job is kept once registered.
    fn reserve(&self) -> std::io::Result<(String, PathBuf)> {
        let id = random_hex(16)?;
        let dir = self.root.join(&id);
        private_dir(&dir)?;
        Ok((id, dir))
    }

    /// Keep a job whose folder [`Store::reserve`] made.
    fn register(&self, id: String, dir: PathBuf, name: String, kind: Kind) -> Arc<Job> {
        let job = Arc::new(Job {
            id: id.clone(),
            name,
            kind,
            dir,
            created: Instant::now(),
            state: Mutex::new(JobState::Queued),
        });
        lock(&self.jobs).insert(id, job.clone());
        job
    }

    /// The conversion slots (shared with page drawings).
    pub fn permits(&self) -> Arc<Semaphore> {
        self.permits.clone()
    }

    /// The job with this id, if it is still kept.
    pub fn get(&self, id: &str) -> Option<Arc<Job>> {
        lock(&self.jobs).get(id).cloned()
    }

    /// Remove the jobs older than the keep time, with their files.
    fn expire(&self) {
        let old: Vec<Arc<Job>> = {
            let mut jobs = lock(&self.jobs);
            let ids: Vec<String> = jobs
                .values()
                .filter(|j| j.created.elapsed() >= self.keep)
                .map(|j| j.id.clone())
                .collect();
            ids.iter().filter_map(|id| jobs.remove(id)).collect()
        };
        for j in old {
            let _ = std::fs::remove_dir_all(&j.dir);
        }
    }

    /// Remove the private folder and everything in it.
    pub fn remove_all(&self) {
        lock(&self.jobs).clear();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A folder only this user can enter.
fn private_dir(path: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(path)
}

/// `n` random bytes as lower-case hex.
fn random_hex(n: usize) -> std::io::Result<String> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// Remove expired jobs now and then, for as long as the server runs.
pub async fn sweep(app: Arc<App>) {
    let every = (app.cfg.keep / 4).clamp(Duration::from_secs(1), Duration::from_secs(60));
    loop {
        tokio::time::sleep(every).await;
        app.jobs.expire();
    }
}

/// One file received from an upload.
struct Received {
    /// The uploaded name, for display.
    name: String,
    /// 0 for a conversion's file or a diff's old edition, 1 for the new.
    slot: u8,
    /// Where its bytes are, and their format; or why not.
    file: Result<(PathBuf, InputFormat), Failure>,
}

/// `POST /api/convert` (multipart, fields `file`): one job per file.
pub async fn upload_convert(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let lang = request_lang(&app, &headers, None);
    if let Some(refused) = declared_too_large(&app, &headers, lang) {
        return refused;
    }
    let files = match receive(&app, &mut form, lang, Kind::Convert).await {
        Ok(f) => f,
        Err(resp) => return resp,
    };
    if files.is_empty() {
        return json_error(
            StatusCode::BAD_REQUEST,
            dxplan::t!(lang, "web-error-no-files"),
        );
    }
    let mut out = Vec::new();
    for (id, dir, r) in files {
        let job = app.jobs.register(id, dir.clone(), r.name, Kind::Convert);
        match r.file {
            Ok((path, format)) => {
                // The warnings in the language of whoever uploaded.
                let opts = dxplan::ReadOptions {
                    lang,
                    ..app.cfg.read.clone()
                };
                let name = job.name.clone();
                start(&app, job.clone(), move || {
                    convert_file(&path, &name, format, &opts, &dir)
                        .map(|p| Output::Plan(Box::new(p)))
                });
            }
            Err(f) => job.set(JobState::Failed(f)),
        }
        out.push(job_json(&job, lang));
    }
    json_ok(serde_json::Value::Array(out))
}

/// `POST /api/diff` (multipart, fields `old` and `new`): one diff job.
pub async fn upload_diff(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let lang = request_lang(&app, &headers, None);
    if let Some(refused) = declared_too_large(&app, &headers, lang) {
        return refused;
    }
    let files = match receive(&app, &mut form, lang, Kind::Diff).await {
        Ok(f) => f,
        Err(resp) => return resp,
    };
    let mut files = files.into_iter();
    let (Some((id, dir, old)), Some((_, _, new))) = (files.next(), files.next()) else {
        return json_error(
            StatusCode::BAD_REQUEST,
            dxplan::t!(lang, "web-error-diff-two"),
        );
    };
    let name = format!("{} → {}", old.name, new.name);
    let job = app.jobs.register(id, dir, name, Kind::Diff);
    match (old.file, new.file) {
        (Ok(o), Ok(n)) => {
            let opts = dxplan::ReadOptions {
                lang,
                ..app.cfg.read.clone()
            };
            let names = (old.name, new.name);
            start(&app, job.clone(), move || {
                diff_files(&o, &n, &names, &opts, lang).map(Output::Diff)
            });
        }
        (Err(f), _) | (_, Err(f)) => job.set(JobState::Failed(f)),
    }
    json_ok(job_json(&job, lang))
}

fn internal(lang: Lang) -> Response {
    json_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        dxplan::t!(lang, "web-error-internal"),
    )
}

/// A reserved job: its id, its folder and what was received into it.
type Slot = (String, PathBuf, Received);

/// Read the multipart fields into job folders: one folder per file for a
/// conversion; for a diff, one folder holding `old.*` and `new.*`, given
/// back in that order. Refuses the whole request (with its reason) when it
/// is over the size or count limit or malformed; its folders are removed.
async fn receive(
    app: &Arc<App>,
    form: &mut Multipart,
    lang: Lang,
    kind: Kind,
) -> Result<Vec<Slot>, Response> {
    let mut got: Vec<Slot> = Vec::new();
    let result = receive_into(app, form, lang, kind, &mut got).await;
    if let Err(resp) = result {
        for (_, dir, _) in &got {
            let _ = std::fs::remove_dir_all(dir);
        }
        return Err(resp);
    }
    if kind == Kind::Diff {
        got.sort_by_key(|(_, _, r)| r.slot);
        let complete = got.len() == 2 && got[0].2.slot == 0 && got[1].2.slot == 1;
        if !complete {
            for (_, dir, _) in &got {
                let _ = std::fs::remove_dir_all(dir);
            }
            return Err(json_error(
                StatusCode::BAD_REQUEST,
                dxplan::t!(lang, "web-error-diff-two"),
            ));
        }
        // Both files live in the first folder; the second is empty.
        let _ = std::fs::remove_dir_all(&got[1].1);
    }
    Ok(got)
}

async fn receive_into(
    app: &Arc<App>,
    form: &mut Multipart,
    lang: Lang,
    kind: Kind,
    got: &mut Vec<Slot>,
) -> Result<(), Response> {
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Ok(()),
            Err(e) => return Err(multipart_error(&e, app, lang)),
        };
        let (slot, stem) = match (kind, field.name()) {
            (Kind::Convert, Some("file")) => (0, "input"),
            (Kind::Diff, Some("old")) => (0, "old"),
            (Kind::Diff, Some("new")) => (1, "new"),
            _ => continue,
        };
        let max = if kind == Kind::Diff {
            2
        } else {
            app.cfg.max_files
        };
        if got.len() >= max || (kind == Kind::Diff && got.iter().any(|g| g.2.slot == slot)) {
            let msg = dxplan::t!(lang, "web-error-too-many-files", files = max as u64);
            return Err(json_error(StatusCode::PAYLOAD_TOO_LARGE, msg));
        }
        let (id, own_dir) = app.jobs.reserve().map_err(|_| internal(lang))?;
        // A diff keeps both files in the first file's folder.
        let dir = match (kind, got.first()) {
            (Kind::Diff, Some((_, first, _))) => first.clone(),
            _ => own_dir.clone(),
        };
        got.push((
            id,
            own_dir,
            Received {
                name: String::new(),
                slot,
                file: Err(Failure::Internal),
            },
        ));
        let r = receive_one(app, field, lang, &dir, stem, slot).await?;
        if let Some(last) = got.last_mut() {
            last.2 = r;
        }
    }
}

// The error is the HTTP answer itself, made once per upload.
#[allow(clippy::result_large_err)]
async fn receive_one(
    app: &Arc<App>,
    mut field: Field<'_>,
    lang: Lang,
    dir: &Path,
    stem: &str,
    slot: u8,
) -> Result<Received, Response> {
    let name = display_name(field.file_name().unwrap_or(""));
    let done = |file| {
        Ok(Received {
            name: name.clone(),
            slot,
            file,
        })
    };
    let format = match InputFormat::from_path(Path::new(&name)) {
        Ok(f) => f,
        Err(_) => {
            let ext = Path::new(&name)
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_default();
            return done(Err(Failure::Unsupported(ext)));
        }
    };
    let limit = app.cfg.read.limits.max_input_bytes;
    let mut bytes = Vec::new();
    loop {
        match field.chunk().await {
            Ok(Some(c)) => {
                if (bytes.len() + c.len()) as u64 > limit {
                    return done(Err(Failure::TooLarge(limit.div_ceil(1 << 20))));
                }
                bytes.extend_from_slice(&c);
            }
            Ok(None) => break,
            Err(e) => return Err(multipart_error(&e, app, lang)),
        }
    }
    let path = dir.join(format!("{stem}.{}", format.name()));
    let write = {
        let path = path.clone();
        tokio::task::spawn_blocking(move || write_file(&path, &bytes)).await
    };
    match write {
        Ok(Ok(())) => done(Ok((path, format))),
        _ => Err(internal(lang)),
    }
}

/// An upload whose `Content-Length` is over `--max-upload-bytes`, refused
/// from its headers before any of its body is read: a client that waits
/// (`Expect: 100-continue`) gets the answer without sending the body, and
/// no unread body is left for the connection to be reset over the answer.
fn declared_too_large(app: &App, headers: &HeaderMap, lang: Lang) -> Option<Response> {
    let declared: u64 = headers
        .get(axum::http::header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()?;
    (declared > app.cfg.max_upload_bytes).then(|| upload_too_large(app, lang))
}

fn upload_too_large(app: &App, lang: Lang) -> Response {
    let mb = app.cfg.max_upload_bytes.div_ceil(1 << 20);
    json_error(
        StatusCode::PAYLOAD_TOO_LARGE,
        dxplan::t!(lang, "web-error-upload-too-large", megabytes = mb),
    )
}

fn multipart_error(e: &MultipartError, app: &App, lang: Lang) -> Response {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        upload_too_large(app, lang)
    } else {
        json_error(
            StatusCode::BAD_REQUEST,
            dxplan::t!(lang, "web-error-bad-upload"),
        )
    }
}

/// The last part of an uploaded name, without control characters, at
/// most 120 characters: shown on the page and used in download names only.
pub fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last.chars().filter(|c| !c.is_control()).take(120).collect();
    let clean = clean.trim().to_string();
    if clean.is_empty() || clean == "." || clean == ".." {
        "upload".to_string()
    } else {
        clean
    }
}

/// Run `work` when a slot is free; the job says where it stands.
fn start<F>(app: &Arc<App>, job: Arc<Job>, work: F)
where
    F: FnOnce() -> Result<Output, Failure> + Send + 'static,
{
    let permits = app.jobs.permits.clone();
    tokio::spawn(async move {
        let Ok(permit) = permits.acquire_owned().await else {
            return;
        };
        job.set(JobState::Running);
        let result = tokio::task::spawn_blocking(work).await;
        drop(permit);
        job.set(match result {
            Ok(Ok(out)) => JobState::Done(Arc::new(out)),
            Ok(Err(f)) => JobState::Failed(f),
            Err(_) => JobState::Failed(Failure::Internal),
        });
    });
}

/// Convert one stored upload; the JSON and the workbook are written next
/// to it.
fn convert_file(
    input: &Path,
    name: &str,
    format: InputFormat,
    opts: &ReadOptions,
    dir: &Path,
) -> Result<PlanOut, Failure> {
    let read = |k: ErrorKind| Failure::read(None, k);
    let bytes = std::fs::read(input).map_err(|e| read(ReadError::Io(e).into()))?;
    if format == InputFormat::Json {
        return Err(read(
            ReadError::unsupported(".json", Some("a JSON plan is already converted")).into(),
        ));
    }
    let mut plan = dxplan::convert_bytes(&bytes, name, format, opts).map_err(|e| read(e.kind))?;
    let which = dxplan::RenderOptions {
        csv: None,
        lang: opts.lang,
        ..dxplan::RenderOptions::default()
    };
    let files = dxplan::render_outputs(&mut plan, &which).map_err(|e| read(e.into()))?;
    for (kind, name) in [
        (OutputKind::Json, "plan.json"),
        (OutputKind::Workbook, "plan.xlsx"),
    ] {
        let bytes = files.get(kind).unwrap_or_default();
        write_file(&dir.join(name), bytes).map_err(|e| Failure::read(Some(name), e.into()))?;
    }
    Ok(PlanOut {
        plan,
        input: input.to_path_buf(),
    })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    dxplan::output::write_atomic(path, |w| w.write_all(bytes).map_err(dxplan::output::io_err))
}

/// Compare two stored uploads (plans or dxplan JSON).
fn diff_files(
    old: &(PathBuf, InputFormat),
    new: &(PathBuf, InputFormat),
    names: &(String, String),
    opts: &ReadOptions,
    lang: Lang,
) -> Result<DiffOut, Failure> {
    let a = load(old, &names.0, opts)?;
    let b = load(new, &names.1, opts)?;
    let d = dxplan::diff::diff(&a, &b);
    let mut text = Vec::new();
    let mut markdown = Vec::new();
    let io = |e: std::io::Error| Failure::read(None, WriteError::from(e).into());
    dxplan::diff::write_text_in(&d, &mut text, false, lang).map_err(io)?;
    dxplan::diff::write_markdown_in(&d, &mut markdown, lang).map_err(io)?;
    Ok(DiffOut {
        text: String::from_utf8_lossy(&text).into_owned(),
        markdown: String::from_utf8_lossy(&markdown).into_owned(),
        changes: d.changes.len(),
    })
}

fn load(file: &(PathBuf, InputFormat), name: &str, opts: &ReadOptions) -> Result<Plan, Failure> {
    let fail = |k: ErrorKind| Failure::read(Some(name), k);
    let bytes = std::fs::read(&file.0).map_err(|e| fail(ReadError::Io(e).into()))?;
    if file.1 == InputFormat::Json {
        return serde_json::from_slice(&bytes).map_err(|e| fail(ErrorKind::BadJson(e)));
    }
    dxplan::convert_bytes(&bytes, name, file.1, opts).map_err(|e| fail(e.kind))
}

/// A job as the page polls it.
fn job_json(job: &Job, lang: Lang) -> serde_json::Value {
    let (state, error, warnings, changes) = match job.state() {
        JobState::Queued => ("queued", None, None, None),
        JobState::Running => ("running", None, None, None),
        JobState::Failed(f) => ("failed", Some(f.message(lang)), None, None),
        JobState::Done(o) => match &*o {
            Output::Plan(p) => ("done", None, Some(p.plan.warnings.len()), None),
            Output::Diff(d) => ("done", None, None, Some(d.changes)),
        },
    };
    serde_json::json!({
        "id": job.id,
        "name": job.name,
        "kind": if job.kind == Kind::Diff { "diff" } else { "convert" },
        "state": state,
        "error": error,
        "warnings": warnings,
        "changes": changes,
    })
}

/// `GET /api/jobs/{id}`.
pub async fn status(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    UrlPath(id): UrlPath<String>,
) -> Response {
    let lang = request_lang(&app, &headers, None);
    match app.jobs.get(&id) {
        Some(job) => json_ok(job_json(&job, lang)),
        None => gone(lang),
    }
}

/// 404 for a job that is not (or no longer) kept.
pub fn gone(lang: Lang) -> Response {
    json_error(StatusCode::NOT_FOUND, dxplan::t!(lang, "web-error-gone"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_never_hold_a_path() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\x\\plan.xlsx"), "plan.xlsx");
        assert_eq!(display_name(".."), "upload");
        assert_eq!(display_name("a\nb.pdf"), "ab.pdf");
        assert_eq!(display_name(""), "upload");
        assert_eq!(display_name(&"あ".repeat(300)).chars().count(), 120);
    }

    #[test]
    fn random_ids_differ_and_are_hex() {
        let a = random_hex(16).unwrap();
        let b = random_hex(16).unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
