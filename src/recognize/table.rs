//! Finding measure tables in a grid and reading their rows.

use super::labels::{Field, field_of};
use crate::grid::{Cell, Grid};

/// One measure table: rows `start..end` of a grid, labels in `label_col`.
#[derive(Debug, Clone)]
pub struct TableSpan {
    pub grid: usize,
    pub start: usize,
    pub end: usize,
    pub label_col: usize,
}

/// Every measure table of a grid: each starts at a row labelled 事業名 (or a
/// synonym) and runs to the last labelled row before the next one.
pub fn find_tables(grid: &Grid, gi: usize) -> Vec<TableSpan> {
    let starts: Vec<(usize, usize)> = (0..grid.rows())
        .filter_map(|r| {
            row_label(grid, r)
                .filter(|(_, f)| *f == Field::Name)
                .map(|(c, _)| (r, c))
        })
        .collect();
    let mut spans = Vec::new();
    for (i, &(start, label_col)) in starts.iter().enumerate() {
        let limit = starts.get(i + 1).map_or(grid.rows(), |s| s.0);
        let end = table_end(grid, start, limit, label_col);
        spans.push(TableSpan {
            grid: gi,
            start,
            end,
            label_col,
        });
    }
    spans
}

/// The label column and field of a row: its first non-empty anchor cell,
/// when that names a field.
pub fn row_label(grid: &Grid, row: usize) -> Option<(usize, Field)> {
    let (col, cell) = grid
        .row(row)
        .iter()
        .enumerate()
        .find(|(_, c)| c.covered_by.is_none() && !c.text.trim().is_empty())?;
    field_of(&cell.text).map(|f| (col, f))
}

/// The field labelled in `label_col` of a row (only where the label cell
/// starts on this row).
pub fn label_at(grid: &Grid, row: usize, label_col: usize) -> Option<Field> {
    let cell = grid.get(row, label_col)?;
    if cell.covered_by.is_some() {
        return None;
    }
    field_of(&cell.text)
}

/// One past the last row that belongs to the table: labelled rows, rows
/// whose label cell is merged into a label above, unlabelled rows between
/// two labelled ones, and after the last label the rows that still have
/// table content right of the label column (a table cut off by a page end).
fn table_end(grid: &Grid, start: usize, limit: usize, label_col: usize) -> usize {
    let mut last = start;
    for r in start..limit {
        let covered_from_table = grid
            .get(r, label_col)
            .and_then(|c| c.covered_by)
            .is_some_and(|(ar, _)| ar >= start);
        if label_at(grid, r, label_col).is_some() || covered_from_table {
            last = r;
        }
    }
    let trailing = (last + 1..limit)
        .take_while(|&r| has_body(grid, r, label_col))
        .count();
    last + 1 + trailing
}

/// True when a row has text or a fill right of the label column in a cell
/// that does not start at or before it (a heading merged across the whole
/// row is not table content).
fn has_body(grid: &Grid, row: usize, label_col: usize) -> bool {
    grid.row(row).iter().enumerate().any(|(c, cell)| {
        let (_, ac) = grid.anchor_of(row, c);
        c > label_col
            && ac > label_col
            && (cell.is_filled() || !grid.text(row, ac).trim().is_empty())
    })
}

/// The anchor cells that start on `row` right of `after_col`, in order.
pub fn row_cells_after(grid: &Grid, row: usize, after_col: usize) -> Vec<(usize, &Cell)> {
    grid.row(row)
        .iter()
        .enumerate()
        .filter(|(c, cell)| *c > after_col && cell.covered_by.is_none())
        .collect()
}

/// The texts of a row right of the label, joined by line breaks.
pub fn row_text_after(grid: &Grid, row: usize, after_col: usize) -> String {
    row_cells_after(grid, row, after_col)
        .iter()
        .map(|(_, c)| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
