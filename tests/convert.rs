//! `dxplan convert` end to end on the committed fixtures: every input
//! format must give the reference JSON, validate against the schema, and
//! match its committed golden file (`DXPLAN_BLESS=1` rewrites those).

mod util;

use std::path::Path;

use util::*;

/// The Shiogama fixtures: every format and producer.
const SHIOGAMA: &[&str] = &[
    "plan.xlsx",
    "plan.xls",
    "plan.ods",
    "plan-excel95.xls",
    "plan-onesheet.xlsx",
    "plan-shaded.xlsx",
    "plan-ipaex.pdf",
    "plan-noto.pdf",
    "plan-shaded.pdf",
    "plan-ipaex-locked.pdf",
    "plan-writer.pdf",
];

fn check_shiogama(name: &str) {
    check_edition("shiogama-2024-03", name, |_| {});
}

/// Shift_JIS has one 全角ダッシュ (JIS X 0208 1-29), which the JIS and CP932
/// mapping tables both give as U+2015 ―; the Unicode source had U+2014 —.
/// Both are the same printed dash (the contract's dash family), so an
/// Excel 95 (Shift_JIS) file compares equal after folding that one dash.
fn fold_jis_dash(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) if s == "―" => *s = "—".to_string(),
        serde_json::Value::Object(o) => o.values_mut().for_each(fold_jis_dash),
        serde_json::Value::Array(a) => a.iter_mut().for_each(fold_jis_dash),
        _ => {}
    }
}

fn check_edition(edition: &str, name: &str, fold: fn(&mut serde_json::Value)) {
    let input = fixture(&format!("{edition}/{name}"));
    let (got, written) = convert_json(&input, &format!("convert-{name}"));

    if let Err(problems) = dxplan::schema::validate_value(&got, false) {
        panic!(
            "{name}: output does not match the schema:\n{}",
            problems.join("\n")
        );
    }
    let bytes = std::fs::read(&input).unwrap();
    assert_eq!(got["source"]["file"], name);
    assert_eq!(got["source"]["sha256"], dxplan::sha256_hex(&bytes));

    let golden = fixture(&format!("{edition}/golden/{name}.json"));
    assert_golden(&golden, &written);

    let mut stripped = got.clone();
    strip_input_specific(&mut stripped);
    fold(&mut stripped);
    let expected: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixture(&format!("{edition}/expected.json"))).unwrap(),
    )
    .unwrap();
    let diffs = json_differences(&expected, &stripped, 25);
    assert!(
        diffs.is_empty(),
        "{name} differs from expected.json:\n{}",
        diffs.join("\n")
    );
}

#[test]
fn shiogama_xlsx() {
    check_shiogama("plan.xlsx");
}

#[test]
fn shiogama_xls() {
    check_shiogama("plan.xls");
}

#[test]
fn shiogama_ods() {
    check_shiogama("plan.ods");
}

#[test]
fn shiogama_excel95_shift_jis() {
    check_edition("shiogama-2024-03", "plan-excel95.xls", fold_jis_dash);
}

#[test]
fn shiogama_one_sheet() {
    check_shiogama("plan-onesheet.xlsx");
}

#[test]
fn shiogama_shaded_marks() {
    check_shiogama("plan-shaded.xlsx");
}

#[test]
fn shiogama_pdf_libreoffice_ipaex() {
    check_shiogama("plan-ipaex.pdf");
}

#[test]
fn shiogama_pdf_libreoffice_noto() {
    check_shiogama("plan-noto.pdf");
}

#[test]
fn shiogama_pdf_shaded_marks() {
    check_shiogama("plan-shaded.pdf");
}

#[test]
fn shiogama_pdf_owner_locked_aes256() {
    check_shiogama("plan-ipaex-locked.pdf");
}

#[test]
fn shiogama_pdf_writer_table() {
    check_shiogama("plan-writer.pdf");
}

#[test]
fn earlier_edition_xlsx() {
    check_edition("shiogama-2023-09", "plan.xlsx", |_| {});
}

#[test]
fn earlier_edition_pdf() {
    check_edition("shiogama-2023-09", "plan.pdf", |_| {});
}

#[test]
fn second_update_xlsx() {
    check_edition("shiogama-2025-03", "plan.xlsx", |_| {});
}

#[test]
fn fixture_list_is_complete() {
    for name in SHIOGAMA {
        assert!(
            fixture(&format!("shiogama-2024-03/{name}")).exists(),
            "missing fixture {name}"
        );
    }
}

/// A failing input: exit 1, one line naming the file, no output file.
fn assert_fails_cleanly(input: &Path, needle: &str) {
    let out = temp_dir("fail");
    let o = dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {err}");
    assert!(
        lines[0].contains(&input.display().to_string()),
        "does not name the file: {err}"
    );
    assert!(lines[0].contains(needle), "expected {needle:?} in: {err}");
    assert!(!err.contains("panicked"), "{err}");
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert!(left.is_empty(), "output left behind: {left:?}");
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn a_failed_convert_leaves_no_new_output_folder() {
    let base = temp_dir("no-folder");
    let out = base.join("new").join("plans");
    let input = base.join("broken.xlsx");
    std::fs::write(&input, b"PK\x03\x04 not really a workbook").unwrap();
    let o = dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !base.join("new").exists(),
        "an empty output folder was left behind"
    );
    let _ = std::fs::remove_dir_all(base);
}

#[test]
fn missing_file() {
    assert_fails_cleanly(&root().join("no-such-plan.xlsx"), "cannot read the file");
}

#[test]
fn unsupported_extension() {
    let dir = temp_dir("unsupported");
    let p = dir.join("plan.docx");
    std::fs::write(&p, b"PK\x03\x04not really").unwrap();
    assert_fails_cleanly(&p, "unsupported file type .docx");
}

#[test]
fn corrupt_workbook() {
    let dir = temp_dir("corrupt");
    let p = dir.join("broken.xlsx");
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend((0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    std::fs::write(&p, bytes).unwrap();
    assert_fails_cleanly(&p, "cannot be opened");
}

#[test]
fn workbook_without_plan_tables() {
    let dir = temp_dir("noplan");
    let p = dir.join("budget.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "予算一覧").unwrap();
    ws.write_number(1, 1, 42.0).unwrap();
    wb.save(&p).unwrap();
    assert_fails_cleanly(&p, "no plan tables found");
}

#[test]
fn stdout_mode_prints_json() {
    let input = fixture("shiogama-2024-03/plan.xlsx");
    let o = dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        "-",
        "--to",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["measures"].as_array().map(Vec::len), Some(15));
}

#[test]
fn refuses_to_overwrite_its_input() {
    let dir = temp_dir("overwrite");
    let p = dir.join("plan.json");
    std::fs::write(&p, b"{}").unwrap();
    // A JSON input converting into its own folder would overwrite itself.
    let o = dxplan(&[
        "convert",
        p.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "--to",
        "json",
    ]);
    assert_ne!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&p).unwrap(), b"{}");
}

#[test]
fn schema_and_validate_commands() {
    let o = dxplan(&["schema"]);
    assert!(o.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).expect("schema is JSON");
    assert_eq!(schema["properties"]["schema_version"]["const"], "1");

    let dir = temp_dir("validate");
    let good = dir.join("good.json");
    let input = fixture("shiogama-2024-03/plan.xlsx");
    let o = dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        "-",
        "--to",
        "json",
    ]);
    std::fs::write(&good, &o.stdout).unwrap();
    let o = dxplan(&["validate", good.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&good).unwrap()).unwrap();
    v["measures"][0]["schedule"][0]["plan"][0] = serde_json::json!("2022-Q9");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, serde_json::to_vec(&v).unwrap()).unwrap();
    let o = dxplan(&["validate", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("/measures/0/schedule/0/plan/0"), "{err}");
}

#[test]
fn default_outputs_are_json_xlsx_and_csv() {
    let input = fixture("shiogama-2024-03/plan.xlsx");
    let out = temp_dir("all-outputs");
    let o = dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "plan.json",
        "plan.xlsx",
        "plan/measures.csv",
        "plan/schedule.csv",
        "plan/indicators.csv",
        "plan/costs.csv",
    ] {
        let len = std::fs::metadata(out.join(f)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 100, "{f} missing or empty");
    }
    let csv = std::fs::read(out.join("plan/costs.csv")).unwrap();
    assert!(
        csv.starts_with("\u{feff}\"全国地方公共団体コード\"".as_bytes()),
        "UTF-8 BOM and quoted header"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn shift_jis_failure_keeps_previous_output() {
    // A plan whose text Shift_JIS cannot hold (𠮷): every output of that
    // input is refused and the earlier output stays as it was.
    let dir = temp_dir("sjis");
    let src = dir.join("plan.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "基本方針1 施策1").unwrap();
    ws.write_string(1, 0, "事業名").unwrap();
    ws.write_string(1, 1, "𠮷野家との連携").unwrap();
    ws.write_string(2, 0, "担当部署").unwrap();
    ws.write_string(2, 1, "政策課").unwrap();
    wb.save(&src).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("plan.json"), b"previous").unwrap();
    let o = dxplan(&[
        "convert",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--encoding",
        "shift_jis",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("𠮷") && err.contains("Shift_JIS"), "{err}");
    assert_eq!(std::fs::read(out.join("plan.json")).unwrap(), b"previous");
    assert!(!out.join("plan.xlsx").exists() && !out.join("plan").exists());
    // The same input in UTF-8 converts.
    let o = dxplan(&[
        "convert",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn inspect_draws_the_page_grid() {
    let dir = temp_dir("inspect");
    let svg = dir.join("page3.svg");
    let input = fixture("shiogama-2024-03/plan-ipaex.pdf");
    let o = dxplan(&[
        "inspect",
        input.to_str().unwrap(),
        "--page",
        "3",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.starts_with("<?xml") || text.starts_with("<svg"),
        "not SVG"
    );
    assert!(text.contains("</svg>"));
    assert!(
        text.contains("<line") || text.contains("<rect"),
        "no rules or cells drawn"
    );
    let o = dxplan(&[
        "inspect",
        input.to_str().unwrap(),
        "--page",
        "99",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("plan-ipaex.pdf"));
}

#[test]
fn batch_converts_every_good_input_and_reports_the_bad_one() {
    let dir = temp_dir("batch");
    let bad = dir.join("broken.pdf");
    std::fs::write(&bad, b"<html><body>404 Not Found</body></html>").unwrap();
    let inputs = [
        fixture("shiogama-2024-03/plan.ods"),
        fixture("shiogama-2024-03/plan-shaded.pdf"),
        bad.clone(),
        fixture("shiogama-2024-03/plan-noto.pdf"),
    ];
    let out = dir.join("out");
    let mut args = vec!["convert".to_string()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap().to_string()));
    args.extend([
        "-o".into(),
        out.to_str().unwrap().into(),
        "--to".into(),
        "json".into(),
        "--jobs".into(),
        "2".into(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = dxplan(&args);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "broken.pdf: this is not a PDF file (its content looks like an HTML web page)"
        ),
        "{err}"
    );
    assert!(err.contains("converted 3 of 4 file(s)"), "{err}");
    for stem in ["plan", "plan-shaded", "plan-noto"] {
        assert!(
            out.join(format!("{stem}.json")).exists(),
            "{stem}.json missing"
        );
    }
    assert!(!out.join("broken.json").exists());
}

#[test]
fn batch_mirrors_two_inputs_with_the_same_name() {
    let dir = temp_dir("samename");
    let out = dir.join("out");
    let a = fixture("shiogama-2024-03/plan.xlsx");
    let b = fixture("shiogama-2023-09/plan.xlsx");
    let o = dxplan(&[
        "convert",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    // Both keep their folders relative to fixtures/, the folder they share.
    assert!(out.join("shiogama-2024-03/plan.json").is_file(), "{err}");
    assert!(out.join("shiogama-2023-09/plan.json").is_file(), "{err}");
    assert!(out.join("catalog.csv").is_file());
}
