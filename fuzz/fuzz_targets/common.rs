//! Shared by the fuzz targets: limits small enough that one input cannot
//! take more than a few seconds or a few hundred MB, and the recogniser run
//! over whatever a reader returns.

use dxplan::internals::read::{Document, Limits, ReadOptions};

/// Tighter than the defaults so that each run stays fast; the default
/// limits themselves are exercised by tests/hostile.rs.
#[allow(dead_code)] // not used by the recognize target
pub fn options() -> ReadOptions {
    ReadOptions {
        password: None,
        limits: Limits {
            max_input_bytes: 4 << 20,
            max_pages: 64,
            max_stream_bytes: 8 << 20,
            max_total_bytes: 32 << 20,
            max_xobject_depth: 12,
            max_cells: 200_000,
            max_page_marks: 200_000,
            ..Limits::default()
        },
        skip_review: false,
        ..ReadOptions::default()
    }
}

/// Recognise a document; any result is fine, a panic is not. The error is
/// also formatted, so its Display must not panic either.
pub fn recognise(doc: &Document) {
    match dxplan::internals::recognize::recognize(doc) {
        Ok(rec) => {
            for w in &rec.warnings {
                let _ = w.message.len();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}
