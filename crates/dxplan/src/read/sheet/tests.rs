//! Whole-reader tests over workbooks built in the test (rust_xlsxwriter for
//! XLSX, a hand-made ZIP for ODS). Real fixtures: `tests/sheet_reader.rs`.

use std::io::{Cursor, Write};

use rust_xlsxwriter::{Color, Format, Workbook};

use super::*;
use crate::error::Container;

fn opts() -> ReadOptions {
    ReadOptions::default()
}

/// A plan-like workbook: two sheets, labels, a merged year header, numbers
/// with formats, fills (RGB, theme, white) and a manual page break.
fn plan_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let plain = Format::new();
    let blue = Format::new().set_background_color(Color::RGB(0x4472C4));
    let theme = Format::new().set_background_color(Color::Theme(5, 2));
    let white = Format::new().set_background_color(Color::White);
    let thousands = Format::new().set_num_format("#,##0");
    let one_dec = Format::new().set_num_format("0.0");
    let s = book.add_worksheet().set_name("1-1").unwrap();
    s.write_string(3, 0, "事業名").unwrap();
    s.write_string(3, 1, "オンライン申請の推進").unwrap();
    s.write_string(4, 1, "一行目\n二行目").unwrap();
    s.merge_range(1, 3, 1, 6, "令和5年度", &plain).unwrap();
    s.write_number_with_format(11, 3, 4916.0, &thousands)
        .unwrap();
    s.write_number_with_format(11, 4, 50.0, &one_dec).unwrap();
    s.write_number(11, 5, 12.0).unwrap();
    s.write_number(11, 6, 77.5).unwrap();
    s.write_boolean(11, 7, true).unwrap();
    s.write_blank(12, 3, &blue).unwrap();
    s.write_blank(12, 4, &theme).unwrap();
    s.write_blank(12, 5, &white).unwrap();
    s.write_blank(30, 9, &blue).unwrap();
    s.set_page_breaks(&[20]).unwrap();
    let s2 = book.add_worksheet().set_name("1-2").unwrap();
    s2.write_string(2, 2, "only C3").unwrap();
    book.save_to_buffer().unwrap()
}

fn read_xlsx(bytes: &[u8]) -> Document {
    read(bytes, InputFormat::Xlsx, &opts()).unwrap()
}

#[test]
fn xlsx_sheets_in_order_with_absolute_places() {
    let doc = read_xlsx(&plan_xlsx());
    assert_eq!(doc.sheets, Some(vec!["1-1".to_string(), "1-2".to_string()]));
    assert_eq!(doc.pages, None);
    assert_eq!(doc.grids.len(), 2);
    let g = &doc.grids[0];
    assert_eq!(g.origin, Origin::Sheet("1-1".into()));
    assert_eq!(g.text(3, 1), "オンライン申請の推進");
    assert_eq!(g.get(3, 1).unwrap().at.short(), "1-1!B4");
    assert_eq!(g.text(4, 1), "一行目\n二行目");
    let second = &doc.grids[1];
    assert_eq!((second.rows(), second.cols()), (3, 3));
    assert_eq!(second.text(2, 2), "only C3");
    assert_eq!(second.get(2, 2).unwrap().at.short(), "1-2!C3");
}

#[test]
fn xlsx_numbers_as_displayed() {
    let doc = read_xlsx(&plan_xlsx());
    let g = &doc.grids[0];
    assert_eq!(g.text(11, 3), "4,916");
    assert_eq!(g.text(11, 4), "50.0");
    assert_eq!(g.text(11, 5), "12");
    assert_eq!(g.text(11, 6), "77.5");
    assert_eq!(g.text(11, 7), "TRUE");
}

#[test]
fn xlsx_merges_fills_and_page_breaks() {
    let doc = read_xlsx(&plan_xlsx());
    let g = &doc.grids[0];
    let anchor = g.get(1, 3).unwrap();
    assert_eq!((anchor.row_span, anchor.col_span), (1, 4));
    assert_eq!(anchor.text, "令和5年度");
    assert_eq!(g.anchor_of(1, 6), (1, 3));
    assert_eq!(g.get(12, 3).unwrap().fill, Some(Rgb(0x44, 0x72, 0xC4)));
    assert!(g.get(12, 4).unwrap().is_filled(), "theme colour fill");
    assert_eq!(g.get(12, 5).unwrap().fill, None, "white is no fill");
    assert_eq!(g.get(11, 3).unwrap().fill, None);
    assert!(g.get(30, 9).unwrap().is_filled(), "a fill extends the grid");
    assert_eq!((g.rows(), g.cols()), (31, 10));
    assert_eq!(g.page_breaks, vec![20]);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn errors_become_warnings_with_the_place() {
    let mut values = Range::new((11, 3), (11, 4));
    values.set_value((11, 3), Data::Error(calamine::CellErrorType::Div0));
    values.set_value((11, 4), Data::String("ok".into()));
    let raw = RawSheet {
        name: "1-1".into(),
        values,
        ..RawSheet::default()
    };
    let mut warnings = Vec::new();
    let g = to_grid(&raw, &Limits::default(), &mut warnings).unwrap();
    assert_eq!(g.text(11, 3), "");
    assert_eq!(g.text(11, 4), "ok");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, "unreadable_cell");
    assert_eq!(warnings[0].at.as_deref(), Some("1-1!D12"));
    assert!(warnings[0].message.contains("#DIV/0!"));
}

#[test]
fn text_under_a_merge_is_reported_not_dropped() {
    let mut values = Range::new((0, 0), (0, 1));
    values.set_value((0, 0), Data::String("anchor".into()));
    values.set_value((0, 1), Data::String("hidden".into()));
    let raw = RawSheet {
        name: "S".into(),
        values,
        merges: vec![Region {
            row: 0,
            col: 0,
            rows: 1,
            cols: 2,
        }],
        ..RawSheet::default()
    };
    let mut warnings = Vec::new();
    let g = to_grid(&raw, &Limits::default(), &mut warnings).unwrap();
    assert_eq!(g.text(0, 1), "");
    assert_eq!(warnings[0].code, "covered_cell_text");
    assert!(warnings[0].message.contains("hidden"));
}

#[test]
fn max_cells_is_enforced_with_its_flag() {
    let limits = Limits {
        // Sheet 1-1 holds content in 12 rows × 8 columns = 96 cells.
        max_cells: 90,
        ..Limits::default()
    };
    let o = ReadOptions {
        limits,
        ..ReadOptions::default()
    };
    let e = read(&plan_xlsx(), InputFormat::Xlsx, &o).unwrap_err();
    assert!(
        matches!(&e, ReadError::Limit { which: crate::error::Limit::Cells, limit: 90, what } if what.to_string().contains("1-1")),
        "{e}"
    );
}

#[test]
fn a_far_corner_cell_is_refused_before_calamine_allocates() {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "A1").unwrap();
    s.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let e = read(&bytes, InputFormat::Xlsx, &opts()).unwrap_err();
    assert!(
        matches!(
            e,
            ReadError::Limit {
                which: crate::error::Limit::Cells,
                ..
            }
        ),
        "{e}"
    );
}

/// Refused as damaged for a reason the parser gave (`detail`), not by a
/// panic the guard caught.
fn assert_corrupt(bytes: &[u8], format: InputFormat, detail: &str) {
    match read(bytes, format, &opts()) {
        Err(
            e @ ReadError::Damaged {
                container: Container::Workbook,
                ..
            },
        ) => {
            let m = e.to_string();
            assert!(m.starts_with("the workbook cannot be opened"), "{m}");
            let ReadError::Damaged { detail: got, .. } = &e else {
                unreachable!()
            };
            assert_eq!(got, detail, "{format:?}");
        }
        other => panic!("{format:?}: expected Damaged, got {other:?}"),
    }
}

/// A sheet whose XML is broken: the error names the sheet and the part in
/// its fields, not only in its words.
#[test]
fn a_damaged_sheet_is_named_in_the_error() {
    let good = plan_xlsx();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&good[..])).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            out.write_all(b"<worksheet><sheetData><row><c></row></worksheet>")
                .unwrap();
        } else {
            std::io::copy(&mut f, &mut out).unwrap();
        }
    }
    let broken = out.finish().unwrap().into_inner();
    let e = read(&broken, InputFormat::Xlsx, &opts()).unwrap_err();
    match &e {
        ReadError::Damaged {
            container: Container::Workbook,
            sheet: Some(sheet),
            part: Some(part),
            ..
        } => {
            assert_eq!(part, "xl/worksheets/sheet1.xml");
            assert!(!sheet.is_empty());
            assert!(
                e.to_string()
                    .contains(&format!("sheet {sheet} (part {part})")),
                "{e}"
            );
        }
        other => panic!("expected a damaged sheet, got {other:?}"),
    }
}

#[test]
fn damaged_workbooks_are_corrupt_in_plain_words() {
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for (format, detail) in [
        (
            InputFormat::Xlsx,
            "invalid Zip archive: Could not find EOCD",
        ),
        (
            InputFormat::Xls,
            "its container (an OLE compound file) is damaged or holds no workbook",
        ),
        (InputFormat::Ods, "invalid Zip archive: Could not find EOCD"),
    ] {
        assert_corrupt(&junk, format, detail);
    }
    let good = plan_xlsx();
    assert_corrupt(
        &good[..good.len() / 2],
        InputFormat::Xlsx,
        "invalid Zip archive: Could not find EOCD",
    );
    let mut xls_like = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls_like.extend_from_slice(&junk);
    assert_corrupt(
        &xls_like,
        InputFormat::Xls,
        "its container (an OLE compound file) is damaged or holds no workbook",
    );
    assert_corrupt(
        &good,
        InputFormat::Ods,
        "'mimetype' file not found in archive",
    );
}

const ODS_CONTENT: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">
<office:automatic-styles>
<style:style style:name="ro2" style:family="table-row"><style:table-row-properties fo:break-before="page"/></style:style>
<style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:background-color="#4472c4"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="1-1">
<table:table-column table:number-columns-repeated="8"/>
<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="8"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>事業名</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>一行目</text:p><text:p>二行目</text:p></table:table-cell><table:table-cell/><table:table-cell table:number-columns-spanned="4" office:value-type="string"><text:p>令和5年度</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="4916"><text:p>4,916</text:p></table:table-cell></table:table-row>
<table:table-row table:style-name="ro2"><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:style-name="ce1"/><table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
<table:table table:name="1-2"><table:table-row><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="77.5"/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"##;

fn ods_bytes(content: &str) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let files = [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#,
        ),
        ("content.xml", content),
    ];
    for (name, data) in files {
        zip.start_file(name, stored).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn ods_values_merges_fills_and_breaks() {
    let doc = read(&ods_bytes(ODS_CONTENT), InputFormat::Ods, &opts()).unwrap();
    assert_eq!(doc.sheets, Some(vec!["1-1".to_string(), "1-2".to_string()]));
    let g = &doc.grids[0];
    assert_eq!(g.text(3, 0), "事業名");
    assert_eq!(g.get(3, 0).unwrap().at.short(), "1-1!A4");
    assert_eq!(g.text(3, 1), "一行目\n二行目");
    assert_eq!(g.text(3, 3), "令和5年度");
    assert_eq!(g.get(3, 3).unwrap().col_span, 4);
    assert_eq!(g.text(3, 7), "4,916");
    assert_eq!(g.text(4, 4), "12");
    assert_eq!(g.get(4, 3).unwrap().fill, Some(Rgb(0x44, 0x72, 0xc4)));
    assert_eq!(g.page_breaks, vec![4]);
    assert_eq!((g.rows(), g.cols()), (5, 8));
    assert_eq!(doc.grids[1].text(0, 0), "TRUE");
    assert_eq!(
        doc.grids[1].text(0, 1),
        "77.5",
        "a number without display text"
    );
}

/// A small deterministic generator for the damage tests.
fn lcg(seed: &mut u64) -> usize {
    *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    (*seed >> 33) as usize
}

/// Overwrite a few bytes or cut the tail, many times over: every result
/// must be a document or an error, never a panic or a hang, not even a
/// panic the reader's guard catches (`ReadError::ParserFailed`; with
/// `DXPLAN_INJECT_PANIC=sheet` and the `fault-injection` feature every
/// round is one, and this fails).
fn damage_never_panics(good: &[u8], format: InputFormat, rounds: usize) {
    let mut seed = 42;
    for round in 0..rounds {
        let mut bytes = good.to_vec();
        for _ in 0..1 + lcg(&mut seed) % 8 {
            let at = lcg(&mut seed) % bytes.len();
            bytes[at] = lcg(&mut seed) as u8;
        }
        if lcg(&mut seed) % 4 == 0 {
            bytes.truncate(1 + lcg(&mut seed) % bytes.len());
        }
        if let Err(ReadError::ParserFailed { panic, .. }) = read(&bytes, format, &opts()) {
            panic!("{format:?}, round {round}: a caught panic at {panic:?}");
        }
    }
}

#[test]
fn damaged_xlsx_and_ods_never_panic() {
    damage_never_panics(&plan_xlsx(), InputFormat::Xlsx, 300);
    damage_never_panics(&ods_bytes(ODS_CONTENT), InputFormat::Ods, 300);
}

#[test]
fn formatting_far_past_the_content_is_not_counted() {
    // Styled but empty cells out to XFD1048576, as Gnumeric writes them:
    // the limit counts the cells with content.
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "事業名").unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_bold();
    s.write_blank(1_048_575, 16_383, &fmt).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let doc = read(&bytes, InputFormat::Xlsx, &opts()).unwrap();
    assert_eq!((doc.grids[0].rows(), doc.grids[0].cols()), (1, 1));
}
