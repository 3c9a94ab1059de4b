//! Plan metadata (title, municipality, dates) and the 基本方針 list.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::pattern::Regex;

use super::lines::Line;
use crate::model::{PlanInfo, Policy};
use crate::normalize::{era, municipality, text};

/// How many lines from the start count as the cover.
const COVER_LINES: usize = 12;

/// Title, municipality and dates from the cover lines, with the indices
/// of the lines they were read from (for the ledger: a cover line inside a
/// table the reader found is used).
pub fn plan_info(lines: &[Line]) -> (PlanInfo, Vec<usize>) {
    let cover: Vec<String> = lines.iter().take(COVER_LINES).map(Line::flat).collect();
    let mut read = Vec::new();
    let title_at = cover
        .iter()
        .position(|l| l.contains("プラン") || l.ends_with("計画"))
        .or((!cover.is_empty()).then_some(0));
    read.extend(title_at);
    let title = title_at.map(|i| text::clean_text(&cover[i]));
    let municipality = cover
        .iter()
        .enumerate()
        .find_map(|(i, l)| municipality::find(l).map(|m| (i, m)))
        .map(|(i, m)| {
            read.push(i);
            m
        })
        .or_else(|| title.as_deref().and_then(municipality::find));
    // Issue and revision dates may stand on one line or on two.
    let dates: Vec<_> = cover.iter().map(|l| era::issued_revised(l)).collect();
    let issued = dates.iter().position(|d| d.0.is_some());
    let revised = dates.iter().position(|d| d.1.is_some());
    read.extend(issued);
    read.extend(revised);
    let info = PlanInfo {
        title,
        municipality,
        issued: issued.and_then(|i| dates[i].0.clone()),
        revised: revised.and_then(|i| dates[i].1.clone()),
        fiscal_years: Vec::new(),
    };
    (info, read)
}

/// A policy heading line (`基本方針1 title`, `基本目標１ title`, `方針Ⅱ title`):
/// the number and the title (without a trailing measure heading or
/// table-of-contents page number).
pub fn policy_heading(line: &str) -> Option<(u32, String)> {
    let (number, rest) = super::numbering::policy_heading(line)?;
    Some((number, strip_trailers(&rest)))
}

/// A policy heading line, also as `1. title` where the plan numbers its
/// policies that way (`dotted`).
pub fn policy_line(line: &str, dotted: bool) -> Option<(u32, String)> {
    policy_heading(line).or_else(|| {
        dotted
            .then(|| super::numbering::dotted_heading(line))
            .flatten()
            .map(|(n, t)| (n, strip_trailers(&t)))
    })
}

/// A title without a trailing measure heading (`施策3`) or page number.
pub fn strip_trailers(s: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::pattern::compile(
            r"(\s*(施策|取組|事業)\s*[0-9０-９①-⑳(（].*|[\s.…・‥]+[0-9０-９]+)$",
        )
    });
    let s = s.trim();
    // The pattern needs a measure word or a final digit: most titles
    // have neither, and the search need not run.
    let trailer = ["施策", "取組", "事業"].iter().any(|w| s.contains(w))
        || s.ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    match trailer {
        true => text::clean_text(&re.replace(s, "")),
        false => text::clean_text(s),
    }
}

/// True for a line that starts a new section: a policy or measure heading,
/// a numbered item or chapter heading, a bare page number.
fn is_section_break(line: &str) -> bool {
    super::numbering::is_section_break(line)
}

/// The 基本方針 with titles and summaries. A heading followed (in the same
/// page or sheet) by prose gives the summary; headings elsewhere (table of
/// contents, measure headings) only give the title.
///
/// A line inside a table (`in_table`) is not a heading here: a policy
/// named by a list's spanning row or policy column comes from its cell
/// (the list reader), and a table's rows are never a summary.
///
/// `read` gets the indices of the lines read: every heading, and the lines
/// of each summary kept.
pub fn policies(
    lines: &[Line],
    dotted: bool,
    in_table: impl Fn(&Line) -> bool,
    read: &mut Vec<usize>,
) -> Vec<Policy> {
    let mut found: BTreeMap<u32, Policy> = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        if in_table(line) {
            continue;
        }
        let Some((number, title)) = policy_line(&line.flat(), dotted) else {
            continue;
        };
        read.push(i);
        let (summary, summary_lines) = summary_after(lines, i, &in_table);
        let entry = found.entry(number).or_insert(Policy {
            number,
            title: title.clone(),
            summary: None,
        });
        if entry.summary.is_none() && summary.is_some() {
            read.extend(summary_lines);
            *entry = Policy {
                number,
                title,
                summary,
            };
        } else if entry.title.is_empty() {
            entry.title = title;
        }
    }
    found.into_values().collect()
}

/// The summary after heading line `i`, and the indices of its lines.
fn summary_after(
    lines: &[Line],
    i: usize,
    in_table: impl Fn(&Line) -> bool,
) -> (Option<String>, std::ops::Range<usize>) {
    let grid = lines[i].grid;
    let rest = lines[i + 1..].iter().take_while(|l| l.grid == grid).count();
    let mut start = i + 1;
    let mut after = &lines[start..start + rest];
    // A heading that ends its page (nothing after it but the page number)
    // has its summary at the top of the next page, below a running header
    // that repeats the first line of this one.
    if after.iter().all(|l| is_folio(&l.flat())) {
        let next = &lines[i + 1 + rest..];
        let n = next.iter().take_while(|l| l.grid == grid + 1).count();
        let page_top = lines[..=i]
            .iter()
            .rev()
            .take_while(|l| l.grid == grid)
            .last();
        let header = usize::from(
            n > 0 && page_top.is_some_and(|t| t.text == next[0].text && t.row != lines[i].row),
        );
        after = &next[header..n];
        start = i + 1 + rest + header;
    }
    let mut parts = Vec::new();
    for line in after {
        let flat = line.flat();
        if in_table(line)
            || is_section_break(&flat)
            || super::labels::field_of(line.text.split('\t').next().unwrap_or("")).is_some()
        {
            break;
        }
        parts.push(line.text.replace('\t', "\n"));
    }
    let n = parts.len();
    (text::text_or_none(&parts.join("\n")), start..start + n)
}

/// A page number standing alone: `2`, `- 2 -`.
fn is_folio(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '－' || c.is_whitespace());
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_headings() {
        let cases = [
            (
                "基本方針1 市民のサービス向上に向けたDX",
                Some((1, "市民のサービス向上に向けたDX")),
            ),
            (
                "基本方針２　行政の効率化に向けたDX 施策3",
                Some((2, "行政の効率化に向けたDX")),
            ),
            (
                "基本方針3 地域の活性化に向けたDX 22",
                Some((3, "地域の活性化に向けたDX")),
            ),
            ("基本理念", None),
        ];
        for (line, want) in cases {
            let got = policy_heading(line);
            assert_eq!(got.as_ref().map(|(n, t)| (*n, t.as_str())), want, "{line}");
        }
    }

    #[test]
    fn section_breaks() {
        assert!(is_section_break("6. 具体的な事業"));
        assert!(is_section_break("12"));
        assert!(is_section_break("基本方針2 行政"));
        assert!(!is_section_break(
            "市民のサービス向上のため、デジタル技術を活用"
        ));
    }

    fn line(row: usize, text: &str) -> Line {
        Line {
            grid: 0,
            row,
            text: text.to_string(),
        }
    }

    #[test]
    fn a_summary_ends_at_the_next_heading() {
        let lines = [
            line(0, "方針Ⅰ　手続のデジタル化"),
            line(1, "町民が窓口に来なくても手続できるようにします。"),
            line(2, "（1）電子申請の拡大"),
            line(3, "基本目標２ 職員の働き方"),
            line(4, "職員が場所を選ばず働けるようにします。"),
            line(5, "施策① 会議のペーパーレス化"),
        ];
        let mut read = Vec::new();
        let p = policies(&lines, false, |_| false, &mut read);
        assert_eq!(read, vec![0, 1, 3, 4]);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].number, p[0].title.as_str()), (1, "手続のデジタル化"));
        assert_eq!(
            p[0].summary.as_deref(),
            Some("町民が窓口に来なくても手続できるようにします。")
        );
        assert_eq!(
            p[1].summary.as_deref(),
            Some("職員が場所を選ばず働けるようにします。")
        );
    }

    #[test]
    fn a_heading_that_ends_its_page_has_its_summary_on_the_next() {
        let on = |grid: usize, row: usize, text: &str| Line {
            grid,
            row,
            text: text.to_string(),
        };
        let lines = [
            on(0, 0, "○○町DX推進計画"),
            on(0, 1, "基本目標１ 働き方"),
            on(0, 2, "職員が場所を選ばず働けるようにします。"),
            on(0, 30, "基本目標２ 暮らし"),
            on(0, 31, "2"),
            on(1, 0, "○○町DX推進計画"),
            on(1, 1, "誰もが使えるデジタル社会を目指します。"),
            on(1, 2, "施策1 電子申請"),
        ];
        let mut read = Vec::new();
        let p = policies(&lines, false, |_| false, &mut read);
        assert_eq!(
            p[1].summary.as_deref(),
            Some("誰もが使えるデジタル社会を目指します。")
        );
        // The heading, and the summary's line on the next page (not the
        // running header above it), are read.
        assert_eq!(read, vec![1, 2, 3, 6]);
        // Not when the page goes on after the heading with anything else.
        let mut same_page = lines.clone();
        same_page[4] = on(0, 31, "暮らしの手続を見直します。");
        let p = policies(&same_page, false, |_| false, &mut Vec::new());
        assert_eq!(p[1].summary.as_deref(), Some("暮らしの手続を見直します。"));
    }
}
