//! Downloads: the JSON, the workbook, the CSV files as a zip (in a chosen
//! encoding), everything as a zip, and a diff as text or Markdown.

use std::io::{Cursor, Write};
use std::sync::Arc;

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::App;
use super::jobs::{Job, Output, PlanOut, gone};
use super::page::{json_error, request_lang};
use dxplan::ErrorKind;
use dxplan::error::{ReadError, WriteError};
use dxplan::i18n::Lang;
use dxplan::write::csv::Encoding;
use dxplan::{CsvNames, OutputKind, RenderOptions};

#[derive(serde::Deserialize)]
pub struct DownloadQuery {
    encoding: Option<String>,
}

/// What can be downloaded; anything else is 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Json,
    Xlsx,
    Csv,
    All,
    DiffText,
    DiffMarkdown,
}

impl What {
    fn parse(s: &str) -> Option<What> {
        Some(match s {
            "json" => What::Json,
            "xlsx" => What::Xlsx,
            "csv" => What::Csv,
            "all" => What::All,
            "diff-text" => What::DiffText,
            "diff-md" => What::DiffMarkdown,
            _ => return None,
        })
    }
}

/// The CSV encoding named in the query (`utf-8-bom` when none).
fn encoding(q: Option<&str>) -> Option<Encoding> {
    match q.unwrap_or("utf-8-bom") {
        "utf-8-bom" => Some(Encoding::Utf8Bom),
        "utf-8" => Some(Encoding::Utf8),
        "shift_jis" => Some(Encoding::ShiftJis),
        _ => None,
    }
}

/// `GET /api/jobs/{id}/download/{what}?encoding=…`.
pub async fn download(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    UrlPath((id, what)): UrlPath<(String, String)>,
    Query(q): Query<DownloadQuery>,
) -> Response {
    let lang = request_lang(&app, &headers, None);
    let Some(job) = app.jobs.get(&id) else {
        return gone(lang);
    };
    let (Some(what), Some(enc)) = (What::parse(&what), encoding(q.encoding.as_deref())) else {
        return super::page::not_found().await;
    };
    let work = tokio::task::spawn_blocking(move || build(&job, what, enc, lang));
    match work.await {
        Ok(Ok(Some(file))) => attachment(file),
        Ok(Ok(None)) => json_error(
            StatusCode::NOT_FOUND,
            dxplan::t!(lang, "web-error-not-ready"),
        ),
        Ok(Err(e)) => json_error(StatusCode::UNPROCESSABLE_ENTITY, reason(lang, &e)),
        Err(_) => json_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            dxplan::t!(lang, "web-error-internal"),
        ),
    }
}

fn reason(lang: Lang, e: &ErrorKind) -> String {
    format!(
        "{}: {}",
        dxplan::t!(lang, "web-error-download"),
        dxplan::i18n::error_kind_message(e, lang)
    )
}

/// A file to send: its name and type.
struct File {
    name: String,
    mime: &'static str,
    bytes: Vec<u8>,
}

/// The file asked for; `None` when the job has no such output (not done,
/// failed, or the other kind).
fn build(job: &Job, what: What, enc: Encoding, lang: Lang) -> Result<Option<File>, ErrorKind> {
    let Some(out) = done(job) else {
        return Ok(None);
    };
    let stem = stem(&job.name);
    let file = match (&*out, what) {
        (Output::Plan(_), What::Json) => File {
            name: format!("{stem}.json"),
            mime: "application/json",
            bytes: read(job, "plan.json")?,
        },
        (Output::Plan(_), What::Xlsx) => File {
            name: format!("{stem}.xlsx"),
            mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes: read(job, "plan.xlsx")?,
        },
        (Output::Plan(p), What::Csv) => File {
            name: format!("{stem}-csv.zip"),
            mime: "application/zip",
            bytes: zip(&csv_files(p, &stem, enc, lang)?)?,
        },
        (Output::Plan(p), What::All) => File {
            name: format!("{stem}.zip"),
            mime: "application/zip",
            bytes: zip(&all_files(p, &stem, enc, lang)?)?,
        },
        (Output::Diff(d), What::DiffText) => File {
            name: format!("{stem}-diff.txt"),
            mime: "text/plain; charset=utf-8",
            bytes: d.text.clone().into_bytes(),
        },
        (Output::Diff(d), What::DiffMarkdown) => File {
            name: format!("{stem}-diff.md"),
            mime: "text/markdown; charset=utf-8",
            bytes: d.markdown.clone().into_bytes(),
        },
        _ => return Ok(None),
    };
    Ok(Some(file))
}

fn done(job: &Job) -> Option<Arc<Output>> {
    match job.state() {
        super::jobs::JobState::Done(o) => Some(o),
        _ => None,
    }
}

/// A file the conversion wrote into the job's folder.
fn read(job: &Job, name: &str) -> Result<Vec<u8>, ErrorKind> {
    std::fs::read(job.dir.join(name)).map_err(|e| ReadError::Io(e).into())
}

/// The four CSV files (`stem/measures.csv` …) with the
/// `stem/datapackage.json` that describes them; a table the encoding
/// cannot hold is left out with a warning in the JSON (as `dxplan convert`
/// does).
fn csv_files(
    p: &PlanOut,
    stem: &str,
    enc: Encoding,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, ErrorKind> {
    let mut plan = p.plan.clone();
    Ok(rendered(&mut plan, stem, false, enc, lang)?)
}

/// The JSON (with the CSV writer's warnings too), the workbook and the
/// CSV files.
fn all_files(
    p: &PlanOut,
    stem: &str,
    enc: Encoding,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, ErrorKind> {
    let mut plan = p.plan.clone();
    Ok(rendered(&mut plan, stem, true, enc, lang)?)
}

/// The outputs of a plan named for the zip: `stem.json`, `stem.xlsx`,
/// `stem/measures.csv` …
fn rendered(
    plan: &mut dxplan::Plan,
    stem: &str,
    with_json_and_workbook: bool,
    enc: Encoding,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, WriteError> {
    let folder = format!("{stem}/");
    let which = RenderOptions {
        json: with_json_and_workbook,
        xlsx: with_json_and_workbook,
        csv: Some(enc),
        csv_names: CsvNames::Plain,
        csv_folder: &folder,
        lang,
    };
    let files = dxplan::render_outputs(plan, &which)?;
    Ok(files
        .files
        .into_iter()
        .map(|f| {
            let name = match f.kind {
                OutputKind::Json => format!("{stem}.json"),
                OutputKind::Workbook => format!("{stem}.xlsx"),
                OutputKind::Csv(_) | OutputKind::DataPackage => format!("{folder}{}", f.name),
            };
            (name, f.bytes)
        })
        .collect())
}

fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ErrorKind> {
    let out = |e: zip::result::ZipError| WriteError::Archive {
        detail: e.to_string(),
    };
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(name.as_str(), opts).map_err(out)?;
        w.write_all(bytes).map_err(dxplan::output::io_err)?;
    }
    Ok(w.finish().map_err(out)?.into_inner())
}

/// The uploaded name without its extension (for a diff, the whole
/// "old → new" name), safe in a zip and a header.
fn stem(name: &str) -> String {
    let s = match name.rsplit_once('.') {
        Some((s, ext)) if !s.is_empty() && !ext.contains(' ') => s,
        _ => name,
    };
    let s: String = s
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '"' | ':') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    if s.trim().is_empty() {
        "plan".into()
    } else {
        s
    }
}

/// `Content-Disposition: attachment` with an ASCII name and the UTF-8 one.
fn attachment(f: File) -> Response {
    let ascii: String = f
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let utf8: String = f
        .name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{utf8}");
    let mut resp = f.bytes.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(f.mime));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe() {
        assert_eq!(stem("plan.xlsx"), "plan");
        assert_eq!(stem("計画 2024.pdf"), "計画 2024");
        assert_eq!(stem("a\"b:c.pdf"), "a_b_c");
        assert_eq!(stem(".xlsx"), ".xlsx");
    }

    #[test]
    fn the_csv_files_come_with_their_data_package() {
        let json = std::fs::read("../../tests/data/shiogama.plan.json").unwrap();
        let plan: dxplan::Plan = serde_json::from_slice(&json).unwrap();
        let p = PlanOut {
            plan,
            input: "plan.xlsx".into(),
        };
        let files = csv_files(&p, "plan", Encoding::ShiftJis, Lang::En).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "plan/measures.csv",
                "plan/schedule.csv",
                "plan/indicators.csv",
                "plan/costs.csv",
                "plan/datapackage.json"
            ]
        );
        let package: serde_json::Value = serde_json::from_slice(&files[4].1).unwrap();
        let costs = &package["resources"][3];
        assert_eq!(costs["path"], "costs.csv");
        assert_eq!(costs["encoding"], "cp932");
        let sha = format!("sha256:{}", dxplan::sha256_hex(&files[3].1));
        assert_eq!(costs["hash"], sha.as_str());
    }

    #[test]
    fn encodings_are_a_closed_set() {
        assert_eq!(encoding(None), Some(Encoding::Utf8Bom));
        assert_eq!(encoding(Some("shift_jis")), Some(Encoding::ShiftJis));
        assert_eq!(encoding(Some("../etc")), None);
    }
}
