//! Japanese era years (令和/平成, R/H, 元年) and fiscal periods.

/// The Gregorian year of an era year or plain year: `R4`, `R 4`, `Ｒ４`,
/// `令和4年度`, `令和元年`, `H31`, `平成31年`, `2022`, `2022年度` → 2022 …
/// `None` when the text is not a year.
pub fn era_year(_s: &str) -> Option<i32> {
    None
}

/// Year and month of a date like `令和5年9月` or `2023年9月` → (2023, 9).
pub fn year_month(_s: &str) -> Option<(i32, u32)> {
    None
}

/// Issue and revision dates from a cover line such as
/// `令和5年9月(令和6年3月更新)` → (`Some("2023-09")`, `Some("2024-03")`).
/// A date followed by 更新/改定/改訂 is the revision; the first other date
/// is the issue.
pub fn issued_revised(_s: &str) -> (Option<String>, Option<String>) {
    (None, None)
}

/// The 和暦 name of a fiscal year: 2022 → `令和4年度`, 2019 → `令和元年度`,
/// 2018 → `平成30年度`.
pub fn fiscal_year_label(fy: i32) -> String {
    format!("{fy}年度")
}
