//! Fonts: splitting shown strings into codes, glyph advances, and the
//! Unicode text of each code.
//!
//! Text comes from, in order: the `ToUnicode` map (unless it claims a
//! radical, private-use or combining character that the embedded font's own
//! `cmap` contradicts), the predefined CMap (UCS-2, UTF-16, Shift_JIS),
//! Adobe-Japan1 CIDs, the simple encoding with `Differences`, and finally the
//! embedded font's `cmap`. Wingdings, Symbol and ZapfDingbats codes become
//! the marks they draw.

#[rustfmt::skip]
mod agl;
pub mod cjk;
pub mod cmap;
pub(crate) mod load;
pub mod names;
pub mod program;
#[rustfmt::skip]
mod std14;
pub mod truetype;

use std::cell::Cell;

use cjk::{Collection, Predefined};
use cmap::{CMap, CodeSpace};
use truetype::FontCmap;

pub use load::load_font;

/// Glyph metrics of one code, in text-space units per unit of font size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Horizontal advance.
    pub w0: f32,
    /// Vertical advance (negative: downwards).
    pub w1: f32,
    /// Position vector for vertical writing.
    pub vx: f32,
    pub vy: f32,
}

/// A font ready for decoding shown strings.
#[derive(Debug)]
pub struct Font {
    /// `BaseFont` without the subset prefix.
    pub name: String,
    pub vertical: bool,
    /// Descent below the baseline in em (≤ 0).
    pub descent: f32,
    /// Glyph units → text space (0.001, or a Type 3 font's matrix).
    scale: f32,
    body: Body,
    /// How many shown codes had no text.
    pub unmapped: Cell<u32>,
}

#[derive(Debug)]
enum Body {
    Simple(Box<Simple>),
    Composite(Box<Composite>),
}

/// A single-byte font: text and width of each of the 256 codes.
#[derive(Debug)]
struct Simple {
    text: String,
    spans: Vec<(u32, u8)>,
    widths: Vec<f32>,
}

/// How a composite font's codes are split and turned into CIDs.
#[derive(Debug)]
enum Codes {
    Predefined(Predefined),
    Embedded(CMap),
}

#[derive(Debug)]
struct Composite {
    codes: Codes,
    to_unicode: Option<CMap>,
    /// The collection the CIDs belong to, when known.
    collection: Option<Collection>,
    /// CID → glyph id; `None` for Identity.
    cid_to_gid: Option<Vec<u16>>,
    font_cmap: Option<FontCmap>,
    /// The embedded program's glyph names.
    program: Option<program::Program>,
    /// What the codes are when nothing else says.
    identity: Identity,
    widths: CidWidths,
}

/// The last resort of a composite font without text: what its CIDs are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Identity {
    /// Unknown: such codes have no text.
    None,
    /// Unicode code points (`/ToUnicode /Identity-H`, or a font that is not
    /// embedded whose widths are given by character code or whose CIDs are
    /// mapped to glyphs), as poppler reads every Adobe-Identity font
    /// without `ToUnicode`.
    Unicode,
    /// Glyph ids of a Windows core TrueType font that is not embedded
    /// (Arial, Times New Roman, …), whose first 256 glyphs follow the
    /// standard Macintosh order, less two glyphs (see
    /// [`program::windows_core_char`]) or, in Arial Black, complete.
    StandardOrder { lacks_two: bool },
}

/// `W`/`DW` and `W2`/`DW2` of a CID font, in glyph units.
#[derive(Debug, Default)]
struct CidWidths {
    w: Vec<(u32, u32, f32)>,
    dw: f32,
    w2: Vec<(u32, u32, [f32; 3])>,
    dw2: [f32; 2],
}

impl CidWidths {
    fn width(&self, cid: u32) -> f32 {
        find_range(&self.w, cid).copied().unwrap_or(self.dw)
    }

    /// The width `W` gives a CID, if it gives one.
    fn width_given(&self, cid: u32) -> Option<f32> {
        find_range(&self.w, cid).copied()
    }

    /// (w1, vx, vy) for vertical writing.
    fn vertical(&self, cid: u32, w0: f32) -> (f32, f32, f32) {
        match find_range(&self.w2, cid) {
            Some([w1, vx, vy]) => (*w1, *vx, *vy),
            None => (self.dw2[1], w0 / 2.0, self.dw2[0]),
        }
    }
}

/// The value of the sorted range containing `key`.
fn find_range<T>(ranges: &[(u32, u32, T)], key: u32) -> Option<&T> {
    let i = ranges.partition_point(|r| r.0 <= key);
    let r = &ranges[i.checked_sub(1)?];
    (key <= r.1).then_some(&r.2)
}

impl Font {
    /// The next code of a shown string and how many bytes it takes.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match &self.body {
            Body::Simple(_) => (bytes[0] as u32, 1),
            Body::Composite(c) => match &c.codes {
                Codes::Predefined(p) => p.next_code(bytes),
                Codes::Embedded(m) if !m.codespace.is_empty() => m.codespace.next_code(bytes),
                Codes::Embedded(_) => CodeSpace::fixed(2).next_code(bytes),
            },
        }
    }

    /// True when a code is the single-byte space that word spacing widens.
    pub fn is_word_space(&self, code: u32, len: usize) -> bool {
        code == 32 && len == 1
    }

    /// Advances of a code.
    pub fn metrics(&self, code: u32, len: usize) -> Metrics {
        match &self.body {
            Body::Simple(s) => {
                let w0 = s.widths[(code & 0xFF) as usize] * self.scale;
                Metrics {
                    w0,
                    w1: -1.0,
                    vx: w0 / 2.0,
                    vy: 0.88,
                }
            }
            Body::Composite(c) => {
                let cid = c.cid(code, len).unwrap_or(0);
                let w0 = c.widths.width(cid);
                let (w1, vx, vy) = c.widths.vertical(cid, w0);
                Metrics {
                    w0: w0 * self.scale,
                    w1: w1 * self.scale,
                    vx: vx * self.scale,
                    vy: vy * self.scale,
                }
            }
        }
    }

    /// Append the text of a code; `false` (and nothing appended) when the
    /// font has none.
    pub fn push_text(&self, code: u32, len: usize, out: &mut String) -> bool {
        let ok = match &self.body {
            Body::Simple(s) => {
                let (start, n) = s.spans[(code & 0xFF) as usize];
                out.push_str(&s.text[start as usize..start as usize + n as usize]);
                n > 0
            }
            Body::Composite(c) => c.push_text(code, len, out),
        };
        if !ok {
            self.unmapped.set(self.unmapped.get() + 1);
        }
        ok
    }
}

impl Composite {
    fn cid(&self, code: u32, len: usize) -> Option<u32> {
        match &self.codes {
            Codes::Predefined(p) => p.cid(code, len),
            Codes::Embedded(m) => m.cid(code, len).or(Some(code)),
        }
    }

    fn gid(&self, code: u32, len: usize) -> Option<u16> {
        let cid = self.cid(code, len)?;
        match &self.cid_to_gid {
            Some(map) => map.get(cid as usize).copied(),
            None => u16::try_from(cid).ok(),
        }
    }

    /// The character the embedded font's `cmap` gives the code's glyph.
    fn font_char(&self, code: u32, len: usize) -> Option<char> {
        self.font_cmap.as_ref()?.char_of_glyph(self.gid(code, len)?)
    }

    fn push_text(&self, code: u32, len: usize, out: &mut String) -> bool {
        let start = out.len();
        if let Some(tu) = &self.to_unicode
            && tu.push_text(code, len, out)
        {
            let claimed = &out[start..];
            if !claimed.chars().any(truetype::is_suspicious) {
                return true;
            }
            if let Some(c) = self
                .font_char(code, len)
                .filter(|c| truetype::ordinariness(*c) == 2)
            {
                out.truncate(start);
                out.push(c);
                return true;
            }
            if keep_claim(out, start) {
                return true;
            }
        }
        if let Some(c) = self.fallback_char(code, len) {
            out.push(c);
            return true;
        }
        false
    }

    fn fallback_char(&self, code: u32, len: usize) -> Option<char> {
        if let Codes::Predefined(p) = &self.codes
            && let Some(c) = p.char(code, len)
        {
            return Some(c);
        }
        if let Some(coll) = self.collection
            && let Some(c) = self.cid(code, len).and_then(|cid| coll.char_of(cid))
        {
            return Some(c);
        }
        if let Some(c) = self.font_char(code, len) {
            return Some(c);
        }
        if let Some(p) = &self.program
            && let Some(c) = self.gid(code, len).and_then(|g| p.char_of_glyph(g))
        {
            return Some(c);
        }
        match self.identity {
            Identity::None => None,
            Identity::Unicode => char::from_u32(self.cid(code, len)?).filter(|c| !c.is_control()),
            Identity::StandardOrder { lacks_two } => {
                let gid = self.gid(code, len)?;
                if lacks_two {
                    program::windows_core_char(gid)
                } else {
                    program::mac_standard_char(gid)
                }
            }
        }
    }
}

/// Keep what a `ToUnicode` map claimed (from `start`) unless it is only
/// control characters; returns whether anything was kept.
fn keep_claim(out: &mut String, start: usize) -> bool {
    if out[start..]
        .chars()
        .all(|c| c.is_control() || c == '\u{FFFD}')
    {
        out.truncate(start);
        return false;
    }
    true
}

#[cfg(test)]
mod tests;
