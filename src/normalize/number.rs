//! Numbers as printed in plan tables: full-width digits, thousands
//! separators, decimals, △/▲ negatives, the dash family, units, ゼロ予算.

use crate::model::Value;

/// True when the text is a lone dash meaning "nothing" (— ― － ‐ - ー and
/// stray code points producers map a dash glyph to, such as U+0336).
pub fn is_dash(_s: &str) -> bool {
    false
}

/// The number a cell prints, if it is one: `4,916`, `４９１６`, `77.5`,
/// `△1,200` (negative), `50.0`. `None` for words, dashes and blanks.
pub fn parse_number(_s: &str) -> Option<f64> {
    None
}

/// Yen per printed unit: 円 → 1, 千円 → 1,000, 万円 → 10,000,
/// 百万円 → 1,000,000. `None` for anything else.
pub fn unit_multiplier(_unit: &str) -> Option<f64> {
    None
}

/// The cost unit a label prints: `単位（千円）`, `単位 (千円)`, `(千円)`,
/// `千円` → `千円`. `None` when there is none.
pub fn cost_unit(_label: &str) -> Option<String> {
    None
}

/// True when the text says ゼロ予算 (zero budget), whatever its spacing.
pub fn is_zero_budget(_s: &str) -> bool {
    false
}

/// An indicator cell: the number in the indicator's unit, or the words as
/// `note`; `raw` as printed (see [`crate::normalize::text::clean_raw`]).
pub fn indicator_value(raw: &str) -> Value {
    Value {
        raw: raw.to_string(),
        value: None,
        note: None,
        at: None,
    }
}

/// A cost cell: the number times `multiplier` (yen), the words as `note`,
/// 0 for every cell when `zero_budget`.
pub fn cost_value(raw: &str, _multiplier: f64, _zero_budget: bool) -> Value {
    Value {
        raw: raw.to_string(),
        value: None,
        note: None,
        at: None,
    }
}
