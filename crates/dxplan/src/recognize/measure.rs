//! A measure as the tables start it: empty, with the place it was read.

use super::table::TableSpan;
use crate::grid::Grid;
use crate::model::Measure;

/// A new, empty measure read from `source_ref`.
pub fn empty_measure(source_ref: String) -> Measure {
    Measure {
        id: String::new(),
        policy: 0,
        number: 0,
        name: String::new(),
        description: None,
        effect: None,
        schedule: Vec::new(),
        indicators: Vec::new(),
        cost: None,
        challenges: None,
        qualitative_evaluation: None,
        review: None,
        departments: Vec::new(),
        departments_etc: false,
        source_ref,
    }
}

/// `p.N` for a page, `Sheet!A1:S40` for a sheet.
pub fn source_ref(grid: &Grid, span: &TableSpan) -> String {
    let first = grid.get(span.start, span.label_col).map(|c| c.at.clone());
    let last = grid
        .get(
            span.end.saturating_sub(1),
            span.col_end.min(grid.cols()).saturating_sub(1),
        )
        .map(|c| c.at.clone());
    match (first, last) {
        (
            Some(crate::grid::Loc::Sheet { sheet, row, col }),
            Some(crate::grid::Loc::Sheet {
                row: r2, col: c2, ..
            }),
        ) => format!(
            "{sheet}!{}:{}",
            crate::grid::a1(row, col),
            crate::grid::a1(r2, c2)
        ),
        (Some(a), _) => a.page_or_cell(),
        _ => String::new(),
    }
}
