//! Building a [`Font`] from a PDF font dictionary.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Object};

use super::cjk::{Collection, Predefined, Scheme};
use super::cmap::CMap;
use super::names::{self, BaseEncoding};
use super::program::Program;
use super::std14;
use super::truetype::{self, FontCmap};
use super::{Body, CidWidths, Codes, Composite, Font, Identity, Simple};
use crate::error::ReadError;
use crate::read::pdf::obj::{self, deref, num};
use crate::read::pdf::stream::Budget;

/// Build a font from its dictionary. Whatever is missing or broken falls
/// back to defaults; only a passed limit is an error.
pub fn load_font(
    doc: &Document,
    dict: &Dictionary,
    budget: &mut Budget,
) -> Result<Font, ReadError> {
    let name = base_name(doc, dict);
    if obj::get_name(doc, dict, b"Subtype") == Some(b"Type0") {
        load_composite(doc, dict, name, budget)
    } else {
        load_simple(doc, dict, name, budget)
    }
}

/// `BaseFont` without a subset prefix such as `BAAAAA+`.
fn base_name(doc: &Document, dict: &Dictionary) -> String {
    let raw = obj::get_name(doc, dict, b"BaseFont")
        .or_else(|| obj::get_name(doc, dict, b"Name"))
        .unwrap_or(b"");
    let s = font_name_text(raw);
    match s.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 => rest.to_string(),
        _ => s,
    }
}

/// A font name as text: UTF-8, or Shift_JIS as Japanese Windows writes
/// names such as `ＭＳ明朝`, or else with the bad bytes replaced.
fn font_name_text(raw: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(raw) {
        return s.to_string();
    }
    let (sjis, bad) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(raw);
    if bad {
        String::from_utf8_lossy(raw).into_owned()
    } else {
        sjis.into_owned()
    }
}

fn descent(doc: &Document, desc: Option<&Dictionary>) -> f32 {
    let d = desc.and_then(|d| obj::get_num(doc, d, b"Descent"));
    d.map_or(-0.2, |v| (v / 1000.0).clamp(-0.5, 0.0))
}

fn to_unicode(
    doc: &Document,
    dict: &Dictionary,
    budget: &mut Budget,
) -> Result<Option<CMap>, ReadError> {
    let Some(s) = obj::get_stream(doc, dict, b"ToUnicode") else {
        return Ok(None);
    };
    Ok(budget.decode(s)?.map(|d| CMap::parse(&d)))
}

fn claims_suspicious(tu: Option<&CMap>) -> bool {
    tu.is_some_and(|m| m.all_text().any(truetype::is_suspicious))
}

/// The `cmap` of the embedded TrueType/OpenType program, if any.
fn embedded_cmap(
    doc: &Document,
    desc: Option<&Dictionary>,
    budget: &mut Budget,
) -> Result<Option<FontCmap>, ReadError> {
    let Some(desc) = desc else { return Ok(None) };
    let file = obj::get_stream(doc, desc, b"FontFile2").or_else(|| {
        obj::get_stream(doc, desc, b"FontFile3")
            .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"OpenType"))
    });
    let Some(file) = file else { return Ok(None) };
    Ok(budget.decode(file)?.and_then(|d| FontCmap::parse(&d)))
}

/// The glyph names of the embedded font program, if any: `FontFile2`
/// (TrueType `post`), `FontFile3` (CFF charset and encoding, or an OpenType
/// font's) or `FontFile` (a Type 1 font's built-in encoding).
fn font_program(
    doc: &Document,
    desc: Option<&Dictionary>,
    budget: &mut Budget,
) -> Result<Option<Program>, ReadError> {
    let Some(desc) = desc else { return Ok(None) };
    let parse: fn(&[u8]) -> Option<Program>;
    let file = if let Some(s) = obj::get_stream(doc, desc, b"FontFile2") {
        parse = Program::from_sfnt;
        s
    } else if let Some(s) = obj::get_stream(doc, desc, b"FontFile3") {
        let open_type = s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"OpenType");
        parse = if open_type {
            Program::from_sfnt
        } else {
            Program::from_cff
        };
        s
    } else if let Some(s) = obj::get_stream(doc, desc, b"FontFile") {
        parse = Program::from_type1;
        s
    } else {
        return Ok(None);
    };
    Ok(budget.decode(file)?.and_then(|d| parse(&d)))
}

/// Whether a font descriptor embeds a font program.
fn embedded(doc: &Document, desc: Option<&Dictionary>) -> bool {
    desc.is_some_and(|d| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| obj::get_stream(doc, d, k).is_some())
    })
}

// ---- simple fonts ----

/// The pieces that decide a simple font's text.
struct SimpleSource<'a> {
    to_unicode: Option<CMap>,
    base: Option<BaseEncoding>,
    differences: Vec<(u8, &'a [u8])>,
    font_cmap: Option<FontCmap>,
    /// The embedded program's glyph names and built-in encoding.
    program: Option<Program>,
    /// The program's built-in encoding comes before the default base
    /// encoding: a Type 1 font whose dictionary names no base encoding.
    builtin_first: bool,
    /// A Type 3 font: codes whose glyph names say nothing are taken as
    /// the characters (as poppler and pdf.js do).
    type3: bool,
    symbolic: bool,
    wingdings: bool,
    symbol_font: bool,
    /// Every `Differences` name is a number (`/65`, `/a65`): the numbers
    /// are the characters.
    numeric_names: bool,
}

fn load_simple(
    doc: &Document,
    dict: &Dictionary,
    name: String,
    budget: &mut Budget,
) -> Result<Font, ReadError> {
    let desc = obj::get_dict(doc, dict, b"FontDescriptor");
    let type3 = obj::get_name(doc, dict, b"Subtype") == Some(b"Type3");
    let flags = desc
        .and_then(|d| obj::get_num(doc, d, b"Flags"))
        .unwrap_or(0.0) as u32;
    let symbolic = flags & 4 != 0 && flags & 32 == 0;
    let to_unicode = to_unicode(doc, dict, budget)?;
    let (base, differences, explicit_base) = encoding(doc, dict, &name, symbolic, type3);
    let needs_cmap =
        claims_suspicious(to_unicode.as_ref()) || (to_unicode.is_none() && base.is_none());
    let font_cmap = if needs_cmap && !type3 {
        embedded_cmap(doc, desc, budget)?
    } else {
        None
    };
    let truetype = obj::get_name(doc, dict, b"Subtype") == Some(b"TrueType");
    // A Type 1 font's own encoding stands in for an encoding its dictionary
    // does not name; a TrueType program's names are a last resort.
    let builtin_first = !explicit_base && !truetype && !type3;
    let program = if !type3 && (needs_cmap || (to_unicode.is_none() && builtin_first)) {
        font_program(doc, desc, budget)?
    } else {
        None
    };
    let lower = name.to_ascii_lowercase();
    let named = || differences.iter().filter(|(_, n)| *n != b".notdef");
    let numeric_names = named().next().is_some()
        && named().all(|(_, n)| names::is_numeric_name(n))
        && named().all(|(_, n)| names::glyph_name_to_char(n).is_none());
    let src = SimpleSource {
        numeric_names,
        type3,
        builtin_first,
        program,
        to_unicode,
        base,
        differences,
        font_cmap,
        symbolic,
        wingdings: lower.contains("wingding") || lower.contains("webding"),
        symbol_font: lower.contains("symbol"),
    };
    let scale = if type3 { type3_scale(doc, dict) } else { 0.001 };
    let (text, spans) = simple_texts(&src);
    let char_of = |code: usize| {
        let (start, n) = spans[code];
        text[start as usize..start as usize + n as usize]
            .chars()
            .next()
    };
    let widths = simple_widths(doc, dict, desc, &name, type3, char_of);
    Ok(Font {
        name,
        vertical: false,
        descent: if type3 { -0.2 } else { descent(doc, desc) },
        scale,
        body: Body::Simple(Box::new(Simple {
            text,
            spans,
            widths,
        })),
        unmapped: Cell::new(0),
    })
}

fn type3_scale(doc: &Document, dict: &Dictionary) -> f32 {
    let m = obj::get_array(doc, dict, b"FontMatrix").and_then(|a| obj::nums(doc, a));
    match m.as_deref() {
        Some([a, ..]) if a.abs() > 0.0 => a.abs(),
        _ => 0.001,
    }
}

/// Codes and the glyph names `Differences` gives them.
type Differences<'a> = Vec<(u8, &'a [u8])>;

/// The base encoding and `Differences` of a simple font, and whether the
/// font names its base encoding (else it is the default one).
fn encoding<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    name: &str,
    symbolic: bool,
    type3: bool,
) -> (Option<BaseEncoding>, Differences<'a>, bool) {
    let default = default_encoding(name, symbolic, type3, dict);
    match obj::get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => {
            let base = BaseEncoding::from_name(n);
            (base.or(default), Vec::new(), base.is_some())
        }
        Some(Object::Dictionary(d)) => {
            let base = obj::get_name(doc, d, b"BaseEncoding").and_then(BaseEncoding::from_name);
            let diffs =
                obj::get_array(doc, d, b"Differences").map_or(Vec::new(), |a| differences(doc, a));
            (base.or(default), diffs, base.is_some())
        }
        _ => (default, Vec::new(), false),
    }
}

fn default_encoding(
    name: &str,
    symbolic: bool,
    type3: bool,
    dict: &Dictionary,
) -> Option<BaseEncoding> {
    let lower = name.to_ascii_lowercase();
    if lower.contains("dingbats") {
        Some(BaseEncoding::ZapfDingbats)
    } else if lower == "symbol" || lower.starts_with("symbol,") || lower.starts_with("symbol-") {
        Some(BaseEncoding::Symbol)
    } else if symbolic || type3 {
        None
    } else if dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"TrueType") {
        Some(BaseEncoding::WinAnsi)
    } else {
        Some(BaseEncoding::Standard)
    }
}

fn differences<'a>(doc: &'a Document, arr: &'a [Object]) -> Vec<(u8, &'a [u8])> {
    let mut out = Vec::new();
    let mut code: i64 = 0;
    for o in arr {
        match deref(doc, o) {
            Object::Integer(i) => code = *i,
            Object::Real(r) => code = *r as i64,
            Object::Name(n) => {
                if let Ok(c) = u8::try_from(code) {
                    out.push((c, n.as_slice()));
                }
                code += 1;
            }
            _ => {}
        }
    }
    out
}

/// Text of all 256 codes, in one string with a span per code.
fn simple_texts(src: &SimpleSource) -> (String, Vec<(u32, u8)>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(256);
    for code in 0..=255u8 {
        let start = text.len();
        simple_text(src, code, &mut text);
        let n = (text.len() - start).min(255);
        text.truncate(start + n);
        spans.push((start as u32, n as u8));
    }
    (text, spans)
}

fn simple_text(src: &SimpleSource, code: u8, out: &mut String) {
    let start = out.len();
    if let Some(tu) = &src.to_unicode
        && tu.push_text(code as u32, 1, out)
    {
        if !out[start..].chars().any(truetype::is_suspicious) {
            return;
        }
        let better = font_char(src, code)
            .filter(|c| truetype::ordinariness(*c) == 2)
            .or_else(|| {
                out[start..]
                    .chars()
                    .next()
                    .and_then(|c| symbol_mark(src, c as u32))
            });
        if let Some(c) = better {
            out.truncate(start);
            out.push(c);
            return;
        }
        if super::keep_claim(out, start) {
            return;
        }
    }
    if let Some(c) = fallback_char(src, code) {
        out.push(c);
    }
}

/// A Wingdings/Symbol mark for a code or its private-use form.
fn symbol_mark(src: &SimpleSource, code: u32) -> Option<char> {
    if src.wingdings {
        names::wingdings(code)
    } else if src.symbol_font {
        names::symbol_pua(code).or_else(|| names::symbol_pua(code + 0xF000))
    } else {
        None
    }
}

fn fallback_char(src: &SimpleSource, code: u8) -> Option<char> {
    if let Some(c) = symbol_mark(src, code as u32) {
        return Some(c);
    }
    if let Some((_, name)) = src.differences.iter().rev().find(|(c, _)| *c == code) {
        if let Some(c) = names::glyph_name_to_char(name) {
            return Some(c);
        }
        if src.numeric_names
            && let Some(c) = names::numeric_name(name).and_then(numeric_char)
        {
            return Some(c);
        }
        // A one-character name (`/0` … `/9`) is that character.
        if let [b] = name
            && b.is_ascii_graphic()
        {
            return Some(*b as char);
        }
    }
    let builtin = || src.program.as_ref()?.builtin_char(code);
    if src.builtin_first
        && let Some(c) = builtin()
    {
        return Some(c);
    }
    if let Some(c) = src.base.and_then(|b| b.char(code)) {
        return Some(c);
    }
    if let Some(c) = font_char(src, code)
        .or_else(builtin)
        .or_else(|| named_glyph(src, code))
    {
        return Some(c);
    }
    if src.type3 && code >= 0x20 {
        return BaseEncoding::WinAnsi.char(code);
    }
    if !src.symbolic || code < 0x20 {
        return None;
    }
    // A symbol font (Wingdings-like) draws private-use codes; any other
    // symbolic font without an encoding most likely uses plain codes.
    if src.font_cmap.as_ref().is_some_and(FontCmap::is_symbol) {
        char::from_u32(0xF000 + code as u32)
    } else {
        BaseEncoding::WinAnsi.char(code)
    }
}

/// The character a numeric glyph name stands for: codes up to 255 in
/// WinAnsi (what such fonts are written from), larger ones as Unicode.
fn numeric_char(n: u32) -> Option<char> {
    match u8::try_from(n) {
        Ok(b) if b >= 0x20 => BaseEncoding::WinAnsi.char(b),
        Ok(_) => None,
        Err(_) => char::from_u32(n).filter(|c| !c.is_control()),
    }
}

/// The character the name of a code's glyph in the embedded TrueType
/// program stands for (code → glyph by the `cmap`, glyph → `post` name).
fn named_glyph(src: &SimpleSource, code: u8) -> Option<char> {
    let program = src.program.as_ref()?;
    let cm = src.font_cmap.as_ref()?;
    program.char_of_glyph(cm.glyph_of_code(code)?)
}

/// The character the embedded TrueType `cmap` gives a code's glyph.
fn font_char(src: &SimpleSource, code: u8) -> Option<char> {
    let cm = src.font_cmap.as_ref()?;
    let by_encoding = || {
        let c = src.base.and_then(|b| b.char(code))?;
        cm.glyph_of_char(c)
    };
    let gid = cm.glyph_of_code(code).or_else(by_encoding)?;
    cm.char_of_glyph(gid)
}

fn simple_widths(
    doc: &Document,
    dict: &Dictionary,
    desc: Option<&Dictionary>,
    name: &str,
    type3: bool,
    char_of: impl Fn(usize) -> Option<char>,
) -> Vec<f32> {
    let missing = desc.and_then(|d| obj::get_num(doc, d, b"MissingWidth"));
    let mut w = vec![missing.unwrap_or(0.0); 256];
    let first = obj::get_num(doc, dict, b"FirstChar")
        .unwrap_or(0.0)
        .max(0.0) as usize;
    match obj::get_array(doc, dict, b"Widths") {
        Some(arr) => {
            for (i, o) in arr.iter().enumerate() {
                if let (Some(slot), Some(v)) = (w.get_mut(first + i), num(deref(doc, o))) {
                    *slot = v;
                }
            }
        }
        None if !type3 && missing.is_none() => standard_widths(&mut w, name, char_of),
        None => {}
    }
    w
}

/// Widths for the standard fonts, which need not list theirs: Adobe's
/// metrics for Helvetica (and Arial, drawn to the same widths), Times,
/// Courier, Symbol and ZapfDingbats; a rough 500 (space 250) for others.
fn standard_widths(w: &mut [f32], name: &str, char_of: impl Fn(usize) -> Option<char>) {
    let std14 = Std14::of(name);
    for (code, slot) in w.iter_mut().enumerate() {
        let known = match std14 {
            Some(f) => f.width(code as u8, char_of(code)),
            None => None,
        };
        *slot = known.unwrap_or(if code == 32 { 250.0 } else { 500.0 });
    }
}

/// The row of [`std14::FONTS`] a proportional standard font name uses.
#[cfg(test)]
pub fn std14_index(name: &str) -> Option<usize> {
    match Std14::of(name)? {
        Std14::Proportional(i) => Some(i),
        _ => None,
    }
}

/// Which standard font (or metric-compatible one) a name is.
#[derive(Debug, Clone, Copy)]
enum Std14 {
    Courier,
    /// An index into [`std14::FONTS`].
    Proportional(usize),
    Symbol,
    Dingbats,
}

impl Std14 {
    fn of(name: &str) -> Option<Std14> {
        let lower = name.to_ascii_lowercase();
        let family = if lower.contains("courier") {
            return Some(Std14::Courier);
        } else if lower.contains("dingbats") {
            return Some(Std14::Dingbats);
        } else if lower.starts_with("symbol") {
            return Some(Std14::Symbol);
        } else if lower.contains("helvetica") || lower.starts_with("arial") {
            0
        } else if lower.starts_with("times") {
            4
        } else {
            return None;
        };
        let bold = ["bold", "black", "heavy"].iter().any(|b| lower.contains(b));
        let italic = lower.contains("italic") || lower.contains("oblique");
        Some(Std14::Proportional(
            family + bold as usize + 2 * italic as usize,
        ))
    }

    fn width(self, code: u8, c: Option<char>) -> Option<f32> {
        let w = match self {
            Std14::Courier => return Some(600.0),
            Std14::Symbol => std14::SYMBOL[code as usize],
            Std14::Dingbats => std14::ZAPFDINGBATS[code as usize],
            Std14::Proportional(i) => std14_by_char().get(&c?)?[i],
        };
        (w > 0).then_some(w as f32)
    }
}

/// The standard fonts' widths by the character each glyph name stands for.
fn std14_by_char() -> &'static HashMap<char, [u16; 8]> {
    static MAP: OnceLock<HashMap<char, [u16; 8]>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for (name, w) in std14::WIDTHS {
            if let Some(c) = names::glyph_name_to_char(name.as_bytes()) {
                m.entry(c).or_insert(*w);
            }
        }
        m
    })
}

// ---- composite fonts ----

fn load_composite(
    doc: &Document,
    dict: &Dictionary,
    name: String,
    budget: &mut Budget,
) -> Result<Font, ReadError> {
    let empty = Dictionary::new();
    let cid_font = obj::get_array(doc, dict, b"DescendantFonts")
        .and_then(|a| a.first())
        .and_then(|o| obj::as_dict(doc, o))
        .unwrap_or(&empty);
    let desc = obj::get_dict(doc, cid_font, b"FontDescriptor");
    let (codes, vertical) = codes(doc, dict, budget)?;
    let to_unicode = to_unicode(doc, dict, budget)?;
    let collection = match &codes {
        Codes::Predefined(p) if p.collection.is_some() => p.collection,
        _ => ordering(doc, cid_font).and_then(Collection::from_ordering),
    }
    .or_else(|| {
        // A ToUnicode stream that only says `/Adobe-Korea1-UCS2 usecmap`.
        let used = to_unicode.as_ref()?.use_cmap.as_deref()?;
        Collection::from_ucs2_cmap(used)
    });
    let identity_named = matches!(
        obj::get(doc, dict, b"ToUnicode"),
        Some(Object::Name(n)) if n.starts_with(b"Identity")
    );
    let text_known = to_unicode.as_ref().is_some_and(CMap::has_text)
        || matches!(&codes, Codes::Predefined(p) if p.scheme != Scheme::Identity)
        || collection.is_some_and(|c| c.char_of(1).is_some())
        || identity_named;
    let needs_cmap = claims_suspicious(to_unicode.as_ref()) || !text_known;
    let (font_cmap, program) = if needs_cmap {
        (
            embedded_cmap(doc, desc, budget)?,
            font_program(doc, desc, budget)?,
        )
    } else {
        (None, None)
    };
    let widths = cid_widths(doc, cid_font);
    let identity = if identity_named {
        Identity::Unicode
    } else if needs_cmap && desc.is_some() && !embedded(doc, desc) {
        identity_guess(doc, cid_font, &name, &widths)
    } else {
        Identity::None
    };
    let composite = Composite {
        codes,
        to_unicode,
        collection,
        cid_to_gid: cid_to_gid(doc, cid_font, budget)?,
        font_cmap,
        program,
        identity,
        widths,
    };
    Ok(Font {
        name,
        vertical,
        descent: descent(doc, desc),
        scale: 0.001,
        body: Body::Composite(Box::new(composite)),
        unmapped: Cell::new(0),
    })
}

/// What the CIDs of a font that is not embedded (it has a descriptor
/// without a font file) and says nothing about text are. Widths given for
/// codes below 32, or none for the space at 32, mean glyph ids (space is
/// glyph 3 in the standard order); those are read by the standard
/// Macintosh order for the Windows core fonts that follow it, and are
/// unknown for other fonts. A width for the space at 32, or a
/// `CIDToGIDMap` stream (the CIDs are not glyph ids), means character
/// codes: read as Unicode, as poppler reads every such font. Without
/// either, nothing is known.
fn identity_guess(doc: &Document, cid_font: &Dictionary, name: &str, w: &CidWidths) -> Identity {
    let glyph_ids =
        w.w.iter().any(|r| r.0 < 32) || (!w.w.is_empty() && w.width_given(32).is_none());
    if !glyph_ids {
        let mapped = obj::get_stream(doc, cid_font, b"CIDToGIDMap").is_some();
        return if mapped || w.width_given(32).is_some() {
            Identity::Unicode
        } else {
            Identity::None
        };
    }
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let core = [
        "arial",
        "timesnewroman",
        "couriernew",
        "verdana",
        "centurygothic",
    ];
    let truetype = obj::get_name(doc, cid_font, b"Subtype") == Some(b"CIDFontType2");
    if truetype && core.iter().any(|f| key.starts_with(f)) && !key.starts_with("arialunicode") {
        Identity::StandardOrder {
            lacks_two: !key.starts_with("arialblack"),
        }
    } else {
        Identity::None
    }
}

fn ordering<'a>(doc: &'a Document, cid_font: &'a Dictionary) -> Option<&'a [u8]> {
    let info = obj::get_dict(doc, cid_font, b"CIDSystemInfo")?;
    obj::get(doc, info, b"Ordering")?.as_str().ok()
}

/// The font's encoding CMap and whether it writes vertically.
fn codes(
    doc: &Document,
    dict: &Dictionary,
    budget: &mut Budget,
) -> Result<(Codes, bool), ReadError> {
    match obj::get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => {
            let name = String::from_utf8_lossy(n);
            let (p, v) = Predefined::from_name(&name).unwrap_or((Predefined::IDENTITY, false));
            Ok((Codes::Predefined(p), v))
        }
        Some(Object::Stream(s)) => {
            let cmap = budget
                .decode(s)?
                .map(|d| CMap::parse(&d))
                .unwrap_or_default();
            Ok(embedded_codes(cmap))
        }
        _ => Ok((Codes::Predefined(Predefined::IDENTITY), false)),
    }
}

/// An embedded encoding CMap; one that only names a predefined CMap
/// (`usecmap`) becomes that predefined CMap.
fn embedded_codes(cmap: CMap) -> (Codes, bool) {
    let vertical = cmap.wmode == Some(1);
    let parent = cmap.use_cmap.as_deref().and_then(Predefined::from_name);
    match parent {
        Some((p, v)) if cmap.codespace.is_empty() => (Codes::Predefined(p), v || vertical),
        _ => (Codes::Embedded(cmap), vertical),
    }
}

fn cid_to_gid(
    doc: &Document,
    cid_font: &Dictionary,
    budget: &mut Budget,
) -> Result<Option<Vec<u16>>, ReadError> {
    let Some(s) = obj::get_stream(doc, cid_font, b"CIDToGIDMap") else {
        return Ok(None);
    };
    let Some(data) = budget.decode(s)? else {
        return Ok(None);
    };
    Ok(Some(
        data.chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect(),
    ))
}

fn cid_widths(doc: &Document, cid_font: &Dictionary) -> CidWidths {
    let dw2 = obj::get_array(doc, cid_font, b"DW2").and_then(|a| obj::nums(doc, a));
    CidWidths {
        w: obj::get_array(doc, cid_font, b"W")
            .map_or(Vec::new(), |a| w_array::<1, f32>(doc, a, |v| v[0])),
        dw: obj::get_num(doc, cid_font, b"DW").unwrap_or(1000.0),
        w2: obj::get_array(doc, cid_font, b"W2")
            .map_or(Vec::new(), |a| w_array::<3, [f32; 3]>(doc, a, |v| v)),
        dw2: match dw2.as_deref() {
            Some([vy, w1]) => [*vy, *w1],
            _ => [880.0, -1000.0],
        },
    }
}

/// Parse a `W` (N = 1) or `W2` (N = 3) array: `c [v…]` or `cfirst clast v`.
fn w_array<const N: usize, T>(
    doc: &Document,
    arr: &[Object],
    make: impl Fn([f32; N]) -> T,
) -> Vec<(u32, u32, T)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < arr.len() {
        let Some(first) = num(deref(doc, &arr[i])) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match arr.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                let vals = obj::nums(doc, list).unwrap_or_default();
                for (k, chunk) in vals.chunks_exact(N).enumerate() {
                    let c = first.saturating_add(k as u32);
                    out.push((c, c, make(chunk.try_into().expect("chunk of N"))));
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                let vals: Option<Vec<f32>> = (0..N)
                    .map(|k| arr.get(i + 2 + k).and_then(|o| num(deref(doc, o))))
                    .collect();
                if let Some(v) = vals.filter(|_| last >= first) {
                    out.push((first, last, make(v.try_into().expect("N values"))));
                }
                i += 2 + N;
            }
            None => break,
        }
    }
    out.sort_by_key(|r| r.0);
    out
}
