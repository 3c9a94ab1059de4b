//! Reviews (`<stem>.review.json` beside an input): corrections of every
//! kind applied by `convert` and listed by `diff --raw-old`, a correction
//! the input no longer holds left as a `stale_correction` warning, an
//! invalid review file refused in one line with nothing written, the
//! catalogue's review columns and incremental reruns, and the workbook's
//! marks. Plans are committed fixtures copied into a temporary folder; each
//! test writes the review beside its copy.

mod util;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{Value, json};
use util::{dxplan, dxplan_in_locale, fixture, temp_dir};

const NARUTO: &str = "naruto-2025-11/plan.xlsx";

fn copy(from: &str, dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(fixture(from), &to).unwrap();
    to
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "dxplan failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The plan JSON `convert` writes for `input` (with its review unless
/// `extra` says `--no-review`).
fn convert(input: &Path, extra: &[&str]) -> Value {
    let out = input.parent().unwrap().join("out-json");
    let mut args = vec![
        "convert",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json",
        "-q",
    ];
    args.extend(extra);
    ok(&dxplan(&args));
    let stem = input.file_stem().unwrap().to_str().unwrap();
    let json = out.join(format!("{stem}.json"));
    let v = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
    v
}

fn measure<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no measure {id}"))
}

/// A Value as the diff shows it (without `at`).
fn bare(v: &Value) -> Value {
    let mut v = v.clone();
    v.as_object_mut().unwrap().remove("at");
    v
}

fn write_review(input: &Path, review: &Value) -> PathBuf {
    let path = input.with_file_name(format!(
        "{}.review.json",
        input.file_stem().unwrap().to_str().unwrap()
    ));
    std::fs::write(&path, serde_json::to_vec_pretty(review).unwrap()).unwrap();
    path
}

fn sha256(path: &Path) -> String {
    dxplan::sha256_hex(&std::fs::read(path).unwrap())
}

/// Corrections of each kind on the 鳴門市 plan as read (`raw`).
fn corrections(raw: &Value) -> Vec<Value> {
    let m11 = measure(raw, "1-1");
    let m12 = measure(raw, "1-2");
    let m21 = measure(raw, "2-1");
    let m22 = measure(raw, "2-2");
    let mut added = m22.clone();
    added["id"] = json!("2-3");
    added["number"] = json!(3);
    added["name"] = json!("スマート農業の実証");
    vec![
        json!({"measure": "1-1", "path": "description", "old": m11["description"],
               "new": "窓口で申請書を書かずに手続きできるようにする。", "note": "改行で途切れていた"}),
        json!({"measure": "1-2", "path": "indicator.target.2025",
               "old": bare(&m12["indicator"]["target"]["2025"]),
               "new": {"raw": "15", "value": 15, "note": null}}),
        json!({"measure": "1-1", "path": "schedule.窓口の業務分析.plan",
               "old": m11["schedule"][0]["plan"], "new": ["2025", "2026"]}),
        json!({"measure": "2-1", "path": "departments", "old": m21["departments"],
               "new": ["観光振興課", "シティプロモーション課", "等"]}),
        json!({"measure": "2-3", "path": "", "old": null, "new": added}),
        json!({"measure": "2-2", "path": "", "old": m22, "new": null}),
        json!({"measure": null, "path": "plan.revised", "old": null, "new": "2026-03"}),
    ]
}

fn review(corrections: Vec<Value>, approved: bool) -> Value {
    json!({
        "schema_version": "1",
        "source_sha256": null,
        "reviewed": {"by": "情報政策課 山田", "at": "2026-12-06", "approved": approved},
        "corrections": corrections,
        "dismissed": [
            {"code": "guessed_label", "at": "書かない窓口!B7", "note": "工程の行で、読み取りは正しい"}
        ],
        "reviewer_tool": {"kept": true}
    })
}

#[test]
fn corrections_of_every_kind_are_applied_by_convert_and_listed_by_diff() {
    let dir = temp_dir("review-kinds");
    let input = copy(NARUTO, &dir, "plan.xlsx");
    let raw = convert(&input, &[]);
    assert_eq!(raw["review"], Value::Null, "no review file: review null");
    let cs = corrections(&raw);
    write_review(&input, &review(cs.clone(), true));
    let before = sha256(&input);

    let got = convert(&input, &[]);
    assert_eq!(sha256(&input), before, "the input is never changed");
    if let Err(problems) = dxplan::schema::validate_value(&got, false) {
        panic!("schema: {problems:?}");
    }
    let r = &got["review"];
    assert_eq!(r["file"], "plan.review.json");
    assert_eq!(
        (r["applied"].as_u64(), r["stale"].as_u64()),
        (Some(7), Some(0))
    );
    assert_eq!(r["approved"], true);
    assert_eq!(r["by"], "情報政策課 山田");
    assert_eq!(r["at"], "2026-12-06");
    let corrected: Vec<(Value, Value)> = r["corrected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["measure"].clone(), c["path"].clone()))
        .collect();
    let wanted: Vec<(Value, Value)> = cs
        .iter()
        .map(|c| (c["measure"].clone(), c["path"].clone()))
        .collect();
    assert_eq!(corrected, wanted);

    // Each correction in place.
    assert_eq!(
        measure(&got, "1-1")["description"],
        "窓口で申請書を書かずに手続きできるようにする。"
    );
    let v = &measure(&got, "1-2")["indicator"]["target"]["2025"];
    assert_eq!(
        (v["raw"].as_str(), v["value"].as_f64()),
        (Some("15"), Some(15.0))
    );
    assert_eq!(
        v["at"],
        measure(&raw, "1-2")["indicator"]["target"]["2025"]["at"],
        "a corrected cell keeps where it was read"
    );
    assert_eq!(
        measure(&got, "1-1")["schedule"][0]["plan"],
        json!(["2025", "2026"])
    );
    assert_eq!(
        measure(&got, "2-1")["departments"],
        json!(["観光振興課", "シティプロモーション課"])
    );
    assert_eq!(measure(&got, "2-1")["departments_etc"], true);
    let ids: Vec<&str> = got["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1-1", "1-2", "2-1", "2-3"]);
    assert_eq!(measure(&got, "2-3")["name"], "スマート農業の実証");
    assert_eq!(got["plan"]["revised"], "2026-03");
    // The dismissed warning keeps its place, with the note; no other is.
    let warnings = got["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), raw["warnings"].as_array().unwrap().len());
    let dismissed: Vec<&Value> = warnings
        .iter()
        .filter(|w| w.get("dismissed").is_some())
        .collect();
    assert_eq!(dismissed.len(), 1, "{warnings:#?}");
    assert_eq!(dismissed[0]["at"], "書かない窓口!B7");
    assert_eq!(dismissed[0]["dismissed"], "工程の行で、読み取りは正しい");

    // The diff of the reviewed plan against its raw reading is exactly the
    // corrections (the plan-level one in the sides).
    let o = dxplan(&[
        "diff",
        "--raw-old",
        input.to_str().unwrap(),
        input.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    let listed: BTreeSet<(String, String, String)> = d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["measure"].as_str().unwrap().to_string(),
                c["path"].as_str().unwrap().to_string(),
                c["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: BTreeSet<(String, String, String)> = [
        ("1-1", "description", "changed"),
        ("1-1", "schedule.窓口の業務分析.plan", "changed"),
        ("1-2", "indicator.target.2025", "changed"),
        ("2-1", "departments", "changed"),
        ("2-3", "", "added"),
        ("2-2", "", "removed"),
    ]
    .iter()
    .map(|(m, p, k)| (m.to_string(), p.to_string(), k.to_string()))
    .collect();
    assert_eq!(listed, want);
    assert_eq!(d["old"]["revised"], Value::Null);
    assert_eq!(d["new"]["revised"], "2026-03");
    // Both sides reviewed, or both raw: nothing differs.
    for extra in [&[][..], &["--no-review"][..]] {
        let mut args = vec!["diff", input.to_str().unwrap(), input.to_str().unwrap()];
        args.extend(extra);
        let o = dxplan(&args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{extra:?}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    // --no-review reads the input as it is.
    let plain = convert(&input, &["--no-review"]);
    assert_eq!(plain["review"], Value::Null);
    assert_eq!(plain["measures"], raw["measures"]);

    let o = dxplan(&[
        "validate",
        input.with_file_name("plan.review.json").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The review file round-trips through the library, keeping unknown keys.
    let file = dxplan::review::read_beside(&input).unwrap().unwrap();
    assert_eq!(file.review.corrections.len(), 7);
    assert_eq!(file.review.extra["reviewer_tool"], json!({"kept": true}));
}

#[test]
fn history_and_report_read_the_reviewed_plan() {
    let dir = temp_dir("review-everywhere");
    let input = copy(NARUTO, &dir, "plan.xlsx");
    let raw = convert(&input, &[]);
    let mut added = measure(&raw, "2-2").clone();
    added["id"] = json!("2-3");
    added["number"] = json!(3);
    added["name"] = json!("スマート農業の実証");
    write_review(
        &input,
        &review(
            vec![json!({"measure": "2-3", "path": "", "old": null, "new": added})],
            true,
        ),
    );
    let h = ok(&dxplan(&[
        "history",
        input.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert!(h.contains("スマート農業の実証"), "history: {h}");
    let r = ok(&dxplan(&["report", input.to_str().unwrap()]));
    assert!(r.contains("スマート農業の実証"), "report: {r}");
    let r = ok(&dxplan(&["report", input.to_str().unwrap(), "--no-review"]));
    assert!(!r.contains("スマート農業の実証"), "report --no-review: {r}");
}

/// The Value at a diff path of a measure (`indicator.actual.2023`,
/// `indicators[1].target.2024`, `cost.2023`).
fn value_at<'a>(m: &'a Value, path: &str) -> &'a Value {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["cost", y] => &m["cost"]["values"][*y],
        ["indicator", s, y] => &m["indicator"][*s][*y],
        [i, s, y] if i.starts_with("indicators[") => {
            let n: usize = i["indicators[".len()..i.len() - 1].parse().unwrap();
            &m["indicators"][n][*s][*y]
        }
        _ => panic!("not a Value path: {path}"),
    }
}

/// The first Value that differs between the 2023-09 and 2024-03 editions of
/// the 塩竈市 workbook: (measure, path, 2023-09's Value, 2024-03's Value).
fn changed_value() -> (String, String, Value, Value) {
    let o = dxplan(&[
        "diff",
        fixture("shiogama-2023-09/plan.xlsx").to_str().unwrap(),
        fixture("shiogama-2024-03/plan.xlsx").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "changed" && c["old"].is_object() && c["new"].is_object())
        .map(|c| {
            (
                c["measure"].as_str().unwrap().to_string(),
                c["path"].as_str().unwrap().to_string(),
                c["old"].clone(),
                c["new"].clone(),
            )
        })
        .expect("a Value changed between the editions")
}

#[test]
fn a_correction_the_input_no_longer_holds_is_stale_and_not_applied() {
    let (id, path, in_2023, in_2024) = changed_value();
    let dir = temp_dir("review-stale");
    let input = copy("shiogama-2024-03/plan.xlsx", &dir, "plan.xlsx");
    let raw = convert(&input, &[]);
    let name = measure(&raw, "1-1")["name"].clone();
    let mut r = review(
        vec![
            json!({"measure": id, "path": path, "old": in_2024,
                   "new": {"raw": "999", "value": 999, "note": null}}),
            json!({"measure": "1-1", "path": "name", "old": name, "new": "電子申請の推進（確認済み）"}),
        ],
        true,
    );
    r["source_sha256"] = json!(sha256(&input));
    write_review(&input, &r);
    let got = convert(&input, &[]);
    assert_eq!(got["review"]["applied"], 2);
    assert_eq!(got["review"]["source_changed"], false);

    // A new edition replaces the file: its value is no longer what the
    // correction was made on.
    std::fs::copy(fixture("shiogama-2023-09/plan.xlsx"), &input).unwrap();
    let got = convert(&input, &[]);
    if let Err(problems) = dxplan::schema::validate_value(&got, false) {
        panic!("schema: {problems:?}");
    }
    let rv = &got["review"];
    assert_eq!(
        (rv["applied"].as_u64(), rv["stale"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(rv["source_changed"], true);
    assert_eq!(rv["corrected"], json!([{"measure": "1-1", "path": "name"}]));
    assert_eq!(measure(&got, "1-1")["name"], "電子申請の推進（確認済み）");
    // The new edition's value stands.
    let now = value_at(measure(&got, &id), &path);
    assert_eq!(bare(now), in_2023, "{id} {path}");
    let stale: Vec<&Value> = got["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "stale_correction")
        .collect();
    assert_eq!(stale.len(), 1);
    let msg = stale[0]["message"].as_str().unwrap();
    assert!(msg.contains(&id) && msg.contains(&path), "{msg}");
    assert!(msg.contains(in_2024["raw"].as_str().unwrap()), "{msg}");
    assert_ne!(in_2023, in_2024);
}

#[test]
fn an_invalid_review_file_is_one_line_naming_it_and_nothing_is_written() {
    let dir = temp_dir("review-invalid");
    let input = copy(NARUTO, &dir, "plan.xlsx");
    let before = sha256(&input);
    let out = dir.join("out");
    for (bytes, says) in [
        (&b"{ \"schema_version\": \"1\", "[..], "EOF while parsing"),
        (
            br#"{"schema_version":"1","corrections":[{"measure":"1-1","path":"indicator.goal.2025","old":null,"new":"1"}]}"#,
            "correction 1 (1-1 indicator.goal.2025)",
        ),
        (br#"{"schema_version":"1","corrections":{}}"#, "invalid type"),
    ] {
        std::fs::write(dir.join("plan.review.json"), bytes).unwrap();
        for lang in ["C", "ja_JP.UTF-8"] {
            let o = dxplan_in_locale(
                &["convert", input.to_str().unwrap(), "-o", out.to_str().unwrap()],
                lang,
            );
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert!(!o.status.success(), "{stderr}");
            assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
            assert!(stderr.contains("plan.review.json"), "{stderr}");
            assert!(stderr.contains(says), "{stderr} lacks {says}");
            let phrase = if lang == "C" { "not a valid review file" } else { "確認ファイル" };
            assert!(stderr.contains(phrase), "{stderr}");
            assert!(
                !out.join("plan.json").exists() && !out.join("plan.xlsx").exists(),
                "no output"
            );
        }
        let o = dxplan(&["diff", input.to_str().unwrap(), input.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("plan.review.json"));
    }
    assert_eq!(sha256(&input), before, "the input is never changed");
    // `dxplan validate` checks a review file as one.
    let o = dxplan(&["validate", dir.join("plan.review.json").to_str().unwrap()]);
    assert!(!o.status.success());
    let o = dxplan(&["schema", "--review"]);
    assert!(ok(&o).contains("review.schema.json"));
    // In a folder: that input fails (named in the catalogue), nothing of it
    // is written.
    let o = dxplan(&[
        "convert",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json",
        "-q",
    ]);
    assert!(!o.status.success());
    let cat: Value =
        serde_json::from_slice(&std::fs::read(out.join("catalog.json")).unwrap()).unwrap();
    let entries = cat["entries"].as_array().unwrap();
    assert_eq!(
        entries.len(),
        1,
        "the review file is not an input: {entries:#?}"
    );
    assert_eq!(entries[0]["outcome"], "failed");
    assert!(
        entries[0]["reason"]
            .as_str()
            .unwrap()
            .contains("plan.review.json")
    );
    assert!(!out.join("plan.json").exists());
}

fn catalogue(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("catalog.json")).unwrap()).unwrap()
}

fn entry<'a>(cat: &'a Value, path: &str) -> &'a Value {
    cat["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == path)
        .unwrap_or_else(|| panic!("no entry {path}: {cat}"))
}

#[test]
fn the_catalogue_lists_the_review_and_a_changed_review_is_converted_again() {
    let dir = temp_dir("review-catalogue");
    let plans = dir.join("plans");
    let naruto = copy(NARUTO, &plans, "鳴門市/plan.xlsx");
    copy("shiogama-2024-03/plan.xlsx", &plans, "塩竈市/plan.xlsx");
    let raw = convert(&naruto, &[]);
    let one = vec![json!({"measure": "1-1", "path": "description",
        "old": measure(&raw, "1-1")["description"], "new": "窓口で書かずに手続きする。"})];
    let review_file = write_review(&naruto, &review(one.clone(), true));
    let out = dir.join("out");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "convert",
            plans.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            "json,xlsx",
            "-q",
        ];
        args.extend(extra);
        ok(&dxplan(&args));
        catalogue(&out)
    };
    let cat = run(&[]);
    assert_eq!(cat["entries"].as_array().unwrap().len(), 2, "{cat}");
    let e = entry(&cat, "鳴門市/plan.xlsx");
    assert_eq!(e["outcome"], "converted");
    assert_eq!(e["review_approved"], true);
    assert_eq!(e["reviewed_by"], "情報政策課 山田");
    assert_eq!(e["reviewed_at"], "2026-12-06");
    assert_eq!(e["corrections_applied"], 1);
    assert_eq!(e["corrections_stale"], 0);
    assert_eq!(e["review_sha256"], json!(sha256(&review_file)));
    let s = entry(&cat, "塩竈市/plan.xlsx");
    for k in [
        "review_approved",
        "reviewed_by",
        "corrections_applied",
        "review_sha256",
    ] {
        assert_eq!(s[k], Value::Null, "{k}");
    }
    let csv = std::fs::read_to_string(out.join("catalog.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(
            "review_approved,reviewed_by,reviewed_at,corrections_applied,corrections_stale"
        ),
        "{header}"
    );
    assert!(
        csv.contains(",true,情報政策課 山田,2026-12-06,1,0"),
        "{csv}"
    );

    // Nothing changed: both kept.
    let cat = run(&[]);
    assert_eq!(entry(&cat, "鳴門市/plan.xlsx")["outcome"], "unchanged");
    assert_eq!(entry(&cat, "塩竈市/plan.xlsx")["outcome"], "unchanged");
    // The review changed (approval withdrawn): that plan only is converted.
    write_review(&naruto, &review(one, false));
    let cat = run(&[]);
    let e = entry(&cat, "鳴門市/plan.xlsx");
    assert_eq!(e["outcome"], "converted");
    assert_eq!(e["review_approved"], false);
    assert_eq!(entry(&cat, "塩竈市/plan.xlsx")["outcome"], "unchanged");
    // The review removed: converted again, without a review.
    std::fs::remove_file(&review_file).unwrap();
    let cat = run(&[]);
    let e = entry(&cat, "鳴門市/plan.xlsx");
    assert_eq!(e["outcome"], "converted");
    assert_eq!(e["review_approved"], Value::Null);
    let json: Value =
        serde_json::from_slice(&std::fs::read(out.join("鳴門市/plan.json")).unwrap()).unwrap();
    assert_eq!(json["review"], Value::Null);
}

#[test]
fn the_workbook_marks_corrected_values_and_lists_the_corrections() {
    use std::io::Read;
    let dir = temp_dir("review-workbook");
    let input = copy(NARUTO, &dir, "plan.xlsx");
    let raw = convert(&input, &[]);
    write_review(&input, &review(corrections(&raw), true));
    let out = dir.join("out");
    ok(&dxplan(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "xlsx",
        "-q",
    ]));
    let bytes = std::fs::read(out.join("plan.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut notes = String::new();
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("a zip entry name").into_owned())
        .collect();
    for n in names.iter().filter(|n| n.starts_with("xl/comments")) {
        zip.by_name(n).unwrap().read_to_string(&mut notes).unwrap();
    }
    assert!(notes.contains("確認で修正した値です"), "{names:?}");
    // 施策 sheet: 1-1's 内容 (E2) and 2-1's 担当部署 (J4) are noted.
    for cell in ["ref=\"E2\"", "ref=\"J4\""] {
        assert!(notes.contains(cell), "{cell} in {notes}");
    }

    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert!(wb.sheet_names().contains(&"確認".to_string()));
    let sheet = wb.worksheet_range("確認").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0], ["区分", "施策ID", "項目", "パス", "値", "備考"]);
    assert_eq!(
        rows.iter().filter(|r| r[0] == "修正").count(),
        7,
        "{rows:#?}"
    );
    assert!(
        rows.iter()
            .any(|r| r[2] == "担当部署" && r[4].contains("シティプロモーション課"))
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "確認済みの警告" && r[5] == "工程の行で、読み取りは正しい")
    );
    let meta = wb.worksheet_range("メタデータ").unwrap();
    let approved = meta
        .rows()
        .find(|r| r[0] == "確認者")
        .map(|r| r[1].to_string());
    assert_eq!(approved.as_deref(), Some("情報政策課 山田"));
}
