//! The shared intermediate every reader produces: a row-major table of cells
//! with explicit empty cells, spans, fills and the place each cell was read.
//!
//! A spreadsheet gives one `Grid` per sheet; a PDF gives one per page (tables
//! reconstructed from ruling lines, text outside tables as single-cell rows).
//! Everything after the grid — the recogniser and all writers — is shared.

use std::fmt;

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// True for white and near-white fills, which mean "no fill".
    pub fn is_whitish(self) -> bool {
        self.0 >= 0xF0 && self.1 >= 0xF0 && self.2 >= 0xF0
    }
}

/// Where a grid (a page or a sheet) came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// 1-based PDF page number.
    Page(u32),
    /// Sheet name.
    Sheet(String),
}

/// Where one cell was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Loc {
    /// PDF page (1-based), the cell's 0-based row and column in the page's
    /// grid (none for a box that is not a grid cell) and its box in points
    /// `[x0, y0, x1, y1]`, origin top-left of the page as displayed.
    Page {
        page: u32,
        row: Option<u32>,
        col: Option<u32>,
        bbox: [f32; 4],
    },
    /// Sheet name, 0-based row and column.
    Sheet { sheet: String, row: u32, col: u32 },
}

impl Loc {
    /// The short form used in warnings and JSON: `p.11 r5c3` (1-based row
    /// and column of the page's grid, as `dxplan inspect` labels cells) or
    /// `Sheet!D23`.
    pub fn short(&self) -> String {
        self.to_string()
    }

    /// The page (`p.11`) or the sheet cell (`Sheet!D23`): a measure's
    /// `source_ref` names pages only.
    pub fn page_or_cell(&self) -> String {
        match self {
            Loc::Page { page, .. } => format!("p.{page}"),
            Loc::Sheet { .. } => self.to_string(),
        }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loc::Page {
                page,
                row: Some(r),
                col: Some(c),
                ..
            } => write!(f, "p.{page} r{}c{}", r + 1, c + 1),
            Loc::Page { page, .. } => write!(f, "p.{page}"),
            Loc::Sheet { sheet, row, col } => write!(f, "{}!{}", sheet, a1(*row, *col)),
        }
    }
}

/// A1 name of a 0-based row and column: `a1(22, 3)` is `D23`.
pub fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// Spreadsheet column letters of a 0-based column: 0 → A, 26 → AA.
pub fn column_name(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

/// One cell. A merged region is stored once, at its top-left (anchor) cell,
/// with `row_span`/`col_span` > 1; the cells it covers have `covered_by` set
/// to the anchor's (row, col) and empty text.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The text as read; lines of a wrapped cell joined with `\n`.
    pub text: String,
    pub row_span: u32,
    pub col_span: u32,
    /// Background fill, if the cell is shaded (or a bar is drawn across it).
    pub fill: Option<Rgb>,
    /// Where it was read.
    pub at: Loc,
    /// For a cell inside a merged region: the anchor's (row, col).
    pub covered_by: Option<(usize, usize)>,
}

impl Cell {
    pub fn empty(at: Loc) -> Self {
        Cell {
            text: String::new(),
            row_span: 1,
            col_span: 1,
            fill: None,
            at,
            covered_by: None,
        }
    }

    /// True when the cell has a non-white fill.
    pub fn is_filled(&self) -> bool {
        self.fill.is_some_and(|c| !c.is_whitish())
    }
}

/// A row-major table of cells: one sheet or one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub origin: Origin,
    rows: usize,
    cols: usize,
    cells: Vec<Cell>,
    /// Row indices where a new printed page starts inside this grid
    /// (manual page breaks of a sheet that stacks several tables).
    pub page_breaks: Vec<usize>,
    /// The tables the reader itself found, as grid rows and columns: on a
    /// PDF page every ruled, filled or aligned table (the page's other
    /// rows are text lines, one cell each). Empty for a sheet, whose
    /// tables only the recogniser finds. Stage 6 accounts for every
    /// non-empty cell of these, inside a recognised table or not.
    pub tables: Vec<TableArea>,
}

/// A table the reader found: its grid rows and columns `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableArea {
    pub rows: std::ops::Range<usize>,
    pub cols: std::ops::Range<usize>,
}

impl Grid {
    /// The table the reader found that holds cell (`row`, `col`), if any.
    pub fn table_at(&self, row: usize, col: usize) -> Option<&TableArea> {
        self.tables
            .iter()
            .find(|t| t.rows.contains(&row) && t.cols.contains(&col))
    }

    /// An empty grid of `rows` × `cols`; `loc(row, col)` names each cell's place.
    pub fn new(
        origin: Origin,
        rows: usize,
        cols: usize,
        loc: impl Fn(usize, usize) -> Loc,
    ) -> Self {
        let mut cells = Vec::with_capacity(rows * cols);
        for r in 0..rows {
            for c in 0..cols {
                cells.push(Cell::empty(loc(r, c)));
            }
        }
        Grid {
            origin,
            rows,
            cols,
            cells,
            page_breaks: Vec::new(),
            tables: Vec::new(),
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The cell at (row, col), or `None` outside the grid.
    pub fn get(&self, row: usize, col: usize) -> Option<&Cell> {
        (row < self.rows && col < self.cols).then(|| &self.cells[row * self.cols + col])
    }

    pub fn get_mut(&mut self, row: usize, col: usize) -> Option<&mut Cell> {
        (row < self.rows && col < self.cols).then(|| &mut self.cells[row * self.cols + col])
    }

    /// The text at (row, col) ("" outside the grid or for covered cells).
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.get(row, col).map_or("", |c| c.text.as_str())
    }

    /// One row's cells.
    pub fn row(&self, row: usize) -> &[Cell] {
        &self.cells[row * self.cols..(row + 1) * self.cols]
    }

    /// Set a cell's text.
    pub fn set_text(&mut self, row: usize, col: usize, text: impl Into<String>) {
        if let Some(c) = self.get_mut(row, col) {
            c.text = text.into();
        }
    }

    /// Merge the region whose top-left is (row, col): the anchor gets the
    /// spans and the covered cells point back at it. Spans are clipped to the
    /// grid; a region overlapping an earlier merge is ignored and `false`
    /// returned.
    pub fn merge(&mut self, row: usize, col: usize, row_span: usize, col_span: usize) -> bool {
        let r1 = (row + row_span.max(1)).min(self.rows);
        let c1 = (col + col_span.max(1)).min(self.cols);
        if row >= r1 || col >= c1 {
            return false;
        }
        let overlaps = (row..r1).any(|r| {
            (col..c1).any(|c| {
                let cell = &self.cells[r * self.cols + c];
                cell.covered_by.is_some()
                    || ((r, c) != (row, col) && (cell.row_span > 1 || cell.col_span > 1))
            })
        });
        if overlaps {
            return false;
        }
        for r in row..r1 {
            for c in col..c1 {
                if (r, c) != (row, col) {
                    self.cells[r * self.cols + c].covered_by = Some((row, col));
                }
            }
        }
        let anchor = &mut self.cells[row * self.cols + col];
        anchor.row_span = (r1 - row) as u32;
        anchor.col_span = (c1 - col) as u32;
        true
    }

    /// The anchor (row, col) of the cell at (row, col): itself unless covered.
    pub fn anchor_of(&self, row: usize, col: usize) -> (usize, usize) {
        self.get(row, col)
            .and_then(|c| c.covered_by)
            .unwrap_or((row, col))
    }

    /// True when every cell of the row is empty and unfilled.
    pub fn row_is_blank(&self, row: usize) -> bool {
        self.row(row)
            .iter()
            .all(|c| c.text.trim().is_empty() && !c.is_filled())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: usize, cols: usize) -> Grid {
        Grid::new(Origin::Sheet("S".into()), rows, cols, |r, c| Loc::Sheet {
            sheet: "S".into(),
            row: r as u32,
            col: c as u32,
        })
    }

    #[test]
    fn a1_names() {
        assert_eq!(a1(22, 3), "D23");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(18), "S");
    }

    #[test]
    fn merge_marks_covered_cells_and_rejects_overlap() {
        let mut g = grid(3, 4);
        assert!(g.merge(0, 1, 2, 3));
        assert_eq!(g.get(0, 1).unwrap().col_span, 3);
        assert_eq!(g.anchor_of(1, 3), (0, 1));
        assert!(!g.merge(1, 0, 1, 2));
        assert!(g.merge(2, 0, 5, 9)); // clipped
        assert_eq!(g.get(2, 0).unwrap().col_span, 4);
        assert_eq!(g.get(2, 0).unwrap().row_span, 1);
    }
}
