//! `dxplan history` on three editions of the Shiogama plan: the chain must
//! be exactly the one written from the fixture data
//! (`fixtures/shiogama-2025-03/expected-history.json`, made by
//! `fixtures/make_history.py`), and each format matches its golden file
//! (`DXPLAN_BLESS=1` rewrites those).

mod util;

use std::collections::BTreeSet;

use serde_json::{Value, json};
use util::*;

/// Relative paths, so the goldens do not hold this machine's folders.
const EDITIONS: [&str; 3] = [
    "fixtures/shiogama-2025-03/plan.xlsx",
    "fixtures/shiogama-2023-09/plan.xlsx",
    "fixtures/shiogama-2024-03/plan.xlsx",
];

fn history(format: &str, out: Option<&std::path::Path>) -> Vec<u8> {
    history_in(format, out, "C")
}

/// [`history`] with `LANG` set to `locale` (and no `LC_ALL` or
/// `LC_MESSAGES` to override it).
fn history_in(format: &str, out: Option<&std::path::Path>, locale: &str) -> Vec<u8> {
    let mut args = vec!["history", "--format", format, "-q"];
    args.extend(EDITIONS);
    let o_str;
    if let Some(o) = out {
        o_str = o.to_str().unwrap().to_string();
        args.extend(["-o", &o_str]);
    }
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .args(&args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("LANG", locale)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    match out {
        Some(p) => std::fs::read(p).unwrap(),
        None => o.stdout,
    }
}

/// A change as the expected file writes it: values by raw text, whole
/// schedule rows without their name.
fn shown(v: &Value) -> Value {
    match v {
        Value::Object(o) if o.contains_key("raw") => o["raw"].clone(),
        Value::Object(o) if o.contains_key("activity") => {
            json!({"plan": o["plan"], "actual": o["actual"]})
        }
        other => other.clone(),
    }
}

fn change_set(changes: &[Value]) -> BTreeSet<String> {
    changes.iter().map(|c| c.to_string()).collect()
}

#[test]
fn three_editions_give_the_expected_chain() {
    let got: Value = serde_json::from_slice(&history("json", None)).unwrap();
    let want: Value = serde_json::from_slice(
        &std::fs::read(fixture("shiogama-2025-03/expected-history.json")).unwrap(),
    )
    .unwrap();
    let plans = got["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 1, "one plan");
    let p = &plans[0];
    assert_eq!(p["municipality"], "宮城県塩竈市");
    assert_eq!(p["code"], "042030");
    let labels: Vec<&Value> = p["editions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["label"])
        .collect();
    assert_eq!(
        labels,
        want["editions"]
            .as_array()
            .unwrap()
            .iter()
            .collect::<Vec<_>>()
    );
    assert_eq!(
        p["editions"][0]["path"],
        "fixtures/shiogama-2023-09/plan.xlsx"
    );

    let steps = p["steps"].as_array().unwrap();
    let want_steps = want["steps"].as_array().unwrap();
    assert_eq!(steps.len(), want_steps.len());
    for (s, w) in steps.iter().zip(want_steps) {
        assert_eq!((&s["from"], &s["to"]), (&w["from"], &w["to"]));
        let got: Vec<Value> = s["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                json!([
                    c["measure"],
                    c["kind"],
                    c["path"],
                    shown(&c["old"]),
                    shown(&c["new"])
                ])
            })
            .collect();
        let (g, e) = (
            change_set(&got),
            change_set(w["changes"].as_array().unwrap()),
        );
        assert_eq!(
            got.len(),
            w["changes"].as_array().unwrap().len(),
            "{} → {}",
            s["from"],
            s["to"]
        );
        assert!(
            g == e,
            "{} → {}\nunexpected: {:#?}\nmissing: {:#?}",
            s["from"],
            s["to"],
            g.difference(&e),
            e.difference(&g)
        );
    }

    let timeline: Vec<Value> = p["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let events: Vec<Value> = t["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    json!([
                        e["edition"],
                        e["kind"],
                        e.get("year").unwrap_or(&Value::Null),
                        e["old"],
                        e["new"]
                    ])
                })
                .collect();
            json!({"id": t["id"], "name": t["name"], "first": t["first"], "events": events})
        })
        .collect();
    assert_eq!(Value::Array(timeline), want["timeline"]);
}

#[test]
fn golden_text_markdown_json_and_xlsx() {
    let dir = root().join("tests/golden/history");
    assert_golden(&dir.join("shiogama.txt"), &history("text", None));
    assert_golden(&dir.join("shiogama.md"), &history("markdown", None));
    assert_golden(&dir.join("shiogama.json"), &history("json", None));
    let tmp = temp_dir("history-xlsx");
    let xlsx = history("xlsx", Some(&tmp.join("h.xlsx")));
    assert_golden(&dir.join("shiogama.xlsx"), &xlsx);
    // The workbook's rows, read back: one per change and one per event.
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook(tmp.join("h.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["版", "変更", "施策の経過"]);
    let changes = wb.worksheet_range("変更").unwrap();
    assert_eq!(changes.height(), 1 + 33 + 31);
    let row: Vec<String> = changes
        .rows()
        .nth(1 + 33)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(row[1..4], ["2024-03", "2025-03", "1-1"]);
    let events = wb.worksheet_range("施策の経過").unwrap();
    let renamed = events.rows().find(|r| r[5] == "renamed").unwrap();
    assert_eq!(renamed[7].to_string(), "スマホ教室の実施");
    assert_eq!(renamed[8].to_string(), "スマートフォン教室の実施");
}

/// The workbook's words (種別, 出来事) follow the language; the rest of it
/// is the same.
#[test]
fn japanese_workbook_words() {
    use calamine::{Data, Reader, Xlsx};
    let tmp = temp_dir("history-xlsx-ja");
    history_in("xlsx", Some(&tmp.join("ja.xlsx")), "ja_JP.UTF-8");
    history_in("xlsx", Some(&tmp.join("en.xlsx")), "C");
    let mut ja: Xlsx<_> = calamine::open_workbook(tmp.join("ja.xlsx")).unwrap();
    let mut en: Xlsx<_> = calamine::open_workbook(tmp.join("en.xlsx")).unwrap();
    for (sheet, col, words) in [
        ("変更", 4, &["追加", "削除", "変更", "移動"][..]),
        (
            "施策の経過",
            5,
            &["追加", "削除", "名称変更", "施策番号変更", "目標値変更"][..],
        ),
    ] {
        let (j, e) = (
            ja.worksheet_range(sheet).unwrap(),
            en.worksheet_range(sheet).unwrap(),
        );
        assert_eq!(j.get_size(), e.get_size(), "{sheet}");
        let mut seen = 0;
        for (rj, re) in j.rows().zip(e.rows()).skip(1) {
            for c in 0..rj.len() {
                if c != col {
                    assert_eq!(rj[c], re[c], "{sheet} column {c}");
                }
            }
            match &rj[col] {
                Data::String(w) if words.contains(&w.as_str()) => seen += 1,
                Data::Empty => {}
                other => panic!("{sheet}: {other:?} is not a Japanese word"),
            }
        }
        assert!(seen > 0, "{sheet}: no words");
    }
}

#[test]
fn golden_japanese_text_and_markdown() {
    let dir = root().join("tests/golden/history");
    assert_golden(
        &dir.join("shiogama.ja.txt"),
        &history_in("text", None, "ja_JP.UTF-8"),
    );
    assert_golden(
        &dir.join("shiogama.ja.md"),
        &history_in("markdown", None, "ja_JP.UTF-8"),
    );
}

#[test]
fn a_japanese_locale_gives_japanese_history() {
    let paths: Vec<String> = EDITIONS
        .iter()
        .map(|e| root().join(e).display().to_string())
        .collect();
    let mut args = vec!["history"];
    args.extend(paths.iter().map(String::as_str));
    let o = dxplan_in_locale(&args, "ja_JP.UTF-8");
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    for want in [
        "：全 3 版",
        "施策 15 件",
        "== 施策の経過 ==",
        "変更 12 施策、追加 1、削除 0、移動 0",
        "3-2 スマートストアの設置（2024-03 版から）",
        "  2024-03  追加",
        "  2025-03  削除",
        "名称変更: スマホ教室の実施 → スマートフォン教室の実施",
        "目標値 2024年度: 45 → 50",
    ] {
        assert!(out.contains(want), "no {want:?} in:\n{out}");
    }
    for english in [
        "edition(s)",
        "measures through",
        "since ",
        "renamed",
        "no change",
    ] {
        assert!(!out.contains(english), "{english:?} in:\n{out}");
    }
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("の履歴を表示しました"), "{stderr}");
    // --lang wins over the locale.
    let mut en = args.clone();
    en.extend(["--lang", "en"]);
    let o = dxplan_in_locale(&en, "ja_JP.UTF-8");
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains(": 3 edition(s)") && !out.contains("全 3 版"),
        "{out}"
    );
}

#[test]
fn a_folder_of_editions_with_copies_and_other_files() {
    let dir = temp_dir("history-dir");
    for (to, from) in [
        ("R5.9/plan.xlsx", "shiogama-2023-09/plan.xlsx"),
        ("R6.3/plan.pdf", "shiogama-2024-03/plan-ipaex.pdf"),
        ("R6.3/plan.xlsx", "shiogama-2024-03/plan.xlsx"),
        ("R7.3/plan.xlsx", "shiogama-2025-03/plan.xlsx"),
        ("other/fujieda.xlsx", "fujieda-2025-03/plan.xlsx"),
    ] {
        let to = dir.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture(from), to).unwrap();
    }
    std::fs::write(dir.join("notes.txt"), "x").unwrap();
    let o = dxplan(&["history", dir.to_str().unwrap(), "--format", "json"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("notes.txt: unsupported file type .txt"),
        "{err}"
    );
    assert!(
        err.contains("history of 2 plan(s), 4 edition(s) from 5 file(s)"),
        "{err}"
    );
    let h: Value = serde_json::from_slice(&o.stdout).unwrap();
    let shiogama = h["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "042030")
        .unwrap();
    let eds = shiogama["editions"].as_array().unwrap();
    assert_eq!(eds.len(), 3);
    assert!(eds[1]["path"].as_str().unwrap().ends_with("R6.3/plan.pdf"));
    assert!(
        eds[1]["copies"][0]
            .as_str()
            .unwrap()
            .ends_with("R6.3/plan.xlsx")
    );
}

#[test]
fn an_unreadable_edition_writes_nothing() {
    let dir = temp_dir("history-bad");
    let out = dir.join("h.md");
    let o = dxplan(&[
        "history",
        fixture("shiogama-2023-09/plan.xlsx").to_str().unwrap(),
        fixture("bad/random.xlsx").to_str().unwrap(),
        "--format",
        "markdown",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("random.xlsx") && err.contains("nothing written"),
        "{err}"
    );
    assert!(!out.exists());
}

/// The 紫波町 editions (fixtures/shiwa-2026-04, -2026-10) revise two
/// targets of measure 1-2's second indicator: its timeline says so, each
/// event naming that indicator, and the text names it 指標2.
#[test]
fn a_second_indicators_targets_have_their_own_events() {
    let old = fixture("shiwa-2026-04/plan.xlsx");
    let new = fixture("shiwa-2026-10/plan.pdf");
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let out = dxplan(&["history", old, new, "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let events: Vec<Value> =
        got["plans"][0]["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| {
                let id = t["id"].clone();
                t["events"].as_array().unwrap().iter().map(move |e| {
                    json!([id, e["kind"], e["year"], e["indicator"], e["old"], e["new"]])
                })
            })
            .collect();
    assert_eq!(
        events,
        [
            json!(["1-2", "target", 2026, 1, "10", "14"]),
            json!(["1-2", "target", 2027, 1, "16", "18"]),
        ]
    );
    let text = dxplan_in_locale(&["history", old, new], "ja_JP.UTF-8");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("指標2 目標値 2026年度: 10 → 14"), "{text}");
}
