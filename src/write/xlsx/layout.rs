//! One data sheet: cells, an Excel table with filter buttons, a frozen
//! header, column widths that fit, wrapped long text, and print set-up.

use rust_xlsxwriter::{
    Color, Format, FormatAlign, Table, TableColumn, TableStyle, Workbook, Worksheet, XlsxError,
    utility::row_col_to_cell,
};

use super::super::cell::{Cell, Kind, MARK, TableData, is_formula_like, plain_number};
use crate::error::ErrorKind;

/// The widest a column gets (in Excel character units); longer text wraps.
pub(super) const MAX_WIDTH: usize = 60;
/// The height of one line of text, in points (11-point text with the
/// Japanese fallback font a little taller than Calibri's 15).
const LINE_HEIGHT: f64 = 16.5;
/// Room for the filter button beside a header.
const FILTER_BUTTON: usize = 3;
const A4: u8 = 9;
const PLANNED_FILL: u32 = 0xBDD7EE;
const ACTUAL_FILL: u32 = 0xF8CBAD;

/// A sheet to write.
pub(super) struct Sheet {
    pub name: &'static str,
    /// The Excel table's name (ASCII, unique in the workbook).
    pub table_name: &'static str,
    pub data: TableData,
    /// Columns frozen beside the header row.
    pub freeze_columns: u16,
    pub banded: bool,
}

/// Add one sheet to the workbook.
///
/// # Errors
/// [`ErrorKind::Output`] naming the sheet (and the cell, for a value Excel
/// cannot hold, such as a text over 32,767 characters).
pub(super) fn add_sheet(wb: &mut Workbook, sheet: &Sheet) -> Result<(), ErrorKind> {
    let natural = natural_widths(&sheet.data);
    let wraps: Vec<bool> = natural.iter().map(|w| *w > MAX_WIDTH).collect();
    let widths: Vec<usize> = natural.iter().map(|w| (*w).min(MAX_WIDTH)).collect();
    let ws = wb.add_worksheet();
    write_rows(ws, sheet.name, &sheet.data, &wraps)?;
    set_up(ws, sheet, &widths, &wraps)
        .map_err(|e| ErrorKind::Output(format!("sheet {}: {e}", sheet.name)))
}

/// Name, table, widths, heights, frozen header and print set-up.
fn set_up(
    ws: &mut Worksheet,
    sheet: &Sheet,
    widths: &[usize],
    wraps: &[bool],
) -> Result<(), XlsxError> {
    ws.set_name(sheet.name)?;
    add_table(ws, sheet)?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w as f64)?;
    }
    set_row_heights(ws, &sheet.data, widths, wraps)?;
    ws.set_freeze_panes(1, sheet.freeze_columns)?;
    print_setup(ws)
}

/// Write the data rows; an error names the sheet and the cell.
fn write_rows(
    ws: &mut Worksheet,
    name: &str,
    data: &TableData,
    wraps: &[bool],
) -> Result<(), ErrorKind> {
    for (r, row) in data.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            write_cell(
                ws,
                r,
                c,
                cell,
                data.columns[c as usize].kind,
                wraps[c as usize],
            )
            .map_err(|e| {
                ErrorKind::Output(format!("sheet {name}, cell {}: {e}", row_col_to_cell(r, c)))
            })?;
        }
    }
    Ok(())
}

/// Text is always written as a string, never as a formula; text that
/// Excel would read as a formula when edited also gets the quote prefix
/// (`'` kept by Excel's cell style, not added to the text).
fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    kind: Kind,
    wrap: bool,
) -> Result<(), XlsxError> {
    let base = Format::new().set_align(FormatAlign::Top);
    match cell {
        Cell::Text(s) => {
            let f = text_format(base, wrap, is_formula_like(s));
            ws.write_string_with_format(r, c, s, &f)?;
        }
        Cell::Number(x) => {
            ws.write_number_with_format(r, c, *x, &number_format(base, kind))?;
        }
        Cell::Bool(b) => {
            ws.write_boolean_with_format(r, c, *b, &base)?;
        }
        Cell::Mark { actual } => {
            ws.write_string_with_format(r, c, MARK, &mark_format(*actual))?;
        }
        Cell::Empty => {}
    }
    Ok(())
}

fn text_format(base: Format, wrap: bool, quote: bool) -> Format {
    let f = if wrap { base.set_text_wrap() } else { base };
    if quote { f.set_quote_prefix() } else { f }
}

fn number_format(base: Format, kind: Kind) -> Format {
    match kind {
        Kind::Yen => base.set_num_format("#,##0"),
        _ => base,
    }
}

fn mark_format(actual: bool) -> Format {
    let fill = if actual { ACTUAL_FILL } else { PLANNED_FILL };
    Format::new()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(fill))
}

/// The Excel table over the header and the rows (at least one row, empty
/// when the sheet has no data).
fn add_table(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let columns: Vec<TableColumn> = sheet
        .data
        .columns
        .iter()
        .map(|c| TableColumn::new().set_header(c.header.as_str()))
        .collect();
    let table = Table::new()
        .set_name(sheet.table_name)
        .set_style(TableStyle::Medium2)
        .set_banded_rows(sheet.banded)
        .set_columns(&columns);
    let last_row = sheet.data.rows.len().max(1) as u32;
    let last_col = sheet.data.columns.len().saturating_sub(1) as u16;
    ws.add_table(0, 0, last_row, last_col, &table)?;
    Ok(())
}

/// Rows with wrapped text get the height their lines need: spreadsheet
/// programs do not all fit rows when they open a file.
fn set_row_heights(
    ws: &mut Worksheet,
    data: &TableData,
    widths: &[usize],
    wraps: &[bool],
) -> Result<(), XlsxError> {
    for (r, row) in data.rows.iter().enumerate() {
        let lines = (0..row.len())
            .map(|c| match &row[c] {
                Cell::Text(s) if wraps[c] => wrapped_lines(s, widths[c]),
                _ => 1,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(r as u32 + 1, lines as f64 * LINE_HEIGHT)?;
        }
    }
    Ok(())
}

/// The lines a text takes in a column of this width (with some slack for
/// breaks at word ends).
pub(super) fn wrapped_lines(s: &str, width: usize) -> usize {
    let usable = width.saturating_sub(1).max(1);
    s.lines()
        .map(|l| (text_width(l) * 11).div_ceil(usable * 10).max(1))
        .sum::<usize>()
        .max(1)
}

fn print_setup(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The width each column needs: its longest cell or its header (with the
/// filter button), plus a margin.
pub(super) fn natural_widths(data: &TableData) -> Vec<usize> {
    let mut widths: Vec<usize> = data
        .columns
        .iter()
        .map(|c| text_width(&c.header) + FILTER_BUTTON)
        .collect();
    for row in &data.rows {
        for (c, cell) in row.iter().enumerate() {
            widths[c] = widths[c].max(cell_width(cell, data.columns[c].kind));
        }
    }
    widths.iter().map(|w| w + 1).collect()
}

fn cell_width(cell: &Cell, kind: Kind) -> usize {
    match cell {
        Cell::Text(s) => text_width(s),
        Cell::Number(x) if kind == Kind::Yen => grouped(*x).len(),
        Cell::Number(x) => plain_number(*x).len(),
        Cell::Bool(_) => 5,
        Cell::Mark { .. } => 2,
        Cell::Empty => 0,
    }
}

/// Display width of the longest line: wide (CJK, full-width, symbol)
/// characters count two.
pub(super) fn text_width(s: &str) -> usize {
    s.lines()
        .map(|l| l.chars().map(char_width).sum())
        .max()
        .unwrap_or(0)
}

fn char_width(c: char) -> usize {
    let u = c as u32;
    let halfwidth_kana = (0xFF61..=0xFF9F).contains(&u);
    if (0x2010..=0x2BFF).contains(&u) || (u >= 0x2E80 && !halfwidth_kana) {
        2
    } else {
        1
    }
}

/// A number as `#,##0` shows it (for its width).
fn grouped(x: f64) -> String {
    let digits = plain_number(x.round());
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", digits.as_str()),
    };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{sign}{out}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::cell::Column;

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(text_width("abc"), 3);
        assert_eq!(text_width("事業名"), 6);
        assert_eq!(text_width("ｱｲｳ"), 3);
        assert_eq!(text_width("■"), 2);
        assert_eq!(text_width("ab\n事業名"), 6);
    }

    #[test]
    fn wrapped_line_counts() {
        assert_eq!(wrapped_lines("short", 60), 1);
        assert_eq!(wrapped_lines(&"あ".repeat(100), 61), 4);
        assert_eq!(wrapped_lines("a\nb", 60), 2);
        assert_eq!(wrapped_lines("", 60), 1);
    }

    #[test]
    fn grouped_numbers() {
        assert_eq!(grouped(4916000.0), "4,916,000");
        assert_eq!(grouped(-5.0), "-5");
        assert_eq!(grouped(123.0), "123");
        assert_eq!(grouped(1000.0), "1,000");
    }

    #[test]
    fn widths_fit_header_and_cells() {
        let mut t = TableData::new(vec![
            Column::new("ID", Kind::Text),
            Column::new("事業費（円）", Kind::Yen),
        ]);
        t.rows
            .push(vec![Cell::text("1-1"), Cell::Number(4916000.0)]);
        t.rows.push(vec![Cell::text("x".repeat(100)), Cell::Empty]);
        let w = natural_widths(&t);
        assert_eq!(w, vec![101, 12 + FILTER_BUTTON + 1]);
    }
}
