//! The files published for one plan, rendered in memory: the JSON, the
//! workbook, the four CSV tables (UTF-8 with BOM), the Data Package that
//! describes them (`042030-2024-03-datapackage.json`, whose paths are the
//! CSV files' names) and the data dictionary (`docs/csv.md`). Names are unique per plan and edition
//! (`042030-2024-03-measures.csv`), so downloads of several plans or
//! editions never overwrite each other.

use dxplan::error::WriteError;
use dxplan::model::Plan;
use dxplan::write::csv::{Table, edition_prefix};
use dxplan::{CsvNames, OutputKind, RenderOptions};

/// The data dictionary (項目定義書) published with every plan.
pub const DICTIONARY: &str = include_str!("../../../docs/csv.md");

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

    fn of_table(t: Table) -> Kind {
        match t {
            Table::Measures => Kind::Measures,
            Table::Schedule => Kind::Schedule,
            Table::Indicators => Kind::Indicators,
            Table::Costs => Kind::Costs,
        }
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
        let sha256 = dxplan::sha256_hex(&bytes);
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
    let which = RenderOptions {
        csv_names: CsvNames::PerEdition,
        ..RenderOptions::default()
    };
    let rendered = dxplan::render_outputs(&mut plan, &which)?;
    if let Some(t) = rendered.left_out.first() {
        // UTF-8 holds every character: a table left out is a writer bug.
        return Err(WriteError::io(
            std::path::Path::new(t.file_name()),
            std::io::Error::other("the CSV table was not written"),
        ));
    }
    let prefix = edition_prefix(&plan);
    let mut out: Vec<Artefact> = rendered
        .files
        .into_iter()
        .map(|f| match f.kind {
            OutputKind::Json => Artefact::new(Kind::Json, format!("{prefix}.json"), f.bytes),
            OutputKind::Workbook => {
                Artefact::new(Kind::Workbook, format!("{prefix}.xlsx"), f.bytes)
            }
            OutputKind::Csv(t) => Artefact::new(Kind::of_table(t), f.name, f.bytes),
            OutputKind::DataPackage => Artefact::new(Kind::DataPackage, f.name, f.bytes),
        })
        .collect();
    out.push(Artefact::new(
        Kind::Dictionary,
        "dxplan-csv-data-dictionary.md".to_string(),
        DICTIONARY.as_bytes().to_vec(),
    ));
    Ok(out)
}
