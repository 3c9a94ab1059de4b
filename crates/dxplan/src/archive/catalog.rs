//! The catalogue of a converted folder: `catalog.json` and `catalog.csv`,
//! one row per input, and the index that makes reruns incremental.
//!
//! A rerun reuses an input's outputs (outcome `unchanged`) when the last
//! catalogue in the output folder lists it as converted with the same
//! SHA-256, the same review file (`<stem>.review.json`, by its SHA-256, or
//! none both times), the same dxplan version and the same output settings,
//! and all its output files are still there.

use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::Plan;

/// The catalogue file names inside the output folder.
pub const JSON_NAME: &str = "catalog.json";
pub const CSV_NAME: &str = "catalog.csv";

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Converted in this run.
    Converted,
    /// Same bytes, version and settings as the last run: outputs kept.
    Unchanged,
    /// Not a plan (another file type, or no plan tables in it).
    Skipped,
    /// A plan file that could not be read.
    Failed,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Converted => "converted",
            Outcome::Unchanged => "unchanged",
            Outcome::Skipped => "skipped",
            Outcome::Failed => "failed",
        }
    }

    /// True when the input's outputs exist after the run.
    pub fn has_outputs(self) -> bool {
        matches!(self, Outcome::Converted | Outcome::Unchanged)
    }
}

/// One input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The input's path relative to the folder given (`/`-separated); its
    /// outputs mirror it.
    pub path: String,
    pub municipality: Option<String>,
    /// 全国地方公共団体コード.
    pub code: Option<String>,
    pub title: Option<String>,
    pub issued: Option<String>,
    pub revised: Option<String>,
    pub fiscal_years: Vec<i32>,
    pub measures: Option<usize>,
    pub warnings: Option<usize>,
    /// SHA-256 of the input bytes; null when the file could not be read.
    pub sha256: Option<String>,
    /// SHA-256 of the review file applied; null without one.
    #[serde(default)]
    pub review_sha256: Option<String>,
    /// The review's approval (null without a review).
    #[serde(default)]
    pub review_approved: Option<bool>,
    /// Who reviewed.
    #[serde(default)]
    pub reviewed_by: Option<String>,
    /// When.
    #[serde(default)]
    pub reviewed_at: Option<String>,
    /// Review corrections applied (null without a review).
    #[serde(default)]
    pub corrections_applied: Option<usize>,
    /// Review corrections not applied: the input no longer holds their
    /// old value (null without a review).
    #[serde(default)]
    pub corrections_stale: Option<usize>,
    pub outcome: Outcome,
    /// Why it was skipped, failed or left unchanged.
    pub reason: Option<String>,
    /// The files written for it, relative to the output folder.
    pub outputs: Vec<String>,
}

impl Entry {
    /// An input without a plan (skipped or failed).
    pub fn without_plan(
        path: String,
        sha256: Option<String>,
        outcome: Outcome,
        reason: String,
    ) -> Self {
        Entry {
            path,
            municipality: None,
            code: None,
            title: None,
            issued: None,
            revised: None,
            fiscal_years: Vec::new(),
            measures: None,
            warnings: None,
            sha256,
            review_sha256: None,
            review_approved: None,
            reviewed_by: None,
            reviewed_at: None,
            corrections_applied: None,
            corrections_stale: None,
            outcome,
            reason: Some(reason),
            outputs: Vec::new(),
        }
    }

    /// A converted input; `review_sha256` is that of the review file
    /// applied to it (the plan's `review` gives the rest).
    pub fn converted(
        path: String,
        plan: &Plan,
        review_sha256: Option<String>,
        outputs: Vec<String>,
    ) -> Self {
        let m = plan.plan.municipality.as_ref();
        let r = plan.review.as_ref();
        Entry {
            path,
            municipality: m.map(|m| match &m.prefecture {
                Some(p) if !m.name.starts_with(p.as_str()) => format!("{p}{}", m.name),
                _ => m.name.clone(),
            }),
            code: m.and_then(|m| m.code.clone()),
            title: plan.plan.title.clone(),
            issued: plan.plan.issued.clone(),
            revised: plan.plan.revised.clone(),
            fiscal_years: plan.plan.fiscal_years.clone(),
            measures: Some(plan.measures.len()),
            warnings: Some(plan.warnings.len()),
            sha256: Some(plan.source.sha256.clone()),
            review_sha256,
            review_approved: r.map(|r| r.approved),
            reviewed_by: r.and_then(|r| r.by.clone()),
            reviewed_at: r.and_then(|r| r.at.clone()),
            corrections_applied: r.map(|r| r.applied),
            corrections_stale: r.map(|r| r.stale),
            outcome: Outcome::Converted,
            reason: None,
            outputs,
        }
    }
}

/// The whole catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// The dxplan version that wrote it.
    pub dxplan_version: String,
    /// The output settings of the run (formats, encoding, read limits).
    pub settings: String,
    pub entries: Vec<Entry>,
}

impl Catalog {
    /// A catalogue for this dxplan version.
    pub fn new(settings: String, entries: Vec<Entry>) -> Self {
        Catalog {
            dxplan_version: env!("CARGO_PKG_VERSION").to_string(),
            settings,
            entries,
        }
    }

    /// The last run's catalogue in an output folder; `None` when there is
    /// none or it cannot be read (then everything is converted again).
    pub fn load(out_dir: &Path) -> Option<Catalog> {
        let bytes = std::fs::read(out_dir.join(JSON_NAME)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// The last run's entry for an input whose outputs can be kept: the
    /// same input bytes and the same review file (`review_sha256`, `None`
    /// for none).
    pub fn reusable(
        &self,
        path: &str,
        sha256: &str,
        review_sha256: Option<&str>,
        settings: &str,
        out_dir: &Path,
    ) -> Option<&Entry> {
        if self.dxplan_version != env!("CARGO_PKG_VERSION") || self.settings != settings {
            return None;
        }
        self.entries.iter().find(|e| {
            e.path == path
                && e.outcome.has_outputs()
                && e.sha256.as_deref() == Some(sha256)
                && e.review_sha256.as_deref() == review_sha256
                && !e.outputs.is_empty()
                && e.outputs.iter().all(|o| out_dir.join(o).is_file())
        })
    }

    /// Pretty JSON with a trailing newline.
    ///
    /// # Errors
    /// Write failures.
    pub fn write_json<W: Write>(&self, mut w: W) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut w, self)?;
        w.write_all(b"\n")
    }

    /// CSV (UTF-8 with BOM, CRLF, so Excel opens it): a header, then one
    /// row per input. Fiscal years are joined by spaces.
    ///
    /// # Errors
    /// Write failures.
    pub fn write_csv<W: Write>(&self, mut w: W) -> io::Result<()> {
        w.write_all("\u{feff}".as_bytes())?;
        let mut c = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(w);
        c.write_record(CSV_HEADER)?;
        for e in &self.entries {
            c.write_record(csv_row(e))?;
        }
        c.flush()
    }
}

const CSV_HEADER: [&str; 17] = [
    "path",
    "municipality",
    "code",
    "title",
    "issued",
    "revised",
    "fiscal_years",
    "measures",
    "warnings",
    "sha256",
    "outcome",
    "reason",
    "review_approved",
    "reviewed_by",
    "reviewed_at",
    "corrections_applied",
    "corrections_stale",
];

fn csv_row(e: &Entry) -> [String; 17] {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let years: Vec<String> = e.fiscal_years.iter().map(i32::to_string).collect();
    [
        e.path.clone(),
        opt(&e.municipality),
        opt(&e.code),
        opt(&e.title),
        opt(&e.issued),
        opt(&e.revised),
        years.join(" "),
        num(e.measures),
        num(e.warnings),
        opt(&e.sha256),
        e.outcome.name().to_string(),
        opt(&e.reason),
        e.review_approved.map(|a| a.to_string()).unwrap_or_default(),
        opt(&e.reviewed_by),
        opt(&e.reviewed_at),
        num(e.corrections_applied),
        num(e.corrections_stale),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuse_needs_same_bytes_version_settings_and_outputs() {
        let dir = std::env::temp_dir().join(format!("dxplan-catalog-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::write(dir.join("a/plan.json"), b"{}").unwrap();
        let mut e = Entry::without_plan(
            "a/plan.pdf".into(),
            Some("ab".into()),
            Outcome::Converted,
            String::new(),
        );
        e.outputs = vec!["a/plan.json".into()];
        let cat = Catalog::new("to=json".into(), vec![e]);
        assert!(
            cat.reusable("a/plan.pdf", "ab", None, "to=json", &dir)
                .is_some()
        );
        assert!(
            cat.reusable("a/plan.pdf", "cd", None, "to=json", &dir)
                .is_none()
        );
        assert!(
            cat.reusable("a/plan.pdf", "ab", None, "to=xlsx", &dir)
                .is_none()
        );
        // A review file added (or changed) is a change.
        assert!(
            cat.reusable("a/plan.pdf", "ab", Some("ef"), "to=json", &dir)
                .is_none()
        );
        let mut reviewed = cat.clone();
        reviewed.entries[0].review_sha256 = Some("ef".into());
        assert!(
            reviewed
                .reusable("a/plan.pdf", "ab", Some("ef"), "to=json", &dir)
                .is_some()
        );
        assert!(
            reviewed
                .reusable("a/plan.pdf", "ab", Some("01"), "to=json", &dir)
                .is_none()
        );
        assert!(
            reviewed
                .reusable("a/plan.pdf", "ab", None, "to=json", &dir)
                .is_none()
        );
        std::fs::remove_file(dir.join("a/plan.json")).unwrap();
        assert!(
            cat.reusable("a/plan.pdf", "ab", None, "to=json", &dir)
                .is_none()
        );
        let mut old = cat.clone();
        old.dxplan_version = "0.0.0".into();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            old.reusable("a/plan.pdf", "ab", None, "to=json", &dir)
                .is_none()
        );
    }

    #[test]
    fn csv_has_a_bom_a_header_and_crlf() {
        let e = Entry::without_plan(
            "notes.txt".into(),
            None,
            Outcome::Skipped,
            "not a plan file type (.txt)".into(),
        );
        let mut buf = Vec::new();
        Catalog::new(String::new(), vec![e])
            .write_csv(&mut buf)
            .unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with("\u{feff}path,municipality,"));
        assert!(
            text.contains("\r\nnotes.txt,,,,,,,,,,skipped,not a plan file type (.txt),,,,,\r\n")
        );
    }
}
