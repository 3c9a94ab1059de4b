//! Stage 4 for lists (一覧表): the header rows name the columns, each data
//! row is a measure. Policies come from a spanning row inside the table or a
//! policy column merged down; schedules from words, arrows and marks in the
//! period columns; indicators from 指標 / 現状値 / 目標値 columns.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use super::axis::{self, Columns};
use super::labels::{Field, label_of, label_or_guess, plan_or_actual};
use super::ledger::Ledger;
use super::measure::{empty_measure, source_ref};
use super::numbering::{self, Heading};
use super::schedule::{Mark, range_periods, row_marks, word_activities};
use super::table::{TableSpan, spanning_policy};
use crate::grid::Grid;
use crate::model::{Granularity, Indicator, Measure, Value, Warning};
use crate::normalize::{era, label, number, text};

/// One column of a list: the field its header names, and the note in
/// its parentheses (a year in 目標値（R8）, a unit in 事業費（千円）).
#[derive(Debug, Clone, PartialEq)]
pub struct ListColumn {
    pub cols: Range<usize>,
    pub field: Field,
    pub note: Option<String>,
    /// One fiscal year's column under a 目標値 (実績値, 現状値) group
    /// header: an empty cell is that year's empty value.
    pub per_year: bool,
}

/// The header of a list: its columns, its period axis, and where data rows start.
#[derive(Debug, Clone)]
pub struct ListHeader {
    pub columns: Vec<ListColumn>,
    pub periods: Option<Columns>,
    pub data_start: usize,
}

/// One list row read: the measure, the numbers its row gives, and the
/// policy (number, title) it names or that a spanning row above named.
#[derive(Debug)]
pub struct ListRow {
    pub measure: Measure,
    pub heading: Heading,
    pub policy: Option<(u32, String)>,
    /// The row's first cell.
    pub at: Option<crate::grid::Loc>,
    /// Activities written as an open range (R7年度～): they run to the
    /// plan's last fiscal year, known once every table is read.
    pub open_ended: Vec<String>,
}

/// Stage 3 for lists: the header rows (the first, plus rows under it that
/// hold only labels, years or period names) and what each column means.
pub fn header(grid: &Grid, span: &TableSpan, warnings: &mut Vec<Warning>) -> ListHeader {
    let mut end = span.start + 1;
    while end < span.end && is_header_row(grid, end, span) {
        end += 1;
    }
    let (periods, value_cols) = year_columns(grid, span, end, warnings);
    if let Some(cols) = &periods {
        end = end.max(cols.header_rows.end);
    }
    let mut columns: Vec<ListColumn> = Vec::new();
    for r in span.start..end {
        for (c, cell) in grid.row(r).iter().enumerate() {
            if c < span.label_col || c >= span.col_end || cell.covered_by.is_some() {
                continue;
            }
            if periods
                .as_ref()
                .is_some_and(|p| (p.first_col()..p.end_col()).contains(&c))
            {
                continue;
            }
            let Some((l, guessed)) = label_or_guess(&cell.text) else {
                continue;
            };
            if guessed {
                warn_guessed_column(cell, l.field, warnings);
            }
            let cols = c..(c + cell.col_span as usize).min(span.col_end);
            columns.retain(|x| x.cols.start != c);
            columns.push(ListColumn {
                cols,
                field: l.field,
                note: l.note,
                per_year: false,
            });
        }
    }
    // A group header over year columns gives way to its years.
    columns.retain(|g| {
        !value_cols
            .iter()
            .any(|v| v.field == g.field && g.cols.contains(&v.cols.start))
    });
    columns.extend(value_cols);
    columns.sort_by_key(|c| c.cols.start);
    // A list with no name column whose one 取組 column is not beside one
    // (no 事業名 | 取組 pair naming activities) names its measures there.
    if !columns.iter().any(|c| c.field == Field::Name) {
        let acts: Vec<usize> = (0..columns.len())
            .filter(|&i| columns[i].field == Field::Activity)
            .collect();
        if let [i] = acts[..] {
            columns[i].field = Field::Name;
            if let Some(cell) = grid.get(span.start, columns[i].cols.start) {
                warn_guessed_column(cell, Field::Name, warnings);
            }
        }
    }
    ListHeader {
        columns,
        periods,
        data_start: end,
    }
}

/// A list column whose header word the label table does not know, read by
/// the words it is made of (通番, 業績指標, 推進部署).
fn warn_guessed_column(cell: &crate::grid::Cell, field: Field, warnings: &mut Vec<Warning>) {
    warnings.push(Warning::maybe_at(
        crate::model::WarningCode::GuessedLabel,
        crate::msg!(
            "warning-guessed-column",
            header = crate::i18n::quoted(cell.text.trim()),
            field = crate::i18n::word(&format!("{field:?}"))
        ),
        Some(&cell.at),
    ));
}

/// The year cells of the header rows: the first run of years not under a
/// value group header is the period axis (the schedule); a run under
/// 目標値, 実績値 or 現状値 gives one value column per year.
fn year_columns(
    grid: &Grid,
    span: &TableSpan,
    end: usize,
    warnings: &mut Vec<Warning>,
) -> (Option<Columns>, Vec<ListColumn>) {
    let mut periods = None;
    let mut values = Vec::new();
    for r in span.start..end {
        let mut runs = axis::year_runs(grid, r, span.label_col, span.col_end);
        // Two-digit years under a 目標値 header spanning them (目標 over
        // 24 | 25) are that group's years, even alone in their row.
        let seen: Vec<usize> = runs.iter().flatten().map(|y| y.0).collect();
        runs.extend(
            axis::two_digit_runs(grid, r, span.label_col, span.col_end)
                .into_iter()
                .filter(|run| run.iter().all(|y| !seen.contains(&y.0)))
                .filter(|run| value_group(grid, span.start, r, run).is_some()),
        );
        for run in runs {
            match value_group(grid, span.start, r, &run) {
                // The note names the column's year; a two-digit header
                // (24) names it only as part of its run.
                Some(field) => values.extend(run.iter().map(|&(c, fy, w)| {
                    let printed = grid.text(r, c).trim().to_string();
                    let note = if year_in(&printed) == Some(fy) {
                        printed
                    } else {
                        format!("{fy}年度")
                    };
                    ListColumn {
                        cols: c..c + w.max(1),
                        field,
                        note: Some(note),
                        per_year: true,
                    }
                })),
                None if periods.is_none() => {
                    let Some(years) = axis::run_columns(&run, span.col_end.min(grid.cols())) else {
                        continue;
                    };
                    let at = grid.get(r, span.label_col).map(|c| &c.at);
                    periods = Some(axis::columns(grid, r, years, at, warnings));
                }
                None => {}
            }
        }
    }
    (periods, values)
}

/// The value field (目標値, 実績値, 現状値) of a header cell above a run of
/// year cells and spanning all of them, if there is one.
fn value_group(grid: &Grid, top: usize, row: usize, run: &[axis::YearCell]) -> Option<Field> {
    let (first, last) = (run.first()?, run.last()?);
    (top..row).rev().find_map(|r| {
        let (ar, ac) = grid.anchor_of(r, first.0);
        let cell = grid.get(ar, ac)?;
        let covers = ac <= first.0 && ac + cell.col_span as usize >= last.0 + last.2.max(1);
        let field = label_of(&cell.text)?.field;
        (covers && matches!(field, Field::Target | Field::Actual | Field::Current)).then_some(field)
    })
}

/// A table of indicators keyed by measure numbers: a number column, an
/// indicator column and value columns, but no measure name or text.
pub fn is_indicator_table(h: &ListHeader) -> bool {
    let has = |f: Field| h.columns.iter().any(|c| c.field == f);
    !has(Field::Name)
        && !has(Field::Description)
        && has(Field::Number)
        && has(Field::Indicator)
        && h.columns
            .iter()
            .any(|c| matches!(c.field, Field::Target | Field::Current | Field::Actual))
}

/// Two list headers with the same columns in the same order (the header
/// a table repeats on each page it runs over).
pub fn same_columns(a: &ListHeader, b: &ListHeader) -> bool {
    a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(&b.columns)
            .all(|(x, y)| x.field == y.field && x.note == y.note && x.per_year == y.per_year)
        && a.periods
            .as_ref()
            .map(|p| p.years.iter().map(|y| y.fy).collect::<Vec<_>>())
            == b.periods
                .as_ref()
                .map(|p| p.years.iter().map(|y| y.fy).collect::<Vec<_>>())
}

/// The header of a list carried onto the next page, where the list goes on
/// without repeating it: each column found again by its horizontal
/// position (on sheets, by its index).
pub fn carry_header(
    h: &ListHeader,
    from: &Grid,
    to: &Grid,
    data_start: usize,
) -> Option<ListHeader> {
    let periods = match &h.periods {
        Some(p) => Some(axis::remap(p, from, to)?),
        None => None,
    };
    let mut columns = Vec::new();
    for col in &h.columns {
        let cols = match (
            axis::column_x(from, col.cols.start),
            axis::column_x(from, col.cols.end - 1),
        ) {
            (Some((x0, _)), Some((_, x1))) => {
                let inside: Vec<usize> = (0..to.cols())
                    .filter(|&c| {
                        axis::column_x(to, c)
                            .is_some_and(|(a, b)| (a + b) / 2.0 > x0 && (a + b) / 2.0 < x1)
                    })
                    .collect();
                match (inside.first(), inside.last()) {
                    (Some(&a), Some(&b)) => a..b + 1,
                    _ => continue,
                }
            }
            _ => col.cols.clone(),
        };
        columns.push(ListColumn {
            cols,
            ..col.clone()
        });
    }
    Some(ListHeader {
        columns,
        periods,
        data_start,
    })
}

/// A row under the first header row that is header too: every cell that
/// starts on it is a label, a year or a period name.
fn is_header_row(grid: &Grid, row: usize, span: &TableSpan) -> bool {
    let cells = header_cells(grid, row, span);
    !cells.is_empty() && cells.iter().all(|&(_, known)| known)
}

/// The anchor cells of a header row that hold something, each with whether
/// it names a column, a year or a period (years also in two-digit runs).
fn header_cells(grid: &Grid, row: usize, span: &TableSpan) -> Vec<(usize, bool)> {
    let after = span.label_col.saturating_sub(1);
    let year_cols: HashSet<usize> = axis::year_runs(grid, row, after, span.col_end)
        .into_iter()
        .chain(
            axis::two_digit_runs(grid, row, after, span.col_end)
                .into_iter()
                .filter(|run| value_group(grid, span.start, row, run).is_some()),
        )
        .flatten()
        .map(|y| y.0)
        .collect();
    (span.label_col..span.col_end.min(grid.cols()))
        .filter_map(|c| grid.get(row, c).map(|cell| (c, cell)))
        .filter(|(_, cell)| cell.covered_by.is_none() && !cell.text.trim().is_empty())
        .map(|(c, cell)| {
            let t = cell.text.trim();
            let known = year_cols.contains(&c)
                || label_or_guess(t).is_some()
                || era::header_year(t).is_some()
                || era::year_range(t).is_some()
                || axis::period_name(t).is_some();
            (c, known)
        })
        .collect()
}

/// Reads the data rows of one list table.
pub struct ListReader<'a> {
    pub grid: &'a Grid,
    pub span: &'a TableSpan,
    pub header: &'a ListHeader,
    pub warnings: &'a mut Vec<Warning>,
    /// The cells read into the plan.
    pub ledger: &'a mut Ledger,
    /// The fiscal years of card rows under a list row (a transposed card).
    pub card_years: BTreeSet<i32>,
    /// When this table goes on from the list of an earlier page: that
    /// list's last measure, which a row cut by the page break (the table's
    /// first row, without a number) finishes.
    pub before: Option<&'a mut Measure>,
    /// Where the list ended in card rows (a transposed card): their
    /// period axis and the block they ended inside, for the card's rows
    /// continued on the next page.
    pub card_rows: Option<(Option<Columns>, Option<super::card::OpenBlock>)>,
    /// The policy a spanning row set, in force when the table starts (a
    /// list going on from an earlier page, whose last policy row may have
    /// ended that page) and, after [`ListReader::read`], at its end.
    pub policy: Option<(u32, String)>,
}

impl ListReader<'_> {
    /// Every measure of the list, in row order.
    pub fn read(&mut self) -> Vec<ListRow> {
        let mut out: Vec<ListRow> = Vec::new();
        let mut policy: Option<(u32, String)> = self.policy.take();
        self.take_header();
        let mut first = true;
        // The rows read so far all went on with the earlier page's last
        // measure: a further row without a name or number does too (a
        // measure over several unmerged rows the page break cut after its
        // first).
        let mut on_before = false;
        for r in self.header.data_start..self.span.end {
            if self.grid.row_is_blank(r) {
                continue;
            }
            if std::mem::take(&mut first) && self.cut_by_the_page_break(r) {
                if let Some(prev) = self.before.take() {
                    self.finish_cut_row(r, prev);
                    self.before = Some(prev);
                    on_before = true;
                    continue;
                }
            }
            if std::mem::take(&mut on_before) && out.is_empty() && self.goes_on(r) {
                if let Some(prev) = self.before.take() {
                    self.read_on(r, prev);
                    self.before = Some(prev);
                    on_before = true;
                    continue;
                }
            }
            if let Some(p) = spanning_policy(self.grid, r, self.span.label_col, self.span.col_end) {
                self.ledger
                    .take_heading(self.span.grid, r, self.span.label_col..self.span.col_end);
                policy = Some(p);
                continue;
            }
            if self.starts_card_rows(r) {
                if let Some(last) = out.last_mut() {
                    self.read_card_rows(r, &mut last.measure);
                    break;
                }
            }
            if self.continues_previous(r) {
                if let Some(last) = out.last_mut() {
                    self.read_more(r, &mut last.measure);
                    self.more_departments(r, &mut last.measure);
                    if self.has_own_indicator(r) {
                        self.take_indicator(r);
                        last.measure.indicators.extend(self.indicator(r));
                    }
                    continue;
                }
            }
            if self.field_text(r, Field::Name).is_none() {
                match out.last_mut() {
                    Some(last) if self.goes_on(r) => self.read_on(r, &mut last.measure),
                    _ => self.warn_unplaced(r),
                }
                continue;
            }
            let mut row = self.read_row(r);
            if row.policy.is_none() {
                row.policy = policy.clone();
            }
            out.push(row);
        }
        self.policy = policy;
        out
    }

    /// A row labelled in the first column with a card's row label
    /// (スケジュール, 成果指標, 事業費 …) under a list row: the header row
    /// and the row below it were a card's labels and values set across
    /// (a transposed card), and the rows from here are that card's.
    fn starts_card_rows(&self, r: usize) -> bool {
        let Some(cell) = self.grid.get(r, self.span.label_col) else {
            return false;
        };
        // A schedule's year header with a blank label cell (its label,
        // merged down, printed on the next page where the page break cut
        // it): the card's schedule starts here.
        // So does a row of its plan phases over the years (第1期 | 第2期)
        // where the page ended right under it, or any row whose blank
        // label cell is merged down beside the year header (取組項目 |
        // 前期（R7～R8） over the years).
        let year_row = |x: usize| {
            axis::year_header(self.grid, x, self.span.label_col, self.span.col_end).is_some()
        };
        let unlabelled_schedule = cell.text.trim().is_empty()
            && (year_row(r)
                || axis::is_headed_group_row(
                    self.grid,
                    r,
                    self.span.label_col + 1,
                    self.span.col_end,
                )
                || (r + 1..r + cell.row_span as usize).any(year_row));
        cell.covered_by.is_none()
            && (unlabelled_schedule
                || label_or_guess(&cell.text).is_some_and(|(l, _)| {
                    !matches!(
                        l.field,
                        Field::Number | Field::Policy | Field::Name | Field::Activity
                    )
                }))
    }

    /// Rows `r..` read as the rows of the card whose values the list row
    /// above gave.
    fn read_card_rows(&mut self, r: usize, m: &mut Measure) {
        let mut span = TableSpan {
            start: r,
            ..self.span.clone()
        };
        let cols = super::card::find_columns(self.grid, &span, self.warnings);
        // The schedule's phase row with no year row under it (the page
        // broke there): header, of the axis the next page gives.
        if cols.is_none()
            && axis::is_headed_group_row(self.grid, r, self.span.label_col + 1, self.span.col_end)
        {
            self.ledger
                .take(self.span.grid, r, self.span.label_col..self.span.col_end);
            span.start = r + 1;
        }
        if let Some(c) = &cols {
            self.card_years.extend(c.years.iter().map(|y| y.fy));
        }
        let mut reader = super::card::CardReader {
            grid: self.grid,
            span: &span,
            cols: cols.as_ref(),
            warnings: self.warnings,
            ledger: self.ledger,
            number: Heading::default(),
            resume: None,
            open: None,
        };
        reader.read(m);
        let open = reader.open.take();
        self.card_rows = Some((cols, open));
    }

    /// A row whose No. and name cells are blank (not merged) under a
    /// measure: the measure going on over one more row.
    fn goes_on(&self, r: usize) -> bool {
        let blank = |f: Field| {
            self.column(f).is_none_or(|c| {
                c.cols.clone().all(|col| {
                    self.grid.get(r, col).is_some_and(|cell| {
                        cell.covered_by.is_none() && cell.text.trim().is_empty()
                    })
                })
            })
        };
        blank(Field::Name) && blank(Field::Number)
    }

    /// The first row of a table going on from an earlier page holds the
    /// rest of a row the page break cut: no number where the list numbers
    /// its rows (the tail of a wrapped name may stand in the name column),
    /// else no name either.
    fn cut_by_the_page_break(&self, r: usize) -> bool {
        if self.before.is_none() {
            return false;
        }
        // A cell merged across the row (a name cell two columns wide) is
        // blank when its anchor on this row is; one merged down from above
        // is not.
        let blank = |f: Field| {
            self.column(f).map(|c| {
                c.cols.clone().all(|col| {
                    self.grid
                        .get(r, col)
                        .is_none_or(|cell| match cell.covered_by {
                            None => cell.text.trim().is_empty(),
                            Some((ar, ac)) => ar == r && self.grid.text(ar, ac).trim().is_empty(),
                        })
                })
            })
        };
        match blank(Field::Number) {
            Some(no_number) => no_number,
            None => blank(Field::Name).unwrap_or(false),
        }
    }

    /// The rows of a table of indicators ([`is_indicator_table`]): each
    /// row's measure number (as printed) and its indicator, the row's
    /// first cell, in row order. A `単位` column gives the unit. Rows
    /// without a number or an indicator are left out with a warning.
    pub fn indicator_rows(&mut self) -> Vec<(Heading, Indicator, Option<crate::grid::Loc>)> {
        self.take_header();
        let unit_col = (self.span.start..self.header.data_start).find_map(|r| {
            (self.span.label_col..self.span.col_end).find(|&c| {
                self.grid
                    .get(r, c)
                    .is_some_and(|cell| text::label_key(&cell.text) == "単位")
            })
        });
        if let Some(c) = unit_col {
            for r in self.span.start..self.header.data_start {
                self.ledger.take(self.span.grid, r, c..c + 1);
            }
        }
        let mut out = Vec::new();
        for r in self.header.data_start..self.span.end {
            if self.grid.row_is_blank(r) {
                continue;
            }
            let heading = self
                .field_text(r, Field::Number)
                .map(|t| numbering::number_cell(&t))
                .unwrap_or_default();
            let at = (self.span.label_col..self.span.col_end)
                .filter_map(|c| self.grid.get(r, c))
                .find(|c| c.covered_by.is_none() && !c.text.trim().is_empty())
                .map(|c| c.at.clone());
            let inds = if heading.number.is_some() {
                self.indicator(r)
            } else {
                Vec::new()
            };
            if inds.is_empty() {
                self.warn_unplaced(r);
                continue;
            }
            self.take_first_of_each(r);
            self.take_indicator(r);
            for (k, mut ind) in inds.into_iter().enumerate() {
                if let (0, Some(c)) = (k, unit_col) {
                    let unit = text::clean_text(self.grid.text(r, c));
                    if !unit.is_empty() {
                        ind.unit = Some(unit);
                    }
                    self.ledger.take(self.span.grid, r, c..c + 1);
                }
                out.push((heading, ind, at.clone()));
            }
        }
        out
    }

    /// The rest of a row the page break cut, on the next page: every
    /// text goes on the measure's (its name, and the activity named after
    /// it; its last indicator's name when the row gives that indicator no
    /// value of its own), and its period cells and values are read as
    /// those of one more row of the measure.
    fn finish_cut_row(&mut self, r: usize, m: &mut Measure) {
        let joined = |a: &str, b: &str| text::clean_text(&format!("{a}\n{b}"));
        if let Some(tail) = self.field_text(r, Field::Name) {
            let old = std::mem::take(&mut m.name);
            m.name = joined(&old, &tail);
            for s in m.schedule.iter_mut().filter(|s| s.activity == old) {
                s.activity = m.name.clone();
            }
        }
        let values = self
            .header
            .columns
            .iter()
            .filter(|c| matches!(c.field, Field::Target | Field::Current | Field::Actual))
            .any(|c| !self.text_of(r, c).trim().is_empty());
        let tail = self.field_text(r, Field::Indicator);
        if let (Some(tail), false, Some(last)) = (&tail, values, m.indicators.last_mut()) {
            let head = match &last.unit {
                Some(u) => format!("{}（{u}）", last.name),
                None => last.name.clone(),
            };
            (last.name, last.unit) = label::split_indicator_label(&joined(&head, tail));
            self.take_indicator(r);
            self.read_on_texts(r, m);
            self.take_first_of_each(r);
            self.read_more(r, m);
            return;
        }
        self.read_on(r, m);
    }

    /// A department a further row of the measure names in its own cell
    /// (an activity's department under a name merged down): one more of
    /// the measure's departments, once.
    fn more_departments(&mut self, r: usize, m: &mut Measure) {
        let Some(col) = self.column(Field::Departments).cloned() else {
            return;
        };
        let own = self
            .grid
            .get(r, col.cols.start)
            .is_some_and(|c| c.covered_by.is_none() && !c.text.trim().is_empty());
        if !own {
            return;
        }
        let (more, etc) = label::departments(&text::clean_text(&self.text_of(r, &col)));
        for d in more {
            if !m.departments.contains(&d) {
                m.departments.push(d);
            }
        }
        m.departments_etc |= etc;
        self.ledger.take(self.span.grid, r, col.cols.clone());
    }

    /// One more row of the measure above: its texts joined to the
    /// measure's, its schedule cells and its indicator read.
    fn read_on(&mut self, r: usize, m: &mut Measure) {
        self.read_on_texts(r, m);
        self.take_first_of_each(r);
        self.read_more(r, m);
        if self.has_own_indicator(r) {
            self.take_indicator(r);
            m.indicators.extend(self.indicator(r));
        }
    }

    /// A further row's texts joined to the measure's (description, effect,
    /// challenges, review, evaluation, departments).
    fn read_on_texts(&mut self, r: usize, m: &mut Measure) {
        let join = |slot: &mut Option<String>, more: Option<String>| {
            if let Some(more) = more.and_then(|t| text::text_or_none(&t)) {
                *slot = Some(match slot.take() {
                    Some(s) => text::clean_text(&format!("{s}\n{more}")),
                    None => more,
                });
            }
        };
        join(&mut m.description, self.field_text(r, Field::Description));
        join(&mut m.effect, self.field_text(r, Field::Effect));
        join(&mut m.challenges, self.field_text(r, Field::Challenges));
        join(&mut m.review, self.field_text(r, Field::Review));
        join(
            &mut m.qualitative_evaluation,
            self.field_text(r, Field::Qualitative),
        );
        if let Some(d) = self.field_text(r, Field::Departments) {
            m.departments_etc |= label::more_departments(&mut m.departments, &text::clean_text(&d));
        }
    }

    /// The header rows' cells that name a column, a year or a period.
    fn take_header(&mut self) {
        for r in self.span.start..self.header.data_start {
            for (c, known) in header_cells(self.grid, r, self.span) {
                if known {
                    self.ledger.take(self.span.grid, r, c..c + 1);
                }
            }
        }
    }

    /// The cells an indicator is read from on row `r`: the 指標 column
    /// and every value column.
    fn take_indicator(&mut self, r: usize) {
        let name: Vec<Range<usize>> = self
            .header
            .columns
            .iter()
            .filter(|c| c.field == Field::Indicator)
            .map(|c| c.cols.clone())
            .collect();
        let values = self
            .header
            .columns
            .iter()
            .filter(|c| matches!(c.field, Field::Target | Field::Current | Field::Actual))
            .map(|c| c.cols.clone());
        for cols in name.into_iter().chain(values).collect::<Vec<_>>() {
            self.ledger.take(self.span.grid, r, cols);
        }
    }

    /// A row with content but no measure name: left out, with a warning.
    fn warn_unplaced(&mut self, r: usize) {
        let texts: Vec<&str> = (self.span.label_col..self.span.col_end)
            .filter_map(|c| self.grid.get(r, c))
            .filter(|c| c.covered_by.is_none() && !c.text.trim().is_empty())
            .map(|c| c.text.trim())
            .collect();
        if texts.is_empty() {
            return;
        }
        let at = (self.span.label_col..self.span.col_end)
            .filter_map(|c| self.grid.get(r, c))
            .find(|c| c.covered_by.is_none() && !c.text.trim().is_empty())
            .map(|c| &c.at);
        self.warnings.push(Warning::maybe_at(
            crate::model::WarningCode::UnplacedRow,
            crate::msg!("warning-list-no-name", texts = texts.join(" | ")),
            at,
        ));
    }

    fn column(&self, field: Field) -> Option<&ListColumn> {
        self.header.columns.iter().find(|c| c.field == field)
    }

    /// The text of a column on a row (a cell merged down from above gives
    /// its text on every row it covers).
    fn text_of(&self, r: usize, col: &ListColumn) -> String {
        // A set keeps a column merged across thousands of cells linear (a
        // list of the anchors seen made it quadratic).
        let mut seen = HashSet::new();
        let mut parts = Vec::new();
        for c in col.cols.clone() {
            let anchor = self.grid.anchor_of(r, c);
            if !seen.insert(anchor) {
                continue;
            }
            let t = self.grid.text(anchor.0, anchor.1).trim();
            if !t.is_empty() {
                parts.push(t.to_string());
            }
        }
        parts.join("\n")
    }

    /// The row's text of a field. A prose field with several columns (進捗 |
    /// 評価, two 内容 columns) joins their texts in column order; a name,
    /// number or policy has one column, the first.
    fn field_text(&self, r: usize, field: Field) -> Option<String> {
        let text = if JOINED_FIELDS.contains(&field) {
            let parts: Vec<String> = self
                .header
                .columns
                .iter()
                .filter(|c| c.field == field)
                .map(|c| self.text_of(r, c))
                .filter(|t| !t.trim().is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join("\n"))
        } else {
            self.column(field).map(|c| self.text_of(r, c))
        };
        text.filter(|t| !t.trim().is_empty())
    }

    /// A row whose name cell is merged down from the row above: the 実績
    /// (or second) line of the measure above.
    fn continues_previous(&self, r: usize) -> bool {
        let Some(col) = self.column(Field::Name) else {
            return false;
        };
        self.grid
            .get(r, col.cols.start)
            .and_then(|c| c.covered_by)
            .is_some_and(|(ar, _)| ar >= self.header.data_start && ar < r)
    }

    /// True when a row's 指標 cell holds a name of its own rather than
    /// being merged down from the row above: on a measure's second row,
    /// its next indicator (one KPI a row). A 実績 line under a 計画 line
    /// shares the name above, so it is not one.
    fn has_own_indicator(&self, r: usize) -> bool {
        self.column(Field::Indicator).is_some_and(|c| {
            self.grid
                .get(r, c.cols.start)
                .is_some_and(|cell| cell.covered_by.is_none() && !cell.text.trim().is_empty())
        })
    }

    /// The 計画/実績 word of a row, in any non-period column.
    fn row_kind(&self, r: usize) -> Option<bool> {
        self.header
            .columns
            .iter()
            .filter(|c| c.field != Field::Name)
            .find_map(|c| {
                c.cols.clone().find_map(|col| {
                    let cell = self.grid.get(r, col)?;
                    (cell.covered_by.is_none())
                        .then(|| plan_or_actual(&cell.text))
                        .flatten()
                })
            })
            .or_else(|| {
                (self.span.label_col..self.span.col_end).find_map(|c| {
                    let in_periods = self
                        .header
                        .periods
                        .as_ref()
                        .is_some_and(|p| (p.first_col()..p.end_col()).contains(&c));
                    let cell = self.grid.get(r, c)?;
                    (!in_periods && cell.covered_by.is_none())
                        .then(|| plan_or_actual(&cell.text))
                        .flatten()
                })
            })
    }

    fn read_row(&mut self, r: usize) -> ListRow {
        let span = TableSpan {
            start: r,
            end: r + 1,
            ..self.span.clone()
        };
        let mut m = empty_measure(source_ref(self.grid, &span));
        m.name = self
            .field_text(r, Field::Name)
            .map(|t| text::clean_text(&t))
            .unwrap_or_default();
        m.description = self
            .field_text(r, Field::Description)
            .and_then(|t| text::text_or_none(&t));
        m.effect = self
            .field_text(r, Field::Effect)
            .and_then(|t| text::text_or_none(&t));
        m.challenges = self
            .field_text(r, Field::Challenges)
            .and_then(|t| text::text_or_none(&t));
        m.review = self
            .field_text(r, Field::Review)
            .and_then(|t| text::text_or_none(&t));
        m.qualitative_evaluation = self
            .field_text(r, Field::Qualitative)
            .and_then(|t| text::text_or_none(&t));
        if let Some(d) = self.field_text(r, Field::Departments) {
            (m.departments, m.departments_etc) = label::departments(&text::clean_text(&d));
        }
        let heading = self
            .field_text(r, Field::Number)
            .map(|t| numbering::number_cell(&t))
            .unwrap_or_default();
        let policy = self
            .field_text(r, Field::Policy)
            .and_then(|t| numbering::policy_cell(&t));
        self.take_first_of_each(r);
        self.take_indicator(r);
        self.read_more(r, &mut m);
        let open_ended = self.read_ranges(r, &mut m);
        m.indicators = self.indicator(r);
        ListRow {
            measure: m,
            heading,
            policy,
            at: self.grid.get(r, self.span.label_col).map(|c| c.at.clone()),
            open_ended,
        }
    }

    /// A list without period columns: each date range written in a
    /// schedule column (実施時期: 令和7年4月～9月, 導入 R7.4～R7.9) is an
    /// activity over the months it touches, named by the words beside it
    /// or else by the column's header. Returns the open-ended ones.
    fn read_ranges(&mut self, r: usize, m: &mut Measure) -> Vec<String> {
        let mut open = Vec::new();
        if self.header.periods.is_some() {
            return open;
        }
        let cols: Vec<ListColumn> = self
            .header
            .columns
            .iter()
            .filter(|c| c.field == Field::Schedule)
            .cloned()
            .collect();
        for col in cols {
            let text = self.text_of(r, &col);
            let mut ranges: Vec<era::DateRange> =
                text.lines().filter_map(era::date_range).collect();
            if ranges.len() != text.lines().filter(|l| !l.trim().is_empty()).count() {
                // Not a range on each line: one range wrapped inside its
                // cell (令和7年5月～12⏎月), read with the breaks taken out.
                let joined: String = text.lines().map(str::trim).collect();
                ranges = era::date_range(&joined).into_iter().collect();
            }
            if ranges.is_empty() {
                continue;
            }
            let header = self.header_text(&col);
            for d in ranges {
                let name = if d.words.is_empty() {
                    header.clone()
                } else {
                    text::clean_text(&d.words)
                };
                let to = d.to.unwrap_or_else(|| {
                    open.push(name.clone());
                    let fy = if d.from.1 >= 4 {
                        d.from.0
                    } else {
                        d.from.0 - 1
                    };
                    (fy + 1, 3)
                });
                let plan = range_periods(d.from, to, Granularity::Month);
                match m.schedule.iter_mut().find(|a| a.activity == name) {
                    Some(a) => {
                        a.plan.extend(plan);
                        a.plan.sort();
                        a.plan.dedup();
                    }
                    None => m.schedule.push(crate::model::Activity {
                        activity: name,
                        plan,
                        actual: Vec::new(),
                    }),
                }
            }
            self.ledger.take(self.span.grid, r, col.cols.clone());
        }
        open
    }

    /// The header text over a column (its label as printed).
    fn header_text(&self, col: &ListColumn) -> String {
        (self.span.start..self.header.data_start)
            .map(|r| self.grid.text(r, col.cols.start).trim())
            .find(|t| !t.is_empty())
            .map(text::clean_text)
            .unwrap_or_default()
    }

    /// The first column of each text field (the one [`Self::field_text`]
    /// reads) on row `r` is read.
    fn take_first_of_each(&mut self, r: usize) {
        for f in TEXT_FIELDS {
            let cols: Vec<Range<usize>> = self
                .header
                .columns
                .iter()
                .filter(|c| c.field == *f)
                .take(if JOINED_FIELDS.contains(f) {
                    usize::MAX
                } else {
                    1
                })
                .map(|c| c.cols.clone())
                .collect();
            for c in cols {
                self.ledger.take(self.span.grid, r, c);
            }
        }
    }

    /// The schedule of a row: words and arrows as activities, marks as
    /// the row's one activity (named by its 取組 column, else by the
    /// measure's name: a row of wordless bars or arrows).
    fn read_more(&mut self, r: usize, m: &mut Measure) {
        let Some(periods) = self.header.periods.as_ref() else {
            return;
        };
        let (first, end) = (periods.first_col(), periods.end_col());
        self.ledger.take(self.span.grid, r, first..end);
        if let Some(c) = self.column(Field::Activity) {
            self.ledger.take(self.span.grid, r, c.cols.clone());
        }
        let cells = row_marks(self.grid, r, periods);
        if cells.iter().all(|c| c.2 == Mark::Empty) {
            return;
        }
        let name = self
            .field_text(r, Field::Activity)
            .map(|t| text::clean_text(&t))
            .unwrap_or_else(|| m.name.clone());
        let is_plan = self.row_kind(r).unwrap_or(true);
        for a in word_activities(&cells, periods, &name) {
            let found = m.schedule.iter().position(|x| x.activity == a.activity);
            let i = found.unwrap_or_else(|| {
                m.schedule.push(crate::model::Activity {
                    activity: a.activity.clone(),
                    plan: Vec::new(),
                    actual: Vec::new(),
                });
                m.schedule.len() - 1
            });
            let list = if is_plan {
                &mut m.schedule[i].plan
            } else {
                &mut m.schedule[i].actual
            };
            list.extend(a.plan);
            list.sort();
            list.dedup();
        }
    }

    /// 指標 / 現状値 / 目標値 columns: name and unit, and a value for each
    /// year named in a header or in the cell.
    /// The row's indicators: one per indicator column (指標 | 目標値 |
    /// 指標 | 目標値: KPI(進捗) and KPI(効果) side by side), each with the
    /// value columns after it up to the next indicator column (value
    /// columns before the first go with the first); without an indicator
    /// column, one unnamed indicator of every value column.
    fn indicator(&mut self, r: usize) -> Vec<Indicator> {
        let names: Vec<ListColumn> = self
            .header
            .columns
            .iter()
            .filter(|c| c.field == Field::Indicator)
            .cloned()
            .collect();
        let values: Vec<ListColumn> = self
            .header
            .columns
            .iter()
            .filter(|c| matches!(c.field, Field::Target | Field::Current | Field::Actual))
            .cloned()
            .collect();
        if names.len() <= 1 {
            let name = names.first().map(|c| self.text_of(r, c));
            return self.indicator_of(r, name, &values).into_iter().collect();
        }
        let mut out = Vec::new();
        for (k, n) in names.iter().enumerate() {
            let next = names.get(k + 1).map_or(usize::MAX, |x| x.cols.start);
            let own: Vec<ListColumn> = values
                .iter()
                .filter(|v| {
                    let start = v.cols.start;
                    (start > n.cols.start || k == 0 && start < n.cols.start) && start < next
                })
                .cloned()
                .collect();
            let name = Some(self.text_of(r, n));
            out.extend(self.indicator_of(r, name, &own));
        }
        out
    }

    fn indicator_of(
        &mut self,
        r: usize,
        name_text: Option<String>,
        value_cols: &[ListColumn],
    ) -> Option<Indicator> {
        let name_text = name_text.filter(|t| !t.trim().is_empty());
        let mut target = BTreeMap::new();
        let mut actual = BTreeMap::new();
        for col in value_cols {
            let raw = self.text_of(r, col);
            let loc = self.grid.get(r, col.cols.start).map(|c| &c.at);
            let at = loc.map(|l| l.short());
            let header_year = col.note.as_deref().and_then(year_in);
            if raw.trim().is_empty() {
                if let (true, Some(fy)) = (col.per_year, header_year) {
                    let slot = if col.field == Field::Target {
                        &mut target
                    } else {
                        &mut actual
                    };
                    let empty = Value {
                        at,
                        ..Value::empty()
                    };
                    slot.entry(fy).or_insert(empty);
                }
                continue;
            }
            let Some((fy, value)) = year_value(&raw, header_year) else {
                self.warnings.push(Warning::maybe_at(
                    crate::model::WarningCode::UnplacedValue,
                    crate::msg!("warning-unplaced-value", raw = crate::i18n::quoted(&raw)),
                    loc,
                ));
                continue;
            };
            let mut value = value;
            value.at = at;
            let slot = if col.field == Field::Target {
                &mut target
            } else {
                &mut actual
            };
            slot.entry(fy).or_insert(value);
        }
        let printed = |v: &Value| !v.raw.is_empty();
        let named = name_text
            .as_deref()
            .is_some_and(|t| text::text_or_none(t).is_some());
        if !named && !target.values().chain(actual.values()).any(printed) {
            return None;
        }
        let (name, unit) =
            label::split_indicator_label(&text::clean_text(&name_text.unwrap_or_default()));
        Some(Indicator {
            name,
            unit,
            target,
            actual,
        })
    }
}

/// The prose fields whose several columns are joined (the others read
/// their first column only).
const JOINED_FIELDS: &[Field] = &[
    Field::Description,
    Field::Effect,
    Field::Challenges,
    Field::Review,
    Field::Qualitative,
    Field::Departments,
];

/// The columns one row's text fields are read from (the first column of each).
const TEXT_FIELDS: &[Field] = &[
    Field::Name,
    Field::Description,
    Field::Effect,
    Field::Challenges,
    Field::Review,
    Field::Qualitative,
    Field::Departments,
    Field::Number,
    Field::Policy,
];

/// The fiscal year in a note like `R8`, `令和8年度`, `2026年度末`.
fn year_in(note: &str) -> Option<i32> {
    let key = text::label_key(note);
    let key = key.trim_end_matches("末").trim_end_matches("時点");
    era::era_year(key)
}

/// A value cell with its year: `85（R5）`, `R8: 60`, `60` under a header
/// naming the year. The raw text is the cell as printed; the number is
/// read without the year.
fn year_value(raw: &str, header_year: Option<i32>) -> Option<(i32, Value)> {
    let printed = text::clean_raw(raw);
    let (fy, bare) = split_year(&printed)
        .map(|(fy, bare)| (Some(fy), bare))
        .unwrap_or((None, printed.clone()));
    let fy = fy.or(header_year)?;
    let mut v = number::indicator_value(&bare);
    v.raw = printed;
    Some((fy, v))
}

/// `85（R5）` → (2023, "85"); `R8: 60` → (2026, "60"); `R8年度 60` → (2026, "60").
fn split_year(s: &str) -> Option<(i32, String)> {
    use std::sync::OnceLock;
    static TAIL: OnceLock<crate::pattern::Regex> = OnceLock::new();
    static HEAD: OnceLock<crate::pattern::Regex> = OnceLock::new();
    let tail = TAIL.get_or_init(|| crate::pattern::compile(r"^(.+?)\s*[（(]([^（）()]+)[）)]$"));
    let head = HEAD.get_or_init(|| {
        crate::pattern::compile(r"^((?:令和|平成|[RrHhＲＨ])\s*[0-9０-９元]{1,2}(?:年度?)?(?:末)?|[0-9]{4}年度?)\s*[:：]?\s*(.+)$")
    });
    if let Some(c) = tail.captures(s) {
        if let Some(fy) = year_in(&c[2]) {
            return Some((fy, c[1].trim().to_string()));
        }
    }
    let c = head.captures(s)?;
    Some((year_in(&c[1])?, c[2].trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_years() {
        let (fy, v) = year_value("85（R5）", None).unwrap();
        assert_eq!(
            (fy, v.value, v.raw.as_str()),
            (2023, Some(85.0), "85（R5）")
        );
        let (fy, v) = year_value("R8: 60", None).unwrap();
        assert_eq!((fy, v.value), (2026, Some(60.0)));
        let (fy, v) = year_value("120", Some(2027)).unwrap();
        assert_eq!((fy, v.value), (2027, Some(120.0)));
        let (fy, v) = year_value("全庁展開", Some(2027)).unwrap();
        assert_eq!((fy, v.note.as_deref()), (2027, Some("全庁展開")));
        assert!(year_value("120", None).is_none());
        assert_eq!(year_in("R8"), Some(2026));
        assert_eq!(year_in("令和9年度末"), Some(2027));
    }
}
