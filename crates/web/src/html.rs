//! Escaping text for HTML.

pub use dxplan::markup::escape;

/// The same, named for attribute values.
pub fn attr(t: &str) -> String {
    escape(t)
}
