//! Arbitrary grids → recogniser. The bytes are decoded into one to four
//! grids whose cells hold plan words (row labels, fiscal years, schedule
//! marks, amounts, headings) or raw text, with merges, fills and page
//! breaks, so that the recogniser's table, schedule and numbering paths are
//! reached far more often than random text would.
#![no_main]

mod common;

use dxplan::internals::grid::{Grid, Loc, Origin, Rgb};
use dxplan::internals::read::{Document, InputFormat};
use dxplan::internals::recognize::labels::{LABELS, Match};
use libfuzzer_sys::fuzz_target;

/// Words that are not row labels but that plan tables are made of.
const WORDS: &[&str] = &[
    "計画",
    "実績",
    "予定",
    "R 4",
    "R5",
    "R6年度",
    "令和6年度",
    "令和元年度",
    "平成31年度",
    "2024年度",
    "FY2025",
    "■",
    "●",
    "○",
    "◯",
    "→",
    "⇒",
    "―",
    "—",
    "-",
    "－",
    "",
    " ",
    "\n",
    "単位（千円）",
    "千円",
    "4,916",
    "1,234.5",
    "R5一括支払い",
    "１２３",
    "—円",
    "50%",
    "基本方針1 市民のサービス向上に向けたDX 施策2",
    "基本方針２",
    "施策3",
    "重点取組",
    "塩竈市DX推進アクションプラン",
    "令和5年9月(令和6年3月更新)",
    "宮城県塩竈市",
    "5. 取り組み方針",
    "政策課、秘書広報課",
    "内容",
    "導入",
    "運用・活用 拡大",
    "基本目標１　暮らしの手続き",
    "方針Ⅱ",
    "柱Ⅲ 地域",
    "施策①",
    "施策（2）",
    "取組 1-(2)",
    "No.3",
    "4-6月",
    "10～12月",
    "第1四半期",
    "Q2",
    "上期",
    "下期",
    "4月",
    "3月",
    "検討",
    "実施",
    "構築",
    "85（R5）",
    "R8: 60",
    "目標値（R8）",
    "現状値（R6）",
    "No.",
    "取組名",
    "取組内容",
    "所管課",
    "基本方針",
    "取組",
    "KPI",
    "△350",
    "基本⽅針2",
    "運用‧拡充",
    "上期",
    "下期",
    "4月",
    "第1四半期",
    "Q2",
    "4-6月",
    "∞",
    "9999999999999999999",
    "-0",
    "1e308",
    "NaN",
    "令和",
    "年度",
    "（",
    "）",
    "㍻",
    "㋿",
];

/// A little cursor over the fuzz bytes; runs dry as zeros.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        let (b, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        *b
    }

    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n.max(1)
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Up to 32 raw bytes as (lossy) text.
    fn text(&mut self) -> String {
        let n = self.below(33).min(self.0.len());
        let (t, rest) = self.0.split_at(n);
        self.0 = rest;
        String::from_utf8_lossy(t).into_owned()
    }
}

/// A label, a plan word or raw text.
fn word(b: &mut Bytes) -> String {
    match b.below(8) {
        0..=2 => {
            let (_, names) = LABELS[b.below(LABELS.len())];
            match names[b.below(names.len())] {
                Match::Exact(w) | Match::Prefix(w) | Match::Suffix(w) => w.to_string(),
            }
        }
        3..=6 => WORDS[b.below(WORDS.len())].to_string(),
        _ => b.text(),
    }
}

fn new_grid(b: &mut Bytes, index: usize) -> Grid {
    let (rows, cols) = (1 + b.below(40), 1 + b.below(20));
    let sheet = b.byte() & 1 == 0;
    let origin = if sheet {
        Origin::Sheet(format!("{}-{}", index / 3 + 1, index % 3 + 1))
    } else {
        Origin::Page(index as u32 + 1)
    };
    Grid::new(origin, rows, cols, |r, c| {
        if sheet {
            Loc::Sheet {
                sheet: "S".into(),
                row: r as u32,
                col: c as u32,
            }
        } else {
            Loc::Page {
                page: index as u32 + 1,
                row: Some(r as u32),
                col: Some(c as u32),
                bbox: [c as f32, r as f32, c as f32 + 1.0, r as f32 + 1.0],
            }
        }
    })
}

/// One edit to a grid.
fn edit(b: &mut Bytes, g: &mut Grid) {
    let (r, c) = (b.below(g.rows()), b.below(g.cols()));
    match b.below(16) {
        0..=10 => {
            let mut text = word(b);
            if b.byte() < 40 {
                text.push_str(&word(b));
            }
            g.set_text(r, c, text);
        }
        11..=12 => {
            let (rs, cs) = (1 + b.below(6), 1 + b.below(20));
            g.merge(r, c, rs, cs);
        }
        13..=14 => {
            if let Some(cell) = g.get_mut(r, c) {
                cell.fill = Some(Rgb(b.byte(), b.byte(), b.byte()));
            }
        }
        _ => g.page_breaks.push(b.below(g.rows() + 2)),
    }
}

fn document(data: &[u8]) -> Document {
    let mut b = Bytes(data);
    let count = 1 + b.below(4);
    let mut grids = Vec::new();
    for i in 0..count {
        let mut g = new_grid(&mut b, i);
        let edits = if i + 1 == count {
            usize::MAX
        } else {
            usize::from(b.byte()) * 2
        };
        for _ in 0..edits {
            if b.is_empty() {
                break;
            }
            edit(&mut b, &mut g);
        }
        grids.push(g);
    }
    let pdf = matches!(grids.first().map(|g| &g.origin), Some(Origin::Page(_)));
    Document {
        format: if pdf {
            InputFormat::Pdf
        } else {
            InputFormat::Xlsx
        },
        pages: pdf.then_some(count as u32),
        sheets: (!pdf).then(|| (1..=count).map(|i| format!("S{i}")).collect()),
        grids,
        warnings: Vec::new(),
    }
}

fuzz_target!(|data: &[u8]| {
    let doc = document(data);
    common::recognise(&doc);
});
