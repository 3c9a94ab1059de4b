//! PDF reader: lopdf → glyphs, ruling lines, fills → one [`Grid`] per page.

use crate::error::ErrorKind;
use crate::read::{Document, ReadOptions};

/// Read a PDF.
///
/// # Errors
/// [`ErrorKind::Corrupt`], [`ErrorKind::PasswordRequired`], [`ErrorKind::NoText`].
pub fn read(_bytes: &[u8], _opts: &ReadOptions) -> Result<Document, ErrorKind> {
    Err(ErrorKind::Corrupt("the PDF reader is not built yet".into()))
}
