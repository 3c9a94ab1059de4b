//! The progress report as Markdown: summaries, then per measure its
//! targets and actuals, schedule and costs.

use std::io::{self, Write};

use super::{MeasureReport, Report, Status, Summary, percent, runs, sen_yen};

pub(super) fn write<W: Write>(r: &Report, mut w: W) -> io::Result<()> {
    let who = r
        .municipality
        .as_deref()
        .map(|m| format!(" — {m}"))
        .unwrap_or_default();
    writeln!(w, "# 進捗レポート: {}{who}\n", cell(&r.title))?;
    writeln!(w, "{}\n", as_of(r, true))?;
    writeln!(w, "## 概要 (summary)\n")?;
    summary_table(r, &mut w)?;
    for m in &r.measures {
        writeln!(w)?;
        measure(m, r, &mut w)?;
    }
    Ok(())
}

/// The sentence that says what "as of" means.
pub(super) fn as_of(r: &Report, md: bool) -> String {
    let file = if md {
        format!("Source: `{}`", r.file.replace('`', "'"))
    } else {
        format!("Source: {}", r.file)
    };
    match (&r.as_of, r.closed_through) {
        (Some(d), Some(fy)) => format!(
            "As of {d} (the edition's date): fiscal years up to FY{fy} have closed, so their \
             planned periods are due. {file}."
        ),
        _ => format!("The edition has no date: nothing is counted as due. {file}."),
    }
}

fn summary_table<W: Write>(r: &Report, w: &mut W) -> io::Result<()> {
    let years = &r.fiscal_years;
    let mut head = String::from("| | 施策 | 計画どおり | 遅れ | 前倒し | 実績未報告 | 目標達成 |");
    let mut rule = String::from("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for y in years {
        head.push_str(&format!(" 事業費 FY{y} (千円) |"));
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

fn measure<W: Write>(m: &MeasureReport, r: &Report, w: &mut W) -> io::Result<()> {
    writeln!(
        w,
        "## {} {} — {} ({})\n",
        m.id,
        cell(&m.name),
        m.status.label_ja(),
        m.status.label()
    )?;
    for ind in &m.indicators {
        let name = &ind.name;
        let unit = ind
            .unit
            .as_deref()
            .map(|u| format!(" ({u})"))
            .unwrap_or_default();
        writeln!(
            w,
            "目標と実績 (targets and actuals): {}{unit}\n",
            cell(name)
        )?;
        writeln!(
            w,
            "| 年度 | 目標値 | 実績値 | 達成率 | 判定 |\n| --- | ---: | ---: | ---: | --- |"
        )?;
        for y in &ind.years {
            writeln!(
                w,
                "| FY{} | {} | {} | {} | {} |",
                y.year,
                cell(&y.target_raw),
                cell(&y.actual_raw),
                y.rate.map(percent).unwrap_or_default(),
                y.verdict.label()
            )?;
        }
        writeln!(w)?;
    }
    if !m.activities.is_empty() {
        writeln!(w, "スケジュール (schedule):\n")?;
        writeln!(
            w,
            "| 取組 | 計画 | 実績 | 未実施 (due, not done) | 前倒し | 状況 |\n| --- | --- | --- | --- | --- | --- |"
        )?;
        for a in &m.activities {
            writeln!(
                w,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&a.name),
                runs(&a.plan),
                runs(&a.actual),
                runs(&a.missing),
                runs(&a.early),
                a.status.label_ja()
            )?;
        }
        writeln!(w)?;
    }
    if !m.cost.is_empty() {
        let head: Vec<String> = m.cost.iter().map(|(y, _, _)| format!("FY{y}")).collect();
        let raw: Vec<String> = m.cost.iter().map(|(_, r, _)| cell(r)).collect();
        let yen: Vec<String> = m
            .cost
            .iter()
            .map(|(_, _, v)| v.map(sen_yen).unwrap_or_default())
            .collect();
        writeln!(w, "事業費 (cost):\n")?;
        writeln!(
            w,
            "| | {} |\n|---|{}",
            head.join(" | "),
            "---:|".repeat(head.len())
        )?;
        writeln!(w, "| as printed | {} |", raw.join(" | "))?;
        writeln!(w, "| 千円 | {} |", yen.join(" | "))?;
    }
    let _ = r;
    Ok(())
}

/// Text safe inside a Markdown table cell.
pub(super) fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
