//! Rows both tabular writers share: 施策, 指標 and 事業費, one value per
//! cell, text passed through the 機種依存文字 [`Cleaner`]. The headers are
//! the column names of the workbook and of the CSV files (`docs/csv.md`).

use std::collections::BTreeSet;

use super::cell::{Cell, Column, Kind, TableData};
use super::jisx::{Cleaner, Owner};
use crate::model::{Cost, Indicator, Measure, Plan, Value};
use crate::normalize::era::fiscal_year_label;

/// Column headers.
pub(crate) mod h {
    pub const MEASURE_ID: &str = "施策ID";
    pub const POLICY: &str = "基本方針番号";
    pub const NUMBER: &str = "施策番号";
    pub const NAME: &str = "事業名";
    pub const DESCRIPTION: &str = "内容";
    pub const EFFECT: &str = "効果";
    pub const CHALLENGES: &str = "現状と課題";
    pub const EVALUATION: &str = "定性評価";
    pub const REVIEW: &str = "見直し・改善";
    pub const DEPARTMENTS: &str = "担当部署";
    pub const DEPARTMENTS_ETC: &str = "担当部署等あり";
    pub const SOURCE_REF: &str = "出典";
    pub const ACTIVITY: &str = "取組";
    pub const KIND: &str = "区分";
    pub const FISCAL_YEAR: &str = "年度";
    pub const ERA_YEAR: &str = "和暦年度";
    pub const INDICATOR_NUMBER: &str = "指標番号";
    pub const INDICATOR: &str = "指標名";
    pub const UNIT: &str = "単位";
    pub const TARGET: &str = "目標値";
    pub const TARGET_RAW: &str = "目標値（原文）";
    pub const TARGET_NOTE: &str = "目標値（注記）";
    pub const ACTUAL: &str = "実績値";
    pub const ACTUAL_RAW: &str = "実績値（原文）";
    pub const ACTUAL_NOTE: &str = "実績値（注記）";
    pub const COST: &str = "事業費（円）";
    pub const COST_RAW: &str = "事業費（原文）";
    pub const COST_NOTE: &str = "事業費（注記）";
    pub const COST_UNIT: &str = "単位（原文）";
    pub const ZERO_BUDGET: &str = "ゼロ予算";
}

/// 区分 of a planned row.
pub(crate) const PLANNED: &str = "計画";
/// 区分 of an actual row.
pub(crate) const ACTUAL: &str = "実績";

/// The owner of a measure's texts in warnings.
pub(crate) fn measure_owner(m: &Measure) -> Owner {
    let at = Some(m.source_ref.as_str()).filter(|s| !s.is_empty());
    Owner::new(format!("施策 {}", m.id), at)
}

/// A text cell after 機種依存文字 replacement.
pub(crate) fn text(cl: &mut Cleaner, s: &str, field: &str, owner: &Owner) -> Cell {
    Cell::text(cl.text(s, field, owner))
}

/// An optional text cell after 機種依存文字 replacement.
pub(crate) fn opt_text(cl: &mut Cleaner, s: Option<&str>, field: &str, owner: &Owner) -> Cell {
    s.map_or(Cell::Empty, |s| text(cl, s, field, owner))
}

/// The 施策ID and 事業名 cells that start the per-measure tables.
pub(crate) fn measure_key(cl: &mut Cleaner, m: &Measure, owner: &Owner) -> [Cell; 2] {
    [Cell::text(m.id.clone()), text(cl, &m.name, h::NAME, owner)]
}

/// The 年度 and 和暦年度 cells of a fiscal year.
pub(crate) fn year_cells(fy: i32) -> [Cell; 2] {
    [Cell::Number(fy as f64), Cell::text(fiscal_year_label(fy))]
}

/// 施策: one row per measure.
pub(crate) fn measures(plan: &Plan, cl: &mut Cleaner) -> TableData {
    use Kind::*;
    let cols = [
        (h::MEASURE_ID, Text),
        (h::POLICY, Number),
        (h::NUMBER, Number),
        (h::NAME, Text),
        (h::DESCRIPTION, Text),
        (h::EFFECT, Text),
        (h::CHALLENGES, Text),
        (h::EVALUATION, Text),
        (h::REVIEW, Text),
        (h::DEPARTMENTS, Text),
        (h::DEPARTMENTS_ETC, Bool),
        (h::SOURCE_REF, Text),
    ];
    let mut t = TableData::new(columns(&cols));
    t.rows = plan.measures.iter().map(|m| measure_row(m, cl)).collect();
    t
}

fn measure_row(m: &Measure, cl: &mut Cleaner) -> Vec<Cell> {
    let o = measure_owner(m);
    let mut row = vec![
        Cell::text(m.id.clone()),
        Cell::Number(m.policy as f64),
        Cell::Number(m.number as f64),
        text(cl, &m.name, h::NAME, &o),
        opt_text(cl, m.description.as_deref(), h::DESCRIPTION, &o),
        opt_text(cl, m.effect.as_deref(), h::EFFECT, &o),
        opt_text(cl, m.challenges.as_deref(), h::CHALLENGES, &o),
        opt_text(cl, m.qualitative_evaluation.as_deref(), h::EVALUATION, &o),
        opt_text(cl, m.review.as_deref(), h::REVIEW, &o),
    ];
    row.push(text(cl, &m.departments.join("、"), h::DEPARTMENTS, &o));
    row.push(Cell::Bool(m.departments_etc));
    row.push(Cell::text(m.source_ref.clone()));
    row
}

/// 指標: one row per indicator × fiscal year; 指標番号 numbers a measure's
/// indicators from 1 in document order.
pub(crate) fn indicators(plan: &Plan, cl: &mut Cleaner) -> TableData {
    use Kind::*;
    let cols = [
        (h::MEASURE_ID, Text),
        (h::NAME, Text),
        (h::INDICATOR_NUMBER, Number),
        (h::INDICATOR, Text),
        (h::UNIT, Text),
        (h::FISCAL_YEAR, Year),
        (h::ERA_YEAR, Text),
        (h::TARGET, Value),
        (h::TARGET_RAW, Text),
        (h::TARGET_NOTE, Text),
        (h::ACTUAL, Value),
        (h::ACTUAL_RAW, Text),
        (h::ACTUAL_NOTE, Text),
    ];
    let mut t = TableData::new(columns(&cols));
    for m in &plan.measures {
        for (i, ind) in m.indicators.iter().enumerate() {
            indicator_rows(plan, m, (i + 1, ind), cl, &mut t.rows);
        }
    }
    t
}

fn indicator_rows(
    plan: &Plan,
    m: &Measure,
    (number, ind): (usize, &Indicator),
    cl: &mut Cleaner,
    rows: &mut Vec<Vec<Cell>>,
) {
    let o = measure_owner(m);
    let keys = ind.target.keys().chain(ind.actual.keys());
    for fy in years(plan, keys) {
        let mut row = measure_key(cl, m, &o).to_vec();
        row.push(Cell::Number(number as f64));
        row.push(text(cl, &ind.name, h::INDICATOR, &o));
        row.push(opt_text(cl, ind.unit.as_deref(), h::UNIT, &o));
        row.extend(year_cells(fy));
        let fields = (h::TARGET_RAW, h::TARGET_NOTE);
        row.extend(value_cells(cl, ind.target.get(&fy), fields, &o));
        let fields = (h::ACTUAL_RAW, h::ACTUAL_NOTE);
        row.extend(value_cells(cl, ind.actual.get(&fy), fields, &o));
        rows.push(row);
    }
}

/// 事業費: one row per measure with a cost × fiscal year.
pub(crate) fn costs(plan: &Plan, cl: &mut Cleaner) -> TableData {
    use Kind::*;
    let cols = [
        (h::MEASURE_ID, Text),
        (h::NAME, Text),
        (h::FISCAL_YEAR, Year),
        (h::ERA_YEAR, Text),
        (h::COST, Yen),
        (h::COST_RAW, Text),
        (h::COST_NOTE, Text),
        (h::COST_UNIT, Text),
        (h::ZERO_BUDGET, Bool),
    ];
    let mut t = TableData::new(columns(&cols));
    for m in &plan.measures {
        if let Some(cost) = &m.cost {
            cost_rows(plan, m, cost, cl, &mut t.rows);
        }
    }
    t
}

fn cost_rows(plan: &Plan, m: &Measure, cost: &Cost, cl: &mut Cleaner, rows: &mut Vec<Vec<Cell>>) {
    let o = measure_owner(m);
    for fy in years(plan, cost.values.keys()) {
        let mut row = measure_key(cl, m, &o).to_vec();
        row.extend(year_cells(fy));
        let fields = (h::COST_RAW, h::COST_NOTE);
        row.extend(value_cells(cl, cost.values.get(&fy), fields, &o));
        row.push(opt_text(cl, cost.unit.as_deref(), h::COST_UNIT, &o));
        row.push(Cell::Bool(cost.zero_budget));
        rows.push(row);
    }
}

/// The value, raw and note cells of a Value (all empty when absent).
fn value_cells(cl: &mut Cleaner, v: Option<&Value>, fields: (&str, &str), o: &Owner) -> [Cell; 3] {
    let Some(v) = v else {
        return [Cell::Empty, Cell::Empty, Cell::Empty];
    };
    let o = o.at(v.at.as_deref());
    [
        Cell::number(v.value),
        text(cl, &v.raw, fields.0, &o),
        opt_text(cl, v.note.as_deref(), fields.1, &o),
    ]
}

/// The plan's fiscal years with any other years a measure has, in order.
pub(crate) fn years<'a>(plan: &Plan, keys: impl Iterator<Item = &'a i32>) -> BTreeSet<i32> {
    let mut all: BTreeSet<i32> = plan.plan.fiscal_years.iter().copied().collect();
    all.extend(keys);
    all
}

/// Columns from (header, kind) pairs.
pub(crate) fn columns(cols: &[(&str, Kind)]) -> Vec<Column> {
    cols.iter().map(|(h, k)| Column::new(h, *k)).collect()
}
