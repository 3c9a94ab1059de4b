//! Each text-decoding path, through whole synthetic PDFs.

use lopdf::{Dictionary, Object, ObjectId, dictionary};

use crate::read::pdf::font::truetype::tests::font_with_cmap;
use crate::read::pdf::testpdf::{TestPdf, content, texts};

fn show(font: &str, hex: &str) -> Vec<u8> {
    format!("BT /{font} 12 Tf 50 700 Td <{hex}> Tj ET").into_bytes()
}

fn to_unicode(pdf: &mut TestPdf, body: &str) -> ObjectId {
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n{body}\nendcmap CMapName currentdict /CMap defineresource pop end end"
    );
    pdf.stream(Dictionary::new(), cmap.as_bytes())
}

fn simple_truetype(pdf: &mut TestPdf, name: &str, extra: Dictionary) -> ObjectId {
    let mut d = dictionary! {
        "Type" => "Font",
        "Subtype" => "TrueType",
        "BaseFont" => name,
        "FirstChar" => 0,
        "Widths" => vec![Object::Integer(1000); 256],
    };
    for (k, v) in extra.iter() {
        d.set(k.clone(), v.clone());
    }
    pdf.add(d)
}

#[test]
fn to_unicode_bfchar_bfrange_and_array_form() {
    let mut pdf = TestPdf::new();
    let tu = to_unicode(
        &mut pdf,
        "1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar <01> <4E8B> <02> <696D> endbfchar
2 beginbfrange <03> <04> <0041> <05> <06> [<3042> <3044>] endbfrange",
    );
    let f = simple_truetype(
        &mut pdf,
        "ABCDEF+IPAexGothic",
        dictionary! { "ToUnicode" => tu },
    );
    pdf.page(&[("F1", f)], &show("F1", "010203040506"));
    assert_eq!(texts(&pdf.bytes()), ["事業ABあい"]);
}

#[test]
fn win_ansi_standard_font() {
    let mut pdf = TestPdf::new();
    let f = pdf.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    pdf.page(
        &[("F1", f)],
        b"BT /F1 12 Tf 50 700 Td (Caf\\351 \\223x\\224 \\200) Tj ET",
    );
    assert_eq!(texts(&pdf.bytes()), ["Café “x” €"]);
}

#[test]
fn differences_with_glyph_names() {
    let mut pdf = TestPdf::new();
    let enc = dictionary! {
        "Type" => "Encoding",
        "BaseEncoding" => "WinAnsiEncoding",
        "Differences" => vec![65.into(), "uni4E8B".into(), "bullet".into(), "filledbox".into(), 100.into(), "u2000B".into()],
    };
    let f = pdf.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Custom", "Encoding" => enc,
    });
    pdf.page(&[("F1", f)], b"BT /F1 12 Tf 50 700 Td (ABCad) Tj ET");
    assert_eq!(texts(&pdf.bytes()), ["事•■a\u{2000B}"]);
}

#[test]
fn identity_h_through_adobe_japan1() {
    let mut pdf = TestPdf::new();
    let f = pdf.type0(
        "Identity-H".into(),
        "CIDFontType0",
        "Japan1",
        Dictionary::new(),
    );
    // CID 1125 = 亜, 842 = ぁ, 34 = A.
    pdf.page(&[("F1", f)], &show("F1", "0465034a0022"));
    assert_eq!(texts(&pdf.bytes()), ["亜ぁA"]);
}

#[test]
fn unijis_ucs2_and_utf16() {
    let mut pdf = TestPdf::new();
    let f = pdf.type0(
        "UniJIS-UCS2-H".into(),
        "CIDFontType0",
        "Japan1",
        Dictionary::new(),
    );
    let g = pdf.type0(
        "UniJIS-UTF16-H".into(),
        "CIDFontType0",
        "Japan1",
        Dictionary::new(),
    );
    let content =
        "BT /F1 12 Tf 50 700 Td <4e8b696d> Tj ET BT /F2 12 Tf 50 600 Td <d840dc0b0041> Tj ET";
    pdf.page(&[("F1", f), ("F2", g)], content.as_bytes());
    assert_eq!(texts(&pdf.bytes()), ["事業", "\u{2000B}A"]);
}

#[test]
fn shift_jis_90ms_rksj() {
    let mut pdf = TestPdf::new();
    // 90ms-RKSJ-H sends single-byte codes to the half-width CIDs 231–325
    // (Adobe's CMap), not the proportional 1–95; only the former are listed.
    let w = dictionary! { "W" => vec![231.into(), 325.into(), 500.into()] };
    let f = pdf.type0("90ms-RKSJ-H".into(), "CIDFontType0", "Japan1", w);
    pdf.page(&[("F1", f)], &show("F1", "8e968bc641"));
    let bytes = pdf.bytes();
    assert_eq!(texts(&bytes), ["事業A"]);
    // 'A' is a half-width CID: narrower than the ideographs before it.
    let c = content(&bytes);
    let w = |i: usize| c.glyphs[i].bbox.width();
    assert!(w(2) < 0.6 * w(0), "{} vs {}", w(2), w(0));
}

#[test]
fn type3_font_with_char_procs() {
    let mut pdf = TestPdf::new();
    let proc_ = pdf.stream(Dictionary::new(), b"100 0 0 0 90 90 d1 0 0 90 90 re f");
    let f = pdf.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type3",
        "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
        "FontBBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
        "CharProcs" => dictionary! { "filledbox" => proc_, "a" => proc_ },
        "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => vec![1.into(), "filledbox".into(), "a".into()] },
        "FirstChar" => 1, "LastChar" => 2, "Widths" => vec![100.into(), 50.into()],
    });
    pdf.page(&[("F1", f)], &show("F1", "010201"));
    let bytes = pdf.bytes();
    assert_eq!(texts(&bytes), ["■a■"]);
    // Widths are in glyph space: 100 × 0.01 = one em, 50 → half an em.
    let c = content(&bytes);
    assert!((c.glyphs[1].bbox.x0 - c.glyphs[0].bbox.x0 - 12.0).abs() < 0.01);
    assert!((c.glyphs[2].bbox.x0 - c.glyphs[1].bbox.x0 - 6.0).abs() < 0.01);
}

#[test]
fn fake_bold_drawn_twice_reads_once() {
    let mut pdf = TestPdf::new();
    let f = pdf.standard_font("Helvetica");
    let content = "BT /F1 12 Tf 50 700 Td (Bold) Tj ET BT /F1 12 Tf 50.4 700.2 Td (Bold) Tj ET";
    pdf.page(&[("F1", f)], content.as_bytes());
    assert_eq!(texts(&pdf.bytes()), ["Bold"]);
}

#[test]
fn embedded_font_cmap_beats_a_lying_to_unicode() {
    let mut pdf = TestPdf::new();
    let ttf = font_with_cmap(&[(0x4E00, 5), (0x2F00, 5), (0x4E8C, 6), (0x2F06, 6)], &[]);
    let file = pdf.stream(Dictionary::new(), &ttf);
    let desc = pdf.add(dictionary! {
        "Type" => "FontDescriptor", "FontName" => "Lying", "Flags" => 4, "FontFile2" => file,
    });
    let tu = to_unicode(
        &mut pdf,
        "1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0005> <2F00> <0006> <2F06> <0007> <2F08> endbfchar",
    );
    let f = pdf.type0(
        "Identity-H".into(),
        "CIDFontType2",
        "Identity",
        dictionary! { "FontDescriptor" => desc, "CIDToGIDMap" => "Identity" },
    );
    pdf.doc.get_dictionary_mut(f).unwrap().set("ToUnicode", tu);
    pdf.page(&[("F1", f)], &show("F1", "000500060007"));
    // Glyphs 5 and 6 are 一 and 二 by the font's own cmap; glyph 7 is
    // unknown to it, so the ToUnicode claim (⼈) stays.
    assert_eq!(texts(&pdf.bytes()), ["一二\u{2F08}"]);
}

#[test]
fn wingdings_codes_become_marks() {
    let mut pdf = TestPdf::new();
    let desc = pdf.add(
        dictionary! { "Type" => "FontDescriptor", "FontName" => "Wingdings-Regular", "Flags" => 4 },
    );
    let f = simple_truetype(
        &mut pdf,
        "Wingdings-Regular",
        dictionary! { "FontDescriptor" => desc },
    );
    let tu = to_unicode(&mut pdf, "1 beginbfchar <6C> <F06C> endbfchar");
    let g = simple_truetype(
        &mut pdf,
        "Wingdings",
        dictionary! { "FontDescriptor" => desc, "ToUnicode" => tu },
    );
    let content = "BT /F1 12 Tf 50 700 Td (nu\\374) Tj ET BT /F2 12 Tf 50 600 Td (l) Tj ET";
    pdf.page(&[("F1", f), ("F2", g)], content.as_bytes());
    assert_eq!(texts(&pdf.bytes()), ["■◆✓", "●"]);
}

#[test]
fn vertical_writing_reads_down_the_column() {
    let mut pdf = TestPdf::new();
    let f = pdf.type0(
        "Identity-V".into(),
        "CIDFontType0",
        "Japan1",
        Dictionary::new(),
    );
    pdf.page(&[("F1", f)], &show("F1", "0465034a"));
    let bytes = pdf.bytes();
    assert_eq!(texts(&bytes), ["亜ぁ"]);
    let c = content(&bytes);
    let (a, b) = (c.glyphs[0].bbox, c.glyphs[1].bbox);
    assert!(
        (b.y0 - a.y1).abs() < 0.5 && (a.x0 - b.x0).abs() < 0.01,
        "{a:?} {b:?}"
    );
}

#[test]
fn fonts_without_unicode_are_reported() {
    let mut pdf = TestPdf::new();
    let f = pdf.type0(
        "Identity-H".into(),
        "CIDFontType2",
        "Identity",
        Dictionary::new(),
    );
    pdf.page(&[("F1", f)], &show("F1", "00050006"));
    let e = crate::read::pdf::read(&pdf.bytes(), &crate::read::ReadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("cannot be decoded"), "{e}");

    let mut pdf = TestPdf::new();
    let f = pdf.type0(
        "Identity-H".into(),
        "CIDFontType2",
        "Identity",
        Dictionary::new(),
    );
    let g = pdf.standard_font("Helvetica");
    let content = "BT /F1 12 Tf 50 700 Td <0005> Tj ET BT /F2 12 Tf 50 600 Td (ok) Tj ET";
    pdf.page(&[("F1", f), ("F2", g)], content.as_bytes());
    let doc = crate::read::pdf::read(&pdf.bytes(), &crate::read::ReadOptions::default()).unwrap();
    assert_eq!(doc.grids[0].text(0, 0), "ok");
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.code == "unmapped_glyphs" && w.message.contains("TestCID")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn symbolic_fonts_without_an_encoding() {
    let mut pdf = TestPdf::new();
    // A symbol font ((3,0) subtable, no Unicode one): private-use codes.
    let ttf = font_with_cmap(&[], &[(0xF041, 3)]);
    let file = pdf.stream(Dictionary::new(), &ttf);
    let sym = pdf.add(dictionary! { "Type" => "FontDescriptor", "FontName" => "Marks", "Flags" => 4, "FontFile2" => file });
    let f = simple_truetype(&mut pdf, "Marks", dictionary! { "FontDescriptor" => sym });
    // A font merely flagged symbolic: plain codes.
    let plain =
        pdf.add(dictionary! { "Type" => "FontDescriptor", "FontName" => "Plain", "Flags" => 4 });
    let g = simple_truetype(&mut pdf, "Plain", dictionary! { "FontDescriptor" => plain });
    let content = "BT /F1 12 Tf 50 700 Td (A) Tj ET BT /F2 12 Tf 50 600 Td (A) Tj ET";
    pdf.page(&[("F1", f), ("F2", g)], content.as_bytes());
    assert_eq!(texts(&pdf.bytes()), ["\u{F041}", "A"]);
}

#[test]
fn standard_fonts_without_widths_use_adobe_metrics() {
    let mut pdf = TestPdf::new();
    let helv = pdf.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let times = pdf.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Bold",
    });
    pdf.page(
        &[("F1", helv), ("F2", times)],
        b"BT /F1 10 Tf 50 700 Td (iW) Tj ET BT /F2 10 Tf 50 600 Td (iW) Tj ET",
    );
    let c = content(&pdf.bytes());
    let w: Vec<f32> = c.glyphs.iter().map(|g| g.bbox.width()).collect();
    // Helvetica i = 222, W = 944; Times-Bold i = 278, W = 1000 (per 1000 em).
    let near = |a: f32, b: f32| (a - b).abs() < 0.05;
    assert!(near(w[0], 2.22) && near(w[1], 9.44), "{w:?}");
    assert!(near(w[2], 2.78) && near(w[3], 10.0), "{w:?}");
}

#[test]
fn standard_font_names_pick_their_metrics() {
    use super::std14::FONTS;
    let pick = |n: &str| match super::load::std14_index(n) {
        Some(i) => FONTS[i],
        None => "none",
    };
    assert_eq!(pick("Helvetica"), "Helvetica");
    assert_eq!(pick("Arial,BoldItalic"), "Helvetica-BoldOblique");
    assert_eq!(pick("Arial-BoldMT"), "Helvetica-Bold");
    assert_eq!(pick("Times-Italic"), "Times-Italic");
    assert_eq!(pick("TimesNewRomanPS-BoldMT"), "Times-Bold");
    assert_eq!(pick("MS-Mincho"), "none");
}

#[test]
fn type3_numeric_glyph_names_are_codes() {
    let mut pdf = TestPdf::new();
    let proc_ = pdf.stream(Dictionary::new(), b"100 0 0 0 90 90 d1 0 0 90 90 re f");
    let f = pdf.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type3",
        "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
        "FontBBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
        "CharProcs" => dictionary! { "65" => proc_, "a66" => proc_, "C67" => proc_ },
        "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => vec![1.into(), "65".into(), "a66".into(), "C67".into()] },
        "FirstChar" => 1, "LastChar" => 3, "Widths" => vec![100.into(), 100.into(), 100.into()],
    });
    pdf.page(&[("F1", f)], &show("F1", "010203"));
    assert_eq!(texts(&pdf.bytes()), ["ABC"]);
}

#[test]
fn font_names_in_shift_jis_and_unnamed_fonts() {
    use crate::read::pdf::Reader;
    let mut pdf = TestPdf::new();
    // ＭＳ明朝 in Shift_JIS, as Japanese Windows writes BaseFont; no text.
    let sjis = Object::Name(b"\x82\x6c\x82\x72\x96\xbe\x92\xa9".to_vec());
    let f = pdf.add(dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => sjis,
        "Encoding" => dictionary! { "Differences" => vec![1.into(), "g7".into()] },
        "FirstChar" => 1, "Widths" => vec![Object::Integer(500)],
        "FontDescriptor" => dictionary! { "Flags" => 4 },
    });
    let g = pdf.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type3",
        "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()],
        "Encoding" => dictionary! { "Differences" => vec![1.into(), "blot".into()] },
        "FirstChar" => 1, "Widths" => vec![Object::Integer(500)],
    });
    pdf.page(
        &[("F1", f), ("T3", g)],
        b"BT /F1 12 Tf 50 700 Td <01> Tj /T3 12 Tf <01> Tj ET",
    );
    let bytes = pdf.bytes();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let opts = crate::read::ReadOptions::default();
    let mut reader = Reader::new(&doc, &opts);
    let page = doc.get_pages()[&1];
    reader.page(1, page).unwrap();
    let names: Vec<String> = reader
        .fonts
        .unmapped()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["/T3 (a font without a name)", "ＭＳ明朝"]);
}
