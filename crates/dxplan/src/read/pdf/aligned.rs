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
//!   that closes a gap shows the gap was inside one cell (a header written
//!   `KPI (指標)`), which is then no column border;
//! - the **columns** are the strips of the table's width that no glyph of
//!   any of its lines touches (at least [`GUTTER_EM`] wide), and two
//!   neighbouring columns that never hold text on the same line are one
//!   (a centred header over left-aligned short values);
//! - the **rows**: a line starts a new row where it has text in the first
//!   column and the row's text there was complete (it did not fill the
//!   column's width), or where its text stands in columns whose cells were
//!   complete; a line that goes on with cells that filled their width
//!   (wrapped text: Japanese wraps anywhere, so a cell's text continues on
//!   the next baseline in the same column) is the same row;
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
const MAX_LINE_GAP_EM: f32 = 2.0;
/// Text ending within this many em of its column's right edge filled the
/// cell's width: the cell may go on on the next line.
const FULL_EM: f32 = 1.2;
/// Text narrower than this many em does not go on on the next line (a
/// word in a narrow column is complete).
const OPEN_MIN_EM: f32 = 2.5;
/// Lines this many em further apart than the table's closest ones are in
/// different rows.
const ROW_GAP_EM: f32 = 0.5;
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
}

/// The tables of a page found from text alignment (call only for a page
/// without other tables). `lines` are the page's lines of text.
///
/// # Errors
/// [`ReadError::Limit`] for a table of more than `max_cells` cells.
pub fn tables(page: &PageContent, max_cells: u64) -> Result<Vec<Table>, ReadError> {
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
        .map(|l| text_line(page, l))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text_lines.len() {
        match table_from(&text_lines, i) {
            Some((t, end)) => {
                let cells = (t.rows() * t.cols()) as u64;
                if cells > max_cells {
                    return Err(ReadError::Limit {
                        what: format!("a table of {cells} cells"),
                        limit: max_cells,
                        which: crate::error::Limit::Cells,
                    });
                }
                out.push(t);
                i = end;
            }
            None => i += 1,
        }
    }
    Ok(out)
}

fn text_line(page: &PageContent, l: &Line) -> TextLine {
    let gl = &page.glyphs;
    let mut sizes: Vec<f32> = l.glyphs.iter().map(|&i| gl[i as usize].size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0);
    let mut pieces: Vec<(f32, f32)> = Vec::new();
    let mut boxes: Vec<(f32, f32)> = l
        .glyphs
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
    TextLine {
        y0: l.bbox.y0,
        y1: l.bbox.y1,
        size,
        pieces,
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
fn table_from(lines: &[TextLine], h: usize) -> Option<(Table, usize)> {
    let head = &lines[h];
    if head.pieces.len() < MIN_COLS {
        return None;
    }
    let min = (GUTTER_EM * head.size).max(GUTTER_MIN_PT);
    // The header's gaps, each as the strips of it still free of text.
    let mut gaps: Vec<Vec<(f32, f32)>> = head
        .pieces
        .windows(2)
        .map(|w| vec![(w[0].1, w[1].0)])
        .collect();
    let mut end = h + 1;
    while end < lines.len() {
        let (prev, l) = (&lines[end - 1], &lines[end]);
        if l.y0 - prev.y1 > MAX_LINE_GAP_EM * head.size.max(l.size) {
            break;
        }
        let next: Vec<Vec<(f32, f32)>> = gaps.iter().map(|g| subtract(g, &l.pieces, min)).collect();
        let closed = next.iter().filter(|g| g.is_empty()).count();
        if closed > 0 && (l.pieces.len() < 2 || 2 * closed > gaps.len()) {
            break;
        }
        gaps = next.into_iter().filter(|g| !g.is_empty()).collect();
        end += 1;
    }
    if gaps.len() + 1 < MIN_COLS || end - h < 1 + MIN_ROWS {
        return None;
    }
    let rows_lines = &lines[h..end];
    let xs = columns(rows_lines, min);
    if xs.len() < MIN_COLS + 1 {
        return None;
    }
    let occupancy: Vec<Vec<Option<(f32, f32)>>> =
        rows_lines.iter().map(|l| occupied(l, &xs)).collect();
    let rows = rows_of(rows_lines, &occupancy, &xs);
    if rows.len() < 1 + MIN_ROWS {
        return None;
    }
    let filled = |r: &std::ops::Range<usize>| {
        (0..xs.len() - 1)
            .filter(|&c| occupancy[r.clone()].iter().any(|o| o[c].is_some()))
            .count()
    };
    let cols = xs.len() - 1;
    let header_cells = filled(&rows[0]);
    let data_rows = rows[1..].iter().filter(|r| filled(r) >= 2).count();
    if 2 * header_cells < cols || data_rows < MIN_ROWS {
        return None;
    }
    let mut ys = vec![rows_lines[0].y0 - PAD];
    for w in rows.windows(2) {
        let above = rows_lines[w[0].end - 1].y1;
        let below = rows_lines[w[1].start].y0;
        ys.push((above + below) / 2.0);
    }
    ys.push(rows_lines[end - h - 1].y1 + PAD);
    Some((grid_table(xs, ys), end))
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
/// it started (left-aligned text going on); when, without text in the first
/// column, two or more of its cells and more than it continues stand in
/// columns whose text is closed (a row without a number); or when it stands
/// clearly further below the line above than the table's lines stand from
/// one another. A line with text only in columns still empty in the row (a
/// cell aligned to the bottom) is the same row.
fn rows_of(
    lines: &[TextLine],
    occ: &[Vec<Option<(f32, f32)>>],
    xs: &[f32],
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
    let pitch = lines
        .windows(2)
        .map(|w| w[1].y0 - w[0].y0)
        .fold(f32::INFINITY, f32::min);
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
            _ => false,
        };
        let closed = occ[j][0].is_none() && hits(false) >= 2 && hits(false) > hits(true);
        let apart = j > 0 && l.y0 - lines[j - 1].y0 > pitch + ROW_GAP_EM * em;
        if j > 0 && (first || closed || apart) {
            rows.push(start..j);
            start = j;
            last = vec![None; cols];
        }
        for c in 0..cols {
            if let Some((a, b)) = occ[j][c] {
                let open = b - a >= OPEN_MIN_EM * em
                    && a <= left[c] + FULL_EM * em
                    && b >= right[c] - FULL_EM * em;
                last[c] = Some(((a, b), open));
            }
        }
    }
    rows.push(start..lines.len());
    rows
}

/// A table of single cells on column borders `xs` and row borders `ys`.
fn grid_table(xs: Vec<f32>, ys: Vec<f32>) -> Table {
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    let regions = (0..nr * nc)
        .map(|k| {
            let (r, c) = (k / nc, k % nc);
            Region {
                row: r,
                col: c,
                rows: 1,
                cols: 1,
                bbox: crate::read::pdf::geom::Rect::new(xs[c], ys[r], xs[c + 1], ys[r + 1]),
            }
        })
        .collect();
    Table {
        xs,
        ys,
        regions,
        region_of: (0..nr * nc).collect(),
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
        let t = tables(&page(&list()), 1000).unwrap();
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
        runs.push(("この計画は市の情報化の方針に基づいてまとめたものです。", 10.0, 112.0));
        runs.push(("各施策の担当課は毎年度の終わりに進み具合を確かめます。", 10.0, 124.0));
        runs.push(("必要に応じて内容を見直します。", 10.0, 136.0));
        assert!(tables(&page(&runs), 1000).unwrap().is_empty());
        // Prose alone, and a table with one row under its header, are no tables.
        assert!(tables(&page(&runs[4..]), 1000).unwrap().is_empty());
        assert!(tables(&page(&list()[..10]), 1000).unwrap().is_empty());
    }

    #[test]
    fn a_gap_closed_by_a_row_of_cells_is_inside_a_cell() {
        // The header writes one label in two pieces; a row's text runs
        // across the gap between them, while other columns stay apart.
        let mut runs = list();
        runs[2] = ("内", 160.0, 100.0);
        runs.insert(3, ("容", 230.0, 100.0));
        let t = tables(&page(&runs), 1000).unwrap();
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
        let t = tables(&page(&runs), 1000).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].cols(), 4, "{:?}", t[0].xs);
    }
}
