//! The PDF reader on real fixtures (a missing fixture fails the test; it once was
//! absent) and hostile inputs.

mod util;

use std::path::{Path, PathBuf};

use dxplan::ReadOptions;
use dxplan::error::ReadError;
use dxplan::internals::grid::Grid;
use dxplan::internals::read::pdf;

fn fixture(rel: &str) -> Vec<u8> {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    // Fixtures are committed: a missing one is a failure, not a skip.
    std::fs::read(&p).unwrap_or_else(|e| panic!("fixture {}: {e}", p.display()))
}

/// A grid as text: one line per row, cells separated by ` | `, merged
/// cells as `<text>{rows×cols}`, covered cells as `^`, fills as `#rrggbb`.
fn render(g: &Grid) -> String {
    let mut s = String::new();
    for r in 0..g.rows() {
        let cells: Vec<String> = g
            .row(r)
            .iter()
            .map(|c| {
                if c.covered_by.is_some() {
                    return "^".to_string();
                }
                let mut t = c.text.replace('\n', "⏎");
                if c.row_span > 1 || c.col_span > 1 {
                    t.push_str(&format!("{{{}×{}}}", c.row_span, c.col_span));
                }
                if let Some(f) = c.fill.filter(|f| !f.is_whitish()) {
                    t.push_str(&format!("#{:02x}{:02x}{:02x}", f.0, f.1, f.2));
                }
                t
            })
            .collect();
        s.push_str(&format!("{r:3}: {}\n", cells.join(" | ")));
    }
    s
}

/// `DXPLAN_PDF=path cargo test --test pdf_reader dump -- --ignored --nocapture`
#[test]
#[ignore]
fn dump() {
    let path = std::env::var("DXPLAN_PDF").expect("set DXPLAN_PDF");
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let doc = pdf::read(&bytes, &ReadOptions::default()).unwrap();
    eprintln!("read in {:?}", t.elapsed());
    let only: Option<usize> = std::env::var("DXPLAN_PAGE")
        .ok()
        .and_then(|p| p.parse().ok());
    for (i, g) in doc.grids.iter().enumerate() {
        if only.is_some_and(|p| p != i + 1) {
            continue;
        }
        println!(
            "=== page {} ({}×{})\n{}",
            i + 1,
            g.rows(),
            g.cols(),
            render(g)
        );
    }
    for w in &doc.warnings {
        println!("warning: {w:?}");
    }
}

#[test]
fn garbage_is_corrupt() {
    let e = pdf::read(
        b"%PDF-1.7\nthis is not a pdf at all",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(
        // No %%EOF at its end either: said as a cut-off file.
        matches!(e, ReadError::Damaged { .. } | ReadError::Truncated)
            && e.to_string().contains("damaged"),
        "{e}"
    );
}

/// The grid of the page whose text rows name a measure (`施策1` of 基本方針1).
fn measure_grid<'a>(grids: &'a [Grid], policy: &str, measure: &str) -> &'a Grid {
    grids
        .iter()
        .find(|g| {
            (0..g.rows()).any(|r| g.text(r, 0).contains(policy) && g.text(r, 0).ends_with(measure))
        })
        .unwrap_or_else(|| panic!("no page for {policy} {measure}"))
}

fn find_row(g: &Grid, label: &str) -> usize {
    (0..g.rows())
        .find(|&r| g.text(r, 0) == label)
        .unwrap_or_else(|| panic!("no row {label}:\n{}", render(g)))
}

/// Measure 1-1 as the recogniser needs it: labels, merged year headers,
/// marks in the quarter cells, costs in the year cells.
fn check_measure_1_1(grids: &[Grid], marks_as_fill: bool) {
    let g = measure_grid(grids, "基本方針1 市民のサービス向上に向けたDX", "施策1");
    assert_eq!(g.cols(), 19, "{}", render(g));
    let name = find_row(g, "事業名");
    assert_eq!(g.text(name, 1), "電子申請の推進");
    assert_eq!(g.get(name, 1).unwrap().col_span, 18);
    let sched = find_row(g, "スケジュール");
    assert_eq!(g.get(sched, 0).unwrap().row_span, 7);
    assert_eq!(g.text(sched, 3), "R 4");
    assert_eq!(g.get(sched, 3).unwrap().col_span, 4);
    assert_eq!(g.text(sched, 15), "R 7");
    let plan = sched + 1;
    assert_eq!(g.text(plan, 1), "対象手続きの見直し");
    assert_eq!(g.text(plan, 2), "計画");
    for c in 3..19 {
        let scheduled = (3..7).contains(&c);
        let cell = g.get(plan, c).unwrap();
        let marked = if marks_as_fill {
            cell.is_filled()
        } else {
            cell.text == "■"
        };
        assert_eq!(marked, scheduled, "column {c}:\n{}", render(g));
    }
    let cost = find_row(g, "事業費");
    assert_eq!(g.text(cost, 1), "単位（千円）");
    assert_eq!(g.text(cost, 3), "792");
    assert_eq!(g.text(cost, 7), "4,916");
    assert_eq!(g.text(cost, 11), "R5一括支払い");
    let content = find_row(g, "内容");
    assert!(
        g.text(content, 1).contains('\n'),
        "wrapped lines joined with \\n"
    );
    match &g.get(cost, 7).unwrap().at {
        dxplan::internals::grid::Loc::Page { page, bbox, .. } => {
            assert_eq!(*page, 3);
            assert!(
                bbox[0] < bbox[2] && bbox[1] < bbox[3] && bbox[3] < 595.0,
                "{bbox:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

fn read_fixture(rel: &str) -> dxplan::internals::read::Document {
    let bytes = fixture(rel);
    pdf::read(&bytes, &ReadOptions::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn libreoffice_calc_ipaex() {
    let doc = read_fixture("shiogama-2024-03/plan-ipaex.pdf");
    assert_eq!(doc.pages, Some(17));
    assert_eq!(doc.grids.len(), 17);
    assert!(doc.sheets.is_none());
    assert_eq!(doc.grids[0].text(0, 0), "塩竈市DX推進アクションプラン");
    check_measure_1_1(&doc.grids, false);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn libreoffice_calc_noto() {
    let doc = read_fixture("shiogama-2024-03/plan-noto.pdf");
    check_measure_1_1(&doc.grids, false);
}

#[test]
fn shaded_quarters_become_fills() {
    let doc = read_fixture("shiogama-2024-03/plan-shaded.pdf");
    check_measure_1_1(&doc.grids, true);
    let g = measure_grid(
        &doc.grids,
        "基本方針1 市民のサービス向上に向けたDX",
        "施策1",
    );
    let plan = find_row(g, "スケジュール") + 1;
    assert_eq!(
        g.get(plan, 3).unwrap().fill,
        Some(dxplan::internals::grid::Rgb(0x5B, 0x9B, 0xD5))
    );
}

#[test]
fn libreoffice_writer_table() {
    let doc = read_fixture("shiogama-2024-03/plan-writer.pdf");
    check_measure_1_1(&doc.grids, false);
}

#[test]
fn owner_locked_file_reads_without_a_password() {
    let doc = read_fixture("shiogama-2024-03/plan-ipaex-locked.pdf");
    check_measure_1_1(&doc.grids, false);
}

#[test]
fn user_password() {
    let bytes = fixture("bad/user-password.pdf");
    let e = pdf::read(&bytes, &ReadOptions::default()).unwrap_err();
    assert!(matches!(e, ReadError::PasswordRequired), "{e}");
    let wrong = ReadOptions {
        password: Some("nope".into()),
        ..ReadOptions::default()
    };
    let e = pdf::read(&bytes, &wrong).unwrap_err();
    assert!(matches!(e, ReadError::WrongPassword), "{e}");
    let right = ReadOptions {
        password: Some("user".into()),
        ..ReadOptions::default()
    };
    let doc = pdf::read(&bytes, &right).unwrap();
    assert_eq!(doc.pages, Some(2));
    assert_eq!(doc.grids[0].text(0, 0), "塩竈市DX推進アクションプラン");
}

#[test]
fn scan_has_no_text() {
    let bytes = fixture("bad/scan.pdf");
    let e = pdf::read(&bytes, &ReadOptions::default()).unwrap_err();
    assert!(matches!(e, ReadError::NoText), "{e}");
}

/// A download cut off at a third: found to be cut short (no `%%EOF`), not
/// read as far as it goes nor refused as damaged.
#[test]
fn truncated_file() {
    let bytes = fixture("shiogama-2024-03/plan-ipaex.pdf");
    let e = pdf::read(&bytes[..bytes.len() / 3], &ReadOptions::default()).unwrap_err();
    assert!(matches!(e, ReadError::Truncated), "{e:?}");
    assert!(e.to_string().contains("the file ends early"), "{e}");
}

#[test]
fn page_limit() {
    let bytes = fixture("shiogama-2024-03/plan-ipaex.pdf");
    let mut opts = ReadOptions::default();
    opts.limits.max_pages = 5;
    let e = pdf::read(&bytes, &opts).unwrap_err();
    assert!(
        matches!(
            e,
            ReadError::Limit {
                which: dxplan::error::Limit::Pages,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn stream_and_total_limits() {
    let bytes = fixture("shiogama-2024-03/plan-ipaex.pdf");
    let mut opts = ReadOptions::default();
    opts.limits.max_stream_bytes = 1000;
    let e = pdf::read(&bytes, &opts).unwrap_err();
    assert!(
        matches!(
            e,
            ReadError::Limit {
                which: dxplan::error::Limit::StreamBytes,
                ..
            }
        ),
        "{e}"
    );
    let mut opts = ReadOptions::default();
    opts.limits.max_total_bytes = 50_000;
    let e = pdf::read(&bytes, &opts).unwrap_err();
    assert!(
        matches!(
            e,
            ReadError::Limit {
                which: dxplan::error::Limit::TotalBytes,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn inspect_draws_cells_rules_and_glyphs() {
    let bytes = fixture("shiogama-2024-03/plan-ipaex.pdf");
    let svg = pdf::inspect_svg(&bytes, &ReadOptions::default(), 3).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..100]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(">電<"), "glyph text drawn");
    assert!(svg.contains("<line"), "rules drawn");
    assert!(svg.contains(">2,1</text>"), "cell labels drawn");
    let e = pdf::inspect_svg(&bytes, &ReadOptions::default(), 99).unwrap_err();
    assert!(e.to_string().contains("no page 99"), "{e}");
}

/// `DXPLAN_PDF=path DXPLAN_PAGE=n cargo test --test pdf_reader svg_dump -- --ignored`
#[test]
#[ignore]
fn svg_dump() {
    let path = std::env::var("DXPLAN_PDF").expect("set DXPLAN_PDF");
    let page: u32 = std::env::var("DXPLAN_PAGE").map_or(1, |p| p.parse().unwrap());
    let bytes = std::fs::read(&path).unwrap();
    let svg = pdf::inspect_svg(&bytes, &ReadOptions::default(), page).unwrap();
    std::fs::write(
        std::env::var("DXPLAN_SVG").unwrap_or("/tmp/page.svg".into()),
        svg,
    )
    .unwrap();
}

/// A mutation run over a real fixture, in every `cargo test`: each copy
/// reads or fails, never panics, not even where the reader's guard catches
/// the panic (`ReadError::ParserFailed`). Longer runs, and other files:
/// `DXPLAN_FUZZ_ROUNDS=20000 DXPLAN_FUZZ_FILE=x.pdf cargo test --release
/// --test pdf_reader fuzz_fixture`. (The fuzz crashers in
/// fixtures/bad/fuzz/ are mutated the same way by hostile.rs
/// `mutated_fuzz_crashers_never_panic`.)
///
/// With `DXPLAN_INJECT_PANIC=pdf` (feature `fault-injection`) the first
/// round fails (BENCHMARKS.md, "Injected panics").
#[test]
fn fuzz_fixture() {
    let good = match std::env::var("DXPLAN_FUZZ_FILE") {
        Ok(p) => std::fs::read(p).unwrap(),
        Err(_) => fixture("shiogama-2024-03/plan-noto.pdf"),
    };
    let rounds: u64 = std::env::var("DXPLAN_FUZZ_ROUNDS").map_or(40, |r| r.parse().unwrap());
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..rounds {
        let mut bytes = good.clone();
        for _ in 0..1 + round % 16 {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        if let Err(ReadError::ParserFailed { panic, .. }) =
            pdf::read(&bytes, &ReadOptions::default())
        {
            let kept =
                Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-crash-{round}.pdf"));
            std::fs::write(&kept, &bytes).unwrap();
            panic!(
                "round {round}: a caught panic at {} ({:?}); the bytes are in {}",
                panic.at,
                panic.message,
                kept.display()
            );
        }
    }
}

/// Every ■ of the text-mark PDF is a filled cell in the shaded one, and
/// nothing else is filled; all other text is the same.
#[test]
fn shaded_fills_match_text_marks_everywhere() {
    let marks = read_fixture("shiogama-2024-03/plan-ipaex.pdf");
    let shaded = read_fixture("shiogama-2024-03/plan-shaded.pdf");
    let mut n = 0;
    for (p, (a, b)) in marks.grids.iter().zip(&shaded.grids).enumerate() {
        assert_eq!((a.rows(), a.cols()), (b.rows(), b.cols()), "page {}", p + 1);
        for r in 0..a.rows() {
            for c in 0..a.cols() {
                let mark = a.text(r, c) == "■";
                let filled = b.get(r, c).unwrap().is_filled();
                assert_eq!(mark, filled, "page {} ({r}, {c})", p + 1);
                n += mark as usize;
                if !mark {
                    assert_eq!(a.text(r, c), b.text(r, c), "page {} ({r}, {c})", p + 1);
                }
            }
        }
    }
    assert!(n > 100, "{n} marks");
}

/// Other fonts (Noto CJK, CID-keyed) and another producer (Writer) give the
/// same grids as the IPAex Calc file, up to where lines wrap.
#[test]
fn producers_and_fonts_agree() {
    let base = read_fixture("shiogama-2024-03/plan-ipaex.pdf");
    let flat = |s: &str| s.replace('\n', "");
    for other in ["plan-noto.pdf", "plan-writer.pdf", "plan-ipaex-locked.pdf"] {
        let doc = read_fixture(&format!("shiogama-2024-03/{other}"));
        assert_eq!(doc.grids.len(), base.grids.len(), "{other}");
        for (p, (a, b)) in base.grids.iter().zip(&doc.grids).enumerate() {
            if p == 1 {
                continue; // prose: lines wrap at other places
            }
            assert_eq!(
                (a.rows(), a.cols()),
                (b.rows(), b.cols()),
                "{other} page {}",
                p + 1
            );
            for r in 0..a.rows() {
                for c in 0..a.cols() {
                    let (x, y) = (a.get(r, c).unwrap(), b.get(r, c).unwrap());
                    assert_eq!(
                        flat(&x.text),
                        flat(&y.text),
                        "{other} page {} ({r}, {c})",
                        p + 1
                    );
                    assert_eq!(
                        (x.row_span, x.col_span),
                        (y.row_span, y.col_span),
                        "{other} page {} ({r}, {c})",
                        p + 1
                    );
                }
            }
        }
    }
}

// ---- probes: one small PDF per class of real-world trouble (issue 12),
// made by fixtures/probes/make_probes.py; poppler reads each as expected.

fn probe(name: &str) -> Result<dxplan::internals::read::Document, ReadError> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/probes")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("probe {}: {e}", path.display()));
    let format = dxplan::internals::read::InputFormat::from_path(&path).unwrap();
    dxplan::internals::read::read_bytes(&bytes, format, &ReadOptions::default())
}

/// Every non-empty cell's text, in reading order, joined by " | ".
fn probe_text(name: &str) -> String {
    let doc = probe(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut out = Vec::new();
    for g in &doc.grids {
        for r in 0..g.rows() {
            for c in 0..g.cols() {
                let t = g.text(r, c).trim();
                if !t.is_empty() {
                    out.push(t.replace('\n', " "));
                }
            }
        }
    }
    out.join(" | ")
}

#[test]
fn probe_half_width_codes_under_rksj_and_euc_cmaps() {
    // Half-width digits and letters advance half an em: "AP" stays on the
    // 140 pt page (read as full-width CIDs, it ran off the edge).
    for name in ["cmap-90ms-rksj-halfwidth.pdf", "cmap-euc-halfwidth.pdf"] {
        assert_eq!(probe_text(name), "事業番号0123456789AP", "{name}");
    }
    assert_eq!(probe_text("cmap-unijis-utf8.pdf"), "事業計画AP");
}

#[test]
fn probe_chinese_and_korean_predefined_cmaps() {
    let t = probe_text("cmap-gbk-ksc.pdf");
    assert!(t.contains("数字化行动计划"), "{t}");
    assert!(t.contains("디지털 전환"), "{t}");
}

#[test]
fn probe_identity_fonts_of_korean_and_chinese_collections() {
    // No ToUnicode (or one that only names Adobe-Korea1-UCS2): the text
    // comes from Adobe's Korea1, GB1 and CNS1 tables.
    assert_eq!(
        probe_text("cid-identity-korea1-gb1-cns1.pdf"),
        "디지털 | 计划 | 計畫"
    );
}

#[test]
fn probe_indirect_and_empty_filters() {
    assert_eq!(probe_text("filter-indirect.pdf"), "Indirect filter");
    assert_eq!(probe_text("filter-empty-array.pdf"), "Empty filter list");
}

#[test]
fn probe_encryption_that_needs_no_password() {
    assert_eq!(
        probe_text("encrypt-indirect-cf.pdf"),
        "Indirect crypt filter"
    );
    assert_eq!(probe_text("encrypt-no-id.pdf"), "No file identifier");
    assert_eq!(
        probe_text("encrypt-identity-streams.pdf"),
        "Only attachments encrypted"
    );
}

#[test]
fn probe_missing_header_and_broken_xref() {
    assert_eq!(probe_text("no-header.pdf"), "No header");
    assert_eq!(probe_text("xref-shifted.pdf"), "Rebuilt xref");
}

#[test]
fn probe_type3_fonts() {
    assert_eq!(probe_text("type3-numeric-names.pdf"), "ABCDEF");
    // Glyph names that are no character names: the codes are the text.
    assert_eq!(probe_text("type3-unnamed.pdf"), "AB");
    assert_eq!(probe_text("type3-code-names.pdf"), "ABBA | 0110");
}

#[test]
fn probe_unnamed_font_is_named_by_its_resource() {
    let e = probe("cid-unnamed.pdf").unwrap_err().to_string();
    assert!(e.contains("(e.g. /F1 (a font without a name))"), "{e}");
}

#[test]
fn probe_glyph_names_of_embedded_font_programs() {
    // TrueType `post` names (uni2713, Omega), the CFF charset and
    // built-in encoding (B, uni00E9), a Type 1 built-in encoding (eacute, A).
    assert_eq!(probe_text("font-programs.pdf"), "✓Ω | Bé | éA");
}

#[test]
fn probe_identity_fonts_that_are_not_embedded() {
    // Glyph ids of Windows' Arial, read by its glyph order.
    assert_eq!(probe_text("cid-arial-glyph-ids.pdf"), "Volumes Ó");
    // Codes that are Unicode, as poppler reads them.
    assert_eq!(probe_text("cid-unicode-codes.pdf"), "Plan plan");
    assert_eq!(probe_text("cid-identity-tounicode.pdf"), "Uvolnění");
    // Glyph ids of a font whose glyph order is unknown: a true refusal.
    let e = probe("cid-glyph-ids-unknown.pdf").unwrap_err().to_string();
    assert!(
        e.contains("(e.g. Calibri) do not say which characters"),
        "{e}"
    );
    // Nothing says what the codes are (no widths, no CIDToGIDMap stream).
    let e = probe("cid-codes-unknown.pdf").unwrap_err().to_string();
    assert!(
        e.contains("(e.g. Calibri) do not say which characters"),
        "{e}"
    );
}

#[test]
fn probe_font_names_in_shift_jis_print_readably() {
    let e = probe("font-name-shift-jis.pdf").unwrap_err().to_string();
    assert!(e.contains("(e.g. ＭＳ明朝)"), "{e}");
}

#[test]
fn probe_standard_font_widths() {
    // With Adobe's Helvetica widths the two words do not overlap.
    let t = probe_text("std14-helvetica-widths.pdf");
    assert_eq!(t.replace(' ', ""), "IllinoisWow", "{t}");
}

#[test]
fn probe_overprinted_text_reads_once() {
    assert_eq!(probe_text("overprint.pdf"), "Bold plan");
}

#[test]
fn probe_annotation_appearances_are_read_unless_hidden() {
    assert_eq!(probe_text("annotations.pdf"), "Page text | Typed note");
}

#[test]
fn probe_fields_and_notes_without_appearance_are_read() {
    assert_eq!(
        probe_text("fields-without-appearance.pdf"),
        "Field value | Free note"
    );
}

#[test]
fn probe_stream_without_length_is_read_to_endstream() {
    assert_eq!(probe_text("stream-without-length.pdf"), "No length");
}

#[test]
fn probe_escaped_resource_names_are_found() {
    assert_eq!(probe_text("name-escapes.pdf"), "Escaped name");
}

#[test]
fn probe_page_tree_loop_is_rebuilt_from_the_page_objects() {
    assert_eq!(probe_text("page-tree-loop.pdf"), "Tree rebuilt");
}

#[test]
fn probe_content_stream_with_a_wrong_length_is_read_to_endstream() {
    assert_eq!(probe_text("content-object-damaged.pdf"), "Lost");
}

#[test]
fn probe_damaged_font_object_is_named_in_the_refusal() {
    let e = probe("font-object-damaged.pdf").unwrap_err().to_string();
    assert!(
        e.contains("(e.g. /F1 (its font object is missing or damaged))"),
        "{e}"
    );
}

#[test]
fn probe_font_name_with_bare_spaces_is_read() {
    assert_eq!(probe_text("font-name-with-spaces.pdf"), "Spaced name");
}

/// A slide table in the default table style (Impress): no dark rule, the
/// cells are fills with white borders. The merged cells come from the
/// fills; the blue header row and the banded rows are no marks.
#[test]
fn impress_slide_table_cells_from_fills() {
    let doc = read_fixture("tsubame-2025-04/plan.pdf");
    let got = render(&doc.grids[3]);
    let want = "  0: 取組1-2 公金のキャッシュレス収納 |  |  |  |  | 
  1: 取組名 | 公金のキャッシュレス収納{1×5} | ^ | ^ | ^ | ^
  2: 概要 | 市税や施設使用料をスマートフォン決済で納められるようにする。{1×5} | ^ | ^ | ^ | ^
  3: 期待される効果 | 納付の場所と時間を選ばなくなり、窓口の現金管理も減る。{1×5} | ^ | ^ | ^ | ^
  4: スケジュール{6×1} | 取組内容 | 区分 | R7 | R8 | R9
  5: ^ | 決済事業者の選定{2×1} | 計画 | ● |  | 
  6: ^ | ^ | 実績 | ● |  | 
  7: ^ | 市税での導入{2×1} | 計画 |  | ● | 
  8: ^ | ^ | 実績 |  |  | 
  9: ^ | 使用料への拡大 | 計画 |  |  | ●
 10: 成果指標{2×1} | キャッシュレス納付の割合⏎（%）{2×1} | 目標値 | 10 | 25 | 40
 11: ^ | ^ | 実績値 | 12.5 |  | 
 12: 担当課 | 収納課・税務課{1×5} | ^ | ^ | ^ | ^
";
    assert_eq!(got, want, "{got}");
}

/// A roadmap drawn as shapes over a filled slide table: every period a
/// chevron, pentagon, arrow or rounded bar covers by more than half is
/// filled with the shape's colour, an arrowhead poking into the next
/// period is not, and the word inside a shape stands in its first cell.
#[test]
fn impress_roadmap_shapes_mark_the_periods_they_cover() {
    let doc = read_fixture("takayama-2025-03/plan.pdf");
    let got = render(&doc.grids[1]);
    let want = "  0: 基本方針1 観光と移動のデジタル化 |  |  |  |  |  |  |  | 
  1: No.{2×1} | 取組名{2×1} | 所管課{2×1} | 令和7年度{1×2} | ^ | 令和8年度{1×2} | ^ | 令和9年度{1×2} | ^
  2: ^ | ^ | ^ | 上期 | 下期 | 上期 | 下期 | 上期 | 下期
  3: 1 | 多言語観光案内のデジタル化 | 観光課 | 検討#548235 | 構築#548235 | #548235 | 運用#c55a11 | #c55a11 | #c55a11
  4: 2 | 路線バスの運行情報配信 | 交通政策課、情報政策課 | 検討#2e75b6 | #2e75b6 | 実証#2e75b6 | #2e75b6 | 運用#7030a0 | #7030a0
  5: 3 | 観光施設の混雑状況の公開 | 観光課・商工課 |  | 調査#7030a0 | 構築#c55a11 | #c55a11 | 公開#2e75b6 | #2e75b6
";
    assert_eq!(got, want, "{got}");
    assert!(
        doc.warnings.is_empty(),
        "no shape is left unplaced: {:?}",
        doc.warnings
    );
}

/// `dxplan inspect` on a roadmap slide: the cells found from fills
/// (class `filled`), the nine shapes that mark periods and the seventeen
/// period cells they mark.
#[test]
fn inspect_draws_cells_from_fills_and_shapes_read_as_marks() {
    let bytes = fixture("takayama-2025-03/plan.pdf");
    let svg = pdf::inspect_svg(&bytes, &ReadOptions::default(), 2).unwrap();
    // 3 header cells over two rows, 3 year cells, 6 halves, 3 rows × 9.
    assert_eq!(
        svg.matches(r#"class="cell filled""#).count(),
        3 + 3 + 6 + 27
    );
    assert_eq!(svg.matches(r#"class="cell ruled""#).count(), 0);
    assert_eq!(svg.matches(r#"class="shape""#).count(), 9);
    assert_eq!(svg.matches(r#"class="mark""#).count(), 17);
}

/// A Writer table without borders (no rule, no fill on the page): the
/// cells come from how the words line up. Wrapped cells (the name, the
/// text, a department broken mid-word, the header `目標値（R10）`) stay in
/// their cell; the heading and the summary above stay text rows.
#[test]
fn borderless_writer_list_cells_from_alignment() {
    let doc = read_fixture("tono-2025-07/plan.pdf");
    let got = render(&doc.grids[1]);
    let want = "  0: 基本方針1 里の暮らしを支える窓口づくり |  |  |  |  |  |  |  |  | 
  1: 市役所まで遠い地区に住む人も、近くで手続や相談ができるようにします。 |  |  |  |  |  |  |  |  | 
  2: 番号 | 施策名 | 内容 | 担当課 | R7 | R8 | R9 | R10 | 指標 | 目標値⏎（R10）
  3: 1 | 地区センターでの⏎オンライン窓口 | 十一の地区センターに端末を置き、本庁の職⏎員とビデオ通話でつないで、証明書の申請や⏎各種の相談を受け付ける。 | 市民課、地域づ⏎くり連携課 | 調査 | 導入 | 運用 | → | オンライン窓口の利⏎用件数（件） | 1,200
  4: 2 | 書かない窓口 | 窓口で職員が聞き取って申請書を作り、住民⏎は内容を確かめて署名するだけで済むように⏎する。 | 市民課 | 検討 | → | 導入 | 運用 | 申請書を書かずに済⏎んだ割合（%） | 70
  5: 3 | 転入手続の事前予⏎約 | 転入の届出と関連する手続を、来庁の前に⏎ウェブで予約できるようにする。 | 市民課・子育て⏎応援課 |  | 導入 | 運用 | → | 事前予約の件数⏎（件/年） | 300
";
    assert_eq!(got, want, "{got}");
    // The cover and the prose of page 1 are no table.
    assert_eq!(doc.grids[0].cols(), 1, "{}", render(&doc.grids[0]));
    let svg = pdf::inspect_svg(&fixture("tono-2025-07/plan.pdf"), &ReadOptions::default(), 2)
        .unwrap();
    assert_eq!(svg.matches(r#"class="cell aligned""#).count(), 4 * 10);
    assert_eq!(svg.matches(r#"class="cell ruled""#).count(), 0);
}

/// The same from Calc, no borders, fitted to the page: two tables on one
/// page, rows further apart than the lines of a cell.
#[test]
fn borderless_calc_list_two_tables_on_a_page() {
    let doc = read_fixture("zentsuji-2025-10/plan.pdf");
    let g = &doc.grids[1];
    let got = render(g);
    assert_eq!(g.rows(), 11, "{got}");
    assert_eq!(g.cols(), 10, "{got}");
    for (r, first) in [(2, "No."), (3, "1-1"), (5, "1-3"), (8, "No."), (10, "2-2")] {
        assert_eq!(g.text(r, 0), first, "{got}");
    }
    assert_eq!(g.text(6, 1), "", "the heading stays a line: {got}");
    assert_eq!(g.text(5, 3), "子ども課・健康増進\n課", "{got}");
    assert_eq!(g.text(9, 5), "●", "{got}");
}

/// A deck whose card tables have no name row: the slide title, which
/// alone names the measure (`取組1-2　…`), stands in the row right above
/// the table of fills. (The recogniser does not read such cards yet: see
/// fixtures/probes/slide-names-in-titles/README.md.)
#[test]
fn slide_title_stands_above_a_table_without_a_name_row() {
    let doc = read_fixture("probes/slide-names-in-titles/plan.pdf");
    let g = &doc.grids[3];
    let got = render(g);
    assert_eq!(g.text(0, 0), "取組1-2 潮位計のデータ公開", "{got}");
    assert_eq!(g.text(1, 0), "概要", "{got}");
    assert_eq!(g.get(1, 1).map(|c| c.col_span), Some(5), "{got}");
}
