//! The patterns of the recogniser and the normalisers, compiled with
//! `regex-lite`.
//!
//! A convert compiles some fifteen patterns once each, and runs them on one
//! cell's or one line's text at a time. With `regex`, compiling them was 8 %
//! of a 17-page plan's CPU: its meta engine builds a forward and a reverse
//! NFA, a one-pass DFA and literal prefilters for every pattern, which pays
//! off on long haystacks, not on cells. `regex-lite` compiles one NFA and
//! searches short texts quickly enough.
//!
//! Two differences matter to Japanese text, and [`compile`] settles both:
//! - `\s` is ASCII in `regex-lite`, Unicode's White_Space in `regex`; plans
//!   space their words with U+3000, so `\s` is rewritten to the Unicode set.
//! - `\b` is an ASCII word boundary in `regex-lite` (a kanji after `IV` is
//!   a boundary, as a reader sees it); `\d` and `\w` are refused, since
//!   every pattern here names its digits (`[0-9０-９]`).
//!
//! The byte patterns of the PDF reader (repairing a damaged file) stay
//! with `regex`, which `jsonschema` needs anyway.

pub use regex_lite::{Captures, Match, Regex, escape};

/// Unicode's White_Space characters as class items (what `regex`'s `\s`
/// matches).
const WHITE_SPACE: &str =
    r"\t-\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}";

/// Compile a pattern written for `regex` semantics (see the module text).
/// Panics on an invalid pattern, like `Regex::new(..).expect(..)` on a
/// constant: every caller passes one written in the source.
pub fn compile(pattern: &str) -> Regex {
    let rewritten = unicode_space(pattern);
    Regex::new(&rewritten).unwrap_or_else(|e| panic!("invalid pattern {pattern:?}: {e}"))
}

/// `\s` (and `\S` outside a class) as Unicode White_Space; `\d`, `\D`,
/// `\w`, `\W` refused.
fn unicode_space(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut chars = pattern.chars().peekable();
    // Inside `[...]`: regex-lite has no nested classes, so one level.
    let mut in_class = false;
    // Just after `[` or `[^`, where `]` is a literal.
    let mut class_start = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match (e, in_class) {
                    ('s', true) => out.push_str(WHITE_SPACE),
                    ('s', false) => {
                        out.push('[');
                        out.push_str(WHITE_SPACE);
                        out.push(']');
                    }
                    ('S', false) => {
                        out.push_str("[^");
                        out.push_str(WHITE_SPACE);
                        out.push(']');
                    }
                    ('S' | 'd' | 'D' | 'w' | 'W', _) => {
                        panic!("pattern {pattern:?}: write \\{e} as an explicit class")
                    }
                    _ => {
                        out.push('\\');
                        out.push(e);
                    }
                }
                class_start = false;
            }
            '[' if !in_class => {
                in_class = true;
                class_start = true;
                out.push(c);
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().expect("peeked"));
                }
            }
            ']' if in_class && !class_start => {
                in_class = false;
                out.push(c);
            }
            _ => {
                class_start = false;
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each pattern matches what `regex` matches, on texts spaced with
    /// ASCII, U+3000 and other White_Space, inside and outside classes.
    #[test]
    fn agrees_with_regex() {
        let patterns = [
            r"^(\S+)\s*[:：]\s*(.+)$",
            r"^([0-9０-９]+)\s*[.．、\s]?\s*([^0-9０-９\s].*)$",
            r"[\s.…・‥]+[0-9０-９]+$",
            r"^[]x]\s+$",
            r"^\[\s\]$",
        ];
        let texts = [
            "基本方針1　デジタル化",
            "基本方針1 デジタル化",
            "1．　行政の効率化",
            "1 　2",
            "施策　…… 12",
            "施策\u{2003}・・ 3",
            "名前：　値",
            "名前:値",
            "]\u{3000}",
            "x \u{A0}",
            "[\u{3000}]",
            "[ ]",
            "[x]",
            "",
        ];
        for p in patterns {
            let full = regex::Regex::new(p).unwrap();
            let lite = compile(p);
            for t in texts {
                let a = full.captures(t).map(|c| {
                    c.iter()
                        .map(|m| m.map(|m| m.as_str().to_string()))
                        .collect::<Vec<_>>()
                });
                let b = lite.captures(t).map(|c| {
                    c.iter()
                        .map(|m| m.map(|m| m.as_str().to_string()))
                        .collect::<Vec<_>>()
                });
                assert_eq!(a, b, "{p:?} on {t:?}");
            }
        }
    }

    #[test]
    fn space_rewritten_in_and_out_of_classes() {
        assert!(compile(r"^a\sb$").is_match("a\u{3000}b"));
        assert!(compile(r"^a[\s,]b$").is_match("a\u{3000}b"));
        assert!(compile(r"^a[^\s]b$").is_match("a,b"));
        assert!(!compile(r"^a[^\s]b$").is_match("a\u{3000}b"));
        assert!(!compile(r"^a\Sb$").is_match("a\u{3000}b"));
        assert!(compile(r"^a\\s$").is_match(r"a\s"));
    }

    #[test]
    #[should_panic(expected = "explicit class")]
    fn digit_class_refused() {
        compile(r"^\d+$");
    }
}
