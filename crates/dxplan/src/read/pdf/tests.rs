//! The reader on synthetic PDFs: tables from rules, merged cells, fills,
//! reading order, rotation, form XObjects, encryption, missing text, limits.

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::encryption::crypt_filters::{Aes128CryptFilter, Aes256CryptFilter, CryptFilter};
use lopdf::{Dictionary, EncryptionState, EncryptionVersion, Object, Permissions, dictionary};

use crate::error::ReadError;
use crate::grid::{Loc, Rgb};
use crate::read::ReadOptions;
use crate::read::pdf::testpdf::{TestPdf, read, texts};

/// Text at (x, y) in user space with Helvetica 10.
fn text_at(x: f32, y: f32, s: &str) -> String {
    format!("BT /F1 10 Tf {x} {y} Td ({s}) Tj ET\n")
}

/// Stroked lines `(x0, y0, x1, y1)`.
fn lines(ls: &[(f32, f32, f32, f32)]) -> String {
    let mut s = String::from("0.5 w\n");
    for (a, b, c, d) in ls {
        s.push_str(&format!("{a} {b} m {c} {d} l S\n"));
    }
    s
}

/// A 3×3 table at x 100..400, y 700..550 (50 pt cells) with the border
/// between the two top-left cells missing and slightly jittered rules.
fn table_content() -> String {
    let mut s = lines(&[
        (100.0, 700.0, 400.0, 700.0),
        (100.0, 650.4, 400.0, 650.4),
        (100.0, 599.6, 250.0, 599.6),
        (250.0, 600.0, 400.0, 600.0),
        (100.0, 550.0, 400.0, 550.0),
        (100.0, 700.0, 100.0, 550.0),
        (200.3, 650.0, 200.3, 550.0),
        (300.0, 700.0, 300.0, 550.0),
        (399.5, 700.0, 399.5, 550.0),
    ]);
    s.push_str(&text_at(110.0, 680.0, "Merged"));
    s.push_str(&text_at(310.0, 680.0, "R 4"));
    s.push_str(&text_at(110.0, 630.0, "a"));
    s.push_str(&text_at(110.0, 615.0, "b"));
    s.push_str(&text_at(210.0, 630.0, "c"));
    s
}

fn table_pdf(extra: &str) -> Vec<u8> {
    table_pdf_with(extra, Dictionary::new())
}

fn table_pdf_with(extra: &str, page_keys: Dictionary) -> Vec<u8> {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let content = format!(
        "{}{}{}\n{}",
        text_at(100.0, 750.0, "Title above"),
        table_content(),
        extra,
        text_at(100.0, 500.0, "Note below")
    );
    let res = dictionary! { "Font" => dictionary! { "F1" => f } };
    pdf.page_with(res, content.as_bytes(), page_keys);
    pdf.bytes()
}

#[test]
fn ruled_table_with_merged_cell_and_text_rows() {
    let g = &read(&table_pdf(""))[0];
    assert_eq!((g.rows(), g.cols()), (5, 3));
    assert_eq!(g.text(0, 0), "Title above");
    assert_eq!(g.text(1, 0), "Merged");
    assert_eq!(g.get(1, 0).unwrap().col_span, 2);
    assert_eq!(g.anchor_of(1, 1), (1, 0));
    assert_eq!(g.text(1, 2), "R 4");
    assert_eq!(g.text(2, 0), "a\nb");
    assert_eq!(g.text(2, 1), "c");
    assert_eq!(g.text(4, 0), "Note below");
    let Loc::Page { page, bbox, .. } = &g.get(1, 0).unwrap().at else {
        panic!()
    };
    assert_eq!(*page, 1);
    assert!(
        (bbox[0] - 100.0).abs() < 1.0 && (bbox[1] - 100.0).abs() < 1.0,
        "{bbox:?}"
    );
    assert!(
        (bbox[2] - 300.0).abs() < 1.0 && (bbox[3] - 150.0).abs() < 1.0,
        "{bbox:?}"
    );
}

#[test]
fn fills_mark_cells_and_bars_mark_each_cell() {
    // A cell fill in (row 2, col 0) and a bar across the bottom row.
    let fills = "0.2 0.4 0.8 rg 101 601 98 48 re f 1 0 0 rg 100 560 300 30 re f";
    let g = &read(&table_pdf(fills))[0];
    assert_eq!(g.get(2, 0).unwrap().fill, Some(Rgb(51, 102, 204)));
    assert_eq!(g.get(2, 1).unwrap().fill, None);
    for c in 0..3 {
        assert_eq!(g.get(3, c).unwrap().fill, Some(Rgb(255, 0, 0)), "col {c}");
    }
    assert!(g.get(1, 2).unwrap().fill.is_none());
}

#[test]
fn thin_filled_rectangles_rule_a_table() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let mut s = String::from("0 g\n");
    for y in [700.0, 650.0, 600.0] {
        s.push_str(&format!("100 {y} 200 0.6 re\n"));
    }
    for x in [100.0, 200.0, 300.0] {
        s.push_str(&format!("{x} 600 0.6 100.6 re\n"));
    }
    s.push_str("f\n");
    s.push_str(&text_at(110.0, 680.0, "x"));
    s.push_str(&text_at(210.0, 630.0, "y"));
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!((g.rows(), g.cols()), (2, 2));
    assert_eq!(g.text(0, 0), "x");
    assert_eq!(g.text(1, 1), "y");
}

#[test]
fn rotated_page_reads_in_display_order() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    // Text drawn upwards on a page shown turned 90° clockwise reads left to right.
    let content = "BT /F1 10 Tf 0 1 -1 0 80 100 Tm (first) Tj ET BT /F1 10 Tf 0 1 -1 0 100 100 Tm (second) Tj ET";
    pdf.page_with(
        dictionary! { "Font" => dictionary! { "F1" => f } },
        content.as_bytes(),
        dictionary! { "Rotate" => 90 },
    );
    let bytes = pdf.bytes();
    assert_eq!(texts(&bytes), ["first", "second"]);
    let g = &read(&bytes)[0];
    let Loc::Page { bbox, .. } = g.get(0, 0).unwrap().at else {
        panic!()
    };
    // x of the display is y of the page: the text starts at 100.
    assert!((bbox[0] - 100.0).abs() < 1.0, "{bbox:?}");
}

fn form_pdf(form_content: &[u8], self_ref: bool) -> Vec<u8> {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let form_id = pdf.doc.new_object_id();
    let mut xobjects = Dictionary::new();
    xobjects.set("X1", form_id);
    let res = dictionary! { "Font" => dictionary! { "F1" => f }, "XObject" => xobjects.clone() };
    let mut dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
        "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), Object::Integer(-100)],
    };
    if self_ref {
        dict.set("Resources", res.clone());
    }
    pdf.doc.objects.insert(
        form_id,
        lopdf::Stream::new(dict, form_content.to_vec()).into(),
    );
    pdf.page_with(
        res,
        format!("{}/X1 Do", text_at(50.0, 700.0, "page")).as_bytes(),
        Dictionary::new(),
    );
    pdf.bytes()
}

#[test]
fn form_xobjects_with_matrix() {
    let bytes = form_pdf(text_at(50.0, 700.0, "form").as_bytes(), false);
    assert_eq!(texts(&bytes), ["page", "form"]);
    let g = &read(&bytes)[0];
    let Loc::Page { bbox, .. } = g.get(1, 0).unwrap().at else {
        panic!()
    };
    assert!(bbox[1] > 150.0, "moved down 100 pt by /Matrix: {bbox:?}");
}

#[test]
fn form_drawing_itself_stops() {
    let bytes = form_pdf(
        format!("{}/X1 Do", text_at(50.0, 700.0, "again")).as_bytes(),
        true,
    );
    let doc = crate::read::pdf::read(&bytes, &ReadOptions::default()).unwrap();
    assert!(
        doc.warnings.iter().any(|w| w.code == "xobject_cycle"),
        "{:?}",
        doc.warnings
    );
    assert_eq!(doc.grids[0].text(0, 0), "page");
    let mut opts = ReadOptions::default();
    opts.limits.max_xobject_depth = 0;
    let e = crate::read::pdf::read(&bytes, &opts).unwrap_err();
    assert!(
        matches!(
            e,
            ReadError::Limit {
                which: crate::error::Limit::XobjectDepth,
                limit: 0,
                ..
            }
        ),
        "{e}"
    );
}

fn simple_pdf() -> TestPdf {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    pdf.page(&[("F1", f)], text_at(50.0, 700.0, "secret").as_bytes());
    pdf.finish();
    pdf
}

fn encrypted(version: u8, user: &str) -> Vec<u8> {
    let mut pdf = simple_pdf();
    let filter = |f: Arc<dyn CryptFilter>| BTreeMap::from([(b"StdCF".to_vec(), f)]);
    let doc = &pdf.doc;
    let v = match version {
        2 => EncryptionVersion::V2 {
            document: doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: Permissions::PRINTABLE,
        },
        4 => EncryptionVersion::V4 {
            document: doc,
            encrypt_metadata: true,
            crypt_filters: filter(Arc::new(Aes128CryptFilter)),
            stream_filter: b"StdCF".to_vec(),
            string_filter: b"StdCF".to_vec(),
            owner_password: "owner",
            user_password: user,
            permissions: Permissions::PRINTABLE,
        },
        _ => EncryptionVersion::V5 {
            encrypt_metadata: true,
            crypt_filters: filter(Arc::new(Aes256CryptFilter)),
            file_encryption_key: &[7; 32],
            stream_filter: b"StdCF".to_vec(),
            string_filter: b"StdCF".to_vec(),
            owner_password: "owner",
            user_password: user,
            permissions: Permissions::PRINTABLE,
        },
    };
    let state = EncryptionState::try_from(v).unwrap();
    pdf.doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    pdf.doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn owner_locked_files_read_without_a_password() {
    for v in [2, 4, 5] {
        let bytes = encrypted(v, "");
        assert!(!bytes.windows(6).any(|w| w == b"secret"), "V{v} encrypted");
        assert_eq!(texts(&bytes), ["secret"], "V{v}");
    }
}

#[test]
fn user_password_required_wrong_and_right() {
    for v in [2, 4, 5] {
        let bytes = encrypted(v, "pw");
        let e = crate::read::pdf::read(&bytes, &ReadOptions::default()).unwrap_err();
        assert!(matches!(e, ReadError::PasswordRequired), "V{v}: {e}");
        let wrong = ReadOptions {
            password: Some("nope".into()),
            ..ReadOptions::default()
        };
        let e = crate::read::pdf::read(&bytes, &wrong).unwrap_err();
        assert!(matches!(e, ReadError::WrongPassword), "V{v}: {e}");
        let right = ReadOptions {
            password: Some("pw".into()),
            ..ReadOptions::default()
        };
        let doc = crate::read::pdf::read(&bytes, &right).unwrap();
        assert_eq!(doc.grids[0].text(0, 0), "secret", "V{v}");
    }
}

#[test]
fn image_only_page_has_no_text() {
    let mut pdf = TestPdf::new();
    let img = pdf.stream(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        b"\x80",
    );
    let res = dictionary! { "XObject" => dictionary! { "Im1" => img } };
    pdf.page_with(res, b"q 500 0 0 700 50 50 cm /Im1 Do Q", Dictionary::new());
    let e = crate::read::pdf::read(&pdf.bytes(), &ReadOptions::default()).unwrap_err();
    assert!(matches!(e, ReadError::NoText), "{e}");
}

#[test]
fn cell_limit() {
    let mut opts = ReadOptions::default();
    opts.limits.max_cells = 5;
    let e = crate::read::pdf::read(&table_pdf(""), &opts).unwrap_err();
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

#[test]
fn damaged_files() {
    for bad in [
        &b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"[..],
        b"%PDF-",
    ] {
        let e = crate::read::pdf::read(bad, &ReadOptions::default()).unwrap_err();
        assert!(
            matches!(
                e,
                ReadError::Damaged {
                    container: crate::error::Container::Pdf,
                    ..
                } | ReadError::Truncated
            ) && e.to_string().starts_with("the PDF is damaged"),
            "{e}"
        );
    }
}

#[test]
fn clipped_glyphs_and_lines_are_invisible() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Courier");
    // Courier glyphs are 6 pt wide at 10 pt: the clip keeps "abcd" (x 100..124).
    let content = "q 100 690 25 30 re W n BT /F1 10 Tf 100 700 Td (abcdefgh) Tj ET 0 0 m 300 0 l S 100 695 m 300 695 l S Q BT /F1 10 Tf 100 600 Td (after) Tj ET";
    pdf.page(&[("F1", f)], content.as_bytes());
    let bytes = pdf.bytes();
    assert_eq!(texts(&bytes), ["abcd", "after"]);
    let c = crate::read::pdf::testpdf::content(&bytes);
    assert_eq!(c.segments.len(), 1, "{:?}", c.segments);
    assert!(c.segments[0].x1 <= 126.0, "{:?}", c.segments);
}

#[test]
fn text_spilling_over_empty_cells_stays_in_its_cell() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Courier");
    // Three 40 pt columns; the text starts in the first and runs across.
    let mut s = lines(&[
        (100.0, 700.0, 220.0, 700.0),
        (100.0, 680.0, 220.0, 680.0),
        (100.0, 660.0, 220.0, 660.0),
        (100.0, 700.0, 100.0, 660.0),
        (140.0, 700.0, 140.0, 660.0),
        (180.0, 700.0, 180.0, 660.0),
        (220.0, 700.0, 220.0, 660.0),
    ]);
    s.push_str(&text_at(102.0, 685.0, "spilling-over-text"));
    s.push_str(&text_at(102.0, 665.0, "a"));
    s.push_str(&text_at(142.0, 665.0, "b"));
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!(g.text(0, 0), "spilling-over-text");
    assert_eq!((g.text(0, 1), g.text(0, 2)), ("", ""));
    assert_eq!((g.text(1, 0), g.text(1, 1)), ("a", "b"));
}

/// A full-width closing bracket is inked in the left half of its em: the
/// advance of the last one in a cell may reach past the rule (Typst sets
/// it half-width at the line's end) without the cell's text spilling, and
/// the next cell's text, right after the rule, stays in its own cell.
#[test]
fn a_closing_bracket_past_the_rule_does_not_pull_the_next_cell_in() {
    let mut pdf = TestPdf::new();
    let f = pdf.type0(
        "UniJIS-UCS2-H".into(),
        "CIDFontType0",
        "Japan1",
        Dictionary::new(),
    );
    // Two 60 pt columns (rule at x 160); 10 pt glyphs, 10 pt advances:
    // 現（４） from x 122 ends at 162, 目標 starts at 162.5.
    let mut s = lines(&[
        (100.0, 700.0, 220.0, 700.0),
        (100.0, 680.0, 220.0, 680.0),
        (100.0, 700.0, 100.0, 680.0),
        (160.0, 700.0, 160.0, 680.0),
        (220.0, 700.0, 220.0, 680.0),
    ]);
    s.push_str("BT /F1 10 Tf 122 685 Td <73feff08ff14ff09> Tj ET\n");
    s.push_str("BT /F1 10 Tf 162.5 685 Td <76ee6a19> Tj ET\n");
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!((g.text(0, 0), g.text(0, 1)), ("現（４）", "目標"));
}

/// A full-width comma hanging past the end of a cell's line (ぶら下げ, as
/// LibreOffice Impress sets it: its box from just inside the rule to past
/// it, its ink inside) ends that cell's text; the next cell's text right
/// after the rule stays in its own cell.
#[test]
fn a_hanging_comma_stays_in_its_cell() {
    let mut pdf = TestPdf::new();
    let f = pdf.type0(
        "UniJIS-UCS2-H".into(),
        "CIDFontType0",
        "Japan1",
        Dictionary::new(),
    );
    // Two 60 pt columns (rule at x 160); 10 pt glyphs, 10 pt advances:
    // 防災課 from x 127 ends at 157, 、 from 157 to 167 (its box centre past
    // the rule, its ink, the left half, before it); 福祉 from 163.
    let mut s = lines(&[
        (100.0, 700.0, 220.0, 700.0),
        (100.0, 680.0, 220.0, 680.0),
        (100.0, 700.0, 100.0, 680.0),
        (160.0, 700.0, 160.0, 680.0),
        (220.0, 700.0, 220.0, 680.0),
    ]);
    s.push_str("BT /F1 10 Tf 127 685 Td <9632707d8ab23001> Tj ET\n");
    s.push_str("BT /F1 10 Tf 163 685 Td <798f7949> Tj ET\n");
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!((g.text(0, 0), g.text(0, 1)), ("防災課、", "福祉"));
}

/// A column line inside a merged cell is no border to spill over: text
/// that crosses it stays in the merged cell, and the next cell's text,
/// drawn right after the rule without a gap, stays in its own.
#[test]
fn text_across_a_merged_cell_does_not_pull_the_next_cell_in() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Courier");
    // Columns at x 100, 140, 180, 220; row 0 merges the first two (no
    // rule at 140 there), row 1 has three cells.
    let mut s = lines(&[
        (100.0, 700.0, 220.0, 700.0),
        (100.0, 680.0, 220.0, 680.0),
        (100.0, 660.0, 220.0, 660.0),
        (100.0, 700.0, 100.0, 660.0),
        (140.0, 680.0, 140.0, 660.0),
        (180.0, 700.0, 180.0, 660.0),
        (220.0, 700.0, 220.0, 660.0),
    ]);
    // Courier 10: 6 pt a glyph; thirteen a's from 102 end at 180, where
    // the b's start.
    s.push_str(&text_at(102.0, 685.0, "aaaaaaaaaaaaa"));
    s.push_str(&text_at(180.0, 685.0, "bbb"));
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!(g.get(0, 0).unwrap().col_span, 2);
    assert_eq!((g.text(0, 0), g.text(0, 2)), ("aaaaaaaaaaaaa", "bbb"));
}

#[test]
fn a_neighbours_text_set_higher_is_not_text_running_over_the_rule() {
    // Two cells side by side: the left one's last glyph box crosses the
    // rule between them, and the right one's text starts right after the
    // rule, centred 4.5 pt higher (it wraps over two lines). It is the
    // right cell's text, not the left one's running on.
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let mut s = lines(&[
        (100.0, 700.0, 200.0, 700.0),
        (100.0, 670.0, 200.0, 670.0),
        (100.0, 700.0, 100.0, 670.0),
        (140.0, 700.0, 140.0, 670.0),
        (200.0, 700.0, 200.0, 670.0),
    ]);
    s.push_str(&text_at(105.5, 681.0, "1234567"));
    s.push_str(&text_at(144.5, 685.5, "R9: 16"));
    s.push_str(&text_at(144.5, 676.5, "58"));
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!(g.text(0, 0), "1234567");
    assert_eq!(g.text(0, 1), "R9: 16\n58");
}

#[test]
fn figures_of_two_rows_chained_by_a_taller_label_stay_in_their_rows() {
    // A header row with three narrow columns (160|180|200|220), then two
    // rows whose values are merged over them, right-aligned so that the
    // upper value straddles the 200 border; a 14 pt label merged over both
    // rows overlaps the glyphs of each row, chaining them into one visual
    // line. The lower value is not text running on from the upper one.
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let mut s = lines(&[
        (100.0, 700.0, 220.0, 700.0),
        (100.0, 690.0, 220.0, 690.0),
        (160.0, 679.0, 220.0, 679.0),
        (100.0, 668.0, 220.0, 668.0),
        (100.0, 700.0, 100.0, 668.0),
        (160.0, 700.0, 160.0, 668.0),
        (180.0, 700.0, 180.0, 690.0),
        (200.0, 700.0, 200.0, 690.0),
        (220.0, 700.0, 220.0, 668.0),
    ]);
    s.push_str(&text_at(165.0, 692.0, "a"));
    s.push_str(&text_at(185.0, 692.0, "b"));
    s.push_str(&text_at(205.0, 692.0, "c"));
    s.push_str(&text_at(199.0, 681.5, "568"));
    s.push_str(&text_at(204.56, 670.5, "58"));
    s.push_str("BT /F1 14 Tf 102 674.5 Td (Lab) Tj ET\n");
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!(g.text(1, 1), "568");
    assert_eq!(g.text(2, 1), "58");
}

#[test]
fn stacked_tables_share_the_widest_column_set() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let mut rules = vec![
        // Table A: two columns, y 700..680.
        (100.0, 700.0, 300.0, 700.0),
        (100.0, 680.0, 300.0, 680.0),
        (100.0, 700.0, 100.0, 680.0),
        (200.0, 700.0, 200.0, 680.0),
        (300.0, 700.0, 300.0, 680.0),
        // Table B: four columns, y 600..580.
        (100.0, 600.0, 300.0, 600.0),
        (100.0, 580.0, 300.0, 580.0),
    ];
    rules.extend([100.0, 150.0, 200.0, 250.0, 300.0].map(|x| (x, 600.0, x, 580.0)));
    let mut s = lines(&rules);
    s.push_str(&text_at(105.0, 685.0, "A1"));
    s.push_str(&text_at(205.0, 685.0, "A2"));
    s.push_str(&text_at(100.0, 640.0, "between"));
    for (k, x) in [105.0, 155.0, 205.0, 255.0].iter().enumerate() {
        s.push_str(&text_at(*x, 585.0, &format!("B{}", k + 1)));
    }
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!((g.rows(), g.cols()), (3, 4));
    assert_eq!((g.text(0, 0), g.get(0, 0).unwrap().col_span), ("A1", 2));
    assert_eq!((g.text(0, 2), g.get(0, 2).unwrap().col_span), ("A2", 2));
    assert_eq!(g.text(1, 0), "between");
    assert_eq!(g.text(2, 3), "B4");
}

/// A table of three columns under one of four whose boundaries it does not
/// share: its last two cells both lie nearest the master's last column. The
/// grid gains its boundary rather than join the two cells' texts.
#[test]
fn a_stacked_table_keeps_a_column_the_master_lacks() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let mut rules = vec![
        // Table A: four columns at 100, 200, 250, 300, 400; y 700..680.
        (100.0, 700.0, 400.0, 700.0),
        (100.0, 680.0, 400.0, 680.0),
        // Table B: three columns at 100, 300, 360, 400; y 600..580.
        (100.0, 600.0, 400.0, 600.0),
        (100.0, 580.0, 400.0, 580.0),
    ];
    rules.extend([100.0, 200.0, 250.0, 300.0, 400.0].map(|x| (x, 700.0, x, 680.0)));
    rules.extend([100.0, 300.0, 360.0, 400.0].map(|x| (x, 600.0, x, 580.0)));
    let mut s = lines(&rules);
    for (k, x) in [105.0, 205.0, 255.0, 305.0].iter().enumerate() {
        s.push_str(&text_at(*x, 685.0, &format!("A{}", k + 1)));
    }
    for (k, x) in [105.0, 305.0, 365.0].iter().enumerate() {
        s.push_str(&text_at(*x, 585.0, &format!("B{}", k + 1)));
    }
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!((g.rows(), g.cols()), (2, 5));
    assert_eq!((g.text(0, 3), g.get(0, 3).unwrap().col_span), ("A4", 2));
    assert_eq!((g.text(1, 0), g.get(1, 0).unwrap().col_span), ("B1", 3));
    assert_eq!(g.text(1, 3), "B2");
    assert_eq!(g.text(1, 4), "B3");
}

#[test]
fn outlined_bar_marks_cells_without_splitting_them() {
    // A filled and stroked bar (`B`) across the bottom row: its outline
    // must not become ruling lines.
    let g = &read(&table_pdf("1 0.5 0 rg 0 0 1 RG 110 565 280 20 re B"))[0];
    assert_eq!((g.rows(), g.cols()), (5, 3));
    for c in 0..3 {
        assert_eq!(g.get(3, c).unwrap().fill, Some(Rgb(255, 128, 0)), "col {c}");
    }
}

#[test]
fn hostile_ruling_grid_hits_the_cell_limit() {
    let mut pdf = TestPdf::new();
    let mut s = String::from("0.1 w\n");
    for k in 0..1500 {
        let p = k as f32 * 3.0;
        s.push_str(&format!("0 {p} m 4500 {p} l S {p} 0 m {p} 4500 l S\n"));
    }
    pdf.page(&[], s.as_bytes());
    let t = std::time::Instant::now();
    let e = crate::read::pdf::read(&pdf.bytes(), &ReadOptions::default()).unwrap_err();
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
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}

/// Damaged copies of a valid file read or fail, never panic: not even a
/// panic the reader's guard catches, which would come back as
/// `ReadError::ParserFailed` (with `DXPLAN_INJECT_PANIC=pdf` and the
/// `fault-injection` feature, every round does, and this test fails).
#[test]
fn mutated_files_never_panic() {
    let good = table_pdf("0.5 g 101 601 98 48 re f");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..300 {
        let mut bytes = good.clone();
        for _ in 0..1 + round % 8 {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        if round % 5 == 0 {
            let cut = (next() as usize) % bytes.len();
            bytes.truncate(cut.max(1));
        }
        if let Err(ReadError::ParserFailed { panic, .. }) =
            crate::read::pdf::read(&bytes, &ReadOptions::default())
        {
            panic!("round {round}: a caught panic at {panic:?}");
        }
    }
}

#[test]
fn crop_box_moves_the_origin_and_hides_the_rest() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let content = format!(
        "{}{}",
        text_at(100.0, 700.0, "inside"),
        text_at(20.0, 20.0, "cropped")
    );
    pdf.page_with(
        dictionary! { "Font" => dictionary! { "F1" => f } },
        content.as_bytes(),
        dictionary! { "CropBox" => vec![50.into(), 50.into(), 550.into(), 750.into()] },
    );
    let g = &read(&pdf.bytes())[0];
    assert_eq!(g.rows(), 1);
    assert_eq!(g.text(0, 0), "inside");
    let Loc::Page { bbox, .. } = g.get(0, 0).unwrap().at else {
        panic!()
    };
    assert!(
        (bbox[0] - 50.0).abs() < 0.5 && bbox[3] > 50.0 && bbox[3] < 60.0,
        "{bbox:?}"
    );
}

#[test]
fn damaged_content_stream_is_skipped_with_a_warning() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let page = pdf.page(&[("F1", f)], text_at(50.0, 700.0, "kept").as_bytes());
    let broken = pdf.stream(
        dictionary! { "Filter" => "JBIG2Decode" },
        b"not content at all",
    );
    let good = pdf
        .doc
        .get_dictionary(page)
        .unwrap()
        .get(b"Contents")
        .unwrap()
        .clone();
    pdf.doc
        .get_dictionary_mut(page)
        .unwrap()
        .set("Contents", vec![good, broken.into()]);
    let doc = crate::read::pdf::read(&pdf.bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(doc.grids[0].text(0, 0), "kept");
    assert!(
        doc.warnings.iter().any(|w| w.code == "unreadable_content"),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn pages_shown_turned_are_read_upright() {
    let plain = &read(&table_pdf(""))[0];
    for turn in [90, 180, 270] {
        let g = &read(&table_pdf_with("", dictionary! { "Rotate" => turn }))[0];
        assert_eq!(
            (g.rows(), g.cols()),
            (plain.rows(), plain.cols()),
            "Rotate {turn}"
        );
        for r in 0..g.rows() {
            for c in 0..g.cols() {
                assert_eq!(g.text(r, c), plain.text(r, c), "Rotate {turn} ({r}, {c})");
            }
        }
        assert_eq!(g.get(1, 0).unwrap().col_span, 2);
    }
}

#[test]
fn a_short_bar_that_marks_no_cell_is_warned_about() {
    // 30 pt wide inside a 100 pt cell: less than half, so no mark.
    let bytes = table_pdf("1 0 0 rg 310 560 30 30 re f");
    let doc = crate::read::pdf::read(&bytes, &ReadOptions::default()).unwrap();
    let w: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.code == "unplaced_mark")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", doc.warnings);
    assert_eq!(w[0].at.as_deref(), Some("p.1"));
    assert!(doc.grids[0].row(3).iter().all(|c| c.fill.is_none()));
    // A bar over whole cells is a mark and gives no warning.
    let doc = crate::read::pdf::read(
        &table_pdf("1 0 0 rg 110 565 280 20 re f"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(!doc.warnings.iter().any(|w| w.code == "unplaced_mark"));
}

#[test]
fn tables_side_by_side_share_rows_and_keep_their_columns() {
    // Two 2×2 tables at the same height: x 50..250 and 300..500, rows
    // 700..650..600; the right one's middle rule is lower (660).
    let mut content = lines(&[
        (50.0, 700.0, 250.0, 700.0),
        (50.0, 650.0, 250.0, 650.0),
        (50.0, 600.0, 250.0, 600.0),
        (50.0, 700.0, 50.0, 600.0),
        (150.0, 700.0, 150.0, 600.0),
        (250.0, 700.0, 250.0, 600.0),
        (300.0, 700.0, 500.0, 700.0),
        (300.0, 660.0, 500.0, 660.0),
        (300.0, 600.0, 500.0, 600.0),
        (300.0, 700.0, 300.0, 600.0),
        (400.0, 700.0, 400.0, 600.0),
        (500.0, 700.0, 500.0, 600.0),
    ]);
    content.push_str(&text_at(60.0, 680.0, "L1"));
    content.push_str(&text_at(160.0, 680.0, "L2"));
    content.push_str(&text_at(60.0, 620.0, "L3"));
    content.push_str(&text_at(310.0, 680.0, "R1"));
    content.push_str(&text_at(410.0, 620.0, "R4"));
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let res = dictionary! { "Font" => dictionary! { "F1" => f } };
    pdf.page_with(res, content.as_bytes(), Dictionary::new());
    let g = &read(&pdf.bytes())[0];
    // Columns: the left table's two, the gap between, the right one's two.
    assert_eq!(g.cols(), 5, "each table keeps its two columns");
    let find = |t: &str| {
        (0..g.rows())
            .find_map(|r| (0..g.cols()).find(|&c| g.text(r, c) == t).map(|c| (r, c)))
            .unwrap_or_else(|| panic!("{t} not in the grid"))
    };
    assert_eq!(find("L1").0, find("R1").0, "top cells share a row");
    assert_eq!(
        (find("L1").1, find("L2").1, find("R1").1, find("R4").1),
        (0, 1, 3, 4)
    );
    // The lower cells start at their own rule (650 left, 660 right).
    assert_eq!(find("R4").0 + 1, find("L3").0);
}

#[test]
fn overprinted_glyphs_are_read_once() {
    // Fake bold: the same word drawn again 0.3 pt to the right; a second
    // word a full em away stays.
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    pdf.page(
        &[("F1", f)],
        b"BT /F1 12 Tf 50 700 Td (AB) Tj ET BT /F1 12 Tf 50.3 700 Td (AB) Tj ET \
          BT /F1 12 Tf 50 650 Td (C) Tj ET BT /F1 12 Tf 62 650 Td (C) Tj ET",
    );
    assert_eq!(texts(&pdf.bytes()), ["AB", "CC"]);
}

/// Gradients: LibreOffice paints a gradient-filled arrow as ever narrower
/// rectangles clipped to the arrow's outline; that is one fill of the
/// arrow's shape (not a rectangle, its head counting for half), in the
/// first step's colour. A shading painted with `sh` inside a clip is a fill
/// of the clip in the shading's middle colour, and a shading pattern gives
/// a path its middle colour; `sh` without a clip (a page background) is
/// no fill.
#[test]
fn gradients_are_fills_of_the_shape_they_are_clipped_to() {
    let mut pdf = TestPdf::new();
    let shading = dictionary! {
        "ShadingType" => 2,
        "ColorSpace" => "DeviceRGB",
        "Coords" => vec![0.into(), 0.into(), 100.into(), 0.into()],
        "Function" => dictionary! {
            "FunctionType" => 2,
            "Domain" => vec![0.into(), 1.into()],
            "C0" => vec![0.into(), 0.into(), 1.into()],
            "C1" => vec![0.into(), 1.into(), 1.into()],
            "N" => 1,
        },
    };
    let pattern = dictionary! { "PatternType" => 2, "Shading" => shading.clone() };
    let res = dictionary! {
        "Shading" => dictionary! { "Sh1" => shading },
        "Pattern" => dictionary! { "P1" => pattern },
    };
    let content = b"q 0 700 m 100 700 l 100 690 l 140 710 l 100 730 l 100 720 l 0 720 l h W* n \
        0 0 0.5 rg 0 690 140 40 re f 0 0 0.6 rg 10 690 130 40 re f 0 0 0.7 rg 20 690 120 40 re f Q \
        q 200 600 100 20 re W n /Sh1 sh Q \
        /Pattern cs /P1 scn 200 500 100 20 re f \
        /Sh1 sh";
    pdf.page_with(res, content, Dictionary::new());
    let page = crate::read::pdf::testpdf::content(&pdf.bytes());
    let fills: Vec<_> = page
        .fills
        .iter()
        .filter(|f| !f.color.is_whitish())
        .collect();
    assert_eq!(fills.len(), 3, "{fills:?}");
    let arrow = fills[0];
    assert!(!arrow.rect);
    assert_eq!(arrow.color, Rgb(0, 0, 128));
    assert!((arrow.bbox.x1 - 140.0).abs() < 0.5, "{arrow:?}");
    assert!(
        (arrow.core.x1 - 120.0).abs() < 2.0,
        "head for half: {arrow:?}"
    );
    assert_eq!((fills[1].color, fills[1].rect), (Rgb(0, 128, 255), true));
    assert!(
        (fills[1].bbox.width() - 100.0).abs() < 0.5,
        "{:?}",
        fills[1]
    );
    assert_eq!(fills[2].color, Rgb(0, 128, 255));
}

/// Text taller than its row (a spreadsheet's wrapped text centred in a row
/// too low for it) runs over both of the row's rules: its first line
/// stands in the row above, beside that row's own text, and its last in
/// the row below. Set right against the paragraph's middle line, they are
/// that row's; the rows above and below keep their own text.
#[test]
fn text_taller_than_its_row_stays_in_its_row() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Courier");
    // Rows 700-660, 660-645 (15 pt for three 10 pt lines), 645-600.
    let mut s = lines(&[
        (100.0, 700.0, 220.0, 700.0),
        (100.0, 660.0, 220.0, 660.0),
        (100.0, 645.0, 220.0, 645.0),
        (100.0, 600.0, 220.0, 600.0),
        (100.0, 700.0, 100.0, 600.0),
        (220.0, 700.0, 220.0, 600.0),
    ]);
    // A glyph's box runs from 2 pt below the point it is set at to 8 pt
    // above: the paragraph's boxes 667.5-657.5, 657.5-647.5, 647.5-637.5.
    s.push_str(&text_at(102.0, 682.0, "head"));
    s.push_str(&text_at(102.0, 659.5, "p-one"));
    s.push_str(&text_at(102.0, 649.5, "p-two"));
    s.push_str(&text_at(102.0, 639.5, "p-three"));
    s.push_str(&text_at(102.0, 602.0, "c"));
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!(g.text(0, 0), "head");
    assert_eq!(g.text(1, 0), "p-one\np-two\np-three");
    assert_eq!(g.text(2, 0), "c");
}

/// The last line of text taller than its row (a spreadsheet's wrapped
/// year header 2029年度 / (令和11年 / 度) centred in a row two lines high)
/// alone in the empty cell below: it runs over the rule by as much as the
/// paragraph's first line runs over the row's top rule, so it is that
/// row's. A single line just under a rule below text that fits its own
/// cell (a word processor's row grows to hold its text) stays in its cell.
#[test]
fn the_last_line_of_text_over_both_rules_alone_below_stays_in_its_row() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Courier");
    // Rows 700-660, 660-645 (15 pt for three 10 pt lines), 645-600; the
    // row below holds nothing but the paragraph's last line.
    let mut s = lines(&[
        (100.0, 700.0, 220.0, 700.0),
        (100.0, 660.0, 220.0, 660.0),
        (100.0, 645.0, 220.0, 645.0),
        (100.0, 600.0, 220.0, 600.0),
        (100.0, 700.0, 100.0, 600.0),
        (220.0, 700.0, 220.0, 600.0),
    ]);
    s.push_str(&text_at(102.0, 682.0, "head"));
    s.push_str(&text_at(102.0, 659.5, "p-one"));
    s.push_str(&text_at(102.0, 649.5, "p-two"));
    s.push_str(&text_at(102.0, 639.5, "p-three"));
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!(g.text(0, 0), "head");
    assert_eq!(g.text(1, 0), "p-one\np-two\np-three");
    assert_eq!(g.text(2, 0), "");

    // Rows 700-660, 660-630 (its two lines fit), 630-600 whose one line
    // is set right under the rule: its own.
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Courier");
    let mut s = lines(&[
        (100.0, 700.0, 220.0, 700.0),
        (100.0, 660.0, 220.0, 660.0),
        (100.0, 630.0, 220.0, 630.0),
        (100.0, 600.0, 220.0, 600.0),
        (100.0, 700.0, 100.0, 600.0),
        (220.0, 700.0, 220.0, 600.0),
    ]);
    s.push_str(&text_at(102.0, 682.0, "head"));
    s.push_str(&text_at(102.0, 643.0, "p-one"));
    s.push_str(&text_at(102.0, 633.0, "p-two"));
    s.push_str(&text_at(102.0, 623.0, "c"));
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    assert_eq!(g.text(1, 0), "p-one\np-two");
    assert_eq!(g.text(2, 0), "c");
}

/// Text taller than a cell of the table's first row (a spreadsheet's
/// wrapped year header 2027年度 / (令和9年度) / ～ centred in a row too low
/// for it) runs over the table's top rule: its first line stands above
/// the table, outside every cell, and its last in the empty cell below.
/// Both are that cell's. A line set right under a table's bottom rule
/// against its last row's text, which fits its cell (a word processor's
/// row grows to hold its text), stays a line of its own.
#[test]
fn the_first_line_of_text_over_a_tables_top_rule_stays_in_its_cell() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Courier");
    // Rows 700-685 (15 pt for three 10 pt lines), 685-640.
    let mut s = lines(&[
        (100.0, 700.0, 220.0, 700.0),
        (100.0, 685.0, 220.0, 685.0),
        (100.0, 640.0, 220.0, 640.0),
        (100.0, 700.0, 100.0, 640.0),
        (220.0, 700.0, 220.0, 640.0),
    ]);
    // Boxes 707.5-697.5 (over the top rule), 697.5-687.5, 687.5-677.5.
    s.push_str(&text_at(102.0, 740.0, "Title"));
    s.push_str(&text_at(102.0, 699.5, "p-one"));
    s.push_str(&text_at(102.0, 689.5, "p-two"));
    s.push_str(&text_at(102.0, 679.5, "p-three"));
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    let texts: Vec<&str> = (0..g.rows()).map(|r| g.text(r, 0)).collect();
    assert_eq!(texts, ["Title", "p-one\np-two\np-three", ""]);

    // Rows 700-660, 660-640 whose text fits; a line under the table set
    // right against it (box 633-643 over the rule at 640).
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Courier");
    let mut s = lines(&[
        (100.0, 700.0, 220.0, 700.0),
        (100.0, 660.0, 220.0, 660.0),
        (100.0, 640.0, 220.0, 640.0),
        (100.0, 700.0, 100.0, 640.0),
        (220.0, 700.0, 220.0, 640.0),
    ]);
    s.push_str(&text_at(102.0, 682.0, "head"));
    s.push_str(&text_at(102.0, 645.0, "body"));
    s.push_str(&text_at(102.0, 635.0, "below"));
    pdf.page(&[("F1", f)], s.as_bytes());
    let g = &read(&pdf.bytes())[0];
    let texts: Vec<&str> = (0..g.rows()).map(|r| g.text(r, 0)).collect();
    assert_eq!(texts, ["head", "body", "below"]);
}
