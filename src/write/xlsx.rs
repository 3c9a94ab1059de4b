//! Excel workbook writer: machine-readable sheets (施策, スケジュール, 指標,
//! 事業費, 基本方針, メタデータ, 警告) following the 総務省 rules.

use std::io::{Seek, Write};

use crate::error::ErrorKind;
use crate::model::{Plan, Warning};

/// Write the plan as an XLSX workbook. Returns the warnings the writer adds
/// (e.g. 機種依存文字 replaced by standard forms).
///
/// # Errors
/// [`ErrorKind::Output`] when the workbook cannot be written.
pub fn write<W: Write + Seek + Send>(_plan: &Plan, _w: W) -> Result<Vec<Warning>, ErrorKind> {
    Err(ErrorKind::Output(
        "the Excel writer is not built yet".into(),
    ))
}
