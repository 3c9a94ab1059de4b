//! Stage 3: the period axis of a table. A year header row (R6, 令和6年度,
//! 2024年度, 2024 …) and, under it, an optional row naming the periods
//! (上期/下期, 第1四半期, Q1, 4-6月, 4月 …) decide which period each column
//! stands for.

use std::sync::OnceLock;

use crate::pattern::Regex;

use crate::grid::Grid;
use crate::model::{Granularity, Period, Warning};
use crate::normalize::{era, text};

/// A fiscal year's columns: `width` columns from `col`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearCols {
    pub fy: i32,
    pub col: usize,
    pub width: usize,
}

/// The period columns of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub years: Vec<YearCols>,
    pub granularity: Granularity,
    /// The period of each column from `first_col()`, where one is known.
    periods: Vec<Option<Period>>,
    /// The rows of the header (year row and period row, if any).
    pub header_rows: std::ops::Range<usize>,
    /// Columns that stand for several periods of one year (an axis
    /// carried onto a page whose one column spans the page before's
    /// quarter columns): column and its periods.
    pub wide: Vec<(usize, Vec<Period>)>,
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
        let i = col.checked_sub(self.first_col())?;
        self.periods.get(i).copied().flatten()
    }

    /// Every period a column stands for: one, or several for a column
    /// wider than the axis it was carried from.
    pub fn periods_at(&self, col: usize) -> Vec<Period> {
        match self.wide.iter().find(|w| w.0 == col) {
            Some((_, ps)) => ps.clone(),
            None => self.period_at(col).into_iter().collect(),
        }
    }

    /// The year a column belongs to.
    pub fn year_at(&self, col: usize) -> Option<i32> {
        self.years
            .iter()
            .find(|y| (y.col..y.col + y.width).contains(&col))
            .map(|y| y.fy)
    }
}

/// Read the year header of a row: cells right of `after_col` (and before
/// `end_col`) that name a year. Needs at least two years, or one year whose
/// cell spans several columns.
pub fn year_header(
    grid: &Grid,
    row: usize,
    after_col: usize,
    end_col: usize,
) -> Option<Vec<YearCols>> {
    let mut runs = year_runs(grid, row, after_col, end_col);
    if runs.len() != 1 {
        return None;
    }
    let run = runs.remove(0);
    // A number beside the years that names none makes the row one of
    // values (２０２２ | 1,243 or 41 | １９９９: an indicator's actuals, one
    // of which reads as a year), not a header.
    let end = end_col.min(grid.cols());
    let value_beside = (after_col + 1..end).any(|c| {
        !run.iter().any(|y| y.0 == c)
            && grid.get(row, c).is_some_and(|x| {
                x.covered_by.is_none()
                    && crate::normalize::number::indicator_value(&x.text)
                        .value
                        .is_some()
            })
    });
    if value_beside {
        return None;
    }
    run_columns(&run, end)
}

/// A year cell of a header row: (column, fiscal year, column span).
pub type YearCell = (usize, i32, usize);

/// The year cells of a header row in runs of increasing years: a list with
/// its schedule years and its target years side by side (R7 R8 R9 | R7 R8
/// R9) has two runs.
pub fn year_runs(grid: &Grid, row: usize, after_col: usize, end_col: usize) -> Vec<Vec<YearCell>> {
    let mut runs = runs_of(grid, row, after_col, end_col, era::header_year);
    // Two-digit years (23 24 25, 26~), as national roadmaps print them:
    // only a run of consecutive years counts, three or more of them, or
    // two or more each spanning the sub-period columns below it (23 | 24
    // over Q1 … Q4). Beside a run of other year forms (a schedule in two
    // digits, targets headed R5年度末) both count.
    // Once one run of the row is years, a second consecutive run in the
    // same form is too (a schedule's 25 | 26 and the targets' 25 | 26).
    let taken: Vec<usize> = runs.iter().flatten().map(|y| y.0).collect();
    let two: Vec<Vec<YearCell>> = runs_of(grid, row, after_col, end_col, two_digit_year)
        .into_iter()
        .filter(|r| {
            r.windows(2).all(|w| w[1].1 == w[0].1 + 1) && r.iter().all(|y| !taken.contains(&y.0))
        })
        .collect();
    let strong = |r: &Vec<YearCell>| r.len() >= 3 || r.len() >= 2 && r.iter().all(|y| y.2 >= 2);
    if two.iter().any(strong) {
        runs.extend(two.into_iter().filter(|r| r.len() >= 2));
    }
    runs.sort_by_key(|r| r[0].0);
    runs
}

/// Runs of two or more consecutive two-digit years (24 25) in a row,
/// however narrow: years only where something else says so (a 目標値
/// header spanning them).
pub fn two_digit_runs(
    grid: &Grid,
    row: usize,
    after_col: usize,
    end_col: usize,
) -> Vec<Vec<YearCell>> {
    runs_of(grid, row, after_col, end_col, two_digit_year)
        .into_iter()
        .filter(|r| r.len() >= 2 && r.windows(2).all(|w| w[1].1 == w[0].1 + 1))
        .collect()
}

/// `24` → 2024, `26~` → 2026: two digits from 15 to 50 alone in a cell.
pub fn two_digit_year(s: &str) -> Option<i32> {
    let key = text::label_key(s);
    let key = key
        .trim_end_matches(['～', '~', '〜'])
        .trim_end_matches("以降");
    if key.len() != 2 || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i32 = key.parse().ok()?;
    (15..=50).contains(&n).then_some(2000 + n)
}

fn runs_of(
    grid: &Grid,
    row: usize,
    after_col: usize,
    end_col: usize,
    year: fn(&str) -> Option<i32>,
) -> Vec<Vec<YearCell>> {
    let mut runs: Vec<Vec<YearCell>> = Vec::new();
    // Whether the run's last year was a bare number (2025, not 2025年度).
    let mut last_bare = false;
    for (c, cell) in grid.row(row).iter().enumerate() {
        if c <= after_col || c >= end_col || cell.covered_by.is_some() {
            continue;
        }
        let Some(fy) = year(cell.text.trim()) else {
            continue;
        };
        let bare = is_bare_number(&cell.text);
        match runs.last_mut() {
            // A header names its years alike: a bare number after a year
            // written with 年度 or an era (2025年度 | 2048: a KPI table's
            // year and its target value) is a value, not the next year.
            Some(run) if run.last().is_some_and(|l| l.1 < fy) && (last_bare || !bare) => {
                run.push((c, fy, cell.col_span as usize))
            }
            _ => runs.push(vec![(c, fy, cell.col_span as usize)]),
        }
        last_bare = bare;
    }
    runs
}

/// True for a cell that holds digits alone (full or half width).
fn is_bare_number(s: &str) -> bool {
    let key = text::label_key(s);
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit())
}

/// A run of year cells as the columns of a period axis: at least two
/// years, or one year whose cell spans several columns.
pub fn run_columns(run: &[YearCell], end_col: usize) -> Option<Vec<YearCols>> {
    if run.is_empty() || (run.len() == 1 && run[0].2 < 2) {
        return None;
    }
    Some(widths(run, end_col))
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

/// What a period header cell names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeriodName {
    pub granularity: Granularity,
    pub index: u8,
}

fn period_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        crate::pattern::compile(
            r"^(?:第?(?P<q>[1-4])(?:Q|四半期|期)|(?P<q2>[1-4])Q|Q(?P<q3>[1-4])|(?P<m1>[0-9]{1,2})月?(?:[~～〜\-－―‐−ー](?P<m2>[0-9]{1,2}))?月|(?P<h1>上期|前期|上半期)|(?P<h2>下期|後期|下半期))$",
        )
    })
}

/// The period a sub-header cell names: `第2四半期`, `Q2`, `2Q`, `7-9月`
/// (quarter 2), `10月` (month 7 of the fiscal year), `4-9月` (half 1),
/// `上期`, `後期` …
pub fn period_name(s: &str) -> Option<PeriodName> {
    let key = text::label_key(s);
    // Each form of the pattern starts with one of these.
    let first = key.chars().next()?;
    if !(first.is_ascii_digit() || "Q第上前下後".contains(first)) {
        return None;
    }
    let c = period_re().captures(&key)?;
    let q = c.name("q").or(c.name("q2")).or(c.name("q3"));
    if let Some(q) = q {
        return Some(PeriodName {
            granularity: Granularity::Quarter,
            index: q.as_str().parse().ok()?,
        });
    }
    if c.name("h1").is_some() {
        return Some(PeriodName {
            granularity: Granularity::Half,
            index: 1,
        });
    }
    if c.name("h2").is_some() {
        return Some(PeriodName {
            granularity: Granularity::Half,
            index: 2,
        });
    }
    let m1: u32 = c.name("m1")?.as_str().parse().ok()?;
    let fiscal_month = |m: u32| ((m + 12 - 4) % 12) + 1;
    if !(1..=12).contains(&m1) {
        return None;
    }
    let Some(m2) = c.name("m2") else {
        return Some(PeriodName {
            granularity: Granularity::Month,
            index: fiscal_month(m1) as u8,
        });
    };
    let m2: u32 = m2.as_str().parse().ok()?;
    if !(1..=12).contains(&m2) {
        return None;
    }
    let (a, b) = (fiscal_month(m1), fiscal_month(m2));
    match b.checked_sub(a)? + 1 {
        3 if (a - 1) % 3 == 0 => Some(PeriodName {
            granularity: Granularity::Quarter,
            index: ((a - 1) / 3 + 1) as u8,
        }),
        6 if (a - 1) % 6 == 0 => Some(PeriodName {
            granularity: Granularity::Half,
            index: ((a - 1) / 6 + 1) as u8,
        }),
        _ => None,
    }
}

/// The period row under a year header: the anchor cells in the period area
/// and what each names, when at least two cells name periods of one
/// granularity and the area holds nothing else.
pub fn period_row(
    grid: &Grid,
    row: usize,
    first: usize,
    end: usize,
) -> Option<Vec<(usize, usize, PeriodName)>> {
    let mut out = Vec::new();
    for col in first..end {
        let cell = grid.get(row, col)?;
        if cell.covered_by.is_some() || cell.text.trim().is_empty() {
            continue;
        }
        let name = period_name(&cell.text)?;
        out.push((col, cell.col_span as usize, name));
    }
    let g = out.first()?.2.granularity;
    (out.len() >= 2 && out.iter().all(|p| p.2.granularity == g)).then_some(out)
}

/// The period axis whose year row is `year_row`: the years, and the
/// period row just under it if there is one. A granularity the widths do
/// not explain is warned about at `at` and read as one period a year.
pub fn columns(
    grid: &Grid,
    year_row: usize,
    years: Vec<YearCols>,
    at: Option<&crate::grid::Loc>,
    warnings: &mut Vec<Warning>,
) -> Columns {
    let (first, end) = (
        years.first().map_or(0, |y| y.col),
        years.last().map_or(0, |y| y.col + y.width),
    );
    warn_calendar_years(grid, year_row, &years, warnings);
    // The year printed twice, in two rows (令和6年度 over 2024): one header.
    let top = group_rows_above(grid, year_row, first, end);
    let year_row = repeated_year_rows(grid, year_row, &years);
    // The period row may be the next row that starts (a year cell merged
    // down over two rows has its period row below the merge).
    let below = (year_row + 1..(year_row + 3).min(grid.rows()))
        .find_map(|r| period_row(grid, r, first, end).map(|p| (r, p)));
    if let Some((row, named)) = below {
        if let Some(cols) = from_period_row(&years, &named, top..row + 1) {
            return cols;
        }
    }
    let width = years.first().map_or(1, |y| y.width);
    let granularity = Granularity::from_columns_per_year(width).unwrap_or_else(|| {
        warnings.push(Warning::maybe_at(
            crate::model::WarningCode::UnknownGranularity,
            crate::msg!("warning-unknown-granularity", width = width.to_string()),
            at,
        ));
        Granularity::Year
    });
    let periods = (first..end)
        .map(|col| by_width(&years, granularity, col))
        .collect();
    let mut cols = Columns {
        years,
        granularity,
        periods,
        header_rows: top..year_row + 1,
        wide: Vec::new(),
    };
    // The period row a page break cut between the lines of its cells
    // (第1四 | 第2四 … ending the page, 半期 | 半期 … opening the next):
    // each cell the start of the name of its column's period.
    if let Some(row) = (year_row + 1..(year_row + 3).min(grid.rows()))
        .find(|&r| (first..end).any(|c| grid.get(r, c).is_some_and(|x| x.covered_by.is_none())))
    {
        if cut_period_row(grid, row, &cols, Cut::Head) {
            cols.header_rows = top..row + 1;
        }
    }
    cols
}

/// Which part of a period row a page break cut between its cells' lines.
#[derive(Clone, Copy, PartialEq)]
enum Cut {
    /// The first lines, ending a page.
    Head,
    /// The last lines, opening the next page.
    Tail,
}

/// True when row `row` holds, in the period area of `cols`, the part of
/// a period row a page break cut: each cell (two at least) the first
/// lines (`Head`: every column's cell, a whole name allowed) or the last
/// lines (`Tail`: blank cells allowed, their text all on the page
/// before) of a name of its column's period.
fn cut_period_row(grid: &Grid, row: usize, cols: &Columns, cut: Cut) -> bool {
    let mut parts = 0;
    for col in cols.first_col()..cols.end_col() {
        let Some(cell) = grid.get(row, col) else {
            return false;
        };
        if cell
            .covered_by
            .is_some_and(|(r, c)| r == row && c >= cols.first_col())
        {
            continue;
        }
        let key: String = text::label_key(&cell.text)
            .chars()
            .map(|ch| {
                if "~～〜－―‐−ー".contains(ch) {
                    '-'
                } else {
                    ch
                }
            })
            .collect();
        let Some(p) = cols.period_at(col).filter(|_| cell.covered_by.is_none()) else {
            return false;
        };
        if key.is_empty() {
            if cut == Cut::Head {
                return false;
            }
            continue;
        }
        let names = period_forms(p.granularity, p.index);
        let fits = names.iter().any(|n| match cut {
            Cut::Head => n.starts_with(key.as_str()),
            Cut::Tail => n.len() > key.len() && n.ends_with(key.as_str()),
        });
        if !fits {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// The names plans give a period in a period row (the forms
/// [`period_name`] reads), dashes written `-`.
fn period_forms(g: Granularity, index: u8) -> Vec<String> {
    let month = |i: u8| (i as u32 + 2) % 12 + 1;
    match g {
        Granularity::Quarter => {
            let (a, b) = (month(3 * index - 2), month(3 * index));
            vec![
                format!("第{index}四半期"),
                format!("{index}四半期"),
                format!("第{index}期"),
                format!("{index}Q"),
                format!("Q{index}"),
                format!("{a}-{b}月"),
                format!("{a}月-{b}月"),
            ]
        }
        Granularity::Half if index == 1 => ["上期", "上半期", "前期", "4-9月", "4月-9月"]
            .map(String::from)
            .to_vec(),
        Granularity::Half => ["下期", "下半期", "後期", "10-3月", "10月-3月"]
            .map(String::from)
            .to_vec(),
        Granularity::Month => vec![format!("{}月", month(index))],
        Granularity::Year => Vec::new(),
    }
}

/// The last row of a year header printed again in the rows below it in
/// another form (令和6年度 over 2024): the same year in every year column.
fn repeated_year_rows(grid: &Grid, year_row: usize, years: &[YearCols]) -> usize {
    let mut last = year_row;
    while last + 1 < grid.rows() {
        let row = last + 1;
        let same = years.iter().all(|y| {
            grid.get(row, y.col).is_some_and(|c| {
                c.covered_by.is_some() || era::header_year(c.text.trim()) == Some(y.fy)
            })
        }) && years
            .iter()
            .any(|y| grid.get(row, y.col).is_some_and(|c| c.covered_by.is_none()));
        if !same {
            break;
        }
        last = row;
    }
    last
}

/// Calendar-year columns (2024年, 令和6年 without 度) are read as the fiscal
/// year of that number; the header says so in a warning at its first cell.
fn warn_calendar_years(grid: &Grid, row: usize, years: &[YearCols], warnings: &mut Vec<Warning>) {
    let calendar: Vec<&crate::grid::Cell> = years
        .iter()
        .filter_map(|y| grid.get(row, y.col))
        .filter(|c| {
            let key = text::label_key(&c.text);
            key.ends_with('年') && !key.ends_with("年度")
        })
        .collect();
    let Some(first) = calendar.first() else {
        return;
    };
    let texts: Vec<&str> = calendar.iter().map(|c| c.text.trim()).collect();
    warnings.push(Warning::at(
        crate::model::WarningCode::CalendarYear,
        crate::msg!("warning-calendar-year", years = texts.join(", ")),
        &first.at,
    ));
}

/// The first of the group header rows right above a year row: rows whose
/// cells over the period area name plan phases or ranges of years
/// (前期（R5～R7）, 第2期). They are header, not a measure or an activity.
pub fn group_rows_above(grid: &Grid, year_row: usize, first: usize, end: usize) -> usize {
    let mut top = year_row;
    while top > 0 && is_group_row(grid, top - 1, first, end) {
        top -= 1;
    }
    top
}

/// True when a row's cells from `first` to `end` name plan phases or
/// ranges of years (前期（R5～R7）, 第2期), one at least, and nothing else.
pub fn is_group_row(grid: &Grid, row: usize, first: usize, end: usize) -> bool {
    let mut any = false;
    for col in first..end {
        let Some(cell) = grid.get(row, col) else {
            return false;
        };
        if cell.covered_by.is_some() || cell.text.trim().is_empty() {
            continue;
        }
        if era::year_range(&cell.text).is_none() {
            return false;
        }
        any = true;
    }
    any
}

/// [`is_group_row`], also where the row's first cell from `first` heads
/// the schedule's activity column (取組項目 | 第1期 | 第2期).
pub fn is_headed_group_row(grid: &Grid, row: usize, first: usize, end: usize) -> bool {
    if is_group_row(grid, row, first, end) {
        return true;
    }
    let Some((col, cell)) = (first..end)
        .filter_map(|c| grid.get(row, c).map(|cell| (c, cell)))
        .find(|(_, cell)| cell.covered_by.is_none() && !cell.text.trim().is_empty())
    else {
        return false;
    };
    super::labels::field_of(&cell.text) == Some(super::labels::Field::Name)
        && is_group_row(grid, row, col + 1, end)
}

fn by_width(years: &[YearCols], g: Granularity, col: usize) -> Option<Period> {
    let y = years
        .iter()
        .find(|y| (y.col..y.col + y.width).contains(&col))?;
    let per = g.columns() as usize;
    let index = (col - y.col) * per / y.width.max(1) + 1;
    Some(Period::new(y.fy, g, index as u8))
}

fn from_period_row(
    years: &[YearCols],
    named: &[(usize, usize, PeriodName)],
    header_rows: std::ops::Range<usize>,
) -> Option<Columns> {
    let granularity = named.first()?.2.granularity;
    let first = years.first()?.col;
    let end = years.last().map(|y| y.col + y.width)?;
    let mut periods = vec![None; end - first];
    for &(col, span, name) in named {
        let y = years
            .iter()
            .find(|y| (y.col..y.col + y.width).contains(&col))?;
        for c in col..(col + span).min(end) {
            periods[c - first] = Some(Period::new(y.fy, granularity, name.index));
        }
    }
    Some(Columns {
        years: years.to_vec(),
        granularity,
        periods,
        header_rows,
        wide: Vec::new(),
    })
}

/// The horizontal extent of a grid column on a PDF page, from a cell of it
/// that spans one column, one in a table the reader found first; `None`
/// for sheets.
pub fn column_x(grid: &Grid, col: usize) -> Option<(f32, f32)> {
    let x = |r: usize| {
        let cell = grid.get(r, col)?;
        match &cell.at {
            crate::grid::Loc::Page { bbox, .. } if cell.col_span == 1 => Some((bbox[0], bbox[2])),
            _ => None,
        }
    };
    // A line of text outside the page's tables (a heading, a summary)
    // stands in the first column as one cell as wide as its text, not as
    // the column: the column is where a table's cell in it stands.
    (0..grid.rows())
        .filter(|&r| grid.table_at(r, col).is_some())
        .find_map(x)
        .or_else(|| (0..grid.rows()).find_map(x))
}

/// The column of a PDF page in which a table's cell starts at `x` (within
/// 1.5 pt): where a column of another page's table stands on this one,
/// whichever of the page's tables gives its one-column cells. `None` for
/// sheets and where no cell starts there.
pub fn column_starting_at(grid: &Grid, x: f32) -> Option<usize> {
    (0..grid.rows()).find_map(|r| {
        (0..grid.cols()).find(|&c| {
            grid.get(r, c).is_some_and(|cell| {
                cell.covered_by.is_none()
                    && grid.table_at(r, c).is_some()
                    && matches!(&cell.at, crate::grid::Loc::Page { bbox, .. } if (bbox[0] - x).abs() <= 1.5)
            })
        })
    })
}

/// An axis carried onto the next page whose header the page break cut:
/// the rows from `start` that name, column by column, the periods the
/// axis already has there (Q1 … Q4 under each year, 上期 | 下期) are the
/// rest of its header, not rows of the table. They become its header rows.
pub fn header_rest(cols: &mut Columns, grid: &Grid, start: usize, end: usize) {
    let mut r = start;
    while r < end {
        // The last lines of a period row the page break cut (半期 | 半期 …
        // under 第1四 | 第2四 … on the page before).
        if cut_period_row(grid, r, cols, Cut::Tail) {
            r += 1;
            continue;
        }
        let Some(named) = period_row(grid, r, cols.first_col(), cols.end_col()) else {
            break;
        };
        let matches = named.iter().all(|&(c, span, name)| {
            (c..c + span).all(|col| {
                cols.period_at(col)
                    .is_some_and(|p| p.granularity == name.granularity && p.index == name.index)
            })
        });
        if !matches {
            break;
        }
        r += 1;
    }
    if r > start {
        cols.header_rows = start..r;
    }
}

/// The period axis of a table on `from`, carried onto the columns of
/// `to` (the next page of a card that breaks across pages) by each
/// column's horizontal position.
pub fn remap(cols: &Columns, from: &Grid, to: &Grid) -> Option<Columns> {
    if column_x(from, cols.first_col()).is_none() {
        // Sheets have no positions: the columns carry over as they are.
        return Some(Columns {
            header_rows: 0..0,
            ..cols.clone()
        });
    }
    let source: Vec<(f32, f32, Period)> = (cols.first_col()..cols.end_col())
        .filter_map(|c| {
            let (x0, x1) = column_x(from, c)?;
            Some((x0, x1, cols.period_at(c)?))
        })
        .collect();
    let mut mapped: Vec<(usize, Period)> = Vec::new();
    let mut wide: Vec<(usize, Vec<Period>)> = Vec::new();
    for c in 0..to.cols() {
        let Some((x0, x1)) = column_x(to, c) else {
            continue;
        };
        let mid = (x0 + x1) / 2.0;
        if let Some(p) = source.iter().find(|s| s.0 <= mid && mid < s.1) {
            // A column as wide as several of the axis's columns (the page
            // before's quarters under one cell here): every period whose
            // column's middle it holds, when they are of one year.
            let within: Vec<Period> = source
                .iter()
                .filter(|s| x0 <= (s.0 + s.1) / 2.0 && (s.0 + s.1) / 2.0 < x1)
                .map(|s| s.2)
                .collect();
            // One across the columns of several years stands for no
            // period: a value cell across the axis (a page that holds
            // only a card's last text row, 推進部署 | 介護保険課).
            if within.iter().any(|q| q.fiscal_year != p.2.fiscal_year) {
                continue;
            }
            mapped.push((c, p.2));
            if within.len() > 1 {
                wide.push((c, within));
            }
        }
    }
    let (first, last) = (mapped.first()?.0, mapped.last()?.0);
    let mut periods = vec![None; last + 1 - first];
    let mut years: Vec<YearCols> = Vec::new();
    for &(c, p) in &mapped {
        periods[c - first] = Some(p);
        match years.last_mut() {
            Some(y) if y.fy == p.fiscal_year => y.width = c + 1 - y.col,
            _ => years.push(YearCols {
                fy: p.fiscal_year,
                col: c,
                width: 1,
            }),
        }
    }
    Some(Columns {
        years,
        granularity: cols.granularity,
        periods,
        header_rows: 0..0,
        wide,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::{Loc, Origin};

    fn grid(rows: &[&[&str]]) -> Grid {
        let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let mut g = Grid::new(Origin::Sheet("S".into()), rows.len(), cols, |r, c| {
            Loc::Sheet {
                sheet: "S".into(),
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

    #[test]
    fn period_names() {
        let q = |i| {
            Some(PeriodName {
                granularity: Granularity::Quarter,
                index: i,
            })
        };
        let m = |i| {
            Some(PeriodName {
                granularity: Granularity::Month,
                index: i,
            })
        };
        let h = |i| {
            Some(PeriodName {
                granularity: Granularity::Half,
                index: i,
            })
        };
        assert_eq!(period_name("第1四半期"), q(1));
        assert_eq!(period_name("Q3"), q(3));
        assert_eq!(period_name("4Q"), q(4));
        assert_eq!(period_name("4-6月"), q(1));
        assert_eq!(period_name("１０～１２月"), q(3));
        assert_eq!(period_name("1-3月"), q(4));
        assert_eq!(period_name("4月"), m(1));
        assert_eq!(period_name("3月"), m(12));
        assert_eq!(period_name("上期"), h(1));
        assert_eq!(period_name("後期"), h(2));
        assert_eq!(period_name("10-3月"), h(2));
        assert_eq!(period_name("計画"), None);
    }

    #[test]
    fn quarter_row_under_years() {
        let g = grid(&[
            &["", "2025年度", "", "", "", "2026年度", "", "", ""],
            &[
                "", "4-6月", "7-9月", "10-12月", "1-3月", "4-6月", "7-9月", "10-12月", "1-3月",
            ],
        ]);
        let years = year_header(&g, 0, 0, 9).unwrap();
        let cols = columns(&g, 0, years, None, &mut Vec::new());
        assert_eq!(cols.granularity, Granularity::Quarter);
        assert_eq!(cols.period_at(1).unwrap().to_string(), "2025-Q1");
        assert_eq!(cols.period_at(8).unwrap().to_string(), "2026-Q4");
        assert_eq!(cols.header_rows, 0..2);
    }

    #[test]
    fn months_under_one_year() {
        let mut row2 = vec![""];
        let months = [
            "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月",
        ];
        row2.extend(months);
        let mut row1 = vec!["", "令和7年度"];
        row1.extend([""; 11]);
        let mut g = grid(&[&row1, &row2]);
        g.merge(0, 1, 1, 12);
        let years = year_header(&g, 0, 0, 13).unwrap();
        let cols = columns(&g, 0, years, None, &mut Vec::new());
        assert_eq!(cols.period_at(1).unwrap().to_string(), "2025-04");
        assert_eq!(cols.period_at(12).unwrap().to_string(), "2026-03");
    }

    #[test]
    fn a_bare_number_beside_a_named_year_is_no_header() {
        // A KPI table's row: its year (2026年度) and a target of 2,027.
        let g = grid(&[&["指標", "2026年度(令和8年度)", "２０２７", "", ""]]);
        assert_eq!(year_header(&g, 0, 0, 5), None);
        let g = grid(&[&["工程", "2026", "2027", "2028～"]]);
        assert!(year_header(&g, 0, 0, 4).is_some());
        let g = grid(&[&["工程", "2026年度", "2027年度以降"]]);
        assert!(year_header(&g, 0, 0, 3).is_some());
    }

    #[test]
    fn one_column_a_year() {
        let g = grid(&[&["工程", "令和7年度", "令和8年度", "令和9年度"]]);
        let years = year_header(&g, 0, 0, 4).unwrap();
        let cols = columns(&g, 0, years, None, &mut Vec::new());
        assert_eq!(cols.granularity, Granularity::Year);
        assert_eq!(cols.period_at(3).unwrap().to_string(), "2027");
    }

    #[test]
    fn a_period_row_cut_by_a_page_break_is_read_from_its_parts() {
        // 4-6月 … cut after its dash: 4- | 7- … ends the page, the rest
        // (6月 | 9月 …) opens the next. Activity words are neither.
        let g = grid(&[
            &["", "2025年度", "", "", "", "2026年度", "", "", ""],
            &["", "4-", "7-", "10-", "1-", "4-", "7-", "10-", "1-"],
        ]);
        let years = year_header(&g, 0, 0, 9).unwrap();
        let cols = columns(&g, 0, years, None, &mut Vec::new());
        assert_eq!(cols.header_rows, 0..2);
        let next = grid(&[
            &["", "6月", "9月", "12月", "3月", "6月", "9月", "12月", "3月"],
            &["", "導入", "", "", "", "運用", "", "", ""],
        ]);
        assert!(cut_period_row(&next, 0, &cols, Cut::Tail));
        assert!(!cut_period_row(&next, 1, &cols, Cut::Tail));
        assert!(!cut_period_row(&next, 1, &cols, Cut::Head));
        assert_eq!(period_forms(Granularity::Quarter, 4)[5], "1-3月");
        assert_eq!(period_forms(Granularity::Month, 12), ["3月"]);
    }

    #[test]
    fn a_row_of_values_one_of_which_reads_as_a_year_is_no_header() {
        // An indicator's 実績 row opening a page: ２０２２ spans two columns
        // as a year header's cell would, but the numbers beside it are
        // values; so is the row where the year-like value comes second.
        let mut g = grid(&[
            &["", "実績", "２０２２", "", "1,243", "", ""],
            &["", "実績", "41", "", "１９９９", "", ""],
            &["", "工程", "2022", "", "2023", "", ""],
        ]);
        for r in 0..3 {
            g.merge(r, 2, 1, 2);
            g.merge(r, 4, 1, 2);
        }
        assert!(year_header(&g, 0, 0, 7).is_none());
        assert!(year_header(&g, 1, 0, 7).is_none());
        assert_eq!(year_header(&g, 2, 0, 7).map(|y| y.len()), Some(2));
    }

    #[test]
    fn bare_number_after_a_written_year_is_a_value() {
        // A KPI table's row continued on a new page (年度 | 目標値 | 実績):
        // its year and a target value that reads as a year are no axis.
        let g = grid(&[&["指標", "2025年度", "2048", ""]]);
        assert!(year_header(&g, 0, 0, 4).is_none());
        // Years printed bare, or bare before a written one, still are.
        let g = grid(&[&["工程", "2025", "2026", "2027年度以降"]]);
        assert_eq!(year_header(&g, 0, 0, 4).map(|y| y.len()), Some(3));
        let g = grid(&[&["工程", "R7", "R8年度", "R9"]]);
        assert_eq!(year_header(&g, 0, 0, 4).map(|y| y.len()), Some(3));
    }

    #[test]
    fn widths_from_gaps_when_spans_are_lost() {
        let w = widths(&[(3, 2022, 1), (7, 2023, 1), (11, 2024, 1)], 15);
        assert_eq!(w.iter().map(|y| y.width).collect::<Vec<_>>(), vec![4, 4, 4]);
    }
}
