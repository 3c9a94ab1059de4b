//! A last line of defence around the parsing libraries: a panic inside a
//! reader (a library's bug on hostile bytes, or ours) becomes
//! [`ReadError::ParserFailed`], whose message is one plain line for the
//! user and whose [`CaughtPanic`] keeps where the panic happened and what
//! it said. Every caught panic is counted ([`caught_panics`]), so that a
//! test can tell a refusal for a reason from a bug that was caught.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{CaughtPanic, Container, ReadError};

thread_local! {
    /// True while this thread runs a guarded reader.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last panic on this thread happened, recorded by the hook.
    static LAST_AT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Panics caught by the guard in this process.
static CAUGHT: AtomicU64 = AtomicU64::new(0);

/// How many panics the readers' guard has caught in this process, each
/// returned as [`ReadError::ParserFailed`]. A test that must not meet one
/// compares this before and after (or matches the error it got).
pub fn caught_panics() -> u64 {
    CAUGHT.load(Ordering::Relaxed)
}

/// Run `f`; a panic inside it gives [`ReadError::ParserFailed`] for
/// `container`, with the panic kept in its fields.
pub(crate) fn guarded<T>(
    container: Container,
    f: impl FnOnce() -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    install_quiet_hook();
    let outer = GUARDED.replace(true);
    LAST_AT.with_borrow_mut(String::clear);
    let r = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.set(outer);
    r.unwrap_or_else(|payload| {
        CAUGHT.fetch_add(1, Ordering::Relaxed);
        let panic = CaughtPanic {
            at: LAST_AT.with_borrow_mut(std::mem::take),
            message: payload_text(payload.as_ref()),
        };
        Err(ReadError::ParserFailed { container, panic })
    })
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// Wrap the panic hook once: panics in guarded code are silent (their place
/// is recorded for [`CaughtPanic`]), all others reach the previous hook.
/// Fuzzing builds still report panics in dxplan's own code (paths under
/// `crates/dxplan/src/`), so that the fuzzer finds our bugs while a library's panic
/// counts as handled.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let at = info.location().map(|l| l.to_string()).unwrap_or_default();
            let ours = crate::error::in_dxplan(&at);
            let guarded = GUARDED.get();
            if guarded {
                LAST_AT.with_borrow_mut(|last| *last = at);
            }
            if !guarded || (cfg!(fuzzing) && ours) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_parser_failed_and_keeps_where_and_what() {
        let before = caught_panics();
        let r: Result<(), ReadError> = guarded(Container::Pdf, || panic!("a library bug"));
        let line = line!() - 1;
        let Err(ReadError::ParserFailed { container, panic }) = r else {
            panic!("{r:?}");
        };
        assert_eq!(container, Container::Pdf);
        assert_eq!(panic.message, "a library bug");
        assert!(
            panic
                .at
                .starts_with(&format!("crates/dxplan/src/read/guard.rs:{line}:")),
            "{}",
            panic.at
        );
        assert!(panic.in_dxplan());
        assert!(caught_panics() > before, "counted");
        assert!(!GUARDED.get(), "the flag is reset after a panic");
        let ok = guarded(Container::Workbook, || Ok(7));
        assert_eq!(ok.unwrap(), 7);
        // The user's line says nothing of the panic.
        let e = guarded::<()>(Container::Workbook, || panic!("index out of bounds")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the workbook cannot be opened: it is damaged (the spreadsheet parser failed on it)"
        );
    }
}
