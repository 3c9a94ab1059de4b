//! Writers: the plan to JSON, an Excel workbook and open-data CSV.

pub mod csv;
pub mod json;
pub mod xlsx;
