//! `dxplan convert` over a folder tree: several cities and editions, equal
//! file names in different folders, a folder named like a file (`R6.3`),
//! files that are not plans; mirrored outputs, the catalogue, and reruns
//! that skip what did not change.

mod util;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use util::*;

/// (path in the tree, committed fixture it copies).
const TREE: &[(&str, &str)] = &[
    ("shiogama/R5.9/plan.pdf", "shiogama-2023-09/plan.pdf"),
    ("shiogama/R6.3/plan.pdf", "shiogama-2024-03/plan-ipaex.pdf"),
    ("shiogama/R6.3/plan.xlsx", "shiogama-2024-03/plan.xlsx"),
    ("fujieda/R7.3/plan.xlsx", "fujieda-2025-03/plan.xlsx"),
    ("hakuba/plan.xls", "hakuba-2025-04/plan.xls"),
    ("niseko/R8.6/plan.ods", "niseko-2026-06/plan.ods"),
    ("fujieda/R7.3/minutes.xlsx", "bad/no-plan.xlsx"),
];

fn build_tree(root: &Path) {
    for (to, from) in TREE {
        let to = root.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture(from), &to).unwrap();
    }
    std::fs::write(root.join("shiogama/README.txt"), "editions of the plan\n").unwrap();
}

fn convert(args: &[&Path], out: &Path) -> (i32, String) {
    let mut a: Vec<&str> = vec!["convert"];
    a.extend(args.iter().map(|p| p.to_str().unwrap()));
    a.extend(["-o", out.to_str().unwrap(), "--to", "json,csv", "-q"]);
    let o = dxplan(&a);
    (
        o.status.code().unwrap(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn catalog(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("catalog.json")).unwrap()).unwrap()
}

fn entry<'a>(cat: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    cat["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == path)
        .unwrap_or_else(|| panic!("{path} not in the catalogue"))
}

fn outcomes(cat: &serde_json::Value) -> Vec<(String, String)> {
    cat["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn modified(p: &Path) -> SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

fn plan_json(p: PathBuf) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(&p).unwrap_or_else(|_| panic!("{} missing", p.display())))
        .unwrap()
}

#[test]
fn a_folder_tree_converts_mirrored_and_reruns_incrementally() {
    let dir = temp_dir("archive");
    let plans = dir.join("plans");
    build_tree(&plans);
    let out = dir.join("out");

    // First run: every plan converted, the others skipped with a line each.
    let (code, err) = convert(&[&plans], &out);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("skipped") && err.contains("README.txt: not a plan file type .txt"),
        "{err}"
    );
    assert!(err.contains("minutes.xlsx: no plan tables found"), "{err}");
    assert!(err.contains("8 file(s): 6 converted, 0 unchanged"), "{err}");
    assert!(err.contains("2 not plans, 0 failed"), "{err}");

    // Mirrored outputs: equal names in two editions never collide; two
    // files of one folder differing only in extension keep it.
    let old = plan_json(out.join("shiogama/R5.9/plan.json"));
    assert_eq!(old["plan"]["issued"], "2023-09");
    assert_eq!(old["plan"]["revised"], serde_json::Value::Null);
    let new_pdf = plan_json(out.join("shiogama/R6.3/plan-pdf.json"));
    let new_xlsx = plan_json(out.join("shiogama/R6.3/plan-xlsx.json"));
    assert_eq!(new_pdf["plan"]["revised"], "2024-03");
    let names = |p: &serde_json::Value| -> Vec<String> {
        p["measures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["name"].to_string())
            .collect()
    };
    assert_eq!(names(&new_pdf).len(), 15);
    assert_eq!(names(&new_pdf), names(&new_xlsx));
    assert_eq!(
        plan_json(out.join("fujieda/R7.3/plan.json"))["plan"]["municipality"]["name"],
        "藤枝市"
    );
    assert!(out.join("hakuba/plan.json").is_file());
    assert!(out.join("niseko/R8.6/plan/measures.csv").is_file());
    assert!(!out.join("fujieda/R7.3/minutes.json").exists());
    assert!(!out.join("shiogama/README.json").exists());

    // The catalogue: one row per input, sorted by path.
    let cat = catalog(&out);
    assert_eq!(cat["dxplan_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        outcomes(&cat),
        [
            ("fujieda/R7.3/minutes.xlsx", "skipped"),
            ("fujieda/R7.3/plan.xlsx", "converted"),
            ("hakuba/plan.xls", "converted"),
            ("niseko/R8.6/plan.ods", "converted"),
            ("shiogama/R5.9/plan.pdf", "converted"),
            ("shiogama/R6.3/plan.pdf", "converted"),
            ("shiogama/R6.3/plan.xlsx", "converted"),
            ("shiogama/README.txt", "skipped"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let r63 = entry(&cat, "shiogama/R6.3/plan.pdf");
    assert_eq!(r63["municipality"], "宮城県塩竈市");
    assert_eq!(r63["code"], "042030");
    assert_eq!(r63["title"], "塩竈市DX推進アクションプラン");
    assert_eq!(r63["revised"], "2024-03");
    assert_eq!(
        r63["fiscal_years"],
        serde_json::json!([2022, 2023, 2024, 2025])
    );
    assert_eq!(r63["measures"], 15);
    assert_eq!(r63["sha256"], new_pdf["source"]["sha256"]);
    assert!(
        r63["outputs"]
            .as_array()
            .unwrap()
            .contains(&"shiogama/R6.3/plan-pdf.json".into())
    );
    let csv = std::fs::read_to_string(out.join("catalog.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 9, "{csv}");
    assert!(lines[0].starts_with("\u{feff}path,municipality,code,title,issued,revised,fiscal_years,measures,warnings,sha256,outcome,reason"));
    let sha = r63["sha256"].as_str().unwrap();
    let row = format!(
        "shiogama/R6.3/plan.pdf,宮城県塩竈市,042030,塩竈市DX推進アクションプラン,2023-09,2024-03,2022 2023 2024 2025,15,0,{sha},converted,,,,,,"
    );
    assert!(lines.contains(&row.as_str()), "{csv}");
    assert!(
        lines.contains(&"shiogama/README.txt,,,,,,,,,,skipped,not a plan file type .txt,,,,,"),
        "{csv}"
    );

    // Rerun: nothing changed, nothing converted, and it says so.
    let before = modified(&out.join("shiogama/R5.9/plan.json"));
    let (code, err) = convert(&[&plans], &out);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("0 converted, 6 unchanged since the last run (skipped)"),
        "{err}"
    );
    assert_eq!(modified(&out.join("shiogama/R5.9/plan.json")), before);
    assert!(
        outcomes(&catalog(&out))
            .iter()
            .filter(|(_, o)| o == "unchanged")
            .count()
            == 6
    );

    // One file changes: only it is converted again.
    std::fs::copy(
        fixture("shiogama-2024-03/plan-noto.pdf"),
        plans.join("shiogama/R6.3/plan.pdf"),
    )
    .unwrap();
    let (code, err) = convert(&[&plans], &out);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 converted, 5 unchanged"), "{err}");
    let cat = catalog(&out);
    let redone: Vec<_> = outcomes(&cat)
        .into_iter()
        .filter(|(_, o)| o == "converted")
        .collect();
    assert_eq!(
        redone,
        [(
            "shiogama/R6.3/plan.pdf".to_string(),
            "converted".to_string()
        )]
    );
    assert_eq!(modified(&out.join("shiogama/R5.9/plan.json")), before);
    let noto =
        dxplan::sha256_hex(&std::fs::read(fixture("shiogama-2024-03/plan-noto.pdf")).unwrap());
    assert_eq!(
        plan_json(out.join("shiogama/R6.3/plan-pdf.json"))["source"]["sha256"],
        noto.as_str()
    );
    assert_eq!(
        entry(&cat, "shiogama/R6.3/plan.pdf")["sha256"],
        noto.as_str()
    );

    // Other settings convert everything again.
    let o = dxplan(&[
        "convert",
        plans.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json",
        "-q",
    ]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("6 converted, 0 unchanged"));
}

#[test]
fn unexpanded_wildcards_are_expanded_and_mirrored() {
    let dir = temp_dir("wildcard");
    let plans = dir.join("plans");
    build_tree(&plans);
    let out = dir.join("out");
    let pattern = plans.join("*").join("R*").join("plan.*");
    let (code, err) = convert(&[&pattern], &out);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("5 file(s): 5 converted"), "{err}");
    for p in [
        "shiogama/R5.9/plan.json",
        "shiogama/R6.3/plan-pdf.json",
        "shiogama/R6.3/plan-xlsx.json",
        "fujieda/R7.3/plan.json",
        "niseko/R8.6/plan.json",
    ] {
        assert!(out.join(p).is_file(), "{p} missing");
    }
    let none = plans.join("*").join("R9.*").join("*.pdf");
    let (code, err) = convert(&[&none], &dir.join("none"));
    // A run that found no plan at all failed (1), one line saying so.
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no file matches this pattern"), "{err}");
    assert!(
        !dir.join("none").exists(),
        "no output folder for a failed start"
    );
}

#[test]
fn an_output_folder_inside_the_tree_is_not_walked() {
    let dir = temp_dir("inside");
    build_tree(&dir);
    let out = dir.join("converted");
    let (code, err) = convert(&[&dir], &out);
    assert_eq!(code, 0, "{err}");
    let (code, err) = convert(&[&dir], &out);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("8 file(s): 0 converted, 6 unchanged"), "{err}");
    assert!(!out.join("converted").exists());
}

#[test]
fn a_folder_cannot_go_to_standard_output() {
    let dir = temp_dir("stdout-folder");
    build_tree(&dir);
    let o = dxplan(&["convert", dir.to_str().unwrap(), "-o", "-", "--to", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("convert a folder or wildcard into -o DIR"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_killed_runs_temporary_files_are_removed_and_said_in_japanese() {
    let dir = temp_dir("orphans");
    build_tree(&dir);
    let out = dir.join("out");
    // What a run killed while writing plan.xls's outputs left: hidden temporary
    // files named after the outputs and the dead process. A file of the
    // same pattern for a name this run does not write stays.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let orphans = [
        out.join(format!(".plan.json.{dead}.tmp")),
        out.join(format!("plan/.measures.csv.{dead}.tmp")),
    ];
    let kept = out.join(format!(".notes.json.{dead}.tmp"));
    for f in orphans.iter().chain([&kept]) {
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, b"cut sh").unwrap();
    }
    let o = dxplan_in_locale(
        &[
            "convert",
            dir.join("hakuba").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            "json,csv",
        ],
        "ja_JP.UTF-8",
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("一時ファイル（隠しファイル）を 2 個削除しました"),
        "{err}"
    );
    for f in &orphans {
        assert!(!f.exists(), "{} is still there", f.display());
    }
    assert!(kept.exists());
    assert!(out.join("plan.json").exists());
}

/// Run dxplan and wait at most a minute: a run that hangs (reading a FIFO
/// that never ends) fails the test instead of hanging it.
#[cfg(unix)]
fn dxplan_within_a_minute(args: &[&str], lang: &str) -> (i32, String) {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            return (status.code().unwrap(), err);
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("dxplan {args:?} still running after a minute: it hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

/// A FIFO named like a plan is never opened for reading (it would never
/// end): in a folder it is skipped with a line, named alone it is refused;
/// a symbolic link that leads out of the folder is named.
#[cfg(unix)]
#[test]
fn a_fifo_is_skipped_and_a_link_out_of_the_folder_named() {
    let dir = temp_dir("fifo");
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    mkfifo(&plans.join("plan.pdf"));
    let real = fixture("shiogama-2024-03/plan-ipaex.pdf");
    std::os::unix::fs::symlink(&real, plans.join("linked.pdf")).unwrap();
    let out = dir.join("out");
    let args = [
        "convert",
        plans.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json",
    ];
    let (code, err) = dxplan_within_a_minute(&args, "C");
    assert_eq!(code, 0, "{err}");
    let fifo_line = format!(
        "skipped {}: a named pipe (FIFO), not a file",
        plans.join("plan.pdf").display()
    );
    assert!(err.contains(&fifo_line), "{err}");
    let link_line = format!(
        "{} is a symbolic link to {}, outside the folder given",
        plans.join("linked.pdf").display(),
        real.canonicalize().unwrap().display()
    );
    assert!(err.contains(&link_line), "{err}");
    assert!(
        out.join("linked.json").is_file(),
        "the linked plan is converted"
    );
    assert_eq!(entry(&catalog(&out), "plan.pdf")["outcome"], "skipped");

    let (code, err) = dxplan_within_a_minute(&args, "ja_JP.UTF-8");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("名前付きパイプ（FIFO）で、ファイルではありません"),
        "{err}"
    );

    // Named alone, by convert, diff and history: refused, never read.
    let fifo = plans.join("plan.pdf");
    let fifo = fifo.to_str().unwrap();
    let one = dir.join("one");
    for (args, want) in [
        (vec!["convert", fifo, "-o", one.to_str().unwrap()], 1),
        (vec!["diff", fifo, real.to_str().unwrap()], 2),
        (vec!["history", fifo], 1),
        (vec!["report", fifo], 1),
    ] {
        let (code, err) = dxplan_within_a_minute(&args, "C");
        assert_eq!(code, want, "{args:?}: {err}");
        assert!(
            err.contains("this is a named pipe (FIFO), not a file"),
            "{args:?}: {err}"
        );
        assert_eq!(
            err.lines().count(),
            if args[0] == "history" { 2 } else { 1 },
            "{err}"
        );
    }
    // History over the folder skips it as convert does.
    let (code, err) = dxplan_within_a_minute(&["history", plans.to_str().unwrap()], "C");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&fifo_line), "{err}");
}

/// A run that finds no plan at all failed: one line says so, exit 1.
#[test]
fn a_folder_without_plans_exits_1_with_one_line() {
    let dir = temp_dir("no-plans");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (code, err) = convert(&[&empty], &dir.join("out"));
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        err.trim(),
        format!(
            "dxplan: no plan found in {} (0 file(s) looked at); nothing converted",
            empty.display()
        )
    );
    let notes = dir.join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("memo.txt"), "x").unwrap();
    std::fs::copy(fixture("bad/no-plan.xlsx"), notes.join("minutes.xlsx")).unwrap();
    let (code, err) = convert(&[&notes], &dir.join("out2"));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.trim_end()
            .ends_with("(2 file(s) looked at); nothing converted"),
        "{err}"
    );
    let o = dxplan(&["history", notes.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no plan found in"), "{err}");
}
