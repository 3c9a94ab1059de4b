//! What calamine does not expose from a BIFF5/BIFF8 workbook stream: each
//! cell's format record (XF) with its fill and number format, the colour
//! palette, and the manual row page breaks of each sheet.
//!
//! Best effort: a record that does not parse is skipped; nothing here can
//! fail the read (calamine has already read the values).

use std::collections::HashMap;

use encoding_rs::Encoding;

use crate::grid::Rgb;

/// The extras of a whole workbook.
#[derive(Debug, Default)]
pub(super) struct Book {
    /// One per BoundSheet record, in workbook order (sheets of every type).
    pub sheets: Vec<Sheet>,
    xfs: Vec<Xf>,
    formats: HashMap<u16, String>,
    /// PALETTE overrides of colour indices 8…63.
    palette: Vec<Rgb>,
    /// A BIFF5 workbook claiming code page 1200 (UTF-16), as Gnumeric
    /// writes them: see [`utf16_bytes_text`].
    pub utf16_byte_strings: bool,
    /// A FILEPASS record: the workbook is encrypted with a password.
    pub password: bool,
}

/// The extras of one sheet.
#[derive(Debug, Default)]
pub(super) struct Sheet {
    /// The name in the BoundSheet record (for messages).
    pub name: String,
    /// One past the last row and column holding a cell record.
    pub rows: u64,
    pub cols: u64,
    /// (row, col) → index of the cell's XF record; at most `cap` entries.
    pub xf: HashMap<(u32, u32), u16>,
    cap: usize,
    /// 0-based rows that start a new printed page.
    pub breaks: Vec<usize>,
    /// Hidden rows (ROW records with fDyZero) and (first, last) column
    /// ranges (COLINFO records with fHidden).
    pub hidden_rows: Vec<u32>,
    pub hidden_cols: Vec<(u32, u32)>,
    /// The DIMENSIONS record names more rows or columns than the format
    /// has, or ends before it starts: calamine would reserve memory for
    /// that many cells (terabytes) and abort.
    pub bad_dimensions: bool,
}

/// The parts of an XF record we use.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Xf {
    format: u16,
    /// Fill pattern (0 none, 1 solid, others hatched) and its colour index.
    pattern: u8,
    colour: u8,
}

/// One BIFF record.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

fn records(stream: &[u8], from: usize) -> impl Iterator<Item = Record<'_>> {
    let mut at = from;
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some(Record { typ, data })
    })
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The workbook globals, then each sheet's substream; at most `cap` cells
/// of a sheet are recorded (its extent is always complete).
pub(super) fn read(stream: &[u8], cap: usize) -> Book {
    let mut book = Book::default();
    let mut globals = Globals::default();
    for r in records(stream, 0) {
        if r.typ == 0x000A {
            break;
        }
        globals.record(&r, &mut book);
    }
    book.utf16_byte_strings = !globals.biff8 && globals.codepage == 1200;
    book.sheets = globals
        .sheets
        .iter()
        .map(|(pos, name)| Sheet {
            name: name.clone(),
            ..read_sheet(stream, *pos, globals.biff8, cap)
        })
        .collect();
    book
}

/// State while reading the workbook globals.
#[derive(Debug)]
struct Globals {
    biff8: bool,
    codepage: u16,
    encoding: &'static Encoding,
    /// (offset of the substream, name) of each BoundSheet record.
    sheets: Vec<(usize, String)>,
}

impl Default for Globals {
    fn default() -> Self {
        Globals {
            biff8: true,
            codepage: 1252,
            encoding: encoding_rs::WINDOWS_1252,
            sheets: Vec::new(),
        }
    }
}

impl Globals {
    fn record(&mut self, r: &Record<'_>, book: &mut Book) {
        match r.typ {
            0x0809 => self.biff8 = u16_at(r.data, 0) == Some(0x0600),
            0x0042 => {
                self.codepage = u16_at(r.data, 0).unwrap_or(1252);
                self.encoding = codepage(self.codepage);
            }
            0x041E => {
                if let Some((id, code)) = self.format(r.data) {
                    book.formats.insert(id, code);
                }
            }
            0x00E0 => book.xfs.extend(xf(r.data, self.biff8)),
            0x0092 => book.palette = palette(r.data),
            0x002F => book.password = true,
            0x0085 => {
                if let Some(pos) = u32_at(r.data, 0) {
                    self.sheets.push((pos as usize, self.sheet_name(r.data)));
                }
            }
            _ => {}
        }
    }

    /// The name in a BoundSheet record ("" when unreadable).
    fn sheet_name(&self, d: &[u8]) -> String {
        let n = d.get(6).copied().unwrap_or(0) as usize;
        if self.biff8 {
            let mut with_count = vec![n as u8, 0];
            with_count.extend(d.get(7..).unwrap_or(&[]));
            unicode_string(&with_count, 0).unwrap_or_default()
        } else {
            let bytes = d.get(7..7 + n).unwrap_or(&[]);
            self.encoding.decode(bytes).0.into_owned()
        }
    }

    /// A FORMAT record: (format id, format code).
    fn format(&self, d: &[u8]) -> Option<(u16, String)> {
        let id = u16_at(d, 0)?;
        let code = if self.biff8 {
            unicode_string(d, 2)?
        } else {
            let bytes = d.get(3..3 + *d.get(2)? as usize)?;
            if self.codepage == 1200 {
                let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
                utf16_bytes_text(&latin1).unwrap_or(latin1)
            } else {
                self.encoding.decode(bytes).0.into_owned()
            }
        };
        Some((id, code))
    }
}

/// An XLUnicodeString at `at`: 16-bit count, flags, then 8- or 16-bit
/// characters.
fn unicode_string(d: &[u8], at: usize) -> Option<String> {
    let n = u16_at(d, at)? as usize;
    let wide = d.get(at + 2)? & 1 == 1;
    let body = d.get(at + 3..)?;
    if wide {
        let units: Vec<u16> = body
            .get(..n * 2)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(body.get(..n)?.iter().map(|&b| char::from(b)).collect())
    }
}

/// The text of a BIFF5 string from a workbook that claims code page 1200.
///
/// Gnumeric writes such workbooks (its Excel 95 export of a UTF-16 source):
/// pure-ASCII strings as single bytes, any other string as UTF-16LE bytes.
/// calamine gives those bytes one character each; `s` is that reading.
/// `None` when `s` is to be kept: not bytes, an odd count, or plain ASCII
/// (a CJK string whose UTF-16 bytes are all printable ASCII, such as a lone
/// 年, cannot be told apart and stays as read).
pub(super) fn utf16_bytes_text(s: &str) -> Option<String> {
    let bytes: Vec<u8> = s
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect::<Option<_>>()?;
    let ascii = |b: &u8| b.is_ascii_graphic() || b" \t\r\n".contains(b);
    if bytes.len() % 2 == 1 || bytes.iter().all(ascii) {
        return None;
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16(&units).ok()
}

/// The encoding of a BIFF5 CODEPAGE value.
fn codepage(cp: u16) -> &'static Encoding {
    match cp {
        932 => encoding_rs::SHIFT_JIS,
        936 => encoding_rs::GBK,
        949 => encoding_rs::EUC_KR,
        950 => encoding_rs::BIG5,
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        10000 | 0x8000 => encoding_rs::MACINTOSH,
        _ => encoding_rs::WINDOWS_1252,
    }
}

/// An XF record (BIFF8: 20 bytes; BIFF5: 16 bytes).
fn xf(d: &[u8], biff8: bool) -> Option<Xf> {
    let format = u16_at(d, 2)?;
    let (pattern, colour) = if biff8 {
        let fill = u32_at(d, 14)?;
        let colours = u16_at(d, 18)?;
        ((fill >> 26) as u8 & 0x3F, (colours & 0x7F) as u8)
    } else {
        let bits = u32_at(d, 8)?;
        ((bits >> 16) as u8 & 0x3F, (bits & 0x7F) as u8)
    };
    Some(Xf {
        format,
        pattern,
        colour,
    })
}

/// A PALETTE record: the colours of indices 8 onwards.
fn palette(d: &[u8]) -> Vec<Rgb> {
    let n = u16_at(d, 0).unwrap_or(0) as usize;
    d.get(2..)
        .unwrap_or(&[])
        .chunks_exact(4)
        .take(n)
        .map(|c| Rgb(c[0], c[1], c[2]))
        .collect()
}

/// One sheet substream from its BOF at `pos` to the matching EOF (embedded
/// chart substreams nest their own BOF…EOF).
fn read_sheet(stream: &[u8], pos: usize, biff8: bool, cap: usize) -> Sheet {
    let mut sheet = Sheet {
        cap,
        ..Sheet::default()
    };
    // Walk the records as calamine does, so that the extent covers every
    // cell it will place: from the BoundSheet offset (whether or not a BOF
    // is there) to the first EOF outside nested substreams (charts).
    let (mut seen_bof, mut nested) = (false, 0usize);
    for r in records(stream, pos) {
        if nested > 0 {
            match r.typ {
                0x0809 => nested += 1,
                0x000A => nested -= 1,
                _ => {}
            }
            continue;
        }
        match r.typ {
            0x0809 if seen_bof => nested += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            _ => sheet.record(&r, biff8),
        }
    }
    sheet
}

/// Rows and columns a BIFF sheet can have at most.
const MAX_ROWS: u32 = 65_536;
const MAX_COLS: u32 = 256;

/// A DIMENSIONS record (first row, last row + 1, first column, last
/// column + 1; rows 16-bit in BIFF5, 32-bit in BIFF8) within the format's
/// size and not ending before it starts.
fn dimensions_fit(d: &[u8]) -> bool {
    let (first_row, end_row, end_col) = if d.len() == 10 {
        let row = |at| u16_at(d, at).map(u32::from);
        (row(0), row(2), u16_at(d, 6))
    } else {
        (u32_at(d, 0), u32_at(d, 4), u16_at(d, 10))
    };
    let (Some(first_row), Some(end_row), Some(end_col)) = (first_row, end_row, end_col) else {
        return true;
    };
    end_row <= MAX_ROWS && u32::from(end_col) <= MAX_COLS && (end_row == 0 || first_row < end_row)
}

impl Sheet {
    fn record(&mut self, r: &Record<'_>, biff8: bool) {
        let d = r.data;
        match r.typ {
            // BLANK, NUMBER, LABEL, BOOLERR, LABELSST, RK, FORMULA, RSTRING
            0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x00FD | 0x027E | 0x0006 | 0x00D6 => {
                if let (Some(row), Some(col), Some(ixfe)) =
                    (u16_at(d, 0), u16_at(d, 2), u16_at(d, 4))
                {
                    self.put(u32::from(row), u32::from(col), ixfe);
                }
            }
            0x00BD => self.multiple(d, 6),
            0x00BE => self.multiple(d, 2),
            0x001B => self.breaks = page_breaks(d, biff8),
            0x00E5 => self.merged(d),
            0x0200 => self.bad_dimensions |= !dimensions_fit(d),
            // ROW: grbit at 12, fDyZero (0x20) hides it.
            0x0208 => {
                if let (Some(row), Some(grbit)) = (u16_at(d, 0), u16_at(d, 12)) {
                    if grbit & 0x20 != 0 {
                        self.hidden_rows.push(u32::from(row));
                    }
                }
            }
            // COLINFO: first, last, width, XF, grbit (fHidden 0x01).
            0x007D => {
                if let (Some(first), Some(last), Some(grbit)) =
                    (u16_at(d, 0), u16_at(d, 2), u16_at(d, 8))
                {
                    if grbit & 0x01 != 0 && last >= first {
                        self.hidden_cols.push((u32::from(first), u32::from(last)));
                    }
                }
            }
            _ => {}
        }
    }

    fn put(&mut self, row: u32, col: u32, ixfe: u16) {
        self.rows = self.rows.max(u64::from(row) + 1);
        self.cols = self.cols.max(u64::from(col) + 1);
        if self.xf.len() < self.cap {
            self.xf.insert((row, col), ixfe);
        }
    }

    /// MERGEDCELLS: the regions count in the extent.
    fn merged(&mut self, d: &[u8]) {
        let n = u16_at(d, 0).unwrap_or(0) as usize;
        for i in 0..n {
            let (Some(last_row), Some(last_col)) = (u16_at(d, 4 + i * 8), u16_at(d, 8 + i * 8))
            else {
                break;
            };
            self.rows = self.rows.max(u64::from(last_row) + 1);
            self.cols = self.cols.max(u64::from(last_col) + 1);
        }
    }

    /// MULRK (6 bytes per cell) and MULBLANK (2 bytes per cell): row,
    /// first column, the cells, last column.
    fn multiple(&mut self, d: &[u8], width: usize) {
        let (Some(row), Some(first)) = (u16_at(d, 0), u16_at(d, 2)) else {
            return;
        };
        let n = d.len().saturating_sub(6) / width;
        for i in 0..n {
            if let Some(ixfe) = u16_at(d, 4 + i * width) {
                let col = u32::from(first) + i as u32;
                self.put(u32::from(row), col, ixfe);
            }
        }
    }
}

/// HORIZONTALPAGEBREAKS: the first row of each new page.
fn page_breaks(d: &[u8], biff8: bool) -> Vec<usize> {
    let n = u16_at(d, 0).unwrap_or(0) as usize;
    let width = if biff8 { 6 } else { 2 };
    (0..n)
        .filter_map(|i| u16_at(d, 2 + i * width))
        .map(usize::from)
        .collect()
}

impl Book {
    /// The fill of an XF, if it has a visible pattern in a real colour.
    pub fn fill(&self, ixfe: u16) -> Option<Rgb> {
        let xf = self.xfs.get(ixfe as usize)?;
        if xf.pattern == 0 {
            return None;
        }
        self.colour(xf.colour)
    }

    /// The number format code of an XF.
    pub fn format(&self, ixfe: u16) -> Option<&str> {
        let id = self.xfs.get(ixfe as usize)?.format;
        self.formats
            .get(&id)
            .map(String::as_str)
            .or_else(|| builtin_format(id))
    }

    /// A colour index: 0…7 fixed, 8…63 the palette; the system colours
    /// (64 and up) are no colour.
    fn colour(&self, index: u8) -> Option<Rgb> {
        let i = index as usize;
        match i {
            0..=7 => Some(rgb(DEFAULT_PALETTE[i])),
            8..=63 => Some(
                self.palette
                    .get(i - 8)
                    .copied()
                    .unwrap_or(rgb(DEFAULT_PALETTE[i])),
            ),
            _ => None,
        }
    }
}

fn rgb(c: u32) -> Rgb {
    Rgb((c >> 16) as u8, (c >> 8) as u8, c as u8)
}

/// Excel's default colour palette, indices 0…63.
const DEFAULT_PALETTE: [u32; 64] = [
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, // 0-7
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, // 8-15
    0x800000, 0x008000, 0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080, // 16-23
    0x9999FF, 0x993366, 0xFFFFCC, 0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF, // 24-31
    0x000080, 0xFF00FF, 0xFFFF00, 0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF, // 32-39
    0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99, 0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99, // 40-47
    0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600, 0x666699, 0x969696, // 48-55
    0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399, 0x333333, // 56-63
];

/// The numeric built-in number formats (dates and text are left to calamine).
fn builtin_format(id: u16) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn xf8(format: u16, pattern: u32, colour: u16) -> Vec<u8> {
        let mut d = vec![0u8; 20];
        d[2..4].copy_from_slice(&format.to_le_bytes());
        d[14..18].copy_from_slice(&(pattern << 26).to_le_bytes());
        d[18..20].copy_from_slice(&colour.to_le_bytes());
        d
    }

    /// Globals with two XFs and a custom format, one sheet with a NUMBER,
    /// a MULBLANK and a page break before row 20.
    fn stream() -> Vec<u8> {
        let mut globals = record(0x0809, &[0x00, 0x06, 0x05, 0x00]);
        let mut fmt = 164u16.to_le_bytes().to_vec();
        fmt.extend([4, 0, 0]); // 4 characters, 8-bit
        fmt.extend(b"0.0%");
        globals.extend(record(0x041E, &fmt));
        globals.extend(record(0x00E0, &xf8(3, 0, 0)));
        globals.extend(record(0x00E0, &xf8(0, 1, 0x30)));
        globals.extend(record(0x00E0, &xf8(164, 0, 0)));
        let sheet_pos_at = globals.len() + 4;
        globals.extend(record(0x0085, &[0, 0, 0, 0, 0, 0, 1, 0, b'S']));
        globals.extend(record(0x000A, &[]));
        let pos = globals.len() as u32;
        globals[sheet_pos_at..sheet_pos_at + 4].copy_from_slice(&pos.to_le_bytes());
        let mut s = record(0x0809, &[0x00, 0x06, 0x10, 0x00]);
        s.extend(record(0x0203, &[11, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        s.extend(record(0x00BE, &[12, 0, 3, 0, 1, 0, 1, 0, 2, 0, 5, 0]));
        s.extend(record(0x001B, &[1, 0, 20, 0, 0, 0, 255, 0]));
        s.extend(record(0x00E5, &[1, 0, 1, 0, 2, 0, 3, 0, 9, 0]));
        s.extend(record(0x000A, &[]));
        globals.extend(s);
        globals
    }

    #[test]
    fn cells_find_their_xf_fill_and_format() {
        let book = read(&stream(), 1000);
        assert_eq!(book.sheets.len(), 1);
        let sheet = &book.sheets[0];
        assert_eq!(sheet.xf.get(&(11, 3)), Some(&0));
        assert_eq!(sheet.xf.get(&(12, 5)), Some(&2));
        assert_eq!(sheet.breaks, vec![20]);
        assert_eq!((sheet.name.as_str(), sheet.rows, sheet.cols), ("S", 13, 10));
        assert_eq!(book.format(0), Some("#,##0"));
        assert_eq!(book.format(2), Some("0.0%"));
        assert_eq!(book.fill(1), Some(Rgb(0x33, 0x66, 0xFF)));
        assert_eq!(book.fill(0), None);
    }

    #[test]
    fn gnumeric_utf16_byte_strings() {
        let read_as_bytes = |s: &str| -> String {
            s.encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .map(char::from)
                .collect()
        };
        for s in ["令和5年度", "—", "■", "一行目\n二行目"] {
            assert_eq!(utf16_bytes_text(&read_as_bytes(s)).as_deref(), Some(s));
        }
        assert_eq!(utf16_bytes_text("next page"), None);
        assert_eq!(utf16_bytes_text("ab"), None);
        assert_eq!(utf16_bytes_text("令和"), None);
    }

    #[test]
    fn truncated_streams_are_harmless() {
        let s = stream();
        for cut in [0, 3, 10, s.len() / 2, s.len() - 1] {
            let _ = read(&s[..cut], 1000);
        }
    }

    fn biff8_dimensions(first_row: u32, end_row: u32, end_col: u16) -> Vec<u8> {
        let mut d = first_row.to_le_bytes().to_vec();
        d.extend(end_row.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(end_col.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d
    }

    #[test]
    fn extent_counts_cells_as_calamine_places_them() {
        // A sheet offset that lands past the BOF (calamine reads cells from
        // there anyway), and a chart substream whose cells do not count.
        let number = |row: u16, col: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend([0u8; 10]);
            record(0x0203, &d)
        };
        let mut s = number(1000, 40);
        s.extend(record(0x0809, &[0x00, 0x06, 0x10, 0x00]));
        s.extend(number(2, 1));
        s.extend(record(0x0809, &[0x00, 0x06, 0x20, 0x00]));
        s.extend(number(10_000, 200));
        s.extend(record(0x000A, &[]));
        s.extend(record(0x000A, &[]));
        s.extend(number(65_535, 255));
        let sheet = read_sheet(&s, 0, true, 100);
        assert_eq!((sheet.rows, sheet.cols), (1001, 41));
    }

    #[test]
    fn impossible_dimensions_are_caught() {
        assert!(dimensions_fit(&biff8_dimensions(0, 0, 0)));
        assert!(dimensions_fit(&biff8_dimensions(2, 18, 19)));
        assert!(dimensions_fit(&biff8_dimensions(0, 65_536, 256)));
        assert!(!dimensions_fit(&biff8_dimensions(0, 0xFFFF_FFF0, 19)));
        assert!(!dimensions_fit(&biff8_dimensions(0, 18, 0xFFF0)));
        assert!(!dimensions_fit(&biff8_dimensions(9, 5, 19)));
        let biff5 = [0, 0, 18, 0, 0, 0, 0xF0, 0xFF, 0, 0];
        assert!(!dimensions_fit(&biff5));
    }
}
