//! The history as a workbook: 版, 変更, 施策の経過. Every cell is a string
//! or a number (never a formula); the creation date is pinned so the bytes
//! are deterministic.

use std::io::{Seek, Write};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde_json::Value as Json;

use super::{Event, EventKind, History, PlanHistory};
use crate::error::{Book, WriteError};
use crate::i18n::{Lang, t};

pub(super) fn write<W: Write + Seek + Send>(
    h: &History,
    w: W,
    lang: Lang,
) -> Result<(), WriteError> {
    let mut wb = workbook(h, lang).map_err(xlsx_err)?;
    wb.save_to_writer(w).map_err(xlsx_err)
}

fn xlsx_err(e: XlsxError) -> WriteError {
    WriteError::workbook(Book::History, e)
}

fn workbook(h: &History, lang: Lang) -> Result<Workbook, XlsxError> {
    let mut wb = crate::write::xlsx::pinned_workbook("dxplan history")?;
    let plans = &h.plans;
    sheet(
        wb.add_worksheet(),
        "版",
        EDITIONS,
        &plans.iter().flat_map(editions).collect::<Vec<_>>(),
    )?;
    sheet(
        wb.add_worksheet(),
        "変更",
        CHANGES,
        &plans
            .iter()
            .flat_map(|p| changes(p, lang))
            .collect::<Vec<_>>(),
    )?;
    sheet(
        wb.add_worksheet(),
        "施策の経過",
        TIMELINE,
        &plans
            .iter()
            .flat_map(|p| timeline(p, lang))
            .collect::<Vec<_>>(),
    )?;
    Ok(wb)
}

const EDITIONS: &[(&str, f64)] = &[
    ("計画", 30.0),
    ("団体", 16.0),
    ("版", 10.0),
    ("ファイル", 40.0),
    ("策定", 10.0),
    ("改訂", 10.0),
    ("施策数", 8.0),
    ("同じ版", 40.0),
];
const CHANGES: &[(&str, f64)] = &[
    ("計画", 30.0),
    ("旧版", 10.0),
    ("新版", 10.0),
    ("施策", 8.0),
    ("種別", 10.0),
    ("パス", 30.0),
    ("旧", 50.0),
    ("新", 50.0),
];
const TIMELINE: &[(&str, f64)] = &[
    ("計画", 30.0),
    ("施策", 8.0),
    ("事業名", 30.0),
    ("初出", 10.0),
    ("版", 10.0),
    ("出来事", 10.0),
    ("年度", 8.0),
    ("旧", 30.0),
    ("新", 30.0),
];

fn title(p: &PlanHistory) -> String {
    p.title.clone().unwrap_or_default()
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn editions(p: &PlanHistory) -> Vec<Vec<String>> {
    p.editions
        .iter()
        .map(|e| {
            vec![
                title(p),
                opt(&p.municipality),
                e.label.clone(),
                e.path.clone(),
                opt(&e.issued),
                opt(&e.revised),
                e.measures.to_string(),
                e.copies.join(", "),
            ]
        })
        .collect()
}

fn changes(p: &PlanHistory, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for s in &p.steps {
        for c in &s.diff.changes {
            rows.push(vec![
                title(p),
                s.from.clone(),
                s.to.clone(),
                c.measure.clone(),
                crate::diff::xlsx::kind(c.kind, lang),
                c.path.clone(),
                shown(&c.old),
                shown(&c.new),
            ]);
        }
    }
    rows
}

fn timeline(p: &PlanHistory, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for t in &p.timeline {
        let head = [title(p), t.id.clone(), t.name.clone(), t.first.clone()];
        if t.events.is_empty() {
            rows.push(
                head.iter()
                    .cloned()
                    .chain(std::iter::repeat_n(String::new(), 5))
                    .collect(),
            );
        }
        for e in &t.events {
            let mut r = head.to_vec();
            r.extend([
                e.edition.clone(),
                event(e, lang),
                e.year.map(|y| y.to_string()).unwrap_or_default(),
                opt(&e.old),
                opt(&e.new),
            ]);
            rows.push(r);
        }
    }
    rows
}

/// The 出来事 cell: added, removed (the text form's words), renamed,
/// moved, target in `lang`.
fn event(e: &Event, lang: Lang) -> String {
    match e.kind {
        EventKind::Added => t!(lang, "history-added"),
        EventKind::Removed => t!(lang, "history-removed"),
        EventKind::Renamed => t!(lang, "history-xlsx-renamed"),
        EventKind::Moved => t!(lang, "history-xlsx-moved"),
        EventKind::Target => match e.indicator.unwrap_or(0) {
            0 => t!(lang, "history-xlsx-target"),
            i => t!(lang, "history-xlsx-target-nth", n = (i + 1).to_string()),
        },
    }
}

/// A change's value as a cell: a Value's raw text, a list joined, a
/// schedule row as its plan and actual periods.
fn shown(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        Json::Array(a) => a.iter().map(shown).collect::<Vec<_>>().join(" "),
        Json::Object(o) if o.contains_key("raw") => shown(&o["raw"]),
        Json::Object(o) if o.contains_key("activity") => {
            format!(
                "plan: {} / actual: {}",
                shown(&o["plan"]),
                shown(&o["actual"])
            )
        }
        other => other.to_string(),
    }
}

fn sheet(
    ws: &mut Worksheet,
    name: &str,
    cols: &[(&str, f64)],
    rows: &[Vec<String>],
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let bold = crate::write::xlsx::grey_header();
    let wrap = Format::new().set_text_wrap();
    for (c, (h, width)) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, *width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string_with_format(r as u32 + 1, c as u16, v, &wrap)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, cols.len() as u16 - 1)?;
    ws.set_landscape().set_print_fit_to_pages(1, 0);
    Ok(())
}
