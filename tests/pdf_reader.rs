//! The PDF reader on real fixtures (skipped with a message when a fixture is
//! absent) and hostile inputs.

use std::path::{Path, PathBuf};

use dxplan::grid::Grid;
use dxplan::read::pdf;
use dxplan::{ErrorKind, ReadOptions};

fn fixture(rel: &str) -> Option<Vec<u8>> {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("skipped: fixture {} is absent", p.display());
            None
        }
    }
}

/// A grid as text: one line per row, cells separated by ` | `, merged
/// cells as `<text>{rows×cols}`, covered cells as `^`, fills as `#rrggbb`.
fn render(g: &Grid) -> String {
    let mut s = String::new();
    for r in 0..g.rows() {
        let cells: Vec<String> = g
            .row(r)
            .iter()
            .map(|c| {
                if c.covered_by.is_some() {
                    return "^".to_string();
                }
                let mut t = c.text.replace('\n', "⏎");
                if c.row_span > 1 || c.col_span > 1 {
                    t.push_str(&format!("{{{}×{}}}", c.row_span, c.col_span));
                }
                if let Some(f) = c.fill.filter(|f| !f.is_whitish()) {
                    t.push_str(&format!("#{:02x}{:02x}{:02x}", f.0, f.1, f.2));
                }
                t
            })
            .collect();
        s.push_str(&format!("{r:3}: {}\n", cells.join(" | ")));
    }
    s
}

/// `DXPLAN_PDF=path cargo test --test pdf_reader dump -- --ignored --nocapture`
#[test]
#[ignore]
fn dump() {
    let path = std::env::var("DXPLAN_PDF").expect("set DXPLAN_PDF");
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let doc = pdf::read(&bytes, &ReadOptions::default()).unwrap();
    eprintln!("read in {:?}", t.elapsed());
    let only: Option<usize> = std::env::var("DXPLAN_PAGE")
        .ok()
        .and_then(|p| p.parse().ok());
    for (i, g) in doc.grids.iter().enumerate() {
        if only.is_some_and(|p| p != i + 1) {
            continue;
        }
        println!(
            "=== page {} ({}×{})\n{}",
            i + 1,
            g.rows(),
            g.cols(),
            render(g)
        );
    }
    for w in &doc.warnings {
        println!("warning: {w:?}");
    }
}

#[test]
fn garbage_is_corrupt() {
    let e = pdf::read(
        b"%PDF-1.7\nthis is not a pdf at all",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(e, ErrorKind::Corrupt(ref m) if m.contains("damaged")),
        "{e}"
    );
}
