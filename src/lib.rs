//! dxplan turns the DX action plans Japanese municipalities publish (PDF,
//! XLSX, XLS, ODS) into data: JSON that matches `schemas/plan.schema.json`,
//! an Excel workbook and open-data CSV, and diffs between revisions.
//!
//! The pipeline: a reader ([`read`]) turns the bytes into one [`grid::Grid`]
//! per page or sheet; the recogniser ([`recognize`]) builds the typed
//! [`model::Plan`]; writers ([`mod@write`]) emit it.
//!
//! # Example
//!
//! Read a committed plan (a list layout of a fictional 藤枝市 plan, printed
//! by LibreOffice Calc) and write its JSON:
//!
//! ```
//! use dxplan::{ReadOptions, convert_path};
//!
//! let plan = convert_path(
//!     "fixtures/fujieda-2025-03/plan.pdf".as_ref(),
//!     &ReadOptions::default(),
//! )?;
//! assert_eq!(plan.plan.municipality.as_ref().unwrap().code.as_deref(), Some("222143"));
//! let first = &plan.measures[0];
//! assert_eq!(first.id, "1-1");
//! assert!(!first.schedule.is_empty());
//!
//! let mut json = Vec::new();
//! dxplan::write::json::write(&plan, &mut json)?;
//! assert!(dxplan::schema::validate_value(&serde_json::from_slice(&json)?, false).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod archive;
pub mod diff;
pub mod error;
pub mod grid;
pub mod history;
pub mod i18n;
pub mod markup;
pub mod model;
pub mod normalize;
pub mod output;
pub mod portal;
pub mod read;
pub mod recognize;
pub mod report;
pub mod schema;
pub mod web;
pub mod write;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use error::{Error, ErrorKind, Result};
pub use model::Plan;
pub use read::{InputFormat, ReadOptions};

use error::ReadError;

/// Read and recognise one plan from bytes. `file_name` goes into
/// `source.file`, and into the error.
///
/// # Errors
/// An [`Error`] naming `file_name`: any [`ReadError`], or
/// [`RecognizeError::NoPlan`](error::RecognizeError::NoPlan).
pub fn convert_bytes(
    bytes: &[u8],
    file_name: &str,
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<Plan> {
    let named = |kind: ErrorKind| Error {
        path: (!file_name.is_empty()).then(|| file_name.into()),
        kind,
    };
    let doc = read::read_bytes(bytes, format, opts).map_err(|e| named(e.into()))?;
    let rec = recognize::recognize(&doc).map_err(|e| named(e.into()))?;
    let mut warnings = doc.warnings.clone();
    warnings.extend(rec.warnings);
    Ok(Plan {
        schema_version: model::SCHEMA_VERSION.to_string(),
        source: model::Source {
            file: file_name.to_string(),
            format: format.name().to_string(),
            sha256: sha256_hex(bytes),
            pages: doc.pages,
            sheets: doc.sheets.clone(),
        },
        plan: rec.info,
        policies: rec.policies,
        measures: rec.measures,
        warnings,
    })
}

/// Read and recognise one plan file.
///
/// # Errors
/// An [`Error`] naming the file: unreadable, unsupported, damaged
/// ([`ReadError`]), or no plan in it ([`RecognizeError`](error::RecognizeError)).
pub fn convert_path(path: &Path, opts: &ReadOptions) -> Result<Plan> {
    let format = InputFormat::from_path(path).map_err(|k| Error::new(path, k))?;
    let bytes = std::fs::read(path).map_err(|e| Error::new(path, ReadError::Io(e)))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    convert_bytes(&bytes, &name, format, opts).map_err(|e| Error::new(path, e.kind))
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Load a plan for comparison: dxplan's own JSON as is, anything else
/// converted.
///
/// # Errors
/// An [`Error`] naming the file; [`ErrorKind::BadJson`] for a `.json` that
/// is not dxplan's.
pub fn load_plan(path: &Path, opts: &ReadOptions) -> Result<Plan> {
    let format = InputFormat::from_path(path).map_err(|k| Error::new(path, k))?;
    if format != InputFormat::Json {
        return convert_path(path, opts);
    }
    let bytes = std::fs::read(path).map_err(|e| Error::new(path, ReadError::Io(e)))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::new(path, ErrorKind::BadJson(e)))
}
