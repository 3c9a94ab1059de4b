//! The diff as a workbook: one sheet 差分, one row per change (施策, 事業名,
//! 種別, 項目, パス, 旧, 新, 詳細), the changed cells filled (old red, new
//! green), a frozen header row and filters. Every cell is a string (never a
//! formula); the creation date is pinned so the bytes are deterministic.
//! The words in the cells (種別, 詳細, blank values) follow the reader's
//! language; the sheet and column names are the plan's own in both.

use std::io::{Seek, Write};

use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use serde_json::Value as Json;

use super::render::{self, Field, Group, Head};
use super::{Change, ChangeKind, Diff};
use crate::error::{Book, WriteError};
use crate::i18n::{Lang, t};

const HEADERS: [(&str, f64); 8] = [
    ("施策", 8.0),
    ("事業名", 28.0),
    ("種別", 10.0),
    ("項目", 26.0),
    ("パス", 28.0),
    ("旧", 50.0),
    ("新", 50.0),
    ("詳細", 30.0),
];
const OLD_COL: u16 = 5;

pub(super) fn write<W: Write + Seek + Send>(d: &Diff, w: W, lang: Lang) -> Result<(), WriteError> {
    let mut wb = workbook(d, lang).map_err(xlsx_err)?;
    wb.save_to_writer(w).map_err(xlsx_err)
}

fn xlsx_err(e: XlsxError) -> WriteError {
    WriteError::workbook(Book::Diff, e)
}

fn workbook(d: &Diff, lang: Lang) -> Result<Workbook, XlsxError> {
    let title = format!(
        "dxplan diff: {} → {}",
        render::side(&d.old),
        render::side(&d.new)
    );
    let mut wb = crate::write::xlsx::pinned_workbook(&title)?;
    let ws = wb.add_worksheet();
    ws.set_name("差分")?;
    let rows = rows(d, lang);
    header(ws)?;
    for (i, r) in rows.iter().enumerate() {
        row(ws, i as u32 + 1, r)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, HEADERS.len() as u16 - 1)?;
    Ok(wb)
}

fn header(ws: &mut Worksheet) -> Result<(), XlsxError> {
    let bold = crate::write::xlsx::grey_header();
    for (c, (name, width)) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &bold)?;
        ws.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

/// One change as the cells of a row, and which of old/new to fill.
struct Row {
    cells: [String; 8],
    fill_old: bool,
    fill_new: bool,
}

fn rows(d: &Diff, lang: Lang) -> Vec<Row> {
    let mut out = Vec::new();
    for g in render::groups(d) {
        out.extend(head_row(&g, lang));
        out.extend(g.rows.iter().map(|c| change_row(d, &g, c, lang)));
    }
    out
}

/// The row of a whole measure added, removed or moved.
fn head_row(g: &Group, lang: Lang) -> Option<Row> {
    let c = g.whole?;
    let (old, new, detail) = match (&g.head, c.kind) {
        (Head::Moved { old_id }, _) => (
            old_id.clone(),
            g.measure.to_string(),
            t!(lang, "diff-xlsx-moved-from", id = old_id.as_str()),
        ),
        (_, ChangeKind::Removed) => (g.name.clone(), String::new(), String::new()),
        (_, ChangeKind::Added) => (String::new(), g.name.clone(), String::new()),
        _ => return None,
    };
    let fill = (!old.is_empty(), !new.is_empty());
    Some(Row {
        cells: [
            g.measure.to_string(),
            g.name.clone(),
            kind(c.kind, lang),
            if c.kind == ChangeKind::Moved {
                "施策番号"
            } else {
                "施策"
            }
            .into(),
            String::new(),
            old,
            new,
            detail,
        ],
        fill_old: fill.0,
        fill_new: fill.1,
    })
}

fn change_row(d: &Diff, g: &Group, c: &Change, lang: Lang) -> Row {
    let (old, new) = texts(d, c, lang);
    Row {
        fill_old: !c.old.is_null(),
        fill_new: !c.new.is_null(),
        cells: [
            c.measure.clone(),
            g.name.clone(),
            kind(c.kind, lang),
            render::label(c),
            c.path.clone(),
            old,
            new,
            detail(c, lang),
        ],
    }
}

/// The 種別 cell: added, removed, changed, moved in `lang` (also the
/// history workbook's).
pub(crate) fn kind(k: ChangeKind, lang: Lang) -> String {
    match k {
        ChangeKind::Added => t!(lang, "diff-xlsx-added"),
        ChangeKind::Removed => t!(lang, "diff-xlsx-removed"),
        ChangeKind::Changed => t!(lang, "diff-xlsx-changed"),
        ChangeKind::Moved => t!(lang, "diff-xlsx-moved"),
    }
}

/// Old and new as text: strips for schedules, the raw text of Values.
fn texts(d: &Diff, c: &Change, lang: Lang) -> (String, String) {
    let one = |v: &Json, other: &Json| -> String {
        if v.is_null() {
            return String::new();
        }
        match render::field(c) {
            Field::Schedule { part: Some(_), .. } => render::span_of(d, c).strip(v, other).plain(),
            Field::Schedule { part: None, .. } => row_text(d, c, v),
            _ => render::plain(v, lang),
        }
    };
    (one(&c.old, &c.new), one(&c.new, &c.old))
}

fn row_text(d: &Diff, c: &Change, row: &Json) -> String {
    let span = render::span_of(d, c);
    let strip = |k: &str| {
        let l = row.get(k).unwrap_or(&Json::Null);
        span.strip(l, l).plain()
    };
    format!("計画 {}\n実績 {}", strip("plan"), strip("actual"))
}

/// `added 2023-Q1, 2023-Q2; removed 2022-Q4` for schedule lists.
fn detail(c: &Change, lang: Lang) -> String {
    let list = |id: &str, v: &Option<Vec<String>>| match v {
        Some(v) if !v.is_empty() => Some(t!(lang, id, periods = v.join(", "))),
        _ => None,
    };
    let parts: Vec<String> = [
        list("diff-xlsx-periods-added", &c.added),
        list("diff-xlsx-periods-removed", &c.removed),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join("; ")
}

fn row(ws: &mut Worksheet, r: u32, row: &Row) -> Result<(), XlsxError> {
    ws.set_row_height(r, 15.0 * row_lines(row) as f64)?;
    for (col, text) in row.cells.iter().enumerate() {
        let col = col as u16;
        let fill = match col {
            OLD_COL if row.fill_old => Some(0xFFC7CE),
            c if c == OLD_COL + 1 && row.fill_new => Some(0xC6EFCE),
            _ => None,
        };
        ws.write_string_with_format(r, col, text, &cell_format(text, fill))?;
    }
    Ok(())
}

/// The lines the tallest cell of a row wraps to (spreadsheet programs do
/// not all grow rows to fit wrapped text on their own).
fn row_lines(row: &Row) -> usize {
    row.cells
        .iter()
        .zip(HEADERS)
        .map(|(text, (_, width))| {
            text.split('\n')
                .map(|line| (display_width(line) as f64 / width).ceil().max(1.0) as usize)
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
}

/// Column-width units: wide (CJK, full-width) characters count two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// Top-aligned, wrapped; filled when changed; quote-prefixed when Excel
/// would otherwise take the text for a formula on editing.
fn cell_format(text: &str, fill: Option<u32>) -> Format {
    let mut f = Format::new().set_align(FormatAlign::Top).set_text_wrap();
    if let Some(rgb) = fill {
        f = f.set_background_color(Color::RGB(rgb));
    }
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        f = f.set_quote_prefix();
    }
    f
}
