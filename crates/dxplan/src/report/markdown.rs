//! The progress report as Markdown: summaries, then per measure its
//! targets and actuals, schedule and costs.

use std::io::{self, Write};

use super::{MeasureReport, Report, Status, Summary, Words, percent, sen_yen};
use crate::t;

pub(super) fn write<W: Write>(r: &Report, mut w: W, words: Words) -> io::Result<()> {
    let who = r
        .municipality
        .as_deref()
        .map(|m| format!(" — {m}"))
        .unwrap_or_default();
    writeln!(
        w,
        "# {}{who}\n",
        t!(words.0, "report-title", title = cell(&r.title))
    )?;
    writeln!(w, "{}\n", as_of(r, true, words))?;
    writeln!(w, "## {}\n", words.t("report-summary"))?;
    summary_table(r, &mut w, words)?;
    for m in &r.measures {
        writeln!(w)?;
        measure(m, &mut w, words)?;
    }
    Ok(())
}

/// The sentence that says what "as of" means.
pub(super) fn as_of(r: &Report, md: bool, words: Words) -> String {
    let file = if md {
        format!("`{}`", r.file.replace('`', "'"))
    } else {
        r.file.clone()
    };
    match (&r.as_of, r.closed_through) {
        (Some(d), Some(fy)) => t!(
            words.0,
            "report-as-of",
            date = words.month(d),
            year = words.fy(fy),
            file = file
        ),
        _ => t!(words.0, "report-no-date", file = file),
    }
}

fn summary_table<W: Write>(r: &Report, w: &mut W, words: Words) -> io::Result<()> {
    let years = &r.fiscal_years;
    let mut head = format!("| | {} |", words.t("report-col-measures"));
    let mut rule = String::from("| --- | ---: |");
    for st in Status::ALL {
        head.push_str(&format!(" {} |", words.status(st)));
        rule.push_str(" ---: |");
    }
    head.push_str(&format!(" {} |", words.t("report-col-targets-met")));
    rule.push_str(" ---: |");
    for y in years {
        head.push_str(&format!(
            " {} |",
            t!(words.0, "report-col-cost-year", year = words.fy(*y))
        ));
        rule.push_str(" ---: |");
    }
    writeln!(w, "{head}\n{rule}")?;
    for s in std::iter::once(&r.total).chain(&r.policies) {
        summary_row(s, years, w)?;
    }
    Ok(())
}

fn summary_row<W: Write>(s: &Summary, years: &[i32], w: &mut W) -> io::Result<()> {
    let mut row = format!("| {} | {} |", cell(&s.name), s.measures);
    for st in Status::ALL {
        row.push_str(&format!(" {} |", s.count(st)));
    }
    row.push_str(&format!(" {} / {} |", s.targets_met, s.targets_compared));
    for y in years {
        row.push_str(&format!(
            " {} |",
            s.cost.get(y).map(|v| sen_yen(*v)).unwrap_or_default()
        ));
    }
    writeln!(w, "{row}")
}

fn measure<W: Write>(m: &MeasureReport, w: &mut W, words: Words) -> io::Result<()> {
    writeln!(
        w,
        "## {} {} — {}\n",
        m.id,
        cell(&m.name),
        words.status_heading(m.status)
    )?;
    for ind in &m.indicators {
        let unit = ind
            .unit
            .as_deref()
            .map(|u| t!(words.0, "report-unit", unit = u))
            .unwrap_or_default();
        writeln!(
            w,
            "{}\n",
            t!(
                words.0,
                "report-md-targets",
                indicator = format!("{}{unit}", cell(&ind.name))
            )
        )?;
        writeln!(
            w,
            "| {} | {} | {} | {} | {} |\n| --- | ---: | ---: | ---: | --- |",
            words.t("report-col-year"),
            words.t("report-col-target"),
            words.t("report-col-actual"),
            words.t("report-col-rate"),
            words.t("report-col-verdict"),
        )?;
        for y in &ind.years {
            writeln!(
                w,
                "| {} | {} | {} | {} | {} |",
                words.fy(y.year),
                cell(&y.target_raw),
                cell(&y.actual_raw),
                y.rate.map(percent).unwrap_or_default(),
                words.verdict(y.verdict)
            )?;
        }
        writeln!(w)?;
    }
    if !m.activities.is_empty() {
        writeln!(w, "{}\n", words.t("report-md-schedule"))?;
        writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- | --- |",
            words.t("report-col-activity"),
            words.t("report-col-plan"),
            words.t("report-col-done"),
            words.t("report-col-missing"),
            words.t("report-col-early"),
            words.t("report-col-status"),
        )?;
        for a in &m.activities {
            writeln!(
                w,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&a.name),
                words.runs(&a.plan),
                words.runs(&a.actual),
                words.runs(&a.missing),
                words.runs(&a.early),
                words.status(a.status)
            )?;
        }
        writeln!(w)?;
    }
    if !m.cost.is_empty() {
        let head: Vec<String> = m.cost.iter().map(|(y, _, _)| words.fy(*y)).collect();
        let raw: Vec<String> = m.cost.iter().map(|(_, r, _)| cell(r)).collect();
        let yen: Vec<String> = m
            .cost
            .iter()
            .map(|(_, _, v)| v.map(sen_yen).unwrap_or_default())
            .collect();
        writeln!(w, "{}\n", words.t("report-md-cost"))?;
        writeln!(
            w,
            "| | {} |\n|---|{}",
            head.join(" | "),
            "---:|".repeat(head.len())
        )?;
        writeln!(
            w,
            "| {} | {} |",
            words.t("report-as-printed"),
            raw.join(" | ")
        )?;
        writeln!(
            w,
            "| {} | {} |",
            words.t("report-thousand-yen"),
            yen.join(" | ")
        )?;
    }
    Ok(())
}

/// Text safe inside a Markdown table cell.
pub(super) fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
