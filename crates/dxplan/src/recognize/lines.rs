//! The document as lines of text in reading order: every grid row that has
//! text, its cells joined by tabs. The cover, the 取り組み方針 section and
//! the measure headings are read from these.

use crate::grid::Grid;

/// One row of text.
#[derive(Debug, Clone)]
pub struct Line {
    /// Index of the grid (page or sheet) in the document.
    pub grid: usize,
    pub row: usize,
    /// The row's cell texts, tab-separated; line breaks inside cells kept.
    pub text: String,
}

impl Line {
    /// The text with line breaks and tabs turned into single spaces.
    pub fn flat(&self) -> String {
        let mut s = String::with_capacity(self.text.len());
        for part in self.text.split(['\n', '\t']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(part);
        }
        s
    }
}

/// Every non-empty row of every grid, in document order.
pub fn collect(grids: &[Grid]) -> Vec<Line> {
    let mut out = Vec::new();
    for (gi, grid) in grids.iter().enumerate() {
        for row in 0..grid.rows() {
            if let Some(line) = row_line(grid, gi, row) {
                out.push(line);
            }
        }
    }
    out
}

fn row_line(grid: &Grid, gi: usize, row: usize) -> Option<Line> {
    let cells: Vec<_> = grid
        .row(row)
        .iter()
        .filter(|c| c.covered_by.is_none() && !c.text.trim().is_empty())
        .collect();
    if cells.is_empty() {
        return None;
    }
    let text = cells
        .iter()
        .map(|c| c.text.trim())
        .collect::<Vec<_>>()
        .join("\t");
    Some(Line {
        grid: gi,
        row,
        text,
    })
}
