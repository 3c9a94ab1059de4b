//! The Excel and CSV writers on the Shiogama plan: read back by meaning
//! (calamine, csv), compared by bytes with committed golden files
//! (`DXPLAN_BLESS=1 cargo test --test writers` rewrites them), and the
//! edge cases: Shift_JIS misses, formula injection, 機種依存文字.

mod util;

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use dxplan::error::WriteError;
use dxplan::internals::normalize::era::fiscal_year_label;
use dxplan::model::{Plan, Value, Warning};
use dxplan::write::csv::{self as csvw, Encoding, Table};
use dxplan::write::xlsx;
use util::root;

// ---------------------------------------------------------------- helpers

fn plan() -> Plan {
    let path = root().join("tests/data/shiogama.plan.json");
    let bytes = std::fs::read(&path).expect("tests/data/shiogama.plan.json");
    serde_json::from_slice(&bytes).expect("a valid plan")
}

fn measure<'a>(plan: &'a mut Plan, id: &str) -> &'a mut dxplan::model::Measure {
    plan.measures.iter_mut().find(|m| m.id == id).expect(id)
}

/// Compare with a committed file under tests/golden/writers;
/// `DXPLAN_BLESS=1` writes it instead.
fn assert_golden(rel: &str, actual: &[u8]) {
    util::assert_golden(&root().join("tests/golden/writers").join(rel), actual);
}

fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let line = a[..at].iter().filter(|&&c| c == b'\n').count() + 1;
    format!(
        "{} vs {} bytes, first difference at byte {at} (line {line})",
        a.len(),
        b.len()
    )
}

fn xlsx_bytes(plan: &Plan) -> (Vec<u8>, Vec<Warning>) {
    let mut cur = Cursor::new(Vec::new());
    let warnings = xlsx::write(plan, &mut cur).expect("the workbook");
    (cur.into_inner(), warnings)
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

fn csv_bytes(plan: &Plan, t: Table, enc: Encoding) -> (Vec<u8>, Vec<Warning>) {
    let mut buf = Vec::new();
    let w = csvw::write(plan, t, enc, &mut buf).expect("the CSV");
    (buf, w)
}

/// Header and rows of a UTF-8 CSV, keyed by header.
fn csv_records(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let headers = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (headers, rows)
}

fn col(headers: &[String], name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// The rows of a sheet as calamine reads them; row 0 is the header.
fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
    let range = wb
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(|d| d.to_string()).collect()
}

/// Whether a cell shows this text (numbers as Excel's General format).
fn shows(d: &Data, text: &str) -> bool {
    match d {
        Data::Float(x) => x.to_string() == text,
        Data::String(s) => s == text,
        Data::Bool(b) => b.to_string() == text,
        _ => false,
    }
}

/// The first sheet row whose cells under the given headers have these texts.
fn find_row<'a>(rows: &'a [Vec<Data>], keys: &[(&str, &str)]) -> &'a [Data] {
    let h = header(rows);
    rows[1..]
        .iter()
        .find(|r| keys.iter().all(|(k, v)| shows(&r[col(&h, k)], v)))
        .unwrap_or_else(|| panic!("no row with {keys:?}"))
}

const ENCODINGS: [(Encoding, &str); 3] = [
    (Encoding::Utf8Bom, "utf-8-bom"),
    (Encoding::Utf8, "utf-8"),
    (Encoding::ShiftJis, "shift_jis"),
];

// ---------------------------------------------------------------- workbook

const SHEETS: [&str; 7] = [
    "施策",
    "スケジュール",
    "指標",
    "事業費",
    "基本方針",
    "メタデータ",
    "警告",
];

#[test]
fn workbook_has_the_sheets_and_headers() {
    let (bytes, warnings) = xlsx_bytes(&plan());
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut wb = open(&bytes);
    assert_eq!(wb.sheet_names(), SHEETS);
    let measures = sheet(&mut wb, "施策");
    assert_eq!(
        header(&measures),
        [
            "施策ID",
            "基本方針番号",
            "施策番号",
            "事業名",
            "内容",
            "効果",
            "現状と課題",
            "定性評価",
            "見直し・改善",
            "担当部署",
            "担当部署等あり",
            "出典",
            "全国地方公共団体コード",
            "都道府県名",
            "市区町村名"
        ]
    );
    assert_eq!(measures.len(), 1 + 15);
    let schedule = sheet(&mut wb, "スケジュール");
    let h = header(&schedule);
    assert_eq!(
        h[..5],
        [
            "施策ID",
            "事業名",
            "取組",
            "区分",
            "令和4年度\n第1四半期\n2022年4-6月"
        ]
    );
    assert_eq!(h[4 + 15], "令和7年度\n第4四半期\n2026年1-3月");
    assert_eq!(h.len(), 4 + 16 + 3);
    assert_eq!(header(&sheet(&mut wb, "事業費"))[4], "事業費（円）");
    assert_eq!(header(&sheet(&mut wb, "警告")), ["コード", "内容", "位置"]);
}

#[test]
fn workbook_values_are_typed() {
    let mut wb = open(&xlsx_bytes(&plan()).0);
    let costs = sheet(&mut wb, "事業費");
    let h = header(&costs);
    let row = find_row(&costs, &[("施策ID", "1-1"), ("年度", "2023")]);
    assert_eq!(row[col(&h, "事業費（円）")], Data::Float(4916000.0));
    assert_eq!(row[col(&h, "事業費（原文）")], Data::String("4,916".into()));
    assert_eq!(row[col(&h, "ゼロ予算")], Data::Bool(false));
    let row = find_row(&costs, &[("施策ID", "1-1"), ("年度", "2024")]);
    assert_eq!(row[col(&h, "事業費（円）")], Data::Empty);
    assert_eq!(
        row[col(&h, "事業費（注記）")],
        Data::String("R5一括支払い".into())
    );
    let measures = sheet(&mut wb, "施策");
    let row = find_row(&measures, &[("施策ID", "1-3")]);
    let hm = header(&measures);
    assert_eq!(
        row[col(&hm, "担当部署")],
        Data::String("会計課、財政課、政策課、市民課、税務課".into())
    );
    assert_eq!(row[col(&hm, "担当部署等あり")], Data::Bool(true));
    assert_eq!(row[col(&hm, "基本方針番号")], Data::Float(1.0));
}

#[test]
fn workbook_schedule_marks_the_planned_and_actual_periods() {
    let mut wb = open(&xlsx_bytes(&plan()).0);
    let rows = sheet(&mut wb, "スケジュール");
    let h = header(&rows);
    let planned = find_row(
        &rows,
        &[("施策ID", "1-1"), ("取組", "導入"), ("区分", "計画")],
    );
    let marked: Vec<&str> = h
        .iter()
        .zip(planned)
        .filter(|(_, d)| shows(d, "■"))
        .map(|(h, _)| h.as_str())
        .collect();
    assert_eq!(
        marked,
        [
            "令和5年度\n第1四半期\n2023年4-6月",
            "令和5年度\n第2四半期\n2023年7-9月",
            "令和5年度\n第3四半期\n2023年10-12月",
            "令和5年度\n第4四半期\n2024年1-3月"
        ]
    );
    let actual = find_row(
        &rows,
        &[
            ("施策ID", "1-1"),
            ("取組", "運用・活用拡大"),
            ("区分", "実績"),
        ],
    );
    assert!(actual[4..4 + 16].iter().all(|d| *d == Data::Empty));
}

#[test]
fn every_data_sheet_names_the_municipality() {
    let mut wb = open(&xlsx_bytes(&plan()).0);
    for name in ["施策", "スケジュール", "指標", "事業費", "基本方針"] {
        let rows = sheet(&mut wb, name);
        let h = header(&rows);
        assert_eq!(
            h[h.len() - 3..],
            ["全国地方公共団体コード", "都道府県名", "市区町村名"],
            "{name}"
        );
        assert!(rows.len() > 1, "{name} has rows");
        for r in &rows[1..] {
            let last: Vec<String> = r[r.len() - 3..].iter().map(|d| d.to_string()).collect();
            assert_eq!(last, ["042030", "宮城県", "塩竈市"], "{name}");
        }
    }
}

/// A part of the workbook as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut f = zip.by_name(name).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut f, &mut s).unwrap();
    s
}

#[test]
fn workbook_looks_like_the_offices_own() {
    let bytes = xlsx_bytes(&plan()).0;
    let styles = part(&bytes, "xl/styles.xml");
    // 游ゴシック with the Shift_JIS charset (a Japanese fallback elsewhere).
    assert!(styles.contains(r#"<name val="游ゴシック"/>"#), "{styles}");
    assert!(styles.contains(r#"<charset val="128"/>"#));
    assert!(!styles.contains("Calibri"), "{styles}");
    // Thin borders; a number format per kind of column.
    assert!(styles.contains(r#"<left style="thin">"#));
    assert!(styles.contains(r##"formatCode="#,##0""##));
    assert!(
        styles.contains(r##"formatCode="#,##0.0""##),
        "指標 values with one decimal"
    );
    // 施策 prints on A4 landscape, one page wide (a measure's row on one
    // page, not spread over a dozen), as many pages tall as it takes, the
    // header row repeated on each (print titles); 基本方針 fits one page
    // wide too.
    let measures = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        measures.contains(r#"<pageSetUpPr fitToPage="1"/>"#),
        "{measures}"
    );
    let setup = measures
        .split("<pageSetup ")
        .nth(1)
        .and_then(|s| s.split("/>").next())
        .expect("a pageSetup element");
    for attr in [
        r#"paperSize="9""#,
        r#"orientation="landscape""#,
        r#"fitToHeight="0""#,
    ] {
        assert!(setup.contains(attr), "{attr} not in <pageSetup {setup}/>");
    }
    // fitToWidth="1" is the default, which Excel leaves out.
    assert!(
        !setup.contains("fitToWidth") || setup.contains(r#"fitToWidth="1""#),
        "{setup}"
    );
    assert!(!setup.contains("scale="), "{setup}");
    assert!(measures.contains("<oddHeader>&amp;C&amp;A</oddHeader>"));
    let policies = part(&bytes, "xl/worksheets/sheet5.xml");
    assert!(
        policies.contains(r#"<pageSetUpPr fitToPage="1"/>"#),
        "{policies}"
    );
    // 和暦 beside 年度, centred.
    let h = header(&sheet(&mut open(&bytes), "事業費"));
    assert_eq!(h[col(&h, "年度") + 1], "和暦年度");
    let book = part(&bytes, "xl/workbook.xml");
    assert!(
        book.contains(
            r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">施策!$1:$1</definedName>"#
        ),
        "{book}"
    );
}

#[test]
fn workbook_indicators_and_metadata() {
    let mut wb = open(&xlsx_bytes(&plan()).0);
    let ind = sheet(&mut wb, "指標");
    let h = header(&ind);
    let row = find_row(&ind, &[("施策ID", "1-5"), ("年度", "2022")]);
    assert_eq!(row[col(&h, "単位")], Data::String("%".into()));
    assert_eq!(
        row[col(&h, "和暦年度")].to_string(),
        fiscal_year_label(2022)
    );
    let meta = sheet(&mut wb, "メタデータ");
    let value = |k: &str| find_row(&meta, &[("項目", k)])[1].to_string();
    assert_eq!(value("全国地方公共団体コード"), "042030");
    assert_eq!(value("作成ツールのバージョン"), env!("CARGO_PKG_VERSION"));
    assert_eq!(value("元ファイル名"), "plan.xlsx");
    assert_eq!(value("対象年度"), "2022、2023、2024、2025");
}

#[test]
fn workbook_has_a_table_per_sheet_and_no_merged_cells() {
    let mut wb = open(&xlsx_bytes(&plan()).0);
    wb.load_tables().unwrap();
    for name in SHEETS {
        assert_eq!(wb.table_names_in_sheet(name).len(), 1, "{name}");
        assert!(
            wb.merge_cells_by_sheet_name(name).unwrap().is_empty(),
            "{name}"
        );
    }
    let formulas = wb.worksheet_formula("施策").unwrap();
    assert!(formulas.cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn workbook_bytes_are_deterministic_and_golden() {
    let p = plan();
    let (a, _) = xlsx_bytes(&p);
    let (b, _) = xlsx_bytes(&p);
    assert!(a == b, "two runs differ: {}", first_difference(&a, &b));
    assert_golden("shiogama.xlsx", &a);
}

#[test]
fn workbook_lists_the_plan_warnings() {
    let mut p = plan();
    p.warnings.push(Warning::new(
        dxplan::model::WarningCode::UnreadableCell,
        "a cell could not be read",
        Some("1-2!D23".into()),
    ));
    let mut wb = open(&xlsx_bytes(&p).0);
    let rows = sheet(&mut wb, "警告");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][2], Data::String("1-2!D23".into()));
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_golden_every_table_every_encoding() {
    let p = plan();
    for (enc, dir) in ENCODINGS {
        for t in Table::ALL {
            let (bytes, warnings) = csv_bytes(&p, t, enc);
            assert!(warnings.is_empty(), "{warnings:?}");
            assert_golden(&format!("csv/{dir}/{}", t.file_name()), &bytes);
        }
    }
}

#[test]
fn csv_encodings_hold_the_same_text() {
    let p = plan();
    for t in Table::ALL {
        let (utf8, _) = csv_bytes(&p, t, Encoding::Utf8);
        let (bom, _) = csv_bytes(&p, t, Encoding::Utf8Bom);
        let (sjis, _) = csv_bytes(&p, t, Encoding::ShiftJis);
        assert_eq!(bom[..3], *b"\xEF\xBB\xBF");
        assert_eq!(bom[3..], utf8[..]);
        let (back, _, bad) = encoding_rs::SHIFT_JIS.decode(&sjis);
        assert!(!bad);
        // Shift_JIS holds the JIS dash where UTF-8 has U+2014.
        assert_eq!(
            back,
            String::from_utf8(utf8)
                .unwrap()
                .replace('\u{2014}', "\u{2015}")
        );
    }
}

#[test]
fn csv_rows_are_quoted_crlf_with_the_municipality_first() {
    let (bytes, _) = csv_bytes(&plan(), Table::Costs, Encoding::Utf8);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'));
    for line in text.split_terminator("\r\n") {
        assert!(line.starts_with('"') && line.ends_with('"'), "{line}");
    }
    let (h, rows) = csv_records(&bytes);
    assert_eq!(
        h[..4],
        [
            "全国地方公共団体コード",
            "都道府県名",
            "市区町村名",
            "改訂年月"
        ]
    );
    assert!(
        rows.iter()
            .all(|r| r[..4] == ["042030", "宮城県", "塩竈市", "2024-03"])
    );
    let row = rows
        .iter()
        .find(|r| r[col(&h, "施策ID")] == "1-1" && r[col(&h, "年度")] == "2023")
        .unwrap();
    assert_eq!(row[col(&h, "事業費（円）")], "4916000");
    let row = rows
        .iter()
        .find(|r| r[col(&h, "施策ID")] == "1-1" && r[col(&h, "年度")] == "2024")
        .unwrap();
    assert_eq!(row[col(&h, "事業費（円）")], "");
    assert_eq!(row[col(&h, "事業費（注記）")], "R5一括支払い");
}

#[test]
fn csv_schedule_is_long_form_with_dates() {
    let (bytes, _) = csv_bytes(&plan(), Table::Schedule, Encoding::Utf8);
    let (h, rows) = csv_records(&bytes);
    let first = &rows[0];
    let get = |r: &Vec<String>, k: &str| r[col(&h, k)].clone();
    assert_eq!(get(first, "施策ID"), "1-1");
    assert_eq!(get(first, "取組"), "対象手続きの見直し");
    assert_eq!(get(first, "区分"), "計画");
    assert_eq!(get(first, "期間"), "2022-Q1");
    assert_eq!(get(first, "年度"), "2022");
    assert_eq!(get(first, "四半期"), "1");
    assert_eq!(get(first, "開始日"), "2022-04-01");
    assert_eq!(get(first, "終了日"), "2022-06-30");
    let q4 = rows.iter().find(|r| get(r, "期間") == "2022-Q4").unwrap();
    assert_eq!(
        (get(q4, "開始日"), get(q4, "終了日")),
        ("2023-01-01".into(), "2023-03-31".into())
    );
    let marks: usize = plan()
        .measures
        .iter()
        .flat_map(|m| &m.schedule)
        .map(|a| a.plan.len() + a.actual.len())
        .sum();
    assert_eq!(rows.len(), marks);
}

#[test]
fn csv_era_column_follows_fiscal_year_label() {
    let p = plan();
    for t in [Table::Schedule, Table::Indicators, Table::Costs] {
        let (bytes, _) = csv_bytes(&p, t, Encoding::Utf8);
        let (h, rows) = csv_records(&bytes);
        assert!(!rows.is_empty());
        for r in rows {
            let fy: i32 = r[col(&h, "年度")].parse().unwrap();
            assert_eq!(
                r[col(&h, "和暦年度")],
                fiscal_year_label(fy),
                "{}",
                t.file_name()
            );
        }
    }
}

#[test]
fn shift_jis_names_the_cell_it_cannot_hold() {
    let mut p = plan();
    measure(&mut p, "1-2").review = Some("𠮷野家と連携する".into());
    let mut buf = Vec::new();
    let err = csvw::write(&p, Table::Measures, Encoding::ShiftJis, &mut buf).unwrap_err();
    assert!(
        matches!(&err, WriteError::NotShiftJis { file, row: 2, measure: Some(id), character: '𠮷', .. }
            if file == "measures.csv" && id == "1-2"),
        "{err:?}"
    );
    let msg = err.to_string();
    for part in [
        "measures.csv",
        "row 2",
        "施策ID 1-2",
        "見直し・改善",
        "𠮷",
        "U+20BB7",
    ] {
        assert!(msg.contains(part), "{part} not in {msg}");
    }
    assert!(buf.is_empty(), "nothing written on error");
    // UTF-8 holds it.
    let (bytes, _) = csv_bytes(&p, Table::Measures, Encoding::Utf8);
    assert!(String::from_utf8(bytes).unwrap().contains("𠮷野家"));
}

#[test]
fn shift_jis_names_an_emoji_in_an_activity() {
    let mut p = plan();
    measure(&mut p, "1-4").schedule[0].activity = "導入🙂".into();
    let mut buf = Vec::new();
    let msg = csvw::write(&p, Table::Schedule, Encoding::ShiftJis, &mut buf)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("schedule.csv")
            && msg.contains("施策ID 1-4")
            && msg.contains("取組")
            && msg.contains('🙂'),
        "{msg}"
    );
}

// ---------------------------------------------------------------- injection

fn hostile_plan() -> Plan {
    let mut p = plan();
    let m = measure(&mut p, "1-1");
    m.name = "=HYPERLINK(\"http://example.com\",\"x\")".into();
    m.description = Some("+1".into());
    m.effect = Some("@SUM(A1:A2)".into());
    m.review = Some("-x".into());
    m.qualitative_evaluation = Some("\tx".into());
    let cost = m.cost.as_mut().unwrap();
    cost.values.insert(
        2023,
        Value {
            raw: "-5".into(),
            value: Some(-5.0),
            note: None,
            at: None,
        },
    );
    p
}

#[test]
fn csv_neutralises_formulas_but_keeps_numbers() {
    let p = hostile_plan();
    let (bytes, _) = csv_bytes(&p, Table::Measures, Encoding::Utf8);
    let (h, rows) = csv_records(&bytes);
    let r = &rows[0];
    assert_eq!(
        r[col(&h, "事業名")],
        "'=HYPERLINK(\"http://example.com\",\"x\")"
    );
    assert_eq!(r[col(&h, "内容")], "'+1");
    assert_eq!(r[col(&h, "効果")], "'@SUM(A1:A2)");
    assert_eq!(r[col(&h, "見直し・改善")], "'-x");
    assert_eq!(r[col(&h, "定性評価")], "'\tx");
    let (bytes, _) = csv_bytes(&p, Table::Costs, Encoding::Utf8);
    let (h, rows) = csv_records(&bytes);
    let row = rows
        .iter()
        .find(|r| r[col(&h, "施策ID")] == "1-1" && r[col(&h, "年度")] == "2023")
        .unwrap();
    assert_eq!(row[col(&h, "事業費（円）")], "-5");
    assert_eq!(row[col(&h, "事業費（原文）")], "'-5");
}

#[test]
fn workbook_writes_hostile_text_as_text() {
    let p = hostile_plan();
    let mut wb = open(&xlsx_bytes(&p).0);
    let rows = sheet(&mut wb, "施策");
    let h = header(&rows);
    assert_eq!(
        rows[1][col(&h, "事業名")],
        Data::String("=HYPERLINK(\"http://example.com\",\"x\")".into())
    );
    assert_eq!(rows[1][col(&h, "内容")], Data::String("+1".into()));
    for name in SHEETS {
        let f = wb.worksheet_formula(name).unwrap();
        assert!(
            f.cells().all(|(_, _, f)| f.is_empty()),
            "a formula in {name}"
        );
    }
    let costs = sheet(&mut wb, "事業費");
    let row = find_row(&costs, &[("施策ID", "1-1"), ("年度", "2023")]);
    assert_eq!(row[col(&header(&costs), "事業費（円）")], Data::Float(-5.0));
}

// ---------------------------------------------------------------- 機種依存文字

#[test]
fn platform_dependent_characters_are_replaced_and_reported() {
    let mut p = plan();
    measure(&mut p, "1-1").name = "電子申請①の推進".into();
    measure(&mut p, "1-2").review = Some("㈱と連携しⅢ期へ".into());
    let (bytes, warnings) = csv_bytes(&p, Table::Measures, Encoding::ShiftJis);
    let text = encoding_rs::SHIFT_JIS.decode(&bytes).0.into_owned();
    assert!(text.contains("\"電子申請(1)の推進\""));
    assert!(text.contains("\"(株)と連携しIII期へ\""));
    assert!(!text.contains('①') && !text.contains('㈱'));
    let w = warnings
        .iter()
        .find(|w| w.message.contains('①'))
        .expect("a warning for ①");
    assert_eq!(w.code, "replaced_character");
    assert!(
        w.message.contains("(1)") && w.message.contains("事業名"),
        "{}",
        w.message
    );
    assert_eq!(w.at.as_deref(), Some("1-1!A3:S22"));
    assert_eq!(warnings.len(), 3, "{warnings:?}");

    let (xbytes, xwarnings) = xlsx_bytes(&p);
    let mut wb = open(&xbytes);
    let rows = sheet(&mut wb, "施策");
    assert_eq!(
        rows[1][col(&header(&rows), "事業名")],
        Data::String("電子申請(1)の推進".into())
    );
    assert!(xwarnings.contains(w), "the same warning from both writers");
    let listed = sheet(&mut wb, "警告");
    assert!(listed.iter().any(|r| r[1].to_string().contains('①')));
    // The plan itself is untouched (the JSON keeps the text as printed).
    assert_eq!(p.measures[0].name, "電子申請①の推進");
}

#[test]
fn a_value_reports_its_own_place() {
    let mut p = plan();
    let cost = measure(&mut p, "1-1").cost.as_mut().unwrap();
    cost.values.insert(
        2024,
        Value {
            raw: "㍻31一括".into(),
            value: None,
            note: Some("㍻31一括".into()),
            at: Some("1-1!F20".into()),
        },
    );
    let (bytes, warnings) = csv_bytes(&p, Table::Costs, Encoding::Utf8);
    assert!(String::from_utf8(bytes).unwrap().contains("\"平成31一括\""));
    assert_eq!(warnings.len(), 2, "raw and note: {warnings:?}");
    assert!(warnings.iter().all(|w| w.at.as_deref() == Some("1-1!F20")));
}

// ---------------------------------------------------------------- LibreOffice

#[test]
fn libreoffice_opens_the_workbook() {
    // A missing tool fails the test: .ci/run installs LibreOffice Calc.
    assert!(
        Command::new("soffice").arg("--version").output().is_ok(),
        "soffice (LibreOffice Calc) is not installed: apt-get install libreoffice-calc \
         (.ci/run does)"
    );
    let dir = util::temp_dir("writers-lo");
    let file = dir.join("plan.xlsx");
    std::fs::write(&file, xlsx_bytes(&plan()).0).unwrap();
    let status = soffice_to_csv(&dir, &file);
    let csv = dir.join("plan.csv");
    let text = std::fs::read(&csv).unwrap_or_default();
    assert!(status, "soffice failed to convert the workbook");
    assert!(!text.is_empty(), "soffice wrote no CSV");
    let text = String::from_utf8_lossy(&text);
    assert!(
        text.contains("施策ID") && text.contains("電子申請の推進"),
        "{text}"
    );
}

fn soffice_to_csv(dir: &Path, file: &Path) -> bool {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--norestore",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
        ])
        .arg(dir)
        .arg(file)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

// ---------------------------------------------------------------- limits and edges

#[test]
fn a_text_too_long_for_excel_names_the_cell() {
    let mut p = plan();
    measure(&mut p, "1-2").review = Some("あ".repeat(40_000));
    let err = xlsx::write(&p, Cursor::new(Vec::new()))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sheet 施策") && err.contains("cell I3"),
        "{err}"
    );
    // CSV has no such limit.
    assert!(csvw::write(&p, Table::Measures, Encoding::Utf8, Vec::new()).is_ok());
}

#[test]
fn an_empty_plan_writes_headers_only() {
    let mut p = plan();
    p.measures.clear();
    p.policies.clear();
    p.plan.municipality = None;
    let mut wb = open(&xlsx_bytes(&p).0);
    assert_eq!(sheet(&mut wb, "事業費").len(), 1);
    for t in Table::ALL {
        let (bytes, _) = csv_bytes(&p, t, Encoding::Utf8);
        let (h, rows) = csv_records(&bytes);
        assert_eq!(h[0], "全国地方公共団体コード");
        assert!(rows.is_empty(), "{}", t.file_name());
    }
}

/// Every CSV column holding a value that a spreadsheet opened by
/// double-click would turn into a date (`1-1`) or a number losing its
/// leading zero (`042030`) or its printed form (`4,916`) is named in the
/// import guidance of docs/csv.md, which says how to keep it text.
#[test]
fn csv_type_guessing_is_documented() {
    let doc = std::fs::read_to_string(root().join("docs/csv.md")).unwrap();
    let guide = doc
        .split("\n## ")
        .find(|s| s.starts_with("表計算ソフトで開くとき"))
        .expect("docs/csv.md has the import guidance section");
    assert!(
        guide.contains("Excel ブック") && guide.contains("テキスト"),
        "{guide}"
    );
    let date = regex::Regex::new(r"^\d{1,2}-\d{1,2}$").unwrap();
    let zero = regex::Regex::new(r"^0\d+$").unwrap();
    let grouped = regex::Regex::new(r"^\d{1,3}(,\d{3})+$").unwrap();
    let mut risky = std::collections::BTreeSet::new();
    for t in Table::ALL {
        let (bytes, _) = csv_bytes(&plan(), t, Encoding::Utf8);
        let (header, rows) = csv_records(&bytes);
        for r in &rows {
            for (h, v) in header.iter().zip(r) {
                if date.is_match(v) || zero.is_match(v) || grouped.is_match(v) {
                    risky.insert(h.clone());
                }
            }
        }
    }
    assert!(risky.contains("施策ID") && risky.contains("全国地方公共団体コード"));
    for h in &risky {
        let named =
            guide.contains(h.as_str()) || (h.ends_with("（原文）") && guide.contains("（原文）"));
        assert!(
            named,
            "{h}: a spreadsheet would change its values; docs/csv.md does not say"
        );
    }
}

#[test]
fn csv_columns_are_documented() {
    let doc = std::fs::read_to_string(root().join("docs/csv.md")).unwrap();
    let p = plan();
    for t in Table::ALL {
        let section = doc
            .split("\n## ")
            .find(|s| s.starts_with(t.file_name()))
            .unwrap_or_else(|| panic!("docs/csv.md has no section {}", t.file_name()));
        let (bytes, _) = csv_bytes(&p, t, Encoding::Utf8);
        for h in csv_records(&bytes).0.iter().skip(4) {
            assert!(
                section.contains(&format!("| {h} |")),
                "{h} of {} is not documented",
                t.file_name()
            );
        }
    }
    for h in [
        "全国地方公共団体コード",
        "都道府県名",
        "市区町村名",
        "改訂年月",
    ] {
        assert!(doc.contains(&format!("| {h} |")));
    }
}

// ---------------------------------------------------------------- several indicators

/// fixtures/shiwa-2026-10: measure 1-3 has three indicators and 現状と課題.
/// indicators.csv and the workbook's 指標 sheet hold every one of them,
/// numbered 1–3 (× its four fiscal years, targets as printed); the 施策
/// sheet and measures.csv carry 現状と課題.
#[test]
fn second_and_third_indicators_and_challenges_in_csv_and_workbook() {
    let path = root().join("fixtures/shiwa-2026-10/plan.xlsx");
    let p = dxplan::convert_path(&path, &dxplan::ReadOptions::default()).unwrap();
    let want: Vec<Vec<String>> = p.measures[2]
        .indicators
        .iter()
        .enumerate()
        .flat_map(|(n, i)| {
            i.target.iter().map(move |(fy, v)| {
                vec![
                    (n + 1).to_string(),
                    i.name.clone(),
                    fy.to_string(),
                    v.raw.clone(),
                ]
            })
        })
        .collect();
    assert_eq!(p.measures[2].id, "1-3");
    assert_eq!(want.len(), 3 * 4);
    assert_eq!(
        want[8][..2],
        ["3".to_string(), "決裁に要する平均日数".to_string()]
    );

    let (bytes, _) = csv_bytes(&p, Table::Indicators, Encoding::Utf8);
    let (h, rows) = csv_records(&bytes);
    let pick = |r: &Vec<String>| {
        ["指標番号", "指標名", "年度", "目標値（原文）"]
            .map(|c| r[col(&h, c)].clone())
            .to_vec()
    };
    let got: Vec<Vec<String>> = rows
        .iter()
        .filter(|r| r[col(&h, "施策ID")] == "1-3")
        .map(pick)
        .collect();
    assert_eq!(got, want, "indicators.csv");

    let mut wb = open(&xlsx_bytes(&p).0);
    let ind = sheet(&mut wb, "指標");
    let hx = header(&ind);
    let got: Vec<Vec<String>> = ind[1..]
        .iter()
        .filter(|r| shows(&r[col(&hx, "施策ID")], "1-3"))
        .map(|r| {
            ["指標番号", "指標名", "年度", "目標値（原文）"]
                .map(|c| r[col(&hx, c)].to_string())
                .to_vec()
        })
        .collect();
    assert_eq!(got, want, "the workbook's 指標 sheet");

    let challenges = p.measures[2]
        .challenges
        .clone()
        .expect("1-3 has 現状と課題");
    let measures = sheet(&mut wb, "施策");
    let hm = header(&measures);
    let row = measures
        .iter()
        .find(|r| shows(&r[0], "1-3"))
        .expect("1-3 on the 施策 sheet");
    assert_eq!(
        row[col(&hm, "現状と課題")],
        Data::String(challenges.clone())
    );
    let (bytes, _) = csv_bytes(&p, Table::Measures, Encoding::Utf8);
    let (h, rows) = csv_records(&bytes);
    let row = rows.iter().find(|r| r[col(&h, "施策ID")] == "1-3").unwrap();
    assert_eq!(row[col(&h, "現状と課題")], challenges);
}
