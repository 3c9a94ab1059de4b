//! 機種依存文字 (platform-dependent characters): the NEC special characters
//! of CP932 row 13 (①…⑳, Ⅰ…Ⅹ, ㍉ ㌔ ㎝ ㎏, ㍻, ㈱, №, ℡, ∮ ∑ …), the IBM
//! extensions ⅰ…ⅹ ￤ ＇ ＂, and their relatives outside CP932 (㉑…㊿, ⑴, ⒈,
//! Ⅺ, ㋿). The 総務省 rules for machine-readable tables ask for standard
//! forms instead, so both the workbook and the CSV writer pass every text
//! through [`Cleaner`], which replaces them (① → `(1)`, ㈱ → `(株)`,
//! Ⅲ → `III`, ㍻ → `平成`, ㌔ → `キロ`, № → `No.`) and records each
//! replacement as a `replaced_character` warning. The JSON keeps the text
//! as printed.
//!
//! Kanji from the IBM extensions (髙, 﨑 …) are left alone: they are parts
//! of names, and replacing them would change the name.

use std::borrow::Cow;

use crate::model::Warning;

/// The warning code of a replacement.
pub const WARNING_CODE: crate::model::WarningCode = crate::model::WarningCode::ReplacedCharacter;

/// The standard form of a platform-dependent character, or `None` when the
/// character is standard already.
///
/// ```
/// use dxplan::write::jisx::standard_form;
/// assert_eq!(standard_form('①').as_deref(), Some("(1)"));
/// assert_eq!(standard_form('Ⅲ').as_deref(), Some("III"));
/// assert_eq!(standard_form('㈱').as_deref(), Some("(株)"));
/// assert_eq!(standard_form('あ'), None);
/// ```
pub fn standard_form(c: char) -> Option<Cow<'static, str>> {
    if let Some(s) = numbered(c) {
        return Some(Cow::Owned(s));
    }
    fixed(c).map(Cow::Borrowed)
}

/// The text with every platform-dependent character replaced, and the
/// replacements made (each character once, in order of first appearance).
///
/// ```
/// use dxplan::write::jisx::replace;
/// let (text, made) = replace("手順①と②");
/// assert_eq!(text, "手順(1)と(2)");
/// assert_eq!(made.len(), 2);
/// ```
pub fn replace(s: &str) -> (Cow<'_, str>, Vec<(char, Cow<'static, str>)>) {
    if !s.chars().any(|c| standard_form(c).is_some()) {
        return (Cow::Borrowed(s), Vec::new());
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut made: Vec<(char, Cow<'static, str>)> = Vec::new();
    for c in s.chars() {
        match standard_form(c) {
            Some(r) => {
                out.push_str(&r);
                if !made.iter().any(|(m, _)| *m == c) {
                    made.push((c, r));
                }
            }
            None => out.push(c),
        }
    }
    (Cow::Owned(out), made)
}

/// Whose text a field is: the label names it in a warning (`施策 1-1`),
/// `at` is where it was read (`p.11`, `Sheet!A3:S22`).
#[derive(Debug, Clone, Default)]
pub struct Owner {
    pub label: Option<String>,
    pub at: Option<String>,
}

impl Owner {
    pub fn new(label: impl Into<String>, at: Option<&str>) -> Self {
        Owner {
            label: Some(label.into()),
            at: at.map(str::to_string),
        }
    }

    /// The same owner read at another place (a Value's own `at`), falling
    /// back to the owner's.
    pub fn at(&self, at: Option<&str>) -> Owner {
        Owner {
            label: self.label.clone(),
            at: at.map(str::to_string).or_else(|| self.at.clone()),
        }
    }
}

/// Replaces platform-dependent characters and collects one warning per
/// character, field and owner.
#[derive(Debug, Default)]
pub struct Cleaner {
    warnings: Vec<Warning>,
}

impl Cleaner {
    pub fn new() -> Self {
        Cleaner::default()
    }

    /// The text of `field` with standard forms, recording the replacements.
    pub fn text(&mut self, s: &str, field: &str, owner: &Owner) -> String {
        let (text, made) = replace(s);
        for (c, r) in made {
            self.record(c, &r, field, owner);
        }
        text.into_owned()
    }

    fn record(&mut self, c: char, r: &str, field: &str, owner: &Owner) {
        let code = format!("U+{:04X}", c as u32);
        let message = match &owner.label {
            Some(l) => crate::msg!(
                "warning-replaced-character-of",
                character = c.to_string(),
                code = code,
                replacement = r,
                field = field,
                owner = l
            ),
            None => crate::msg!(
                "warning-replaced-character",
                character = c.to_string(),
                code = code,
                replacement = r,
                field = field
            ),
        };
        let w = Warning::new(WARNING_CODE, message, owner.at.clone());
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    /// The warnings recorded so far, in order.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    pub fn into_warnings(self) -> Vec<Warning> {
        self.warnings
    }
}

const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// Circled, parenthesised and full-stop numbers, and Roman numerals.
fn numbered(c: char) -> Option<String> {
    let u = c as u32;
    let n = |base: u32, first: u32| u - base + first;
    match u {
        0x2460..=0x2473 => Some(format!("({})", n(0x2460, 1))),
        0x3251..=0x325F => Some(format!("({})", n(0x3251, 21))),
        0x32B1..=0x32BF => Some(format!("({})", n(0x32B1, 36))),
        0x2474..=0x2487 => Some(format!("({})", n(0x2474, 1))),
        0x2488..=0x249B => Some(format!("{}.", n(0x2488, 1))),
        0x2160..=0x216B => Some(ROMAN[(u - 0x2160) as usize].to_string()),
        0x2170..=0x217B => Some(ROMAN[(u - 0x2170) as usize].to_lowercase()),
        _ => None,
    }
}

/// Every other replacement: square words and units, enclosed ideographs,
/// era names, symbols.
fn fixed(c: char) -> Option<&'static str> {
    square_word(c).or_else(|| enclosed(c)).or_else(|| symbol(c))
}

/// Katakana and Latin words set in one square (㍉ ㌔ ㎝ ㎏ ㍻ …).
fn square_word(c: char) -> Option<&'static str> {
    Some(match c {
        '㍉' => "ミリ",
        '㌔' => "キロ",
        '㌢' => "センチ",
        '㍍' => "メートル",
        '㌘' => "グラム",
        '㌧' => "トン",
        '㌃' => "アール",
        '㌶' => "ヘクタール",
        '㍑' => "リットル",
        '㍗' => "ワット",
        '㌍' => "カロリー",
        '㌦' => "ドル",
        '㌣' => "セント",
        '㌫' => "パーセント",
        '㍊' => "ミリバール",
        '㌻' => "ページ",
        '㎜' => "mm",
        '㎝' => "cm",
        '㎞' => "km",
        '㎎' => "mg",
        '㎏' => "kg",
        '㏄' => "cc",
        '㎡' => "m2",
        '㍾' => "明治",
        '㍽' => "大正",
        '㍼' => "昭和",
        '㍻' => "平成",
        '㋿' => "令和",
        _ => return None,
    })
}

/// Parenthesised and circled ideographs (㈱ ㈲ ㈹ ㊤ …).
fn enclosed(c: char) -> Option<&'static str> {
    Some(match c {
        '㈱' => "(株)",
        '㈲' => "(有)",
        '㈹' => "(代)",
        '㊤' => "(上)",
        '㊥' => "(中)",
        '㊦' => "(下)",
        '㊧' => "(左)",
        '㊨' => "(右)",
        _ => return None,
    })
}

/// Symbols with a standard (JIS X 0208 or ASCII) form.
fn symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '№' => "No.",
        '㏍' => "K.K.",
        '℡' => "TEL",
        '〝' => "“",
        '〟' => "”",
        '∮' => "∫",
        '∑' => "Σ",
        '∟' => "∠",
        '⊿' => "△",
        '￤' => "｜",
        '＇' => "'",
        '＂' => "\"",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_examples_of_the_rules() {
        let cases = [
            ('①', "(1)"),
            ('⑳', "(20)"),
            ('㉑', "(21)"),
            ('㊿', "(50)"),
            ('⑴', "(1)"),
            ('⒛', "20."),
            ('Ⅰ', "I"),
            ('Ⅹ', "X"),
            ('Ⅻ', "XII"),
            ('ⅳ', "iv"),
            ('ⅹ', "x"),
            ('㈱', "(株)"),
            ('㍻', "平成"),
            ('㌔', "キロ"),
            ('№', "No."),
            ('㎏', "kg"),
            ('℡', "TEL"),
        ];
        for (c, want) in cases {
            assert_eq!(standard_form(c).as_deref(), Some(want), "{c}");
        }
    }

    #[test]
    fn standard_characters_stay() {
        for c in "塩竈市あア漢字0１ＡａI≒≡∫√⊥∠∵∩∪―～〜".chars() {
            assert_eq!(standard_form(c), None, "{c}");
        }
    }

    #[test]
    fn replacements_have_no_platform_dependent_characters_left() {
        for u in 0x2000..0x3400u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if let Some(r) = standard_form(c) {
                assert!(r.chars().all(|x| standard_form(x).is_none()), "{c} → {r}");
            }
        }
    }

    #[test]
    fn one_warning_per_character_field_and_owner() {
        let mut cl = Cleaner::new();
        let owner = Owner::new("施策 1-1", Some("p.3"));
        assert_eq!(cl.text("①と①", "事業名", &owner), "(1)と(1)");
        cl.text("①", "事業名", &owner);
        cl.text("①", "内容", &owner);
        let w = cl.warnings();
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].code, WARNING_CODE);
        assert!(w[0].message.contains('①') && w[0].message.contains("(1)"));
        assert!(w[0].message.contains("事業名") && w[0].message.contains("1-1"));
        assert_eq!(w[0].at.as_deref(), Some("p.3"));
    }

    #[test]
    fn a_value_place_overrides_the_owner_place() {
        let owner = Owner::new("施策 1-1", Some("p.3"));
        assert_eq!(owner.at(Some("p.4")).at.as_deref(), Some("p.4"));
        assert_eq!(owner.at(None).at.as_deref(), Some("p.3"));
    }
}
