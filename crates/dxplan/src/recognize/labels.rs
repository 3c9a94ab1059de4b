//! Labels by meaning, as data: the row labels of a card, the column labels
//! of a list, and the words that mark a 計画/実績 or 目標/実績 row.
//!
//! Matching uses [`crate::normalize::text::label_key`] (width and
//! radicals folded, white space removed) after a trailing parenthesised part
//! is set aside: `概算事業費（千円）` is 概算事業費 with the note 千円,
//! `目標値（R8）` is 目標値 with the note R8. The next city's spelling is a new
//! row in [`LABELS`], with a line in the test below.

use crate::normalize::label::split_trailing_paren;
use crate::normalize::text::label_key;

/// The field a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Description,
    Effect,
    /// 現状と課題 (現状・課題, 課題, 背景・課題).
    Challenges,
    Schedule,
    /// An indicator block's heading row (成果指標, KPI, 指標): its own values
    /// are targets unless a sub-label says otherwise.
    Indicator,
    Target,
    Actual,
    /// 現状値: in a list, an actual for the year it names.
    Current,
    Cost,
    Qualitative,
    Review,
    Departments,
    /// A list's measure number column (No., 番号).
    Number,
    /// A list's policy column (基本方針, 基本目標 …).
    Policy,
    /// A list's single activity column (取組).
    Activity,
}

/// How a label word matches a label key.
#[derive(Debug, Clone, Copy)]
pub enum Match {
    /// The whole key.
    Exact(&'static str),
    /// The key starts with it.
    Prefix(&'static str),
    /// The key ends with it (担当課 → 所管課 …).
    Suffix(&'static str),
}

use Match::{Exact, Prefix, Suffix};

/// Labels by field, first match wins (so the more specific rows come first).
pub const LABELS: &[(Field, &[Match])] = &[
    (
        Field::Name,
        &[
            Exact("事業名"),
            Exact("事業名称"),
            Exact("取組名"),
            Exact("取組み名"),
            Exact("取り組み名"),
            Exact("取組事業名"),
            Exact("施策名"),
            Exact("施策名称"),
            Exact("事業"),
            Exact("取組項目"),
            Exact("実施事業"),
            Exact("重点事業"),
            Exact("重点事業名"),
        ],
    ),
    (
        Field::Description,
        &[
            Exact("内容"),
            Exact("事業内容"),
            Exact("事業概要"),
            Exact("取組内容"),
            Exact("取組み内容"),
            Exact("取り組み内容"),
            Exact("取組概要"),
            Exact("施策概要"),
            Exact("施策内容"),
            Exact("概要"),
            Exact("具体的な取組"),
            Exact("具体的な取組内容"),
            Exact("取組の概要"),
            Exact("主な取組"),
            Exact("計画内容"),
        ],
    ),
    (
        Field::Effect,
        &[
            Exact("効果"),
            Exact("期待される効果"),
            Exact("期待効果"),
            Exact("導入効果"),
            Exact("想定される効果"),
            Exact("めざす姿"),
            Exact("目指す姿"),
        ],
    ),
    (
        Field::Challenges,
        &[
            Exact("現状と課題"),
            Exact("現状・課題"),
            Exact("現状及び課題"),
            Exact("現状の課題"),
            Exact("課題"),
            Exact("背景・課題"),
            Exact("背景と課題"),
        ],
    ),
    (
        Field::Schedule,
        &[
            Exact("スケジュール"),
            Exact("実施スケジュール"),
            Exact("工程"),
            Exact("工程表"),
            Exact("年次計画"),
            Exact("ロードマップ"),
            Exact("実施計画"),
            Exact("年度別計画"),
            Exact("実施時期"),
            Exact("実施期間"),
            Exact("実施工程"),
        ],
    ),
    (
        Field::Current,
        &[
            Exact("現状値"),
            Exact("現状"),
            Exact("基準値"),
            Exact("現況値"),
        ],
    ),
    (
        Field::Target,
        &[
            Exact("目標値"),
            Exact("目標"),
            Exact("指標目標値"),
            Exact("目標指標"),
        ],
    ),
    (Field::Actual, &[Exact("実績値"), Exact("実績")]),
    (
        Field::Indicator,
        &[
            Exact("成果指標"),
            Exact("指標"),
            Exact("KPI"),
            Exact("評価指標"),
            Exact("数値目標"),
            Exact("指標名"),
            Exact("KPI指標"),
            Exact("重要業績評価指標"),
            Exact("重要業績評価指標(KPI)"),
            Exact("活動指標"),
            Exact("成果指標(KPI)"),
        ],
    ),
    (
        Field::Cost,
        &[
            Prefix("事業費"),
            Prefix("概算事業費"),
            Prefix("予算額"),
            Exact("予算"),
            Prefix("事業予算"),
        ],
    ),
    (
        Field::Qualitative,
        &[
            Exact("定性評価"),
            Exact("定性的評価"),
            Exact("評価"),
            Exact("進捗状況"),
            Exact("進捗"),
        ],
    ),
    (
        Field::Review,
        &[
            Exact("見直し・改善"),
            Exact("見直し改善"),
            Exact("見直し"),
            Exact("改善"),
            Exact("今後の方向性"),
            Exact("課題・改善"),
            Exact("課題と改善"),
            Exact("今後の方針"),
        ],
    ),
    (
        Field::Departments,
        &[
            Exact("担当部署"),
            Exact("担当課"),
            Exact("所管課"),
            Exact("担当部局"),
            Exact("担当"),
            Exact("所管"),
            Exact("所管部署"),
            Exact("主管課"),
            Exact("担当部課"),
            Suffix("担当課"),
        ],
    ),
    (
        Field::Number,
        &[
            Exact("No."),
            Exact("No"),
            Exact("NO."),
            Exact("№"),
            Exact("番号"),
            Exact("項番"),
            Exact("施策番号"),
            Exact("取組番号"),
            Exact("事業番号"),
        ],
    ),
    (
        Field::Policy,
        &[
            Exact("基本方針"),
            Exact("基本目標"),
            Exact("方針"),
            Exact("柱"),
            Exact("施策の柱"),
            Exact("重点分野"),
        ],
    ),
    (
        Field::Activity,
        &[Exact("取組"), Exact("取り組み"), Exact("実施内容")],
    ),
];

/// Words in the column between the label and the periods that say a row
/// is the plan (計画) or the actual (実績) line of an activity, or the
/// target (目標) or actual (実績) line of an indicator.
pub const PLAN_WORDS: &[&str] = &["計画", "予定", "目標", "目標値"];
pub const ACTUAL_WORDS: &[&str] = &["実績", "実績値"];

/// A label as read: its field and the parenthesised note after it
/// (a unit `千円`, a year `R8`).
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub field: Field,
    pub note: Option<String>,
}

/// The field a cell's text labels, if any.
pub fn field_of(text: &str) -> Option<Field> {
    label_of(text).map(|l| l.field)
}

/// The label a cell's text names, with its parenthesised note. An
/// indicator label may carry its ordinal (指標①, KPI2, 成果指標（1）): it
/// names the same field, without a note.
pub fn label_of(text: &str) -> Option<Label> {
    let key = crate::normalize::text::label_key_within(text, 24)?;
    if key.is_empty() {
        return None;
    }
    if let Some(field) = lookup(&key) {
        return Some(Label { field, note: None });
    }
    if let Some(field) = lookup(strip_ordinal(&key)).filter(|f| *f == Field::Indicator) {
        return Some(Label { field, note: None });
    }
    let (head, inner) = split_trailing_paren(&key)?;
    let field = lookup(head)?;
    if field == Field::Indicator && is_ordinal(inner) {
        return Some(Label { field, note: None });
    }
    Some(Label {
        field,
        note: Some(inner.to_string()).filter(|s| !s.is_empty()),
    })
}

/// `指標①` → `指標`, `KPI2` → `KPI`: a trailing circled number or digits.
fn strip_ordinal(key: &str) -> &str {
    key.trim_end_matches(|c: char| c.is_ascii_digit() || ('①'..='⑳').contains(&c))
}

/// `1`, `２`, `①`: an indicator's ordinal.
fn is_ordinal(s: &str) -> bool {
    !s.is_empty() && strip_ordinal(s).is_empty()
}

fn lookup(key: &str) -> Option<Field> {
    let key = key.trim_end_matches([':', '：']);
    let index = LabelIndex::get();
    // The first row of [`LABELS`] with a matching word: the exact words
    // by one hash lookup, then the few prefix and suffix words of rows
    // before it.
    let exact = index.exact.get(key).copied();
    let affix = index
        .affixes
        .iter()
        .take_while(|(row, _)| exact.is_none_or(|e| *row < e))
        .find(|(_, w)| matches(key, *w))
        .map(|(row, _)| *row);
    let row = match (exact, affix) {
        (Some(e), Some(a)) => e.min(a),
        (e, a) => e.or(a)?,
    };
    Some(LABELS[row].0)
}

/// [`LABELS`] indexed for [`lookup`], which every stage asks of many
/// cells: each exact word with the first row that has it, and the prefix
/// and suffix words in row order.
struct LabelIndex {
    exact: std::collections::HashMap<&'static str, usize, crate::fasthash::FastHash>,
    affixes: Vec<(usize, Match)>,
}

impl LabelIndex {
    fn get() -> &'static LabelIndex {
        static INDEX: std::sync::OnceLock<LabelIndex> = std::sync::OnceLock::new();
        INDEX.get_or_init(|| {
            let mut exact = std::collections::HashMap::with_hasher(crate::fasthash::FastHash);
            let mut affixes = Vec::new();
            for (row, (_, words)) in LABELS.iter().enumerate() {
                for w in *words {
                    match w {
                        Exact(w) => {
                            exact.entry(*w).or_insert(row);
                        }
                        Prefix(_) | Suffix(_) => affixes.push((row, *w)),
                    }
                }
            }
            LabelIndex { exact, affixes }
        })
    }
}

fn matches(key: &str, word: Match) -> bool {
    match word {
        Exact(w) => key == w,
        Prefix(w) => key.starts_with(w),
        Suffix(w) => key.ends_with(w),
    }
}

/// The label a cell names, known (`false`) or read by its words (`true`,
/// see [`guess_field`]; the caller warns `guessed_label`).
pub fn label_or_guess(text: &str) -> Option<(Label, bool)> {
    if let Some(l) = label_of(text) {
        return Some((l, false));
    }
    let field = guess_field(text)?;
    let key = label_key(text);
    let note = split_trailing_paren(&key)
        .map(|(_, n)| n.to_string())
        .filter(|n| !n.is_empty());
    Some((Label { field, note }, true))
}

/// Label words as evidence: a label the table does not know, read by the
/// words it is made of. Plans compound their labels freely (推進部署,
/// 所要額, 現状と問題点, 期待される成果, 今後の展開, 整理番号): the head
/// word says the field. Only a short label-like text is read this way (at
/// most 8 characters once a trailing parenthesised note is set aside, no
/// digits, no sentence punctuation), and never a 計画/実績 row word; the
/// caller warns `guessed_label`. The rules run in order, so the word that
/// decides comes first: 成果目標 is an indicator before 成果 is an
/// effect, 課題認識 a challenge, 今後の取組 a review before 取組 is anything.
pub fn guess_field(text: &str) -> Option<Field> {
    let key = label_key(text);
    let key = key.trim_end_matches([':', '：']);
    let head = split_trailing_paren(key).map_or(key, |(h, _)| h);
    // An ordinal after the word (成果目標1, 指標②) is not part of it.
    let head = strip_ordinal(head);
    if head.is_empty()
        || head.chars().count() > 8
        || head
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_numeric() || "。、，,．".contains(c))
        || plan_or_actual(head).is_some()
    {
        return None;
    }
    // `str::contains` sets up a two-way searcher for each word; on a head
    // of at most 8 characters comparing at each byte costs less.
    let has = |words: &[&str]| {
        words.iter().any(|w| {
            let w = w.as_bytes();
            head.as_bytes()
                .windows(w.len())
                .any(|b| b[0] == w[0] && b == w)
        })
    };
    let ends = |words: &[&str]| words.iter().any(|w| head.ends_with(w));
    let field = if has(&["指標", "KPI", "目標"]) {
        Field::Indicator
    } else if has(&["今後", "見直", "改善", "方向性"]) {
        Field::Review
    } else if has(&["課題", "問題"]) {
        Field::Challenges
    } else if has(&["評価", "状況", "進捗", "達成"]) {
        Field::Qualitative
    } else if has(&["効果", "成果"]) {
        Field::Effect
    } else if has(&["費", "予算", "金額"]) || ends(&["額"]) {
        Field::Cost
    } else if has(&["スケジュール", "工程", "ロードマップ", "日程", "時期"])
        || ends(&["計画", "期間"])
    {
        Field::Schedule
    } else if has(&["内容", "概要"]) {
        Field::Description
    } else if has(&["担当", "所管", "主管"]) || ends(&["部署", "部局", "部課", "課名"])
    {
        Field::Departments
    } else if ends(&["番号", "通番"]) {
        Field::Number
    } else if ends(&["名", "名称", "事業", "施策"]) {
        Field::Name
    } else {
        return None;
    };
    Some(field)
}

/// `Some(true)` for a plan/target row word, `Some(false)` for an actual row word.
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

    /// The index answers as the scan of [`LABELS`] in order does, on every
    /// word of the table and on texts that only start or end with one.
    #[test]
    fn indexed_lookup_is_the_first_matching_row() {
        let scan = |key: &str| {
            let key = key.trim_end_matches([':', '：']);
            LABELS
                .iter()
                .find_map(|(field, words)| words.iter().any(|w| matches(key, *w)).then_some(*field))
        };
        let mut keys = vec![String::new(), "計画".into(), "事業の概要：".into()];
        for (_, words) in LABELS {
            for w in *words {
                let (Exact(w) | Prefix(w) | Suffix(w)) = *w;
                for k in [
                    w.to_string(),
                    format!("新{w}"),
                    format!("{w}等"),
                    format!("{w}："),
                ] {
                    keys.push(k);
                }
            }
        }
        for k in &keys {
            assert_eq!(lookup(k), scan(k), "{k:?}");
        }
        assert!(keys.iter().filter(|k| lookup(k).is_some()).count() > 100);
    }
    use super::*;

    #[test]
    fn labels_by_meaning() {
        let cases = [
            ("事業名", Some(Field::Name)),
            ("事 業 名", Some(Field::Name)),
            ("取組名", Some(Field::Name)),
            ("施策名", Some(Field::Name)),
            ("事業概要", Some(Field::Description)),
            ("取組概要", Some(Field::Description)),
            ("期待効果", Some(Field::Effect)),
            ("工程", Some(Field::Schedule)),
            ("ロードマップ", Some(Field::Schedule)),
            ("成果指標", Some(Field::Indicator)),
            ("ＫＰＩ", Some(Field::Indicator)),
            ("指標", Some(Field::Indicator)),
            ("指標①", Some(Field::Indicator)),
            ("指標２", Some(Field::Indicator)),
            ("成果指標（1）", Some(Field::Indicator)),
            ("KPI③", Some(Field::Indicator)),
            ("重要業績評価指標", Some(Field::Indicator)),
            ("現状と課題", Some(Field::Challenges)),
            ("現状・課題", Some(Field::Challenges)),
            ("課題", Some(Field::Challenges)),
            ("背景・課題", Some(Field::Challenges)),
            ("具体的な取組", Some(Field::Description)),
            ("担当部課", Some(Field::Departments)),
            ("内容1", None),
            ("目標値（R7）", Some(Field::Target)),
            ("現状値(R6)", Some(Field::Current)),
            ("実績値", Some(Field::Actual)),
            ("事業費（千円）", Some(Field::Cost)),
            ("概算事業費（千円）", Some(Field::Cost)),
            ("予算額(百万円)", Some(Field::Cost)),
            ("予算（千円）", Some(Field::Cost)),
            ("進捗状況", Some(Field::Qualitative)),
            ("評価", Some(Field::Qualitative)),
            ("今後の方向性", Some(Field::Review)),
            ("課題・改善", Some(Field::Review)),
            ("見直し・改善", Some(Field::Review)),
            ("担当課", Some(Field::Departments)),
            ("所管課", Some(Field::Departments)),
            ("担当", Some(Field::Departments)),
            ("No.", Some(Field::Number)),
            ("基本方針", Some(Field::Policy)),
            ("取組", Some(Field::Activity)),
            ("電子申請の推進", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(field_of(text), want, "{text}");
        }
        assert_eq!(
            label_of("目標値（R8）").unwrap().note.as_deref(),
            Some("R8")
        );
        assert_eq!(plan_or_actual("計画"), Some(true));
        let guesses = [
            ("推進部署", Some(Field::Departments)),
            ("取りまとめ部課", Some(Field::Departments)),
            ("所管部局", Some(Field::Departments)),
            ("所要額（千円）", Some(Field::Cost)),
            ("概算経費", Some(Field::Cost)),
            ("現状と問題点", Some(Field::Challenges)),
            ("課題認識", Some(Field::Challenges)),
            ("期待される成果", Some(Field::Effect)),
            ("成果目標", Some(Field::Indicator)),
            ("業績指標", Some(Field::Indicator)),
            ("今後の取組", Some(Field::Review)),
            ("達成状況", Some(Field::Qualitative)),
            ("年度計画", Some(Field::Schedule)),
            ("取組の内容", Some(Field::Description)),
            ("整理番号", Some(Field::Number)),
            ("成果目標2", Some(Field::Indicator)),
            ("業績指標②", Some(Field::Indicator)),
            ("主な事業", Some(Field::Name)),
            ("事業の名称", Some(Field::Name)),
            ("計画", None),
            ("実績", None),
            ("住民課", None),
            ("電子申請の推進", None),
            ("計画どおり進んでいる。", None),
            ("職員の働き方の見直しを進める", None),
        ];
        for (text, want) in guesses {
            assert_eq!(guess_field(text), want, "guess {text}");
        }
        assert_eq!(plan_or_actual("目標"), Some(true));
        assert_eq!(plan_or_actual("実績"), Some(false));
        assert_eq!(plan_or_actual("内容"), None);
    }
}
