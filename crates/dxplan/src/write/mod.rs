//! Writers: the plan to JSON, an Excel workbook and open-data CSV.
//!
//! The workbook and the CSV files share their row building (`tables`),
//! their cell model (`cell`) and the replacement of 機種依存文字
//! ([`jisx`]), so both write the same headers, the same values and the same
//! warnings.

mod cell;
pub mod csv;
pub mod datapackage;
pub mod jisx;
pub mod json;
pub mod outputs;
mod tables;
pub mod xlsx;
