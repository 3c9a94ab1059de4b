//! Spreadsheet reader: calamine → one [`Grid`] per sheet, with merged
//! regions, the numbers as displayed, cell fills (XLSX, ODS) and manual
//! page breaks (XLSX, ODS).
//!
//! Each format module (`xlsx`, `xls`, `ods`) hands over a `RawSheet` per
//! worksheet with absolute sheet coordinates; `to_grid` turns it into the
//! shared grid, starting at row 0 / column 0 so every cell keeps its real
//! place (`Sheet!D23`). What calamine does not expose is read here from the
//! XML parts with quick-xml, streaming, after the ZIP central directory has
//! been checked against the limits.
//!
//! Not read: XLS fills and XLS page breaks (BIFF records calamine does not
//! expose), conditional-format fills.

mod archive;
mod cells;
mod numfmt;
mod ods;
mod xls;
mod xlsx;

use std::collections::HashMap;

use calamine::{Data, Dimensions, Range};

use crate::error::{Container, ReadError};
use crate::grid::{Grid, Loc, Origin, Rgb};
use crate::model::Warning;
use crate::read::guard::guarded;
use crate::read::{Document, InputFormat, Limits, ReadOptions};

/// Read an XLSX, XLS or ODS workbook: one grid per worksheet, in workbook
/// order.
///
/// # Errors
/// [`ReadError::Damaged`] when the workbook cannot be opened,
/// [`ReadError::Limit`] when a sheet has more cells than `--max-cells`, a
/// part of the workbook would unpack past `--max-stream-bytes` or more than
/// `--max-zip-ratio` times its packed size, or all of them past
/// `--max-total-bytes`.
///
/// # Examples
/// ```
/// # #[cfg(feature = "internals")]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use dxplan::internals::read::{InputFormat, ReadOptions, sheet};
///
/// let mut book = rust_xlsxwriter::Workbook::new();
/// let s = book.add_worksheet().set_name("1-1")?;
/// s.write_string(2, 0, "事業名")?;
/// s.write_string(2, 1, "電子申請の推進")?;
/// let bytes = book.save_to_buffer()?;
///
/// let doc = sheet::read(&bytes, InputFormat::Xlsx, &ReadOptions::default())?;
/// assert_eq!(doc.sheets, Some(vec!["1-1".to_string()]));
/// let cell = doc.grids[0].get(2, 1).unwrap();
/// assert_eq!((cell.text.as_str(), cell.at.short()), ("電子申請の推進", "1-1!B3".into()));
/// # Ok(()) }
/// # #[cfg(not(feature = "internals"))]
/// # fn main() {}
/// ```
pub fn read(bytes: &[u8], format: InputFormat, opts: &ReadOptions) -> Result<Document, ReadError> {
    let sheets = guarded(Container::Workbook, || {
        read_sheets(bytes, format, &opts.limits)
    })?;
    let mut warnings = Vec::new();
    // A hidden sheet (a list for drop-downs, a template, a working sheet)
    // is not part of the plan as printed: named, not read.
    let (hidden, sheets): (Vec<RawSheet>, Vec<RawSheet>) =
        sheets.into_iter().partition(|s| s.hidden);
    for s in &hidden {
        let at = crate::grid::Loc::Sheet {
            sheet: s.name.clone(),
            row: 0,
            col: 0,
        };
        warnings.push(crate::model::Warning::at(
            crate::model::WarningCode::HiddenSheet,
            crate::msg!("warning-hidden-sheet", sheet = s.name.as_str()),
            &at,
        ));
    }
    let grids = sheets
        .iter()
        .map(|s| to_grid(s, &opts.limits, &mut warnings))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Document {
        format,
        grids,
        pages: None,
        sheets: Some(sheets.into_iter().map(|s| s.name).collect()),
        warnings,
    })
}

fn read_sheets(
    bytes: &[u8],
    format: InputFormat,
    limits: &Limits,
) -> Result<Vec<RawSheet>, ReadError> {
    crate::fault::inject(crate::fault::Site::SheetReader);
    match format {
        InputFormat::Xlsx => xlsx::read(bytes, limits),
        InputFormat::Xls => xls::read(bytes, limits),
        InputFormat::Ods => ods::read(bytes, limits),
        other => Err(ReadError::unsupported(
            &format!(".{}", other.name()),
            Some("not a spreadsheet"),
        )),
    }
}

/// What a format module reads from one worksheet; all positions absolute
/// (0-based row and column of the sheet).
#[derive(Debug, Default)]
struct RawSheet {
    name: String,
    values: Range<Data>,
    merges: Vec<Region>,
    fills: Vec<(u32, u32, Rgb)>,
    /// The displayed text of numeric cells, where the format is known.
    shown: HashMap<(u32, u32), String>,
    /// 0-based rows where a new printed page starts.
    page_breaks: Vec<usize>,
    /// Hidden in the workbook (hidden or very hidden): not read.
    hidden: bool,
    /// 0-based rows and (first, last) column ranges hidden in the sheet
    /// (XLSX): their cells are not read.
    hidden_rows: Vec<u32>,
    hidden_cols: Vec<(u32, u32)>,
}

impl RawSheet {
    /// A sheet hidden in the workbook: its name only, not read.
    fn hidden(name: String) -> RawSheet {
        RawSheet {
            name,
            hidden: true,
            ..RawSheet::default()
        }
    }
}

/// A merged region: top-left cell and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Region {
    row: u32,
    col: u32,
    rows: u32,
    cols: u32,
}

impl From<&Dimensions> for Region {
    fn from(d: &Dimensions) -> Self {
        let (r0, c0) = (d.start.0.min(d.end.0), d.start.1.min(d.end.1));
        let (r1, c1) = (d.start.0.max(d.end.0), d.start.1.max(d.end.1));
        Region {
            row: r0,
            col: c0,
            rows: r1 - r0 + 1,
            cols: c1 - c0 + 1,
        }
    }
}

/// Refuse a sheet of more than `--max-cells` cells.
fn check_cells(sheet: &str, rows: u64, cols: u64, limits: &Limits) -> Result<(), ReadError> {
    let cells = rows.saturating_mul(cols);
    if cells <= limits.max_cells {
        return Ok(());
    }
    Err(ReadError::Limit {
        what: crate::msg!(
            "limit-what-sheet",
            sheet = crate::i18n::quoted(sheet),
            rows = rows.to_string(),
            cols = cols.to_string(),
            cells = cells.to_string()
        ),
        limit: limits.max_cells,
        which: crate::error::Limit::Cells,
    })
}

/// Rows and columns from A1 that hold every value, merge and fill.
fn extent(s: &RawSheet) -> (u64, u64) {
    let mut ends: Vec<(u64, u64)> = Vec::new();
    if let Some((r, c)) = s.values.end() {
        ends.push((u64::from(r) + 1, u64::from(c) + 1));
    }
    ends.extend(s.merges.iter().map(|m| {
        (
            u64::from(m.row) + u64::from(m.rows),
            u64::from(m.col) + u64::from(m.cols),
        )
    }));
    ends.extend(
        s.fills
            .iter()
            .map(|&(r, c, _)| (u64::from(r) + 1, u64::from(c) + 1)),
    );
    ends.iter()
        .fold((0, 0), |(rows, cols), &(r, c)| (rows.max(r), cols.max(c)))
}

/// The shared grid of one sheet; cell problems go to `warnings`.
fn to_grid(s: &RawSheet, limits: &Limits, warnings: &mut Vec<Warning>) -> Result<Grid, ReadError> {
    let (rows, cols) = extent(s);
    check_cells(&s.name, rows, cols, limits)?;
    let loc = |r: usize, c: usize| Loc::Sheet {
        sheet: s.name.clone(),
        row: r as u32,
        col: c as u32,
    };
    let mut grid = Grid::new(
        Origin::Sheet(s.name.clone()),
        rows as usize,
        cols as usize,
        loc,
    );
    put_values(&mut grid, s, warnings);
    put_merges(&mut grid, s, warnings);
    for &(r, c, rgb) in &s.fills {
        if let Some(cell) = grid.get_mut(r as usize, c as usize) {
            cell.fill = Some(rgb);
        }
    }
    grid.page_breaks = page_breaks(&s.page_breaks, grid.rows());
    Ok(grid)
}

fn put_values(grid: &mut Grid, s: &RawSheet, warnings: &mut Vec<Warning>) {
    let Some((r0, c0)) = s.values.start() else {
        return;
    };
    // Hidden rows and columns (a superseded year, a helper column) are not
    // printed: their texts are not read, each row or column named once.
    let hidden_rows: std::collections::BTreeSet<u32> = s.hidden_rows.iter().copied().collect();
    let col_hidden = |c: u32| s.hidden_cols.iter().any(|&(a, b)| a <= c && c <= b);
    // A merged cell that reaches a shown row and column still shows its
    // text (a title merged from a hidden column A across the sheet).
    let shown_merge = |r: u32, c: u32| {
        s.merges.iter().any(|m| {
            m.row == r
                && m.col == c
                && (r..r + m.rows).any(|x| !hidden_rows.contains(&x))
                && (c..c + m.cols).any(|x| !col_hidden(x))
        })
    };
    let mut skipped: std::collections::BTreeMap<(bool, u32), (u32, u32, usize)> =
        std::collections::BTreeMap::new();
    for (dr, dc, data) in s.values.used_cells() {
        let (r, c) = (r0 + dr as u32, c0 + dc as u32);
        let shown = s.shown.get(&(r, c)).map(String::as_str);
        match cells::cell_text(data, shown) {
            Ok(text) if text.trim().is_empty() => {}
            Ok(_) if (hidden_rows.contains(&r) || col_hidden(c)) && !shown_merge(r, c) => {
                let key = if hidden_rows.contains(&r) {
                    (true, r)
                } else {
                    (false, c)
                };
                skipped.entry(key).or_insert((r, c, 0)).2 += 1;
            }
            Ok(text) => grid.set_text(r as usize, c as usize, text),
            Err(why) => warnings.push(unreadable(&s.name, r, c, why)),
        }
    }
    for ((is_row, _), (r, c, n)) in skipped {
        let at = sheet_loc(&s.name, r, c);
        let message = if is_row {
            crate::msg!(
                "warning-hidden-row",
                row = (r + 1).to_string(),
                sheet = s.name.as_str(),
                count = n
            )
        } else {
            let column = crate::grid::a1(0, c);
            crate::msg!(
                "warning-hidden-column",
                column = column.trim_end_matches('1'),
                sheet = s.name.as_str(),
                count = n
            )
        };
        warnings.push(Warning::at(
            crate::model::WarningCode::HiddenCells,
            message,
            &at,
        ));
    }
}

fn unreadable(sheet: &str, row: u32, col: u32, why: crate::i18n::Msg) -> Warning {
    let at = sheet_loc(sheet, row, col);
    Warning::at(
        crate::model::WarningCode::UnreadableCell,
        why.arg("cell", at.short()),
        &at,
    )
}

fn sheet_loc(sheet: &str, row: u32, col: u32) -> Loc {
    Loc::Sheet {
        sheet: sheet.to_string(),
        row,
        col,
    }
}

/// Merge the regions; text found in a covered cell is moved nowhere but
/// reported, since the grid keeps covered cells empty.
fn put_merges(grid: &mut Grid, s: &RawSheet, warnings: &mut Vec<Warning>) {
    for m in &s.merges {
        let (r, c) = (m.row as usize, m.col as usize);
        if !grid.merge(r, c, m.rows as usize, m.cols as usize) {
            let at = sheet_loc(&s.name, m.row, m.col);
            warnings.push(Warning::at(
                crate::model::WarningCode::OverlappingMerge,
                crate::msg!("warning-overlapping-merge", cell = at.short()),
                &at,
            ));
            continue;
        }
        clear_covered(grid, s, m, warnings);
    }
}

fn clear_covered(grid: &mut Grid, s: &RawSheet, m: &Region, warnings: &mut Vec<Warning>) {
    let (rows, cols) = (grid.rows(), grid.cols());
    let row_end = (m.row as usize + m.rows as usize).min(rows);
    let col_end = (m.col as usize + m.cols as usize).min(cols);
    for r in m.row as usize..row_end {
        for c in m.col as usize..col_end {
            let Some(cell) = grid.get_mut(r, c) else {
                continue;
            };
            if cell.covered_by.is_none() || cell.text.is_empty() {
                continue;
            }
            let text = std::mem::take(&mut cell.text);
            let at = sheet_loc(&s.name, r as u32, c as u32);
            warnings.push(Warning::at(
                crate::model::WarningCode::CoveredCellText,
                crate::msg!(
                    "warning-covered-cell-text",
                    cell = at.short(),
                    text = crate::i18n::quoted(&text)
                ),
                &at,
            ));
        }
    }
}

/// Sorted, deduplicated breaks inside the grid (a break before row 0 means
/// nothing).
fn page_breaks(breaks: &[usize], rows: usize) -> Vec<usize> {
    let mut out: Vec<usize> = breaks
        .iter()
        .copied()
        .filter(|&r| r > 0 && r < rows)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The error for a workbook that asks for a password (to open it; a
/// sheet protected only against editing opens as usual).
pub(crate) fn password_protected() -> ReadError {
    ReadError::ProtectedWorkbook
}

#[cfg(test)]
mod tests;
