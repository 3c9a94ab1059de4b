//! Spreadsheet reader: calamine → one [`Grid`] per sheet, with merged regions
//! and (for XLSX) cell fills.

use crate::error::ErrorKind;
use crate::read::{Document, InputFormat, ReadOptions};

/// Read an XLSX, XLS or ODS workbook.
///
/// # Errors
/// [`ErrorKind::Corrupt`] when the workbook cannot be opened.
pub fn read(
    _bytes: &[u8],
    _format: InputFormat,
    _opts: &ReadOptions,
) -> Result<Document, ErrorKind> {
    Err(ErrorKind::Corrupt(
        "the spreadsheet reader is not built yet".into(),
    ))
}
