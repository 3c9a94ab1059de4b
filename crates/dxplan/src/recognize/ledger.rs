//! Stage 6: account for every cell. The readers of stage 4 note each table
//! cell they take into the plan (a label, a text, a mark, a value, a
//! header), and the readers of text lines each row they read (a heading,
//! a card's title, a policy's summary, the cover's title and dates);
//! afterwards every non-empty cell of a recognised table, and of every
//! table the PDF reader found ([`Grid::tables`]), is either taken or named
//! by a warning. The cells that are neither get an `unplaced_cell` warning
//! of their own; the unread cells of a reader's table that no recognised
//! table overlaps are named once, as an `unrecognised_table`.
//! Nothing in a table is dropped silently.
//!
//! A sheet has no tables of the reader's own: its cells outside the
//! recognised tables are its text lines (titles, prose, notes), like the
//! text lines of a PDF page outside its tables, and are not accounted
//! cell by cell.

use std::collections::HashSet;

use crate::fasthash::FastHash;
use std::ops::Range;

use super::table::TableSpan;
use crate::grid::{Grid, Origin, TableArea};
use crate::model::{Location, Warning, WarningCode};

/// A cell's (grid, row, column) in 12 bytes instead of 24 (a grid's rows
/// and columns are far fewer than 2³²; past that the key saturates).
fn cell_key(grid: usize, row: usize, col: usize) -> (u32, u32, u32) {
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    (n(grid), n(row), n(col))
}

/// The table cells the readers took: (grid, row, column) of anchor cells.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Keys of [`cell_key`]: every cell of every table read goes in, so
    /// the set is kept small.
    taken: HashSet<(u32, u32, u32), FastHash>,
    /// Rows read as a policy heading inside a table (a list's spanning
    /// row): taken, and still headings for the policies' summaries.
    headings: HashSet<(usize, usize), FastHash>,
    /// Rows read as a text line (a policy or measure heading, a card's
    /// title, a policy's summary, the cover's title and dates).
    lines: HashSet<(usize, usize), FastHash>,
}

impl Ledger {
    /// The cells `cols` of `row` in grid `grid` are read into the plan.
    pub fn take(&mut self, grid: usize, row: usize, cols: Range<usize>) {
        for c in cols {
            self.taken.insert(cell_key(grid, row, c));
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
        self.taken.contains(&cell_key(grid, row, col))
    }

    /// Row `row` of grid `grid` was read as a text line: all its cells
    /// are used.
    pub fn take_line(&mut self, grid: usize, row: usize) {
        self.lines.insert((grid, row));
    }

    /// True when the cell was taken, or its row read as a text line.
    fn used(&self, grid: usize, row: usize, col: usize) -> bool {
        self.has(grid, row, col) || self.lines.contains(&(grid, row))
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
    cells: HashSet<(usize, usize, usize), FastHash>,
    rows: HashSet<(usize, usize), FastHash>,
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
        if w.code == WarningCode::UnrecognisedTable {
            // Named once, at its first cell: it accounts for the table.
            if let Some(t) = grids[g].table_at(row, col) {
                for r in t.rows.clone() {
                    out.cells.extend(t.cols.clone().map(|c| (g, r, c)));
                }
            }
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

/// True when a recognised table covers the cell.
fn in_span(spans: &[TableSpan], g: usize, r: usize, c: usize) -> bool {
    spans.iter().any(|s| {
        s.grid == g && (s.start..s.end).contains(&r) && (s.label_col..s.col_end).contains(&c)
    })
}

/// The non-empty anchor cells of a reader's table, row by row.
fn table_cells<'a>(
    grid: &'a Grid,
    t: &'a TableArea,
) -> impl Iterator<Item = (usize, usize, &'a str)> + 'a {
    t.rows.clone().flat_map(move |r| {
        t.cols.clone().filter_map(move |c| {
            let cell = grid.get(r, c)?;
            let text = cell.text.trim();
            (cell.covered_by.is_none() && !text.is_empty()).then_some((r, c, text))
        })
    })
}

/// Stage 6: an `unplaced_cell` warning for every non-empty anchor cell of
/// a table span, or of a table the PDF reader found that a span overlaps,
/// that no reader took and no warning names; one `unrecognised_table`
/// warning for a reader's table that no span overlaps, naming the first of
/// its cells nothing read.
pub fn account(grids: &[Grid], spans: &[TableSpan], ledger: &Ledger, warnings: &mut Vec<Warning>) {
    let named = named(grids, warnings);
    let mut seen = HashSet::with_hasher(FastHash);
    // Each cell of a span, then of a reader's table a span overlaps, is
    // checked as it is met (collecting them all first was a tenth of a
    // convert's memory at its peak); a cell met twice is named once.
    let mut unplaced = |g: usize, r: usize, c: usize, warnings: &mut Vec<Warning>| {
        let grid = &grids[g];
        if named.rows.contains(&(g, r)) {
            return;
        }
        let Some(cell) = grid.get(r, c) else { return };
        let text = cell.text.trim();
        if cell.covered_by.is_some()
            || text.is_empty()
            || ledger.used(g, r, c)
            || named.cells.contains(&(g, r, c))
            || !seen.insert((g, r, c))
        {
            return;
        }
        warnings.push(Warning::at(
            WarningCode::UnplacedCell,
            crate::msg!("warning-unplaced-cell", text = crate::i18n::quoted(text)),
            &cell.at,
        ));
    };
    for s in spans {
        let grid = &grids[s.grid];
        for r in s.start..s.end.min(grid.rows()) {
            for c in s.label_col..s.col_end.min(grid.cols()) {
                unplaced(s.grid, r, c, warnings);
            }
        }
    }
    let mut unrecognised = Vec::new();
    for (g, grid) in grids.iter().enumerate() {
        for t in &grid.tables {
            if table_cells(grid, t).any(|(r, c, _)| in_span(spans, g, r, c)) {
                for (r, c, _) in table_cells(grid, t) {
                    unplaced(g, r, c, warnings);
                }
                continue;
            }
            // No recognised table covers it: one warning for the cells
            // nothing read (its rows read as headings or titles are used),
            // however many, so a page of prose set as a table (a table of
            // contents, a glossary) is named once, not cell by cell.
            let unread: Vec<(usize, usize, &str)> = table_cells(grid, t)
                .filter(|&(r, c, _)| {
                    !ledger.used(g, r, c)
                        && !named.cells.contains(&(g, r, c))
                        && !named.rows.contains(&(g, r))
                })
                .collect();
            let Some(&(r, c, text)) = unread.first() else {
                continue;
            };
            let Some(cell) = grid.get(r, c) else { continue };
            unrecognised.push(Warning::at(
                WarningCode::UnrecognisedTable,
                crate::msg!(
                    "warning-unrecognised-table",
                    rows = t.rows.len().to_string(),
                    cols = t.cols.len().to_string(),
                    text = crate::i18n::quoted(text),
                    cells = unread.len().to_string()
                ),
                &cell.at,
            ));
        }
    }
    warnings.extend(unrecognised);
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
/// inside a table span or a table the PDF reader found, a cell is used
/// unless a warning names it, its row or its table (stage 6 guarantees one
/// or the other); outside those it is outside.
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
            let inside = in_span(spans, g, r, c) || grid.table_at(r, c).is_some();
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
