//! The cell model both tabular writers share: a table is named columns and
//! rows of typed cells, one value per cell.

/// One cell value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A marked schedule period (■); `actual` for 実績, else 計画.
    Mark {
        actual: bool,
    },
    Empty,
}

impl Cell {
    /// A text cell, or an empty one for an empty text.
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn number(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::Number)
    }
}

/// What a column holds; the workbook picks formats by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    /// A count or a number that names something (基本方針番号): `0`.
    Number,
    /// A fiscal year (2024): `0`, centred.
    Year,
    /// A measured value (目標値, 実績値): `#,##0` with as many decimals as
    /// the column's values have.
    Value,
    /// Yen: `#,##0` in the workbook.
    Yen,
    Bool,
    /// A schedule period column of ■ marks.
    Period,
}

/// A column: its header and kind.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub header: String,
    pub kind: Kind,
}

impl Column {
    pub fn new(header: &str, kind: Kind) -> Column {
        Column {
            header: header.to_string(),
            kind,
        }
    }
}

/// One table: a sheet of the workbook or one CSV file.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct TableData {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl TableData {
    pub fn new(columns: Vec<Column>) -> TableData {
        TableData {
            columns,
            rows: Vec::new(),
        }
    }

    /// The column index of a header.
    pub fn column(&self, header: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.header == header)
    }
}

/// The mark written in a marked schedule cell.
pub(crate) const MARK: &str = "■";

/// Whether a spreadsheet would read this text as a formula (OWASP CSV
/// injection: a leading `=`, `+`, `-`, `@`, tab or carriage return).
pub(crate) fn is_formula_like(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// A number without separators or exponent: 4916000, 77.5, -5.
pub(crate) fn plain_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_texts() {
        for s in ["=1+1", "+1", "-x", "@SUM(A1)", "\tx", "\rx"] {
            assert!(is_formula_like(s), "{s:?}");
        }
        for s in ["", "1", "x=1", "＝1", "—", "R5一括支払い"] {
            assert!(!is_formula_like(s), "{s:?}");
        }
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(plain_number(4916000.0), "4916000");
        assert_eq!(plain_number(77.5), "77.5");
        assert_eq!(plain_number(-5.0), "-5");
        assert_eq!(plain_number(-0.0), "0");
        assert_eq!(plain_number(0.000001), "0.000001");
    }
}
