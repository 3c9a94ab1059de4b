//! One language: under Japanese, what dxplan writes for a person to read has
//! no English sentence (`util::english` says what counts). Checked here:
//!
//! - every message of the Japanese catalogue, its placeholders filled;
//! - the progress report as Markdown, HTML and workbook text;
//! - the warnings in the JSON and the workbook's 警告 sheet, for the probes,
//!   a share of the generator's variants and the cities with warnings;
//! - the failure reasons the web page shows (the library's error messages,
//!   which the page renders), for damaged, mislabelled and unsupported files;
//! - the CKAN client's lines, and `validate`'s problems.
//!
//! The plan's own words are not dxplan's: a plan may write English (a
//! product name, an English subtitle), and the checks take the texts of the
//! plan out before looking.

mod util;

use std::path::{Path, PathBuf};

use dxplan::i18n::Lang;
use dxplan::{InputFormat, ReadOptions};
use util::english::{assert_no_english, english};
use util::*;

fn ja() -> ReadOptions {
    ReadOptions {
        lang: Lang::Ja,
        ..ReadOptions::default()
    }
}

// ------------------------------------------------------------ the detector

#[test]
fn the_detector_finds_a_planted_sentence_and_passes_names() {
    let planted =
        "読み取れませんでした: this is not a PDF file (its content looks like a ZIP archive)";
    let found = english(planted);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].words.starts_with("this is not"), "{found:?}");
    // Three words exactly are a run; two are not.
    assert_eq!(english("警告: left out here").len(), 1);
    assert!(english("警告: left out").is_empty());
    // English years and periods under Japanese.
    assert_eq!(english("事業費 FY2024（千円）").len(), 1);
    assert_eq!(english("計画 2024-Q1–Q4").len(), 1);
    // Names, files, codes, options, URLs and units are not sentences.
    for ok in [
        "plan.pdf: PDF ファイルではありません（中身は ZIP 圧縮ファイル のようです）",
        "Excel か LibreOffice Calc で開いて .xlsx として保存してください",
        "コード unknown_label、U+2460、p.12 r5c3、Sheet1!D23",
        "--max-pages で上限を上げてください。環境変数 CKAN_API_TOKEN",
        "https://example.org/dataset/some-long-name を開いてください",
        "`dxplan diff` で比較してください",
        "UTF-8 BOM 付き（Excel 向け）、Shift_JIS",
    ] {
        assert!(english(ok).is_empty(), "{ok}: {:?}", english(ok));
    }
    // A Japanese character ends a run.
    assert!(english("PDF has の no text は layer").is_empty());
}

// ---------------------------------------------------------- the catalogue

/// Every Japanese message, each placeholder filled with a Japanese word
/// (numbers where a plural needs one).
#[test]
fn every_japanese_message_is_japanese() {
    let re = regex::Regex::new(r"\{ *\$([a-z_]+)").unwrap();
    let text = dxplan::i18n::CATALOGUES[0].1;
    let mut checked = 0;
    for id in dxplan::i18n::ids(Lang::Ja) {
        let mut args = dxplan::i18n::FluentArgs::new();
        // The placeholders of this message, from its source lines.
        let source: String = text
            .lines()
            .skip_while(|l| !l.starts_with(&format!("{id} =")))
            .take_while(|l| l.starts_with(&format!("{id} =")) || l.starts_with(' '))
            .collect();
        for c in re.captures_iter(&source) {
            let name = c[1].to_string();
            if name == "count" || name == "n" {
                args.set(name, 2);
            } else {
                args.set(name, "値");
            }
        }
        let m = dxplan::i18n::message(Lang::Ja, &id, Some(&args));
        // The language switch names the other language in its own words.
        if id == "web-lang-en" {
            continue;
        }
        assert_no_english(&format!("ja.ftl {id}"), &m);
        checked += 1;
    }
    assert!(checked > 300, "only {checked} messages");
}

// -------------------------------------------------------------- plan texts

/// Every string in a plan's JSON but the warnings: the plan's own words.
fn plan_texts(plan: &dxplan::Plan) -> Vec<String> {
    let mut v = serde_json::to_value(plan).unwrap();
    v.as_object_mut().unwrap().remove("warnings");
    let mut out = Vec::new();
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => {
                out.push(s.clone());
                out.extend(s.lines().map(str::to_string));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(&v, &mut out);
    out.retain(|s| s.chars().any(|c| c.is_ascii_alphabetic()));
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

/// `text` without the plan's own words.
fn without(text: &str, plan_words: &[String]) -> String {
    let mut t = text.to_string();
    for w in plan_words {
        t = t.replace(w.as_str(), " ");
    }
    t
}

/// The strings of every sheet of a workbook.
fn workbook_texts(path: &Path) -> Vec<(String, String)> {
    use calamine::{Data, Reader};
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let mut out = Vec::new();
    for name in wb.sheet_names().to_vec() {
        out.push((name.clone(), name.clone()));
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for c in row {
                if let Data::String(s) = c {
                    out.push((name.clone(), s.clone()));
                }
            }
        }
    }
    out
}

/// An HTML page's text: tags, the style sheet and entities out.
fn html_text(html: &str) -> String {
    let no_style = regex::Regex::new(r"(?s)<style>.*?</style>").unwrap();
    let tags = regex::Regex::new(r"<[^>]*>").unwrap();
    let t = no_style.replace_all(html, " ");
    let t = tags.replace_all(&t, "\n");
    t.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

// ----------------------------------------------------------------- report

const EDITION: &str = "fixtures/shiogama-2025-03/plan.xlsx";

#[test]
fn the_report_is_japanese_in_all_three_forms() {
    let plan = dxplan::load_plan(&root().join(EDITION), &ja()).unwrap();
    let words = plan_texts(&plan);
    let dir = temp_dir("language-report");
    let input = root().join(EDITION);
    let input = input.to_str().unwrap();
    // Markdown on standard output.
    let o = dxplan_in_locale(&["report", input], "ja_JP.UTF-8");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("令和6年度"), "{md}");
    assert!(md.contains("第1四半期"), "{md}");
    assert_no_english("report.md", &without(&md, &words));
    assert_no_english("report (stderr)", &String::from_utf8_lossy(&o.stderr));
    // HTML.
    let html = dir.join("r.html");
    let o = dxplan_in_locale(
        &["report", input, "-o", html.to_str().unwrap()],
        "ja_JP.UTF-8",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(&html).unwrap();
    assert_no_english("report.html", &without(&html_text(&page), &words));
    // The workbook.
    let xlsx = dir.join("r.xlsx");
    let o = dxplan_in_locale(
        &["report", input, "-o", xlsx.to_str().unwrap()],
        "ja_JP.UTF-8",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for (sheet, s) in workbook_texts(&xlsx) {
        assert_no_english(&format!("report.xlsx {sheet}"), &without(&s, &words));
    }
}

#[test]
fn the_english_report_is_unchanged_by_the_japanese_one() {
    let plan = dxplan::load_plan(&root().join(EDITION), &ReadOptions::default()).unwrap();
    let r = dxplan::report::report(&plan);
    let mut en = Vec::new();
    dxplan::report::write_markdown(&r, &mut en).unwrap();
    let mut en_in = Vec::new();
    dxplan::report::write_markdown_in(&r, &mut en_in, Lang::En).unwrap();
    assert_eq!(en, en_in);
    assert!(
        String::from_utf8(en)
            .unwrap()
            .contains("fiscal years up to FY2024 have closed")
    );
}

// --------------------------------------------------------------- warnings

/// The inputs whose warnings are checked: every probe, every tenth
/// generator variant, and the cities that have warnings.
fn warning_inputs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let plan_like = |p: &Path| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("pdf" | "xlsx" | "xls" | "ods")
        )
    };
    for dir in ["probes", "bad"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| plan_like(p))
            .collect();
        files.sort();
        out.extend(files);
    }
    let mut variants: Vec<PathBuf> = std::fs::read_dir(fixture("generator/variants"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| plan_like(p))
        .collect();
    variants.sort();
    out.extend(variants.into_iter().step_by(10));
    // Fixtures whose readings keep warnings of other kinds (the generator's
    // variants read ever more exactly): a value beside no year, a scanned
    // page, a label nobody knows.
    for city in [
        "naruto-2025-11/plan.xlsx",
        "naruto-2025-11/plan.pdf",
        "himi-2025-11/plan.pdf",
        "kurayoshi-2025-06/scan/plan-p3-scanned.pdf",
        "web/plan-warning.pdf",
    ] {
        out.push(fixture(city));
    }
    out
}

#[test]
fn warnings_and_failure_reasons_are_japanese() {
    let mut warnings = 0;
    let mut codes = std::collections::BTreeSet::new();
    let mut failures = 0;
    let quoted = regex::Regex::new(r"「[^」]*」").unwrap();
    for input in warning_inputs() {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        match dxplan::convert_path(&input, &ja()) {
            Ok(mut plan) => {
                let words = plan_texts(&plan);
                for w in &plan.warnings {
                    warnings += 1;
                    codes.insert(w.code);
                    // A warning quotes the cell it concerns: the plan's words
                    // and the grid's (which may not be in the plan) are not
                    // dxplan's; quoted texts are taken out.
                    let m = quoted.replace_all(&w.message, "「」");
                    assert_no_english(&format!("{name}: {}", w.code), &without(&m, &words));
                }
                // The workbook's 警告 sheet, in the run's language too (it
                // lists the warnings of reading; the workbook writer's own
                // join the JSON after it).
                let read_warnings = plan.warnings.clone();
                let which = dxplan::RenderOptions {
                    csv: None,
                    json: false,
                    lang: Lang::Ja,
                    ..dxplan::RenderOptions::default()
                };
                let out = dxplan::render_outputs(&mut plan, &which).unwrap();
                for w in &plan.warnings[read_warnings.len()..] {
                    codes.insert(w.code);
                    assert_no_english(&format!("{name}: {}", w.code), &w.message);
                }
                let book = TempFile::new(
                    "language-warnings",
                    "plan.xlsx",
                    out.get(dxplan::OutputKind::Workbook).unwrap(),
                );
                let sheet: Vec<String> = workbook_texts(&book)
                    .into_iter()
                    .filter(|(s, _)| s == "警告")
                    .map(|(_, t)| t)
                    .collect();
                for w in &read_warnings {
                    assert!(
                        sheet.contains(&w.message),
                        "{name}: the 警告 sheet lacks {:?}",
                        w.message
                    );
                }
            }
            Err(e) => {
                failures += 1;
                // As the web page and the command line say it.
                let m = dxplan::i18n::error_message(&e, Lang::Ja);
                assert_no_english(&format!("{name}: error"), &detail_out(&m));
            }
        }
    }
    assert!(warnings > 20, "only {warnings} warnings checked");
    assert!(codes.len() >= 5, "warnings of too few kinds: {codes:?}");
    assert!(failures >= 5, "only {failures} failures checked");
}

/// An error's message without the parser's own words in parentheses (a
/// damaged file's detail is what lopdf or calamine said, in English, and
/// dxplan gives it as it is, after saying what is wrong in Japanese).
fn detail_out(m: &str) -> String {
    let detail = regex::Regex::new(r"（[^（）]*(?:（[^（）]*）[^（）]*)*）$").unwrap();
    detail.replace(m, "（）").into_owned()
}

/// Bytes that are not what their name says, and files of other kinds: the
/// reasons the web page shows for them.
#[test]
fn failure_reasons_for_wrong_files_are_japanese() {
    let zip = {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"hello").unwrap();
        z.finish().unwrap();
        buf.into_inner()
    };
    let html = b"<!DOCTYPE html><html><body>plan</body></html>".to_vec();
    let cases: Vec<(&str, InputFormat, Vec<u8>)> = vec![
        ("plan.pdf", InputFormat::Pdf, zip.clone()),
        ("plan.pdf", InputFormat::Pdf, html.clone()),
        ("plan.xlsx", InputFormat::Xlsx, b"just some text".to_vec()),
        ("plan.xlsx", InputFormat::Xlsx, Vec::new()),
        (
            "plan.ods",
            InputFormat::Ods,
            vec![0xFF, 0xD8, 0xFF, 0, 1, 2],
        ),
        (
            "plan.pdf",
            InputFormat::Pdf,
            b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec(),
        ),
        (
            "plan.xls",
            InputFormat::Xls,
            vec![0x09, 0x04, 6, 0, 0, 0, 0x10, 0],
        ),
        ("plan.json", InputFormat::Json, b"{}".to_vec()),
    ];
    for (name, format, bytes) in cases {
        let e = dxplan::convert_bytes(&bytes, name, format, &ja()).unwrap_err();
        let m = dxplan::i18n::error_message(&e, Lang::Ja);
        assert_no_english(&format!("{name} ({} bytes)", bytes.len()), &detail_out(&m));
    }
    // Files dxplan does not read, by their name.
    for name in ["plan.docx", "plan", "scan.png", "plans.zip", "plan.csv"] {
        let e = dxplan::convert_path(Path::new(name), &ja()).unwrap_err();
        let m = dxplan::i18n::error_message(&e, Lang::Ja);
        assert_no_english(name, &m);
    }
    // Over a limit: what is over it, in words.
    let tiny = [
        dxplan::Limits {
            max_pages: 1,
            ..dxplan::Limits::default()
        },
        dxplan::Limits {
            max_input_bytes: 100,
            ..dxplan::Limits::default()
        },
        dxplan::Limits {
            max_cells: 10,
            ..dxplan::Limits::default()
        },
        dxplan::Limits {
            max_page_marks: 10,
            ..dxplan::Limits::default()
        },
    ];
    for limits in tiny {
        for input in ["shiogama-2025-03/plan.xlsx", "fujieda-2025-03/plan.pdf"] {
            let opts = ReadOptions {
                limits: limits.clone(),
                ..ja()
            };
            if let Err(e) = dxplan::convert_path(&fixture(input), &opts) {
                let m = dxplan::i18n::error_message(&e, Lang::Ja);
                assert!(m.contains("上限"), "{m}");
                assert_no_english(input, &m);
            }
        }
    }
    // The ZIP case word for word, as the web page shows it.
    let e = dxplan::convert_bytes(&zip, "plan.pdf", InputFormat::Pdf, &ja()).unwrap_err();
    assert_eq!(
        dxplan::i18n::error_message(&e, Lang::Ja),
        "plan.pdf: PDF ファイルではありません（中身は ZIP 圧縮ファイル のようです）"
    );
}

// -------------------------------------------------------- portal, validate

#[test]
fn the_portal_client_speaks_japanese() {
    use dxplan_portal::error::Missing;
    use dxplan_portal::{Change, PortalError, Step};
    let errors = [
        PortalError::CaCert {
            file: "ca.pem".into(),
            detail: "—".into(),
        },
        PortalError::Unreachable {
            url: "https://ckan.example.org".into(),
            detail: "—".into(),
        },
        PortalError::TokenMissing,
        PortalError::TokenRefused("—".into()),
        PortalError::OrganizationMissing("city".into()),
        PortalError::OtherOwner {
            dataset: "042030-dx-action-plan".into(),
            owner: "other".into(),
        },
        PortalError::Validation {
            what: "package_update".into(),
            message: "—".into(),
        },
        PortalError::TooLarge {
            file: "plan.xlsx".into(),
            size: 3,
            message: "—".into(),
        },
        PortalError::Server {
            status: 500,
            action: "package_show".into(),
            message: "—".into(),
        },
        PortalError::BadAnswer {
            action: "package_show".into(),
            detail: "—".into(),
        },
        PortalError::Redirected {
            action: "package_show".into(),
            to: Some("https://ckan.example.org/".into()),
        },
        PortalError::Redirected {
            action: "package_show".into(),
            to: None,
        },
        PortalError::NoCertificate {
            file: "ca.pem".into(),
        },
        PortalError::DownloadFailed {
            status: 404,
            url: "https://ckan.example.org/a.csv".into(),
        },
        PortalError::Unpublishable(Missing::Code),
        PortalError::Unpublishable(Missing::Edition),
    ];
    for e in &errors {
        let m = e.message(Lang::Ja);
        assert_no_english(&format!("{e:?}"), &m);
        assert_ne!(m, e.to_string(), "{e:?}: the same in both languages");
    }
    for change in [
        Change::Create,
        Change::Update,
        Change::KeepEdition,
        Change::Unchanged,
    ] {
        for dry_run in [false, true] {
            let s = Step {
                change,
                what: "施策一覧（CSV）".into(),
                file: Some("042030-2024-03-measures.csv".into()),
                dry_run,
            };
            assert_no_english(&format!("{s:?}"), &s.message(Lang::Ja));
        }
    }
}

#[test]
fn validate_names_problems_in_japanese() {
    let plan = dxplan::load_plan(&root().join(EDITION), &ReadOptions::default()).unwrap();
    let mut v = serde_json::to_value(&plan).unwrap();
    v["schema_version"] = serde_json::json!(3);
    v.as_object_mut().unwrap().remove("measures");
    v["policies"][0]["number"] = serde_json::json!("one");
    v["surprise"] = serde_json::json!(true);
    let problems = dxplan::schema::validate_value_in(&v, false, Lang::Ja).unwrap_err();
    assert!(problems.len() >= 3, "{problems:?}");
    for p in &problems {
        assert_no_english("validate", p);
    }
    let en = dxplan::schema::validate_value(&v, false).unwrap_err();
    assert_eq!(en.len(), problems.len());
    assert_ne!(en, problems);
}
