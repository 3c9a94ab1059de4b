//! Schedule marks: any glyph that means "scheduled".

/// True when `c` is a schedule mark: ■ □ ● ○ ◆ ◎ ★ ▲ → ━ and their
/// Wingdings / private-use forms (U+F06E …).
pub fn is_mark_char(_c: char) -> bool {
    false
}

/// True when a cell's text is a mark (one or more mark glyphs, spaces
/// allowed, nothing else).
pub fn is_mark(_s: &str) -> bool {
    false
}
