//! Reviews: staff corrections and approval that survive every rerun.
//!
//! A review is kept beside its input as `<stem>.review.json` (`plan.pdf` →
//! `plan.review.json`, [`review_path`]) and is applied to the plan each
//! time the input is read: [`convert_path`](crate::convert_path) and
//! [`load_plan`](crate::load_plan) do it unless
//! [`ReadOptions::skip_review`](crate::ReadOptions::skip_review) is set,
//! so `convert`, `diff`, `history`, `report` and `publish` all see the
//! reviewed plan. The file's shape is fixed by the contract's section
//! "Review: corrections that survive every rerun":
//!
//! ```jsonc
//! {
//!   "schema_version": "1",
//!   "source_sha256": "…",
//!   "reviewed": {"by": "情報政策課 山田", "at": "2026-12-06", "approved": true},
//!   "corrections": [
//!     {"measure": "1-1", "path": "description", "old": "…", "new": "…", "note": "…"},
//!     {"measure": null, "path": "plan.revised", "old": null, "new": "2025-03"}
//!   ],
//!   "dismissed": [{"code": "unknown_label", "at": "p.3 r5c1", "note": "…"}]
//! }
//! ```
//!
//! A correction is a diff change kept in a file: its `path`, `old` and `new`
//! are those of the diff JSON ([`crate::diff::path`] reads them), and it is
//! applied only where the plan as read still holds `old`, compared as the
//! diff compares. Otherwise it becomes a `stale_correction` warning naming
//! the measure and path, and nothing is overwritten. A dismissed warning
//! keeps its place in `warnings` with `"dismissed": "<note>"`. The plan's
//! `review` block ([`ReviewStatus`]) says what was applied.
//!
//! # For an editor (the web page)
//!
//! - [`open`] an input: the plan as read ([`Opened::raw`]), the review
//!   file ([`Opened::file`], with the [`ReviewFile::sha256`] to save over)
//!   and the plan with it applied ([`Opened::reviewed`]); [`Stage::of`] a
//!   review file for a list of plans (未確認 / 確認中 / 承認済み);
//! - [`Opened::review`] is the review to edit (a new one names the input's
//!   SHA-256); [`apply`] it to a copy of `raw` to show the result;
//! - [`Correction::against`] the raw plan builds a correction from what
//!   the plan holds (or [`Correction::new`] from all four parts);
//!   [`Review::set_correction`] adds or replaces it (a correction back to
//!   the value as read is dropped); [`Review::dismiss`], [`Review::approve`];
//! - [`save`] writes the file atomically, refusing with
//!   [`ReviewError::Changed`] when the file on disk is no longer the one
//!   read (another person saved meanwhile).
//!
//! ```
//! use dxplan::review::{self, Correction, Review};
//! use serde_json::json;
//!
//! let json = std::fs::read("../../tests/data/shiogama-2024-03.json")?;
//! let raw: dxplan::Plan = serde_json::from_slice(&json)?;
//! let id = raw.measures[0].id.clone();
//!
//! let mut r = Review::new();
//! r.set_correction(Correction::against(&raw, Some(&id), "review", json!("見直しの内容"))?);
//! r.approve("情報政策課 山田", "2026-12-06");
//!
//! let mut plan = raw.clone();
//! review::apply(&mut plan, &r, "plan.review.json")?;
//! let status = plan.review.as_ref().unwrap();
//! assert_eq!((status.applied, status.stale, status.approved), (1, 0, true));
//! assert_eq!(plan.measures[0].review.as_deref(), Some("見直しの内容"));
//!
//! // The diff of the reviewed plan against its raw reading is the corrections.
//! let d = dxplan::diff::diff(&raw, &plan);
//! assert_eq!(d.changes.len(), 1);
//! assert_eq!(d.changes[0].path, "review");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::diff::path::FieldPath;
use crate::error::{ReadError, ReviewError, WriteError};
use crate::model::{Corrected, Plan, ReviewStatus, Warning, WarningCode};
use crate::{Error, Result};

/// The schema version of the review file.
pub const SCHEMA_VERSION: &str = "1";

/// What ends a review file's name.
pub const SUFFIX: &str = ".review.json";

/// A review file: corrections, dismissed warnings and the approval.
/// Keys this version does not know are kept in `extra` and written back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// `"1"`.
    #[serde(default = "schema_version")]
    pub schema_version: String,
    /// SHA-256 of the input the review was made on (lower-case hex).
    #[serde(default)]
    pub source_sha256: Option<String>,
    /// Who reviewed, when, and whether the plan is approved.
    #[serde(default)]
    pub reviewed: Option<Reviewed>,
    /// Corrections, applied in order.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// Warnings checked and left as they are.
    #[serde(default)]
    pub dismissed: Vec<Dismissal>,
    /// Keys of a later version, kept.
    #[serde(flatten)]
    pub extra: Map<String, Json>,
}

fn schema_version() -> String {
    SCHEMA_VERSION.to_string()
}

impl Default for Review {
    fn default() -> Self {
        Review::new()
    }
}

/// `reviewed`: the reviewer, the date and the approval.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Reviewed {
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub at: Option<String>,
    #[serde(default)]
    pub approved: bool,
    #[serde(flatten)]
    pub extra: Map<String, Json>,
}

/// One correction: the diff change from the value as read (`old`) to the
/// value as printed (`new`). `measure` is null for a plan-level path
/// (`plan.revised`); `path` `""` with `old` null adds a whole measure, with
/// `new` null removes one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub measure: Option<String>,
    pub path: String,
    #[serde(default)]
    pub old: Json,
    #[serde(default)]
    pub new: Json,
    /// Why (`改行で途切れていた`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Json>,
}

/// A warning dismissed: its code and `at` as in the plan's `warnings`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dismissal {
    pub code: String,
    #[serde(default)]
    pub at: Option<String>,
    #[serde(default)]
    pub note: String,
    #[serde(flatten)]
    pub extra: Map<String, Json>,
}

/// A review read from disk, with the SHA-256 of its bytes (what [`save`]
/// checks before writing over it).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewFile {
    pub path: PathBuf,
    pub review: Review,
    pub sha256: String,
}

fn invalid(detail: impl Into<String>) -> ReviewError {
    ReviewError::Invalid {
        detail: detail.into(),
    }
}

impl Correction {
    /// A correction of `path` (of `measure`, or of the plan for a
    /// `plan.…` path) from `old` to `new`, checked: the path is one the
    /// diff knows and both values have its shape.
    ///
    /// # Errors
    /// [`ReviewError::Invalid`] saying what is wrong.
    pub fn new(
        measure: Option<&str>,
        path: &str,
        old: Json,
        new: Json,
    ) -> std::result::Result<Correction, ReviewError> {
        let c = Correction {
            measure: measure.map(str::to_string),
            path: path.to_string(),
            old,
            new,
            note: None,
            extra: Map::new(),
        };
        c.field().map_err(invalid)?;
        Ok(c)
    }

    /// A correction of what `plan` holds at `path` now to `new`: `old` is
    /// taken from the plan (read it without its review, so that `old` is the
    /// value as read).
    ///
    /// # Errors
    /// [`ReviewError::Invalid`] for an unknown path or a `new` of another
    /// shape.
    pub fn against(
        plan: &Plan,
        measure: Option<&str>,
        path: &str,
        new: Json,
    ) -> std::result::Result<Correction, ReviewError> {
        let p = FieldPath::parse_change(path, &Json::Null, &new)
            .ok_or_else(|| invalid(format!("{path:?} is not a path of the diff")))?;
        Correction::new(measure, path, p.get(plan, measure), new)
    }

    /// With a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// `1-1 description`, `plan.revised`, `2-4 (whole measure)`.
    pub fn label(&self) -> String {
        let path = if self.path.is_empty() {
            "(whole measure)"
        } else {
            &self.path
        };
        match &self.measure {
            Some(m) => format!("{m} {path}"),
            None => path.to_string(),
        }
    }

    /// The path parsed and both values decoded, or what is wrong.
    fn field(
        &self,
    ) -> std::result::Result<
        (
            FieldPath,
            crate::diff::path::FieldValue,
            crate::diff::path::FieldValue,
        ),
        String,
    > {
        let p = FieldPath::parse_change(&self.path, &self.old, &self.new)
            .ok_or_else(|| format!("{:?} is not a path of the diff", self.path))?;
        match (&self.measure, p.is_plan_level()) {
            (Some(_), true) => return Err("a plan-level path takes \"measure\": null".into()),
            (None, false) => return Err("a measure path needs a \"measure\" id".into()),
            (Some(m), false) if m.trim().is_empty() => return Err("an empty measure id".into()),
            _ => {}
        }
        let old = p.decode(&self.old).map_err(|e| format!("old: {e}"))?;
        let new = p.decode(&self.new).map_err(|e| format!("new: {e}"))?;
        if p == FieldPath::Measure {
            if self.old.is_null() && self.new.is_null() {
                return Err("a whole-measure correction needs old or new".into());
            }
            for side in [&self.old, &self.new] {
                let id = side.get("id").and_then(Json::as_str);
                if side.is_object() && id != self.measure.as_deref() {
                    return Err(format!(
                        "the measure's id {id:?} is not the correction's {:?}",
                        self.measure
                    ));
                }
            }
        }
        Ok((p, old, new))
    }
}

impl Review {
    /// An empty review (no corrections, not approved).
    pub fn new() -> Self {
        Review {
            schema_version: schema_version(),
            source_sha256: None,
            reviewed: None,
            corrections: Vec::new(),
            dismissed: Vec::new(),
            extra: Map::new(),
        }
    }

    /// Parse and check a review file's bytes.
    ///
    /// # Errors
    /// [`ReviewError::Invalid`]: not JSON, not a review's shape, another
    /// schema version, or a correction whose path or values do not fit.
    pub fn from_slice(bytes: &[u8]) -> std::result::Result<Review, ReviewError> {
        let r: Review = serde_json::from_slice(bytes).map_err(|e| invalid(e.to_string()))?;
        r.check()?;
        Ok(r)
    }

    /// Check what parsing cannot: the schema version and each correction.
    ///
    /// # Errors
    /// [`ReviewError::Invalid`] naming the first correction that is wrong.
    pub fn check(&self) -> std::result::Result<(), ReviewError> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(invalid(format!(
                "schema_version {:?}; this dxplan reads \"{SCHEMA_VERSION}\"",
                self.schema_version
            )));
        }
        for (i, c) in self.corrections.iter().enumerate() {
            c.field()
                .map_err(|e| invalid(format!("correction {} ({}): {e}", i + 1, c.label())))?;
        }
        Ok(())
    }

    /// The file's bytes: pretty JSON with a trailing newline.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }

    /// Add a correction, or replace the one of the same measure and path.
    /// A replaced correction keeps its `old` (the value as read); one that
    /// now leads back to its `old` is dropped. Returns false when the
    /// correction was dropped.
    pub fn set_correction(&mut self, c: Correction) -> bool {
        let mut c = c;
        let found = self
            .corrections
            .iter()
            .position(|x| x.measure == c.measure && x.path == c.path);
        if let Some(i) = found {
            let prev = self.corrections.remove(i);
            c.old = prev.old;
            if c.note.is_none() {
                c.note = prev.note;
            }
            let back = c.field().is_ok_and(|(p, old, new)| p.same(&old, &new));
            if back {
                return false;
            }
            self.corrections.insert(i, c);
        } else {
            self.corrections.push(c);
        }
        true
    }

    /// Remove the correction of this measure and path; true if there was one.
    pub fn remove_correction(&mut self, measure: Option<&str>, path: &str) -> bool {
        let before = self.corrections.len();
        self.corrections
            .retain(|c| !(c.measure.as_deref() == measure && c.path == path));
        self.corrections.len() != before
    }

    /// Dismiss the warning of `code` at `at` with a note (replacing an
    /// earlier dismissal of it).
    pub fn dismiss(&mut self, code: &str, at: Option<&str>, note: &str) {
        self.dismissed
            .retain(|d| !(d.code == code && d.at.as_deref() == at));
        self.dismissed.push(Dismissal {
            code: code.to_string(),
            at: at.map(str::to_string),
            note: note.to_string(),
            extra: Map::new(),
        });
    }

    /// Approve: who and when (`2026-12-06`).
    pub fn approve(&mut self, by: &str, at: &str) {
        let r = self.reviewed.get_or_insert_with(Reviewed::default);
        r.by = Some(by.to_string());
        r.at = Some(at.to_string());
        r.approved = true;
    }

    /// Withdraw the approval (who and when stay as the last review).
    pub fn unapprove(&mut self) {
        if let Some(r) = &mut self.reviewed {
            r.approved = false;
        }
    }
}

/// `plan.pdf` → `plan.review.json`, beside it.
pub fn review_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    input.with_file_name(format!("{stem}{SUFFIX}"))
}

/// True for a file named like a review (`*.review.json`): never a plan.
pub fn is_review_file(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .is_some_and(|n| n.ends_with(SUFFIX) && n.len() > SUFFIX.len())
}

/// Read a review file; `None` when there is none.
///
/// # Errors
/// An [`Error`] naming the review file: [`ReviewError::Invalid`], or
/// [`ReadError::Io`] when it exists but cannot be read.
pub fn read(path: &Path) -> Result<Option<ReviewFile>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::new(path, ReadError::Io(e))),
    };
    let review = Review::from_slice(&bytes).map_err(|e| Error::new(path, e))?;
    Ok(Some(ReviewFile {
        path: path.to_path_buf(),
        review,
        sha256: crate::sha256_hex(&bytes),
    }))
}

/// Read the review beside an input (`<stem>.review.json`); `None` when
/// there is none, or when it was made on another input of the same stem
/// beside it (`plan.pdf` and `plan.xlsx` share `plan.review.json`: the
/// review's `source_sha256` says which of them it belongs to).
///
/// # Errors
/// As [`read`].
pub fn read_beside(input: &Path) -> Result<Option<ReviewFile>> {
    read_for(input, &review_path(input))
}

/// [`read`] the review file at `path` for `input` (a caller that found the
/// path itself, such as the web page inside its folder): `None` as
/// [`read_beside`] says, also when it belongs to a sibling of the same stem.
///
/// # Errors
/// As [`read`].
pub fn read_for(input: &Path, path: &Path) -> Result<Option<ReviewFile>> {
    let Some(file) = read(path)? else {
        return Ok(None);
    };
    if belongs_to_a_sibling(input, &file.review) {
        return Ok(None);
    }
    Ok(Some(file))
}

/// Whether `review` was made on another input beside `input` with the
/// same stem (its `source_sha256` is that input's, not this one's). Only
/// hashes files when such a sibling exists.
fn belongs_to_a_sibling(input: &Path, review: &Review) -> bool {
    let Some(made_on) = review.source_sha256.as_deref() else {
        return false;
    };
    let (Some(dir), Some(stem)) = (input.parent(), input.file_stem()) else {
        return false;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let own = input.file_name();
    let hash = |p: &Path| std::fs::read(p).ok().map(|b| crate::sha256_hex(&b));
    let mut sibling_matches = false;
    for e in entries.flatten() {
        let path = e.path();
        if path.file_name() == own
            || path.file_stem() != Some(stem)
            || is_review_file(&path)
            || crate::read::InputFormat::from_path(&path).is_err()
            || !path.is_file()
        {
            continue;
        }
        if hash(&path).is_some_and(|h| h.eq_ignore_ascii_case(made_on)) {
            sibling_matches = true;
            break;
        }
    }
    sibling_matches && !hash(input).is_some_and(|h| h.eq_ignore_ascii_case(made_on))
}

/// Apply the review beside `input` (if any) to its plan; returns the
/// review file's SHA-256, or `None` (and `"review": null`) without one.
///
/// # Errors
/// As [`read`]: the plan is left as read.
pub fn apply_beside(plan: &mut Plan, input: &Path) -> Result<Option<String>> {
    let file = read_beside(input)?;
    apply_file(plan, file.as_ref())?;
    Ok(file.map(|f| f.sha256))
}

/// Apply a review file read with [`read`] (or none: `"review": null`).
///
/// # Errors
/// As [`apply`], naming the review file.
pub fn apply_file(plan: &mut Plan, file: Option<&ReviewFile>) -> Result<()> {
    let Some(file) = file else {
        plan.review = None;
        return Ok(());
    };
    let name = file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    apply(plan, &file.review, &name).map_err(|e| Error::new(&file.path, e.kind))
}

/// Apply a review to a plan read from its input: each correction where the
/// plan still holds its `old` (else a `stale_correction` warning), then the
/// dismissals; sets `plan.review`. `file_name` is the review file's name
/// for the `review` block.
///
/// # Errors
/// [`ReviewError::Invalid`] when the review does not pass
/// [`Review::check`]; the plan is then unchanged.
pub fn apply(plan: &mut Plan, review: &Review, file_name: &str) -> Result<()> {
    review.check()?;
    let mut status = ReviewStatus {
        file: file_name.to_string(),
        approved: review.reviewed.as_ref().is_some_and(|r| r.approved),
        by: review.reviewed.as_ref().and_then(|r| r.by.clone()),
        at: review.reviewed.as_ref().and_then(|r| r.at.clone()),
        source_changed: review
            .source_sha256
            .as_deref()
            .is_some_and(|s| !s.eq_ignore_ascii_case(&plan.source.sha256)),
        ..ReviewStatus::default()
    };
    for c in &review.corrections {
        let Ok((path, old, new)) = c.field() else {
            continue; // checked above
        };
        let id = c.measure.as_deref();
        let holds_old = path.same(&path.current(plan, id), &old);
        if holds_old && path.set(plan, id, new).is_ok() {
            status.applied += 1;
            status.corrected.push(Corrected {
                measure: c.measure.clone(),
                path: c.path.clone(),
            });
        } else {
            status.stale += 1;
            plan.warnings.push(stale_warning(plan, c));
        }
    }
    for d in &review.dismissed {
        let mut found = false;
        for w in plan.warnings.iter_mut() {
            if w.code.as_str() == d.code && w.at == d.at {
                w.dismissed = Some(d.note.clone());
                found = true;
            }
        }
        if !found {
            // Never silent: the warning staff checked is gone (a new
            // edition, a better reader), so its dismissal no longer says
            // anything; name it so the review file can be tidied.
            let message = crate::msg!(
                "warning-stale-dismissal",
                code = d.code.as_str(),
                at = d.at.as_deref().unwrap_or("-")
            );
            plan.warnings
                .push(Warning::new(WarningCode::StaleDismissal, message, None));
        }
    }
    plan.review = Some(status);
    Ok(())
}

fn stale_warning(plan: &Plan, c: &Correction) -> Warning {
    let at = c
        .measure
        .as_deref()
        .and_then(|id| plan.measures.iter().find(|m| m.id == id))
        .map(|m| m.source_ref.clone());
    let old = short(&c.old);
    let message = match (&c.measure, c.path.as_str()) {
        (Some(m), "") => crate::msg!("warning-stale-measure", measure = m.as_str(), old = old),
        (Some(m), p) => crate::msg!(
            "warning-stale-field",
            path = p,
            measure = m.as_str(),
            old = old
        ),
        (None, p) => crate::msg!("warning-stale-plan", path = p, old = old),
    };
    Warning::new(WarningCode::StaleCorrection, message, at)
}

fn short(v: &Json) -> String {
    let s = v.to_string();
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// An input opened for review: what an editor (the web page) shows and
/// changes.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The plan as read, without its review: where a new correction's
    /// `old` comes from ([`Correction::against`]).
    pub raw: Plan,
    /// The review file beside the input, if any; its `sha256` is the
    /// `expected` of the next [`save`].
    pub file: Option<ReviewFile>,
    /// `raw` with the review applied (`review` set): what every command
    /// sees.
    pub reviewed: Plan,
}

impl Opened {
    /// Where the review file is (or will be).
    pub fn review_path(&self, input: &Path) -> PathBuf {
        self.file
            .as_ref()
            .map_or_else(|| review_path(input), |f| f.path.clone())
    }

    /// The review to edit: the file's, or a new one for these input bytes.
    pub fn review(&self) -> Review {
        self.file.as_ref().map_or_else(
            || Review {
                source_sha256: Some(self.raw.source.sha256.clone()),
                ..Review::new()
            },
            |f| f.review.clone(),
        )
    }
}

/// Read an input and the review beside it for editing: the plan as read,
/// the review file, and the plan with it applied.
///
/// # Errors
/// As [`convert_path`](crate::convert_path) for the input; as [`read`]
/// for the review file.
pub fn open(input: &Path, opts: &crate::ReadOptions) -> Result<Opened> {
    let raw = crate::convert_path(
        input,
        &crate::ReadOptions {
            skip_review: true,
            ..opts.clone()
        },
    )?;
    let file = read_beside(input)?;
    let mut reviewed = raw.clone();
    apply_file(&mut reviewed, file.as_ref())?;
    Ok(Opened {
        raw,
        file,
        reviewed,
    })
}

/// Where a plan stands in its review, for a list of plans (未確認 /
/// 確認中 / 承認済み).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// No review file.
    Unreviewed,
    /// A review file that does not approve the plan.
    InReview,
    /// Approved (whether the approval still holds for the file as it is
    /// now is [`ReviewStatus::approved_as_read`] of the applied review).
    Approved,
}

impl Stage {
    /// The stage a review file (or none) puts its plan in.
    pub fn of(file: Option<&ReviewFile>) -> Stage {
        match file.and_then(|f| f.review.reviewed.as_ref()) {
            None if file.is_none() => Stage::Unreviewed,
            Some(r) if r.approved => Stage::Approved,
            _ => Stage::InReview,
        }
    }

    /// 未確認, 確認中, 承認済み.
    pub fn label_ja(self) -> &'static str {
        match self {
            Stage::Unreviewed => "未確認",
            Stage::InReview => "確認中",
            Stage::Approved => "承認済み",
        }
    }
}

/// Saves in this process, one at a time: the check of the file on disk and
/// the rename over it happen together.
static SAVING: Mutex<()> = Mutex::new(());

/// Write a review file atomically (a temporary file renamed over it), but
/// only if the file on disk is still the one the caller read: `expected`
/// is the [`ReviewFile::sha256`] it was read with, or `None` when there was
/// no file (then one that appeared meanwhile is not overwritten). Returns
/// the SHA-256 of the bytes written (the `expected` of the next save).
///
/// Saves in one process are serialised; two processes saving the same
/// file at the same instant are not (the web page is one process).
///
/// # Errors
/// An [`Error`] naming the file: [`ReviewError::Changed`] when it changed
/// since it was read (nothing written); [`ReviewError::Invalid`] for a
/// review that does not pass [`Review::check`]; [`WriteError::Io`].
pub fn save(path: &Path, review: &Review, expected: Option<&str>) -> Result<String> {
    review.check().map_err(|e| Error::new(path, e))?;
    let bytes = review.to_vec();
    let _guard = SAVING.lock().unwrap_or_else(|e| e.into_inner());
    let now = match std::fs::read(path) {
        Ok(b) => Some(crate::sha256_hex(&b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::new(path, ReadError::Io(e))),
    };
    let same = match (&now, expected) {
        (None, None) => true,
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => false,
    };
    if !same {
        return Err(Error::new(path, ReviewError::Changed));
    }
    crate::output::write_atomic(path, |w| w.write_all(&bytes).map_err(WriteError::from))
        .map_err(|e| Error::new(path, e))?;
    Ok(crate::sha256_hex(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan() -> Plan {
        let json = std::fs::read("../../tests/data/shiogama-2024-03.json").unwrap();
        serde_json::from_slice(&json).unwrap()
    }

    #[test]
    fn review_file_names() {
        assert_eq!(
            review_path(Path::new("a/plan.pdf")),
            Path::new("a/plan.review.json")
        );
        assert_eq!(
            review_path(Path::new("R6.3.xlsx")),
            Path::new("R6.3.review.json")
        );
        assert!(is_review_file(Path::new("x/plan.review.json")));
        assert!(!is_review_file(Path::new("x/plan.json")));
        assert!(!is_review_file(Path::new(".review.json")));
    }

    #[test]
    fn unknown_keys_are_kept_and_bad_shapes_named() {
        let r = Review::from_slice(
            br#"{"schema_version":"1","later":{"x":1},"corrections":[],"reviewed":{"approved":true,"by":"a","at":"b","stamp":2}}"#,
        )
        .unwrap();
        let back: Json = serde_json::from_slice(&r.to_vec()).unwrap();
        assert_eq!(back["later"], json!({"x": 1}));
        assert_eq!(back["reviewed"]["stamp"], json!(2));
        for (bad, says) in [
            (&b"{"[..], "EOF"),
            (br#"[]"#, "invalid type"),
            (br#"{"schema_version":"2"}"#, "schema_version"),
            (
                br#"{"corrections":[{"measure":"1-1","path":"nonsense","old":null,"new":"x"}]}"#,
                "correction 1 (1-1 nonsense)",
            ),
            (
                br#"{"corrections":[{"measure":"1-1","path":"cost.2024","old":null,"new":"12"}]}"#,
                "new: ",
            ),
            (
                br#"{"corrections":[{"measure":"1-1","path":"plan.revised","old":null,"new":"2025-03"}]}"#,
                "measure\": null",
            ),
        ] {
            let e = Review::from_slice(bad).unwrap_err().to_string();
            assert!(e.starts_with("not a valid review file"), "{e}");
            assert!(e.contains(says), "{e} lacks {says}");
        }
    }

    #[test]
    fn stale_where_old_no_longer_holds() {
        let mut p = plan();
        let id = p.measures[0].id.clone();
        let mut r = Review::new();
        r.corrections.push(
            Correction::new(
                Some(&id),
                "effect",
                json!("印刷されていない文"),
                json!("新"),
            )
            .unwrap(),
        );
        r.corrections.push(
            Correction::new(None, "plan.title", json!(p.plan.title), json!("新しい題")).unwrap(),
        );
        let before = p.measures[0].effect.clone();
        apply(&mut p, &r, "x.review.json").unwrap();
        let s = p.review.as_ref().unwrap();
        assert_eq!((s.applied, s.stale), (1, 1));
        assert_eq!(p.measures[0].effect, before);
        assert_eq!(p.plan.title.as_deref(), Some("新しい題"));
        let w = p.warnings.last().unwrap();
        assert_eq!(w.code, WarningCode::StaleCorrection);
        assert!(
            w.message.contains(&format!("effect of measure {id}")),
            "{}",
            w.message
        );
    }

    #[test]
    fn a_dismissal_without_its_warning_is_named() {
        let mut p = plan();
        p.warnings.push(Warning::new(
            WarningCode::UnknownLabel,
            "label",
            Some("p.3 r5c1".into()),
        ));
        let mut r = Review::new();
        r.dismiss("unknown_label", Some("p.3 r5c1"), "注記");
        r.dismiss("unknown_label", Some("p.9 r1c1"), "古い版の警告");
        let before = p.warnings.len();
        apply(&mut p, &r, "x.review.json").unwrap();
        assert_eq!(p.warnings[before - 1].dismissed.as_deref(), Some("注記"));
        assert_eq!(p.warnings.len(), before + 1);
        let w = p.warnings.last().unwrap();
        assert_eq!(w.code, WarningCode::StaleDismissal);
        assert!(
            w.message.contains("unknown_label at p.9 r1c1"),
            "{}",
            w.message
        );
        assert!(w.dismissed.is_none());
    }

    #[test]
    fn a_review_made_on_a_sibling_of_the_same_stem_is_not_applied() {
        let dir = std::env::temp_dir().join(format!("dxplan-sibling-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pdf = dir.join("plan.pdf");
        let xlsx = dir.join("plan.xlsx");
        std::fs::write(&pdf, b"%PDF-1.4 pdf bytes").unwrap();
        std::fs::write(&xlsx, b"PK\x03\x04 workbook bytes").unwrap();
        let mut r = Review::new();
        r.source_sha256 = Some(crate::sha256_hex(&std::fs::read(&xlsx).unwrap()));
        save(&review_path(&pdf), &r, None).unwrap();
        // Made on the workbook: the workbook takes it, the PDF does not.
        assert!(read_beside(&xlsx).unwrap().is_some());
        assert!(read_beside(&pdf).unwrap().is_none());
        // Made on bytes neither has now (a new edition): both take it,
        // as a lone input does (`source_changed` tells).
        let mut r2 = Review::new();
        r2.source_sha256 = Some("00".repeat(32));
        let sha = crate::sha256_hex(&std::fs::read(review_path(&pdf)).unwrap());
        save(&review_path(&pdf), &r2, Some(&sha)).unwrap();
        assert!(read_beside(&xlsx).unwrap().is_some());
        assert!(read_beside(&pdf).unwrap().is_some());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn set_correction_keeps_the_value_as_read() {
        let p = plan();
        let id = p.measures[0].id.clone();
        let first = Correction::against(&p, Some(&id), "name", json!("一")).unwrap();
        let as_read = first.old.clone();
        let mut r = Review::new();
        assert!(r.set_correction(first));
        assert!(r.set_correction(Correction::against(&p, Some(&id), "name", json!("二")).unwrap()));
        assert_eq!(r.corrections.len(), 1);
        assert_eq!(r.corrections[0].old, as_read);
        assert_eq!(r.corrections[0].new, json!("二"));
        // Back to the value as read: no correction left.
        assert!(
            !r.set_correction(Correction::new(Some(&id), "name", json!("x"), as_read).unwrap())
        );
        assert!(r.corrections.is_empty());
    }

    #[test]
    fn open_gives_the_raw_and_the_reviewed_plan() {
        let dir = std::env::temp_dir().join(format!("dxplan-review-open-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("plan.xlsx");
        std::fs::copy("../../fixtures/naruto-2025-11/plan.xlsx", &input).unwrap();
        let _ = std::fs::remove_file(review_path(&input));
        let opts = crate::ReadOptions::default();
        let o = open(&input, &opts).unwrap();
        assert_eq!(Stage::of(o.file.as_ref()), Stage::Unreviewed);
        assert!(o.reviewed.review.is_none());
        let mut r = o.review();
        assert_eq!(
            r.source_sha256.as_deref(),
            Some(o.raw.source.sha256.as_str())
        );
        let id = o.raw.measures[0].id.clone();
        r.set_correction(Correction::against(&o.raw, Some(&id), "effect", json!("効果")).unwrap());
        save(&o.review_path(&input), &r, None).unwrap();
        let o = open(&input, &opts).unwrap();
        assert_eq!(Stage::of(o.file.as_ref()), Stage::InReview);
        assert_eq!(o.reviewed.measures[0].effect.as_deref(), Some("効果"));
        assert_ne!(o.raw.measures[0].effect.as_deref(), Some("効果"));
        let mut r = o.review();
        r.approve("山田", "2026-12-06");
        let expected = o.file.as_ref().map(|f| f.sha256.as_str());
        save(&o.review_path(&input), &r, expected).unwrap();
        let o = open(&input, &opts).unwrap();
        assert_eq!(Stage::of(o.file.as_ref()), Stage::Approved);
        assert!(o.reviewed.review.as_ref().unwrap().approved_as_read());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn save_refuses_a_file_changed_meanwhile() {
        let dir = std::env::temp_dir().join(format!("dxplan-review-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("plan.review.json");
        let _ = std::fs::remove_file(&path);
        let mut r = Review::new();
        let h1 = save(&path, &r, None).unwrap();
        // A second "first save" finds the file there.
        let e = save(&path, &r, None).unwrap_err();
        assert!(matches!(
            e.kind,
            crate::ErrorKind::Review(ReviewError::Changed)
        ));
        r.approve("山田", "2026-12-06");
        let h2 = save(&path, &r, Some(&h1)).unwrap();
        // A writer still holding h1 is refused and the file is kept.
        let e = save(&path, &Review::new(), Some(&h1)).unwrap_err();
        assert!(e.to_string().contains("changed by someone else"), "{e}");
        let now = read(&path).unwrap().unwrap();
        assert_eq!(now.sha256, h2);
        assert!(now.review.reviewed.unwrap().approved);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
