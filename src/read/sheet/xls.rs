//! XLS (BIFF5 and BIFF8): values and merges from calamine. calamine decodes
//! BIFF5 strings with the workbook's codepage (Shift_JIS for Japanese
//! Excel 95 files). Fills, number formats and page breaks are not exposed by
//! calamine for XLS and are not read: numbers come out plain (`4916`).

use std::io::Cursor;

use calamine::{Reader, SheetType, Xls, XlsError};

use super::{RawSheet, Region};
use crate::error::ErrorKind;
use crate::read::Limits;

/// Every worksheet of an XLS workbook, in workbook order.
pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<RawSheet>, ErrorKind> {
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(open_error)?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    names
        .into_iter()
        .map(|name| read_sheet(&mut book, name, limits))
        .collect()
}

fn open_error(e: XlsError) -> ErrorKind {
    match e {
        XlsError::Password => super::password_protected(),
        e => super::archive::cannot_open(&e),
    }
}

fn read_sheet(
    book: &mut Xls<Cursor<&[u8]>>,
    name: String,
    limits: &Limits,
) -> Result<RawSheet, ErrorKind> {
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
