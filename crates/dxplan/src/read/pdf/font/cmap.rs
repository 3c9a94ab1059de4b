//! CMaps embedded in a PDF: `ToUnicode` maps (bfchar/bfrange, the array
//! form included) and CID-keyed encodings (cidchar/cidrange), with their
//! codespace ranges for splitting a string into codes.

use crate::read::pdf::font::names;
use crate::read::pdf::lexer::{Lexer, Operand, Operands};

/// One codespace range: codes of `len` bytes whose every byte lies between
/// the corresponding bytes of `lo` and `hi`.
#[derive(Debug, Clone, PartialEq)]
struct CsRange {
    len: u8,
    lo: [u8; 4],
    hi: [u8; 4],
}

/// How strings split into codes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CodeSpace {
    ranges: Vec<CsRange>,
}

impl CodeSpace {
    /// A codespace of fixed-length codes (`<00> <FF>` or `<0000> <FFFF>`).
    pub fn fixed(len: u8) -> Self {
        CodeSpace {
            ranges: vec![CsRange {
                len,
                lo: [0; 4],
                hi: [0xFF; 4],
            }],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    fn add(&mut self, lo: &[u8], hi: &[u8]) {
        if lo.len() != hi.len() || lo.is_empty() || lo.len() > 4 {
            return;
        }
        let mut r = CsRange {
            len: lo.len() as u8,
            lo: [0; 4],
            hi: [0; 4],
        };
        r.lo[..lo.len()].copy_from_slice(lo);
        r.hi[..hi.len()].copy_from_slice(hi);
        self.ranges.push(r);
    }

    /// The first code of `bytes` and how many bytes it takes. Bytes that fit
    /// no range are taken as one code of the shortest range's length.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        for n in 1..=4usize.min(bytes.len()) {
            let fits = self.ranges.iter().any(|r| {
                r.len as usize == n && (0..n).all(|i| r.lo[i] <= bytes[i] && bytes[i] <= r.hi[i])
            });
            if fits {
                return (be(&bytes[..n]), n);
            }
        }
        let n = self
            .ranges
            .iter()
            .map(|r| r.len as usize)
            .min()
            .unwrap_or(1);
        let n = n.clamp(1, bytes.len().max(1));
        (be(&bytes[..n.min(bytes.len())]), n)
    }
}

/// Big-endian integer of up to four bytes.
pub fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |v, &b| v << 8 | b as u32)
}

/// What a code maps to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Dst {
    /// A CID; a range adds the code's offset.
    Cid(u32),
    /// Characters `text[start..start+n]`; a range adds the offset to the last.
    Text { start: u32, n: u16 },
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    len: u8,
    lo: u32,
    hi: u32,
    dst: Dst,
}

/// A parsed CMap.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CMap {
    pub codespace: CodeSpace,
    entries: Vec<Entry>,
    text: Vec<char>,
    /// The name given to `usecmap`, if any.
    pub use_cmap: Option<String>,
    /// `/WMode 1` means vertical writing.
    pub wmode: Option<u8>,
}

impl CMap {
    /// Parse CMap text; whatever cannot be read is skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer::new(data);
        let mut ops = Operands::default();
        while let Some(op) = lx.next_op(&mut ops) {
            cmap.operator(op, &ops);
        }
        cmap.entries.sort_by_key(|e| (e.len, e.lo));
        cmap
    }

    fn operator(&mut self, op: &[u8], ops: &Operands) {
        match op {
            b"endcodespacerange" => self.codespace_ranges(ops),
            b"endbfchar" => self.bf_chars(ops),
            b"endbfrange" => self.bf_ranges(ops),
            b"endcidchar" => self.cid_chars(ops),
            b"endcidrange" => self.cid_ranges(ops),
            b"usecmap" => {
                self.use_cmap = ops
                    .last_name()
                    .map(|n| String::from_utf8_lossy(n).into_owned());
            }
            b"def" if ops.first_name() == Some(b"WMode") => {
                self.wmode = Some(ops.num_back(0) as u8);
            }
            _ => {}
        }
    }

    fn codespace_ranges(&mut self, ops: &Operands) {
        for pair in ops.list.chunks(2) {
            if let [Operand::Str(a, b), Operand::Str(c, d)] = pair {
                self.codespace
                    .add(ops.str_bytes(*a, *b), ops.str_bytes(*c, *d));
            }
        }
    }

    fn bf_chars(&mut self, ops: &Operands) {
        for pair in ops.list.chunks(2) {
            let (src, dst) = match pair {
                [Operand::Str(a, b), Operand::Str(c, d)] => (
                    ops.str_bytes(*a, *b),
                    self.push_utf16(ops.str_bytes(*c, *d)),
                ),
                [Operand::Str(a, b), Operand::Name(n)] => {
                    (ops.str_bytes(*a, *b), self.push_name(n))
                }
                _ => continue,
            };
            self.push_entry(src, src, dst);
        }
    }

    fn bf_ranges(&mut self, ops: &Operands) {
        let list = &ops.list;
        let mut i = 0;
        while i + 2 < list.len() {
            let (Operand::Str(a, b), Operand::Str(c, d)) = (list[i], list[i + 1]) else {
                i += 1;
                continue;
            };
            let (lo, hi) = (ops.str_bytes(a, b), ops.str_bytes(c, d));
            match list[i + 2] {
                Operand::Str(s, e) => {
                    let dst = self.push_utf16(ops.str_bytes(s, e));
                    self.push_entry(lo, hi, dst);
                    i += 3;
                }
                Operand::Open => i = self.bf_array(ops, i + 3, lo),
                _ => i += 1,
            }
        }
    }

    /// The array form `<lo> <hi> [<dst> <dst> …]`: one target per code.
    fn bf_array(&mut self, ops: &Operands, mut i: usize, lo: &[u8]) -> usize {
        let (len, mut code) = (lo.len(), be(lo));
        while let Some(op) = ops.list.get(i) {
            i += 1;
            match *op {
                Operand::Str(s, e) => {
                    let dst = self.push_utf16(ops.str_bytes(s, e));
                    let b = code.to_be_bytes();
                    let src = &b[4 - len.min(4)..];
                    self.push_entry(src, src, dst);
                    code = code.wrapping_add(1);
                }
                Operand::Close => break,
                _ => {}
            }
        }
        i
    }

    fn cid_chars(&mut self, ops: &Operands) {
        for pair in ops.list.chunks(2) {
            if let [Operand::Str(a, b), Operand::Num(cid)] = pair {
                let src = ops.str_bytes(*a, *b);
                self.push_entry(src, src, Dst::Cid(*cid as u32));
            }
        }
    }

    fn cid_ranges(&mut self, ops: &Operands) {
        for t in ops.list.chunks(3) {
            if let [Operand::Str(a, b), Operand::Str(c, d), Operand::Num(cid)] = t {
                let dst = Dst::Cid(*cid as u32);
                self.push_entry(ops.str_bytes(*a, *b), ops.str_bytes(*c, *d), dst);
            }
        }
    }

    fn push_entry(&mut self, lo: &[u8], hi: &[u8], dst: Dst) {
        if lo.is_empty() || lo.len() > 4 {
            return;
        }
        let (lo_v, hi_v) = (be(lo), be(hi));
        if hi_v < lo_v {
            return;
        }
        self.entries.push(Entry {
            len: lo.len() as u8,
            lo: lo_v,
            hi: hi_v,
            dst,
        });
    }

    fn push_utf16(&mut self, bytes: &[u8]) -> Dst {
        let start = self.text.len() as u32;
        let units = bytes.chunks(2).map(|c| be(c) as u16);
        self.text
            .extend(char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')));
        let n = (self.text.len() as u32 - start) as u16;
        Dst::Text { start, n }
    }

    fn push_name(&mut self, name: &[u8]) -> Dst {
        let start = self.text.len() as u32;
        if let Some(c) = names::glyph_name_to_char(name) {
            self.text.push(c);
        }
        Dst::Text {
            start,
            n: (self.text.len() as u32 - start) as u16,
        }
    }

    /// The entry for a code of `len` bytes (any length when none matches).
    fn find(&self, code: u32, len: usize) -> Option<&Entry> {
        let key = (len as u8, code);
        let i = self.entries.partition_point(|e| (e.len, e.lo) <= key);
        let hit = i
            .checked_sub(1)
            .map(|j| &self.entries[j])
            .filter(|e| e.len as usize == len && e.lo <= code && code <= e.hi);
        hit.or_else(|| {
            self.entries
                .iter()
                .find(|e| e.len as usize != len && e.lo <= code && code <= e.hi)
        })
    }

    pub fn has_text(&self) -> bool {
        self.entries
            .iter()
            .any(|e| matches!(e.dst, Dst::Text { .. }))
    }

    /// The CID for a code, if the map has one.
    pub fn cid(&self, code: u32, len: usize) -> Option<u32> {
        match self.find(code, len)? {
            Entry {
                lo,
                dst: Dst::Cid(c),
                ..
            } => c.checked_add(code - lo),
            _ => None,
        }
    }

    /// Append the text for a code; `false` when the map has none.
    pub fn push_text(&self, code: u32, len: usize, out: &mut String) -> bool {
        let Some(e) = self.find(code, len) else {
            return false;
        };
        let Dst::Text { start, n } = e.dst else {
            return false;
        };
        let chars = &self.text[start as usize..start as usize + n as usize];
        let Some((last, head)) = chars.split_last() else {
            return false;
        };
        out.extend(head.iter());
        let last = (*last as u32)
            .checked_add(code - e.lo)
            .and_then(char::from_u32)
            .unwrap_or(*last);
        out.push(last);
        true
    }

    /// Every mapped character, for checking what a map claims.
    pub fn all_text(&self) -> impl Iterator<Item = char> + '_ {
        self.text.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOUNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
2 begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange
3 beginbfchar <01> <4E8B> <02> <696D> <8141> <D840DC0B> endbfchar
2 beginbfrange <10> <12> <0041> <20> <22> [<3042> <0066006C> <3044>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    fn text(c: &CMap, code: u32, len: usize) -> String {
        let mut s = String::new();
        c.push_text(code, len, &mut s);
        s
    }

    #[test]
    fn bfchar_and_surrogates() {
        let c = CMap::parse(TOUNICODE);
        assert_eq!(text(&c, 1, 1), "事");
        assert_eq!(text(&c, 2, 1), "業");
        assert_eq!(text(&c, 0x8141, 2), "\u{2000B}");
        assert_eq!(text(&c, 3, 1), "");
    }

    #[test]
    fn bfrange_increment_and_array() {
        let c = CMap::parse(TOUNICODE);
        assert_eq!(text(&c, 0x12, 1), "C");
        assert_eq!(text(&c, 0x20, 1), "あ");
        assert_eq!(text(&c, 0x21, 1), "fl");
        assert_eq!(text(&c, 0x22, 1), "い");
    }

    #[test]
    fn mixed_width_codespace_splits_codes() {
        let c = CMap::parse(TOUNICODE);
        assert_eq!(c.codespace.next_code(b"\x01\x81\x41"), (1, 1));
        assert_eq!(c.codespace.next_code(b"\x81\x41\x01"), (0x8141, 2));
    }

    #[test]
    fn cid_ranges_and_wmode() {
        let src = b"/WMode 1 def 1 begincodespacerange <0000> <FFFF> endcodespacerange
1 begincidrange <0020> <007e> 1 endcidrange 1 begincidchar <3042> 842 endcidchar
/UniJIS-UCS2-H usecmap";
        let c = CMap::parse(src);
        assert_eq!(c.cid(0x41, 2), Some(34));
        assert_eq!(c.cid(0x3042, 2), Some(842));
        assert_eq!(c.cid(0x3043, 2), None);
        assert_eq!(c.wmode, Some(1));
        assert_eq!(c.use_cmap.as_deref(), Some("UniJIS-UCS2-H"));
    }
}
