//! Stage 2: find the tables of a grid and classify them.
//!
//! - a **card** starts at a cell labelled 事業名 (or a synonym) and runs down
//!   its label column; two cards may stand side by side (the left one ends
//!   where the right one's label column starts);
//! - a **list** starts at a header row that names several columns (取組名,
//!   取組内容, 所管課 …) and runs while rows hold table content;
//! - a **continued** card is labelled rows at the top of a page or sheet,
//!   before any table starts: the rest of the card on the page before.

use super::labels::{Field, field_of, label_or_guess};
use crate::grid::{Cell, Grid};

/// What a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Card,
    List,
    Continued,
}

/// One table: rows `start..end` and columns `label_col..col_end` of a grid.
/// For a card the labels stand in `label_col`; for a list, `start` is its
/// first header row.
#[derive(Debug, Clone)]
pub struct TableSpan {
    pub grid: usize,
    pub start: usize,
    pub end: usize,
    pub label_col: usize,
    pub col_end: usize,
    pub kind: Kind,
}

/// Every table of a grid, in reading order (by row, then column).
pub fn find_tables(grid: &Grid, gi: usize) -> Vec<TableSpan> {
    let lists = list_headers(grid);
    let mut starts: Vec<(usize, usize, Kind)> =
        lists.iter().map(|&(r, c)| (r, c, Kind::List)).collect();
    for r in (0..grid.rows()).filter(|r| !lists.iter().any(|l| l.0 == *r)) {
        starts.extend(name_labels(grid, r).into_iter().map(|c| (r, c, Kind::Card)));
    }
    if starts.is_empty() {
        starts.extend(
            unnamed_cards(grid)
                .into_iter()
                .map(|(r, c)| (r, c, Kind::Card)),
        );
    }
    if starts.is_empty() {
        starts.extend(
            titled_cards(grid)
                .into_iter()
                .map(|(r, c)| (r, c, Kind::Card)),
        );
    }
    let more = same_word_starts(grid, &starts);
    starts.extend(more.into_iter().map(|(r, c)| (r, c, Kind::Card)));
    starts.sort_by_key(|s| (s.0, s.1));
    let mut spans: Vec<TableSpan> = starts
        .iter()
        .enumerate()
        .map(|(i, &(row, col, kind))| span_of(grid, gi, &starts, i, row, col, kind))
        .collect();
    if let Some(first) = spans.iter().map(|s| s.start).min().or(Some(grid.rows())) {
        if let Some(cont) = continued(grid, gi, first) {
            spans.insert(0, cont);
        }
    }
    spans
}

fn span_of(
    grid: &Grid,
    gi: usize,
    starts: &[(usize, usize, Kind)],
    i: usize,
    row: usize,
    col: usize,
    kind: Kind,
) -> TableSpan {
    // Side by side: the next start on the same row to the right.
    let col_end = starts
        .iter()
        .filter(|s| s.0 == row && s.1 > col)
        .map(|s| s.1)
        .min()
        .unwrap_or(grid.cols());
    // Below: the next start whose columns overlap ours.
    let limit = starts[i + 1..]
        .iter()
        .filter(|s| s.0 > row && s.1 < col_end)
        .map(|s| s.0)
        .min()
        .unwrap_or(grid.rows());
    let end = match kind {
        Kind::List => list_end(grid, row, limit, col, col_end),
        _ => table_end(grid, row, limit, col, col_end),
    };
    TableSpan {
        grid: gi,
        start: row,
        end,
        label_col: col,
        col_end,
        kind,
    }
}

/// The columns of a row whose anchor cell is a 事業名 label (or a synonym):
/// each starts a card. Rows that head a list are found first and never
/// come here. In a row of label | value pairs the card starts at the
/// row's first label.
fn name_labels(grid: &Grid, row: usize) -> Vec<usize> {
    if let Some(pairs) = pairs_row(grid, row) {
        let named = pairs.iter().any(|p| p.field == Field::Name);
        return if named {
            vec![pairs[0].label]
        } else {
            Vec::new()
        };
    }
    // A name word over the activity names in a schedule's year header
    // row (工程 | 取組項目 | R7 | R8) heads a column, not a card.
    if super::axis::year_header(grid, row, 0, grid.cols()).is_some() {
        return Vec::new();
    }
    // Nor does one right of a schedule label (工程 | 取組項目 | 第1期 …,
    // the years in the row below a group header): it heads the
    // schedule's activity column.
    let schedule_at = row_label(grid, row)
        .filter(|(_, f)| *f == Field::Schedule)
        .map(|(c, _)| c);
    let known: Vec<usize> = grid
        .row(row)
        .iter()
        .enumerate()
        .filter(|(col, _)| schedule_at.is_none_or(|s| *col < s))
        .filter(|(_, c)| c.covered_by.is_none() && field_of(&c.text) == Some(Field::Name))
        // A name word merged down beside a schedule's period header (取組項目
        // over 第1期 | 第2期, the years, the quarters) heads the activity
        // column; the schedule's label cell may stand on the next page.
        .filter(|(col, c)| {
            !(row + 1..row + c.row_span as usize)
                .any(|r| super::axis::year_header(grid, r, *col, grid.cols()).is_some())
        })
        // Nor one alone in its row right above a row of period names (its
        // merged cell cut by a page break between the years and the
        // quarters: its text printed again over the quarters).
        .filter(|(col, c)| {
            let below = row + c.row_span as usize;
            below >= grid.rows()
                || has_body(grid, row, *col, grid.cols())
                || super::axis::period_row(grid, below, col + 1, grid.cols()).is_none()
        })
        // Nor one beside plan phases (取組項目 | 第1期 | 第2期): a schedule's
        // group header, whatever stands below it (the page may break
        // right under it, the years on the next page); no measure is
        // named 第1期.
        .filter(|(col, _)| !super::axis::is_group_row(grid, row, col + 1, grid.cols()))
        .map(|(col, _)| col)
        .collect();
    if !known.is_empty() {
        return known;
    }
    // A name word the table does not know but its words say (事業の名称,
    // 主な事業) starts a card where it leads a row with a value, right
    // above a row labelled with a card's field.
    unnamed_card_at(grid, row, |f| f == Some(Field::Name))
        .into_iter()
        .collect()
}

/// A card's first row by its shape: a short first cell (whose field,
/// known or read by its words, `accept` takes) with a value beside it,
/// right above a row labelled with a card's field (内容, 効果, スケジュール
/// …) in the same column.
fn unnamed_card_at(grid: &Grid, r: usize, accept: impl Fn(Option<Field>) -> bool) -> Option<usize> {
    if r + 1 >= grid.rows() {
        return None;
    }
    let (col, cell) = grid
        .row(r)
        .iter()
        .enumerate()
        .find(|(_, c)| c.covered_by.is_none() && !c.text.trim().is_empty())?;
    let short = cell.text.trim().chars().count() <= 12;
    // The row below is labelled with a card field the label table knows,
    // or two rows below carry two different card fields read by their
    // words: one guessed word (議会費 read as a cost) under a short row
    // is a budget table's shape as much as a card's.
    // The label stands first in its row, in the name's column (a 目標
    // header cell of a KPI table under a schedule's words is not one).
    let field_below = |r: usize| {
        row_label(grid, r).filter(|(c, _)| *c == col)?;
        let cell = grid.row(r).get(col).filter(|c| c.covered_by.is_none())?;
        label_or_guess(&cell.text)
            .filter(|(l, _)| card_field(l.field))
            .map(|(l, guessed)| (l.field, guessed))
    };
    let next = match field_below(r + 1) {
        Some((_, false)) => Some(()),
        Some((f, true)) if r + 2 < grid.rows() => {
            field_below(r + 2).filter(|(g, _)| *g != f).map(|_| ())
        }
        _ => None,
    };
    (short
        && accept(label_or_guess(&cell.text).map(|l| l.0.field))
        && has_body(grid, r, col, grid.cols())
        && !is_heading_row(grid, r)
        && next.is_some())
    .then_some(col)
}

/// Cards whose name label is a word the label table does not know (主な事業,
/// 事業の名称) or knows only as a list's activity column (取組): a row of an unknown short label with a value beside it,
/// right above a row labelled with a card's field (内容, 効果, スケジュール
/// …) in the same column. Looked for only on a grid where no known label
/// starts a table; the card reader reads that first row as the name, with
/// a `guessed_label` warning.
fn unnamed_cards(grid: &Grid) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = (0..grid.rows().saturating_sub(1))
        .filter_map(|r| {
            unnamed_card_at(grid, r, |f| matches!(f, None | Some(Field::Activity))).map(|c| (r, c))
        })
        .collect();
    found.extend(cut_under_name(grid, &found));
    found
}

/// A card the page break cut right under its name row: the last row of
/// the reader's table, with a value beside a label cell whose words are
/// those that started another card of this page in the same column (取組
/// | 学校連絡のデジタル化, with no row of a card's field below it to say
/// so; the rest of the card opens the next page).
fn cut_under_name(grid: &Grid, found: &[(usize, usize)]) -> Option<(usize, usize)> {
    let key_at = |r: usize, c: usize| {
        grid.get(r, c)
            .map(|x| crate::normalize::text::label_key(&x.text))
    };
    let (r, col) = (0..grid.rows()).rev().find_map(|r| {
        let t = grid.tables.iter().find(|t| t.rows.end == r + 1)?;
        let col = (t.cols.start..t.cols.end).find(|&c| {
            grid.get(r, c)
                .is_some_and(|x| x.covered_by.is_none() && !x.text.trim().is_empty())
        })?;
        Some((r, col))
    })?;
    let key = key_at(r, col)?;
    let named_above = found
        .iter()
        .any(|&(fr, fc)| fr < r && fc == col && key_at(fr, fc).as_deref() == Some(key.as_str()));
    let below_is_empty = (r + 1..grid.rows()).all(|k| grid.table_at(k, col).is_none());
    (named_above
        && below_is_empty
        && !found.iter().any(|f| f.0 == r)
        && has_body(grid, r, col, grid.cols())
        && !is_heading_row(grid, r))
    .then_some((r, col))
}

/// Rows of a page labelled, in a card start's column, with the word that
/// starts that card, a value beside them: cards too, where the rows below
/// do not say so (a page's last rows: the card's other rows on the next
/// page, or labels known only by their words).
fn same_word_starts(grid: &Grid, starts: &[(usize, usize, Kind)]) -> Vec<(usize, usize)> {
    if !matches!(grid.origin, crate::grid::Origin::Page(_)) {
        return Vec::new();
    }
    let key = crate::normalize::text::label_key;
    let mut more: Vec<(usize, usize)> = Vec::new();
    for &(r0, col, kind) in starts {
        if kind != Kind::Card {
            continue;
        }
        let word = key(grid.text(r0, col));
        if word.is_empty() {
            continue;
        }
        for r in r0 + 1..grid.rows() {
            let same = grid
                .get(r, col)
                .is_some_and(|c| c.covered_by.is_none() && key(&c.text) == word);
            let known = starts.iter().any(|s| s.0 == r) || more.iter().any(|m| m.0 == r);
            if same && !known && has_body(grid, r, col, grid.cols()) {
                more.push((r, col));
            }
        }
    }
    more
}

/// A field only a card labels (not its name).
fn card_field(f: Field) -> bool {
    matches!(
        f,
        Field::Description
            | Field::Effect
            | Field::Challenges
            | Field::Schedule
            | Field::Indicator
            | Field::Target
            | Field::Cost
            | Field::Departments
    )
}

/// Cards without a name row whose measure is numbered and named by a title
/// line right above the table (a slide's title `取組1-2　…` over a card
/// that starts at 概要): a row labelled with a card's field right under a
/// heading row that gives a measure's number and title (see [`title_of`]).
/// Looked for only on a grid where no other card or list starts; the card
/// starts at the labelled row, its number comes from the heading as for
/// any card, its name from the title.
fn titled_cards(grid: &Grid) -> Vec<(usize, usize)> {
    (1..grid.rows())
        .filter_map(|r| {
            let (col, f) = row_label(grid, r)?;
            (card_field(f) && title_of(grid, r - 1).is_some()).then_some((r, col))
        })
        .collect()
}

/// The measure's title a heading row gives: the row's only text, a
/// measure word and number followed by the title (`取組1-2　…`).
pub fn title_of(grid: &Grid, row: usize) -> Option<String> {
    let texts: Vec<&str> = grid
        .row(row)
        .iter()
        .filter(|c| c.covered_by.is_none() && !c.text.trim().is_empty())
        .map(|c| c.text.trim())
        .collect();
    match texts[..] {
        [t] => super::numbering::measure_title(&t.replace('\n', " ")),
        _ => None,
    }
}

/// One label | value pair of a row: the label's column, its field and the
/// columns of its value (up to the next label).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub label: usize,
    pub field: Field,
    pub value: std::ops::Range<usize>,
}

/// A row of label | value pairs (施策番号 | 1-1 | 施策名 | … | 担当課 | …):
/// two or more labels of fields one cell can hold (texts, numbers,
/// departments), each but possibly one followed by a value of its own.
/// `None` for a row with one label, labels side by side (a list's header),
/// or a label of a field that needs rows (スケジュール | 内容 | R4 …).
pub fn pairs_row(grid: &Grid, row: usize) -> Option<Vec<Pair>> {
    // A word the label table does not know is a label by its words
    // (取りまとめ部課, 主な事業) only where a label may stand: first, or
    // right after a value.
    let mut anchors: Vec<(usize, Option<Field>)> = Vec::new();
    for (col, c) in grid.row(row).iter().enumerate() {
        if c.covered_by.is_some() || c.text.trim().is_empty() {
            continue;
        }
        let after_value = anchors.last().is_none_or(|a| a.1.is_none());
        let field = field_of(&c.text).or_else(|| {
            after_value
                .then(|| super::labels::guess_field(&c.text))
                .flatten()
        });
        anchors.push((col, field));
    }
    let first = anchors.iter().position(|a| a.1.is_some())?;
    if first > 0 {
        return None;
    }
    // Labels side by side (No. | 事業の名称 | 背景・課題 | 事業の内容 | …, a
    // list's header, years beside them or not; or three over a row of
    // values below each, a transposed card's) are not pairs, though a word
    // taken as a value left the next one after a value.
    // The values may stand on the next page: nothing below the labels on
    // theirs (the page broke right under a transposed card's labels).
    let below_each = |cols: &[usize]| {
        if matches!(grid.origin, crate::grid::Origin::Page(_))
            && (row + 1..grid.rows()).all(|r| grid.row_is_blank(r))
        {
            return true;
        }
        row + 1 < grid.rows()
            && cols.iter().all(|&c| {
                grid.get(row + 1, c)
                    .is_some_and(|x| x.covered_by.is_none() && !x.text.trim().is_empty())
            })
    };
    // Years, plan phases over them (第1期, 前期（R5～R7）) and period names
    // stand beside a list's labels in its header row.
    let is_year = |c: usize| {
        let t = grid.text(row, c);
        crate::normalize::era::header_year(t).is_some()
            || super::axis::two_digit_year(t).is_some()
            || crate::normalize::era::year_range(t).is_some()
            || super::axis::period_name(t).is_some()
    };
    // Fewer than three words can never be such a header: the year and
    // label tests (regular expressions over every cell) are skipped then,
    // and a cell that is neither a year nor a label word ends them early.
    // They were most of the recogniser's time on a plan of cards.
    let header = anchors.len() >= 3
        && anchors.iter().all(|&(c, field)| {
            field.is_some() || super::labels::guess_field(grid.text(row, c)).is_some() || is_year(c)
        })
        && {
            let words: Vec<usize> = anchors
                .iter()
                .map(|a| a.0)
                .filter(|&c| !is_year(c))
                .collect();
            let years = anchors.len() - words.len();
            words.len() >= 4 || words.len() == 3 && (years > 0 || below_each(&words))
        };
    if header {
        return None;
    }
    let mut pairs: Vec<Pair> = Vec::new();
    let mut valued = 0;
    for &(col, field) in &anchors {
        if let Some(field) = field {
            pairs.push(Pair {
                label: col,
                field,
                value: col + 1..col + 1,
            });
            continue;
        }
        let last = pairs.last_mut()?;
        if last.value.is_empty() {
            valued += 1;
        }
        let span = grid.get(row, col).map_or(1, |c| c.col_span as usize);
        last.value = last.value.start..col + span;
    }
    // 取組 (a list's activity column) as a label with a value of its own
    // in a row with no name label is the measure's name.
    if !pairs.iter().any(|p| p.field == Field::Name) {
        let acts: Vec<usize> = (0..pairs.len())
            .filter(|&i| pairs[i].field == Field::Activity && !pairs[i].value.is_empty())
            .collect();
        if let [i] = acts[..] {
            pairs[i].field = Field::Name;
        }
    }
    let end = grid.cols();
    for i in 0..pairs.len() {
        let next = pairs.get(i + 1).map_or(end, |p| p.label);
        pairs[i].value = pairs[i].label + 1..next;
    }
    let one_cell = |f: Field| {
        matches!(
            f,
            Field::Name
                | Field::Number
                | Field::Policy
                | Field::Description
                | Field::Effect
                | Field::Challenges
                | Field::Qualitative
                | Field::Review
                | Field::Departments
        )
    };
    // One field twice is two cards side by side, not one card's pairs.
    let distinct = pairs
        .iter()
        .enumerate()
        .all(|(i, p)| pairs[..i].iter().all(|q| q.field != p.field));
    let fits = distinct && pairs.iter().all(|p| one_cell(p.field));
    (fits && pairs.len() >= 2 && valued >= pairs.len() - 1).then_some(pairs)
}

/// Rows that head a list: three or more anchor cells that are column
/// labels, one of them a name (取組名 …) or a description. Returns (row,
/// first label column).
fn list_headers(grid: &Grid) -> Vec<(usize, usize)> {
    (0..grid.rows())
        .filter_map(|r| {
            let labels: Vec<(usize, Field)> = grid
                .row(r)
                .iter()
                .enumerate()
                .filter(|(_, c)| c.covered_by.is_none())
                .filter_map(|(col, c)| label_or_guess(&c.text).map(|l| (col, l.0.field)))
                .collect();
            let has = |want: &[Field]| labels.iter().any(|(_, f)| want.contains(f));
            let named = has(&[Field::Name, Field::Description]);
            // A table of indicators keyed by the measures' numbers (番号 |
            // 指標名 | 現状値 | 目標値): a list of its own, read into the
            // measures its numbers name.
            let indicators = has(&[Field::Number])
                && has(&[Field::Indicator])
                && has(&[Field::Target, Field::Current, Field::Actual]);
            (labels.len() >= 3 && (named || indicators) && pairs_row(grid, r).is_none())
                .then(|| (r, labels[0].0.min(first_text_col(grid, r))))
        })
        .collect()
}

fn first_text_col(grid: &Grid, row: usize) -> usize {
    grid.row(row)
        .iter()
        .position(|c| c.covered_by.is_none() && !c.text.trim().is_empty())
        .unwrap_or(0)
}

/// Before the first table of a grid: labelled rows (a card continued from
/// the page before), or else rows of three or more cells (a list going on
/// without its header).
fn continued(grid: &Grid, gi: usize, first: usize) -> Option<TableSpan> {
    // The card's label column is the leftmost one labelled: a sub-label
    // (計画 / 実績 right of an activity cut off by the page break) is not
    // it.
    let labelled: Vec<(usize, usize)> = (0..first)
        .filter_map(|r| {
            let (col, field) = row_label(grid, r)?;
            (field != Field::Name && has_body(grid, r, col, grid.cols())).then_some((r, col))
        })
        .collect();
    let left = labelled.iter().map(|l| l.1).min();
    let Some(&(row, col)) = labelled.iter().find(|l| Some(l.1) == left) else {
        return list_rows(grid, gi, first).or_else(|| cut_rows(grid, gi, first));
    };
    let end = table_end(grid, row, first, col, grid.cols());
    // Table rows above the first labelled one go on with the block the
    // page before ended in (a merged label cell a page break cut leaves
    // them no label of their own): they belong to the span. A text line
    // (one cell at the left) or a blank row ends them.
    let mut start = row;
    while start > 0 && goes_on_unlabelled(grid, start - 1, col) {
        start -= 1;
    }
    Some(TableSpan {
        grid: gi,
        start,
        end,
        label_col: col,
        col_end: grid.cols(),
        kind: Kind::Continued,
    })
}

/// The rows of a card's block the page break cut, above the page's first
/// table with no label of their own: the first table the reader found
/// before `first`, every row of it with a blank label cell (its first
/// column, the rest of a merged label cell or none) and something right of
/// it (the last lines of a text row's value cell, a KPI table's last year
/// rows). The card of the page before goes on with them.
fn cut_rows(grid: &Grid, gi: usize, first: usize) -> Option<TableSpan> {
    let area = grid.tables.iter().min_by_key(|a| a.rows.start)?;
    let (row, col) = (area.rows.start, area.cols.start);
    let end = area.rows.end.min(first);
    let label_blank = |r: usize| {
        let (ar, ac) = grid.anchor_of(r, col);
        ac == col && grid.text(ar, ac).trim().is_empty()
    };
    let rows: Vec<usize> = (row..end).filter(|&r| !grid.row_is_blank(r)).collect();
    let cut = !rows.is_empty()
        && rows
            .iter()
            .all(|&r| label_blank(r) && content_cells(grid, r, col + 1, area.cols.end) > 0);
    cut.then(|| TableSpan {
        grid: gi,
        start: row,
        end,
        label_col: col,
        col_end: grid.cols(),
        kind: Kind::Continued,
    })
}

/// True when a row holds something right of the label column `col`, or
/// cells of a merged region: a table row, not a line of text.
fn goes_on_unlabelled(grid: &Grid, row: usize, col: usize) -> bool {
    content_cells(grid, row, col + 1, grid.cols()) > 0
        || (col..grid.cols()).any(|c| grid.get(row, c).is_some_and(|x| x.covered_by.is_some()))
}

/// The first run of rows with three or more content cells before `first`.
fn list_rows(grid: &Grid, gi: usize, first: usize) -> Option<TableSpan> {
    let wide = |r: usize| content_cells(grid, r, 0, grid.cols()) >= 3;
    let first_wide = (0..first).find(|&r| wide(r))?;
    let mut start = first_wide;
    let mut end = (start..first)
        .find(|&r| !wide(r) && !continues_merge(grid, r, 0, grid.cols()))
        .unwrap_or(first);
    // A policy row across the table right above them (the page broke
    // between the last policy's rows and the next policy's row) is the
    // list's too.
    while start > 0 && spanning_policy(grid, start - 1, 0, grid.cols()).is_some() {
        start -= 1;
    }
    // So is every row of the table the reader found them in: one above
    // (the rest of a row the page break cut, a cell's last lines alone in
    // their row) or below (a cell's line that ran out of its row).
    if let Some(area) = grid.tables.iter().find(|a| a.rows.contains(&first_wide)) {
        start = start.min(area.rows.start);
        end = end.max(area.rows.end.min(first));
    }
    Some(TableSpan {
        grid: gi,
        start,
        end,
        label_col: first_text_col(grid, first_wide),
        col_end: grid.cols(),
        kind: Kind::Continued,
    })
}

/// The label column and field of a row: its first non-empty anchor cell,
/// when that names a field (known, or by its words).
pub fn row_label(grid: &Grid, row: usize) -> Option<(usize, Field)> {
    let (col, cell) = grid
        .row(row)
        .iter()
        .enumerate()
        .find(|(_, c)| c.covered_by.is_none() && !c.text.trim().is_empty())?;
    label_or_guess(&cell.text).map(|l| (col, l.0.field))
}

/// The field labelled in `label_col` of a row (only where the label cell
/// starts on this row).
pub fn label_at(grid: &Grid, row: usize, label_col: usize) -> Option<Field> {
    let cell = grid.get(row, label_col)?;
    if cell.covered_by.is_some() {
        return None;
    }
    field_of(&cell.text)
}

/// One past the last row of a card: labelled rows, rows whose label cell
/// is merged into a label above, unlabelled rows between two labelled
/// ones, and after the last label the rows that still have table content
/// right of the label column (a table cut off by a page end).
fn table_end(grid: &Grid, start: usize, limit: usize, label_col: usize, col_end: usize) -> usize {
    let mut last = start;
    for r in start..limit {
        let covered_from_table = grid
            .get(r, label_col)
            .and_then(|c| c.covered_by)
            .is_some_and(|(ar, _)| ar >= start);
        if label_at(grid, r, label_col).is_some() || covered_from_table {
            last = r;
        }
    }
    let trailing = (last + 1..limit)
        .take_while(|&r| has_body(grid, r, label_col, col_end) && !is_heading_row(grid, r))
        .count();
    last + 1 + trailing
}

/// One past the last row of a list: rows with content in two or more
/// cells, or one cell naming a policy (a spanning row inside the list).
fn list_end(grid: &Grid, start: usize, limit: usize, col: usize, col_end: usize) -> usize {
    let mut r = start + 1;
    while r < limit {
        let cells = content_cells(grid, r, col, col_end);
        // A policy row heads the list rows after it. One that no row of
        // the list follows (the next row is a line of text: the policy's
        // summary, a measure heading, the next table's header) heads what
        // comes after the list, as a heading between tables does; at the
        // end of the page or sheet the list may go on under it. Nor is one
        // the PDF reader found outside every ruled table: a policy heading
        // below the table, heading the next section.
        let policy_row = cells == 1
            && spanning_policy(grid, r, col, col_end).is_some()
            && !outside_tables(grid, r)
            && (r + 1 == grid.rows()
                || r + 1 < limit
                    && (content_cells(grid, r + 1, col, col_end) >= 2
                        || spanning_policy(grid, r + 1, col, col_end).is_some()));
        // A measure's text going on in a row of its own (its No. and name
        // cells blank): one cell, not in the first column.
        // At the end of the page or sheet, only under a labelled header
        // cell (a footer or page number is not).
        let goes_on = cells == 1
            && content_cells(grid, r, col, col + 1) == 0
            && (r + 1 < limit || under_header_label(grid, start, r, col, col_end));
        // A blank row (a measure's second row with nothing to go on)
        // before the next measure in the numbering.
        // Nor does one that a cell merged from above reaches into (the
        // policy column of a measure's rows), before more rows.
        let blank_between = cells == 0
            && r + 1 < limit
            && (numbered_next(grid, start, r, col, col_end)
                || merged_into(grid, r, col, col_end)
                    && content_cells(grid, r + 1, col, col_end) >= 2
                || policy_row_before_rows(grid, r + 1, limit, col, col_end));
        if cells < 2
            && !policy_row
            && !goes_on
            && !blank_between
            && !continues_merge(grid, r, col, col_end)
        {
            break;
        }
        r += 1;
    }
    r
}

/// True when the grid knows its tables (a PDF page's ruled tables) and
/// row `r` is in none of them.
fn outside_tables(grid: &Grid, r: usize) -> bool {
    !grid.tables.is_empty() && !grid.tables.iter().any(|t| t.rows.contains(&r))
}

/// True when the row after `r` starts with the number that follows the
/// last one above `r` in the same column (① then ②, (1) then (2), 3 then
/// 4): the list goes on past row `r`.
fn numbered_next(grid: &Grid, header: usize, r: usize, col: usize, col_end: usize) -> bool {
    let own = |row: usize, c: usize| {
        grid.get(row, c)
            .filter(|x| x.covered_by.is_none() && !x.text.trim().is_empty())
            .map(|x| x.text.trim())
    };
    let Some((c, next)) =
        (col..col_end.min(grid.cols())).find_map(|c| own(r + 1, c).map(|t| (c, t)))
    else {
        return false;
    };
    if content_cells(grid, r + 1, col, col_end) < 2 {
        return false;
    }
    let number = |t: &str| super::numbering::number_cell(t).number;
    let Some(prev) = (header + 1..r).rev().find_map(|row| own(row, c)) else {
        return false;
    };
    matches!((number(prev), number(next)), (Some(a), Some(b)) if b == a + 1)
}

/// True when the one content cell of row `r` stands under a header cell
/// of the list's first row that names a column.
fn under_header_label(grid: &Grid, header: usize, r: usize, col: usize, col_end: usize) -> bool {
    let Some(c) = (col..col_end.min(grid.cols())).find(|&c| {
        grid.get(r, c)
            .is_some_and(|x| x.covered_by.is_none() && !x.text.trim().is_empty())
    }) else {
        return false;
    };
    let (ar, ac) = grid.anchor_of(header, c);
    ar == header && label_or_guess(grid.text(ar, ac)).is_some()
}

/// True when row `r` is a list's policy row (one cell naming a policy)
/// with a row of two or more cells after it: the list goes on there.
fn policy_row_before_rows(grid: &Grid, r: usize, limit: usize, col: usize, col_end: usize) -> bool {
    r + 1 < limit
        && content_cells(grid, r, col, col_end) == 1
        && spanning_policy(grid, r, col, col_end).is_some()
        && content_cells(grid, r + 1, col, col_end) >= 2
}

/// True when a cell merged from a row above reaches into row `r`.
fn merged_into(grid: &Grid, row: usize, col: usize, col_end: usize) -> bool {
    (col..col_end.min(grid.cols())).any(|c| {
        grid.get(row, c)
            .is_some_and(|cell| cell.covered_by.is_some_and(|(ar, _)| ar < row))
    })
}

/// True when a row of a list is the lower part of cells merged from above.
fn continues_merge(grid: &Grid, row: usize, col: usize, col_end: usize) -> bool {
    (col..col_end).any(|c| {
        grid.get(row, c)
            .is_some_and(|cell| cell.covered_by.is_some_and(|(ar, _)| ar < row))
    }) && (col..col_end).any(|c| {
        grid.get(row, c).is_some_and(|cell| {
            cell.covered_by.is_none() && (cell.is_filled() || !cell.text.trim().is_empty())
        })
    })
}

/// Anchor cells of a row between `col` and `col_end` holding text or a fill.
fn content_cells(grid: &Grid, row: usize, col: usize, col_end: usize) -> usize {
    (col..col_end.min(grid.cols()))
        .filter_map(|c| grid.get(row, c))
        .filter(|c| c.covered_by.is_none() && (c.is_filled() || !c.text.trim().is_empty()))
        .count()
}

/// A row whose only text is one cell naming a policy or a measure (a
/// heading between two tables, not table content).
fn is_heading_row(grid: &Grid, row: usize) -> bool {
    let texts: Vec<&str> = grid
        .row(row)
        .iter()
        .filter(|c| c.covered_by.is_none() && !c.text.trim().is_empty())
        .map(|c| c.text.trim())
        .collect();
    texts.len() == 1 && {
        let line = texts[0].replace('\n', " ");
        super::numbering::policy_heading(&line).is_some()
            || !super::numbering::parse_heading(&line).is_empty()
                && super::numbering::is_section_break(&line)
    }
}

/// True when a row has text or a fill right of the label column in a cell
/// that does not start at or before it (a heading merged across the whole
/// row is not table content).
fn has_body(grid: &Grid, row: usize, label_col: usize, col_end: usize) -> bool {
    grid.row(row).iter().enumerate().any(|(c, cell)| {
        let (_, ac) = grid.anchor_of(row, c);
        c > label_col
            && c < col_end
            && ac > label_col
            && (cell.is_filled() || !grid.text(row, ac).trim().is_empty())
    })
}

/// The anchor cells that start on `row` right of `after_col` and before
/// `col_end`, in order.
pub fn row_cells_after(
    grid: &Grid,
    row: usize,
    after_col: usize,
    col_end: usize,
) -> Vec<(usize, &Cell)> {
    grid.row(row)
        .iter()
        .enumerate()
        .filter(|(c, cell)| *c > after_col && *c < col_end && cell.covered_by.is_none())
        .collect()
}

/// The texts of a row right of the label, joined by line breaks.
pub fn row_text_after(grid: &Grid, row: usize, after_col: usize, col_end: usize) -> String {
    row_cells_after(grid, row, after_col, col_end)
        .iter()
        .map(|(_, c)| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The policy a row names when it holds one cell only (a spanning row).
pub fn spanning_policy(
    grid: &Grid,
    row: usize,
    col: usize,
    col_end: usize,
) -> Option<(u32, String)> {
    let cells: Vec<&str> = (col..col_end.min(grid.cols()))
        .filter_map(|c| grid.get(row, c))
        .filter(|c| c.covered_by.is_none() && !c.text.trim().is_empty())
        .map(|c| c.text.trim())
        .collect();
    // `1. title` alone in a row of a list is a policy row too (a plan
    // that numbers its policies as a list).
    match cells.as_slice() {
        [one] => {
            let line = one.replace('\n', " ");
            super::numbering::policy_heading(&line)
                .or_else(|| super::numbering::dotted_heading(&line))
        }
        _ => None,
    }
}
