//! The schedule block: the year header, the period columns and the activity
//! rows with their 計画/実績 marks.

use super::labels::plan_or_actual;
use super::table::TableSpan;
use crate::grid::Grid;
use crate::model::{Activity, Granularity, Period, Warning};
use crate::normalize::{era, mark, text};

/// A fiscal year's columns: `width` columns from `col`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearCols {
    pub fy: i32,
    pub col: usize,
    pub width: usize,
}

/// The year columns of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub years: Vec<YearCols>,
    pub granularity: Granularity,
}

impl Columns {
    /// First column of the period area.
    pub fn first_col(&self) -> usize {
        self.years.first().map_or(0, |y| y.col)
    }

    /// One past the last column of the period area.
    pub fn end_col(&self) -> usize {
        self.years.last().map_or(0, |y| y.col + y.width)
    }

    /// The period a column stands for.
    pub fn period_at(&self, col: usize) -> Option<Period> {
        let y = self
            .years
            .iter()
            .find(|y| (y.col..y.col + y.width).contains(&col))?;
        let per = self.granularity.columns() as usize;
        let index = (col - y.col) * per / y.width.max(1) + 1;
        Some(Period::new(y.fy, self.granularity, index as u8))
    }
}

/// Read the year header of a row: cells right of the label that name a
/// year (R 4, 令和4年度, 2022 …). Needs at least two years, or one year
/// whose cell spans several columns.
pub fn year_header(grid: &Grid, row: usize, label_col: usize) -> Option<Vec<YearCols>> {
    let cells: Vec<(usize, i32, usize)> = grid
        .row(row)
        .iter()
        .enumerate()
        .filter(|(c, cell)| *c > label_col && cell.covered_by.is_none())
        .filter_map(|(c, cell)| {
            era::era_year(cell.text.trim()).map(|fy| (c, fy, cell.col_span as usize))
        })
        .collect();
    if cells.is_empty() || (cells.len() == 1 && cells[0].2 < 2) {
        return None;
    }
    Some(widths(&cells, grid.cols()))
}

/// Width of each year: its span, or (where spans were lost) the distance to
/// the next year's column.
fn widths(cells: &[(usize, i32, usize)], cols: usize) -> Vec<YearCols> {
    let mut out: Vec<YearCols> = Vec::with_capacity(cells.len());
    for (i, &(col, fy, span)) in cells.iter().enumerate() {
        let gap = cells.get(i + 1).map(|n| n.0 - col);
        let width = match (span, gap) {
            (s, _) if s > 1 => s,
            (_, Some(g)) => g,
            (_, None) => out
                .last()
                .map_or(1, |p| p.width)
                .min(cols.saturating_sub(col))
                .max(1),
        };
        out.push(YearCols { fy, col, width });
    }
    out
}

/// Columns from a header, with the granularity its widths imply.
pub fn columns(years: Vec<YearCols>, at: &str, warnings: &mut Vec<Warning>) -> Columns {
    let width = years.first().map_or(1, |y| y.width);
    let granularity = Granularity::from_columns_per_year(width).unwrap_or_else(|| {
        warnings.push(Warning::new(
            "unknown_granularity",
            format!("the schedule has {width} columns per year; read as one period per year"),
            Some(at.to_string()),
        ));
        Granularity::Year
    });
    Columns { years, granularity }
}

/// True for a row under the year header that names the periods (1Q, 第1四半期,
/// 4月, 上期 …) in at least two columns and holds nothing else there.
pub fn is_period_subheader(grid: &Grid, row: usize, cols: &Columns) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"^(第?[1-4１-４]\s*(Q|四半期|期)|[1-4１-４]\s*Q|Q\s*[1-4１-４]|[0-9０-９]{1,2}\s*月([~～〜\-－―]\s*[0-9０-９]{1,2}\s*月)?|上期|下期|前期|後期|上半期|下半期)$",
        )
        .expect("valid regex")
    });
    let texts: Vec<String> = (cols.first_col()..cols.end_col())
        .filter_map(|c| grid.get(row, c))
        .filter(|cell| cell.covered_by.is_none())
        .map(|cell| text::label_key(&cell.text))
        .filter(|t| !t.is_empty())
        .collect();
    texts.len() >= 2 && texts.iter().all(|t| re.is_match(t))
}

/// Reads activity rows one by one.
pub struct ActivityReader<'a> {
    pub grid: &'a Grid,
    pub span: &'a TableSpan,
    pub cols: &'a Columns,
    pub activities: Vec<Activity>,
    /// Whether the last activity already has its plan row.
    last_has_plan: bool,
}

impl<'a> ActivityReader<'a> {
    pub fn new(grid: &'a Grid, span: &'a TableSpan, cols: &'a Columns) -> Self {
        ActivityReader {
            grid,
            span,
            cols,
            activities: Vec::new(),
            last_has_plan: false,
        }
    }

    /// Read one row of the schedule block. Returns false when the row is
    /// not an activity row (e.g. a sub-header of quarter names).
    pub fn row(&mut self, row: usize, warnings: &mut Vec<Warning>) -> bool {
        let (name, kind) = self.name_and_kind(row);
        let periods = self.marks(row, warnings);
        if name.is_none() && kind.is_none() && periods.is_empty() {
            return false;
        }
        let is_plan = kind.unwrap_or(true);
        self.attach(name, is_plan, periods);
        true
    }

    fn attach(&mut self, name: Option<String>, is_plan: bool, periods: Vec<Period>) {
        let same = match (&name, self.activities.last()) {
            (Some(n), Some(last)) => *n == last.activity,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        let new_row = !same || (is_plan && self.last_has_plan);
        if new_row {
            let activity = name.unwrap_or_default();
            self.activities.push(Activity {
                activity,
                plan: Vec::new(),
                actual: Vec::new(),
            });
            self.last_has_plan = false;
        }
        let last = self.activities.last_mut().expect("pushed above");
        let list = if is_plan {
            &mut last.plan
        } else {
            &mut last.actual
        };
        list.extend(periods);
        list.sort();
        list.dedup();
        self.last_has_plan |= is_plan;
    }

    /// The activity name (from a cell merged down from above, too) and the
    /// 計画/実績 word of a row, from the columns between label and periods.
    fn name_and_kind(&self, row: usize) -> (Option<String>, Option<bool>) {
        let mut name = None;
        let mut kind = None;
        for col in self.span.label_col + 1..self.cols.first_col() {
            let (ar, ac) = self.grid.anchor_of(row, col);
            let t = self.grid.text(ar, ac).trim();
            if t.is_empty() {
                continue;
            }
            match plan_or_actual(t) {
                Some(k) if ar == row => kind = Some(k),
                Some(_) => {}
                None if name.is_none() => name = Some(text::clean_text(t)),
                None => {}
            }
        }
        (name, kind)
    }

    /// The periods marked in a row: mark glyphs or shaded cells.
    fn marks(&self, row: usize, warnings: &mut Vec<Warning>) -> Vec<Period> {
        let mut out = Vec::new();
        for col in self.cols.first_col()..self.cols.end_col() {
            let Some(cell) = self.grid.get(row, col) else {
                continue;
            };
            if cell.covered_by.is_some() {
                continue;
            }
            let t = cell.text.trim();
            let marked = cell.is_filled() || mark::is_mark(t);
            if !marked && !t.is_empty() {
                warnings.push(Warning::new(
                    "unreadable_cell",
                    format!("schedule cell holds {t:?}, not a mark; not counted as scheduled"),
                    Some(cell.at.short()),
                ));
            }
            if marked {
                out.extend(
                    (col..col + cell.col_span as usize).filter_map(|c| self.cols.period_at(c)),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_of_columns() {
        let cols = Columns {
            years: vec![
                YearCols {
                    fy: 2022,
                    col: 3,
                    width: 4,
                },
                YearCols {
                    fy: 2023,
                    col: 7,
                    width: 4,
                },
            ],
            granularity: Granularity::Quarter,
        };
        assert_eq!(cols.period_at(3).unwrap().to_string(), "2022-Q1");
        assert_eq!(cols.period_at(10).unwrap().to_string(), "2023-Q4");
        assert!(cols.period_at(11).is_none());
        assert!(cols.period_at(2).is_none());
    }

    #[test]
    fn widths_from_gaps_when_spans_are_lost() {
        let w = widths(&[(3, 2022, 1), (7, 2023, 1), (11, 2024, 1)], 15);
        assert_eq!(w.iter().map(|y| y.width).collect::<Vec<_>>(), vec![4, 4, 4]);
    }
}
