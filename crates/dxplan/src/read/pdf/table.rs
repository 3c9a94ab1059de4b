//! Tables from ruling lines: connected rules form a table whose columns are
//! the distinct x of its vertical rules and rows the distinct y of its
//! horizontal ones; a missing rule between two elementary cells merges them.

use crate::error::ReadError;
use crate::read::pdf::geom::Rect;
use crate::read::pdf::ruling::{Rule, Rulings, SNAP};

/// How far (points) a rule may stop short of another and still touch it.
const TOUCH: f32 = 2.0;
/// A border exists when rules cover this share of it.
const COVER: f32 = 0.5;

/// A merged region (or single cell) of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
    pub bbox: Rect,
}

/// What a table's cell edges were found from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Ruling lines.
    Rules,
    /// Filled cells (a slide table's style: banded fills, white borders).
    Fills,
    /// The alignment of text, with neither rule nor fill (a borderless list).
    Aligned,
}

/// A table: column and row boundaries and its regions, top-left first.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    pub regions: Vec<Region>,
    /// For each elementary cell (row-major), its region.
    pub region_of: Vec<usize>,
    pub source: Source,
    /// For a table of filled cells: the page's fills (indices) that are
    /// its cells, in drawing order.
    pub own_fills: Vec<usize>,
}

impl Table {
    pub fn rows(&self) -> usize {
        self.ys.len() - 1
    }

    pub fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    pub fn bbox(&self) -> Rect {
        Rect::new(
            self.xs[0],
            self.ys[0],
            *self.xs.last().unwrap_or(&0.0),
            *self.ys.last().unwrap_or(&0.0),
        )
    }

    /// The regions overlapping a box (each once, in table order).
    pub fn regions_in(&self, r: &Rect) -> Vec<usize> {
        let span = |v: &[f32], a: f32, b: f32| {
            let lo = v.partition_point(|&x| x <= a).saturating_sub(1);
            let hi = v.partition_point(|&x| x < b).min(v.len() - 1);
            lo..hi.max(lo)
        };
        let (rows, cols) = (span(&self.ys, r.y0, r.y1), span(&self.xs, r.x0, r.x1));
        let mut out: Vec<usize> = rows
            .flat_map(|row| cols.clone().map(move |c| (row, c)))
            .map(|(row, c)| self.region_of[row * self.cols() + c])
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The region containing a point, if it lies in the table.
    pub fn region_at(&self, x: f32, y: f32) -> Option<usize> {
        if !self.bbox().contains(x, y) {
            return None;
        }
        let c = self.xs.partition_point(|&v| v <= x).clamp(1, self.cols()) - 1;
        let r = self.ys.partition_point(|&v| v <= y).clamp(1, self.rows()) - 1;
        Some(self.region_of[r * self.cols() + c])
    }
}

/// Find the tables of a page.
///
/// # Errors
/// [`ReadError::Limit`] for a table of more than `max_cells` cells.
pub fn tables(rulings: &Rulings, max_cells: u64) -> Result<Vec<Table>, ReadError> {
    let mut out = Vec::new();
    for (h, v) in components(rulings) {
        if let Some(t) = table(&h, &v, max_cells)? {
            out.push(t);
        }
    }
    out.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    Ok(out)
}

fn touches(h: &Rule, v: &Rule) -> bool {
    v.pos >= h.a - TOUCH && v.pos <= h.b + TOUCH && h.pos >= v.a - TOUCH && h.pos <= v.b + TOUCH
}

/// Groups of rules connected through their crossings.
fn components(r: &Rulings) -> Vec<(Vec<Rule>, Vec<Rule>)> {
    let nh = r.h.len();
    let mut parent: Vec<usize> = (0..nh + r.v.len()).collect();
    for (i, h) in r.h.iter().enumerate() {
        for (j, v) in r.v.iter().enumerate() {
            if touches(h, v) {
                union(&mut parent, i, nh + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> = Default::default();
    for i in 0..parent.len() {
        let root = find(&mut parent, i);
        let g = groups.entry(root).or_default();
        if i < nh {
            g.0.push(r.h[i]);
        } else {
            g.1.push(r.v[i - nh]);
        }
    }
    groups.into_values().collect()
}

/// Union-find over indices: the root of `i`'s set (paths halved).
pub(super) fn find(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

/// Union-find: join the sets of `a` and `b` (the smaller root wins).
pub(super) fn union(p: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(p, a), find(p, b));
    if ra != rb {
        p[ra.max(rb)] = ra.min(rb);
    }
}

/// Distinct positions, with those closer than [`SNAP`]·1.5 merged.
fn distinct(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::with_capacity(v.len());
    for x in v {
        match out.last() {
            Some(&last) if x - last <= SNAP * 1.5 => {}
            _ => out.push(x),
        }
    }
    out
}

/// A table from one connected group of rules: columns at the vertical
/// rules, rows at the horizontal ones, regions where borders are missing.
///
/// # Errors
/// [`ReadError::Limit`] for a table of more than `max_cells` cells.
pub fn table(h: &[Rule], v: &[Rule], max_cells: u64) -> Result<Option<Table>, ReadError> {
    if h.len() < 2 || v.len() < 2 {
        return Ok(None);
    }
    let h_ext = h
        .iter()
        .fold((f32::MAX, f32::MIN), |e, r| (e.0.min(r.a), e.1.max(r.b)));
    let v_ext = v
        .iter()
        .fold((f32::MAX, f32::MIN), |e, r| (e.0.min(r.a), e.1.max(r.b)));
    let xs = distinct(v.iter().map(|r| r.pos).chain([h_ext.0, h_ext.1]).collect());
    let ys = distinct(h.iter().map(|r| r.pos).chain([v_ext.0, v_ext.1]).collect());
    if xs.len() < 2 || ys.len() < 2 {
        return Ok(None);
    }
    let cells = (xs.len() as u64 - 1) * (ys.len() as u64 - 1);
    if cells > max_cells {
        return Err(ReadError::Limit {
            what: crate::msg!("limit-what-table", cells = cells.to_string()),
            limit: max_cells,
            which: crate::error::Limit::Cells,
        });
    }
    let (regions, region_of) = regions(&xs, &ys, h, v);
    Ok(Some(Table {
        xs,
        ys,
        regions,
        region_of,
        source: Source::Rules,
        own_fills: Vec::new(),
    }))
}

/// How much of [a, b] the rules at `pos` cover.
fn covered(rules: &[Rule], pos: f32, a: f32, b: f32) -> f32 {
    let tol = SNAP * 1.5;
    rules
        .iter()
        .filter(|r| (r.pos - pos).abs() <= tol)
        .map(|r| (r.b.min(b) - r.a.max(a)).max(0.0))
        .sum()
}

/// Union elementary cells across missing borders into regions.
fn regions(xs: &[f32], ys: &[f32], h: &[Rule], v: &[Rule]) -> (Vec<Region>, Vec<usize>) {
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for r in 0..nr {
        for c in 0..nc {
            let (x0, x1, y0, y1) = (xs[c], xs[c + 1], ys[r], ys[r + 1]);
            if c + 1 < nc && covered(v, x1, y0, y1) < COVER * (y1 - y0) {
                union(&mut parent, r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && covered(h, y1, x0, x1) < COVER * (x1 - x0) {
                union(&mut parent, r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    collect_regions(xs, ys, &mut parent)
}

fn collect_regions(xs: &[f32], ys: &[f32], parent: &mut [usize]) -> (Vec<Region>, Vec<usize>) {
    let nc = xs.len() - 1;
    let mut index = vec![usize::MAX; parent.len()];
    let mut bounds: Vec<[usize; 4]> = Vec::new();
    let mut region_of = vec![0; parent.len()];
    for (cell, slot) in region_of.iter_mut().enumerate() {
        let root = find(parent, cell);
        let (r, c) = (cell / nc, cell % nc);
        if index[root] == usize::MAX {
            index[root] = bounds.len();
            bounds.push([r, c, r, c]);
        }
        let b = &mut bounds[index[root]];
        *b = [b[0].min(r), b[1].min(c), b[2].max(r), b[3].max(c)];
        *slot = index[root];
    }
    let regions = bounds
        .iter()
        .map(|&[r0, c0, r1, c1]| Region {
            row: r0,
            col: c0,
            rows: r1 + 1 - r0,
            cols: c1 + 1 - c0,
            bbox: Rect::new(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]),
        })
        .collect();
    (regions, region_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pos: f32, a: f32, b: f32) -> Rule {
        Rule { pos, a, b }
    }

    /// A 3×3 grid 0..90 with the border between (0,0) and (0,1) missing and
    /// the one between (1,2) and (2,2) missing.
    fn rulings() -> Rulings {
        Rulings {
            h: vec![
                h(0.0, 0.0, 90.0),
                h(30.0, 0.0, 90.0),
                h(60.0, 0.0, 60.0),
                h(90.0, 0.0, 90.0),
            ],
            v: vec![
                h(0.0, 0.0, 90.0),
                h(30.0, 30.0, 90.0),
                h(60.0, 0.0, 90.0),
                h(90.0, 0.0, 90.0),
            ],
        }
    }

    #[test]
    fn columns_rows_and_merged_cells() {
        let t = &tables(&rulings(), 1000).unwrap()[0];
        assert_eq!(t.xs, vec![0.0, 30.0, 60.0, 90.0]);
        assert_eq!(t.ys, vec![0.0, 30.0, 60.0, 90.0]);
        let spans: Vec<(usize, usize, usize, usize)> = t
            .regions
            .iter()
            .map(|r| (r.row, r.col, r.rows, r.cols))
            .collect();
        assert!(spans.contains(&(0, 0, 1, 2)), "{spans:?}");
        assert!(spans.contains(&(1, 2, 2, 1)), "{spans:?}");
        assert_eq!(t.regions.len(), 7);
        let r = t.region_at(45.0, 10.0).unwrap();
        assert_eq!((t.regions[r].row, t.regions[r].col), (0, 0));
        assert_eq!(t.region_at(95.0, 10.0), None);
    }

    #[test]
    fn separate_rule_groups_are_separate_tables() {
        let mut r = rulings();
        r.h.push(h(200.0, 0.0, 50.0));
        r.h.push(h(220.0, 0.0, 50.0));
        r.v.push(h(0.0, 200.0, 220.0));
        r.v.push(h(50.0, 200.0, 220.0));
        let t = tables(&r, 1000).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].ys, vec![200.0, 220.0]);
        assert_eq!(t[1].regions.len(), 1);
    }

    #[test]
    fn lone_lines_are_not_tables() {
        let r = Rulings {
            h: vec![h(10.0, 0.0, 100.0)],
            v: vec![],
        };
        assert!(tables(&r, 1000).unwrap().is_empty());
    }
}
