//! Pure functions that turn printed forms into data: era years, numbers,
//! schedule marks, text folding, indicator labels, departments and
//! municipality codes. No I/O; table-driven tests beside each.

pub mod era;
pub mod label;
pub mod mark;
pub mod municipality;
mod municipality_table;
pub mod number;
mod radicals_table;
pub mod text;
