//! Differences between two revisions of a plan: `dxplan diff OLD NEW`.
//! The JSON form is fixed by the "Diff JSON" section of the contract and
//! `schemas/diff.schema.json`.

use std::io::{self, Seek, Write};

use serde::{Deserialize, Serialize};

use crate::error::ErrorKind;
use crate::model::Plan;

/// One side of a diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub file: String,
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
    pub measure: String,
    pub kind: ChangeKind,
    pub path: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_id: Option<String>,
}

/// All changes between two plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub changes: Vec<Change>,
}

/// Compare two plans.
pub fn diff(old: &Plan, new: &Plan) -> Diff {
    let side = |p: &Plan| Side {
        file: p.source.file.clone(),
        revised: p.plan.revised.clone(),
    };
    Diff {
        old: side(old),
        new: side(new),
        changes: Vec::new(),
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

/// The diff for a terminal; `color` adds ANSI colours.
///
/// # Errors
/// Write failures.
pub fn write_text<W: Write>(_d: &Diff, _w: W, _color: bool) -> io::Result<()> {
    Ok(())
}

/// The diff as Markdown.
///
/// # Errors
/// Write failures.
pub fn write_markdown<W: Write>(_d: &Diff, _w: W) -> io::Result<()> {
    Ok(())
}

/// The diff as an XLSX workbook, one row per change.
///
/// # Errors
/// [`ErrorKind::Output`].
pub fn write_xlsx<W: Write + Seek + Send>(_d: &Diff, _w: W) -> Result<(), ErrorKind> {
    Err(ErrorKind::Output(
        "the diff workbook writer is not built yet".into(),
    ))
}
