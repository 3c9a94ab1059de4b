//! Stage 4 for cards: the labelled rows of one card (or of its part
//! continued on the next page) into a [`Measure`].

use std::collections::BTreeMap;

use super::axis::{self, Columns};
use super::labels::{Field, label_of, plan_or_actual};
use super::ledger::Ledger;
pub use super::measure::{empty_measure, source_ref};
use super::numbering::{self, Heading};
use super::schedule::{ActivityReader, Mark, row_marks};
use super::table::{Pair, TableSpan, label_at, pairs_row, row_text_after};
use crate::grid::Grid;
use crate::model::{Cost, Indicator, Measure, Value, Warning, WarningCode};
use crate::normalize::{era, label, number, text};

/// The card's period axis: the first row of the card that names years.
pub fn find_columns(grid: &Grid, span: &TableSpan, warnings: &mut Vec<Warning>) -> Option<Columns> {
    let (row, years) = (span.start..span.end)
        .find_map(|r| axis::year_header(grid, r, span.label_col, span.col_end).map(|y| (r, y)))?;
    let at = grid.get(row, span.label_col).map(|c| &c.at);
    Some(axis::columns(grid, row, years, at, warnings))
}

/// Reads one card's rows into a measure.
pub struct CardReader<'a> {
    pub grid: &'a Grid,
    pub span: &'a TableSpan,
    pub cols: Option<&'a Columns>,
    pub warnings: &'a mut Vec<Warning>,
    /// The cells read into the measure.
    pub ledger: &'a mut Ledger,
    /// A number read inside the card (施策番号 | 1-1 in a row of pairs).
    pub number: Heading,
    /// The block the card's part on the previous page ended inside: the
    /// unlabelled rows at the top of this part go on with it.
    pub resume: Option<OpenBlock>,
    /// Set when the card's rows ran out inside an indicator block (the
    /// page ended there): what the next page's part goes on with.
    pub open: Option<OpenBlock>,
}

/// An indicator block a page break cut: the card's rows ended inside it,
/// so the first rows of the card's part on the next page (with no label
/// of their own: the label cell is the rest of the same merged cell) go
/// on with it.
#[derive(Debug, Clone)]
pub enum OpenBlock {
    /// 目標 / 実績 rows: the last indicator's rows read so far.
    Rows(IndicatorRows),
    /// A KPI table (年度 | 目標値 | 実績値): its columns and the last
    /// indicator's name cell as read so far (`None` where the page ended
    /// right under the header, before any indicator).
    Table {
        roles: KpiColumns,
        name: Option<String>,
    },
    /// A schedule (計画 / 実績 rows under the period axis): its activities
    /// are the measure's so far; an activity's 実績 row the page break
    /// carried over goes on with its last one.
    Schedule,
}

impl OpenBlock {
    /// The block's columns carried from the grid it was read on onto the
    /// next page's, by horizontal position (a sheet keeps its columns).
    pub fn remap(self, from: &Grid, to: &Grid) -> Option<OpenBlock> {
        let OpenBlock::Table { roles, name } = self else {
            return Some(self);
        };
        let map = |c: Option<usize>| -> Option<Option<usize>> {
            let Some(c) = c else { return Some(None) };
            let Some((x0, x1)) = axis::column_x(from, c) else {
                return Some(Some(c));
            };
            // A cell of this page's table that starts where the column
            // did places it; else the column holding its middle. (A page
            // holds several tables on one set of columns: a one-column
            // cell of another table may stand in a column this table's
            // cells span.)
            let mid = (x0 + x1) / 2.0;
            axis::column_starting_at(to, x0)
                .or_else(|| {
                    (0..to.cols())
                        .find(|&k| axis::column_x(to, k).is_some_and(|(a, b)| a <= mid && mid < b))
                })
                .map(Some)
        };
        Some(OpenBlock::Table {
            roles: KpiColumns {
                name: map(roles.name)?,
                year: map(roles.year)?,
                target: map(roles.target)?,
                actual: map(roles.actual)?,
                named_in_header: roles.named_in_header,
            },
            name,
        })
    }
}

impl<'a> CardReader<'a> {
    /// Read every row of the card into `m` (fields already set are kept
    /// and a second row for them is warned about).
    pub fn read(&mut self, m: &mut Measure) {
        let mut r = self.span.start;
        if let Some(open) = self.resume.take() {
            r = self.resume_block(open, m);
        }
        while r < self.span.end {
            r = self.read_row(r, m);
        }
    }

    fn at(&self, row: usize, col: usize) -> Option<&'a crate::grid::Loc> {
        self.grid.get(row, col).map(|c| &c.at)
    }

    fn is_header_row(&self, r: usize) -> bool {
        self.cols.is_some_and(|c| c.header_rows.contains(&r))
    }

    /// Row `r`'s cells from the label column up to `end` are read.
    fn take(&mut self, r: usize, end: usize) {
        self.ledger.take(
            self.span.grid,
            r,
            self.span.label_col..end.min(self.span.col_end),
        );
    }

    /// One past the last period column, or the card's end without them.
    fn period_end(&self) -> usize {
        self.cols.map_or(self.span.col_end, |c| c.end_col())
    }

    /// True when some cell of the card starts on row `r` (a row made only
    /// by a neighbour's row boundary holds nothing of its own).
    fn has_own_cells(&self, r: usize) -> bool {
        (self.span.label_col..self.span.col_end.min(self.grid.cols())).any(|c| {
            self.grid
                .get(r, c)
                .is_some_and(|cell| cell.covered_by.is_none())
        })
    }

    /// Read the row at `r` (and any rows it owns); returns the next row.
    fn read_row(&mut self, r: usize, m: &mut Measure) -> usize {
        let lc = self.span.label_col;
        if !self.has_own_cells(r) {
            return r + 1;
        }
        if let Some(pairs) = pairs_row(self.grid, r).filter(|p| p[0].label == lc) {
            self.read_pairs(r, &pairs, m);
            return r + 1;
        }
        let field = match label_at(self.grid, r, lc) {
            Some(Field::Activity) if r == self.span.start && m.name.is_empty() => {
                self.warn_guessed(r, Field::Name);
                Field::Name
            }
            Some(f) => f,
            // A card started by an unknown name word (主な事業 | …).
            None if r == self.span.start && m.name.is_empty() && !self.is_header_row(r) => {
                self.warn_guessed(r, Field::Name);
                Field::Name
            }
            // A schedule's year header row whose label the table does not
            // know but its words say (年度計画 | 取組 | R7年度 …).
            None if self.is_header_row(r) && self.guess_by_words(r) == Some(Field::Schedule) => {
                self.warn_guessed_words(r, Field::Schedule);
                Field::Schedule
            }
            None if self.is_header_row(r) => {
                self.take(r, self.period_end());
                return r + 1;
            }
            // What the cells under the period axis hold decides first
            // (marks are a schedule whatever the label says), then the
            // label's words.
            None => match self.guess(r) {
                Some(f) => {
                    self.warn_guessed(r, f);
                    f
                }
                None => match self.guess_by_words(r) {
                    Some(f) => {
                        self.warn_guessed_words(r, f);
                        f
                    }
                    None => {
                        self.warn_unplaced(r);
                        return r + 1;
                    }
                },
            },
        };
        let body = || row_text_after(self.grid, r, lc, self.span.col_end);
        if !matches!(
            field,
            Field::Schedule
                | Field::Indicator
                | Field::Target
                | Field::Actual
                | Field::Current
                | Field::Cost
        ) {
            self.take(r, self.span.col_end);
        }
        match field {
            Field::Name if m.name.is_empty() => m.name = text::clean_text(&body()),
            Field::Name => self.warn_duplicate(r, "name"),
            Field::Description => self.set_opt(r, "description", &mut m.description, body()),
            Field::Effect => self.set_opt(r, "effect", &mut m.effect, body()),
            Field::Challenges => self.set_opt(r, "challenges", &mut m.challenges, body()),
            Field::Qualitative => self.set_opt(
                r,
                "qualitative_evaluation",
                &mut m.qualitative_evaluation,
                body(),
            ),
            Field::Review => self.set_opt(r, "review", &mut m.review, body()),
            Field::Departments => {
                if m.departments.is_empty() {
                    (m.departments, m.departments_etc) =
                        label::departments(&text::clean_text(&body()));
                } else {
                    self.warn_duplicate(r, "departments");
                }
            }
            Field::Schedule => return self.read_schedule(r, m),
            Field::Indicator | Field::Target | Field::Actual | Field::Current => {
                if let Some(roles) = self.kpi_table(r) {
                    return self.read_kpi_table(r, &roles, m);
                }
                if let Some(head) = self.kpi_years(r) {
                    return self.read_kpi_years(r, &head, m);
                }
                return self.read_indicator(r, m);
            }
            Field::Cost => match self.cols {
                Some(c) if m.cost.is_none() => {
                    self.take(r, c.end_col());
                    m.cost = Some(self.read_cost(r, c));
                }
                Some(_) => self.warn_duplicate(r, "cost"),
                None => self.warn_no_years(r, "cost"),
            },
            Field::Number | Field::Policy => {
                let h = numbering::number_cell(&text::clean_text(&body()));
                if field == Field::Policy {
                    self.number.policy = self.number.policy.or(h.number);
                } else {
                    self.number.policy = self.number.policy.or(h.policy);
                    self.number.number = self.number.number.or(h.number);
                }
            }
            Field::Activity => self.warn_unplaced(r),
        }
        r + 1
    }

    /// The field a row without a known label holds, by its cells under
    /// the period axis: a KPI table's header (年度 | 目標値 | 実績) is an
    /// indicator; marks, arrows or words are a schedule; numbers (in
    /// most of the cells) are a cost where a unit (千円, 円) says so, an
    /// indicator where a 目標/実績 word stands beside them. Anything else
    /// is not guessed.
    fn guess(&self, r: usize) -> Option<Field> {
        let cols = self.cols?;
        // 年度 | 目標値 | 実績 across the row: a KPI table's header.
        if self.kpi_table(r).is_some() {
            return Some(Field::Indicator);
        }
        // 目標値 beside the cells: an indicator's target row, whatever its
        // cells hold (— in every year is a target not set yet).
        if self
            .middle_texts(r, cols, true)
            .iter()
            .any(|t| label_of(t).is_some_and(|l| l.field == Field::Target))
        {
            return Some(Field::Indicator);
        }
        let cells = row_marks(self.grid, r, cols);
        let held: Vec<&(usize, usize, Mark)> =
            cells.iter().filter(|c| c.2 != Mark::Empty).collect();
        if held.is_empty() {
            return None;
        }
        let numeric =
            |m: &Mark| matches!(m, Mark::Word(w) if number::indicator_value(w).value.is_some());
        // Numbers in most of the cells (a placeholder such as 集計中 or
        // 検証中 among them) are values, not a schedule.
        let numbers = held.iter().filter(|c| numeric(&c.2)).count();
        if numbers == 0 || numbers * 2 < held.len() {
            // Prose across the period columns is not a schedule: schedule
            // words are short and stand in the periods they name.
            let width = cols.end_col() - cols.first_col();
            let schedule_like = held.iter().all(|(_, span, m)| match m {
                Mark::Word(w) => w.chars().count() <= 12 && (*span < width || width == 1),
                _ => true,
            });
            return schedule_like.then_some(Field::Schedule);
        }
        let label = self.grid.text(r, self.span.label_col);
        let middle = self.middle_texts(r, cols, true);
        if number::cost_unit(label).is_some()
            || middle.iter().any(|t| number::cost_unit(t).is_some())
        {
            return Some(Field::Cost);
        }
        middle
            .iter()
            .any(|t| plan_or_actual(t).is_some())
            .then_some(Field::Indicator)
    }

    /// The field of a row whose label the table does not know, by the
    /// words the label is made of (推進部署, 所要額 …, see
    /// [`super::labels::guess_field`]), else by a value that is nothing but
    /// department names.
    fn guess_by_words(&self, r: usize) -> Option<Field> {
        let lc = self.span.label_col;
        let cell = self
            .grid
            .get(r, lc)
            .filter(|c| c.covered_by.is_none() && !c.text.trim().is_empty())?;
        if let Some(f) = super::labels::guess_field(&cell.text) {
            return Some(f);
        }
        let body = row_text_after(self.grid, r, lc, self.span.col_end);
        label::looks_like_departments(&text::clean_text(&body)).then_some(Field::Departments)
    }

    /// A row read by the words of its label (or a value of department
    /// names): named, with its label cell.
    fn warn_guessed_words(&mut self, r: usize, field: Field) {
        let label = self.grid.text(r, self.span.label_col).trim().to_string();
        self.warnings.push(Warning::maybe_at(
            WarningCode::GuessedLabel,
            crate::msg!(
                "warning-guessed-row-words",
                label = crate::i18n::quoted(&label),
                field = crate::i18n::word(&format!("{field:?}"))
            ),
            self.at(r, self.span.label_col),
        ));
    }

    /// A row read by what it holds: named, with its label cell.
    fn warn_guessed(&mut self, r: usize, field: Field) {
        let label = self.grid.text(r, self.span.label_col).trim().to_string();
        let what = match field {
            Field::Name if r == self.span.start => "guessed name first",
            Field::Name => "guessed name",
            Field::Description => "guessed description",
            Field::Effect => "guessed effect",
            Field::Challenges => "guessed challenges",
            Field::Qualitative => "guessed qualitative",
            Field::Review => "guessed review",
            Field::Departments => "guessed departments",
            Field::Number | Field::Policy => "guessed number",
            Field::Schedule => "guessed schedule",
            Field::Cost => "guessed cost",
            _ => "guessed indicator",
        };
        let at = (self.span.label_col..self.span.col_end)
            .filter_map(|c| self.grid.get(r, c))
            .find(|c| c.covered_by.is_none() && !c.text.trim().is_empty())
            .map(|c| &c.at);
        self.warnings.push(Warning::maybe_at(
            WarningCode::GuessedLabel,
            crate::msg!(
                "warning-guessed-label",
                label = crate::i18n::quoted(&label),
                what = crate::i18n::word(what)
            ),
            at,
        ));
    }

    /// A row of label | value pairs: each text field from its own value
    /// cells; the measure's number from 施策番号 / No.; a field that needs
    /// rows of its own (schedule, indicator, cost) is left out, named.
    fn read_pairs(&mut self, r: usize, pairs: &[Pair], m: &mut Measure) {
        for p in pairs {
            let label = self.grid.text(r, p.label).trim().to_string();
            if super::labels::field_of(&label) != Some(p.field) {
                self.warnings.push(Warning::maybe_at(
                    WarningCode::GuessedLabel,
                    crate::msg!(
                        "warning-guessed-pair-label",
                        label = crate::i18n::quoted(&label),
                        field = crate::i18n::word(&format!("{:?}", p.field))
                    ),
                    self.at(r, p.label),
                ));
            }
            let end = p.value.end.min(self.span.col_end);
            let value = (p.value.start..end)
                .filter(|&c| {
                    self.grid
                        .get(r, c)
                        .is_some_and(|cell| cell.covered_by.is_none())
                })
                .map(|c| self.grid.text(r, c).trim())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            let cols = p.label..end;
            match p.field {
                Field::Name if m.name.is_empty() => m.name = text::clean_text(&value),
                Field::Description => self.set_opt(r, "description", &mut m.description, value),
                Field::Effect => self.set_opt(r, "effect", &mut m.effect, value),
                Field::Challenges => self.set_opt(r, "challenges", &mut m.challenges, value),
                Field::Qualitative => self.set_opt(
                    r,
                    "qualitative_evaluation",
                    &mut m.qualitative_evaluation,
                    value,
                ),
                Field::Review => self.set_opt(r, "review", &mut m.review, value),
                Field::Departments if m.departments.is_empty() => {
                    (m.departments, m.departments_etc) =
                        label::departments(&text::clean_text(&value));
                }
                Field::Number | Field::Policy => {
                    let h = numbering::number_cell(&value);
                    if p.field == Field::Policy {
                        self.number.policy = self.number.policy.or(h.number);
                    } else {
                        self.number.policy = self.number.policy.or(h.policy);
                        self.number.number = self.number.number.or(h.number);
                    }
                }
                _ => {
                    self.warn_pair(r, p, &value);
                    continue;
                }
            }
            self.ledger.take(self.span.grid, r, cols);
        }
    }

    /// A pair whose field cannot be read from one value (or a second one).
    fn warn_pair(&mut self, r: usize, p: &Pair, value: &str) {
        let label = self.grid.text(r, p.label).trim().to_string();
        self.warnings.push(Warning::maybe_at(
            WarningCode::UnplacedRow,
            crate::msg!("warning-pair-left-out", label = label, value = value),
            self.at(r, p.label),
        ));
    }

    fn set_opt(&mut self, r: usize, what: &str, slot: &mut Option<String>, new: String) {
        if slot.is_some() {
            self.warn_duplicate(r, what);
        } else {
            *slot = text::text_or_none(&new);
        }
    }

    fn warn_duplicate(&mut self, r: usize, what: &str) {
        let label = self.grid.text(r, self.span.label_col).trim().to_string();
        self.warnings.push(Warning::maybe_at(
            crate::model::WarningCode::DuplicateRow,
            crate::msg!(
                "warning-duplicate-row",
                label = label,
                what = crate::i18n::word(what)
            ),
            self.at(r, self.span.label_col),
        ));
    }

    fn warn_unplaced(&mut self, r: usize) {
        let texts: Vec<&str> = self
            .grid
            .row(r)
            .iter()
            .enumerate()
            .filter(|(c, cell)| {
                *c >= self.span.label_col && *c < self.span.col_end && cell.covered_by.is_none()
            })
            .map(|(_, c)| c.text.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if texts.is_empty() {
            return;
        }
        let label_cell = self.grid.get(r, self.span.label_col);
        let (code, message): (WarningCode, crate::i18n::Msg) =
            match label_cell.filter(|c| c.covered_by.is_none() && !c.text.trim().is_empty()) {
                Some(c) => (
                    WarningCode::UnknownLabel,
                    crate::msg!(
                        "warning-unknown-label",
                        label = crate::i18n::quoted(c.text.trim()),
                        texts = texts.join(" | ")
                    ),
                ),
                None => (
                    WarningCode::UnplacedRow,
                    crate::msg!("warning-unplaced-row", texts = texts.join(" | ")),
                ),
            };
        self.warnings.push(Warning::maybe_at(
            code,
            message,
            self.at(r, self.span.label_col),
        ));
    }

    /// A row that needs year columns in a table that has none.
    fn warn_no_years(&mut self, r: usize, what: &str) {
        let message = crate::msg!("warning-no-years", what = crate::i18n::word(what));
        self.warnings.push(Warning::maybe_at(
            crate::model::WarningCode::NoScheduleYears,
            message,
            self.at(r, self.span.label_col),
        ));
    }

    /// The cell at `c` of `row` when it starts there and holds text.
    fn own_text(&self, row: usize, c: Option<usize>) -> Option<&crate::grid::Cell> {
        c.and_then(|c| self.grid.get(row, c))
            .filter(|x| x.covered_by.is_none() && !x.text.trim().is_empty())
    }

    /// True when the row's label cell holds a text of its own (a label,
    /// known or not): the row starts a new part of the card.
    fn has_own_label(&self, row: usize) -> bool {
        self.grid
            .get(row, self.span.label_col)
            .is_some_and(|c| c.covered_by.is_none() && !c.text.trim().is_empty())
    }

    fn next_labelled(&self, from: usize) -> usize {
        (from..self.span.end)
            .find(|&r| label_at(self.grid, r, self.span.label_col).is_some())
            .unwrap_or(self.span.end)
    }

    /// The schedule block: header rows, then activity rows until the next
    /// labelled row.
    fn read_schedule(&mut self, r: usize, m: &mut Measure) -> usize {
        let Some(cols) = self.cols else {
            self.warn_no_years(r, "schedule marks");
            return self.next_labelled(r + 1);
        };
        let mut reader =
            ActivityReader::new(self.grid, self.span.label_col + 1..cols.first_col(), cols);
        reader.activities = std::mem::take(&mut m.schedule);
        // The label names the block.
        self.take(r, self.span.label_col + 1);
        let mut row = r;
        // A KPI table's header (年度 | 目標値 | 実績値) under the schedule
        // ends it, label or not (the label cell's text may stand on the
        // next page).
        while row < self.span.end
            && (row == r || (!self.has_own_label(row) && self.kpi_table(row).is_none()))
        {
            if cols.header_rows.contains(&row) {
                self.take(row, cols.end_col());
            } else if !self.has_own_cells(row) {
            } else if reader.row(row, self.warnings) {
                self.take(row, cols.end_col());
            } else if !self.grid.row_is_blank(row) {
                self.warn_unplaced_schedule(row);
            }
            row += 1;
        }
        m.schedule = reader.activities;
        // The part ends inside the schedule: the next page's first rows
        // without a label of their own may go on with it.
        if row >= self.span.end {
            self.open = Some(OpenBlock::Schedule);
        }
        row
    }

    fn warn_unplaced_schedule(&mut self, row: usize) {
        if (self.span.label_col + 1..self.span.col_end)
            .all(|c| self.grid.text(row, c).trim().is_empty())
        {
            return;
        }
        self.warn_unplaced(row);
    }

    /// The text between the label and the period columns, including a cell
    /// merged down from the row above unless `own_only`.
    fn middle_texts(&self, row: usize, cols: &Columns, own_only: bool) -> Vec<String> {
        let mut parts = Vec::new();
        for col in self.span.label_col + 1..cols.first_col() {
            let (ar, ac) = self.grid.anchor_of(row, col);
            if (own_only && ar != row) || ac != col {
                continue;
            }
            let t = self.grid.text(ar, ac).trim();
            if !t.is_empty() {
                parts.push(t.to_string());
            }
        }
        parts
    }

    /// An indicator block: its first row (目標値, 成果指標, 指標① …) and
    /// the rows after it labelled 目標/実績/現状 or merged into its label.
    /// Each name in the block (指標名 beside its 目標値/実績値 rows) starts
    /// an indicator of its own; a block after the first is the measure's
    /// next indicator when it has a name, else a duplicate row.
    fn read_indicator(&mut self, r: usize, m: &mut Measure) -> usize {
        let Some(cols) = self.cols else {
            self.warn_no_years(r, "indicator");
            return r + 1;
        };
        let end = self.indicator_end(r);
        let cur = IndicatorRows {
            label: self.grid.text(r, self.span.label_col).trim().to_string(),
            ..IndicatorRows::default()
        };
        self.indicator_rows(r, end, cur, m, cols);
        end
    }

    /// Rows `r..end` of an indicator block read on from `cur` (a block's
    /// first row is `r`'s own; on a continued page `cur` holds what the
    /// previous page read); the indicators pushed onto `m`.
    fn indicator_rows(
        &mut self,
        r: usize,
        end: usize,
        mut cur: IndicatorRows,
        m: &mut Measure,
        cols: &Columns,
    ) {
        let continued = cur.started();
        for row in r..end {
            self.take(row, cols.end_col());
        }
        let mut read = Vec::new();
        for row in r..end {
            let middle = self.middle_texts(row, cols, continued || row != r);
            let sub = middle.iter().find_map(|t| plan_or_actual(t));
            let names: Vec<String> = middle
                .into_iter()
                .filter(|t| plan_or_actual(t).is_none())
                .collect();
            let is_target = match (sub, label_at(self.grid, row, self.span.label_col)) {
                (Some(k), _) => k,
                (None, Some(Field::Actual | Field::Current)) => false,
                (None, _) => true,
            };
            // The first row of the block's part on this page, filling the
            // row the indicator still lacks (its 実績 under the 目標 read on
            // the page before): a name there is the rest of the indicator's
            // name cell the page break cut, not a new indicator's.
            let open_slot = if is_target {
                cur.target.is_none()
            } else {
                cur.actual.is_none()
            };
            let cut_name = continued && row == r && open_slot;
            if !names.is_empty() && cur.started() && !cut_name {
                let label = cur.label.clone();
                read.push(std::mem::take(&mut cur));
                cur.label = label;
            }
            cur.names.extend(names);
            if let Some(n) = self.unit_note(row) {
                cur.unit_note.get_or_insert(n);
            }
            let slot = if is_target {
                &mut cur.target
            } else {
                &mut cur.actual
            };
            if slot.is_some() {
                let what = if is_target {
                    "indicator target"
                } else {
                    "indicator actual"
                };
                self.warn_duplicate(row, what);
                continue;
            }
            *slot = Some(year_values(self.grid, row, cols, number::indicator_value));
        }
        if end >= self.span.end {
            self.open = Some(OpenBlock::Rows(cur.clone()));
        }
        read.push(cur);
        for (i, rows) in read.into_iter().enumerate() {
            if i == 0 && !continued && !m.indicators.is_empty() && rows.names.is_empty() {
                self.warn_duplicate(r, "indicator");
                continue;
            }
            m.indicators.push(rows.finish());
        }
    }

    /// The first rows of a card's part on the next page, where the part
    /// on the previous page ended inside an indicator block: rows with no
    /// label of their own go on with that block (its last indicator taken
    /// back from `m` and read on). Returns the first row not read.
    fn resume_block(&mut self, open: OpenBlock, m: &mut Measure) -> usize {
        let start = self.span.start;
        let lc = self.span.label_col;
        // The first row's label cell holding the rest of the block's label
        // the break cut (重要業績評価指 | 標①): no label of its own.
        let cut_label = |r: usize| match &open {
            OpenBlock::Rows(cur) => {
                let rest = self.grid.text(r, lc).trim();
                r == start
                    && !cur.label.is_empty()
                    && label_at(self.grid, r, lc).is_none()
                    && label_of(&format!("{}{rest}", cur.label)).is_some()
            }
            OpenBlock::Table { .. } | OpenBlock::Schedule => false,
        };
        // A schedule's 計画 / 実績 word in the label column: the page's
        // part starts right of the activity cell the break cut off.
        // Marks (or nothing) under the periods, no numbers: an indicator's
        // 目標値 / 実績値 row is no activity's.
        let (grid, part_cols) = (self.grid, self.cols);
        let sub_word = |r: usize| {
            matches!(open, OpenBlock::Schedule)
                && plan_or_actual(grid.text(r, lc)).is_some()
                && part_cols.is_some_and(|cols| {
                    row_marks(grid, r, cols)
                        .iter()
                        .all(|(_, _, mark)| !matches!(mark, Mark::Word(_)))
                })
        };
        let end = (start..self.span.end)
            .find(|&r| self.has_own_label(r) && !cut_label(r) && !sub_word(r))
            .unwrap_or(self.span.end);
        if end == start && !matches!(open, OpenBlock::Table { .. }) {
            return start;
        }
        match open {
            OpenBlock::Rows(cur) => {
                let Some(cols) = self.cols else {
                    return start;
                };
                // Only rows an indicator block has: 目標 / 実績 words or
                // a name between the label and the periods.
                let goes_on = (start..end)
                    .filter(|&r| self.has_own_cells(r))
                    .all(|r| !self.middle_texts(r, cols, true).is_empty());
                if !goes_on || m.indicators.pop().is_none() {
                    return start;
                }
                self.indicator_rows(start, end, cur, m, cols);
                end
            }
            OpenBlock::Schedule => {
                let Some(cols) = self.cols else {
                    return start;
                };
                // The rows whose label column holds a 計画 / 実績 word (the
                // activity's name cell left on the page before): its plan
                // or actual rows, read on with the last activity. Any other
                // row is read as a row of its own.
                let mut reader = ActivityReader::new(self.grid, lc..cols.first_col(), cols);
                reader.activities = std::mem::take(&mut m.schedule);
                let mut r = start;
                while r < end && sub_word(r) && reader.row(r, self.warnings) {
                    self.take(r, cols.end_col());
                    r += 1;
                }
                m.schedule = reader.activities;
                r
            }
            OpenBlock::Table { roles, name } => {
                let current = match name {
                    Some(name) => match m.indicators.pop() {
                        Some(last) => Some((last, name)),
                        None => return start,
                    },
                    None => None,
                };
                self.kpi_rows(start, &roles, current, m, true)
            }
        }
    }

    /// The year a KPI table's row gives in its year column; two-digit
    /// years (24) where the card's period axis has them.
    fn kpi_year(&self, row: usize, roles: &KpiColumns) -> Option<i32> {
        let c = roles
            .year
            .and_then(|c| self.grid.get(row, c))
            .filter(|x| x.covered_by.is_none() && !x.text.trim().is_empty())?;
        era::header_year(&c.text).or_else(|| {
            axis::two_digit_year(&c.text).filter(|fy| {
                self.cols
                    .is_some_and(|k| k.years.iter().any(|y| y.fy == *fy))
            })
        })
    }

    /// True for the first row of a KPI table continued on this page whose
    /// indicator label (KPI, 指標, or a word the label table does not know,
    /// 成果目標2) is the cut label cell's text printed again beside a year
    /// row: the row goes on with the table.
    fn repeated_kpi_label(
        &self,
        row: usize,
        first: usize,
        roles: &KpiColumns,
        continued: bool,
    ) -> bool {
        continued
            && (first..row).all(|r| !self.has_own_cells(r))
            && matches!(
                label_at(self.grid, row, self.span.label_col),
                Some(Field::Indicator) | None
            )
            && self.kpi_year(row, roles).is_some()
    }

    /// A KPI block that is a small table of its own: a header row right of
    /// the label naming a year column (年度) and 目標値 / 実績値 columns
    /// (指標名 | 年度 | 目標値 | 実績値), one row a year below it.
    fn kpi_table(&self, r: usize) -> Option<KpiColumns> {
        let mut roles = KpiColumns::default();
        for c in self.span.label_col + 1..self.span.col_end.min(self.grid.cols()) {
            let Some(cell) = self.grid.get(r, c).filter(|x| x.covered_by.is_none()) else {
                continue;
            };
            let key = text::label_key(&cell.text);
            if key.is_empty() {
                continue;
            }
            if matches!(key.as_str(), "年度" | "年" | "年度別" | "対象年度") {
                roles.year = Some(c);
                continue;
            }
            match label_of(&cell.text).map(|l| l.field) {
                Some(Field::Target) => roles.target = Some(c),
                Some(Field::Actual | Field::Current) => roles.actual = Some(c),
                Some(Field::Indicator) => roles.name = Some(c),
                // The indicator's own name before the year column, in the
                // header row (KPI | 利用者満足度（%） | 年度 | 目標).
                None if roles.name.is_none() && roles.year.is_none() => {
                    roles.name = Some(c);
                    roles.named_in_header = true;
                }
                _ => return None,
            }
        }
        (roles.year.is_some() && (roles.target.is_some() || roles.actual.is_some()))
            .then_some(roles)
    }

    /// A KPI block with a header row of its own right of the label: the
    /// indicator's name and unit columns and its own year columns
    /// (成果指標 | 指標名 | 単位 | 基準値（R5） | R6 | R7 | R8), an indicator a
    /// row below it. A year column is a target unless its header says 実績,
    /// 現状 or 基準 (or the row does: 実績 in a cell of its own).
    fn kpi_years(&self, r: usize) -> Option<KpiYears> {
        let mut head = KpiYears::default();
        for c in self.span.label_col + 1..self.span.col_end.min(self.grid.cols()) {
            let Some(cell) = self.grid.get(r, c).filter(|x| x.covered_by.is_none()) else {
                continue;
            };
            let key = text::label_key(&cell.text);
            if key.is_empty() {
                continue;
            }
            if key == "単位" {
                head.unit = Some(c);
                continue;
            }
            if matches!(key.as_str(), "区分" | "種別" | "項目") {
                head.kind = Some(c);
                continue;
            }
            let label = label_of(&cell.text);
            let year = label
                .as_ref()
                .and_then(|l| l.note.as_deref())
                .and_then(era::header_year)
                .or_else(|| era::header_year(&cell.text));
            let baseline = matches!(
                key.as_str(),
                "目標設定時" | "策定時" | "計画策定時" | "基準" | "現状" | "現況" | "当初"
            );
            match (label.map(|l| l.field), year) {
                (Some(Field::Indicator), None) if head.name.is_none() => head.name = Some(c),
                (Some(Field::Actual | Field::Current), Some(fy)) => {
                    head.years.push((c, Some(fy), false))
                }
                (Some(Field::Target) | None, Some(fy)) => head.years.push((c, Some(fy), true)),
                // A baseline that names no year (目標設定時, 現状値): its
                // values are named in warnings, the rest of the block read.
                (Some(Field::Actual | Field::Current), None) => head.years.push((c, None, false)),
                (None, None) if baseline => head.years.push((c, None, false)),
                _ => return None,
            }
        }
        let dated = head.years.iter().filter(|y| y.1.is_some()).count();
        (dated >= 2 && (head.name.is_some() || head.unit.is_some())).then_some(head)
    }

    /// The rows under a [`kpi_years`](Self::kpi_years) header, until the
    /// next labelled row: a name of its own starts an indicator.
    fn read_kpi_years(&mut self, r: usize, head: &KpiYears, m: &mut Measure) -> usize {
        self.take(r, self.span.col_end);
        let mut row = r + 1;
        let mut current: Option<Indicator> = None;
        while row < self.span.end && !self.has_own_label(row) {
            if !self.has_own_cells(row) {
                row += 1;
                continue;
            }
            let own = |c: Option<usize>| self.own_text(row, c);
            if let Some(name) = own(head.name) {
                m.indicators.extend(current.take());
                let (name, unit) = label::split_indicator_label(&text::clean_text(&name.text));
                current = Some(Indicator {
                    name,
                    unit,
                    target: BTreeMap::new(),
                    actual: BTreeMap::new(),
                });
            }
            let Some(ind) = current.as_mut() else {
                self.warn_unplaced(row);
                row += 1;
                continue;
            };
            if let Some(u) = own(head.unit) {
                ind.unit = Some(text::clean_text(&u.text));
            }
            // The row's own 計画/目標 or 実績 word, in the kind column or
            // any cell that is neither name, unit nor year.
            let row_kind = (self.span.label_col + 1..self.span.col_end.min(self.grid.cols()))
                .filter(|&c| Some(c) != head.name && Some(c) != head.unit)
                .filter(|&c| !head.years.iter().any(|y| y.0 == c))
                .find_map(|c| own(Some(c)).and_then(|x| plan_or_actual(&x.text)));
            for &(c, fy, target) in &head.years {
                let cell = self.grid.get(row, c).filter(|x| x.covered_by.is_none());
                let Some(fy) = fy else {
                    if let Some(x) = cell.filter(|x| !x.text.trim().is_empty()) {
                        self.warnings.push(Warning::at(
                            WarningCode::UnplacedValue,
                            crate::msg!(
                                "warning-unplaced-value",
                                raw = crate::i18n::quoted(x.text.trim())
                            ),
                            &x.at,
                        ));
                    }
                    continue;
                };
                let mut v = cell.map_or_else(Value::empty, |x| number::indicator_value(&x.text));
                v.at = cell.map(|x| x.at.short());
                let slot = if row_kind.unwrap_or(target) {
                    &mut ind.target
                } else {
                    &mut ind.actual
                };
                if !v.raw.is_empty() || !slot.contains_key(&fy) {
                    slot.insert(fy, v);
                }
            }
            self.take(row, self.span.col_end);
            row += 1;
        }
        m.indicators.extend(current);
        row
    }

    /// The rows of a KPI table: a name cell of its own starts an
    /// indicator; each row gives its year's target and actual.
    fn read_kpi_table(&mut self, r: usize, roles: &KpiColumns, m: &mut Measure) -> usize {
        self.take(r, self.span.col_end);
        let current = match roles.name {
            Some(c) if roles.named_in_header => {
                let text = self.grid.text(r, c).to_string();
                Some((new_indicator(&text), text))
            }
            _ => None,
        };
        self.kpi_rows(r + 1, roles, current, m, false)
    }

    /// The year rows of a KPI table from `row` on, `current` the indicator
    /// being read (with its name cell's text). On a `continued` page the
    /// first row's name cell is the rest of the last indicator's (a name
    /// cell a page break cut: its wrapped tail, or the whole name printed
    /// again) while that indicator still lacks years, or where names
    /// stand in the header rows. Returns the first row not read.
    fn kpi_rows(
        &mut self,
        mut row: usize,
        roles: &KpiColumns,
        mut current: Option<(Indicator, String)>,
        m: &mut Measure,
        continued: bool,
    ) -> usize {
        let first = row;
        let all_years = self.cols.map_or(0, |c| c.years.len());
        // Year rows read before any name: the name cell's text may stand
        // on the next page (a merged cell a page break cut).
        let mut nameless: Vec<usize> = Vec::new();
        while row < self.span.end
            && (!self.has_own_label(row) || self.repeated_kpi_label(row, first, roles, continued))
        {
            if !self.has_own_cells(row) {
                row += 1;
                continue;
            }
            // The table's header printed again (年度 | 目標 | 実績) with no
            // label of its own: the next indicator's table, its label and
            // name cells merged down onto the next page (where the page
            // break cut them) or over every table of the block. It ends
            // the indicator being read; the next one is named by the
            // header, else by the rows below it (or the next page's).
            if let Some(h) = self.kpi_table(row).filter(|h| h.year == roles.year) {
                m.indicators.extend(current.take().map(|c| c.0));
                if let Some(c) = h.name.filter(|_| h.named_in_header) {
                    let text = self.grid.text(row, c).to_string();
                    current = Some((new_indicator(&text), text));
                }
                self.take(row, self.span.col_end);
                row += 1;
                continue;
            }
            let own = |c: Option<usize>| self.own_text(row, c);
            // The first row of a continued table names an indicator read
            // nameless on the page before (its name cell printed here).
            if continued
                && (first..row).all(|r| !self.has_own_cells(r))
                && current.as_ref().is_none_or(|c| c.1.trim().is_empty())
            {
                let year_col = roles.year.unwrap_or(self.span.label_col);
                let name = (self.span.label_col + 1..year_col)
                    .filter(|&c| Some(c) != roles.target && Some(c) != roles.actual)
                    .find_map(|c| own(Some(c)));
                match (name, current.as_mut()) {
                    (Some(name), Some((ind, text))) => {
                        *text = name.text.clone();
                        let fresh = new_indicator(text);
                        (ind.name, ind.unit) = (fresh.name, fresh.unit);
                    }
                    (Some(name), None) => {
                        current = Some((new_indicator(&name.text), name.text.clone()));
                    }
                    _ => {}
                }
            }
            if let Some(name) = own(roles.name) {
                let tail = continued
                    && (first..row).all(|r| !self.has_own_cells(r))
                    && current.as_ref().is_some_and(|(ind, _)| {
                        roles.named_in_header || ind.target.len().max(ind.actual.len()) < all_years
                    });
                match current.as_mut() {
                    Some((ind, text)) if tail => {
                        let more = name.text.trim();
                        if text::clean_text(more) != text::clean_text(text) {
                            text.push_str(more);
                            let fresh = new_indicator(text);
                            (ind.name, ind.unit) = (fresh.name, fresh.unit);
                        }
                    }
                    _ => {
                        if let Some((done, _)) = current.take() {
                            m.indicators.push(done);
                        }
                        current = Some((new_indicator(&name.text), name.text.clone()));
                    }
                }
            }
            let year = self.kpi_year(row, roles);
            if year.is_some() && current.is_none() {
                nameless.push(row);
                current = Some((new_indicator(""), String::new()));
            }
            match (year, current.as_mut().map(|c| &mut c.0)) {
                (Some(fy), Some(ind)) => {
                    for (col, slot) in [
                        (roles.target, &mut ind.target),
                        (roles.actual, &mut ind.actual),
                    ] {
                        let Some(col) = col else { continue };
                        let cell = self.grid.get(row, col);
                        let mut v =
                            cell.map_or_else(Value::empty, |x| number::indicator_value(&x.text));
                        v.at = cell.map(|x| x.at.short());
                        // A year row the page break cut: its rest names the
                        // year again, without the values read before.
                        if !v.raw.is_empty() || !slot.contains_key(&fy) {
                            slot.insert(fy, v);
                        }
                    }
                    self.take(row, self.span.col_end);
                }
                _ => self.warn_unplaced(row),
            }
            row += 1;
        }
        // A table that ends on its page with a nameless indicator: its
        // rows are named, not read.
        if row < self.span.end && current.as_ref().is_some_and(|c| c.1.trim().is_empty()) {
            if let Some(k) = nameless.first() {
                current = None;
                for r in *k..row {
                    if self.has_own_cells(r) {
                        self.warn_unplaced(r);
                    }
                }
            }
        }
        if row >= self.span.end {
            self.open = Some(OpenBlock::Table {
                roles: roles.clone(),
                name: current.as_ref().map(|c| c.1.clone()),
            });
        }
        m.indicators.extend(current.map(|c| c.0));
        row
    }

    /// The unit in an indicator label's parentheses (成果指標（件）); a
    /// year there (目標値（R8）) is not a unit.
    fn unit_note(&self, row: usize) -> Option<String> {
        self.grid
            .get(row, self.span.label_col)
            .and_then(|c| label_of(&c.text))
            .and_then(|l| l.note)
            .filter(|n| era::era_year(n).is_none())
    }

    fn indicator_end(&self, r: usize) -> usize {
        let lc = self.span.label_col;
        let mut row = r + 1;
        while row < self.span.end {
            let covered = self
                .grid
                .get(row, lc)
                .and_then(|c| c.covered_by)
                .is_some_and(|(ar, _)| ar >= r && ar < row);
            let own = label_at(self.grid, row, lc);
            let part = matches!(own, Some(Field::Target | Field::Actual | Field::Current));
            if !(covered || part) {
                break;
            }
            if part && own == label_at(self.grid, r, lc) && !covered {
                break;
            }
            row += 1;
        }
        row
    }

    /// 事業費 row: unit or ゼロ予算 from the label cells, a value per year.
    fn read_cost(&mut self, r: usize, cols: &Columns) -> Cost {
        let label_cell = self.grid.text(r, self.span.label_col).to_string();
        let middle = self.middle_texts(r, cols, true).join("\n");
        let unit = number::cost_unit(&middle).or_else(|| number::cost_unit(&label_cell));
        let zero_budget = number::is_zero_budget(&middle) || number::is_zero_budget(&label_cell);
        let mult = unit
            .as_deref()
            .and_then(number::unit_multiplier)
            .unwrap_or(1.0);
        let values = year_values(self.grid, r, cols, |raw| {
            number::cost_value(raw, mult, zero_budget)
        });
        Cost {
            unit,
            zero_budget,
            values,
        }
    }
}

/// An indicator named by a KPI table's name cell (name（unit）).
fn new_indicator(text: &str) -> Indicator {
    let (name, unit) = label::split_indicator_label(&text::clean_text(text));
    Indicator {
        name,
        unit,
        target: BTreeMap::new(),
        actual: BTreeMap::new(),
    }
}

/// The columns of a KPI table inside a card.
#[derive(Debug, Default, Clone)]
pub struct KpiColumns {
    name: Option<usize>,
    /// The name column's header cell is the (first) indicator's name.
    named_in_header: bool,
    year: Option<usize>,
    target: Option<usize>,
    actual: Option<usize>,
}

/// A KPI block's own header row ([`CardReader::kpi_years`]): name, unit
/// and 区分 columns, and each year column (column, fiscal year, target).
#[derive(Default)]
struct KpiYears {
    name: Option<usize>,
    unit: Option<usize>,
    kind: Option<usize>,
    /// (column, fiscal year — none for a baseline naming no year, target).
    years: Vec<(usize, Option<i32>, bool)>,
}

/// The rows of one indicator as a card's block gives them.
#[derive(Debug, Default, Clone)]
pub struct IndicatorRows {
    /// The block's label cell as read (成果指標①; on a page the break cut
    /// it, its first part).
    label: String,
    names: Vec<String>,
    unit_note: Option<String>,
    target: Option<BTreeMap<i32, Value>>,
    actual: Option<BTreeMap<i32, Value>>,
}

impl IndicatorRows {
    /// True once a target or actual row has been read.
    fn started(&self) -> bool {
        self.target.is_some() || self.actual.is_some()
    }

    /// The indicator: name and unit from its name cells (unit also from the
    /// label's parentheses); a card without a 実績 (or 目標) row gives no
    /// years for it: only the years the document gives appear.
    fn finish(self) -> Indicator {
        let joined = text::clean_text(&self.names.join("\n"));
        let mut target = self.target.unwrap_or_default();
        // No value in the target row, the target written in the label
        // (件数：1,000件/年（R8）): that year's target.
        if target.values().all(|v| v.raw.is_empty()) {
            if let Some((name, raw, unit, fy)) = label::target_in_label(&joined) {
                target.insert(fy, number::indicator_value(&raw));
                return Indicator {
                    name,
                    unit: unit.or(self.unit_note),
                    target,
                    actual: self.actual.unwrap_or_default(),
                };
            }
        }
        let (name, unit) = label::split_indicator_label(&joined);
        Indicator {
            name,
            unit: unit.or(self.unit_note),
            target,
            actual: self.actual.unwrap_or_default(),
        }
    }
}

/// One value per fiscal year: the first text in the year's columns.
pub fn year_values(
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
