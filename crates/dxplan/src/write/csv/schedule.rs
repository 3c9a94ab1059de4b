//! schedule.csv: the schedule in long form, one row per marked period.

use super::super::cell::{Cell, Kind, TableData};
use super::super::jisx::Cleaner;
use super::super::tables::{self, ACTUAL, PLANNED, h};
use crate::model::{Activity, Granularity, Measure, Period, Plan};

pub(super) const PERIOD: &str = "期間";
pub(super) const QUARTER: &str = "四半期";
pub(super) const START: &str = "開始日";
pub(super) const END: &str = "終了日";

/// One row per measure × activity × 計画/実績 × marked period.
pub(super) fn schedule(plan: &Plan, cl: &mut Cleaner) -> TableData {
    use Kind::*;
    let cols = [
        (h::MEASURE_ID, Text),
        (h::NAME, Text),
        (h::ACTIVITY, Text),
        (h::KIND, Text),
        (PERIOD, Text),
        (h::FISCAL_YEAR, Number),
        (h::ERA_YEAR, Text),
        (QUARTER, Number),
        (START, Text),
        (END, Text),
    ];
    let mut t = TableData::new(tables::columns(&cols));
    for m in &plan.measures {
        for a in &m.schedule {
            activity_rows(m, a, cl, &mut t.rows);
        }
    }
    t
}

fn activity_rows(m: &Measure, a: &Activity, cl: &mut Cleaner, rows: &mut Vec<Vec<Cell>>) {
    let o = tables::measure_owner(m);
    for (kind, periods) in [(PLANNED, &a.plan), (ACTUAL, &a.actual)] {
        for p in periods {
            let mut row = tables::measure_key(cl, m, &o).to_vec();
            row.push(tables::text(cl, &a.activity, h::ACTIVITY, &o));
            row.push(Cell::text(kind));
            row.extend(period_cells(p));
            rows.push(row);
        }
    }
}

/// 期間, 年度, 和暦年度, 四半期, 開始日, 終了日 of a period.
fn period_cells(p: &Period) -> Vec<Cell> {
    let mut cells = vec![Cell::text(p.to_string())];
    cells.extend(tables::year_cells(p.fiscal_year));
    cells.push(Cell::number(quarter(p).map(f64::from)));
    cells.push(Cell::text(start_date(p)));
    cells.push(Cell::text(end_date(p)));
    cells
}

/// The fiscal quarter (1–4) of a quarter or month period; `None` for a
/// half or a whole year.
pub(super) fn quarter(p: &Period) -> Option<u8> {
    match p.granularity {
        Granularity::Quarter => Some(p.index),
        Granularity::Month => Some((p.index - 1) / 3 + 1),
        Granularity::Half | Granularity::Year => None,
    }
}

/// The first day, `YYYY-MM-DD`.
pub(super) fn start_date(p: &Period) -> String {
    let (y, m) = p.start_month();
    format!("{y:04}-{m:02}-01")
}

/// The last day, `YYYY-MM-DD`.
pub(super) fn end_date(p: &Period) -> String {
    let (y, m) = p.end_month();
    format!("{y:04}-{m:02}-{:02}", days_in_month(y, m))
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn period_dates() {
        assert_eq!(start_date(&p("2022-Q1")), "2022-04-01");
        assert_eq!(end_date(&p("2022-Q1")), "2022-06-30");
        assert_eq!(start_date(&p("2022-Q4")), "2023-01-01");
        assert_eq!(end_date(&p("2022-Q4")), "2023-03-31");
        assert_eq!(end_date(&p("2022-H1")), "2022-09-30");
        assert_eq!(end_date(&p("2022")), "2023-03-31");
        assert_eq!(end_date(&p("2024-02")), "2024-02-29");
        assert_eq!(end_date(&p("2023-02")), "2023-02-28");
        assert_eq!(end_date(&p("2100-02")), "2100-02-28");
    }

    #[test]
    fn quarters() {
        assert_eq!(quarter(&p("2022-Q3")), Some(3));
        assert_eq!(quarter(&p("2022-06")), Some(1));
        assert_eq!(quarter(&p("2023-01")), Some(4));
        assert_eq!(quarter(&p("2022-H2")), None);
        assert_eq!(quarter(&p("2022")), None);
    }
}
