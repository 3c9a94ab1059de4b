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
    #[error("unsupported file type {0}: dxplan reads .pdf, .xlsx, .xls, .ods (and its own .json)")]
    Unsupported(String),
    #[error("the file is empty")]
    Empty,
    /// The bytes are not what the name says, or are damaged.
    #[error("{0}")]
    Corrupt(String),
    #[error("the PDF is protected by a password; give it with --password")]
    PasswordRequired,
    #[error("the password given does not open this PDF")]
    WrongPassword,
    #[error("the PDF has no text layer (it looks like a scan); run OCR on it first")]
    NoText,
    #[error("{what} is over the limit of {limit}; raise it with {flag} if the file is genuine")]
    Limit {
        what: String,
        limit: u64,
        flag: &'static str,
    },
    #[error("no plan tables found (looked for rows labelled 事業名, 内容, スケジュール …)")]
    NoPlan,
    #[error("not a dxplan JSON file: {0}")]
    BadJson(String),
    #[error("cannot write the output: {0}")]
    Output(String),
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
