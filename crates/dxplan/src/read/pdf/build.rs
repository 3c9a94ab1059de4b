//! One page's glyphs, rules and fills into a [`Grid`]: table cells from the
//! ruling lines, every other visual line of text as a row of its own, in
//! reading order. No glyph is dropped: whatever is outside a table becomes
//! a text row.

use crate::error::ReadError;
use crate::grid::{Grid, Loc, Origin, Rgb};
use crate::read::Limits;
use crate::read::pdf::content::{Dir, Fill, Glyph, PageContent};
use crate::read::pdf::geom::Rect;
use crate::read::pdf::layout::{self, Line};
use crate::read::pdf::ruling::{self, Rulings};
use crate::read::pdf::table::{self, Region, Source, Table};
use crate::read::pdf::{aligned, filled};

/// A fill counts for a cell when it covers this share of its width …
const FILL_WIDTH: f32 = 0.5;
/// … and this share of its height.
const FILL_HEIGHT: f32 = 0.3;

/// What the layout analysis found on a page.
#[derive(Debug, Clone)]
pub struct Layout {
    pub rulings: Rulings,
    pub tables: Vec<Table>,
    /// Glyph ids per table region.
    pub cell_glyphs: Vec<Vec<Vec<u32>>>,
    /// Lines of text outside the tables.
    pub lines: Vec<Line>,
}

/// Find rules, tables and text lines, and place every glyph.
///
/// # Errors
/// [`ReadError::Limit`] for a table of more than `--max-cells` cells.
/// `repeated` is the header line of the last borderless table of the
/// pages before ([`aligned::tables`]); `None` for a page read alone.
pub fn analyse(
    page: &PageContent,
    limits: &Limits,
    repeated: &mut Option<aligned::Carry>,
) -> Result<Layout, ReadError> {
    let rulings = ruling::rulings(page);
    let mut tables = table::tables(&rulings, limits.max_cells)?;
    let filled = filled::tables(page, &tables, limits.max_cells)?;
    tables.extend(filled);
    if tables.is_empty() {
        tables = aligned::tables(page, limits.max_cells, repeated)?;
    }
    tables.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    let mut at: Vec<Option<(usize, usize)>> = page
        .glyphs
        .iter()
        .map(|g| {
            // A glyph stands where its ink is: a full-width comma hanging
            // past the cell's rule (ぶら下げ) is inked inside the cell.
            let (x0, x1) = ink_x(page, g);
            let (x, y) = (0.5 * (x0 + x1), g.bbox.cy());
            tables
                .iter()
                .enumerate()
                .find_map(|(t, tab)| tab.region_at(x, y).map(|r| (t, r)))
        })
        .collect();
    for (t, tab) in tables.iter().enumerate() {
        keep_overflow_together(page, tab, t, &mut at);
        keep_tall_text_together(page, tab, t, &mut at);
        keep_text_over_outer_rule(page, tab, t, &mut at);
        keep_lone_overflow_line(page, tab, t, &mut at);
        words_in_shapes(page, tab, t, &mut at);
    }
    let mut cell_glyphs: Vec<Vec<Vec<u32>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.regions.len()])
        .collect();
    let mut outside = Vec::new();
    for (i, a) in at.iter().enumerate() {
        match a {
            Some((t, r)) => cell_glyphs[*t][*r].push(i as u32),
            None => outside.push(i as u32),
        }
    }
    let lines = layout::lines(page, &outside);
    Ok(Layout {
        rulings,
        tables,
        cell_glyphs,
        lines,
    })
}

/// Text that runs on over a column border (a cell's text spilling into
/// empty neighbours, drawn across the rule) belongs to the cell it starts
/// in: a run of glyphs without a word gap in which some glyph straddles a
/// border between two regions moves whole to the region of its first
/// glyph.
fn keep_overflow_together(
    page: &PageContent,
    tab: &Table,
    t: usize,
    at: &mut [Option<(usize, usize)>],
) {
    let ids: Vec<u32> = (0..at.len() as u32)
        .filter(|&i| at[i as usize].is_some_and(|a| a.0 == t))
        .collect();
    let inner = &tab.xs[1..tab.xs.len() - 1];
    // Column lines in order (as a table's are), so a glyph asks only the
    // lines between its ink's ends.
    let sorted = inner.is_sorted();
    // A column line inside a merged cell is no border: text that crosses
    // it stays in its cell whatever follows on the line.
    let straddles = |i: u32| {
        let g = &page.glyphs[i as usize];
        if is_hanging(page, g) {
            return false;
        }
        let (x0, x1) = ink_x(page, g);
        let (m, y) = (0.15 * (x1 - x0), g.bbox.cy());
        // Only a line strictly inside the ink can be crossed.
        let (from, to) = match sorted {
            true => (
                inner.partition_point(|&x| x <= x0),
                inner.partition_point(|&x| x < x1),
            ),
            false => (0, inner.len()),
        };
        inner[from..to.max(from)].iter().any(|&x| {
            x0 < x - m && x1 > x + m && tab.region_at(x - m, y) != tab.region_at(x + m, y)
        })
    };
    // Most tables have no text over a border: their lines are not needed.
    if !ids.iter().any(|&i| straddles(i)) {
        return;
    }
    // A visual line may chain glyphs of two rows (a label centred over
    // both overlaps each), or two cells' texts set at different heights:
    // a run is only text on one baseline.
    let parts = layout::lines(page, &ids)
        .into_iter()
        .filter(|l| !l.vertical)
        .flat_map(|line| {
            layout::runs(page, &line)
                .flat_map(|run| baselines(page, run))
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>();
    for part in &parts {
        for run in layout::runs(page, part) {
            if run.iter().any(|&i| straddles(i)) {
                let first = at[run[0] as usize];
                run.iter().for_each(|&i| at[i as usize] = first);
            }
        }
    }
}

/// The glyphs `at` places in table `t`, by its region.
fn glyphs_by_region(tab: &Table, t: usize, at: &[Option<(usize, usize)>]) -> Vec<Vec<u32>> {
    let mut by_region: Vec<Vec<u32>> = vec![Vec::new(); tab.regions.len()];
    for (i, a) in at.iter().enumerate() {
        if let Some((tt, r)) = a {
            if *tt == t {
                by_region[*r].push(i as u32);
            }
        }
    }
    by_region
}

/// The horizontal lines of a region's glyphs, each parted by baseline.
fn region_lines(page: &PageContent, ids: &[u32]) -> Vec<Line> {
    layout::lines(page, ids)
        .into_iter()
        .filter(|l| !l.vertical)
        .flat_map(|l| baselines(page, &l.glyphs))
        .collect()
}

/// For each region, whether the box of all its glyphs crosses the top or
/// the bottom rule of its cell (a line inside it can cross one only then).
fn crosses_rule(page: &PageContent, by_region: &[Vec<u32>], cells: &[Rect]) -> Vec<bool> {
    by_region
        .iter()
        .zip(cells)
        .map(|(ids, cell)| {
            glyphs_box(page, ids).is_some_and(|b| crosses(&b, cell.y0) || crosses(&b, cell.y1))
        })
        .collect()
}

/// The box of some glyphs, `None` for none.
fn glyphs_box(page: &PageContent, ids: &[u32]) -> Option<Rect> {
    ids.iter()
        .map(|&i| page.glyphs[i as usize].bbox)
        .reduce(|x, y| x.union(&y))
}

/// Whether a box runs over the horizontal rule at `y`.
fn crosses(b: &Rect, y: f32) -> bool {
    b.y0 < y && y < b.y1
}

/// The vertical gap between two line boxes (negative where they overlap).
fn line_gap(a: &Rect, b: &Rect) -> f32 {
    (b.y0 - a.y1).max(a.y0 - b.y1)
}

/// Put each run of glyphs into region `r` of table `t`.
fn move_runs(at: &mut [Option<(usize, usize)>], t: usize, moves: Vec<(usize, Vec<u32>)>) {
    for (r, run) in moves {
        for i in run {
            at[i as usize] = Some((t, r));
        }
    }
}

/// Text taller than its ruled cell (wrapped text centred in a row too low
/// for it, as a spreadsheet prints it) runs over the cell's top and bottom
/// rules: its first or last line stands in the cell above or below. Such a
/// line belongs to the cell across the rule when its glyph boxes cross the
/// rule, it is set right against a line of that cell (no gap between the
/// two, as the lines of one paragraph are), and it overlaps a line of the
/// cell it stands in (two lines of one cell never overlap) or stands
/// apart from that cell's text by more than a line.
fn keep_tall_text_together(
    page: &PageContent,
    tab: &Table,
    t: usize,
    at: &mut [Option<(usize, usize)>],
) {
    let by_region = glyphs_by_region(tab, t, at);
    let cells: Vec<Rect> = tab.regions.iter().map(|r| r.bbox).collect();
    // Only a region whose text crosses its top or bottom rule has a line
    // to move: the others' lines are found only when asked for as a
    // neighbour's (finding every region's lines was most of this rule).
    let crossing = crosses_rule(page, &by_region, &cells);
    let mut lines: Vec<Option<Vec<Line>>> = vec![None; by_region.len()];
    for (a, &c) in crossing.iter().enumerate() {
        if c {
            lines[a] = Some(region_lines(page, &by_region[a]));
        }
    }
    let overlaps_x = |a: &Rect, b: &Rect| a.x0 < b.x1 && b.x0 < a.x1;
    let mut moves: Vec<(usize, Vec<u32>)> = Vec::new();
    for a in 0..by_region.len() {
        if !crossing[a] {
            continue;
        }
        let own = lines[a].take().unwrap_or_default();
        let cell = cells[a];
        // Each run of a line apart: two cells' overflowing lines may stand
        // on one baseline, side by side.
        let runs = own.iter().flat_map(|l| {
            layout::runs(page, l).map(move |run| {
                let b = glyphs_box(page, run).unwrap_or(l.bbox);
                (l, run, b)
            })
        });
        for (l, run, b) in runs {
            let h = b.height();
            let across = if crosses(&b, cell.y1) {
                tab.region_at(b.cx(), cell.y1 + 0.5)
            } else if crosses(&b, cell.y0) {
                tab.region_at(b.cx(), cell.y0 - 0.5)
            } else {
                None
            };
            let Some(other) = across.filter(|&o| o != a) else {
                continue;
            };
            let theirs = lines[other].get_or_insert_with(|| region_lines(page, &by_region[other]));
            let joined = theirs
                .iter()
                .any(|n| overlaps_x(&n.bbox, &b) && line_gap(&n.bbox, &b).abs() <= 0.1 * h);
            let apart = own
                .iter()
                .filter(|n| !std::ptr::eq(*n, l))
                .map(|n| line_gap(&n.bbox, &b))
                .min_by(f32::total_cmp)
                .is_some_and(|g| g < -0.25 * h || g > h);
            if joined && apart {
                moves.push((other, run.to_vec()));
            }
        }
        lines[a] = Some(own);
    }
    move_runs(at, t, moves);
}

/// Text taller than a cell of a table's first (or last) row runs over the
/// table's top (or bottom) rule: a spreadsheet centres it on its row, so
/// its first (or last) line stands above (or below) the table, outside
/// every cell, and would read as a line of text of its own (2027年度 over
/// its cell's (令和9年度)). Such a line belongs to the cell across the rule
/// when its glyph boxes cross the rule, it lies within that cell's
/// columns, it is set right against a line of that cell (no gap between
/// the two, as the lines of one paragraph are), and with that cell's text
/// it runs over both the cell's rules, centred on the cell.
fn keep_text_over_outer_rule(
    page: &PageContent,
    tab: &Table,
    t: usize,
    at: &mut [Option<(usize, usize)>],
) {
    let (top, bottom) = (tab.ys[0], tab.ys[tab.ys.len() - 1]);
    let (left, right) = (tab.xs[0], tab.xs[tab.xs.len() - 1]);
    let outside: Vec<u32> = (0..at.len() as u32)
        .filter(|&i| {
            let b = page.glyphs[i as usize].bbox;
            at[i as usize].is_none()
                && (crosses(&b, top) || crosses(&b, bottom))
                && left < b.cx()
                && b.cx() < right
        })
        .collect();
    if outside.is_empty() {
        return;
    }
    let by_region = glyphs_by_region(tab, t, at);
    let mut lines: Vec<Option<Vec<Line>>> = vec![None; by_region.len()];
    let mut moves: Vec<(usize, Vec<u32>)> = Vec::new();
    for line in region_lines(page, &outside) {
        for run in layout::runs(page, &line) {
            let Some(b) = glyphs_box(page, run) else {
                continue;
            };
            let across = if crosses(&b, top) {
                tab.region_at(b.cx(), top + 0.5)
            } else if crosses(&b, bottom) {
                tab.region_at(b.cx(), bottom - 0.5)
            } else {
                None
            };
            let Some(r) = across else {
                continue;
            };
            let cell = tab.regions[r].bbox;
            let h = b.height();
            if b.x0 < cell.x0 - 0.1 * h || b.x1 > cell.x1 + 0.1 * h {
                continue;
            }
            let theirs = lines[r].get_or_insert_with(|| region_lines(page, &by_region[r]));
            let over: Vec<Rect> = theirs
                .iter()
                .map(|n| n.bbox)
                .filter(|n| n.x0 < b.x1 && b.x0 < n.x1)
                .collect();
            let touches = |n: &Rect, m: &Rect| line_gap(n, m).abs() <= 0.1 * h;
            if !over.iter().any(|n| touches(n, &b)) {
                continue;
            }
            let mut block = over.iter().fold(b, |x, n| x.union(n));
            // The paragraph's other end may run over the cell's other rule
            // into the next row's cell (three lines in a row two high): a
            // line there set right against it is this cell's text too.
            let (rule, step) = if crosses(&b, top) {
                (cell.y1, 0.5)
            } else {
                (cell.y0, -0.5)
            };
            let mut rest: Vec<u32> = Vec::new();
            if let Some(next) = tab.region_at(b.cx(), rule + step).filter(|&o| o != r) {
                let theirs =
                    lines[next].get_or_insert_with(|| region_lines(page, &by_region[next]));
                for n in theirs.iter() {
                    let m = n.bbox;
                    if crosses(&m, rule) && m.x0 < b.x1 && b.x0 < m.x1 && touches(&m, &block) {
                        block = block.union(&m);
                        rest.extend_from_slice(&n.glyphs);
                    }
                }
            }
            // Centred on its row and over both its rules, with the line: a
            // word processor's row grows to hold its text, and a line right
            // under a table is not its cell's text run out.
            let over_both = block.y0 < cell.y0 && block.y1 > cell.y1;
            let centred = (block.cy() - cell.cy()).abs() <= 0.25 * h;
            if over_both && centred {
                moves.push((r, run.iter().copied().chain(rest).collect()));
            }
        }
    }
    move_runs(at, t, moves);
}

/// The last (or first) line of wrapped text taller than its ruled cell,
/// standing alone in the empty cell below (or above) it: a spreadsheet
/// centres the text on its fixed-height row, so it runs over both the
/// cell's rules by about as much (a year header 2029年度 / (令和11年 / 度)
/// in a row two lines high). Such a line moves to that cell when it is all
/// the cell it stands in holds, it is set one line pitch from a line of
/// that cell, and that cell's text with it runs past both its rules,
/// centred on the cell. A word processor's row grows to hold its text, so
/// its cells never show text over both rules.
fn keep_lone_overflow_line(
    page: &PageContent,
    tab: &Table,
    t: usize,
    at: &mut [Option<(usize, usize)>],
) {
    let by_region = glyphs_by_region(tab, t, at);
    let cells: Vec<Rect> = tab.regions.iter().map(|r| r.bbox).collect();
    // A lone line's box is its glyphs' box: a region whose glyphs cross
    // neither rule has none to move.
    let crossing = crosses_rule(page, &by_region, &cells);
    let lines = |ids: &[u32]| region_lines(page, ids);
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (a, ids) in by_region.iter().enumerate() {
        if !crossing[a] {
            continue;
        }
        let own = lines(ids);
        let [line] = own.as_slice() else {
            continue;
        };
        if line.glyphs.len() != ids.len() || layout::runs(page, line).count() != 1 {
            continue;
        }
        let cell = tab.regions[a].bbox;
        let b = line.bbox;
        let h = b.height();
        let across = if crosses(&b, cell.y0) {
            tab.region_at(b.cx(), cell.y0 - 0.5)
        } else if crosses(&b, cell.y1) {
            tab.region_at(b.cx(), cell.y1 + 0.5)
        } else {
            None
        };
        let Some(other) = across.filter(|&o| o != a) else {
            continue;
        };
        let theirs: Vec<Line> = lines(&by_region[other])
            .into_iter()
            .filter(|n| n.bbox.x0 < b.x1 && b.x0 < n.bbox.x1)
            .collect();
        // One line pitch from the nearest of them: the next line of one
        // paragraph.
        let pitch = theirs
            .iter()
            .map(|n| (n.bbox.cy() - b.cy()).abs())
            .min_by(f32::total_cmp);
        if !pitch.is_some_and(|p| p > 0.5 * h && p <= 1.3 * h) {
            continue;
        }
        let Some(block) = theirs.iter().map(|n| n.bbox).reduce(|x, y| x.union(&y)) else {
            continue;
        };
        let block = block.union(&b);
        let oc = tab.regions[other].bbox;
        let over_both = block.y0 < oc.y0 && block.y1 > oc.y1;
        let centred = (block.cy() - oc.cy()).abs() <= 0.25 * h;
        if over_both && centred {
            moves.push((a, other));
        }
    }
    for (a, other) in moves {
        for &i in &by_region[a] {
            at[i as usize] = Some((t, other));
        }
    }
}

/// The glyphs of a run (in order along it) parted by baseline: each part
/// holds the glyphs whose middle is within a quarter of a glyph's height of
/// its first glyph's, so that the figures of two rows that a taller
/// neighbour chained into one visual line (５６８ over 58) part again, and
/// so do the texts of two cells side by side set at different heights (a
/// narrow cell's last glyph box crossing the rule, and the neighbour's
/// text wrapped over two lines, centred higher).
fn baselines(page: &PageContent, run: &[u32]) -> Vec<Line> {
    let on_baseline = |first: u32, i: u32| {
        let (f, b) = (
            page.glyphs[first as usize].bbox,
            page.glyphs[i as usize].bbox,
        );
        (f.cy() - b.cy()).abs() <= 0.25 * f.height().max(b.height())
    };
    // Most runs sit on one baseline: one line, copied once.
    if let Some(&first) = run.first()
        && run.iter().all(|&i| on_baseline(first, i))
    {
        let bbox = run[1..]
            .iter()
            .fold(page.glyphs[first as usize].bbox, |bb, &i| {
                bb.union(&page.glyphs[i as usize].bbox)
            });
        return vec![Line {
            glyphs: run.to_vec(),
            bbox,
            vertical: false,
        }];
    }
    let mut parts: Vec<Line> = Vec::new();
    for &i in run {
        let b = page.glyphs[i as usize].bbox;
        match parts.iter_mut().find(|l| on_baseline(l.glyphs[0], i)) {
            Some(l) => {
                l.glyphs.push(i);
                l.bbox = l.bbox.union(&b);
            }
            None => parts.push(Line {
                glyphs: vec![i],
                bbox: b,
                vertical: false,
            }),
        }
    }
    parts
}

/// Where a glyph's ink lies across its advance, left to right. A
/// full-width closing bracket or comma (）」、。 …) is inked in the left
/// half of its em and an opening one (（「 …) in the right half (JIS X 4051
/// sets them half-width at a line's end or start): the other half is
/// space, which may stand past the cell's rule without the text spilling.
fn ink_x(page: &PageContent, g: &Glyph) -> (f32, f32) {
    let b = g.bbox;
    if g.dir != Dir::Ltr {
        return (b.x0, b.x1);
    }
    let half = b.x0 + 0.5 * b.width();
    let mut chars = page.text_of(g).chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if is_closing_fullwidth(c) => (b.x0, half),
        (Some(c), None) if is_opening_fullwidth(c) => (half, b.x1),
        _ => (b.x0, b.x1),
    }
}

/// A full-width comma or full stop (、。，．) may hang past the end of a
/// line into the margin (JIS X 4051 ぶら下げ; LibreOffice does it by
/// default): such a glyph reaching over a rule is the end of its cell's
/// line, never text spilling into the next cell.
fn is_hanging(page: &PageContent, g: &Glyph) -> bool {
    g.dir == Dir::Ltr && matches!(page.text_of(g), "、" | "。" | "，" | "．")
}

fn is_closing_fullwidth(c: char) -> bool {
    matches!(
        c,
        '）' | '」' | '』' | '】' | '〕' | '〉' | '》' | '］' | '｝' | '、' | '。' | '，' | '．'
    )
}

fn is_opening_fullwidth(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '〔' | '〈' | '《' | '［' | '｛'
    )
}

/// A word written inside a shape drawn over a table (an arrow or a bar
/// across several period columns) names the shape's activity: its glyphs
/// go to the first cell the shape marks in their row, wherever the word
/// stands along the shape.
fn words_in_shapes(page: &PageContent, tab: &Table, t: usize, at: &mut [Option<(usize, usize)>]) {
    for i in shapes_over(tab, &page.fills) {
        let f = &page.fills[i];
        let marked: Vec<usize> = tab
            .regions_in(&f.core)
            .into_iter()
            .filter(|&k| covers(&f.core, &tab.regions[k]))
            .collect();
        if marked.is_empty() {
            continue;
        }
        for (g, slot) in page.glyphs.iter().zip(at.iter_mut()) {
            let (x, y) = (g.bbox.cx(), g.bbox.cy());
            let Some((gt, _)) = *slot else { continue };
            if gt != t || !f.bbox.contains(x, y) {
                continue;
            }
            let first = marked
                .iter()
                .copied()
                .filter(|&k| {
                    let b = tab.regions[k].bbox;
                    y >= b.y0 && y <= b.y1
                })
                .min_by(|&a, &b| tab.regions[a].bbox.x0.total_cmp(&tab.regions[b].bbox.x0));
            if let Some(k) = first {
                *slot = Some((t, k));
            }
        }
    }
}

/// The fills drawn over the page's tables as shapes (see [`shapes_over`])
/// that mark at least one cell: what `dxplan inspect` draws as shapes.
pub fn marking_shapes(page: &PageContent, lay: &Layout) -> Vec<usize> {
    let mut out: Vec<usize> = lay
        .tables
        .iter()
        .flat_map(|tab| {
            shapes_over(tab, &page.fills).into_iter().filter(|&i| {
                let core = page.fills[i].core;
                tab.regions_in(&core)
                    .iter()
                    .any(|&k| covers(&core, &tab.regions[k]))
            })
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The fills drawn over a table as shapes, not its cells: any outline that
/// is not a rectangle, and over a table of filled cells any fill drawn
/// after its first cell that is not one of them.
fn shapes_over(tab: &Table, fills: &[Fill]) -> Vec<usize> {
    let tb = tab.bbox();
    let first = tab.own_fills.first().copied().unwrap_or(usize::MAX);
    (0..fills.len())
        .filter(|&i| {
            let f = &fills[i];
            let over_filled = tab.source == Source::Fills && i > first;
            (!f.rect || over_filled)
                && !f.color.is_whitish()
                && !ruling::is_rule_fill(f)
                && !f.bbox.intersect(&tb).is_empty()
                && !tab.own_fills.contains(&i)
        })
        .collect()
}

/// A block of grid rows: tables that stand side by side (one table, most
/// often) or one line of text.
#[derive(Debug, Clone)]
enum Block {
    Tables(Vec<usize>),
    Line(usize),
}

/// Boundaries closer than this (points) are one boundary.
const SNAP: f32 = 1.5;

/// The page as a grid. Tables that stand side by side share grid rows
/// (their row boundaries merged), so each keeps its own columns.
///
/// # Errors
/// [`ReadError::Limit`] when the grid would pass `--max-cells`.
pub fn page_grid(
    page_no: u32,
    page: &PageContent,
    lay: &Layout,
    limits: &Limits,
) -> Result<Grid, ReadError> {
    let blocks = blocks(lay);
    let xs: Vec<f32> = if blocks
        .iter()
        .any(|b| matches!(b, Block::Tables(t) if t.len() > 1))
    {
        merged_bounds(lay.tables.iter().flat_map(|t| t.xs.iter().copied()))
    } else {
        match master_table(&lay.tables) {
            Some(m) => keep_columns_apart(lay.tables[m].xs.clone(), &lay.tables),
            None => {
                let w = page.page.map_or(0.0, |p| p.x1);
                vec![0.0, w]
            }
        }
    };
    let bands = row_bands(lay, &blocks);
    let rows: usize = bands.iter().map(Vec::len).sum();
    let cols = xs.len() - 1;
    if (rows * cols) as u64 > limits.max_cells {
        return Err(ReadError::Limit {
            what: crate::msg!(
                "limit-what-page-grid",
                page = page_no.to_string(),
                rows = rows.to_string(),
                cols = cols.to_string()
            ),
            limit: limits.max_cells,
            which: crate::error::Limit::Cells,
        });
    }
    let flat: Vec<(f32, f32)> = bands.iter().flatten().copied().collect();
    let mut grid = Grid::new(Origin::Page(page_no), rows, cols, |r, c| Loc::Page {
        page: page_no,
        row: Some(r as u32),
        col: Some(c as u32),
        bbox: [xs[c], flat[r].0, xs[c + 1], flat[r].1],
    });
    let mut row = 0;
    for (b, band) in blocks.iter().zip(&bands) {
        match b {
            Block::Tables(ts) => {
                let ys: Vec<f32> = band
                    .iter()
                    .map(|b| b.0)
                    .chain(band.last().map(|b| b.1))
                    .collect();
                for &t in ts {
                    let rows = column_map(&lay.tables[t].ys, &ys)
                        .into_iter()
                        .map(|(a, b)| (row + a, row + b))
                        .collect::<Vec<_>>();
                    put_table(&mut grid, page_no, page, lay, t, &xs, &rows);
                    let cols = column_map(&lay.tables[t].xs, &xs);
                    if let (Some(r0), Some(r1), Some(c0), Some(c1)) =
                        (rows.first(), rows.last(), cols.first(), cols.last())
                    {
                        grid.tables.push(crate::grid::TableArea {
                            rows: r0.0..r1.1,
                            cols: c0.0..c1.1,
                        });
                    }
                }
            }
            Block::Line(l) => put_line(&mut grid, page_no, page, &lay.lines[*l], row),
        }
        row += band.len();
    }
    Ok(grid)
}

/// The master table's column boundaries, plus each boundary of another
/// table on the page that would otherwise fall inside a grid column and
/// read two of that table's cells as one (a header row of four columns
/// under a table of five whose boundaries it does not share: without its
/// own boundary, two of its cells would snap to one grid column and
/// their texts be joined). Boundaries the mapping keeps apart already are
/// not added: only where cells would be lost does the grid gain a column.
fn keep_columns_apart(mut xs: Vec<f32>, tables: &[Table]) -> Vec<f32> {
    for t in tables {
        // Each pass adds one boundary; a table has finitely many.
        for _ in 0..t.xs.len() {
            let map = column_map(&t.xs, &xs);
            let joined = (1..map.len()).find(|&i| map[i].0 < map[i - 1].1);
            let Some(i) = joined else { break };
            let x = t.xs[i];
            if xs.iter().any(|&b| (b - x).abs() <= SNAP)
                || xs.first().is_none_or(|&a| x <= a)
                || xs.last().is_none_or(|&b| x >= b)
            {
                break;
            }
            let at = xs.partition_point(|&b| b < x);
            xs.insert(at, x);
        }
    }
    xs
}

/// Sorted boundaries with near-equal ones merged.
fn merged_bounds(values: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut v: Vec<f32> = values.collect();
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::with_capacity(v.len());
    for x in v {
        if out.last().is_none_or(|&l| x - l > SNAP) {
            out.push(x);
        }
    }
    out
}

/// Tables and text lines in reading order; tables whose vertical extents
/// overlap while their horizontal ones do not stand side by side and form
/// one block. A text line that starts inside such a block's height comes
/// after it.
fn blocks(lay: &Layout) -> Vec<Block> {
    let mut items: Vec<(f32, bool, usize)> = lay
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.ys[0], true, i))
        .chain(
            lay.lines
                .iter()
                .enumerate()
                .map(|(i, l)| (l.bbox.y0, false, i)),
        )
        .collect();
    items.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut out: Vec<Block> = Vec::new();
    let mut deferred: Vec<usize> = Vec::new();
    let mut band: Option<(f32, f32)> = None;
    for (y0, is_table, i) in items {
        let inside = band.is_some_and(|(a, b)| y0 >= a && y0 < b);
        if is_table {
            let t = &lay.tables[i];
            let (ty0, ty1) = (t.ys[0], *t.ys.last().unwrap_or(&t.ys[0]));
            if let (true, Some(Block::Tables(ts))) = (inside, out.last_mut()) {
                let disjoint = ts.iter().all(|&o| {
                    let ob = lay.tables[o].bbox();
                    ob.x1 <= t.xs[0] + SNAP || t.xs[t.xs.len() - 1] <= ob.x0 + SNAP
                });
                if disjoint {
                    ts.push(i);
                    band = band.map(|(a, b)| (a.min(ty0), b.max(ty1)));
                    continue;
                }
            }
            out.extend(deferred.drain(..).map(Block::Line));
            out.push(Block::Tables(vec![i]));
            band = Some((ty0, ty1));
        } else if inside {
            deferred.push(i);
        } else {
            out.extend(deferred.drain(..).map(Block::Line));
            out.push(Block::Line(i));
            band = None;
        }
    }
    out.extend(deferred.drain(..).map(Block::Line));
    out
}

/// The table whose columns the grid uses: the most columns, then the widest.
fn master_table(tables: &[Table]) -> Option<usize> {
    (0..tables.len()).max_by(|&a, &b| {
        let (ta, tb) = (&tables[a], &tables[b]);
        ta.cols()
            .cmp(&tb.cols())
            .then(ta.bbox().width().total_cmp(&tb.bbox().width()))
    })
}

/// The y ranges of the grid rows of every block.
fn row_bands(lay: &Layout, blocks: &[Block]) -> Vec<Vec<(f32, f32)>> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Tables(ts) => {
                let ys = merged_bounds(ts.iter().flat_map(|&t| lay.tables[t].ys.iter().copied()));
                ys.windows(2).map(|w| (w[0], w[1])).collect()
            }
            Block::Line(l) => {
                let bb = lay.lines[*l].bbox;
                vec![(bb.y0, bb.y1)]
            }
        })
        .collect()
}

fn put_line(grid: &mut Grid, page_no: u32, page: &PageContent, line: &Line, row: usize) {
    let mut text = String::new();
    layout::line_text(page, line, &mut text);
    if let Some(cell) = grid.get_mut(row, 0) {
        cell.text = text;
        cell.at = Loc::Page {
            page: page_no,
            row: Some(row as u32),
            col: Some(0),
            bbox: line.bbox.to_array(),
        };
    }
}

/// Put a table's regions into the grid; `rows` gives the grid rows
/// `[start, end)` of each of the table's rows.
fn put_table(
    grid: &mut Grid,
    page_no: u32,
    page: &PageContent,
    lay: &Layout,
    t: usize,
    xs: &[f32],
    rows: &[(usize, usize)],
) {
    let tab = &lay.tables[t];
    let cols = column_map(&tab.xs, xs);
    let fills = cell_fills(tab, &page.fills);
    for (k, reg) in tab.regions.iter().enumerate() {
        let (r0, c0) = (rows[reg.row].0, cols[reg.col].0);
        let c1 = cols[reg.col + reg.cols - 1].1;
        let r1 = rows[reg.row + reg.rows - 1].1;
        let text = layout::lines_text(page, &layout::lines(page, &lay.cell_glyphs[t][k]));
        let (ar, ac) = grid.anchor_of(r0, c0);
        if (ar, ac) == (r0, c0) && (r1 - r0 > 1 || c1 - c0 > 1) {
            grid.merge(r0, c0, r1 - r0, c1 - c0);
        }
        let (ar, ac) = grid.anchor_of(r0, c0);
        let Some(cell) = grid.get_mut(ar, ac) else {
            continue;
        };
        append_text(&mut cell.text, &text);
        if (ar, ac) == (r0, c0) {
            cell.at = Loc::Page {
                page: page_no,
                row: Some(ar as u32),
                col: Some(ac as u32),
                bbox: reg.bbox.to_array(),
            };
            cell.fill = fills[k].or(cell.fill);
        }
    }
}

fn append_text(dst: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !dst.is_empty() {
        dst.push(' ');
    }
    dst.push_str(text);
}

/// For each column of a table, the range of grid columns `[start, end)` it
/// covers: its edges snapped to the nearest grid boundaries.
fn column_map(own: &[f32], grid: &[f32]) -> Vec<(usize, usize)> {
    let nearest = |x: f32| {
        (0..grid.len())
            .min_by(|&a, &b| (grid[a] - x).abs().total_cmp(&(grid[b] - x).abs()))
            .unwrap_or(0)
    };
    let last = grid.len().saturating_sub(2);
    let mut out = Vec::with_capacity(own.len() - 1);
    let mut prev_end = 0;
    for w in own.windows(2) {
        let start = nearest(w[0]).max(prev_end).min(last);
        let end = nearest(w[1]).max(start + 1).min(last + 1);
        out.push((start, end));
        prev_end = end;
    }
    out
}

/// The fill of each region: the last fill drawn over most of it (white
/// clears). Fills spanning a whole multi-cell table are backgrounds, not
/// marks, and rules are not fills. In a table of filled cells the cells'
/// own fills are its style: a cell's own fill counts only where it differs
/// from its row's band (see [`band_marks`]); shapes drawn over it count.
fn cell_fills(tab: &Table, fills: &[Fill]) -> Vec<Option<Rgb>> {
    let tb = tab.bbox();
    let background =
        |f: &Fill| tab.regions.len() >= 4 && f.bbox.intersect(&tb).area() >= 0.9 * tb.area();
    let first_own = tab.own_fills.first().copied().unwrap_or(0);
    let mut out = band_marks(tab, fills);
    let drawn = fills.iter().enumerate().filter(|(i, f)| {
        !ruling::is_rule_fill(f)
            && !background(f)
            && (tab.source != Source::Fills || *i > first_own)
            && !f.bbox.intersect(&tb).is_empty()
            && !tab.own_fills.contains(i)
    });
    for (_, f) in drawn {
        if f.bbox.intersect(&tb).is_empty() {
            continue;
        }
        for k in tab.regions_in(&f.core) {
            if covers(&f.core, &tab.regions[k]) {
                out[k] = (!f.color.is_whitish()).then_some(f.color);
            }
        }
    }
    out
}

/// In a table of filled cells, the cells filled otherwise than their row's
/// band: the band is the colour most of the row's cells have (the leftmost
/// cell's on a tie), so a banded row, a coloured header row and a label
/// column are no marks, and a period cell painted another colour is one.
fn band_marks(tab: &Table, fills: &[Fill]) -> Vec<Option<Rgb>> {
    let mut own: Vec<Option<Rgb>> = vec![None; tab.regions.len()];
    for &i in &tab.own_fills {
        let b = fills[i].bbox;
        if let Some(k) = tab.region_at(b.cx(), b.cy()) {
            own[k] = Some(fills[i].color);
        }
    }
    let mut out = vec![None; tab.regions.len()];
    for row in 0..tab.rows() {
        let mut in_row: Vec<usize> = (0..tab.regions.len())
            .filter(|&k| tab.regions[k].row == row && own[k].is_some())
            .collect();
        in_row.sort_by_key(|&k| tab.regions[k].col);
        let count = |c: Option<Rgb>| in_row.iter().filter(|&&k| own[k] == c).count();
        let Some(band) = in_row
            .iter()
            .map(|&k| own[k])
            .rev()
            .max_by_key(|&c| count(c))
        else {
            continue;
        };
        for &k in &in_row {
            if own[k] != band {
                out[k] = own[k];
            }
        }
    }
    out
}

/// Fills drawn over a table (a bar, a shaded shape) that mark no cell: they
/// cover no cell by half its width, so no period is read from them; a
/// warning each, with the page and the box. (A cell background painted in
/// slices, one per row of a merged cell, covers the cell's width: not a
/// bar.)
pub fn unplaced_fills(
    page_no: u32,
    page: &PageContent,
    lay: &Layout,
) -> Vec<crate::model::Warning> {
    let mut out = Vec::new();
    for tab in &lay.tables {
        let tb = tab.bbox();
        for f in page
            .fills
            .iter()
            .enumerate()
            // The table's own fills (a linear search) asked last.
            .filter(|(i, f)| {
                !ruling::is_rule_fill(f)
                    && !f.color.is_whitish()
                    && tb.contains(f.bbox.cx(), f.bbox.cy())
                    && f.bbox.area() >= 4.0
                    && f.bbox.intersect(&tb).area() < 0.9 * tb.area()
                    && !tab.own_fills.contains(i)
            })
            .map(|(_, f)| f)
        {
            let wide = |reg: &Region| {
                let i = f.core.intersect(&reg.bbox);
                !i.is_empty() && i.width() >= FILL_WIDTH * reg.bbox.width()
            };
            if tab.regions.iter().any(wide) {
                continue;
            }
            let b = f.bbox;
            out.push(crate::model::Warning::at(
                crate::model::WarningCode::UnplacedMark,
                crate::msg!(
                    "warning-unplaced-mark",
                    x0 = format!("{:.0}", b.x0),
                    y0 = format!("{:.0}", b.y0),
                    x1 = format!("{:.0}", b.x1),
                    y1 = format!("{:.0}", b.y1)
                ),
                &Loc::Page {
                    page: page_no,
                    row: None,
                    col: None,
                    bbox: b.to_array(),
                },
            ));
        }
    }
    out
}

/// True when a fill's core covers a region by [`FILL_WIDTH`] of its width
/// and [`FILL_HEIGHT`] of its height.
fn covers(fill: &Rect, reg: &Region) -> bool {
    let i = fill.intersect(&reg.bbox);
    !i.is_empty()
        && i.width() >= FILL_WIDTH * reg.bbox.width()
        && i.height() >= FILL_HEIGHT * reg.bbox.height()
        && i.height() >= ruling::THIN
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A filled table: a blue header row, two banded rows; in the second
    /// row one period cell is painted dark. Then an arrow drawn over the
    /// first row from column 1 with its head 0.4 into column 3.
    #[test]
    fn banded_fills_are_no_marks_a_differently_filled_cell_is() {
        let (blue, band, dark) = (
            Rgb(0x4f, 0x81, 0xbd),
            Rgb(0xd0, 0xd8, 0xe8),
            Rgb(0x33, 0x33, 0x33),
        );
        let mut fills = Vec::new();
        for (r, colours) in [[blue; 4], [band; 4], [band, band, dark, band]]
            .iter()
            .enumerate()
        {
            for (c, &colour) in colours.iter().enumerate() {
                let (x, y) = (c as f32 * 50.0, r as f32 * 20.0);
                fills.push(Fill::rect(Rect::new(x, y, x + 50.0, y + 20.0), colour));
            }
        }
        let mut arrow = Fill::rect(Rect::new(55.0, 22.0, 170.0, 38.0), dark);
        (arrow.rect, arrow.core) = (false, Rect::new(55.0, 22.0, 150.0, 38.0));
        fills.push(arrow);
        let page = PageContent {
            page: Some(Rect::new(0.0, 0.0, 600.0, 400.0)),
            fills,
            ..PageContent::default()
        };
        let tab = &filled::tables(&page, &[], 1000).unwrap()[0];
        let got = cell_fills(tab, &page.fills);
        let at = |r: usize, c: usize| got[tab.region_of[r * 4 + c]];
        assert!(
            (0..4).all(|c| at(0, c).is_none()),
            "the header row is style"
        );
        assert_eq!(
            (1..4).map(|c| at(1, c)).collect::<Vec<_>>(),
            vec![Some(dark), Some(dark), None]
        );
        assert_eq!(at(1, 0), None);
        assert_eq!(
            (0..4).map(|c| at(2, c)).collect::<Vec<_>>(),
            vec![None, None, Some(dark), None]
        );
    }

    #[test]
    fn narrower_table_columns_snap_to_grid_columns() {
        let grid = [0.0, 10.0, 20.0, 30.0, 40.0];
        assert_eq!(column_map(&[0.0, 20.0, 40.0], &grid), vec![(0, 2), (2, 4)]);
        assert_eq!(column_map(&[0.0, 1.0, 2.0], &grid), vec![(0, 1), (1, 2)]);
        assert_eq!(
            column_map(&grid, &grid),
            vec![(0, 1), (1, 2), (2, 3), (3, 4)]
        );
    }
}
