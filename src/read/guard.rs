//! A last line of defence around the parsing libraries: a panic inside a
//! reader (a library's bug on hostile bytes) becomes a plain "damaged file"
//! error, and its message is not printed, so the user sees one line.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use crate::error::ReadError;

thread_local! {
    /// True while this thread runs a guarded reader.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Run `f`; a panic inside it gives `damaged()` instead.
pub(crate) fn guarded<T>(
    damaged: impl FnOnce() -> ReadError,
    f: impl FnOnce() -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    install_quiet_hook();
    let outer = GUARDED.replace(true);
    let r = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.set(outer);
    r.unwrap_or_else(|_| Err(damaged()))
}

/// Wrap the panic hook once: panics in guarded code are silent, all others
/// reach the previous hook. Fuzzing builds still report panics in dxplan's
/// own code (paths under `src/`), so that the fuzzer finds our bugs while
/// a library's panic counts as handled.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let ours = info
                .location()
                .is_some_and(|l| l.file().starts_with("src/"));
            let quiet = GUARDED.get() && !(cfg!(fuzzing) && ours);
            if !quiet {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_damaged_error() {
        let r: Result<(), ReadError> = guarded(
            || ReadError::damaged_pdf(None, "damaged"),
            || panic!("a library bug"),
        );
        assert!(matches!(r, Err(ReadError::Damaged { detail, .. }) if detail == "damaged"));
        assert!(!GUARDED.get(), "the flag is reset after a panic");
        let ok = guarded(|| ReadError::Empty, || Ok(7));
        assert_eq!(ok.unwrap(), 7);
    }
}
