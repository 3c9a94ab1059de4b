//! Just enough of a TrueType/OpenType font to read its `cmap` table: which
//! glyph each character or code draws, and back.

use std::collections::HashMap;

/// The character maps of an embedded font.
#[derive(Debug, Default, Clone)]
pub struct FontCmap {
    /// Glyph id → the most ordinary Unicode character mapped to it.
    by_glyph: HashMap<u16, char>,
    /// (3,0) symbol or (1,0) Macintosh subtable: code → glyph id.
    codes: HashMap<u32, u16>,
    /// Unicode → glyph id.
    unicode: HashMap<u32, u16>,
    /// The font has a (3,0) Microsoft symbol subtable.
    symbol: bool,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

impl FontCmap {
    /// Parse the `cmap` table of a font file; `None` when there is none.
    pub fn parse(font: &[u8]) -> Option<FontCmap> {
        let table = find_table(font, b"cmap")?;
        let mut out = FontCmap::default();
        let n = u16_at(table, 2)? as usize;
        for i in 0..n.min(64) {
            let rec = 4 + i * 8;
            let (platform, encoding) = (u16_at(table, rec)?, u16_at(table, rec + 2)?);
            let sub = table.get(u32_at(table, rec + 4)? as usize..)?;
            out.add_subtable(platform, encoding, sub);
        }
        out.index_glyphs();
        Some(out)
    }

    fn add_subtable(&mut self, platform: u16, encoding: u16, sub: &[u8]) {
        let is_unicode = platform == 0 || (platform == 3 && matches!(encoding, 1 | 10));
        let is_code = encoding == 0 && (platform == 3 || platform == 1);
        self.symbol |= platform == 3 && encoding == 0;
        let target = if is_unicode {
            &mut self.unicode
        } else if is_code {
            &mut self.codes
        } else {
            return;
        };
        for_each_mapping(sub, &mut |code, gid| {
            if gid != 0 {
                target.entry(code).or_insert(gid);
            }
        });
    }

    fn index_glyphs(&mut self) {
        for (&code, &gid) in &self.unicode {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let better = match self.by_glyph.get(&gid) {
                Some(&old) => {
                    (ordinariness(c), std::cmp::Reverse(c))
                        > (ordinariness(old), std::cmp::Reverse(old))
                }
                None => true,
            };
            if better {
                self.by_glyph.insert(gid, c);
            }
        }
    }

    /// The character a glyph draws, by the font's own Unicode subtable.
    pub fn char_of_glyph(&self, gid: u16) -> Option<char> {
        self.by_glyph.get(&gid).copied()
    }

    /// The glyph a single-byte code selects in a simple TrueType font:
    /// the (3,0) subtable (at 0xF000 + code or code) or the (1,0) one.
    pub fn glyph_of_code(&self, code: u8) -> Option<u16> {
        let c = code as u32;
        self.codes
            .get(&(0xF000 + c))
            .or_else(|| self.codes.get(&c))
            .copied()
    }

    /// The glyph of a Unicode character.
    pub fn glyph_of_char(&self, c: char) -> Option<u16> {
        self.unicode.get(&(c as u32)).copied()
    }

    /// True when the font has a (3,0) symbol subtable: a symbol font.
    pub fn is_symbol(&self) -> bool {
        self.symbol
    }
}

/// How ordinary a character is as text: radicals, compatibility ideographs,
/// private-use and combining marks rank below everything else.
pub fn ordinariness(c: char) -> u8 {
    if is_suspicious(c) {
        0
    } else if matches!(c as u32, 0xF900..=0xFAFF | 0x2F800..=0x2FA1F | 0xFF00..=0xFFEF) {
        1
    } else {
        2
    }
}

/// Characters a lying `ToUnicode` map typically claims: Kangxi radicals,
/// CJK radical supplements, combining marks, private use, controls.
pub fn is_suspicious(c: char) -> bool {
    matches!(c as u32,
        0x2F00..=0x2FDF | 0x2E80..=0x2EFF | 0x0300..=0x036F | 0x3099..=0x309A
        | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0..=0x1F | 0xFFFD)
}

/// The table directory entry `tag` of an sfnt (TrueType or OpenType) file.
pub(super) fn find_table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let font = if font.starts_with(b"ttcf") {
        font.get(u32_at(font, 12)? as usize..)?
    } else {
        font
    };
    let n = u16_at(font, 4)? as usize;
    (0..n.min(256)).find_map(|i| {
        let rec = 12 + i * 16;
        if font.get(rec..rec + 4)? != tag {
            return None;
        }
        let (off, len) = (
            u32_at(font, rec + 8)? as usize,
            u32_at(font, rec + 12)? as usize,
        );
        font.get(off..off.checked_add(len)?)
            .or_else(|| font.get(off..))
    })
}

/// Call `f(code, glyph)` for every mapping of a subtable (formats 0, 4, 6, 12).
fn for_each_mapping(sub: &[u8], f: &mut dyn FnMut(u32, u16)) {
    let _ = match u16_at(sub, 0) {
        Some(0) => format0(sub, f),
        Some(4) => format4(sub, f),
        Some(6) => format6(sub, f),
        Some(12) => format12(sub, f),
        _ => None,
    };
}

fn format0(sub: &[u8], f: &mut dyn FnMut(u32, u16)) -> Option<()> {
    let gids = sub.get(6..6 + 256)?;
    for (code, &g) in gids.iter().enumerate() {
        f(code as u32, g as u16);
    }
    Some(())
}

fn format6(sub: &[u8], f: &mut dyn FnMut(u32, u16)) -> Option<()> {
    let (first, count) = (u16_at(sub, 6)? as u32, u16_at(sub, 8)? as usize);
    for i in 0..count {
        f(first + i as u32, u16_at(sub, 10 + 2 * i)?);
    }
    Some(())
}

fn format4(sub: &[u8], f: &mut dyn FnMut(u32, u16)) -> Option<()> {
    let segs = u16_at(sub, 6)? as usize / 2;
    let (ends, starts) = (14, 16 + 2 * segs);
    let (deltas, offsets) = (starts + 2 * segs, starts + 4 * segs);
    for s in 0..segs {
        let (end, start) = (u16_at(sub, ends + 2 * s)?, u16_at(sub, starts + 2 * s)?);
        let delta = u16_at(sub, deltas + 2 * s)?;
        let ro = u16_at(sub, offsets + 2 * s)? as usize;
        for c in start..=end.min(0xFFFE) {
            let gid = if ro == 0 {
                c.wrapping_add(delta)
            } else {
                let at = offsets + 2 * s + ro + 2 * (c - start) as usize;
                match u16_at(sub, at) {
                    Some(0) | None => 0,
                    Some(g) => g.wrapping_add(delta),
                }
            };
            f(c as u32, gid);
        }
    }
    Some(())
}

fn format12(sub: &[u8], f: &mut dyn FnMut(u32, u16)) -> Option<()> {
    let groups = u32_at(sub, 12)? as usize;
    for i in 0..groups.min(1 << 16) {
        let g = 16 + 12 * i;
        let (start, end, gid) = (u32_at(sub, g)?, u32_at(sub, g + 4)?, u32_at(sub, g + 8)?);
        for c in start..=end.min(start.saturating_add(0x10000)).min(0x10FFFF) {
            f(c, gid.wrapping_add(c - start) as u16);
        }
    }
    Some(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal sfnt with one `cmap` table holding a (3,1) format 4
    /// subtable for `pairs` (char, gid) and optionally a (3,0) one.
    pub fn font_with_cmap(pairs: &[(u16, u16)], symbol: &[(u16, u16)]) -> Vec<u8> {
        let subs: Vec<(u16, Vec<u8>)> = [(1u16, pairs), (0u16, symbol)]
            .into_iter()
            .filter(|(_, p)| !p.is_empty())
            .map(|(enc, p)| (enc, format4_bytes(p)))
            .collect();
        let mut cmap = vec![0, 0];
        cmap.extend((subs.len() as u16).to_be_bytes());
        let mut off = 4 + 8 * subs.len();
        for (enc, s) in &subs {
            cmap.extend(3u16.to_be_bytes());
            cmap.extend(enc.to_be_bytes());
            cmap.extend((off as u32).to_be_bytes());
            off += s.len();
        }
        for (_, s) in &subs {
            cmap.extend(s);
        }
        let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        font.extend(b"cmap");
        font.extend([0; 4]);
        font.extend(28u32.to_be_bytes());
        font.extend((cmap.len() as u32).to_be_bytes());
        font.extend(cmap);
        font
    }

    /// Format 4 with one segment per pair plus the final 0xFFFF segment.
    fn format4_bytes(pairs: &[(u16, u16)]) -> Vec<u8> {
        let mut p = pairs.to_vec();
        p.sort();
        let segs = p.len() + 1;
        let mut v = vec![0, 4, 0, 0, 0, 0];
        v.extend(((segs * 2) as u16).to_be_bytes());
        v.extend([0; 6]);
        let ends: Vec<u16> = p.iter().map(|x| x.0).chain([0xFFFF]).collect();
        let deltas: Vec<u16> = p.iter().map(|x| x.1.wrapping_sub(x.0)).chain([1]).collect();
        ends.iter().for_each(|e| v.extend(e.to_be_bytes()));
        v.extend([0, 0]);
        ends.iter().for_each(|s| v.extend(s.to_be_bytes()));
        deltas.iter().for_each(|d| v.extend(d.to_be_bytes()));
        (0..segs).for_each(|_| v.extend([0, 0]));
        v
    }

    #[test]
    fn reverse_map_prefers_ordinary_characters() {
        // 0x2F00 (Kangxi ⼀) and 0x4E00 (一) share glyph 7.
        let font = font_with_cmap(&[(0x2F00, 7), (0x4E00, 7), (0x41, 3)], &[]);
        let cm = FontCmap::parse(&font).unwrap();
        assert_eq!(cm.char_of_glyph(7), Some('一'));
        assert_eq!(cm.char_of_glyph(3), Some('A'));
        assert_eq!(cm.glyph_of_char('A'), Some(3));
        assert_eq!(cm.char_of_glyph(9), None);
    }

    #[test]
    fn symbol_subtable_codes() {
        let font = font_with_cmap(&[], &[(0xF06E, 5)]);
        let cm = FontCmap::parse(&font).unwrap();
        assert_eq!(cm.glyph_of_code(0x6E), Some(5));
        assert!(cm.is_symbol());
    }
}
