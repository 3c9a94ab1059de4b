//! Tables drawn without rule or fill: cells from the alignment of text
//! (a Word or Calc table printed without borders), the way the text
//! strategies of pdfplumber, camelot's stream flavour, Tabula's stream mode
//! and PyMuPDF's `find_tables(strategy="text")` find them, written for
//! Japanese text (no spaces between words, so only wide gaps part cells):
//!
//! - a **header line** starts a table: a line of at least [`MIN_COLS`]
//!   pieces of text parted by gaps of [`CELL_GAP_EM`] or more;
//! - the lines below it belong to the table while every gap of the header
//!   stays open somewhere (no line's text crosses the whole gap): running
//!   prose crosses them all and ends the table; a line of several pieces
//!   that closes a few gaps, not the first, shows those gaps were inside
//!   one cell (a header written `KPI (指標)`), which are then no column
//!   border;
//! - the **columns** are the strips of the table's width that no glyph of
//!   any of its lines touches (at least [`GUTTER_EM`] wide), and two
//!   neighbouring columns that never hold text on the same line are one
//!   (a centred header over left-aligned short values);
//! - the **rows**: a line starts a new row where it has text in the first
//!   column and the row's text there was complete (it did not fill the
//!   column's width), or where its text stands in columns whose cells were
//!   complete; a line that goes on with cells that filled their width
//!   (wrapped text: Japanese wraps anywhere, so a cell's text continues on
//!   the next baseline in the same column) is the same row; where the
//!   first column's text stands below a row's first line (cells aligned to
//!   the bottom, Calc's default, or to the middle) a row takes its number
//!   once and ends before the next number or text under a closed cell;
//! - a label of the header line over several columns (スケジュール over
//!   R7 … R10 on the line below) makes the header two rows: the label one
//!   cell across its columns, every other label one cell over both rows;
//! - a line that runs across the columns between rows of cells (a policy
//!   row) is a row of one cell across the table; the table never ends on
//!   one;
//! - the table stands only with a header row over at least [`MIN_ROWS`]
//!   rows that hold text in two columns or more.
//!
//! Only pages without ruled tables and tables of filled cells are read this
//! way (see `build::analyse`).

use crate::error::ReadError;
use crate::read::pdf::content::{Dir, PageContent};
use crate::read::pdf::layout::{self, Line};
use crate::read::pdf::table::{Region, Source, Table};

/// A gap at least this many em wide parts two cells of a header line.
const CELL_GAP_EM: f32 = 0.45;
/// A strip free of text at least this many em wide (and
/// [`GUTTER_MIN_PT`] points) is a column border.
const GUTTER_EM: f32 = 0.4;
const GUTTER_MIN_PT: f32 = 2.0;
/// A table has at least this many columns …
const MIN_COLS: usize = 3;
/// … and at least this many rows under its header that hold text in two
/// columns or more.
const MIN_ROWS: usize = 2;
/// A vertical gap between lines of more than this many em ends a table.
const MAX_LINE_GAP_EM: f32 = 4.0;
/// Text ending within this many em of its column's right edge filled the
/// cell's width: the cell may go on on the next line.
const FULL_EM: f32 = 1.2;
/// Text narrower than this many em does not go on on the next line (a
/// word in a narrow column is complete).
const OPEN_MIN_EM: f32 = 2.5;
/// Lines this many em further apart than the table's closest ones are in
/// different rows.
const ROW_GAP_EM: f32 = 0.5;
/// The widest piece of a header label wrapped onto the line below (号,
/// （R11）, 担当課), in ems.
const HEADER_WRAP_EM: f32 = 5.0;
/// Lines looked at per page while trying header lines: a page of many
/// lines that each start a table and fail costs at most this much.
const MAX_LINE_VISITS: usize = 200_000;
/// Table edges stand this far (points) outside its text.
const PAD: f32 = 1.0;

/// One horizontal line of text as the table finder sees it.
#[derive(Debug, Clone)]
struct TextLine {
    y0: f32,
    y1: f32,
    /// The line's font size (the median of its glyphs).
    size: f32,
    /// Its pieces parted by a gap of [`CELL_GAP_EM`], left to right: x0, x1.
    pieces: Vec<(f32, f32)>,
    /// Its text, left to right (to know a header line printed again).
    text: String,
}

/// A borderless table's header line and columns, carried to the next
/// page, where the table may go on under the header printed again.
#[derive(Debug, Clone, PartialEq)]
pub struct Carry {
    header: String,
    xs: Vec<f32>,
}

impl Carry {
    /// Whether every piece of `line` lies inside one of the columns.
    fn fits(&self, line: &TextLine) -> bool {
        let (Some(&first), Some(&last)) = (self.xs.first(), self.xs.last()) else {
            return false;
        };
        let inner = &self.xs[1..self.xs.len() - 1];
        line.pieces.iter().all(|p| {
            p.0 >= first - line.size
                && p.1 <= last + line.size
                && !inner.iter().any(|&x| p.0 < x && p.1 > x)
        })
    }
}

/// The tables of a page found from text alignment (call only for a page
/// without other tables). `lines` are the page's lines of text.
///
/// `repeated` carries the header line of the last table found on earlier
/// pages and its columns (and is set to this page's last): under a header
/// line printed again, the table goes on, in the same columns, so one row
/// is enough (the last row of a list alone on its page, or only the rest
/// of a row the page break cut), where a table of its own needs
/// [`MIN_ROWS`].
///
/// # Errors
/// [`ReadError::Limit`] for a table of more than `max_cells` cells.
pub fn tables(
    page: &PageContent,
    max_cells: u64,
    repeated: &mut Option<Carry>,
) -> Result<Vec<Table>, ReadError> {
    let ids: Vec<u32> = (0..page.glyphs.len() as u32)
        .filter(|&i| {
            let g = &page.glyphs[i as usize];
            g.dir == Dir::Ltr && !g.vertical && !page.text_of(g).trim().is_empty()
        })
        .collect();
    let lines: Vec<Line> = layout::lines(page, &ids)
        .into_iter()
        .filter(|l| !l.vertical)
        .collect();
    let text_lines: Vec<TextLine> = lines
        .iter()
        .flat_map(|l| unstack(page, l))
        .map(|ids| text_line(page, &ids))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut budget = MAX_LINE_VISITS;
    while i < text_lines.len() {
        if budget == 0 {
            break;
        }
        match table_from(&text_lines, i, &mut budget, repeated.as_ref()) {
            Some((t, end)) => {
                let cells = (t.rows() * t.cols()) as u64;
                if cells > max_cells {
                    return Err(ReadError::Limit {
                        what: crate::msg!("limit-what-table", cells = cells.to_string()),
                        limit: max_cells,
                        which: crate::error::Limit::Cells,
                    });
                }
                *repeated = Some(Carry {
                    header: text_lines[i].text.clone(),
                    xs: t.xs.clone(),
                });
                out.push(t);
                i = end;
            }
            None => i += 1,
        }
    }
    Ok(out)
}

/// A visual line's glyphs in baselines: a short cell centred between two
/// lines of its neighbour's text overlaps both and chains them into one
/// visual line; here a glyph joins the baseline of the first glyph (from
/// the top) it overlaps by half, so the two lines stay apart and the
/// centred cell goes with the upper one.
fn unstack(page: &PageContent, l: &Line) -> Vec<Vec<u32>> {
    let gl = &page.glyphs;
    let mut ids = l.glyphs.clone();
    ids.sort_by(|&a, &b| {
        gl[a as usize]
            .bbox
            .cy()
            .total_cmp(&gl[b as usize].bbox.cy())
    });
    let mut out: Vec<(f32, f32, Vec<u32>)> = Vec::new();
    for i in ids {
        let b = gl[i as usize].bbox;
        let joins = out.iter_mut().find(|(y0, y1, _)| {
            let overlap = y1.min(b.y1) - y0.max(b.y0);
            overlap >= 0.5 * (b.y1 - b.y0).min(y1 - y0)
        });
        match joins {
            Some(g) => g.2.push(i),
            None => out.push((b.y0, b.y1, vec![i])),
        }
    }
    out.into_iter().map(|g| g.2).collect()
}

fn text_line(page: &PageContent, ids: &[u32]) -> TextLine {
    let gl = &page.glyphs;
    let mut sizes: Vec<f32> = ids.iter().map(|&i| gl[i as usize].size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0);
    let mut pieces: Vec<(f32, f32)> = Vec::new();
    let mut boxes: Vec<(f32, f32)> = ids
        .iter()
        .map(|&i| (gl[i as usize].bbox.x0, gl[i as usize].bbox.x1))
        .collect();
    boxes.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (x0, x1) in boxes {
        match pieces.last_mut() {
            Some(p) if x0 - p.1 < CELL_GAP_EM * size => p.1 = p.1.max(x1),
            _ => pieces.push((x0, x1)),
        }
    }
    let (y0, y1) = ids
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), &i| {
            let g = gl[i as usize].bbox;
            (a.min(g.y0), b.max(g.y1))
        });
    let mut chars: Vec<(f32, &str)> = ids
        .iter()
        .map(|&i| (gl[i as usize].bbox.x0, page.text_of(&gl[i as usize])))
        .collect();
    chars.sort_by(|a, b| a.0.total_cmp(&b.0));
    TextLine {
        y0,
        y1,
        size,
        pieces,
        text: chars.into_iter().map(|c| c.1).collect(),
    }
}

/// The intervals of `free` not touched by any of `pieces`, at least `min`
/// wide.
fn subtract(free: &[(f32, f32)], pieces: &[(f32, f32)], min: f32) -> Vec<(f32, f32)> {
    let mut out = Vec::new();
    for &(a, b) in free {
        let mut start = a;
        for &(p0, p1) in pieces {
            if p1 <= start || p0 >= b {
                continue;
            }
            if p0 - start >= min {
                out.push((start, p0));
            }
            start = start.max(p1);
        }
        if b - start >= min {
            out.push((start, b));
        }
    }
    out
}

/// A table whose header is line `h`, and the index of the first line after
/// it; none when the lines from `h` do not make a table.
fn table_from(
    lines: &[TextLine],
    h: usize,
    budget: &mut usize,
    repeated: Option<&Carry>,
) -> Option<(Table, usize)> {
    let head = &lines[h];
    if head.pieces.len() < MIN_COLS {
        return None;
    }
    // A header line printed again: the table going on from an earlier
    // page, where one row is a table.
    // (Where it stands as it stood: each of its labels inside one of the
    // columns carried.)
    let carried = repeated
        .filter(|c| c.header == head.text && c.fits(head))
        .map(|c| &c.xs[..]);
    let min_rows = if carried.is_some() { 1 } else { MIN_ROWS };
    let min = (GUTTER_EM * head.size).max(GUTTER_MIN_PT);
    // The header's gaps, each as the strips of it still free of text.
    let mut gaps: Vec<Vec<(f32, f32)>> = head
        .pieces
        .windows(2)
        .map(|w| vec![(w[0].1, w[1].0)])
        .collect();
    let mut end = h + 1;
    // Lines that run across the columns inside the table (a policy row).
    let mut spanning = vec![false];
    while end < lines.len() {
        *budget = budget.saturating_sub(1);
        if *budget == 0 {
            return None;
        }
        let (prev, l) = (&lines[end - 1], &lines[end]);
        if l.y0 - prev.y1 > MAX_LINE_GAP_EM * head.size.max(l.size) {
            break;
        }
        let next: Vec<Vec<(f32, f32)>> = gaps.iter().map(|g| subtract(g, &l.pieces, min)).collect();
        let closed = next.iter().filter(|g| g.is_empty()).count();
        // Only a line of cells (text in half the columns or more) that
        // closes a minority of the gaps shows those were no borders; any
        // other line across a gap is a row across the table (a policy
        // row) or the end of the table.
        let cells = columns_held(&gaps, &l.pieces) * 2 > gaps.len();
        if closed > 0 && (!cells || l.pieces.len() < 2 || 2 * closed > gaps.len()) {
            if fits(lines, end + 1, &gaps, head.size, min) {
                spanning.push(true);
                end += 1;
                continue;
            }
            break;
        }
        gaps = next.into_iter().filter(|g| !g.is_empty()).collect();
        spanning.push(false);
        end += 1;
    }
    // A table does not end on a spanning line.
    while spanning.last() == Some(&true) {
        spanning.pop();
        end -= 1;
    }
    if gaps.len() + 1 < MIN_COLS || end - h < 1 + min_rows {
        return None;
    }
    let top = lead(lines, h, end, &spanning, min);
    let mut spans = vec![false; h - top];
    spans.extend(spanning);
    let t = build(&lines[top..end], &spans, min, top < h, carried)?;
    Some((t, end))
}

/// Where a table starting at line `h` really starts: the page's first
/// line, when the table's first line is numbered (text in its first
/// column) and every line above it stands close above, in its columns (no
/// text across a border) and without a number: the rest of a row cut by
/// the page break; else `h`.
fn lead(lines: &[TextLine], h: usize, end: usize, spanning: &[bool], min: f32) -> usize {
    if h == 0 || h > 3 {
        return h;
    }
    let cells: Vec<TextLine> = lines[h..end]
        .iter()
        .zip(spanning)
        .filter(|(_, s)| !**s)
        .map(|(l, _)| l.clone())
        .collect();
    let xs = columns(&cells, min);
    if xs.len() < MIN_COLS + 1 {
        return h;
    }
    let inner = &xs[1..xs.len() - 1];
    // The table's first line is numbered; the lines above it are not.
    let numbered = |l: &TextLine| l.pieces.first().is_some_and(|p| p.1 < xs[1]);
    let fits = numbered(&lines[h])
        && (0..h).all(|k| {
            let l = &lines[k];
            lines[k + 1].y0 - l.y1 <= MAX_LINE_GAP_EM * l.size
                && !numbered(l)
                && l.pieces.iter().all(|p| {
                    p.0 >= xs[0] - l.size
                        && p.1 <= xs[xs.len() - 1] + l.size
                        && !inner.iter().any(|&x| p.0 < x && p.1 > x)
                })
        });
    if fits { 0 } else { h }
}

/// The table of `rows_lines` (`spanning` marks the lines across it); its
/// first row is its header, unless `cut` (the rest of a row cut by the
/// page break comes first).
/// `carried`: the columns of the table this one goes on from (its header
/// printed again), taken as they were.
fn build(
    rows_lines: &[TextLine],
    spanning: &[bool],
    min: f32,
    cut: bool,
    carried: Option<&[f32]>,
) -> Option<Table> {
    let min_rows = if carried.is_some() { 1 } else { MIN_ROWS };
    let end = rows_lines.len();
    let h = 0;
    let cells: Vec<TextLine> = rows_lines
        .iter()
        .zip(spanning)
        .filter(|(_, s)| !**s)
        .map(|(l, _)| l.clone())
        .collect();
    let mut xs = match carried.filter(|_| !cut) {
        Some(given) => given.to_vec(),
        None => columns(&cells, min),
    };
    if xs.len() < MIN_COLS + 1 {
        return None;
    }
    // A label of the header line over several columns (スケジュール over
    // R7 … R10 on the line below): the columns are those of the lines
    // under it, the label one cell across them.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    if !cut && carried.is_none() && cells.len() > 2 {
        let mut under = columns(&cells[1..], min);
        let last = under.len() - 1;
        (under[0], under[last]) = (under[0].min(xs[0]), under[last].max(xs[xs.len() - 1]));
        let inner = &under[1..last];
        for p in &cells[0].pieces {
            let crossed = inner.iter().filter(|&&x| p.0 < x && p.1 > x).count();
            if crossed > 0 {
                let c0 = under.partition_point(|&x| x <= p.0).saturating_sub(1);
                groups.push((c0, c0 + crossed));
            }
        }
        // A centred label narrower than its group: the group also takes the
        // neighbouring columns with no label of their own on the label's
        // line and one on the line below.
        let over = |c: usize| {
            cells[0]
                .pieces
                .iter()
                .any(|p| p.0 < under[c + 1] && p.1 > under[c])
        };
        let below = occupied(&cells[1], &under);
        let free = |c: usize, groups: &[(usize, usize)]| {
            !over(c) && below[c].is_some() && !groups.iter().any(|g| (g.0..=g.1).contains(&c))
        };
        for k in 0..groups.len() {
            let (mut a, mut b) = groups[k];
            while a > 0 && free(a - 1, &groups) {
                a -= 1;
            }
            while b + 1 < under.len() - 1 && free(b + 1, &groups) {
                b += 1;
            }
            groups[k] = (a, b);
        }
        if !groups.is_empty() && under.len() > xs.len() {
            xs = under;
        } else {
            groups.clear();
        }
    }
    // Rows across the table may reach further out than its cells.
    for (l, _) in rows_lines.iter().zip(spanning).filter(|(_, s)| **s) {
        let last = xs.len() - 1;
        if let (Some(a), Some(b)) = (l.pieces.first(), l.pieces.last()) {
            xs[0] = xs[0].min(a.0 - PAD);
            xs[last] = xs[last].max(b.1 + PAD);
        }
    }
    let occupancy: Vec<Vec<Option<(f32, f32)>>> = rows_lines
        .iter()
        .zip(spanning)
        .map(|(l, &s)| {
            if s {
                vec![None; xs.len() - 1]
            } else {
                occupied(l, &xs)
            }
        })
        .collect();
    let mut rows = rows_of(rows_lines, &occupancy, &xs, spanning, !cut);
    // The header in two rows: the group labels' line, then the line of
    // the columns under them.
    if !groups.is_empty() {
        let head = rows[0].clone();
        let under = head.start + 1..head.end;
        let below = |c: usize| occupancy[under.clone()].iter().any(|o| o[c].is_some());
        if under.is_empty() || !groups.iter().all(|&(a, b)| (a..=b).all(below)) {
            return None;
        }
        rows.splice(0..1, [head.start..head.start + 1, under]);
    }
    if rows.len() < 1 + min_rows + usize::from(cut) {
        return None;
    }
    let filled = |r: &std::ops::Range<usize>| {
        (0..xs.len() - 1)
            .filter(|&c| occupancy[r.clone()].iter().any(|o| o[c].is_some()))
            .count()
    };
    let cols = xs.len() - 1;
    let head = usize::from(cut);
    let header_cells = filled(&rows[head]);
    // A row of cells fills two of them at least; going on from an earlier
    // page, the rest of a cut row may fill one.
    let least = if carried.is_some() { 1 } else { 2 };
    let data_rows = rows[head + 1..]
        .iter()
        .filter(|r| filled(r) >= least)
        .count();
    if 2 * header_cells < cols || data_rows < min_rows {
        return None;
    }
    let mut ys = vec![rows_lines[0].y0 - PAD];
    for w in rows.windows(2) {
        let above = rows_lines[w[0].end - 1].y1;
        let below = rows_lines[w[1].start].y0;
        ys.push((above + below) / 2.0);
    }
    ys.push(rows_lines[end - h - 1].y1 + PAD);
    let nc = xs.len() - 1;
    let mut merges: Vec<[usize; 4]> = (0..rows.len())
        .filter(|&r| spanning[rows[r].start])
        .map(|r| [r, 0, 1, nc])
        .collect();
    if !groups.is_empty() {
        // A group label across its columns; every other label stands over
        // both header rows (a label wrapped onto the second line included).
        merges.extend(groups.iter().map(|&(a, b)| [0, a, 1, b + 1 - a]));
        merges.extend(
            (0..nc)
                .filter(|&c| !groups.iter().any(|&(a, b)| (a..=b).contains(&c)))
                .map(|c| [0, c, 2, 1]),
        );
    }
    Some(grid_table(xs, ys, &merges))
}

/// How many of the columns parted by `gaps` hold a piece of text.
fn columns_held(gaps: &[Vec<(f32, f32)>], pieces: &[(f32, f32)]) -> usize {
    let borders: Vec<f32> = gaps
        .iter()
        .filter_map(|g| Some((g.first()?.0 + g.last()?.1) / 2.0))
        .collect();
    let mut cols: Vec<usize> = pieces
        .iter()
        .map(|p| borders.partition_point(|&b| b < (p.0 + p.1) / 2.0))
        .collect();
    cols.dedup();
    cols.len()
}

/// True when the line `k` (after a line that ran across the columns) is a
/// row of cells again: near enough, in two pieces or more, and leaving
/// every gap of the header open.
fn fits(lines: &[TextLine], k: usize, gaps: &[Vec<(f32, f32)>], size: f32, min: f32) -> bool {
    let Some(l) = lines.get(k) else {
        return false;
    };
    l.y0 - lines[k - 1].y1 <= MAX_LINE_GAP_EM * size.max(l.size)
        && l.pieces.len() >= 2
        && gaps.iter().all(|g| !subtract(g, &l.pieces, min).is_empty())
}

/// Column borders of a table's lines: its left edge, the middle of every
/// strip no glyph touches, its right edge; neighbouring columns that never
/// hold text on one line are joined.
fn columns(lines: &[TextLine], min: f32) -> Vec<f32> {
    let x0 = lines
        .iter()
        .flat_map(|l| l.pieces.first())
        .map(|p| p.0)
        .fold(f32::INFINITY, f32::min);
    let x1 = lines
        .iter()
        .flat_map(|l| l.pieces.last())
        .map(|p| p.1)
        .fold(f32::NEG_INFINITY, f32::max);
    let mut free = vec![(x0, x1)];
    for l in lines {
        free = subtract(&free, &l.pieces, min);
    }
    let mut xs = vec![x0 - PAD];
    xs.extend(
        free.iter()
            .filter(|g| g.0 > x0 && g.1 < x1)
            .map(|g| (g.0 + g.1) / 2.0),
    );
    xs.push(x1 + PAD);
    // Join neighbours that never share a line.
    let mut k = 1;
    while k + 1 < xs.len() {
        let shared = lines.iter().any(|l| {
            let o = occupied(l, &xs);
            o[k - 1].is_some() && o[k].is_some()
        });
        if shared {
            k += 1;
        } else {
            xs.remove(k);
        }
    }
    xs
}

/// For each column, the extent of the line's text in it.
fn occupied(l: &TextLine, xs: &[f32]) -> Vec<Option<(f32, f32)>> {
    let mut out: Vec<Option<(f32, f32)>> = vec![None; xs.len() - 1];
    for &(a, b) in &l.pieces {
        let mid = (a + b) / 2.0;
        let c = xs.partition_point(|&x| x <= mid).clamp(1, xs.len() - 1) - 1;
        out[c] = Some(out[c].map_or((a, b), |(p, q)| (p.min(a), q.max(b))));
    }
    out
}

/// The lines of each row, as ranges of `lines`. A cell's text on a line
/// is *open* (it may go on on the next line) when it is at least
/// [`OPEN_MIN_EM`] wide and spans its column from the left edge of the
/// column's text to the right edge (within [`FULL_EM`]), else *closed*.
///
/// A line starts a row when it has text in the first column and the row's
/// text there is closed, or open but the line's text does not start where
/// it started (left-aligned text going on), or the row has none (it began
/// without a number: the rest of a row cut by the page break); when, without text in the first
/// column, two or more of its cells and more than it continues stand in
/// columns whose text is closed (a row without a number); or when it stands
/// clearly further below the line above than the table's lines stand from
/// one another. A line with text only in columns still empty in the row is
/// the same row. A spanning line is a row of its own.
///
/// Where the first column's text stands on the last line of its row (cells
/// aligned to the bottom, Calc's default: the lines above it end open,
/// wrapped, and it closes them), a row ends at a line with text in the
/// first column instead.
fn rows_of(
    lines: &[TextLine],
    occ: &[Vec<Option<(f32, f32)>>],
    xs: &[f32],
    spanning: &[bool],
    head: bool,
) -> Vec<std::ops::Range<usize>> {
    let cols = xs.len() - 1;
    let edge = |c: usize, f: fn(&(f32, f32)) -> f32, init: f32, pick: fn(f32, f32) -> f32| {
        occ.iter()
            .filter_map(|o| o[c].as_ref().map(f))
            .fold(init, pick)
    };
    let left: Vec<f32> = (0..cols)
        .map(|c| edge(c, |e| e.0, f32::INFINITY, f32::min))
        .collect();
    let right: Vec<f32> = (0..cols)
        .map(|c| edge(c, |e| e.1, f32::NEG_INFINITY, f32::max))
        .collect();
    let open = |j: usize, c: usize| {
        occ[j][c].is_some_and(|(a, b)| {
            let em = lines[j].size;
            b - a >= OPEN_MIN_EM * em && a <= left[c] + FULL_EM * em && b >= right[c] - FULL_EM * em
        })
    };
    let pitch = lines
        .windows(2)
        .map(|w| w[1].y0 - w[0].y0)
        .fold(f32::INFINITY, f32::min);
    // The header's labels wrapped in narrow columns (番 over 号, 目標 over
    // （R11）): a line right under the header line, at the table's line
    // pitch, with a few short pieces, each under a label, goes on with
    // the header rather than starting the first row.
    let head_cols: Vec<bool> = (0..cols).map(|c| occ[0][c].is_some()).collect();
    let head_filled = head_cols.iter().filter(|&&h| h).count();
    let wraps_header = |j: usize, start: usize| {
        let l = &lines[j];
        let em = l.size;
        let here: Vec<usize> = (0..cols).filter(|&c| occ[j][c].is_some()).collect();
        head && start == 0
            && j > 0
            && !spanning[j]
            && l.y0 - lines[j - 1].y0 <= pitch + ROW_GAP_EM * em
            && !here.is_empty()
            && 2 * here.len() < head_filled
            && here.iter().all(|&c| head_cols[c])
            && l.pieces.iter().all(|p| p.1 - p.0 <= HEADER_WRAP_EM * em)
    };
    if bottom_aligned(lines, occ, cols, &open) {
        // The number stands below the row's first line (cells aligned to
        // the bottom or the middle): a row has its number once; after it,
        // a line goes on with cells the row left open (wrapped on below
        // the number) and starts the next row with a number of its own or
        // text under a cell the row closed.
        let mut rows = Vec::new();
        let mut start = 0;
        let mut numbered = false;
        let mut last: Vec<Option<bool>> = vec![None; cols];
        for j in 0..lines.len() {
            let under_closed = (0..cols).any(|c| occ[j][c].is_some() && last[c] == Some(false));
            let new_row = spanning[j]
                || (j > 0 && spanning[j - 1])
                || numbered && (occ[j][0].is_some() || under_closed) && !wraps_header(j, start);
            if j > start && new_row {
                rows.push(start..j);
                start = j;
                numbered = false;
                last = vec![None; cols];
            }
            numbered |= occ[j][0].is_some();
            for c in 0..cols {
                if occ[j][c].is_some() {
                    last[c] = Some(open(j, c));
                }
            }
        }
        rows.push(start..lines.len());
        return rows;
    }
    let mut rows = Vec::new();
    let mut start = 0;
    // Per column: the row's last text in it, and whether it is open.
    let mut last: Vec<Option<((f32, f32), bool)>> = vec![None; cols];
    for (j, l) in lines.iter().enumerate() {
        let em = l.size;
        let hits = |open: bool| {
            (0..cols)
                .filter(|&c| occ[j][c].is_some() && last[c].is_some_and(|x| x.1 == open))
                .count()
        };
        let first = match (occ[j][0], last[0]) {
            (Some(now), Some((before, open))) => !open || (now.0 - before.0).abs() > 0.5 * em,
            // The row so far has no number: lines going on from a row cut
            // by the page break above, or a row without one.
            (Some(_), None) => j > start,
            _ => false,
        };
        let closed = occ[j][0].is_none() && hits(false) >= 2 && hits(false) > hits(true);
        let apart = j > 0 && l.y0 - lines[j - 1].y0 > pitch + ROW_GAP_EM * em;
        let after_span = j > 0 && spanning[j - 1];
        let breaks = first || closed || apart || spanning[j] || after_span;
        if j > start && breaks && !wraps_header(j, start) {
            rows.push(start..j);
            start = j;
            last = vec![None; cols];
        }
        for c in 0..cols {
            if let Some(e) = occ[j][c] {
                last[c] = Some((e, open(j, c)));
            }
        }
    }
    rows.push(start..lines.len());
    rows
}

/// True when the first column's text stands below the first line of its
/// rows: some data line with text in the first column closes a cell left
/// open on a line above without a number (text wrapped down to it), and
/// no more of them only leave one open for a line below (cells aligned to
/// the middle do both).
fn bottom_aligned(
    lines: &[TextLine],
    occ: &[Vec<Option<(f32, f32)>>],
    cols: usize,
    open: &dyn Fn(usize, usize) -> bool,
) -> bool {
    let (mut up, mut down) = (0, 0);
    for j in 1..lines.len() {
        if occ[j][0].is_none() {
            continue;
        }
        let from_above =
            occ[j - 1][0].is_none() && (1..cols).any(|c| occ[j][c].is_some() && open(j - 1, c));
        let to_below = j + 1 < lines.len()
            && occ[j + 1][0].is_none()
            && (1..cols).any(|c| open(j, c) && occ[j + 1][c].is_some());
        up += usize::from(from_above && !to_below);
        down += usize::from(to_below && !from_above);
    }
    up > 0 && up >= down
}

/// A table on column borders `xs` and row borders `ys`: single cells, and
/// the `merges` (row, column, rows, columns) as one cell each.
fn grid_table(xs: Vec<f32>, ys: Vec<f32>, merges: &[[usize; 4]]) -> Table {
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    let mut region_of = vec![usize::MAX; nr * nc];
    let mut regions = Vec::new();
    let mut add = |r: usize, c: usize, rows: usize, cols: usize, region_of: &mut Vec<usize>| {
        let (rows, cols) = (rows.min(nr - r), cols.min(nc - c));
        for rr in r..r + rows {
            for cc in c..c + cols {
                region_of[rr * nc + cc] = regions.len();
            }
        }
        regions.push(Region {
            row: r,
            col: c,
            rows,
            cols,
            bbox: crate::read::pdf::geom::Rect::new(xs[c], ys[r], xs[c + cols], ys[r + rows]),
        });
    };
    for &[r, c, rows, cols] in merges {
        if r < nr && c < nc && region_of[r * nc + c] == usize::MAX {
            add(r, c, rows, cols, &mut region_of);
        }
    }
    for k in 0..nr * nc {
        if region_of[k] == usize::MAX {
            add(k / nc, k % nc, 1, 1, &mut region_of);
        }
    }
    let order: Vec<usize> = {
        let mut o: Vec<usize> = (0..regions.len()).collect();
        o.sort_by_key(|&i| (regions[i].row, regions[i].col));
        o
    };
    let mut rank = vec![0; regions.len()];
    for (new, &old) in order.iter().enumerate() {
        rank[old] = new;
    }
    let regions: Vec<Region> = order.iter().map(|&i| regions[i]).collect();
    let region_of = region_of.into_iter().map(|i| rank[i]).collect();
    Table {
        xs,
        ys,
        regions,
        region_of,
        source: Source::Aligned,
        own_fills: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pdf::content::Glyph;
    use crate::read::pdf::geom::Rect;

    /// A page of text: each `(text, x, y)` a run of 10 pt glyphs, one per
    /// character, 10 pt wide.
    fn page(runs: &[(&str, f32, f32)]) -> PageContent {
        let mut p = PageContent {
            page: Some(Rect::new(0.0, 0.0, 842.0, 595.0)),
            ..PageContent::default()
        };
        for &(t, x, y) in runs {
            for (k, ch) in t.chars().enumerate() {
                let start = p.text.len() as u32;
                p.text.push(ch);
                let x0 = x + 10.0 * k as f32;
                p.glyphs.push(Glyph {
                    bbox: Rect::new(x0, y, x0 + 10.0, y + 10.0),
                    size: 10.0,
                    start,
                    len: ch.len_utf8() as u16,
                    dir: Dir::Ltr,
                    vertical: false,
                });
            }
        }
        p
    }

    /// 番号 | 施策名 (80 pt) | 内容 (120 pt) | 担当課, lines 12 pt apart;
    /// row 1 wraps its name and its text, row 2 is one line.
    fn list() -> Vec<(&'static str, f32, f32)> {
        vec![
            ("番号", 10.0, 100.0),
            ("施策名", 60.0, 100.0),
            ("内容", 180.0, 100.0),
            ("担当課", 300.0, 100.0),
            ("1", 15.0, 112.0),
            ("窓口のオンラ", 50.0, 112.0),
            ("端末を置いて本庁とつなぐ", 140.0, 112.0),
            ("市民課", 290.0, 112.0),
            ("イン化", 50.0, 124.0),
            ("ことにする。", 140.0, 124.0),
            ("2", 15.0, 136.0),
            ("書かない窓口", 50.0, 136.0),
            ("聞き取って作る。", 140.0, 136.0),
            ("総務課", 290.0, 136.0),
            ("3", 15.0, 148.0),
            ("予約", 50.0, 148.0),
            ("ウェブで予約する。", 140.0, 148.0),
            ("情報課", 290.0, 148.0),
        ]
    }

    fn spans(t: &Table) -> (Vec<i32>, usize) {
        (t.xs.iter().map(|x| x.round() as i32).collect(), t.rows())
    }

    #[test]
    fn columns_from_gutters_rows_from_wrapped_lines() {
        let t = tables(&page(&list()), 1000, &mut None).unwrap();
        assert_eq!(t.len(), 1);
        let (xs, rows) = spans(&t[0]);
        assert_eq!(xs, vec![9, 40, 125, 275, 331]);
        assert_eq!(rows, 4, "header and three rows: {:?}", t[0].ys);
        assert_eq!(t[0].source, Source::Aligned);
        // The wrapped lines (y 124) are in row 1, with its first line.
        let r = t[0].region_at(60.0, 129.0).unwrap();
        assert_eq!((t[0].regions[r].row, t[0].regions[r].col), (1, 1));
    }

    #[test]
    fn prose_after_the_header_ends_the_table() {
        let mut runs = list()[..4].to_vec();
        runs.push((
            "この計画は市の情報化の方針に基づいてまとめたものです。",
            10.0,
            112.0,
        ));
        runs.push((
            "各施策の担当課は毎年度の終わりに進み具合を確かめます。",
            10.0,
            124.0,
        ));
        runs.push(("必要に応じて内容を見直します。", 10.0, 136.0));
        assert!(tables(&page(&runs), 1000, &mut None).unwrap().is_empty());
        // Prose alone, and a table with one row under its header, are no tables.
        assert!(
            tables(&page(&runs[4..]), 1000, &mut None)
                .unwrap()
                .is_empty()
        );
        assert!(
            tables(&page(&list()[..10]), 1000, &mut None)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn one_row_under_a_header_printed_again_is_the_table_going_on() {
        // The page before had the table: its header line is carried.
        let mut repeated = None;
        assert_eq!(
            tables(&page(&list()), 1000, &mut repeated).unwrap().len(),
            1
        );
        assert!(repeated.is_some());
        // The next page: the same header line and one row (the last row of
        // the list alone on its page).
        let t = tables(&page(&list()[..10]), 1000, &mut repeated).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(spans(&t[0]).1, 2, "the header and its one row");
        // Under another header, one row is still no table.
        let mut other = repeated.clone().map(|c| Carry {
            header: "No.事業名内容".to_string(),
            ..c
        });
        assert!(
            tables(&page(&list()[..10]), 1000, &mut other)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_gap_closed_by_a_row_of_cells_is_inside_a_cell() {
        // The header writes one label in two pieces; a row's text runs
        // across the gap between them, while other columns stay apart.
        let mut runs = list();
        runs[2] = ("内", 160.0, 100.0);
        runs.insert(3, ("容", 230.0, 100.0));
        let t = tables(&page(&runs), 1000, &mut None).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(spans(&t[0]).0, vec![9, 40, 125, 275, 331]);
    }

    #[test]
    fn a_centred_header_over_short_values_is_one_column() {
        // 担当課 centred over values flush left that end before it starts.
        let mut runs = list();
        runs[3] = ("担当課", 330.0, 100.0);
        for k in [7, 13, 17] {
            runs[k].0 = "総務";
        }
        let t = tables(&page(&runs), 1000, &mut None).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].cols(), 4, "{:?}", t[0].xs);
    }

    #[test]
    fn a_line_across_the_columns_between_rows_is_a_spanning_row() {
        // 基本方針 rows across the table, each followed by rows of cells.
        let mut runs = list()[..4].to_vec();
        runs.push(("基本方針1 行政のデジタル化を進めます", 10.0, 112.0));
        runs.extend(list()[4..].iter().map(|&(t, x, y)| (t, x, y + 12.0)));
        let t = tables(&page(&runs), 1000, &mut None).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows(), 5, "{:?}", t[0].ys);
        let r = t[0].region_at(60.0, 117.0).unwrap();
        let reg = t[0].regions[r];
        assert_eq!((reg.row, reg.col, reg.rows, reg.cols), (1, 0, 1, 4));
        // Ending on such a line, the table leaves it out.
        let mut runs = list();
        runs.push(("※ 担当課は令和7年4月現在のものです。", 10.0, 160.0));
        let t = tables(&page(&runs), 1000, &mut None).unwrap();
        assert_eq!(t[0].rows(), 4);
        assert!(t[0].region_at(60.0, 165.0).is_none());
    }

    #[test]
    fn cells_aligned_to_the_bottom_end_their_row_at_the_first_column() {
        // Calc's default: the number and the short cells stand on the last
        // line of their row, a wrapped text's lines above them.
        let runs = vec![
            ("番号", 10.0, 100.0),
            ("施策名", 60.0, 100.0),
            ("内容", 180.0, 100.0),
            ("担当課", 300.0, 100.0),
            ("端末を置いて本庁とつなぐ", 140.0, 112.0),
            ("1", 15.0, 124.0),
            ("窓口の改善", 50.0, 124.0),
            ("ことにする。", 140.0, 124.0),
            ("市民課", 290.0, 124.0),
            ("聞き取って申請書を作って", 140.0, 136.0),
            ("2", 15.0, 148.0),
            ("書かない窓口", 50.0, 148.0),
            ("署名だけにする。", 140.0, 148.0),
            ("総務課", 290.0, 148.0),
            ("3", 15.0, 160.0),
            ("予約", 50.0, 160.0),
            ("ウェブで予約する。", 140.0, 160.0),
            ("情報課", 290.0, 160.0),
        ];
        let t = tables(&page(&runs), 1000, &mut None).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows(), 4, "{:?}", t[0].ys);
        let row_of = |x: f32, y: f32| t[0].regions[t[0].region_at(x, y).unwrap()].row;
        assert_eq!(row_of(150.0, 117.0), 1, "the wrapped line above its number");
        assert_eq!(row_of(150.0, 141.0), 2);
        assert_eq!(row_of(20.0, 165.0), 3);
    }

    #[test]
    fn the_rest_of_a_row_cut_by_the_page_break_is_the_tables_first_row() {
        // A page that starts inside a row: its name's and text's last lines
        // without a number, then numbered rows (no header repeated).
        let mut runs = vec![("る", 50.0, 88.0), ("続きの文です。", 140.0, 88.0)];
        runs.extend(list()[4..].iter().copied());
        for r in &mut runs[2..] {
            r.2 -= 12.0;
        }
        let t = tables(&page(&runs), 1000, &mut None).unwrap();
        assert_eq!(t.len(), 1);
        let r = t[0].region_at(55.0, 93.0).unwrap();
        assert_eq!((t[0].regions[r].row, t[0].regions[r].col), (0, 1));
        assert_eq!(t[0].rows(), 4);
        // A caption from the left margin above a table is no part of it.
        let mut runs = vec![("表1", 10.0, 85.0)];
        runs.extend(list());
        let t = tables(&page(&runs), 1000, &mut None).unwrap();
        assert!(t[0].region_at(15.0, 90.0).is_none());
    }

    #[test]
    fn a_label_over_several_columns_heads_them_in_a_row_of_its_own() {
        // スケジュール over R7 … R10 (columns 30 pt apart), the other labels
        // on its line alone.
        let mut runs = vec![
            ("番号", 10.0, 100.0),
            ("施策名", 60.0, 100.0),
            ("スケジュール", 190.0, 100.0),
            ("R7", 160.0, 112.0),
            ("R8", 190.0, 112.0),
            ("R9", 220.0, 112.0),
            ("R10", 250.0, 112.0),
        ];
        for (k, name) in ["窓口の改善", "書かない窓口", "予約の受付"]
            .iter()
            .enumerate()
        {
            let y = 124.0 + 12.0 * k as f32;
            runs.push(([["1", "2", "3"][k]][0], 15.0, y));
            runs.push((name, 50.0, y));
            runs.push(("●", 165.0 + 30.0 * k as f32, y));
            runs.push(("●", 195.0 + 30.0 * k as f32, y));
        }
        let t = tables(&page(&runs), 1000, &mut None).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].cols(), 6, "{:?}", t[0].xs);
        assert_eq!(t[0].rows(), 5, "{:?}", t[0].ys);
        let span = |x: f32, y: f32| {
            let r = t[0].regions[t[0].region_at(x, y).unwrap()];
            (r.row, r.col, r.rows, r.cols)
        };
        assert_eq!(span(200.0, 105.0), (0, 2, 1, 4), "the group label");
        assert_eq!(
            span(20.0, 105.0),
            (0, 0, 2, 1),
            "番号 over both header rows"
        );
        assert_eq!(span(195.0, 117.0), (1, 3, 1, 1), "R8");
        assert_eq!(span(170.0, 129.0), (2, 2, 1, 1));
    }

    #[test]
    fn a_cell_centred_between_two_lines_does_not_join_them() {
        // 内容 in two lines 10 pt apart; the number and the name centred
        // between them touch both.
        let mut runs = list()[..4].to_vec();
        for (k, (n, name)) in [
            ("1", "窓口の改善"),
            ("2", "予約の受付"),
            ("3", "書かない窓口"),
        ]
        .iter()
        .enumerate()
        {
            let y = 115.0 + 30.0 * k as f32;
            runs.push(("端末を置いて本庁とつなぐ", 140.0, y));
            runs.push((n, 15.0, y + 5.0));
            runs.push((name, 50.0, y + 5.0));
            runs.push(("ことにする。", 140.0, y + 10.0));
        }
        let t = tables(&page(&runs), 1000, &mut None).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows(), 4, "{:?}", t[0].ys);
        let row_of = |x: f32, y: f32| t[0].regions[t[0].region_at(x, y).unwrap()].row;
        assert_eq!(row_of(150.0, 120.0), 1);
        assert_eq!(row_of(150.0, 130.0), 1, "the second line of the text");
        assert_eq!(row_of(150.0, 150.0), 2);
    }
}
