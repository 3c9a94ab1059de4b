//! The workbook-only sheets: スケジュール (a Gantt chart, one column per
//! period), 基本方針, メタデータ and 警告.

use std::collections::BTreeSet;

use super::super::cell::{Cell, Column, Kind, TableData};
use super::super::jisx::{Cleaner, Owner};
use super::super::tables::{self, ACTUAL, PLANNED, h};
use crate::model::{Activity, Granularity, Measure, Period, Plan, Warning};
use crate::normalize::era::fiscal_year_label;

/// スケジュール: one row per measure × activity × 計画/実績, one column per
/// period of the plan's fiscal years, ■ in marked periods.
pub(super) fn schedule(plan: &Plan, cl: &mut Cleaner) -> TableData {
    let periods = period_columns(plan);
    let mut cols = tables::columns(&[
        (h::MEASURE_ID, Kind::Text),
        (h::NAME, Kind::Text),
        (h::ACTIVITY, Kind::Text),
        (h::KIND, Kind::Text),
    ]);
    cols.extend(
        periods
            .iter()
            .map(|p| Column::new(&period_header(p), Kind::Period)),
    );
    let mut t = TableData::new(cols);
    for m in &plan.measures {
        for a in &m.schedule {
            activity_rows(m, a, &periods, cl, &mut t.rows);
        }
    }
    t
}

/// A period column's header, for people: the fiscal year in 和暦, the
/// part of it, and the calendar months it covers, one per line
/// (`令和4年度` / `第4四半期` / `2023年1-3月` for 2022-Q4). Unique per
/// column, as an Excel table needs.
pub(super) fn period_header(p: &Period) -> String {
    let part = match p.granularity {
        Granularity::Year => None,
        Granularity::Half => Some(if p.index == 1 { "上期" } else { "下期" }.to_string()),
        Granularity::Quarter => Some(format!("第{}四半期", p.index)),
        Granularity::Month => None,
    };
    let mut lines = vec![fiscal_year_label(p.fiscal_year)];
    lines.extend(part);
    lines.push(calendar_months(p));
    lines.join("\n")
}

/// `2023年1-3月`, `2022年4月`, `2022年10月-2023年3月`.
fn calendar_months(p: &Period) -> String {
    let ((y1, m1), (y2, m2)) = (p.start_month(), p.end_month());
    match (y1 == y2, m1 == m2) {
        (true, true) => format!("{y1}年{m1}月"),
        (true, false) => format!("{y1}年{m1}-{m2}月"),
        _ => format!("{y1}年{m1}月-{y2}年{m2}月"),
    }
}

fn activity_rows(
    m: &Measure,
    a: &Activity,
    columns: &[Period],
    cl: &mut Cleaner,
    rows: &mut Vec<Vec<Cell>>,
) {
    let o = tables::measure_owner(m);
    for (kind, marked) in [(PLANNED, &a.plan), (ACTUAL, &a.actual)] {
        let mut row = tables::measure_key(cl, m, &o).to_vec();
        row.push(tables::text(cl, &a.activity, h::ACTIVITY, &o));
        row.push(Cell::text(kind));
        let actual = kind == ACTUAL;
        row.extend(columns.iter().map(|c| mark(c, marked, actual)));
        rows.push(row);
    }
}

fn mark(column: &Period, marked: &[Period], actual: bool) -> Cell {
    if marked.iter().any(|p| overlaps(p, column)) {
        Cell::Mark { actual }
    } else {
        Cell::Empty
    }
}

/// Whether two periods share a month (a year mark fills its quarters).
fn overlaps(a: &Period, b: &Period) -> bool {
    let ord = |(y, m): (i32, u32)| y * 12 + m as i32;
    ord(a.start_month()) <= ord(b.end_month()) && ord(b.start_month()) <= ord(a.end_month())
}

/// Every period of the plan's fiscal years (and of any year a mark falls
/// in), at the finest granularity the plan's marks have.
pub(super) fn period_columns(plan: &Plan) -> Vec<Period> {
    let marks: Vec<&Period> = all_marks(plan).collect();
    let g = marks
        .iter()
        .map(|p| p.granularity)
        .max()
        .unwrap_or(Granularity::Year);
    let mut years: BTreeSet<i32> = plan.plan.fiscal_years.iter().copied().collect();
    years.extend(marks.iter().map(|p| p.fiscal_year));
    years
        .into_iter()
        .flat_map(|y| (1..=g.columns()).map(move |i| Period::new(y, g, i)))
        .collect()
}

fn all_marks(plan: &Plan) -> impl Iterator<Item = &Period> {
    plan.measures
        .iter()
        .flat_map(|m| &m.schedule)
        .flat_map(|a| a.plan.iter().chain(&a.actual))
}

/// 基本方針: number, title, summary.
pub(super) fn policies(plan: &Plan, cl: &mut Cleaner) -> TableData {
    let cols = tables::columns(&[
        (h::POLICY, Kind::Number),
        ("基本方針名", Kind::Text),
        ("取り組み方針", Kind::Text),
    ]);
    let mut t = TableData::new(cols);
    for p in &plan.policies {
        let o = Owner::new(format!("基本方針 {}", p.number), None);
        t.rows.push(vec![
            Cell::Number(p.number as f64),
            tables::text(cl, &p.title, "基本方針名", &o),
            tables::opt_text(cl, p.summary.as_deref(), "取り組み方針", &o),
        ]);
    }
    t
}

/// メタデータ: 項目 / 値 rows describing the source and the conversion.
pub(super) fn metadata(plan: &Plan, cl: &mut Cleaner) -> TableData {
    let cols = tables::columns(&[("項目", Kind::Text), ("値", Kind::Text)]);
    let mut t = TableData::new(cols);
    let o = Owner::new("メタデータ", None);
    for (key, value) in metadata_pairs(plan) {
        let cell = match value {
            Cell::Text(s) => tables::text(cl, &s, key, &o),
            other => other,
        };
        t.rows.push(vec![Cell::text(key), cell]);
    }
    t
}

fn metadata_pairs(plan: &Plan) -> Vec<(&'static str, Cell)> {
    let s = &plan.source;
    let info = &plan.plan;
    let muni = info.municipality.as_ref();
    let opt = |v: Option<&String>| Cell::text(v.cloned().unwrap_or_default());
    let years: Vec<String> = info.fiscal_years.iter().map(i32::to_string).collect();
    vec![
        ("元ファイル名", Cell::text(s.file.clone())),
        ("元ファイル形式", Cell::text(s.format.clone())),
        ("SHA-256", Cell::text(s.sha256.clone())),
        ("ページ数", Cell::number(s.pages.map(f64::from))),
        (
            "シート名",
            Cell::text(s.sheets.as_ref().map(|v| v.join("、")).unwrap_or_default()),
        ),
        ("計画名", opt(info.title.as_ref())),
        (
            "市区町村名",
            Cell::text(muni.map(|m| m.name.clone()).unwrap_or_default()),
        ),
        ("都道府県名", opt(muni.and_then(|m| m.prefecture.as_ref()))),
        (
            "全国地方公共団体コード",
            opt(muni.and_then(|m| m.code.as_ref())),
        ),
        ("策定年月", opt(info.issued.as_ref())),
        ("更新年月", opt(info.revised.as_ref())),
        ("対象年度", Cell::text(years.join("、"))),
        ("作成ツール", Cell::text("dxplan")),
        (
            "作成ツールのバージョン",
            Cell::text(env!("CARGO_PKG_VERSION")),
        ),
        (
            "スキーマバージョン",
            Cell::text(plan.schema_version.clone()),
        ),
    ]
}

/// 警告: the plan's warnings and the writer's own, as they are (a warning
/// about a replaced character names the character).
pub(super) fn warnings(plan_warnings: &[Warning], added: &[Warning]) -> TableData {
    let cols = tables::columns(&[
        ("コード", Kind::Text),
        ("内容", Kind::Text),
        ("位置", Kind::Text),
    ]);
    let mut t = TableData::new(cols);
    let plain = |s: &str| Cell::text(s);
    for w in plan_warnings.iter().chain(added) {
        t.rows.push(vec![
            plain(w.code.as_str()),
            plain(&w.message),
            plain(w.at.as_deref().unwrap_or_default()),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn period_headers_say_their_months() {
        assert_eq!(
            period_header(&p("2022-Q4")),
            "令和4年度\n第4四半期\n2023年1-3月"
        );
        assert_eq!(
            period_header(&p("2022-Q1")),
            "令和4年度\n第1四半期\n2022年4-6月"
        );
        assert_eq!(
            period_header(&p("2022-H2")),
            "令和4年度\n下期\n2022年10月-2023年3月"
        );
        assert_eq!(period_header(&p("2023-01")), "令和4年度\n2023年1月");
        assert_eq!(period_header(&p("2019")), "令和元年度\n2019年4月-2020年3月");
    }

    #[test]
    fn a_year_mark_fills_its_quarters() {
        assert!(overlaps(&p("2022"), &p("2022-Q4")));
        assert!(!overlaps(&p("2022"), &p("2023-Q1")));
        assert!(overlaps(&p("2022-Q2"), &p("2022-Q2")));
        assert!(!overlaps(&p("2022-Q2"), &p("2022-Q3")));
        assert!(overlaps(&p("2022-H2"), &p("2023-01")));
    }
}
