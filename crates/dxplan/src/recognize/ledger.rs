//! Stage 6: account for every cell. The readers of stage 4 note each table
//! cell they take into the plan (a label, a text, a mark, a value, a
//! header); afterwards every non-empty cell of a recognised table is either
//! taken or named by a warning, and the cells that are neither get an
//! `unplaced_cell` warning of their own. Nothing in a table is dropped
//! silently.

use std::collections::HashSet;
use std::ops::Range;

use super::table::TableSpan;
use crate::grid::{Grid, Origin};
use crate::model::{Location, Warning, WarningCode};

/// The table cells the readers took: (grid, row, column) of anchor cells.
#[derive(Debug, Default)]
pub struct Ledger {
    taken: HashSet<(usize, usize, usize)>,
    /// Rows read as a policy heading inside a table (a list's spanning
    /// row): taken, and still headings for the policies' summaries.
    headings: HashSet<(usize, usize)>,
}

impl Ledger {
    /// The cells `cols` of `row` in grid `grid` are read into the plan.
    pub fn take(&mut self, grid: usize, row: usize, cols: Range<usize>) {
        for c in cols {
            self.taken.insert((grid, row, c));
        }
    }

    /// Row `row` of grid `grid` is a policy heading inside a table; its
    /// cells `cols` are taken.
    pub fn take_heading(&mut self, grid: usize, row: usize, cols: Range<usize>) {
        self.take(grid, row, cols);
        self.headings.insert((grid, row));
    }

    /// True when the row was read as a policy heading inside a table.
    pub fn is_heading(&self, grid: usize, row: usize) -> bool {
        self.headings.contains(&(grid, row))
    }

    /// True when the cell was taken.
    pub fn has(&self, grid: usize, row: usize, col: usize) -> bool {
        self.taken.contains(&(grid, row, col))
    }
}

/// Warnings about a whole row (the row's label cell is named, the message
/// lists the row's texts): they account for every cell of their row.
const ROW_CODES: &[WarningCode] = &[
    WarningCode::UnplacedRow,
    WarningCode::UnknownLabel,
    WarningCode::DuplicateRow,
    WarningCode::OrphanRow,
    WarningCode::NoScheduleYears,
];

/// The cells (and whole rows) the warnings name, by grid.
#[derive(Default)]
struct Named {
    cells: HashSet<(usize, usize, usize)>,
    rows: HashSet<(usize, usize)>,
}

fn named(grids: &[Grid], warnings: &[Warning]) -> Named {
    let mut out = Named::default();
    for w in warnings {
        let Some((g, row, col)) = w.location.as_ref().and_then(|l| cell_of(grids, l)) else {
            continue;
        };
        if ROW_CODES.contains(&w.code) {
            out.rows.insert((g, row));
        }
        out.cells.insert((g, row, col));
    }
    out
}

/// The grid, 0-based row and column a warning's location names.
fn cell_of(grids: &[Grid], loc: &Location) -> Option<(usize, usize, usize)> {
    let (row, col) = match loc {
        Location::Page {
            row: Some(r),
            col: Some(c),
            ..
        } => (*r, *c),
        Location::Sheet { row, col, .. } => (*row, *col),
        Location::Page { .. } => return None,
    };
    let g = grids.iter().position(|g| match (&g.origin, loc) {
        (Origin::Page(p), Location::Page { page, .. }) => p == page,
        (Origin::Sheet(s), Location::Sheet { sheet, .. }) => s == sheet,
        _ => false,
    })?;
    Some((
        g,
        (row as usize).checked_sub(1)?,
        (col as usize).checked_sub(1)?,
    ))
}

/// Stage 6: an `unplaced_cell` warning for every non-empty anchor cell of
/// a table span that no reader took and no warning names.
pub fn account(grids: &[Grid], spans: &[TableSpan], ledger: &Ledger, warnings: &mut Vec<Warning>) {
    let named = named(grids, warnings);
    let mut seen = HashSet::new();
    for s in spans {
        let grid = &grids[s.grid];
        for r in s.start..s.end.min(grid.rows()) {
            if named.rows.contains(&(s.grid, r)) {
                continue;
            }
            for c in s.label_col..s.col_end.min(grid.cols()) {
                let Some(cell) = grid.get(r, c) else { continue };
                let text = cell.text.trim();
                let key = (s.grid, r, c);
                if cell.covered_by.is_some()
                    || text.is_empty()
                    || ledger.has(s.grid, r, c)
                    || named.cells.contains(&key)
                    || !seen.insert(key)
                {
                    continue;
                }
                warnings.push(Warning::at(
                    WarningCode::UnplacedCell,
                    crate::msg!("warning-unplaced-cell", text = crate::i18n::quoted(text)),
                    &cell.at,
                ));
            }
        }
    }
}

/// How the recogniser accounted for one non-empty cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accounted {
    /// Inside a table and read into the plan.
    Used,
    /// Named by a warning (its cell or its whole row).
    Warned,
    /// Outside every table: a heading, a summary or prose, read as text
    /// lines (or not at all).
    Outside,
}

/// Every non-empty anchor cell of grid `g` with how it was accounted for:
/// inside a table span a cell is used unless a warning names it or its row
/// (stage 6 guarantees one or the other); outside every span it is
/// outside.
pub fn statuses(
    grids: &[Grid],
    g: usize,
    spans: &[TableSpan],
    warnings: &[Warning],
) -> Vec<(usize, usize, Accounted)> {
    let named = named(grids, warnings);
    let grid = &grids[g];
    let mut out = Vec::new();
    for r in 0..grid.rows() {
        for c in 0..grid.cols() {
            let Some(cell) = grid.get(r, c) else { continue };
            if cell.covered_by.is_some() || cell.text.trim().is_empty() {
                continue;
            }
            let inside = spans.iter().any(|s| {
                s.grid == g
                    && (s.start..s.end).contains(&r)
                    && (s.label_col..s.col_end).contains(&c)
            });
            let status = if named.cells.contains(&(g, r, c)) || named.rows.contains(&(g, r)) {
                Accounted::Warned
            } else if inside {
                Accounted::Used
            } else {
                Accounted::Outside
            };
            out.push((r, c, status));
        }
    }
    out
}
