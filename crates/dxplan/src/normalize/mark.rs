//! Schedule marks: any glyph that means "scheduled".

/// Unicode glyphs used as schedule marks, as inclusive ranges.
const UNICODE_MARKS: &[(char, char)] = &[
    // arrows
    ('\u{2190}', '\u{2199}'), // ← ↑ → ↓ ↔ ↕ ↖ ↗ ↘ ↙
    ('\u{21D0}', '\u{21D5}'), // ⇐ ⇑ ⇒ ⇓ ⇔ ⇕
    ('\u{21E6}', '\u{21E9}'), // ⇦ ⇧ ⇨ ⇩
    ('\u{2794}', '\u{2794}'), // ➔
    ('\u{2798}', '\u{27AF}'), // ➘ … ➯
    ('\u{27B1}', '\u{27BE}'), // ➱ … ➾
    ('\u{27F5}', '\u{27FA}'), // ⟵ ⟶ ⟷ ⟸ ⟹ ⟺
    ('\u{2B05}', '\u{2B07}'), // ⬅ ⬆ ⬇
    ('\u{2B95}', '\u{2B95}'), // ⮕
    ('\u{FFE9}', '\u{FFEC}'), // half-width ￩ ￪ ￫ ￬
    // bars
    ('\u{2500}', '\u{2501}'), // ─ ━
    ('\u{2550}', '\u{2550}'), // ═
    // squares
    ('\u{25A0}', '\u{25A3}'), // ■ □ ▢ ▣
    ('\u{25AA}', '\u{25AE}'), // ▪ ▫ ▬ ▭ ▮
    ('\u{25FB}', '\u{25FE}'), // ◻ ◼ ◽ ◾
    ('\u{2B1B}', '\u{2B1C}'), // ⬛ ⬜
    ('\u{274F}', '\u{2752}'), // ❏ ❐ ❑ ❒
    ('\u{2610}', '\u{2611}'), // ☐ ☑
    ('\u{FFED}', '\u{FFED}'), // half-width ￭
    // triangles
    ('\u{25B2}', '\u{25C5}'), // ▲ △ ▴ ▵ ▶ ▷ ▸ ▹ ► ▻ ▼ ▽ ▾ ▿ ◀ ◁ ◂ ◃ ◄ ◅
    // diamonds
    ('\u{25C6}', '\u{25C8}'), // ◆ ◇ ◈
    ('\u{25CA}', '\u{25CA}'), // ◊
    ('\u{2662}', '\u{2662}'), // ♢
    ('\u{2666}', '\u{2666}'), // ♦
    ('\u{2756}', '\u{2756}'), // ❖
    ('\u{27E1}', '\u{27E1}'), // ⟡
    ('\u{29EB}', '\u{29EB}'), // ⧫
    ('\u{2B25}', '\u{2B28}'), // ⬥ ⬦ ⬧ ⬨
    // circles
    ('\u{25CB}', '\u{25CB}'), // ○
    ('\u{25C9}', '\u{25C9}'), // ◉
    ('\u{25CD}', '\u{25CF}'), // ◍ ◎ ●
    ('\u{25EF}', '\u{25EF}'), // ◯
    ('\u{2022}', '\u{2022}'), // •
    ('\u{26AA}', '\u{26AB}'), // ⚪ ⚫
    ('\u{274D}', '\u{274D}'), // ❍
    ('\u{2B24}', '\u{2B24}'), // ⬤
    ('\u{2B55}', '\u{2B55}'), // ⭕
    ('\u{3007}', '\u{3007}'), // 〇 (ideographic zero, drawn as a circle in tables)
    ('\u{FFEE}', '\u{FFEE}'), // half-width ￮
    // stars
    ('\u{2605}', '\u{2606}'), // ★ ☆
    ('\u{2726}', '\u{2727}'), // ✦ ✧
    ('\u{2729}', '\u{273A}'), // ✩ … ✺
    // check marks
    ('\u{2705}', '\u{2705}'), // ✅
    ('\u{2713}', '\u{2714}'), // ✓ ✔
];

/// Symbol-font glyphs as PDF producers and Office leave them: the font's
/// byte code in the private-use area at U+F000 + code. Wingdings codes
/// unless noted; Symbol codes that are also marks fall in the same ranges.
const SYMBOL_FONT_MARKS: &[(char, char)] = &[
    ('\u{F06C}', '\u{F077}'), // ● ❍ ■ □ (bold □) ❑ ❒ ⬧ ⧫ ◆ ❖ ⬥
    ('\u{F09F}', '\u{F0AF}'), // • ▪ ○ ⭕ (bold ○) ◉ ◎ (shadowed ○) ▪ ◻ stars ✦ ★ ✶ ✴ ✹ ✵;
    //                           Symbol: ♦ ↔ ← ↑ → ↓
    ('\u{F0B2}', '\u{F0B2}'), // ⟡
    ('\u{F0B5}', '\u{F0B6}'), // ✪ ✰
    ('\u{F0B7}', '\u{F0B7}'), // Symbol: • (the bullet Word uses)
    ('\u{F0C3}', '\u{F0CA}'), // curving arrows
    ('\u{F0D7}', '\u{F0FA}'), // arrowheads, circled, wide-headed and white arrows, ▭ ▫;
    //                           Symbol: ⇔ ⇐ ⇑ ⇒ ⇓ ◊
    ('\u{F0FC}', '\u{F0FC}'), // ✓
    ('\u{F0FE}', '\u{F0FE}'), // ☑
];

/// True when `c` is a schedule mark: ■ □ ● ○ ◆ ◎ ★ ▲ → ━ and their
/// Wingdings / private-use forms (U+F06E …).
pub fn is_mark_char(c: char) -> bool {
    let within = |&(lo, hi): &(char, char)| (lo..=hi).contains(&c);
    UNICODE_MARKS.iter().any(within) || SYMBOL_FONT_MARKS.iter().any(within)
}

/// True when a cell's text is a mark (one or more mark glyphs, spaces
/// allowed, nothing else).
pub fn is_mark(s: &str) -> bool {
    let mut glyphs = s.chars().filter(|c| !c.is_whitespace()).peekable();
    glyphs.peek().is_some() && glyphs.all(is_mark_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_chars() {
        let marks = [
            '■', '□', '●', '○', '◆', '◇', '◎', '★', '☆', '▲', '△', '▼', '▽', '→', '⇒', '━', '─',
            '▬', '✓', '✔', '☑', '◯', '〇', '▪', '◉', '⬤', '⬛', '▶', '➡', '⟶', '•', '✦',
            '\u{F06E}', // Wingdings ■
            '\u{F06C}', // Wingdings ●
            '\u{F0A7}', // Wingdings ▪
            '\u{F0A1}', // Wingdings ○
            '\u{F075}', // Wingdings ◆
            '\u{F0AB}', // Wingdings ★
            '\u{F0E8}', // Wingdings ➔
            '\u{F0F0}', // Wingdings ⇨
            '\u{F0FC}', // Wingdings ✓
            '\u{F0FE}', // Wingdings ☑
            '\u{F0B7}', // Symbol •
            '\u{F0DE}', // Symbol ⇒
        ];
        for c in marks {
            assert!(
                is_mark_char(c),
                "{c:?} (U+{:04X}) should be a mark",
                c as u32
            );
        }
        let not_marks = [
            'a', '1', '１', ' ', '—', '-', 'ー', '・', '×', '✗', '☒', '計', '画', '%', '※',
            '\u{F0FB}', // Wingdings ✗
            '\u{F0FD}', // Wingdings ☒
            '\u{F041}', // Wingdings ✌
            '\u{F0B8}', // Wingdings clock face
            '\u{E000}', // other private use
        ];
        for c in not_marks {
            assert!(
                !is_mark_char(c),
                "{c:?} (U+{:04X}) should not be a mark",
                c as u32
            );
        }
    }

    #[test]
    fn mark_cells() {
        let cases = [
            ("■", true),
            (" ■ ", true),
            ("■■", true),
            ("■ ■", true),
            ("━━━━", true),
            ("→", true),
            ("●\n", true),
            ("\u{3000}○\u{3000}", true),
            ("\u{F06E}", true),
            ("✓", true),
            ("", false),
            ("   ", false),
            ("■導入", false),
            ("導入", false),
            ("1", false),
            ("R4", false),
            ("—", false),
            ("■ 1", false),
        ];
        for (input, want) in cases {
            assert_eq!(is_mark(input), want, "is_mark({input:?})");
        }
    }
}
