//! The progress report as one self-contained HTML page: inline CSS and
//! SVG, no script, no network; printable on A4 landscape, one measure
//! never split over two pages.

use std::io::{self, Write};

use super::svg::{self, esc};
use super::{IndicatorReport, MeasureReport, Report, Status, Words, percent, sen_yen};
use crate::t;

const CSS: &str = r#"
@page { size: A4 landscape; margin: 10mm; }
body { font-family: "IPAexGothic", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif;
       font-size: 10pt; color: #222; margin: 0 auto; max-width: 277mm; }
h1 { font-size: 16pt; margin: 4mm 0 2mm; }
h2 { font-size: 12pt; margin: 0 0 2mm; }
table { border-collapse: collapse; margin: 1mm 0 3mm; }
th, td { border: 1px solid #bbb; padding: 1px 5px; }
th { background: #eee; }
td.n { text-align: right; }
section.measure { break-inside: avoid; page-break-inside: avoid; border-top: 2px solid #08519c;
                  padding-top: 2mm; margin-top: 4mm; }
.charts { display: flex; gap: 6mm; align-items: flex-start; flex-wrap: wrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 9pt; }
.on_schedule { background: #2b8a3e; } .behind { background: #d62728; }
.ahead { background: #1c7ed6; } .not_reported { background: #868e96; }
svg text { font-size: 10px; } svg text.axis { fill: #555; } svg text.value { font-size: 8.5px; }
.legend span { display: inline-block; width: 10px; height: 10px; margin: 0 3px 0 10px; vertical-align: middle; }
@media print { .measure { font-size: 9pt; } }
"#;

pub(super) fn write<W: Write>(r: &Report, mut w: W, words: Words) -> io::Result<()> {
    let who = r
        .municipality
        .as_deref()
        .map(|m| format!(" — {}", esc(m)))
        .unwrap_or_default();
    let title = esc(&t!(words.0, "report-title", title = r.title.as_str()));
    // lang="ja": the page is mostly the plan's Japanese in either language.
    writeln!(
        w,
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        w,
        "<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>"
    )?;
    writeln!(w, "<h1>{title}{who}</h1>")?;
    writeln!(
        w,
        "<p id=\"asof\">{}</p>",
        esc(&super::markdown::as_of(r, false, words))
    )?;
    summary(r, &mut w, words)?;
    legend(&mut w, words)?;
    for m in &r.measures {
        measure(m, r, &mut w, words)?;
    }
    writeln!(w, "</body>\n</html>")
}

fn summary<W: Write>(r: &Report, w: &mut W, words: Words) -> io::Result<()> {
    writeln!(
        w,
        "<h2>{}</h2>\n<table id=\"summary\">\n<tr><th></th><th>{}</th>",
        esc(&words.t("report-summary")),
        esc(&words.t("report-col-measures"))
    )?;
    for s in Status::ALL {
        let id = match s {
            Status::OnSchedule => "report-html-on-schedule",
            Status::Ahead => "report-html-ahead",
            Status::Behind => "report-html-behind",
            Status::NotReported => "report-html-not-reported",
        };
        // The catalogue's own markup (<br>), no text from the plan.
        write!(w, "<th>{}</th>", words.t(id))?;
    }
    write!(w, "<th>{}</th>", words.t("report-html-targets-met"))?;
    for y in &r.fiscal_years {
        write!(
            w,
            "<th>{}</th>",
            t!(words.0, "report-html-cost-year", year = words.fy(*y))
        )?;
    }
    writeln!(w, "</tr>")?;
    for s in std::iter::once(&r.total).chain(&r.policies) {
        write!(
            w,
            "<tr><td>{}</td><td class=\"n\">{}</td>",
            esc(&s.name),
            s.measures
        )?;
        for st in Status::ALL {
            write!(w, "<td class=\"n\">{}</td>", s.count(st))?;
        }
        write!(
            w,
            "<td class=\"n\">{} / {}</td>",
            s.targets_met, s.targets_compared
        )?;
        for y in &r.fiscal_years {
            write!(
                w,
                "<td class=\"n\">{}</td>",
                s.cost.get(y).map(|v| sen_yen(*v)).unwrap_or_default()
            )?;
        }
        writeln!(w, "</tr>")?;
    }
    writeln!(w, "</table>")
}

fn legend<W: Write>(w: &mut W, words: Words) -> io::Result<()> {
    let swatch = |c: &str| format!("<span style=\"background:{c}\"></span>");
    writeln!(
        w,
        "<p class=\"legend\">{}</p>",
        t!(
            words.0,
            "report-legend",
            plan = swatch(svg::PLAN),
            actual = swatch(svg::ACTUAL),
            missing = swatch(svg::MISSING),
            early = swatch(svg::EARLY),
            target = swatch(svg::TARGET),
            result = swatch(svg::RESULT)
        )
    )
}

fn measure<W: Write>(m: &MeasureReport, r: &Report, w: &mut W, words: Words) -> io::Result<()> {
    let st = serde_json::to_value(m.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let badge = match m.status {
        Status::OnSchedule => "report-badge-on-schedule",
        Status::Ahead => "report-badge-ahead",
        Status::Behind => "report-badge-behind",
        Status::NotReported => "report-badge-not-reported",
    };
    writeln!(w, "<section class=\"measure\" id=\"m{}\">", esc(&m.id))?;
    writeln!(
        w,
        "<h2>{} {} <span class=\"badge {st}\">{}</span></h2>",
        esc(&m.id),
        esc(&m.name),
        esc(&words.t(badge))
    )?;
    writeln!(w, "<div class=\"charts\">")?;
    writeln!(
        w,
        "{}",
        svg::gantt(m, &r.fiscal_years, r.closed_through, words)
    )?;
    for (i, ind) in m.indicators.iter().enumerate() {
        if let Some(chart) = svg::targets(&m.id, i, ind, words) {
            writeln!(w, "{chart}")?;
        }
    }
    writeln!(w, "</div>")?;
    for ind in &m.indicators {
        targets_table(ind, w, words)?;
    }
    schedule_table(m, w, words)?;
    cost_table(m, w, words)?;
    writeln!(w, "</section>")
}

fn targets_table<W: Write>(m: &IndicatorReport, w: &mut W, words: Words) -> io::Result<()> {
    let name = &m.name;
    let unit = m
        .unit
        .as_deref()
        .map(|u| esc(&t!(words.0, "report-unit", unit = u)))
        .unwrap_or_default();
    writeln!(
        w,
        "<table class=\"targets\"><tr><th>{}{unit}</th>",
        esc(name)
    )?;
    for y in &m.years {
        write!(w, "<th>{}</th>", esc(&words.fy(y.year)))?;
    }
    writeln!(w, "</tr>")?;
    let row = |label: &str, f: &dyn Fn(&super::YearRow) -> String| {
        let cells: String = m
            .years
            .iter()
            .map(|y| format!("<td class=\"n\">{}</td>", esc(&f(y))))
            .collect();
        format!("<tr><th>{}</th>{cells}</tr>", esc(label))
    };
    writeln!(
        w,
        "{}",
        row(&words.t("report-row-target"), &|y| y.target_raw.clone())
    )?;
    writeln!(
        w,
        "{}",
        row(&words.t("report-row-actual"), &|y| y.actual_raw.clone())
    )?;
    writeln!(
        w,
        "{}",
        row(&words.t("report-row-rate"), &|y| y
            .rate
            .map(percent)
            .unwrap_or_default())
    )?;
    writeln!(
        w,
        "{}",
        row(&words.t("report-col-verdict"), &|y| words
            .verdict(y.verdict))
    )?;
    writeln!(w, "</table>")
}

fn schedule_table<W: Write>(m: &MeasureReport, w: &mut W, words: Words) -> io::Result<()> {
    if m.activities.is_empty() {
        return Ok(());
    }
    let head: String = [
        "report-col-activity",
        "report-col-plan",
        "report-col-done",
        "report-col-missing",
        "report-col-early",
        "report-col-status",
    ]
    .iter()
    .map(|id| format!("<th>{}</th>", esc(&words.t(id))))
    .collect();
    writeln!(w, "<table class=\"schedule\"><tr>{head}</tr>")?;
    for a in &m.activities {
        writeln!(
            w,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&a.name),
            esc(&words.runs(&a.plan)),
            esc(&words.runs(&a.actual)),
            esc(&words.runs(&a.missing)),
            esc(&words.runs(&a.early)),
            esc(&words.status(a.status))
        )?;
    }
    writeln!(w, "</table>")
}

fn cost_table<W: Write>(m: &MeasureReport, w: &mut W, words: Words) -> io::Result<()> {
    if m.cost.is_empty() {
        return Ok(());
    }
    write!(
        w,
        "<table class=\"cost\"><tr><th>{}</th>",
        esc(&words.t("report-cost"))
    )?;
    for (y, _, _) in &m.cost {
        write!(w, "<th>{}</th>", esc(&words.fy(*y)))?;
    }
    write!(
        w,
        "</tr><tr><th>{}</th>",
        esc(&words.t("report-as-printed"))
    )?;
    for (_, raw, _) in &m.cost {
        write!(w, "<td class=\"n\">{}</td>", esc(raw))?;
    }
    write!(
        w,
        "</tr><tr><th>{}</th>",
        esc(&words.t("report-thousand-yen"))
    )?;
    for (_, _, v) in &m.cost {
        write!(
            w,
            "<td class=\"n\">{}</td>",
            v.map(sen_yen).unwrap_or_default()
        )?;
    }
    writeln!(w, "</tr></table>")
}
