//! Opening a PDF: parsing, decryption, passwords, the page-count limit.

use lopdf::{DecompressError, Document, Error as PdfError, LoadOptions};

use crate::error::ErrorKind;
use crate::read::ReadOptions;

/// Parse and decrypt a PDF.
///
/// # Errors
/// [`ErrorKind::PasswordRequired`] / [`ErrorKind::WrongPassword`] for a
/// user password; [`ErrorKind::Corrupt`] for a damaged file;
/// [`ErrorKind::Limit`] for an oversized stream or too many pages.
pub fn open(bytes: &[u8], opts: &ReadOptions) -> Result<Document, ErrorKind> {
    let load = LoadOptions {
        password: opts.password.clone(),
        max_decompressed_size: Some(opts.limits.max_stream_bytes.min(usize::MAX as u64) as usize),
        ..LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, load) {
        Ok(doc) => doc,
        Err(e) => return Err(load_error(e, bytes, opts)),
    };
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(if opts.password.is_some() {
            ErrorKind::WrongPassword
        } else {
            ErrorKind::PasswordRequired
        });
    }
    check_pages(&doc, opts)?;
    Ok(doc)
}

fn load_error(e: PdfError, bytes: &[u8], opts: &ReadOptions) -> ErrorKind {
    match e {
        PdfError::InvalidPassword if opts.password.is_some() => ErrorKind::WrongPassword,
        PdfError::InvalidPassword => ErrorKind::PasswordRequired,
        PdfError::Decompress(DecompressError::MemoryLimitExceeded { .. }) => ErrorKind::Limit {
            what: "a decompressed stream in the PDF".into(),
            limit: opts.limits.max_stream_bytes,
            flag: "--max-stream-bytes",
        },
        PdfError::UnsupportedSecurityHandler(h) => ErrorKind::Corrupt(format!(
            "the PDF is encrypted with a security handler dxplan cannot open ({})",
            String::from_utf8_lossy(&h)
        )),
        _ if truncated(bytes) => damaged(
            "the file ends early, without the PDF end marker %%EOF (was the download cut off? download it again)",
        ),
        other => damaged(&other.to_string()),
    }
}

/// No `%%EOF` near the end: the file was cut short.
fn truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    !tail.windows(5).any(|w| w == b"%%EOF")
}

/// The message for a file that cannot be read.
pub fn damaged(detail: &str) -> ErrorKind {
    ErrorKind::Corrupt(format!("the PDF is damaged and cannot be read: {detail}"))
}

fn check_pages(doc: &Document, opts: &ReadOptions) -> Result<(), ErrorKind> {
    let n = doc
        .page_iter()
        .take(opts.limits.max_pages as usize + 1)
        .count();
    if n == 0 {
        return Err(damaged("it has no pages"));
    }
    if n as u64 > opts.limits.max_pages as u64 {
        return Err(ErrorKind::Limit {
            what: "the number of pages".into(),
            limit: opts.limits.max_pages as u64,
            flag: "--max-pages",
        });
    }
    Ok(())
}
