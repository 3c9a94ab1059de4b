//! Pages: inherited attributes, the displayed box and rotation, and running
//! the interpreter over a page's content.

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::error::ReadError;
use crate::model::Warning;
use crate::read::pdf::content::{Dir, PageContent};
use crate::read::pdf::geom::{Matrix, Rect};
use crate::read::pdf::interp::{Ctx, Interp};
use crate::read::pdf::obj;

/// A page attribute, looked up through the `/Parent` chain.
fn inherited<'d>(doc: &'d Document, page: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Some(v) = obj::get(doc, node, key) {
            return Some(v);
        }
        node = obj::get_dict(doc, node, b"Parent")?;
    }
    None
}

fn box_of(doc: &Document, page: &Dictionary, key: &[u8]) -> Option<Rect> {
    let arr = inherited(doc, page, key)?.as_array().ok()?;
    match obj::nums(doc, arr)?.as_slice() {
        [a, b, c, d] => {
            Some(Rect::new(*a, *b, *c, *d)).filter(|r| r.width() > 1.0 && r.height() > 1.0)
        }
        _ => None,
    }
}

/// A page's geometry: the matrix from default user space to the displayed
/// page (top-left origin, y down) and the displayed size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub matrix: Matrix,
    pub display: Rect,
}

/// The geometry of a page from its crop box (or media box) and `/Rotate`.
pub fn geometry(doc: &Document, page: &Dictionary) -> Geometry {
    let media = box_of(doc, page, b"MediaBox").unwrap_or(Rect::new(0.0, 0.0, 612.0, 792.0));
    let crop = box_of(doc, page, b"CropBox").map_or(media, |c| {
        let i = c.intersect(&media);
        if i.is_empty() { media } else { i }
    });
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(obj::num)
        .unwrap_or(0.0) as i64;
    geometry_of(crop, rotate.rem_euclid(360))
}

/// The display matrix of a box turned clockwise by `rotate` degrees.
pub fn geometry_of(b: Rect, rotate: i64) -> Geometry {
    let (w, h) = (b.width(), b.height());
    let (matrix, dw, dh) = match rotate {
        90 => (Matrix::new(0.0, 1.0, 1.0, 0.0, -b.y0, -b.x0), h, w),
        180 => (Matrix::new(-1.0, 0.0, 0.0, 1.0, b.x1, -b.y0), w, h),
        270 => (Matrix::new(0.0, -1.0, -1.0, 0.0, b.y1, b.x1), h, w),
        _ => (Matrix::new(1.0, 0.0, 0.0, -1.0, -b.x0, b.y1), w, h),
    };
    Geometry {
        matrix,
        display: Rect::new(0.0, 0.0, dw, dh),
    }
}

/// The page's content streams, decoded and joined.
fn content(ctx: &mut Ctx, id: ObjectId) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    for cid in ctx.doc.get_page_contents(id) {
        // A content object lopdf could not parse is missing: damaged too.
        let stream = ctx.doc.get_object(cid).ok().map(Object::as_stream);
        let data = match stream {
            Some(Ok(stream)) => ctx.budget.decode(stream)?,
            Some(Err(_)) => continue,
            None => None,
        };
        match data {
            Some(data) => {
                out.extend_from_slice(&data);
                out.push(b'\n');
            }
            None => ctx.warnings.push(Warning::new(
                crate::model::WarningCode::UnreadableContent,
                crate::msg!("warning-unreadable-content"),
                Some(format!("p.{}", ctx.page_no)),
            )),
        }
    }
    Ok(out)
}

/// Interpret one page.
pub fn read_page(mut ctx: Ctx, id: ObjectId) -> Result<PageContent, ReadError> {
    let doc = ctx.doc;
    let page = doc
        .get_dictionary(id)
        .map_err(|e| ReadError::damaged_pdf(Some(ctx.page_no), e))?;
    let geo = geometry(doc, page);
    let data = content(&mut ctx, id)?;
    let res = inherited(doc, page, b"Resources").and_then(|r| match r {
        Object::Dictionary(d) => Some(d),
        _ => None,
    });
    let mut it = Interp::new(ctx, geo.matrix, geo.display);
    it.run(&data, res)?;
    for (ap_id, ap, rect) in annotation_appearances(doc, page) {
        it.annotation(ap_id, ap, rect, geo.matrix)?;
    }
    for (text, size, rect) in field_texts(doc, page) {
        it.field_text(&text, size, rect, geo.matrix)?;
    }
    let mut out = it.out;
    let page_box = geo.display;
    out.glyphs
        .retain(|g| page_box.contains(g.bbox.cx(), g.bbox.cy()));
    drop_overprints(&mut out);
    upright(&mut out);
    Ok(out)
}

/// The normal appearance streams of a page's visible annotations (form
/// fields, free text, stamps), with their rectangles: viewers draw them on
/// the page, and poppler's text output includes them. Links and pop-ups
/// draw no text; hidden and no-view annotations are not shown.
fn annotation_appearances<'d>(
    doc: &'d Document,
    page: &'d Dictionary,
) -> Vec<(Option<ObjectId>, &'d lopdf::Stream, Rect)> {
    let mut out = Vec::new();
    for a in obj::get_array(doc, page, b"Annots").unwrap_or(&[]) {
        let Some(annot) = obj::as_dict(doc, a) else {
            continue;
        };
        let subtype = obj::get_name(doc, annot, b"Subtype").unwrap_or(b"");
        let flags = obj::get_num(doc, annot, b"F").unwrap_or(0.0) as u32;
        if matches!(subtype, b"Link" | b"Popup") || flags & (2 | 32) != 0 {
            continue;
        }
        let rect = annot_rect(doc, annot);
        let Some(rect) = rect.filter(|r| !r.is_empty()) else {
            continue;
        };
        let Some(normal) = obj::get_dict(doc, annot, b"AP").and_then(|ap| ap.get(b"N").ok()) else {
            continue;
        };
        // One stream, or one per appearance state, chosen by /AS.
        let (id, stream) = match obj::deref(doc, normal) {
            Object::Stream(s) => (normal.as_reference().ok(), s),
            Object::Dictionary(states) => {
                let Some(state) = obj::get_name(doc, annot, b"AS") else {
                    continue;
                };
                let Some(entry) = states.get(state).ok() else {
                    continue;
                };
                match obj::deref(doc, entry) {
                    Object::Stream(s) => (entry.as_reference().ok(), s),
                    _ => continue,
                }
            }
            _ => continue,
        };
        out.push((id, stream, rect));
    }
    out
}

/// An annotation's `/Rect`, its corners in either order.
fn annot_rect(doc: &Document, annot: &Dictionary) -> Option<Rect> {
    let v = obj::get_array(doc, annot, b"Rect").and_then(|r| obj::nums(doc, r))?;
    let [x0, y0, x1, y1] = v[..] else {
        return None;
    };
    Some(Rect::new(x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)))
}

/// The text of visible annotations that have no appearance stream: a text
/// or choice field's value (`/V`, inherited from its parent field) and a
/// free-text annotation's `/Contents`, with the font size its `/DA` asks
/// for. Viewers and poppler build an appearance from them.
fn field_texts(doc: &Document, page: &Dictionary) -> Vec<(String, f32, Rect)> {
    let mut out = Vec::new();
    for a in obj::get_array(doc, page, b"Annots").unwrap_or(&[]) {
        let Some(annot) = obj::as_dict(doc, a) else {
            continue;
        };
        let flags = obj::get_num(doc, annot, b"F").unwrap_or(0.0) as u32;
        if flags & (2 | 32) != 0 || annot.get(b"AP").is_ok() {
            continue;
        }
        let text = match obj::get_name(doc, annot, b"Subtype") {
            Some(b"Widget") => {
                let ft = field_value(doc, annot, b"FT").and_then(|o| o.as_name().ok());
                if !matches!(ft, Some(b"Tx" | b"Ch")) {
                    continue;
                }
                field_value(doc, annot, b"V")
            }
            Some(b"FreeText") => obj::get(doc, annot, b"Contents"),
            _ => continue,
        };
        let Some(text) = text.and_then(|o| lopdf::decode_text_string(o).ok()) else {
            continue;
        };
        let rect = annot_rect(doc, annot);
        let Some(rect) = rect.filter(|r| !r.is_empty() && !text.trim().is_empty()) else {
            continue;
        };
        let da = field_value(doc, annot, b"DA").and_then(|o| o.as_str().ok());
        out.push((text, da_font_size(da.unwrap_or(b"")), rect));
    }
    out
}

/// A field's entry, inherited through `/Parent` (as `/FT`, `/V` and `/DA` are).
fn field_value<'d>(doc: &'d Document, field: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    let mut d = field;
    for _ in 0..16 {
        if let Some(v) = obj::get(doc, d, key) {
            return Some(v);
        }
        d = obj::get_dict(doc, d, b"Parent")?;
    }
    None
}

/// The font size a default-appearance string (`/Helv 12 Tf 0 g`) sets;
/// 0 (auto) and none are 10.
fn da_font_size(da: &[u8]) -> f32 {
    let words: Vec<&[u8]> = da
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let size = words
        .windows(2)
        .rev()
        .find(|w| w[1] == b"Tf")
        .and_then(|w| std::str::from_utf8(w[0]).ok()?.parse::<f32>().ok());
    size.filter(|s| *s > 0.0 && s.is_finite()).unwrap_or(10.0)
}

/// Drop a glyph drawn again over an earlier one with the same text (fake
/// bold, shadows, text drawn twice): within 0.1 em along the baseline and
/// 0.2 em across it, as poppler's text output does.
pub fn drop_overprints(page: &mut PageContent) {
    use std::collections::HashMap;
    // Glyphs by the cell of a grid they fall in, each with its text: nine
    // lookups a glyph, so the key is two integers and the hash FxHash's
    // (std's SipHash of the text as well was a tenth of a 17-page plan's
    // convert). Same text and same cell is what the old (text, cell) key
    // matched.
    // Each cell's glyphs are a chain through `kept` (the newest first): a
    // vector per cell was an allocation a glyph.
    let mut seen: HashMap<(i64, i64), u32, crate::fasthash::FastHash> =
        HashMap::with_capacity_and_hasher(page.glyphs.len(), crate::fasthash::FastHash);
    let mut kept: Vec<(&str, f32, f32, f32, u32)> = Vec::with_capacity(page.glyphs.len());
    let mut keep = Vec::with_capacity(page.glyphs.len());
    for g in &page.glyphs {
        let text = page.text_of(g);
        let (along, across) = match g.dir {
            Dir::Ltr | Dir::Rtl => (g.bbox.cx(), g.bbox.cy()),
            Dir::Ttb | Dir::Btt => (g.bbox.cy(), g.bbox.cx()),
        };
        // A twin is within a tenth of the size along and a fifth across:
        // half a cell each way, so in this glyph's cell or the neighbour
        // on the nearer side, four cells in all.
        let (cell_a, cell_c) = ((g.size * 0.2).max(0.1), (g.size * 0.4).max(0.2));
        let (fa, fc) = (along / cell_a, across / cell_c);
        let (ia, ic) = (fa.floor() as i64, fc.floor() as i64);
        let near = |i: i64, f: f32| {
            if f - (i as f32) < 0.5 {
                [i - 1, i]
            } else {
                [i, i + 1]
            }
        };
        let twin_in = |cell: (i64, i64)| {
            let mut next = seen.get(&cell).copied().unwrap_or(u32::MAX);
            while let Some(&(pt, pa, pc, size, after)) = kept.get(next as usize) {
                if pt == text
                    && (pa - along).abs() < 0.1 * size
                    && (pc - across).abs() < 0.2 * size
                    && (size - g.size).abs() < 0.01 * size.max(1.0)
                {
                    return true;
                }
                next = after;
            }
            false
        };
        let dup = !text.trim().is_empty()
            && near(ia, fa)
                .into_iter()
                .any(|a| near(ic, fc).into_iter().any(|c| twin_in((a, c))));
        keep.push(!dup);
        if !dup {
            let at = kept.len() as u32;
            let head = seen.entry((ia, ic)).or_insert(u32::MAX);
            kept.push((text, along, across, g.size, *head));
            *head = at;
        }
    }
    let mut flags = keep.into_iter();
    page.glyphs.retain(|_| flags.next().unwrap_or(true));
}

/// Turn a page whose text mostly runs down, up or upside down (content
/// placed turned on the paper) so that it reads left to right.
pub fn upright(page: &mut PageContent) {
    let mut votes = [0usize; 4];
    for g in &page.glyphs {
        let q = g.dir.quarters() + if g.vertical { 3 } else { 0 };
        votes[(q % 4) as usize] += 1;
    }
    let total: usize = votes.iter().sum();
    let (q, n) = (0..4usize)
        .map(|q| (q, votes[q]))
        .max_by_key(|v| v.1)
        .unwrap_or((0, 0));
    if q == 0 || total < 10 || n * 10 < total * 6 {
        return;
    }
    let Some(b) = page.page else { return };
    let (w, h) = (b.width(), b.height());
    // Undo q quarter turns clockwise by turning 4 - q quarters clockwise.
    let (m, display) = match q {
        1 => (
            Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, w),
            Rect::new(0.0, 0.0, h, w),
        ),
        2 => (Matrix::new(-1.0, 0.0, 0.0, -1.0, w, h), b),
        _ => (
            Matrix::new(0.0, 1.0, -1.0, 0.0, h, 0.0),
            Rect::new(0.0, 0.0, h, w),
        ),
    };
    turn_content(page, &m, 4 - q as u8);
    page.page = Some(display);
}

fn turn_content(page: &mut PageContent, m: &Matrix, quarters: u8) {
    for g in &mut page.glyphs {
        g.bbox = g.bbox.transform(m);
        (0..quarters).for_each(|_| g.dir = g.dir.turned_cw());
    }
    for s in page.segments.iter_mut().chain(&mut page.light_segments) {
        let r = Rect::new(s.x0, s.y0, s.x1, s.y1).transform(m);
        (s.x0, s.y0, s.x1, s.y1) = (r.x0, r.y0, r.x1, r.y1);
    }
    for f in &mut page.fills {
        f.bbox = f.bbox.transform(m);
        f.core = f.core.transform(m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_maps_top_left_corner() {
        let b = Rect::new(0.0, 0.0, 600.0, 800.0);
        let g = geometry_of(b, 0);
        assert_eq!(g.matrix.apply(0.0, 800.0), (0.0, 0.0));
        let g = geometry_of(b, 90);
        assert_eq!(g.display, Rect::new(0.0, 0.0, 800.0, 600.0));
        // The unrotated top-left goes to the top-right when turned clockwise.
        assert_eq!(g.matrix.apply(0.0, 800.0), (800.0, 0.0));
        let g = geometry_of(b, 180);
        assert_eq!(g.matrix.apply(0.0, 800.0), (600.0, 800.0));
        let g = geometry_of(b, 270);
        assert_eq!(g.matrix.apply(0.0, 800.0), (0.0, 600.0));
    }
}
