//! The content-stream interpreter: graphics and text state, text showing,
//! paths and colours, form XObjects. One pass per stream.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::error::ReadError;
use crate::grid::Rgb;
use crate::model::Warning;
use crate::read::pdf::color::{ColorSpace, resolve_space};
use crate::read::pdf::content::{Dir, Fill, Glyph, PageContent, Segment};
use crate::read::pdf::font::{Font, load_font};
use crate::read::pdf::geom::{Matrix, Rect};
use crate::read::pdf::lexer::{Lexer, Operand, Operands};
use crate::read::pdf::obj;
use crate::read::pdf::stream::Budget;

/// Fonts decoded once per document, by object id.
#[derive(Debug, Default)]
pub struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
    /// Fonts given as direct dictionaries, by the dictionary's address
    /// (stable: the document is not changed while it is read).
    by_addr: HashMap<usize, Rc<Font>>,
}

impl FontCache {
    /// Fonts that met codes without text, with how many.
    pub fn unmapped(&self) -> Vec<(String, u32)> {
        let mut v: Vec<(String, u32)> = self
            .by_id
            .values()
            .filter(|f| f.unmapped.get() > 0)
            .map(|f| (f.name.clone(), f.unmapped.get()))
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Shared, per-document state the interpreter works with.
pub struct Ctx<'d, 'c> {
    pub doc: &'d Document,
    pub fonts: &'c mut FontCache,
    pub budget: &'c mut Budget,
    pub max_depth: u32,
    /// `--max-page-marks`.
    pub max_marks: u64,
    pub warnings: &'c mut Vec<Warning>,
    pub page_no: u32,
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    line_width: f32,
    fill: Rgb,
    stroke: Rgb,
    fill_cs: ColorSpace,
    stroke_cs: ColorSpace,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
    /// The clipping path's bounding box, in display space.
    clip: Rect,
    /// A clip that is not a rectangle (an arrow, a rounded bar): its id and
    /// its core (see [`Fill::core`]). What is painted inside it shows as
    /// that shape, whatever was painted: a gradient drawn as steps of
    /// rectangles, or a shading.
    shape_clip: Option<(u32, Rect)>,
}

/// Drawing this close (points) outside the clip still counts as inside.
const CLIP_SLACK: f32 = 1.0;

impl GState {
    fn new(ctm: Matrix) -> Self {
        GState {
            ctm,
            line_width: 1.0,
            fill: Rgb(0, 0, 0),
            stroke: Rgb(0, 0, 0),
            fill_cs: ColorSpace::Gray,
            stroke_cs: ColorSpace::Gray,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            clip: Rect::new(-1e9, -1e9, 1e9, 1e9),
            shape_clip: None,
        }
    }
}

/// A point of the current path; `curve` when reached by a Bézier curve.
#[derive(Debug, Clone, Copy)]
struct PathPt {
    x: f32,
    y: f32,
    curve: bool,
}

#[derive(Debug, Clone, Copy)]
struct SubPath {
    start: usize,
    closed: bool,
}

/// The interpreter for one page.
pub struct Interp<'d, 'c> {
    ctx: Ctx<'d, 'c>,
    pub out: PageContent,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    pts: Vec<PathPt>,
    subs: Vec<SubPath>,
    /// Form XObjects being drawn (for cycles and depth).
    forms: Vec<ObjectId>,
    nums: Vec<f32>,
    /// `W`/`W*` seen: the path clips once painted.
    pending_clip: bool,
    /// The points of the last path filled: a stroke that retraces it is
    /// the shape's outline (as `B` draws in one go), not a ruling line.
    last_filled: Vec<PathPt>,
    /// Shaped clips set so far (their ids).
    shape_clips: u32,
    /// The fill painted under the current shaped clip: its id and the
    /// fill's index. Further fills under the same clip join it (the steps
    /// of one gradient are one shape).
    shape_fill: Option<(u32, usize)>,
}

const MAX_STACK: usize = 256;

/// Each form XObject drawn counts as at least this many bytes against
/// `--max-total-bytes`: tiny forms drawing each other many times over (16
/// draws a level, 12 levels deep) stop after some 500 000 draws instead of
/// running for minutes.
const FORM_MIN_BYTES: u64 = 1024;

impl<'d, 'c> Interp<'d, 'c> {
    /// An interpreter whose initial matrix maps user space to the display.
    pub fn new(ctx: Ctx<'d, 'c>, page_matrix: Matrix, page: Rect) -> Self {
        Interp {
            ctx,
            out: PageContent {
                page: Some(page),
                ..PageContent::default()
            },
            gs: GState::new(page_matrix),
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            pts: Vec::new(),
            subs: Vec::new(),
            forms: Vec::new(),
            nums: Vec::new(),
            pending_clip: false,
            last_filled: Vec::new(),
            shape_clips: 0,
            shape_fill: None,
        }
    }

    /// Interpret a content stream with its resources.
    pub fn run(&mut self, content: &[u8], res: Option<&'d Dictionary>) -> Result<(), ReadError> {
        let mut lx = Lexer::new(content);
        let mut ops = Operands::default();
        while let Some(op) = lx.next_op(&mut ops) {
            self.op(op, &ops, res)?;
            self.check_marks()?;
        }
        Ok(())
    }

    /// Refuse a page that draws more than `--max-page-marks` glyphs,
    /// segments, fills and path points (text bytes count an eighth each):
    /// a few KB of compressed content could otherwise fill gigabytes.
    fn check_marks(&self) -> Result<(), ReadError> {
        let o = &self.out;
        let marks = o.glyphs.len()
            + o.segments.len()
            + o.light_segments.len()
            + o.fills.len()
            + self.pts.len()
            + o.text.len() / 8;
        if marks as u64 <= self.ctx.max_marks {
            return Ok(());
        }
        Err(ReadError::Limit {
            what: crate::msg!("limit-what-page-marks", page = self.ctx.page_no.to_string()),
            limit: self.ctx.max_marks,
            which: crate::error::Limit::PageMarks,
        })
    }

    fn op(
        &mut self,
        op: &[u8],
        ops: &Operands,
        res: Option<&'d Dictionary>,
    ) -> Result<(), ReadError> {
        match op {
            b"q" => self.save(),
            b"Q" => self.restore(),
            b"cm" => {
                if let Some(m) = Matrix::from_slice(&ops.nums::<6>()) {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            b"w" => self.gs.line_width = ops.num_back(0).abs(),
            b"gs" => self.ext_gstate(ops, res)?,
            b"Do" => self.do_xobject(ops, res)?,
            b"BI" => self.out.images += 1,
            b"sh" => self.shading(ops, res),
            _ if self.text_op(op, ops, res)? => {}
            _ if self.path_op(op, ops) => {}
            _ => self.color_op(op, ops, res),
        }
        Ok(())
    }

    fn save(&mut self) {
        if self.stack.len() < MAX_STACK {
            self.stack.push(self.gs.clone());
        }
    }

    fn restore(&mut self) {
        if let Some(g) = self.stack.pop() {
            self.gs = g;
        }
    }

    // ---- text ----

    fn text_op(
        &mut self,
        op: &[u8],
        ops: &Operands,
        res: Option<&'d Dictionary>,
    ) -> Result<bool, ReadError> {
        match op {
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"ET" | b"BMC" | b"BDC" | b"EMC" | b"MP" | b"DP" | b"d0" | b"d1" | b"BX" | b"EX" => {}
            b"Tf" => self.set_font(ops, res)?,
            b"Tc" => self.gs.char_spacing = ops.num_back(0),
            b"Tw" => self.gs.word_spacing = ops.num_back(0),
            b"Tz" => self.gs.hscale = ops.num_back(0) / 100.0,
            b"TL" => self.gs.leading = ops.num_back(0),
            b"Ts" => self.gs.rise = ops.num_back(0),
            b"Tr" => {}
            b"Td" => {
                let [x, y] = ops.nums::<2>();
                self.next_line(x, y);
            }
            b"TD" => {
                let [x, y] = ops.nums::<2>();
                self.gs.leading = -y;
                self.next_line(x, y);
            }
            b"Tm" => {
                if let Some(m) = Matrix::from_slice(&ops.nums::<6>()) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.next_line(0.0, -self.gs.leading),
            b"Tj" => self.show_last(ops),
            b"'" => {
                self.next_line(0.0, -self.gs.leading);
                self.show_last(ops);
            }
            b"\"" => {
                self.gs.word_spacing = ops.num_back(2);
                self.gs.char_spacing = ops.num_back(1);
                self.next_line(0.0, -self.gs.leading);
                self.show_last(ops);
            }
            b"TJ" => self.show_array(ops),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn next_line(&mut self, x: f32, y: f32) {
        self.tlm = Matrix::translate(x, y).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn set_font(&mut self, ops: &Operands, res: Option<&'d Dictionary>) -> Result<(), ReadError> {
        self.gs.size = ops.num_back(0);
        let Some(name) = ops.first_key() else {
            return Ok(());
        };
        let entry = res
            .and_then(|r| obj::get_dict(self.ctx.doc, r, b"Font"))
            .and_then(|fonts| fonts.get(&name).ok());
        self.gs.font = match entry {
            Some(o) => Some(self.font(o, &name)?),
            None => None,
        };
        Ok(())
    }

    /// The font an object names, from the cache or freshly loaded.
    fn font(&mut self, o: &'d Object, res_name: &[u8]) -> Result<Rc<Font>, ReadError> {
        let id = o.as_reference().ok();
        let addr = o as *const Object as usize;
        let cached = match id {
            Some(id) => self.ctx.fonts.by_id.get(&id),
            None => self.ctx.fonts.by_addr.get(&addr),
        };
        if let Some(f) = cached {
            return Ok(f.clone());
        }
        // A font object that cannot be read says nothing about its codes:
        // a composite font without any mapping, whose codes have no text.
        let mut unknown = Dictionary::new();
        unknown.set("Subtype", Object::Name(b"Type0".to_vec()));
        let found = obj::as_dict(self.ctx.doc, o);
        let mut font = load_font(self.ctx.doc, found.unwrap_or(&unknown), self.ctx.budget)?;
        if font.name.is_empty() {
            // No BaseFont (Type 3 fonts need none), or no dictionary at all
            // (an object the parser could not read): name it by its resource.
            let what = if found.is_some() {
                "a font without a name"
            } else {
                "its font object is missing or damaged"
            };
            font.name = format!("/{} ({what})", String::from_utf8_lossy(res_name));
        }
        let f = Rc::new(font);
        match id {
            Some(id) => self.ctx.fonts.by_id.insert(id, f.clone()),
            None => self.ctx.fonts.by_addr.insert(addr, f.clone()),
        };
        Ok(f)
    }

    fn show_last(&mut self, ops: &Operands) {
        if let Some(Operand::Str(s, e)) = ops
            .list
            .iter()
            .rev()
            .find(|o| matches!(o, Operand::Str(..)))
        {
            self.show(ops.str_bytes(*s, *e));
        }
    }

    fn show_array(&mut self, ops: &Operands) {
        for o in &ops.list {
            match *o {
                Operand::Str(s, e) => self.show(ops.str_bytes(s, e)),
                Operand::Num(n) => self.kern(n),
                _ => {}
            }
        }
    }

    /// A `TJ` number: move back by n/1000 em.
    fn kern(&mut self, n: f32) {
        let d = -n / 1000.0 * self.gs.size;
        let vertical = self.gs.font.as_ref().is_some_and(|f| f.vertical);
        let (tx, ty) = if vertical {
            (0.0, d)
        } else {
            (d * self.gs.hscale, 0.0)
        };
        self.tm = Matrix::translate(tx, ty).then(&self.tm);
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.font.clone() else {
            return;
        };
        let mut i = 0;
        while i < bytes.len() {
            let (code, n) = font.next_code(&bytes[i..]);
            let n = n.max(1);
            i += n;
            self.glyph(&font, code, n);
        }
    }

    /// Record one glyph and advance the text matrix.
    fn glyph(&mut self, font: &Font, code: u32, n: usize) {
        let g = &self.gs;
        let m = font.metrics(code, n);
        let trm = self.tm.then(&g.ctm);
        let size = g.size;
        let (text_box, dir) = if font.vertical {
            let x0 = -m.vx * size;
            let y0 = (font.descent - m.vy) * size + g.rise;
            (
                Rect::new(x0, y0, x0 + m.w0 * size, y0 + size),
                dir_of(&trm).turned_cw(),
            )
        } else {
            let y0 = font.descent * size + g.rise;
            (
                Rect::new(0.0, y0, m.w0 * size * g.hscale, y0 + size),
                dir_of(&trm),
            )
        };
        let bbox = text_box.transform(&trm);
        let visible = inflate(g.clip, CLIP_SLACK).contains(bbox.cx(), bbox.cy());
        let start = self.out.text.len();
        if visible && font.push_text(code, n, &mut self.out.text) {
            let len = (self.out.text.len() - start).min(u16::MAX as usize);
            self.out.glyphs.push(Glyph {
                bbox,
                size: (size * trm.scale()).abs(),
                start: start as u32,
                len: len as u16,
                dir,
                vertical: font.vertical,
            });
        }
        let spacing = g.char_spacing
            + if font.is_word_space(code, n) {
                g.word_spacing
            } else {
                0.0
            };
        let (tx, ty) = if font.vertical {
            (0.0, m.w1 * size + spacing)
        } else {
            ((m.w0 * size + spacing) * g.hscale, 0.0)
        };
        self.tm = Matrix::translate(tx, ty).then(&self.tm);
    }

    // ---- paths ----

    fn path_op(&mut self, op: &[u8], ops: &Operands) -> bool {
        match op {
            b"m" => {
                let [x, y] = ops.nums::<2>();
                self.move_to(x, y);
            }
            b"l" => {
                let [x, y] = ops.nums::<2>();
                self.line_to(x, y, false);
            }
            b"c" | b"v" | b"y" => {
                let [x, y] = ops.nums::<2>();
                self.line_to(x, y, true);
            }
            b"h" => self.close(),
            b"re" => {
                let [x, y, w, h] = ops.nums::<4>();
                self.rect(x, y, w, h);
            }
            b"S" => self.paint(false, true, false),
            b"s" => self.paint(true, true, false),
            b"f" | b"F" | b"f*" => self.paint(false, false, true),
            b"B" | b"B*" => self.paint(false, true, true),
            b"b" | b"b*" => self.paint(true, true, true),
            b"n" => self.paint(false, false, false),
            b"W" | b"W*" => self.pending_clip = true,
            b"i" | b"j" | b"J" | b"M" | b"d" | b"ri" => {}
            _ => return false,
        }
        true
    }

    fn device(&self, x: f32, y: f32) -> (f32, f32) {
        self.gs.ctm.apply(x, y)
    }

    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.device(x, y);
        self.subs.push(SubPath {
            start: self.pts.len(),
            closed: false,
        });
        self.pts.push(PathPt { x, y, curve: false });
    }

    fn line_to(&mut self, x: f32, y: f32, curve: bool) {
        if self.subs.is_empty() {
            self.move_to(x, y);
            return;
        }
        let (x, y) = self.device(x, y);
        self.pts.push(PathPt { x, y, curve });
    }

    fn close(&mut self) {
        if let Some(s) = self.subs.last_mut() {
            s.closed = true;
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.move_to(x, y);
        self.line_to(x + w, y, false);
        self.line_to(x + w, y + h, false);
        self.line_to(x, y + h, false);
        self.close();
    }

    fn paint(&mut self, close: bool, stroke: bool, fill: bool) {
        if close {
            self.close();
        }
        let clip = inflate(self.gs.clip, CLIP_SLACK);
        let art = self.is_vector_art() || (stroke && !fill && self.retraces_last_fill());
        for i in 0..self.subs.len() {
            let end = self.subs.get(i + 1).map_or(self.pts.len(), |s| s.start);
            let sub = self.subs[i];
            let pts = &self.pts[sub.start..end];
            // The outline of a filled shape (`B`, `b`) is not a ruling line.
            if stroke && !fill && !art {
                let width = self.gs.line_width * self.gs.ctm.scale();
                let out = if self.gs.stroke.is_whitish() {
                    &mut self.out.light_segments
                } else {
                    &mut self.out.segments
                };
                let from = out.len();
                stroke_segments(pts, sub.closed, width, out);
                clip_segments(out, from, &clip);
            }
            if fill && pts.len() >= 3 {
                let mut f = fill_of(pts, self.gs.fill);
                f.bbox = f.bbox.intersect(&clip);
                f.core = f.core.intersect(&clip);
                if !f.bbox.is_empty() {
                    self.push_fill(f);
                }
            }
        }
        if fill {
            self.last_filled.clone_from(&self.pts);
        }
        if self.pending_clip {
            self.pending_clip = false;
            let mut bbox = Rect::EMPTY;
            self.pts.iter().for_each(|p| bbox.add(p.x, p.y));
            self.gs.clip = self.gs.clip.intersect(&bbox);
            self.shape_clip();
        }
        self.pts.clear();
        self.subs.clear();
    }

    /// A fill onto the page; under a shaped clip it takes the clip's shape,
    /// and joins the fill already painted under that clip.
    fn push_fill(&mut self, mut f: Fill) {
        if let Some((id, core)) = self.gs.shape_clip {
            f.rect = false;
            f.core = f.core.intersect(&core);
            if let Some((_, k)) = self.shape_fill.filter(|s| s.0 == id) {
                if let Some(g) = self.out.fills.get_mut(k) {
                    g.bbox = g.bbox.union(&f.bbox);
                    g.core = if g.core.is_empty() {
                        f.core
                    } else {
                        g.core.union(&f.core)
                    };
                    return;
                }
            }
            self.shape_fill = Some((id, self.out.fills.len()));
        }
        self.out.fills.push(f);
    }

    /// After `W n`: a clip of one outline that is not a rectangle makes
    /// what is painted inside it that shape (a rectangle inside a shaped
    /// clip narrows it).
    fn shape_clip(&mut self) {
        if self.subs.len() != 1 || self.pts.len() < 3 {
            return;
        }
        let f = fill_of(&self.pts, Rgb(0, 0, 0));
        let core = match (f.rect, self.gs.shape_clip) {
            (false, None) => f.core,
            (_, Some((_, c))) => c.intersect(&f.core),
            (true, None) => return,
        };
        self.shape_clips += 1;
        self.gs.shape_clip = Some((self.shape_clips, core));
    }

    /// `sh`: a shading painted over the clip, as a fill of the clip's box
    /// (or shape) in the shading's middle colour. Without a clip it paints
    /// the whole page: a background, not read.
    fn shading(&mut self, ops: &Operands, res: Option<&'d Dictionary>) {
        let doc = self.ctx.doc;
        let clip = self.gs.clip;
        if clip.is_empty() || clip.width() > 1e8 || clip.height() > 1e8 {
            return;
        }
        let Some(name) = ops.last_key() else { return };
        let Some(sh) = res
            .and_then(|r| obj::get_dict(doc, r, b"Shading"))
            .and_then(|d| obj::get(doc, d, &name))
        else {
            return;
        };
        let color = crate::read::pdf::color::shading_color(doc, sh);
        self.push_fill(Fill {
            bbox: clip,
            color,
            rect: true,
            core: clip,
        });
    }

    /// True when the current path is the last filled one again.
    fn retraces_last_fill(&self) -> bool {
        self.pts.len() >= 3
            && self.pts.len() == self.last_filled.len()
            && self
                .pts
                .iter()
                .zip(&self.last_filled)
                .all(|(a, b)| (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01)
    }

    /// A path of several subpaths with curves is drawing (glyph outlines,
    /// logos), not ruling lines.
    fn is_vector_art(&self) -> bool {
        self.subs.len() >= 3 && self.pts.iter().any(|p| p.curve)
    }

    // ---- colours ----

    fn color_op(&mut self, op: &[u8], ops: &Operands, res: Option<&'d Dictionary>) {
        let doc = self.ctx.doc;
        match op {
            b"g" => {
                (self.gs.fill_cs, self.gs.fill) =
                    (ColorSpace::Gray, ColorSpace::Gray.rgb(&ops.nums::<1>()))
            }
            b"G" => {
                (self.gs.stroke_cs, self.gs.stroke) =
                    (ColorSpace::Gray, ColorSpace::Gray.rgb(&ops.nums::<1>()))
            }
            b"rg" => {
                (self.gs.fill_cs, self.gs.fill) =
                    (ColorSpace::Rgb, ColorSpace::Rgb.rgb(&ops.nums::<3>()))
            }
            b"RG" => {
                (self.gs.stroke_cs, self.gs.stroke) =
                    (ColorSpace::Rgb, ColorSpace::Rgb.rgb(&ops.nums::<3>()))
            }
            b"k" => {
                (self.gs.fill_cs, self.gs.fill) =
                    (ColorSpace::Cmyk, ColorSpace::Cmyk.rgb(&ops.nums::<4>()))
            }
            b"K" => {
                (self.gs.stroke_cs, self.gs.stroke) =
                    (ColorSpace::Cmyk, ColorSpace::Cmyk.rgb(&ops.nums::<4>()))
            }
            b"cs" | b"CS" => {
                let cs = ops
                    .last_name()
                    .map_or(ColorSpace::Gray, |n| resolve_space(doc, n, res));
                if op == b"cs" {
                    (self.gs.fill_cs, self.gs.fill) = (cs.clone(), cs.initial());
                } else {
                    (self.gs.stroke_cs, self.gs.stroke) = (cs.clone(), cs.initial());
                }
            }
            b"sc" | b"scn" => {
                ops.trailing_nums(&mut self.nums);
                self.gs.fill = self.gs.fill_cs.rgb(&self.nums);
                if self.gs.fill_cs == ColorSpace::Pattern {
                    if let Some(c) = pattern_color(doc, ops, res) {
                        self.gs.fill = c;
                    }
                }
            }
            b"SC" | b"SCN" => {
                ops.trailing_nums(&mut self.nums);
                self.gs.stroke = self.gs.stroke_cs.rgb(&self.nums);
            }
            _ => {}
        }
    }

    // ---- graphics state dictionaries and XObjects ----

    fn ext_gstate(&mut self, ops: &Operands, res: Option<&'d Dictionary>) -> Result<(), ReadError> {
        let doc = self.ctx.doc;
        let Some(name) = ops.last_key() else {
            return Ok(());
        };
        let Some(gs) = res
            .and_then(|r| obj::get_dict(doc, r, b"ExtGState"))
            .and_then(|d| obj::get_dict(doc, d, &name))
        else {
            return Ok(());
        };
        if let Some(lw) = obj::get_num(doc, gs, b"LW") {
            self.gs.line_width = lw.abs();
        }
        if let Some([f, s]) = obj::get_array(doc, gs, b"Font").and_then(|a| a.get(..2)) {
            self.gs.size = obj::num(obj::deref(doc, s)).unwrap_or(self.gs.size);
            self.gs.font = Some(self.font(f, &name)?);
        }
        Ok(())
    }

    fn do_xobject(&mut self, ops: &Operands, res: Option<&'d Dictionary>) -> Result<(), ReadError> {
        let doc = self.ctx.doc;
        let Some(name) = ops.last_key() else {
            return Ok(());
        };
        let Some(entry) = res
            .and_then(|r| obj::get_dict(doc, r, b"XObject"))
            .and_then(|d| d.get(&name).ok())
        else {
            return Ok(());
        };
        let Ok(stream) = obj::deref(doc, entry).as_stream() else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.out.images += 1,
            Ok(b"Form") => self.form(entry.as_reference().ok(), stream, res)?,
            _ => {}
        }
        Ok(())
    }

    fn form(
        &mut self,
        id: Option<ObjectId>,
        stream: &'d lopdf::Stream,
        res: Option<&'d Dictionary>,
    ) -> Result<(), ReadError> {
        let doc = self.ctx.doc;
        if id.is_some_and(|id| self.forms.contains(&id)) {
            self.warn(
                crate::model::WarningCode::XobjectCycle,
                crate::msg!("warning-xobject-cycle"),
            );
            return Ok(());
        }
        if self.forms.len() as u32 >= self.ctx.max_depth {
            return Err(ReadError::Limit {
                what: crate::msg!(
                    "limit-what-xobject-nesting",
                    page = self.ctx.page_no.to_string()
                ),
                limit: u64::from(self.ctx.max_depth),
                which: crate::error::Limit::XobjectDepth,
            });
        }
        let Some(content) = self.ctx.budget.decode(stream)? else {
            return Ok(());
        };
        let short = FORM_MIN_BYTES.saturating_sub(content.len() as u64);
        self.ctx.budget.charge(short)?;
        let matrix = obj::get_array(doc, &stream.dict, b"Matrix")
            .and_then(|a| obj::nums(doc, a))
            .and_then(|v| Matrix::from_slice(&v))
            .unwrap_or(Matrix::IDENTITY);
        let inner = obj::get_dict(doc, &stream.dict, b"Resources").or(res);
        let saved = (self.gs.clone(), self.stack.len(), self.tm, self.tlm);
        self.gs.ctm = matrix.then(&self.gs.ctm);
        self.forms.push(id.unwrap_or((0, 0)));
        let r = self.run(&content, inner);
        self.forms.pop();
        self.stack.truncate(saved.1);
        (self.gs, self.tm, self.tlm) = (saved.0, saved.2, saved.3);
        r
    }

    /// Draw an annotation's appearance stream, as viewers show it on the
    /// page: its bounding box, turned by its matrix, fitted to the
    /// annotation's rectangle. Only its text is kept: an appearance's
    /// borders and backgrounds are not part of the page's tables.
    pub fn annotation(
        &mut self,
        id: Option<ObjectId>,
        stream: &'d lopdf::Stream,
        rect: Rect,
        page_matrix: Matrix,
    ) -> Result<(), ReadError> {
        let doc = self.ctx.doc;
        let bbox = obj::get_array(doc, &stream.dict, b"BBox")
            .and_then(|a| obj::nums(doc, a))
            .filter(|v| v.len() == 4)
            .map(|v| Rect::new(v[0], v[1], v[2], v[3]));
        let matrix = obj::get_array(doc, &stream.dict, b"Matrix")
            .and_then(|a| obj::nums(doc, a))
            .and_then(|v| Matrix::from_slice(&v))
            .unwrap_or(Matrix::IDENTITY);
        let Some(shown) = bbox.map(|b| b.transform(&matrix)).filter(|b| !b.is_empty()) else {
            return Ok(());
        };
        let (sx, sy) = (rect.width() / shown.width(), rect.height() / shown.height());
        let fit = Matrix::new(
            sx,
            0.0,
            0.0,
            sy,
            rect.x0 - shown.x0 * sx,
            rect.y0 - shown.y0 * sy,
        );
        let (segments, fills) = (self.out.segments.len(), self.out.fills.len());
        let light = self.out.light_segments.len();
        // A fresh graphics state: the page's content may leave its own.
        let saved = std::mem::replace(&mut self.gs, GState::new(fit.then(&page_matrix)));
        let r = self.form(id, stream, None);
        self.gs = saved;
        self.out.segments.truncate(segments);
        self.out.light_segments.truncate(light);
        self.out.fills.truncate(fills);
        r
    }

    /// Lay out a field value or free text that has no appearance stream,
    /// as a viewer would: lines from the top of the rectangle, 2 pt in,
    /// half an em for narrow characters and a full em for wide ones.
    pub fn field_text(
        &mut self,
        text: &str,
        size: f32,
        rect: Rect,
        page_matrix: Matrix,
    ) -> Result<(), ReadError> {
        let size = size.min(rect.height().max(1.0));
        let mut baseline = rect.y1 - size;
        for line in text.lines() {
            let mut x = rect.x0 + 2.0;
            for c in line.chars() {
                let w = if (c as u32) < 0x1100 || ('\u{FF61}'..='\u{FF9F}').contains(&c) {
                    0.5
                } else {
                    1.0
                } * size;
                if !c.is_whitespace() && !c.is_control() {
                    let start = self.out.text.len();
                    self.out.text.push(c);
                    let bbox = Rect::new(x, baseline - 0.2 * size, x + w, baseline + 0.8 * size)
                        .transform(&page_matrix);
                    self.out.glyphs.push(Glyph {
                        bbox,
                        size: (size * page_matrix.scale()).abs(),
                        start: start as u32,
                        len: c.len_utf8() as u16,
                        dir: dir_of(&page_matrix),
                        vertical: false,
                    });
                    self.check_marks()?;
                }
                x += w;
            }
            baseline -= size * 1.2;
        }
        Ok(())
    }

    fn warn(&mut self, code: crate::model::WarningCode, message: impl Into<crate::i18n::Msg>) {
        let at = Some(format!("p.{}", self.ctx.page_no));
        if !self
            .ctx
            .warnings
            .iter()
            .any(|w| w.code == code && w.at == at)
        {
            self.ctx.warnings.push(Warning::new(code, message, at));
        }
    }
}

fn inflate(r: Rect, by: f32) -> Rect {
    Rect {
        x0: r.x0 - by,
        y0: r.y0 - by,
        x1: r.x1 + by,
        y1: r.y1 + by,
    }
}

/// Cut the segments from `from` on to the clip box; drop those outside.
fn clip_segments(segs: &mut Vec<Segment>, from: usize, clip: &Rect) {
    let mut k = from;
    for i in from..segs.len() {
        let s = segs[i];
        let r = Rect::new(s.x0, s.y0, s.x1, s.y1).intersect(clip);
        if !r.is_empty() {
            segs[k] = Segment {
                x0: r.x0,
                y0: r.y0,
                x1: r.x1,
                y1: r.y1,
                width: s.width,
            };
            k += 1;
        }
    }
    segs.truncate(k);
}

/// The display direction of a text rendering matrix's baseline.
fn dir_of(trm: &Matrix) -> Dir {
    if trm.a.abs() >= trm.b.abs() {
        if trm.a >= 0.0 { Dir::Ltr } else { Dir::Rtl }
    } else if trm.b > 0.0 {
        Dir::Ttb
    } else {
        Dir::Btt
    }
}

/// The axis-aligned straight segments of a stroked subpath.
fn stroke_segments(pts: &[PathPt], closed: bool, width: f32, out: &mut Vec<Segment>) {
    let closing = closed.then(|| (pts.last(), pts.first()));
    let pairs = pts.windows(2).map(|w| (&w[0], &w[1], w[1].curve));
    let last = closing.and_then(|(a, b)| Some((a?, b?, false)));
    for (a, b, curve) in pairs.chain(last) {
        let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
        let straight = dy <= 0.02 * dx + 0.3 || dx <= 0.02 * dy + 0.3;
        if !curve && straight && dx + dy > 0.0 {
            out.push(Segment {
                x0: a.x.min(b.x),
                y0: a.y.min(b.y),
                x1: a.x.max(b.x),
                y1: a.y.max(b.y),
                width,
            });
        }
    }
}

/// The fill of one subpath: its bounding box, and whether it is a rectangle.
fn fill_of(pts: &[PathPt], color: Rgb) -> Fill {
    let mut bbox = Rect::EMPTY;
    for p in pts {
        bbox.add(p.x, p.y);
    }
    let corners =
        if pts.len() == 5 && (pts[0].x - pts[4].x).abs() + (pts[0].y - pts[4].y).abs() < 0.01 {
            &pts[..4]
        } else {
            pts
        };
    let rect = corners.len() == 4
        && corners.iter().all(|p| !p.curve)
        && (0..4).all(|i| {
            let (a, b) = (corners[i], corners[(i + 1) % 4]);
            (a.x - b.x).abs() < 0.01 || (a.y - b.y).abs() < 0.01
        });
    let core = if rect { bbox } else { core_of(pts, &bbox) };
    Fill {
        bbox,
        color,
        rect,
        core,
    }
}

/// The colour of a shading pattern set by `/P1 scn` (a gradient fill);
/// none for a tiling pattern or a name not in the resources.
fn pattern_color(doc: &lopdf::Document, ops: &Operands, res: Option<&Dictionary>) -> Option<Rgb> {
    let name = ops.last_key()?;
    let pat = res
        .and_then(|r| obj::get_dict(doc, r, b"Pattern"))
        .and_then(|d| obj::get(doc, d, &name))
        .and_then(|p| obj::as_dict(doc, p))?;
    if obj::get_num(doc, pat, b"PatternType")? as i64 != 2 {
        return None;
    }
    let sh = obj::get(doc, pat, b"Shading")?;
    Some(crate::read::pdf::color::shading_color(doc, sh))
}

/// Samples across a shape when measuring its thickness.
const CORE_SAMPLES: usize = 64;

/// The box a closed outline covers in effect: along x without the outer
/// half of its tapering ends (see [`tapered_range`]), along y its box.
/// Schedules run along x, so only there does a point or a notch matter.
/// Curves count by their end points.
fn core_of(pts: &[PathPt], bbox: &Rect) -> Rect {
    let xy: Vec<(f32, f32)> = pts.iter().map(|p| (p.x, p.y)).collect();
    let (x0, x1) = tapered_range(&xy, bbox.x0, bbox.x1);
    Rect::new(x0, bbox.y0, x1, bbox.y1)
}

/// Along the first coordinate from `a` to `b`: the range without the
/// outer half of each tapering end. An end tapers while the cuts through
/// the shape grow longer going inwards (an arrowhead or a pentagon's point
/// up to its base, a chevron's notch); it counts up to its middle, so an
/// arrowhead reaching into a column counts for half its length.
fn tapered_range(poly: &[(f32, f32)], a: f32, b: f32) -> (f32, f32) {
    let step = (b - a) / CORE_SAMPLES as f32;
    if step.is_nan() || step <= 0.0 {
        return (a, b);
    }
    let cuts: Vec<f32> = (0..CORE_SAMPLES)
        .map(|k| thickness(poly, a + (k as f32 + 0.5) * step))
        .collect();
    let eps = 1e-3 * cuts.iter().copied().fold(0.0, f32::max);
    let widest = |order: &mut dyn Iterator<Item = usize>| {
        let mut last: Option<usize> = None;
        for k in order {
            if last.is_some_and(|l| cuts[k] <= cuts[l] + eps) {
                break;
            }
            last = Some(k);
        }
        last.unwrap_or(0)
    };
    let left = widest(&mut (0..CORE_SAMPLES));
    let right = widest(&mut (0..CORE_SAMPLES).rev());
    let at = |k: usize| a + (k as f32 + 0.5) * step;
    let x0 = if left == 0 { a } else { (a + at(left)) / 2.0 };
    let x1 = if right == CORE_SAMPLES - 1 {
        b
    } else {
        (b + at(right)) / 2.0
    };
    if x0 < x1 { (x0, x1) } else { (a, b) }
}

/// The total length inside the polygon of the cut at first coordinate `u`
/// (even-odd).
fn thickness(poly: &[(f32, f32)], u: f32) -> f32 {
    let n = poly.len();
    let mut hits: Vec<f32> = Vec::new();
    for i in 0..n {
        let (p, q) = (poly[i], poly[(i + 1) % n]);
        if (p.0 <= u) != (q.0 <= u) {
            hits.push(p.1 + (u - p.0) / (q.0 - p.0) * (q.1 - p.1));
        }
    }
    hits.sort_by(f32::total_cmp);
    hits.chunks(2)
        .filter(|c| c.len() == 2)
        .map(|c| c[1] - c[0])
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poly(pts: &[(f32, f32)]) -> Vec<PathPt> {
        pts.iter()
            .map(|&(x, y)| PathPt { x, y, curve: false })
            .collect()
    }

    fn core(pts: &[(f32, f32)]) -> Rect {
        let p = poly(pts);
        fill_of(&p, Rgb(0, 0, 0)).core
    }

    #[test]
    fn an_arrowhead_counts_for_half_its_length() {
        // Body 0..100 (y 5..15), head 100..140 (y 0..20).
        let arrow = [
            (0.0, 5.0),
            (100.0, 5.0),
            (100.0, 0.0),
            (140.0, 10.0),
            (100.0, 20.0),
            (100.0, 15.0),
            (0.0, 15.0),
        ];
        let c = core(&arrow);
        assert!(c.x0.abs() < 0.01, "{c:?}");
        assert!((c.x1 - 120.0).abs() < 2.0, "{c:?}");
    }

    #[test]
    fn a_chevrons_notch_and_point_cancel_out() {
        let chevron = [
            (0.0, 0.0),
            (80.0, 0.0),
            (100.0, 10.0),
            (80.0, 20.0),
            (0.0, 20.0),
            (20.0, 10.0),
        ];
        let c = core(&chevron);
        assert!((c.x0 - 10.0).abs() < 2.0, "{c:?}");
        assert!((c.x1 - 90.0).abs() < 2.0, "{c:?}");
    }

    #[test]
    fn a_rectangle_is_its_box() {
        let f = fill_of(
            &poly(&[(0.0, 0.0), (50.0, 0.0), (50.0, 8.0), (0.0, 8.0)]),
            Rgb(0, 0, 0),
        );
        assert!(f.rect);
        assert_eq!(f.core, f.bbox);
    }
}
