//! Text encodings of the CSV output: UTF-8 with or without BOM, and
//! Shift_JIS as Windows and the WHATWG Encoding Standard know it (CP932,
//! through encoding_rs).

use std::borrow::Cow;

use encoding_rs::SHIFT_JIS;

use super::Encoding;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes of `text`, or `None` when Shift_JIS cannot hold a character.
pub(super) fn encode(text: &str, enc: Encoding) -> Option<Vec<u8>> {
    match enc {
        Encoding::Utf8Bom => Some([BOM, text.as_bytes()].concat()),
        Encoding::Utf8 => Some(text.as_bytes().to_vec()),
        Encoding::ShiftJis => shift_jis(text),
    }
}

fn shift_jis(text: &str) -> Option<Vec<u8>> {
    let text = cp932_forms(text);
    let (bytes, _, had_errors) = SHIFT_JIS.encode(&text);
    (!had_errors).then(|| bytes.into_owned())
}

/// The first character of `s` that Shift_JIS cannot hold.
pub(super) fn first_unencodable(s: &str) -> Option<char> {
    let mut buf = [0u8; 4];
    s.chars().find(|c| {
        let one = cp932_forms(c.encode_utf8(&mut buf));
        SHIFT_JIS.encode(&one).2
    })
}

/// JIS X 0208 characters that Unicode maps twice: the JIS mapping (〜 U+301C,
/// — U+2014, ‖ U+2016, ¢ £ ¬) becomes the CP932 one (～ ― ∥ ￠ ￡ ￢), which is
/// the same character in Shift_JIS. Nothing is lost.
fn cp932_forms(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| cp932_form(c).is_some()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| cp932_form(c).unwrap_or(c)).collect())
}

fn cp932_form(c: char) -> Option<char> {
    Some(match c {
        '\u{301C}' => '\u{FF5E}',
        '\u{2014}' => '\u{2015}',
        '\u{2016}' => '\u{2225}',
        '\u{00A2}' => '\u{FFE0}',
        '\u{00A3}' => '\u{FFE1}',
        '\u{00AC}' => '\u{FFE2}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            encode("塩", Encoding::Utf8Bom).unwrap(),
            b"\xEF\xBB\xBF\xE5\xA1\xA9"
        );
        assert_eq!(encode("塩", Encoding::Utf8).unwrap(), "塩".as_bytes());
    }

    #[test]
    fn jis_dashes_and_waves_reach_shift_jis() {
        let b = encode("—〜‖", Encoding::ShiftJis).unwrap();
        assert_eq!(b, [0x81, 0x5C, 0x81, 0x60, 0x81, 0x61]);
    }

    #[test]
    fn characters_outside_shift_jis() {
        assert_eq!(encode("𠮷野家", Encoding::ShiftJis), None);
        assert_eq!(first_unencodable("吉野🙂家"), Some('🙂'));
        assert_eq!(first_unencodable("塩竈市—〜"), None);
    }
}
