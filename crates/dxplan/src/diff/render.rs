//! What the text, Markdown and XLSX forms share: grouping by measure, the
//! summary, field labels, quarter strips and character-level segments.

use std::collections::BTreeSet;

use serde_json::Value as Json;
use similar::{ChangeTag, TextDiff};

use super::{Change, ChangeKind, Diff};
use crate::i18n::{Lang, t};
use crate::model::{Granularity, Period};

/// The changes of one measure, in output order.
pub(super) struct Group<'a> {
    pub measure: &'a str,
    /// The measure name (the old one for a removed measure).
    pub name: String,
    pub head: Head,
    /// The whole-measure change (added, removed or moved), if any.
    pub whole: Option<&'a Change>,
    /// The changes shown as rows (everything but the whole-measure change).
    pub rows: Vec<&'a Change>,
}

/// How a measure as a whole changed.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Head {
    Changed,
    Added,
    Removed,
    Moved { old_id: String },
}

/// Consecutive changes of one measure id, a whole-measure added/removed
/// change always on its own.
pub(super) fn groups(d: &Diff) -> Vec<Group<'_>> {
    let mut out: Vec<Group> = Vec::new();
    for c in &d.changes {
        let whole = c.path.is_empty();
        let joins = out.last().is_some_and(|g| {
            g.measure == c.measure
                && matches!(g.head, Head::Changed | Head::Moved { .. })
                && !(whole && matches!(c.kind, ChangeKind::Added | ChangeKind::Removed))
        });
        if !joins {
            out.push(new_group(d, c));
        }
        let g = out.last_mut().expect("a group was pushed");
        if whole {
            g.whole = Some(c);
        }
        if let (true, ChangeKind::Moved) = (whole, c.kind) {
            g.head = Head::Moved {
                old_id: c.old_id.clone().unwrap_or_default(),
            };
        } else if !whole {
            g.rows.push(c);
        }
    }
    out
}

fn new_group<'a>(d: &'a Diff, c: &'a Change) -> Group<'a> {
    let whole_name = |v: &Json| v.as_str().map(str::to_string);
    let (head, name) = match (c.path.is_empty(), c.kind) {
        (true, ChangeKind::Added) => (Head::Added, whole_name(&c.new)),
        (true, ChangeKind::Removed) => (Head::Removed, whole_name(&c.old)),
        (true, ChangeKind::Moved) => (Head::Changed, whole_name(&c.new)),
        _ => (Head::Changed, None),
    };
    let name = name
        .or_else(|| d.names.get(&c.measure).cloned())
        .unwrap_or_default();
    Group {
        measure: &c.measure,
        name,
        head,
        whole: None,
        rows: Vec::new(),
    }
}

/// `N measures changed, M added, K removed, J moved`. A moved measure with
/// other changes counts as moved and as changed.
pub(super) fn summary(groups: &[Group], lang: Lang) -> String {
    let count = |f: &dyn Fn(&Group) -> bool| groups.iter().filter(|g| f(g)).count();
    let changed =
        count(&|g| matches!(g.head, Head::Changed | Head::Moved { .. }) && !g.rows.is_empty());
    let added = count(&|g| g.head == Head::Added);
    let removed = count(&|g| g.head == Head::Removed);
    let moved = count(&|g| matches!(g.head, Head::Moved { .. }));
    t!(
        lang,
        "diff-summary",
        changed = changed,
        added = added,
        removed = removed,
        moved = moved
    )
}

/// `plan.xlsx (2023-09)`.
pub(super) fn side(s: &super::Side) -> String {
    match &s.revised {
        Some(r) => format!("{} ({r})", s.file),
        None => s.file.clone(),
    }
}

/// Which part of a schedule row a change is about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Part {
    Plan,
    Actual,
}

impl Part {
    pub fn label(self) -> &'static str {
        match self {
            Part::Plan => "計画",
            Part::Actual => "実績",
        }
    }

    /// The key of an activity row object.
    pub fn key(self) -> &'static str {
        match self {
            Part::Plan => "plan",
            Part::Actual => "actual",
        }
    }
}

/// How a change is best shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Field<'a> {
    /// A long text: character-level marks.
    Text,
    /// A schedule row (`part` None: the whole row added or removed).
    Schedule {
        activity: &'a str,
        part: Option<Part>,
    },
    /// A Value, a unit, the department list: old → new.
    Short,
}

pub(super) fn field(c: &Change) -> Field<'_> {
    const TEXTS: [&str; 6] = [
        "name",
        "description",
        "effect",
        "challenges",
        "review",
        "qualitative_evaluation",
    ];
    if let Some(rest) = c.path.strip_prefix("schedule.") {
        return schedule_field(c, rest);
    }
    let indicator_name = super::indicator_part(&c.path).is_some_and(|(_, rest)| rest == "name");
    if indicator_name || TEXTS.contains(&c.path.as_str()) {
        Field::Text
    } else {
        Field::Short
    }
}

fn schedule_field<'a>(c: &'a Change, rest: &'a str) -> Field<'a> {
    if c.added.is_none() && c.removed.is_none() {
        return Field::Schedule {
            activity: rest,
            part: None,
        };
    }
    let (activity, part) = match rest.rsplit_once('.') {
        Some((a, "actual")) => (a, Some(Part::Actual)),
        Some((a, _)) => (a, Some(Part::Plan)),
        None => (rest, None),
    };
    Field::Schedule { activity, part }
}

/// The table field a change is about, in the plan's own words.
pub(super) fn label(c: &Change) -> String {
    if let Field::Schedule { activity, part } = field(c) {
        let part = part.map_or("", Part::label);
        return format!("スケジュール「{activity}」{part}");
    }
    let p = c.path.as_str();
    let fixed = match p {
        "" => "施策番号",
        "name" => "事業名",
        "description" => "内容",
        "effect" => "効果",
        "challenges" => "現状と課題",
        "review" => "見直し・改善",
        "qualitative_evaluation" => "定性評価",
        "departments" => "担当部署",
        "cost.unit" => "事業費の単位",
        _ => return other_label(p),
    };
    fixed.to_string()
}

/// Indicator and cost paths: `指標`, `目標値 2024年度`; a second or later
/// indicator is numbered from 1 (`指標2の単位`, `指標2 目標値 2024年度`).
fn other_label(p: &str) -> String {
    if let Some((i, rest)) = super::indicator_part(p) {
        let which = match i {
            0 => "指標".to_string(),
            _ => format!("指標{}", i + 1),
        };
        return match rest {
            "name" => which,
            "unit" => format!("{which}の単位"),
            _ => {
                let year = year_label(rest);
                if i == 0 {
                    year
                } else {
                    format!("{which} {year}")
                }
            }
        };
    }
    year_label(p)
}

fn year_label(p: &str) -> String {
    let (name, year) = if let Some(y) = p.strip_prefix("target.") {
        ("目標値", y)
    } else if let Some(y) = p.strip_prefix("actual.") {
        ("実績値", y)
    } else if let Some(y) = p.strip_prefix("cost.") {
        ("事業費", y)
    } else {
        return p.to_string();
    };
    format!("{name} {year}年度")
}

/// A short rendering of one side: a Value's raw text, a name, a list.
pub(super) fn plain(v: &Json, lang: Lang) -> String {
    match v {
        Json::Null => t!(lang, "diff-none"),
        Json::String(s) if s.is_empty() => t!(lang, "diff-blank"),
        Json::String(s) => s.clone(),
        Json::Array(a) => list(a, lang),
        Json::Object(o) => match o.get("raw") {
            Some(raw) => plain(raw, lang),
            None => v.to_string(),
        },
        other => other.to_string(),
    }
}

/// `政策課、市民課 等`: a list joined as printed, a last 等 set apart.
fn list(a: &[Json], lang: Lang) -> String {
    let mut items: Vec<String> = a.iter().map(|v| plain(v, lang)).collect();
    let etc = items.last().is_some_and(|l| l == "等") && items.len() > 1;
    if etc {
        items.pop();
    }
    let joined = items.join("、");
    if etc { format!("{joined} 等") } else { joined }
}

/// The text of a change side, for character-level comparison.
pub(super) fn text_of(v: &Json) -> Option<&str> {
    v.as_str()
}

/// One mark per period over the fiscal years: scheduled or not, and whether
/// that differs from the other side.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Strip {
    pub years: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Cell {
    pub on: bool,
    pub differs: bool,
}

impl Cell {
    pub fn glyph(self) -> char {
        if self.on { '■' } else { '□' }
    }
}

impl Strip {
    /// `■■■■ □□□□ …`: years separated by a space.
    pub fn plain(&self) -> String {
        let years: Vec<String> = self
            .years
            .iter()
            .map(|y| y.iter().map(|c| c.glyph()).collect())
            .collect();
        years.join(" ")
    }
}

/// The periods of a JSON list of period names.
fn periods(v: &Json) -> BTreeSet<Period> {
    let list = v.as_array().map(Vec::as_slice).unwrap_or(&[]);
    list.iter()
        .filter_map(|p| p.as_str()?.parse().ok())
        .collect()
}

/// The span a strip covers: the plans' fiscal years and the years of the
/// periods shown; the granularity of the periods (quarters by default).
/// Years from the first to the last that a schedule strip fills in.
const MAX_SPAN_YEARS: i32 = 30;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Span {
    pub years: Vec<i32>,
    pub granularity: Granularity,
}

impl Span {
    pub fn new(d: &Diff, lists: &[&Json]) -> Span {
        let all: BTreeSet<Period> = lists.iter().flat_map(|l| periods(l)).collect();
        let mut years: BTreeSet<i32> = d.fiscal_years.iter().copied().collect();
        years.extend(all.iter().map(|p| p.fiscal_year));
        // The years between are drawn too (a plan's columns), unless they
        // are so far apart that only the years present make sense.
        let (lo, hi) = (years.first().copied(), years.last().copied());
        let years = match (lo, hi) {
            (Some(lo), Some(hi)) if hi - lo < MAX_SPAN_YEARS => (lo..=hi).collect(),
            _ => years.into_iter().collect(),
        };
        let granularity = all.iter().map(|p| p.granularity).max();
        Span {
            years,
            granularity: granularity.unwrap_or(Granularity::Quarter),
        }
    }

    /// `one mark per quarter, FY2022–FY2025`.
    pub fn legend(&self, lang: Lang) -> String {
        let unit = t!(
            lang,
            match self.granularity {
                Granularity::Year => "diff-unit-year",
                Granularity::Half => "diff-unit-half",
                Granularity::Quarter => "diff-unit-quarter",
                Granularity::Month => "diff-unit-month",
            }
        );
        match (self.years.first(), self.years.last()) {
            // Years as text: a number would be formatted (2,022).
            (Some(a), Some(b)) => t!(
                lang,
                "diff-legend-years",
                unit = unit,
                first = a.to_string(),
                last = b.to_string()
            ),
            _ => t!(lang, "diff-legend", unit = unit),
        }
    }

    /// The strip of `list`, marking where it differs from `other`.
    pub fn strip(&self, list: &Json, other: &Json) -> Strip {
        let (mine, theirs) = (periods(list), periods(other));
        let cols = self.granularity.columns();
        let years = self
            .years
            .iter()
            .map(|&y| {
                (1..=cols)
                    .map(|i| {
                        let p = Period::new(y, self.granularity, i);
                        let on = mine.contains(&p);
                        Cell {
                            on,
                            differs: on != theirs.contains(&p),
                        }
                    })
                    .collect()
            })
            .collect();
        Strip { years }
    }
}

/// The span of a schedule change (both sides, and both lists of a row).
pub(super) fn span_of(d: &Diff, c: &Change) -> Span {
    let mut lists: Vec<&Json> = vec![&c.old, &c.new];
    for side in [&c.old, &c.new] {
        lists.extend(["plan", "actual"].iter().filter_map(|k| side.get(k)));
    }
    Span::new(d, &lists)
}

/// A piece of text, changed or kept.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Seg {
    pub text: String,
    pub changed: bool,
}

/// Character-level comparison of two texts: the old side's and the new
/// side's segments. `None` when they share too little for marks to help.
pub(super) fn inline_diff(old: &str, new: &str) -> Option<(Vec<Seg>, Vec<Seg>)> {
    let td = TextDiff::from_chars(old, new);
    if td.ratio() < 0.4 {
        return None;
    }
    let runs = absorb_short_equals(runs(&td));
    let side = |keep: ChangeTag| -> Vec<Seg> {
        let mut segs: Vec<Seg> = Vec::new();
        for (tag, text, both) in &runs {
            if *tag != ChangeTag::Equal && *tag != keep && !*both {
                continue;
            }
            push_seg(&mut segs, text, *tag != ChangeTag::Equal || *both);
        }
        segs
    };
    Some((side(ChangeTag::Delete), side(ChangeTag::Insert)))
}

/// Consecutive characters of one tag joined.
fn runs(td: &TextDiff<'_, '_, str>) -> Vec<(ChangeTag, String)> {
    let mut out: Vec<(ChangeTag, String)> = Vec::new();
    for ch in td.iter_all_changes() {
        match out.last_mut() {
            Some((t, s)) if *t == ch.tag() => s.push_str(ch.value()),
            _ => out.push((ch.tag(), ch.value().to_string())),
        }
    }
    out
}

/// Kept runs of one or two characters between changes count as changed on
/// both sides (the third field: "shown on both sides"), so that a rewritten
/// phrase reads as one change rather than confetti.
fn absorb_short_equals(runs: Vec<(ChangeTag, String)>) -> Vec<(ChangeTag, String, bool)> {
    let n = runs.len();
    (0..n)
        .map(|i| {
            let (tag, text) = &runs[i];
            let short = *tag == ChangeTag::Equal && text.chars().count() <= 2;
            let inner = i > 0 && i + 1 < n;
            (*tag, text.clone(), short && inner)
        })
        .collect()
}

fn push_seg(segs: &mut Vec<Seg>, text: &str, changed: bool) {
    match segs.last_mut() {
        Some(s) if s.changed == changed => s.text.push_str(text),
        _ => segs.push(Seg {
            text: text.to_string(),
            changed,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg_str(segs: &[Seg]) -> String {
        segs.iter()
            .map(|s| {
                if s.changed {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn inline_marks_the_changed_characters() {
        let (o, n) = inline_diff(
            "R5年度も引き続きオンライン化可能な申請を調査する。",
            "R6年度も引き続きオンライン化可能な申請を調査し、支援する。",
        )
        .unwrap();
        assert_eq!(
            seg_str(&o),
            "R[5]年度も引き続きオンライン化可能な申請を調査する。"
        );
        assert_eq!(
            seg_str(&n),
            "R[6]年度も引き続きオンライン化可能な申請を調査[し、支援]する。"
        );
        // A kept character between two changes joins them.
        let (o, n) = inline_diff("計画を作成する予定", "方針を策定する予定").unwrap();
        assert_eq!(seg_str(&o), "[計画を作成]する予定");
        assert_eq!(seg_str(&n), "[方針を策定]する予定");
    }

    #[test]
    fn unrelated_texts_get_no_marks() {
        assert!(inline_diff("電子申請の推進", "スマートストアの設置").is_none());
    }

    #[test]
    fn strips_mark_periods_and_differences() {
        let d = Diff {
            old: super::super::Side {
                file: "a".into(),
                revised: None,
            },
            new: super::super::Side {
                file: "b".into(),
                revised: None,
            },
            changes: vec![],
            names: Default::default(),
            fiscal_years: vec![2022, 2023],
        };
        let old = serde_json::json!(["2022-Q1", "2022-Q2"]);
        let new = serde_json::json!(["2022-Q2", "2022-Q3", "2023-Q1"]);
        let span = Span::new(&d, &[&old, &new]);
        assert_eq!(span.strip(&old, &new).plain(), "■■□□ □□□□");
        let s = span.strip(&new, &old);
        assert_eq!(s.plain(), "□■■□ ■□□□");
        assert!(s.years[0][2].differs && !s.years[0][1].differs);
        assert_eq!(span.legend(Lang::En), "one mark per quarter, FY2022–FY2023");
        assert_eq!(span.legend(Lang::Ja), "1 マス＝四半期、2022〜2023年度");
    }

    #[test]
    fn labels_name_the_table_fields() {
        let c = |path: &str, sched: bool| Change {
            measure: "1-1".into(),
            kind: ChangeKind::Changed,
            old_id: None,
            path: path.into(),
            old: Json::Null,
            new: Json::Null,
            added: sched.then(Vec::new),
            removed: sched.then(Vec::new),
        };
        assert_eq!(label(&c("indicator.target.2024", false)), "目標値 2024年度");
        assert_eq!(label(&c("cost.2023", false)), "事業費 2023年度");
        assert_eq!(
            label(&c("schedule.運用.actual", true)),
            "スケジュール「運用」実績"
        );
        assert_eq!(
            label(&c("schedule.a.plan", false)),
            "スケジュール「a.plan」"
        );
        assert_eq!(label(&c("review", false)), "見直し・改善");
    }
}
