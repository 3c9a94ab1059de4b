//! Recogniser tests on grids built in code: the published layout, the same
//! layout with merges lost (as ODS gives it), and layout variations.

use super::*;
use crate::grid::{Grid, Loc, Origin, Rgb};
use crate::read::{Document, InputFormat};

/// A sheet grid from rows of cell texts.
fn sheet(name: &str, rows: &[&[&str]], cols: usize) -> Grid {
    let mut g = Grid::new(Origin::Sheet(name.into()), rows.len(), cols, |r, c| {
        Loc::Sheet {
            sheet: name.into(),
            row: r as u32,
            col: c as u32,
        }
    });
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            g.set_text(r, c, *t);
        }
    }
    g
}

const Q: &str = "■";

/// Measure 1-1 of the Shiogama plan, 19 columns, as cell texts.
fn measure_rows() -> Vec<Vec<&'static str>> {
    let mut rows: Vec<Vec<&str>> = vec![
        vec!["6. 具体的な事業"],
        vec!["基本方針1 市民のサービス向上に向けたDX 施策1"],
        vec!["事業名", "電子申請の推進"],
        vec![
            "内容",
            "スマートフォンやパソコン等を利用し、\n時間や場所を問わずに",
        ],
        vec!["効果", "業務の効率化が期待できる。"],
        vec![
            "スケジュール",
            "内容",
            "",
            "R 4",
            "",
            "",
            "",
            "R 5",
            "",
            "",
            "",
            "R 6",
            "",
            "",
            "",
            "R 7",
        ],
    ];
    let mut act =
        |name: &'static str, plan: std::ops::Range<usize>, actual: std::ops::Range<usize>| {
            let mut p = vec!["", name, "計画"];
            let mut a = vec!["", "", "実績"];
            for q in 0..16 {
                p.push(if plan.contains(&q) { Q } else { "" });
                a.push(if actual.contains(&q) { Q } else { "" });
            }
            rows.push(p);
            rows.push(a);
        };
    act("対象手続きの見直し", 0..4, 0..4);
    act("導入", 4..8, 4..8);
    act("運用・活用拡大", 8..16, 0..0);
    rows.extend([
        vec![
            "目標値",
            "満足度（%）",
            "",
            "26",
            "",
            "",
            "",
            "40",
            "",
            "",
            "",
            "50",
            "",
            "",
            "",
            "60",
        ],
        vec!["実績値", "", "", "—", "", "", "", "40"],
        vec![
            "事業費",
            "単位（千円）",
            "",
            "792",
            "",
            "",
            "",
            "4,916",
            "",
            "",
            "",
            "R5一括支払い",
            "",
            "",
            "",
            "ゼロ",
        ],
        vec!["定性評価", "—"],
        vec!["見直し・改善", "R6年度も引き続き調査する。"],
        vec!["担当部署", "会計課、政策課 等"],
    ]);
    rows
}

fn grid_of(rows: &[Vec<&str>], merged: bool) -> Grid {
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let mut g = sheet("1-1", &refs, 19);
    if merged {
        for r in [2, 3, 4, 15, 16, 17] {
            g.merge(r, 1, 1, 18);
        }
        for c in [3, 7, 11, 15] {
            for r in [5, 12, 13, 14] {
                g.merge(r, c, 1, 4);
            }
        }
        g.merge(5, 0, 7, 1);
        for r in [6, 8, 10] {
            g.merge(r, 1, 2, 1);
        }
        g.merge(12, 1, 2, 1);
    }
    g
}

fn doc(grids: Vec<Grid>) -> Document {
    Document {
        format: InputFormat::Xlsx,
        grids,
        pages: None,
        sheets: None,
        warnings: Vec::new(),
    }
}

fn check_measure(m: &Measure) {
    assert_eq!(m.id, "1-1");
    assert_eq!(m.name, "電子申請の推進");
    assert_eq!(
        m.description.as_deref(),
        Some("スマートフォンやパソコン等を利用し、時間や場所を問わずに")
    );
    let names: Vec<&str> = m.schedule.iter().map(|a| a.activity.as_str()).collect();
    assert_eq!(names, ["対象手続きの見直し", "導入", "運用・活用拡大"]);
    let strs = |v: &[crate::model::Period]| v.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    assert_eq!(
        strs(&m.schedule[1].plan),
        ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    );
    assert_eq!(m.schedule[2].plan.len(), 8);
    assert!(m.schedule[2].actual.is_empty());
    let ind = m.indicator().expect("indicator");
    assert_eq!(
        (ind.name.as_str(), ind.unit.as_deref()),
        ("満足度", Some("%"))
    );
    assert_eq!(ind.target[&2023].value, Some(40.0));
    assert_eq!(ind.actual[&2022].raw, "—");
    assert_eq!(ind.actual[&2024].raw, "");
    let cost = m.cost.as_ref().expect("cost");
    assert_eq!(cost.unit.as_deref(), Some("千円"));
    assert_eq!(cost.values[&2023].value, Some(4_916_000.0));
    assert_eq!(cost.values[&2024].note.as_deref(), Some("R5一括支払い"));
    assert_eq!(m.qualitative_evaluation, None);
    assert_eq!(m.departments, ["会計課", "政策課"]);
    assert!(m.departments_etc);
}

#[test]
fn published_layout_with_merges() {
    let rec = recognize(&doc(vec![grid_of(&measure_rows(), true)])).unwrap();
    assert_eq!(rec.measures.len(), 1);
    check_measure(&rec.measures[0]);
    assert_eq!(rec.measures[0].source_ref, "1-1!A3:S18");
    assert_eq!(rec.info.fiscal_years, [2022, 2023, 2024, 2025]);
    assert_eq!(
        rec.measures[0].cost.as_ref().unwrap().values[&2023]
            .at
            .as_deref(),
        Some("1-1!H15")
    );
}

#[test]
fn same_layout_with_merges_lost() {
    let rec = recognize(&doc(vec![grid_of(&measure_rows(), false)])).unwrap();
    check_measure(&rec.measures[0]);
}

#[test]
fn shaded_cells_are_marks() {
    let mut rows = measure_rows();
    for row in rows.iter_mut() {
        for t in row.iter_mut() {
            if *t == Q {
                *t = "";
            }
        }
    }
    let mut g = grid_of(&rows, true);
    for c in 7..11 {
        g.get_mut(8, c).unwrap().fill = Some(Rgb(0x99, 0x99, 0x99));
    }
    let rec = recognize(&doc(vec![g])).unwrap();
    let m = &rec.measures[0];
    assert_eq!(m.schedule[1].plan.len(), 4);
    assert!(m.schedule[0].plan.is_empty());
}

#[test]
fn stacked_tables_on_one_sheet() {
    let mut rows = measure_rows();
    let mut second = measure_rows();
    second[1] = vec!["基本方針2 行政の効率化に向けたDX 施策3"];
    rows.extend(second);
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("all", &refs, 19)])).unwrap();
    let ids: Vec<&str> = rec.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1-1", "2-3"]);
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn unknown_rows_become_warnings() {
    let mut rows = measure_rows();
    rows.insert(4, vec!["備考", "something odd"]);
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("1-1", &refs, 19)])).unwrap();
    let w = rec
        .warnings
        .iter()
        .find(|w| w.code == "unknown_label")
        .expect("warning");
    assert_eq!(w.at.as_deref(), Some("1-1!A5"));
    assert!(w.message.contains("備考"));
    assert!(w.message.contains("something odd"));
}

#[test]
fn no_tables_is_an_error() {
    let g = sheet("S", &[&["予算一覧"], &["", "42"]], 3);
    assert!(matches!(
        recognize(&doc(vec![g])),
        Err(RecognizeError::NoPlan)
    ));
}

#[test]
fn cover_and_policies() {
    let cover = sheet(
        "表紙",
        &[
            &["塩竈市DX推進アクションプラン"],
            &["令和5年9月(令和6年3月更新)"],
            &["宮城県塩竈市"],
        ],
        2,
    );
    let policy = sheet(
        "方針",
        &[
            &["5. 取り組み方針"],
            &["基本方針1 市民のサービス向上に向けたDX"],
            &["市民のサービス向上のため、\n行政サービスを提供します。"],
            &["基本方針2 行政の効率化に向けたDX"],
            &["行政の効率化のため、環境をつくります。"],
        ],
        2,
    );
    let rec = recognize(&doc(vec![cover, policy, grid_of(&measure_rows(), true)])).unwrap();
    assert_eq!(
        rec.info.title.as_deref(),
        Some("塩竈市DX推進アクションプラン")
    );
    assert_eq!(rec.info.issued.as_deref(), Some("2023-09"));
    assert_eq!(rec.info.revised.as_deref(), Some("2024-03"));
    let m = rec.info.municipality.as_ref().expect("municipality");
    assert_eq!(
        (m.name.as_str(), m.code.as_deref()),
        ("塩竈市", Some("042030"))
    );
    assert_eq!(rec.policies.len(), 2);
    assert_eq!(
        rec.policies[0].summary.as_deref(),
        Some("市民のサービス向上のため、行政サービスを提供します。")
    );
}

#[test]
fn a_card_continued_on_the_next_page_is_one_measure() {
    // A table split over two pages: the second page has no 事業名 row.
    let rows = measure_rows();
    let (first, second) = rows.split_at(12);
    let g1 = grid_of(first, false);
    let refs: Vec<&[&str]> = second.iter().map(|r| r.as_slice()).collect();
    let g2 = sheet("p2", &refs, 19);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1);
    assert!(
        !rec.warnings.iter().any(|w| w.code == "orphan_row"),
        "{:?}",
        rec.warnings
    );
    check_measure(&rec.measures[0]);
}

#[test]
fn a_cards_activity_rows_left_above_its_next_label_on_the_next_page_are_read() {
    // A card broken inside its schedule: the next page starts with the
    // last activity's 計画/実績 rows, their schedule label (merged down)
    // printed on the page before, then 成果指標. The activity is read.
    let p1: Vec<&[&str]> = vec![
        &["基本方針1　行政"],
        &["施策1"],
        &["事業名", "電子申請", "", "", ""],
        &["スケジュール", "", "", "R7", "R8"],
        &["", "導入", "計画", "●", ""],
    ];
    let mut g1 = sheet("p1", &p1, 5);
    g1.merge(3, 0, 2, 1);
    let p2: Vec<&[&str]> = vec![
        &["", "運用", "計画", "", "●"],
        &["", "", "実績", "", ""],
        &["成果指標", "申請件数（件）", "", "10", "20"],
    ];
    let mut g2 = sheet("p2", &p2, 5);
    g2.merge(0, 0, 2, 1);
    g2.merge(0, 1, 2, 1);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1);
    let acts: Vec<(&str, usize)> = rec.measures[0]
        .schedule
        .iter()
        .map(|a| (a.activity.as_str(), a.plan.len()))
        .collect();
    assert_eq!(acts, [("導入", 1), ("運用", 1)]);
    assert!(
        !rec.warnings.iter().any(|w| w.code == "unplaced_cell"),
        "{:?}",
        rec.warnings
    );
}

#[test]
fn a_plan_or_actual_row_whose_activity_stayed_on_the_page_before_goes_on_with_it() {
    // The next page starts with the 実績 row of an activity named on the
    // page before: it is that activity's actual, not a card label (its
    // 実績 was read as an indicator's actual, ● as its value).
    let p1: Vec<&[&str]> = vec![
        &["基本方針1　行政"],
        &["施策1"],
        &["事業名", "電子申請", "", "", ""],
        &["スケジュール", "", "", "R7", "R8"],
        &["", "導入", "計画", "●", ""],
    ];
    let mut g1 = sheet("p1", &p1, 5);
    g1.merge(3, 0, 2, 1);
    let p2: Vec<&[&str]> = vec![
        &["", "", "実績", "●", ""],
        &["成果指標", "申請件数（件）", "", "10", "20"],
    ];
    let rec = recognize(&doc(vec![g1, sheet("p2", &p2, 5)])).unwrap();
    assert_eq!(rec.measures.len(), 1);
    let marks_as_actuals = rec.measures[0]
        .indicators
        .iter()
        .flat_map(|i| i.actual.values())
        .filter(|v| v.raw == "●")
        .count();
    assert_eq!(marks_as_actuals, 0, "{:?}", rec.measures[0].indicators);
    let acts: Vec<(&str, usize, usize)> = rec.measures[0]
        .schedule
        .iter()
        .map(|a| (a.activity.as_str(), a.plan.len(), a.actual.len()))
        .collect();
    assert_eq!(acts, [("導入", 1, 1)]);
}

#[test]
fn rows_outside_tables_are_reported() {
    // Labelled rows with no card before them anywhere.
    let rows = measure_rows();
    let refs: Vec<&[&str]> = rows[12..].iter().map(|r| r.as_slice()).collect();
    let g1 = sheet("p1", &refs, 19);
    let g2 = grid_of(&rows, true);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    let orphans: Vec<_> = rec
        .warnings
        .iter()
        .filter(|w| w.code == "orphan_row")
        .collect();
    assert_eq!(orphans.len(), 6, "{orphans:?}");
    assert_eq!(orphans[0].at.as_deref(), Some("p1!A1"));
    assert!(orphans[0].message.contains("目標値"));
    assert_eq!(rec.measures.len(), 1);
}

#[test]
fn a_second_indicator_block_with_a_name_is_the_next_indicator() {
    let mut rows = measure_rows();
    let at = rows.iter().position(|r| r[0] == "事業費").unwrap();
    rows.insert(
        at,
        vec!["目標値", "別の指標（件）", "", "1", "", "", "", "2"],
    );
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("1-1", &refs, 19)])).unwrap();
    check_measure(&rec.measures[0]);
    let inds = &rec.measures[0].indicators;
    assert_eq!(inds.len(), 2, "{inds:?}");
    assert_eq!(inds[1].name, "別の指標");
    assert_eq!(inds[1].unit.as_deref(), Some("件"));
    assert_eq!(inds[1].target[&2022].raw, "1");
    assert_eq!(inds[1].target[&2023].raw, "2");
    assert!(inds[1].actual.is_empty(), "no 実績 row: no actual years");
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn a_second_indicator_row_without_a_name_is_warned_not_overwritten() {
    let mut rows = measure_rows();
    let at = rows.iter().position(|r| r[0] == "事業費").unwrap();
    rows.insert(at, vec!["目標値", "", "", "1", "", "", "", "2"]);
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("1-1", &refs, 19)])).unwrap();
    check_measure(&rec.measures[0]);
    assert_eq!(rec.measures[0].indicators.len(), 1);
    let w = rec
        .warnings
        .iter()
        .find(|w| w.code == "duplicate_row")
        .expect("duplicate warning");
    assert_eq!(w.at.as_deref(), Some(format!("1-1!A{}", at + 1).as_str()));
}

#[test]
fn a_kpi_block_with_several_indicators_and_challenges() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本目標１　暮らし"],
        vec!["取組 1-(1)"],
        vec!["取組名", "窓口のオンライン化", "", "", ""],
        vec!["現状と課題", "来庁が必要な手続が多い。", "", "", ""],
        vec!["工程", "", "", "R7", "R8"],
        vec!["", "導入", "計画", "●", ""],
        vec!["指標①", "オンライン申請件数（件）", "目標値", "100", "200"],
        vec!["", "", "実績値", "120", ""],
        vec!["指標②", "満足度（%）", "目標値", "80", "85"],
        vec!["", "", "実績値", "", ""],
        vec!["成果指標", "職員の処理時間（時間）", "目標値", "10", "8"],
        vec!["", "", "実績値", "", ""],
        vec!["", "窓口の待ち時間（分）", "目標値", "15", "10"],
        vec!["", "", "実績値", "20", ""],
        vec!["所管課", "市民課", "", "", ""],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let mut s = sheet("S", &refs, 5);
    // The labels merged down over their rows (成果指標 over both of its
    // indicators), each name over its 目標値 and 実績値 rows.
    for (row, rows) in [(6, 2), (8, 2), (10, 4)] {
        assert!(s.merge(row, 0, rows, 1));
    }
    for row in [6, 8, 10, 12] {
        assert!(s.merge(row, 1, 2, 1));
    }
    let rec = recognize(&doc(vec![s])).unwrap();
    let m = &rec.measures[0];
    let got: Vec<(&str, Option<&str>, &str, &str)> = m
        .indicators
        .iter()
        .map(|i| {
            (
                i.name.as_str(),
                i.unit.as_deref(),
                i.target[&2026].raw.as_str(),
                i.actual[&2025].raw.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("オンライン申請件数", Some("件"), "200", "120"),
            ("満足度", Some("%"), "85", ""),
            ("職員の処理時間", Some("時間"), "8", ""),
            ("窓口の待ち時間", Some("分"), "10", "20"),
        ]
    );
    assert_eq!(m.indicator(), m.indicators.first());
    assert_eq!(m.challenges.as_deref(), Some("来庁が必要な手続が多い。"));
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn two_cards_side_by_side() {
    let card = |name: &'static str, dept: &'static str| -> Vec<Vec<&'static str>> {
        vec![
            vec!["事業名", name, "", ""],
            vec!["内容", "説明", "", ""],
            vec!["工程", "", "R7", "R8"],
            vec!["", "導入", "●", ""],
            vec!["担当課", dept, "", ""],
        ]
    };
    let (a, b) = (
        card("窓口のオンライン化", "市民課"),
        card("電子契約", "契約課"),
    );
    let mut rows: Vec<Vec<&str>> = vec![
        vec!["基本目標１　暮らし"],
        vec!["施策① 窓口", "", "", "", "施策② 契約"],
    ];
    for (l, r) in a.iter().zip(&b) {
        let mut row = l.clone();
        row.extend(r.iter().copied());
        rows.push(row);
    }
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("S", &refs, 8)])).unwrap();
    let got: Vec<(&str, &str, Vec<String>)> = rec
        .measures
        .iter()
        .map(|m| (m.id.as_str(), m.name.as_str(), m.departments.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("1-1", "窓口のオンライン化", vec!["市民課".to_string()]),
            ("1-2", "電子契約", vec!["契約課".to_string()]),
        ]
    );
    assert_eq!(rec.measures[1].schedule[0].plan[0].to_string(), "2025");
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn a_list_table_with_words_arrows_and_indicators() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本目標2 職員の働き方"],
        vec![
            "No.",
            "取組名",
            "取組内容",
            "所管課",
            "R6",
            "R7",
            "R8",
            "指標",
            "現状値",
            "目標値（R8）",
        ],
        vec![
            "1",
            "電子決裁",
            "決裁の電子化",
            "総務課",
            "検討",
            "→",
            "実施",
            "電子決裁率（%）",
            "40（R5）",
            "90",
        ],
        vec![
            "2",
            "テレワーク",
            "在宅勤務",
            "人事課",
            "試行",
            "実施",
            "試行",
            "利用者数（人）",
            "12（R5）",
            "検証中",
        ],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("S", &refs, 10)])).unwrap();
    assert_eq!(rec.measures.len(), 2, "{:?}", rec.warnings);
    let m = &rec.measures[0];
    assert_eq!((m.id.as_str(), m.name.as_str()), ("2-1", "電子決裁"));
    assert_eq!(m.departments, ["総務課"]);
    let acts: Vec<(String, Vec<String>)> = m
        .schedule
        .iter()
        .map(|a| {
            (
                a.activity.clone(),
                a.plan.iter().map(|p| p.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        acts,
        [
            (
                "検討".to_string(),
                vec!["2024".to_string(), "2025".to_string()]
            ),
            ("実施".to_string(), vec!["2026".to_string()]),
        ]
    );
    let ind = m.indicator().unwrap();
    assert_eq!(
        (ind.name.as_str(), ind.unit.as_deref()),
        ("電子決裁率", Some("%"))
    );
    assert_eq!(ind.actual[&2023].value, Some(40.0));
    assert_eq!(ind.target[&2026].value, Some(90.0));
    assert_eq!(ind.target.len(), 1);
    let t = &rec.measures[1];
    assert_eq!(t.schedule[0].plan.len(), 2, "試行 recurs in R8");
    assert_eq!(
        t.indicator().unwrap().target[&2026].note.as_deref(),
        Some("検証中")
    );
    assert_eq!(rec.info.fiscal_years, [2024, 2025, 2026]);
    assert_eq!(rec.policies[0].title, "職員の働き方");
}

#[test]
fn values_without_year_columns_are_warned_not_dropped() {
    let g = sheet(
        "S",
        &[
            &["事業名", "窓口改善"],
            &["事業費", "単位（千円）", "", "100"],
            &["担当部署", "市民課"],
        ],
        5,
    );
    let rec = recognize(&doc(vec![g])).unwrap();
    assert!(rec.measures[0].cost.is_none());
    let w = rec
        .warnings
        .iter()
        .find(|w| w.code == "no_schedule_years")
        .expect("warning");
    assert_eq!(w.at.as_deref(), Some("S!A2"));
    assert!(w.message.contains("cost"));
}

#[test]
fn quarter_subheader_rows_are_skipped() {
    let mut rows = measure_rows();
    let mut sub = vec!["", "", ""];
    for _ in 0..4 {
        sub.extend(["第1四半期", "第2四半期", "第3四半期", "第4四半期"]);
    }
    rows.insert(6, sub);
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("1-1", &refs, 19)])).unwrap();
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
    check_measure(&rec.measures[0]);
}

#[test]
fn a_list_going_on_without_its_header_on_the_next_page() {
    let page1: Vec<Vec<&str>> = vec![
        vec!["基本目標1 暮らし"],
        vec!["No.", "取組名", "取組内容", "所管課", "R7", "R8"],
        vec!["1", "窓口予約", "予約の電子化", "市民課", "構築", "運用"],
    ];
    let page2: Vec<Vec<&str>> = vec![
        vec![
            "2",
            "証明書のコンビニ交付",
            "交付の拡大",
            "市民課",
            "",
            "実施",
        ],
        vec!["", "", "備考のみ", "総務課", "", "実施"],
    ];
    let r1: Vec<&[&str]> = page1.iter().map(|r| r.as_slice()).collect();
    let r2: Vec<&[&str]> = page2.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("p1", &r1, 6), sheet("p2", &r2, 6)])).unwrap();
    let ids: Vec<&str> = rec.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1-1", "1-2"]);
    let m = &rec.measures[1];
    assert_eq!(m.name, "証明書のコンビニ交付");
    assert_eq!(m.schedule[0].activity, "実施");
    assert_eq!(m.schedule[0].plan[0].to_string(), "2026");
    // The row without No. and name is the measure going on (the
    // contract's continuation rows): its texts joined, nothing dropped.
    assert_eq!(m.description.as_deref(), Some("交付の拡大備考のみ"));
    assert_eq!(m.departments, ["市民課", "総務課"]);
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn a_list_going_on_after_a_policy_row_that_ended_the_page_is_under_that_policy() {
    // The page ends right after the row naming policy 2; the list goes on
    // on the next page under its header printed again, numbered ① anew.
    let page1: Vec<Vec<&str>> = vec![
        vec!["No.", "取組名", "取組内容", "所管課", "R7", "R8"],
        vec!["基本目標1 暮らし"],
        vec!["①", "窓口予約", "予約の電子化", "市民課", "構築", "運用"],
        vec!["基本目標2 産業"],
    ];
    let page2: Vec<Vec<&str>> = vec![
        vec!["No.", "取組名", "取組内容", "所管課", "R7", "R8"],
        vec!["①", "農地の地図化", "台帳の電子化", "農林課", "", "実施"],
        vec!["基本目標3 観光"],
        vec!["①", "観光案内", "多言語の案内", "観光課", "実施", "実施"],
    ];
    let r1: Vec<&[&str]> = page1.iter().map(|r| r.as_slice()).collect();
    let r2: Vec<&[&str]> = page2.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("p1", &r1, 6), sheet("p2", &r2, 6)])).unwrap();
    let ids: Vec<&str> = rec.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1-1", "2-1", "3-1"]);
    assert_eq!(rec.measures[1].name, "農地の地図化");
}

#[test]
fn a_policy_heading_below_a_ruled_list_heads_the_next_one() {
    // A PDF page: two ruled lists, a policy heading between them outside
    // both (a deck's text box). It is no spanning row of the list above.
    let rows: &[&[&str]] = &[
        &["基本目標1 暮らし"],
        &["No.", "取組名", "取組内容", "所管課", "R7", "R8"],
        &["①", "窓口予約", "予約の電子化", "市民課", "構築", "運用"],
        &["基本目標2 産業"],
        &["No.", "取組名", "取組内容", "所管課", "R7", "R8"],
        &["①", "農地の地図化", "台帳の電子化", "農林課", "", "実施"],
    ];
    let g = page(1, rows, 6, &[(1..3, 0..6), (4..6, 0..6)]);
    let rec = recognize(&doc(vec![g])).unwrap();
    let ids: Vec<&str> = rec.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1-1", "2-1"]);
}

#[test]
fn a_cell_no_stage_reads_is_named_in_a_warning() {
    // A list with a column nobody knows (備考), a card row whose text sits
    // right of the period columns: each such cell is warned at its place.
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本目標1 暮らし"],
        vec!["No.", "取組名", "取組内容", "備考", "担当課", "R7", "R8"],
        vec![
            "1",
            "窓口の改善",
            "書かない窓口",
            "県と調整中",
            "市民課",
            "検討",
            "実施",
        ],
        vec!["2", "電子申請", "対象の拡大", "", "情報課", "実施", "→"],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("一覧", &refs, 7)])).unwrap();
    assert_eq!(rec.measures.len(), 2, "{:?}", rec.warnings);
    let unplaced: Vec<(&str, &str)> = rec
        .warnings
        .iter()
        .filter(|w| w.code == "unplaced_cell")
        .map(|w| (w.at.as_deref().unwrap(), w.message.as_str()))
        .collect();
    assert_eq!(unplaced.len(), 2, "{unplaced:?} {:?}", rec.warnings);
    assert_eq!(unplaced[0].0, "一覧!D2");
    assert!(unplaced[0].1.contains("備考"));
    assert_eq!(unplaced[1].0, "一覧!D3");
    assert!(unplaced[1].1.contains("県と調整中"));
}

#[test]
fn every_cell_of_the_shiogama_card_is_read() {
    let rows = measure_rows();
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("1-1", &refs, 19)])).unwrap();
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
    // A note right of the period columns is not read: warned, not dropped.
    let mut rows = measure_rows();
    let at = rows.iter().position(|r| r[0] == "事業費").unwrap();
    rows[at].resize(20, "");
    rows[at][19] = "※税込";
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("1-1", &refs, 20)])).unwrap();
    let w: Vec<_> = rec
        .warnings
        .iter()
        .filter(|w| w.code == "unplaced_cell")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", rec.warnings);
    assert_eq!(
        w[0].at.as_deref(),
        Some(format!("1-1!T{}", at + 1).as_str())
    );
}

#[test]
fn a_group_header_row_over_the_years_is_header() {
    // Plan phases above the year columns, the last year open-ended.
    let card = |name: &'static str| -> Vec<Vec<&'static str>> {
        vec![
            vec!["事業名", name, "", "", "", ""],
            vec!["スケジュール", "", "前期（R5～R7）", "", "", "後期（R8～）"],
            vec!["", "", "R5", "R6", "R7", "R8以降"],
            vec!["", "導入", "●", "●", "", ""],
            vec!["", "運用", "", "", "●", "●"],
            vec!["担当課", "情報課", "", "", "", ""],
        ]
    };
    let mut rows: Vec<Vec<&str>> = vec![vec!["基本方針1　行政"], vec!["施策1"]];
    rows.extend(card("電子契約"));
    rows.push(vec!["施策2"]);
    rows.extend(card("文書管理"));
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let mut s = sheet("S", &refs, 6);
    for top in [2, 9] {
        assert!(s.merge(top + 1, 2, 1, 3), "前期 over three years");
        assert!(s.merge(top + 1, 0, 4, 1), "スケジュール down the block");
    }
    let rec = recognize(&doc(vec![s])).unwrap();
    let got: Vec<(&str, &str, Vec<String>)> = rec
        .measures
        .iter()
        .flat_map(|m| {
            m.schedule.iter().map(move |a| {
                (
                    m.id.as_str(),
                    a.activity.as_str(),
                    a.plan.iter().map(|p| p.to_string()).collect(),
                )
            })
        })
        .collect();
    let years = |ys: &[&str]| ys.iter().map(|y| y.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            ("1-1", "導入", years(&["2023", "2024"])),
            ("1-1", "運用", years(&["2025", "2026"])),
            ("1-2", "導入", years(&["2023", "2024"])),
            ("1-2", "運用", years(&["2025", "2026"])),
        ]
    );
    assert_eq!(rec.info.fiscal_years, [2023, 2024, 2025, 2026]);
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn a_list_with_phases_over_its_year_columns() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本目標1 暮らし"],
        vec![
            "No.",
            "取組名",
            "取組内容",
            "担当課",
            "スケジュール",
            "",
            "",
        ],
        vec!["", "", "", "", "第1期", "", "第2期"],
        vec!["", "", "", "", "R6年度末", "R7年度末", "R8年度末"],
        vec![
            "1",
            "窓口の改善",
            "書かない窓口",
            "市民課",
            "検討",
            "実施",
            "→",
        ],
        vec!["2", "電子申請", "対象の拡大", "情報課", "", "実施", "→"],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let mut s = sheet("一覧", &refs, 7);
    assert!(s.merge(1, 4, 1, 3));
    assert!(s.merge(2, 4, 1, 2));
    for c in 0..4 {
        assert!(s.merge(1, c, 3, 1));
    }
    let rec = recognize(&doc(vec![s])).unwrap();
    assert_eq!(rec.measures.len(), 2, "{:?}", rec.warnings);
    let m = &rec.measures[1];
    assert_eq!(m.schedule[0].activity, "実施");
    let plan: Vec<String> = m.schedule[0].plan.iter().map(|p| p.to_string()).collect();
    assert_eq!(plan, ["2025", "2026"]);
    assert_eq!(rec.info.fiscal_years, [2024, 2025, 2026]);
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn rows_without_a_known_label_are_read_by_what_they_hold() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本方針1　行政"],
        vec!["施策1"],
        vec!["事業名", "電子契約", "", "", ""],
        vec!["年度", "", "", "R7", "R8"],
        vec!["進め方", "契約事務の見直し", "", "●", ""],
        vec!["", "システム導入", "", "", "●"],
        vec!["達成状況", "電子契約の件数（件）", "目標", "10", "50"],
        vec!["", "", "実績", "12", ""],
        vec!["所要額（千円）", "", "", "1,200", "800"],
        vec!["備考", "県のシステムと連携する予定である。", "", "", ""],
        vec!["担当課", "契約課", "", "", ""],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let mut s = sheet("S", &refs, 5);
    assert!(s.merge(6, 0, 2, 1));
    assert!(s.merge(6, 1, 2, 1));
    assert!(s.merge(9, 1, 1, 4), "a note across the year columns");
    let rec = recognize(&doc(vec![s])).unwrap();
    let m = &rec.measures[0];
    let acts: Vec<(&str, Vec<String>)> = m
        .schedule
        .iter()
        .map(|a| {
            (
                a.activity.as_str(),
                a.plan.iter().map(|p| p.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        acts,
        [
            ("契約事務の見直し", vec!["2025".to_string()]),
            ("システム導入", vec!["2026".to_string()]),
        ]
    );
    let ind = m.indicator().expect("the numbers beside 目標/実績");
    assert_eq!(
        (ind.name.as_str(), ind.unit.as_deref()),
        ("電子契約の件数", Some("件"))
    );
    assert_eq!(ind.target[&2026].value, Some(50.0));
    assert_eq!(ind.actual[&2025].value, Some(12.0));
    let cost = m.cost.as_ref().expect("amounts with 千円");
    assert_eq!(cost.values[&2025].value, Some(1_200_000.0));
    assert_eq!(m.departments, ["契約課"]);
    let codes: Vec<(&str, &str)> = rec
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.at.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        codes,
        [
            ("guessed_label", "S!A5"),
            ("guessed_label", "S!A7"),
            ("guessed_label", "S!A9"),
            ("unknown_label", "S!A10"),
        ]
    );
}

#[test]
fn labels_and_values_side_by_side_in_one_row() {
    let card = |no: &'static str, name: &'static str, dept: &'static str| {
        vec![
            vec!["施策番号", no, "施策名", name, "担当課", dept],
            vec!["内容", "書類を電子化する。", "", "", "", ""],
            vec!["スケジュール", "", "", "R7", "R8", "R9"],
            vec!["", "導入", "", "●", "", ""],
        ]
    };
    let mut rows: Vec<Vec<&str>> = vec![vec!["基本方針2　業務"]];
    rows.extend(card("2-1", "文書の電子化", "総務課"));
    rows.push(vec![""]);
    rows.extend(card("2-2", "会議のペーパーレス化", "情報政策課、総務課"));
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let mut s = sheet("S", &refs, 6);
    assert!(s.merge(2, 1, 1, 5));
    assert!(s.merge(7, 1, 1, 5));
    let rec = recognize(&doc(vec![s])).unwrap();
    let got: Vec<_> = rec
        .measures
        .iter()
        .map(|m| {
            (
                m.id.as_str(),
                m.name.as_str(),
                m.departments.clone(),
                m.description.as_deref(),
                m.schedule.len(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "2-1",
                "文書の電子化",
                vec!["総務課".to_string()],
                Some("書類を電子化する。"),
                1
            ),
            (
                "2-2",
                "会議のペーパーレス化",
                vec!["情報政策課".to_string(), "総務課".to_string()],
                Some("書類を電子化する。"),
                1
            ),
        ]
    );
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn a_card_with_its_labels_across_a_header_row() {
    // A transposed card: 施策番号 | 施策名 | 内容 | 担当課 across, the
    // values in the row below, then the card's own labelled rows.
    let card = |no: &'static str, name: &'static str| -> Vec<Vec<&'static str>> {
        vec![
            vec!["施策番号", "施策名", "内容", "担当課"],
            vec![no, name, "手続をオンラインにする。", "市民課"],
            vec!["スケジュール", "", "R7", "R8"],
            vec!["", "導入", "●", ""],
            vec!["", "運用", "", "●"],
            vec!["成果指標", "申請件数（件）", "10", "20"],
            vec!["事業費（千円）", "", "100", "200"],
        ]
    };
    let mut rows: Vec<Vec<&str>> = vec![vec!["基本方針1　行政"]];
    rows.extend(card("1-1", "電子申請"));
    rows.push(vec![""]);
    rows.extend(card("1-2", "電子契約"));
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("S", &refs, 4)])).unwrap();
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
    let got: Vec<_> = rec
        .measures
        .iter()
        .map(|m| {
            (
                m.id.as_str(),
                m.name.as_str(),
                m.schedule.len(),
                m.indicator().and_then(|i| i.target[&2026].value),
                m.cost.as_ref().and_then(|c| c.values[&2025].value),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1-1", "電子申請", 2, Some(20.0), Some(100_000.0)),
            ("1-2", "電子契約", 2, Some(20.0), Some(100_000.0)),
        ]
    );
    assert_eq!(rec.info.fiscal_years, [2025, 2026]);
}

#[test]
fn a_transposed_card_broken_between_its_label_row_and_its_values() {
    // The page (here the sheet) ends after the label row; the values and
    // the card's own rows stand at the top of the next one.
    let first: Vec<Vec<&str>> = vec![
        vec!["基本方針1　行政"],
        vec!["施策番号", "施策名", "内容", "担当課"],
    ];
    let second: Vec<Vec<&str>> = vec![
        vec!["1-1", "電子申請", "手続をオンラインにする。", "市民課"],
        vec!["スケジュール", "", "R7", "R8"],
        vec!["", "導入", "●", ""],
        vec!["成果指標", "申請件数（件）", "10", "20"],
    ];
    let a: Vec<&[&str]> = first.iter().map(|r| r.as_slice()).collect();
    let b: Vec<&[&str]> = second.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("S1", &a, 4), sheet("S2", &b, 4)])).unwrap();
    let got: Vec<_> = rec
        .measures
        .iter()
        .map(|m| {
            (
                m.id.as_str(),
                m.name.as_str(),
                m.departments.clone(),
                m.schedule.len(),
            )
        })
        .collect();
    assert_eq!(got, [("1-1", "電子申請", vec!["市民課".to_string()], 1)]);
}

#[test]
fn a_transposed_card_broken_over_a_page_goes_on_in_its_measure() {
    // The transposed card above, its schedule and the rows below it on the
    // next page: they are that card's rows, not a list row named
    // スケジュール.
    let p1: Vec<&[&str]> = vec![
        &["基本方針1　行政"],
        &["施策番号", "施策名", "内容", "担当課"],
        &["1-1", "電子申請", "手続をオンラインにする。", "市民課"],
    ];
    let p2: Vec<&[&str]> = vec![
        &["スケジュール", "", "R7", "R8"],
        &["", "導入", "●", ""],
        &["", "運用", "", "●"],
        &["成果指標", "申請件数（件）", "10", "20"],
        &["事業費（千円）", "", "100", "200"],
    ];
    let rec = recognize(&doc(vec![sheet("p1", &p1, 4), sheet("p2", &p2, 4)])).unwrap();
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
    assert_eq!(rec.measures.len(), 1);
    let m = &rec.measures[0];
    assert_eq!(
        (m.id.as_str(), m.name.as_str(), m.schedule.len()),
        ("1-1", "電子申請", 2)
    );
    assert_eq!(
        m.indicator().and_then(|i| i.target[&2026].value),
        Some(20.0)
    );
    assert_eq!(
        m.cost.as_ref().and_then(|c| c.values[&2025].value),
        Some(100_000.0)
    );
}

#[test]
fn a_list_measure_going_on_over_rows_without_merged_cells() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本目標1 暮らし"],
        vec!["No.", "取組名", "取組内容", "担当課", "指標", "R7", "R8"],
        vec![
            "1",
            "窓口の改善",
            "書かない窓口を",
            "市民課",
            "手続数（件）",
            "検討",
            "実施",
        ],
        vec!["", "", "全庁に広げる。", "", "", "", ""],
        vec!["", "", "", "情報課", "満足度（%）", "", ""],
        vec!["2", "電子申請", "対象の拡大", "情報課", "", "実施", "→"],
        vec!["3", "電子契約", "契約の電子化", "契約課", "", "", "実施"],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("一覧", &refs, 7)])).unwrap();
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
    let ids: Vec<&str> = rec.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1-1", "1-2", "1-3"]);
    let m = &rec.measures[0];
    assert_eq!(
        m.description.as_deref(),
        Some("書かない窓口を全庁に広げる。")
    );
    assert_eq!(m.departments, ["市民課", "情報課"]);
    let names: Vec<&str> = m.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["手続数", "満足度"]);
}

#[test]
fn schedules_written_as_date_ranges_in_one_cell() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本目標1 暮らし"],
        vec![
            "No.",
            "取組名",
            "取組内容",
            "担当課",
            "実施時期",
            "指標",
            "目標値（R9）",
        ],
        vec![
            "1",
            "窓口の改善",
            "書かない窓口",
            "市民課",
            "令和7年4月～9月",
            "手続数（件）",
            "40",
        ],
        vec![
            "2",
            "電子申請",
            "対象の拡大",
            "情報課",
            "導入 R7.10～R8.3\n運用 R8年度～",
            "",
            "",
        ],
        // One range wrapped inside its narrow cell, as a PDF prints it.
        vec![
            "3",
            "教室",
            "スマホ教室",
            "福祉課",
            "令和7年5月～12\n月",
            "",
            "",
        ],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("一覧", &refs, 7)])).unwrap();
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
    let acts = |m: &Measure| -> Vec<(String, String, String, usize)> {
        m.schedule
            .iter()
            .map(|a| {
                (
                    a.activity.clone(),
                    a.plan.first().unwrap().to_string(),
                    a.plan.last().unwrap().to_string(),
                    a.plan.len(),
                )
            })
            .collect()
    };
    let s = |x: &str| x.to_string();
    assert_eq!(
        acts(&rec.measures[0]),
        [(s("実施時期"), s("2025-04"), s("2025-09"), 6)]
    );
    // 運用 runs to the plan's last fiscal year: 2027, from 目標値（R9）.
    assert_eq!(
        acts(&rec.measures[1]),
        [
            (s("導入"), s("2025-10"), s("2026-03"), 6),
            (s("運用"), s("2026-04"), s("2028-03"), 24),
        ]
    );
    assert_eq!(
        acts(&rec.measures[2]),
        [(s("実施時期"), s("2025-05"), s("2025-12"), 8)]
    );
}

#[test]
fn a_date_range_wrapped_in_a_narrow_column_is_one_range() {
    // A PDF wraps the range over two lines of its cell: the lines are one
    // range, joined as the wrap split them.
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本目標1 暮らし"],
        vec![
            "No.",
            "取組名",
            "取組内容",
            "担当課",
            "実施時期",
            "指標",
            "目標値（R9）",
        ],
        vec![
            "1",
            "窓口の改善",
            "書かない窓口",
            "市民課",
            "令和7年10月〜12\n月",
            "手続数（件）",
            "40",
        ],
        vec![
            "2",
            "電子申請",
            "対象の拡大",
            "情報課",
            "導入 R7.10〜\nR8.3",
            "",
            "",
        ],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("一覧", &refs, 7)])).unwrap();
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
    let acts: Vec<(String, usize)> = rec
        .measures
        .iter()
        .flat_map(|m| {
            m.schedule
                .iter()
                .map(|a| (a.activity.clone(), a.plan.len()))
        })
        .collect();
    assert_eq!(acts, [("実施時期".to_string(), 3), ("導入".to_string(), 6)]);
}

#[test]
fn a_kpi_block_that_is_a_table_of_its_own() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本方針1　行政"],
        vec!["施策1"],
        vec!["事業名", "電子図書館", "", ""],
        vec!["成果指標", "指標名", "年度", "目標値", "実績値"],
        vec!["", "貸出冊数（冊）", "R7", "1,000", "1,100"],
        vec!["", "", "R8", "2,000", ""],
        vec!["", "登録者数（人）", "R7年度", "300", "—"],
        vec!["", "", "R8年度", "500", ""],
        vec!["担当課", "図書館", "", "", ""],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let mut s = sheet("S", &refs, 5);
    assert!(s.merge(3, 0, 5, 1));
    assert!(s.merge(4, 1, 2, 1));
    assert!(s.merge(6, 1, 2, 1));
    let rec = recognize(&doc(vec![s])).unwrap();
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
    let m = &rec.measures[0];
    let got: Vec<_> = m
        .indicators
        .iter()
        .map(|i| {
            (
                i.name.as_str(),
                i.unit.as_deref(),
                i.target.iter().map(|(y, v)| (*y, v.raw.as_str())).collect(),
                i.actual.iter().map(|(y, v)| (*y, v.raw.as_str())).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "貸出冊数",
                Some("冊"),
                vec![(2025, "1,000"), (2026, "2,000")],
                vec![(2025, "1,100"), (2026, "")]
            ),
            (
                "登録者数",
                Some("人"),
                vec![(2025, "300"), (2026, "500")],
                vec![(2025, "—"), (2026, "")]
            ),
        ]
    );
    assert_eq!(m.indicators[0].target[&2026].value, Some(2000.0));
    assert_eq!(m.departments, ["図書館"]);
}

#[test]
fn header_forms_two_digit_calendar_and_doubled_years() {
    // A roadmap list with two-digit years and an open-ended last column.
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本目標1 暮らし"],
        vec!["No.", "取組名", "取組内容", "担当課", "24", "25", "26~"],
        vec![
            "1",
            "窓口の改善",
            "書かない窓口",
            "市民課",
            "検討",
            "実施",
            "→",
        ],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("L", &refs, 7)])).unwrap();
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
    assert_eq!(rec.info.fiscal_years, [2024, 2025, 2026]);
    let plan: Vec<String> = rec.measures[0].schedule[1]
        .plan
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(plan, ["2025", "2026"]);

    // A card with calendar years printed over the era years.
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本方針1　行政"],
        vec!["施策1"],
        vec!["事業名", "電子契約", "", ""],
        vec!["スケジュール", "", "2024年", "2025年"],
        vec!["", "", "令和6年", "令和7年"],
        vec!["", "導入", "●", ""],
        vec!["担当課", "契約課", "", ""],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("C", &refs, 4)])).unwrap();
    let codes: Vec<(&str, &str)> = rec
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.at.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(codes, [("calendar_year", "C!C4")]);
    assert_eq!(rec.info.fiscal_years, [2024, 2025]);
    assert_eq!(rec.measures[0].schedule.len(), 1);
    assert_eq!(rec.measures[0].schedule[0].plan[0].to_string(), "2024");
}

#[test]
fn a_card_whose_name_label_is_unknown_starts_at_its_first_row() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本方針1　行政"],
        vec!["施策1"],
        vec!["主な事業", "電子契約の導入"],
        vec!["内容", "契約書をオンラインで取り交わす。"],
        vec!["担当課", "契約課"],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("S", &refs, 2)])).unwrap();
    let m = &rec.measures[0];
    assert_eq!((m.id.as_str(), m.name.as_str()), ("1-1", "電子契約の導入"));
    assert_eq!(m.departments, ["契約課"]);
    let codes: Vec<(&str, &str)> = rec
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.at.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(codes, [("guessed_label", "S!A3")]);
}

#[test]
fn labels_the_table_does_not_know_are_read_by_their_words() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本方針1　行政"],
        vec!["施策1"],
        vec!["事業の名称", "電子契約", "", "", ""],
        vec!["事業の内容", "契約事務を電子化する。", "", "", ""],
        vec!["年度計画", "", "", "R7", "R8"],
        vec!["", "システム導入", "計画", "●", ""],
        vec!["業績指標", "電子契約の件数（件）", "目標値", "10", "50"],
        vec!["所要額（千円）", "", "", "1,200", "800"],
        vec!["今後の展開", "対象を広げる。", "", "", ""],
        vec!["推進部署", "契約課、財政課", "", "", ""],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let s = sheet("S", &refs, 5);
    let rec = recognize(&doc(vec![s])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.warnings);
    let m = &rec.measures[0];
    assert_eq!(m.id, "1-1");
    assert_eq!(m.name, "電子契約");
    assert_eq!(m.description.as_deref(), Some("契約事務を電子化する。"));
    assert_eq!(m.schedule.len(), 1);
    assert_eq!(m.schedule[0].activity, "システム導入");
    let ind = m.indicator().expect("業績指標 is an indicator");
    assert_eq!(ind.name, "電子契約の件数");
    assert_eq!(ind.target[&2026].value, Some(50.0));
    let cost = m.cost.as_ref().expect("所要額 is a cost");
    assert_eq!(cost.values[&2025].value, Some(1_200_000.0));
    assert_eq!(m.review.as_deref(), Some("対象を広げる。"));
    assert_eq!(m.departments, ["契約課", "財政課"]);
    let guessed: Vec<&str> = rec
        .warnings
        .iter()
        .filter(|w| w.code.as_str() == "guessed_label")
        .map(|w| w.at.as_deref().unwrap_or(""))
        .collect();
    for at in ["S!A3", "S!A4", "S!A7", "S!A8", "S!A9", "S!A10"] {
        assert!(guessed.contains(&at), "{at}: {:?}", rec.warnings);
    }
    assert!(
        !rec.warnings
            .iter()
            .any(|w| w.code.as_str() == "unplaced_cell" || w.code.as_str() == "unknown_label"),
        "{:?}",
        rec.warnings
    );
}

#[test]
fn policies_numbered_as_a_list() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["1. 行政のデジタル化"],
        vec!["1-1"],
        vec!["事業名", "電子契約"],
        vec!["内容", "契約事務を電子化する。"],
        vec!["2. 地域のデジタル化"],
        vec!["2-1"],
        vec!["事業名", "観光案内"],
        vec!["内容", "案内をウェブで行う。"],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("S", &refs, 2)])).unwrap();
    let ids: Vec<&str> = rec.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1-1", "2-1"]);
    let policies: Vec<(u32, &str)> = rec
        .policies
        .iter()
        .map(|p| (p.number, p.title.as_str()))
        .collect();
    assert_eq!(policies, [(1, "行政のデジタル化"), (2, "地域のデジタル化")]);
    assert!(rec.policies.iter().all(|p| p.summary.is_none()));
}

/// A card table without a name row, under a title line that numbers and
/// names the measure (a slide's title): the card starts at its first
/// labelled row and takes its number and name from the title; the
/// heading alone, with no card field under it, starts nothing.
#[test]
fn a_card_without_a_name_row_is_named_by_the_title_above_it() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["基本方針2　観光"],
        vec!["取組2-3　港の案内の多言語化"],
        vec!["概要", "案内板に二次元コードを付ける。"],
        vec!["担当課", "観光課"],
        vec!["取組2-4　次年度に検討"],
    ];
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("S", &refs, 2)])).unwrap();
    assert_eq!(rec.measures.len(), 1);
    let m = &rec.measures[0];
    assert_eq!(
        (m.id.as_str(), m.name.as_str()),
        ("2-3", "港の案内の多言語化")
    );
    assert_eq!(
        m.description.as_deref(),
        Some("案内板に二次元コードを付ける。")
    );
    assert_eq!(m.departments, ["観光課"]);
}

/// A list row a page break cut inside a department name (`環境衛生課、情`
/// above, `報推進課` on the row going on): the name is joined as one
/// wrapped inside its cell is, not read as two departments.
#[test]
fn a_department_cut_by_a_page_break_is_joined() {
    let rows: &[&[&str]] = &[
        &["DXアクションプラン"],
        &["施策番号", "施策名", "概要", "担当課", "R7", "R8"],
        &[
            "1",
            "粗大ごみ収集のオンライン受付",
            "収集申込みをウェブでも受け",
            "環境衛生課、情",
            "●",
            "",
        ],
        &["", "", "付ける。", "報推進課", "", ""],
        &[
            "2",
            "教育のICT化",
            "端末を更新する。",
            "学校教育課",
            "●",
            "●",
        ],
    ];
    let rec = recognize(&doc(vec![sheet("一覧", rows, 6)])).unwrap();
    let deps: Vec<Vec<String>> = rec.measures.iter().map(|m| m.departments.clone()).collect();
    assert_eq!(
        deps,
        vec![
            vec!["環境衛生課".to_string(), "情報推進課".to_string()],
            vec!["学校教育課".to_string()],
        ]
    );
}

/// A list whose measure runs over two rows (its number and name merged
/// down), each row an activity with its own department: the second
/// department is the measure's too, once; nothing is left unplaced.
#[test]
fn a_list_activity_row_adds_its_department() {
    let rows: &[&[&str]] = &[
        &["DXアクションプラン"],
        &["施策番号", "施策名", "取組", "担当課", "R7", "R8", "R9"],
        &[
            "1",
            "行政手続のオンライン化",
            "電子申請の拡大",
            "デジタル推進課",
            "●",
            "●",
            "",
        ],
        &["", "", "キャッシュレス決済の導入", "会計課", "", "●", "●"],
        &["2", "教育のICT化", "端末の更新", "学校教育課", "●", "", ""],
        &["", "", "デジタル教材の整備", "学校教育課", "", "●", "●"],
    ];
    let mut g = sheet("一覧", rows, 7);
    for r in [2, 4] {
        g.merge(r, 0, 2, 1);
        g.merge(r, 1, 2, 1);
    }
    let rec = recognize(&doc(vec![g])).unwrap();
    let deps: Vec<Vec<String>> = rec.measures.iter().map(|m| m.departments.clone()).collect();
    assert_eq!(
        deps,
        vec![
            vec!["デジタル推進課".to_string(), "会計課".to_string()],
            vec!["学校教育課".to_string()],
        ]
    );
    assert_eq!(rec.measures[0].schedule.len(), 2);
    assert!(
        rec.warnings
            .iter()
            .all(|w| w.code != crate::model::WarningCode::UnplacedCell),
        "{:?}",
        rec.warnings
    );
}

/// Card shapes the survey of published plans lists: めざす姿 as the effect;
/// a KPI block whose own header has a baseline naming no year (目標設定時)
/// and year-end columns (R6年度末 …), the baseline's value named in a
/// warning; a KPI whose target is written in its label with its year.
#[test]
fn survey_card_shapes() {
    let one: &[&[&str]] = &[
        &[
            "取組番号",
            "1-1",
            "取組名",
            "行政手続のオンライン化",
            "担当課",
            "デジタル推進課",
        ],
        &["めざす姿", "市役所に行かなくても手続ができる。"],
        &["スケジュール", "", "R6", "R7", "R8"],
        &["", "計画", "●", "●", "●"],
        &[
            "成果指標",
            "指標名",
            "目標設定時",
            "R6年度末",
            "R7年度末",
            "R8年度末",
        ],
        &["", "オンライン手続の数（件）", "10", "50", "100", "150"],
    ];
    let two: &[&[&str]] = &[
        &[
            "取組番号",
            "1-2",
            "取組名",
            "窓口のキャッシュレス化",
            "担当課",
            "会計課",
        ],
        &["スケジュール", "", "R6", "R7", "R8"],
        &["", "計画", "", "●", "●"],
        &["KPI", "キャッシュレス決済の件数：1,000件/年（R8）"],
    ];
    let rec = recognize(&doc(vec![sheet("1-1", one, 6), sheet("1-2", two, 6)])).unwrap();
    let m = &rec.measures[0];
    assert_eq!(
        m.effect.as_deref(),
        Some("市役所に行かなくても手続ができる。")
    );
    let ind = &m.indicators[0];
    assert_eq!(
        (ind.name.as_str(), ind.unit.as_deref()),
        ("オンライン手続の数", Some("件"))
    );
    let targets: Vec<(i32, &str)> = ind
        .target
        .iter()
        .map(|(y, v)| (*y, v.raw.as_str()))
        .collect();
    assert_eq!(targets, [(2024, "50"), (2025, "100"), (2026, "150")]);
    assert!(ind.actual.is_empty());
    assert!(
        rec.warnings
            .iter()
            .any(|w| w.code == crate::model::WarningCode::UnplacedValue
                && w.message.contains("\"10\"")),
        "{:?}",
        rec.warnings
    );
    let ind = &rec.measures[1].indicators[0];
    assert_eq!(
        (ind.name.as_str(), ind.unit.as_deref()),
        ("キャッシュレス決済の件数", Some("件/年"))
    );
    assert_eq!(ind.target[&2026].value, Some(1000.0));
}

/// A list with two indicators side by side (KPI（進捗） | 目標値 | KPI（効果）
/// | 目標値): each indicator takes the value columns after it; the second
/// target was taken and dropped before.
#[test]
fn a_list_with_two_indicator_columns() {
    let rows: &[&[&str]] = &[
        &["基本方針1　行政のDX"],
        &[
            "No.",
            "取組名",
            "担当課",
            "R7",
            "R8",
            "KPI（進捗）",
            "目標値（R8）",
            "KPI（効果）",
            "目標値（R8）",
        ],
        &[
            "1-1",
            "電子申請の拡大",
            "総務課",
            "●",
            "●",
            "手続の数",
            "100",
            "来庁者の減少率（%）",
            "20",
        ],
    ];
    let rec = recognize(&doc(vec![sheet("一覧", rows, 9)])).unwrap();
    type Read = (String, Option<String>, Vec<(i32, String)>);
    let inds: Vec<Read> = rec.measures[0]
        .indicators
        .iter()
        .map(|i| {
            let t = i.target.iter().map(|(y, v)| (*y, v.raw.clone())).collect();
            (i.name.clone(), i.unit.clone(), t)
        })
        .collect();
    assert_eq!(
        inds,
        vec![
            (
                "手続の数".to_string(),
                None,
                vec![(2026, "100".to_string())]
            ),
            (
                "来庁者の減少率".to_string(),
                Some("%".to_string()),
                vec![(2026, "20".to_string())]
            ),
        ]
    );
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
}

/// A list with two columns of one prose field (進捗 and 評価, both the
/// evaluation): their texts are joined in column order; the second was an
/// unplaced cell.
#[test]
fn a_list_joins_two_columns_of_one_field() {
    let rows: &[&[&str]] = &[
        &["令和6年度 進捗状況"],
        &["No.", "取組名", "担当課", "進捗", "評価", "今後の方向性"],
        &[
            "1",
            "電子申請の拡大",
            "総務課",
            "B",
            "おおむね順調に進んでいる。",
            "対象を増やす。",
        ],
    ];
    let rec = recognize(&doc(vec![sheet("進捗", rows, 6)])).unwrap();
    let m = &rec.measures[0];
    assert_eq!(
        m.qualitative_evaluation.as_deref(),
        Some("Bおおむね順調に進んでいる。")
    );
    assert_eq!(m.review.as_deref(), Some("対象を増やす。"));
    assert!(rec.warnings.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn indicator_rows_cut_by_a_page_break_go_on_on_the_next_page() {
    // The 目標 row ends page 1; the 実績 row opens page 2 under the same
    // (cut) label cell, which leaves it no label of its own.
    let mut rows = measure_rows();
    rows[12][2] = "目標";
    let (first, _) = rows.split_at(13);
    let g1 = grid_of(first, false);
    let second: Vec<&[&str]> = vec![
        &["", "", "実績", "—", "", "", "", "40"],
        &["事業費", "単位（千円）", "", "792"],
        &["担当部署", "会計課、政策課 等"],
    ];
    let g2 = sheet("p2", &second, 19);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1);
    let ind = rec.measures[0].indicator().expect("indicator");
    assert_eq!(ind.target[&2023].value, Some(40.0));
    assert_eq!(ind.actual[&2022].raw, "—");
    assert_eq!(ind.actual[&2023].value, Some(40.0));
    assert_eq!(rec.measures[0].departments, ["会計課", "政策課"]);
}

#[test]
fn indicator_rows_whose_label_the_page_break_cut_go_on_on_the_next_page() {
    // The 目標 row ends page 1, the 実績 row opens page 2, and the label
    // cell merged over both is cut between its lines: 成果指 on page 1,
    // 標① on page 2, beside the rest of the name cell, （%）. The next
    // card follows on page 2.
    let mut rows = measure_rows();
    rows[12][0] = "成果指";
    rows[12][1] = "満足度";
    rows[12][2] = "目標";
    let (first, _) = rows.split_at(13);
    let g1 = grid_of(first, false);
    let second: Vec<&[&str]> = vec![
        &["標①", "（%）", "実績", "—", "", "", "", "40"],
        &["事業費", "単位（千円）", "", "792"],
        &["担当部署", "会計課"],
        &["事業名", "窓口の予約"],
        &["内容", "窓口の予約をウェブで受け付ける。"],
    ];
    let g2 = sheet("p2", &second, 19);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 2);
    let m = &rec.measures[0];
    assert_eq!(m.indicators.len(), 1, "{:?}", m.indicators);
    let ind = &m.indicators[0];
    assert_eq!(
        (ind.name.as_str(), ind.unit.as_deref()),
        ("満足度", Some("%"))
    );
    assert_eq!(ind.target[&2023].value, Some(40.0));
    assert_eq!(ind.actual[&2022].raw, "—");
    assert_eq!(ind.actual[&2023].value, Some(40.0));
    assert_eq!(m.departments, ["会計課"]);
}

#[test]
fn a_kpi_table_cut_by_a_page_break_goes_on_on_the_next_page() {
    // 指標 | name | 年度 | 目標値 | 実績値, one row a year; the page
    // breaks after R4: R5 and R6 open page 2, where the name cell's
    // wrapped tail （人） stands, and the label cell has no text.
    let mut rows = measure_rows();
    rows.truncate(12);
    let kpi: Vec<Vec<&str>> = vec![
        vec![
            "指標",
            "窓口の利用者数",
            "年度",
            "目標値",
            "",
            "",
            "",
            "実績値",
        ],
        vec!["", "", "R4", "100", "", "", "", "90"],
    ];
    rows.extend(kpi);
    let g1 = grid_of(&rows, false);
    let second: Vec<&[&str]> = vec![
        &["", "（人）", "R5", "120", "", "", "", "130"],
        &["", "", "R6", "150"],
        &["担当部署", "会計課"],
    ];
    let g2 = sheet("p2", &second, 19);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1);
    let m = &rec.measures[0];
    assert_eq!(m.indicators.len(), 1, "{:?}", m.indicators);
    let ind = &m.indicators[0];
    assert_eq!(
        (ind.name.as_str(), ind.unit.as_deref()),
        ("窓口の利用者数", Some("人"))
    );
    let years: Vec<i32> = ind.target.keys().copied().collect();
    assert_eq!(years, [2022, 2023, 2024]);
    assert_eq!(ind.actual[&2023].value, Some(130.0));
    assert_eq!(m.departments, ["会計課"]);
}

#[test]
fn a_kpi_tables_year_row_cut_by_a_page_break_keeps_its_values() {
    // The page breaks inside a year row's cells: 2022年 | 100 | 90 ends
    // page 1, the rest of its year cell, 度(令和4年度), opens page 2 with
    // the value cells empty. The year read twice keeps its values.
    let mut rows = measure_rows();
    rows.truncate(12);
    rows.push(vec![
        "指標",
        "窓口の利用者数（人）",
        "年度",
        "目標値",
        "",
        "",
        "",
        "実績値",
    ]);
    rows.push(vec!["", "", "2022年", "100", "", "", "", "90"]);
    let g1 = grid_of(&rows, false);
    let second: Vec<&[&str]> = vec![
        &["", "", "度(令和4年度)", "", "", "", "", ""],
        &["", "", "2023年度(令和5年度)", "120", "", "", "", ""],
        &["担当部署", "会計課"],
    ];
    let g2 = sheet("p2", &second, 19);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    let ind = rec.measures[0].indicator().expect("indicator");
    assert_eq!(ind.target[&2022].value, Some(100.0));
    assert_eq!(ind.actual[&2022].value, Some(90.0));
    assert_eq!(ind.target[&2023].value, Some(120.0));
    assert!(
        !rec.warnings.iter().any(|w| w.code == "unplaced_row"),
        "{:?}",
        rec.warnings
    );
}

#[test]
fn a_kpi_header_ending_a_page_is_named_on_the_next() {
    // The page breaks right under the KPI table's header, which stands
    // under the schedule with no label (the cut label cell's text, 指標,
    // and the name are printed on page 2, beside the first year row).
    let mut rows = measure_rows();
    rows.truncate(12);
    rows.push(vec!["", "", "年度", "目標値", "", "", "", "実績値"]);
    let g1 = grid_of(&rows, false);
    let second: Vec<&[&str]> = vec![
        &[
            "指標",
            "窓口の利用者数（人）",
            "R4",
            "100",
            "",
            "",
            "",
            "90",
        ],
        &["", "", "R5", "120"],
        &["担当部署", "会計課"],
    ];
    let g2 = sheet("p2", &second, 19);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    let m = &rec.measures[0];
    assert_eq!(m.schedule.len(), 3, "the header is no activity");
    assert_eq!(m.indicators.len(), 1, "{:?}", m.indicators);
    let ind = &m.indicators[0];
    assert_eq!(
        (ind.name.as_str(), ind.unit.as_deref()),
        ("窓口の利用者数", Some("人"))
    );
    assert_eq!(ind.target[&2023].value, Some(120.0));
    assert_eq!(ind.actual[&2022].value, Some(90.0));
}

#[test]
fn a_second_kpi_header_ending_a_page_starts_the_next_indicator() {
    // Two KPI tables, each with its header (指標 | name | 年度 | 目標値 |
    // 実績値): the page breaks right under the second one's header,
    // whose label and name cells (merged down over its rows) are printed
    // on page 2. The rows there are the second indicator's, not more of
    // the first's.
    let mut rows = measure_rows();
    rows.truncate(12);
    rows.push(vec![
        "指標",
        "窓口の利用者数（人）",
        "年度",
        "目標値",
        "",
        "",
        "",
        "実績値",
    ]);
    rows.push(vec!["", "", "R4", "100", "", "", "", "90"]);
    rows.push(vec!["", "", "R5", "120"]);
    rows.push(vec!["", "", "年度", "目標値", "", "", "", "実績値"]);
    let g1 = grid_of(&rows, false);
    let second: Vec<&[&str]> = vec![
        &["指標", "申請件数（件）", "R4", "5", "", "", "", "3"],
        &["", "", "R5", "8"],
        &["担当部署", "会計課"],
    ];
    let g2 = sheet("p2", &second, 19);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    let m = &rec.measures[0];
    let names: Vec<&str> = m.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["窓口の利用者数", "申請件数"], "{:?}", m.indicators);
    assert_eq!(m.indicators[0].target[&2023].value, Some(120.0));
    assert_eq!(m.indicators[0].actual[&2022].value, Some(90.0));
    assert_eq!(m.indicators[1].unit.as_deref(), Some("件"));
    assert_eq!(m.indicators[1].target[&2022].value, Some(5.0));
    assert_eq!(m.indicators[1].actual[&2022].value, Some(3.0));
    assert_eq!(m.departments, ["会計課"]);
}

#[test]
fn a_kpi_tables_label_the_table_does_not_know_printed_again_goes_on() {
    // As above, with the tables labelled 成果目標1 / 成果目標2, words the
    // label table does not know: the second label, printed again beside
    // the first year row on page 2, is that table going on.
    let mut rows = measure_rows();
    rows.truncate(12);
    rows.push(vec![
        "成果目標1",
        "窓口の利用者数（人）",
        "年度",
        "目標値",
        "",
        "",
        "",
        "実績値",
    ]);
    rows.push(vec!["", "", "R4", "100", "", "", "", "90"]);
    rows.push(vec!["", "", "年度", "目標値", "", "", "", "実績値"]);
    let g1 = grid_of(&rows, false);
    let second: Vec<&[&str]> = vec![
        &["成果目標2", "申請件数（件）", "R4", "5", "", "", "", "3"],
        &["", "", "R5", "8"],
        &["担当部署", "会計課"],
    ];
    let g2 = sheet("p2", &second, 19);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    let m = &rec.measures[0];
    let names: Vec<&str> = m.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["窓口の利用者数", "申請件数"], "{:?}", m.indicators);
    assert_eq!(m.indicators[1].target[&2023].value, Some(8.0));
    assert_eq!(m.indicators[1].actual[&2022].value, Some(3.0));
    assert_eq!(m.departments, ["会計課"]);
}

#[test]
fn a_transposed_cards_phase_row_ending_a_page_is_schedule_header() {
    // 施策番号 | 施策名 | 内容 | 担当課 across with its values, then the
    // schedule's phase row (第1期 | 第2期, its label merged down onto the
    // next page) ends page 1; the years and the activities open page 2.
    // The phases are header, not a further line of the values above.
    let first: Vec<&[&str]> = vec![
        &["基本方針1　行政"],
        &["施策番号", "施策名", "内容", "担当課"],
        &["1-1", "電子申請", "手続をオンラインにする。", "市民課"],
        &["", "", "第1期", "第2期"],
    ];
    let second: Vec<&[&str]> = vec![
        &["スケジュール", "", "R7", "R8"],
        &["", "導入", "●", ""],
        &["事業費（千円）", "", "100", "200"],
    ];
    let rec = recognize(&doc(vec![sheet("p1", &first, 4), sheet("p2", &second, 4)])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.measures);
    let m = &rec.measures[0];
    assert_eq!(m.description.as_deref(), Some("手続をオンラインにする。"));
    assert_eq!(m.departments, ["市民課"]);
    assert_eq!(m.schedule.len(), 1);
    assert_eq!(
        m.cost.as_ref().and_then(|c| c.values[&2026].value),
        Some(200_000.0)
    );
    assert!(
        !rec.warnings.iter().any(|w| w.code == "unplaced_row"),
        "{:?}",
        rec.warnings
    );
}

/// The phase row ending page 1 carries the activity column's word as
/// well (取組項目 | 第1期 | 第2期): still the schedule's header, neither a
/// further line of the values above nor a card named 第1期第2期.
#[test]
fn a_phase_row_headed_by_the_activity_word_ending_a_page_is_schedule_header() {
    let first: Vec<&[&str]> = vec![
        &["基本方針1　行政"],
        &["施策番号", "施策名", "内容", "担当課"],
        &["1-1", "電子申請", "手続をオンラインにする。", "市民課"],
        &["", "取組項目", "第1期", "第2期"],
    ];
    let second: Vec<&[&str]> = vec![
        &["スケジュール", "取組項目", "R7", "R8"],
        &["", "導入", "●", ""],
        &["事業費（千円）", "", "100", "200"],
    ];
    let rec = recognize(&doc(vec![sheet("p1", &first, 4), sheet("p2", &second, 4)])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.measures);
    let m = &rec.measures[0];
    assert_eq!(m.name, "電子申請");
    assert_eq!(m.description.as_deref(), Some("手続をオンラインにする。"));
    assert_eq!(m.departments, ["市民課"]);
    assert_eq!(m.schedule.len(), 1);

    // A card with its labels down the left whose schedule label the
    // page break cut (実施スケジュー | 取組項目 | 第1期 | 第2期 ends page 1).
    let first: Vec<&[&str]> = vec![
        &["基本方針1　行政"],
        &["事業名", "電子申請", "", ""],
        &["事業概要", "手続をオンラインにする。", "", ""],
        &["実施スケジュー", "取組項目", "第1期", "第2期"],
    ];
    let second: Vec<&[&str]> = vec![
        &["ル", "", "R7", "R8"],
        &["", "導入", "●", ""],
        &["担当課", "市民課", "", ""],
    ];
    let rec = recognize(&doc(vec![sheet("p1", &first, 4), sheet("p2", &second, 4)])).unwrap();
    let names: Vec<&str> = rec.measures.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["電子申請"], "{:?}", rec.measures);
}

/// A card's schedule whose last activity's 実績 row the page break
/// carried over: alone at the top of the next page, its activity and
/// label cells left behind, above the next card. It is that activity's
/// 実績, not an indicator without a name.
#[test]
fn an_activitys_actual_row_opening_the_next_page_goes_on_with_it() {
    let first: Vec<&[&str]> = vec![
        &["基本方針1　行政"],
        &["事業名", "電子申請", "", "", ""],
        &["スケジュール", "取組", "区分", "R7", "R8"],
        &["", "導入", "計画", "●", ""],
        &["", "", "実績", "●", ""],
        &["", "拡大", "計画", "", "●"],
    ];
    let second: Vec<&[&str]> = vec![
        &["", "", "実績", "", "●"],
        &["事業名", "窓口予約", "", "", ""],
        &["スケジュール", "取組", "区分", "R7", "R8"],
        &["", "予約受付", "計画", "●", ""],
    ];
    let rec = recognize(&doc(vec![sheet("p1", &first, 5), sheet("p2", &second, 5)])).unwrap();
    let names: Vec<&str> = rec.measures.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["電子申請", "窓口予約"], "{:?}", rec.measures);
    let m = &rec.measures[0];
    assert!(m.indicators.is_empty(), "{:?}", m.indicators);
    let expanded = m
        .schedule
        .iter()
        .find(|a| a.activity == "拡大")
        .expect("拡大");
    let years = |p: &[crate::model::Period]| p.iter().map(|p| p.fiscal_year).collect::<Vec<_>>();
    assert_eq!(years(&expanded.plan), [2026]);
    assert_eq!(years(&expanded.actual), [2026]);
}

#[test]
fn three_labels_ending_a_page_head_the_values_on_the_next() {
    // A transposed card's labels (施策名 | 主な取組 | 所管部局) are the
    // last row of page 1; its values and its card rows open page 2. The
    // labels are a header, not a pair (施策名: 主な取組) starting a card.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["1-1"],
        &["施策名", "主な取組", "所管部局", ""],
    ];
    let g1 = page(1, p1, 4, &[(2..3, 0..3)]);
    let p2: &[&[&str]] = &[
        &["電子申請", "手続をオンラインにする。", "市民課", ""],
        &["スケジュール", "", "R7", "R8"],
        &["", "導入", "●", ""],
        &["事業費（千円）", "", "100", "200"],
    ];
    let g2 = page(2, p2, 4, &[(0..4, 0..4)]);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.measures);
    let m = &rec.measures[0];
    assert_eq!(m.name, "電子申請");
    assert_eq!(m.description.as_deref(), Some("手続をオンラインにする。"));
    assert_eq!(m.departments, ["市民課"]);
    assert_eq!(m.schedule.len(), 1);
}

#[test]
fn a_transposed_cards_schedule_header_ending_a_page_is_schedule_header() {
    // As above, with the activity column's word (取組項目) beside the
    // phases and the year row under them, both with the label cell blank
    // and merged down (ロードマップ printed on page 2, over the halves).
    let first: Vec<&[&str]> = vec![
        &["基本方針1　行政"],
        &["施策番号", "施策名", "内容", "担当課", ""],
        &["1-1", "電子申請", "手続をオンラインにする。", "市民課", ""],
        &["", "取組項目", "前期（R7～R8）", "", "後期（R9）"],
        &["", "", "R7", "R8", "R9"],
    ];
    let mut g1 = sheet("p1", &first, 5);
    g1.merge(3, 0, 2, 1);
    g1.merge(3, 1, 2, 1);
    g1.merge(3, 2, 1, 2);
    let second: Vec<&[&str]> = vec![
        &["スケジュール", "", "", "", ""],
        &["", "導入", "●", "", ""],
        &["事業費（千円）", "", "100", "200", "300"],
    ];
    let rec = recognize(&doc(vec![g1, sheet("p2", &second, 5)])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.measures);
    let m = &rec.measures[0];
    assert_eq!(m.name, "電子申請");
    assert_eq!(m.description.as_deref(), Some("手続をオンラインにする。"));
    assert_eq!(m.departments, ["市民課"]);
    assert_eq!(m.schedule.len(), 1, "{:?}", rec.warnings);
    assert_eq!(
        m.cost.as_ref().and_then(|c| c.values[&2027].value),
        Some(300_000.0)
    );
}

#[test]
fn a_transposed_card_cut_by_a_page_break_goes_on_as_a_card() {
    // 施策番号 | 施策名 | 内容 | 担当課 across with its values ends page 1
    // (or its schedule does); the card's labelled rows open page 2.
    let head: Vec<Vec<&str>> = vec![
        vec!["基本方針1　行政"],
        vec!["施策番号", "施策名", "内容", "担当課"],
        vec!["1-1", "電子申請", "手続をオンラインにする。", "市民課"],
    ];
    let rest: Vec<Vec<&str>> = vec![
        vec!["スケジュール", "", "R7", "R8"],
        vec!["", "導入", "●", ""],
        vec!["成果指標", "申請件数（件）", "10", "20"],
        vec!["事業費（千円）", "", "100", "200"],
    ];
    for cut in [0, 2] {
        let mut first = head.clone();
        first.extend(rest[..cut].iter().cloned());
        let refs: Vec<&[&str]> = first.iter().map(|r| r.as_slice()).collect();
        let second: Vec<&[&str]> = rest[cut..].iter().map(|r| r.as_slice()).collect();
        let rec = recognize(&doc(vec![sheet("p1", &refs, 4), sheet("p2", &second, 4)])).unwrap();
        assert_eq!(rec.measures.len(), 1, "cut after {cut}: {:?}", rec.measures);
        let m = &rec.measures[0];
        assert_eq!(m.name, "電子申請");
        assert_eq!(m.schedule.len(), 1);
        assert_eq!(
            m.indicator().and_then(|i| i.target[&2026].value),
            Some(20.0)
        );
        assert_eq!(
            m.cost.as_ref().and_then(|c| c.values[&2025].value),
            Some(100_000.0)
        );
    }
}

/// A PDF page grid from rows of cell texts, with the tables its reader
/// found given as (rows, columns).
fn page(no: u32, rows: &[&[&str]], cols: usize, tables: &[(Range<usize>, Range<usize>)]) -> Grid {
    let mut g = Grid::new(Origin::Page(no), rows.len(), cols, |r, c| Loc::Page {
        page: no,
        row: Some(r as u32),
        col: Some(c as u32),
        bbox: [
            c as f32 * 50.0,
            r as f32 * 20.0,
            (c + 1) as f32 * 50.0,
            (r + 1) as f32 * 20.0,
        ],
    });
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            g.set_text(r, c, *t);
        }
    }
    g.tables = tables
        .iter()
        .map(|(rows, cols)| crate::grid::TableArea {
            rows: rows.clone(),
            cols: cols.clone(),
        })
        .collect();
    g
}

use std::ops::Range;

#[test]
fn every_cell_of_a_table_the_pdf_reader_found_is_accounted_for() {
    // A ruled list at the top of a page whose first row (a note above the
    // header) no label explains; below it a second ruled table (a
    // glossary) that is no measure table, a text line between them.
    let cover: &[&[&str]] = &[
        &["デジタル推進計画"],
        &["基本方針1 市民サービスのデジタル化"],
        &["市民が来庁せずに手続できる町を目指します。"],
    ];
    let rows: &[&[&str]] = &[
        &["※ 令和6年度の見直しを反映", "", "", "", "", ""],
        &["No.", "取組名", "取組内容", "担当課", "R7", "R8"],
        &["1", "窓口の改善", "書かない窓口", "市民課", "検討", "実施"],
        &["2", "電子申請", "対象の拡大", "情報課", "実施", "→"],
        &["用語の説明", "", "", "", "", ""],
        &["RPA", "定型作業の自動化", "", "", "", ""],
        &["AI-OCR", "手書き文字の読み取り", "", "", "", ""],
    ];
    let reader = [(0..4, 0..6), (5..7, 0..2)];
    let grids = || vec![page(1, cover, 1, &[]), page(3, rows, 6, &reader)];
    let rec = recognize(&doc(grids())).unwrap();
    assert_eq!(rec.measures.len(), 2, "{:?}", rec.warnings);
    assert_eq!(rec.measures[0].id, "1-1");
    let named = |code: &str| -> Vec<(String, String)> {
        rec.warnings
            .iter()
            .filter(|w| w.code.as_str() == code)
            .map(|w| (w.at.clone().unwrap_or_default(), w.message.clone()))
            .collect()
    };
    let cells = named("unplaced_cell");
    assert_eq!(cells.len(), 1, "{:?}", rec.warnings);
    assert_eq!(cells[0].0, "p.3 r1c1");
    assert!(cells[0].1.contains("見直しを反映"), "{cells:?}");
    let tables = named("unrecognised_table");
    assert_eq!(tables.len(), 1, "{:?}", rec.warnings);
    assert_eq!(tables[0].0, "p.3 r6c1");
    assert!(tables[0].1.contains("\"RPA\""), "{tables:?}");
    assert!(tables[0].1.contains("4 of its"), "{tables:?}");
    // The text line between the tables is no table's: not warned.
    assert!(
        rec.warnings
            .iter()
            .all(|w| w.at.as_deref() != Some("p.3 r5c1"))
    );
    // `dxplan inspect`: every cell of the reader's tables is used or
    // warned; the line outside them is outside.
    let read = grids();
    let grids = prepare(&read);
    let spans: Vec<TableSpan> = table::find_tables(&grids[1], 1);
    let st = ledger::statuses(&grids, 1, &spans, &rec.warnings);
    let of = |r: usize, c: usize| st.iter().find(|s| (s.0, s.1) == (r, c)).map(|s| s.2);
    assert_eq!(of(0, 0), Some(ledger::Accounted::Warned));
    assert_eq!(of(2, 1), Some(ledger::Accounted::Used));
    assert_eq!(of(4, 0), Some(ledger::Accounted::Outside));
    assert_eq!(of(6, 1), Some(ledger::Accounted::Warned));
}

/// A card under a heading row drawn as the first row of its ruled table:
/// the heading gives the number and the title row the name, both used.
#[test]
fn heading_rows_of_a_reader_table_are_used() {
    let rows: &[&[&str]] = &[
        &["デジタル推進計画", "", ""],
        &["基本方針2 職員の働き方改革", "", ""],
        &["取組3 会議のペーパーレス化", "", ""],
        &["内容", "会議資料をタブレットで配る", ""],
        &["担当課", "総務課", ""],
    ];
    let rec = recognize(&doc(vec![page(2, rows, 3, &[(1..5, 0..3)])])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.warnings);
    assert_eq!(rec.measures[0].id, "2-3");
    assert!(
        rec.warnings
            .iter()
            .all(|w| w.code.as_str() != "unplaced_cell" && w.code.as_str() != "unrecognised_table"),
        "{:?}",
        rec.warnings
    );
}

/// A table of contents the PDF reader found as a table: its heading rows
/// are read (the policy, a measure heading), the rest is named once, not
/// cell by cell.
#[test]
fn a_table_of_contents_found_as_a_table_is_one_warning() {
    let cover: &[&[&str]] = &[&["デジタル推進計画"]];
    let toc: &[&[&str]] = &[
        &["目次", ""],
        &["基本方針1 市民サービスのデジタル化", "3"],
        &["取組1 窓口の改善", "3"],
        &["資料編", "9"],
        &["用語集", "10"],
    ];
    let rows: &[&[&str]] = &[
        &["No.", "取組名", "取組内容", "担当課", "R7", "R8"],
        &["1", "窓口の改善", "書かない窓口", "市民課", "検討", "実施"],
    ];
    let rec = recognize(&doc(vec![
        page(1, cover, 1, &[]),
        page(2, toc, 2, &[(1..5, 0..2)]),
        page(3, rows, 6, &[(0..2, 0..6)]),
    ]))
    .unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.warnings);
    assert_eq!(rec.measures[0].id, "1-1");
    let codes: Vec<(&str, Option<&str>)> = rec
        .warnings
        .iter()
        .filter(|w| w.code.as_str() != "no_heading")
        .map(|w| (w.code.as_str(), w.at.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [("unrecognised_table", Some("p.2 r4c1"))],
        "{:?}",
        rec.warnings
    );
    assert!(
        rec.warnings[0].message.contains("4 of its"),
        "{:?}",
        rec.warnings
    );
}

#[test]
fn a_policy_heading_right_under_a_transposed_card_heads_the_next_one() {
    // Transposed cards (事業 | 取組内容 | 担当 across, the values below,
    // the card's own rows after them) with the next policy's heading and
    // summary straight under a card's last row, no blank row between (a
    // PDF page has none): the heading is not a row of that card.
    let rows: &[&[&str]] = &[
        &["基本目標１：データを活かす行政"],
        &["事業", "取組内容", "担当"],
        &["電子申請", "手続をオンラインにする。", "市民課"],
        &["現状・課題", "窓口が混み合っている。"],
        &["進捗状況", "計画どおり進んでいる。"],
        &["基本目標２：地域の魅力を高める"],
        &["観光の情報を発信します。"],
        &["事業", "取組内容", "担当"],
        &["観光アプリ", "観光の情報を配信する。", "観光課"],
        &["現状・課題", "情報が届いていない。"],
    ];
    for grid in [
        sheet("S", rows, 3),
        page(1, rows, 3, &[(1..5, 0..3), (7..10, 0..3)]),
    ] {
        let rec = recognize(&doc(vec![grid])).unwrap();
        let got: Vec<_> = rec
            .measures
            .iter()
            .map(|m| {
                (
                    m.id.as_str(),
                    m.policy,
                    m.name.as_str(),
                    m.challenges.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("1-1", 1, "電子申請", Some("窓口が混み合っている。")),
                ("2-1", 2, "観光アプリ", Some("情報が届いていない。")),
            ]
        );
        let warned: Vec<&str> = rec
            .warnings
            .iter()
            .map(|w| w.code.as_str())
            .filter(|c| *c != "no_heading")
            .collect();
        assert!(warned.is_empty(), "{:?}", rec.warnings);
        assert_eq!(rec.policies.len(), 2);
        assert_eq!(
            rec.policies[1].summary.as_deref(),
            Some("観光の情報を発信します。")
        );
    }
}

#[test]
fn a_transposed_card_whose_values_open_the_next_page_is_a_measure_of_its_own() {
    // Page 1: a transposed card, then the next card's label row ends the
    // page; page 2 opens with that card's values and its labelled rows.
    // They are a new measure, not more rows of the card before: the label
    // row under which no row was read has no card to go on. On a PDF
    // page the heading line above the tables is one cell in the first
    // column as wide as its text: the columns carried over are where the
    // table's cells stand, not where that line ends.
    let p1: &[&[&str]] = &[
        &["基本目標１：データを活かす行政"],
        &["事業", "取組内容", "担当"],
        &["電子申請", "手続をオンラインにする。", "市民課"],
        &["現状・課題", "窓口が混み合っている。"],
        &["事業", "取組内容", "担当"],
    ];
    let p2: &[&[&str]] = &[
        &["電子契約", "契約を電子で結ぶ。", "契約課"],
        &["現状・課題", "紙の契約書が多い。"],
        &["進捗状況", "計画どおり進んでいる。"],
        &["事業", "取組内容", "担当"],
        &["防災アプリ", "避難所の情報を配信する。", "防災課"],
        &["現状・課題", "情報が届くのが遅い。"],
    ];
    let wide = |mut g: Grid| {
        if let Some(Loc::Page { bbox, .. }) = g.get_mut(0, 0).map(|c| &mut c.at) {
            bbox[2] = 140.0;
        }
        g
    };
    let docs = [
        vec![sheet("S1", p1, 3), sheet("S2", p2, 3)],
        vec![
            wide(page(1, p1, 3, &[(1..4, 0..3), (4..5, 0..3)])),
            page(2, p2, 3, &[(0..3, 0..3), (3..6, 0..3)]),
        ],
    ];
    for grids in docs {
        let rec = recognize(&doc(grids)).unwrap();
        let got: Vec<_> = rec
            .measures
            .iter()
            .map(|m| {
                (
                    m.id.as_str(),
                    m.name.as_str(),
                    m.description.as_deref(),
                    m.departments.clone(),
                    m.challenges.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "1-1",
                    "電子申請",
                    Some("手続をオンラインにする。"),
                    vec!["市民課".to_string()],
                    Some("窓口が混み合っている。")
                ),
                (
                    "1-2",
                    "電子契約",
                    Some("契約を電子で結ぶ。"),
                    vec!["契約課".to_string()],
                    Some("紙の契約書が多い。")
                ),
                (
                    "1-3",
                    "防災アプリ",
                    Some("避難所の情報を配信する。"),
                    vec!["防災課".to_string()],
                    Some("情報が届くのが遅い。")
                ),
            ],
            "{:?}",
            rec.warnings
        );
    }
}

#[test]
fn a_period_row_opening_the_next_page_is_the_rest_of_the_axis_header() {
    // A card whose schedule header (R7 | R8 over Q1 … Q4) the page break
    // cut between its year row and its quarter row: the quarter row opens
    // the next page, over the activities. It is header, not an activity
    // named Q1 planned in every year's first quarter.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["事業名", "電子申請", "", "", "", "", "", "", "", "", ""],
        &["スケジュール", "", "", "R7", "", "", "", "R8"],
    ];
    let mut g1 = page(1, p1, 11, &[(1..3, 0..11)]);
    g1.merge(1, 1, 1, 10);
    g1.merge(2, 3, 1, 4);
    g1.merge(2, 7, 1, 4);
    let p2: &[&[&str]] = &[
        &[
            "スケジュール",
            "",
            "",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
        ],
        &["", "導入", "計画", "", "●", "●", "", "", "", "", ""],
        &["", "運用", "計画", "", "", "", "", "●", "●", "", ""],
        &["成果指標", "申請件数（件）", "", "10", "", "", "", "20"],
    ];
    let mut g2 = page(2, p2, 11, &[(0..4, 0..11)]);
    g2.merge(0, 0, 3, 1);
    g2.merge(3, 3, 1, 4);
    g2.merge(3, 7, 1, 4);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.warnings);
    let plan: Vec<(&str, Vec<String>)> = rec.measures[0]
        .schedule
        .iter()
        .map(|a| {
            (
                a.activity.as_str(),
                a.plan.iter().map(|p| p.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        plan,
        [
            ("導入", vec!["2025-Q2".to_string(), "2025-Q3".to_string()]),
            ("運用", vec!["2026-Q1".to_string(), "2026-Q2".to_string()]),
        ],
        "{:?}",
        rec.warnings
    );
    assert!(
        !rec.warnings
            .iter()
            .any(|w| w.code == "unplaced_cell" || w.code == "unknown_label"),
        "{:?}",
        rec.warnings
    );
}

#[test]
fn a_period_row_cut_between_the_lines_of_its_cells_is_header_on_both_pages() {
    // A word processor breaks the schedule's quarter row (第1四半期 wrapped
    // in two lines in each narrow cell) over two pages: 第1四 | 第2四 …
    // ends page 1, 半期 | 半期 … opens page 2. Both parts are header, not
    // activities named 第1四 planned in every first quarter.
    let q: [&str; 8] = [
        "第1四", "第2四", "第3四", "第4四", "第1四", "第2四", "第3四", "第4四",
    ];
    let mut cut = vec!["", "", ""];
    cut.extend(q);
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["事業名", "電子申請", "", "", "", "", "", "", "", "", ""],
        &["スケジュール", "", "", "R7", "", "", "", "R8"],
        &cut,
    ];
    let mut g1 = page(1, p1, 11, &[(1..4, 0..11)]);
    g1.merge(1, 1, 1, 10);
    g1.merge(2, 0, 2, 1);
    g1.merge(2, 3, 1, 4);
    g1.merge(2, 7, 1, 4);
    let p2: &[&[&str]] = &[
        &[
            "", "", "", "半期", "半期", "半期", "半期", "半期", "半期", "半期", "半期",
        ],
        &["", "導入", "計画", "", "●", "●", "", "", "", "", ""],
        &["", "運用", "計画", "", "", "", "", "●", "●", "", ""],
        &["成果指標", "申請件数（件）", "", "10", "", "", "", "20"],
    ];
    let mut g2 = page(2, p2, 11, &[(0..4, 0..11)]);
    g2.merge(0, 0, 3, 1);
    g2.merge(3, 3, 1, 4);
    g2.merge(3, 7, 1, 4);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.warnings);
    let plan: Vec<(&str, Vec<String>)> = rec.measures[0]
        .schedule
        .iter()
        .map(|a| {
            (
                a.activity.as_str(),
                a.plan.iter().map(|p| p.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        plan,
        [
            ("導入", vec!["2025-Q2".to_string(), "2025-Q3".to_string()]),
            ("運用", vec!["2026-Q1".to_string(), "2026-Q2".to_string()]),
        ],
        "{:?}",
        rec.warnings
    );
    assert!(
        !rec.warnings
            .iter()
            .any(|w| w.code == "unplaced_cell" || w.code == "unknown_label"),
        "{:?}",
        rec.warnings
    );
}

#[test]
fn an_activity_column_word_printed_again_over_the_quarters_starts_no_card() {
    // The page broke inside the schedule header: the years (and the
    // 取組項目 cell merged down beside them) on one page, the quarters on
    // the next, where the producer prints 取組項目 again, alone on a line
    // above the quarter row (a line outside the table: the reader sets it
    // in the first column). It heads the activity column; it is no card
    // named by nothing.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["事業名", "電子申請", "", "", "", "", "", "", "", "", ""],
        &["スケジュール", "取組項目", "", "R7", "", "", "", "R8"],
    ];
    let mut g1 = page(1, p1, 11, &[(1..3, 0..11)]);
    g1.merge(1, 1, 1, 10);
    g1.merge(2, 1, 1, 2);
    g1.merge(2, 3, 1, 4);
    g1.merge(2, 7, 1, 4);
    let p2: &[&[&str]] = &[
        &["取組項目"],
        &[
            "スケジュール",
            "",
            "",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
        ],
        &["", "導入", "計画", "", "●", "●", "", "", "", "", ""],
        &["", "運用", "計画", "", "", "", "", "●", "●", "", ""],
        &["成果指標", "申請件数（件）", "", "10", "", "", "", "20"],
    ];
    let mut g2 = page(2, p2, 11, &[(1..5, 0..11)]);
    g2.merge(1, 0, 3, 1);
    g2.merge(1, 1, 1, 2);
    g2.merge(4, 3, 1, 4);
    g2.merge(4, 7, 1, 4);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.warnings);
    let plan: Vec<(&str, Vec<String>)> = rec.measures[0]
        .schedule
        .iter()
        .map(|a| {
            (
                a.activity.as_str(),
                a.plan.iter().map(|p| p.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        plan,
        [
            ("導入", vec!["2025-Q2".to_string(), "2025-Q3".to_string()]),
            ("運用", vec!["2026-Q1".to_string(), "2026-Q2".to_string()]),
        ],
        "{:?}",
        rec.warnings
    );
}

#[test]
fn the_rest_of_a_transposed_cards_row_cut_by_the_page_break_finishes_it() {
    // A word processor breaks a table row over two pages: the last lines
    // of the transposed card's value row (its name cell two columns wide,
    // blank here) open the next page above the card's labelled rows. They
    // finish that row's cells; they are no activity of the card's.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["取組項目", "", "概要", "効果", "担当"],
        &[
            "観光案内のデジタル化",
            "",
            "案内を多言語にする。",
            "周遊が促され",
            "観光課",
        ],
    ];
    let mut g1 = page(1, p1, 5, &[(1..3, 0..5)]);
    g1.merge(1, 0, 1, 2);
    g1.merge(2, 0, 1, 2);
    let p2: &[&[&str]] = &[
        &["", "", "", "る。", ""],
        &["現状・課題", "案内が紙だけである。"],
        &["スケジュール", "", "", "R7", "R8"],
        &["", "公開", "", "●", ""],
        &["今後の方針", "対象を広げる。"],
    ];
    let mut g2 = page(2, p2, 5, &[(0..5, 0..5)]);
    g2.merge(0, 0, 1, 2);
    g2.merge(1, 1, 1, 4);
    g2.merge(4, 1, 1, 4);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.warnings);
    let m = &rec.measures[0];
    assert_eq!(m.effect.as_deref(), Some("周遊が促される。"));
    assert_eq!(m.challenges.as_deref(), Some("案内が紙だけである。"));
    assert_eq!(m.review.as_deref(), Some("対象を広げる。"));
    let acts: Vec<&str> = m.schedule.iter().map(|a| a.activity.as_str()).collect();
    assert_eq!(acts, ["公開"]);
    let warned: Vec<&str> = rec
        .warnings
        .iter()
        .map(|w| w.code.as_str())
        .filter(|c| *c != "no_heading")
        .collect();
    assert!(warned.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn a_kpi_table_continued_on_a_page_whose_columns_another_table_set_is_read() {
    // The page breaks under a KPI table's header (年度 | 目標値, no label);
    // its rows open page 2. Page 2's grid columns are another table's
    // (lower on the page): the KPI rows' cells start where page 1's year
    // and target columns did, not in the middle of page 2's columns.
    let set_x = |g: &mut Grid, r: usize, c: usize, x0: f32, x1: f32| {
        if let Some(Loc::Page { bbox, .. }) = g.get_mut(r, c).map(|cell| &mut cell.at) {
            (bbox[0], bbox[2]) = (x0, x1);
        }
    };
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["事業名", "電子書籍", "", "", ""],
        &["スケジュール", "", "", "R6", "R7"],
        &["", "導入", "", "●", ""],
        &["", "", "年度", "目標値", ""],
    ];
    let mut g1 = page(1, p1, 5, &[(1..5, 0..5)]);
    // Page 1's columns: 0-50, 50-80, 80-120, 120-160, 160-200.
    for r in 0..5 {
        for (c, x0, x1) in [
            (1, 50.0, 80.0),
            (2, 80.0, 120.0),
            (3, 120.0, 160.0),
            (4, 160.0, 200.0),
        ] {
            set_x(&mut g1, r, c, x0, x1);
        }
    }
    g1.merge(1, 1, 1, 4);
    g1.merge(4, 3, 1, 2);
    let p2: &[&[&str]] = &[
        &["指標", "貸出冊数（冊）", "R6", "100", ""],
        &["", "", "R7", "120", ""],
        &["担当課", "図書館", "", "", ""],
        &["事業名", "電子申請", "", "", ""],
        &["内容", "申請をオンラインにする。", "", "", ""],
    ];
    // Page 2's columns (the lower card's): 0-50, 50-100, 100-150, ...; the
    // KPI rows' cells stand at page 1's places.
    let mut g2 = page(2, p2, 5, &[(0..3, 0..5), (3..5, 0..5)]);
    for r in 0..2 {
        set_x(&mut g2, r, 1, 50.0, 80.0);
        set_x(&mut g2, r, 2, 80.0, 120.0);
        set_x(&mut g2, r, 3, 120.0, 200.0);
        g2.merge(r, 3, 1, 2);
    }
    g2.merge(2, 1, 1, 4);
    g2.merge(3, 1, 1, 4);
    g2.merge(4, 1, 1, 4);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 2, "{:?}", rec.warnings);
    let m = &rec.measures[0];
    assert_eq!(
        m.indicators.len(),
        1,
        "{:?} {:?}",
        m.indicators,
        rec.warnings
    );
    let ind = &m.indicators[0];
    assert_eq!(
        (ind.name.as_str(), ind.unit.as_deref()),
        ("貸出冊数", Some("冊"))
    );
    assert_eq!(ind.target[&2024].value, Some(100.0));
    assert_eq!(ind.target[&2025].value, Some(120.0));
    assert_eq!(m.departments, ["図書館"]);
}

#[test]
fn an_indicator_name_cell_cut_by_a_page_break_goes_on_on_the_next_page() {
    // The indicator's name cell, merged over its 目標 and 実績 rows, is
    // cut by the page break: 満足度（ on page 1, %） beside the 実績 row on
    // page 2. The tail finishes the name; it names no second indicator.
    let mut rows = measure_rows();
    rows[12][1] = "満足度（";
    rows[12][2] = "目標";
    let (first, _) = rows.split_at(13);
    let g1 = grid_of(first, false);
    let second: Vec<&[&str]> = vec![
        &["", "%）", "実績", "—", "", "", "", "40"],
        &["事業費", "単位（千円）", "", "792"],
        &["担当部署", "会計課、政策課 等"],
    ];
    let g2 = sheet("p2", &second, 19);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1);
    let m = &rec.measures[0];
    assert_eq!(m.indicators.len(), 1, "{:?}", m.indicators);
    let ind = &m.indicators[0];
    assert_eq!(
        (ind.name.as_str(), ind.unit.as_deref()),
        ("満足度", Some("%"))
    );
    assert_eq!(ind.target[&2023].value, Some(40.0));
    assert_eq!(ind.actual[&2023].value, Some(40.0));
}

#[test]
fn a_name_word_heading_a_schedules_activity_column_starts_no_card() {
    // The schedule's label cell stands on the next page (the page break
    // cut it): on this one the schedule's header rows start with 取組項目,
    // merged down beside 第1期 over the years. That word heads the
    // activity column, not a card of its own.
    let rows: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["事業名", "電子申請", "", ""],
        &["内容", "手続をオンラインにする。", "", ""],
        &["", "取組項目", "第1期", ""],
        &["", "", "R7", "R8"],
        &["", "導入", "●", ""],
        &["", "運用", "", "●"],
    ];
    let mut g = sheet("S", rows, 4);
    g.merge(1, 1, 1, 3);
    g.merge(2, 1, 1, 3);
    g.merge(3, 1, 2, 1);
    g.merge(3, 2, 1, 2);
    let rec = recognize(&doc(vec![g])).unwrap();
    let got: Vec<(&str, usize)> = rec
        .measures
        .iter()
        .map(|m| (m.name.as_str(), m.schedule.len()))
        .collect();
    assert_eq!(got, [("電子申請", 2)], "{:?}", rec.warnings);
    assert_eq!(rec.measures[0].schedule[0].activity, "導入");
}

#[test]
fn a_schedule_header_under_a_transposed_card_without_its_label_starts_the_cards_rows() {
    // A transposed card's value row, then its schedule's year header
    // whose label cell the page break cut (the label is printed on the
    // next page, beside the activities): the header row starts the card's
    // rows; it is no list row named 取組.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["施策番号", "施策名", "内容", "担当課"],
        &["1-1", "電子申請", "手続をオンラインにする。", "市民課"],
        &["", "取組", "R7", "R8"],
    ];
    let p2: &[&[&str]] = &[
        &["スケジュール", "導入", "●", ""],
        &["", "運用", "", "●"],
        &["事業費（千円）", "", "100", "200"],
    ];
    let rec = recognize(&doc(vec![sheet("p1", p1, 4), sheet("p2", p2, 4)])).unwrap();
    let got: Vec<(&str, &str, usize)> = rec
        .measures
        .iter()
        .map(|m| (m.id.as_str(), m.name.as_str(), m.schedule.len()))
        .collect();
    assert_eq!(got, [("1-1", "電子申請", 2)], "{:?}", rec.warnings);
    let m = &rec.measures[0];
    assert_eq!(m.schedule[1].activity, "運用");
    assert_eq!(
        m.cost.as_ref().and_then(|c| c.values[&2026].value),
        Some(200_000.0)
    );
}

#[test]
fn a_word_over_a_years_quarters_on_the_next_page_plans_every_quarter() {
    // A card's schedule of words under R7 | R8 over Q1 … Q4 goes on on
    // page 2, where one cell spans R7's four quarters: nothing on that
    // page parts it, so page 2 has one column there. The word is planned
    // in every quarter the column spans, not in the one at its middle.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["事業名", "電子申請"],
        &["スケジュール", "", "R7", "", "", "", "R8"],
        &["", "", "Q1", "Q2", "Q3", "Q4", "Q1", "Q2", "Q3", "Q4"],
        &["", "", "検討", "検討", "", "", "", "", "", ""],
    ];
    let mut g1 = page(1, p1, 10, &[(1..5, 0..10)]);
    g1.merge(1, 1, 1, 9);
    g1.merge(2, 0, 3, 1);
    g1.merge(2, 2, 1, 4);
    g1.merge(2, 6, 1, 4);
    let p2: &[&[&str]] = &[
        &["", "", "運用", "拡大", "拡大", "構築", "構築"],
        &["担当課", "市民課"],
    ];
    // Page 2's columns: 0-50, 50-100, 100-300 (R7's four quarters on
    // page 1), then R8's quarters at page 1's places.
    let edges = [0.0, 50.0, 100.0, 300.0, 350.0, 400.0, 450.0, 500.0];
    let mut g2 = page(2, p2, 7, &[(0..2, 0..7)]);
    for r in 0..2 {
        for c in 0..7 {
            if let Some(Loc::Page { bbox, .. }) = g2.get_mut(r, c).map(|cell| &mut cell.at) {
                (bbox[0], bbox[2]) = (edges[c], edges[c + 1]);
            }
        }
    }
    g2.merge(1, 1, 1, 6);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.warnings);
    let plan: Vec<(&str, Vec<String>)> = rec.measures[0]
        .schedule
        .iter()
        .map(|a| {
            (
                a.activity.as_str(),
                a.plan.iter().map(|p| p.to_string()).collect(),
            )
        })
        .collect();
    let q = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        plan,
        [
            ("検討", q(&["2025-Q1", "2025-Q2"])),
            ("運用", q(&["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"])),
            ("拡大", q(&["2026-Q1", "2026-Q2"])),
            ("構築", q(&["2026-Q3", "2026-Q4"])),
        ],
        "{:?}",
        rec.warnings
    );
}

#[test]
fn the_rest_of_a_cards_text_row_cut_by_the_page_break_finishes_it() {
    // A word processor breaks a card's 内容 row over two pages: its last
    // line opens page 2 in a row of its own, blank label, its text where
    // the value cell stood. It finishes the description; it is no row of
    // its own.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["事業名", "電子申請", ""],
        &["内容", "申請をオンラインで受け付け、結果を通知", ""],
    ];
    let mut g1 = page(1, p1, 3, &[(1..3, 0..3)]);
    g1.merge(1, 1, 1, 2);
    g1.merge(2, 1, 1, 2);
    let p2: &[&[&str]] = &[
        &["", "する。", ""],
        &["効果", "窓口が空く。", ""],
        &["担当課", "市民課", ""],
    ];
    let mut g2 = page(2, p2, 3, &[(0..3, 0..3)]);
    for r in 0..3 {
        g2.merge(r, 1, 1, 2);
    }
    // A merged cell's box is the merge's.
    for g in [&mut g1, &mut g2] {
        for r in 0..g.rows() {
            if let Some(Loc::Page { bbox, .. }) = g.get_mut(r, 1).map(|c| &mut c.at) {
                bbox[2] = 150.0;
            }
        }
    }
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.warnings);
    let m = &rec.measures[0];
    assert_eq!(
        m.description.as_deref(),
        Some("申請をオンラインで受け付け、結果を通知する。")
    );
    assert_eq!(m.effect.as_deref(), Some("窓口が空く。"));
    assert_eq!(m.departments, ["市民課"]);
    let warned: Vec<&str> = rec
        .warnings
        .iter()
        .map(|w| w.code.as_str())
        .filter(|c| *c != "no_heading")
        .collect();
    assert!(warned.is_empty(), "{:?}", rec.warnings);
}

#[test]
fn a_card_named_by_an_unknown_word_whose_name_row_ends_the_page_starts_there() {
    // Cards whose name label is a word the label table knows only as an
    // activity column's (取組): the second card's name row is the last row
    // of page 1, its other rows open page 2. It starts a card as the same
    // word did above, not a row of the first card.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["施策1"],
        &["取組", "電子申請"],
        &["取組概要", "手続をオンラインにする。"],
        &["担当課", "市民課"],
        &["施策2"],
        &["取組", "窓口の予約"],
    ];
    let g1 = page(1, p1, 2, &[(2..5, 0..2), (6..7, 0..2)]);
    let p2: &[&[&str]] = &[
        &["取組概要", "窓口の予約をウェブで受け付ける。"],
        &["担当課", "総務課"],
    ];
    let g2 = page(2, p2, 2, &[(0..2, 0..2)]);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    let got: Vec<(&str, &str, Option<&str>)> = rec
        .measures
        .iter()
        .map(|m| (m.id.as_str(), m.name.as_str(), m.description.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("1-1", "電子申請", Some("手続をオンラインにする。")),
            (
                "1-2",
                "窓口の予約",
                Some("窓口の予約をウェブで受け付ける。")
            ),
        ],
        "{:?}",
        rec.warnings
    );
    assert_eq!(rec.measures[1].departments, ["総務課"]);
}

#[test]
fn a_kpi_tables_last_rows_alone_above_the_next_card_go_on() {
    // A card's KPI table (指標 | name | 年度 | 目標値 | 実績値) is its last
    // block; the page breaks after its first year row, and the other year
    // rows open page 2 with no label of their own (the label and name
    // cells merged down from page 1), right above the next card.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["事業名", "電子申請", "", "", ""],
        &["スケジュール", "", "", "R7", "R8"],
        &["", "導入", "計画", "●", ""],
        &["指標", "申請件数（件）", "年度", "目標値", "実績値"],
        &["", "", "R7", "10", "8"],
    ];
    let mut g1 = page(1, p1, 5, &[(1..6, 0..5)]);
    g1.merge(1, 1, 1, 4);
    g1.merge(4, 0, 2, 1);
    g1.merge(4, 1, 2, 1);
    let p2: &[&[&str]] = &[
        &["", "", "R8", "20", ""],
        &["事業名", "窓口の予約", "", "", ""],
        &["担当課", "総務課", "", "", ""],
    ];
    let mut g2 = page(2, p2, 5, &[(0..1, 0..5), (1..3, 0..5)]);
    g2.merge(1, 1, 1, 4);
    g2.merge(2, 1, 1, 4);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 2, "{:?}", rec.warnings);
    let ind = rec.measures[0].indicator().expect("indicator");
    assert_eq!(ind.name, "申請件数");
    assert_eq!(ind.target[&2025].value, Some(10.0));
    assert_eq!(ind.target[&2026].value, Some(20.0));
    assert_eq!(ind.actual[&2025].value, Some(8.0));
    assert_eq!(rec.measures[1].departments, ["総務課"]);
}

#[test]
fn a_policy_row_opening_the_next_page_of_a_list_heads_its_rows() {
    // A list without its header repeated: page 2 opens with the next
    // policy's row across the table, then that policy's rows.
    let p1: &[&[&str]] = &[
        &["番号", "事業名", "取組概要", "担当課"],
        &["基本方針一：行政", "", "", ""],
        &["1", "電子申請", "手続をオンラインにする。", "市民課"],
        &["2", "窓口の予約", "予約をウェブで受け付ける。", "総務課"],
    ];
    let mut g1 = page(1, p1, 4, &[(0..4, 0..4)]);
    g1.merge(1, 0, 1, 4);
    let p2: &[&[&str]] = &[
        &["基本方針二：地域", "", "", ""],
        &["1", "観光案内", "案内を多言語にする。", "観光課"],
        &["2", "図書館", "電子書籍を貸し出す。", "図書館"],
    ];
    let mut g2 = page(2, p2, 4, &[(0..3, 0..4)]);
    g2.merge(0, 0, 1, 4);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    let ids: Vec<&str> = rec.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1-1", "1-2", "2-1", "2-2"], "{:?}", rec.warnings);
}

#[test]
fn a_lists_cut_rows_alone_in_their_cells_go_on_on_the_next_page() {
    // A list without its header repeated: page 2 opens with the last line
    // of the page before's last 概要 cell, alone in its row, and a row's
    // 概要 line that ran out of its row stands alone under it. Both are
    // the next lines of their measures' 概要.
    let p1: &[&[&str]] = &[
        &["番号", "事業名", "取組概要", "担当課"],
        &["1", "電子申請", "手続をオンラインにする。", "市民課"],
        &["2", "窓口の予約", "予約をウェブで受け付ける。", "総務課"],
    ];
    let g1 = page(1, p1, 4, &[(0..3, 0..4)]);
    let p2: &[&[&str]] = &[
        &["", "", "空き状況も知らせる。", ""],
        &["3", "観光案内", "案内を多言語にする。", "観光課"],
        &["", "", "動きをデータで把握する。", ""],
    ];
    let g2 = page(2, p2, 4, &[(0..3, 0..4)]);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    let got: Vec<(&str, Option<&str>)> = rec
        .measures
        .iter()
        .map(|m| (m.id.as_str(), m.description.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("1-1", Some("手続をオンラインにする。")),
            (
                "1-2",
                Some("予約をウェブで受け付ける。空き状況も知らせる。")
            ),
            ("1-3", Some("案内を多言語にする。動きをデータで把握する。")),
        ],
        "{:?}",
        rec.warnings
    );
}

#[test]
fn a_card_named_by_a_guessed_word_above_a_guessed_row_ending_the_page_starts_there() {
    // 主な事業 (a name by its words) starts each card; the second card's
    // name row and its 事業の内容 row (a description by its words) end
    // page 1, its other rows open page 2.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["主な事業", "電子申請"],
        &["事業の内容", "手続をオンラインにする。"],
        &["担当課", "市民課"],
        &["主な事業", "窓口の予約"],
        &["事業の内容", "窓口の予約をウェブで受け付ける。"],
    ];
    let g1 = page(1, p1, 2, &[(1..6, 0..2)]);
    let p2: &[&[&str]] = &[&["効果", "待ち時間が減る。"], &["担当課", "総務課"]];
    let g2 = page(2, p2, 2, &[(0..2, 0..2)]);
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    let got: Vec<(&str, &str, Option<&str>)> = rec
        .measures
        .iter()
        .map(|m| {
            (
                m.name.as_str(),
                m.departments[0].as_str(),
                m.effect.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("電子申請", "市民課", None),
            ("窓口の予約", "総務課", Some("待ち時間が減る。")),
        ],
        "{:?}",
        rec.warnings
    );
}

#[test]
fn a_cards_department_cut_by_the_page_break_is_joined() {
    // A word processor breaks a card's 担当課 row over two pages, a
    // department name across the break (環境衛生課、情 | 報推進課). Where
    // the row is the card's last, its rest stands alone above the next
    // card; elsewhere, above the card's next label. Either way it is the
    // next line of the department cell.
    for last in [true, false] {
        let mut p1: Vec<&[&str]> = vec![
            &["基本方針1　行政"],
            &["事業名", "ごみ収集の受付", ""],
            &["内容", "申込みをウェブで受け付ける。", ""],
        ];
        if !last {
            p1.push(&["効果", "窓口が空く。", ""]);
        }
        p1.push(&["担当課", "環境衛生課、情", ""]);
        let n1 = p1.len();
        let mut g1 = page(1, &p1, 3, &[(1..n1, 0..3)]);
        let mut p2: Vec<&[&str]> = vec![&["", "報推進課", ""]];
        if last {
            p2.push(&["事業名", "図書館の電子化", ""]);
            p2.push(&["担当課", "図書館", ""]);
        } else {
            p2.push(&["評価", "計画どおり。", ""]);
        }
        let n2 = p2.len();
        let areas: Vec<(Range<usize>, Range<usize>)> = if last {
            vec![(0..1, 0..3), (1..n2, 0..3)]
        } else {
            vec![(0..n2, 0..3)]
        };
        let mut g2 = page(2, &p2, 3, &areas);
        for g in [&mut g1, &mut g2] {
            for r in 0..g.rows() {
                if !g.text(r, 1).is_empty() {
                    g.merge(r, 1, 1, 2);
                }
                // A merged cell's box is the merge's.
                if let Some(Loc::Page { bbox, .. }) = g.get_mut(r, 1).map(|c| &mut c.at) {
                    bbox[2] = 150.0;
                }
            }
        }
        let rec = recognize(&doc(vec![g1, g2])).unwrap();
        let deps: Vec<Vec<String>> = rec.measures.iter().map(|m| m.departments.clone()).collect();
        let mut want = vec![vec!["環境衛生課".to_string(), "情報推進課".to_string()]];
        if last {
            want.push(vec!["図書館".to_string()]);
        }
        assert_eq!(deps, want, "last row {last}: {:?}", rec.warnings);
    }
}

#[test]
fn a_cards_last_text_row_alone_on_the_next_page_is_read_by_its_words() {
    // A slide break leaves a card's last row (推進部署 | 介護保険課) alone
    // at the top of the next page. Its value cell spans the columns of
    // both years of the card's schedule on page 1: it stands for no
    // period, so the row is no schedule row; its label's words say
    // departments, as they did on page 1.
    let p1: &[&[&str]] = &[
        &["基本方針1　行政"],
        &["事業名", "電子申請", "", ""],
        &["スケジュール", "", "R7", "R8"],
        &["", "設計", "●", ""],
        &["", "運用", "", "●"],
    ];
    let mut g1 = page(1, p1, 4, &[(1..5, 0..4)]);
    g1.merge(1, 1, 1, 3);
    g1.merge(2, 0, 3, 1);
    let p2: &[&[&str]] = &[&["推進部署", "介護保険課"]];
    let mut g2 = page(2, p2, 2, &[(0..1, 0..2)]);
    if let Some(Loc::Page { bbox, .. }) = g2.get_mut(0, 1).map(|c| &mut c.at) {
        bbox[2] = 200.0;
    }
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1, "{:?}", rec.warnings);
    let m = &rec.measures[0];
    assert_eq!(m.departments, ["介護保険課"], "{:?}", rec.warnings);
    let names: Vec<&str> = m.schedule.iter().map(|a| a.activity.as_str()).collect();
    assert_eq!(names, ["設計", "運用"], "{:?}", rec.warnings);
}

#[test]
fn a_row_of_two_digit_values_opening_a_cards_next_page_is_no_year_header() {
    // Page 1 ends after the first indicator's target row; page 2 opens
    // with a second indicator whose targets (40 | 41 | 42 | 43, each cell
    // across a year's quarter columns) look like two-digit years. They
    // are values under the card's axis (R4 … R7), not years 2040 … 2043.
    let rows = measure_rows();
    let mut g1 = grid_of(&rows[..13], false);
    for c in [3, 7, 11, 15] {
        for r in [5, 12] {
            g1.merge(r, c, 1, 4);
        }
    }
    let mut targets = vec![""; 16];
    targets[..2].copy_from_slice(&["目標値", "処理件数（件）"]);
    for (c, v) in [(3, "40"), (7, "41"), (11, "42"), (15, "43")] {
        targets[c] = v;
    }
    let second: Vec<&[&str]> = vec![
        &targets,
        &["事業費", "単位（千円）", "", "792"],
        &["担当部署", "会計課"],
    ];
    let mut g2 = sheet("p2", &second, 19);
    for c in [3, 7, 11, 15] {
        g2.merge(0, c, 1, 4);
    }
    let rec = recognize(&doc(vec![g1, g2])).unwrap();
    assert_eq!(rec.measures.len(), 1);
    let m = &rec.measures[0];
    assert_eq!(rec.info.fiscal_years, [2022, 2023, 2024, 2025]);
    assert_eq!(m.indicators.len(), 2, "{:?}", m.indicators);
    let years: Vec<i32> = m.indicators[1].target.keys().copied().collect();
    assert_eq!(years, [2022, 2023, 2024, 2025]);
    assert_eq!(m.indicators[1].target[&2023].value, Some(41.0));
    assert_eq!(m.departments, ["会計課"]);
}

#[test]
fn a_card_cut_right_under_its_unknown_name_row_starts_a_measure() {
    // Cards start at 取組 (a word the label table knows only as a list's
    // activity column), each read by the field row under it. The page
    // breaks right under the third card's name row: no field row below it
    // on this page, but the same word started the two cards above, in the
    // same column; its other rows open page 2.
    let p1 = page(
        1,
        &[
            &["取組", "窓口の電子化"],
            &["内容", "申請を電子化する。"],
            &["担当部署", "市民課"],
            &["取組", "研修のオンライン化"],
            &["内容", "研修を動画で受けられるようにする。"],
            &["担当部署", "人事課"],
            &["取組", "学校連絡のデジタル化"],
        ],
        2,
        &[(0..3, 0..2), (3..6, 0..2), (6..7, 0..2)],
    );
    let p2 = page(
        2,
        &[
            &["内容", "欠席連絡をアプリでやり取りする。"],
            &["担当部署", "学校教育課"],
        ],
        2,
        &[(0..2, 0..2)],
    );
    let rec = recognize(&doc(vec![p1, p2])).unwrap();
    let names: Vec<&str> = rec.measures.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["窓口の電子化", "研修のオンライン化", "学校連絡のデジタル化"]
    );
    let m = &rec.measures[2];
    assert_eq!(
        m.description.as_deref(),
        Some("欠席連絡をアプリでやり取りする。")
    );
    assert_eq!(m.departments, ["学校教育課"]);
    assert_eq!(rec.measures[1].departments, ["人事課"]);
}

#[test]
fn a_list_measures_unmerged_rows_after_a_page_break_all_go_on_with_it() {
    // Measure 1 runs over three rows without merged cells, one indicator
    // a row; the page breaks after its first row. On page 2, under the
    // repeated header, both rows without No. and name are its rows.
    let header = vec![
        "No.",
        "取組名",
        "取組内容",
        "所管課",
        "指標",
        "目標値（R9）",
    ];
    let page1: Vec<Vec<&str>> = vec![
        vec!["基本目標1 暮らし"],
        header.clone(),
        vec![
            "1",
            "窓口予約",
            "予約を電子化する。",
            "市民課",
            "予約件数（件）",
            "100",
        ],
    ];
    let page2: Vec<Vec<&str>> = vec![
        header,
        vec!["", "", "窓口でも案内する。", "", "利用者数（人）", "200"],
        vec!["", "", "", "", "満足度（%）", "80"],
        vec![
            "2",
            "証明書のコンビニ交付",
            "交付の拡大",
            "市民課",
            "交付件数（件）",
            "300",
        ],
    ];
    let r1: Vec<&[&str]> = page1.iter().map(|r| r.as_slice()).collect();
    let r2: Vec<&[&str]> = page2.iter().map(|r| r.as_slice()).collect();
    let rec = recognize(&doc(vec![sheet("p1", &r1, 6), sheet("p2", &r2, 6)])).unwrap();
    let ids: Vec<&str> = rec.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1-1", "1-2"]);
    let names: Vec<&str> = rec.measures[0]
        .indicators
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["予約件数", "利用者数", "満足度"]);
    assert_eq!(
        rec.measures[0].indicators[2].target[&2027].value,
        Some(80.0)
    );
    assert_eq!(rec.measures[1].indicators.len(), 1);
    assert!(
        !rec.warnings
            .iter()
            .any(|w| w.code == crate::model::WarningCode::UnplacedRow),
        "{:?}",
        rec.warnings
    );
}
