//! Tables drawn as filled cells, with no dark ruling line: a presentation's
//! table style (a coloured header row, banded rows, thin white borders)
//! and tables painted cell by cell. Adjacent filled rectangles, touching or
//! with a white gap between them, give the cell edges: each cell's sides,
//! and the white strokes drawn over the cluster, are its rules; the table
//! is then built from them as a ruled one is.
//!
//! Fills that overlap a cell (a bar, an arrow or a rectangle drawn over the
//! table) are not cells: they are shapes, read as marks by the grid.

use crate::error::ReadError;
use crate::read::pdf::content::{Fill, PageContent, Segment};
use crate::read::pdf::geom::Rect;
use crate::read::pdf::ruling::{self, Rule};
use crate::read::pdf::table::{self, Source, Table, find, union};

/// Fills this far apart (points) or closer are neighbours, and cell edges
/// this close are one edge (the white gap between two cells).
const GAP: f32 = 3.0;
/// A cell is at least this wide and tall (points).
const MIN_SIDE: f32 = 4.0;
/// A table of filled cells has at least this many of them.
const MIN_CELLS: usize = 4;
/// Two fills whose boxes overlap by more than this (points) both ways are
/// not neighbouring cells.
const OVERLAP: f32 = 1.0;
/// More candidate cells than this on a page is hatching or hostile.
const MAX_CANDIDATES: usize = 5000;

/// The tables of filled cells on a page outside the ruled tables.
///
/// # Errors
/// [`ReadError::Limit`] for a table of more than `max_cells` cells.
pub fn tables(
    page: &PageContent,
    ruled: &[Table],
    max_cells: u64,
) -> Result<Vec<Table>, ReadError> {
    let cells = cell_fills(page, ruled);
    let mut out = Vec::new();
    for group in clusters(&page.fills, &cells) {
        if group.len() < MIN_CELLS {
            continue;
        }
        let (h, v) = rules_of(page, &group);
        let Some(mut t) = table::table(&h, &v, max_cells)? else {
            continue;
        };
        if t.rows() >= 2 && t.cols() >= 2 {
            t.source = Source::Fills;
            t.own_fills = group;
            out.push(t);
        }
    }
    Ok(out)
}

/// Fills that may be table cells: coloured rectangles of cell size, not
/// rules, not the page's background, outside ruled tables; a box drawn
/// again keeps its last drawing, a box holding others is a background,
/// and a box overlapping an earlier cell is a shape drawn over it.
fn cell_fills(page: &PageContent, ruled: &[Table]) -> Vec<usize> {
    let page_area = page.page.map_or(f32::INFINITY, |p| p.area());
    let fills = &page.fills;
    let base: Vec<usize> = (0..fills.len())
        .filter(|&i| {
            let f = &fills[i];
            let b = f.bbox;
            f.rect
                && !f.color.is_whitish()
                && !ruling::is_rule_fill(f)
                && b.width() >= MIN_SIDE
                && b.height() >= MIN_SIDE
                && b.area() < 0.5 * page_area
                && !ruled.iter().any(|t| t.bbox().contains(b.cx(), b.cy()))
        })
        .collect();
    if base.len() > MAX_CANDIDATES {
        return Vec::new();
    }
    let same = |a: &Rect, b: &Rect| {
        (a.x0 - b.x0).abs() + (a.y0 - b.y0).abs() + (a.x1 - b.x1).abs() + (a.y1 - b.y1).abs() < 0.5
    };
    let holds = |a: &Rect, b: &Rect| {
        !same(a, b)
            && a.x0 <= b.x0 + 0.5
            && a.y0 <= b.y0 + 0.5
            && a.x1 >= b.x1 - 0.5
            && a.y1 >= b.y1 - 0.5
    };
    let kept: Vec<usize> = base
        .iter()
        .enumerate()
        .filter(|&(k, &i)| {
            let b = fills[i].bbox;
            let redrawn = base[k + 1..].iter().any(|&j| same(&fills[j].bbox, &b));
            let background = base.iter().any(|&j| holds(&b, &fills[j].bbox));
            !redrawn && !background
        })
        .map(|(_, &i)| i)
        .collect();
    let mut out: Vec<usize> = Vec::with_capacity(kept.len());
    for i in kept {
        let b = fills[i].bbox;
        let over = out.iter().any(|&j| {
            let x = b.intersect(&fills[j].bbox);
            !x.is_empty() && x.width() > OVERLAP && x.height() > OVERLAP
        });
        if !over {
            out.push(i);
        }
    }
    out
}

/// Groups of cell fills that touch or stand at most [`GAP`] apart.
fn clusters(fills: &[Fill], cells: &[usize]) -> Vec<Vec<usize>> {
    let grown = |r: Rect| Rect::new(r.x0 - GAP, r.y0 - GAP, r.x1 + GAP, r.y1 + GAP);
    let mut parent: Vec<usize> = (0..cells.len()).collect();
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| fills[cells[a]].bbox.y0.total_cmp(&fills[cells[b]].bbox.y0));
    for (k, &a) in order.iter().enumerate() {
        let ga = grown(fills[cells[a]].bbox);
        for &b in &order[k + 1..] {
            let fb = fills[cells[b]].bbox;
            if fb.y0 > ga.y1 {
                break;
            }
            if !ga.intersect(&fb).is_empty() {
                union(&mut parent, a, b);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (k, &cell) in cells.iter().enumerate() {
        let root = find(&mut parent, k);
        groups.entry(root).or_default().push(cell);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    for g in &mut out {
        g.sort_unstable();
    }
    out
}

/// The rules of a group of cells: every cell's four sides and the white
/// strokes over the group, with edges less than [`GAP`] apart moved to
/// their middle (the two sides of a white gap are one cell edge).
fn rules_of(page: &PageContent, group: &[usize]) -> (Vec<Rule>, Vec<Rule>) {
    let boxes: Vec<Rect> = group.iter().map(|&i| page.fills[i].bbox).collect();
    let mut area = Rect::EMPTY;
    boxes.iter().for_each(|b| area = area.union(b));
    let area = Rect::new(area.x0 - GAP, area.y0 - GAP, area.x1 + GAP, area.y1 + GAP);
    let light: Vec<Rect> = page
        .light_segments
        .iter()
        .map(seg_rect)
        .filter(|r| area.contains(r.x0, r.y0) && area.contains(r.x1, r.y1))
        .collect();
    let xs = Snapper::new(boxes.iter().flat_map(|b| [b.x0, b.x1]));
    let ys = Snapper::new(boxes.iter().flat_map(|b| [b.y0, b.y1]));
    let (mut h, mut v) = (Vec::new(), Vec::new());
    for b in &boxes {
        let (x0, x1, y0, y1) = (xs.at(b.x0), xs.at(b.x1), ys.at(b.y0), ys.at(b.y1));
        h.push(Rule {
            pos: y0,
            a: x0,
            b: x1,
        });
        h.push(Rule {
            pos: y1,
            a: x0,
            b: x1,
        });
        v.push(Rule {
            pos: x0,
            a: y0,
            b: y1,
        });
        v.push(Rule {
            pos: x1,
            a: y0,
            b: y1,
        });
    }
    for r in &light {
        if r.height() <= r.width() {
            h.push(Rule {
                pos: ys.at(r.cy()),
                a: xs.at(r.x0),
                b: xs.at(r.x1),
            });
        } else {
            v.push(Rule {
                pos: xs.at(r.cx()),
                a: ys.at(r.y0),
                b: ys.at(r.y1),
            });
        }
    }
    (ruling::snap(h), ruling::snap(v))
}

fn seg_rect(s: &Segment) -> Rect {
    Rect::new(s.x0, s.y0, s.x1, s.y1)
}

/// Positions grouped where consecutive ones are at most [`GAP`] apart;
/// a position maps to its group's middle.
struct Snapper {
    groups: Vec<(f32, f32)>,
}

impl Snapper {
    fn new(values: impl Iterator<Item = f32>) -> Self {
        let mut v: Vec<f32> = values.filter(|x| x.is_finite()).collect();
        v.sort_by(f32::total_cmp);
        let mut groups: Vec<(f32, f32)> = Vec::new();
        for x in v {
            match groups.last_mut() {
                Some(g) if x - g.1 <= GAP => g.1 = x,
                _ => groups.push((x, x)),
            }
        }
        Snapper { groups }
    }

    /// The edge a position belongs to: its group's middle, or itself when
    /// it is further than [`GAP`] from every group.
    fn at(&self, x: f32) -> f32 {
        let k = self.groups.partition_point(|g| g.1 < x - GAP);
        match self.groups.get(k) {
            Some(&(a, b)) if x >= a - GAP && x <= b + GAP => (a + b) / 2.0,
            _ => x,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Rgb;

    const BLUE: Rgb = Rgb(0x4f, 0x81, 0xbd);
    const BAND1: Rgb = Rgb(0xd0, 0xd8, 0xe8);
    const BAND2: Rgb = Rgb(0xe9, 0xed, 0xf4);

    fn page(fills: Vec<Fill>) -> PageContent {
        PageContent {
            page: Some(Rect::new(0.0, 0.0, 960.0, 540.0)),
            fills,
            ..PageContent::default()
        }
    }

    /// A 3-row table: a header merged over columns 1–2, two banded rows of
    /// three cells, `gap` points of white between cells.
    fn slide_table(gap: f32) -> Vec<Fill> {
        let cell = |x0: f32, y0: f32, x1: f32, y1: f32, c| {
            Fill::rect(
                Rect::new(
                    x0 + gap / 2.0,
                    y0 + gap / 2.0,
                    x1 - gap / 2.0,
                    y1 - gap / 2.0,
                ),
                c,
            )
        };
        vec![
            cell(50.0, 100.0, 150.0, 130.0, BLUE),
            cell(150.0, 100.0, 350.0, 130.0, BLUE),
            cell(50.0, 130.0, 150.0, 160.0, BAND1),
            cell(150.0, 130.0, 250.0, 160.0, BAND1),
            cell(250.0, 130.0, 350.0, 160.0, BAND1),
            cell(50.0, 160.0, 150.0, 190.0, BAND2),
            cell(150.0, 160.0, 250.0, 190.0, BAND2),
            cell(250.0, 160.0, 350.0, 190.0, BAND2),
        ]
    }

    fn spans(t: &Table) -> Vec<(usize, usize, usize, usize)> {
        t.regions
            .iter()
            .map(|r| (r.row, r.col, r.rows, r.cols))
            .collect()
    }

    #[test]
    fn abutting_fills_make_cells_and_a_merged_header() {
        let t = tables(&page(slide_table(0.0)), &[], 1000).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].xs, vec![50.0, 150.0, 250.0, 350.0]);
        assert_eq!(t[0].ys, vec![100.0, 130.0, 160.0, 190.0]);
        assert!(spans(&t[0]).contains(&(0, 1, 1, 2)), "{:?}", spans(&t[0]));
        assert_eq!(t[0].regions.len(), 8);
        assert_eq!(t[0].source, Source::Fills);
        assert_eq!(t[0].own_fills, (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn white_gaps_between_fills_are_one_edge() {
        let t = tables(&page(slide_table(2.5)), &[], 1000).unwrap();
        assert_eq!(t.len(), 1);
        let xs: Vec<i32> = t[0].xs.iter().map(|x| x.round() as i32).collect();
        assert_eq!(xs, vec![51, 150, 250, 349]);
        assert_eq!(t[0].regions.len(), 8);
    }

    #[test]
    fn a_white_stroke_splits_one_fill_into_cells() {
        let mut p = page(vec![
            Fill::rect(Rect::new(0.0, 0.0, 200.0, 20.0), BLUE),
            Fill::rect(Rect::new(0.0, 20.0, 200.0, 40.0), BAND1),
            Fill::rect(Rect::new(0.0, 40.0, 200.0, 60.0), BAND2),
            Fill::rect(Rect::new(0.0, 60.0, 200.0, 80.0), BAND1),
        ]);
        let t = tables(&p, &[], 1000).unwrap();
        assert!(t.is_empty(), "one column is a list of bands, not a table");
        p.light_segments.push(Segment {
            x0: 100.0,
            y0: 20.0,
            x1: 100.0,
            y1: 80.0,
            width: 0.85,
        });
        let t = tables(&p, &[], 1000).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].xs, vec![0.0, 100.0, 200.0]);
        assert!(spans(&t[0]).contains(&(0, 0, 1, 2)), "{:?}", spans(&t[0]));
    }

    #[test]
    fn shapes_over_cells_and_backgrounds_are_not_cells() {
        let mut fills = vec![Fill::rect(Rect::new(40.0, 90.0, 360.0, 200.0), BAND2)];
        fills.extend(slide_table(0.0));
        fills.push(Fill::rect(Rect::new(160.0, 140.0, 300.0, 150.0), BLUE));
        let t = tables(&page(fills), &[], 1000).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].own_fills, (1..9).collect::<Vec<_>>());
    }

    #[test]
    fn a_lone_filled_box_is_no_table() {
        let p = page(vec![
            Fill::rect(Rect::new(0.0, 0.0, 200.0, 20.0), BLUE),
            Fill::rect(Rect::new(300.0, 0.0, 500.0, 20.0), BLUE),
        ]);
        assert!(tables(&p, &[], 1000).unwrap().is_empty());
    }
}
