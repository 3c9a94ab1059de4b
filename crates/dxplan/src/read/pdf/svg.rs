//! `dxplan inspect`: a page drawn as a standalone SVG with what the reader
//! found, after pdfplumber's `debug_tablefinder`: glyph boxes (with their
//! text), fills, snapped ruling lines, and every grid cell outlined and
//! labelled `row,col` (cells of a ruled table blue, of a table found from
//! fills purple, text rows green), the cells read as marks in orange, and
//! the shapes drawn over a table that mark cells dashed, as far as they
//! count (an arrowhead's outer half left out).

use std::fmt::Write;

use crate::grid::{Grid, Loc, Rgb};
use crate::read::pdf::build::Layout;
use crate::read::pdf::content::PageContent;
use crate::read::pdf::geom::Rect;
use crate::read::pdf::table::Source;

/// The SVG of a page.
pub fn page_svg(page: &PageContent, lay: &Layout, grid: &Grid) -> String {
    let size = page.page.unwrap_or(Rect::new(0.0, 0.0, 595.0, 842.0));
    let mut s = String::with_capacity(64 * (page.glyphs.len() + grid.rows() * grid.cols()));
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.2} {h:.2}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
"#,
        w = size.width(),
        h = size.height()
    );
    fills(&mut s, page);
    glyphs(&mut s, page);
    rules(&mut s, lay);
    cells(&mut s, lay, grid);
    marks(&mut s, grid);
    shapes(&mut s, page, lay);
    s.push_str("</svg>\n");
    s
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

use crate::markup::escape;

fn rect(s: &mut String, r: &Rect, style: &str) {
    let _ = writeln!(
        s,
        r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" {style}/>"#,
        r.x0,
        r.y0,
        r.width().max(0.1),
        r.height().max(0.1)
    );
}

fn fills(s: &mut String, page: &PageContent) {
    s.push_str("<g id=\"fills\">\n");
    for f in &page.fills {
        rect(
            s,
            &f.bbox,
            &format!(r#"fill="{}" fill-opacity="0.6""#, hex(f.color)),
        );
    }
    s.push_str("</g>\n");
}

fn glyphs(s: &mut String, page: &PageContent) {
    s.push_str("<g id=\"glyphs\">\n");
    for g in &page.glyphs {
        rect(
            s,
            &g.bbox,
            r##"fill="none" stroke="#888" stroke-width="0.2""##,
        );
        let fs = (g.bbox.height().min(g.bbox.width().max(g.size)) * 0.8).max(1.0);
        let _ = writeln!(
            s,
            r##"<text x="{:.2}" y="{:.2}" font-size="{fs:.1}" fill="#333">{}</text>"##,
            g.bbox.x0,
            g.bbox.y1 - 0.2 * g.bbox.height(),
            escape(page.text_of(g))
        );
    }
    s.push_str("</g>\n");
}

fn rules(s: &mut String, lay: &Layout) {
    s.push_str("<g id=\"rules\" stroke=\"red\" stroke-width=\"0.8\">\n");
    for r in &lay.rulings.h {
        let _ = writeln!(
            s,
            r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}"/>"#,
            r.a, r.pos, r.b, r.pos
        );
    }
    for r in &lay.rulings.v {
        let _ = writeln!(
            s,
            r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}"/>"#,
            r.pos, r.a, r.pos, r.b
        );
    }
    s.push_str("</g>\n");
}

/// Every cell that is not covered by a merge: table cells always, text rows
/// where they hold text.
fn cells(s: &mut String, lay: &Layout, grid: &Grid) {
    s.push_str("<g id=\"cells\">\n");
    for r in 0..grid.rows() {
        for (c, cell) in grid.row(r).iter().enumerate() {
            let Loc::Page { bbox, .. } = cell.at else {
                continue;
            };
            let b = Rect::new(bbox[0], bbox[1], bbox[2], bbox[3]);
            let table = lay
                .tables
                .iter()
                .find(|t| t.bbox().contains(b.cx(), b.cy()));
            if cell.covered_by.is_some() || (table.is_none() && cell.text.is_empty()) {
                continue;
            }
            let (color, class) = match table.map(|t| t.source) {
                Some(Source::Rules) => ("#1f6feb", "ruled"),
                Some(Source::Fills) => ("#8250df", "filled"),
                Some(Source::Aligned) => ("#bf8700", "aligned"),
                None => ("#2da44e", "text"),
            };
            rect(
                s,
                &b,
                &format!(
                    r#"fill="{color}" fill-opacity="0.08" stroke="{color}" stroke-width="0.6" class="cell {class}""#
                ),
            );
            let _ = writeln!(
                s,
                r#"<text x="{:.2}" y="{:.2}" font-size="4" fill="{color}">{r},{c}</text>"#,
                b.x0 + 0.8,
                b.y0 + 4.5
            );
        }
    }
    s.push_str("</g>\n");
}

/// Every cell that a fill or a bar drawn over it marks (what the
/// recogniser reads as a schedule mark), outlined in orange and labelled
/// `mark row,col`, so a Gantt bar can be followed to the columns it hit.
fn marks(s: &mut String, grid: &Grid) {
    s.push_str("<g id=\"marks\">\n");
    for r in 0..grid.rows() {
        for (c, cell) in grid.row(r).iter().enumerate() {
            let Loc::Page { bbox, .. } = cell.at else {
                continue;
            };
            if cell.covered_by.is_some() || !cell.is_filled() {
                continue;
            }
            let b = Rect::new(bbox[0], bbox[1], bbox[2], bbox[3]);
            let fill = cell.fill.map(hex).unwrap_or_default();
            rect(
                s,
                &b,
                &format!(
                    r##"fill="none" stroke="#d9480f" stroke-width="1.2" class="mark" data-fill="{fill}""##
                ),
            );
            let _ = writeln!(
                s,
                r##"<text x="{:.2}" y="{:.2}" font-size="4" fill="#d9480f">mark {r},{c}</text>"##,
                b.x0 + 0.8,
                b.y1 - 1.0
            );
        }
    }
    s.push_str("</g>\n");
}

/// The shapes drawn over a table that mark at least one of its cells:
/// the part that counts (see `Fill::core`) outlined dashed, labelled
/// `shape`.
fn shapes(s: &mut String, page: &PageContent, lay: &Layout) {
    s.push_str("<g id=\"shapes\">\n");
    for i in crate::read::pdf::build::marking_shapes(page, lay) {
        let f = &page.fills[i];
        rect(
            s,
            &f.core,
            &format!(
                r##"fill="none" stroke="#d9480f" stroke-width="0.8" stroke-dasharray="3 2" class="shape" data-fill="{}""##,
                hex(f.color)
            ),
        );
        let _ = writeln!(
            s,
            r##"<text x="{:.2}" y="{:.2}" font-size="4" fill="#d9480f">shape</text>"##,
            f.core.x0 + 0.8,
            f.core.y0 - 0.8
        );
    }
    s.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
