//! Reading one measure table into a [`Measure`].

use std::collections::BTreeMap;

use super::labels::Field;
use super::schedule::{self, ActivityReader, Columns, columns, year_header};
use super::table::{TableSpan, label_at, row_text_after};
use crate::grid::Grid;
use crate::model::{Cost, Indicator, Measure, Value, Warning};
use crate::normalize::{label, number, text};

/// What one table gives, before ids are assigned.
pub struct Read {
    pub measure: Measure,
    pub columns: Option<Columns>,
}

/// Read a measure table. `id`, `policy` and `number` are filled in later.
pub fn read(grid: &Grid, span: &TableSpan, warnings: &mut Vec<Warning>) -> Read {
    let mut m = empty_measure(source_ref(grid, span));
    let cols = find_columns(grid, span, warnings);
    let mut r = span.start;
    while r < span.end {
        r = read_row(grid, span, r, cols.as_ref(), &mut m, warnings);
    }
    Read {
        measure: m,
        columns: cols,
    }
}

fn empty_measure(source_ref: String) -> Measure {
    Measure {
        id: String::new(),
        policy: 0,
        number: 0,
        name: String::new(),
        description: None,
        effect: None,
        schedule: Vec::new(),
        indicator: None,
        cost: None,
        qualitative_evaluation: None,
        review: None,
        departments: Vec::new(),
        departments_etc: false,
        source_ref,
    }
}

/// `p.N` (or `p.N-M`) for a page, `Sheet!A1:S40` for a sheet.
fn source_ref(grid: &Grid, span: &TableSpan) -> String {
    let first = grid.get(span.start, 0).map(|c| c.at.clone());
    let last = grid
        .get(span.end.saturating_sub(1), grid.cols().saturating_sub(1))
        .map(|c| c.at.clone());
    match (first, last) {
        (
            Some(crate::grid::Loc::Sheet { sheet, row, col }),
            Some(crate::grid::Loc::Sheet {
                row: r2, col: c2, ..
            }),
        ) => {
            format!(
                "{sheet}!{}:{}",
                crate::grid::a1(row, col),
                crate::grid::a1(r2, c2)
            )
        }
        (Some(a), _) => a.short(),
        _ => String::new(),
    }
}

/// The table's year columns: from the schedule header, else from the first
/// row of the table that names years.
fn find_columns(grid: &Grid, span: &TableSpan, warnings: &mut Vec<Warning>) -> Option<Columns> {
    let years = (span.start..span.end).find_map(|r| year_header(grid, r, span.label_col))?;
    let at = grid
        .get(span.start, span.label_col)
        .map(|c| c.at.short())
        .unwrap_or_default();
    Some(columns(years, &at, warnings))
}

/// Read the row at `r` (and any rows it owns); returns the next row to read.
fn read_row(
    grid: &Grid,
    span: &TableSpan,
    r: usize,
    cols: Option<&Columns>,
    m: &mut Measure,
    warnings: &mut Vec<Warning>,
) -> usize {
    let lc = span.label_col;
    let Some(field) = label_at(grid, r, lc) else {
        warn_unplaced(grid, span, r, warnings);
        return r + 1;
    };
    let body = || row_text_after(grid, r, lc);
    match field {
        Field::Name => m.name = text::clean_text(&body()),
        Field::Description => m.description = text::text_or_none(&body()),
        Field::Effect => m.effect = text::text_or_none(&body()),
        Field::Qualitative => m.qualitative_evaluation = text::text_or_none(&body()),
        Field::Review => m.review = text::text_or_none(&body()),
        Field::Departments => {
            (m.departments, m.departments_etc) = label::departments(&text::clean_text(&body()))
        }
        Field::Schedule => return read_schedule(grid, span, r, cols, m, warnings),
        Field::Target => return read_indicator(grid, span, r, cols, m, warnings),
        Field::Actual => warn_unplaced(grid, span, r, warnings),
        Field::Cost => match cols {
            Some(c) => m.cost = Some(read_cost(grid, span, r, c)),
            None => warn_no_years(grid, span, r, "cost", warnings),
        },
    }
    r + 1
}

fn warn_unplaced(grid: &Grid, span: &TableSpan, r: usize, warnings: &mut Vec<Warning>) {
    let texts: Vec<&str> = grid
        .row(r)
        .iter()
        .filter(|c| c.covered_by.is_none())
        .map(|c| c.text.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if texts.is_empty() {
        return;
    }
    let at = grid.get(r, span.label_col).map(|c| c.at.short());
    warnings.push(Warning::new(
        "unplaced_row",
        format!(
            "a table row was not recognised and is left out: {}",
            texts.join(" | ")
        ),
        at,
    ));
}

/// The schedule block: the header row (years), optional sub-header rows,
/// then activity rows until the next labelled row.
fn read_schedule(
    grid: &Grid,
    span: &TableSpan,
    r: usize,
    cols: Option<&Columns>,
    m: &mut Measure,
    warnings: &mut Vec<Warning>,
) -> usize {
    let Some(cols) = cols else {
        warn_no_years(grid, span, r, "schedule marks", warnings);
        return next_labelled(grid, span, r + 1);
    };
    let header = (r..span.end)
        .find(|&h| year_header(grid, h, span.label_col).is_some())
        .unwrap_or(r);
    let mut reader = ActivityReader::new(grid, span, cols);
    let mut row = header + 1;
    while row < span.end && schedule::is_period_subheader(grid, row, cols) {
        row += 1;
    }
    while row < span.end && label_at(grid, row, span.label_col).is_none() {
        if !reader.row(row, warnings) && !grid.row_is_blank(row) {
            warn_unplaced(grid, span, row, warnings);
        }
        row += 1;
    }
    m.schedule = reader.activities;
    row
}

/// A row that needs year columns in a table that has none.
fn warn_no_years(grid: &Grid, span: &TableSpan, r: usize, what: &str, warnings: &mut Vec<Warning>) {
    let at = grid.get(r, span.label_col).map(|c| c.at.short());
    let message = format!(
        "the table has no year header (R4, 令和5年度 …), so its {what} cannot be placed; left out"
    );
    warnings.push(Warning::new("no_schedule_years", message, at));
}

fn next_labelled(grid: &Grid, span: &TableSpan, from: usize) -> usize {
    (from..span.end)
        .find(|&r| label_at(grid, r, span.label_col).is_some())
        .unwrap_or(span.end)
}

/// The text between the label and the period columns (the indicator name
/// or cost unit), including a cell merged down from the row above.
fn middle_text(
    grid: &Grid,
    row: usize,
    span: &TableSpan,
    cols: &Columns,
    own_only: bool,
) -> String {
    let mut parts = Vec::new();
    for col in span.label_col + 1..cols.first_col() {
        let (ar, ac) = grid.anchor_of(row, col);
        if (own_only && ar != row) || ac != col {
            continue;
        }
        let t = grid.text(ar, ac).trim();
        if !t.is_empty() {
            parts.push(t.to_string());
        }
    }
    parts.join("\n")
}

/// 目標値 row, and the 実績値 row after it when present.
fn read_indicator(
    grid: &Grid,
    span: &TableSpan,
    r: usize,
    cols: Option<&Columns>,
    m: &mut Measure,
    warnings: &mut Vec<Warning>,
) -> usize {
    let Some(cols) = cols else {
        warn_no_years(grid, span, r, "indicator", warnings);
        return r + 1;
    };
    let mut label_text = middle_text(grid, r, span, cols, false);
    let target = year_values(grid, r, cols, number::indicator_value);
    let has_actual =
        r + 1 < span.end && label_at(grid, r + 1, span.label_col) == Some(Field::Actual);
    let actual = if has_actual {
        let extra = middle_text(grid, r + 1, span, cols, true);
        if !extra.is_empty() {
            label_text = format!("{label_text}\n{extra}");
        }
        year_values(grid, r + 1, cols, number::indicator_value)
    } else {
        cols.years.iter().map(|y| (y.fy, Value::empty())).collect()
    };
    let (name, unit) = label::split_indicator_label(&text::clean_text(&label_text));
    m.indicator = Some(Indicator {
        name,
        unit,
        target,
        actual,
    });
    if has_actual { r + 2 } else { r + 1 }
}

/// 事業費 row: unit or ゼロ予算 from the label cells, a value per year.
fn read_cost(grid: &Grid, span: &TableSpan, r: usize, cols: &Columns) -> Cost {
    let label_cell = grid.text(r, span.label_col).to_string();
    let middle = middle_text(grid, r, span, cols, true);
    let unit = number::cost_unit(&middle).or_else(|| number::cost_unit(&label_cell));
    let zero_budget = number::is_zero_budget(&middle) || number::is_zero_budget(&label_cell);
    let mult = unit
        .as_deref()
        .and_then(number::unit_multiplier)
        .unwrap_or(1.0);
    let values = year_values(grid, r, cols, |raw| {
        number::cost_value(raw, mult, zero_budget)
    });
    Cost {
        unit,
        zero_budget,
        values,
    }
}

/// One value per fiscal year: the first text in the year's columns.
fn year_values(
    grid: &Grid,
    row: usize,
    cols: &Columns,
    parse: impl Fn(&str) -> Value,
) -> BTreeMap<i32, Value> {
    let mut out = BTreeMap::new();
    for y in &cols.years {
        let cell = (y.col..y.col + y.width)
            .filter_map(|c| grid.get(row, c))
            .find(|c| c.covered_by.is_none() && !c.text.trim().is_empty());
        let mut v = cell.map_or_else(Value::empty, |c| parse(&c.text));
        v.at = cell.or_else(|| grid.get(row, y.col)).map(|c| c.at.short());
        out.insert(y.fy, v);
    }
    out
}
