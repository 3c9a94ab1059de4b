//! Matching measures and activity rows, and the field-by-field comparison.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value as Json, json};

use super::equal::{same_text, same_value, text_key};
use super::{Change, ChangeKind};
use crate::model::{Activity, Cost, Indicator, Measure, Period, Plan, Value};

/// Every change from `old` to `new`, in the documented order.
pub(super) fn changes(old: &Plan, new: &Plan) -> Vec<Change> {
    let matches = match_measures(&old.measures, &new.measures);
    let mut out = Vec::new();
    for slot in interleave(&matches, old.measures.len()) {
        match slot {
            Slot::New(n, None) => out.push(whole(&new.measures[n], ChangeKind::Added)),
            Slot::Old(o) => out.push(whole(&old.measures[o], ChangeKind::Removed)),
            Slot::New(n, Some(o)) => {
                measure_changes(&old.measures[o], &new.measures[n], &mut out);
            }
        }
    }
    out
}

/// One position in the output order: a new item with the old item it
/// matches (if any), or an old item that has no match.
#[derive(Debug, PartialEq)]
pub(super) enum Slot {
    New(usize, Option<usize>),
    Old(usize),
}

/// New items in order; each unmatched old item right after the new item
/// matched to the nearest matched old item before it (or first of all).
pub(super) fn interleave(matches: &[Option<usize>], old_len: usize) -> Vec<Slot> {
    let matched: BTreeSet<usize> = matches.iter().flatten().copied().collect();
    let anchor = |r: usize| matched.range(..r).next_back().copied();
    let unmatched: Vec<usize> = (0..old_len).filter(|i| !matched.contains(i)).collect();
    let mut out: Vec<Slot> = unmatched
        .iter()
        .filter(|&&r| anchor(r).is_none())
        .map(|&r| Slot::Old(r))
        .collect();
    for (n, m) in matches.iter().enumerate() {
        out.push(Slot::New(n, *m));
        if let Some(o) = m {
            let after = unmatched.iter().filter(|&&r| anchor(r) == Some(*o));
            out.extend(after.map(|&r| Slot::Old(r)));
        }
    }
    out
}

/// For each new measure, the index of the old measure it continues: the same
/// id and name; else the same name under another id (a move) when the old
/// id is gone or now holds another name; else the same id (a rename).
pub(super) fn match_measures(old: &[Measure], new: &[Measure]) -> Vec<Option<usize>> {
    let mut m: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    let same_name = |o: &Measure, n: &Measure| same_text(Some(&o.name), Some(&n.name));
    let mut pass = |ok: &dyn Fn(&Measure, &Measure) -> bool| {
        for (ni, n) in new.iter().enumerate() {
            if m[ni].is_some() {
                continue;
            }
            let found = (0..old.len()).find(|&oi| !taken[oi] && ok(&old[oi], n));
            if let Some(oi) = found {
                taken[oi] = true;
                m[ni] = Some(oi);
            }
        }
    };
    pass(&|o, n| o.id == n.id && same_name(o, n));
    pass(&|o, n| o.id != n.id && same_name(o, n) && old_id_free(new, o));
    pass(&|o, n| o.id == n.id);
    m
}

/// True when the old measure's id is absent from the new plan or holds a
/// measure with another name there.
fn old_id_free(new: &[Measure], o: &Measure) -> bool {
    new.iter()
        .filter(|n| n.id == o.id)
        .all(|n| !same_text(Some(&n.name), Some(&o.name)))
}

/// A whole measure added or removed: old/new is its name.
fn whole(m: &Measure, kind: ChangeKind) -> Change {
    let name = Json::String(m.name.clone());
    let (old, new) = match kind {
        ChangeKind::Removed => (name, Json::Null),
        _ => (Json::Null, name),
    };
    Change {
        measure: m.id.clone(),
        kind,
        old_id: None,
        path: String::new(),
        old,
        new,
        added: None,
        removed: None,
    }
}

/// Collects the changes of one matched measure.
struct Out<'a> {
    measure: String,
    list: &'a mut Vec<Change>,
}

impl Out<'_> {
    fn push(&mut self, kind: ChangeKind, path: String, old: Json, new: Json) {
        self.list.push(Change {
            measure: self.measure.clone(),
            kind,
            old_id: None,
            path,
            old,
            new,
            added: None,
            removed: None,
        });
    }

    fn changed(&mut self, path: &str, old: Json, new: Json) {
        self.push(ChangeKind::Changed, path.to_string(), old, new);
    }
}

/// True when two measures differ in anything the diff compares (their ids
/// included): the diff of the one against the other would list a change.
pub(crate) fn measures_differ(o: &Measure, n: &Measure) -> bool {
    let mut list = Vec::new();
    measure_changes(o, n, &mut list);
    !list.is_empty()
}

/// All changes between two matched measures, in field order.
fn measure_changes(o: &Measure, n: &Measure, list: &mut Vec<Change>) {
    let mut out = Out {
        measure: n.id.clone(),
        list,
    };
    if o.id != n.id {
        out.push(
            ChangeKind::Moved,
            String::new(),
            json!(o.name),
            json!(n.name),
        );
        if let Some(last) = out.list.last_mut() {
            last.old_id = Some(o.id.clone());
        }
    }
    text_fields(o, n, &mut out);
    departments(o, n, &mut out);
    schedule(&o.schedule, &n.schedule, &mut out);
    indicators(&o.indicators, &n.indicators, &mut out);
    cost(o.cost.as_ref(), n.cost.as_ref(), &mut out);
}

fn text_fields(o: &Measure, n: &Measure, out: &mut Out) {
    if !same_text(Some(&o.name), Some(&n.name)) {
        out.changed("name", json!(o.name), json!(n.name));
    }
    let fields: [(&str, &Option<String>, &Option<String>); 5] = [
        ("description", &o.description, &n.description),
        ("effect", &o.effect, &n.effect),
        ("challenges", &o.challenges, &n.challenges),
        ("review", &o.review, &n.review),
        (
            "qualitative_evaluation",
            &o.qualitative_evaluation,
            &n.qualitative_evaluation,
        ),
    ];
    for (path, a, b) in fields {
        if !same_text(a.as_deref(), b.as_deref()) {
            out.changed(path, json!(a), json!(b));
        }
    }
}

/// `departments`: the names, plus `等` when the list ended with it.
fn departments(o: &Measure, n: &Measure, out: &mut Out) {
    let keys = |m: &Measure| {
        let names: Vec<_> = m.departments.iter().map(|d| text_key(Some(d))).collect();
        (names, m.departments_etc)
    };
    if keys(o) != keys(n) {
        out.changed("departments", department_list(o), department_list(n));
    }
}

pub(super) fn department_list(m: &Measure) -> Json {
    let mut v = m.departments.clone();
    if m.departments_etc {
        v.push("等".to_string());
    }
    json!(v)
}

/// Activity rows matched by name (the n-th row of a name with the n-th).
fn schedule(old: &[Activity], new: &[Activity], out: &mut Out) {
    let mut taken = vec![false; old.len()];
    let matches: Vec<Option<usize>> = new
        .iter()
        .map(|a| {
            let k = text_key(Some(&a.activity));
            let found =
                (0..old.len()).find(|&i| !taken[i] && text_key(Some(&old[i].activity)) == k);
            if let Some(i) = found {
                taken[i] = true;
            }
            found
        })
        .collect();
    for slot in interleave(&matches, old.len()) {
        match slot {
            Slot::New(ni, Some(oi)) => activity(&old[oi], &new[ni], out),
            Slot::New(ni, None) => whole_row(&new[ni], ChangeKind::Added, out),
            Slot::Old(oi) => whole_row(&old[oi], ChangeKind::Removed, out),
        }
    }
}

fn whole_row(a: &Activity, kind: ChangeKind, out: &mut Out) {
    let row = serde_json::to_value(a).unwrap_or(Json::Null);
    let (old, new) = match kind {
        ChangeKind::Removed => (row, Json::Null),
        _ => (Json::Null, row),
    };
    out.push(kind, format!("schedule.{}", a.activity), old, new);
}

fn activity(o: &Activity, n: &Activity, out: &mut Out) {
    for (part, a, b) in [("plan", &o.plan, &n.plan), ("actual", &o.actual, &n.actual)] {
        let a: BTreeSet<Period> = a.iter().copied().collect();
        let b: BTreeSet<Period> = b.iter().copied().collect();
        if a == b {
            continue;
        }
        let path = format!("schedule.{}.{part}", n.activity);
        out.changed(&path, period_names(a.iter()), period_names(b.iter()));
        if let Some(last) = out.list.last_mut() {
            last.added = Some(period_list(b.difference(&a)));
            last.removed = Some(period_list(a.difference(&b)));
        }
    }
}

fn period_list<'a>(it: impl Iterator<Item = &'a Period>) -> Vec<String> {
    it.map(Period::to_string).collect()
}

fn period_names<'a>(it: impl Iterator<Item = &'a Period>) -> Json {
    json!(period_list(it))
}

/// Indicators matched by position: the first under the contract's
/// `indicator.…`, the others under `indicators[<i>].…` (0-based).
fn indicators(old: &[Indicator], new: &[Indicator], out: &mut Out) {
    for i in 0..old.len().max(new.len()) {
        indicator(&indicator_path(i), old.get(i), new.get(i), out);
    }
}

/// The diff path of the i-th indicator (0-based).
pub fn indicator_path(i: usize) -> String {
    match i {
        0 => "indicator".to_string(),
        _ => format!("indicators[{i}]"),
    }
}

fn indicator(prefix: &str, o: Option<&Indicator>, n: Option<&Indicator>, out: &mut Out) {
    let name = |i: Option<&Indicator>| i.map(|i| i.name.clone());
    if !same_text(name(o).as_deref(), name(n).as_deref()) || o.is_some() != n.is_some() {
        out.push(
            presence(o, n),
            format!("{prefix}.name"),
            json!(name(o)),
            json!(name(n)),
        );
    }
    let unit = |i: Option<&Indicator>| i.and_then(|i| i.unit.clone());
    optional_text(&format!("{prefix}.unit"), o, n, unit(o), unit(n), out);
    let empty = BTreeMap::new();
    let (ot, nt) = (
        o.map_or(&empty, |i| &i.target),
        n.map_or(&empty, |i| &i.target),
    );
    values(&format!("{prefix}.target"), ot, nt, out);
    let (oa, na) = (
        o.map_or(&empty, |i| &i.actual),
        n.map_or(&empty, |i| &i.actual),
    );
    values(&format!("{prefix}.actual"), oa, na, out);
}

fn cost(o: Option<&Cost>, n: Option<&Cost>, out: &mut Out) {
    let unit = |c: Option<&Cost>| c.and_then(|c| c.unit.clone());
    optional_text("cost.unit", o, n, unit(o), unit(n), out);
    let empty = BTreeMap::new();
    let (ov, nv) = (
        o.map_or(&empty, |c| &c.values),
        n.map_or(&empty, |c| &c.values),
    );
    values("cost", ov, nv, out);
}

/// A nullable text inside an object that may itself be absent: a change
/// when the texts differ; added/removed when the object is.
fn optional_text<T>(
    path: &str,
    o: Option<&T>,
    n: Option<&T>,
    a: Option<String>,
    b: Option<String>,
    out: &mut Out,
) {
    if !same_text(a.as_deref(), b.as_deref()) {
        out.push(presence(o, n), path.into(), json!(a), json!(b));
    }
}

/// `added` when the old side is absent, `removed` when the new side is,
/// else `changed`.
fn presence<T, U>(o: Option<T>, n: Option<U>) -> ChangeKind {
    match (o.is_some(), n.is_some()) {
        (false, _) => ChangeKind::Added,
        (_, false) => ChangeKind::Removed,
        _ => ChangeKind::Changed,
    }
}

/// Values by fiscal year (`<prefix>.<FY>`), over the years of both sides.
fn values(prefix: &str, old: &BTreeMap<i32, Value>, new: &BTreeMap<i32, Value>, out: &mut Out) {
    let years: BTreeSet<i32> = old.keys().chain(new.keys()).copied().collect();
    for y in years {
        let (a, b) = (old.get(&y), new.get(&y));
        if !same_value(a, b) {
            let path = format!("{prefix}.{y}");
            out.push(presence(a, b), path, value_json(a), value_json(b));
        }
    }
}

/// A Value as the diff shows it: without `at` (where it was read).
pub(super) fn value_json(v: Option<&Value>) -> Json {
    v.map_or(Json::Null, |v| {
        let bare = Value {
            at: None,
            ..v.clone()
        };
        serde_json::to_value(bare).unwrap_or(Json::Null)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_items_stay_at_their_old_position() {
        // old: A B C D; new: A C' E (B and D removed, E added).
        let matches = [Some(0), Some(2), None];
        let got = interleave(&matches, 4);
        use Slot::*;
        assert_eq!(
            got,
            vec![
                New(0, Some(0)),
                Old(1),
                New(1, Some(2)),
                Old(3),
                New(2, None)
            ]
        );
        // Removed before any match goes first.
        assert_eq!(interleave(&[Some(1)], 2), vec![Old(0), New(0, Some(1))]);
    }
}
