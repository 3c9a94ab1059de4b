//! `datapackage.json` beside the CSV files that `dxplan convert --to csv`
//! writes: `frictionless validate` (PyPI) accepts it and the files it
//! describes, in every encoding, for plans of every layout family.

#[path = "util/frictionless.rs"]
mod frictionless;
mod util;

use std::path::Path;
use std::process::Command;

use util::{fixture, temp_dir};

/// Plans with several indicators, costs, schedules by quarter and month.
const PLANS: [&str; 4] = [
    "shiogama-2024-03/plan.xlsx",
    "shiwa-2026-10/plan.xlsx",
    "kurayoshi-2025-06/plan.xlsx",
    "hakuba-2025-04/plan.xlsx",
];

fn convert(inputs: &[&Path], out: &Path, encoding: &str) {
    let o = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .arg("convert")
        .args(inputs)
        .args(["--to", "csv", "--encoding", encoding, "-o"])
        .arg(out)
        .output()
        .expect("run dxplan");
    assert!(
        o.status.success(),
        "convert --encoding {encoding}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn every_encoding_gives_a_valid_data_package() {
    let inputs: Vec<_> = PLANS.iter().map(|p| fixture(p)).collect();
    let inputs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    for encoding in ["utf-8-bom", "utf-8", "shift_jis"] {
        let out = temp_dir(&format!("datapackage-{encoding}"));
        convert(&inputs, &out, encoding);
        for plan in PLANS {
            let city = plan.split('/').next().unwrap();
            let dir = out.join(city).join("plan");
            let descriptor = dir.join("datapackage.json");
            let p: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&descriptor).unwrap()).unwrap();
            let want = if encoding == "shift_jis" {
                "cp932"
            } else {
                "utf-8"
            };
            for r in p["resources"].as_array().unwrap() {
                assert_eq!(r["encoding"], want, "{plan} {encoding}");
            }
            assert_eq!(p["resources"].as_array().unwrap().len(), 4, "{plan}");
            frictionless::assert_valid(&descriptor);
        }
    }
}

#[test]
fn the_package_describes_keys_units_and_types() {
    let out = temp_dir("datapackage-content");
    convert(&[&fixture("shiwa-2026-10/plan.xlsx")], &out, "utf-8-bom");
    let bytes = std::fs::read(out.join("plan/datapackage.json")).unwrap();
    let p: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(p["profile"], "tabular-data-package");
    assert_eq!(p["name"], "033219-2026-10-dx-action-plan");
    let res = |name: &str| {
        p["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()
            .clone()
    };
    let field = |r: &serde_json::Value, name: &str| {
        r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no field {name}"))
            .clone()
    };
    let measures = res("measures");
    assert_eq!(measures["path"], "measures.csv");
    assert_eq!(
        measures["schema"]["primaryKey"],
        serde_json::json!(["施策ID"])
    );
    let id = field(&measures, "施策ID");
    assert_eq!(id["type"], "string");
    assert_eq!(id["constraints"]["required"], true);
    assert!(id["description"].as_str().unwrap().contains("結合キー"));
    let code = field(&measures, "全国地方公共団体コード");
    assert_eq!(code["constraints"]["pattern"], "[0-9]{6}");
    let challenges = field(&measures, "現状と課題");
    assert!(
        challenges["description"]
            .as_str()
            .unwrap()
            .contains("空欄のとき")
    );
    let indicators = res("indicators");
    assert_eq!(
        indicators["schema"]["primaryKey"],
        serde_json::json!(["施策ID", "指標番号", "年度"])
    );
    assert_eq!(
        indicators["schema"]["foreignKeys"][0]["reference"],
        serde_json::json!({"resource": "measures", "fields": ["施策ID"]})
    );
    assert_eq!(field(&indicators, "指標番号")["type"], "integer");
    assert_eq!(field(&indicators, "目標値")["type"], "number");
    assert_eq!(field(&indicators, "目標値")["unitField"], "単位");
    let costs = res("costs");
    assert_eq!(field(&costs, "事業費（円）")["unit"], "円");
    assert_eq!(field(&costs, "ゼロ予算")["type"], "boolean");
    let schedule = res("schedule");
    assert_eq!(field(&schedule, "開始日")["type"], "date");
    // The fields are the CSV header, in order.
    let csv = std::fs::read_to_string(out.join("plan/indicators.csv")).unwrap();
    let header: Vec<String> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(|h| h.trim_matches('"').to_string())
        .collect();
    let names: Vec<&str> = indicators["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(header, names);
    // Bytes and hash tie the package to these very files.
    let sha = dxplan::sha256_hex(csv.as_bytes());
    assert_eq!(indicators["hash"], format!("sha256:{sha}"));
    assert_eq!(indicators["bytes"], csv.len());
}
