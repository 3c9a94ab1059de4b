//! The recogniser: grids → the typed plan, plus warnings. Shared by every
//! input format: it sees only [`Grid`](crate::grid::Grid)s.
//!
//! A measure table is found by its row labels (事業名 … 担当部署, see
//! [`labels`]); its id comes from the nearest heading above it
//! (`基本方針1 … 施策2`); plan metadata and policies come from the text
//! lines of the cover and the 取り組み方針 section.

pub mod labels;
#[cfg(test)]
mod layout_tests;
mod lines;
mod measure;
mod meta;
mod schedule;
mod table;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::error::ErrorKind;
use crate::model::{Measure, PlanInfo, Policy, Warning};
use crate::read::Document;
use lines::Line;
use table::TableSpan;

/// What the recogniser finds in a document.
#[derive(Debug, Clone, Default)]
pub struct Recognized {
    pub info: PlanInfo,
    pub policies: Vec<Policy>,
    pub measures: Vec<Measure>,
    pub warnings: Vec<Warning>,
}

/// Build the plan from a document's grids.
///
/// # Errors
/// [`ErrorKind::NoPlan`] when no measure table is found.
pub fn recognize(doc: &Document) -> Result<Recognized, ErrorKind> {
    let lines = lines::collect(doc);
    let spans: Vec<TableSpan> = doc
        .grids
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| table::find_tables(g, gi))
        .collect();
    if spans.is_empty() {
        return Err(ErrorKind::NoPlan);
    }
    let mut warnings = orphan_rows(doc, &spans);
    let (measures, years) = read_measures(doc, &spans, &lines, &mut warnings);
    let mut info = meta::plan_info(&lines);
    info.fiscal_years = years.into_iter().collect();
    let policies = meta::policies(&lines);
    Ok(Recognized {
        info,
        policies,
        measures,
        warnings,
    })
}

/// Every table as a numbered measure, and the fiscal years their headers name.
fn read_measures(
    doc: &Document,
    spans: &[TableSpan],
    lines: &[Line],
    warnings: &mut Vec<Warning>,
) -> (Vec<Measure>, BTreeSet<i32>) {
    let mut years = BTreeSet::new();
    let mut numbering = Numbering::default();
    let mut measures = Vec::with_capacity(spans.len());
    for span in spans {
        let grid = &doc.grids[span.grid];
        let read = measure::read(grid, span, warnings);
        years.extend(
            read.columns
                .iter()
                .flat_map(|c| c.years.iter().map(|y| y.fy)),
        );
        let mut m = read.measure;
        numbering.assign(
            &mut m,
            heading_before(lines, span),
            sheet_id(grid),
            warnings,
        );
        measures.push(m);
    }
    (measures, years)
}

/// Labelled table rows that lie outside every measure table (for example a
/// table continued on the next page without its 事業名 row): a warning
/// each, so nothing is dropped silently.
fn orphan_rows(doc: &Document, spans: &[TableSpan]) -> Vec<Warning> {
    let mut out = Vec::new();
    for (gi, grid) in doc.grids.iter().enumerate() {
        let inside = |r: usize| {
            spans
                .iter()
                .any(|s| s.grid == gi && (s.start..s.end).contains(&r))
        };
        for r in (0..grid.rows()).filter(|&r| !inside(r)) {
            let Some((col, field)) = table::row_label(grid, r) else {
                continue;
            };
            let label = grid.text(r, col).trim();
            out.push(Warning::new(
                "orphan_row",
                format!(
                    "a row labelled {label} ({field:?}) is outside any measure table (no 事業名 row above it, e.g. a table continued from the previous page); it is left out"
                ),
                grid.get(r, col).map(|c| c.at.short()),
            ));
        }
    }
    out
}

/// A measure heading: policy and measure numbers, either may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Heading {
    policy: Option<u32>,
    number: Option<u32>,
}

fn heading_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"基本方針\s*([0-9０-９]+)|施策\s*([0-9０-９]+)(?:\s*[-‐－ー]\s*([0-9０-９]+))?")
            .expect("valid regex")
    })
}

/// Numbers named in one heading line.
fn parse_heading(line: &str) -> Heading {
    let mut h = Heading::default();
    for caps in heading_re().captures_iter(line) {
        if let Some(p) = caps.get(1) {
            h.policy = meta::parse_digits(p.as_str());
        } else if let (Some(a), Some(b)) = (caps.get(2), caps.get(3)) {
            h.policy = meta::parse_digits(a.as_str());
            h.number = meta::parse_digits(b.as_str());
        } else if let Some(n) = caps.get(2) {
            h.number = meta::parse_digits(n.as_str());
        }
    }
    h
}

/// The heading nearest above a table in the same grid (the lines between
/// the previous table and this one).
fn heading_before(lines: &[Line], span: &TableSpan) -> Heading {
    let mut h = Heading::default();
    for line in lines
        .iter()
        .rev()
        .filter(|l| l.grid == span.grid && l.row < span.start)
    {
        if table_row_label(line) {
            break;
        }
        let found = parse_heading(&line.flat());
        h.policy = h.policy.or(found.policy);
        h.number = h.number.or(found.number);
        if h.policy.is_some() && h.number.is_some() {
            break;
        }
    }
    h
}

/// True for a line that is a labelled table row (the end of the table above).
fn table_row_label(line: &Line) -> bool {
    line.text
        .split('\t')
        .next()
        .is_some_and(|first| labels::field_of(first).is_some())
}

/// `1-2` style ids in a sheet name.
fn sheet_id(grid: &crate::grid::Grid) -> Heading {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"([0-9]+)\s*[-‐－_]\s*([0-9]+)").expect("valid regex"));
    let crate::grid::Origin::Sheet(name) = &grid.origin else {
        return Heading::default();
    };
    re.captures(name)
        .map_or_else(Heading::default, |c| Heading {
            policy: c[1].parse().ok(),
            number: c[2].parse().ok(),
        })
}

/// Assigns policy and measure numbers: from the heading, else the sheet
/// name, else continuing from the previous measure.
#[derive(Default)]
struct Numbering {
    policy: u32,
    number: u32,
    seen: BTreeSet<(u32, u32)>,
}

impl Numbering {
    fn assign(
        &mut self,
        m: &mut Measure,
        heading: Heading,
        sheet: Heading,
        warnings: &mut Vec<Warning>,
    ) {
        let policy = heading.policy.or(sheet.policy);
        let number = heading.number.or(sheet.number);
        if number.is_none() {
            warnings.push(Warning::new(
                "no_heading",
                format!(
                    "no 施策 number found above the table for {:?}; numbered by position",
                    m.name
                ),
                Some(m.source_ref.clone()),
            ));
        }
        let policy = policy.unwrap_or(self.policy.max(1));
        let number = number.unwrap_or(if policy == self.policy {
            self.number + 1
        } else {
            1
        });
        if !self.seen.insert((policy, number)) {
            warnings.push(Warning::new(
                "duplicate_id",
                format!("measure id {policy}-{number} appears twice"),
                Some(m.source_ref.clone()),
            ));
        }
        (self.policy, self.number) = (policy, number);
        (m.policy, m.number, m.id) = (policy, number, format!("{policy}-{number}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        let h = parse_heading("基本方針1 市民のサービス向上に向けたDX 施策2");
        assert_eq!(
            h,
            Heading {
                policy: Some(1),
                number: Some(2)
            }
        );
        let h = parse_heading("施策３－４");
        assert_eq!(
            h,
            Heading {
                policy: Some(3),
                number: Some(4)
            }
        );
        assert_eq!(parse_heading("6. 具体的な事業"), Heading::default());
    }
}
