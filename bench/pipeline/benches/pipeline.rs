//! Criterion benchmarks of each pipeline stage on the committed Shiogama
//! fixtures: the PDF and spreadsheet readers, the recogniser and every
//! writer. A stage that is missing (its fixture absent, or its code returning
//! an error) prints one line and is skipped, so the suite runs on any branch.
//!
//! Run: `cargo bench --manifest-path bench/pipeline/Cargo.toml` (or
//! `-- read_pdf` for one group). A package of its own, so that criterion is
//! not compiled by the main crate's `cargo test`.

use std::hint::black_box;
use std::io::Cursor;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use dxplan::internals::read::{Document, InputFormat, ReadOptions, read_bytes};
use dxplan::write::csv::{Encoding, Table};
use dxplan::internals::recognize;
use dxplan::{Plan, convert_bytes};

/// The fixtures, by file name and format.
const FIXTURES: [(&str, InputFormat); 4] = [
    ("plan-ipaex.pdf", InputFormat::Pdf),
    ("plan.xlsx", InputFormat::Xlsx),
    ("plan.xls", InputFormat::Xls),
    ("plan.ods", InputFormat::Ods),
];

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/shiogama-2024-03")
        .join(name)
}

/// The bytes of a fixture, or `None` (said on stderr) when it is absent.
fn load(name: &str) -> Option<Vec<u8>> {
    match std::fs::read(fixture_path(name)) {
        Ok(b) => Some(b),
        Err(e) => skip(name, "load", &e),
    }
}

fn skip<T>(name: &str, stage: &str, why: &dyn std::fmt::Display) -> Option<T> {
    eprintln!("skipping {stage} on {name}: {why}");
    None
}

fn read_doc(name: &str, bytes: &[u8], format: InputFormat) -> Option<Document> {
    read_bytes(bytes, format, &ReadOptions::default())
        .map_err(|e| skip::<()>(name, "read", &e))
        .ok()
}

fn plan_of(name: &str, bytes: &[u8], format: InputFormat) -> Option<Plan> {
    convert_bytes(bytes, name, format, &ReadOptions::default())
        .map_err(|e| skip::<()>(name, "convert", &e))
        .ok()
}

fn bench_read(c: &mut Criterion) {
    for (name, format) in FIXTURES {
        let Some(bytes) = load(name) else { continue };
        if read_doc(name, &bytes, format).is_none() {
            continue;
        }
        let id = format!("read_{}/{name}", format.name());
        c.bench_function(&id, |b| {
            b.iter(|| read_bytes(black_box(&bytes), format, &ReadOptions::default()))
        });
    }
}

fn bench_recognize(c: &mut Criterion) {
    for (name, format) in FIXTURES {
        let Some(bytes) = load(name) else { continue };
        let Some(doc) = read_doc(name, &bytes, format) else {
            continue;
        };
        if let Err(e) = recognize::recognize(&doc) {
            skip::<()>(name, "recognize", &e);
            continue;
        }
        c.bench_function(&format!("recognize/{name}"), |b| {
            b.iter(|| recognize::recognize(black_box(&doc)))
        });
    }
}

fn bench_writers(c: &mut Criterion) {
    for (name, format) in FIXTURES {
        let Some(bytes) = load(name) else { continue };
        let Some(plan) = plan_of(name, &bytes, format) else {
            continue;
        };
        bench_json(c, name, &plan);
        bench_xlsx(c, name, &plan);
        for table in Table::ALL {
            bench_csv(c, name, &plan, table);
        }
    }
}

fn bench_json(c: &mut Criterion, name: &str, plan: &Plan) {
    let run = |plan: &Plan| {
        let mut buf = Vec::with_capacity(64 << 10);
        dxplan::write::json::write(plan, &mut buf).map(|()| buf)
    };
    if let Err(e) = run(plan) {
        skip::<()>(name, "write_json", &e);
        return;
    }
    c.bench_function(&format!("write_json/{name}"), |b| {
        b.iter(|| run(black_box(plan)))
    });
}

fn bench_xlsx(c: &mut Criterion, name: &str, plan: &Plan) {
    let run = |plan: &Plan| dxplan::write::xlsx::write(plan, Cursor::new(Vec::new()));
    if let Err(e) = run(plan) {
        skip::<()>(name, "write_xlsx", &e);
        return;
    }
    c.bench_function(&format!("write_xlsx/{name}"), |b| {
        b.iter(|| run(black_box(plan)))
    });
}

fn bench_csv(c: &mut Criterion, name: &str, plan: &Plan, table: Table) {
    let run = |plan: &Plan| {
        let mut buf = Vec::with_capacity(16 << 10);
        dxplan::write::csv::write(plan, table, Encoding::Utf8Bom, &mut buf).map(|_| buf)
    };
    let stage = format!("write_csv/{}", table.file_name());
    if let Err(e) = run(plan) {
        skip::<()>(name, &stage, &e);
        return;
    }
    c.bench_function(&format!("{stage}/{name}"), |b| {
        b.iter(|| run(black_box(plan)))
    });
}

criterion_group! {
    name = stages;
    config = Criterion::default().sample_size(30);
    targets = bench_read, bench_recognize, bench_writers
}
criterion_main!(stages);
