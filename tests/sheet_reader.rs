//! The spreadsheet reader over the real Shiogama fixtures: the same plan as
//! XLSX, XLS, ODS and Excel 95 XLS must give the same sheets and texts.
//!
//! Each test is skipped, with a message, when its fixture is absent.
//! `DXPLAN_FIXTURES` overrides the fixtures folder (default: `fixtures/`).
//! `DXPLAN_DUMP=path cargo test --test sheet_reader dump -- --ignored
//! --nocapture` prints every non-empty cell of a workbook.

use std::path::{Path, PathBuf};

use dxplan::read::{Document, InputFormat, ReadOptions, read_bytes};

fn fixture(name: &str) -> Option<PathBuf> {
    let root = std::env::var_os("DXPLAN_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"));
    let path = root.join("shiogama-2024-03").join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: fixture {} is absent", path.display());
        None
    }
}

fn read_path(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let format = InputFormat::from_path(path).unwrap();
    read_bytes(&bytes, format, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_fixture(name: &str) -> Option<Document> {
    fixture(name).map(|p| read_path(&p))
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
