//! Helpers shared by the integration tests: paths, running the binary,
//! golden files with `DXPLAN_BLESS=1`, JSON comparison with readable output.

#![allow(dead_code)]

pub mod english;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// A fresh empty folder for one test, under cargo's `target/tmp` (never
/// the system temp folder), unique even when tests in one process ask for
/// the same name at once. It is removed when the guard is dropped, and
/// kept for a look when the test failed.
pub fn temp_dir(name: &str) -> TempDir {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "dxplan-test-{}-{}-{n}-{name}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    TempDir(dir)
}

/// A test's folder: removed on drop unless the test is failing.
#[must_use = "the folder is removed when this guard is dropped"]
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// A file in its own [`TempDir`], removed with it.
#[derive(Debug)]
pub struct TempFile {
    pub path: PathBuf,
    _dir: TempDir,
}

impl TempFile {
    /// `bytes` written as `name` in a fresh folder named after `test`.
    pub fn new(test: &str, name: &str, bytes: &[u8]) -> TempFile {
        let dir = temp_dir(test);
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write temp file");
        TempFile { path, _dir: dir }
    }
}

impl std::ops::Deref for TempFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for TempFile {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

/// Run the `dxplan` binary.
/// Run the `dxplan` binary in an English locale (messages are compared),
/// whatever the locale of the machine running the tests.
pub fn dxplan(args: &[&str]) -> Output {
    dxplan_in_locale(args, "C")
}

/// Run the `dxplan` binary with `LANG` set to `lang` (and no `LC_ALL` or
/// `LC_MESSAGES` to override it).
pub fn dxplan_in_locale(args: &[&str], lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run dxplan")
}

/// True when golden files should be rewritten: `DXPLAN_BLESS` set to
/// anything but empty or `0`.
pub fn blessing() -> bool {
    bless_value(std::env::var_os("DXPLAN_BLESS").as_deref())
}

/// Whether a value of `DXPLAN_BLESS` asks for a rewrite.
pub fn bless_value(v: Option<&std::ffi::OsStr>) -> bool {
    v.is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compare bytes with a committed golden file, or rewrite it when blessing.
pub fn assert_golden(path: &Path, actual: &[u8]) {
    if blessing() {
        std::fs::create_dir_all(path.parent().expect("golden has a parent")).expect("mkdir");
        std::fs::write(path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read(path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run with DXPLAN_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let (e, a) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        );
        let first = e.lines().zip(a.lines()).position(|(x, y)| x != y);
        panic!(
            "{} differs from the output (first differing line {:?}); review and rerun with DXPLAN_BLESS=1 if deliberate",
            path.display(),
            first.map(|i| (i + 1, e.lines().nth(i), a.lines().nth(i)))
        );
    }
}

/// Where two byte strings first differ, with the line and both lines when
/// the bytes are text.
pub fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let line = a[..at].iter().filter(|&&c| c == b'\n').count();
    let text_line = |s: &[u8]| {
        String::from_utf8_lossy(s)
            .lines()
            .nth(line)
            .map(str::to_string)
    };
    format!(
        "{} vs {} bytes, first difference at byte {at} (line {}): {:?} vs {:?}",
        a.len(),
        b.len(),
        line + 1,
        text_line(a),
        text_line(b)
    )
}

/// The JSON paths where two values differ (at most `max`).
pub fn json_differences(a: &serde_json::Value, b: &serde_json::Value, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    walk(a, b, String::new(), &mut out, max);
    out
}

fn walk(
    a: &serde_json::Value,
    b: &serde_json::Value,
    path: String,
    out: &mut Vec<String>,
    max: usize,
) {
    use serde_json::Value::{Array, Object};
    if out.len() >= max || a == b {
        return;
    }
    match (a, b) {
        (Object(x), Object(y)) => {
            let keys: std::collections::BTreeSet<_> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let null = serde_json::Value::Null;
                let (va, vb) = (
                    x.get(k.as_str()).unwrap_or(&null),
                    y.get(k.as_str()).unwrap_or(&null),
                );
                let missing = x.get(k.as_str()).is_none() || y.get(k.as_str()).is_none();
                if missing {
                    out.push(format!("{path}/{k}: key only on one side"));
                } else {
                    walk(va, vb, format!("{path}/{k}"), out, max);
                }
            }
        }
        (Array(x), Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                walk(va, vb, format!("{path}/{i}"), out, max);
            }
        }
        _ => out.push(format!("{path}: {} != {}", short(a), short(b))),
    }
}

/// Remove what depends on the input file: `source`, each measure's
/// `source_ref`, each Value's `at`, `warnings`, and `review` (the review
/// file beside the input, none in the fixtures).
pub fn strip_input_specific(v: &mut serde_json::Value) {
    if let Some(o) = v.as_object_mut() {
        o.remove("source");
        o.remove("warnings");
        o.remove("review");
    }
    strip_keys(v, &["source_ref", "at"]);
}

fn strip_keys(v: &mut serde_json::Value, keys: &[&str]) {
    match v {
        serde_json::Value::Object(o) => {
            for k in keys {
                o.remove(*k);
            }
            o.values_mut().for_each(|x| strip_keys(x, keys));
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| strip_keys(x, keys)),
        _ => {}
    }
}

fn short(v: &serde_json::Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Convert one input to JSON alone with `dxplan convert … --to json -q`:
/// the parsed JSON and its bytes as written. Panics with dxplan's message
/// when the conversion fails.
pub fn convert_json(input: &Path, name: &str) -> (serde_json::Value, Vec<u8>) {
    let out = temp_dir(name);
    let o = dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json",
        "-q",
    ]);
    assert!(
        o.status.success(),
        "{}: {}",
        input.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    let stem = input.file_stem().unwrap().to_str().unwrap();
    let bytes = std::fs::read(out.join(format!("{stem}.json"))).expect("JSON written");
    let _ = std::fs::remove_dir_all(&out);
    let json = serde_json::from_slice(&bytes).expect("valid JSON");
    (json, bytes)
}
