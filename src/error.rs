//! Errors. Each stage returns an [`ErrorKind`]; [`Error`] adds the file it
//! concerns so that every message names the file and says what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, in words a municipal staff member can act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// The extension (`.docx`, or `(no extension)`), perhaps with a note.
    #[error("{}", unsupported(.0))]
    Unsupported(String),
    #[error("the file is empty")]
    Empty,
    /// The bytes are not what the name says, or are damaged.
    #[error("{0}")]
    Corrupt(String),
    #[error("the PDF is protected by a password")]
    PasswordRequired,
    #[error("the password given does not open this PDF")]
    WrongPassword,
    #[error("the PDF has no text layer (it looks like a scan); run OCR on it first")]
    NoText,
    #[error("{what} is over the limit of {limit} ({which})")]
    Limit {
        what: String,
        limit: u64,
        which: Limit,
    },
    #[error("no plan tables found (looked for rows labelled 事業名, 内容, スケジュール …)")]
    NoPlan,
    #[error("not a dxplan JSON file: {0}")]
    BadJson(String),
    #[error("cannot write the output: {0}")]
    Output(String),
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

/// What dxplan reads, and for a file it does not, how to get one it does.
fn unsupported(what: &str) -> String {
    if what.starts_with(".json") {
        return "a .json file is already converted: convert reads .pdf, .xlsx, .xls and \
                .ods; compare a dxplan .json with `dxplan diff`, check it with \
                `dxplan validate`"
            .to_string();
    }
    let ext = what.split_whitespace().next().unwrap_or_default();
    let hint = match ext.to_ascii_lowercase().as_str() {
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
    format!("unsupported file type {what}: dxplan reads .pdf, .xlsx, .xls, .ods{hint}")
}

/// An error with the file it concerns.
#[derive(Debug)]
pub struct Error {
    pub path: Option<PathBuf>,
    pub kind: ErrorKind,
}

impl Error {
    pub fn new(path: impl AsRef<Path>, kind: ErrorKind) -> Self {
        Error {
            path: Some(path.as_ref().to_path_buf()),
            kind,
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

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error { path: None, kind }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(what: &str) -> String {
        ErrorKind::Unsupported(what.into()).to_string()
    }

    #[test]
    fn a_wrong_extension_suggests_the_fix() {
        assert!(msg(".docx").ends_with("save it as PDF first (File → Save As / Export → PDF)"));
        assert!(msg(".DOC").contains("save it as PDF first"));
        assert!(msg(".csv").contains("save it as .xlsx first"));
        assert!(msg(".png").contains("OCR"));
        assert_eq!(
            msg("(no extension)"),
            "unsupported file type (no extension): dxplan reads .pdf, .xlsx, .xls, .ods"
        );
    }

    #[test]
    fn json_is_not_both_refused_and_accepted() {
        let m = msg(".json (a JSON plan is already converted)");
        assert!(!m.contains("and its own .json"), "{m}");
        assert!(m.contains("dxplan diff"), "{m}");
    }
}
