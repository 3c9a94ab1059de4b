//! Numbers as printed in plan tables: full-width digits, thousands
//! separators, decimals, △/▲ negatives, the dash family, units, ゼロ予算.

use std::sync::OnceLock;

use crate::pattern::Regex;

use super::text::{clean_raw, fold_ascii_width, label_key};
use crate::model::Value;

pub use super::text::is_dash;

/// The number a cell prints, if it is one: `4,916`, `４９１６`, `77.5`,
/// `△1,200` (negative), `50.0`. `None` for words, dashes and blanks.
pub fn parse_number(s: &str) -> Option<f64> {
    parse_decimal(s).map(|d| d.to_f64())
}

/// Yen per printed unit: 円 → 1, 千円 → 1,000, 万円 → 10,000,
/// 百万円 → 1,000,000. `None` for anything else.
pub fn unit_multiplier(unit: &str) -> Option<f64> {
    let key = label_key(unit);
    UNITS.iter().find(|(u, _)| *u == key).map(|&(_, m)| m)
}

/// The cost unit a label prints: `単位（千円）`, `単位 (千円)`, `(千円)`,
/// `千円` → `千円`. `None` when there is none.
pub fn cost_unit(label: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::pattern::compile(r"(?:^|単位:?|\()(千万円|百万円|十万円|億円|千円|万円|円)(?:\)|$)")
    });
    let key = label_key(label);
    re.captures(&key).map(|c| c[1].to_string())
}

/// True when the text says ゼロ予算 (zero budget), whatever its spacing.
pub fn is_zero_budget(s: &str) -> bool {
    label_key(s).contains("ゼロ予算")
}

/// An indicator cell: the number in the indicator's unit, or the words as
/// `note`; `raw` as printed (see [`crate::normalize::text::clean_raw`]).
pub fn indicator_value(raw: &str) -> Value {
    read_value(raw, |d| d.to_f64())
}

/// A cost cell: the number times `multiplier` (yen), the words as `note`,
/// 0 for every cell when `zero_budget`.
pub fn cost_value(raw: &str, multiplier: f64, zero_budget: bool) -> Value {
    let mut v = read_value(raw, |d| d.times(multiplier));
    if zero_budget {
        v.value = Some(0.0);
    }
    v
}

/// Printed units of money and their yen multipliers.
const UNITS: &[(&str, f64)] = &[
    ("円", 1.0),
    ("千円", 1e3),
    ("万円", 1e4),
    ("十万円", 1e5),
    ("百万円", 1e6),
    ("千万円", 1e7),
    ("億円", 1e8),
];

/// The common shape of indicator and cost cells.
fn read_value(raw: &str, number: impl Fn(Decimal) -> f64) -> Value {
    let raw = clean_raw(raw);
    let mut v = Value {
        raw,
        value: None,
        note: None,
        at: None,
    };
    if v.raw.is_empty() || is_dash(&v.raw) {
        return v;
    }
    match parse_decimal(&v.raw) {
        Some(d) => v.value = Some(number(d)),
        None => v.note = Some(v.raw.clone()),
    }
    v
}

/// A printed decimal number: `digits / 10^scale`, negated when `negative`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Decimal {
    digits: u64,
    scale: u32,
    negative: bool,
}

impl Decimal {
    fn to_f64(self) -> f64 {
        self.signed(self.digits as f64 / 10f64.powi(self.scale as i32))
    }

    /// The number times `m`, exact when `m` is a whole number: one rounding
    /// instead of the float noise of `77.1 * 1000.0`.
    fn times(self, m: f64) -> f64 {
        let exact = m.fract() == 0.0 && m.abs() < 1e15 && self.digits < 1 << 53;
        let product = (self.digits as i128).checked_mul(m as i128);
        match product {
            Some(p) if exact && p.unsigned_abs() < 1 << 53 => {
                self.signed(p as f64 / 10f64.powi(self.scale as i32))
            }
            _ => self.signed(self.digits as f64 * m / 10f64.powi(self.scale as i32)),
        }
    }

    fn signed(self, x: f64) -> f64 {
        if self.negative && x != 0.0 { -x } else { x }
    }
}

/// Read `△1,234.5`, `-12`, `４，９１６` …: an optional negative sign, digits
/// with optional thousands separators, an optional decimal part.
fn parse_decimal(s: &str) -> Option<Decimal> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::pattern::compile(r"^([△▲\-−]?)\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?$")
    });
    let folded = fold_ascii_width(s);
    let folded = folded.trim();
    // A sign or a digit first, or no number.
    let first = folded.chars().next()?;
    if !(first.is_ascii_digit() || "△▲-−".contains(first)) {
        return None;
    }
    let caps = re.captures(folded)?;
    let int = caps[2].replace(',', "");
    let frac = caps.get(3).map_or("", |m| m.as_str());
    if int.len() + frac.len() > 18 {
        return None;
    }
    Some(Decimal {
        digits: format!("{int}{frac}").parse().ok()?,
        scale: frac.len() as u32,
        negative: !caps[1].is_empty(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes() {
        let cases = [
            ("—", true),
            ("―", true),
            ("－", true),
            ("‐", true),
            ("-", true),
            ("ー", true),
            ("‒", true),
            ("–", true),
            ("━", true),
            ("−", true),
            ("\u{0336}", true),
            (" \u{0336} ", true),
            ("\u{3000}—\u{3000}", true),
            ("\n— ", true),
            ("――", true),
            ("", false),
            ("  ", false),
            ("—を含む", false),
            ("-1", false),
            ("0", false),
            ("■", false),
            ("- -", false),
        ];
        for (input, want) in cases {
            assert_eq!(is_dash(input), want, "is_dash({input:?})");
        }
    }

    #[test]
    fn numbers() {
        let cases = [
            ("4,916", Some(4916.0)),
            ("４９１６", Some(4916.0)),
            ("４，９１６", Some(4916.0)),
            ("77.5", Some(77.5)),
            ("７７．５", Some(77.5)),
            ("50.0", Some(50.0)),
            ("285,037", Some(285037.0)),
            ("1,234,567.89", Some(1234567.89)),
            ("△1,200", Some(-1200.0)),
            ("▲ 1,200", Some(-1200.0)),
            ("-12", Some(-12.0)),
            ("－１２", Some(-12.0)),
            ("−3.5", Some(-3.5)),
            ("  26 ", Some(26.0)),
            ("\u{3000}40\u{3000}", Some(40.0)),
            ("0", Some(0.0)),
            ("-0", Some(0.0)),
            ("007", Some(7.0)),
            ("R5一括支払い", None),
            ("12件", None),
            ("50%", None),
            ("—", None),
            ("", None),
            ("1,2345", None),
            ("12,34", None),
            (",123", None),
            ("1.", None),
            (".5", None),
            ("1.2.3", None),
            ("△", None),
            ("1 000", None),
            ("12345678901234567890", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_number(input), want, "parse_number({input:?})");
        }
        assert!(parse_number("-0").unwrap().is_sign_positive());
    }

    #[test]
    fn multipliers() {
        let cases = [
            ("円", Some(1.0)),
            ("千円", Some(1_000.0)),
            ("万円", Some(10_000.0)),
            ("百万円", Some(1_000_000.0)),
            ("億円", Some(100_000_000.0)),
            (" 千 円 ", Some(1_000.0)),
            ("千", None),
            ("ドル", None),
            ("", None),
            ("(千円)", None),
        ];
        for (input, want) in cases {
            assert_eq!(unit_multiplier(input), want, "unit_multiplier({input:?})");
        }
    }

    #[test]
    fn cost_units() {
        let cases = [
            ("単位（千円）", Some("千円")),
            ("単位(千円)", Some("千円")),
            ("単位 (千円)", Some("千円")),
            ("（千円）", Some("千円")),
            ("(千円)", Some("千円")),
            ("千円", Some("千円")),
            ("単位：千円", Some("千円")),
            ("単位:千円", Some("千円")),
            ("（単位：千円）", Some("千円")),
            ("事業費（千円）", Some("千円")),
            ("単位（百万円）", Some("百万円")),
            ("百万円", Some("百万円")),
            ("単位（万円）", Some("万円")),
            ("単位：円", Some("円")),
            ("円", Some("円")),
            ("ゼロ予算", None),
            ("事業費", None),
            ("円滑な運営", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(cost_unit(input).as_deref(), want, "cost_unit({input:?})");
        }
    }

    #[test]
    fn zero_budget() {
        let cases = [
            ("ゼロ予算", true),
            ("ゼロ 予算", true),
            ("ゼロ\n予算", true),
            ("事業費 ゼロ予算", true),
            ("（ゼロ予算）", true),
            ("単位（千円）", false),
            ("予算", false),
            ("", false),
        ];
        for (input, want) in cases {
            assert_eq!(is_zero_budget(input), want, "is_zero_budget({input:?})");
        }
    }

    fn value(raw: &str, value: Option<f64>, note: Option<&str>) -> Value {
        Value {
            raw: raw.to_string(),
            value,
            note: note.map(str::to_string),
            at: None,
        }
    }

    #[test]
    fn indicator_values() {
        let cases = [
            ("26", value("26", Some(26.0), None)),
            ("13,760", value("13,760", Some(13760.0), None)),
            ("77.5", value("77.5", Some(77.5), None)),
            ("50.0", value("50.0", Some(50.0), None)),
            ("△5", value("△5", Some(-5.0), None)),
            ("—", value("—", None, None)),
            ("\u{0336}", value("—", None, None)),
            ("", value("", None, None)),
            ("  ", value("", None, None)),
            (
                "県の計画を反映",
                value("県の計画を反映", None, Some("県の計画を反映")),
            ),
            ("検証", value("検証", None, Some("検証"))),
            (
                "方針転換により\n見送り",
                value("方針転換により見送り", None, Some("方針転換により見送り")),
            ),
            ("12件", value("12件", None, Some("12件"))),
        ];
        for (input, want) in cases {
            assert_eq!(indicator_value(input), want, "indicator_value({input:?})");
        }
    }

    #[test]
    fn cost_values() {
        let cases = [
            ("792", 1e3, false, value("792", Some(792_000.0), None)),
            ("4,916", 1e3, false, value("4,916", Some(4_916_000.0), None)),
            (
                "285,037",
                1e3,
                false,
                value("285,037", Some(285_037_000.0), None),
            ),
            ("77.1", 1e3, false, value("77.1", Some(77_100.0), None)),
            ("1.1", 1e6, false, value("1.1", Some(1_100_000.0), None)),
            ("0.3", 1e4, false, value("0.3", Some(3_000.0), None)),
            (
                "△1,200",
                1e3,
                false,
                value("△1,200", Some(-1_200_000.0), None),
            ),
            ("500", 1.0, false, value("500", Some(500.0), None)),
            ("—", 1e3, false, value("—", None, None)),
            ("", 1e3, false, value("", None, None)),
            (
                "R5一括支払い",
                1e3,
                false,
                value("R5一括支払い", None, Some("R5一括支払い")),
            ),
            (
                "病院情報システム 保守費用に内包",
                1e3,
                false,
                value(
                    "病院情報システム保守費用に内包",
                    None,
                    Some("病院情報システム保守費用に内包"),
                ),
            ),
            ("—", 1.0, true, value("—", Some(0.0), None)),
            ("", 1.0, true, value("", Some(0.0), None)),
            ("12", 1e3, true, value("12", Some(0.0), None)),
            (
                "検討中",
                1.0,
                true,
                value("検討中", Some(0.0), Some("検討中")),
            ),
        ];
        for (input, m, zero, want) in cases {
            assert_eq!(
                cost_value(input, m, zero),
                want,
                "cost_value({input:?}, {m}, {zero})"
            );
        }
    }

    #[test]
    fn cost_value_serialises_as_the_contract_shows() {
        let v = cost_value("4,916", 1e3, false);
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"raw":"4,916","value":4916000,"note":null}"#
        );
        let v = cost_value("—", 1e3, true);
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"raw":"—","value":0,"note":null}"#
        );
    }

    #[test]
    fn odd_multipliers_fall_back_to_float_product() {
        let v = cost_value("2", 0.5, false);
        assert_eq!(v.value, Some(1.0));
    }
}
