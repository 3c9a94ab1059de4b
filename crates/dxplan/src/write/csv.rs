//! Open-data CSV writer: one file per table, for the prefectural portal.
//!
//! The files follow the 総務省 rules for machine-readable data and the
//! leading columns of デジタル庁's 自治体標準オープンデータセット:
//!
//! - every row starts with 全国地方公共団体コード, 都道府県名, 市区町村名
//!   and the plan's edition, 改訂年月 (`YYYY-MM`; the issue month for a
//!   first edition), so rows of several editions can be stacked;
//! - Japanese headers, one value per cell, numbers without separators or
//!   units (4916000, 77.5), empty for null, booleans `true`/`false`;
//! - every field quoted, CRLF line ends;
//! - fiscal years as the Western year with the 和暦 beside it;
//! - 機種依存文字 replaced by standard forms, each replacement returned as
//!   a `replaced_character` warning ([`super::jisx`]);
//! - text that a spreadsheet would run as a formula (leading `=`, `+`, `-`,
//!   `@`, tab, CR) is prefixed with `'` (OWASP); number fields are not.
//!
//! Every column is described in `docs/csv.md` (項目定義書).

mod encode;
mod schedule;

use std::io::Write;

use super::cell::{Cell, Column, Kind, MARK, TableData, is_formula_like, plain_number};
use super::jisx::{Cleaner, Owner};
use super::tables;
use crate::error::WriteError;
use crate::model::{Plan, Warning};

/// Text encoding of CSV output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 with a byte-order mark (the default: Excel opens it cleanly).
    Utf8Bom,
    Utf8,
    /// Shift_JIS as Windows writes it (CP932). A character it cannot hold
    /// is an error, never a `?`.
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

    /// `measures`, `schedule`, `indicators`, `costs`.
    pub fn stem(self) -> &'static str {
        self.file_name().trim_end_matches(".csv")
    }
}

/// A file name unique per plan and edition, for files that leave their
/// folder (the portal): `042030-2024-03-measures.csv`. Missing parts read
/// `unknown`.
pub fn edition_file_name(plan: &Plan, table: Table) -> String {
    format!("{}-{}", edition_prefix(plan), table.file_name())
}

/// `<団体コード>-<改訂年月>`, the prefix of [`edition_file_name`].
pub fn edition_prefix(plan: &Plan) -> String {
    let code = plan
        .plan
        .municipality
        .as_ref()
        .and_then(|m| m.code.as_deref());
    let edition = plan.plan.edition();
    format!(
        "{}-{}",
        code.unwrap_or("unknown"),
        edition.unwrap_or("unknown")
    )
}

/// The leading columns of every row (自治体標準オープンデータセット).
pub(crate) const CODE: &str = "全国地方公共団体コード";
pub(crate) const PREFECTURE: &str = "都道府県名";
pub(crate) const MUNICIPALITY: &str = "市区町村名";
/// The edition column (`YYYY-MM`).
pub(crate) const EDITION: &str = "改訂年月";

/// Write one table. Returns the warnings the writer adds.
///
/// # Errors
/// [`WriteError::NotShiftJis`] for a character the encoding cannot hold
/// (naming the table, row, column and character), [`WriteError::Csv`] for a
/// write failure.
///
/// # Examples
/// ```
/// use dxplan::write::csv::{Encoding, Table, write};
/// let json = std::fs::read("../../tests/data/shiogama.plan.json").unwrap();
/// let plan: dxplan::Plan = serde_json::from_slice(&json).unwrap();
/// let mut out = Vec::new();
/// write(&plan, Table::Costs, Encoding::Utf8, &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("\"全国地方公共団体コード\",\"都道府県名\""));
/// assert!(text.contains("\"1-1\",\"電子申請の推進\",\"2023\""));
/// ```
pub fn write<W: Write>(
    plan: &Plan,
    table: Table,
    enc: Encoding,
    mut w: W,
) -> Result<Vec<Warning>, WriteError> {
    let mut cl = Cleaner::new();
    let data = table_data(plan, table, &mut cl);
    let fields = fields(&data);
    let text = render(table, &fields)?;
    let bytes = match encode::encode(&text, enc) {
        Some(b) => b,
        None => return Err(unencodable(table, &data, &fields)),
    };
    w.write_all(&bytes).map_err(|e| WriteError::Csv {
        file: table.file_name().to_string(),
        detail: e.to_string(),
    })?;
    Ok(cl.into_warnings())
}

/// The column headers of a table, in the order written.
pub fn headers(plan: &Plan, table: Table) -> Vec<String> {
    columns(plan, table).into_iter().map(|c| c.header).collect()
}

/// The columns of a table (header and kind), in the order written.
pub(crate) fn columns(plan: &Plan, table: Table) -> Vec<Column> {
    table_data(plan, table, &mut Cleaner::new()).columns
}

/// The rows of one table, municipality and edition columns first.
fn table_data(plan: &Plan, table: Table, cl: &mut Cleaner) -> TableData {
    let body = match table {
        Table::Measures => tables::measures(plan, cl),
        Table::Schedule => schedule::schedule(plan, cl),
        Table::Indicators => tables::indicators(plan, cl),
        Table::Costs => tables::costs(plan, cl),
    };
    with_municipality(plan, body, cl)
}

fn with_municipality(plan: &Plan, body: TableData, cl: &mut Cleaner) -> TableData {
    let lead = municipality_cells(plan, cl);
    let mut columns = vec![
        Column::new(CODE, Kind::Text),
        Column::new(PREFECTURE, Kind::Text),
        Column::new(MUNICIPALITY, Kind::Text),
        Column::new(EDITION, Kind::Text),
    ];
    columns.extend(body.columns);
    let rows = body
        .rows
        .into_iter()
        .map(|r| lead.iter().cloned().chain(r).collect())
        .collect();
    TableData { columns, rows }
}

fn municipality_cells(plan: &Plan, cl: &mut Cleaner) -> [Cell; 4] {
    let edition = plan.plan.edition().map_or(Cell::Empty, Cell::text);
    let Some(m) = &plan.plan.municipality else {
        return [Cell::Empty, Cell::Empty, Cell::Empty, edition];
    };
    let o = Owner::default();
    [
        Cell::text(m.code.clone().unwrap_or_default()),
        tables::opt_text(cl, m.prefecture.as_deref(), PREFECTURE, &o),
        tables::text(cl, &m.name, MUNICIPALITY, &o),
        edition,
    ]
}

/// The header and the rows as the strings written.
fn fields(data: &TableData) -> Vec<Vec<String>> {
    let header = data.columns.iter().map(|c| c.header.clone()).collect();
    let rows = data.rows.iter().map(|r| r.iter().map(field).collect());
    std::iter::once(header).chain(rows).collect()
}

/// A cell as CSV text: numbers plain, text guarded against formulas.
fn field(c: &Cell) -> String {
    match c {
        Cell::Text(s) if is_formula_like(s) => format!("'{s}"),
        Cell::Text(s) => s.clone(),
        Cell::Number(x) => plain_number(*x),
        Cell::Bool(b) => b.to_string(),
        Cell::Mark { .. } => MARK.to_string(),
        Cell::Empty => String::new(),
    }
}

/// Every field quoted, CRLF line ends.
fn render(table: Table, fields: &[Vec<String>]) -> Result<String, WriteError> {
    let err = |e: &dyn std::fmt::Display| WriteError::Csv {
        file: table.file_name().to_string(),
        detail: e.to_string(),
    };
    let mut w = ::csv::WriterBuilder::new()
        .quote_style(::csv::QuoteStyle::Always)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for r in fields {
        w.write_record(r).map_err(|e| err(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| err(&e))?;
    String::from_utf8(bytes).map_err(|e| err(&e))
}

/// The error for the first field Shift_JIS cannot hold.
fn unencodable(table: Table, data: &TableData, fields: &[Vec<String>]) -> WriteError {
    let found = fields.iter().enumerate().find_map(|(r, row)| {
        row.iter()
            .enumerate()
            .find_map(|(c, f)| encode::first_unencodable(f).map(|ch| (r, c, ch)))
    });
    let Some((r, c, ch)) = found else {
        return WriteError::Csv {
            file: table.file_name().to_string(),
            detail: "cannot encode as Shift_JIS".into(),
        };
    };
    WriteError::NotShiftJis {
        file: table.file_name().to_string(),
        row: r,
        measure: row_measure(data, r),
        column: data.columns[c].header.clone(),
        character: ch,
    }
}

/// The 施策ID of row `r` (counted from 1 after the header), if it has one.
fn row_measure(data: &TableData, r: usize) -> Option<String> {
    let c = data.column(tables::h::MEASURE_ID)?;
    match &data.rows.get(r.checked_sub(1)?)?[c] {
        Cell::Text(s) => Some(s.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_guard_text_but_not_numbers() {
        assert_eq!(field(&Cell::Text("=1+1".into())), "'=1+1");
        assert_eq!(field(&Cell::Text("-x".into())), "'-x");
        assert_eq!(field(&Cell::Number(-5.0)), "-5");
        assert_eq!(field(&Cell::Number(4916000.0)), "4916000");
        assert_eq!(field(&Cell::Bool(true)), "true");
        assert_eq!(field(&Cell::Empty), "");
    }

    #[test]
    fn edition_file_names_name_the_plan_and_edition() {
        let json = std::fs::read("../../tests/data/shiogama.plan.json").unwrap();
        let mut plan: Plan = serde_json::from_slice(&json).unwrap();
        let name = edition_file_name(&plan, Table::Costs);
        assert_eq!(name, "042030-2024-03-costs.csv");
        plan.plan.revised = None;
        assert_eq!(edition_prefix(&plan), "042030-2023-09");
        plan.plan.issued = None;
        plan.plan.municipality = None;
        assert_eq!(edition_prefix(&plan), "unknown-unknown");
    }

    #[test]
    fn render_quotes_everything_with_crlf() {
        let f = vec![
            vec!["a".to_string(), "".to_string()],
            vec!["x\"y".to_string(), "1".to_string()],
        ];
        assert_eq!(
            render(Table::Measures, &f).unwrap(),
            "\"a\",\"\"\r\n\"x\"\"y\",\"1\"\r\n"
        );
    }
}
