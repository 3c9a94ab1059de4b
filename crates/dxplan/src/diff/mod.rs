//! Differences between two revisions of a plan: `dxplan diff OLD NEW`.
//!
//! [`diff`] compares two [`Plan`]s; the writers render the result for a
//! terminal ([`write_text`]), a report ([`write_markdown`]), programs
//! ([`write_json`]) and spreadsheets ([`write_xlsx`]).
//!
//! # The JSON form
//!
//! Fixed by the "Diff JSON" section of the plan JSON contract and by
//! `schemas/diff.schema.json`:
//!
//! ```jsonc
//! {
//!   "old": {"file": "plan.xlsx", "revised": "2023-09"},
//!   "new": {"file": "plan.xlsx", "revised": "2024-03"},
//!   "changes": [
//!     {"measure": "1-1", "kind": "changed", "path": "indicator.actual.2023",
//!      "old": {"raw": "", "value": null, "note": null},
//!      "new": {"raw": "40", "value": 40, "note": null}},
//!     {"measure": "1-1", "kind": "changed", "path": "schedule.導入.actual",
//!      "old": [], "new": ["2023-Q1"], "added": ["2023-Q1"], "removed": []},
//!     {"measure": "2-8", "kind": "moved", "old_id": "2-7", "path": "",
//!      "old": "ペーパーレス会議環境の整備", "new": "ペーパーレス会議環境の整備"},
//!     {"measure": "3-2", "kind": "removed", "path": "", "old": "スマートストアの設置", "new": null}
//!   ]
//! }
//! ```
//!
//! - Measures are matched by id. A measure whose id changed but whose name
//!   did not (and whose old id is gone or now holds another name) is one
//!   `moved` change with `old_id`; its other changes follow under the new id.
//! - Whole measures: path `""`, `old`/`new` the measure name or null.
//! - Activity rows are matched by name: a row on one side only is
//!   `schedule.<activity>` added/removed with the whole row; a row on both
//!   sides reports `schedule.<activity>.plan` / `.actual` with the full old
//!   and new period lists plus `added` and `removed`.
//! - Indicators are matched by position: the first is `indicator.…` (as in
//!   the first contract), the others `indicators[<i>].…` (0-based).
//! - Values (`indicator.target.<FY>`, `indicator.actual.<FY>`,
//!   `indicators[<i>].target.<FY>` …, `cost.<FY>`)
//!   are the plan's Value objects without `at`. A year present on one side
//!   only is `added`/`removed`; an absent year equals an empty cell.
//! - `departments` holds the list of names, with a last element `等` when the
//!   printed list ended with 等 (`departments_etc`).
//! - Text fields going from or to null are `changed`.
//! - Order: measures in the new plan's order, removed measures at their old
//!   position; within a measure: moved, `name`, `description`, `effect`,
//!   `challenges`, `review`, `qualitative_evaluation`, `departments`,
//!   schedule rows (same ordering rule), then each indicator in turn (name,
//!   unit, targets, actuals by year), `cost.unit`, cost by year.
//!
//! Comparison is by meaning ([`equal`]): line wrapping, character width and
//! thousands separators do not count as changes.
//!
//! # Examples
//!
//! ```
//! let json = std::fs::read("../../tests/data/shiogama-2024-03.json").unwrap();
//! let old: dxplan::Plan = serde_json::from_slice(&json).unwrap();
//! let mut new = old.clone();
//! new.measures[0].review = Some("オンライン申請を拡充する。".into());
//! let d = dxplan::diff::diff(&old, &new);
//! assert_eq!(d.changes.len(), 1);
//! assert_eq!(d.changes[0].path, "review");
//! ```

mod compare;
pub mod equal;
mod markdown;
pub mod path;
mod render;
mod text;
pub(crate) mod xlsx;

use std::collections::BTreeMap;
use std::io::{self, Seek, Write};

use serde::{Deserialize, Serialize};

use crate::error::WriteError;
use crate::i18n::Lang;
use crate::model::Plan;

/// The table field a change is about, in the plan's own words (事業名,
/// 目標値 2024年度, スケジュール「導入」計画): what the diff's text and
/// workbook call it.
pub(crate) fn change_label(c: &Change) -> String {
    render::label(c)
}

/// One side of a change in short (a Value's raw text, a list joined).
pub(crate) fn plain_value(v: &serde_json::Value) -> String {
    render::plain(v, Lang::Ja)
}

/// One side of a diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// The plan's `source.file`.
    pub file: String,
    /// The plan's `plan.revised` (`YYYY-MM`), or null.
    pub revised: Option<String>,
}

/// The kind of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    Moved,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The measure id (the new id; the old id for a removed measure).
    pub measure: String,
    pub kind: ChangeKind,
    /// The measure's previous id, for `moved` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_id: Option<String>,
    /// What changed: `""` (the whole measure), `name`, `schedule.導入.plan`,
    /// `indicator.target.2024`, `cost.2023` …
    pub path: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
    /// Periods planned or done in the new revision only (schedule lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<Vec<String>>,
    /// Periods of the old revision no longer there (schedule lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Vec<String>>,
}

/// All changes between two plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub changes: Vec<Change>,
    /// Measure names of the new plan by id, for headings (not in the JSON).
    #[serde(skip)]
    pub names: BTreeMap<String, String>,
    /// The fiscal years of both plans, for schedule strips (not in the JSON).
    #[serde(skip)]
    pub fiscal_years: Vec<i32>,
}

/// The indicator a path is about and the rest of the path: `indicator.…`
/// is the first (0), `indicators[<i>].…` the i-th (0-based).
pub fn indicator_part(path: &str) -> Option<(usize, &str)> {
    if let Some(rest) = path.strip_prefix("indicator.") {
        return Some((0, rest));
    }
    let (i, rest) = path.strip_prefix("indicators[")?.split_once("].")?;
    Some((i.parse().ok()?, rest))
}

/// Compare two plans: `old` is the earlier revision.
pub fn diff(old: &Plan, new: &Plan) -> Diff {
    let side = |p: &Plan| Side {
        file: p.source.file.clone(),
        revised: p.plan.revised.clone(),
    };
    let mut years: Vec<i32> = old.plan.fiscal_years.clone();
    years.extend(&new.plan.fiscal_years);
    years.sort_unstable();
    years.dedup();
    Diff {
        old: side(old),
        new: side(new),
        changes: compare::changes(old, new),
        names: new
            .measures
            .iter()
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect(),
        fiscal_years: years,
    }
}

/// The diff as JSON (pretty, trailing newline).
///
/// # Errors
/// Write failures.
pub fn write_json<W: Write>(d: &Diff, mut w: W) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut w, d)?;
    w.write_all(b"\n")
}

/// The diff for a terminal: a summary line, then the changes grouped by
/// measure, with quarter strips for schedules and character-level marks in
/// long texts. `color` adds ANSI colours (the caller decides: a terminal
/// and no `NO_COLOR`).
///
/// # Errors
/// Write failures.
pub fn write_text<W: Write>(d: &Diff, w: W, color: bool) -> io::Result<()> {
    write_text_in(d, w, color, Lang::En)
}

/// [`write_text`] with the words around the plan's own (summary, sides,
/// legend, added / removed / moved) in `lang`; field labels stay the
/// plan's (事業名, 計画 …).
///
/// # Errors
/// Write failures.
pub fn write_text_in<W: Write>(d: &Diff, w: W, color: bool, lang: Lang) -> io::Result<()> {
    text::write(d, w, color, lang)
}

/// The diff as Markdown for a report: a summary line and one table
/// (項目 | 旧 | 新) per measure.
///
/// # Errors
/// Write failures.
pub fn write_markdown<W: Write>(d: &Diff, w: W) -> io::Result<()> {
    write_markdown_in(d, w, Lang::En)
}

/// [`write_markdown`] with its words in `lang`.
///
/// # Errors
/// Write failures.
pub fn write_markdown_in<W: Write>(d: &Diff, w: W, lang: Lang) -> io::Result<()> {
    markdown::write(d, w, lang)
}

/// The diff as an XLSX workbook, one row per change, with a frozen header,
/// filters and the changed cells filled. The bytes are deterministic.
///
/// # Errors
/// [`WriteError::Workbook`].
pub fn write_xlsx<W: Write + Seek + Send>(d: &Diff, w: W) -> Result<(), WriteError> {
    write_xlsx_in(d, w, Lang::En)
}

/// [`write_xlsx`] with the words in its cells (種別 added / removed /
/// changed / moved, the details, blank and absent values) in `lang`; the
/// sheet and column names are the plan's own (差分, 施策, 事業名 …) in
/// every language.
///
/// # Errors
/// [`WriteError::Workbook`].
pub fn write_xlsx_in<W: Write + Seek + Send>(d: &Diff, w: W, lang: Lang) -> Result<(), WriteError> {
    xlsx::write(d, w, lang)
}
