//! The JSON writer (the contract in `schemas/plan.schema.json`).

use std::io::{self, Write};

use crate::model::Plan;

/// Write the plan as pretty JSON with a trailing newline.
///
/// # Errors
/// Any error of the writer.
pub fn write<W: Write>(plan: &Plan, mut w: W) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut w, plan)?;
    w.write_all(b"\n")
}
