//! Numbering forms, as data: the words that head a policy (基本方針 …) or a
//! measure (施策 …) and the ways a number is printed (２, Ⅱ, ②, (2), 1-(2),
//! No.2).

use std::sync::OnceLock;

use crate::pattern::Regex;

use crate::normalize::text::fold_ascii_width;

/// Words that head a policy, longest first.
pub const POLICY_WORDS: &[&str] = &["基本方針", "基本目標", "施策の柱", "重点分野", "方針", "柱"];

/// Words that head a measure.
pub const MEASURE_WORDS: &[&str] = &[
    "施策",
    "取組み",
    "取り組み",
    "取組",
    "事業",
    "No.",
    "No",
    "NO.",
    "№",
];

/// One number as printed: ASCII or full-width digits, a Roman numeral
/// (Ⅱ, II), a circled number (②), a parenthesised number ((2), ⑵).
const NUM: &str = r"(?:[0-9０-９]+|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ]|(?:XI{0,2}|IX|IV|VI{0,3}|I{1,3})\b|[①-⑳]|[⑴-⒇]|[（(]\s*(?:[0-9０-９]+|[一二三四五六七八九十]{1,3})\s*[）)]|[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])";

/// The value of one number in any form of `NUM`.
pub fn number_value(s: &str) -> Option<u32> {
    let s = fold_ascii_width(s.trim());
    let s = s.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_none() {
        let code = c as u32;
        return match c {
            'Ⅰ'..='Ⅻ' => Some(code - 'Ⅰ' as u32 + 1),
            'ⅰ'..='ⅻ' => Some(code - 'ⅰ' as u32 + 1),
            '①'..='⑳' => Some(code - '①' as u32 + 1),
            '⑴'..='⒇' => Some(code - '⑴' as u32 + 1),
            _ => roman(s).or_else(|| kanji(s)),
        };
    }
    roman(s).or_else(|| kanji(s))
}

/// 一 … 九, 十, 十一 … 九十九 (kanji numerals as headings print them).
fn kanji(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] => digit(*d).or((*d == '十').then_some(10)),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

fn roman(s: &str) -> Option<u32> {
    const R: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    R.iter().position(|r| *r == s).map(|i| i as u32 + 1)
}

/// A policy heading line: `基本方針1 title`, `基本目標１　title`,
/// `方針Ⅱ：title`, `柱2 title`. Returns the number and the rest of the line.
pub fn policy_heading(line: &str) -> Option<(u32, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let words = POLICY_WORDS.join("|");
        crate::pattern::compile(&format!(r"^(?:{words})\s*({NUM})\s*[:：.．、\s]?\s*"))
    });
    let line = line.trim();
    // The pattern is anchored at a policy word: most lines start with none.
    if !POLICY_WORDS.iter().any(|w| line.starts_with(w)) {
        return None;
    }
    let caps = re.captures(line)?;
    // The title is the rest of one line (what `(.*)$` matched, without
    // running the search over it).
    let rest = &line[caps.get(0)?.end()..];
    if rest.contains('\n') {
        return None;
    }
    let number = number_value(&caps[1])?;
    Some((number, rest.trim().to_string()))
}

/// A heading of a numbered list, `1. title` (`１．title`): the policy
/// level where a plan numbers its policies that way (see
/// `recognize::dotted_policies`, which decides from the document whether
/// it does). Not `1.2 …` (a section number) nor a sentence.
pub fn dotted_heading(line: &str) -> Option<(u32, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::pattern::compile(r"^([0-9０-９]{1,2})\s*[.．]\s*([^0-9０-９\s].*)$")
    });
    let caps = re.captures(line.trim())?;
    let title = caps[2].trim();
    if title.chars().count() > 40 || title.contains('。') {
        return None;
    }
    Some((number_value(&caps[1])?, title.to_string()))
}

/// A list cell naming a policy: `1 行政サービスのデジタル化`, `基本方針1 …`,
/// `Ⅱ．…`. Returns the number and title.
pub fn policy_cell(text: &str) -> Option<(u32, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re =
        RE.get_or_init(|| crate::pattern::compile(&format!(r"^({NUM})\s*[:：.．、]?\s*(.+)$")));
    let flat: String = text.split('\n').map(str::trim).collect::<Vec<_>>().join("");
    if let Some(found) = policy_heading(&flat) {
        return Some(found);
    }
    let caps = re.captures(flat.trim())?;
    Some((number_value(&caps[1])?, caps[2].trim().to_string()))
}

/// The numbers a measure heading gives: policy (from `1-2`, `1-(2)`) and
/// measure.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Heading {
    pub policy: Option<u32>,
    pub number: Option<u32>,
}

impl Heading {
    pub fn is_empty(&self) -> bool {
        self.policy.is_none() && self.number.is_none()
    }
}

fn measure_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let words = MEASURE_WORDS
            .iter()
            .map(|w| crate::pattern::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        crate::pattern::compile(&format!(
            r"(?:{words})\s*({NUM})(?:\s*[-‐－ー―−]\s*({NUM}))?"
        ))
    })
}

/// A line that starts with a bare measure number: `(2) title`, `② title`,
/// `1-(2) title`, `1-2 title`.
fn bare_measure_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        crate::pattern::compile(&format!(
            r"^(?:([0-9０-９]+)\s*[-‐－ー―−]\s*({NUM})|([①-⑳]|[⑴-⒇]|[（(]\s*[0-9０-９]+\s*[）)]))"
        ))
    })
}

/// The policy and measure numbers named in one heading line
/// (`基本方針1 … 施策2`, `取組 1-(2)`, `施策①`, `No.2`, `(2) …`).
pub fn parse_heading(line: &str) -> Heading {
    let line = line.trim();
    let mut h = Heading::default();
    if let Some((p, _)) = policy_heading(line) {
        h.policy = Some(p);
    }
    // A policy word followed by a number inside the line (`… 基本方針1 …`).
    for caps in has_measure_word(line)
        .then(|| measure_re().captures_iter(line))
        .into_iter()
        .flatten()
    {
        let a = number_value(&caps[1]);
        match caps.get(2).and_then(|b| number_value(b.as_str())) {
            Some(b) => (h.policy, h.number) = (a.or(h.policy), Some(b)),
            None => h.number = a,
        }
    }
    if h.number.is_none() && may_start_number(line) {
        if let Some(caps) = bare_measure_re().captures(line) {
            if let (Some(a), Some(b)) = (caps.get(1), caps.get(2)) {
                h.policy = number_value(a.as_str());
                h.number = number_value(b.as_str());
            } else if let Some(n) = caps.get(3) {
                h.number = number_value(n.as_str());
            }
        }
    }
    if h.policy.is_none() {
        h.policy = inner_policy(line);
    }
    h
}

/// Every measure heading in one line part: two cards side by side may
/// share one heading line (`施策① 窓口 施策② 電子契約`). A policy heading at
/// the start applies to each.
pub fn split_headings(part: &str) -> Vec<Heading> {
    let starts: Vec<usize> = match has_measure_word(part) {
        true => measure_re().find_iter(part).map(|m| m.start()).collect(),
        false => Vec::new(),
    };
    if starts.len() < 2 {
        return vec![parse_heading(part)];
    }
    let lead = parse_heading(&part[..starts[0]]).policy;
    let mut out = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(part.len());
        let mut h = parse_heading(&part[s..end]);
        h.policy = h.policy.or(lead);
        out.push(h);
    }
    out
}

/// A policy heading that does not start the line (`6. 事業 基本方針2 …`).
fn inner_policy(line: &str) -> Option<u32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let words = POLICY_WORDS[..4].join("|");
        crate::pattern::compile(&format!(r"(?:{words})\s*({NUM})"))
    });
    if !POLICY_WORDS[..4].iter().any(|w| line.contains(w)) {
        return None;
    }
    re.captures(line).and_then(|c| number_value(&c[1]))
}

/// A list's number cell: `1`, `1-2`, `(2)`, `②`, `No.2`, `1-(2)`.
pub fn number_cell(text: &str) -> Heading {
    let t = text.trim();
    if let Some(n) = number_value(t) {
        return Heading {
            policy: None,
            number: Some(n),
        };
    }
    parse_heading(t)
}

/// True for a line that opens a new section: a policy or measure heading,
/// a numbered item (`(1) …`, `①…`, `1. …`), a bare page number.
pub fn is_section_break(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::pattern::compile(r"^([0-9０-９]+(\.[0-9０-９]+)*[.．、\s]|[0-9０-９]+$|-\s*[0-9]+\s*-$|[（(]\s*[0-9０-９]+\s*[）)]|[①-⑳⑴-⒇])")
    });
    let line = line.trim();
    may_start_number(line) && re.is_match(line)
        || bare_dashed(line)
        || policy_heading(line).is_some()
        || starts_with_measure_word(line) && !parse_heading(line).is_empty()
}

/// A line that starts with a measure number `1-2` / `1-(2)`, alone or
/// before its title (`1-2 電子申請`): a measure heading line.
fn bare_dashed(line: &str) -> bool {
    may_start_number(line)
        && bare_measure_re().captures(line).is_some_and(|c| {
            c.get(2).is_some() && {
                let rest = &line[c.get(0).map_or(0, |m| m.end())..];
                rest.is_empty() || rest.starts_with(char::is_whitespace)
            }
        })
}

/// The title a measure heading gives after its number
/// (`取組1-2　潮位計のデータ公開` → `潮位計のデータ公開`): none when the line
/// does not start with a measure word and its number, or nothing follows.
pub fn measure_title(line: &str) -> Option<String> {
    let line = line.trim();
    if !starts_with_measure_word(line) {
        return None;
    }
    let m = measure_re().find(line).filter(|m| m.start() == 0)?;
    let rest = line[m.end()..]
        .trim_start_matches(|c: char| c.is_whitespace() || ":：.．、".contains(c))
        .trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Whether a measure word occurs in `line`: where none does, the
/// unanchored [`measure_re`] cannot match (most lines; it need not run).
fn has_measure_word(line: &str) -> bool {
    MEASURE_WORDS.iter().any(|w| line.contains(w))
}

/// Whether `line` starts as a number of [`bare_measure_re`] or the
/// section-break pattern does (a digit, a dash, a parenthesis, a circled
/// or parenthesised number): the anchored patterns need not run otherwise.
fn may_start_number(line: &str) -> bool {
    line.chars().next().is_some_and(|c| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || matches!(c, '-' | '(' | '（')
            || ('①'..='⑳').contains(&c)
            || ('⑴'..='⒇').contains(&c)
    })
}

fn starts_with_measure_word(line: &str) -> bool {
    MEASURE_WORDS.iter().any(|w| line.starts_with(w))
}

#[cfg(test)]
mod tests {

    /// [`policy_heading`] takes its title as the rest of the line; the
    /// whole pattern with `(.*)$` answers the same.
    #[test]
    fn policy_heading_is_the_whole_pattern() {
        let words = POLICY_WORDS.join("|");
        let whole =
            crate::pattern::compile(&format!(r"^(?:{words})\s*({NUM})\s*[:：.．、\s]?\s*(.*)$"));
        let by_whole = |line: &str| {
            let c = whole.captures(line.trim())?;
            Some((number_value(&c[1])?, c[2].trim().to_string()))
        };
        for line in [
            "基本方針1　デジタル化",
            "基本方針１：行政手続のオンライン化",
            "基本目標Ⅱ 地域",
            "方針IV\n推進",
            "方針1\nタイトル",
            "方針1 A\nB",
            "柱(3)、暮らし",
            "施策の柱十二　教育",
            "重点分野",
            "基本方針 一 ",
            "方針12\r\n",
            "基本方針あ",
        ] {
            assert_eq!(policy_heading(line), by_whole(line), "{line:?}");
        }
    }
    use super::*;

    #[test]
    fn measure_title_is_what_follows_the_number() {
        assert_eq!(
            measure_title("取組1-2　潮位計のデータ公開").as_deref(),
            Some("潮位計のデータ公開")
        );
        assert_eq!(measure_title("施策（2）：窓口").as_deref(), Some("窓口"));
        assert_eq!(measure_title("取組1-2"), None);
        assert_eq!(measure_title("基本方針1　観光"), None);
        assert_eq!(measure_title("この取組1は"), None);
    }

    fn h(p: Option<u32>, n: Option<u32>) -> Heading {
        Heading {
            policy: p,
            number: n,
        }
    }

    #[test]
    fn dotted_headings() {
        assert_eq!(
            dotted_heading("1. 手続が便利になる市役所"),
            Some((1, "手続が便利になる市役所".to_string()))
        );
        assert_eq!(dotted_heading("２．働き方の見直し").map(|h| h.0), Some(2));
        assert_eq!(dotted_heading("1.2 計画の位置付け"), None);
        assert_eq!(
            dotted_heading("1. 本計画は市の情報化の方針を定めるものである。"),
            None
        );
        assert_eq!(dotted_heading("1-2 電子申請"), None);
    }

    #[test]
    fn numbers_in_every_form() {
        for (s, n) in [
            ("2", 2),
            ("２", 2),
            ("12", 12),
            ("Ⅱ", 2),
            ("IV", 4),
            ("②", 2),
            ("⑵", 2),
            ("(3)", 3),
            ("（３）", 3),
            ("二", 2),
            ("十", 10),
            ("十一", 11),
            ("二十三", 23),
            ("（二）", 2),
        ] {
            assert_eq!(number_value(s), Some(n), "{s}");
        }
        assert_eq!(number_value("X線"), None);
    }

    #[test]
    fn policy_headings() {
        let cases = [
            (
                "基本方針1 市民のサービス向上に向けたDX",
                Some((1, "市民のサービス向上に向けたDX")),
            ),
            ("基本目標１　暮らしの手続き", Some((1, "暮らしの手続き"))),
            ("方針Ⅱ：職員の働き方", Some((2, "職員の働き方"))),
            ("柱2 地域", Some((2, "地域"))),
            ("基本目標二　まちの活力", Some((2, "まちの活力"))),
            ("基本方針十一 連携", Some((11, "連携"))),
            ("基本理念", None),
            ("方針転換により見送り", None),
        ];
        for (line, want) in cases {
            let got = policy_heading(line);
            assert_eq!(got.as_ref().map(|(n, t)| (*n, t.as_str())), want, "{line}");
        }
        assert_eq!(policy_cell("1 行政サービスのデジタル化").unwrap().0, 1);
        assert_eq!(
            policy_cell("Ⅲ．地域のDX").unwrap(),
            (3, "地域のDX".to_string())
        );
    }

    #[test]
    fn measure_headings() {
        let cases = [
            (
                "基本方針1 市民のサービス向上に向けたDX 施策2",
                h(Some(1), Some(2)),
            ),
            ("施策３－４", h(Some(3), Some(4))),
            ("取組 1-(2) 窓口のオンライン化", h(Some(1), Some(2))),
            ("施策①　窓口", h(None, Some(1))),
            ("No.2 電子契約", h(None, Some(2))),
            ("（2）電子契約", h(None, Some(2))),
            ("② 電子契約", h(None, Some(2))),
            ("基本目標２ 施策（3）", h(Some(2), Some(3))),
            ("6. 具体的な事業", h(None, None)),
        ];
        for (line, want) in cases {
            assert_eq!(parse_heading(line), want, "{line}");
        }
        assert_eq!(number_cell("1-2"), h(Some(1), Some(2)));
        assert_eq!(number_cell("3"), h(None, Some(3)));
    }

    #[test]
    fn two_headings_in_one_line() {
        assert_eq!(
            split_headings("基本目標2 施策① 窓口 施策② 電子契約"),
            [h(Some(2), Some(1)), h(Some(2), Some(2))]
        );
    }

    #[test]
    fn section_breaks() {
        assert!(is_section_break("6. 具体的な事業"));
        assert!(is_section_break("12"));
        assert!(is_section_break("基本方針2 行政"));
        assert!(is_section_break("1-2"));
        assert!(is_section_break("1-(2) 電子申請"));
        assert!(!is_section_break("1-2月に実施する"));
        assert!(is_section_break("（1）電子申請"));
        assert!(is_section_break("施策① 窓口"));
        assert!(!is_section_break(
            "市民のサービス向上のため、デジタル技術を活用"
        ));
    }
}
