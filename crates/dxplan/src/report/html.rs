//! The progress report as one self-contained HTML page: inline CSS and
//! SVG, no script, no network; printable on A4 landscape, one measure
//! never split over two pages.

use std::io::{self, Write};

use super::svg::{self, esc};
use super::{IndicatorReport, MeasureReport, Report, Status, percent, runs, sen_yen};

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

pub(super) fn write<W: Write>(r: &Report, mut w: W) -> io::Result<()> {
    let who = r
        .municipality
        .as_deref()
        .map(|m| format!(" — {}", esc(m)))
        .unwrap_or_default();
    writeln!(
        w,
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        w,
        "<title>進捗レポート: {}</title>\n<style>{CSS}</style>\n</head>\n<body>",
        esc(&r.title)
    )?;
    writeln!(w, "<h1>進捗レポート: {}{who}</h1>", esc(&r.title))?;
    writeln!(
        w,
        "<p id=\"asof\">{}</p>",
        esc(&super::markdown::as_of(r, false))
    )?;
    summary(r, &mut w)?;
    legend(&mut w)?;
    for m in &r.measures {
        measure(m, r, &mut w)?;
    }
    writeln!(w, "</body>\n</html>")
}

fn summary<W: Write>(r: &Report, w: &mut W) -> io::Result<()> {
    writeln!(
        w,
        "<h2>概要 (summary)</h2>\n<table id=\"summary\">\n<tr><th></th><th>施策</th>"
    )?;
    for s in Status::ALL {
        write!(w, "<th>{}<br>{}</th>", s.label_ja(), s.label())?;
    }
    write!(w, "<th>目標達成<br>targets met</th>")?;
    for y in &r.fiscal_years {
        write!(w, "<th>事業費 FY{y}<br>(千円)</th>")?;
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

fn legend<W: Write>(w: &mut W) -> io::Result<()> {
    writeln!(
        w,
        "<p class=\"legend\">Gantt:<span style=\"background:{}\"></span>計画 plan<span style=\"background:{}\"></span>実績 actual<span style=\"background:{}\"></span>遅れ due, not done<span style=\"background:{}\"></span>前倒し ahead — 目標と実績:<span style=\"background:{}\"></span>目標 target<span style=\"background:{}\"></span>実績 actual</p>",
        svg::PLAN,
        svg::ACTUAL,
        svg::MISSING,
        svg::EARLY,
        svg::TARGET,
        svg::RESULT
    )
}

fn measure<W: Write>(m: &MeasureReport, r: &Report, w: &mut W) -> io::Result<()> {
    let st = serde_json::to_value(m.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    writeln!(w, "<section class=\"measure\" id=\"m{}\">", esc(&m.id))?;
    writeln!(
        w,
        "<h2>{} {} <span class=\"badge {st}\">{} {}</span></h2>",
        esc(&m.id),
        esc(&m.name),
        m.status.label_ja(),
        m.status.label()
    )?;
    writeln!(w, "<div class=\"charts\">")?;
    writeln!(w, "{}", svg::gantt(m, &r.fiscal_years, r.closed_through))?;
    for (i, ind) in m.indicators.iter().enumerate() {
        if let Some(chart) = svg::targets(&m.id, i, ind) {
            writeln!(w, "{chart}")?;
        }
    }
    writeln!(w, "</div>")?;
    for ind in &m.indicators {
        targets_table(ind, w)?;
    }
    schedule_table(m, w)?;
    cost_table(m, w)?;
    writeln!(w, "</section>")
}

fn targets_table<W: Write>(m: &IndicatorReport, w: &mut W) -> io::Result<()> {
    let name = &m.name;
    let unit = m
        .unit
        .as_deref()
        .map(|u| format!(" ({})", esc(u)))
        .unwrap_or_default();
    writeln!(
        w,
        "<table class=\"targets\"><tr><th>{}{unit}</th>",
        esc(name)
    )?;
    for y in &m.years {
        write!(w, "<th>FY{}</th>", y.year)?;
    }
    writeln!(w, "</tr>")?;
    let row = |label: &str, f: &dyn Fn(&super::YearRow) -> String| {
        let cells: String = m
            .years
            .iter()
            .map(|y| format!("<td class=\"n\">{}</td>", esc(&f(y))))
            .collect();
        format!("<tr><th>{label}</th>{cells}</tr>")
    };
    writeln!(w, "{}", row("目標値 target", &|y| y.target_raw.clone()))?;
    writeln!(w, "{}", row("実績値 actual", &|y| y.actual_raw.clone()))?;
    writeln!(
        w,
        "{}",
        row("達成率 rate", &|y| y
            .rate
            .map(percent)
            .unwrap_or_default())
    )?;
    writeln!(w, "{}", row("判定", &|y| y.verdict.label().to_string()))?;
    writeln!(w, "</table>")
}

fn schedule_table<W: Write>(m: &MeasureReport, w: &mut W) -> io::Result<()> {
    if m.activities.is_empty() {
        return Ok(());
    }
    writeln!(
        w,
        "<table class=\"schedule\"><tr><th>取組</th><th>計画</th><th>実績</th><th>未実施 (due, not done)</th><th>前倒し</th><th>状況</th></tr>"
    )?;
    for a in &m.activities {
        writeln!(
            w,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&a.name),
            runs(&a.plan),
            runs(&a.actual),
            runs(&a.missing),
            runs(&a.early),
            a.status.label_ja()
        )?;
    }
    writeln!(w, "</table>")
}

fn cost_table<W: Write>(m: &MeasureReport, w: &mut W) -> io::Result<()> {
    if m.cost.is_empty() {
        return Ok(());
    }
    write!(w, "<table class=\"cost\"><tr><th>事業費</th>")?;
    for (y, _, _) in &m.cost {
        write!(w, "<th>FY{y}</th>")?;
    }
    write!(w, "</tr><tr><th>as printed</th>")?;
    for (_, raw, _) in &m.cost {
        write!(w, "<td class=\"n\">{}</td>", esc(raw))?;
    }
    write!(w, "</tr><tr><th>千円</th>")?;
    for (_, _, v) in &m.cost {
        write!(
            w,
            "<td class=\"n\">{}</td>",
            v.map(sen_yen).unwrap_or_default()
        )?;
    }
    writeln!(w, "</tr></table>")
}
