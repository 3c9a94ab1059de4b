//! `datapackage.json`: a Frictionless Data Package (Tabular Data Package,
//! Table Schema, v1) that describes the four CSV files so that portals and
//! tools (`frictionless validate`, CKAN's validation extension, pandas via
//! frictionless) read them without guessing.
//!
//! Nothing is written twice: the fields are the CSV writer's columns, in
//! its order, and each field's Japanese description, type, example and
//! "空欄のとき" come from the data dictionary `docs/csv.md`, the document
//! people read (a test fails when a column has no row there, or when the
//! documented type disagrees with the writer's). What the package adds:
//!
//! - per field: `type` (`string`, `integer`, `number`, `boolean`, `date`),
//!   `constraints.required` when the dictionary says it is never empty,
//!   a `pattern` for the code (`[0-9]{6}`) and the edition (`YYYY-MM`),
//!   and the unit: `unit` (`円`) or `unitField` (the column that holds it,
//!   `単位` for 目標値・実績値);
//! - per table: the primary key (measures: 施策ID; schedule: 施策ID, 取組,
//!   区分, 期間; indicators: 施策ID, 指標番号, 年度; costs: 施策ID, 年度) and
//!   the foreign key 施策ID → measures;
//! - per file: encoding (`utf-8`, or `cp932` for `--encoding shift_jis`),
//!   the dialect (every field quoted, CRLF), byte count and SHA-256.
//!
//! Only the tables actually written are listed (a CSV left out for
//! Shift_JIS is not described; its foreign keys go with it).

use std::io::Write;

use serde_json::{Map, Value, json};

use super::csv::{self, Encoding, Table};
use crate::model::Plan;

/// The file name beside the CSV files.
pub const FILE_NAME: &str = "datapackage.json";

/// The data dictionary the descriptions come from.
const DICTIONARY: &str = include_str!("../../../../docs/csv.md");

/// One CSV file the package describes.
#[derive(Debug, Clone, Copy)]
pub struct CsvFile<'a> {
    pub table: Table,
    /// The path relative to `datapackage.json` (`measures.csv`, or
    /// `042030-2024-03-measures.csv` on the portal).
    pub path: &'a str,
    pub bytes: &'a [u8],
}

/// Write the package describing `files` (pretty JSON, final newline).
///
/// # Errors
/// When `w` fails.
///
/// # Examples
/// ```
/// use dxplan::write::csv::{self, Encoding, Table};
/// use dxplan::write::datapackage::{self, CsvFile};
/// let json = std::fs::read("../../tests/data/shiogama.plan.json").unwrap();
/// let plan: dxplan::Plan = serde_json::from_slice(&json).unwrap();
/// let mut bytes = Vec::new();
/// csv::write(&plan, Table::Measures, Encoding::Utf8Bom, &mut bytes).unwrap();
/// let file = CsvFile { table: Table::Measures, path: "measures.csv", bytes: &bytes };
/// let mut out = Vec::new();
/// datapackage::write(&plan, Encoding::Utf8Bom, &[file], &mut out).unwrap();
/// let p: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(p["resources"][0]["schema"]["primaryKey"][0], "施策ID");
/// ```
pub fn write<W: Write>(
    plan: &Plan,
    enc: Encoding,
    files: &[CsvFile],
    mut w: W,
) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(&package(plan, enc, files))?;
    bytes.push(b'\n');
    w.write_all(&bytes)
}

/// The package as JSON.
pub fn package(plan: &Plan, enc: Encoding, files: &[CsvFile]) -> Value {
    let docs = Docs::parse(DICTIONARY);
    let listed: Vec<Table> = files.iter().map(|f| f.table).collect();
    let resources: Vec<Value> = files
        .iter()
        .map(|f| resource(plan, enc, f, &docs, &listed))
        .collect();
    let title = plan
        .plan
        .title
        .clone()
        .unwrap_or_else(|| "DX推進アクションプラン".into());
    let place = plan
        .plan
        .municipality
        .as_ref()
        .map(|m| format!("{}{}", m.prefecture.as_deref().unwrap_or(""), m.name))
        .unwrap_or_default();
    let edition = plan.plan.edition().unwrap_or("unknown");
    json!({
        "profile": "tabular-data-package",
        "name": format!("{}-dx-action-plan", csv::edition_prefix(plan)).to_lowercase(),
        "title": format!("{title}（{edition}版）"),
        "description": format!(
            "{place}の「{title}」（{edition}版）の施策・スケジュール・目標値と実績値・事業費。\
             各項目の説明は dxplan の項目定義書（docs/csv.md）と同じです。"
        ),
        "licenses": [{
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 (公共データ利用規約・政府標準利用規約 2.0 と互換)"
        }],
        "sources": [{ "title": plan.source.file, "sha256": plan.source.sha256 }],
        "resources": resources,
    })
}

fn resource(plan: &Plan, enc: Encoding, f: &CsvFile, docs: &Docs, listed: &[Table]) -> Value {
    let columns = csv::headers(plan, f.table);
    let fields: Vec<Value> = columns.iter().map(|h| field(h, f.table, docs)).collect();
    let mut schema = Map::new();
    schema.insert("fields".into(), Value::Array(fields));
    schema.insert("missingValues".into(), json!([""]));
    schema.insert("primaryKey".into(), json!(primary_key(f.table)));
    if f.table != Table::Measures && listed.contains(&Table::Measures) {
        schema.insert(
            "foreignKeys".into(),
            json!([{
                "fields": ["施策ID"],
                "reference": { "resource": Table::Measures.stem(), "fields": ["施策ID"] }
            }]),
        );
    }
    let (title, per_row) = docs.table(f.table);
    json!({
        "profile": "tabular-data-resource",
        "name": f.table.stem(),
        "path": f.path,
        "title": title,
        "description": format!("1行の単位: {per_row}"),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": encoding_name(enc),
        "dialect": {
            "delimiter": ",",
            "lineTerminator": "\r\n",
            "quoteChar": "\"",
            "doubleQuote": true,
            "header": true
        },
        "bytes": f.bytes.len(),
        "hash": format!("sha256:{}", crate::sha256_hex(f.bytes)),
        "schema": schema,
    })
}

/// The encoding as Python's codecs (and so frictionless) name it. A BOM
/// is skipped by readers of `utf-8`; Shift_JIS is written as Windows
/// writes it, CP932.
pub fn encoding_name(enc: Encoding) -> &'static str {
    match enc {
        Encoding::Utf8Bom | Encoding::Utf8 => "utf-8",
        Encoding::ShiftJis => "cp932",
    }
}

/// The columns that identify a row of a table.
pub fn primary_key(table: Table) -> &'static [&'static str] {
    match table {
        Table::Measures => &["施策ID"],
        Table::Schedule => &["施策ID", "取組", "区分", "期間"],
        Table::Indicators => &["施策ID", "指標番号", "年度"],
        Table::Costs => &["施策ID", "年度"],
    }
}

/// Units of the columns that have one: a fixed unit, or the column that
/// holds each row's unit.
const UNITS: &[(&str, &str, &str)] = &[
    ("事業費（円）", "unit", "円"),
    ("目標値", "unitField", "単位"),
    ("実績値", "unitField", "単位"),
];

fn field(name: &str, table: Table, docs: &Docs) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(name));
    m.insert("title".into(), json!(name));
    let Some(row) = docs.field(table, name) else {
        m.insert("type".into(), json!("string"));
        return Value::Object(m);
    };
    let (kind, pattern) = field_type(&row.kind);
    m.insert("type".into(), json!(kind));
    if kind == "boolean" {
        m.insert("trueValues".into(), json!(["true"]));
        m.insert("falseValues".into(), json!(["false"]));
    }
    let mut description = row.description.clone();
    if row.empty != "なし" {
        description.push_str(&format!("（空欄のとき: {}）", row.empty));
    }
    m.insert("description".into(), json!(description));
    if !row.example.is_empty() {
        m.insert("example".into(), json!(row.example));
    }
    let mut constraints = Map::new();
    if row.empty == "なし" {
        constraints.insert("required".into(), json!(true));
    }
    if let Some(p) = pattern {
        constraints.insert("pattern".into(), json!(p));
    }
    if !constraints.is_empty() {
        m.insert("constraints".into(), Value::Object(constraints));
    }
    for (col, key, unit) in UNITS {
        if *col == name {
            m.insert((*key).into(), json!(unit));
        }
    }
    Value::Object(m)
}

/// The Table Schema type of a dictionary 型, and a pattern it implies.
fn field_type(kind: &str) -> (&'static str, Option<&'static str>) {
    if kind.starts_with("整数") {
        ("integer", None)
    } else if kind.starts_with("数値") {
        ("number", None)
    } else if kind.starts_with("真偽値") {
        ("boolean", None)
    } else if kind.starts_with("日付") {
        ("date", None)
    } else if kind.contains("6桁") {
        ("string", Some("[0-9]{6}"))
    } else if kind.contains("YYYY-MM") {
        ("string", Some("[0-9]{4}-[0-9]{2}"))
    } else {
        ("string", None)
    }
}

/// One row of a dictionary table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DocField {
    pub name: String,
    pub kind: String,
    pub example: String,
    pub description: String,
    pub empty: String,
}

/// The data dictionary's tables: the leading columns, each file's columns
/// and the list of files.
#[derive(Debug, Default)]
pub(crate) struct Docs {
    lead: Vec<DocField>,
    tables: Vec<(String, Vec<DocField>)>,
    /// (file, 内容, 1行の単位).
    files: Vec<(String, String, String)>,
}

impl Docs {
    /// Read the Markdown: `## 先頭4列` and `## <file>.csv（…）` sections
    /// with a `| 項目名 | 型 | 例 | 説明 | 空欄のとき |` table each, and the
    /// `| ファイル | 内容 | 1行の単位 |` table.
    pub fn parse(md: &str) -> Docs {
        let mut docs = Docs::default();
        let mut section = String::new();
        for line in md.lines() {
            if let Some(h) = line.strip_prefix("## ") {
                section = h.to_string();
                continue;
            }
            let Some(cells) = row_cells(line) else {
                continue;
            };
            docs.add(&section, cells);
        }
        docs
    }

    fn add(&mut self, section: &str, cells: Vec<String>) {
        if cells.len() == 3 && plain(&cells[0]).ends_with(".csv") {
            let [file, what, per_row] = <[String; 3]>::try_from(cells).unwrap_or_default();
            self.files
                .push((plain(&file), plain(&what), plain(&per_row)));
            return;
        }
        let Ok([name, kind, example, description, empty]) = <[String; 5]>::try_from(cells) else {
            return;
        };
        let f = DocField {
            name: plain(&name),
            kind: plain(&kind),
            example: first_example(&example),
            description: plain(&description),
            empty: plain(&empty),
        };
        if section.starts_with("先頭") {
            self.lead.push(f);
        } else if let Some(file) = section.split('（').next().filter(|s| s.ends_with(".csv")) {
            match self.tables.iter_mut().find(|(n, _)| n == file) {
                Some((_, rows)) => rows.push(f),
                None => self.tables.push((file.to_string(), vec![f])),
            }
        }
    }

    /// The documented field of a table's column.
    pub fn field(&self, table: Table, name: &str) -> Option<&DocField> {
        let own = self
            .tables
            .iter()
            .find(|(n, _)| n == table.file_name())
            .map(|(_, rows)| rows.as_slice())
            .unwrap_or_default();
        self.lead.iter().chain(own).find(|f| f.name == name)
    }

    /// A table's 内容 and 1行の単位.
    fn table(&self, table: Table) -> (String, String) {
        self.files
            .iter()
            .find(|(f, _, _)| f == table.file_name())
            .map(|(_, w, r)| (w.clone(), r.clone()))
            .unwrap_or_default()
    }
}

/// The cells of a Markdown table row, as written; `None` for other lines,
/// the header row and the rule.
fn row_cells(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
    let head = plain(cells.first()?);
    if head == "項目名" || head == "ファイル" || head.starts_with("---") {
        return None;
    }
    Some(cells)
}

/// The first of the examples a cell gives (`` `名`、`%` `` → `名`).
fn first_example(cell: &str) -> String {
    match cell.split('`').nth(1) {
        Some(code) => code.to_string(),
        None => plain(cell),
    }
}

/// A cell's text without backticks and emphasis, spaces folded.
fn plain(cell: &str) -> String {
    let s = cell.replace(['`', '*'], "");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::cell::Kind;

    fn plan() -> Plan {
        let json = std::fs::read("../../tests/data/shiogama.plan.json").unwrap();
        serde_json::from_slice(&json).unwrap()
    }

    /// Every column the writer writes has its row in docs/csv.md, and the
    /// documented type is the writer's.
    #[test]
    fn every_column_is_documented_with_the_writers_type() {
        let docs = Docs::parse(DICTIONARY);
        let p = plan();
        for t in Table::ALL {
            for col in csv::columns(&p, t) {
                let f = docs.field(t, &col.header).unwrap_or_else(|| {
                    panic!("{}: {} not in docs/csv.md", t.file_name(), col.header)
                });
                let (ty, _) = field_type(&f.kind);
                let want: &[&str] = match col.kind {
                    Kind::Text => &["string", "date"],
                    Kind::Number | Kind::Year | Kind::Yen => &["integer"],
                    Kind::Value => &["number"],
                    Kind::Bool => &["boolean"],
                    Kind::Period => &["string"],
                };
                assert!(
                    want.contains(&ty),
                    "{}: {} is {ty}",
                    t.file_name(),
                    col.header
                );
            }
            let (title, per_row) = docs.table(t);
            assert!(!title.is_empty() && !per_row.is_empty(), "{t:?}");
        }
    }

    #[test]
    fn documented_rows_are_read_as_fields() {
        let docs = Docs::parse(DICTIONARY);
        let f = docs.field(Table::Costs, "全国地方公共団体コード").unwrap();
        assert_eq!(field_type(&f.kind), ("string", Some("[0-9]{6}")));
        let f = docs.field(Table::Measures, "施策ID").unwrap();
        assert_eq!(f.example, "1-1");
        assert_eq!(f.empty, "なし");
        assert!(f.description.contains("結合キー"), "{}", f.description);
        let f = docs.field(Table::Schedule, "開始日").unwrap();
        assert_eq!(field_type(&f.kind).0, "date");
    }

    #[test]
    fn keys_name_existing_columns() {
        let p = plan();
        for t in Table::ALL {
            let headers = csv::headers(&p, t);
            for k in primary_key(t) {
                assert!(headers.iter().any(|h| h == k), "{t:?} {k}");
            }
        }
        let bytes = b"x";
        let files: Vec<CsvFile> = Table::ALL
            .iter()
            .map(|&table| CsvFile {
                table,
                path: table.file_name(),
                bytes,
            })
            .collect();
        let pkg = package(&p, Encoding::ShiftJis, &files);
        let costs = &pkg["resources"][3];
        assert_eq!(costs["encoding"], "cp932");
        assert_eq!(
            costs["schema"]["foreignKeys"][0]["reference"]["resource"],
            "measures"
        );
        let yen = costs["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "事業費（円）")
            .unwrap();
        assert_eq!(yen["unit"], "円");
        assert_eq!(yen["type"], "integer");
        // Without measures.csv there is nothing to refer to.
        let pkg = package(&p, Encoding::Utf8, &files[1..]);
        assert!(pkg["resources"][0]["schema"].get("foreignKeys").is_none());
    }
}
