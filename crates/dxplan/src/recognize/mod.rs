//! The recogniser: grids → the typed plan, plus warnings. Shared by every
//! input format: it sees only [`crate::grid::Grid`] values.
//!
//! It runs as named stages, each a function whose output the next takes,
//! so a newcomer debugging one city's plan can stop after any of them:
//!
//! 1. [`prepare`]: every cell text normalised once (radicals folded);
//! 2. [`table::find_tables`]: tables found and classified (card, list,
//!    continued card), side by side or stacked;
//! 3. [`axis`] and [`list::header`]: the period axis and the columns;
//! 4. [`card`] and [`list`]: labels by meaning ([`labels`]) into fields;
//! 5. `assemble`: headings ([`numbering`]) give ids, continued cards are
//!    joined to their start, policies and plan metadata (`meta`) are read;
//! 6. [`ledger::account`]: every non-empty table cell that no stage took
//!    and no warning names becomes an `unplaced_cell` warning.
//!
//! A new city's layout is a row in [`labels::LABELS`], a numbering form in
//! [`numbering`] or a period header form in [`axis`], not a new recogniser.

pub mod axis;
pub mod card;
pub mod labels;
#[cfg(test)]
mod layout_tests;
pub mod ledger;
mod lines;
pub mod list;
mod measure;
mod meta;
pub mod numbering;
pub mod schedule;
pub mod table;

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::error::RecognizeError;
use crate::grid::Grid;
use crate::model::{Measure, PlanInfo, Policy, Warning};
use crate::normalize::{label, text};
use crate::read::Document;
use labels::Field;
use lines::Line;
use numbering::Heading;
use table::{Kind, TableSpan};

/// What the recogniser finds in a document.
#[derive(Debug, Clone, Default)]
pub struct Recognized {
    pub info: PlanInfo,
    pub policies: Vec<Policy>,
    pub measures: Vec<Measure>,
    pub warnings: Vec<Warning>,
}

/// Build the plan from a document's grids.
///
/// # Errors
/// [`RecognizeError::NoPlan`] when no measure table is found.
pub fn recognize(doc: &Document) -> Result<Recognized, RecognizeError> {
    let grids = prepare(&doc.grids);
    let spans: Vec<TableSpan> = grids
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| table::find_tables(g, gi))
        .collect();
    if !spans.iter().any(|s| s.kind != Kind::Continued) {
        return Err(RecognizeError::NoPlan);
    }
    let lines = lines::collect(&grids);
    let dotted = dotted_policies(&spans, &lines);
    let mut a = assemble(&grids, &spans, &lines, dotted);
    let (mut info, cover) = meta::plan_info(&lines);
    info.fiscal_years = a.years.into_iter().collect();
    let named: Vec<i32> = info
        .fiscal_years
        .iter()
        .chain(a.header_years.iter())
        .copied()
        .collect();
    extend_open_ranges(&mut a.measures, &a.open_ended, &named);
    // A list's policy column (1 | 行政手続のデジタル化) names the policies
    // that `1. title` lines elsewhere (a sheet of summaries) head.
    let dotted = dotted
        || lines.iter().any(|l| {
            numbering::dotted_heading(&l.flat()).is_some_and(|(n, t)| {
                a.list_policies
                    .iter()
                    .any(|(pn, pt)| *pn == n && meta::strip_trailers(&t) == *pt)
            })
        });
    // A line the tables read (a card's rows, a list's measures) is theirs,
    // neither a policy heading nor a summary; a list's spanning row read as
    // a policy is still a heading (the line after it, outside the table,
    // is its summary), and so is a line inside a table's rows that no
    // table took.
    let in_table = |l: &Line| {
        spans
            .iter()
            .any(|s| s.grid == l.grid && (s.start..s.end).contains(&l.row))
            && !a.ledger.is_heading(l.grid, l.row)
            && (0..grids[l.grid].cols()).any(|c| a.ledger.has(l.grid, l.row, c))
    };
    let mut read = cover;
    let mut policies = meta::policies(&lines, dotted, in_table, &mut read);
    // Stage 6, once every reader is done: the cover and policy lines read
    // are used, also where they stand in a table the PDF reader found.
    for i in read {
        a.ledger.take_line(lines[i].grid, lines[i].row);
    }
    ledger::account(&grids, &spans, &a.ledger, &mut a.warnings);
    for (number, title) in a.list_policies {
        if !policies.iter().any(|p| p.number == number) {
            policies.push(Policy {
                number,
                title,
                summary: None,
            });
        }
    }
    policies.sort_by_key(|p| p.number);
    a.warnings.sort_by_key(|w| w.at.is_none());
    Ok(Recognized {
        info,
        policies,
        measures: a.measures,
        warnings: a.warnings,
    })
}

/// An activity written as an open range (R7年度～) runs to the plan's last
/// fiscal year: the last year column, or without one the last year any
/// schedule or indicator of the plan names.
fn extend_open_ranges(measures: &mut [Measure], open: &[(usize, String)], years: &[i32]) {
    if open.is_empty() {
        return;
    }
    let named = measures.iter().flat_map(|m| {
        let plans = m
            .schedule
            .iter()
            .flat_map(|a| a.plan.iter().map(|p| p.fiscal_year));
        let values = m
            .indicators
            .iter()
            .flat_map(|i| i.target.keys().chain(i.actual.keys()).copied());
        plans.chain(values).collect::<Vec<_>>()
    });
    let Some(last) = years.iter().copied().chain(named).max() else {
        return;
    };
    for (i, name) in open {
        let Some(a) = measures[*i]
            .schedule
            .iter_mut()
            .find(|a| a.activity == *name)
        else {
            continue;
        };
        let Some(first) = a.plan.first().copied() else {
            continue;
        };
        let (y, m) = first.start_month();
        a.plan = schedule::range_periods((y, m), (last + 1, 3), first.granularity);
    }
}

/// How every non-empty cell of grid `g` (a page or sheet, 0-based) was
/// accounted for, for `dxplan inspect`: used in the plan, named in a
/// warning, or outside every table.
///
/// # Errors
/// As [`recognize`].
pub fn accounting(
    doc: &Document,
    g: usize,
) -> Result<Vec<(usize, usize, ledger::Accounted)>, RecognizeError> {
    let rec = recognize(doc)?;
    let grids = prepare(&doc.grids);
    if g >= grids.len() {
        return Ok(Vec::new());
    }
    let spans: Vec<TableSpan> = grids
        .iter()
        .enumerate()
        .flat_map(|(gi, gr)| table::find_tables(gr, gi))
        .collect();
    Ok(ledger::statuses(&grids, g, &spans, &rec.warnings))
}

/// Stage 1: every cell's text normalised once, before anything reads it
/// (radicals and other producer leaks folded, see [`text::fold_leaks`]).
/// The grids are borrowed as read when no cell has a leak (most
/// documents): copying every page's grid was a fifth of a convert's
/// memory at its peak.
pub fn prepare(grids: &[Grid]) -> Cow<'_, [Grid]> {
    let leaks = |g: &Grid| (0..g.rows()).any(|r| g.row(r).iter().any(|c| text::has_leaks(&c.text)));
    if !grids.iter().any(leaks) {
        return Cow::Borrowed(grids);
    }
    grids
        .iter()
        .map(|g| {
            let mut g = g.clone();
            for r in 0..g.rows() {
                for c in 0..g.cols() {
                    if let Some(cell) = g.get_mut(r, c) {
                        if text::has_leaks(&cell.text) {
                            cell.text = text::fold_leaks(&cell.text);
                        }
                    }
                }
            }
            g
        })
        .collect()
}

/// What stage 5 produces.
#[derive(Default)]
struct Assembled {
    measures: Vec<Measure>,
    years: BTreeSet<i32>,
    warnings: Vec<Warning>,
    list_policies: Vec<(u32, String)>,
    ledger: ledger::Ledger,
    /// (measure index, activity) written as an open range (R7年度～).
    open_ended: Vec<(usize, String)>,
    /// Years a list's column headers name (目標値（R10）), whether or not
    /// a row gives a value there: the plan runs to them.
    header_years: BTreeSet<i32>,
    /// The policy row in force at the end of the last list read: a list
    /// going on on the next page goes on under it (the page may have ended
    /// right after a policy row).
    list_policy: Option<(u32, String)>,
}

/// The last card read, which a continued card joins.
struct LastCard {
    index: usize,
    grid: usize,
    cols: Option<axis::Columns>,
    /// The indicator block a page break cut, if the card ended inside one,
    /// with the grid it was read on.
    open: Option<(usize, card::OpenBlock)>,
    /// The text row the card's part ended with: its field and where its
    /// value cell stands across the page (a row the page break may cut).
    tail: Option<(Field, f32, f32)>,
}

/// The last list read, which a list going on without its header joins.
struct LastList {
    grid: usize,
    header: list::ListHeader,
    /// No row was read under the header: it ended its page or sheet.
    empty: bool,
}

/// One thing in reading order: a heading line outside tables, or a table.
enum Item<'a> {
    Line(&'a Line),
    Table(&'a TableSpan),
}

/// Stage 5: walk headings and tables in reading order; read each table,
/// number its measures and join continued cards to their start.
fn assemble(grids: &[Grid], spans: &[TableSpan], lines: &[Line], dotted: bool) -> Assembled {
    let mut out = Assembled::default();
    let mut numbering = Numbering::default();
    let mut pending: Vec<Heading> = Vec::new();
    let mut last_card: Option<LastCard> = None;
    let mut last_list: Option<LastList> = None;
    let items = reading_order(spans, lines);
    let mut i = 0;
    while i < items.len() {
        match items[i] {
            Item::Line(line) => {
                if note_heading(line, dotted, &mut pending, &mut numbering) {
                    out.ledger.take_line(line.grid, line.row);
                }
            }
            Item::Table(span) => {
                let grid = &grids[span.grid];
                // The page broke between a header row and its values (a
                // transposed card, a list): the values, found as a card,
                // are read under the header carried over.
                let carried = (span.kind == Kind::Card)
                    .then(|| header_before_break(grids, span, last_list.as_ref(), &items[..i]))
                    .flatten();
                if let Some(h) = carried {
                    pending.clear();
                    let before = out.measures.len();
                    let card = read_list_rows(grid, span, &h, true, &mut numbering, &mut out);
                    (last_card, last_list) =
                        after_list(card, span.grid, h, out.measures.len() == before);
                    i += 1;
                    continue;
                }
                match span.kind {
                    Kind::Card => {
                        // Cards side by side share the headings above them.
                        let band = items[i..]
                            .iter()
                            .take_while(|it| matches!(it, Item::Table(s) if s.grid == span.grid && s.start == span.start && s.kind == Kind::Card))
                            .count();
                        let k = band.min(pending.len());
                        let heads: Vec<Heading> = pending.split_off(pending.len() - k);
                        pending.clear();
                        for (j, item) in items[i..i + band].iter().enumerate() {
                            let Item::Table(s) = item else { break };
                            let h = heads.get(j).copied().unwrap_or_default();
                            let (cols, open) = read_card(grids, s, h, &mut numbering, &mut out);
                            if let Some(c) = &cols {
                                out.years.extend(c.years.iter().map(|y| y.fy));
                            }
                            last_card = Some(LastCard {
                                index: out.measures.len() - 1,
                                grid: s.grid,
                                cols,
                                open: open.map(|o| (s.grid, o)),
                                tail: text_tail(&grids[s.grid], s),
                            });
                        }
                        last_list = None;
                        i += band;
                        continue;
                    }
                    Kind::Continued => match &last_list {
                        // A transposed card whose list row ended the page:
                        // rows labelled with a card's fields go on with it.
                        // A list header under which no row was read has no
                        // card to go on: its values are on this page.
                        Some(l) if l.grid != span.grid && !l.empty && card_rows_at(grid, span) => {
                            // The list row the page break cut: the last
                            // lines of its cells open this page, above the
                            // card's first labelled row. They finish that row.
                            let rest = cut_row_rest(grids, span, &l.header, l.grid).map(
                                |(h, labelled)| {
                                    let cut = TableSpan {
                                        end: labelled,
                                        ..span.clone()
                                    };
                                    read_list_rows(grid, &cut, &h, true, &mut numbering, &mut out);
                                    TableSpan {
                                        start: labelled,
                                        ..span.clone()
                                    }
                                },
                            );
                            let span = rest.as_ref().unwrap_or(span);
                            let mut card =
                                out.measures.len().checked_sub(1).map(|index| LastCard {
                                    index,
                                    grid: l.grid,
                                    cols: None,
                                    open: None,
                                    tail: None,
                                });
                            continue_card(grids, span, card.as_mut(), &mut out);
                            last_card = card;
                            last_list = None;
                        }
                        Some(l) if l.grid != span.grid => {
                            let carried =
                                list::carry_header(&l.header, &grids[l.grid], grid, span.start);
                            match carried {
                                Some(h) if list::is_indicator_table(&h) => {
                                    read_indicator_table(grid, span, &h, &mut out)
                                }
                                Some(h) => {
                                    let before = out.measures.len();
                                    let card = read_list_rows(
                                        grid,
                                        span,
                                        &h,
                                        true,
                                        &mut numbering,
                                        &mut out,
                                    );
                                    let empty = out.measures.len() == before;
                                    (last_card, last_list) = after_list(card, span.grid, h, empty);
                                }
                                None => orphan_rows(grid, span, &mut out.warnings),
                            }
                        }
                        _ => continue_card(grids, span, last_card.as_mut(), &mut out),
                    },
                    Kind::List => {
                        pending.clear();
                        let header = list::header(grid, span, &mut out.warnings);
                        if list::is_indicator_table(&header) {
                            read_indicator_table(grid, span, &header, &mut out);
                            last_list = Some(LastList {
                                grid: span.grid,
                                header,
                                empty: false,
                            });
                            last_card = None;
                            i += 1;
                            continue;
                        }
                        // Its header printed again on a later page: the
                        // list going on.
                        let goes_on = last_list.as_ref().is_some_and(|l| {
                            l.grid != span.grid && list::same_columns(&l.header, &header)
                        });
                        let before = out.measures.len();
                        let card =
                            read_list_rows(grid, span, &header, goes_on, &mut numbering, &mut out);
                        let empty = out.measures.len() == before;
                        (last_card, last_list) = after_list(card, span.grid, header, empty);
                    }
                }
            }
        }
        i += 1;
    }
    out.warnings.extend(numbering.warnings);
    out
}

/// What a list read leaves for the tables after it: the transposed card
/// its rows ended in (its labels across a header row, its other rows
/// below: the next page goes on with that card), else the list itself
/// (`empty` when no row was read under its header).
fn after_list(
    card: Option<LastCard>,
    grid: usize,
    header: list::ListHeader,
    empty: bool,
) -> (Option<LastCard>, Option<LastList>) {
    match card {
        Some(card) => (Some(card), None),
        None => (
            None,
            Some(LastList {
                grid,
                header,
                empty,
            }),
        ),
    }
}

/// True when the plan numbers its policies as a list (`1. title`): it has
/// no worded policy heading (基本方針1 …), and a `1. title` line outside
/// the tables heads a table (the next thing after it, measure headings
/// aside, is a table). Then every such line is a policy heading, also on
/// a sheet of policy summaries with no table.
fn dotted_policies(spans: &[TableSpan], lines: &[Line]) -> bool {
    if lines
        .iter()
        .any(|l| numbering::policy_heading(&l.flat()).is_some())
    {
        return false;
    }
    let items = reading_order(spans, lines);
    items.iter().enumerate().any(|(i, it)| {
        let Item::Line(l) = it else { return false };
        if numbering::dotted_heading(&l.flat()).is_none() {
            return false;
        }
        items[i + 1..]
            .iter()
            .find(|next| match next {
                // A measure heading or the policy's summary (a sentence)
                // may stand between the heading and its table.
                Item::Line(n) => {
                    let flat = n.flat();
                    let sentence = flat.trim_end().ends_with('。');
                    numbering::dotted_heading(&flat).is_some()
                        || numbering::parse_heading(&flat).number.is_none() && !sentence
                }
                Item::Table(_) => true,
            })
            .is_some_and(|next| matches!(next, Item::Table(s) if s.grid == l.grid))
    })
}

/// Lines outside every table, and the tables, by (grid, row, column).
fn reading_order<'a>(spans: &'a [TableSpan], lines: &'a [Line]) -> Vec<Item<'a>> {
    let inside = |l: &Line| {
        spans
            .iter()
            .any(|s| s.grid == l.grid && (s.start..s.end).contains(&l.row))
    };
    let mut keyed: Vec<((usize, usize, usize), Item<'a>)> = lines
        .iter()
        .filter(|l| !inside(l))
        .map(|l| ((l.grid, l.row, 0), Item::Line(l)))
        .collect();
    keyed.extend(
        spans
            .iter()
            .map(|s| ((s.grid, s.start, s.label_col), Item::Table(s))),
    );
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, it)| it).collect()
}

/// A line outside tables: a policy heading sets the current policy; each
/// measure heading in it waits for the next table. True when the line was
/// read as either.
fn note_heading(
    line: &Line,
    dotted: bool,
    pending: &mut Vec<Heading>,
    numbering: &mut Numbering,
) -> bool {
    let flat = line.flat();
    let mut read = false;
    if let Some((p, _)) = meta::policy_line(&flat, dotted) {
        numbering.current_policy = Some(p);
        pending.clear();
        read = true;
    }
    for part in line.text.split('\t') {
        let part = part.replace('\n', " ");
        if !numbering::is_section_break(&part) && numbering::policy_heading(&part).is_none() {
            continue;
        }
        for h in numbering::split_headings(&part) {
            if h.number.is_some() {
                pending.push(h);
                read = true;
            }
        }
    }
    read
}

fn read_card(
    grids: &[Grid],
    span: &TableSpan,
    heading: Heading,
    numbering: &mut Numbering,
    out: &mut Assembled,
) -> (Option<axis::Columns>, Option<card::OpenBlock>) {
    let grid = &grids[span.grid];
    let cols = card::find_columns(grid, span, &mut out.warnings);
    let mut m = card::empty_measure(card::source_ref(grid, span));
    let mut reader = card::CardReader {
        grid,
        span,
        cols: cols.as_ref(),
        warnings: &mut out.warnings,
        ledger: &mut out.ledger,
        number: Heading::default(),
        resume: None,
        open: None,
    };
    reader.read(&mut m);
    let open = reader.open.take();
    // A card without a name row, under a title that names the measure.
    let mut titled = false;
    if m.name.is_empty() && span.start > 0 {
        if let Some(title) = table::title_of(grid, span.start - 1) {
            m.name = text::clean_text(&title);
            titled = true;
        }
    }
    let inside = reader.number;
    if titled {
        out.ledger.take_line(span.grid, span.start - 1);
    }
    let heading = Heading {
        policy: heading.policy.or(inside.policy),
        number: heading.number.or(inside.number),
    };
    numbering.assign(
        &mut m,
        heading,
        grid.get(span.start, span.label_col).map(|c| &c.at),
    );
    out.measures.push(m);
    (cols, open)
}

/// The header a table at the top of a page reads under when the page
/// before ended with a list header under which no row was read (the page
/// broke between a transposed card's label row and its values): that
/// header, its columns found again by their positions, when nothing on
/// this page comes before the table and the columns line up.
fn header_before_break(
    grids: &[Grid],
    span: &TableSpan,
    last: Option<&LastList>,
    before: &[Item<'_>],
) -> Option<list::ListHeader> {
    let l = last.filter(|l| l.empty && l.grid + 1 == span.grid)?;
    let first_here = !before.iter().any(|it| match it {
        Item::Line(line) => line.grid == span.grid,
        Item::Table(s) => s.grid == span.grid,
    });
    if !first_here || l.header.columns.len() < 2 {
        return None;
    }
    let h = list::carry_header(&l.header, &grids[l.grid], &grids[span.grid], span.start)?;
    (h.columns.len() == l.header.columns.len()).then_some(h)
}

/// A card's rows continued at the top of the next page: read into the
/// measure they belong to, with the card's own period axis, or the one of
/// the card's start mapped onto this page's columns.
fn continue_card(
    grids: &[Grid],
    span: &TableSpan,
    last: Option<&mut LastCard>,
    out: &mut Assembled,
) {
    let grid = &grids[span.grid];
    let Some(last) = last else {
        orphan_rows(grid, span, &mut out.warnings);
        return;
    };
    // Two-digit numbers each across a year's columns (40 | 41, an
    // indicator's targets opening the part) name no year of the card's
    // start: they are values under the start's axis, not a header of the
    // part's own.
    let mut own_warnings = Vec::new();
    let own = card::find_columns(grid, span, &mut own_warnings).filter(|own| {
        let Some(start) = last.cols.as_ref() else {
            return true;
        };
        let two_digit = own.years.iter().all(|y| {
            own.header_rows.clone().any(|r| {
                grid.get(r, y.col)
                    .is_some_and(|c| axis::two_digit_year(c.text.trim()).is_some())
            })
        });
        !two_digit
            || own
                .years
                .iter()
                .any(|y| start.years.iter().any(|s| s.fy == y.fy))
    });
    if own.is_some() {
        out.warnings.append(&mut own_warnings);
    }
    let cols = own.or_else(|| {
        let start = last.cols.as_ref()?;
        let mut cols = axis::remap(start, &grids[last.grid], grid)?;
        axis::header_rest(&mut cols, grid, span.start, span.end);
        Some(cols)
    });
    if let Some(c) = &cols {
        out.years.extend(c.years.iter().map(|y| y.fy));
    }
    let m = &mut out.measures[last.index];
    // The text row the page before ended with, cut by the page break: its
    // last lines open this page in a row of their own.
    let cut = last
        .tail
        .take()
        .filter(|_| last.open.is_none())
        .and_then(|(field, x0, x1)| {
            let slot = match field {
                Field::Description => &mut m.description,
                Field::Effect => &mut m.effect,
                Field::Challenges => &mut m.challenges,
                Field::Review => &mut m.review,
                Field::Qualitative => &mut m.qualitative_evaluation,
                // A department name the break cut (環境衛生課、情 | 報推進課)
                // goes on as the last one's next line, as in a list row.
                Field::Departments => {
                    let (col, more) = text_rest(grid, span, x0, x1)?;
                    m.departments_etc |=
                        label::more_departments(&mut m.departments, &text::clean_text(&more));
                    out.ledger
                        .take(span.grid, span.start, span.label_col..col + 1);
                    return Some(TableSpan {
                        start: span.start + 1,
                        ..span.clone()
                    });
                }
                _ => return None,
            };
            let (col, more) = text_rest(grid, span, x0, x1)?;
            let head = slot.take().unwrap_or_default();
            *slot = Some(text::clean_text(&format!("{head}\n{more}")));
            out.ledger
                .take(span.grid, span.start, span.label_col..col + 1);
            Some(TableSpan {
                start: span.start + 1,
                ..span.clone()
            })
        });
    let span = cut.as_ref().unwrap_or(span);
    // The block the previous page ended inside goes on here; where this
    // part ends inside one, the next page goes on with it.
    let resume = last.open.take().and_then(|(g, o)| o.remap(&grids[g], grid));
    let mut reader = card::CardReader {
        grid,
        span,
        cols: cols.as_ref(),
        warnings: &mut out.warnings,
        ledger: &mut out.ledger,
        number: Heading::default(),
        resume,
        open: None,
    };
    reader.read(m);
    last.open = reader.open.take().map(|o| (span.grid, o));
    last.tail = text_tail(grid, span);
    let here = card::source_ref(grid, span);
    if let (Some(a), Some(b)) = (m.source_ref.strip_prefix("p."), here.strip_prefix("p.")) {
        let first = a.split('-').next().unwrap_or(a).to_string();
        if first != b {
            m.source_ref = format!("p.{first}-{b}");
        }
    }
}

/// Where a continued span opens with rows above its first labelled row,
/// none with a label cell of its own (the last lines of the list row the
/// page break cut, under the list's columns): the list's header carried
/// onto this page to finish that row with, and the first labelled row.
fn cut_row_rest(
    grids: &[Grid],
    span: &TableSpan,
    header: &list::ListHeader,
    from: usize,
) -> Option<(list::ListHeader, usize)> {
    let grid = &grids[span.grid];
    let labelled = (span.start..span.end)
        .find(|&r| table::row_label(grid, r).is_some_and(|(c, _)| c == span.label_col))?;
    let blank_label = |r: usize| {
        grid.get(r, span.label_col)
            .is_some_and(|c| c.covered_by.is_none() && c.text.trim().is_empty())
    };
    if labelled == span.start || !(span.start..labelled).all(blank_label) {
        return None;
    }
    let h = list::carry_header(header, &grids[from], grid, span.start)?;
    Some((h, labelled))
}

/// The row a card's part ends with, when it is a labelled text row with
/// one value cell on a PDF page: its field and the value cell's extent.
fn text_tail(grid: &Grid, span: &TableSpan) -> Option<(Field, f32, f32)> {
    let r = (span.start..span.end)
        .rev()
        .find(|&r| !grid.row_is_blank(r))?;
    let field = table::label_at(grid, r, span.label_col)?;
    let cells = table::row_cells_after(grid, r, span.label_col, span.col_end);
    match cells.as_slice() {
        [(_, cell)] => match &cell.at {
            crate::grid::Loc::Page { bbox, .. } => Some((field, bbox[0], bbox[2])),
            _ => None,
        },
        _ => None,
    }
}

/// The rest of a text row the page break cut, opening a card's continued
/// part: the first row with a blank label cell and one text, in a cell
/// standing where the cut row's value cell did (within 1.5 pt). Its
/// column and text.
fn text_rest(grid: &Grid, span: &TableSpan, x0: f32, x1: f32) -> Option<(usize, String)> {
    let r = span.start;
    let label = grid.get(r, span.label_col)?;
    if label.covered_by.is_some() || !label.text.trim().is_empty() {
        return None;
    }
    let cells: Vec<(usize, &crate::grid::Cell)> =
        table::row_cells_after(grid, r, span.label_col, span.col_end)
            .into_iter()
            .filter(|(_, c)| !c.text.trim().is_empty() || c.is_filled())
            .collect();
    let [(col, cell)] = cells.as_slice() else {
        return None;
    };
    match &cell.at {
        crate::grid::Loc::Page { bbox, .. }
            if (bbox[0] - x0).abs() <= 1.5 && (bbox[2] - x1).abs() <= 1.5 =>
        {
            let end = col + cell.col_span.max(1) as usize - 1;
            Some((end, cell.text.trim().to_string()))
        }
        _ => None,
    }
}

/// True when a continued span's first labelled row carries a card's
/// field (スケジュール, 事業費, 現状と課題 …), not a list row's (No., a
/// name): the rows of a transposed card going on from the page before.
fn card_rows_at(grid: &Grid, span: &TableSpan) -> bool {
    (span.start..span.end)
        .find_map(|r| {
            let (col, _) = table::row_label(grid, r)?;
            (col == span.label_col).then(|| grid.text(r, col).to_string())
        })
        .and_then(|t| labels::label_or_guess(&t))
        .is_some_and(|(l, _)| {
            !matches!(
                l.field,
                Field::Number | Field::Policy | Field::Name | Field::Activity
            )
        })
}

/// Labelled rows that no card precedes: a warning each, so nothing is
/// dropped silently.
fn orphan_rows(grid: &Grid, span: &TableSpan, warnings: &mut Vec<Warning>) {
    for r in span.start..span.end {
        let Some((col, field)) = table::row_label(grid, r) else {
            continue;
        };
        let label = grid.text(r, col).trim();
        warnings.push(Warning::maybe_at(
            crate::model::WarningCode::OrphanRow,
            crate::msg!(
                "warning-orphan-row",
                label = label,
                field = crate::i18n::word(&format!("{field:?}"))
            ),
            grid.get(r, col).map(|c| &c.at),
        ));
    }
}

/// `goes_on`: the table continues the list of an earlier page (its header
/// repeated, or no header at all), so a first row without a number is the
/// rest of that list's last measure.
fn read_list_rows(
    grid: &Grid,
    span: &TableSpan,
    header: &list::ListHeader,
    goes_on: bool,
    numbering: &mut Numbering,
    out: &mut Assembled,
) -> Option<LastCard> {
    if let Some(p) = &header.periods {
        out.years.extend(p.years.iter().map(|y| y.fy));
    }
    note_header_years(header, out);
    let mut reader = list::ListReader {
        grid,
        span,
        header,
        warnings: &mut out.warnings,
        ledger: &mut out.ledger,
        card_years: BTreeSet::new(),
        before: if goes_on {
            out.measures.last_mut()
        } else {
            None
        },
        card_rows: None,
        policy: if goes_on {
            out.list_policy.take()
        } else {
            None
        },
    };
    let rows = reader.read();
    let list_policy = reader.policy.take();
    let card_rows = reader.card_rows.take();
    let card_years = std::mem::take(&mut reader.card_years);
    out.years.extend(card_years);
    out.list_policy = list_policy;
    for row in rows {
        let mut h = row.heading;
        if let Some((p, title)) = &row.policy {
            h.policy = h.policy.or(Some(*p));
            if !out.list_policies.iter().any(|x| x.0 == *p) {
                out.list_policies.push((*p, meta::strip_trailers(title)));
            }
        }
        let mut m = row.measure;
        numbering.assign(&mut m, h, row.at.as_ref());
        for name in row.open_ended {
            out.open_ended.push((out.measures.len(), name));
        }
        out.measures.push(m);
    }
    // The list ended in a transposed card's rows: that card is the one a
    // continued part joins.
    let (cols, open) = card_rows?;
    Some(LastCard {
        index: out.measures.len().checked_sub(1)?,
        grid: span.grid,
        cols,
        open: open.map(|o| (span.grid, o)),
        tail: None,
    })
}

/// The years a list's value column headers name (目標値（R10）): the plan
/// runs to them, whether or not a row gives a value there.
fn note_header_years(header: &list::ListHeader, out: &mut Assembled) {
    out.header_years
        .extend(header.columns.iter().filter_map(|c| {
            let note = c.note.as_deref()?;
            matches!(c.field, Field::Target | Field::Current | Field::Actual)
                .then(|| crate::normalize::era::header_year(note))
                .flatten()
        }));
}

/// A table of indicators keyed by measure numbers (番号 | 指標名 | 単位 |
/// 現状値（R6） | 目標値（R10））: each row's indicator goes to the measure
/// its number names (joining an indicator of the same name the measure
/// has already); a row naming no measure of the plan is a warning.
fn read_indicator_table(
    grid: &Grid,
    span: &TableSpan,
    header: &list::ListHeader,
    out: &mut Assembled,
) {
    note_header_years(header, out);
    let mut reader = list::ListReader {
        grid,
        span,
        header,
        warnings: &mut out.warnings,
        ledger: &mut out.ledger,
        card_years: BTreeSet::new(),
        before: None,
        card_rows: None,
        policy: None,
    };
    let rows = reader.indicator_rows();
    for (h, ind, at) in rows {
        let named: Vec<usize> = (0..out.measures.len())
            .filter(|&i| {
                let m = &out.measures[i];
                h.number == Some(m.number) && h.policy.is_none_or(|p| p == m.policy)
            })
            .collect();
        match named[..] {
            [i] => {
                let m = &mut out.measures[i];
                match m.indicators.iter_mut().find(|x| x.name == ind.name) {
                    Some(x) => {
                        for (y, v) in ind.target {
                            x.target.entry(y).or_insert(v);
                        }
                        for (y, v) in ind.actual {
                            x.actual.entry(y).or_insert(v);
                        }
                        if x.unit.is_none() {
                            x.unit = ind.unit;
                        }
                    }
                    None => m.indicators.push(ind),
                }
            }
            _ => {
                let number = match (h.policy, h.number) {
                    (Some(p), Some(n)) => format!("{p}-{n}"),
                    (None, Some(n)) => n.to_string(),
                    _ => String::new(),
                };
                out.warnings.push(Warning::maybe_at(
                    crate::model::WarningCode::UnplacedRow,
                    crate::msg!(
                        "warning-indicator-no-measure",
                        name = crate::i18n::quoted(&ind.name),
                        number = number
                    ),
                    at.as_ref(),
                ));
            }
        }
    }
}

/// Assigns policy and measure numbers: from the heading (or a list's
/// number and policy cells), else the current policy, else continuing
/// from the previous measure.
#[derive(Default)]
struct Numbering {
    policy: u32,
    number: u32,
    current_policy: Option<u32>,
    seen: BTreeSet<(u32, u32)>,
    warnings: Vec<Warning>,
}

impl Numbering {
    fn assign(&mut self, m: &mut Measure, heading: Heading, at: Option<&crate::grid::Loc>) {
        let policy = heading.policy.or(self.current_policy);
        if heading.number.is_none() {
            self.warnings.push(Warning::maybe_at(
                crate::model::WarningCode::NoHeading,
                crate::msg!("warning-no-heading", name = crate::i18n::quoted(&m.name)),
                at,
            ));
        }
        let policy = policy.unwrap_or(self.policy.max(1));
        let number = heading.number.unwrap_or(if policy == self.policy {
            self.number + 1
        } else {
            1
        });
        if !self.seen.insert((policy, number)) {
            self.warnings.push(Warning::maybe_at(
                crate::model::WarningCode::DuplicateId,
                crate::msg!("warning-duplicate-id", id = format!("{policy}-{number}")),
                at,
            ));
        }
        self.current_policy = Some(policy);
        (self.policy, self.number) = (policy, number);
        (m.policy, m.number, m.id) = (policy, number, format!("{policy}-{number}"));
    }
}
