//! Every output of one plan, rendered in memory: the one place that folds
//! the writers' warnings into the plan before its JSON is rendered (the
//! command line, the web page and the portal client all call it).

use std::io::Cursor;

use super::csv::{self, Encoding, Table};
use super::datapackage::{self, CsvFile};
use crate::error::WriteError;
use crate::i18n::Lang;
use crate::model::{Plan, Warning, WarningCode};

/// Which outputs to render, and how the CSV files are named.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    pub json: bool,
    pub xlsx: bool,
    /// The four CSV tables and their `datapackage.json`, in this encoding.
    pub csv: Option<Encoding>,
    /// How the CSV files are named (the Data Package refers to them so).
    pub csv_names: CsvNames,
    /// The folder the CSV files go in, as the warning for a table left out
    /// names it (`plan/` → "plan/costs.csv was not written: …"); may be "".
    pub csv_folder: &'a str,
    /// The language of the warnings the writers add (a CSV left out,
    /// characters replaced). English by default.
    pub lang: Lang,
}

impl Default for RenderOptions<'_> {
    /// JSON, workbook and UTF-8 (BOM) CSV, plain names.
    fn default() -> Self {
        RenderOptions {
            json: true,
            xlsx: true,
            csv: Some(Encoding::Utf8Bom),
            csv_names: CsvNames::Plain,
            csv_folder: "",
            lang: Lang::En,
        }
    }
}

/// The names of the CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvNames {
    /// `measures.csv` …, in a folder of their own.
    Plain,
    /// `042030-2024-03-measures.csv` …: unique per plan and edition (the
    /// portal, where files of many plans sit side by side).
    PerEdition,
}

/// What one rendered file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    Json,
    Workbook,
    Csv(Table),
    /// The `datapackage.json` describing the CSV files.
    DataPackage,
}

/// One rendered file.
#[derive(Debug, Clone)]
pub struct Output {
    pub kind: OutputKind,
    /// For a CSV file its name as the Data Package refers to it; for the
    /// Data Package [`datapackage::FILE_NAME`] (or its per-edition name);
    /// empty for the JSON and the workbook, which the caller names.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The rendered files, in the order JSON, workbook, CSV tables, Data
/// Package, and the CSV tables left out (the encoding could not hold them;
/// a `csv_not_written` warning in the plan says why).
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub files: Vec<Output>,
    pub left_out: Vec<Table>,
}

impl Rendered {
    /// The bytes of the first file of this kind.
    pub fn get(&self, kind: OutputKind) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|f| f.kind == kind)
            .map(|f| f.bytes.as_slice())
    }
}

/// Render the outputs `opts` asks for. The workbook's and the CSV writers'
/// warnings (characters replaced, a table left out) join `plan.warnings`
/// before the JSON is rendered, so the JSON records them too; a warning the
/// plan already holds is not added twice (rendering again changes nothing).
///
/// # Errors
/// A writer's error. A CSV table the encoding cannot hold is not an error:
/// it is left out with a warning and listed in [`Rendered::left_out`].
pub fn render_outputs(plan: &mut Plan, opts: &RenderOptions) -> Result<Rendered, WriteError> {
    let mut out = Rendered::default();
    let mut extra = Vec::new();
    if opts.xlsx {
        let mut cur = Cursor::new(Vec::new());
        extra.extend(super::xlsx::write(plan, &mut cur)?);
        out.files.push(Output {
            kind: OutputKind::Workbook,
            name: String::new(),
            bytes: cur.into_inner(),
        });
    }
    if let Some(enc) = opts.csv {
        let mut written = Vec::new();
        for t in Table::ALL {
            let name = match opts.csv_names {
                CsvNames::Plain => t.file_name().to_string(),
                CsvNames::PerEdition => csv::edition_file_name(plan, t),
            };
            let mut buf = Vec::new();
            match csv::write(plan, t, enc, &mut buf) {
                Ok(w) => {
                    extra.extend(w);
                    written.push(Output {
                        kind: OutputKind::Csv(t),
                        name,
                        bytes: buf,
                    });
                }
                Err(e @ WriteError::NotShiftJis { .. }) => {
                    extra.push(csv_not_written(opts.csv_folder, &name, &e, opts.lang));
                    out.left_out.push(t);
                }
                Err(e) => return Err(e),
            }
        }
        let described: Vec<CsvFile> = written
            .iter()
            .filter_map(|o| match o.kind {
                OutputKind::Csv(table) => Some(CsvFile {
                    table,
                    path: &o.name,
                    bytes: &o.bytes,
                }),
                _ => None,
            })
            .collect();
        let mut package = Vec::new();
        datapackage::write(plan, enc, &described, &mut package).map_err(WriteError::from)?;
        let name = match opts.csv_names {
            CsvNames::Plain => datapackage::FILE_NAME.to_string(),
            CsvNames::PerEdition => {
                format!("{}-{}", csv::edition_prefix(plan), datapackage::FILE_NAME)
            }
        };
        out.files.extend(written);
        out.files.push(Output {
            kind: OutputKind::DataPackage,
            name,
            bytes: package,
        });
    }
    for w in &mut extra {
        w.localize(opts.lang);
    }
    add_new(&mut plan.warnings, extra);
    if opts.json {
        let mut buf = Vec::new();
        super::json::write(plan, &mut buf).map_err(WriteError::from)?;
        out.files.insert(
            0,
            Output {
                kind: OutputKind::Json,
                name: String::new(),
                bytes: buf,
            },
        );
    }
    Ok(out)
}

/// Warnings join a list once each.
pub fn add_new(warnings: &mut Vec<Warning>, extra: Vec<Warning>) {
    for w in extra {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
}

/// The warning for a CSV left out. It names the file inside the output
/// folder, so that the JSON does not depend on where it was written.
fn csv_not_written(folder: &str, name: &str, e: &WriteError, lang: Lang) -> Warning {
    let reason = crate::i18n::write_error_message(e, lang) + &crate::t!(lang, "cli-hint-encoding");
    // The warning names the file already: without "cannot write the output".
    let reason = ["cannot write the output: ", "出力を書き込めません: "]
        .iter()
        .find_map(|p| reason.strip_prefix(p))
        .unwrap_or(&reason);
    let message = crate::t!(
        lang,
        "warning-csv-not-written",
        file = format!("{folder}{name}"),
        reason = reason
    );
    Warning::new(WarningCode::CsvNotWritten, message, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shiogama() -> Plan {
        let json = std::fs::read("../../tests/data/shiogama.plan.json").unwrap();
        serde_json::from_slice(&json).unwrap()
    }

    #[test]
    fn every_output_in_order_and_rendering_twice_changes_nothing() {
        let mut plan = shiogama();
        let opts = RenderOptions::default();
        let first = render_outputs(&mut plan, &opts).unwrap();
        let kinds: Vec<OutputKind> = first.files.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            [
                OutputKind::Json,
                OutputKind::Workbook,
                OutputKind::Csv(Table::Measures),
                OutputKind::Csv(Table::Schedule),
                OutputKind::Csv(Table::Indicators),
                OutputKind::Csv(Table::Costs),
                OutputKind::DataPackage,
            ]
        );
        let warnings = plan.warnings.len();
        let second = render_outputs(&mut plan, &opts).unwrap();
        assert_eq!(plan.warnings.len(), warnings);
        assert_eq!(first.get(OutputKind::Json), second.get(OutputKind::Json));
    }

    #[test]
    fn a_table_shift_jis_cannot_hold_is_left_out_with_a_warning_in_the_json() {
        let mut plan = shiogama();
        plan.measures[0].name = "施策🙂".into();
        let opts = RenderOptions {
            json: true,
            xlsx: false,
            csv: Some(Encoding::ShiftJis),
            csv_names: CsvNames::Plain,
            csv_folder: "plan/",
            lang: Lang::En,
        };
        let r = render_outputs(&mut plan, &opts).unwrap();
        assert!(r.left_out.contains(&Table::Measures), "{:?}", r.left_out);
        assert!(r.get(OutputKind::Csv(Table::Measures)).is_none());
        let json = String::from_utf8(r.get(OutputKind::Json).unwrap().to_vec()).unwrap();
        assert!(json.contains("plan/measures.csv was not written"), "{json}");
    }

    #[test]
    fn per_edition_names_reach_the_data_package() {
        let mut plan = shiogama();
        let opts = RenderOptions {
            csv_names: CsvNames::PerEdition,
            ..RenderOptions::default()
        };
        let r = render_outputs(&mut plan, &opts).unwrap();
        let prefix = csv::edition_prefix(&plan);
        let package = r.files.last().unwrap();
        assert_eq!(package.name, format!("{prefix}-datapackage.json"));
        let v: serde_json::Value = serde_json::from_slice(&package.bytes).unwrap();
        assert_eq!(v["resources"][0]["path"], format!("{prefix}-measures.csv"));
    }
}
