//! What a review changed, in the workbook: the cells holding a corrected
//! value get a fill and a note, and a 確認 sheet lists every correction
//! and every warning the reviewer dismissed, with the approval on
//! メタデータ. A plan without a review (`"review": null`) gets none of
//! them, so its workbook is as before.

use super::super::cell::{Cell, Kind, TableData};
use super::super::tables::{self, h};
use super::layout::Sheet;
use crate::diff::path::{FieldPath, Part, PlanField, Series, TextField};
use crate::diff::{Change, ChangeKind};
use crate::model::{Plan, ReviewStatus};

/// The note on a corrected cell.
pub(super) const NOTE: &str = "確認で修正した値です（dxplan review）";

/// The cells of `sheet` (data row from 0, column) that hold a corrected
/// value.
pub(super) fn corrected_cells(plan: &Plan, sheet: &Sheet) -> Vec<(usize, usize)> {
    let Some(review) = &plan.review else {
        return Vec::new();
    };
    let t = &sheet.data;
    let col = |name: &str| t.columns.iter().position(|c| c.header == name);
    let mut out = Vec::new();
    for c in &review.corrected {
        let Some(path) = FieldPath::parse(&c.path) else {
            continue;
        };
        if let FieldPath::Plan(f) = path {
            if sheet.name == "メタデータ" {
                let key = plan_label(f);
                for (r, row) in t.rows.iter().enumerate() {
                    if is_text(&row[0], key) {
                        out.push((r, 1));
                    }
                }
            }
            continue;
        }
        let Some(id) = c.measure.as_deref() else {
            continue;
        };
        let Some(id_col) = col(h::MEASURE_ID) else {
            continue;
        };
        let rows = t
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| is_text(&row[id_col], id));
        let (cols, keep): (Vec<usize>, RowFilter) = match (sheet.name, &path) {
            (_, FieldPath::Measure) => ((0..t.columns.len()).collect(), Box::new(|_| true)),
            ("施策", FieldPath::Name) => (col(h::NAME).into_iter().collect(), all()),
            ("施策", FieldPath::Text(f)) => (col(text_header(*f)).into_iter().collect(), all()),
            ("施策", FieldPath::Departments) => (
                [col(h::DEPARTMENTS), col(h::DEPARTMENTS_ETC)]
                    .into_iter()
                    .flatten()
                    .collect(),
                all(),
            ),
            ("スケジュール", FieldPath::Activity(a)) => {
                let (ac, a) = (col(h::ACTIVITY), a.clone());
                (
                    [ac, col(h::KIND)].into_iter().flatten().collect(),
                    Box::new(move |row: &[Cell]| ac.is_some_and(|ac| same(&row[ac], &a))),
                )
            }
            ("スケジュール", FieldPath::Periods(a, part)) => {
                let (ac, kc, a) = (col(h::ACTIVITY), col(h::KIND), a.clone());
                let kind = match part {
                    Part::Plan => tables::PLANNED,
                    Part::Actual => tables::ACTUAL,
                };
                (
                    [ac, kc].into_iter().flatten().collect(),
                    Box::new(move |row: &[Cell]| {
                        ac.is_some_and(|ac| same(&row[ac], &a))
                            && kc.is_some_and(|kc| is_text(&row[kc], kind))
                    }),
                )
            }
            ("指標", FieldPath::IndicatorName(i) | FieldPath::IndicatorUnit(i)) => {
                let header = if matches!(path, FieldPath::IndicatorName(_)) {
                    h::INDICATOR
                } else {
                    h::UNIT
                };
                let nc = col(h::INDICATOR_NUMBER);
                let n = *i as f64 + 1.0;
                (
                    col(header).into_iter().collect(),
                    Box::new(move |row: &[Cell]| nc.is_some_and(|nc| row[nc] == Cell::Number(n))),
                )
            }
            ("指標", FieldPath::IndicatorValue(i, s, y)) => {
                let headers = match s {
                    Series::Target => [h::TARGET, h::TARGET_RAW, h::TARGET_NOTE],
                    Series::Actual => [h::ACTUAL, h::ACTUAL_RAW, h::ACTUAL_NOTE],
                };
                let (nc, yc) = (col(h::INDICATOR_NUMBER), col(h::FISCAL_YEAR));
                let (n, y) = (*i as f64 + 1.0, f64::from(*y));
                (
                    headers.into_iter().filter_map(col).collect(),
                    Box::new(move |row: &[Cell]| {
                        nc.is_some_and(|nc| row[nc] == Cell::Number(n))
                            && yc.is_some_and(|yc| row[yc] == Cell::Number(y))
                    }),
                )
            }
            ("事業費", FieldPath::CostUnit) => (col(h::COST_UNIT).into_iter().collect(), all()),
            ("事業費", FieldPath::Cost(y)) => {
                let yc = col(h::FISCAL_YEAR);
                let y = f64::from(*y);
                (
                    [h::COST, h::COST_RAW, h::COST_NOTE]
                        .into_iter()
                        .filter_map(col)
                        .collect(),
                    Box::new(move |row: &[Cell]| yc.is_some_and(|yc| row[yc] == Cell::Number(y))),
                )
            }
            _ => continue,
        };
        for (r, row) in rows {
            if keep(row) {
                out.extend(cols.iter().map(|&c| (r, c)));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Which rows of a measure hold the corrected field.
type RowFilter = Box<dyn Fn(&[Cell]) -> bool>;

fn all() -> RowFilter {
    Box::new(|_| true)
}

fn is_text(c: &Cell, s: &str) -> bool {
    matches!(c, Cell::Text(t) if t == s)
}

/// The same text as the diff compares names (the workbook may have
/// replaced a 機種依存文字).
fn same(c: &Cell, s: &str) -> bool {
    let Cell::Text(t) = c else {
        return false;
    };
    let key = crate::diff::equal::text_key;
    key(Some(t)) == key(Some(s)) || key(Some(&super::super::jisx::replace(s).0)) == key(Some(t))
}

fn text_header(f: TextField) -> &'static str {
    match f {
        TextField::Description => h::DESCRIPTION,
        TextField::Effect => h::EFFECT,
        TextField::Challenges => h::CHALLENGES,
        TextField::Review => h::REVIEW,
        TextField::QualitativeEvaluation => h::EVALUATION,
    }
}

/// The メタデータ key of a plan-level field.
fn plan_label(f: PlanField) -> &'static str {
    match f {
        PlanField::Title => "計画名",
        PlanField::Issued => "策定年月",
        PlanField::Revised => "更新年月",
        PlanField::FiscalYears => "対象年度",
        PlanField::Prefecture => "都道府県名",
        PlanField::Municipality => "市区町村名",
        PlanField::Code => "全国地方公共団体コード",
    }
}

/// The rows the review adds to メタデータ.
pub(super) fn metadata_pairs(r: &ReviewStatus) -> Vec<(&'static str, Cell)> {
    let opt = |s: &Option<String>| Cell::text(s.clone().unwrap_or_default());
    vec![
        ("確認ファイル", Cell::text(r.file.clone())),
        ("承認", Cell::Bool(r.approved)),
        ("確認者", opt(&r.by)),
        ("確認日", opt(&r.at)),
        ("適用した修正", Cell::Number(r.applied as f64)),
        ("適用できなかった修正", Cell::Number(r.stale as f64)),
    ]
}

/// 確認: one row per correction applied (区分 修正) and per warning
/// dismissed (区分 確認済みの警告).
pub(super) fn sheet(plan: &Plan, r: &ReviewStatus) -> TableData {
    let cols = tables::columns(&[
        ("区分", Kind::Text),
        (h::MEASURE_ID, Kind::Text),
        ("項目", Kind::Text),
        ("パス", Kind::Text),
        ("値", Kind::Text),
        ("備考", Kind::Text),
    ]);
    let mut t = TableData::new(cols);
    for c in &r.corrected {
        let label = FieldPath::parse(&c.path).map_or_else(
            || c.path.clone(),
            |p| {
                let periods = matches!(p, FieldPath::Periods(..));
                crate::diff::change_label(&Change {
                    measure: c.measure.clone().unwrap_or_default(),
                    kind: ChangeKind::Changed,
                    old_id: None,
                    path: c.path.clone(),
                    old: serde_json::Value::Null,
                    new: serde_json::Value::Null,
                    added: periods.then(Vec::new),
                    removed: periods.then(Vec::new),
                })
            },
        );
        let label = match FieldPath::parse(&c.path) {
            Some(FieldPath::Plan(f)) => plan_label(f).to_string(),
            Some(FieldPath::Measure) => "施策全体".to_string(),
            _ => label,
        };
        let now = match FieldPath::parse(&c.path) {
            Some(FieldPath::Measure) => {
                let m = c.measure.as_deref();
                match plan.measures.iter().find(|x| Some(x.id.as_str()) == m) {
                    Some(m) => m.name.clone(),
                    None => "（削除）".to_string(),
                }
            }
            Some(p) => crate::diff::plain_value(&p.get(plan, c.measure.as_deref())),
            None => String::new(),
        };
        t.rows.push(vec![
            Cell::text("修正"),
            Cell::text(c.measure.clone().unwrap_or_default()),
            Cell::text(label),
            Cell::text(c.path.clone()),
            Cell::text(super::super::jisx::replace(&now).0.into_owned()),
            Cell::Empty,
        ]);
    }
    for w in plan.warnings.iter().filter(|w| w.dismissed.is_some()) {
        t.rows.push(vec![
            Cell::text("確認済みの警告"),
            Cell::Empty,
            Cell::text(w.code.as_str()),
            Cell::text(w.at.clone().unwrap_or_default()),
            Cell::text(super::super::jisx::replace(&w.message).0.into_owned()),
            Cell::text(
                super::super::jisx::replace(w.dismissed.as_deref().unwrap_or_default())
                    .0
                    .into_owned(),
            ),
        ]);
    }
    t
}
