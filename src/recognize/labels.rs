//! The row labels of a measure table and their common synonyms, as data.
//! Matching uses [`label_key`](crate::normalize::text::label_key): width and
//! radicals folded, white space removed.

use crate::normalize::text::label_key;

/// The field a row label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Description,
    Effect,
    Schedule,
    Target,
    Actual,
    Cost,
    Qualitative,
    Review,
    Departments,
}

/// Labels by field. A label matches when its key equals one of these, or,
/// for entries ending in `*`, starts with it.
pub const LABELS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "事業名",
            "事業名称",
            "取組名",
            "取り組み名",
            "取組事業名",
            "施策名",
        ],
    ),
    (
        Field::Description,
        &[
            "内容",
            "事業内容",
            "事業概要",
            "取組内容",
            "取り組み内容",
            "概要",
        ],
    ),
    (
        Field::Effect,
        &["効果", "期待される効果", "期待効果", "導入効果"],
    ),
    (
        Field::Schedule,
        &[
            "スケジュール",
            "実施スケジュール",
            "工程",
            "工程表",
            "年次計画",
        ],
    ),
    (Field::Target, &["目標値", "目標", "指標目標値", "目標指標"]),
    (Field::Actual, &["実績値", "実績"]),
    (Field::Cost, &["事業費*", "予算額*", "事業予算*"]),
    (Field::Qualitative, &["定性評価", "定性的評価"]),
    (
        Field::Review,
        &[
            "見直し・改善",
            "見直し改善",
            "見直し",
            "改善",
            "今後の方向性",
            "課題・改善",
        ],
    ),
    (
        Field::Departments,
        &["担当部署", "担当課", "所管課", "担当部局", "担当"],
    ),
];

/// Words in the column between the label and the schedule that say a row
/// is the plan (計画) or the actual (実績) line of an activity.
pub const PLAN_WORDS: &[&str] = &["計画", "予定"];
pub const ACTUAL_WORDS: &[&str] = &["実績"];

/// The field a cell's text labels, if any.
pub fn field_of(text: &str) -> Option<Field> {
    let key = label_key(text);
    if key.is_empty() {
        return None;
    }
    LABELS
        .iter()
        .find_map(|(field, words)| words.iter().any(|w| matches(&key, w)).then_some(*field))
}

fn matches(key: &str, word: &str) -> bool {
    match word.strip_suffix('*') {
        Some(prefix) => key.starts_with(prefix),
        None => key == word,
    }
}

/// `Some(true)` for a plan row word, `Some(false)` for an actual row word.
pub fn plan_or_actual(text: &str) -> Option<bool> {
    let key = label_key(text);
    if PLAN_WORDS.contains(&key.as_str()) {
        Some(true)
    } else if ACTUAL_WORDS.contains(&key.as_str()) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_synonyms() {
        let cases = [
            ("事業名", Some(Field::Name)),
            ("事 業 名", Some(Field::Name)),
            ("取組名", Some(Field::Name)),
            ("事業概要", Some(Field::Description)),
            ("担当課", Some(Field::Departments)),
            ("事業費（千円）", Some(Field::Cost)),
            ("見直し・改善", Some(Field::Review)),
            ("実績値", Some(Field::Actual)),
            ("電子申請の推進", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(field_of(text), want, "{text}");
        }
        assert_eq!(plan_or_actual("計画"), Some(true));
        assert_eq!(plan_or_actual("実績"), Some(false));
        assert_eq!(plan_or_actual("内容"), None);
    }
}
