//! What the interpreter gets out of a page: glyphs with their text, ruling
//! candidates (stroked segments) and fills, in display coordinates (points,
//! origin top-left of the displayed page, y downwards).

use crate::grid::Rgb;
use crate::read::pdf::geom::Rect;

/// The direction a glyph's baseline runs on the displayed page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Left to right (ordinary horizontal text).
    Ltr,
    /// Top to bottom (vertical writing, or text turned 90° clockwise).
    Ttb,
    /// Bottom to top (text turned 90° anticlockwise).
    Btt,
    /// Right to left (upside-down text).
    Rtl,
}

impl Dir {
    /// The direction after turning the page a quarter clockwise.
    pub fn turned_cw(self) -> Dir {
        match self {
            Dir::Ltr => Dir::Ttb,
            Dir::Ttb => Dir::Rtl,
            Dir::Rtl => Dir::Btt,
            Dir::Btt => Dir::Ltr,
        }
    }

    /// Quarter turns clockwise from left-to-right.
    pub fn quarters(self) -> u8 {
        match self {
            Dir::Ltr => 0,
            Dir::Ttb => 1,
            Dir::Rtl => 2,
            Dir::Btt => 3,
        }
    }
}

/// One drawn glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub bbox: Rect,
    /// Font size on the page, in points.
    pub size: f32,
    /// Byte range of its text in [`PageContent::text`].
    pub start: u32,
    pub len: u16,
    pub dir: Dir,
    /// Drawn by a vertical-writing font (its `dir` is a quarter turn
    /// clockwise from its text matrix's baseline).
    pub vertical: bool,
}

/// An axis-aligned stroked line segment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// Line width on the page, in points.
    pub width: f32,
}

/// A filled area: its bounding box and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    pub bbox: Rect,
    pub color: Rgb,
    /// True for an axis-aligned rectangle (not a curve or polygon).
    pub rect: bool,
    /// What the shape covers in effect: for a rectangle its box; for an
    /// arrow, chevron, pentagon or rounded bar its box without the outer
    /// half of its pointed or notched ends along x (an arrowhead counts for
    /// half its length, a chevron's notch and point cancel out).
    pub core: Rect,
}

#[cfg(test)]
impl Fill {
    /// A rectangle filled with a colour.
    pub fn rect(bbox: Rect, color: Rgb) -> Self {
        Fill {
            bbox,
            color,
            rect: true,
            core: bbox,
        }
    }
}

/// Everything read from one page.
#[derive(Debug, Clone, Default)]
pub struct PageContent {
    /// The displayed page box (`[0, 0, width, height]`).
    pub page: Option<Rect>,
    pub glyphs: Vec<Glyph>,
    /// The text of all glyphs, back to back.
    pub text: String,
    pub segments: Vec<Segment>,
    /// Stroked white segments: invisible on paper, but a cell edge where
    /// they run between filled cells (a slide table's white borders).
    pub light_segments: Vec<Segment>,
    pub fills: Vec<Fill>,
    /// Images drawn (XObjects and inline).
    pub images: u32,
}

impl PageContent {
    /// The text of a glyph.
    pub fn text_of(&self, g: &Glyph) -> &str {
        &self.text[g.start as usize..g.start as usize + g.len as usize]
    }
}
