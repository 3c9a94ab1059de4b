//! Japanese era years (令和/平成, R/H, 元年) and fiscal periods.

use std::sync::OnceLock;

use crate::pattern::{Captures, Regex};

use super::text::label_key;

/// An era year or a Gregorian year: groups `era`, `n` (元 or digits), `g`.
const YEAR: &str = r"(?:(?P<era>令和|平成|[RrHh])(?P<n>元|[0-9]{1,2})|(?:FY)?(?P<g>[0-9]{4}))";

/// The Gregorian year of an era year or plain year: `R4`, `R 4`, `Ｒ４`,
/// `令和4年度`, `令和元年`, `H31`, `平成31年`, `2022`, `2022年度` → 2022 …
/// `None` when the text is not a year. Both forms together, as in
/// `令和4年度(2022年度)`, are read when they agree.
pub fn era_year(s: &str) -> Option<i32> {
    era_year_of_key(&label_key(s))
}

/// [`era_year`] of a text already folded by [`label_key`].
fn era_year_of_key(key: &str) -> Option<i32> {
    match split_paren(key) {
        Some((head, inner)) => {
            let (a, b) = (plain_year(head)?, plain_year(inner)?);
            (a == b).then_some(a)
        }
        // A year in parentheses alone (`(令和8年度)`: the form before it
        // clipped away where a wrapped cell is too short for its lines).
        None => plain_year(key).or_else(|| {
            let inner = key.strip_prefix('(')?.strip_suffix(')')?;
            (!inner.contains(['(', ')']))
                .then(|| plain_year(inner))
                .flatten()
        }),
    }
}

/// The year a period-axis header names, in the forms plans print beyond
/// [`era_year`]: a year-end column (`R6年度末`, `2024年度末時点`: that
/// year) and an open-ended last column (`R9～`, `2027年度以降`: its year).
pub fn header_year(s: &str) -> Option<i32> {
    let key = label_key(s);
    era_year_of_key(&key)
        .or_else(|| {
            let bare = key
                .trim_end_matches(['～', '~', '〜', '-'])
                .trim_end_matches("以降")
                .trim_end_matches("時点")
                .trim_end_matches('末');
            (bare.len() < key.len())
                .then(|| era_year_of_key(bare))
                .flatten()
        })
        .or_else(|| cut_open_year(&key))
        .or_else(|| clipped_head_year(&key))
}

/// A year in parentheses after the clipped end of its other form (`度
/// (2028)`: a wrapped `令和10年度(2028)` whose first line ran out of a cell
/// too short for its lines): the year in them.
fn clipped_head_year(key: &str) -> Option<i32> {
    let (head, inner) = split_paren(key)?;
    matches!(head, "度" | "年度" | "年")
        .then(|| plain_year(inner))
        .flatten()
}

/// A year followed by its other form in a parenthesis the page break cut
/// open (`2024年度(令和6年`, the rest `度)` on the next page): the year
/// before it, where the part inside names none or the same.
fn cut_open_year(key: &str) -> Option<i32> {
    let (head, inner) = key.split_once('(')?;
    if inner.contains(['(', ')']) {
        return None;
    }
    let year = plain_year(head)?;
    plain_year(inner).is_none_or(|y| y == year).then_some(year)
}

/// The fiscal years a group header over several year columns spans:
/// `前期（R5～R7）`, `R5～R7`, `令和5～7年度`, `2023年度～2025年度`,
/// `第2期（R8～R9）` → (first, last). A plan phase without years
/// (`第2期`, `後期`) is `Some(None)`: a group header whose years the
/// columns under it give. `None` for anything else.
pub fn year_range(s: &str) -> Option<Option<(i32, i32)>> {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    static PHASE: OnceLock<Regex> = OnceLock::new();
    let key = label_key(s);
    // A range needs one of its dashes, a phase its 期: without either,
    // neither expression is compiled nor run (this is asked of many cells).
    if !key.contains(['～', '~', '〜', '-', '－', '―', '期']) {
        return None;
    }
    let range = RANGE.get_or_init(|| {
        crate::pattern::compile(&format!(
            r"(?:^|\()(?P<a>{YEAR})(?:年度?)?[～~〜\-－―](?P<b>(?:令和|平成|[RrHh])?(?:元|[0-9]{{1,4}}))(?:年度?)?(?:\)|$)"
        ))
    });
    let phase = PHASE.get_or_init(|| {
        crate::pattern::compile(
            r"^(?:第[0-9一二三四五六七八九十]+期|前期|中期|後期|計画期間)(?:計画)?(?:\(.*\))?$",
        )
    });
    let years = range.captures(&key).and_then(|c| {
        let a = year_of(&c)?;
        let b_text = c.name("b")?.as_str();
        let b = plain_year(b_text).or_else(|| {
            // `令和5～7年度`: the second year in the first one's era.
            let n: i32 = b_text.parse().ok()?;
            let era = c.name("era")?.as_str();
            Some(era_base(era) + n)
        })?;
        (a < b && b - a < 20).then_some((a, b))
    });
    match years {
        Some(y) => Some(Some(y)),
        None => phase.is_match(&key).then_some(None),
    }
}

/// A schedule written as a range in one cell: the words beside it and the
/// calendar months it runs from and to (an open end: `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct DateRange {
    pub words: String,
    pub from: (i32, u32),
    pub to: Option<(i32, u32)>,
}

/// `令和7年4月～9月`, `R7.10～R8.3`, `導入 R7.4～R7.9`, `2025年4月～2026年3月`,
/// `R7年度～R8年度`, `R7年度～` (open: to the plan's last year) → the range.
/// A fiscal year stands for its months April to March.
pub fn date_range(s: &str) -> Option<DateRange> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let start = r"(?P<e1>令和|平成|[RrHh])?(?P<y1>元|[0-9]{1,4})(?:年度(?P<fy1>)|年(?P<m1>[0-9]{1,2})月|[.．/](?P<m1b>[0-9]{1,2})月?)";
        let end = r"(?:(?P<e2>令和|平成|[RrHh])?(?P<y2>元|[0-9]{1,4})(?:年度(?P<fy2>)|年(?P<m2>[0-9]{1,2})月|[.．/](?P<m2b>[0-9]{1,2})月?)|(?P<m3>[0-9]{1,2})月)?";
        crate::pattern::compile(&format!(r"^(?P<w1>.*?)\s*{start}\s*[～~〜\-－―]\s*{end}\s*(?P<w2>.*)$"))
    });
    let key: String = s
        .chars()
        .map(super::text::fold_width_char)
        .collect::<String>()
        .replace('\n', " ");
    let c = re.captures(key.trim())?;
    let year = |era: Option<crate::pattern::Match>, y: &str| -> Option<i32> {
        let n: i32 = if y == "元" { 1 } else { y.parse().ok()? };
        match era {
            Some(e) => Some(era_base(e.as_str()) + n),
            None if n >= 1900 => Some(n),
            None => None,
        }
    };
    let month = |m: Option<crate::pattern::Match>| m.and_then(|m| m.as_str().parse::<u32>().ok());
    let e1 = c.name("e1");
    let y1 = year(e1, c.name("y1")?.as_str())?;
    let from = match month(c.name("m1").or(c.name("m1b"))) {
        Some(m) if (1..=12).contains(&m) => (y1, m),
        Some(_) => return None,
        None => (y1, 4),
    };
    let to = if let Some(m) = month(c.name("m3")) {
        // `令和7年4月～9月`: the end month in the start's year, or the next.
        let y = if m >= from.1 { from.0 } else { from.0 + 1 };
        Some((y, m))
    } else if let Some(y2) = c.name("y2") {
        let y2 = year(c.name("e2").or(e1), y2.as_str())?;
        match month(c.name("m2").or(c.name("m2b"))) {
            Some(m) if (1..=12).contains(&m) => Some((y2, m)),
            Some(_) => return None,
            None => Some((y2 + 1, 3)),
        }
    } else {
        None
    };
    if to.is_some_and(|t| t < from) {
        return None;
    }
    let words = format!("{} {}", &c["w1"], &c["w2"]).trim().to_string();
    Some(DateRange { words, from, to })
}

/// Year and month of a date like `令和5年9月` or `2023年9月` → (2023, 9).
/// A day (`令和5年9月1日`) is allowed and ignored.
pub fn year_month(s: &str) -> Option<(i32, u32)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| crate::pattern::compile(&format!("^{}$", date_pattern())));
    re.captures(&label_key(s)).and_then(|c| date_of(&c))
}

/// Issue and revision dates from a cover line such as
/// `令和5年9月(令和6年3月更新)` → (`Some("2023-09")`, `Some("2024-03")`).
/// A date followed by 更新/改定/改訂 is the revision; the first other date
/// is the issue.
pub fn issued_revised(s: &str) -> (Option<String>, Option<String>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let suffix = r"(?P<rev>(?:一部)?(?:更新|改定|改訂))?";
        crate::pattern::compile(&format!("{}{suffix}", date_pattern()))
    });
    let key = label_key(s);
    let mut issued = None;
    let mut revised = None;
    for c in re.captures_iter(&key) {
        let Some(date) = date_of(&c) else { continue };
        if c.name("rev").is_some() {
            revised = revised.max(Some(date));
        } else if issued.is_none() {
            issued = Some(date);
        }
    }
    (issued.map(format_ym), revised.map(format_ym))
}

/// The 和暦 name of a fiscal year: 2022 → `令和4年度`, 2019 → `令和元年度`,
/// 2018 → `平成30年度`.
pub fn fiscal_year_label(fy: i32) -> String {
    match fy {
        2019.. => format!("令和{}年度", era_number(fy - 2018)),
        1989..=2018 => format!("平成{}年度", era_number(fy - 1988)),
        _ => format!("{fy}年度"),
    }
}

fn era_number(n: i32) -> String {
    if n == 1 {
        "元".to_string()
    } else {
        n.to_string()
    }
}

/// `YEAR年M月` with an optional day.
fn date_pattern() -> String {
    format!("{YEAR}年(?P<m>[0-9]{{1,2}})月(?:[0-9]{{1,2}}日)?")
}

/// A whole text that is one year, with an optional 年 or 年度: the
/// pattern `^{YEAR}(?:年度?)?$` by hand (asked of nearly every cell of
/// every table; the test below holds it to the pattern).
fn plain_year(s: &str) -> Option<i32> {
    let s = s
        .strip_suffix("年度")
        .or_else(|| s.strip_suffix('年'))
        .unwrap_or(s);
    let era = [
        ("令和", 2018),
        ("平成", 1988),
        ("R", 2018),
        ("r", 2018),
        ("H", 1988),
        ("h", 1988),
    ]
    .into_iter()
    .find_map(|(e, base)| s.strip_prefix(e).map(|rest| (base, rest)));
    if let Some((base, n)) = era {
        let n = match n {
            "元" => 1,
            _ if (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) => {
                n.parse().ok()?
            }
            _ => return None,
        };
        return (n >= 1).then_some(base + n);
    }
    let g = s.strip_prefix("FY").unwrap_or(s);
    if g.len() != 4 || !g.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = g.parse().ok()?;
    (1900..=2199).contains(&y).then_some(y)
}

/// `head(inner)` → (head, inner) for a text ending in one parenthesised part.
fn split_paren(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_suffix(')')?;
    let (head, inner) = body.split_once('(')?;
    (!head.is_empty() && !inner.contains(['(', ')'])).then_some((head, inner))
}

/// The Gregorian year of a [`YEAR`] match.
fn year_of(c: &Captures) -> Option<i32> {
    if let Some(g) = c.name("g") {
        let y: i32 = g.as_str().parse().ok()?;
        return (1900..=2199).contains(&y).then_some(y);
    }
    let n = match c.name("n")?.as_str() {
        "元" => 1,
        digits => digits.parse().ok()?,
    };
    let base = era_base(c.name("era")?.as_str());
    (n >= 1).then_some(base + n)
}

/// The year before an era's first year.
fn era_base(era: &str) -> i32 {
    match era {
        "令和" | "R" | "r" => 2018,
        _ => 1988, // 平成, H, h
    }
}

fn date_of(c: &Captures) -> Option<(i32, u32)> {
    let m: u32 = c.name("m")?.as_str().parse().ok()?;
    (1..=12).contains(&m).then_some((year_of(c)?, m))
}

fn format_ym((y, m): (i32, u32)) -> String {
    format!("{y:04}-{m:02}")
}

#[cfg(test)]
mod tests {

    /// [`plain_year`] by hand answers as its pattern does.
    #[test]
    fn plain_year_is_its_pattern() {
        let re = crate::pattern::compile(&format!("^{YEAR}(?:年度?)?$"));
        let by_pattern = |s: &str| re.captures(s).and_then(|c| year_of(&c));
        let mut texts = Vec::new();
        for era in [
            "", "令和", "平成", "R", "r", "H", "h", "FY", "昭和", "Ｒ", "RR",
        ] {
            for n in [
                "", "元", "0", "1", "9", "10", "31", "100", "2022", "1899", "2199", "2200", "０",
                "1a", "+1",
            ] {
                for tail in ["", "年", "年度", "度", "年度末", "年年"] {
                    texts.push(format!("{era}{n}{tail}"));
                }
            }
        }
        for t in &texts {
            assert_eq!(plain_year(t), by_pattern(t), "{t:?}");
        }
        assert!(texts.iter().filter(|t| plain_year(t).is_some()).count() > 50);
    }
    use super::*;

    #[test]
    fn date_ranges_in_one_cell() {
        let r = |s: &str| date_range(s).map(|d| (d.words, d.from, d.to));
        assert_eq!(
            r("令和7年4月～9月"),
            Some((String::new(), (2025, 4), Some((2025, 9))))
        );
        assert_eq!(
            r("R7.10～R8.3"),
            Some((String::new(), (2025, 10), Some((2026, 3))))
        );
        assert_eq!(
            r("導入 R7.4～R7.9"),
            Some(("導入".into(), (2025, 4), Some((2025, 9))))
        );
        assert_eq!(r("R7年度～"), Some((String::new(), (2025, 4), None)));
        assert_eq!(
            r("R7年度～R8年度"),
            Some((String::new(), (2025, 4), Some((2027, 3))))
        );
        assert_eq!(
            r("2025年10月～2026年3月 運用"),
            Some(("運用".into(), (2025, 10), Some((2026, 3))))
        );
        assert_eq!(
            r("令和7年11月～2月"),
            Some((String::new(), (2025, 11), Some((2026, 2))))
        );
        assert_eq!(r("検討"), None);
        assert_eq!(r("R7"), None);
        assert_eq!(r("1-2"), None);
    }

    #[test]
    fn header_years_and_ranges() {
        for (s, want) in [
            ("R6年度末", Some(2024)),
            ("令和6年度末", Some(2024)),
            ("R9～", Some(2027)),
            ("2027年度以降", Some(2027)),
            ("R6", Some(2024)),
            ("末", None),
            ("以降", None),
            // A wrapped 2026年度(令和8年度) whose first line was clipped.
            ("(令和8年\n度)", Some(2026)),
            ("（R8）", Some(2026)),
            ("(2026年度)(令和8年度)", None),
            ("(課)", None),
            // The same cut by a page break inside the parenthesis.
            ("2024\n年度(令\n和6年", Some(2024)),
            ("2024年度(令", Some(2024)),
            ("2024年度(令和7年", None),
            ("事業(令和6年", None),
            // A wrapped 令和10年度(2028) whose first line ran out of its cell.
            ("度\n(2028)", Some(2028)),
            ("年度(R10)", Some(2028)),
            ("課(2028)", None),
        ] {
            assert_eq!(header_year(s), want, "{s}");
        }
        for (s, want) in [
            ("前期（R5～R7）", Some(Some((2023, 2025)))),
            ("R8～R9", Some(Some((2026, 2027)))),
            ("令和5～7年度", Some(Some((2023, 2025)))),
            ("2023年度～2025年度", Some(Some((2023, 2025)))),
            ("第2期（R8～R9）", Some(Some((2026, 2027)))),
            ("第2期", Some(None)),
            ("後期", Some(None)),
            ("R7", None),
            ("検討", None),
            ("導入 R7.4～R7.9", None),
        ] {
            assert_eq!(year_range(s), want, "{s}");
        }
    }

    #[test]
    fn era_years() {
        let cases = [
            ("R4", Some(2022)),
            ("R 4", Some(2022)),
            ("Ｒ４", Some(2022)),
            ("Ｒ　４", Some(2022)),
            ("r4", Some(2022)),
            ("R4年度", Some(2022)),
            ("令和4年度", Some(2022)),
            ("令和 4 年度", Some(2022)),
            ("令和４年", Some(2022)),
            ("令和元年", Some(2019)),
            ("令和元年度", Some(2019)),
            ("R元", Some(2019)),
            ("R1", Some(2019)),
            ("R99", Some(2117)),
            ("H31", Some(2019)),
            ("平成31年", Some(2019)),
            ("平成元年度", Some(1989)),
            ("H30年度", Some(2018)),
            ("2022", Some(2022)),
            ("2022年度", Some(2022)),
            ("２０２２年度", Some(2022)),
            ("FY2022", Some(2022)),
            ("令和4年度(2022年度)", Some(2022)),
            ("R4\n(2022)", Some(2022)),
            ("2022年度（令和4年度）", Some(2022)),
            (" R4 ", Some(2022)),
            // failures
            ("R0", None),
            ("令和0年", None),
            ("H0", None),
            ("R100", None),
            ("令和4年度(2023年度)", None),
            ("R", None),
            ("令和", None),
            ("22", None),
            ("12345", None),
            ("1800", None),
            ("R4年度計画", None),
            ("実績", None),
            ("", None),
            ("R4-Q1", None),
            ("S60", None),
        ];
        for (input, want) in cases {
            assert_eq!(era_year(input), want, "era_year({input:?})");
        }
    }

    #[test]
    fn year_months() {
        let cases = [
            ("令和5年9月", Some((2023, 9))),
            ("令和5年 9月", Some((2023, 9))),
            ("令和５年９月", Some((2023, 9))),
            ("2023年9月", Some((2023, 9))),
            ("2023年09月", Some((2023, 9))),
            ("令和元年12月", Some((2019, 12))),
            ("平成31年3月", Some((2019, 3))),
            ("R6年3月", Some((2024, 3))),
            ("令和5年9月1日", Some((2023, 9))),
            ("令和5年13月", None),
            ("令和5年0月", None),
            ("令和0年9月", None),
            ("令和5年", None),
            ("9月", None),
            ("令和5年9月更新", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(year_month(input), want, "year_month({input:?})");
        }
    }

    #[test]
    fn issue_and_revision_dates() {
        let s = |x: &str| Some(x.to_string());
        let cases = [
            ("令和5年9月(令和6年3月更新)", (s("2023-09"), s("2024-03"))),
            ("令和5年9月（令和6年3月更新）", (s("2023-09"), s("2024-03"))),
            ("令和5年9月 (令和6年3月 更新)", (s("2023-09"), s("2024-03"))),
            (
                "令和5年9月策定\n令和6年3月改定",
                (s("2023-09"), s("2024-03")),
            ),
            ("2023年9月（2024年3月改訂）", (s("2023-09"), s("2024-03"))),
            ("令和6年3月一部改訂", (None, s("2024-03"))),
            (
                "令和5年9月(令和6年3月更新)(令和7年3月更新)",
                (s("2023-09"), s("2025-03")),
            ),
            ("令和5年9月", (s("2023-09"), None)),
            ("令和5年9月 令和6年3月", (s("2023-09"), None)),
            ("令和6年3月更新", (None, s("2024-03"))),
            ("宮城県塩竈市", (None, None)),
            ("令和5年13月", (None, None)),
            ("", (None, None)),
        ];
        for (input, want) in cases {
            assert_eq!(issued_revised(input), want, "issued_revised({input:?})");
        }
    }

    #[test]
    fn fiscal_year_labels() {
        let cases = [
            (2022, "令和4年度"),
            (2019, "令和元年度"),
            (2020, "令和2年度"),
            (2018, "平成30年度"),
            (1989, "平成元年度"),
            (1988, "1988年度"),
        ];
        for (fy, want) in cases {
            assert_eq!(fiscal_year_label(fy), want, "fiscal_year_label({fy})");
            if fy >= 1989 {
                assert_eq!(era_year(want), Some(fy), "round trip {want}");
            }
        }
    }
}
