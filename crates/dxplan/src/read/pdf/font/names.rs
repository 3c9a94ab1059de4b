//! Glyph names and the standard single-byte encodings (WinAnsi, MacRoman,
//! Standard, Symbol), plus the marks Wingdings and ZapfDingbats draw.

use super::agl;

/// Names of the printable ASCII glyphs 0x20–0x7E, in order.
const ASCII_NAMES: [&str; 95] = [
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "grave",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
];

/// The name of printable ASCII glyph `i` (0 is the space, 94 the tilde).
pub fn ascii_name(i: usize) -> Option<&'static str> {
    ASCII_NAMES.get(i).copied()
}

/// Names of the Latin-1 glyphs 0xA0–0xFF, in order.
const LATIN1_NAMES: [&str; 96] = [
    "nbspace",
    "exclamdown",
    "cent",
    "sterling",
    "currency",
    "yen",
    "brokenbar",
    "section",
    "dieresis",
    "copyright",
    "ordfeminine",
    "guillemotleft",
    "logicalnot",
    "sfthyphen",
    "registered",
    "macron",
    "degree",
    "plusminus",
    "twosuperior",
    "threesuperior",
    "acute",
    "mu",
    "paragraph",
    "periodcentered",
    "cedilla",
    "onesuperior",
    "ordmasculine",
    "guillemotright",
    "onequarter",
    "onehalf",
    "threequarters",
    "questiondown",
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

/// Other common names (typographic punctuation, ligatures, marks, arrows).
const OTHER_NAMES: &[(&str, char)] = &[
    ("Euro", '€'),
    ("quotesinglbase", '‚'),
    ("florin", 'ƒ'),
    ("quotedblbase", '„'),
    ("ellipsis", '…'),
    ("dagger", '†'),
    ("daggerdbl", '‡'),
    ("circumflex", 'ˆ'),
    ("perthousand", '‰'),
    ("Scaron", 'Š'),
    ("guilsinglleft", '‹'),
    ("OE", 'Œ'),
    ("Zcaron", 'Ž'),
    ("quoteleft", '‘'),
    ("quoteright", '’'),
    ("quotedblleft", '“'),
    ("quotedblright", '”'),
    ("bullet", '•'),
    ("endash", '–'),
    ("emdash", '—'),
    ("tilde", '˜'),
    ("trademark", '™'),
    ("scaron", 'š'),
    ("guilsinglright", '›'),
    ("oe", 'œ'),
    ("zcaron", 'ž'),
    ("Ydieresis", 'Ÿ'),
    ("fi", 'ﬁ'),
    ("fl", 'ﬂ'),
    ("ff", 'ﬀ'),
    ("ffi", 'ﬃ'),
    ("ffl", 'ﬄ'),
    ("minus", '−'),
    ("fraction", '⁄'),
    ("dotlessi", 'ı'),
    ("Lslash", 'Ł'),
    ("lslash", 'ł'),
    ("hungarumlaut", '˝'),
    ("ogonek", '˛'),
    ("caron", 'ˇ'),
    ("breve", '˘'),
    ("dotaccent", '˙'),
    ("ring", '˚'),
    ("space", ' '),
    ("nonbreakingspace", '\u{a0}'),
    ("uni00A0", '\u{a0}'),
    ("arrowright", '→'),
    ("arrowleft", '←'),
    ("arrowup", '↑'),
    ("arrowdown", '↓'),
    ("arrowboth", '↔'),
    ("filledbox", '■'),
    ("H22073", '□'),
    ("H18543", '▪'),
    ("H18551", '▫'),
    ("filledrect", '▬'),
    ("triagup", '▲'),
    ("triagdn", '▼'),
    ("triagrt", '►'),
    ("triaglf", '◄'),
    ("lozenge", '◊'),
    ("circle", '○'),
    ("H18533", '●'),
    ("blackcircle", '●'),
    ("whitecircle", '○'),
    ("openbullet", '◦'),
    ("checkmark", '✓'),
    ("check", '✓'),
    ("heart", '♥'),
    ("spade", '♠'),
    ("club", '♣'),
    ("diamond", '♦'),
    ("star", '★'),
    ("multiply", '×'),
    ("divide", '÷'),
    ("degree", '°'),
    ("infinity", '∞'),
    ("notequal", '≠'),
    ("lessequal", '≤'),
    ("greaterequal", '≥'),
    ("approxequal", '≈'),
    ("periodcentered", '·'),
    ("middot", '·'),
    ("overscore", '¯'),
    ("afii61352", '№'),
    ("numero", '№'),
    ("copyrightsans", '©'),
    ("registersans", '®'),
    ("trademarksans", '™'),
    ("Omega", 'Ω'),
    ("Delta", '∆'),
    ("mu", 'µ'),
    ("pi", 'π'),
    ("summation", '∑'),
    ("product", '∏'),
    ("radical", '√'),
    ("integral", '∫'),
    ("partialdiff", '∂'),
    ("estimated", '℮'),
];

/// The Unicode character a glyph name stands for: the standard names,
/// `uniXXXX`, `uXXXX[XX]`, and suffixed forms such as `a.sc` or `f_i`
/// (first component only).
pub fn glyph_name_to_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    let base = base.split('_').next().unwrap_or(base);
    if base.is_empty() {
        return None;
    }
    if let Some(c) = named(base) {
        // The list gives small capitals and old-style figures (`Asmall`,
        // `zerooldstyle`) Adobe's private-use codes: read them as the
        // letter or figure they are.
        let private = ('\u{E000}'..='\u{F8FF}').contains(&c);
        let plain = ["small", "oldstyle"]
            .iter()
            .find_map(|s| base.strip_suffix(s))
            .filter(|_| private)
            .and_then(named);
        return Some(plain.unwrap_or(c));
    }
    code_point_name(base)
}

/// Whether a glyph name is a number, as some producers (Type 3 fonts
/// above all) name glyphs by their character code: `65`, `a65`, `C65`,
/// `c65`, or `G41`/`g41` in hex.
pub fn is_numeric_name(name: &[u8]) -> bool {
    numeric_name(name).is_some()
}

/// The code a numeric glyph name (see [`is_numeric_name`]) gives.
pub fn numeric_name(name: &[u8]) -> Option<u32> {
    let decimal = |d: &[u8]| -> Option<u32> {
        ((1..=4).contains(&d.len()) && d.iter().all(u8::is_ascii_digit))
            .then(|| std::str::from_utf8(d).ok()?.parse().ok())?
    };
    match name {
        [b'a' | b'A' | b'c' | b'C', rest @ ..] if rest.len() >= 2 => decimal(rest),
        [b'g' | b'G', h1, h2] if h1.is_ascii_hexdigit() && h2.is_ascii_hexdigit() => {
            u32::from_str_radix(std::str::from_utf8(&name[1..]).ok()?, 16).ok()
        }
        _ => decimal(name),
    }
}

fn named(name: &str) -> Option<char> {
    if let Some(i) = ASCII_NAMES.iter().position(|n| *n == name) {
        return char::from_u32(0x20 + i as u32);
    }
    if let Some(i) = LATIN1_NAMES.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    if let Some((_, c)) = OTHER_NAMES.iter().find(|(n, _)| *n == name) {
        return Some(*c);
    }
    // The list's `controlLF` and kin name control characters, no text.
    listed(name).filter(|c| !c.is_control())
}

/// The character the Adobe Glyph List gives `name` (binary search).
fn listed(name: &str) -> Option<char> {
    let i = crate::packed::search(agl::ENDS.len(), |i| {
        crate::packed::entry(agl::NAMES, &agl::ENDS, i).cmp(name)
    })?;
    Some(agl::CHARS[i])
}

/// `uni4E8B`, `u1F600`, and the hex forms some producers use.
fn code_point_name(name: &str) -> Option<char> {
    let hex = match name.strip_prefix("uni") {
        Some(h) => h.get(..4)?,
        None => name.strip_prefix('u')?,
    };
    if !(4..=6).contains(&hex.len()) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    char::from_u32(v).filter(|c| !c.is_control())
}

/// A single-byte base encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<Self> {
        match name {
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            _ => None,
        }
    }

    /// The character for a code, if the encoding defines one.
    pub fn char(self, code: u8) -> Option<char> {
        match self {
            BaseEncoding::WinAnsi => win_ansi(code),
            BaseEncoding::MacRoman => mac_roman(code),
            BaseEncoding::Standard => standard(code),
            BaseEncoding::Symbol => symbol(code),
            BaseEncoding::ZapfDingbats => dingbat(code),
        }
    }
}

fn decode_single(enc: &'static encoding_rs::Encoding, code: u8) -> Option<char> {
    let mut buf = [0u16; 2];
    let mut dec = enc.new_decoder_without_bom_handling();
    let (_, _, n, _) = dec.decode_to_utf16(&[code], &mut buf, true);
    (n == 1).then(|| char::from_u32(buf[0] as u32)).flatten()
}

fn win_ansi(code: u8) -> Option<char> {
    match code {
        0x20..=0x7E | 0xA0..=0xFF => Some(code as char),
        0x80..=0x9F => decode_single(encoding_rs::WINDOWS_1252, code)
            .filter(|c| !c.is_control())
            .or(Some('•')),
        _ => None,
    }
}

fn mac_roman(code: u8) -> Option<char> {
    match code {
        0x20..=0x7E => Some(code as char),
        0x80..=0xFF => decode_single(encoding_rs::MACINTOSH, code),
        _ => None,
    }
}

/// Adobe StandardEncoding's upper half, 0xA1–0xFF (`\0` = undefined).
const STANDARD_HIGH: &str = "¡¢£⁄¥ƒ§¤'“«‹›ﬁﬂ\0–†‡·\0¶•‚„”»…‰\0¿\0`´ˆ˜¯˘˙¨\0˚¸\0˝˛ˇ—\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0Æ\0ª\0\0\0\0ŁØŒº\0\0\0\0\0æ\0\0\0ı\0\0łøœß\0\0\0\0";

fn standard(code: u8) -> Option<char> {
    match code {
        0x27 => Some('’'),
        0x60 => Some('‘'),
        0x20..=0x7E => Some(code as char),
        0xA1..=0xFF => STANDARD_HIGH
            .chars()
            .nth((code - 0xA1) as usize)
            .filter(|c| *c != '\0'),
        _ => None,
    }
}

/// The Symbol font's Greek letters for A–Z and a–z.
const SYMBOL_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
const SYMBOL_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";

fn symbol(code: u8) -> Option<char> {
    let c = match code {
        0x22 => '∀',
        0x24 => '∃',
        0x27 => '∋',
        0x2A => '∗',
        0x2D => '−',
        0x40 => '≅',
        0x41..=0x5A => SYMBOL_UPPER.chars().nth((code - 0x41) as usize)?,
        0x61..=0x7A => SYMBOL_LOWER.chars().nth((code - 0x61) as usize)?,
        0x5C => '∴',
        0x5E => '⊥',
        0x7E => '∼',
        0x20..=0x7D => code as char,
        0xA3 => '≤',
        0xA5 => '∞',
        0xA7 => '♣',
        0xA8 => '♦',
        0xA9 => '♥',
        0xAA => '♠',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB3 => '≥',
        0xB4 => '×',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xBC => '…',
        0xD6 => '√',
        0xD7 => '⋅',
        0xE0 => '◊',
        _ => return None,
    };
    Some(c)
}

/// The marks of ZapfDingbats that plans use.
fn dingbat(code: u8) -> Option<char> {
    let c = match code {
        0x20 => ' ',
        0x33 => '✓',
        0x34 => '✔',
        0x35 => '✕',
        0x36 => '✖',
        0x48 => '★',
        0x6C => '●',
        0x6D => '❍',
        0x6E => '■',
        0x6F => '❏',
        0x70 => '❐',
        0x71 => '❑',
        0x72 => '❒',
        0x73 => '▲',
        0x74 => '▼',
        0x75 => '◆',
        0x76 => '❖',
        _ => return None,
    };
    Some(c)
}

/// The mark a Wingdings code (0x20–0xFF, or its U+F0xx private-use form)
/// draws, for the codes plans use.
pub fn wingdings(code: u32) -> Option<char> {
    let code = if (0xF020..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    let c = match code {
        0x6C => '●',
        0x6D => '❍',
        0x6E => '■',
        0x6F => '□',
        0x70 => '◻',
        0x71 => '❑',
        0x72 => '❒',
        0x73 => '⬧',
        0x74 => '⧫',
        0x75 => '◆',
        0x76 => '❖',
        0x77 => '⬥',
        0x9F => '•',
        0xA1 => '○',
        0xA2 => '⭕',
        0xA7 => '▪',
        0xA8 => '◻',
        0xAB => '★',
        0xE0 => '→',
        0xE8 => '➔',
        0xFB => '✗',
        0xFC => '✓',
        0xFD => '☒',
        0xFE => '☑',
        _ => return None,
    };
    Some(c)
}

/// The Symbol font's character for a U+F0xx private-use code.
pub fn symbol_pua(code: u32) -> Option<char> {
    (0xF020..=0xF0FF)
        .contains(&code)
        .then(|| symbol((code - 0xF000) as u8))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        // From the Adobe Glyph List, beyond the names kept above.
        assert_eq!(glyph_name_to_char(b"afii10017"), Some('А'));
        assert_eq!(glyph_name_to_char(b"Idotaccent"), Some('İ'));
        assert_eq!(glyph_name_to_char(b"controlLF"), None);
        assert_eq!(glyph_name_to_char(b"Asmall"), Some('A'));
        assert_eq!(glyph_name_to_char(b"zerooldstyle"), Some('0'));
        assert_eq!(glyph_name_to_char(b"A"), Some('A'));
        assert_eq!(glyph_name_to_char(b"zero"), Some('0'));
        assert_eq!(glyph_name_to_char(b"eacute"), Some('é'));
        assert_eq!(glyph_name_to_char(b"quotedblright"), Some('”'));
        assert_eq!(glyph_name_to_char(b"uni4E8B"), Some('事'));
        assert_eq!(glyph_name_to_char(b"u2000B"), Some('\u{2000B}'));
        assert_eq!(glyph_name_to_char(b"a.sc"), Some('a'));
        assert_eq!(glyph_name_to_char(b"filledbox"), Some('■'));
        assert_eq!(glyph_name_to_char(b"g123"), None);
    }

    /// Every name of the generated list is found, the first and the last
    /// included, and a name between two of them is not.
    #[test]
    fn every_listed_name_is_found() {
        let mut start = 0;
        for (k, &end) in agl::ENDS.iter().enumerate() {
            let name = crate::packed::entry(agl::NAMES, &agl::ENDS, k);
            assert_eq!(listed(name), Some(agl::CHARS[k]), "{name}");
            assert_eq!(listed(&format!("{name}0x")), None, "{name}0x");
            start = usize::from(end);
        }
        assert_eq!(start, agl::NAMES.len());
    }

    #[test]
    fn base_encodings() {
        assert_eq!(BaseEncoding::WinAnsi.char(0x80), Some('€'));
        assert_eq!(BaseEncoding::WinAnsi.char(0x93), Some('“'));
        assert_eq!(BaseEncoding::WinAnsi.char(0xE9), Some('é'));
        assert_eq!(BaseEncoding::MacRoman.char(0x8E), Some('é'));
        assert_eq!(BaseEncoding::Standard.char(0x27), Some('’'));
        assert_eq!(BaseEncoding::Standard.char(0xD0), Some('—'));
        assert_eq!(BaseEncoding::Standard.char(0xFB), Some('ß'));
        assert_eq!(BaseEncoding::Standard.char(0xE1), Some('Æ'));
        assert_eq!(BaseEncoding::Symbol.char(0x61), Some('α'));
        assert_eq!(BaseEncoding::ZapfDingbats.char(0x6E), Some('■'));
    }

    #[test]
    fn wingdings_marks() {
        assert_eq!(wingdings(0x6E), Some('■'));
        assert_eq!(wingdings(0xF06C), Some('●'));
        assert_eq!(wingdings(0x75), Some('◆'));
        assert_eq!(wingdings(0xF0FC), Some('✓'));
        assert_eq!(symbol_pua(0xF0B7), Some('•'));
    }
}
