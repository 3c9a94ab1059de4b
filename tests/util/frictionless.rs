//! `frictionless validate` (the Frictionless Framework, PyPI `frictionless`)
//! on a Data Package. The program is `$DXPLAN_FRICTIONLESS`, else
//! `frictionless` on PATH (`.ci/run` installs it in a venv and puts it on
//! PATH). Missing, the test fails and says how to install it: never skips.

use std::path::{Path, PathBuf};
use std::process::Command;

fn program() -> PathBuf {
    std::env::var_os("DXPLAN_FRICTIONLESS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("frictionless"))
}

/// Validate a `datapackage.json` and the files it names; panic with every
/// error frictionless reports.
pub fn assert_valid(descriptor: &Path) {
    let out = Command::new(program())
        .args(["validate", "--json", "--type", "package"])
        .arg(descriptor)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} ({e}): install it with `python3 -m venv VENV && VENV/bin/pip \
                 install frictionless` and put VENV/bin on PATH, or set DXPLAN_FRICTIONLESS",
                program().display()
            )
        });
    let text = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|_| {
        panic!(
            "frictionless gave no JSON report for {}: {text}\n{}",
            descriptor.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut errors = Vec::new();
    for task in report["tasks"].as_array().into_iter().flatten() {
        for e in task["errors"].as_array().into_iter().flatten() {
            errors.push(format!("{}: {}", task["name"], e["message"]));
        }
    }
    for e in report["errors"].as_array().into_iter().flatten() {
        errors.push(e["message"].to_string());
    }
    assert!(
        report["valid"] == true && errors.is_empty(),
        "frictionless validate {}: {}",
        descriptor.display(),
        errors.join("\n")
    );
    let tasks = report["tasks"].as_array().map_or(0, Vec::len);
    assert!(tasks > 0, "frictionless checked no table: {text}");
}
