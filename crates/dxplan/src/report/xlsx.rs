//! The progress report as a workbook: 概要 (summaries), 目標と実績 (one row
//! per measure and year), スケジュール (one row per activity), 事業費 (one
//! row per measure and year). Numbers are numbers; the creation date is
//! pinned so the bytes are deterministic.

use std::io::{Seek, Write};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{Report, Status, Words};
use crate::error::{Book, WriteError};

/// A cell: text or number.
enum C {
    S(String),
    N(Option<f64>),
}

pub(super) fn write<W: Write + Seek + Send>(
    r: &Report,
    w: W,
    words: Words,
) -> Result<(), WriteError> {
    let mut wb = workbook(r, words).map_err(xlsx_err)?;
    wb.save_to_writer(w).map_err(xlsx_err)
}

fn xlsx_err(e: XlsxError) -> WriteError {
    WriteError::workbook(Book::Report, e)
}

fn workbook(r: &Report, words: Words) -> Result<Workbook, XlsxError> {
    let title = crate::t!(words.0, "report-xlsx-title", title = r.title.as_str());
    let mut wb = crate::write::xlsx::pinned_workbook(&title)?;
    let s = |ids: &[&str]| -> Vec<String> { ids.iter().map(|id| words.t(id)).collect() };
    sheet(
        wb.add_worksheet(),
        &words.t("report-sheet-summary"),
        &summary_head(r, words),
        &summary_rows(r),
    )?;
    sheet(
        wb.add_worksheet(),
        &words.t("report-sheet-targets"),
        &s(&[
            "report-xlsx-measure",
            "report-xlsx-name",
            "report-xlsx-indicator-number",
            "report-xlsx-indicator",
            "report-xlsx-unit",
            "report-xlsx-year",
            "report-xlsx-target",
            "report-xlsx-actual",
            "report-xlsx-target-number",
            "report-xlsx-actual-number",
            "report-xlsx-rate",
            "report-xlsx-verdict",
        ]),
        &target_rows(r, words),
    )?;
    sheet(
        wb.add_worksheet(),
        &words.t("report-sheet-schedule"),
        &s(&[
            "report-xlsx-measure",
            "report-xlsx-name",
            "report-xlsx-measure-status",
            "report-xlsx-activity",
            "report-xlsx-plan",
            "report-xlsx-done",
            "report-xlsx-missing",
            "report-xlsx-early",
            "report-xlsx-activity-status",
        ]),
        &schedule_rows(r, words),
    )?;
    sheet(
        wb.add_worksheet(),
        &words.t("report-sheet-cost"),
        &s(&[
            "report-xlsx-measure",
            "report-xlsx-name",
            "report-xlsx-year",
            "report-xlsx-printed",
            "report-xlsx-yen",
        ]),
        &cost_rows(r),
    )?;
    Ok(wb)
}

fn summary_head(r: &Report, words: Words) -> Vec<String> {
    let mut h = vec![String::new(), words.t("report-xlsx-measures")];
    h.extend(Status::ALL.iter().map(|st| words.status(*st)));
    h.push(words.t("report-xlsx-targets-met"));
    h.push(words.t("report-xlsx-targets-compared"));
    h.extend(
        r.fiscal_years
            .iter()
            .map(|y| crate::t!(words.0, "report-xlsx-cost-year", year = words.fy(*y))),
    );
    h
}

fn summary_rows(r: &Report) -> Vec<Vec<C>> {
    std::iter::once(&r.total)
        .chain(&r.policies)
        .map(|sm| {
            let mut row = vec![C::S(sm.name.clone()), C::N(Some(sm.measures as f64))];
            row.extend(
                Status::ALL
                    .iter()
                    .map(|st| C::N(Some(sm.count(*st) as f64))),
            );
            row.push(C::N(Some(sm.targets_met as f64)));
            row.push(C::N(Some(sm.targets_compared as f64)));
            row.extend(r.fiscal_years.iter().map(|y| C::N(sm.cost.get(y).copied())));
            row
        })
        .collect()
}

fn target_rows(r: &Report, words: Words) -> Vec<Vec<C>> {
    let mut rows = Vec::new();
    let indicators = r.measures.iter().flat_map(|m| {
        m.indicators
            .iter()
            .enumerate()
            .map(move |(i, ind)| (m, i, ind))
    });
    for (m, i, ind) in indicators {
        for y in &ind.years {
            rows.push(vec![
                C::S(m.id.clone()),
                C::S(m.name.clone()),
                C::N(Some((i + 1) as f64)),
                C::S(ind.name.clone()),
                C::S(ind.unit.clone().unwrap_or_default()),
                C::N(Some(f64::from(y.year))),
                C::S(y.target_raw.clone()),
                C::S(y.actual_raw.clone()),
                C::N(y.target),
                C::N(y.actual),
                C::N(y.rate.map(|r| (r * 10.0).round() / 10.0)),
                C::S(words.verdict(y.verdict)),
            ]);
        }
    }
    rows
}

fn schedule_rows(r: &Report, words: Words) -> Vec<Vec<C>> {
    let mut rows = Vec::new();
    for m in &r.measures {
        for a in &m.activities {
            rows.push(vec![
                C::S(m.id.clone()),
                C::S(m.name.clone()),
                C::S(words.status(m.status)),
                C::S(a.name.clone()),
                C::S(words.runs(&a.plan)),
                C::S(words.runs(&a.actual)),
                C::S(words.runs(&a.missing)),
                C::S(words.runs(&a.early)),
                C::S(words.status(a.status)),
            ]);
        }
    }
    rows
}

fn cost_rows(r: &Report) -> Vec<Vec<C>> {
    let mut rows = Vec::new();
    for m in &r.measures {
        for (y, raw, v) in &m.cost {
            rows.push(vec![
                C::S(m.id.clone()),
                C::S(m.name.clone()),
                C::N(Some(f64::from(*y))),
                C::S(raw.clone()),
                C::N(*v),
            ]);
        }
    }
    rows
}

fn sheet(
    ws: &mut Worksheet,
    name: &str,
    head: &[String],
    rows: &[Vec<C>],
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let bold = crate::write::xlsx::grey_header();
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
        ws.set_column_width(c as u16, if c == 1 { 30.0 } else { 12.0 })?;
    }
    let num = Format::new().set_num_format("#,##0.###");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v {
                C::S(t) => {
                    ws.write_string(r, c, t)?;
                }
                C::N(Some(n)) => {
                    ws.write_number_with_format(r, c, *n, &num)?;
                }
                C::N(None) => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, head.len() as u16 - 1)?;
    ws.set_landscape().set_print_fit_to_pages(1, 0);
    Ok(())
}
