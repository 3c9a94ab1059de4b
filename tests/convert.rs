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
/// Returns the line.
fn assert_fails_cleanly(input: &Path, needle: &str) -> String {
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
    lines[0].to_string()
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
    assert_fails_cleanly(
        &root().join("no-such-plan.xlsx"),
        "the file does not exist: check the path",
    );
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
    // The reason the ZIP reader gave, not the guard's line for a caught
    // panic ("… the spreadsheet parser failed on it").
    let line = assert_fails_cleanly(&p, "cannot be opened");
    assert_eq!(
        line,
        format!(
            "dxplan: {}: the workbook cannot be opened: it is damaged or not a real spreadsheet \
             (invalid Zip archive: Could not find EOCD)",
            p.display()
        )
    );
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
    // A workbook converting to a workbook in its own folder: the output
    // plan.xlsx would be the input. (A .json input would not do: it is
    // refused as an input anyway.)
    let dir = temp_dir("overwrite");
    let p = dir.join("plan.xlsx");
    let input = std::fs::read(fixture("shiogama-2024-03/plan.xlsx")).unwrap();
    std::fs::write(&p, &input).unwrap();
    let o = dxplan(&[
        "convert",
        p.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "--to",
        "xlsx",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "refused before any work: {err}");
    assert_eq!(
        err.trim_end(),
        format!(
            "dxplan: {}: the output would overwrite this input; choose another -o folder",
            p.display()
        )
    );
    assert!(std::fs::read(&p).unwrap() == input, "the input was changed");
    let mut left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["plan.xlsx"], "nothing else written");
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

    // A JSON of the first contract (no indicators, no challenges) is valid
    // too; an indicator in `indicators` is checked like `indicator`.
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&good).unwrap()).unwrap();
    assert_eq!(
        v["measures"][0]["indicators"][0],
        v["measures"][0]["indicator"]
    );
    let mut old = v.clone();
    for m in old["measures"].as_array_mut().unwrap() {
        let m = m.as_object_mut().unwrap();
        assert!(m.remove("indicators").is_some() && m.remove("challenges").is_some());
    }
    let first = dir.join("first-contract.json");
    std::fs::write(&first, serde_json::to_vec(&old).unwrap()).unwrap();
    let o = dxplan(&["validate", first.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    v["measures"][0]["indicators"][0]["target"]["20220"] = serde_json::json!({"raw": ""});
    std::fs::write(&bad, serde_json::to_vec(&v).unwrap()).unwrap();
    let o = dxplan(&["validate", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("/measures/0/indicators/0/target"), "{err}");
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
fn shift_jis_failure_loses_only_the_csv() {
    // A plan whose text Shift_JIS cannot hold (𠮷): the CSV files that hold
    // it are left out with a warning naming the cell; the JSON, the workbook
    // and the other CSV files are written; an earlier CSV of that name goes.
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
    std::fs::create_dir_all(out.join("plan")).unwrap();
    std::fs::write(out.join("plan/measures.csv"), b"previous").unwrap();
    let o = dxplan(&[
        "convert",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--encoding",
        "shift_jis",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("1 warning"), "{err}");
    assert!(out.join("plan.xlsx").exists(), "the workbook is kept");
    assert!(
        !out.join("plan/measures.csv").exists(),
        "the stale CSV is gone"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("plan.json")).unwrap()).unwrap();
    let w: Vec<&serde_json::Value> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "csv_not_written")
        .collect();
    assert_eq!(w.len(), 1, "{}", json["warnings"]);
    let m = w[0]["message"].as_str().unwrap();
    assert!(m.starts_with("plan/measures.csv was not written: "), "{m}");
    assert!(
        m.contains("𠮷") && m.contains("Shift_JIS") && m.contains("事業名"),
        "{m}"
    );
    // The tables without the character are written.
    assert!(out.join("plan/costs.csv").exists());
    // The same input in UTF-8 writes every CSV.
    let o = dxplan(&[
        "convert",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("plan/measures.csv").exists());
}

#[test]
fn one_input_ends_with_a_line_naming_its_outputs() {
    let input = fixture("shiogama-2024-03/plan.xlsx");
    let out = temp_dir("summary");
    let o = dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    let o_ = out.display();
    assert_eq!(
        err.trim_end(),
        format!(
            "dxplan: {} → {o_}/plan.json, {o_}/plan.xlsx, 4 CSV files and datapackage.json in {o_}/plan/",
            input.display()
        )
    );
    let o = dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "csv",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.lines()
            .last()
            .unwrap()
            .ends_with(&format!("→ 4 CSV files and datapackage.json in {o_}/plan/")),
        "{err}"
    );
}

#[test]
fn an_earlier_output_of_another_input_is_replaced_only_with_a_word() {
    let out = temp_dir("replace");
    let xlsx = fixture("shiogama-2024-03/plan.xlsx");
    let ods = fixture("shiogama-2024-03/plan.ods");
    let run = |input: &Path| {
        let o = dxplan(&[
            "convert",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success());
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let first = run(&xlsx);
    assert!(!first.contains("replaced"), "{first}");
    let second = run(&ods);
    let lines: Vec<&str> = second.lines().collect();
    assert_eq!(lines.len(), 2, "{second}");
    assert!(
        lines[0].starts_with(&format!("dxplan: replaced {}/plan.json,", out.display()))
            && lines[0].contains("(written earlier from plan.xlsx) with the output of")
            && lines[0].ends_with("plan.ods"),
        "{second}"
    );
    let again = run(&ods);
    assert!(
        again.starts_with("dxplan: replaced the earlier output of"),
        "{again}"
    );
    assert!(run(&xlsx).contains("written earlier from plan.ods"));
}

#[test]
fn dash_o_naming_a_file_says_so() {
    let dir = temp_dir("o-file");
    let file = dir.join("plan.csv");
    std::fs::write(&file, b"keep").unwrap();
    let input = fixture("shiogama-2024-03/plan.xlsx");
    let o = dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("this is a file, and -o names the folder"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"keep");
}

#[test]
fn a_missing_file_is_said_once() {
    let o = dxplan(&["diff", "no-such-old.pdf", "no-such-new.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    // Said once, in words that say what to do; not the system's words.
    assert_eq!(err.matches("the file does not exist").count(), 1, "{err}");
    assert!(err.contains("check the path"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn wrong_extensions_suggest_the_fix() {
    let dir = temp_dir("wrong-ext");
    for (name, fix) in [
        ("plan.docx", "save it as PDF first"),
        ("plan.doc", "save it as PDF first"),
        ("plan.odt", "save it as PDF first"),
        ("plan.csv", "save it as .xlsx first"),
        ("plan.json", "compare a dxplan .json with `dxplan diff`"),
    ] {
        let p = dir.join(name);
        std::fs::write(&p, b"{}").unwrap();
        let o = dxplan(&[
            "convert",
            p.to_str().unwrap(),
            "-o",
            dir.join("out").to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(fix), "{name}: {err}");
        assert!(!err.contains("its own .json"), "{name}: {err}");
    }
}

/// `inspect` tints every cell by how the recogniser accounted for it:
/// used in the plan, named in a warning, or outside every table.
#[test]
fn inspect_colours_the_accounting_of_every_cell() {
    let dir = temp_dir("inspect-accounting");
    let draw = |rel: &str, page: &str| {
        let svg = dir.join("page.svg");
        let input = fixture(rel);
        let o = dxplan(&[
            "inspect",
            input.to_str().unwrap(),
            "--page",
            page,
            "-o",
            svg.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(&svg).unwrap();
        let count = |class: &str| text.matches(&format!("<rect class=\"{class}\"")).count();
        (count("used"), count("warned"), count("outside"))
    };
    // 鳴門市 p.3: the golden names two cells of this page in warnings
    // (guessed_label r8c2, no_heading r4c1).
    let (used, warned, _) = draw("naruto-2025-11/plan.pdf", "3");
    assert_eq!(warned, 2);
    assert!(used > 10, "{used}");
    // 善通寺市 p.2: the two lists' cells are used; each policy's heading
    // and summary are outside the tables (the second heading stands right
    // under the first list, but no list row follows it: it heads the
    // second list, as the first heading does the first).
    let (used, warned, outside) = draw("zentsuji-2025-10/plan.pdf", "2");
    assert_eq!((warned, outside), (0, 4));
    assert!(used > 40, "{used}");
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

/// An error in the user's language: Japanese for a Japanese locale or
/// `--lang ja`, English otherwise; one line naming the file, exit 1.
#[test]
fn errors_speak_the_locale() {
    let out = temp_dir("lang");
    let missing = out.join("missing.pdf");
    let args = [
        "convert",
        missing.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    let line = |o: &std::process::Output| {
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr).trim().to_string();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("missing.pdf"), "{err}");
        err
    };
    let ja = line(&dxplan_in_locale(&args, "ja_JP.UTF-8"));
    assert!(ja.contains("ファイルが見つかりません"), "{ja}");
    assert!(
        ja.contains("パス（フォルダー名とファイル名）を確かめてください"),
        "{ja}"
    );
    let en = line(&dxplan_in_locale(&args, "C"));
    assert!(
        en.contains("the file does not exist: check the path"),
        "{en}"
    );
    let mut forced = vec!["--lang", "ja"];
    forced.extend(args);
    assert_eq!(line(&dxplan_in_locale(&forced, "C")), ja);
}

/// The closing line follows the locale: `→` with the outputs in both,
/// the words and the warning note in the user's language.
#[test]
fn the_summary_speaks_the_locale() {
    let out = temp_dir("lang-summary");
    let input = fixture("shiogama-2024-03/plan.xlsx");
    let dir = out.to_str().unwrap();
    let args = [
        "convert",
        input.to_str().unwrap(),
        "-o",
        dir,
        "--to",
        "json",
    ];
    let run = |locale: &str| {
        let o = dxplan_in_locale(&args, locale);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stderr).trim().to_string()
    };
    let en = run("C");
    assert!(
        en.starts_with("dxplan: ") && en.contains("plan.json"),
        "{en}"
    );
    // The second run replaces the first run's output and says so.
    let ja = run("ja_JP.UTF-8");
    assert!(ja.contains("の以前の出力を置き換えました"), "{ja}");
    assert!(ja.contains(" → ") && ja.contains("plan.json"), "{ja}");
    assert!(!ja.contains("replaced") && !ja.contains("warning"), "{ja}");
}

/// The library's facade, chained as a user would: read → plan → write. Each
/// call returns `dxplan::Error`, which names the file it concerns and keeps
/// the stage's error with its context.
#[test]
fn the_facade_chain_returns_one_error_type_naming_the_file() {
    use dxplan::error::{ReadError, WriteError};
    use dxplan::{Error, ErrorKind, ReadOptions};

    let dir = temp_dir("facade");
    let opts = ReadOptions::default();
    let chain = |input: &Path, output: &Path| -> Result<usize, Error> {
        let plan = dxplan::convert_path(input, &opts)?;
        dxplan::write_path(&plan, output)?;
        Ok(dxplan::load_plan(output, &opts)?.measures.len())
    };

    let out = dir.join("plan.json");
    let measures = chain(&fixture("fujieda-2025-03/plan.pdf"), &out).unwrap();
    assert!(measures > 0);

    // Reading fails: the error names the input.
    let bad = dir.join("broken.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 not really a zip").unwrap();
    let e = chain(&bad, &out).unwrap_err();
    assert_eq!(e.path.as_deref(), Some(bad.as_path()));
    assert!(
        matches!(e.kind, ErrorKind::Read(ReadError::Damaged { .. })),
        "{e:?}"
    );
    assert!(
        e.to_string().starts_with(&format!("{}: ", bad.display())),
        "{e}"
    );

    // Writing fails: the error names the output.
    let nowhere = dir.join("no-such-folder").join("plan.xlsx");
    let e = chain(&fixture("fujieda-2025-03/plan.pdf"), &nowhere).unwrap_err();
    assert_eq!(e.path.as_deref(), Some(nowhere.as_path()));
    assert!(
        matches!(e.kind, ErrorKind::Write(WriteError::Io { .. })),
        "{e:?}"
    );
    let ja = dxplan::i18n::error_message(&e, dxplan::i18n::Lang::Ja);
    assert!(ja.contains("出力を書き込めません"), "{ja}");

    // Loading a JSON that is not a plan: the same type again.
    let junk = dir.join("junk.json");
    std::fs::write(&junk, b"{\"not\": \"a plan\"}").unwrap();
    let e = dxplan::load_plan(&junk, &opts).unwrap_err();
    assert_eq!(e.path.as_deref(), Some(junk.as_path()));
    assert!(matches!(e.kind, ErrorKind::BadJson(_)), "{e:?}");
}

/// fixtures/kurayoshi-2025-06/scan/plan-p3-scanned.pdf: the list plan with
/// its page 3 (基本目標2) scanned. The text pages read exactly as the
/// fixture's expected.json has them; the scanned page is one `image_page`
/// warning naming it, not a silent gap.
#[test]
fn a_scanned_page_among_text_pages_is_named() {
    let input = fixture("kurayoshi-2025-06/scan/plan-p3-scanned.pdf");
    let (got, _) = convert_json(&input, "scanned-page");
    let warnings = got["warnings"].as_array().unwrap().clone();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["code"], "image_page");
    assert_eq!(warnings[0]["at"], "p.3");
    let mut stripped = got;
    strip_input_specific(&mut stripped);
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("kurayoshi-2025-06/expected.json")).unwrap())
            .unwrap();
    let want: Vec<&serde_json::Value> = expected["measures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["policy"] != 2)
        .collect();
    assert_eq!(want.len(), 5);
    let want = serde_json::Value::Array(want.into_iter().cloned().collect());
    let diffs = json_differences(&want, &stripped["measures"], 30);
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

/// `-o DIR` where a file is written (diff, history, report, inspect): the
/// line says -o names a file, with an example, not "Is a directory".
#[test]
fn dash_o_naming_a_folder_for_one_file_says_so() {
    let dir = temp_dir("o-folder");
    let plan = fixture("shiogama-2024-03/plan-ipaex.pdf");
    let plan = plan.to_str().unwrap();
    let d = dir.to_str().unwrap();
    for (args, example) in [
        (vec!["diff", plan, plan, "-o", d], "changes.txt"),
        (
            vec!["diff", plan, plan, "-o", d, "--format", "markdown"],
            "changes.md",
        ),
        (vec!["history", plan, "-o", d], "history.txt"),
        (vec!["report", plan, "-o", d], "report.html"),
        (vec!["inspect", plan, "-o", d], "page.svg"),
    ] {
        let o = dxplan(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        let want = format!(
            "dxplan: {d}: this is a folder, and -o names the file to write: give a file name, e.g. -o {}",
            dir.join(example).display()
        );
        assert_eq!(err.trim_end(), want, "{args:?}");
        let ja = dxplan_in_locale(&args, "ja_JP.UTF-8");
        let err = String::from_utf8_lossy(&ja.stderr);
        assert!(
            err.contains("はフォルダーです。-o には書き込むファイルの名前を指定してください"),
            "{err}"
        );
        assert!(!err.contains("os error"), "{err}");
    }
}

/// An empty file: the line says the download may have failed.
#[test]
fn an_empty_file_says_the_download_may_have_failed() {
    let f = TempFile::new("empty-plan", "plan.pdf", b"");
    let dir = temp_dir("empty-out");
    let args = ["convert", f.to_str().unwrap(), "-o", dir.to_str().unwrap()];
    let o = dxplan(&args);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("the file is empty (0 bytes): the download or copy may have failed"),
        "{err}"
    );
    let o = dxplan_in_locale(&args, "ja_JP.UTF-8");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ダウンロードかコピーに失敗したのかもしれません"),
        "{err}"
    );
}
