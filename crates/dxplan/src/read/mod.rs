//! Readers: each turns the bytes of one input format into [`Document`] — one
//! [`Grid`] per page or sheet. A reader's private parse never leaks out.

mod guard;
pub mod pdf;

pub use guard::caught_panics;
pub mod sheet;

use std::path::Path;

use crate::error::ReadError;
use crate::grid::Grid;
use crate::model::Warning;

/// The input formats, chosen in one place: by extension, confirmed by the
/// first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Pdf,
    Xlsx,
    Xls,
    Ods,
    /// dxplan's own JSON output (read back by `diff`).
    Json,
}

impl InputFormat {
    /// The lower-case name used in JSON `source.format`.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Pdf => "pdf",
            InputFormat::Xlsx => "xlsx",
            InputFormat::Xls => "xls",
            InputFormat::Ods => "ods",
            InputFormat::Json => "json",
        }
    }

    /// The format named by a path's extension.
    ///
    /// # Errors
    /// [`ReadError::Unsupported`] for any other extension.
    pub fn from_path(path: &Path) -> Result<Self, ReadError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Ok(InputFormat::Pdf),
            "xlsx" | "xlsm" => Ok(InputFormat::Xlsx),
            "xls" => Ok(InputFormat::Xls),
            "ods" => Ok(InputFormat::Ods),
            "json" => Ok(InputFormat::Json),
            "" => Err(ReadError::unsupported("", None)),
            other => Err(ReadError::unsupported(&format!(".{other}"), None)),
        }
    }

    /// Check that the first bytes fit the format the name claims.
    ///
    /// # Errors
    /// [`ReadError::Empty`] or [`ReadError::NotThisFormat`] naming what the bytes
    /// look like instead.
    pub fn confirm(self, bytes: &[u8]) -> Result<(), ReadError> {
        if bytes.is_empty() {
            return Err(ReadError::Empty);
        }
        let ok = match self {
            InputFormat::Pdf => {
                find(&bytes[..bytes.len().min(1024)], b"%PDF-") || headerless_pdf(bytes)
            }
            InputFormat::Xlsx | InputFormat::Ods => bytes.starts_with(b"PK\x03\x04"),
            InputFormat::Xls => bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]),
            InputFormat::Json => true,
        };
        if ok {
            return Ok(());
        }
        if self == InputFormat::Xlsx && encrypted_ooxml(bytes) {
            return Err(sheet::password_protected());
        }
        if let Some(e) = old_excel(self, bytes) {
            return Err(e);
        }
        Err(ReadError::NotThisFormat {
            expected: self,
            looks_like: sniff_description(bytes).to_string(),
        })
    }
}

/// An XLSX saved with a password: Office wraps the encrypted package in an
/// OLE compound file with `EncryptionInfo` and `EncryptedPackage` streams.
fn encrypted_ooxml(bytes: &[u8]) -> bool {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) && find(bytes, &utf16("EncryptedPackage"))
}

/// Excel 2.x, 3.0 and 4.0 workbooks (BIFF2–4) are bare record streams
/// starting with their BOF record, not compound files.
fn old_excel(format: InputFormat, bytes: &[u8]) -> Option<ReadError> {
    let version = match bytes.get(..4)? {
        [0x09, 0x00, ..] => "2.x",
        [0x09, 0x02, ..] => "3.0",
        [0x09, 0x04, ..] => "4.0",
        _ => return None,
    };
    (format == InputFormat::Xls).then_some(ReadError::OldExcel { version })
}

/// A PDF that lost its `%PDF-` header: it starts (after comments) with an
/// indirect object `N G obj` and has a trailer or catalog. Viewers read such
/// files; the PDF reader puts the header back.
fn headerless_pdf(bytes: &[u8]) -> bool {
    let mut rest = &bytes[..bytes.len().min(1024)];
    loop {
        rest = rest.trim_ascii_start();
        match rest.first() {
            Some(b'%') => match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(eol) => rest = &rest[eol..],
                None => return false,
            },
            _ => break,
        }
    }
    let object = regex::bytes::Regex::new(r"\A\d{1,10}\s+\d{1,5}\s+obj\b").expect("valid regex");
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    object.is_match(rest) && (find(tail, b"trailer") || find(bytes, b"/Catalog"))
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

/// A few words on what some bytes look like, for error messages.
fn sniff_description(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(512)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    if find(&lower, b"<html") || find(&lower, b"<!doctype html") {
        "an HTML web page"
    } else if head.starts_with(b"%PDF-") {
        "a PDF"
    } else if head.starts_with(b"PK\x03\x04") {
        "a ZIP archive"
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "an old Office document"
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) || head.starts_with(b"\x89PNG") {
        "an image"
    } else if std::str::from_utf8(head).is_ok() {
        "plain text"
    } else {
        "unrecognised binary data"
    }
}

/// Options and limits for reading untrusted input.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// User password for an encrypted PDF.
    pub password: Option<String>,
    pub limits: Limits,
    /// Read the input as it is, without the review beside it
    /// (`<stem>.review.json`, see [`crate::review`]): what
    /// [`convert_path`](crate::convert_path) and
    /// [`load_plan`](crate::load_plan) otherwise apply.
    pub skip_review: bool,
    /// The language of the warnings' messages (their codes are the same in
    /// every language). English by default.
    pub lang: crate::i18n::Lang,
}

/// Caps on what one input may cost to read.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input file, bytes (`--max-input-bytes`).
    pub max_input_bytes: u64,
    /// Most PDF pages (`--max-pages`).
    pub max_pages: u32,
    /// Largest decompressed stream or workbook part, bytes
    /// (`--max-stream-bytes`).
    pub max_stream_bytes: u64,
    /// Most decompressed bytes in all, bytes (`--max-total-bytes`).
    pub max_total_bytes: u64,
    /// Deepest form-XObject nesting (`--max-xobject-depth`).
    pub max_xobject_depth: u32,
    /// Most cells in one grid (`--max-cells`).
    pub max_cells: u64,
    /// Largest unpacked-to-packed size ratio of a workbook part over 1 MiB
    /// (`--max-zip-ratio`).
    pub max_zip_ratio: u64,
    /// Most glyphs, line segments, fills and path points drawn on one PDF
    /// page (`--max-page-marks`).
    pub max_page_marks: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 200 << 20,
            max_pages: 2000,
            max_stream_bytes: 64 << 20,
            max_total_bytes: 512 << 20,
            max_xobject_depth: 12,
            max_cells: 2_000_000,
            max_zip_ratio: 200,
            max_page_marks: 1_000_000,
        }
    }
}

/// What a reader produces: one grid per page or sheet, plus what it noticed.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: InputFormat,
    pub grids: Vec<Grid>,
    /// PDF page count; `None` for spreadsheets.
    pub pages: Option<u32>,
    /// Sheet names for spreadsheets; `None` for PDF.
    pub sheets: Option<Vec<String>>,
    pub warnings: Vec<Warning>,
}

/// Read the bytes of a PDF or spreadsheet into grids.
///
/// # Errors
/// Whatever the format's reader reports: corrupt data, a password, limits.
pub fn read_bytes(
    bytes: &[u8],
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<Document, ReadError> {
    if bytes.len() as u64 > opts.limits.max_input_bytes {
        return Err(ReadError::Limit {
            what: crate::msg!("limit-what-file-size", bytes = bytes.len().to_string()),
            limit: opts.limits.max_input_bytes,
            which: crate::error::Limit::InputBytes,
        });
    }
    format.confirm(bytes)?;
    match format {
        InputFormat::Pdf => pdf::read(bytes, opts),
        InputFormat::Xlsx | InputFormat::Xls | InputFormat::Ods => sheet::read(bytes, format, opts),
        InputFormat::Json => Err(ReadError::unsupported(
            ".json",
            Some("a JSON plan is already converted"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_bytes() {
        assert_eq!(
            InputFormat::from_path(Path::new("a/B.PDF")).unwrap(),
            InputFormat::Pdf
        );
        assert!(matches!(
            InputFormat::from_path(Path::new("a.docx")),
            Err(ReadError::Unsupported { .. })
        ));
        assert!(InputFormat::Pdf.confirm(b"%PDF-1.7\n").is_ok());
        // A PDF that lost its header but starts with an object and has a trailer.
        let headerless = b"%\xe2\xe3\n1 0 obj\n<</Type/Catalog>>\nendobj\ntrailer<</Root 1 0 R>>";
        assert!(InputFormat::Pdf.confirm(headerless).is_ok());
        assert!(
            InputFormat::Pdf
                .confirm(b"1 0 obj and nothing more")
                .is_err()
        );
        let e = InputFormat::Pdf
            .confirm(b"<!DOCTYPE html><html>")
            .unwrap_err();
        assert!(e.to_string().contains("not a PDF file"), "{e}");
        assert!(e.to_string().contains("HTML"), "{e}");
        let e = InputFormat::Xlsx.confirm(b"%PDF-1.4").unwrap_err();
        assert!(e.to_string().contains("not an XLSX file"), "{e}");
        let e = InputFormat::Ods.confirm(b"plain").unwrap_err();
        assert!(e.to_string().contains("not an ODS file"), "{e}");
        assert!(matches!(
            InputFormat::Xlsx.confirm(b""),
            Err(ReadError::Empty)
        ));
    }
}
