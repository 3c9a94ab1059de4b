//! A test-only switch that makes a stage panic, to prove that the tests
//! which say "never panics" or "refused for this reason" fail on a panic.
//!
//! Built in only with the `fault-injection` cargo feature (and in the
//! library's own unit tests); in every other build [`inject`] is empty.
//! `DXPLAN_INJECT_PANIC` names the stages to break, comma-separated:
//! `pdf` (the PDF reader, inside the guard), `sheet` (the spreadsheet
//! reader, inside the guard), `recognize` (the recogniser):
//!
//! ```text
//! DXPLAN_INJECT_PANIC=pdf cargo test --features fault-injection --test pdf_reader
//! ```
//!
//! BENCHMARKS.md ("Injected panics") records which tests each stage's
//! panic failed.

/// A stage that can be made to panic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    PdfReader,
    SheetReader,
    Recognizer,
}

impl Site {
    /// The name `DXPLAN_INJECT_PANIC` uses.
    #[cfg(any(test, feature = "fault-injection"))]
    fn name(self) -> &'static str {
        match self {
            Site::PdfReader => "pdf",
            Site::SheetReader => "sheet",
            Site::Recognizer => "recognize",
        }
    }
}

/// Panic here when `DXPLAN_INJECT_PANIC` names `site`.
#[cfg(any(test, feature = "fault-injection"))]
pub(crate) fn inject(site: Site) {
    let named = std::env::var("DXPLAN_INJECT_PANIC")
        .is_ok_and(|v| v.split(',').any(|s| s.trim() == site.name()));
    if named {
        panic!(
            "injected panic in the {} stage (DXPLAN_INJECT_PANIC)",
            site.name()
        );
    }
}

/// Nothing: fault injection is not built in.
#[cfg(not(any(test, feature = "fault-injection")))]
#[inline(always)]
pub(crate) fn inject(_site: Site) {}
