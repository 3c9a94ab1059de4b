//! Open-data CSV writer: one file per table, for the prefectural portal.

use std::io::Write;

use crate::error::ErrorKind;
use crate::model::{Plan, Warning};

/// Text encoding of CSV output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 with a byte-order mark (the default: Excel opens it cleanly).
    Utf8Bom,
    Utf8,
    ShiftJis,
}

/// The CSV tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Measures,
    Schedule,
    Indicators,
    Costs,
}

impl Table {
    pub const ALL: [Table; 4] = [
        Table::Measures,
        Table::Schedule,
        Table::Indicators,
        Table::Costs,
    ];

    /// `measures.csv`, `schedule.csv`, `indicators.csv`, `costs.csv`.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Measures => "measures.csv",
            Table::Schedule => "schedule.csv",
            Table::Indicators => "indicators.csv",
            Table::Costs => "costs.csv",
        }
    }
}

/// Write one table. Returns the warnings the writer adds.
///
/// # Errors
/// [`ErrorKind::Output`] for a character the encoding cannot hold (naming the
/// cell) or a write failure.
pub fn write<W: Write>(
    _plan: &Plan,
    _table: Table,
    _enc: Encoding,
    _w: W,
) -> Result<Vec<Warning>, ErrorKind> {
    Err(ErrorKind::Output("the CSV writer is not built yet".into()))
}
