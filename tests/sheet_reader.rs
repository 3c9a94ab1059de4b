//! The spreadsheet reader over the real Shiogama fixtures: the same plan as
//! XLSX, XLS, ODS and Excel 95 XLS must give the same sheets and texts.
//!
//! A missing fixture fails the test (they are committed).
//! `DXPLAN_FIXTURES` overrides the fixtures folder (default: `fixtures/`).
//! `DXPLAN_DUMP=path cargo test --test sheet_reader dump -- --ignored
//! --nocapture` prints every non-empty cell of a workbook.

mod util;

use std::path::{Path, PathBuf};

use dxplan::error::ReadError;
use dxplan::internals::grid::{Grid, Origin};
use dxplan::internals::read::{Document, InputFormat, ReadOptions, read_bytes};

fn fixture(name: &str) -> PathBuf {
    let root = std::env::var_os("DXPLAN_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"));
    let path = root.join("shiogama-2024-03").join(name);
    // Fixtures are committed: a missing one is a failure, not a skip.
    assert!(path.exists(), "fixture {} is missing", path.display());
    path
}

fn read_path(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let format = InputFormat::from_path(path).unwrap();
    read_bytes(&bytes, format, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_fixture(name: &str) -> Document {
    read_path(&fixture(name))
}

/// Every non-empty cell and every merge: (place, text, row span, col span).
fn cells(doc: &Document) -> Vec<(String, String, u32, u32)> {
    let mut out = Vec::new();
    for g in &doc.grids {
        for r in 0..g.rows() {
            for c in g.row(r) {
                if !c.text.is_empty() || (c.row_span, c.col_span) != (1, 1) {
                    out.push((c.at.short(), c.text.clone(), c.row_span, c.col_span));
                }
            }
        }
    }
    out
}

fn sheet<'a>(doc: &'a Document, name: &str) -> &'a Grid {
    doc.grids
        .iter()
        .find(|g| g.origin == Origin::Sheet(name.into()))
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

/// What every format of the plan must give.
fn assert_plan(doc: &Document, label: &str) {
    let names = doc.sheets.as_ref().expect("sheet names");
    assert_eq!(names.len(), 17, "{label}: {names:?}");
    assert_eq!(&names[..3], ["表紙", "取り組み方針", "1-1"], "{label}");
    assert_eq!(names.last().map(String::as_str), Some("3-2"), "{label}");
    assert_eq!(doc.grids.len(), 17, "{label}");
    assert_eq!(doc.pages, None);
    let g = sheet(doc, "1-1");
    assert_eq!(g.text(2, 0), "事業名", "{label}");
    assert_eq!(g.text(2, 1), "電子申請の推進", "{label}");
    assert_eq!(g.get(2, 1).unwrap().at.short(), "1-1!B3");
    assert_eq!(g.get(2, 1).unwrap().col_span, 18, "{label}");
    assert!(
        g.text(3, 1).contains("図るもの。\n導入している"),
        "{label}: line break"
    );
    let year = g.get(5, 3).unwrap();
    assert_eq!((year.text.as_str(), year.col_span), ("R 4", 4), "{label}");
    assert_eq!(g.anchor_of(5, 6), (5, 3), "{label}");
    assert_eq!(g.get(5, 0).unwrap().row_span, 7, "{label}: スケジュール");
    assert_eq!(g.text(14, 7), "4,916", "{label}: 1-1!H15");
    assert!(doc.warnings.is_empty(), "{label}: {:?}", doc.warnings);
}

#[test]
fn plan_xlsx() {
    let doc = read_fixture("plan.xlsx");
    assert_plan(&doc, "xlsx");
    let filled = doc
        .grids
        .iter()
        .flat_map(|g| (0..g.rows()).flat_map(move |r| g.row(r)));
    assert_eq!(
        filled.filter(|c| c.is_filled()).count(),
        0,
        "marks are ■, not fills"
    );
}

/// The first difference between two cell lists, for a readable failure.
fn assert_same_cells(
    got: &[(String, String, u32, u32)],
    want: &[(String, String, u32, u32)],
    label: &str,
) {
    if let Some(i) = (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i)) {
        panic!(
            "{label}: cell {i} is {:?}, the xlsx has {:?}",
            got.get(i),
            want.get(i)
        );
    }
}

#[test]
fn plan_xls_and_ods_read_like_the_xlsx() {
    let xlsx = read_fixture("plan.xlsx");
    for name in ["plan.xls", "plan.ods"] {
        let doc = read_fixture(name);
        assert_plan(&doc, name);
        assert_same_cells(&cells(&doc), &cells(&xlsx), name);
    }
}

/// The Excel 95 file stores text in Shift_JIS (code page 932), which has no
/// EM DASH: Excel writes it as the HORIZONTAL BAR, and so it reads back.
#[test]
fn plan_excel95_reads_like_the_xlsx_in_shift_jis() {
    let (xlsx, doc) = (read_fixture("plan.xlsx"), read_fixture("plan-excel95.xls"));
    assert_plan(&doc, "excel95");
    let sjis = |cells: Vec<(String, String, u32, u32)>| -> Vec<_> {
        cells
            .into_iter()
            .map(|(at, text, r, c)| (at, text.replace('\u{2014}', "\u{2015}"), r, c))
            .collect()
    };
    assert_eq!(sheet(&doc, "1-1").text(13, 3), "\u{2015}", "1-1!D14");
    assert_same_cells(&cells(&doc), &sjis(cells(&xlsx)), "excel95");
}

/// Every table stacked on one sheet, a manual page break before each.
#[test]
fn plan_onesheet_keeps_its_page_breaks() {
    let doc = read_fixture("plan-onesheet.xlsx");
    assert_eq!(doc.sheets, Some(vec!["アクションプラン".to_string()]));
    let g = &doc.grids[0];
    assert_eq!(g.page_breaks.len(), 16, "{:?}", g.page_breaks);
    assert_eq!(&g.page_breaks[..3], [6, 19, 38]);
    assert_eq!(g.text(6, 0), "5. 取り組み方針");
    for &row in &g.page_breaks[1..] {
        assert_eq!(g.text(row, 0), "6. 具体的な事業", "row {row}");
    }
    assert_eq!(g.text(21, 0), "事業名");
    assert_eq!(g.text(21, 1), "電子申請の推進");
}

/// The shaded variant marks the schedule with fills where plan.xlsx has ■.
#[test]
fn plan_shaded_has_fills_where_the_plan_has_marks() {
    let (plain, shaded) = (read_fixture("plan.xlsx"), read_fixture("plan-shaded.xlsx"));
    let places =
        |doc: &Document, keep: &dyn Fn(&dxplan::internals::grid::Cell) -> bool| -> Vec<String> {
            doc.grids
                .iter()
                .flat_map(|g| (0..g.rows()).flat_map(move |r| g.row(r)))
                .filter(|c| keep(c))
                .map(|c| c.at.short())
                .collect()
        };
    let marks = places(&plain, &|c| c.text == "■");
    let fills = places(&shaded, &|c| c.is_filled());
    assert_eq!(marks.len(), 304);
    assert_eq!(fills, marks);
    let cell = sheet(&shaded, "1-1").get(6, 3).unwrap();
    assert_eq!((cell.text.as_str(), cell.is_filled()), ("", true), "1-1!D7");
}

/// A sheet over `--max-cells` is refused, by name, in every format (for
/// XLS and ODS before calamine expands it).
#[test]
fn max_cells_names_the_first_sheet_over_it() {
    let mut opts = ReadOptions::default();
    opts.limits.max_cells = 100; // 表紙 is 5×19, 取り組み方針 12×19
    for name in ["plan.xlsx", "plan.xls", "plan.ods", "plan-excel95.xls"] {
        let path = fixture(name);
        let bytes = std::fs::read(&path).unwrap();
        let format = InputFormat::from_path(&path).unwrap();
        match read_bytes(&bytes, format, &opts) {
            Err(ReadError::Limit { what, which, limit }) => {
                assert_eq!((which, limit), (dxplan::error::Limit::Cells, 100), "{name}");
                assert!(
                    what.to_string().contains("取り組み方針") && what.to_string().contains("228"),
                    "{name}: {what}"
                );
            }
            other => panic!("{name}: expected the cell limit, got {other:?}"),
        }
    }
}

/// The library panics the reader's guard meets on the damaged copies that
/// `damaged_fixtures_never_panic` makes, each by its input (fixture and
/// round) and where it panics. Each is a bug in that library, to report
/// upstream with the input (the test keeps its bytes when the entry does
/// not match); the guard turns it into `ReadError::ParserFailed`. Any
/// other caught panic, dxplan's own above all, fails the test, and so does
/// an entry no longer met (a library upgrade may fix it: remove it then).
///
/// None is filed yet; each comment is the report for
/// <https://github.com/tafia/calamine/issues> (the bytes: run this test
/// with the entry removed).
const KNOWN_LIBRARY_PANICS: &[KnownPanic] = &[
    // calamine 0.38.0, Xls::parse_workbook: a BOUNDSHEET record's stream
    // offset is used unchecked, `&stream[pos..]` with pos past the end
    // ("range start index 285244222 out of range for slice of length
    // 56516"); should be XlsError::Unrecognized or similar.
    KnownPanic {
        fixture: "plan.xls",
        round: 11,
        at: "calamine-0.38.0/src/xls.rs:633:",
    },
    // calamine 0.38.0, parse_defined_name: a NAME record's formula length
    // (cce) larger than the record, `r.data.len() - cce` ("attempt to
    // subtract with overflow" in debug builds, an out-of-range slice in
    // release).
    KnownPanic {
        fixture: "plan.xls",
        round: 52,
        at: "calamine-0.38.0/src/xls.rs:850:",
    },
    // calamine 0.38.0, get_row_and_optional_column: a cell reference with
    // a long run of column letters, `col * 26 + …` on a u32 ("attempt to
    // multiply with overflow"); should be XlsxError::Alphanumeric.
    KnownPanic {
        fixture: "plan.xlsx",
        round: 68,
        at: "calamine-0.38.0/src/xlsx/mod.rs:3096:",
    },
    // The BOUNDSHEET offset bug above, in an Excel 95 (BIFF5) workbook.
    KnownPanic {
        fixture: "plan-excel95.xls",
        round: 94,
        at: "calamine-0.38.0/src/xls.rs:633:",
    },
];

/// A caught panic the never-panic test accepts: on this input, at this
/// place (`crate-version/src/file.rs:line:column`).
struct KnownPanic {
    fixture: &'static str,
    round: usize,
    at: &'static str,
}

/// Overwrite a few bytes or cut the tail of each fixture, many times over:
/// every result must be a document or an error, never a panic, not even
/// one the reader's guard catches, unless it is a library bug listed in
/// [`KNOWN_LIBRARY_PANICS`] for that very input.
///
/// With `DXPLAN_INJECT_PANIC=sheet` (feature `fault-injection`) every
/// round is a caught panic in `src/read/sheet/mod.rs` and this fails
/// (BENCHMARKS.md, "Injected panics").
#[test]
fn damaged_fixtures_never_panic() {
    let mut seed = 7u64;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize
    };
    let mut met = Vec::new();
    for name in [
        "plan.xls",
        "plan.xlsx",
        "plan.ods",
        "plan-excel95.xls",
        "plan-shaded.xlsx",
    ] {
        let path = fixture(name);
        let good = std::fs::read(&path).unwrap();
        let format = InputFormat::from_path(&path).unwrap();
        for round in 0..100 {
            let mut bytes = good.clone();
            for _ in 0..1 + next() % 8 {
                let at = next() % bytes.len();
                bytes[at] = next() as u8;
            }
            if next() % 4 == 0 {
                bytes.truncate(1 + next() % bytes.len());
            }
            let Err(ReadError::ParserFailed { panic, .. }) =
                read_bytes(&bytes, format, &ReadOptions::default())
            else {
                continue;
            };
            let known = KNOWN_LIBRARY_PANICS
                .iter()
                .position(|k| k.fixture == name && k.round == round && panic.at.contains(k.at));
            match known {
                Some(k) => met.push(k),
                None => {
                    let kept = Path::new(env!("CARGO_TARGET_TMPDIR"))
                        .join(format!("dxplan-panic-{round}-{name}"));
                    let _ = std::fs::write(&kept, &bytes);
                    panic!(
                        "{name}, round {round}: a caught panic at {} ({:?}); the bytes are in {}",
                        panic.at,
                        panic.message,
                        kept.display()
                    );
                }
            }
        }
    }
    let unmet: Vec<String> = (0..KNOWN_LIBRARY_PANICS.len())
        .filter(|i| !met.contains(i))
        .map(|i| {
            let k = &KNOWN_LIBRARY_PANICS[i];
            format!("{} round {} at {}", k.fixture, k.round, k.at)
        })
        .collect();
    assert!(
        unmet.is_empty(),
        "known library panics no longer met (remove them): {unmet:?}"
    );
}

#[test]
#[ignore = "a debugging aid: set DXPLAN_DUMP to a workbook path"]
fn dump() {
    let Some(path) = std::env::var_os("DXPLAN_DUMP") else {
        return;
    };
    let doc = read_path(Path::new(&path));
    for g in &doc.grids {
        println!(
            "== {:?} {}x{} breaks {:?}",
            g.origin,
            g.rows(),
            g.cols(),
            g.page_breaks
        );
        for r in 0..g.rows() {
            for cell in g.row(r) {
                let span = (cell.row_span, cell.col_span);
                if !cell.text.is_empty() || cell.fill.is_some() || span != (1, 1) {
                    println!(
                        "{} {:?} span {:?} fill {:?}",
                        cell.at, cell.text, span, cell.fill
                    );
                }
            }
        }
    }
    for w in &doc.warnings {
        println!("warning {w:?}");
    }
}

// ---- probes: workbooks from fixtures/probes/make_probes.py (issue 12).

fn probe(name: &str) -> Result<Document, ReadError> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/probes")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("probe {}: {e}", path.display()));
    let format = InputFormat::from_path(&path).unwrap();
    read_bytes(&bytes, format, &ReadOptions::default())
}

#[test]
fn probe_formatting_out_to_xfd1048576_is_not_content() {
    let doc = probe("styled-to-xfd.xlsx").unwrap();
    let g = &doc.grids[0];
    assert_eq!((g.rows(), g.cols()), (2, 2));
    assert_eq!(g.text(1, 0), "電子申請の推進");
}

#[test]
fn probe_password_protected_workbooks_say_so() {
    for name in ["protected.xlsx", "protected.ods", "protected.xls"] {
        let e = probe(name).unwrap_err().to_string();
        assert!(
            e.contains("protected by a password") && e.contains("save an unprotected copy"),
            "{name}: {e}"
        );
    }
}

#[test]
fn probe_workbook_stream_name_in_capitals() {
    let doc = probe("uppercase-workbook-stream.xls").unwrap();
    assert_eq!(doc.grids[0].text(0, 0), "事業名");
}

#[test]
fn probe_excel_4_workbook_is_named() {
    let e = probe("biff4.xls").unwrap_err().to_string();
    assert!(e.contains("Excel 4.0 workbook (BIFF4)"), "{e}");
}
