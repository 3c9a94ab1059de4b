//! Text folding: line joins, spaces, Kangxi radicals. Never NFKC.

use super::radicals_table::RADICALS;

/// A text field as the contract wants it: lines joined (no space where
/// either side is Japanese, one space between Latin words), runs of spaces
/// folded (removed between Japanese characters, one space elsewhere),
/// surrounding space trimmed, Kangxi/CJK radicals folded to ideographs.
pub fn clean_text(s: &str) -> String {
    fold_spaces(&fold_radicals(s))
}

/// A Value's `raw`: line breaks and runs of spaces removed between Japanese
/// characters and folded to one space elsewhere; radicals folded. A cell
/// holding only U+0336 (a dash glyph some PDF producers map to COMBINING
/// LONG STROKE OVERLAY, which cannot stand alone) reads as the `—` printed.
pub fn clean_raw(s: &str) -> String {
    let t = clean_text(s);
    if !t.is_empty() && t.chars().all(|c| c == '\u{0336}') {
        return "—".to_string();
    }
    t
}

/// `clean_text`, or `None` for a blank cell or a lone dash.
pub fn text_or_none(s: &str) -> Option<String> {
    let t = clean_text(s);
    (!t.is_empty() && !is_dash(&t)).then_some(t)
}

/// Fold Kangxi radicals (U+2F00–2FD5) and CJK radical supplement code points
/// (U+2E80–2EF3) to the unified ideographs Japanese text uses.
pub fn fold_radicals(s: &str) -> String {
    s.chars().map(fold_radical).collect()
}

/// Full-width ASCII (！-～, U+3000 space) to half-width; nothing else.
pub fn fold_ascii_width(s: &str) -> String {
    s.chars().map(fold_width_char).collect()
}

/// A key for matching labels: width-folded, radicals folded, every kind of
/// white space removed.
pub fn label_key(s: &str) -> String {
    // Folding never lengthens a text: one allocation.
    let mut key = String::with_capacity(s.len());
    key.extend(
        s.chars()
            .map(|c| fold_radical(fold_width_char(c)))
            .filter(|c| !c.is_whitespace() && !is_invisible(*c)),
    );
    key
}

/// [`label_key`] of `s` when it is at most `max` characters long, else
/// `None`, found without folding the rest of a long text (a paragraph is
/// asked whether it is a label many times).
pub fn label_key_within(s: &str, max: usize) -> Option<String> {
    let mut key = String::with_capacity(s.len().min(max * 4));
    let folded = s
        .chars()
        .map(|c| fold_radical(fold_width_char(c)))
        .filter(|c| !c.is_whitespace() && !is_invisible(*c));
    for (n, c) in folded.enumerate() {
        if n == max {
            return None;
        }
        key.push(c);
    }
    Some(key)
}

/// True for characters of Japanese running text: kana, kanji, CJK
/// punctuation and symbols, full-width and half-width forms. Line breaks
/// and spaces between two of these are dropped when text is joined.
pub fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'     // radicals (before folding)
        | '\u{3001}'..='\u{303F}'   // CJK symbols and punctuation (not U+3000)
        | '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3190}'..='\u{31FF}'   // kanbun, strokes, katakana extension
        | '\u{3200}'..='\u{33FF}'   // enclosed CJK, CJK compatibility (㈱ ㌔)
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{FF01}'..='\u{FF9F}'   // full-width forms, half-width katakana
        | '\u{FFE0}'..='\u{FFE6}'   // full-width signs
        | '\u{20000}'..='\u{3FFFF}' // CJK extensions B…
    )
}

/// Every leak of a PDF producer folded, for text read anywhere in a
/// document: radicals (see [`fold_radicals`]), and a HYPHENATION POINT
/// U+2027 between Japanese characters, which fonts that draw ・ (U+30FB)
/// with the same glyph make Skia (Chromium) name in `ToUnicode`:
/// `運用‧拡充` is printed `運用・拡充`.
pub fn fold_leaks(s: &str) -> String {
    let chars: Vec<char> = s.chars().map(fold_radical).collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let japanese_around =
            i > 0 && chars.get(i + 1).is_some_and(|&n| is_japanese(n)) && is_japanese(chars[i - 1]);
        out.push(if c == '\u{2027}' && japanese_around {
            '・'
        } else {
            c
        });
    }
    out
}

/// True when [`fold_leaks`] would change the text.
pub fn has_leaks(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{2E80}'..='\u{2FDF}').contains(&c) || c == '\u{2027}')
}

fn fold_radical(c: char) -> char {
    let cp = c as u32;
    if !(0x2E80..=0x2FDF).contains(&cp) {
        return c;
    }
    match RADICALS.binary_search_by_key(&cp, |&(from, _)| from) {
        Ok(i) => char::from_u32(RADICALS[i].1).unwrap_or(c),
        Err(_) => c,
    }
}

pub(crate) fn fold_width_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Zero-width code points that carry nothing in a table cell.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// What separates two visible characters.
#[derive(Clone, Copy, PartialEq)]
enum Gap {
    None,
    Spaces,
    LineBreak,
}

/// Runs of spaces removed between two Japanese characters and one ASCII
/// space elsewhere; a line break (with any spaces around it) removed unless
/// both sides are non-Japanese (Latin words), as Japanese text wraps
/// anywhere: `紙使用量\n50%削減` → `紙使用量50%削減`. Leading and trailing
/// space gone.
fn fold_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = Gap::None;
    for c in s.chars().filter(|c| !is_invisible(*c)) {
        if c.is_whitespace() {
            gap = gap.max_with(is_line_break(c));
            continue;
        }
        if let Some(prev) = out.chars().next_back() {
            if needs_space(gap, prev, c) {
                out.push(' ');
            }
        }
        gap = Gap::None;
        out.push(c);
    }
    out
}

impl Gap {
    fn max_with(self, line_break: bool) -> Gap {
        if line_break || self == Gap::LineBreak {
            Gap::LineBreak
        } else {
            Gap::Spaces
        }
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

fn needs_space(gap: Gap, prev: char, next: char) -> bool {
    match gap {
        Gap::None => false,
        Gap::Spaces => !(is_japanese(prev) && is_japanese(next)),
        Gap::LineBreak => !is_japanese(prev) && !is_japanese(next),
    }
}

/// Code points that print as a dash meaning "nothing" when alone: dashes,
/// minus signs, the long vowel mark, horizontal rules, and U+0336
/// (COMBINING LONG STROKE OVERLAY), which some PDF producers map a dash
/// glyph to.
const DASHES: &[char] = &[
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2043}',
    '\u{2212}', '\u{2500}', '\u{2501}', '\u{2E3A}', '\u{2E3B}', '\u{30FC}', '\u{FE58}', '\u{FE63}',
    '\u{FF0D}', '\u{FF70}', '\u{0336}',
];

/// True when the text is a lone dash meaning "nothing" (— ― － ‐ - ー and
/// stray code points producers map a dash glyph to, such as U+0336).
pub fn is_dash(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| DASHES.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn producer_leaks_fold() {
        assert_eq!(fold_leaks("基本\u{2F45}針2"), "基本方針2");
        assert_eq!(fold_leaks("運用\u{2027}拡充"), "運用・拡充");
        assert_eq!(fold_leaks("a\u{2027}b"), "a\u{2027}b");
        assert!(has_leaks("運用\u{2027}拡充") && !has_leaks("運用・拡充"));
    }

    #[test]
    fn clean_text_joins_lines_and_folds_spaces() {
        let cases = [
            (
                "病院情報システム\n保守費用に内包",
                "病院情報システム保守費用に内包",
            ),
            (
                "病院情報システム 保守費用に内包",
                "病院情報システム保守費用に内包",
            ),
            ("電子申請の\r\n推進", "電子申請の推進"),
            ("全角\u{3000}空白", "全角空白"),
            ("Shiogama City\nDX Promotion", "Shiogama City DX Promotion"),
            ("DX   推進", "DX 推進"),
            ("塩竈市\nDX推進", "塩竈市DX推進"),
            ("塩竈市 DX推進ビジョン", "塩竈市 DX推進ビジョン"),
            ("R9年までに紙使用量\n50%削減", "R9年までに紙使用量50%削減"),
            ("OODA\nループ", "OODAループ"),
            ("Observe（観察）→\nOrient", "Observe（観察）→ Orient"),
            ("Action \n Plan", "Action Plan"),
            ("日本語 \n English", "日本語English"),
            ("a\r\n\r\nb", "a b"),
            ("満足度 （％）", "満足度（％）"),
            (
                "R6年度も\n引き続き、\n他自治体",
                "R6年度も引き続き、他自治体",
            ),
            ("  前後の空白\t ", "前後の空白"),
            ("a\u{3000}\u{3000}b", "a b"),
            ("①\n対象手続き", "①対象手続き"),
            ("① 対象手続き", "① 対象手続き"),
            ("ゼロ\u{200B}予算", "ゼロ予算"),
            ("⾏政の効率化に向けた⽅針", "行政の効率化に向けた方針"),
            ("", ""),
            (" \n\t\u{3000}", ""),
        ];
        for (input, want) in cases {
            assert_eq!(clean_text(input), want, "clean_text({input:?})");
        }
    }

    #[test]
    fn clean_text_never_applies_nfkc() {
        for s in ["①", "㈱塩竈", "Ｒ４", "ｶﾀｶﾅ", "％"] {
            assert_eq!(clean_text(s), s);
        }
    }

    #[test]
    fn clean_raw_follows_the_same_rules() {
        let cases = [
            ("4,916", "4,916"),
            (
                "病院情報システム 保守費用に内包",
                "病院情報システム保守費用に内包",
            ),
            ("R5一括\n支払い", "R5一括支払い"),
            (" — ", "—"),
            ("", ""),
            ("方針転換により\n見送り", "方針転換により見送り"),
            ("\u{0336}", "—"),
            (" \u{0336} ", "—"),
            ("a\u{0336}", "a\u{0336}"),
        ];
        for (input, want) in cases {
            assert_eq!(clean_raw(input), want, "clean_raw({input:?})");
        }
    }

    #[test]
    fn text_or_none_drops_blanks_and_dashes() {
        let cases = [
            ("", None),
            ("  \n ", None),
            ("—", None),
            (" － ", None),
            ("ー", None),
            ("\u{0336}", None),
            (
                "各担当課と専門部会で\n情報共有",
                Some("各担当課と専門部会で情報共有"),
            ),
            ("—を含む文", Some("—を含む文")),
        ];
        for (input, want) in cases {
            assert_eq!(
                text_or_none(input).as_deref(),
                want,
                "text_or_none({input:?})"
            );
        }
    }

    #[test]
    fn fold_radicals_maps_to_japanese_ideographs() {
        let cases = [
            ("⾏", "行"),
            ("⽅", "方"),
            ("⼾籍", "戸籍"), // U+2F3E: 戸, not the table's 戶
            ("⿊字", "黒字"), // U+2FCA: 黒, not the table's 黑
            ("⻘森", "青森"), // U+2ED8 CJK RADICAL BLUE
            ("⻭科", "歯科"), // U+2EED J-SIMPLIFIED TOOTH
            ("⻑期", "長期"), // U+2ED1 LONG ONE
            ("⼀⼆三", "一二三"),
            ("⻲", "亀"),
            ("⿕", "龠"),             // last Kangxi radical
            ("\u{2E80}", "\u{2E80}"), // CJK RADICAL REPEAT: no equivalent, kept
            ("行政", "行政"),
            ("①ABC", "①ABC"),
        ];
        for (input, want) in cases {
            assert_eq!(fold_radicals(input), want, "fold_radicals({input:?})");
        }
    }

    #[test]
    fn radicals_table_is_sorted_and_in_range() {
        assert!(RADICALS.windows(2).all(|w| w[0].0 < w[1].0));
        for &(from, to) in RADICALS {
            assert!((0x2E80..=0x2EF3).contains(&from) || (0x2F00..=0x2FD5).contains(&from));
            assert!(is_japanese(char::from_u32(to).unwrap()), "U+{to:04X}");
        }
        // Every Kangxi radical has an equivalent.
        assert_eq!(RADICALS.iter().filter(|p| p.0 >= 0x2F00).count(), 214);
    }

    #[test]
    fn fold_ascii_width_only_touches_ascii_forms() {
        let cases = [
            ("Ｒ４", "R4"),
            ("（％）", "(%)"),
            ("４，９１６．５", "4,916.5"),
            ("全\u{3000}角", "全 角"),
            ("～！", "~!"),
            ("ｶﾅ①￥", "ｶﾅ①￥"),
            ("plain", "plain"),
        ];
        for (input, want) in cases {
            assert_eq!(fold_ascii_width(input), want, "fold_ascii_width({input:?})");
        }
    }

    #[test]
    fn label_key_folds_and_strips_space() {
        let cases = [
            ("単位 （千円）", "単位(千円)"),
            ("ゼロ\u{3000}予算", "ゼロ予算"),
            ("目 標 値\n", "目標値"),
            ("⾏政", "行政"),
            ("計画・\n実績", "計画・実績"),
        ];
        for (input, want) in cases {
            assert_eq!(label_key(input), want, "label_key({input:?})");
        }
    }

    #[test]
    fn japanese_characters() {
        for c in [
            'あ', 'ア', 'ー', '漢', '、', '。', '「', '（', '％', 'ｱ', '々', '〆', '𠮷',
        ] {
            assert!(is_japanese(c), "{c:?} should be Japanese");
        }
        for c in ['a', '1', ' ', '\u{3000}', '(', '—', '①', '■'] {
            assert!(!is_japanese(c), "{c:?} should not be Japanese");
        }
    }
}
