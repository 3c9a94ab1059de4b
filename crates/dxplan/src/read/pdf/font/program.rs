//! Glyph names from embedded font programs, for fonts whose PDF dictionary
//! says nothing about text (no `ToUnicode`, no encoding dxplan reads): the
//! TrueType `post` table, the CFF charset and built-in encoding, and a
//! Type 1 font's built-in `/Encoding`. Names become characters through the
//! Adobe Glyph List (and `uniXXXX`, `uXXXXX`), as in poppler and pdf.js.

use std::collections::HashMap;

use super::names::{self, BaseEncoding};
use super::truetype;

/// What a font program's glyph names say.
#[derive(Debug, Default)]
pub struct Program {
    /// Glyph id → the character its name stands for.
    by_glyph: HashMap<u16, char>,
    /// Code → character by the program's own encoding (Type 1, CFF).
    builtin: Option<Vec<Option<char>>>,
}

impl Program {
    /// The character a glyph's name stands for.
    pub fn char_of_glyph(&self, gid: u16) -> Option<char> {
        self.by_glyph.get(&gid).copied()
    }

    /// The character a code draws by the program's built-in encoding.
    pub fn builtin_char(&self, code: u8) -> Option<char> {
        self.builtin.as_ref()?.get(code as usize).copied().flatten()
    }

    /// The names of a TrueType/OpenType program (`post`, or the `CFF `
    /// table of an OpenType font); `None` when it names no glyph.
    pub fn from_sfnt(font: &[u8]) -> Option<Program> {
        if let Some(cff) = truetype::find_table(font, b"CFF ") {
            return Program::from_cff(cff);
        }
        let post = truetype::find_table(font, b"post")?;
        let by_glyph = post_names(post)?;
        (!by_glyph.is_empty()).then_some(Program {
            by_glyph,
            builtin: None,
        })
    }

    /// The charset and encoding of a bare CFF program (`FontFile3`
    /// `Type1C`/`CIDFontType0C`). A CID-keyed program names no glyph.
    pub fn from_cff(data: &[u8]) -> Option<Program> {
        let table = ttf_parser::cff::Table::parse(data)?;
        let mut by_glyph = HashMap::new();
        for gid in 0..table.number_of_glyphs() {
            let name = table.glyph_name(ttf_parser::GlyphId(gid));
            if let Some(c) = name.and_then(|n| names::glyph_name_to_char(n.as_bytes())) {
                by_glyph.insert(gid, c);
            }
        }
        if by_glyph.is_empty() {
            return None;
        }
        let builtin = (0..=255u8)
            .map(|code| {
                let gid = table.glyph_index(code)?.0;
                (gid != 0).then(|| by_glyph.get(&gid).copied())?
            })
            .collect();
        Some(Program {
            by_glyph,
            builtin: Some(builtin),
        })
    }

    /// The built-in encoding of a Type 1 program (`FontFile`): the
    /// cleartext `/Encoding StandardEncoding def` or `dup 65 /A put` list.
    pub fn from_type1(data: &[u8]) -> Option<Program> {
        let clear = &data[..find(data, b"eexec").unwrap_or(data.len())];
        let at = find(clear, b"/Encoding")? + b"/Encoding".len();
        let rest = &clear[at..];
        let head = &rest[..rest.len().min(40)];
        let builtin: Vec<Option<char>> = if find(head, b"StandardEncoding").is_some() {
            (0..=255u8)
                .map(|c| BaseEncoding::Standard.char(c))
                .collect()
        } else {
            let mut table = vec![None; 256];
            let end = find(rest, b" def").unwrap_or(rest.len());
            let mut words = rest[..end]
                .split(|b| b.is_ascii_whitespace())
                .filter(|w| !w.is_empty());
            while let Some(w) = words.next() {
                if w != b"dup" {
                    continue;
                }
                let (Some(code), Some(name)) = (words.next(), words.next()) else {
                    break;
                };
                let code = std::str::from_utf8(code)
                    .ok()
                    .and_then(|s| s.parse::<u8>().ok());
                if let (Some(code), Some(name)) = (code, name.strip_prefix(b"/")) {
                    table[code as usize] = names::glyph_name_to_char(name);
                }
            }
            table
        };
        builtin.iter().any(Option::is_some).then(|| Program {
            by_glyph: HashMap::new(),
            builtin: Some(builtin),
        })
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Glyph id → character of a `post` table: version 1 (the standard
/// Macintosh order) or version 2 (indices into that order or own names).
fn post_names(post: &[u8]) -> Option<HashMap<u16, char>> {
    let u16_at = |at: usize| -> Option<u16> {
        Some(u16::from_be_bytes(post.get(at..at + 2)?.try_into().ok()?))
    };
    let version = u32::from_be_bytes(post.get(0..4)?.try_into().ok()?);
    let mut out = HashMap::new();
    match version {
        0x0001_0000 => {
            for gid in 0..MAC_GLYPH_COUNT as u16 {
                if let Some(c) = mac_standard_char(gid) {
                    out.insert(gid, c);
                }
            }
        }
        0x0002_0000 => {
            let n = u16_at(32)? as usize;
            let mut own: Vec<&[u8]> = Vec::new();
            let mut at = 34 + 2 * n;
            while let Some(&len) = post.get(at) {
                let Some(name) = post.get(at + 1..at + 1 + len as usize) else {
                    break;
                };
                own.push(name);
                at += 1 + len as usize;
            }
            for gid in 0..n {
                let index = u16_at(34 + 2 * gid)? as usize;
                let c = match index.checked_sub(MAC_GLYPH_COUNT) {
                    None => mac_standard_char(index as u16),
                    Some(i) => own.get(i).and_then(|n| names::glyph_name_to_char(n)),
                };
                if let Some(c) = c {
                    out.insert(gid as u16, c);
                }
            }
        }
        _ => return None,
    }
    Some(out)
}

/// The character of a glyph id in the standard Macintosh glyph order, which
/// the first 258 glyphs of the `post` table and of Windows' core TrueType
/// fonts (Arial, Times New Roman, Courier New, Verdana, …) follow.
pub fn mac_standard_char(gid: u16) -> Option<char> {
    let gid = gid as usize;
    let name = match gid {
        0..3 => MAC_FIRST[gid],
        3..98 => names::ascii_name(gid - 3)?,
        _ => MAC_AFTER_ASCII.get(gid - 98)?,
    };
    names::glyph_name_to_char(name.as_bytes())
}

/// The character of a glyph id of a Windows core TrueType font (Arial,
/// Times New Roman, Courier New, Verdana, …): the standard Macintosh order
/// without its `nonbreakingspace` (172) and `apple` (210), which those
/// fonts lack (checked against the widths of PDFs that use Arial this way).
pub fn windows_core_char(gid: u16) -> Option<char> {
    let index = match gid {
        0..172 => gid,
        172..209 => gid + 1,
        _ => gid.checked_add(2)?,
    };
    mac_standard_char(index)
}

/// The standard Macintosh glyph order (Apple's TrueType reference manual,
/// `post` table), 258 glyphs: three control glyphs, the printable ASCII
/// glyphs in order ([`names::ascii_name`]), then these 160.
const MAC_GLYPH_COUNT: usize = 258;
const MAC_FIRST: [&str; 3] = [".notdef", ".null", "nonmarkingreturn"];
const MAC_AFTER_ASCII: [&str; 160] = [
    "Adieresis",
    "Aring",
    "Ccedilla",
    "Eacute",
    "Ntilde",
    "Odieresis",
    "Udieresis",
    "aacute",
    "agrave",
    "acircumflex",
    "adieresis",
    "atilde",
    "aring",
    "ccedilla",
    "eacute",
    "egrave",
    "ecircumflex",
    "edieresis",
    "iacute",
    "igrave",
    "icircumflex",
    "idieresis",
    "ntilde",
    "oacute",
    "ograve",
    "ocircumflex",
    "odieresis",
    "otilde",
    "uacute",
    "ugrave",
    "ucircumflex",
    "udieresis",
    "dagger",
    "degree",
    "cent",
    "sterling",
    "section",
    "bullet",
    "paragraph",
    "germandbls",
    "registered",
    "copyright",
    "trademark",
    "acute",
    "dieresis",
    "notequal",
    "AE",
    "Oslash",
    "infinity",
    "plusminus",
    "lessequal",
    "greaterequal",
    "yen",
    "mu",
    "partialdiff",
    "summation",
    "product",
    "pi",
    "integral",
    "ordfeminine",
    "ordmasculine",
    "Omega",
    "ae",
    "oslash",
    "questiondown",
    "exclamdown",
    "logicalnot",
    "radical",
    "florin",
    "approxequal",
    "Delta",
    "guillemotleft",
    "guillemotright",
    "ellipsis",
    "nonbreakingspace",
    "Agrave",
    "Atilde",
    "Otilde",
    "OE",
    "oe",
    "endash",
    "emdash",
    "quotedblleft",
    "quotedblright",
    "quoteleft",
    "quoteright",
    "divide",
    "lozenge",
    "ydieresis",
    "Ydieresis",
    "fraction",
    "currency",
    "guilsinglleft",
    "guilsinglright",
    "fi",
    "fl",
    "daggerdbl",
    "periodcentered",
    "quotesinglbase",
    "quotedblbase",
    "perthousand",
    "Acircumflex",
    "Ecircumflex",
    "Aacute",
    "Edieresis",
    "Egrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Igrave",
    "Oacute",
    "Ocircumflex",
    "apple",
    "Ograve",
    "Uacute",
    "Ucircumflex",
    "Ugrave",
    "dotlessi",
    "circumflex",
    "tilde",
    "macron",
    "breve",
    "dotaccent",
    "ring",
    "cedilla",
    "hungarumlaut",
    "ogonek",
    "caron",
    "Lslash",
    "lslash",
    "Scaron",
    "scaron",
    "Zcaron",
    "zcaron",
    "brokenbar",
    "Eth",
    "eth",
    "Yacute",
    "yacute",
    "Thorn",
    "thorn",
    "minus",
    "multiply",
    "onesuperior",
    "twosuperior",
    "threesuperior",
    "onehalf",
    "onequarter",
    "threequarters",
    "franc",
    "Gbreve",
    "gbreve",
    "Idotaccent",
    "Scedilla",
    "scedilla",
    "Cacute",
    "cacute",
    "Ccaron",
    "ccaron",
    "dcroat",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_order() {
        assert_eq!(mac_standard_char(3), Some(' '));
        assert_eq!(mac_standard_char(36), Some('A'));
        assert_eq!(mac_standard_char(68), Some('a'));
        assert_eq!(mac_standard_char(0), None);
        assert_eq!(mac_standard_char(258), None);
        assert_eq!(windows_core_char(36), Some('A'));
        assert_eq!(windows_core_char(207), Some('Ó'));
        assert_eq!(windows_core_char(255), Some('đ'));
        assert_eq!(windows_core_char(256), None);
    }

    #[test]
    fn post_version_2() {
        // Three glyphs: .notdef, A (standard index 36), and an own name.
        let mut post = vec![0, 2, 0, 0];
        post.resize(32, 0);
        post.extend([0, 3, 0, 0, 0, 36, 1, 2]);
        post.extend(b"\x07uni3042");
        let names = post_names(&post).unwrap();
        assert_eq!(names.get(&1), Some(&'A'));
        assert_eq!(names.get(&2), Some(&'あ'));
        assert_eq!(names.get(&0), None);
    }

    #[test]
    fn type1_builtin_encoding() {
        let font = b"%!PS-AdobeFont-1.0\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /square put\ndup 66 /B put\ndup 67 /uni00E9 put\nreadonly def\ncurrentfile eexec\x80\x81";
        let p = Program::from_type1(font).unwrap();
        assert_eq!(p.builtin_char(65), None);
        assert_eq!(p.builtin_char(66), Some('B'));
        assert_eq!(p.builtin_char(67), Some('é'));
        let std = b"/Encoding StandardEncoding def\neexec";
        assert_eq!(
            Program::from_type1(std).unwrap().builtin_char(0x27),
            Some('’')
        );
    }
}
