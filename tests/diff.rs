//! `dxplan diff`: the comparison and its four renderings.
//!
//! - Golden files under `tests/golden/diff/` (JSON, text without colour,
//!   Markdown) for the hand-edited plan pair in `tests/data/` (see
//!   `tests/data/README.md`); `DXPLAN_BLESS=1 cargo test --test diff`
//!   rewrites them.
//! - The two Shiogama fixture editions (`fixtures/shiogama-2023-09/`, old, and
//!   `fixtures/shiogama-2024-03/`, new): the diff of their `expected.json`
//!   must equal the hand-written `fixtures/shiogama-2023-09/expected-diff.json`,
//!   and so must the diff of every pair of their input files. A missing
//!   fixture fails these tests; none is skipped.
//! - Every diff JSON produced here is validated against
//!   `schemas/diff.schema.json`.

mod util;

use std::path::{Path, PathBuf};

use std::process::Command;
use util::root;

use dxplan::Plan;
use dxplan::diff::{ChangeKind, Diff};
use serde_json::{Value as Json, json};

// ---------------------------------------------------------------- helpers

fn data(name: &str) -> PathBuf {
    root().join("tests/data").join(name)
}

fn load(path: &Path) -> Plan {
    dxplan::load_plan(path, &dxplan::ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// The hand-edited earlier revision and the reference plan.
fn edited_pair() -> (Plan, Plan) {
    (
        load(&data("shiogama-edited-old.json")),
        load(&data("shiogama-2024-03.json")),
    )
}

fn reference() -> Plan {
    load(&data("shiogama-2024-03.json"))
}

/// Compare with a committed golden file under tests/golden/diff, or
/// rewrite it when blessing (`DXPLAN_BLESS=1`).
fn assert_golden(name: &str, actual: &[u8]) {
    util::assert_golden(&root().join("tests/golden/diff").join(name), actual);
}

/// The diff as JSON, validated against the diff schema.
fn json_of(d: &Diff) -> Json {
    let mut buf = Vec::new();
    dxplan::diff::write_json(d, &mut buf).unwrap();
    let v: Json = serde_json::from_slice(&buf).unwrap();
    if let Err(problems) = dxplan::schema::validate_value(&v, true) {
        panic!(
            "diff JSON does not match the schema:\n{}",
            problems.join("\n")
        );
    }
    v
}

fn text_of(d: &Diff, color: bool) -> String {
    let mut buf = Vec::new();
    dxplan::diff::write_text(d, &mut buf, color).unwrap();
    String::from_utf8(buf).unwrap()
}

fn markdown_of(d: &Diff) -> String {
    let mut buf = Vec::new();
    dxplan::diff::write_markdown(d, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

fn paths(d: &Diff, measure: &str) -> Vec<String> {
    d.changes
        .iter()
        .filter(|c| c.measure == measure)
        .map(|c| format!("{:?} {}", c.kind, c.path))
        .collect()
}

// ------------------------------------------------------- the edited pair

#[test]
fn golden_json_of_the_edited_pair() {
    let (old, new) = edited_pair();
    let d = dxplan::diff::diff(&old, &new);
    json_of(&d);
    let mut buf = Vec::new();
    dxplan::diff::write_json(&d, &mut buf).unwrap();
    assert_golden("edited.json", &buf);
}

#[test]
fn golden_text_of_the_edited_pair() {
    let (old, new) = edited_pair();
    let d = dxplan::diff::diff(&old, &new);
    let text = text_of(&d, false);
    assert!(!text.contains('\x1b'), "no colour when color is false");
    assert_golden("edited.txt", text.as_bytes());
}

#[test]
fn golden_markdown_of_the_edited_pair() {
    let (old, new) = edited_pair();
    let d = dxplan::diff::diff(&old, &new);
    assert_golden("edited.md", markdown_of(&d).as_bytes());
}

#[test]
fn the_edited_pair_reports_each_edit_once() {
    let (old, new) = edited_pair();
    let d = dxplan::diff::diff(&old, &new);
    assert_eq!(
        paths(&d, "1-1"),
        [
            "Changed review",
            "Changed schedule.導入.actual",
            "Changed indicator.actual.2023"
        ]
    );
    assert_eq!(paths(&d, "1-2"), ["Changed indicator.target.2025"]);
    assert_eq!(
        paths(&d, "1-4"),
        [
            "Changed departments",
            "Removed schedule.導入準備",
            "Added schedule.自治体視察"
        ]
    );
    // Rewrapped raw text and full-width digits are not changes.
    assert!(paths(&d, "1-6").is_empty());
    // Old 2-7 was dropped; old 2-8 took its number.
    assert_eq!(paths(&d, "2-7"), ["Removed ", "Moved ", "Changed review"]);
    assert_eq!(paths(&d, "3-2"), ["Added "]);
    let summary = text_of(&d, false).lines().next().unwrap().to_string();
    assert_eq!(summary, "6 measures changed, 1 added, 1 removed, 1 moved");
}

#[test]
fn removed_measure_sits_at_its_old_position() {
    let (old, new) = edited_pair();
    let d = dxplan::diff::diff(&old, &new);
    let order: Vec<(&str, ChangeKind)> = d
        .changes
        .iter()
        .filter(|c| c.path.is_empty())
        .map(|c| (c.measure.as_str(), c.kind))
        .collect();
    assert_eq!(
        order,
        [
            ("2-7", ChangeKind::Removed),
            ("2-7", ChangeKind::Moved),
            ("3-2", ChangeKind::Added)
        ]
    );
    let removed = &d
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Removed && c.path.is_empty())
        .unwrap();
    assert_eq!(removed.old, json!("庁内無線LANの整備"));
    assert_eq!(removed.new, Json::Null);
}

#[test]
fn schedule_changes_list_added_and_removed_periods() {
    let (old, new) = edited_pair();
    let d = dxplan::diff::diff(&old, &new);
    let v = json_of(&d);
    let c = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["measure"] == "2-3")
        .unwrap();
    assert_eq!(c["path"], "schedule.移行作業.plan");
    assert_eq!(c["added"], json!(["2025-Q3", "2025-Q4"]));
    assert_eq!(c["removed"], json!(["2024-Q3", "2024-Q4"]));
    assert_eq!(
        c["old"],
        json!(["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"])
    );
}

#[test]
fn colour_output_marks_changed_characters() {
    let (old, new) = edited_pair();
    let d = dxplan::diff::diff(&old, &new);
    let text = text_of(&d, true);
    assert!(text.contains("\x1b[1;97;42m"), "highlighted insertions");
    let plain = text_of(&d, false);
    let stripped = strip_ansi(&text);
    // Same words once the colour codes and the no-colour brackets are gone.
    let unbracket = |s: &str| {
        s.replace("[-", "")
            .replace("-]", "")
            .replace("{+", "")
            .replace("+}", "")
    };
    assert_eq!(unbracket(&stripped), unbracket(&plain));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

// ----------------------------------------------------- matching and equality

#[test]
fn identical_inputs_have_no_changes() {
    let p = reference();
    let d = dxplan::diff::diff(&p, &p);
    assert!(d.changes.is_empty());
    assert_eq!(json_of(&d)["changes"], json!([]));
    assert!(text_of(&d, false).starts_with("no differences\n"));
    assert!(markdown_of(&d).starts_with("**No differences**"));
}

fn cost<'a>(p: &'a mut Plan, id: &str) -> &'a mut dxplan::model::Cost {
    let m = p.measures.iter_mut().find(|m| m.id == id).unwrap();
    m.cost.as_mut().unwrap()
}

#[test]
fn rewrapped_and_wide_values_are_equal() {
    let old = reference();
    let mut new = old.clone();

    cost(&mut new, "1-6").values.get_mut(&2024).unwrap().raw =
        "病院情報システム\n保守費用に内包".into();
    cost(&mut new, "1-1").values.get_mut(&2023).unwrap().raw = "４９１６".into();
    cost(&mut new, "2-1").values.get_mut(&2023).unwrap().raw = "2772".into();
    new.measures[0].review = new.measures[0]
        .review
        .as_ref()
        .map(|r| r.replace('し', "し\n"));
    let d = dxplan::diff::diff(&old, &new);
    assert!(d.changes.is_empty(), "{:?}", d.changes);
    // A real change still shows.
    cost(&mut new, "1-1").values.get_mut(&2023).unwrap().raw = "４９１７".into();
    let d = dxplan::diff::diff(&old, &new);
    assert_eq!(paths(&d, "1-1"), ["Changed cost.2023"]);
    json_of(&d);
}

#[test]
fn renumbered_measure_is_one_moved_change() {
    let old = reference();
    let mut new = old.clone();
    let m = new.measures.iter_mut().find(|m| m.id == "3-2").unwrap();
    m.id = "3-3".into();
    m.number = 3;
    m.review = Some("島内の事業者に業務委託する。".into());
    let d = dxplan::diff::diff(&old, &new);
    assert_eq!(d.changes.len(), 2, "{:?}", d.changes);
    let moved = &d.changes[0];
    assert_eq!(moved.kind, ChangeKind::Moved);
    assert_eq!(moved.measure, "3-3");
    assert_eq!(moved.old_id.as_deref(), Some("3-2"));
    assert_eq!(moved.path, "");
    assert_eq!(
        (d.changes[1].measure.as_str(), d.changes[1].path.as_str()),
        ("3-3", "review")
    );
    let v = json_of(&d);
    assert_eq!(v["changes"][0]["old_id"], "3-2");
    assert!(v["changes"][1].get("old_id").is_none());
    assert!(text_of(&d, false).contains("3-3 スマートストアの設置 (moved from 3-2)"));
}

#[test]
fn renamed_measure_under_the_same_id_is_a_name_change() {
    let old = reference();
    let mut new = old.clone();
    new.measures[0].name = "電子申請の拡充".into();
    let d = dxplan::diff::diff(&old, &new);
    assert_eq!(paths(&d, "1-1"), ["Changed name"]);
    json_of(&d);
}

#[test]
fn swapped_numbers_are_two_moves() {
    let old = reference();
    let mut new = old.clone();
    new.measures.swap(0, 1);
    for (i, m) in new.measures.iter_mut().take(2).enumerate() {
        m.id = format!("1-{}", i + 1);
        m.number = i as u32 + 1;
    }
    let d = dxplan::diff::diff(&old, &new);
    let kinds: Vec<_> = d
        .changes
        .iter()
        .map(|c| (c.measure.as_str(), c.kind, c.old_id.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("1-1", ChangeKind::Moved, Some("1-2")),
            ("1-2", ChangeKind::Moved, Some("1-1"))
        ]
    );
}

#[test]
fn name_reused_by_another_measure_is_not_a_move() {
    // Old 1-1 A and 1-2 B; new 1-1 A and 1-2 A' (same name as 1-1): the old
    // id 1-1 still holds A, so new 1-2 is B renamed, not A moved.
    let old = reference();
    let mut new = old.clone();
    new.measures[1].name = new.measures[0].name.clone();
    let d = dxplan::diff::diff(&old, &new);
    assert_eq!(paths(&d, "1-2"), ["Changed name"]);
}

#[test]
fn activity_rows_match_by_name() {
    let old = reference();
    let mut new = old.clone();
    let sched = &mut new.measures[0].schedule;
    sched.reverse();
    assert_eq!(sched[1].activity, "導入");
    sched[1].actual.clear();
    let d = dxplan::diff::diff(&old, &new);
    assert_eq!(paths(&d, "1-1"), ["Changed schedule.導入.actual"]);
    let removed = d.changes[0].removed.clone().unwrap();
    assert_eq!(removed, ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]);
    assert_eq!(d.changes[0].added, Some(vec![]));
}

// ------------------------------------------------------------------- xlsx

#[test]
fn xlsx_has_one_row_per_change_and_deterministic_bytes() {
    let (old, new) = edited_pair();
    let d = dxplan::diff::diff(&old, &new);
    let write = || {
        let mut cur = std::io::Cursor::new(Vec::new());
        dxplan::diff::write_xlsx(&d, &mut cur).unwrap();
        cur.into_inner()
    };
    let bytes = write();
    assert_eq!(bytes, write(), "same diff, same bytes");
    let rows = diff_rows(bytes);
    assert_eq!(rows[0][..3], ["施策", "事業名", "種別"]);
    assert_eq!(rows.len(), d.changes.len() + 1);
    let target = rows
        .iter()
        .find(|r| r[4] == "indicator.target.2025")
        .unwrap();
    assert_eq!(
        target[..4],
        ["1-2", "公式LINEの機能拡張", "changed", "目標値 2025年度"]
    );
    assert_eq!(target[5..7], ["14,500", "14,920"]);
    let moved = rows.iter().find(|r| r[2] == "moved").unwrap();
    assert_eq!(moved[5..7], ["2-8", "2-7"]);
}

/// The diff workbook's only sheet, 差分, as text rows.
fn diff_rows(bytes: Vec<u8>) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names(), ["差分"]);
    let range = wb.worksheet_range("差分").unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn xlsx_words_in_japanese() {
    use dxplan::i18n::Lang;
    let (old, new) = edited_pair();
    let d = dxplan::diff::diff(&old, &new);
    let write = |lang| {
        let mut cur = std::io::Cursor::new(Vec::new());
        dxplan::diff::write_xlsx_in(&d, &mut cur, lang).unwrap();
        cur.into_inner()
    };
    let mut en = std::io::Cursor::new(Vec::new());
    dxplan::diff::write_xlsx(&d, &mut en).unwrap();
    assert_eq!(en.into_inner(), write(Lang::En), "English is the default");
    let rows = diff_rows(write(Lang::Ja));
    assert_eq!(rows[0][..3], ["施策", "事業名", "種別"]);
    let target = rows
        .iter()
        .find(|r| r[4] == "indicator.target.2025")
        .unwrap();
    assert_eq!(target[2], "変更");
    let moved = rows.iter().find(|r| r[2] == "移動").unwrap();
    assert_eq!(moved[7], "2-8 から移動");
    let english = ["added", "removed", "changed", "moved", "(blank)", "(none)"];
    for r in &rows[1..] {
        for c in [&r[2], &r[5], &r[6], &r[7]] {
            assert!(!english.iter().any(|e| c.contains(e)), "{r:?}");
        }
    }
}

// ------------------------------------------------------------- the CLI

#[test]
fn cli_exit_status_says_whether_plans_differ() {
    let run = |a: &Path, b: &Path| {
        Command::new(env!("CARGO_BIN_EXE_dxplan"))
            .args(["diff", "--format", "json"])
            .arg(a)
            .arg(b)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let (o, n) = (
        data("shiogama-edited-old.json"),
        data("shiogama-2024-03.json"),
    );
    let same = run(&n, &n);
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stderr)
    );
    let differ = run(&o, &n);
    assert_eq!(
        differ.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&differ.stderr)
    );
    let v: Json = serde_json::from_slice(&differ.stdout).unwrap();
    dxplan::schema::validate_value(&v, true).unwrap();
    let (old, new) = edited_pair();
    assert_eq!(v, json_of(&dxplan::diff::diff(&old, &new)));
}

// --------------------------------------------------- the fixture editions

/// `fixtures/<edition>/<name>`.
fn fixture(edition: &str, name: &str) -> PathBuf {
    root().join("fixtures").join(edition).join(name)
}

/// A fixture's `expected.json` as a Plan. It leaves out what depends on the
/// input file (`source`, `source_ref`, `warnings`); we add them, naming the
/// source `plan.xlsx`: the expected JSON describes every input file of its
/// folder, and expected-diff.json uses that name on both sides.
fn expected_plan(edition: &str) -> Option<Plan> {
    let bytes = std::fs::read(fixture(edition, "expected.json")).ok()?;
    let mut v: Json = serde_json::from_slice(&bytes).unwrap();
    v["source"] =
        json!({"file": "plan.xlsx", "format": "xlsx", "sha256": "", "pages": null, "sheets": null});
    v["warnings"] = json!([]);
    for m in v["measures"].as_array_mut().unwrap() {
        m.as_object_mut()
            .unwrap()
            .entry("source_ref")
            .or_insert(json!(""));
    }
    Some(serde_json::from_value(v).unwrap())
}

fn expected_diff() -> Option<Json> {
    let bytes = std::fs::read(fixture("shiogama-2023-09", "expected-diff.json")).ok()?;
    Some(serde_json::from_slice(&bytes).unwrap())
}

/// Where two diff JSONs differ, change by change.
fn compare_diffs(expected: &Json, got: &Json) -> Vec<String> {
    let mut out = Vec::new();
    for side in ["old", "new"] {
        if expected[side] != got[side] {
            out.push(format!(
                "{side}: expected {} got {}",
                expected[side], got[side]
            ));
        }
    }
    let (e, g) = (
        expected["changes"].as_array().unwrap(),
        got["changes"].as_array().unwrap(),
    );
    for i in 0..e.len().max(g.len()) {
        let (x, y) = (e.get(i), g.get(i));
        if x != y {
            out.push(format!(
                "change {i}:\n  expected {}\n  got      {}",
                x.map_or("(none)".into(), Json::to_string),
                y.map_or("(none)".into(), Json::to_string)
            ));
        }
    }
    out
}

#[test]
fn fixture_editions_diff_as_written_by_hand() {
    let (Some(old), Some(new), Some(expected)) = (
        expected_plan("shiogama-2023-09"),
        expected_plan("shiogama-2024-03"),
        expected_diff(),
    ) else {
        panic!(
            "fixtures/shiogama-2023-09 (expected.json, expected-diff.json) or fixtures/shiogama-2024-03/expected.json is missing"
        );
    };
    dxplan::schema::validate_value(&expected, true).expect("expected-diff.json matches the schema");
    let d = dxplan::diff::diff(&old, &new);
    let got = json_of(&d);
    let problems = compare_diffs(&expected, &got);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn golden_renderings_of_the_fixture_editions() {
    let (Some(old), Some(new)) = (
        expected_plan("shiogama-2023-09"),
        expected_plan("shiogama-2024-03"),
    ) else {
        panic!("the fixture editions' expected.json are missing");
    };
    let d = dxplan::diff::diff(&old, &new);
    assert_golden("shiogama-2023-09.txt", text_of(&d, false).as_bytes());
    assert_golden("shiogama-2023-09.md", markdown_of(&d).as_bytes());
}

/// The same diff as text for a Japanese reader: the summary, sides,
/// legend and added / removed / moved in Japanese, the plan's own labels
/// unchanged; no English word left.
#[test]
fn golden_japanese_text_of_the_fixture_editions() {
    let (Some(old), Some(new)) = (
        expected_plan("shiogama-2023-09"),
        expected_plan("shiogama-2024-03"),
    ) else {
        panic!("the fixture editions' expected.json are missing");
    };
    let d = dxplan::diff::diff(&old, &new);
    let mut buf = Vec::new();
    dxplan::diff::write_text_in(&d, &mut buf, false, dxplan::i18n::Lang::Ja).unwrap();
    assert_golden("shiogama-2023-09.ja.txt", &buf);
    let text = String::from_utf8(buf).unwrap();
    for english in [
        "changed", "added", "removed", "moved", "old:", "new:", "(none)", "(blank)",
    ] {
        assert!(!text.contains(english), "{english:?} left in:\n{text}");
    }
    let mut md = Vec::new();
    dxplan::diff::write_markdown_in(&d, &mut md, dxplan::i18n::Lang::Ja).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.starts_with("**変更 12 施策、追加 1、削除 0、移動 0**"),
        "{md}"
    );
    assert!(
        md.contains("\nスケジュール: 1 マス＝四半期、2022〜2025年度（■ が予定）。\n"),
        "{md}"
    );
    assert!(
        md.contains("\n### 3-2 スマートストアの設置（追加）\n"),
        "{md}"
    );
    assert!(md.contains("| （空欄） | 40 |"), "{md}");
}

/// `dxplan --lang ja diff` and `LANG=ja_JP.UTF-8 dxplan diff` render the
/// Japanese text; `LANG=C` the English.
#[test]
fn the_diff_command_speaks_the_locale() {
    let old = fixture("shiogama-2023-09", "plan.xlsx");
    let new = fixture("shiogama-2024-03", "plan.xlsx");
    let (o, n) = load_pair(&old, &new);
    let d = dxplan::diff::diff(&o, &n);
    let render = |lang| {
        let mut buf = Vec::new();
        dxplan::diff::write_text_in(&d, &mut buf, false, lang).unwrap();
        buf
    };
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let run = |args: &[&str], locale: &str| {
        let out = util::dxplan_in_locale(args, locale);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let ja = render(dxplan::i18n::Lang::Ja);
    assert_eq!(run(&["diff", old, new], "ja_JP.UTF-8"), ja);
    assert_eq!(run(&["--lang", "ja", "diff", old, new], "C"), ja);
    assert_eq!(
        run(&["diff", old, new], "C"),
        render(dxplan::i18n::Lang::En)
    );
    assert_ne!(ja, render(dxplan::i18n::Lang::En));
}

/// Both plans read from their input files, or `None` (with the reason
/// printed) while a file or a reader is missing.
fn load_pair(old: &Path, new: &Path) -> (Plan, Plan) {
    let pair = format!("{} → {}", old.display(), new.display());
    if !old.exists() || !new.exists() {
        panic!("{pair}: fixture files missing");
    }
    let opts = dxplan::ReadOptions::default();
    let loaded =
        dxplan::load_plan(old, &opts).and_then(|o| Ok((o, dxplan::load_plan(new, &opts)?)));
    match loaded {
        Ok(p) => p,
        Err(e) => panic!("{pair}: {e}"),
    }
}

/// Diff an input file of each fixture edition; compare with the
/// hand-written diff (its `file` names replaced by the inputs').
fn check_format_pair(old_name: &str, new_name: &str) {
    let Some(mut expected) = expected_diff() else {
        panic!("{old_name} → {new_name}: expected-diff.json is missing");
    };
    let old_path = fixture("shiogama-2023-09", old_name);
    let new_path = fixture("shiogama-2024-03", new_name);
    let (old, new) = load_pair(&old_path, &new_path);
    expected["old"]["file"] = json!(old_name);
    expected["new"]["file"] = json!(new_name);
    let got = json_of(&dxplan::diff::diff(&old, &new));
    let problems = compare_diffs(&expected, &got);
    assert!(
        problems.is_empty(),
        "{old_name} → {new_name}:\n{}",
        problems.join("\n")
    );
}

#[test]
fn format_pair_pdf_to_pdf() {
    check_format_pair("plan.pdf", "plan-ipaex.pdf");
}

#[test]
fn format_pair_xlsx_to_xlsx() {
    check_format_pair("plan.xlsx", "plan.xlsx");
}

#[test]
fn format_pair_xlsx_to_pdf() {
    check_format_pair("plan.xlsx", "plan-ipaex.pdf");
}

#[test]
fn format_pair_pdf_to_xlsx() {
    check_format_pair("plan.pdf", "plan.xlsx");
}

/// Every input file of the 2024-03 edition (PDF, XLSX, XLS, ODS).
/// Fails when the folder is missing or holds fewer than the four formats,
/// so that the tests over it cannot pass on nothing.
fn inputs_2024_03() -> Vec<String> {
    let folder = root().join("fixtures/shiogama-2024-03");
    let dir = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    let mut names: Vec<String> = dir
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            [".pdf", ".xlsx", ".xls", ".ods"]
                .iter()
                .any(|x| n.ends_with(x))
        })
        .collect();
    names.sort();
    for ext in [".pdf", ".xlsx", ".xls", ".ods"] {
        assert!(
            names.iter().any(|n| n.ends_with(ext)),
            "{}: no {ext} input",
            folder.display()
        );
    }
    names
}

#[test]
fn format_pairs_every_new_input() {
    for new in inputs_2024_03() {
        check_format_pair("plan.xlsx", &new);
    }
}

#[test]
fn one_edition_in_two_formats_has_no_differences() {
    let base = fixture("shiogama-2024-03", "plan.xlsx");
    for name in inputs_2024_03() {
        let (a, b) = load_pair(&base, &fixture("shiogama-2024-03", &name));
        let d = dxplan::diff::diff(&a, &b);
        assert!(d.changes.is_empty(), "plan.xlsx → {name}: {:#?}", d.changes);
    }
}

// ------------------------------------------------------------- the schema

type Spoil = Box<dyn Fn(&mut Json)>;

#[test]
fn schema_rejects_what_the_contract_does_not_allow() {
    let (old, new) = edited_pair();
    let good = json_of(&dxplan::diff::diff(&old, &new));
    let first = |f: &dyn Fn(&Json) -> bool| {
        good["changes"]
            .as_array()
            .unwrap()
            .iter()
            .position(f)
            .unwrap()
    };
    let moved = first(&|c| c["kind"] == "moved");
    let sched = first(&|c| c["path"] == "schedule.導入.actual");
    let value = first(&|c| c["path"] == "indicator.actual.2023");
    let bad: Vec<(&str, Spoil)> = vec![
        (
            "unknown kind",
            Box::new(|v| v["changes"][0]["kind"] = json!("renamed")),
        ),
        (
            "path outside the list",
            Box::new(|v| v["changes"][0]["path"] = json!("departments_etc")),
        ),
        (
            "moved without old_id",
            Box::new(move |v| {
                v["changes"][moved]
                    .as_object_mut()
                    .unwrap()
                    .remove("old_id");
            }),
        ),
        (
            "old_id on a change",
            Box::new(|v| v["changes"][0]["old_id"] = json!("1-1")),
        ),
        (
            "schedule change without removed",
            Box::new(move |v| {
                v["changes"][sched]
                    .as_object_mut()
                    .unwrap()
                    .remove("removed");
            }),
        ),
        (
            "bad period",
            Box::new(move |v| v["changes"][sched]["added"] = json!(["2023-Q5"])),
        ),
        (
            "value without raw",
            Box::new(move |v| v["changes"][value]["new"] = json!({"value": 40})),
        ),
        (
            "missing new side",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("new");
            }),
        ),
    ];
    for (what, spoil) in bad {
        let mut v = good.clone();
        spoil(&mut v);
        assert!(
            dxplan::schema::validate_value(&v, true).is_err(),
            "accepted: {what}"
        );
    }
}

#[test]
fn schema_accepts_the_contract_example() {
    // The example of the "Diff JSON" section of the plan JSON contract.
    let example = json!({
      "old": {"file": "plan-2023-09.pdf", "revised": "2023-09"},
      "new": {"file": "plan-2024-03.pdf", "revised": "2024-03"},
      "changes": [
        {"measure": "1-1", "kind": "changed", "path": "indicator.actual.2023",
         "old": {"raw": "", "value": null, "note": null},
         "new": {"raw": "40", "value": 40, "note": null}},
        {"measure": "1-1", "kind": "changed", "path": "schedule.導入.actual",
         "old": [], "new": ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"],
         "added": ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"], "removed": []},
        {"measure": "3-2", "kind": "removed", "path": "", "old": "スマートストアの設置", "new": null}
      ]
    });
    if let Err(p) = dxplan::schema::validate_value(&example, true) {
        panic!("{}", p.join("\n"));
    }
    let d: Diff = serde_json::from_value(example.clone()).unwrap();
    assert_eq!(json_of(&d), example, "the example round-trips through Diff");
}

#[test]
fn format_pair_json_to_xlsx() {
    // The older edition as dxplan's own JSON (written by `convert`), the
    // newer as a workbook.
    let dir = util::temp_dir("diff-json");
    let old_xlsx = fixture("shiogama-2023-09", "plan.xlsx");
    let o = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .args([
            "convert",
            old_xlsx.to_str().unwrap(),
            "-o",
            dir.to_str().unwrap(),
            "--to",
            "json",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let old_json = dir.join("plan.json");
    let new_xlsx = fixture("shiogama-2024-03", "plan.xlsx");
    let (old, new) = load_pair(&old_json, &new_xlsx);
    let mut expected = expected_diff().expect("expected-diff.json");
    expected["old"]["file"] = json!("plan.xlsx"); // source.file inside the JSON
    expected["new"]["file"] = json!("plan.xlsx");
    let got = json_of(&dxplan::diff::diff(&old, &new));
    let problems = compare_diffs(&expected, &got);
    assert!(problems.is_empty(), "JSON → XLSX:\n{}", problems.join("\n"));
}

// ------------------------------------------------- several indicators (紫波町)

/// The two editions of the 紫波町 card plan (fixtures/shiwa-2026-04 and
/// -2026-10, their READMEs) differ only in two targets of measure 1-2's
/// second indicator: the diff says exactly that, in the contract's
/// `indicators[1]` paths, whichever producer made the newer input.
#[test]
fn a_second_indicators_targets_are_its_only_changes() {
    let old = util::fixture("shiwa-2026-04/plan.xlsx");
    for new in ["shiwa-2026-10/plan.xlsx", "shiwa-2026-10/plan.pdf"] {
        let new = util::fixture(new);
        let out = util::dxplan(&[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(out.status.code(), Some(1), "differences found exit 1");
        let got: Json = serde_json::from_slice(&out.stdout).unwrap();
        let value = |raw: &str, n: i64| json!({"raw": raw, "value": n, "note": null});
        assert_eq!(
            got["changes"],
            json!([
                {"measure": "1-2", "kind": "changed", "path": "indicators[1].target.2026",
                 "old": value("10", 10), "new": value("14", 14)},
                {"measure": "1-2", "kind": "changed", "path": "indicators[1].target.2027",
                 "old": value("16", 16), "new": value("18", 18)},
            ]),
            "{}",
            new.display()
        );
        dxplan::schema::validate_value(&got, true)
            .expect("the diff schema takes indicators[1] paths");
        let text = util::dxplan_in_locale(
            &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
            "ja_JP.UTF-8",
        );
        let text = String::from_utf8(text.stdout).unwrap();
        assert!(text.contains("指標2 目標値 2026年度"), "{text}");
    }
}
