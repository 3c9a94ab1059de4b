//! The review page's API: open a plan with its review, apply staff's
//! edits to the review, save it beside the input (archive mode), and show
//! where a value was read.
//!
//! A plan is named by `path` (relative to `--archive DIR`) or by `job` (an
//! upload). The page keeps the review it is editing and sends it back with
//! each edit; the server turns edits into the review's corrections with
//! the library ([`dxplan::review`]), so `old` is always the value as read.
//! Nothing is written until the page saves; a save names the SHA-256 of
//! the review file it opened and is refused when the file changed since
//! (another person saved): the page keeps its edits. Without an archive
//! the page downloads the review file and uploads it back.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value as Json, json};

use super::App;
use super::archive::Refused;
use super::html::escape;
use super::jobs::Output;
use super::page::{json_error, json_ok, request_lang};
use dxplan::diff::path::FieldPath;
use dxplan::i18n::Lang;
use dxplan::model::Plan;
use dxplan::review::{self, Correction, Review};
use dxplan::t;

/// Which plan: `path` under the archive, or an upload's `job`.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct Target {
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub job: Option<String>,
}

/// A plan found: its input file, its name for display, the review file
/// beside it (archive mode only) and the plan as read.
struct Opened {
    input: PathBuf,
    name: String,
    review_file: Option<PathBuf>,
    raw: Arc<Plan>,
}

/// A refusal: status and message.
type Refusal = (StatusCode, String);

fn refusal(r: Refusal) -> Response {
    json_error(r.0, r.1)
}

/// Find the plan a request names and read it (blocking: run it off the
/// async threads).
fn open(app: &App, target: &Target, lang: Lang) -> Result<Opened, Refusal> {
    if let Some(rel) = &target.path {
        let Some(archive) = &app.archive else {
            return Err((StatusCode::NOT_FOUND, t!(lang, "web-review-no-archive")));
        };
        let input = archive.resolve(rel).map_err(|r| match r {
            Refused::BadName => (StatusCode::BAD_REQUEST, t!(lang, "web-review-refused-path")),
            Refused::NotAPlan => (StatusCode::NOT_FOUND, t!(lang, "web-review-refused-path")),
        })?;
        let review_file = archive
            .review_path(&input)
            .ok_or_else(|| (StatusCode::FORBIDDEN, t!(lang, "web-review-refused-path")))?;
        let raw = archive.raw_plan(&input, &app.cfg.read).map_err(|e| {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                dxplan::i18n::error_message(&e, lang),
            )
        })?;
        return Ok(Opened {
            input,
            name: rel.clone(),
            review_file: Some(review_file),
            raw,
        });
    }
    let gone = || (StatusCode::NOT_FOUND, t!(lang, "web-error-gone"));
    let job = app
        .jobs
        .get(target.job.as_deref().unwrap_or(""))
        .ok_or_else(gone)?;
    let out = job.plan().ok_or_else(gone)?;
    let Output::Plan(p) = &*out else {
        return Err(gone());
    };
    Ok(Opened {
        input: p.input.clone(),
        name: job.name.clone(),
        review_file: None,
        raw: Arc::new(p.plan.clone()),
    })
}

/// The review file's name for a plan named `name` (`plan.pdf` →
/// `plan.review.json`).
fn review_name(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    review::review_path(std::path::Path::new(base))
        .to_string_lossy()
        .into_owned()
}

/// The plan with the review applied, as JSON.
fn reviewed(raw: &Plan, r: &Review, file: &str) -> Result<Json, String> {
    let mut plan = raw.clone();
    review::apply(&mut plan, r, file).map_err(|e| e.kind.to_string())?;
    serde_json::to_value(&plan).map_err(|e| e.to_string())
}

/// What the page gets for a plan: the plan as reviewed, the review, the
/// SHA-256 of the review file (null when there is none) and how to save.
fn plan_json(o: &Opened, r: &Review, sha: Option<&str>, lang: Lang) -> Result<Json, String> {
    let file = review_name(&o.name);
    let plan = reviewed(&o.raw, r, &file)?;
    // The warnings' kinds in words.
    let codes: serde_json::Map<String, Json> = plan["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w["code"].as_str())
        .map(|c| (c.to_string(), json!(t!(lang, &format!("web-code-{c}")))))
        .collect();
    Ok(json!({
        "name": o.name,
        "format": o.raw.source.format,
        "archive": o.review_file.is_some(),
        "review_file": file,
        "review": r,
        "sha256": sha,
        "plan": plan,
        "codes": codes,
    }))
}

async fn blocking<T: Send + 'static>(
    app: &Arc<App>,
    lang: Lang,
    f: impl FnOnce() -> Result<T, Refusal> + Send + 'static,
) -> Result<T, Refusal> {
    let permits = app.jobs.permits();
    let internal = || {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            t!(lang, "web-error-internal"),
        )
    };
    let _permit = permits.acquire_owned().await.map_err(|_| internal())?;
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|_| Err(internal()))
}

/// `GET /api/review?path=…|job=…`: the plan, its review and its hash.
pub async fn load(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(target): Query<Target>,
) -> Response {
    let lang = request_lang(&app, &headers, None);
    let a = app.clone();
    let r = blocking(&app, lang, move || {
        let o = open(&a, &target, lang)?;
        let file = match &o.review_file {
            Some(p) => review::read_for(&o.input, p).map_err(|e| {
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    dxplan::i18n::error_message(&e, lang),
                )
            })?,
            None => None,
        };
        let (r, sha) = match file {
            Some(f) => (f.review, Some(f.sha256)),
            None => (Review::new(), None),
        };
        let mut j = plan_json(&o, &r, sha.as_deref(), lang)
            .map_err(|e| (StatusCode::UNPROCESSABLE_ENTITY, e))?;
        // Where the page publishes an approved plan (archive mode only).
        j["publish"] = match (&a.cfg.portal, &o.review_file) {
            (Some(p), Some(_)) => json!({"ckan": p.ckan, "organization": p.organization}),
            _ => Json::Null,
        };
        Ok(j)
    })
    .await;
    match r {
        Ok(j) => json_ok(j),
        Err(e) => refusal(e),
    }
}

/// The body of an edit: the plan, the review being edited and the edits.
#[derive(Deserialize)]
pub struct ApplyBody {
    #[serde(flatten)]
    target: Target,
    review: Json,
    #[serde(default)]
    ops: Vec<Json>,
}

/// `POST /api/review/apply`: the review with the edits made, and the plan
/// as it would then read. Nothing is written.
pub async fn apply(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let lang = request_lang(&app, &headers, None);
    let body: ApplyBody = match json_body(&body, lang) {
        Ok(b) => b,
        Err(e) => return refusal(e),
    };
    let a = app.clone();
    let r = blocking(&app, lang, move || {
        let o = open(&a, &body.target, lang)?;
        let bad = |e: String| {
            (
                StatusCode::BAD_REQUEST,
                t!(lang, "web-review-invalid", detail = e),
            )
        };
        let mut r = parse_review(&body.review).map_err(bad)?;
        for op in &body.ops {
            edit(&o.raw, &mut r, op).map_err(bad)?;
        }
        plan_json(&o, &r, None, lang).map_err(bad)
    })
    .await;
    match r {
        Ok(j) => json_ok(j),
        Err(e) => refusal(e),
    }
}

/// The body of a save: the review and the hash of the file it was opened
/// from (null: there was none).
#[derive(Deserialize)]
pub struct SaveBody {
    #[serde(flatten)]
    target: Target,
    review: Json,
    #[serde(default)]
    expected: Option<String>,
}

/// `POST /api/review/save` (archive only): write `<stem>.review.json`
/// atomically beside the input, unless it changed since it was opened
/// (409, nothing written).
pub async fn save(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let lang = request_lang(&app, &headers, None);
    let body: SaveBody = match json_body(&body, lang) {
        Ok(b) => b,
        Err(e) => return refusal(e),
    };
    let a = app.clone();
    let r = blocking(&app, lang, move || {
        if body.target.path.is_none() {
            return Err((StatusCode::BAD_REQUEST, t!(lang, "web-review-no-archive")));
        }
        let o = open(&a, &body.target, lang)?;
        let Some(file) = &o.review_file else {
            return Err((StatusCode::BAD_REQUEST, t!(lang, "web-review-no-archive")));
        };
        let bad = |e: String| {
            (
                StatusCode::BAD_REQUEST,
                t!(lang, "web-review-invalid", detail = e),
            )
        };
        let mut r = parse_review(&body.review).map_err(bad)?;
        r.source_sha256 = Some(o.raw.source.sha256.clone());
        match review::save(file, &r, body.expected.as_deref()) {
            Ok(sha) => plan_json(&o, &r, Some(&sha), lang).map_err(bad),
            Err(e)
                if matches!(
                    e.kind,
                    dxplan::ErrorKind::Review(dxplan::error::ReviewError::Changed)
                ) =>
            {
                Err((StatusCode::CONFLICT, t!(lang, "web-review-conflict")))
            }
            Err(e) => Err((
                StatusCode::INTERNAL_SERVER_ERROR,
                dxplan::i18n::error_message(&e, lang),
            )),
        }
    })
    .await;
    match r {
        Ok(j) => json_ok(j),
        Err(e) => refusal(e),
    }
}

/// `POST /api/review/publish` `{"path": …}`: publish the plan of the
/// archive to the CKAN portal of `--ckan`, as `dxplan publish
/// --approved-only` does: the plan as read with its saved review applied,
/// only when that review approves it for the file as read (409 with the
/// reason otherwise). Answers the steps done and the outcome in the
/// request's language; a portal failure is a 502 with its reason and the
/// steps done before it.
pub async fn publish(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let lang = request_lang(&app, &headers, None);
    let target: Target = match json_body(&body, lang) {
        Ok(b) => b,
        Err(e) => return refusal(e),
    };
    let Some(portal) = app.cfg.portal.clone() else {
        return json_error(StatusCode::NOT_FOUND, t!(lang, "web-publish-off"));
    };
    if target.path.is_none() {
        return json_error(StatusCode::BAD_REQUEST, t!(lang, "web-review-no-archive"));
    }
    let a = app.clone();
    let r = blocking(&app, lang, move || {
        let o = open(&a, &target, lang)?;
        let unreadable = |e: dxplan::Error| {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                dxplan::i18n::error_message(&e, lang),
            )
        };
        let file = match &o.review_file {
            Some(p) => review::read_for(&o.input, p).map_err(unreadable)?,
            None => None,
        };
        let mut plan = (*o.raw).clone();
        review::apply_file(&mut plan, file.as_ref()).map_err(unreadable)?;
        if let Some(why) = dxplan_portal::approval::refusal(&o.input, &plan, lang) {
            return Err((
                StatusCode::CONFLICT,
                t!(lang, "web-publish-not-approved", reason = why),
            ));
        }
        let failed = |e: dxplan_portal::PortalError, steps: &[String]| {
            let mut j = json!({"error": e.message(lang)});
            j["steps"] = json!(steps);
            Ok::<_, Refusal>((StatusCode::BAD_GATEWAY, j))
        };
        let ckan = match dxplan_portal::Ckan::with_ca(
            &portal.ckan,
            Some(portal.token.clone()),
            portal.ca_cert.as_deref(),
        ) {
            Ok(c) => c,
            Err(e) => return failed(e, &[]),
        };
        let opts = dxplan_portal::Options {
            organization: portal.organization.clone(),
            dry_run: false,
        };
        let site = match dxplan_portal::Portal::open(&ckan, &opts) {
            Ok(p) => p,
            Err(e) => return failed(e, &[]),
        };
        let mut steps = Vec::new();
        match site.publish(&plan, &mut |s| steps.push(s.message(lang))) {
            Ok(out) => Ok((
                StatusCode::OK,
                json!({"steps": steps, "outcome": out.message(lang), "url": out.url}),
            )),
            Err(e) => failed(e, &steps),
        }
    })
    .await;
    match r {
        Ok((status, j)) => (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            j.to_string(),
        )
            .into_response(),
        Err(e) => refusal(e),
    }
}

/// A request's JSON body, or 400 saying what is wrong with it.
fn json_body<T: serde::de::DeserializeOwned>(bytes: &[u8], lang: Lang) -> Result<T, Refusal> {
    serde_json::from_slice(bytes).map_err(|e| {
        (
            StatusCode::BAD_REQUEST,
            t!(lang, "web-review-invalid", detail = e.to_string()),
        )
    })
}

fn parse_review(v: &Json) -> Result<Review, String> {
    if v.is_null() {
        return Ok(Review::new());
    }
    let bytes = serde_json::to_vec(v).map_err(|e| e.to_string())?;
    Review::from_slice(&bytes).map_err(|e| e.to_string())
}

fn text(op: &Json, key: &str) -> Option<String> {
    op.get(key).and_then(Json::as_str).map(str::to_string)
}

/// One edit of the page applied to the review, against the plan as read:
///
/// - `{"op": "set", "measure", "path", "new", "note"?}`: a correction to
///   `new` (the diff's JSON of that path); back to the value as read, the
///   correction goes;
/// - `{"op": "set_raw", "measure", "path", "raw", "note"?}`: a Value typed
///   as text, read as the readers read a cell;
/// - `{"op": "unset", "measure", "path"}`; `{"op": "note", "measure",
///   "path", "note"}`;
/// - `{"op": "add_measure", "measure", "name", "note"?}`,
///   `{"op": "remove_measure", "measure", "note"?}`;
/// - `{"op": "dismiss", "code", "at", "note"}`, `{"op": "undismiss",
///   "code", "at"}`;
/// - `{"op": "approve", "by", "at"}`, `{"op": "unapprove"}`.
pub fn edit(raw: &Plan, r: &mut Review, op: &Json) -> Result<(), String> {
    let kind = text(op, "op").unwrap_or_default();
    let measure = text(op, "measure").filter(|m| !m.trim().is_empty());
    let path = text(op, "path").unwrap_or_default();
    let note = text(op, "note").filter(|n| !n.trim().is_empty());
    let with_note = |c: Correction| match &note {
        Some(n) => c.with_note(n.clone()),
        None => c,
    };
    match kind.as_str() {
        "set" | "set_raw" => {
            // A measure this review adds is edited inside its correction.
            let added = added_at(r, measure.as_deref());
            let base = match added {
                Some(i) => Some(with_only(raw, &r.corrections[i].new)?),
                None => None,
            };
            let new = if kind == "set" {
                op.get("new").cloned().unwrap_or(Json::Null)
            } else {
                let raw_text = text(op, "raw").unwrap_or_default();
                let id = measure.as_deref().unwrap_or("");
                dxplan::editor::value_from_raw(base.as_ref().unwrap_or(raw), id, &path, &raw_text)
                    .ok_or_else(|| format!("{path:?} is not a value's path"))?
            };
            if let (Some(i), Some(mut plan)) = (added, base) {
                let p = FieldPath::parse_change(&path, &Json::Null, &new)
                    .ok_or_else(|| format!("{path:?} is not a path of the diff"))?;
                if p == FieldPath::Measure {
                    return Err("a whole measure is added or removed, not set".into());
                }
                p.set(&mut plan, measure.as_deref(), p.decode(&new)?)?;
                let m = plan.measures.first().ok_or("no measure")?;
                r.corrections[i].new = serde_json::to_value(m).map_err(|e| e.to_string())?;
                return Ok(());
            }
            let c = Correction::against(raw, measure.as_deref(), &path, new)
                .map_err(|e| e.to_string())?;
            if c.old == c.new {
                // Back to the value as read: no correction.
                r.remove_correction(measure.as_deref(), &path);
            } else {
                r.set_correction(with_note(c));
            }
        }
        "unset" => {
            r.remove_correction(measure.as_deref(), &path);
        }
        "note" => {
            let c = r
                .corrections
                .iter_mut()
                .find(|c| c.measure == measure && c.path == path)
                .ok_or_else(|| format!("no correction of {path:?}"))?;
            c.note = note;
        }
        "add_measure" => {
            let id = measure.ok_or("a new measure needs its number")?;
            if raw.measures.iter().any(|m| m.id == id)
                || r.corrections
                    .iter()
                    .any(|c| c.measure.as_deref() == Some(&id) && c.path.is_empty())
            {
                return Err(format!("measure {id} is already there"));
            }
            let name = text(op, "name").unwrap_or_default();
            let c = Correction::new(Some(&id), "", Json::Null, new_measure(&id, &name))
                .map_err(|e| e.to_string())?;
            r.set_correction(with_note(c));
        }
        "remove_measure" => {
            let id = measure.ok_or("which measure?")?;
            let added = r
                .corrections
                .iter()
                .any(|c| c.measure.as_deref() == Some(&id) && c.path.is_empty() && c.old.is_null());
            if added {
                r.remove_correction(Some(&id), "");
            } else {
                let c = Correction::against(raw, Some(&id), "", Json::Null)
                    .map_err(|e| e.to_string())?;
                if c.old.is_null() {
                    return Err(format!("no measure {id}"));
                }
                r.set_correction(with_note(c));
            }
        }
        "dismiss" => {
            let code = text(op, "code").ok_or("which warning?")?;
            r.dismiss(
                &code,
                text(op, "at").as_deref(),
                note.as_deref().unwrap_or(""),
            );
        }
        "undismiss" => {
            let code = text(op, "code").ok_or("which warning?")?;
            let at = text(op, "at");
            r.dismissed.retain(|d| !(d.code == code && d.at == at));
        }
        "approve" => {
            let by = text(op, "by")
                .filter(|b| !b.trim().is_empty())
                .ok_or("who approves?")?;
            let at = text(op, "at").unwrap_or_default();
            r.approve(by.trim(), at.trim());
        }
        "unapprove" => r.unapprove(),
        other => return Err(format!("unknown edit {other:?}")),
    }
    Ok(())
}

/// The correction by which the review adds `measure`, if it does.
fn added_at(r: &Review, measure: Option<&str>) -> Option<usize> {
    let id = measure?;
    r.corrections
        .iter()
        .position(|c| c.measure.as_deref() == Some(id) && c.path.is_empty() && c.old.is_null())
}

/// The plan with this one measure only (a measure the review adds), to
/// edit it with the diff's paths.
fn with_only(raw: &Plan, measure: &Json) -> Result<Plan, String> {
    let m = serde_json::from_value(measure.clone()).map_err(|e| e.to_string())?;
    Ok(Plan {
        measures: vec![m],
        ..raw.clone()
    })
}

/// A measure staff add: its number and name, the rest empty.
fn new_measure(id: &str, name: &str) -> Json {
    let (policy, number) = id
        .split_once('-')
        .map(|(p, n)| (p.trim().parse().unwrap_or(0), n.trim().parse().unwrap_or(0)))
        .unwrap_or((0, 0));
    json!({
        "id": id, "policy": policy, "number": number, "name": name,
        "description": null, "effect": null, "schedule": [], "indicators": [],
        "cost": null, "challenges": null, "qualitative_evaluation": null,
        "review": null, "departments": [], "departments_etc": false,
        "source_ref": "",
    })
}

/// `GET /api/review/source?path=…|job=…&at=…[&box=x0,y0,x1,y1]`: where a
/// value was read. For a PDF the page as `dxplan inspect` draws it with
/// the cell outlined (SVG); for a workbook the sheet's cells around it
/// (an HTML table).
#[derive(Deserialize)]
pub struct SourceQuery {
    #[serde(flatten)]
    target: Target,
    at: String,
    #[serde(default, rename = "box")]
    bbox: Option<String>,
}

pub async fn source(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(q): Query<SourceQuery>,
) -> Response {
    let lang = request_lang(&app, &headers, None);
    let a = app.clone();
    let r = blocking(&app, lang, move || {
        let o = open(&a, &q.target, lang)?;
        let none = || (StatusCode::NOT_FOUND, t!(lang, "web-error-no-page"));
        let opts = a.cfg.read.clone();
        match parse_at(&q.at).ok_or_else(none)? {
            At::Page { page, cell } => {
                let svg = dxplan::inspect_svg(&o.input, page, &opts).map_err(|_| none())?;
                let bbox = q.bbox.as_deref().and_then(parse_box);
                let outlined = match (bbox, cell) {
                    (Some(b), _) => Some(outline(&svg, b)),
                    (None, Some((r, c))) => cell_box(&svg, r, c).map(|b| outline(&svg, b)),
                    (None, None) => Some(svg.clone()),
                };
                Ok(("image/svg+xml", outlined.unwrap_or(svg)))
            }
            At::Sheet { sheet, row, col } => {
                let w = dxplan::editor::sheet_cells(&o.input, &sheet, row, col, 6, 6, &opts)
                    .map_err(|_| none())?
                    .ok_or_else(none)?;
                Ok(("text/html; charset=utf-8", sheet_html(&w, row, col)))
            }
        }
    })
    .await;
    match r {
        Ok((mime, body)) => ([(header::CONTENT_TYPE, mime)], body).into_response(),
        Err(e) => refusal(e),
    }
}

/// A value's or a warning's `at`.
#[derive(Debug, PartialEq)]
enum At {
    /// `p.3 r13c4` (1-based grid row and column) or `p.3`.
    Page { page: u32, cell: Option<(u32, u32)> },
    /// `Sheet!D13`, `'My Sheet'!D13`, or the first cell of `Sheet!A3:S19`.
    Sheet { sheet: String, row: u32, col: u32 },
}

fn parse_at(at: &str) -> Option<At> {
    let at = at.trim();
    if let Some(rest) = at.strip_prefix("p.") {
        let (page, cell) = match rest.split_once(' ') {
            Some((p, c)) => (p, Some(c)),
            None => (rest, None),
        };
        let page = page.parse().ok()?;
        let cell = cell.and_then(|c| {
            let (r, c) = c.strip_prefix('r')?.split_once('c')?;
            Some((r.parse().ok()?, c.parse().ok()?))
        });
        return Some(At::Page { page, cell });
    }
    let (sheet, cell) = at.rsplit_once('!')?;
    let cell = cell.split(':').next()?;
    let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = cell[letters.len()..].parse().ok()?;
    let col = letters.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase() - b'A' + 1))
    })?;
    let sheet = sheet
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .map_or_else(|| sheet.to_string(), |s| s.replace("''", "'"));
    (row > 0 && col > 0).then_some(At::Sheet { sheet, row, col })
}

fn parse_box(s: &str) -> Option<[f32; 4]> {
    let v: Vec<f32> = s.split(',').filter_map(|x| x.trim().parse().ok()).collect();
    (v.len() == 4 && v.iter().all(|x| x.is_finite())).then(|| [v[0], v[1], v[2], v[3]])
}

/// The box of the cell `dxplan inspect` labels `row-1,col-1` (its rect is
/// the element before the label).
fn cell_box(svg: &str, row: u32, col: u32) -> Option<[f32; 4]> {
    let label = format!(">{},{}</text>", row.checked_sub(1)?, col.checked_sub(1)?);
    let end = svg.find(&label)?;
    let before = &svg[..end];
    let rect_at = before.rfind("<rect")?;
    let rect = &before[rect_at..];
    let attr = |name: &str| -> Option<f32> {
        let key = format!(" {name}=\"");
        let i = rect.find(&key)? + key.len();
        rect[i..].split('"').next()?.parse().ok()
    };
    let (x, y, w, h) = (attr("x")?, attr("y")?, attr("width")?, attr("height")?);
    Some([x, y, x + w, y + h])
}

/// The SVG with a red box drawn last over `bbox` (points, top-left).
fn outline(svg: &str, bbox: [f32; 4]) -> String {
    crate::render::outlined(svg, &bbox, "dxplan-source")
}

/// The sheet's cells around one, as a table headed by column letters and
/// row numbers, the cell itself marked.
fn sheet_html(w: &dxplan::editor::SheetCells, row: u32, col: u32) -> String {
    use std::fmt::Write;
    let cols = w.texts.first().map_or(0, Vec::len) as u32;
    let mut s = format!(
        r#"<table class="sheet-cells" data-sheet="{}"><thead><tr><th>{}</th>"#,
        escape(&w.sheet),
        escape(&w.sheet)
    );
    for j in 0..cols {
        let _ = write!(s, "<th>{}</th>", column_name(w.first_col + j));
    }
    s.push_str("</tr></thead><tbody>");
    for (i, r) in w.texts.iter().enumerate() {
        let rn = w.first_row + i as u32;
        let _ = write!(s, "<tr><th>{rn}</th>");
        for (j, t) in r.iter().enumerate() {
            let here = rn == row && w.first_col + j as u32 == col;
            let class = if here { r#" class="source-cell""# } else { "" };
            let _ = write!(s, "<td{class}>{}</td>", escape(t));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

fn column_name(mut col: u32) -> String {
    let mut s = Vec::new();
    while col > 0 {
        let r = (col - 1) % 26;
        s.push(b'A' + r as u8);
        col = (col - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// `GET /api/archive`: every plan under the folder with its review status
/// and the warnings left (not dismissed).
pub async fn list(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let lang = request_lang(&app, &headers, None);
    if app.archive.is_none() {
        return json_error(StatusCode::NOT_FOUND, t!(lang, "web-review-no-archive"));
    }
    let a = app.clone();
    let r = blocking(&app, lang, move || {
        let archive = a.archive.as_ref().expect("checked");
        let found = archive.plans();
        // The first listing reads every plan (later ones hit the cache):
        // as many at once as the server converts uploads (`--jobs`).
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done = Mutex::new(vec![Json::Null; found.len()]);
        std::thread::scope(|s| {
            for _ in 0..a.cfg.jobs.clamp(1, found.len().max(1)) {
                s.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((rel, path)) = found.get(i) else {
                            break;
                        };
                        let e = entry(&a, archive, rel, path, lang);
                        done.lock().unwrap_or_else(|p| p.into_inner())[i] = e;
                    }
                });
            }
        });
        let plans = done.into_inner().unwrap_or_else(|p| p.into_inner());
        Ok(json!({"dir": archive.dir.display().to_string(), "plans": plans}))
    })
    .await;
    match r {
        Ok(j) => json_ok(j),
        Err(e) => refusal(e),
    }
}

fn entry(
    app: &App,
    archive: &super::archive::Archive,
    rel: &str,
    path: &std::path::Path,
    lang: Lang,
) -> Json {
    let mut e = json!({"path": rel, "status": "unreviewed"});
    let review = match archive
        .review_path(path)
        .map(|p| review::read_for(path, &p))
    {
        Some(Ok(r)) => r,
        Some(Err(err)) => {
            e["error"] = json!(dxplan::i18n::error_message(&err, lang));
            None
        }
        None => None,
    };
    e["status"] = json!(match review::Stage::of(review.as_ref()) {
        review::Stage::Unreviewed => "unreviewed",
        review::Stage::InReview => "in_review",
        review::Stage::Approved => "approved",
    });
    if let Some(f) = &review {
        let reviewed = f.review.reviewed.as_ref();
        e["by"] = json!(reviewed.and_then(|r| r.by.clone()));
        e["at"] = json!(reviewed.and_then(|r| r.at.clone()));
        e["corrections"] = json!(f.review.corrections.len());
    }
    match archive.raw_plan(path, &app.cfg.read) {
        Ok(raw) => {
            let mut plan = (*raw).clone();
            if let Some(f) = &review {
                let _ = review::apply(&mut plan, &f.review, &review_name(rel));
            }
            let left = plan
                .warnings
                .iter()
                .filter(|w| w.dismissed.is_none())
                .count();
            e["measures"] = json!(plan.measures.len());
            e["warnings"] = json!(plan.warnings.len());
            e["warnings_left"] = json!(left);
            e["title"] = json!(plan.plan.title);
            e["stale"] = json!(plan.review.as_ref().map_or(0, |r| r.stale));
            // Approved, but not for the file as it reads now (it changed,
            // or a correction no longer applies): to be checked again.
            e["approval_lapsed"] = json!(
                plan.review
                    .as_ref()
                    .is_some_and(|r| r.approved && !r.approved_as_read())
            );
        }
        Err(err) => e["error"] = json!(dxplan::i18n::error_message(&err, lang)),
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        let json = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/shiogama-2024-03.json"
        ))
        .unwrap();
        serde_json::from_slice(&json).unwrap()
    }

    #[test]
    fn places_are_read() {
        assert_eq!(
            parse_at("p.3 r13c4"),
            Some(At::Page {
                page: 3,
                cell: Some((13, 4))
            })
        );
        assert_eq!(
            parse_at("p.11"),
            Some(At::Page {
                page: 11,
                cell: None
            })
        );
        assert_eq!(
            parse_at("1-1!D13"),
            Some(At::Sheet {
                sheet: "1-1".into(),
                row: 13,
                col: 4
            })
        );
        assert_eq!(
            parse_at("'My ''x'' Sheet'!AA3:S19"),
            Some(At::Sheet {
                sheet: "My 'x' Sheet".into(),
                row: 3,
                col: 27
            })
        );
        assert_eq!(parse_at("nonsense"), None);
        assert_eq!(parse_box("1,2,3,4"), Some([1.0, 2.0, 3.0, 4.0]));
        assert_eq!(parse_box("1,2,NaN,4"), None);
    }

    #[test]
    fn the_labelled_cell_is_found_in_the_drawing() {
        let svg = r#"<svg><g id="cells"><rect x="10" y="20" width="30" height="40"/><text>12,3</text></g></svg>"#;
        assert_eq!(cell_box(svg, 13, 4), Some([10.0, 20.0, 40.0, 60.0]));
        assert_eq!(cell_box(svg, 1, 1), None);
        assert!(outline(svg, [10.0, 20.0, 40.0, 60.0]).contains("dxplan-source"));
    }

    #[test]
    fn edits_become_corrections_against_the_plan_as_read() {
        let raw = plan();
        let m = &raw.measures[0];
        let id = m.id.clone();
        let mut r = Review::new();
        edit(
            &raw,
            &mut r,
            &json!({"op": "set", "measure": id, "path": "name", "new": "新しい名", "note": "誤読"}),
        )
        .unwrap();
        edit(
            &raw,
            &mut r,
            &json!({"op": "set_raw", "measure": id, "path": "cost.2024", "raw": "1,234"}),
        )
        .unwrap();
        edit(
            &raw,
            &mut r,
            &json!({"op": "add_measure", "measure": "9-9", "name": "追加の施策"}),
        )
        .unwrap();
        edit(
            &raw,
            &mut r,
            &json!({"op": "remove_measure", "measure": raw.measures[1].id}),
        )
        .unwrap();
        edit(
            &raw,
            &mut r,
            &json!({"op": "dismiss", "code": "unknown_label", "at": "p.3 r5c1", "note": "注記"}),
        )
        .unwrap();
        edit(
            &raw,
            &mut r,
            &json!({"op": "approve", "by": "山田", "at": "2026-12-06"}),
        )
        .unwrap();
        assert_eq!(r.corrections.len(), 4);
        assert_eq!(r.corrections[0].old, json!(m.name));
        assert_eq!(r.corrections[0].note.as_deref(), Some("誤読"));
        assert_eq!(r.corrections[1].new["raw"], "1,234");
        assert!(r.corrections[1].new["value"].is_number());
        let j = reviewed(&raw, &r, "x.review.json").unwrap();
        assert_eq!(j["review"]["applied"], 4, "{}", j["review"]);
        assert_eq!(j["measures"][0]["name"], "新しい名");
        assert!(
            j["measures"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["id"] == "9-9")
        );
        // An added measure is edited inside its correction.
        edit(
            &raw,
            &mut r,
            &json!({"op": "set", "measure": "9-9", "path": "effect", "new": "効果"}),
        )
        .unwrap();
        edit(
            &raw,
            &mut r,
            &json!({"op": "set_raw", "measure": "9-9", "path": "cost.2024", "raw": "12"}),
        )
        .unwrap();
        let add = &r.corrections[2];
        assert_eq!(
            (add.path.as_str(), &add.new["effect"]),
            ("", &json!("効果"))
        );
        assert_eq!(add.new["cost"]["values"]["2024"]["raw"], "12");
        let j = reviewed(&raw, &r, "x.review.json").unwrap();
        assert_eq!(j["review"]["stale"], 0, "{}", j["review"]);
        // Removing an added measure drops its correction; a name back to
        // the value as read drops that one.
        edit(
            &raw,
            &mut r,
            &json!({"op": "remove_measure", "measure": "9-9"}),
        )
        .unwrap();
        edit(
            &raw,
            &mut r,
            &json!({"op": "set", "measure": id, "path": "name", "new": m.name}),
        )
        .unwrap();
        assert_eq!(r.corrections.len(), 2);
        assert!(
            edit(
                &raw,
                &mut r,
                &json!({"op": "set", "measure": id, "path": "nonsense", "new": 1})
            )
            .is_err()
        );
        assert!(edit(&raw, &mut r, &json!({"op": "approve", "by": " "})).is_err());
        assert!(edit(&raw, &mut r, &json!({"op": "bogus"})).is_err());
    }

    #[test]
    fn review_file_names_follow_the_plan() {
        assert_eq!(review_name("a/b/plan.pdf"), "plan.review.json");
        assert_eq!(review_name("R6.3.xlsx"), "R6.3.review.json");
    }
}
