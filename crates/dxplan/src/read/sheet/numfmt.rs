//! Numbers as a spreadsheet shows them: the plain format of a bare float,
//! and the common number formats plans use (`0`, `0.0`, `#,##0`, `0%`,
//! `#,##0;"△"#,##0`, literal units). Anything fancier (dates, fractions,
//! scientific, conditions, kanji digits) is left to the caller's fallback.

/// A float as a person reads it without a format: integers without `.0`,
/// other values rounded to 15 significant digits like a spreadsheet.
pub(super) fn plain(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    let rounded: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    format!("{rounded}")
}

/// `x` rendered with the number format `code`, or `None` when the format is
/// `General` or not one this renderer understands.
pub(super) fn render(code: &str, x: f64) -> Option<String> {
    let sections = split_sections(code);
    if sections.iter().any(|s| has_condition(s)) {
        return None;
    }
    let (section, value, minus) = pick_section(&sections, x);
    if section.trim().eq_ignore_ascii_case("general") {
        return Some(format!("{}{}", if minus { "-" } else { "" }, plain(value)));
    }
    let pattern = Pattern::parse(section)?;
    let body = pattern.number(value);
    let sign = if minus && body.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        "-"
    } else {
        ""
    };
    Some(format!("{sign}{}{body}{}", pattern.prefix, pattern.suffix))
}

/// The format sections split at `;` outside quotes, brackets and escapes.
fn split_sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, ch) in code.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' if !bracket => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

fn has_condition(section: &str) -> bool {
    ["[<", "[>", "[="].iter().any(|c| section.contains(c))
}

/// The section for the value's sign, the value to print in it and whether a
/// minus sign must be added (a one-section format prints it itself).
fn pick_section<'a>(sections: &[&'a str], x: f64) -> (&'a str, f64, bool) {
    match sections.len() {
        _ if x > 0.0 => (sections[0], x, false),
        n if x < 0.0 && n >= 2 => (sections[1], -x, false),
        _ if x < 0.0 => (sections[0], -x, true),
        n if n >= 3 => (sections[2], 0.0, false),
        _ => (sections[0], 0.0, false),
    }
}

/// One format section: literal text around a single number pattern.
#[derive(Debug, Default, PartialEq)]
struct Pattern {
    prefix: String,
    suffix: String,
    /// Digits that are always printed before the point (`0` placeholders).
    min_int: usize,
    /// Decimals always printed (`0`) and the most printed (`0`, `#`, `?`).
    min_dec: usize,
    max_dec: usize,
    thousands: bool,
    /// Powers of 100 from `%` signs.
    percent: i32,
    /// Powers of 1000 from trailing commas.
    per_mille: i32,
    /// False for a section of literal text only (`"-"` for zero).
    digits: bool,
}

/// Where the parser is in a section.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Prefix,
    Int,
    Dec,
    Suffix,
}

impl Pattern {
    fn parse(section: &str) -> Option<Pattern> {
        let mut p = Pattern::default();
        let mut part = Part::Prefix;
        let chars: Vec<char> = section.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            i = p.step(&chars, i, &mut part)?;
        }
        p.digits = part != Part::Prefix;
        Some(p)
    }

    /// Consume the token at `i`; the index after it, or `None` when the
    /// section is not a plain number format.
    fn step(&mut self, chars: &[char], i: usize, part: &mut Part) -> Option<usize> {
        let ch = chars[i];
        match ch {
            '"' => {
                let end = chars[i + 1..].iter().position(|&c| c == '"')? + i + 1;
                let lit: String = chars[i + 1..end].iter().collect();
                self.literal(&lit, part)?;
                Some(end + 1)
            }
            '\\' => {
                self.literal(&chars.get(i + 1)?.to_string(), part)?;
                Some(i + 2)
            }
            '[' => {
                let end = chars[i..].iter().position(|&c| c == ']')? + i;
                let inner: String = chars[i + 1..end].iter().collect();
                self.literal(&bracket_literal(&inner)?, part)?;
                Some(end + 1)
            }
            '_' | '*' => Some(i + 2),
            '0' | '#' | '?' => {
                self.placeholder(ch, part)?;
                Some(i + 1)
            }
            '.' if matches!(*part, Part::Int | Part::Prefix) && next_is_digit(chars, i) => {
                *part = Part::Dec;
                Some(i + 1)
            }
            ',' if matches!(*part, Part::Int | Part::Dec) => {
                self.comma(chars, i);
                Some(i + 1)
            }
            '%' => {
                self.percent += 1;
                self.literal("%", part)?;
                Some(i + 1)
            }
            c if c.is_ascii_alphabetic() || c == '@' || c == '/' => None,
            c => {
                self.literal(&c.to_string(), part)?;
                Some(i + 1)
            }
        }
    }

    fn placeholder(&mut self, ch: char, part: &mut Part) -> Option<()> {
        match *part {
            Part::Prefix | Part::Int => {
                *part = Part::Int;
                self.min_int += usize::from(ch == '0');
            }
            Part::Dec => {
                self.max_dec += 1;
                if ch == '0' && self.min_dec + 1 == self.max_dec {
                    self.min_dec += 1;
                }
            }
            Part::Suffix => return None,
        }
        Some(())
    }

    /// A comma between placeholders groups thousands; after the last one it
    /// divides by 1000.
    fn comma(&mut self, chars: &[char], i: usize) {
        if chars[i + 1..]
            .first()
            .is_some_and(|c| matches!(c, '0' | '#' | '?'))
        {
            self.thousands = true;
        } else {
            self.per_mille += 1;
        }
    }

    fn literal(&mut self, text: &str, part: &mut Part) -> Option<()> {
        match *part {
            Part::Prefix => self.prefix.push_str(text),
            Part::Int | Part::Dec | Part::Suffix => {
                *part = Part::Suffix;
                self.suffix.push_str(text);
            }
        }
        Some(())
    }

    /// The digits of a non-negative value.
    fn number(&self, x: f64) -> String {
        if !self.digits {
            return String::new();
        }
        let scaled = x * 100f64.powi(self.percent) / 1000f64.powi(self.per_mille);
        let scale = 10f64.powi(self.max_dec as i32);
        let rounded = (scaled * scale).round() / scale;
        let fixed = format!("{:.*}", self.max_dec, rounded);
        let (int, dec) = fixed.split_once('.').unwrap_or((&fixed, ""));
        let dec = trim_decimals(dec, self.min_dec);
        let int = self.integer_part(int);
        if dec.is_empty() {
            int
        } else {
            format!("{int}.{dec}")
        }
    }

    fn integer_part(&self, int: &str) -> String {
        let int = if int == "0" && self.min_int == 0 {
            ""
        } else {
            int
        };
        let padded = format!("{int:0>width$}", width = self.min_int);
        if self.thousands {
            group_thousands(&padded)
        } else {
            padded
        }
    }
}

fn next_is_digit(chars: &[char], i: usize) -> bool {
    chars
        .get(i + 1)
        .is_some_and(|c| matches!(c, '0' | '#' | '?'))
}

/// The text a bracketed token prints: nothing for colours, the symbol of a
/// currency token `[$¥-411]`; `None` for tokens that change the digits
/// (`[DBNum1]`) or elapsed times (`[h]`).
fn bracket_literal(inner: &str) -> Option<String> {
    if let Some(cur) = inner.strip_prefix('$') {
        return Some(cur.split('-').next().unwrap_or("").to_string());
    }
    let lower = inner.to_ascii_lowercase();
    if lower.starts_with("dbnum") || lower.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
        return None;
    }
    Some(String::new())
}

/// Drop trailing zeros of the decimals down to `min` digits.
fn trim_decimals(dec: &str, min: usize) -> &str {
    let mut end = dec.len();
    while end > min && dec.as_bytes()[end - 1] == b'0' {
        end -= 1;
    }
    &dec[..end]
}

fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_drop_point_zero_and_float_noise() {
        assert_eq!(plain(4916.0), "4916");
        assert_eq!(plain(-3.0), "-3");
        assert_eq!(plain(77.5), "77.5");
        assert_eq!(plain(0.1 + 0.2), "0.3");
        assert_eq!(plain(-0.0), "0");
    }

    #[test]
    fn common_plan_formats() {
        assert_eq!(render("#,##0", 4916.0).as_deref(), Some("4,916"));
        assert_eq!(render("#,##0", 54357.0).as_deref(), Some("54,357"));
        assert_eq!(render("0.0", 50.0).as_deref(), Some("50.0"));
        assert_eq!(render("0.0", 77.46).as_deref(), Some("77.5"));
        assert_eq!(render("0", 2.5).as_deref(), Some("3"));
        assert_eq!(render("0%", 0.5).as_deref(), Some("50%"));
        assert_eq!(render("0.0%", 0.775).as_deref(), Some("77.5%"));
        assert_eq!(render("#,##0.##", 1234.5).as_deref(), Some("1,234.5"));
        assert_eq!(render("General", 12.0).as_deref(), Some("12"));
        assert_eq!(render("#,##0,", 1_234_567.0).as_deref(), Some("1,235"));
    }

    #[test]
    fn literals_and_negative_sections() {
        assert_eq!(
            render("#,##0;\"△\"#,##0", -1200.0).as_deref(),
            Some("△1,200")
        );
        assert_eq!(render("#,##0", -1200.0).as_deref(), Some("-1,200"));
        assert_eq!(render("0\"件\"", 12.0).as_deref(), Some("12件"));
        assert_eq!(render("[$¥-411]#,##0", 5000.0).as_deref(), Some("¥5,000"));
        assert_eq!(render("[Red]#,##0", 5.0).as_deref(), Some("5"));
        assert_eq!(render("0;-0;\"-\"", 0.0).as_deref(), Some("-"));
        assert_eq!(render("0.0", -0.01).as_deref(), Some("0.0"));
    }

    #[test]
    fn unknown_formats_fall_back() {
        assert_eq!(render("yyyy/m/d", 45000.0), None);
        assert_eq!(render("[DBNum1]0", 5.0), None);
        assert_eq!(render("0.00E+00", 5.0), None);
        assert_eq!(render("# ?/?", 0.5), None);
        assert_eq!(render("@", 5.0), None);
        assert_eq!(render("[>=100]0;0.0", 5.0), None);
    }
}
