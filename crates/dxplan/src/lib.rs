//! dxplan turns the DX action plans Japanese municipalities publish (PDF,
//! XLSX, XLS, ODS) into data: JSON that matches `schemas/plan.schema.json`,
//! an Excel workbook and open-data CSV, and diffs between revisions.
//!
//! # The library: read → [`Plan`] → write
//!
//! A small facade at the crate root does the everyday work:
//!
//! - read: [`convert_path`] (a file) or [`convert_bytes`] (bytes and a
//!   name) read and recognise one plan; [`load_plan`] also takes dxplan's
//!   own `.json`. A file's review (`<stem>.review.json` beside it: staff
//!   corrections and approval, [`review`]) is applied by [`convert_path`]
//!   and [`load_plan`]. [`ReadOptions`] holds the password and the limits for
//!   untrusted input; [`InputFormat`] is chosen by extension.
//! - the plan: [`Plan`] and the rest of [`model`] (serde types, the JSON
//!   wire format).
//! - write: [`write_json`], [`write_xlsx`] and [`write_csv`] to any
//!   writer, [`write_path`] to a file (atomically); [`mod@write`] has the
//!   CSV tables and encodings.
//!
//! Every call returns [`Error`], which names the file and wraps the error of
//! the stage that failed ([`error::ReadError`], [`error::RecognizeError`],
//! [`error::WriteError`]) with its context as fields: a damaged PDF's page,
//! a workbook's sheet and part, a CSV's row, column and character.
//! [`i18n::error_message`] gives the message in Japanese.
//!
//! Built on the same plans: [`diff`] (what changed between two editions),
//! [`history`] (across many), [`report`] (progress against the schedule),
//! [`review`] (corrections and approval kept beside the input),
//! [`schema`] (validate JSON against the committed schemas).
//!
//! Around them: [`render_outputs`] renders every output of a plan at once
//! (the command line, the web page and the portal client share it),
//! [`mod@output`] writes files atomically, [`archive`] walks folders of plans
//! and keeps their catalogue, [`inspect_svg`] draws how a PDF page was read.
//!
//! The readers, the recogniser and the shared grid are private. The fuzz
//! targets and the tests reach them through the `internals` feature, which
//! is not a stable API. The web page (crate `dxplan-web`), the CKAN client
//! (`dxplan-portal`) and the command line are built on this public API.
//!
//! # Example
//!
//! Read a committed plan (a list layout of a fictional 藤枝市 plan, printed
//! by LibreOffice Calc) and write its JSON and workbook:
//!
//! ```
//! use dxplan::{ReadOptions, convert_path};
//!
//! let plan = convert_path(
//!     "../../fixtures/fujieda-2025-03/plan.pdf".as_ref(),
//!     &ReadOptions::default(),
//! )?;
//! assert_eq!(plan.plan.municipality.as_ref().unwrap().code.as_deref(), Some("222143"));
//! let first = &plan.measures[0];
//! assert_eq!(first.id, "1-1");
//! assert!(!first.schedule.is_empty());
//!
//! let mut json = Vec::new();
//! dxplan::write_json(&plan, &mut json)?;
//! assert!(dxplan::schema::validate_value(&serde_json::from_slice(&json)?, false).is_ok());
//!
//! let out = std::env::temp_dir().join(format!("dxplan-doc-{}.xlsx", std::process::id()));
//! let warnings = dxplan::write_path(&plan, &out)?;
//! assert!(warnings.is_empty());
//! # std::fs::remove_file(&out)?;
//!
//! // An error names the file and keeps its stage's context.
//! let e = dxplan::write_path(&plan, "no-such-folder/plan.xlsx".as_ref()).unwrap_err();
//! assert_eq!(e.path.as_deref(), Some("no-such-folder/plan.xlsx".as_ref()));
//! assert!(matches!(e.kind, dxplan::ErrorKind::Write(_)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// Without the `internals` feature the readers' and normalisers' functions
// that only the tests and fuzz targets call look unused; with it (every
// test and clippy build) dead code is reported as before.
#![cfg_attr(not(feature = "internals"), allow(dead_code, unused_imports))]

pub mod archive;
pub mod diff;
pub mod editor;
pub mod error;
pub mod history;
pub mod i18n;
pub mod markup;
pub mod model;
pub mod output;
pub mod report;
pub mod review;
pub mod schema;
pub mod write;

mod fasthash;
mod fault;
mod grid;
mod normalize;
mod packed;
mod pattern;
mod read;
mod recognize;

/// The readers, the recogniser, the shared grid and the normalisers, for
/// the fuzz targets, the benchmarks and the integration tests (feature
/// `internals`).
///
/// Not a stable API: anything here may change or go in any release. The
/// command line, the web page and the portal client use the facade only.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals {
    /// Reading files into the shared grid.
    pub mod read {
        pub use crate::read::*;
    }
    /// The recogniser: grid → plan.
    pub mod recognize {
        pub use crate::recognize::*;
    }
    /// The shared grid the readers produce.
    pub mod grid {
        pub use crate::grid::*;
    }
    /// Era years, numbers, marks, text folding.
    pub mod normalize {
        pub use crate::normalize::*;
    }
}

use std::io::{Seek, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

pub use error::{Error, ErrorKind, Result};
pub use model::Plan;
pub use normalize::era::fiscal_year_label;
pub use read::{InputFormat, Limits, ReadOptions};
pub use write::outputs::{CsvNames, Output, OutputKind, RenderOptions, Rendered, render_outputs};

use error::{ReadError, WriteError};
use model::Warning;
use write::csv::{Encoding, Table};

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
    fault::inject(fault::Site::Recognizer);
    let rec = recognize::recognize(&doc).map_err(|e| named(e.into()))?;
    let mut warnings = doc.warnings.clone();
    warnings.extend(rec.warnings);
    if opts.lang != i18n::Lang::En {
        for w in &mut warnings {
            w.localize(opts.lang);
        }
    }
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
        review: None,
    })
}

/// Read and recognise one plan file, and apply the review beside it
/// (`<stem>.review.json`, [`review`]) unless
/// [`ReadOptions::skip_review`] is set.
///
/// # Errors
/// An [`Error`] naming the file: unreadable, unsupported, damaged
/// ([`ReadError`]), or no plan in it ([`RecognizeError`](error::RecognizeError));
/// or naming the review file when that is not valid
/// ([`ReviewError`](error::ReviewError)).
pub fn convert_path(path: &Path, opts: &ReadOptions) -> Result<Plan> {
    let format = InputFormat::from_path(path).map_err(|k| Error::new(path, k))?;
    let bytes = read_input(path).map_err(|k| Error::new(path, k))?;
    convert_read(&bytes, path, format, opts)
}

/// [`convert_path`] for bytes already read from `path` (to hash them
/// first, as the folder conversion does): recognise them, then apply the
/// review beside `path` unless [`ReadOptions::skip_review`] is set.
///
/// # Errors
/// As [`convert_path`].
pub fn convert_read(
    bytes: &[u8],
    path: &Path,
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<Plan> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut plan =
        convert_bytes(bytes, &name, format, opts).map_err(|e| Error::new(path, e.kind))?;
    if !opts.skip_review {
        review::apply_beside(&mut plan, path)?;
    }
    Ok(plan)
}

/// Draw one page (1-based) of a PDF plan as a standalone SVG: glyph boxes,
/// ruling lines, fills, shapes read as marks and the cells found, labelled
/// with their grid row and column (`dxplan inspect`).
///
/// # Errors
/// An [`Error`] naming the file: not a PDF, unreadable or damaged, or
/// [`ReadError::NoSuchPage`].
pub fn inspect_svg(path: &Path, page: u32, opts: &ReadOptions) -> Result<String> {
    let format = InputFormat::from_path(path).map_err(|k| Error::new(path, k))?;
    if format != InputFormat::Pdf {
        let ext = format!(".{}", format.name());
        let note = Some("inspect draws PDF pages only");
        return Err(Error::new(path, ReadError::unsupported(&ext, note)));
    }
    let bytes = read_input(path).map_err(|k| Error::new(path, k))?;
    format.confirm(&bytes).map_err(|k| Error::new(path, k))?;
    let svg = read::pdf::inspect_svg(&bytes, opts, page).map_err(|k| Error::new(path, k))?;
    let doc = read::read_bytes(&bytes, format, opts).map_err(|k| Error::new(path, k))?;
    Ok(markup::with_layer(&svg, &accounting_layer(&doc, page)))
}

/// Each cell of the page tinted by how the recogniser accounted for it:
/// green used in the plan, orange named in a warning, grey outside every
/// table (a plan without tables tints nothing).
fn accounting_layer(doc: &read::Document, page: u32) -> String {
    use recognize::ledger::Accounted;
    let Some(g) = doc
        .grids
        .iter()
        .position(|g| g.origin == grid::Origin::Page(page))
    else {
        return String::new();
    };
    let Ok(cells) = recognize::accounting(doc, g) else {
        return String::new();
    };
    let mut out = String::from("<g class=\"accounting\" fill-opacity=\"0.18\">\n");
    for (r, c, status) in cells {
        let Some(grid::Loc::Page { bbox, .. }) = doc.grids[g].get(r, c).map(|cell| &cell.at) else {
            continue;
        };
        let (class, colour) = match status {
            Accounted::Used => ("used", "#2da44e"),
            Accounted::Warned => ("warned", "#fb8500"),
            Accounted::Outside => ("outside", "#8c959f"),
        };
        let [x0, y0, x1, y1] = *bbox;
        out.push_str(&format!(
            "<rect class=\"{class}\" x=\"{x0:.2}\" y=\"{y0:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{colour}\"/>\n",
            (x1 - x0).max(1.0),
            (y1 - y0).max(1.0)
        ));
    }
    out.push_str("</g>\n");
    out
}

/// The bytes of an input file. A path that is not a regular file (a
/// folder, a FIFO, a device) is refused before it is opened: reading a FIFO
/// waits for a writer, perhaps forever. It is checked once more on the
/// opened file (opened without waiting, on Linux), in case one was swapped
/// in between.
///
/// # Errors
/// [`ReadError::Io`] or [`ReadError::NotAFile`].
pub fn read_input(path: &Path) -> std::result::Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if let Some(what) = error::FileKind::of(&meta) {
        return Err(ReadError::NotAFile { what });
    }
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = open.open(path)?;
    let meta = file.metadata()?;
    if let Some(what) = error::FileKind::of(&meta) {
        return Err(ReadError::NotAFile { what });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Load a plan for comparison: dxplan's own JSON as is (its review, if
/// any, was applied when it was written), anything else converted with
/// its review ([`convert_path`]).
///
/// # Errors
/// An [`Error`] naming the file; [`ErrorKind::BadJson`] for a `.json` that
/// is not dxplan's.
pub fn load_plan(path: &Path, opts: &ReadOptions) -> Result<Plan> {
    let format = InputFormat::from_path(path).map_err(|k| Error::new(path, k))?;
    if format != InputFormat::Json {
        return convert_path(path, opts);
    }
    let bytes = read_input(path).map_err(|k| Error::new(path, k))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::new(path, ErrorKind::BadJson(e)))
}

/// Write the plan as dxplan's JSON (`schemas/plan.schema.json`).
///
/// # Errors
/// [`WriteError::Io`] when `w` fails.
pub fn write_json<W: Write>(plan: &Plan, w: W) -> Result<()> {
    write::json::write(plan, w).map_err(|e| WriteError::from(e).into())
}

/// Write the plan as an Excel workbook; returns the warnings the writer
/// adds (characters replaced).
///
/// # Errors
/// [`WriteError::Workbook`] naming the sheet and cell.
pub fn write_xlsx<W: Write + Seek + Send>(plan: &Plan, w: W) -> Result<Vec<Warning>> {
    Ok(write::xlsx::write(plan, w)?)
}

/// Write one open-data CSV table of the plan; returns the warnings the
/// writer adds.
///
/// # Errors
/// [`WriteError::NotShiftJis`] naming the row, column and character that
/// Shift_JIS cannot hold; [`WriteError::Csv`] when `w` fails.
///
/// # Examples
/// ```
/// use dxplan::write::csv::{Encoding, Table};
///
/// let json = std::fs::read("../../tests/data/shiogama.plan.json")?;
/// let plan: dxplan::Plan = serde_json::from_slice(&json)?;
/// let mut out = Vec::new();
/// dxplan::write_csv(&plan, Table::Measures, Encoding::Utf8, &mut out)?;
/// assert!(String::from_utf8(out)?.contains("電子申請の推進"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_csv<W: Write>(
    plan: &Plan,
    table: Table,
    encoding: Encoding,
    w: W,
) -> Result<Vec<Warning>> {
    Ok(write::csv::write(plan, table, encoding, w)?)
}

/// Write the plan to `path`: JSON for `.json`, a workbook for `.xlsx`. The
/// file is replaced atomically: a failure leaves any earlier file as it was.
/// Returns the warnings the writer adds.
///
/// # Errors
/// An [`Error`] naming `path`: [`WriteError::OutputType`] for another
/// extension, else as [`write_json`] and [`write_xlsx`], or
/// [`WriteError::Io`] when the file cannot be written.
pub fn write_path(plan: &Plan, path: &Path) -> Result<Vec<Warning>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let named = |e: WriteError| Error::new(path, e);
    let mut warnings = Vec::new();
    match ext.as_str() {
        "json" => output::write_atomic(path, |w| {
            write::json::write(plan, w).map_err(WriteError::from)
        }),
        "xlsx" => output::write_atomic(path, |w| {
            let mut buf = std::io::Cursor::new(Vec::new());
            warnings = write::xlsx::write(plan, &mut buf)?;
            w.write_all(&buf.into_inner()).map_err(WriteError::from)
        }),
        _ => Err(WriteError::OutputType { extension: ext }),
    }
    .map_err(named)?;
    Ok(warnings)
}
