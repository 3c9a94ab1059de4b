//! Inline SVG charts for the HTML report: a Gantt of plan vs actual per
//! activity, and target-vs-actual bars per fiscal year. No script, no
//! external resources.

use std::fmt::Write as _;

use super::{IndicatorReport, MeasureReport, Words, YearRow};
use crate::model::Period;

pub const PLAN: &str = "#9ecae1";
pub const ACTUAL: &str = "#08519c";
pub const MISSING: &str = "#d62728";
pub const EARLY: &str = "#2ca02c";
pub const TARGET: &str = "#d9d9d9";
pub const RESULT: &str = "#ff7f0e";

const LABEL_W: f64 = 150.0;
const CHART_W: f64 = 440.0;
const ROW_H: f64 = 28.0;
const HEAD_H: f64 = 20.0;

/// Escape text for XML.
pub use crate::markup::escape as esc;

/// The Gantt of one measure: a row per activity, the planned periods as a
/// light bar (due and not done in red), the actual periods as a dark bar
/// (ahead of plan in green), a dashed line where the closed years end.
pub fn gantt(m: &MeasureReport, years: &[i32], closed: Option<i32>, words: Words) -> String {
    let years = span(m, years);
    let (first, n) = (years[0], years.len() as f64);
    let year_w = CHART_W / n;
    let x = |p: &Period| {
        let cols = f64::from(p.granularity.columns());
        let x0 =
            LABEL_W + (f64::from(p.fiscal_year - first) + f64::from(p.index - 1) / cols) * year_w;
        (x0, year_w / cols)
    };
    let h = HEAD_H + ROW_H * m.activities.len() as f64 + 4.0;
    let w = LABEL_W + CHART_W + 2.0;
    let mut s = format!(
        r#"<svg class="gantt" role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
        label = esc(&crate::t!(words.0, "report-svg-gantt", id = m.id.as_str()))
    );
    for (i, y) in years.iter().enumerate() {
        let x0 = LABEL_W + i as f64 * year_w;
        let _ = write!(
            s,
            r##"<rect x="{x0}" y="0" width="{year_w}" height="{h}" fill="{}"/><text x="{}" y="14" text-anchor="middle" class="axis">{}</text>"##,
            if i % 2 == 0 { "#f7f7f7" } else { "#ffffff" },
            x0 + year_w / 2.0,
            esc(&words.fy(*y))
        );
    }
    for (r, a) in m.activities.iter().enumerate() {
        let y = HEAD_H + r as f64 * ROW_H;
        let _ = write!(
            s,
            r#"<text x="4" y="{}" class="label">{}</text>"#,
            y + 18.0,
            esc(&clip(&a.name, 11))
        );
        for p in &a.plan {
            let (x0, pw) = x(p);
            let fill = if a.missing.contains(p) { MISSING } else { PLAN };
            let _ = write!(
                s,
                r#"<rect class="plan" x="{x0:.1}" y="{:.1}" width="{:.1}" height="9" fill="{fill}"/>"#,
                y + 4.0,
                pw - 1.0
            );
        }
        for p in &a.actual {
            let (x0, pw) = x(p);
            let fill = if a.early.contains(p) { EARLY } else { ACTUAL };
            let _ = write!(
                s,
                r#"<rect class="actual" x="{x0:.1}" y="{:.1}" width="{:.1}" height="9" fill="{fill}"/>"#,
                y + 15.0,
                pw - 1.0
            );
        }
    }
    if let Some(c) = closed.filter(|c| *c >= first) {
        let xc = LABEL_W + f64::from(c + 1 - first).min(n) * year_w;
        let _ = write!(
            s,
            r##"<line class="asof" x1="{xc}" y1="0" x2="{xc}" y2="{h}" stroke="#333" stroke-dasharray="4 3"/>"##
        );
    }
    s.push_str("</svg>");
    s
}

/// The fiscal years a chart spans: the plan's, widened to every period.
fn span(m: &MeasureReport, years: &[i32]) -> Vec<i32> {
    let ps = m
        .activities
        .iter()
        .flat_map(|a| a.plan.iter().chain(&a.actual));
    let mut all: Vec<i32> = years.to_vec();
    all.extend(ps.map(|p| p.fiscal_year));
    all.extend(m.indicators.iter().flat_map(|i| &i.years).map(|y| y.year));
    let (lo, hi) = (all.iter().min().copied(), all.iter().max().copied());
    match (lo, hi) {
        (Some(lo), Some(hi)) => (lo..=hi).collect(),
        _ => vec![0],
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}

/// Target (grey) and actual (orange) bars per fiscal year, each labelled
/// with its value; `None` when no year has a numeric target or actual.
/// `i` is the indicator's place (0-based) among the measure's `id`.
pub fn targets(id: &str, i: usize, m: &IndicatorReport, words: Words) -> Option<String> {
    let ys: &[YearRow] = &m.years;
    let max = ys
        .iter()
        .flat_map(|y| [y.target, y.actual])
        .flatten()
        .fold(0.0_f64, f64::max);
    if max <= 0.0 {
        return None;
    }
    let (w, h, base, top) = (88.0 * ys.len() as f64 + 20.0, 150.0, 125.0, 18.0);
    let scale = (base - top) / max;
    let mut s = format!(
        r#"<svg class="targets" role="img" aria-label="{label}{nth}" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
        label = esc(&crate::t!(words.0, "report-svg-targets", id = id)),
        nth = if i == 0 {
            String::new()
        } else {
            format!(" ({})", i + 1)
        }
    );
    let _ = write!(
        s,
        r##"<line x1="10" y1="{base}" x2="{}" y2="{base}" stroke="#999"/>"##,
        w - 10.0
    );
    for (i, y) in ys.iter().enumerate() {
        let x0 = 16.0 + i as f64 * 88.0;
        for (j, (v, raw, fill, class)) in [
            (y.target, &y.target_raw, TARGET, "target"),
            (y.actual, &y.actual_raw, RESULT, "result"),
        ]
        .into_iter()
        .enumerate()
        {
            let bx = x0 + j as f64 * 40.0;
            if let Some(v) = v {
                let bh = (v * scale).max(1.0);
                let _ = write!(
                    s,
                    r##"<rect class="{class}" x="{bx}" y="{:.1}" width="34" height="{bh:.1}" fill="{fill}" stroke="#666" stroke-width="0.5"/><text x="{}" y="{:.1}" text-anchor="middle" class="value">{}</text>"##,
                    base - bh,
                    bx + 17.0,
                    base - bh - 3.0,
                    esc(raw)
                );
            }
        }
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle" class="axis">{}</text>"#,
            x0 + 37.0,
            base + 16.0,
            esc(&words.fy(y.year))
        );
    }
    s.push_str("</svg>");
    Some(s)
}
