//! ODS: values from calamine; merges, fills, displayed numbers, page breaks
//! and the sheet extent (checked before calamine expands repeated cells)
//! from our own streaming pass over `content.xml`.
//!
//! Positions in `content.xml` are implicit: each `<table:table-row>` and each
//! `<table:table-cell>` / `<table:covered-table-cell>` advances by its
//! `number-rows-repeated` / `number-columns-repeated` count.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Cursor};

use calamine::{Ods, OdsError, Reader, SheetVisible};
use quick_xml::events::{BytesStart, Event};

use super::archive::{self, attr};
use super::{RawSheet, Region};
use crate::error::ReadError;
use crate::grid::Rgb;
use crate::read::Limits;

/// Repeated blocks larger than this many cells are layout padding (styled
/// empty rows to the end of the sheet): their fills and texts are skipped.
const REPEAT_CAP: u64 = 256;

/// Every table of an ODS workbook, in document order.
pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<RawSheet>, ReadError> {
    let mut zip = archive::open(bytes, limits)?;
    if encrypted(&mut zip)? {
        return Err(super::password_protected());
    }
    let tables = match archive::xml_part(&mut zip, "content.xml")? {
        Some(mut xml) => scan(&mut xml).map_err(|e| archive::bad_xml("content.xml", &e))?,
        None => Vec::new(),
    };
    for t in &tables {
        super::check_cells(&t.name, t.rows, t.cols, limits)?;
    }
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(open_error)?;
    let mut tables: HashMap<String, TableScan> =
        tables.into_iter().map(|t| (t.name.clone(), t)).collect();
    let names: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    names
        .into_iter()
        .map(|(name, hidden)| {
            if hidden {
                return Ok(RawSheet::hidden(name));
            }
            let values = book.worksheet_range(&name).map_err(open_error)?;
            let scan = tables.remove(&name).unwrap_or_default();
            Ok(RawSheet {
                name,
                values,
                merges: scan.merges,
                fills: scan.fills,
                shown: scan.shown,
                page_breaks: scan.page_breaks,
                hidden: false,
                hidden_rows: scan.hidden_rows,
                hidden_cols: scan.hidden_cols,
            })
        })
        .collect()
}

/// Whether the manifest says `content.xml` is encrypted (a workbook saved
/// with a password); its bytes are then not XML at all.
fn encrypted(zip: &mut archive::Archive<'_>) -> Result<bool, ReadError> {
    let Some(mut xml) = archive::xml_part(zip, "META-INF/manifest.xml")? else {
        return Ok(false);
    };
    let mut buf = Vec::new();
    let mut in_content = false;
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e)) => match e.local_name().as_ref() {
                "file-entry" => {
                    in_content =
                        archive::prefixed_attr(&e, "full-path").as_deref() == Some("content.xml");
                }
                "encryption-data" if in_content => return Ok(true),
                _ => {}
            },
            Ok(quick_xml::events::Event::Eof) | Err(_) => return Ok(false),
            _ => {}
        }
        buf.clear();
    }
}

fn open_error(e: OdsError) -> ReadError {
    match e {
        OdsError::Password => super::password_protected(),
        e => archive::cannot_open(&e),
    }
}

/// What the pass over `content.xml` finds for one table.
#[derive(Debug, Default)]
struct TableScan {
    name: String,
    /// One past the last row and column holding a value or a span.
    rows: u64,
    cols: u64,
    merges: Vec<Region>,
    fills: Vec<(u32, u32, Rgb)>,
    shown: HashMap<(u32, u32), String>,
    page_breaks: Vec<usize>,
    /// Rows and (first, last) column ranges with `table:visibility`
    /// `collapse` or `filter`: hidden, not read.
    hidden_rows: Vec<u32>,
    hidden_cols: Vec<(u32, u32)>,
}

/// Automatic styles that matter: cell backgrounds and rows that start a
/// printed page.
#[derive(Debug, Default)]
struct Styles {
    backgrounds: HashMap<String, Rgb>,
    page_break_rows: HashSet<String>,
    /// The `style:style` being read: (name, family).
    current: Option<(String, String)>,
}

impl Styles {
    fn start(&mut self, e: &BytesStart<'_>) {
        match e.name().as_ref() {
            "style:style" => {
                let name = attr(e, "style:name").unwrap_or_default();
                let family = attr(e, "style:family").unwrap_or_default();
                self.current = Some((name, family));
            }
            "style:table-cell-properties" => {
                let bg = attr(e, "fo:background-color").and_then(|c| hex_colour(&c));
                if let (Some((name, _)), Some(rgb)) = (&self.current, bg) {
                    self.backgrounds.insert(name.clone(), rgb);
                }
            }
            "style:table-row-properties" => {
                let page = attr(e, "fo:break-before").is_some_and(|b| b == "page");
                if let (Some((name, _)), true) = (&self.current, page) {
                    self.page_break_rows.insert(name.clone());
                }
            }
            _ => {}
        }
    }
}

/// `#c0c0c0` → Rgb; `None` for `transparent` and anything else.
fn hex_colour(s: &str) -> Option<Rgb> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
}

/// Where the pass is inside the current table.
#[derive(Debug, Default)]
struct Position {
    row: u64,
    col: u64,
    row_repeat: u64,
    row_style: Option<String>,
    /// Column default cell styles: (first column, one past last, style).
    columns: Vec<(u64, u64, String)>,
    column_count: u64,
}

/// The pass over `content.xml`.
fn scan<R: BufRead>(xml: &mut quick_xml::Reader<R>) -> quick_xml::Result<Vec<TableScan>> {
    let mut content = Content::default();
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf)? {
            Event::Start(e) => content.start(xml, &e.into_owned())?,
            Event::End(e) => content.end(e.name().as_ref()),
            Event::Eof => return Ok(content.tables),
            _ => {}
        }
        buf.clear();
    }
}

/// What the pass has read so far.
#[derive(Debug, Default)]
struct Content {
    styles: Styles,
    tables: Vec<TableScan>,
    /// The table being read and the position in it.
    table: Option<(TableScan, Position)>,
}

impl Content {
    fn start<R: BufRead>(
        &mut self,
        xml: &mut quick_xml::Reader<R>,
        e: &BytesStart<'_>,
    ) -> quick_xml::Result<()> {
        let name = e.name();
        let Some((t, at)) = &mut self.table else {
            if name.as_ref() == "table:table" {
                let name = attr(e, "table:name").unwrap_or_default();
                let table = TableScan {
                    name,
                    ..TableScan::default()
                };
                self.table = Some((table, Position::default()));
            } else {
                self.styles.start(e);
            }
            return Ok(());
        };
        match name.as_ref() {
            // A table inside a cell: not part of the sheet grid.
            "table:table" => {
                xml.read_to_end_into(e.to_end().name(), &mut Vec::new())?;
            }
            "table:table-column" => at.column(e, t),
            "table:table-row" => at.start_row(e, &self.styles, t),
            "table:table-cell" | "table:covered-table-cell" => {
                cell(xml, e, at, &self.styles, t)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) {
        match (name, &mut self.table) {
            ("table:table", Some(_)) => self.tables.extend(self.table.take().map(|(t, _)| t)),
            ("table:table-row", Some((_, at))) => at.row = at.row.saturating_add(at.row_repeat),
            ("style:style", _) => self.styles.current = None,
            _ => {}
        }
    }
}

/// A row or column the sheet hides (`table:visibility` `collapse` or
/// `filter`).
fn hidden(e: &BytesStart<'_>) -> bool {
    attr(e, "table:visibility").is_some_and(|v| v == "collapse" || v == "filter")
}

fn repeat(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

impl Position {
    fn column(&mut self, e: &BytesStart<'_>, t: &mut TableScan) {
        let n = repeat(e, "table:number-columns-repeated");
        let end = self.column_count.saturating_add(n);
        if hidden(e) {
            if let (Ok(a), Ok(b)) = (u32::try_from(self.column_count), u32::try_from(end - 1)) {
                t.hidden_cols.push((a, b));
            }
        }
        if let Some(style) = attr(e, "table:default-cell-style-name") {
            self.columns.push((self.column_count, end, style));
        }
        self.column_count = end;
    }

    fn start_row(&mut self, e: &BytesStart<'_>, styles: &Styles, t: &mut TableScan) {
        self.row_repeat = repeat(e, "table:number-rows-repeated");
        self.col = 0;
        if hidden(e) {
            // A hidden run of rows is rarely long; the empty rows a sheet
            // repeats to its end are not worth naming one by one.
            let n = self.row_repeat.min(10_000);
            t.hidden_rows
                .extend((0..n).filter_map(|k| u32::try_from(self.row + k).ok()));
        }
        self.row_style = attr(e, "table:default-cell-style-name");
        let breaks =
            attr(e, "table:style-name").is_some_and(|s| styles.page_break_rows.contains(&s));
        if breaks && self.row > 0 {
            t.page_breaks.push(self.row as usize);
        }
    }

    /// The style of a cell: its own, else the row's default, else the
    /// column's default.
    fn cell_style(&self, own: Option<String>) -> Option<String> {
        own.or_else(|| self.row_style.clone()).or_else(|| {
            self.columns
                .iter()
                .find(|(a, b, _)| (*a..*b).contains(&self.col))
                .map(|(_, _, s)| s.clone())
        })
    }

    /// Every (row, col) a repeated cell stands for, unless the block is
    /// padding larger than [`REPEAT_CAP`].
    fn positions(&self, cols: u64) -> Vec<(u32, u32)> {
        if self.row_repeat.saturating_mul(cols) > REPEAT_CAP {
            return Vec::new();
        }
        let rows = self.row..self.row + self.row_repeat;
        rows.flat_map(|r| (self.col..self.col + cols).map(move |c| (r, c)))
            .filter_map(|(r, c)| Some((u32::try_from(r).ok()?, u32::try_from(c).ok()?)))
            .collect()
    }
}

/// One cell element (covered cells too: they keep their own style and may
/// hold a value): record its span, fill, displayed number and extent, then
/// move the column on.
fn cell<R: BufRead>(
    xml: &mut quick_xml::Reader<R>,
    e: &BytesStart<'_>,
    at: &mut Position,
    styles: &Styles,
    t: &mut TableScan,
) -> quick_xml::Result<()> {
    let cols = repeat(e, "table:number-columns-repeated");
    let spans = (
        repeat(e, "table:number-rows-spanned"),
        repeat(e, "table:number-columns-spanned"),
    );
    record_span(at, spans, cols, t);
    record_fill(at, attr(e, "table:style-name"), cols, styles, t);
    let value_type = attr(e, "office:value-type");
    if value_type.is_some() {
        t.rows = t.rows.max(at.row.saturating_add(at.row_repeat));
        t.cols = t.cols.max(at.col.saturating_add(cols));
    }
    if matches!(
        value_type.as_deref(),
        Some("float" | "percentage" | "currency")
    ) {
        record_shown(at, &display_text(xml)?, cols, t);
    }
    at.col = at.col.saturating_add(cols);
    Ok(())
}

/// The displayed text of a number (none when the cell shows nothing).
fn record_shown(at: &Position, text: &str, cols: u64, t: &mut TableScan) {
    if text.is_empty() {
        return;
    }
    for pos in at.positions(cols) {
        t.shown.insert(pos, text.to_string());
    }
}

fn record_span(at: &Position, (rows, cols): (u64, u64), repeat: u64, t: &mut TableScan) {
    if rows == 1 && cols == 1 {
        return;
    }
    t.rows = t.rows.max(at.row.saturating_add(rows));
    t.cols = t
        .cols
        .max(at.col.saturating_add(cols.saturating_mul(repeat)));
    let (Ok(rows), Ok(cols)) = (u32::try_from(rows), u32::try_from(cols)) else {
        return;
    };
    let regions = at.positions(repeat).into_iter();
    t.merges.extend(regions.map(|(row, col)| Region {
        row,
        col,
        rows,
        cols,
    }));
}

fn record_fill(at: &Position, own: Option<String>, cols: u64, styles: &Styles, t: &mut TableScan) {
    let Some(style) = at.cell_style(own) else {
        return;
    };
    let Some(&rgb) = styles.backgrounds.get(&style).filter(|c| !c.is_whitish()) else {
        return;
    };
    t.fills
        .extend(at.positions(cols).into_iter().map(|(r, c)| (r, c, rgb)));
}

/// The text inside the current cell (paragraphs joined with `\n`, notes
/// left out), reading up to the cell's end.
fn display_text<R: BufRead>(xml: &mut quick_xml::Reader<R>) -> quick_xml::Result<String> {
    let mut text = String::new();
    let mut paragraphs = 0;
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf)? {
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push_str(&entity(&r)),
            Event::Start(e) => match e.name().as_ref() {
                "text:p" => {
                    if paragraphs > 0 {
                        text.push('\n');
                    }
                    paragraphs += 1;
                }
                "text:s" => {
                    let n = repeat(&e, "text:c").min(1000) as usize;
                    text.push_str(&" ".repeat(n));
                }
                "text:line-break" => text.push('\n'),
                "text:tab" => text.push('\t'),
                "office:annotation" => {
                    let end = e.to_end().into_owned();
                    xml.read_to_end_into(end.name(), &mut Vec::new())?;
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-cell" => return Ok(text),
            Event::Eof => return Ok(text),
            _ => {}
        }
        buf.clear();
    }
}

/// The text of `&amp;`, `&#x41;` and the like.
fn entity(r: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(ch)) = r.resolve_char_ref() {
        return ch.to_string();
    }
    let name = r.xml10_content();
    quick_xml::escape::resolve_predefined_entity(&name)
        .unwrap_or("")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_str(xml: &str) -> Vec<TableScan> {
        let mut reader = quick_xml::Reader::from_str(xml);
        reader.config_mut().expand_empty_elements = true;
        scan(&mut reader).unwrap()
    }

    const CONTENT: &str = r##"<office:document-content>
      <office:automatic-styles>
        <style:style style:name="ro2" style:family="table-row">
          <style:table-row-properties fo:break-before="page"/></style:style>
        <style:style style:name="ce1" style:family="table-cell">
          <style:table-cell-properties fo:background-color="#4472c4"/></style:style>
        <style:style style:name="ce2" style:family="table-cell">
          <style:table-cell-properties fo:background-color="#ffffff"/></style:style>
      </office:automatic-styles>
      <office:body><office:spreadsheet>
      <table:table table:name="1-1">
        <table:table-column table:number-columns-repeated="8"/>
        <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="8"/></table:table-row>
        <table:table-row>
          <table:table-cell table:number-columns-repeated="3"/>
          <table:table-cell table:number-columns-spanned="4" table:number-rows-spanned="2" office:value-type="string"><text:p>R5</text:p></table:table-cell>
          <table:covered-table-cell table:number-columns-repeated="3"/>
          <table:table-cell office:value-type="float" office:value="4916"><text:p>4,916</text:p><office:annotation><text:p>note</text:p></office:annotation></table:table-cell>
        </table:table-row>
        <table:table-row table:style-name="ro2">
          <table:table-cell table:number-columns-repeated="2"/>
          <table:table-cell table:style-name="ce1" table:number-columns-repeated="2"/>
          <table:table-cell table:style-name="ce2"/>
          <table:table-cell table:number-columns-repeated="1000" table:style-name="ce1"/>
        </table:table-row>
        <table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
      </table:table>
      <table:table table:name="two"><table:table-row><table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50%</text:p></table:table-cell></table:table-row></table:table>
      </office:spreadsheet></office:body></office:document-content>"##;

    #[test]
    fn positions_count_repeats_spans_and_covered_cells() {
        let tables = scan_str(CONTENT);
        assert_eq!(tables.len(), 2);
        let t = &tables[0];
        assert_eq!(t.name, "1-1");
        assert_eq!(
            t.merges,
            vec![Region {
                row: 2,
                col: 3,
                rows: 2,
                cols: 4
            }]
        );
        assert_eq!(t.shown.get(&(2, 7)).map(String::as_str), Some("4,916"));
        assert_eq!((t.rows, t.cols), (4, 8));
        assert_eq!(
            tables[1].shown.get(&(0, 0)).map(String::as_str),
            Some("50%")
        );
    }

    #[test]
    fn fills_and_page_breaks_come_from_automatic_styles() {
        let t = &scan_str(CONTENT)[0];
        let blue = Rgb(0x44, 0x72, 0xc4);
        assert_eq!(t.fills.len(), 2, "padding runs are skipped");
        assert_eq!(t.fills, vec![(3, 2, blue), (3, 3, blue)]);
        assert_eq!(t.page_breaks, vec![3]);
        assert_eq!(hex_colour("transparent"), None);
    }
}
