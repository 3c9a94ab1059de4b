//! Ruling lines: stroked segments and thin filled rectangles, snapped to
//! common positions and joined where they touch.

use std::collections::HashMap;

use crate::fasthash::FastHash;

use crate::read::pdf::content::PageContent;
use crate::read::pdf::geom::Rect;

/// Filled rectangles thinner than this (points) are lines: Excel's thick
/// border is 2.25 pt; schedule bars are thicker.
pub const THIN: f32 = 2.5;
/// Positions closer than this (points) are the same line.
pub const SNAP: f32 = 1.5;
/// Rules on one position with gaps up to this (points) are one rule
/// (dashed and dotted borders, borders drawn cell by cell).
const JOIN: f32 = 4.0;
/// At most this many rules per direction are kept (the longest): more is
/// hostile or hatching, and table finding is quadratic in them.
const MAX_RULES: usize = 5000;
/// Segments shorter than this (points) are not rules.
const MIN_LEN: f32 = 1.0;
/// A border ends on the rule across it within this (points): half a line
/// width past it or short of it.
const END: f32 = 0.75;

/// A horizontal (`pos` = y, from `a` to `b` in x) or vertical (`pos` = x,
/// from `a` to `b` in y) rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub pos: f32,
    pub a: f32,
    pub b: f32,
}

/// A page's horizontal and vertical rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rulings {
    pub h: Vec<Rule>,
    pub v: Vec<Rule>,
}

/// Collect, snap and join the rules of a page.
pub fn rulings(page: &PageContent) -> Rulings {
    let glyphs = GlyphIndex::new(page);
    let mut h = Vec::new();
    let mut v = Vec::new();
    let segments = page
        .segments
        .iter()
        .map(|s| Rect::new(s.x0, s.y0, s.x1, s.y1));
    let thin_fills = page
        .fills
        .iter()
        .filter(|f| is_rule_fill(f))
        .map(|f| f.bbox);
    let all: Vec<Rect> = segments.chain(thin_fills).collect();
    let in_glyph: Vec<bool> = all.iter().map(|r| glyphs.covers(r)).collect();
    let ends = RuleEnds::new(&all, &in_glyph);
    for (r, &in_glyph) in all.iter().zip(&in_glyph) {
        if in_glyph && !ends.closes(r) {
            continue;
        }
        if r.height() <= r.width() {
            h.push(Rule {
                pos: r.cy(),
                a: r.x0,
                b: r.x1,
            });
        } else {
            v.push(Rule {
                pos: r.cx(),
                a: r.y0,
                b: r.y1,
            });
        }
    }
    Rulings {
        h: longest(snap(h)),
        v: longest(snap(v)),
    }
}

/// The segments outside every glyph box, horizontal and vertical, in
/// position order: to tell a cell's border from a glyph's stroke when a
/// glyph box holds the border (a one-line row as tall as its text, the text
/// close to the border: a Writer table with narrow cell margins).
struct RuleEnds {
    /// (y, x0, x1) of the horizontal segments, by y.
    h: Vec<(f32, f32, f32)>,
    /// (x, y0, y1) of the vertical segments, by x.
    v: Vec<(f32, f32, f32)>,
}

impl RuleEnds {
    fn new(all: &[Rect], in_glyph: &[bool]) -> Self {
        let mut h = Vec::new();
        let mut v = Vec::new();
        for (r, &g) in all.iter().zip(in_glyph) {
            if g {
                continue;
            }
            if r.height() <= r.width() {
                h.push((r.cy(), r.x0, r.x1));
            } else {
                v.push((r.cx(), r.y0, r.y1));
            }
        }
        h.sort_by(|a, b| a.0.total_cmp(&b.0));
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        RuleEnds { h, v }
    }

    /// True when both ends of `r` stand on a rule across it, within
    /// [`END`] (a vertical segment from one horizontal rule to the next, or
    /// the other way): a glyph's stroke does not end on two rules, a cell's
    /// border does.
    fn closes(&self, r: &Rect) -> bool {
        let on = |rules: &[(f32, f32, f32)], pos: f32, across: f32| {
            let from = rules.partition_point(|x| x.0 < pos - END);
            rules[from..]
                .iter()
                .take_while(|x| x.0 <= pos + END)
                .any(|x| x.1 - SNAP <= across && across <= x.2 + SNAP)
        };
        if r.height() <= r.width() {
            on(&self.v, r.x0, r.cy()) && on(&self.v, r.x1, r.cy())
        } else {
            on(&self.h, r.y0, r.cx()) && on(&self.h, r.y1, r.cx())
        }
    }
}

/// Glyph boxes bucketed on a coarse grid, to tell the strokes of a glyph
/// drawn as outlines (fake bold, text as paths over text) from rules.
struct GlyphIndex {
    buckets: HashMap<(i32, i32), Vec<Rect>, FastHash>,
}

const BUCKET: f32 = 32.0;

fn bucket(x: f32, y: f32) -> (i32, i32) {
    ((x / BUCKET).floor() as i32, (y / BUCKET).floor() as i32)
}

impl GlyphIndex {
    fn new(page: &PageContent) -> Self {
        let mut buckets: HashMap<(i32, i32), Vec<Rect>, FastHash> = HashMap::default();
        for g in &page.glyphs {
            let b = g.bbox;
            let slack = 0.1 * b.width().max(b.height()) + 0.5;
            let grown = Rect::new(b.x0 - slack, b.y0 - slack, b.x1 + slack, b.y1 + slack);
            buckets
                .entry(bucket(b.cx(), b.cy()))
                .or_default()
                .push(grown);
        }
        GlyphIndex { buckets }
    }

    /// True when one glyph box holds the whole segment.
    fn covers(&self, r: &Rect) -> bool {
        if self.buckets.is_empty() || r.width().max(r.height()) > 2.0 * BUCKET {
            return false;
        }
        let (bx, by) = bucket(r.cx(), r.cy());
        (bx - 1..=bx + 1).any(|x| {
            (by - 1..=by + 1).any(|y| {
                self.buckets.get(&(x, y)).is_some_and(|boxes| {
                    boxes
                        .iter()
                        .any(|g| g.contains(r.x0, r.y0) && g.contains(r.x1, r.y1))
                })
            })
        })
    }
}

/// The [`MAX_RULES`] longest rules, in position order.
fn longest(mut rules: Vec<Rule>) -> Vec<Rule> {
    if rules.len() > MAX_RULES {
        rules.sort_by(|x, y| (y.b - y.a).total_cmp(&(x.b - x.a)));
        rules.truncate(MAX_RULES);
        rules.sort_by(|x, y| x.pos.total_cmp(&y.pos));
    }
    rules
}

/// A fill that draws a line: thin, longer than wide, not white.
pub fn is_rule_fill(f: &crate::read::pdf::content::Fill) -> bool {
    let (w, h) = (f.bbox.width(), f.bbox.height());
    w.min(h) < THIN && w.max(h) >= 2.0 * THIN && !f.color.is_whitish()
}

/// Snap positions within [`SNAP`] to their mean, then join rules on one
/// position that overlap or are less than [`JOIN`] apart.
pub fn snap(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.retain(|r| r.b - r.a >= MIN_LEN && r.pos.is_finite());
    rules.sort_by(|x, y| x.pos.total_cmp(&y.pos));
    let mut out = Vec::with_capacity(rules.len());
    let mut i = 0;
    while i < rules.len() {
        let mut j = i + 1;
        while j < rules.len()
            && rules[j].pos - rules[j - 1].pos <= SNAP
            && rules[j].pos - rules[i].pos <= 2.0 * SNAP
        {
            j += 1;
        }
        let pos = rules[i..j].iter().map(|r| r.pos).sum::<f32>() / (j - i) as f32;
        join(&mut rules[i..j], pos, &mut out);
        i = j;
    }
    out
}

fn join(group: &mut [Rule], pos: f32, out: &mut Vec<Rule>) {
    group.sort_by(|x, y| x.a.total_cmp(&y.a));
    let mut cur = Rule {
        pos,
        a: group[0].a,
        b: group[0].b,
    };
    for r in &group[1..] {
        if r.a <= cur.b + JOIN {
            cur.b = cur.b.max(r.b);
        } else {
            out.push(cur);
            cur = Rule {
                pos,
                a: r.a,
                b: r.b,
            };
        }
    }
    out.push(cur);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Rgb;
    use crate::read::pdf::content::{Fill, Segment};
    use crate::read::pdf::geom::Rect;

    fn seg(x0: f32, y0: f32, x1: f32, y1: f32) -> Segment {
        Segment {
            x0,
            y0,
            x1,
            y1,
            width: 0.5,
        }
    }

    #[test]
    fn near_positions_snap_and_touching_rules_join() {
        let p = PageContent {
            segments: vec![
                seg(10.0, 100.0, 50.0, 100.0),
                seg(50.5, 100.8, 90.0, 100.8),
                seg(120.0, 100.2, 150.0, 100.2),
                seg(10.0, 120.0, 150.0, 120.0),
            ],
            ..PageContent::default()
        };
        let r = rulings(&p);
        assert_eq!(r.h.len(), 3);
        assert!((r.h[0].pos - 100.333).abs() < 0.01);
        assert_eq!((r.h[0].a, r.h[0].b), (10.0, 90.0));
        assert_eq!((r.h[1].a, r.h[1].b), (120.0, 150.0));
        assert_eq!(r.h[2].pos, 120.0);
    }

    #[test]
    fn a_border_inside_a_glyph_box_is_a_rule_when_it_ends_on_two_rules() {
        use crate::read::pdf::content::{Dir, Glyph};
        // A one-line row 10.5 pt tall whose first glyph (10 pt, its box
        // grown for outlines) starts 1.4 pt right of the cell's left border:
        // the border lies inside the glyph box but runs from the row's top
        // rule to its bottom rule. A stroke of the same glyph that ends on
        // no rule is not a rule.
        let g = Glyph {
            bbox: Rect::new(106.6, 445.9, 116.6, 456.2),
            size: 10.0,
            start: 0,
            len: 3,
            dir: Dir::Ltr,
            vertical: false,
        };
        let p = PageContent {
            segments: vec![
                seg(27.0, 445.65, 450.0, 445.65),
                seg(27.0, 456.15, 450.0, 456.15),
                seg(27.0, 445.65, 27.0, 456.15),
                seg(105.2, 445.9, 105.2, 456.4),
                seg(110.0, 447.0, 110.0, 455.0),
            ],
            glyphs: vec![g],
            text: "企".to_string(),
            ..PageContent::default()
        };
        let r = rulings(&p);
        let xs: Vec<f32> = r.v.iter().map(|r| r.pos).collect();
        assert_eq!(xs, vec![27.0, 105.2]);
    }

    #[test]
    fn thin_filled_rectangles_are_rules() {
        let fill = Fill::rect;
        let p = PageContent {
            fills: vec![
                fill(Rect::new(10.0, 50.0, 10.7, 200.0), Rgb(0, 0, 0)),
                fill(Rect::new(10.0, 50.0, 300.0, 51.0), Rgb(0, 0, 0)),
                fill(Rect::new(10.0, 60.0, 300.0, 61.0), Rgb(255, 255, 255)),
                fill(Rect::new(10.0, 70.0, 30.0, 90.0), Rgb(0, 0, 0)),
            ],
            ..PageContent::default()
        };
        let r = rulings(&p);
        assert_eq!(r.v.len(), 1);
        assert!((r.v[0].pos - 10.35).abs() < 0.01);
        assert_eq!(r.h.len(), 1);
        assert_eq!(r.h[0].pos, 50.5);
    }
}
