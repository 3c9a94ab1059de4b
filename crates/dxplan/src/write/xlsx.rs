//! Excel workbook writer: machine-readable sheets (施策, スケジュール, 指標,
//! 事業費, 基本方針, メタデータ, 警告) following the 総務省 rules for
//! machine-readable tables (統計表における機械判読可能なデータの表記方法の
//! 統一ルール):
//!
//! - one table per sheet, each an Excel table with filter buttons, a frozen
//!   header row and print set-up (A4 landscape, fit to width, header
//!   repeated on every page);
//! - one value per cell, no merged cells, no spaces for alignment; numbers
//!   as numbers (事業費（円） formatted `#,##0`), units in the header or in
//!   a 単位 column, never in the cell;
//! - the schedule as a Gantt chart: ■ plus a fill in every marked period;
//! - 機種依存文字 replaced by standard forms, each replacement returned as a
//!   `replaced_character` warning and listed on the 警告 sheet;
//! - every text written with `write_string`, so no cell is ever a formula;
//!   text starting with `=`, `+`, `-`, `@`, tab or CR also carries Excel's
//!   quote prefix (the cell style, not an added `'`), so that editing the
//!   cell in Excel keeps it text;
//! - deterministic: the same plan gives byte-identical files (the document
//!   creation date is pinned to [`CREATED`]).

mod layout;
mod review;
mod sheets;

use std::io::{Seek, Write};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::cell::{Cell, Column, Kind, TableData};
use super::jisx::{Cleaner, Owner};
use super::tables;
use crate::error::{Book, WriteError};
use crate::model::{Plan, Warning};
use layout::Sheet;

/// The pinned document creation date (UTC), `YYYY, MM, DD`: nothing about
/// the file depends on when it was written.
pub const CREATED: (u16, u8, u8) = (2000, 1, 1);

/// A new workbook for the diff, history and report: `title`, author dxplan,
/// created on [`CREATED`] (so its bytes depend only on its content).
pub(crate) fn pinned_workbook(title: &str) -> Result<Workbook, XlsxError> {
    let (y, m, d) = CREATED;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("dxplan")
            .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?),
    );
    Ok(wb)
}

/// The header row of the diff, history and report workbooks: bold on
/// grey with a thin border.
pub(crate) fn grey_header() -> rust_xlsxwriter::Format {
    rust_xlsxwriter::Format::new()
        .set_bold()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xD9D9D9))
        .set_border(rust_xlsxwriter::FormatBorder::Thin)
}

/// Write the plan as an XLSX workbook. Returns the warnings the writer adds
/// (e.g. 機種依存文字 replaced by standard forms).
///
/// # Errors
/// [`WriteError::Workbook`] when the workbook cannot be written.
///
/// # Examples
/// ```
/// let json = std::fs::read("../../tests/data/shiogama.plan.json").unwrap();
/// let plan: dxplan::Plan = serde_json::from_slice(&json).unwrap();
/// let mut out = std::io::Cursor::new(Vec::new());
/// let warnings = dxplan::write::xlsx::write(&plan, &mut out).unwrap();
/// assert!(warnings.is_empty());
/// assert!(out.into_inner().starts_with(b"PK"));
/// ```
pub fn write<W: Write + Seek + Send>(plan: &Plan, w: W) -> Result<Vec<Warning>, WriteError> {
    let (mut wb, warnings) = workbook(plan)?;
    wb.save_to_writer(w).map_err(xlsx_err)?;
    Ok(warnings)
}

fn xlsx_err(e: XlsxError) -> WriteError {
    WriteError::Workbook {
        book: Book::Plan,
        sheet: None,
        cell: None,
        detail: e.to_string(),
    }
}

/// The whole workbook in memory, and the warnings its text produced.
fn workbook(plan: &Plan) -> Result<(Workbook, Vec<Warning>), WriteError> {
    let mut wb = Workbook::new();
    wb.set_default_format(
        &layout::default_format(),
        layout::DEFAULT_ROW_PX,
        layout::DEFAULT_COL_PX,
    )
    .map_err(xlsx_err)?;
    wb.set_properties(&properties(plan).map_err(xlsx_err)?);
    let mut cl = Cleaner::new();
    let mut sheets = data_sheets(plan, &mut cl);
    let added = cl.into_warnings();
    let new: Vec<Warning> = added
        .iter()
        .filter(|w| !plan.warnings.contains(w))
        .cloned()
        .collect();
    if let Some(r) = &plan.review {
        sheets.push(sheet("確認", "Review", review::sheet(plan, r), 0));
    }
    sheets.push(sheet(
        "警告",
        "Warnings",
        sheets::warnings(&plan.warnings, &new),
        0,
    ));
    for s in &mut sheets {
        s.corrected = review::corrected_cells(plan, s);
    }
    for s in &sheets {
        layout::add_sheet(&mut wb, s)?;
    }
    Ok((wb, added))
}

/// Every sheet but 警告, in order. The data sheets end with the
/// municipality's code and names (first in the CSV files; here last, where
/// a column that is the same on every row is out of a reader's way).
fn data_sheets(plan: &Plan, cl: &mut Cleaner) -> Vec<Sheet> {
    let with_codes = |t: TableData, cl: &mut Cleaner| with_municipality(plan, t, cl);
    let mut schedule = sheet(
        "スケジュール",
        "Schedule",
        with_codes(sheets::schedule(plan, cl), cl),
        4,
    );
    schedule.banded = false;
    let mut measures = sheet(
        "施策",
        "Measures",
        with_codes(tables::measures(plan, cl), cl),
        1,
    );
    measures.fit_width = true;
    vec![
        measures,
        schedule,
        sheet(
            "指標",
            "Indicators",
            with_codes(tables::indicators(plan, cl), cl),
            1,
        ),
        sheet(
            "事業費",
            "Costs",
            with_codes(tables::costs(plan, cl), cl),
            1,
        ),
        sheet(
            "基本方針",
            "Policies",
            with_codes(sheets::policies(plan, cl), cl),
            0,
        ),
        sheet("メタデータ", "Metadata", metadata(plan, cl), 0),
    ]
}

/// メタデータ, with the review's approval where there is a review.
fn metadata(plan: &Plan, cl: &mut Cleaner) -> TableData {
    let mut t = sheets::metadata(plan, cl);
    if let Some(r) = &plan.review {
        for (key, cell) in review::metadata_pairs(r) {
            let cell = match cell {
                Cell::Text(s) => tables::text(cl, &s, key, &Owner::new("メタデータ", None)),
                other => other,
            };
            t.rows.push(vec![Cell::text(key), cell]);
        }
    }
    t
}

/// 全国地方公共団体コード, 都道府県名 and 市区町村名 after every row.
fn with_municipality(plan: &Plan, mut t: TableData, cl: &mut Cleaner) -> TableData {
    use super::csv::{CODE, MUNICIPALITY, PREFECTURE};
    let m = plan.plan.municipality.as_ref();
    let o = Owner::default();
    let cells = [
        Cell::text(m.and_then(|m| m.code.clone()).unwrap_or_default()),
        tables::opt_text(cl, m.and_then(|m| m.prefecture.as_deref()), PREFECTURE, &o),
        tables::opt_text(cl, m.map(|m| m.name.as_str()), MUNICIPALITY, &o),
    ];
    t.columns
        .extend([CODE, PREFECTURE, MUNICIPALITY].map(|h| Column::new(h, Kind::Text)));
    for row in &mut t.rows {
        row.extend(cells.iter().cloned());
    }
    t
}

fn sheet(name: &'static str, table_name: &'static str, data: TableData, freeze: u16) -> Sheet {
    Sheet {
        name,
        table_name,
        data,
        freeze_columns: freeze,
        banded: true,
        corrected: Vec::new(),
        fit_width: false,
    }
}

fn properties(plan: &Plan) -> Result<DocProperties, XlsxError> {
    let (y, m, d) = CREATED;
    let created = ExcelDateTime::from_ymd(y, m, d)?;
    let title = plan.plan.title.as_deref().unwrap_or_default();
    let title = super::jisx::replace(title).0.into_owned();
    Ok(DocProperties::new()
        .set_title(title)
        .set_author("dxplan")
        .set_comment(format!(
            "dxplan {} from {} (sha256 {})",
            env!("CARGO_PKG_VERSION"),
            plan.source.file,
            plan.source.sha256
        ))
        .set_creation_datetime(&created))
}
