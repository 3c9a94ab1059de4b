//! `dxplan report` on the 令和7年3月 edition of the Shiogama plan.
//!
//! The expected figures below were worked out by hand from the edition's
//! data (`fixtures/plan_data.py`, `fixtures/shiogama-2025-03/EDITS.md`):
//! as of 2025-03 the fiscal years up to FY2024 have closed;
//! - not reported (no schedule marks): 1-2, 1-3, 1-6, 2-1, 2-2;
//! - behind: 1-4 (構築・運用 has only 2024-Q3–Q4 of 2024-Q1–Q4), 2-6
//!   (ポリシー見直し and more quarters without a mark);
//! - ahead: 2-3 (移行作業 marked in 2024-Q4, planned from 2025-Q1);
//! - on schedule: 1-1, 1-5, 2-4, 2-5, 2-7, 3-1;
//! - targets compared in FY2023–FY2024 where both are numbers: 19, met 15
//!   (not met: 1-2 FY2024 14,120 < 14,340; 2-3 FY2024 70 < 77.5; 2-6 FY2023
//!   45 < 95 and FY2024 62 < 95);
//! - cost FY2022: 792 + 1,856 + 2,143 + 8,173 = 12,964 千円.
//!
//! The Markdown and XLSX forms also match golden files (`DXPLAN_BLESS=1`
//! rewrites them); the HTML is rendered by headless Chromium.

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

use util::*;

const EDITION: &str = "fixtures/shiogama-2025-03/plan.xlsx";

fn report(out: Option<&Path>) -> (Vec<u8>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dxplan"));
    // The English report (its golden files): whatever the locale running
    // the tests.
    cmd.args(["report", EDITION])
        .current_dir(root())
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    if let Some(o) = out {
        cmd.arg("-o").arg(o);
    }
    let o = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(0), "{err}");
    (o.stdout, err)
}

#[test]
fn markdown_summary_matches_the_hand_count_and_the_golden() {
    let (md, _) = report(None);
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.contains("As of 2025-03 (the edition's date): fiscal years up to FY2024 have closed")
    );
    assert!(
        md.contains("| 全体 | 14 | 6 | 2 | 1 | 5 | 15 / 19 | 12,964 | 24,314 | 68,984 | 287,137 |"),
        "{md}"
    );
    for (id, status) in [
        ("1-1", "計画どおり"),
        ("1-2", "実績未報告"),
        ("1-4", "遅れ"),
        ("2-3", "前倒し"),
        ("2-6", "遅れ"),
        ("3-1", "計画どおり"),
    ] {
        assert!(
            md.lines()
                .any(|l| l.starts_with(&format!("## {id} ")) && l.contains(status)),
            "{id} {status}"
        );
    }
    assert!(md.contains("| 構築・運用 | 2024-Q1–2025-Q4 | 2024-Q3–Q4 | 2024-Q1–Q2 |  | 遅れ |"));
    assert!(md.contains("| 移行作業 | 2025-Q1–Q4 | 2024-Q4 |  | 2024-Q4 | 前倒し |"));
    assert!(md.contains("| FY2024 | 50 | 52 | 104.0% | met 達成 |"));
    assert!(md.contains("| FY2024 | 77.5 | 70 | 90.3% | not met 未達成 |"));
    assert_golden(
        &root().join("tests/golden/report/shiogama-2025-03.md"),
        md.as_bytes(),
    );
}

#[test]
fn xlsx_golden_and_its_numbers() {
    let dir = temp_dir("report-xlsx");
    let out = dir.join("r.xlsx");
    let (_, err) = report(Some(&out));
    assert!(
        err.contains(
            "progress report of 14 measure(s) (2 behind, targets met 15 of 19) written to"
        ),
        "{err}"
    );
    let bytes = std::fs::read(&out).unwrap();
    assert_golden(
        &root().join("tests/golden/report/shiogama-2025-03.xlsx"),
        &bytes,
    );
    use calamine::{Data, DataType, Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["概要", "目標と実績", "スケジュール", "事業費"]
    );
    let sum = wb.worksheet_range("概要").unwrap();
    let total: Vec<Data> = sum.rows().nth(1).unwrap().to_vec();
    assert_eq!(total[0], Data::String("全体".into()));
    let nums: Vec<f64> = total[1..8].iter().map(|c| c.get_float().unwrap()).collect();
    assert_eq!(nums, [14.0, 6.0, 2.0, 1.0, 5.0, 15.0, 19.0]);
    assert_eq!(total[8].get_float(), Some(12_964_000.0));
    let targets = wb.worksheet_range("目標と実績").unwrap();
    let row = targets
        .rows()
        .find(|r| r[0] == Data::String("2-3".into()) && r[5].get_float() == Some(2024.0))
        .unwrap();
    assert_eq!(row[2].get_float(), Some(1.0), "the first indicator");
    assert_eq!(row[10].get_float(), Some(90.3));
    assert_eq!(row[11], Data::String("not met 未達成".into()));
}

// ------------------------------------------------------------- browser

/// Debian's headless Chromium; the test fails when it is missing (CI
/// installs the `chromium` package).
fn chromium() -> PathBuf {
    let candidates = [
        std::env::var_os("DXPLAN_CHROMIUM").map(PathBuf::from),
        Some("/usr/bin/chromium".into()),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.exists())
        .expect("headless Chromium is needed for this test: apt-get install chromium (or set DXPLAN_CHROMIUM)")
}

fn run_chromium(profile: &Path, args: &[&str]) -> std::process::Output {
    let o = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("run chromium");
    assert!(
        o.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

#[test]
fn html_renders_in_chromium_with_text_and_charts() {
    let dir = temp_dir("report-html");
    let html = dir.join("report.html");
    let (_, err) = report(Some(&html));
    assert!(err.contains("written to"), "{err}");
    let source = std::fs::read_to_string(&html).unwrap();
    assert!(
        !source.contains("<script") && !source.contains(" src=") && !source.contains(" href="),
        "self-contained"
    );
    let url = format!("file://{}", html.display());
    let profile = dir.join("profile");

    // The page as Chromium parsed it.
    let dom = String::from_utf8(run_chromium(&profile, &["--dump-dom", &url]).stdout).unwrap();
    assert!(
        dom.contains("<h1>進捗レポート: 塩竈市DX推進アクションプラン — 宮城県塩竈市</h1>"),
        "{dom}"
    );
    assert_eq!(dom.matches("<section class=\"measure\"").count(), 14);
    assert_eq!(dom.matches("<svg class=\"gantt\"").count(), 14);
    // Every measure with a numeric target or actual: all but the dash-only
    // 1-3, 1-4, 1-6 and 2-7.
    assert_eq!(dom.matches("<svg class=\"targets\"").count(), 10);
    assert!(dom.contains("1-4 書かない窓口の実装 <span class=\"badge behind\">遅れ behind</span>"));
    assert!(dom.contains(
        "2-3 情報システムの標準化・共通化 <span class=\"badge ahead\">前倒し ahead</span>"
    ));

    // The charts are drawn: the Gantt's actual (dark blue), behind (red)
    // and ahead (green) bars and the orange actual bars are on screen.
    let png = dir.join("shot.png");
    run_chromium(
        &profile,
        &[
            "--window-size=1200,9000",
            &format!("--screenshot={}", png.display()),
            &url,
        ],
    );
    let img = decode_png(&std::fs::read(&png).unwrap());
    for (name, rgb, least) in [
        ("actual bars", [0x08, 0x51, 0x9c], 20_000),
        ("behind periods", [0xd6, 0x27, 0x28], 300),
        ("ahead periods", [0x2c, 0xa0, 0x2c], 100),
        ("actual values", [0xff, 0x7f, 0x0e], 20_000),
    ] {
        let n = img.count(rgb);
        assert!(
            n >= least,
            "{name}: {n} pixels of {rgb:02x?}, expected at least {least}"
        );
    }

    // Printed: A4 landscape pages.
    let pdf = dir.join("print.pdf");
    run_chromium(
        &profile,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &url,
        ],
    );
    let doc = lopdf::Document::load(&pdf).unwrap();
    let pages = doc.get_pages();
    assert!(pages.len() >= 5, "{} pages", pages.len());
    let first = doc
        .get_object(*pages.values().next().unwrap())
        .unwrap()
        .as_dict()
        .unwrap();
    let media: Vec<f64> = first
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            o.as_float()
                .map(f64::from)
                .or_else(|_| o.as_i64().map(|i| i as f64))
                .unwrap()
        })
        .collect();
    let (w, h) = (media[2] - media[0], media[3] - media[1]);
    assert!(
        (w - 842.0).abs() < 2.0 && (h - 595.0).abs() < 2.0,
        "page {w} × {h} pt is not A4 landscape"
    );
}

/// An 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes).
struct Image {
    pixels: Vec<[u8; 3]>,
}

impl Image {
    /// Pixels within 8 of a colour on every channel.
    fn count(&self, rgb: [u8; 3]) -> usize {
        self.pixels
            .iter()
            .filter(|p| p.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 8))
            .count()
    }
}

fn decode_png(bytes: &[u8]) -> Image {
    use std::io::Read;
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let (mut pos, mut idat, mut head) = (8, Vec::new(), None);
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        let data = &bytes[pos + 8..pos + 8 + len];
        match kind {
            b"IHDR" => {
                head = Some((
                    u32::from_be_bytes(data[0..4].try_into().unwrap()) as usize,
                    u32::from_be_bytes(data[4..8].try_into().unwrap()) as usize,
                    data[8],
                    data[9],
                    data[12],
                ))
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        pos += 12 + len;
    }
    let (w, h, depth, color, interlace) = head.expect("IHDR");
    assert!(
        depth == 8 && interlace == 0 && (color == 2 || color == 6),
        "PNG kind {depth}/{color}/{interlace}"
    );
    let bpp = if color == 6 { 4 } else { 3 };
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .unwrap();
    let stride = w * bpp;
    let mut prev = vec![0u8; stride];
    let mut pixels = Vec::with_capacity(w * h);
    for row in raw.chunks(stride + 1).take(h) {
        let (filter, line) = (row[0], &row[1..]);
        let mut cur = vec![0u8; stride];
        for i in 0..stride {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                f => panic!("PNG filter {f}"),
            };
            cur[i] = line[i].wrapping_add(pred);
        }
        pixels.extend(cur.chunks(bpp).map(|p| [p[0], p[1], p[2]]));
        prev = cur;
    }
    Image { pixels }
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let (ia, ib, ic) = (i16::from(a), i16::from(b), i16::from(c));
    let p = ia + ib - ic;
    let (pa, pb, pc) = ((p - ia).abs(), (p - ib).abs(), (p - ic).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// A plan whose measures have one to three indicators (fixtures/shiwa-2026-10,
/// revised 2026-10: FY2025 has closed): the Markdown report has a target
/// table for every indicator, in order, with FY2025's achievement worked
/// out from the fixture's data; the HTML has one targets table each.
#[test]
fn every_indicator_has_its_targets_and_achievement() {
    let plan = "fixtures/shiwa-2026-10/plan.xlsx";
    let expected: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root().join("fixtures/shiwa-2026-10/expected.json")).unwrap(),
    )
    .unwrap();
    let run = |out: Option<&Path>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dxplan"));
        cmd.args(["report", plan]).current_dir(root());
        if let Some(o) = out {
            cmd.arg("-o").arg(o);
        }
        let o = cmd.output().unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        o.stdout
    };
    let md = String::from_utf8(run(None)).unwrap();
    let heads: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("目標と実績 (targets and actuals): "))
        .collect();
    let mut want = Vec::new();
    let mut rates = Vec::new();
    for m in expected["measures"].as_array().unwrap() {
        for i in m["indicators"].as_array().unwrap() {
            want.push(format!(
                "{} ({})",
                i["name"].as_str().unwrap(),
                i["unit"].as_str().unwrap()
            ));
            let (t, a) = (&i["target"]["2025"], &i["actual"]["2025"]);
            if let (Some(tv), Some(av)) = (t["value"].as_f64(), a["value"].as_f64()) {
                rates.push(format!(
                    "| FY2025 | {} | {} | {:.1}% |",
                    t_raw(t),
                    t_raw(a),
                    av / tv * 100.0
                ));
            }
        }
    }
    assert_eq!(heads, want, "one targets table per indicator");
    assert_eq!(rates.len(), 6, "FY2025 pairs with both numbers in the data");
    for r in rates {
        assert!(md.contains(&r), "{r} missing:\n{md}");
    }
    let dir = temp_dir("report-indicators");
    let html = dir.join("r.html");
    run(Some(&html));
    let html = std::fs::read_to_string(&html).unwrap();
    assert_eq!(
        html.matches("<table class=\"targets\">").count(),
        want.len()
    );
}

fn t_raw(v: &serde_json::Value) -> &str {
    v["raw"].as_str().unwrap()
}
