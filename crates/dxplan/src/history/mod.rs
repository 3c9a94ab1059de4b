//! The history of a plan over its editions: `dxplan history`.
//!
//! [`history`] groups plans by municipality and title, orders each group's
//! editions by date (`revised`, else `issued`), compares each consecutive
//! pair with [`crate::diff`], and follows every measure through the
//! editions: added, removed, renamed, moved, and each revision of a target.
//! The writers render it for a terminal, Markdown, programs (JSON) and
//! spreadsheets (XLSX).
//!
//! # The JSON form
//!
//! ```jsonc
//! {"plans": [{
//!   "municipality": "宮城県塩竈市", "code": "042030", "title": "塩竈市DX推進アクションプラン",
//!   "editions": [{"label": "2023-09", "path": "R5.9/plan.xlsx", "issued": "2023-09",
//!                 "revised": null, "measures": 14, "copies": []}, …],
//!   "steps": [{"from": "2023-09", "to": "2024-03",
//!              "old": {…}, "new": {…}, "changes": [/* the diff JSON's changes */]}, …],
//!   "timeline": [{"id": "1-1", "name": "電子申請の推進", "first": "2023-09",
//!                 "events": [{"edition": "2024-03", "kind": "target", "year": 2024,
//!                             "old": "45", "new": "50"}]}, …]
//! }]}
//! ```
//!
//! An edition's label is its date; files of one plan with the same date
//! (the PDF and the workbook of one edition) are one edition, the others
//! listed as `copies`. Event kinds: `added`, `removed`, `renamed`, `moved`
//! (old and new id), `target` (the fiscal year, which indicator — 0 the
//! first, as in the diff's `indicators[<i>]` — and old and new raw text).

mod text;
mod xlsx;

use std::collections::BTreeMap;
use std::io::{self, Seek, Write};

use serde::Serialize;
use serde_json::Value as Json;

use crate::diff::{self, ChangeKind, Diff};
use crate::error::WriteError;
use crate::i18n::Lang;
use crate::model::Plan;

/// One edition of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edition {
    /// Its date, `YYYY-MM` (`revised`, else `issued`), or the path when the
    /// plan prints neither.
    pub label: String,
    /// The input it was read from.
    pub path: String,
    pub issued: Option<String>,
    pub revised: Option<String>,
    pub measures: usize,
    /// Other inputs holding the same edition.
    pub copies: Vec<String>,
}

/// The changes from one edition to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub from: String,
    pub to: String,
    #[serde(flatten)]
    pub diff: Diff,
}

/// What an edition did to a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Added,
    Removed,
    Renamed,
    Moved,
    Target,
}

/// One event in a measure's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// The edition's label.
    pub edition: String,
    pub kind: EventKind,
    /// The fiscal year of a target revision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Which indicator's target was revised (0-based, as in the diff's
    /// `indicators[<i>]`): each indicator has its own line of targets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<usize>,
    /// Name (added, removed, renamed), id (moved) or target text before.
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One measure followed through the editions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Thread {
    /// Its id in the last edition that has it.
    pub id: String,
    /// Its name in the last edition that has it.
    pub name: String,
    /// The first edition that has it.
    pub first: String,
    pub events: Vec<Event>,
    #[serde(skip)]
    alive: bool,
}

/// The history of one plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanHistory {
    pub municipality: Option<String>,
    pub code: Option<String>,
    pub title: Option<String>,
    pub editions: Vec<Edition>,
    pub steps: Vec<Step>,
    pub timeline: Vec<Thread>,
}

/// Every plan's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    pub plans: Vec<PlanHistory>,
}

/// Build the history of plans read from the given paths.
pub fn history(inputs: Vec<(String, Plan)>) -> History {
    let mut groups: BTreeMap<(String, String), Vec<(String, Plan)>> = BTreeMap::new();
    for (path, plan) in inputs {
        groups
            .entry(group_key(&plan))
            .or_default()
            .push((path, plan));
    }
    History {
        plans: groups.into_values().map(plan_history).collect(),
    }
}

/// Same municipality (code, else name) and same title (compared by meaning).
fn group_key(p: &Plan) -> (String, String) {
    let m = p.plan.municipality.as_ref();
    let who = m
        .and_then(|m| m.code.clone())
        .or_else(|| m.map(|m| m.name.clone()))
        .unwrap_or_default();
    let title = diff::equal::text_key(p.plan.title.as_deref()).unwrap_or_default();
    (who, title)
}

fn label(path: &str, p: &Plan) -> String {
    p.plan
        .revised
        .clone()
        .or_else(|| p.plan.issued.clone())
        .unwrap_or_else(|| path.to_string())
}

fn plan_history(mut files: Vec<(String, Plan)>) -> PlanHistory {
    files.sort_by(|a, b| (label(&a.0, &a.1), &a.0).cmp(&(label(&b.0, &b.1), &b.0)));
    let mut editions: Vec<Edition> = Vec::new();
    let mut plans: Vec<Plan> = Vec::new();
    for (path, plan) in files {
        let l = label(&path, &plan);
        if let Some(e) = editions.last_mut().filter(|e| e.label == l) {
            e.copies.push(path);
            continue;
        }
        editions.push(Edition {
            label: l,
            path,
            issued: plan.plan.issued.clone(),
            revised: plan.plan.revised.clone(),
            measures: plan.measures.len(),
            copies: Vec::new(),
        });
        plans.push(plan);
    }
    let steps: Vec<Step> = (1..plans.len())
        .map(|i| step(&editions[i - 1], &editions[i], &plans[i - 1], &plans[i]))
        .collect();
    let last = plans.last();
    let m = last.and_then(|p| p.plan.municipality.as_ref());
    PlanHistory {
        municipality: m.map(|m| match &m.prefecture {
            Some(p) if !m.name.starts_with(p.as_str()) => format!("{p}{}", m.name),
            _ => m.name.clone(),
        }),
        code: m.and_then(|m| m.code.clone()),
        title: last.and_then(|p| p.plan.title.clone()),
        timeline: timeline(&editions, plans.first(), &steps),
        editions,
        steps,
    }
}

fn step(a: &Edition, b: &Edition, old: &Plan, new: &Plan) -> Step {
    let mut d = diff::diff(old, new);
    d.old.file = a.path.clone();
    d.new.file = b.path.clone();
    Step {
        from: a.label.clone(),
        to: b.label.clone(),
        diff: d,
    }
}

/// Follow every measure of the first edition, and every measure added
/// later, through the steps' changes.
fn timeline(editions: &[Edition], first: Option<&Plan>, steps: &[Step]) -> Vec<Thread> {
    let Some(first) = first else {
        return Vec::new();
    };
    let mut threads: Vec<Thread> = first
        .measures
        .iter()
        .map(|m| Thread {
            id: m.id.clone(),
            name: m.name.clone(),
            first: editions[0].label.clone(),
            events: Vec::new(),
            alive: true,
        })
        .collect();
    for s in steps {
        for c in &s.diff.changes {
            apply(&mut threads, &s.to, c);
        }
    }
    threads.sort_by_key(|t| id_key(&t.id));
    threads
}

fn apply(threads: &mut Vec<Thread>, edition: &str, c: &diff::Change) {
    let event = |kind, year, old: Option<String>, new: Option<String>| Event {
        edition: edition.to_string(),
        kind,
        year,
        indicator: None,
        old,
        new,
    };
    let find = |threads: &mut Vec<Thread>, id: &str| -> Option<usize> {
        threads.iter().position(|t| t.alive && t.id == id)
    };
    match (c.path.as_str(), c.kind) {
        ("", ChangeKind::Added) => threads.push(Thread {
            id: c.measure.clone(),
            name: text(&c.new).unwrap_or_default(),
            first: edition.to_string(),
            events: vec![event(EventKind::Added, None, None, text(&c.new))],
            alive: true,
        }),
        ("", ChangeKind::Removed) => {
            if let Some(i) = find(threads, &c.measure) {
                threads[i].alive = false;
                threads[i]
                    .events
                    .push(event(EventKind::Removed, None, text(&c.old), None));
            }
        }
        ("", ChangeKind::Moved) => {
            let old_id = c.old_id.clone().unwrap_or_default();
            if let Some(i) = find(threads, &old_id) {
                threads[i].id = c.measure.clone();
                let e = event(
                    EventKind::Moved,
                    None,
                    Some(old_id),
                    Some(c.measure.clone()),
                );
                threads[i].events.push(e);
            }
        }
        ("name", _) => {
            if let Some(i) = find(threads, &c.measure) {
                threads[i].name = text(&c.new).unwrap_or_default();
                let e = event(EventKind::Renamed, None, text(&c.old), text(&c.new));
                threads[i].events.push(e);
            }
        }
        (p, _) => {
            let target = diff::indicator_part(p).and_then(|(n, rest)| {
                let year = rest.strip_prefix("target.")?.parse().ok()?;
                Some((n, year))
            });
            if let (Some((n, year)), Some(i)) = (target, find(threads, &c.measure)) {
                let mut e = event(EventKind::Target, Some(year), raw(&c.old), raw(&c.new));
                e.indicator = Some(n);
                threads[i].events.push(e);
            }
        }
    }
}

/// A measure id as numbers for sorting (`2-10` after `2-9`).
fn id_key(id: &str) -> (Vec<u64>, String) {
    let nums = id
        .split(['-', '.'])
        .map(|p| p.parse().unwrap_or(u64::MAX))
        .collect();
    (nums, id.to_string())
}

fn text(v: &Json) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// A Value's raw text; null for an absent year.
fn raw(v: &Json) -> Option<String> {
    v.get("raw").and_then(Json::as_str).map(str::to_string)
}

/// The history as JSON (pretty, trailing newline).
///
/// # Errors
/// Write failures.
pub fn write_json<W: Write>(h: &History, mut w: W) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut w, h)?;
    w.write_all(b"\n")
}

/// The history for a terminal: per plan its editions, each step's diff
/// (the `dxplan diff` text form), then the measures' timeline.
///
/// # Errors
/// Write failures.
pub fn write_text<W: Write>(h: &History, w: W, color: bool) -> io::Result<()> {
    write_text_in(h, w, color, Lang::En)
}

/// [`write_text`] with the words around the plans' own (counts, dates,
/// the steps' diffs, the timeline's events) in `lang`.
///
/// # Errors
/// Write failures.
pub fn write_text_in<W: Write>(h: &History, w: W, color: bool, lang: Lang) -> io::Result<()> {
    text::write(h, w, color, false, lang)
}

/// The history as Markdown: the same sections as the text form, the
/// steps in the `dxplan diff` Markdown form, the timeline as a table.
///
/// # Errors
/// Write failures.
pub fn write_markdown<W: Write>(h: &History, w: W) -> io::Result<()> {
    write_markdown_in(h, w, Lang::En)
}

/// [`write_markdown`] with its words in `lang`.
///
/// # Errors
/// Write failures.
pub fn write_markdown_in<W: Write>(h: &History, w: W, lang: Lang) -> io::Result<()> {
    text::write(h, w, false, true, lang)
}

/// The history as a workbook: sheets 版 (editions), 変更 (one row per
/// change, with both editions), 施策の経過 (one row per event).
///
/// # Errors
/// [`WriteError::Workbook`].
pub fn write_xlsx<W: Write + Seek + Send>(h: &History, w: W) -> Result<(), WriteError> {
    xlsx::write(h, w, Lang::En)
}

/// [`write_xlsx`] with the words in its cells (種別, 出来事) in `lang`;
/// sheet names and headers are Japanese in every language.
///
/// # Errors
/// [`WriteError::Workbook`].
pub fn write_xlsx_in<W: Write + Seek + Send>(
    h: &History,
    w: W,
    lang: Lang,
) -> Result<(), WriteError> {
    xlsx::write(h, w, lang)
}
