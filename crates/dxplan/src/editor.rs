//! What a review editor (the web page) needs beside [`crate::review`]: the
//! cells of a sheet around the one a value was read from, and a corrected
//! Value read from the text staff type, as the readers read a cell.

use std::path::Path;

use serde_json::Value as Json;

use crate::diff::path::FieldPath;
use crate::error::ReadError;
use crate::grid::Origin;
use crate::model::{Plan, Value};
use crate::normalize::number;
use crate::{Error, InputFormat, ReadOptions, Result};

/// A window of a sheet's cells: `texts[i][j]` is the text of row
/// `first_row + i`, column `first_col + j` (1-based, as `Sheet!D23`
/// counts); the cells a merged region covers are "".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetCells {
    pub sheet: String,
    pub first_row: u32,
    pub first_col: u32,
    pub texts: Vec<Vec<String>>,
}

/// The cells of `sheet` within `rows_around` rows and `cols_around`
/// columns of the cell at `row`, `col` (1-based), clipped to the sheet;
/// `None` when the workbook has no such sheet.
///
/// # Errors
/// An [`Error`] naming the file: not a workbook, or unreadable.
pub fn sheet_cells(
    path: &Path,
    sheet: &str,
    row: u32,
    col: u32,
    rows_around: u32,
    cols_around: u32,
    opts: &ReadOptions,
) -> Result<Option<SheetCells>> {
    let format = InputFormat::from_path(path).map_err(|k| Error::new(path, k))?;
    if !matches!(
        format,
        InputFormat::Xlsx | InputFormat::Xls | InputFormat::Ods
    ) {
        let ext = format!(".{}", format.name());
        let note = Some("only a workbook has sheets");
        return Err(Error::new(path, ReadError::unsupported(&ext, note)));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::new(path, ReadError::Io(e)))?;
    let doc = crate::read::read_bytes(&bytes, format, opts).map_err(|k| Error::new(path, k))?;
    let Some(grid) = doc
        .grids
        .iter()
        .find(|g| g.origin == Origin::Sheet(sheet.to_string()))
    else {
        return Ok(None);
    };
    let (r0, c0) = (row.max(1) - 1, col.max(1) - 1);
    let first_row = r0.saturating_sub(rows_around);
    let first_col = c0.saturating_sub(cols_around);
    let last_row = (r0 + rows_around).min((grid.rows() as u32).saturating_sub(1));
    let last_col = (c0 + cols_around).min((grid.cols() as u32).saturating_sub(1));
    let texts = (first_row..=last_row)
        .filter(|&r| (r as usize) < grid.rows())
        .map(|r| {
            (first_col..=last_col)
                .map(|c| grid.text(r as usize, c as usize).to_string())
                .collect()
        })
        .collect();
    Ok(Some(SheetCells {
        sheet: sheet.to_string(),
        first_row: first_row + 1,
        first_col: first_col + 1,
        texts,
    }))
}

/// The Value a cell printing `raw` holds at `path` of `measure` (an
/// indicator's `target`/`actual` or a `cost` year), read as the readers
/// read it: the number (in yen for a cost, by the measure's cost unit),
/// or the words as its note. `None` when `path` is not a Value's path.
///
/// ```
/// let json = std::fs::read("../../tests/data/shiogama-2024-03.json")?;
/// let plan: dxplan::Plan = serde_json::from_slice(&json)?;
/// let id = &plan.measures[0].id;
/// let v = dxplan::editor::value_from_raw(&plan, id, "cost.2024", "1,200").unwrap();
/// assert_eq!(v["raw"], "1,200");
/// assert_eq!(v["value"], 1_200_000); // 千円
/// let v = dxplan::editor::value_from_raw(&plan, id, "indicator.target.2024", "検証").unwrap();
/// assert_eq!((v["value"].is_null(), v["note"].as_str()), (true, Some("検証")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn value_from_raw(plan: &Plan, measure: &str, path: &str, raw: &str) -> Option<Json> {
    let m = plan.measures.iter().find(|m| m.id == measure);
    let v: Value = match FieldPath::parse(path)? {
        FieldPath::IndicatorValue(..) => number::indicator_value(raw),
        FieldPath::Cost(_) => {
            let cost = m.and_then(|m| m.cost.as_ref());
            let unit = cost.and_then(|c| c.unit.as_deref()).unwrap_or("円");
            let multiplier = number::unit_multiplier(unit).unwrap_or(1.0);
            number::cost_value(raw, multiplier, cost.is_some_and(|c| c.zero_budget))
        }
        _ => return None,
    };
    let mut j = serde_json::to_value(&v).ok()?;
    if let Some(o) = j.as_object_mut() {
        o.remove("at");
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_around_a_sheet_cell() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/web/plan-warning.xlsx"
        ));
        let w = sheet_cells(path, "1-1", 19, 1, 2, 3, &ReadOptions::default())
            .unwrap()
            .unwrap();
        assert_eq!((w.first_row, w.first_col), (17, 1));
        assert!((3..=5).contains(&w.texts.len()), "{:?}", w.texts);
        let row19 = &w.texts[2];
        assert_eq!(row19.len(), 4);
        assert!(row19[0].contains("備考"), "{row19:?}");
        let none = sheet_cells(path, "nope", 1, 1, 1, 1, &ReadOptions::default()).unwrap();
        assert_eq!(none, None);
        let pdf = path.with_extension("pdf");
        assert!(sheet_cells(&pdf, "1-1", 1, 1, 1, 1, &ReadOptions::default()).is_err());
    }
}
