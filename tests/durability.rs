//! What survives a crash (docs/durability.md): a run killed at any moment
//! leaves every output either as it was before the run or complete, never
//! empty or cut short; a failed write leaves the earlier files as they were.

mod util;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use util::{fixture, temp_dir};

const PREVIOUS: &[u8] = b"previous run\n";
const CSV_NAMES: [&str; 4] = [
    "measures.csv",
    "schedule.csv",
    "indicators.csv",
    "costs.csv",
];

/// The files one input's outputs are: JSON, workbook, four CSVs.
fn outputs(out: &Path, stem: &str) -> Vec<PathBuf> {
    let mut v = vec![
        out.join(format!("{stem}.json")),
        out.join(format!("{stem}.xlsx")),
    ];
    v.extend(CSV_NAMES.iter().map(|n| out.join(stem).join(n)));
    v
}

/// A complete output of this run: JSON that parses and names its input,
/// a ZIP with its end record, CSV that starts with the BOM and ends with
/// a line end.
fn complete(path: &Path, bytes: &[u8], stem: &str) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_slice::<serde_json::Value>(bytes)
            .is_ok_and(|v| v["source"]["file"] == format!("{stem}.xlsx")),
        Some("xlsx") => {
            bytes.starts_with(b"PK\x03\x04")
                && bytes.len() > 22
                && bytes[bytes.len() - 22..].starts_with(b"PK\x05\x06")
        }
        Some("csv") => bytes.starts_with("\u{feff}".as_bytes()) && bytes.ends_with(b"\r\n"),
        _ => false,
    }
}

#[test]
fn a_killed_run_leaves_each_output_as_it_was_or_complete() {
    let dir = temp_dir("killed-run");
    let (input_dir, out) = (dir.join("in"), dir.join("out"));
    std::fs::create_dir_all(&input_dir).unwrap();
    let source = std::fs::read(fixture("hakuba-2025-04/plan.xlsx")).unwrap();
    let stems: Vec<String> = (0..300).map(|i| format!("plan{i:03}")).collect();
    let mut inputs = Vec::new();
    for stem in &stems {
        let p = input_dir.join(format!("{stem}.xlsx"));
        std::fs::write(&p, &source).unwrap();
        inputs.push(p);
        // An earlier run's outputs, which the new run replaces one by one.
        for o in outputs(&out, stem) {
            std::fs::create_dir_all(o.parent().unwrap()).unwrap();
            std::fs::write(&o, PREVIOUS).unwrap();
        }
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .arg("convert")
        .args(&inputs)
        .args(["-o".as_ref(), out.as_os_str()])
        .args(["--jobs", "2", "-q"])
        .env("LANG", "C")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dxplan");

    // Kill it once a few inputs are done, in the middle of the run.
    let start = Instant::now();
    let replaced = |stem: &String| {
        std::fs::metadata(out.join(format!("{stem}.json")))
            .is_ok_and(|m| m.len() != PREVIOUS.len() as u64)
    };
    while stems.iter().filter(|s| replaced(s)).count() < 20 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be killed"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no output after two minutes"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run ended before it could be killed"
    );
    let pid = child.id();
    child.kill().unwrap();
    child.wait().unwrap();

    let (mut new, mut old) = (0, 0);
    for stem in &stems {
        for o in outputs(&out, stem) {
            let bytes = std::fs::read(&o).unwrap_or_else(|e| panic!("{}: {e}", o.display()));
            if bytes == PREVIOUS {
                old += 1;
            } else {
                assert!(complete(&o, &bytes, stem), "{} is cut short", o.display());
                new += 1;
            }
        }
    }
    // 20 JSON files were replaced before the kill; the sets of the two
    // inputs in flight may have been killed between their renames.
    assert!(new >= (20 - 2) * 6, "only {new} outputs replaced");
    assert!(
        old > 0,
        "every output was replaced: the kill came too late to test anything"
    );

    // What may be left: the hidden temporary files of the inputs in flight.
    let mut temps = Vec::new();
    for entry in walk(&out) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".tmp") {
            assert!(
                name.starts_with('.') && name.ends_with(&format!(".{pid}.tmp")),
                "unexpected file {}",
                entry.display()
            );
            temps.push(entry);
        }
    }
    assert!(temps.len() <= 2 * 6, "{} temporary files left", temps.len());

    // Run again: everything is converted and the same as a clean run, and
    // the killed run's temporary files are gone (said when there were any).
    let again = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .arg("convert")
        .args(&inputs)
        .args(["-o".as_ref(), out.as_os_str()])
        .args(["--jobs", "2", "--lang", "en"])
        .env("LANG", "C")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{said}");
    let left: Vec<PathBuf> = walk(&out)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert_eq!(
        left,
        Vec::<PathBuf>::new(),
        "temporary files after the rerun"
    );
    let note = format!(
        "removed {} hidden temporary file(s) that an interrupted earlier run left",
        temps.len()
    );
    assert_eq!(
        said.contains(&note),
        !temps.is_empty(),
        "{note:?} in {said}"
    );
    for stem in &stems {
        for o in outputs(&out, stem) {
            let bytes = std::fs::read(&o).unwrap();
            assert!(
                complete(&o, &bytes, stem),
                "{} after the rerun",
                o.display()
            );
        }
    }
}

/// A write that fails half-way (here: a CSV folder that cannot be made
/// because a file has its name) changes none of the input's files.
#[test]
fn a_failed_write_changes_no_earlier_output() {
    let dir = temp_dir("failed-write");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let input = dir.join("plan.xlsx");
    std::fs::copy(fixture("hakuba-2025-04/plan.xlsx"), &input).unwrap();
    std::fs::write(out.join("plan.json"), PREVIOUS).unwrap();
    std::fs::write(out.join("plan.xlsx"), PREVIOUS).unwrap();
    // `out/plan` should be the CSV folder; a file is in the way.
    std::fs::write(out.join("plan"), PREVIOUS).unwrap();
    let run = util::dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("plan"), "{stderr}");
    for name in ["plan.json", "plan.xlsx", "plan"] {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            PREVIOUS,
            "{name} changed"
        );
    }
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 3, "temporary files left: {left:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
