//! Errors: one type per stage, and [`Error`], which every call of the
//! facade returns.
//!
//! - [`ReadError`]: the bytes could not be read as a plan document
//!   (unsupported type, damaged, protected, over a limit). Where the damage
//!   is known, it is in fields: the PDF page, the workbook's sheet and part.
//! - [`RecognizeError`]: the document was read, but holds no plan.
//! - [`WriteError`]: an output could not be written; the fields name the
//!   file, sheet and cell, or the CSV table, row, column and character.
//! - [`ErrorKind::BadJson`]: a `.json` given to compare is not dxplan's JSON.
//! - [`ReviewError`]: the review file beside an input is not valid, or a
//!   save found it changed by someone else.
//!
//! [`Error`] wraps any of them (`From` each) with the file it concerns, so
//! that a caller chaining read → write → diff handles one type, and every
//! message names the file. The English text is the [`Display`](fmt::Display)
//! of each type; [`crate::i18n::error_message`] gives it in Japanese, built
//! from the same fields. The library names no command-line option: the CLI
//! adds them (for [`Limit`], a password, an encoding).
//!
//! ```
//! use dxplan::error::{ErrorKind, ReadError};
//!
//! let e = dxplan::convert_path("README.md".as_ref(), &Default::default()).unwrap_err();
//! assert_eq!(e.path.as_deref(), Some("README.md".as_ref()));
//! assert!(matches!(
//!     &e.kind,
//!     ErrorKind::Read(ReadError::Unsupported { extension, .. }) if extension == ".md"
//! ));
//! assert!(e.to_string().starts_with("README.md: unsupported file type .md"));
//! ```

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::read::InputFormat;

/// An error with the file it concerns: what the facade returns.
#[derive(Debug)]
pub struct Error {
    /// The input or output file, when there is one.
    pub path: Option<PathBuf>,
    /// What went wrong, by stage.
    pub kind: ErrorKind,
}

/// What went wrong, by stage.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Recognize(#[from] RecognizeError),
    /// A `.json` file given as a plan is not dxplan's JSON.
    #[error("not a dxplan JSON file: {0}")]
    BadJson(#[source] serde_json::Error),
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A review file (`<stem>.review.json`) that cannot be applied or saved.
    #[error(transparent)]
    Review(#[from] ReviewError),
}

/// Reviews: the `<stem>.review.json` beside an input could not be used
/// (the input itself is never changed), or a save was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReviewError {
    /// Not JSON, or not a review's shape: what is wrong, in English
    /// (`correction 3 (1-1 description): …`).
    #[error("not a valid review file: {detail}")]
    Invalid { detail: String },
    /// A save over a review file that changed since it was read (another
    /// person saved meanwhile): nothing was written.
    #[error(
        "the review file was changed by someone else after it was opened; nothing was saved: open it again and redo the changes"
    )]
    Changed,
}

/// Reading: the bytes are not a plan document dxplan can open.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read. The message says what to do
    /// for the common cases (not found, no permission); the system's own
    /// words are kept for the rest.
    #[error("{}", crate::i18n::io_message(.0, crate::i18n::Lang::En, crate::i18n::Io::Read))]
    Io(#[from] io::Error),
    /// The path names a folder, a named pipe (FIFO), a socket or a device:
    /// it is refused before it is read (a FIFO would never end).
    #[error("{}", crate::i18n::not_a_file_message(*what, crate::i18n::Lang::En))]
    NotAFile { what: FileKind },
    /// A file type dxplan does not read. `extension` is `.docx` (or empty
    /// when the name has none); `note` says more.
    #[error("{}", unsupported(extension, note.as_deref()))]
    Unsupported {
        extension: String,
        note: Option<String>,
    },
    #[error("{}", crate::t!(crate::i18n::Lang::En, "error-empty"))]
    Empty,
    /// The bytes are not what the extension says.
    #[error("this is not {} file (its content looks like {looks_like})", with_article(*expected))]
    NotThisFormat {
        expected: InputFormat,
        looks_like: String,
    },
    /// An Excel 2.x–4.0 workbook (BIFF2–4).
    #[error(
        "this is an Excel {version} workbook (BIFF{}), a format too old for dxplan: open it in Excel or LibreOffice Calc and save it as .xlsx",
        &version[..1]
    )]
    OldExcel { version: &'static str },
    /// The file is damaged: where, as far as known, and the parser's words.
    #[error("{}", damaged(*container, *page, sheet.as_deref(), part.as_deref(), detail))]
    Damaged {
        container: Container,
        /// The PDF page (1-based).
        page: Option<u32>,
        /// The worksheet's name.
        sheet: Option<String>,
        /// The part of the workbook package (`xl/worksheets/sheet1.xml`).
        part: Option<String>,
        /// What the parser said, in English.
        detail: String,
    },
    /// The PDF stops before its end marker: a download or copy cut short.
    #[error(
        "the PDF is damaged and cannot be read: the file ends early, without the PDF end marker %%EOF (was the download cut off? download it again)"
    )]
    Truncated,
    /// A reader panicked on the file and the guard caught it: a bug, in a
    /// parsing library or in dxplan, never a reason found in the file. The
    /// user reads one plain line; `panic` says where and what, for tests and
    /// bug reports (`dxplan::internals::read::caught_panics`
    /// counts them).
    #[error("{}", match container {
        Container::Pdf => "the PDF is damaged and cannot be read: the PDF parser failed on it",
        Container::Workbook => "the workbook cannot be opened: it is damaged (the spreadsheet parser failed on it)",
    })]
    ParserFailed {
        container: Container,
        panic: CaughtPanic,
    },
    #[error("the PDF is encrypted with a security handler dxplan cannot open ({handler})")]
    UnsupportedEncryption { handler: String },
    #[error("the PDF is protected by a password")]
    PasswordRequired,
    #[error("the password given does not open this PDF")]
    WrongPassword,
    #[error(
        "the workbook is protected by a password; dxplan cannot open protected workbooks: save an unprotected copy (open it, remove the password, save it again)"
    )]
    ProtectedWorkbook,
    #[error("the PDF has no text layer (it looks like a scan); run OCR on it first")]
    NoText,
    /// The fonts draw glyphs without saying which characters they are.
    #[error(
        "the text of the PDF cannot be decoded: its fonts (e.g. {font}) do not say which characters they draw"
    )]
    UndecodableText { font: String },
    /// A page asked for (by `inspect`) that the PDF does not have.
    #[error("the PDF has {pages} {}; there is no page {page}", if *pages == 1 { "page" } else { "pages" })]
    NoSuchPage { page: u32, pages: usize },
    #[error("{what} is over the limit of {limit} ({which})")]
    Limit {
        /// What is over the limit, in words of the catalogue (its
        /// `Display` is the English).
        what: crate::i18n::Msg,
        limit: u64,
        which: Limit,
    },
}

/// A panic the readers' guard caught, kept in [`ReadError::ParserFailed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaughtPanic {
    /// Where it happened, `file:line:column` as the panic reported it
    /// (`…/calamine-0.38.0/src/xls.rs:1021:17`, `crates/dxplan/src/read/pdf/mod.rs:80:5`);
    /// empty when the panic hook that records it was replaced.
    pub at: String,
    /// The panic's own message.
    pub message: String,
}

impl CaughtPanic {
    /// True when the panic happened in dxplan's own code (a path under
    /// `crates/dxplan/src/`), not in a library.
    pub fn in_dxplan(&self) -> bool {
        in_dxplan(&self.at)
    }
}

/// Whether a panic's place is in the library's own code: the path is
/// `crates/dxplan/src/…` inside the workspace, absolute when the library is
/// a path dependency of another workspace (the fuzz targets).
pub(crate) fn in_dxplan(at: &str) -> bool {
    at.starts_with("crates/dxplan/src/") || at.contains("/crates/dxplan/src/")
}

/// The kind of document a [`ReadError`] concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Container {
    Pdf,
    /// An XLSX, XLS or ODS workbook.
    Workbook,
}

/// Recognising: the document was read but holds no plan.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecognizeError {
    #[error("no plan tables found (looked for rows labelled 事業名, 内容, スケジュール …)")]
    NoPlan,
}

/// Writing: an output could not be made or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// A file or folder could not be written (`path` when known).
    #[error("cannot write the output: {}", with_path(path.as_deref(), source))]
    Io {
        path: Option<PathBuf>,
        source: io::Error,
    },
    /// A workbook could not be built: which one, and the sheet and cell
    /// (`B7`) when the failure concerns one.
    #[error("cannot write the output: {}", workbook(*book, sheet.as_deref(), cell.as_deref(), detail))]
    Workbook {
        book: Book,
        sheet: Option<String>,
        cell: Option<String>,
        detail: String,
    },
    /// A CSV table could not be written.
    #[error("cannot write the output: {file}: {detail}")]
    Csv { file: String, detail: String },
    /// A character Shift_JIS cannot hold, and where it is.
    #[error(
        "cannot write the output: {file}: {}, column {column}: the character \"{character}\" (U+{:04X}) has no Shift_JIS form; write UTF-8 instead or change the text",
        row_name(*row, measure.as_deref()),
        *character as u32
    )]
    NotShiftJis {
        /// The CSV file name.
        file: String,
        /// 0 for the header row, else the data row counted from 1.
        row: usize,
        /// The 施策ID of that row, if the table has one.
        measure: Option<String>,
        /// The column header.
        column: String,
        character: char,
    },
    /// [`write_path`](crate::write_path) was given a file type it does not
    /// write (`extension` without the dot, lower case).
    #[error("cannot write the output: dxplan writes .json and .xlsx files, not .{extension}")]
    OutputType { extension: String },
    /// A zip of outputs could not be made.
    #[error("cannot write the output: {detail}")]
    Archive { detail: String },
}

/// What a path that is not a regular file names ([`ReadError::NotAFile`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileKind {
    Folder,
    /// A named pipe: reading it waits for a writer, perhaps forever.
    Fifo,
    Socket,
    Device,
    Other,
}

impl FileKind {
    /// What `meta` (of a path, links followed) names, or `None` for a
    /// regular file.
    pub fn of(meta: &std::fs::Metadata) -> Option<FileKind> {
        let t = meta.file_type();
        if t.is_file() {
            return None;
        }
        if t.is_dir() {
            return Some(FileKind::Folder);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return Some(FileKind::Fifo);
            }
            if t.is_socket() {
                return Some(FileKind::Socket);
            }
            if t.is_block_device() || t.is_char_device() {
                return Some(FileKind::Device);
            }
        }
        Some(FileKind::Other)
    }
}

/// Which workbook a [`WriteError::Workbook`] concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Book {
    Plan,
    Diff,
    History,
    Report,
}

impl fmt::Display for Book {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Book::Plan => "the Excel workbook",
            Book::Diff => "the diff workbook",
            Book::History => "the history workbook",
            Book::Report => "the report workbook",
        })
    }
}

/// Which of the readers' limits for untrusted input (`ReadOptions`) a
/// file passed. The command line names the option that raises it; the
/// library does not know the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    InputBytes,
    Pages,
    StreamBytes,
    TotalBytes,
    XobjectDepth,
    Cells,
    PageMarks,
    ZipRatio,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::InputBytes => "input size",
            Limit::Pages => "pages",
            Limit::StreamBytes => "unpacked size of one stream or part",
            Limit::TotalBytes => "unpacked size in all",
            Limit::XobjectDepth => "depth of nested drawings",
            Limit::Cells => "cells",
            Limit::PageMarks => "marks on one page",
            Limit::ZipRatio => "packing ratio",
        })
    }
}

impl ReadError {
    /// A damaged PDF, `page` when the damage is on one.
    pub fn damaged_pdf(page: Option<u32>, detail: impl fmt::Display) -> Self {
        ReadError::Damaged {
            container: Container::Pdf,
            page,
            sheet: None,
            part: None,
            detail: detail.to_string(),
        }
    }

    /// A damaged workbook, `part` when the damage is in one.
    pub fn damaged_workbook(part: Option<&str>, detail: impl fmt::Display) -> Self {
        ReadError::Damaged {
            container: Container::Workbook,
            page: None,
            sheet: None,
            part: part.map(str::to_string),
            detail: detail.to_string(),
        }
    }

    /// The same error, naming the worksheet when it is damage without one.
    pub fn in_sheet(mut self, name: &str) -> Self {
        if let ReadError::Damaged {
            sheet: s @ None, ..
        } = &mut self
        {
            *s = Some(name.to_string());
        }
        self
    }

    /// The extension of a file dxplan does not read, with a note.
    pub fn unsupported(extension: &str, note: Option<&str>) -> Self {
        ReadError::Unsupported {
            extension: extension.to_string(),
            note: note.map(str::to_string),
        }
    }
}

impl WriteError {
    /// A workbook that could not be built as a whole (no sheet or cell to
    /// name).
    pub fn workbook(book: Book, detail: impl fmt::Display) -> Self {
        WriteError::Workbook {
            book,
            sheet: None,
            cell: None,
            detail: detail.to_string(),
        }
    }

    /// An I/O failure writing `path`.
    pub fn io(path: &Path, source: io::Error) -> Self {
        WriteError::Io {
            path: Some(path.to_path_buf()),
            source,
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(source: io::Error) -> Self {
        WriteError::Io { path: None, source }
    }
}

/// `an XLSX`, `an ODS`, but `a PDF`, `a JSON`.
fn with_article(format: InputFormat) -> String {
    let name = format.name().to_uppercase();
    let article = if name.starts_with(['X', 'O']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

fn damaged(
    container: Container,
    page: Option<u32>,
    sheet: Option<&str>,
    part: Option<&str>,
    detail: &str,
) -> String {
    match (container, page, sheet, part) {
        (Container::Pdf, Some(n), ..) => {
            format!("the PDF is damaged and cannot be read: page {n} ({detail})")
        }
        (Container::Pdf, None, ..) => format!("the PDF is damaged and cannot be read: {detail}"),
        (Container::Workbook, _, Some(s), Some(p)) => {
            format!("the workbook cannot be opened: sheet {s} (part {p}) is damaged ({detail})")
        }
        (Container::Workbook, _, Some(s), None) => {
            format!("the workbook cannot be opened: sheet {s} is damaged ({detail})")
        }
        (Container::Workbook, _, None, Some(p)) => {
            format!("the workbook cannot be opened: its part {p} is damaged ({detail})")
        }
        (Container::Workbook, _, None, None) => format!(
            "the workbook cannot be opened: it is damaged or not a real spreadsheet ({detail})"
        ),
    }
}

fn with_path(path: Option<&Path>, e: &io::Error) -> String {
    let e = crate::i18n::io_message(e, crate::i18n::Lang::En, crate::i18n::Io::Write);
    match path {
        Some(p) => format!("{}: {e}", p.display()),
        None => e,
    }
}

fn workbook(book: Book, sheet: Option<&str>, cell: Option<&str>, detail: &str) -> String {
    match (sheet, cell) {
        (Some(s), Some(c)) => format!("sheet {s}, cell {c}: {detail}"),
        (Some(s), None) => format!("sheet {s}: {detail}"),
        _ => format!("{book}: {detail}"),
    }
}

/// `header row` or `row 3 (施策ID 1-1)`; rows count from 1 after the header.
pub(crate) fn row_name(row: usize, measure: Option<&str>) -> String {
    match (row, measure) {
        (0, _) => "header row".to_string(),
        (r, Some(id)) => format!("row {r} (施策ID {id})"),
        (r, None) => format!("row {r}"),
    }
}

/// What dxplan reads, and for a file it does not, how to get one it does.
fn unsupported(extension: &str, note: Option<&str>) -> String {
    if extension == ".json" {
        return "a .json file is already converted: convert reads .pdf, .xlsx, .xls and \
                .ods; compare a dxplan .json with `dxplan diff`, check it with \
                `dxplan validate`"
            .to_string();
    }
    let hint = match extension.to_ascii_lowercase().as_str() {
        ".docx" | ".doc" | ".odt" | ".rtf" | ".jtd" | ".pptx" | ".ppt" | ".odp" | ".html"
        | ".htm" => "; save it as PDF first (File → Save As / Export → PDF)",
        ".csv" | ".tsv" | ".txt" => {
            "; open it in a spreadsheet and save it as .xlsx first, or convert the \
             PDF or workbook it was made from"
        }
        ".xlsb" | ".numbers" | ".fods" => "; save it as .xlsx first",
        ".jpg" | ".jpeg" | ".png" | ".tif" | ".tiff" | ".gif" | ".bmp" => {
            "; an image has no text: make a PDF with OCR first"
        }
        ".zip" => "; unpack it first and convert the files inside",
        _ => "",
    };
    format!(
        "unsupported file type {}: dxplan reads .pdf, .xlsx, .xls, .ods{hint}",
        unsupported_what(extension, note)
    )
}

/// `.docx`, `(no extension)`, `.pdf (not a spreadsheet)`.
pub fn unsupported_what(extension: &str, note: Option<&str>) -> String {
    let ext = if extension.is_empty() {
        "(no extension)"
    } else {
        extension
    };
    match note {
        Some(n) => format!("{ext} ({n})"),
        None => ext.to_string(),
    }
}

impl Error {
    /// An error about `path`.
    pub fn new(path: impl AsRef<Path>, kind: impl Into<ErrorKind>) -> Self {
        Error {
            path: Some(path.as_ref().to_path_buf()),
            kind: kind.into(),
        }
    }

    /// The reading error, if this is one.
    pub fn read_error(&self) -> Option<&ReadError> {
        match &self.kind {
            ErrorKind::Read(e) => Some(e),
            _ => None,
        }
    }

    /// The writing error, if this is one.
    pub fn write_error(&self) -> Option<&WriteError> {
        match &self.kind {
            ErrorKind::Write(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: {}", p.display(), self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.kind)
    }
}

/// `From` each stage's error (and [`ErrorKind`]): an [`Error`] without a
/// file; add it with [`Error::new`].
macro_rules! from_stage {
    ($($t:ty),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Self {
                Error { path: None, kind: e.into() }
            }
        }
    )*};
}
from_stage!(
    ErrorKind,
    ReadError,
    RecognizeError,
    WriteError,
    ReviewError
);

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(ext: &str) -> String {
        ReadError::unsupported(ext, None).to_string()
    }

    #[test]
    fn a_wrong_extension_suggests_the_fix() {
        assert!(msg(".docx").ends_with("save it as PDF first (File → Save As / Export → PDF)"));
        assert!(msg(".DOC").contains("save it as PDF first"));
        assert!(msg(".csv").contains("save it as .xlsx first"));
        assert!(msg(".png").contains("OCR"));
        assert_eq!(
            msg(""),
            "unsupported file type (no extension): dxplan reads .pdf, .xlsx, .xls, .ods"
        );
    }

    #[test]
    fn json_is_not_both_refused_and_accepted() {
        let m = ReadError::unsupported(".json", Some("a JSON plan is already converted"));
        let m = m.to_string();
        assert!(!m.contains("and its own .json"), "{m}");
        assert!(m.contains("dxplan diff"), "{m}");
    }

    #[test]
    fn damage_keeps_its_place_in_fields_and_words() {
        let e = ReadError::damaged_pdf(Some(3), "bad xref");
        assert!(matches!(e, ReadError::Damaged { page: Some(3), .. }));
        assert_eq!(
            e.to_string(),
            "the PDF is damaged and cannot be read: page 3 (bad xref)"
        );
        let e = ReadError::damaged_workbook(Some("xl/worksheets/sheet1.xml"), "bad tag")
            .in_sheet("計画");
        assert!(matches!(&e, ReadError::Damaged { sheet: Some(s), .. } if s == "計画"));
        assert!(
            e.to_string()
                .contains("sheet 計画 (part xl/worksheets/sheet1.xml)")
        );
    }

    #[test]
    fn shift_jis_misses_name_row_column_and_character() {
        let e = WriteError::NotShiftJis {
            file: "measures.csv".into(),
            row: 2,
            measure: Some("1-1".into()),
            column: "事業名".into(),
            character: '𠮷',
        };
        assert_eq!(
            e.to_string(),
            "cannot write the output: measures.csv: row 2 (施策ID 1-1), column 事業名: \
             the character \"𠮷\" (U+20BB7) has no Shift_JIS form; write UTF-8 instead or \
             change the text"
        );
    }
}
