//! XLSX: values, merges and styles (fills, number formats) from calamine;
//! the sheet extent (checked before calamine builds its dense range) and the
//! manual row breaks from our own streaming pass over each sheet's XML.

use std::collections::HashMap;
use std::io::{BufRead, Cursor};

use calamine::{Data, Range, Reader, SheetType, SheetVisible, StyleRange, Xlsx, XlsxError};
use quick_xml::events::{BytesStart, Event};

use super::archive::{self, Archive};
use super::{RawSheet, Region, numfmt};
use crate::error::ReadError;
use crate::grid::Rgb;
use crate::read::Limits;

/// Every worksheet of an XLSX workbook, in workbook order.
pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<RawSheet>, ReadError> {
    let mut zip = archive::open(bytes, limits)?;
    let paths = sheet_paths(&mut zip)?;
    check_shared_strings(&mut zip)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(open_error)?;
    let names: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    names
        .into_iter()
        .map(|(name, hidden)| {
            if hidden {
                return Ok(RawSheet::hidden(name));
            }
            let path = paths.get(&name).map(String::as_str);
            let sheet = name.clone();
            read_sheet(&mut book, &mut zip, path, name, limits).map_err(|e| e.in_sheet(&sheet))
        })
        .collect()
}

fn open_error(e: XlsxError) -> ReadError {
    match e {
        XlsxError::Password => super::password_protected(),
        e => archive::cannot_open(&e),
    }
}

fn read_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    zip: &mut Archive<'_>,
    path: Option<&str>,
    name: String,
    limits: &Limits,
) -> Result<RawSheet, ReadError> {
    let scan = match path {
        Some(p) => scan_sheet(zip, p)?,
        None => SheetScan::default(),
    };
    super::check_cells(&name, scan.rows, scan.cols, limits)?;
    if let (Some(range), Some(part)) = (&scan.reversed, path) {
        // calamine subtracts a range's start from its end and panics.
        let detail = format!("the range {range} ends before it starts");
        return Err(archive::bad_xml(part, &detail));
    }
    let values = book.worksheet_range(&name).map_err(open_error)?;
    let merges = book
        .merge_cells_by_sheet_name(&name)
        .map_err(open_error)?
        .iter()
        .map(Region::from)
        .collect();
    let styles = book.worksheet_style(&name).map_err(open_error)?;
    // Formatting can reach far past the content (a whole sheet styled out
    // to XFD1048576): then look for fills only where the content is.
    let styled = scan.styled_rows.saturating_mul(scan.styled_cols);
    let fills = if styled <= limits.max_cells {
        fills(&styles)
    } else {
        fills_within(&styles, scan.rows, scan.cols)
    };
    Ok(RawSheet {
        fills,
        shown: shown_numbers(&values, &styles),
        name,
        values,
        merges,
        page_breaks: scan.row_breaks,
        hidden: false,
        hidden_rows: scan.hidden_rows,
        hidden_cols: scan.hidden_cols,
    })
}

/// Cells with a visible pattern fill of a non-white colour.
fn fills(styles: &StyleRange) -> Vec<(u32, u32, Rgb)> {
    styles
        .cells()
        .filter_map(|(r, c, style)| Some((r, c, fill_colour(style)?)))
        .collect()
}

/// [`fills`] within the first `rows` × `cols` cells only.
fn fills_within(styles: &StyleRange, rows: u64, cols: u64) -> Vec<(u32, u32, Rgb)> {
    let (rows, cols) = (
        rows.min(u32::MAX as u64) as u32,
        cols.min(u32::MAX as u64) as u32,
    );
    (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (r, c)))
        .filter_map(|(r, c)| Some((r, c, fill_colour(styles.get((r, c))?)?)))
        .collect()
}

fn fill_colour(style: &calamine::Style) -> Option<Rgb> {
    let fill = style.fill.as_ref().filter(|f| f.is_visible())?;
    let color = fill.get_color()?;
    let rgb = Rgb(color.red, color.green, color.blue);
    (!rgb.is_whitish()).then_some(rgb)
}

/// The displayed text of numbers whose number format we can render.
fn shown_numbers(values: &Range<Data>, styles: &StyleRange) -> HashMap<(u32, u32), String> {
    let Some((r0, c0)) = values.start() else {
        return HashMap::new();
    };
    let mut shown = HashMap::new();
    for (dr, dc, data) in values.used_cells() {
        let x = match data {
            Data::Float(x) => *x,
            Data::Int(i) => *i as f64,
            _ => continue,
        };
        let pos = (r0 + dr as u32, c0 + dc as u32);
        let code = styles.get(pos).and_then(|s| s.number_format.as_ref());
        if let Some(text) = code.and_then(|f| numfmt::render(&f.format_code, x)) {
            shown.insert(pos, text);
        }
    }
    shown
}

/// What our own pass over a sheet's XML finds.
#[derive(Debug, Default, PartialEq)]
struct SheetScan {
    /// One past the last row and column of a cell with content (a value,
    /// inline string or formula) or a merged region.
    rows: u64,
    cols: u64,
    /// One past the last row and column holding any `<c>` element, styled
    /// but empty ones included.
    styled_rows: u64,
    styled_cols: u64,
    row_breaks: Vec<usize>,
    /// `<row hidden="1">` (0-based) and `<col min max hidden="1">` (0-based,
    /// inclusive).
    hidden_rows: Vec<u32>,
    hidden_cols: Vec<(u32, u32)>,
    /// The first merged region or `<dimension>` whose end is above or left
    /// of its start (`S2:B1`).
    reversed: Option<String>,
}

fn scan_sheet(zip: &mut Archive<'_>, path: &str) -> Result<SheetScan, ReadError> {
    match archive::xml_part(zip, path)? {
        Some(mut xml) => scan_sheet_xml(&mut xml).map_err(|e| archive::bad_xml(path, &e)),
        None => Ok(SheetScan::default()),
    }
}

/// The extent of the cells and merged regions, and `<rowBreaks><brk
/// id="N"/>` (N is the 0-based row that starts the new page).
fn scan_sheet_xml<R: BufRead>(xml: &mut quick_xml::Reader<R>) -> quick_xml::Result<SheetScan> {
    let mut scanner = Scanner::default();
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf)? {
            Event::Start(e) => scanner.start(&e),
            Event::End(e) => scanner.end(e.local_name().as_ref()),
            Event::Eof => return Ok(scanner.scan),
            _ => {}
        }
        buf.clear();
    }
}

/// An XML boolean attribute that is set (`1` or `true`).
fn is_true(v: Option<String>) -> bool {
    matches!(v.as_deref(), Some("1" | "true"))
}

/// Where the pass is in a sheet. Rows and cells without `r` count on from
/// the previous one, as Excel does.
#[derive(Default)]
struct Scanner {
    scan: SheetScan,
    row: u64,
    col: u64,
    in_breaks: bool,
    /// The `<c>` element being read.
    cell: Option<(u64, u64)>,
}

impl Scanner {
    fn start(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            "row" => {
                if let Some(r) = archive::attr(e, "r").and_then(|r| r.parse::<u64>().ok()) {
                    self.row = r.saturating_sub(1);
                }
                self.col = 0;
                if is_true(archive::attr(e, "hidden")) {
                    self.scan.hidden_rows.extend(u32::try_from(self.row).ok());
                }
            }
            "col" if is_true(archive::attr(e, "hidden")) => {
                let at = |k: &str| archive::attr(e, k).and_then(|v| v.parse::<u32>().ok());
                if let (Some(min), Some(max)) = (at("min"), at("max")) {
                    if min >= 1 && max >= min {
                        self.scan.hidden_cols.push((min - 1, max - 1));
                    }
                }
            }
            "c" => {
                if let Some((r, c)) = archive::attr(e, "r").and_then(|r| parse_a1(&r)) {
                    (self.row, self.col) = (u64::from(r), u64::from(c));
                }
                self.cell = Some((self.row, self.col));
                let styled = &mut self.scan;
                styled.styled_rows = styled.styled_rows.max(self.row + 1);
                styled.styled_cols = styled.styled_cols.max(self.col + 1);
                self.col += 1;
            }
            "v" | "is" | "f" => {
                if let Some((r, c)) = self.cell {
                    self.extend(r, c);
                }
            }
            "mergeCell" => {
                let range = archive::attr(e, "ref");
                let end = range
                    .as_deref()
                    .and_then(|r| r.rsplit(':').next().and_then(parse_a1));
                if let Some((r, c)) = end {
                    self.extend(u64::from(r), u64::from(c));
                }
                self.check_order(range);
            }
            "dimension" => self.check_order(archive::attr(e, "ref")),
            "rowBreaks" => self.in_breaks = true,
            "brk" if self.in_breaks => {
                let id = archive::attr(e, "id").and_then(|v| v.parse::<usize>().ok());
                self.scan.row_breaks.extend(id);
            }
            _ => {}
        }
    }

    fn end(&mut self, local: &str) {
        match local {
            "row" => self.row += 1,
            "c" => self.cell = None,
            "rowBreaks" => self.in_breaks = false,
            _ => {}
        }
    }

    /// Keep `range` when it is the first one reversed.
    fn check_order(&mut self, range: Option<String>) {
        let Some(range) = range else { return };
        let corners = range
            .split_once(':')
            .and_then(|(a, b)| Some((parse_a1(a)?, parse_a1(b)?)));
        let reversed = corners.is_some_and(|(a, b)| b.0 < a.0 || b.1 < a.1);
        if reversed && self.scan.reversed.is_none() {
            self.scan.reversed = Some(range);
        }
    }

    fn extend(&mut self, row: u64, col: u64) {
        self.scan.rows = self.scan.rows.max(row + 1);
        self.scan.cols = self.scan.cols.max(col + 1);
    }
}

/// `D12` → (11, 3), 0-based; `None` for anything else.
fn parse_a1(s: &str) -> Option<(u32, u32)> {
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters.bytes().fold(0u32, |acc, b| {
        acc * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// Sheet name → path of its XML part, from the workbook and its relations.
fn sheet_paths(zip: &mut Archive<'_>) -> Result<HashMap<String, String>, ReadError> {
    let workbook = office_document(zip)?;
    let (dir, file) = workbook.rsplit_once('/').unwrap_or(("", &workbook));
    let rels_path = join(dir, &format!("_rels/{file}.rels"));
    let targets = relations(zip, &rels_path)?;
    let sheets = workbook_sheets(zip, &workbook)?;
    Ok(sheets
        .into_iter()
        .filter_map(|(name, id)| Some((name, resolve(dir, targets.get(&id)?))))
        .collect())
}

/// calamine reserves room for `<sst uniqueCount="N">` strings before
/// reading them: a count the part cannot hold (each `<si/>` takes at least
/// 5 bytes) would ask for terabytes and abort, so it is a damaged workbook.
fn check_shared_strings(zip: &mut Archive<'_>) -> Result<(), ReadError> {
    let workbook = office_document(zip)?;
    let dir = workbook.rsplit_once('/').map_or("", |(d, _)| d);
    let path = join(dir, "sharedStrings.xml");
    let Some(size) = zip
        .index_for_name(&path)
        .and_then(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
    else {
        return Ok(());
    };
    let claimed = first_attr(zip, &path, "sst", "uniqueCount")?;
    match claimed.and_then(|c| c.trim().parse::<u64>().ok()) {
        Some(n) if n > size / 5 + 1 => Err(archive::cannot_open(&format!(
            "{path} claims {n} strings, more than its {size} bytes can hold"
        ))),
        _ => Ok(()),
    }
}

/// An attribute of the first element named `local` in a part.
fn first_attr(
    zip: &mut Archive<'_>,
    path: &str,
    local: &str,
    name: &str,
) -> Result<Option<String>, ReadError> {
    let Some(mut xml) = archive::xml_part(zip, path)? else {
        return Ok(None);
    };
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == local => {
                return Ok(archive::attr(&e, name));
            }
            Ok(Event::Eof) => return Ok(None),
            Err(e) => return Err(archive::bad_xml(path, &e)),
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// The workbook part named by `_rels/.rels`, `xl/workbook.xml` by default.
fn office_document(zip: &mut Archive<'_>) -> Result<String, ReadError> {
    let rels = relations_by_type(zip, "_rels/.rels")?;
    Ok(rels
        .into_iter()
        .find(|(ty, _)| ty.ends_with("/officeDocument"))
        .map(|(_, target)| resolve("", &target))
        .unwrap_or_else(|| "xl/workbook.xml".to_string()))
}

/// Relationship id → target of a `.rels` part.
fn relations(zip: &mut Archive<'_>, path: &str) -> Result<HashMap<String, String>, ReadError> {
    let mut map = HashMap::new();
    each_element(zip, path, "Relationship", |e| {
        if let (Some(id), Some(target)) = (archive::attr(e, "Id"), archive::attr(e, "Target")) {
            map.insert(id, target);
        }
    })?;
    Ok(map)
}

/// (type, target) of each relationship of a `.rels` part.
fn relations_by_type(
    zip: &mut Archive<'_>,
    path: &str,
) -> Result<Vec<(String, String)>, ReadError> {
    let mut out = Vec::new();
    each_element(zip, path, "Relationship", |e| {
        if let (Some(ty), Some(target)) = (archive::attr(e, "Type"), archive::attr(e, "Target")) {
            out.push((ty, target));
        }
    })?;
    Ok(out)
}

/// (name, relationship id) of each `<sheet>` of the workbook part.
fn workbook_sheets(zip: &mut Archive<'_>, path: &str) -> Result<Vec<(String, String)>, ReadError> {
    let mut out = Vec::new();
    each_element(zip, path, "sheet", |e| {
        let id = archive::prefixed_attr(e, "id");
        if let (Some(name), Some(id)) = (archive::attr(e, "name"), id) {
            out.push((name, id));
        }
    })?;
    Ok(out)
}

/// Call `f` on every element of a part with the local name `local`; an
/// absent part has none.
fn each_element(
    zip: &mut Archive<'_>,
    path: &str,
    local: &str,
    mut f: impl FnMut(&BytesStart<'_>),
) -> Result<(), ReadError> {
    let Some(mut xml) = archive::xml_part(zip, path)? else {
        return Ok(());
    };
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == local => f(&e),
            Ok(Event::Eof) => return Ok(()),
            Err(e) => return Err(archive::bad_xml(path, &e)),
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// A relationship target resolved against the directory of its source.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return normalise(abs);
    }
    normalise(&join(dir, target))
}

fn join(dir: &str, rest: &str) -> String {
    if dir.is_empty() {
        rest.to_string()
    } else {
        format!("{dir}/{rest}")
    }
}

/// Drop `.` and resolve `..` segments.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references() {
        assert_eq!(parse_a1("D12"), Some((11, 3)));
        assert_eq!(parse_a1("A1"), Some((0, 0)));
        assert_eq!(parse_a1("AA3"), Some((2, 26)));
        assert_eq!(parse_a1("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_a1("12"), None);
        assert_eq!(parse_a1("A0"), None);
    }

    #[test]
    fn paths_resolve_like_relationships() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl", "/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(resolve("xl", "../xl/./a.xml"), "xl/a.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
    }

    #[test]
    fn scan_counts_cells_without_r_and_reads_row_breaks() {
        let xml = r#"<worksheet><cols><col min="2" max="3" width="9" hidden="1"/><col min="4" max="4" hidden="0"/></cols><sheetData>
            <row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c></row><row hidden="1"><c><f>1+1</f></c></row>
            <row r="9"><c r="Z9" s="1"/></row>
            </sheetData>
            <mergeCells count="1"><mergeCell ref="A2:B5"/></mergeCells>
            <rowBreaks count="1"><brk id="22" max="16383" man="1"/></rowBreaks>
            <colBreaks count="1"><brk id="5"/></colBreaks></worksheet>"#;
        let mut reader = quick_xml::Reader::from_str(xml);
        reader.config_mut().expand_empty_elements = true;
        let scan = scan_sheet_xml(&mut reader).unwrap();
        assert_eq!(
            scan,
            SheetScan {
                rows: 5,
                cols: 3,
                styled_rows: 9,
                styled_cols: 26,
                row_breaks: vec![22],
                hidden_rows: vec![3],
                hidden_cols: vec![(1, 2)],
                reversed: None,
            }
        );
    }

    #[test]
    fn scan_keeps_the_first_reversed_range() {
        for (xml, reversed) in [
            (
                r#"<mergeCell ref="S2:B1"/><mergeCell ref="B2:A1"/>"#,
                Some("S2:B1"),
            ),
            (r#"<dimension ref="A5:C1"/>"#, Some("A5:C1")),
            (r#"<dimension ref="A1:C5"/><mergeCell ref="B2:B2"/>"#, None),
        ] {
            let mut reader = quick_xml::Reader::from_str(xml);
            reader.config_mut().expand_empty_elements = true;
            let scan = scan_sheet_xml(&mut reader).unwrap();
            assert_eq!(scan.reversed.as_deref(), reversed, "{xml}");
        }
    }
}
