//! The files published for one plan, rendered in memory: the JSON, the
//! workbook, the four CSV tables (UTF-8 with BOM), the Data Package that
//! describes them (`042030-2024-03-datapackage.json`, whose paths are the
//! CSV files' names) and the data dictionary (`docs/csv.md`). Names are unique per plan and edition
//! (`042030-2024-03-measures.csv`), so downloads of several plans or
//! editions never overwrite each other.

use std::io::Cursor;

use crate::error::WriteError;
use crate::model::{Plan, Warning};
use crate::write::csv::{self, Encoding, Table, edition_prefix};
use crate::write::datapackage::{self, CsvFile};

/// The data dictionary (項目定義書) published with every plan.
pub const DICTIONARY: &str = include_str!("../../docs/csv.md");

/// What a file is; one resource of each per dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Dictionary,
    Json,
    Workbook,
    Measures,
    Schedule,
    Indicators,
    Costs,
    DataPackage,
}

impl Kind {
    /// In the order the resources are listed on the portal.
    pub const ALL: [Kind; 8] = [
        Kind::Json,
        Kind::Workbook,
        Kind::Measures,
        Kind::Schedule,
        Kind::Indicators,
        Kind::Costs,
        Kind::DataPackage,
        Kind::Dictionary,
    ];

    /// The key stored with the resource (`dxplan_kind`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Dictionary => "dictionary",
            Kind::Json => "json",
            Kind::Workbook => "xlsx",
            Kind::Measures => "measures",
            Kind::Schedule => "schedule",
            Kind::Indicators => "indicators",
            Kind::Costs => "costs",
            Kind::DataPackage => "datapackage",
        }
    }

    /// The kind stored under a key.
    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether earlier editions of this file are kept (everything but the
    /// dictionary, which describes the current columns; the Data Package
    /// names its edition's files, so it is kept with them).
    pub fn per_edition(self) -> bool {
        self != Kind::Dictionary
    }

    /// Whether this is one of the CSV tables.
    pub fn is_table(self) -> bool {
        self.table().is_some()
    }

    fn table(self) -> Option<Table> {
        match self {
            Kind::Measures => Some(Table::Measures),
            Kind::Schedule => Some(Table::Schedule),
            Kind::Indicators => Some(Table::Indicators),
            Kind::Costs => Some(Table::Costs),
            _ => None,
        }
    }

    /// CKAN's `format` and the MIME type.
    pub fn format(self) -> (&'static str, &'static str) {
        match self {
            Kind::Dictionary => ("Markdown", "text/markdown"),
            Kind::Json => ("JSON", "application/json"),
            Kind::DataPackage => ("JSON", "application/json"),
            Kind::Workbook => (
                "XLSX",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            _ => ("CSV", "text/csv"),
        }
    }
}

/// One rendered file.
#[derive(Debug, Clone)]
pub struct Artefact {
    pub kind: Kind,
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Lower-case hex SHA-256 of `bytes`.
    pub sha256: String,
}

impl Artefact {
    fn new(kind: Kind, file_name: String, bytes: Vec<u8>) -> Self {
        let sha256 = crate::sha256_hex(&bytes);
        Artefact {
            kind,
            file_name,
            bytes,
            sha256,
        }
    }
}

/// Every file of a plan, in [`Kind::ALL`] order. Writer warnings join the
/// plan's before the JSON is rendered (as `dxplan convert` does).
///
/// # Errors
/// A writer error.
pub fn render(plan: &Plan) -> Result<Vec<Artefact>, WriteError> {
    let mut plan = plan.clone();
    let prefix = edition_prefix(&plan);
    let mut extra = Vec::new();
    let mut cur = Cursor::new(Vec::new());
    extra.extend(crate::write::xlsx::write(&plan, &mut cur)?);
    let workbook = Artefact::new(Kind::Workbook, format!("{prefix}.xlsx"), cur.into_inner());
    let mut tables = Vec::new();
    for kind in Kind::ALL {
        let Some(t) = kind.table() else { continue };
        let mut buf = Vec::new();
        extra.extend(csv::write(&plan, t, Encoding::Utf8Bom, &mut buf)?);
        tables.push(Artefact::new(kind, csv::edition_file_name(&plan, t), buf));
    }
    let package = package(&plan, &tables, &prefix)?;
    add_new(&mut plan.warnings, extra);
    let mut json = Vec::new();
    crate::write::json::write(&plan, &mut json).map_err(crate::output::io_err)?;
    let mut out = vec![
        Artefact::new(Kind::Json, format!("{prefix}.json"), json),
        workbook,
    ];
    out.extend(tables);
    out.push(package);
    out.push(Artefact::new(
        Kind::Dictionary,
        "dxplan-csv-data-dictionary.md".to_string(),
        DICTIONARY.as_bytes().to_vec(),
    ));
    Ok(out)
}

/// The Data Package of the CSV artefacts, which sits beside them.
fn package(plan: &Plan, tables: &[Artefact], prefix: &str) -> Result<Artefact, WriteError> {
    let files: Vec<CsvFile> = tables
        .iter()
        .filter_map(|a| {
            Some(CsvFile {
                table: a.kind.table()?,
                path: &a.file_name,
                bytes: &a.bytes,
            })
        })
        .collect();
    let mut bytes = Vec::new();
    datapackage::write(plan, Encoding::Utf8Bom, &files, &mut bytes)
        .map_err(crate::output::io_err)?;
    let name = format!("{prefix}-{}", datapackage::FILE_NAME);
    Ok(Artefact::new(Kind::DataPackage, name, bytes))
}

fn add_new(warnings: &mut Vec<Warning>, extra: Vec<Warning>) {
    for w in extra {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
}
