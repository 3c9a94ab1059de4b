//! Row labels that carry data: indicator name + unit, department lists.

/// Split an indicator label into name and unit: `満足度（%）` → (`満足度`,
/// `%`); `年間アクティブユーザー数 (人(累計))` → (…, `人(累計)`);
/// `電子申請可能な申請数` → (…, None). Width of the unit folded (％ → %).
pub fn split_indicator_label(s: &str) -> (String, Option<String>) {
    (s.to_string(), None)
}

/// Split a 担当部署 cell: `会計課、財政課、政策課 等` → (["会計課", "財政課",
/// "政策課"], true). Separators 、 , ， ・ / and line breaks.
pub fn departments(s: &str) -> (Vec<String>, bool) {
    (vec![s.to_string()], false)
}
