//! Glyphs into visual lines and lines into text: order by baseline then x,
//! a space for a gap wider than 0.3 em, glyphs drawn twice at (almost) the
//! same place (fake bold) kept once, vertical writing read top to bottom in
//! columns from right to left.

use crate::read::pdf::content::{Dir, Glyph, PageContent};
use crate::read::pdf::geom::Rect;

/// A gap wider than this many em between glyphs on a line is a space.
const SPACE_GAP_EM: f32 = 0.3;
/// Between a full-width glyph (kana, kanji, full-width forms) and a
/// half-width one, a gap is a space only when wider than this many em:
/// producers set Asian and Latin text apart on their own (LibreOffice
/// Impress and Writer by about a third of an em, Typst by a quarter:
/// `40 日`, `（ R7 ）` as drawn), a space nobody typed.
const MIXED_GAP_EM: f32 = 0.45;
// `is_word_gap` asks the glyphs' texts only between the two widths.
const _: () = assert!(MIXED_GAP_EM > SPACE_GAP_EM);
/// Two glyphs with the same text whose boxes are closer than this many em
/// are one glyph drawn twice.
const DUPLICATE_EM: f32 = 0.2;

/// One visual line: its glyphs (indices into the page's glyphs) in reading
/// order and its box.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub glyphs: Vec<u32>,
    pub bbox: Rect,
    pub vertical: bool,
}

fn is_vertical(g: &Glyph) -> bool {
    matches!(g.dir, Dir::Ttb | Dir::Btt)
}

/// Group glyphs into lines: horizontal lines top to bottom, then vertical
/// columns right to left.
pub fn lines(page: &PageContent, ids: &[u32]) -> Vec<Line> {
    let gl = &page.glyphs;
    let (mut horiz, mut vert): (Vec<u32>, Vec<u32>) =
        ids.iter().partition(|&&i| !is_vertical(&gl[i as usize]));
    let mut out = group(gl, &mut horiz, false);
    out.extend(group(gl, &mut vert, true));
    out
}

/// The extent of a glyph across the line direction.
fn across(g: &Glyph, vertical: bool) -> (f32, f32) {
    if vertical {
        (g.bbox.x0, g.bbox.x1)
    } else {
        (g.bbox.y0, g.bbox.y1)
    }
}

/// Cluster glyphs whose extents across the line direction overlap by at
/// least half the smaller one, then sort each cluster along the line.
fn group(gl: &[Glyph], ids: &mut [u32], vertical: bool) -> Vec<Line> {
    let centre = |i: u32| {
        let (a, b) = across(&gl[i as usize], vertical);
        (a + b) / 2.0
    };
    ids.sort_by(|&a, &b| centre(a).total_cmp(&centre(b)));
    let mut lines = cluster(gl, ids, vertical);
    for line in &mut lines {
        sort_along(gl, line);
    }
    if vertical {
        order_columns(gl, &mut lines);
    }
    lines
}

/// Glyphs sorted across the line direction, cut into lines. Each line is
/// a run of `ids`, so its glyphs are copied once at their final size.
fn cluster(gl: &[Glyph], ids: &[u32], vertical: bool) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut start = 0;
    let mut band = (f32::NAN, f32::NAN);
    let mut bbox: Option<Rect> = None;
    for (k, &i) in ids.iter().enumerate() {
        let g = &gl[i as usize];
        let (a, b) = across(g, vertical);
        let overlap = band.1.min(b) - band.0.max(a);
        match bbox {
            Some(ref mut bb) if overlap >= 0.5 * (b - a).min(band.1 - band.0) => {
                *bb = bb.union(&g.bbox);
                band = (band.0.min(a), band.1.max(b));
            }
            _ => {
                if let Some(bb) = bbox {
                    lines.push(Line {
                        glyphs: ids[start..k].to_vec(),
                        bbox: bb,
                        vertical,
                    });
                }
                start = k;
                bbox = Some(g.bbox);
                band = (a, b);
            }
        }
    }
    if let Some(bb) = bbox {
        lines.push(Line {
            glyphs: ids[start..].to_vec(),
            bbox: bb,
            vertical,
        });
    }
    lines
}

/// Vertical writing and text turned clockwise stack their lines leftwards;
/// text turned anticlockwise stacks them rightwards.
fn order_columns(gl: &[Glyph], lines: &mut [Line]) {
    let leftwards = lines
        .first()
        .and_then(|l| l.glyphs.first())
        .is_none_or(|&i| gl[i as usize].dir == Dir::Ttb);
    lines.sort_by(|a, b| {
        if leftwards {
            b.bbox.x1.total_cmp(&a.bbox.x1)
        } else {
            a.bbox.x0.total_cmp(&b.bbox.x0)
        }
    });
}

fn sort_along(gl: &[Glyph], line: &mut Line) {
    let key = |i: &u32| {
        let g = &gl[*i as usize];
        match g.dir {
            Dir::Ltr => g.bbox.x0,
            Dir::Rtl => -g.bbox.x1,
            Dir::Ttb => g.bbox.y0,
            Dir::Btt => -g.bbox.y1,
        }
    };
    line.glyphs.sort_by(|a, b| key(a).total_cmp(&key(b)));
}

/// The text of one line, appended to `out`.
pub fn line_text(page: &PageContent, line: &Line, out: &mut String) {
    let gl = &page.glyphs;
    // The last three glyphs kept, oldest first.
    let mut kept: [Option<&Glyph>; 3] = [None; 3];
    let mut prev: Option<&Glyph> = None;
    let start = out.len();
    for &i in &line.glyphs {
        let g = &gl[i as usize];
        let text = page.text_of(g);
        if is_duplicate(page, &kept, g) {
            continue;
        }
        if let Some(p) = prev
            && is_word_gap(page, p, g, line.vertical)
            && !out[start..].ends_with(' ')
            && out.len() > start
        {
            out.push(' ');
        }
        if text.chars().all(char::is_whitespace) {
            if out.len() > start && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push_str(text);
        }
        prev = Some(g);
        kept.rotate_left(1);
        kept[2] = Some(g);
    }
    while out.len() > start && out.ends_with(' ') {
        out.pop();
    }
}

/// The runs of a horizontal line: glyphs with no word gap between them
/// (a line without glyphs is one empty run).
pub fn runs<'a>(page: &'a PageContent, line: &'a Line) -> impl Iterator<Item = &'a [u32]> + 'a {
    let gl = &page.glyphs;
    let ids = line.glyphs.as_slice();
    let mut start = 0;
    let mut empty = ids.is_empty();
    std::iter::from_fn(move || {
        if std::mem::take(&mut empty) {
            return Some(ids);
        }
        if start >= ids.len() {
            return None;
        }
        let mut end = start + 1;
        while end < ids.len()
            && !is_word_gap(
                page,
                &gl[ids[end - 1] as usize],
                &gl[ids[end] as usize],
                false,
            )
        {
            end += 1;
        }
        let run = &ids[start..end];
        start = end;
        Some(run)
    })
}

/// Whether the space between two consecutive glyphs is a word gap: wider
/// than [`SPACE_GAP_EM`], or [`MIXED_GAP_EM`] where one is full-width and
/// the other not.
fn is_word_gap(page: &PageContent, a: &Glyph, b: &Glyph, vertical: bool) -> bool {
    let (gap, size) = (gap(a, b, vertical), a.size.max(b.size));
    // Most pairs touch: the glyphs' texts are asked only of a gap between
    // the two widths.
    if gap <= SPACE_GAP_EM * size {
        return false;
    }
    if gap > MIXED_GAP_EM * size {
        return true;
    }
    let wide = |g: &Glyph| page.text_of(g).chars().next().is_some_and(is_full_width);
    let blank = |g: &Glyph| page.text_of(g).chars().all(char::is_whitespace);
    blank(a) || blank(b) || wide(a) == wide(b)
}

/// A character set full-width in Japanese text: kana, CJK ideographs and
/// punctuation, full-width forms.
fn is_full_width(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The free space between two consecutive glyphs along the line.
fn gap(a: &Glyph, b: &Glyph, vertical: bool) -> f32 {
    if vertical {
        b.bbox.y0 - a.bbox.y1
    } else {
        b.bbox.x0 - a.bbox.x1
    }
}

fn is_duplicate(page: &PageContent, recent: &[Option<&Glyph>], g: &Glyph) -> bool {
    let tol = DUPLICATE_EM * g.size.max(1.0);
    recent.iter().flatten().any(|k| {
        (k.bbox.x0 - g.bbox.x0).abs() < tol
            && (k.bbox.y0 - g.bbox.y0).abs() < tol
            && page.text_of(k) == page.text_of(g)
    })
}

/// The text of several lines joined with `\n`.
pub fn lines_text(page: &PageContent, lines: &[Line]) -> String {
    let mut s = String::new();
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            s.push('\n');
        }
        line_text(page, line, &mut s);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of glyphs `(text, x, y, size)` laid out left to right.
    pub fn page(glyphs: &[(&str, f32, f32, f32)]) -> PageContent {
        let mut p = PageContent::default();
        for &(t, x, y, size) in glyphs {
            let start = p.text.len() as u32;
            p.text.push_str(t);
            p.glyphs.push(Glyph {
                bbox: Rect::new(x, y, x + size * t.chars().count() as f32, y + size),
                size,
                start,
                len: t.len() as u16,
                dir: Dir::Ltr,
                vertical: false,
            });
        }
        p
    }

    fn text(p: &PageContent) -> String {
        let ids: Vec<u32> = (0..p.glyphs.len() as u32).collect();
        lines_text(p, &lines(p, &ids))
    }

    #[test]
    fn lines_by_baseline_then_x() {
        let p = page(&[
            ("業", 20.0, 10.0, 10.0),
            ("事", 10.0, 10.5, 10.0),
            ("名", 10.0, 25.0, 10.0),
        ]);
        assert_eq!(text(&p), "事業\n名");
    }

    #[test]
    fn wide_gap_is_one_space() {
        let p = page(&[
            ("R", 0.0, 0.0, 10.0),
            ("4", 14.0, 0.0, 10.0),
            ("x", 30.0, 0.0, 10.0),
        ]);
        assert_eq!(text(&p), "R 4 x");
        let p = page(&[
            ("a", 0.0, 0.0, 10.0),
            (" ", 10.0, 0.0, 2.5),
            ("b", 12.5, 0.0, 10.0),
        ]);
        assert_eq!(text(&p), "a b");
    }

    /// LibreOffice sets Latin text about a third of an em apart from the
    /// kanji beside it (４０ then 日 as drawn): no space; a gap of half an
    /// em or more between them still is one, and so is a third of an em
    /// between two Latin glyphs.
    #[test]
    fn asian_latin_spacing_is_no_space() {
        let p = page(&[
            ("4", 0.0, 0.0, 5.0),
            ("0", 5.0, 0.0, 5.0),
            ("日", 13.3, 0.0, 10.0),
            ("（", 23.3, 0.0, 10.0),
            ("R", 36.6, 0.0, 5.0),
            ("7", 41.6, 0.0, 5.0),
            ("）", 49.9, 0.0, 10.0),
        ]);
        assert_eq!(text(&p), "40日（R7）");
        let p = page(&[("4", 0.0, 0.0, 5.0), ("日", 10.0, 0.0, 10.0)]);
        assert_eq!(text(&p), "4 日");
        let p = page(&[("a", 0.0, 0.0, 5.0), ("b", 8.5, 0.0, 5.0)]);
        assert_eq!(text(&p), "a b");
    }

    #[test]
    fn fake_bold_duplicates_are_dropped() {
        let p = page(&[
            ("電", 0.0, 0.0, 10.0),
            ("子", 10.0, 0.0, 10.0),
            ("電", 0.3, 0.2, 10.0),
            ("子", 10.3, 0.2, 10.0),
            ("子", 20.0, 0.0, 10.0),
        ]);
        assert_eq!(text(&p), "電子子");
    }

    #[test]
    fn vertical_columns_read_right_to_left() {
        let mut p = page(&[
            ("ス", 20.0, 0.0, 10.0),
            ("ケ", 20.0, 10.0, 10.0),
            ("ジ", 5.0, 0.0, 10.0),
        ]);
        for g in &mut p.glyphs {
            g.dir = Dir::Ttb;
        }
        assert_eq!(text(&p), "スケ\nジ");
    }

    #[test]
    fn text_turned_anticlockwise_reads_bottom_up_left_to_right() {
        let mut p = page(&[
            ("b", 20.0, 0.0, 10.0),
            ("a", 20.0, 10.0, 10.0),
            ("c", 5.0, 10.0, 10.0),
        ]);
        for g in &mut p.glyphs {
            g.dir = Dir::Btt;
        }
        assert_eq!(text(&p), "c\nab");
    }
}
