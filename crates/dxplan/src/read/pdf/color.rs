//! Colour spaces, reduced to what tables need: an RGB value per fill.

use lopdf::{Dictionary, Document, Object};

use crate::grid::Rgb;
use crate::read::pdf::obj;

/// A colour space, as far as turning components into RGB goes.
#[derive(Debug, Clone, PartialEq)]
pub enum ColorSpace {
    Gray,
    Rgb,
    Cmyk,
    /// A spot colour or DeviceN: one tint, drawn as grey.
    Tint,
    /// A palette of RGB colours.
    Indexed(Vec<Rgb>),
    /// Patterns and shadings: a mid grey stands in.
    Pattern,
}

fn unit(v: f32) -> u8 {
    (v.clamp(0.0, 1.0) * 255.0).round() as u8
}

impl ColorSpace {
    /// The colour a space starts with after `cs`.
    pub fn initial(&self) -> Rgb {
        match self {
            ColorSpace::Cmyk | ColorSpace::Gray | ColorSpace::Rgb | ColorSpace::Tint => {
                self.rgb(&[0.0, 0.0, 0.0, 1.0][..self.components()])
            }
            ColorSpace::Indexed(p) => p.first().copied().unwrap_or(Rgb(0, 0, 0)),
            ColorSpace::Pattern => Rgb(128, 128, 128),
        }
    }

    fn components(&self) -> usize {
        match self {
            ColorSpace::Rgb => 3,
            ColorSpace::Cmyk => 4,
            _ => 1,
        }
    }

    /// RGB of the components given; a count that does not fit the space is
    /// read by its length (1 grey, 3 RGB, 4 CMYK).
    pub fn rgb(&self, c: &[f32]) -> Rgb {
        match (self, c.len()) {
            (ColorSpace::Pattern, _) => Rgb(128, 128, 128),
            (ColorSpace::Indexed(p), _) => {
                let i = c.first().copied().unwrap_or(0.0).max(0.0) as usize;
                p.get(i).or(p.last()).copied().unwrap_or(Rgb(0, 0, 0))
            }
            (ColorSpace::Tint, 1) => {
                let g = unit(1.0 - c[0]);
                Rgb(g, g, g)
            }
            (_, 1) => Rgb(unit(c[0]), unit(c[0]), unit(c[0])),
            (_, 3) => Rgb(unit(c[0]), unit(c[1]), unit(c[2])),
            (_, 4) => {
                let k = 1.0 - c[3].clamp(0.0, 1.0);
                let ch = |v: f32| unit((1.0 - v.clamp(0.0, 1.0)) * k);
                Rgb(ch(c[0]), ch(c[1]), ch(c[2]))
            }
            _ => Rgb(0, 0, 0),
        }
    }
}

/// The colour space a `cs`/`CS` name stands for: a device space, or one
/// named in the resources.
pub fn resolve_space(doc: &Document, name: &[u8], res: Option<&Dictionary>) -> ColorSpace {
    if let Some(cs) = device_space(name) {
        return cs;
    }
    let named = res
        .and_then(|r| obj::get_dict(doc, r, b"ColorSpace"))
        .and_then(|d| obj::get(doc, d, name));
    named.map_or(ColorSpace::Gray, |o| space_of(doc, o, 0))
}

fn device_space(name: &[u8]) -> Option<ColorSpace> {
    match name {
        b"DeviceGray" | b"G" | b"CalGray" => Some(ColorSpace::Gray),
        b"DeviceRGB" | b"RGB" | b"CalRGB" | b"Lab" => Some(ColorSpace::Rgb),
        b"DeviceCMYK" | b"CMYK" => Some(ColorSpace::Cmyk),
        b"Pattern" => Some(ColorSpace::Pattern),
        _ => None,
    }
}

fn space_of(doc: &Document, o: &Object, depth: u32) -> ColorSpace {
    match obj::deref(doc, o) {
        Object::Name(n) => device_space(n).unwrap_or(ColorSpace::Gray),
        Object::Array(a) if depth < 4 => array_space(doc, a, depth),
        _ => ColorSpace::Gray,
    }
}

fn array_space(doc: &Document, a: &[Object], depth: u32) -> ColorSpace {
    let family = a
        .first()
        .and_then(|o| obj::deref(doc, o).as_name().ok())
        .unwrap_or(b"");
    match family {
        b"ICCBased" => {
            let n = a
                .get(1)
                .and_then(|s| obj::deref(doc, s).as_stream().ok())
                .and_then(|s| obj::get_num(doc, &s.dict, b"N"));
            match n.map(|n| n as u32) {
                Some(3) => ColorSpace::Rgb,
                Some(4) => ColorSpace::Cmyk,
                _ => ColorSpace::Gray,
            }
        }
        b"Indexed" | b"I" => indexed(doc, a, depth),
        b"Separation" | b"DeviceN" => ColorSpace::Tint,
        b"Pattern" => ColorSpace::Pattern,
        _ => device_space(family).unwrap_or(ColorSpace::Gray),
    }
}

/// `[/Indexed base hival lookup]` with the lookup as a string or stream.
fn indexed(doc: &Document, a: &[Object], depth: u32) -> ColorSpace {
    let base = a
        .get(1)
        .map_or(ColorSpace::Rgb, |b| space_of(doc, b, depth + 1));
    let n = base.components();
    let lookup: Vec<u8> = match a.get(3).map(|o| obj::deref(doc, o)) {
        Some(Object::String(s, _)) => s.clone(),
        Some(Object::Stream(s)) => s
            .decompressed_content_with_limit(1 << 16)
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let palette = lookup
        .chunks_exact(n)
        .map(|c| {
            let v: Vec<f32> = c.iter().map(|b| *b as f32 / 255.0).collect();
            base.rgb(&v)
        })
        .collect();
    ColorSpace::Indexed(palette)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_to_rgb() {
        assert_eq!(ColorSpace::Gray.rgb(&[1.0]), Rgb(255, 255, 255));
        assert_eq!(
            ColorSpace::Rgb.rgb(&[0.2666, 0.447, 0.7686]),
            Rgb(68, 114, 196)
        );
        assert_eq!(ColorSpace::Cmyk.rgb(&[0.0, 0.0, 0.0, 1.0]), Rgb(0, 0, 0));
        assert_eq!(
            ColorSpace::Cmyk.rgb(&[1.0, 0.0, 0.0, 0.0]),
            Rgb(0, 255, 255)
        );
        assert_eq!(ColorSpace::Tint.rgb(&[1.0]), Rgb(0, 0, 0));
        assert_eq!(ColorSpace::Pattern.rgb(&[]), Rgb(128, 128, 128));
        let pal = ColorSpace::Indexed(vec![Rgb(1, 2, 3), Rgb(4, 5, 6)]);
        assert_eq!(pal.rgb(&[1.0]), Rgb(4, 5, 6));
    }
}
