//! Schedule cells → activities: marks and fills on named 計画/実績 rows,
//! and words with arrows (検討 → 実施 …) where a cell names its activity.

use super::axis::Columns;
use super::labels::plan_or_actual;
use crate::grid::Grid;
use crate::model::{Activity, Granularity, Period, Warning};
use crate::normalize::{mark, text};

/// What one schedule cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Nothing.
    Empty,
    /// A mark glyph or a fill: scheduled.
    Marked,
    /// An arrow: the activity on its left continues.
    Arrow,
    /// A word naming an activity (検討, 実施 …).
    Word(String),
}

/// Arrow glyphs that continue an activity.
const ARROWS: &[char] = &[
    '→', '⇒', '━', '▶', '➡', '⟶', '─', '―', '-', '－', '>', '＞', '⇨', '▷', '⟹', '〜', '～', '…',
];

/// The periods of granularity `g` that the calendar months `from` to `to`
/// touch (fiscal years start in April).
pub fn range_periods(from: (i32, u32), to: (i32, u32), g: Granularity) -> Vec<Period> {
    let mut out: Vec<Period> = Vec::new();
    let (mut y, mut m) = from;
    while (y, m) <= to && out.len() < 12 * 50 {
        let fy = if m >= 4 { y } else { y - 1 };
        let month = ((m + 12 - 4) % 12 + 1) as u8;
        let per = 12 / g.columns();
        let p = Period::new(fy, g, (month - 1) / per + 1);
        if out.last() != Some(&p) {
            out.push(p);
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// Classify one cell's text and fill.
pub fn classify(text: &str, filled: bool) -> Mark {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return if filled { Mark::Marked } else { Mark::Empty };
    }
    // A lone dash means nothing is scheduled there.
    if matches!(t.as_str(), "-" | "－" | "―" | "‐" | "ー" | "—") {
        return Mark::Empty;
    }
    if t.chars().all(|c| ARROWS.contains(&c)) {
        return Mark::Arrow;
    }
    if mark::is_mark(&t) {
        return Mark::Marked;
    }
    // A word followed or preceded by an arrow (実施→) is the word.
    let word: String = t.chars().filter(|c| !ARROWS.contains(c)).collect();
    if word.is_empty() {
        return Mark::Arrow;
    }
    Mark::Word(text::clean_text(&word))
}

/// The cells of a schedule row in the period area: (first column, span,
/// what it holds), anchor cells only; a cell merged down from a row above
/// counts on that row only.
pub fn row_marks(grid: &Grid, row: usize, cols: &Columns) -> Vec<(usize, usize, Mark)> {
    (cols.first_col()..cols.end_col())
        .filter_map(|c| {
            let cell = grid.get(row, c)?;
            if cell.covered_by.is_some() {
                return None;
            }
            let span = cell.col_span as usize;
            Some((c, span, classify(&cell.text, cell.is_filled())))
        })
        .collect()
}

/// The periods a cell covers.
fn periods(cols: &Columns, col: usize, span: usize) -> impl Iterator<Item = Period> + '_ {
    (col..col + span.max(1)).flat_map(|c| cols.periods_at(c))
}

/// Activities from words and arrows in one row: each distinct word is one
/// activity (in order of first appearance) planned in every period where
/// it stands; an arrow continues the word on its left. A mark with no word
/// before it belongs to `default_name`.
pub fn word_activities(
    cells: &[(usize, usize, Mark)],
    cols: &Columns,
    default_name: &str,
) -> Vec<Activity> {
    let mut out: Vec<Activity> = Vec::new();
    let mut current: Option<usize> = None;
    let add = |out: &mut Vec<Activity>, name: &str| -> usize {
        if let Some(i) = out.iter().position(|a| a.activity == name) {
            return i;
        }
        out.push(Activity {
            activity: name.to_string(),
            plan: Vec::new(),
            actual: Vec::new(),
        });
        out.len() - 1
    };
    for (col, span, m) in cells {
        let target = match m {
            Mark::Empty => {
                current = None;
                continue;
            }
            Mark::Word(w) => Some(add(&mut out, w)),
            Mark::Arrow => current,
            Mark::Marked => current.or_else(|| Some(add(&mut out, default_name))),
        };
        let Some(i) = target else { continue };
        current = Some(i);
        out[i].plan.extend(periods(cols, *col, *span));
    }
    for a in &mut out {
        a.plan.sort();
        a.plan.dedup();
    }
    out
}

/// The periods marked in a row (marks, fills, arrows); words are warned
/// about as unreadable at their cell.
pub fn marked_periods(
    grid: &Grid,
    row: usize,
    cols: &Columns,
    warnings: &mut Vec<Warning>,
) -> Vec<Period> {
    let mut out = Vec::new();
    for (col, span, m) in row_marks(grid, row, cols) {
        match m {
            Mark::Marked | Mark::Arrow => out.extend(periods(cols, col, span)),
            Mark::Word(w) => warnings.push(Warning::maybe_at(
                crate::model::WarningCode::UnreadableCell,
                crate::msg!("warning-schedule-word", word = crate::i18n::quoted(&w)),
                grid.get(row, col).map(|c| &c.at),
            )),
            Mark::Empty => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Reads the activity rows of a card's schedule block one by one.
pub struct ActivityReader<'a> {
    pub grid: &'a Grid,
    /// Columns between the label and the periods (activity name, 計画/実績).
    pub middle: std::ops::Range<usize>,
    pub cols: &'a Columns,
    pub activities: Vec<Activity>,
    /// Whether the last activity already has its plan row.
    last_has_plan: bool,
}

impl<'a> ActivityReader<'a> {
    pub fn new(grid: &'a Grid, middle: std::ops::Range<usize>, cols: &'a Columns) -> Self {
        ActivityReader {
            grid,
            middle,
            cols,
            activities: Vec::new(),
            last_has_plan: false,
        }
    }

    /// Read one row of the schedule block. Returns false when the row
    /// holds nothing of a schedule.
    pub fn row(&mut self, row: usize, warnings: &mut Vec<Warning>) -> bool {
        let (name, kind) = self.name_and_kind(row);
        let cells = row_marks(self.grid, row, self.cols);
        let has_words = cells.iter().any(|c| matches!(c.2, Mark::Word(_)));
        // Words in the period cells without an activity name beside them
        // (検討 | 導入 | 運用 on a 計画 row): each word is an activity over
        // the periods it covers; on a 実績 row, those the activity was done.
        if name.is_none() && has_words {
            for a in word_activities(&cells, self.cols, "") {
                if kind.unwrap_or(true) {
                    self.merge_activity(a);
                } else {
                    self.merge_actual(a);
                }
            }
            return true;
        }
        let periods = marked_periods(self.grid, row, self.cols, warnings);
        if name.is_none() && kind.is_none() && periods.is_empty() {
            return false;
        }
        self.attach(name, kind.unwrap_or(true), periods);
        true
    }

    fn merge_activity(&mut self, a: Activity) {
        match self
            .activities
            .iter_mut()
            .find(|x| x.activity == a.activity)
        {
            Some(x) => {
                x.plan.extend(a.plan);
                x.plan.sort();
                x.plan.dedup();
            }
            None => self.activities.push(a),
        }
        self.last_has_plan = true;
    }

    /// A word on a 実績 row: the periods its activity was done in (an
    /// activity of its own when no 計画 row named it).
    fn merge_actual(&mut self, a: Activity) {
        let done = a.plan;
        match self
            .activities
            .iter_mut()
            .find(|x| x.activity == a.activity)
        {
            Some(x) => {
                x.actual.extend(done);
                x.actual.sort();
                x.actual.dedup();
            }
            None => self.activities.push(Activity {
                activity: a.activity,
                plan: Vec::new(),
                actual: done,
            }),
        }
    }

    fn attach(&mut self, name: Option<String>, is_plan: bool, periods: Vec<Period>) {
        let same = match (&name, self.activities.last()) {
            (Some(n), Some(last)) => *n == last.activity,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        let new_row = !same || (is_plan && self.last_has_plan);
        if new_row {
            self.activities.push(Activity {
                activity: name.unwrap_or_default(),
                plan: Vec::new(),
                actual: Vec::new(),
            });
            self.last_has_plan = false;
        }
        let last = self.activities.last_mut().expect("pushed above");
        let list = if is_plan {
            &mut last.plan
        } else {
            &mut last.actual
        };
        list.extend(periods);
        list.sort();
        list.dedup();
        self.last_has_plan |= is_plan;
    }

    /// The activity name (from a cell merged down from above, too) and the
    /// 計画/実績 word of a row, from the columns between label and periods.
    fn name_and_kind(&self, row: usize) -> (Option<String>, Option<bool>) {
        let mut name = None;
        let mut kind = None;
        for col in self.middle.clone() {
            let (ar, ac) = self.grid.anchor_of(row, col);
            if ac != col {
                continue;
            }
            let t = self.grid.text(ar, ac).trim();
            if t.is_empty() {
                continue;
            }
            match plan_or_actual(t) {
                Some(k) if ar == row => kind = Some(k),
                Some(_) => {}
                None if name.is_none() => name = Some(text::clean_text(t)),
                None => {}
            }
        }
        (name, kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::{Loc, Origin};

    fn year_cols(n: usize) -> (Grid, Columns) {
        let mut texts = vec!["".to_string()];
        texts.extend((0..n).map(|i| format!("R{}", 6 + i)));
        let mut g = Grid::new(Origin::Sheet("S".into()), 2, n + 1, |r, c| Loc::Sheet {
            sheet: "S".into(),
            row: r as u32,
            col: c as u32,
        });
        for (c, t) in texts.iter().enumerate() {
            g.set_text(0, c, t.clone());
        }
        let years = super::super::axis::year_header(&g, 0, 0, n + 1).unwrap();
        let cols = super::super::axis::columns(&g, 0, years, None, &mut Vec::new());
        (g, cols)
    }

    #[test]
    fn words_arrows_and_recurring_words() {
        let (mut g, cols) = year_cols(5);
        for (c, t) in ["検討", "→", "実施", "検討", ""].iter().enumerate() {
            g.set_text(1, c + 1, *t);
        }
        let acts = word_activities(&row_marks(&g, 1, &cols), &cols, "");
        let got: Vec<(String, Vec<String>)> = acts
            .iter()
            .map(|a| {
                (
                    a.activity.clone(),
                    a.plan.iter().map(|p| p.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "検討".to_string(),
                    vec!["2024".into(), "2025".into(), "2027".into()]
                ),
                ("実施".to_string(), vec!["2026".to_string()]),
            ]
        );
    }

    #[test]
    fn a_merged_word_covers_each_year() {
        let (mut g, cols) = year_cols(4);
        g.set_text(1, 1, "構築");
        g.merge(1, 1, 1, 3);
        g.set_text(1, 4, "運用");
        let acts = word_activities(&row_marks(&g, 1, &cols), &cols, "");
        assert_eq!(acts[0].plan.len(), 3);
        assert_eq!(acts[1].plan[0].to_string(), "2027");
    }

    #[test]
    fn cells_classified() {
        assert_eq!(classify("■", false), Mark::Marked);
        assert_eq!(classify("", true), Mark::Marked);
        assert_eq!(classify("→", false), Mark::Arrow);
        assert_eq!(classify("━━", false), Mark::Arrow);
        assert_eq!(classify("検討", false), Mark::Word("検討".into()));
        assert_eq!(classify("実施→", false), Mark::Word("実施".into()));
        assert_eq!(classify("", false), Mark::Empty);
    }
}
