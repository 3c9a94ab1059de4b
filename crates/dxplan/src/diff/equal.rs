//! Equality by meaning: what counts as "the same" when two revisions (or
//! two formats of one revision) are compared.
//!
//! Texts compare after `clean_text`; Values after `clean_raw`. On top of
//! the normalisers, the comparison key also drops line breaks and spaces next
//! to Japanese characters, folds full-width ASCII, treats every lone dash
//! alike and ignores thousands separators between digits, so that the diff
//! does not depend on how a producer wrapped or typed a cell. Two Values
//! whose texts both parse as numbers compare as numbers (`50.0` = `50`).

use crate::model::Value;
use crate::normalize::number::{is_dash, parse_number};
use crate::normalize::text::{clean_raw, clean_text, fold_ascii_width, fold_radicals};

/// The key a text field compares by; `None` for null, blank or a lone dash.
pub fn text_key(s: Option<&str>) -> Option<String> {
    let k = fold(&clean_text(s?));
    (!k.is_empty() && !lone_dash(&k)).then_some(k)
}

/// True when two optional texts mean the same.
pub fn same_text(a: Option<&str>, b: Option<&str>) -> bool {
    text_key(a) == text_key(b)
}

/// True when two Values mean the same; an absent Value equals an empty cell.
pub fn same_value(a: Option<&Value>, b: Option<&Value>) -> bool {
    let raw = |v: Option<&Value>| v.map_or(String::new(), |v| clean_raw(&v.raw));
    let (a, b) = (raw(a), raw(b));
    if let (Some(x), Some(y)) = (parse_number(&a), parse_number(&b)) {
        return x == y;
    }
    value_key(&a) == value_key(&b)
}

/// The key a Value's raw text compares by when it is not a number.
pub fn value_key(raw: &str) -> String {
    let k = fold(raw);
    if lone_dash(&k) || is_dash(raw) {
        return "—".to_string();
    }
    drop_digit_separators(&k)
}

/// Width and radical folding, then line breaks and spaces removed next to
/// non-ASCII characters and folded to one space between ASCII ones.
fn fold(s: &str) -> String {
    let folded: String = fold_ascii_width(&fold_radicals(s))
        .chars()
        .map(fold_wide_char)
        .collect();
    join_spaces(&folded)
}

/// Full-width ASCII (U+FF01–FF5E) and the ideographic space to ASCII.
fn fold_wide_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Drop each run of white space that touches a non-ASCII character; fold
/// the others to one space; trim.
fn join_spaces(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_whitespace() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let (before, after) = (chars[start - 1], chars.get(i).copied().unwrap_or(' '));
        if before.is_ascii() && after.is_ascii() {
            out.push(' ');
        }
    }
    out
}

/// `4,916` → `4916`: commas (half or full width) between two digits.
fn drop_digit_separators(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| !(matches!(c, ',' | '，') && i > 0 && digit(i - 1) && digit(i + 1)))
        .map(|(_, c)| *c)
        .collect()
}

/// A lone dash of any of the forms producers print (U+0336 alone too).
fn lone_dash(s: &str) -> bool {
    let rest: Vec<char> = s.chars().filter(|&c| c != '\u{0336}').collect();
    !s.is_empty() && rest.len() <= 1 && rest.iter().all(|&c| is_dash_char(c))
}

fn is_dash_char(c: char) -> bool {
    matches!(
        c,
        '—' | '―' | '－' | '‐' | '-' | 'ー' | '–' | '‒' | '−' | '─' | '━'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(raw: &str) -> Value {
        Value {
            raw: raw.into(),
            value: None,
            note: None,
            at: None,
        }
    }

    #[test]
    fn wrapped_japanese_equals_unwrapped() {
        assert!(same_value(
            Some(&v("病院情報システム\n保守費用に内包")),
            Some(&v("病院情報システム保守費用に内包"))
        ));
        assert!(same_text(
            Some("職員の 業務\n効率化"),
            Some("職員の業務効率化")
        ));
    }

    #[test]
    fn latin_words_keep_one_space() {
        assert!(same_text(
            Some("Microsoft\n  Teams"),
            Some("Microsoft Teams")
        ));
        assert!(!same_text(Some("Microsoft Teams"), Some("MicrosoftTeams")));
    }

    #[test]
    fn width_and_separators_do_not_count() {
        for other in ["４９１６", "4916", "４，９１６", " 4,916 "] {
            assert!(same_value(Some(&v("4,916")), Some(&v(other))), "{other}");
        }
        assert!(!same_value(Some(&v("4,916")), Some(&v("4,917"))));
        assert!(!same_value(Some(&v("1,2")), Some(&v("12.0"))));
    }

    #[test]
    fn dashes_blank_and_absent() {
        assert!(same_value(Some(&v("—")), Some(&v("－"))));
        assert!(same_value(Some(&v("")), None));
        assert!(!same_value(Some(&v("—")), None));
        assert!(!same_value(Some(&v("40")), Some(&v(""))));
        assert_eq!(text_key(Some("―")), None);
        assert_eq!(text_key(Some("  ")), None);
        assert!(same_text(None, Some("")));
    }

    #[test]
    fn words_differ() {
        assert!(!same_value(
            Some(&v("検証")),
            Some(&v("方針転換により見送り"))
        ));
        assert!(!same_text(Some("R5年度"), Some("R6年度")));
    }
}
