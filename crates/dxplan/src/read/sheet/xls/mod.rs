//! XLS (BIFF5 and BIFF8): values and merges from calamine, which decodes
//! BIFF5 strings with the workbook's codepage (Shift_JIS for Japanese
//! Excel 95 files). Fills, number formats and manual row breaks, which
//! calamine does not expose, come from our own best-effort pass over the
//! workbook stream ([`biff`], inside the [`cfb`] container).

mod biff;
mod cfb;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Range, Reader, SheetType, SheetVisible, Xls, XlsError};

use super::{RawSheet, Region, numfmt};
use crate::error::ReadError;
use crate::grid::Rgb;
use crate::read::Limits;

/// Every worksheet of an XLS workbook, in workbook order.
pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<RawSheet>, ReadError> {
    let mut extras = extras(bytes, limits);
    // calamine is only given what the pre-pass could check.
    if extras.is_none() {
        return Err(super::archive::cannot_open(
            &"its container (an OLE compound file) is damaged or holds no workbook",
        ));
    }
    if extras.as_ref().is_some_and(|b| b.password) {
        return Err(super::password_protected());
    }
    if let Some(b) = &extras {
        for s in &b.sheets {
            if s.bad_dimensions {
                return Err(super::archive::cannot_open(&format!(
                    "sheet {:?} declares an impossible size",
                    s.name
                )));
            }
            super::check_cells(&s.name, s.rows, s.cols, limits)?;
        }
    }
    if !cfb::chains_end(bytes, &["Workbook", "Book"]) {
        return Err(super::archive::cannot_open(
            &"a sector chain of its container loops",
        ));
    }
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(open_error)?;
    let utf16 = extras.as_ref().is_some_and(|b| b.utf16_byte_strings);
    let sheets: Vec<(usize, String, bool)> = book
        .sheets_metadata()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.typ == SheetType::WorkSheet)
        .map(|(i, s)| (i, s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    sheets
        .into_iter()
        .map(|(i, name, hidden)| {
            if hidden {
                return Ok(RawSheet::hidden(name));
            }
            let mut sheet = read_sheet(&mut book, name, limits)?;
            let own = extras_sheet(&mut extras, i);
            if let (Some(b), Some(s)) = (&extras, own) {
                apply(&mut sheet, b, s);
            }
            if utf16 {
                recover_utf16(&mut sheet);
            }
            Ok(sheet)
        })
        .collect()
}

fn open_error(e: XlsError) -> ReadError {
    match e {
        XlsError::Password => super::password_protected(),
        e => super::archive::cannot_open(&e),
    }
}

fn read_sheet(
    book: &mut Xls<Cursor<&[u8]>>,
    name: String,
    limits: &Limits,
) -> Result<RawSheet, ReadError> {
    let values = book.worksheet_range(&name).map_err(open_error)?;
    if let Some((r, c)) = values.end() {
        super::check_cells(&name, u64::from(r) + 1, u64::from(c) + 1, limits)?;
    }
    let merges = book
        .merge_cells_by_sheet_name(&name)
        .map_err(open_error)?
        .iter()
        .map(Region::from)
        .collect();
    Ok(RawSheet {
        name,
        values,
        merges,
        ..RawSheet::default()
    })
}

/// The workbook stream's extras, if the container can be read. This pass
/// runs before calamine so that a sheet over `--max-cells` is refused
/// before calamine allocates it.
fn extras(bytes: &[u8], limits: &Limits) -> Option<biff::Book> {
    let cap = usize::try_from(limits.max_cells).unwrap_or(usize::MAX);
    cfb::stream(bytes, &["Workbook", "Book"]).map(|s| biff::read(&s, cap))
}

/// Take the extras of sheet `i` out of the book (they are used once).
fn extras_sheet(book: &mut Option<biff::Book>, i: usize) -> Option<biff::Sheet> {
    book.as_mut()?.sheets.get_mut(i).map(std::mem::take)
}

fn apply(sheet: &mut RawSheet, book: &biff::Book, extras: biff::Sheet) {
    sheet.fills = fills(book, &extras);
    sheet.shown = shown_numbers(&sheet.values, book, &extras);
    sheet.page_breaks = extras.breaks;
    sheet.hidden_rows = extras.hidden_rows;
    sheet.hidden_cols = extras.hidden_cols;
}

/// Re-read the sheet name and strings of a Gnumeric BIFF5 workbook that
/// stores UTF-16 bytes in byte strings (see [`biff::utf16_bytes_text`]).
fn recover_utf16(sheet: &mut RawSheet) {
    if let Some(name) = biff::utf16_bytes_text(&sheet.name) {
        sheet.name = name;
    }
    let (rows, cols) = sheet.values.get_size();
    for r in 0..rows {
        for c in 0..cols {
            if let Data::String(s) = &mut sheet.values[(r, c)] {
                if let Some(text) = biff::utf16_bytes_text(s) {
                    *s = text;
                }
            }
        }
    }
}

/// Cells whose XF has a visible, non-white fill.
fn fills(book: &biff::Book, extras: &biff::Sheet) -> Vec<(u32, u32, Rgb)> {
    let mut out: Vec<(u32, u32, Rgb)> = extras
        .xf
        .iter()
        .filter_map(|(&(r, c), &ixfe)| {
            let rgb = book.fill(ixfe).filter(|rgb| !rgb.is_whitish())?;
            Some((r, c, rgb))
        })
        .collect();
    out.sort_unstable_by_key(|&(r, c, _)| (r, c));
    out
}

/// The displayed text of numbers whose number format we can render (a
/// date format renders nothing and stays a date).
fn shown_numbers(
    values: &Range<Data>,
    book: &biff::Book,
    extras: &biff::Sheet,
) -> HashMap<(u32, u32), String> {
    let Some((r0, c0)) = values.start() else {
        return HashMap::new();
    };
    let mut shown = HashMap::new();
    for (dr, dc, data) in values.used_cells() {
        let x = match data {
            Data::Float(x) => *x,
            Data::Int(i) => *i as f64,
            // calamine takes some custom formats for dates (it guesses from
            // the format id); the workbook's own code decides.
            Data::DateTime(d) => d.as_f64(),
            _ => continue,
        };
        let pos = (r0 + dr as u32, c0 + dc as u32);
        let code = extras.xf.get(&pos).and_then(|&ixfe| book.format(ixfe));
        if let Some(text) = code.and_then(|code| numfmt::render(code, x)) {
            shown.insert(pos, text);
        }
    }
    shown
}
