//! One data sheet: cells, an Excel table with filter buttons, a frozen
//! header, column widths that fit, wrapped long text, and print set-up.
//!
//! It looks like a Japanese office's own workbook: 游ゴシック 11 (with the
//! Shift_JIS charset, so a computer without it picks its own Japanese
//! font), thin borders round every cell, numbers formatted per column
//! (年度 `0`, 円 `#,##0`, 目標値 `#,##0` with the decimals each value has), and a
//! print set-up on A4 landscape with the header row on every page: one
//! page wide when that stays at 65 % or more (and always for 施策, whose
//! rows are read one measure at a time), else 70 % over several pages with
//! the key columns repeated.

use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Table, TableColumn, TableStyle, Workbook, Worksheet,
    XlsxError, utility::row_col_to_cell,
};

use super::super::cell::{Cell, Kind, MARK, TableData, is_formula_like, plain_number};
use crate::error::{Book, WriteError};

/// The widest a column gets (in Excel character units); longer text wraps.
pub(super) const MAX_WIDTH: usize = 60;
/// The height of one line of text, in points (游ゴシック 11's row).
const LINE_HEIGHT: f64 = 18.75;
/// The workbook's font: Excel's Japanese default since 2016.
pub(super) const FONT: &str = "游ゴシック";
/// Shift_JIS: tells a program without the font to use a Japanese one.
const CHARSET_SHIFT_JIS: u8 = 128;
/// Excel's default row (pixels) and column (pixels) for 游ゴシック 11.
pub(super) const DEFAULT_ROW_PX: u32 = 25;
pub(super) const DEFAULT_COL_PX: u32 = 72;
const BORDER_COLOR: u32 = 0x808080;
/// Columns an A4 landscape page holds at 100 % (characters of 游ゴシック
/// 11 across 297 mm less the margins).
const A4_COLUMNS: usize = 110;
/// The smallest scale a sheet is shrunk to to fit one page wide.
const MIN_FIT_SCALE: usize = 65;
/// The scale a sheet printed one page wide aims at (its long text columns
/// narrowed, down to [`MIN_WRAP_WIDTH`], to get there).
const FIT_SCALE: usize = 50;
/// The narrowest a long text column is made for that.
const MIN_WRAP_WIDTH: usize = 24;
/// The scale of a sheet too wide for that, printed over several pages.
const WIDE_SCALE: u16 = 70;
/// Room for the filter button beside a header.
const FILTER_BUTTON: usize = 3;
const A4: u8 = 9;
const PLANNED_FILL: u32 = 0xBDD7EE;
const ACTUAL_FILL: u32 = 0xF8CBAD;
/// A value a review corrected.
const CORRECTED_FILL: u32 = 0xFFF2CC;

/// A sheet to write.
pub(super) struct Sheet {
    pub name: &'static str,
    /// The Excel table's name (ASCII, unique in the workbook).
    pub table_name: &'static str,
    pub data: TableData,
    /// Columns frozen beside the header row (and repeated on every printed
    /// page of a sheet too wide for one).
    pub freeze_columns: u16,
    pub banded: bool,
    /// Cells (data row from 0, column) holding a value a review corrected:
    /// a fill and a note.
    pub corrected: Vec<(usize, usize)>,
    /// Printed one page wide however wide it is (the 施策 sheet: a
    /// measure's row on one page, not spread over a dozen).
    pub fit_width: bool,
}

/// Add one sheet to the workbook.
///
/// # Errors
/// [`WriteError::Workbook`] naming the sheet (and the cell, for a value Excel
/// cannot hold, such as a text over 32,767 characters).
pub(super) fn add_sheet(wb: &mut Workbook, sheet: &Sheet) -> Result<(), WriteError> {
    let natural = natural_widths(&sheet.data);
    let cap = if sheet.fit_width {
        fit_cap(&natural)
    } else {
        MAX_WIDTH
    };
    let wraps: Vec<bool> = natural.iter().map(|w| *w > cap).collect();
    let widths: Vec<usize> = natural.iter().map(|w| (*w).min(cap)).collect();
    let formats = column_formats(&sheet.data, &wraps);
    let ws = wb.add_worksheet();
    write_rows(ws, sheet.name, &sheet.data, &formats)?;
    mark_corrected(ws, sheet, &formats)?;
    set_up(ws, sheet, &widths, &wraps).map_err(|e| sheet_err(sheet.name, None, e))
}

/// A corrected value: its column's format on a yellow fill, and a note.
fn mark_corrected(ws: &mut Worksheet, sheet: &Sheet, formats: &[Format]) -> Result<(), WriteError> {
    let note = rust_xlsxwriter::Note::new(super::review::NOTE)
        .set_author("dxplan")
        .add_author_prefix(false);
    for &(r, c) in &sheet.corrected {
        let mut f = formats[c].clone();
        if let (Some(Cell::Number(x)), Kind::Value) =
            (sheet.data.rows[r].get(c), sheet.data.columns[c].kind)
        {
            f = f.set_num_format(value_format(decimals(*x)));
        }
        let f = f.set_background_color(Color::RGB(CORRECTED_FILL));
        let (row, col) = (r as u32 + 1, c as u16);
        let err = |e| sheet_err(sheet.name, Some(row_col_to_cell(row, col)), e);
        ws.set_range_format(row, col, row, col, &f).map_err(err)?;
        ws.insert_note(row, col, &note).map_err(err)?;
    }
    Ok(())
}

/// A failure on one sheet (and cell) of the plan workbook.
fn sheet_err(sheet: &str, cell: Option<String>, e: impl std::fmt::Display) -> WriteError {
    WriteError::Workbook {
        book: Book::Plan,
        sheet: Some(sheet.to_string()),
        cell,
        detail: e.to_string(),
    }
}

/// The workbook's default cell format: 游ゴシック 11.
pub(super) fn default_format() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(11)
        .set_font_charset(CHARSET_SHIFT_JIS)
}

/// The font, a thin border and top alignment: every cell starts here.
fn bordered() -> Format {
    default_format()
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(BORDER_COLOR))
        .set_align(FormatAlign::Top)
}

/// Each column's cell format, by what it holds.
fn column_formats(data: &TableData, wraps: &[bool]) -> Vec<Format> {
    data.columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let f = bordered();
            match col.kind {
                Kind::Text if wraps[c] => f.set_text_wrap(),
                Kind::Text => f,
                Kind::Number => f.set_num_format("0"),
                Kind::Year => f.set_num_format("0").set_align(FormatAlign::Center),
                Kind::Value => f.set_num_format(value_format(0)),
                Kind::Yen => f.set_num_format("#,##0"),
                Kind::Bool | Kind::Period => f.set_align(FormatAlign::Center),
            }
        })
        .collect()
}

/// The decimals a measured value has (at most 3): 77.5 shows as `77.5`
/// and 14340 as `14,340`, each as printed.
fn decimals(x: f64) -> usize {
    let s = plain_number(x);
    s.split_once('.').map_or(0, |(_, d)| d.len()).min(3)
}

/// `#,##0`, `#,##0.0`, `#,##0.00` …
fn value_format(decimals: usize) -> String {
    if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals))
    }
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
    set_header_height(ws, header_lines(&sheet.data, widths))?;
    set_row_heights(ws, &sheet.data, widths, wraps)?;
    ws.set_freeze_panes(1, sheet.freeze_columns)?;
    print_setup(ws, widths, sheet.freeze_columns, sheet.fit_width)
}

/// A header of several lines (the schedule's periods, a long header
/// wrapped) gets their height.
fn set_header_height(ws: &mut Worksheet, lines: usize) -> Result<(), XlsxError> {
    if lines > 1 {
        ws.set_row_height(0, lines as f64 * LINE_HEIGHT)?;
    }
    Ok(())
}

/// A cell whose format is not its column's.
#[derive(Clone, Copy, PartialEq)]
enum Own {
    /// Text Excel would read as a formula: the quote prefix.
    Quote,
    /// A measured value with this many decimals.
    Decimals(usize),
    /// A schedule mark, planned or actual (a fill).
    Mark { actual: bool },
}

/// Write the data rows; an error names the sheet and the cell.
///
/// Values go in without a format, then each column gets its format over
/// all its rows at once, then the cells with a format of their own get it,
/// a run of neighbours in a row at a time. `rust_xlsxwriter` hashes the
/// whole format for every formatted write; one lookup per column instead
/// of per cell was the largest single saving in writing the workbook. The
/// cells end up with the same formats as when each was written with its
/// own.
fn write_rows(
    ws: &mut Worksheet,
    name: &str,
    data: &TableData,
    formats: &[Format],
) -> Result<(), WriteError> {
    let mut own: Vec<(u32, u16, Own)> = Vec::new();
    for (r, row) in data.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            let kind = data.columns[c as usize].kind;
            if let Some(o) = write_value(ws, r, c, cell, kind)
                .map_err(|e| sheet_err(name, Some(row_col_to_cell(r, c)), e))?
            {
                own.push((r, c, o));
            }
        }
    }
    let rows = data.rows.len() as u32;
    if rows > 0 {
        for (c, f) in formats.iter().enumerate() {
            ws.set_range_format(1, c as u16, rows, c as u16, f)
                .map_err(|e| sheet_err(name, None, e))?;
        }
    }
    let mut i = 0;
    while i < own.len() {
        let (r, c, o) = own[i];
        let base = &formats[c as usize];
        // Neighbours in the row with the same own format over the same
        // column format.
        let mut last = c;
        while let Some(&(r2, c2, o2)) = own.get(i + 1) {
            if r2 != r || c2 != last + 1 || o2 != o || formats[c2 as usize] != *base {
                break;
            }
            last = c2;
            i += 1;
        }
        ws.set_range_format(r, c, r, last, &own_format(base, o))
            .map_err(|e| sheet_err(name, Some(row_col_to_cell(r, c)), e))?;
        i += 1;
    }
    Ok(())
}

/// Write one value without a format. Text is always written as a string,
/// never as a formula; text that Excel would read as a formula when edited
/// also gets the quote prefix (`'` kept by Excel's cell style, not added
/// to the text). Returns the format of its own the cell needs, if any.
fn write_value(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    kind: Kind,
) -> Result<Option<Own>, XlsxError> {
    Ok(match cell {
        Cell::Text(s) => {
            ws.write_string(r, c, s)?;
            is_formula_like(s).then_some(Own::Quote)
        }
        Cell::Number(x) => {
            ws.write_number(r, c, *x)?;
            let d = if kind == Kind::Value { decimals(*x) } else { 0 };
            (d > 0).then_some(Own::Decimals(d))
        }
        Cell::Bool(b) => {
            ws.write_boolean(r, c, *b)?;
            None
        }
        Cell::Mark { actual } => {
            ws.write_string(r, c, MARK)?;
            Some(Own::Mark { actual: *actual })
        }
        // The column's format makes it a bordered blank.
        Cell::Empty => None,
    })
}

fn own_format(base: &Format, o: Own) -> Format {
    match o {
        Own::Quote => base.clone().set_quote_prefix(),
        Own::Decimals(d) => base.clone().set_num_format(value_format(d)),
        Own::Mark { actual } => mark_format(base, actual),
    }
}

fn mark_format(f: &Format, actual: bool) -> Format {
    let fill = if actual { ACTUAL_FILL } else { PLANNED_FILL };
    f.clone().set_background_color(Color::RGB(fill))
}

/// Header cells: bold, centred, wrapped, bordered.
fn header_format() -> Format {
    bordered()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

/// The Excel table over the header and the rows (at least one row, empty
/// when the sheet has no data).
fn add_table(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let columns: Vec<TableColumn> = sheet
        .data
        .columns
        .iter()
        .map(|c| {
            TableColumn::new()
                .set_header(c.header.as_str())
                .set_header_format(header_format())
        })
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

/// A4 landscape, the header row on every page, the sheet name above and
/// page numbers below; one page wide when that keeps the text at
/// [`MIN_FIT_SCALE`] % or more, else [`WIDE_SCALE`] % over several pages
/// with the frozen key columns repeated on each.
/// A4 landscape, the header row printed on every page (print titles),
/// the sheet's name above and the page number below; one page wide when
/// `fit_width` or when that stays readable, else [`WIDE_SCALE`] with the
/// key columns repeated too.
fn print_setup(
    ws: &mut Worksheet,
    widths: &[usize],
    key_columns: u16,
    fit_width: bool,
) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_repeat_rows(0, 0)?;
    ws.set_header("&C&A");
    ws.set_footer("&C&P / &N");
    let total: usize = widths.iter().sum();
    if fit_width || total * MIN_FIT_SCALE <= A4_COLUMNS * 100 {
        ws.set_print_fit_to_pages(1, 0);
    } else {
        ws.set_print_scale(WIDE_SCALE);
        if key_columns > 0 {
            ws.set_repeat_columns(0, key_columns - 1)?;
        }
    }
    Ok(())
}

/// The widest a column of a sheet printed one page wide gets: the largest
/// width up to [`MAX_WIDTH`] at which the columns together print at
/// [`FIT_SCALE`] % or more, but never under [`MIN_WRAP_WIDTH`] (long texts
/// then wrap over more lines instead of the page shrinking to a quarter).
fn fit_cap(natural: &[usize]) -> usize {
    let budget = A4_COLUMNS * 100 / FIT_SCALE;
    (MIN_WRAP_WIDTH..=MAX_WIDTH)
        .rev()
        .find(|&cap| natural.iter().map(|w| (*w).min(cap)).sum::<usize>() <= budget)
        .unwrap_or(MIN_WRAP_WIDTH)
}

/// The width each column needs: its longest cell or its header (with the
/// filter button), plus a margin. A header more than twice as wide as the
/// cells below it wraps onto two lines instead.
pub(super) fn natural_widths(data: &TableData) -> Vec<usize> {
    let mut cells = vec![0; data.columns.len()];
    for row in &data.rows {
        for (c, cell) in row.iter().enumerate() {
            cells[c] = cells[c].max(cell_width(cell, data.columns[c].kind));
        }
    }
    data.columns
        .iter()
        .zip(cells)
        .map(|(col, cells)| {
            let header = text_width(&col.header);
            let header = if header > 2 * cells.max(4) {
                header.div_ceil(2)
            } else {
                header
            };
            cells.max(header + FILTER_BUTTON) + 1
        })
        .collect()
}

/// The lines the header row needs: its line breaks, and headers wrapped
/// in their columns.
fn header_lines(data: &TableData, widths: &[usize]) -> usize {
    data.columns
        .iter()
        .zip(widths)
        .map(|(c, w)| {
            let usable = w.saturating_sub(FILTER_BUTTON + 1).max(1);
            c.header
                .lines()
                .map(|l| text_width(l).div_ceil(usable).max(1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
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
    fn a_sheet_printed_one_page_wide_narrows_its_long_columns() {
        // Short columns keep their width; long ones share what is left.
        let natural = [10, 12, 200, 300, 9, 150, 40, 11];
        let cap = fit_cap(&natural);
        let total: usize = natural.iter().map(|w| (*w).min(cap)).sum();
        assert!(total <= A4_COLUMNS * 100 / FIT_SCALE, "{cap} {total}");
        assert!(natural.iter().map(|w| (*w).min(cap + 1)).sum::<usize>() > total);
        // Nothing to narrow: the ordinary cap.
        assert_eq!(fit_cap(&[10, 20, 30]), MAX_WIDTH);
        // Too many columns for any cap: never narrower than the floor.
        assert_eq!(fit_cap(&[100; 20]), MIN_WRAP_WIDTH);
    }

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
