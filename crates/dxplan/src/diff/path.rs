//! Diff paths as data: the `path` of a [`Change`](super::Change) (and of a
//! review correction, which is a change kept in a file) parsed into a
//! [`FieldPath`], the field it names read from a plan in the diff's JSON
//! form, two such JSON values compared as the diff compares them, and a new
//! value written into a plan.
//!
//! The diff writes these paths (`compare.rs`); this module is the one place
//! that reads them back. [`FieldPath`]'s `Display` spells a path exactly as
//! the diff does, and `parse` is its inverse (tested on every path the diff
//! gives for the committed fixtures).
//!
//! Beyond the diff's measure paths, the plan-level fields of the `plan`
//! object have paths too (`plan.revised`, `plan.municipality.code` …): a
//! review may correct them; the diff reports them in its sides, not as
//! changes.
//!
//! ```
//! use dxplan::diff::path::{FieldPath, Series};
//!
//! let p = FieldPath::parse("indicators[1].target.2025").unwrap();
//! assert_eq!(p, FieldPath::IndicatorValue(1, Series::Target, 2025));
//! assert_eq!(p.to_string(), "indicators[1].target.2025");
//! assert_eq!(FieldPath::parse("schedule.運用.plan").unwrap().to_string(), "schedule.運用.plan");
//! assert!(FieldPath::parse("cost.R7").is_none());
//! ```

use std::collections::BTreeSet;
use std::fmt;

use serde_json::{Value as Json, json};

use super::compare::{department_list, measures_differ, value_json};
use super::equal::{same_text, same_value, text_key};
use crate::model::{Activity, Cost, Indicator, Measure, Municipality, Period, Plan, Value};

/// A text field of a measure that may be null.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    Description,
    Effect,
    Challenges,
    Review,
    QualitativeEvaluation,
}

impl TextField {
    pub const ALL: [TextField; 5] = [
        TextField::Description,
        TextField::Effect,
        TextField::Challenges,
        TextField::Review,
        TextField::QualitativeEvaluation,
    ];

    /// The JSON key and path.
    pub fn key(self) -> &'static str {
        match self {
            TextField::Description => "description",
            TextField::Effect => "effect",
            TextField::Challenges => "challenges",
            TextField::Review => "review",
            TextField::QualitativeEvaluation => "qualitative_evaluation",
        }
    }

    fn of(self, m: &Measure) -> &Option<String> {
        match self {
            TextField::Description => &m.description,
            TextField::Effect => &m.effect,
            TextField::Challenges => &m.challenges,
            TextField::Review => &m.review,
            TextField::QualitativeEvaluation => &m.qualitative_evaluation,
        }
    }

    fn of_mut(self, m: &mut Measure) -> &mut Option<String> {
        match self {
            TextField::Description => &mut m.description,
            TextField::Effect => &mut m.effect,
            TextField::Challenges => &mut m.challenges,
            TextField::Review => &mut m.review,
            TextField::QualitativeEvaluation => &mut m.qualitative_evaluation,
        }
    }
}

/// Which period list of an activity row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// 計画
    Plan,
    /// 実績
    Actual,
}

impl Part {
    pub fn key(self) -> &'static str {
        match self {
            Part::Plan => "plan",
            Part::Actual => "actual",
        }
    }
}

/// Which values of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Series {
    /// 目標値
    Target,
    /// 実績値
    Actual,
}

impl Series {
    pub fn key(self) -> &'static str {
        match self {
            Series::Target => "target",
            Series::Actual => "actual",
        }
    }
}

/// A field of the plan-wide `plan` object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanField {
    Title,
    Issued,
    Revised,
    FiscalYears,
    Prefecture,
    Municipality,
    Code,
}

impl PlanField {
    pub const ALL: [PlanField; 7] = [
        PlanField::Title,
        PlanField::Issued,
        PlanField::Revised,
        PlanField::FiscalYears,
        PlanField::Prefecture,
        PlanField::Municipality,
        PlanField::Code,
    ];

    /// The path: `plan.title`, `plan.municipality.code` …
    pub fn path(self) -> &'static str {
        match self {
            PlanField::Title => "plan.title",
            PlanField::Issued => "plan.issued",
            PlanField::Revised => "plan.revised",
            PlanField::FiscalYears => "plan.fiscal_years",
            PlanField::Prefecture => "plan.municipality.prefecture",
            PlanField::Municipality => "plan.municipality.name",
            PlanField::Code => "plan.municipality.code",
        }
    }
}

/// What a diff path names. The path strings are those of the contract's
/// "Diff JSON" section, plus the plan-level [`PlanField`]s.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldPath {
    /// `""`: the whole measure (its JSON object; null when absent).
    Measure,
    /// `name` (事業名): a string.
    Name,
    /// `description`, `effect`, `challenges`, `review`,
    /// `qualitative_evaluation`: a string or null.
    Text(TextField),
    /// `departments`: the list of names, a last `等` for `departments_etc`.
    Departments,
    /// `schedule.<activity>`: the whole row (`{"activity", "plan",
    /// "actual"}`), null when absent.
    Activity(String),
    /// `schedule.<activity>.plan` / `.actual`: the periods (`["2024-Q1"]`);
    /// null when the row is absent.
    Periods(String, Part),
    /// `indicator.name` / `indicators[<i>].name`: the i-th indicator's
    /// name, null when the measure has no i-th indicator.
    IndicatorName(usize),
    /// `indicator.unit` …: a string or null.
    IndicatorUnit(usize),
    /// `indicator.target.<FY>`, `indicators[<i>].actual.<FY>` …: a Value
    /// (without `at`), null when absent.
    IndicatorValue(usize, Series, i32),
    /// `cost.unit`: a string or null.
    CostUnit,
    /// `cost.<FY>`: a Value, null when absent.
    Cost(i32),
    /// `plan.title`, `plan.revised` … (not a measure's field).
    Plan(PlanField),
}

/// A four-digit fiscal year.
fn year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl FieldPath {
    /// Parse a path as the diff writes it. `schedule.<a>.plan` is read as
    /// the periods of row `<a>`; [`FieldPath::parse_change`] tells it from a
    /// whole row whose name ends in `.plan` by the values.
    pub fn parse(path: &str) -> Option<FieldPath> {
        if path.is_empty() {
            return Some(FieldPath::Measure);
        }
        if path == "name" {
            return Some(FieldPath::Name);
        }
        if path == "departments" {
            return Some(FieldPath::Departments);
        }
        if let Some(t) = TextField::ALL.into_iter().find(|t| t.key() == path) {
            return Some(FieldPath::Text(t));
        }
        if let Some(f) = PlanField::ALL.into_iter().find(|f| f.path() == path) {
            return Some(FieldPath::Plan(f));
        }
        if let Some(rest) = path.strip_prefix("schedule.") {
            if rest.is_empty() {
                return None;
            }
            let part = match rest.rsplit_once('.') {
                Some((a, "plan")) if !a.is_empty() => Some((a, Part::Plan)),
                Some((a, "actual")) if !a.is_empty() => Some((a, Part::Actual)),
                _ => None,
            };
            return Some(match part {
                Some((a, p)) => FieldPath::Periods(a.to_string(), p),
                None => FieldPath::Activity(rest.to_string()),
            });
        }
        if let Some((i, rest)) = super::indicator_part(path) {
            if path.starts_with("indicators[")
                && (i == 0 || !path.starts_with(&format!("indicators[{i}]")))
            {
                // `indicators[0].…` is spelt `indicator.…`; `[01]` is not a path.
                return None;
            }
            return match rest {
                "name" => Some(FieldPath::IndicatorName(i)),
                "unit" => Some(FieldPath::IndicatorUnit(i)),
                _ => {
                    let (series, y) = rest.split_once('.')?;
                    let series = match series {
                        "target" => Series::Target,
                        "actual" => Series::Actual,
                        _ => return None,
                    };
                    Some(FieldPath::IndicatorValue(i, series, year(y)?))
                }
            };
        }
        if path == "cost.unit" {
            return Some(FieldPath::CostUnit);
        }
        if let Some(y) = path.strip_prefix("cost.") {
            return Some(FieldPath::Cost(year(y)?));
        }
        None
    }

    /// Parse the path of a change or correction, using its values where the
    /// path alone is ambiguous: `schedule.<a>.plan` with a row object on
    /// either side is the whole row named `<a>.plan`.
    pub fn parse_change(path: &str, old: &Json, new: &Json) -> Option<FieldPath> {
        match FieldPath::parse(path)? {
            FieldPath::Periods(..) if old.is_object() || new.is_object() => {
                Some(FieldPath::Activity(path["schedule.".len()..].to_string()))
            }
            p => Some(p),
        }
    }

    /// True for a field of the `plan` object (no measure).
    pub fn is_plan_level(&self) -> bool {
        matches!(self, FieldPath::Plan(_))
    }

    /// The field's value in `plan` (in the measure `measure` for a measure
    /// path), as the diff's JSON shows it: null where the measure or the
    /// field is absent.
    pub fn get(&self, plan: &Plan, measure: Option<&str>) -> Json {
        if let FieldPath::Plan(f) = self {
            return plan_get(plan, *f);
        }
        let m = measure.and_then(|id| plan.measures.iter().find(|m| m.id == id));
        self.get_in(m)
    }

    /// The field's value in one measure (or none), as the diff shows it.
    pub fn get_in(&self, m: Option<&Measure>) -> Json {
        let Some(m) = m else {
            return Json::Null;
        };
        match self {
            FieldPath::Measure => serde_json::to_value(m).unwrap_or(Json::Null),
            FieldPath::Name => json!(m.name),
            FieldPath::Text(t) => json!(t.of(m)),
            FieldPath::Departments => department_list(m),
            FieldPath::Activity(a) => find_row(m, a)
                .map(|r| serde_json::to_value(r).unwrap_or(Json::Null))
                .unwrap_or(Json::Null),
            FieldPath::Periods(a, part) => find_row(m, a).map_or(Json::Null, |r| {
                let set: BTreeSet<Period> = periods(r, *part).iter().copied().collect();
                json!(set.iter().map(Period::to_string).collect::<Vec<_>>())
            }),
            FieldPath::IndicatorName(i) => json!(m.indicators.get(*i).map(|x| &x.name)),
            FieldPath::IndicatorUnit(i) => {
                json!(m.indicators.get(*i).and_then(|x| x.unit.as_ref()))
            }
            FieldPath::IndicatorValue(i, s, y) => {
                value_json(m.indicators.get(*i).and_then(|x| series(x, *s).get(y)))
            }
            FieldPath::CostUnit => json!(m.cost.as_ref().and_then(|c| c.unit.as_ref())),
            FieldPath::Cost(y) => value_json(m.cost.as_ref().and_then(|c| c.values.get(y))),
            FieldPath::Plan(_) => Json::Null,
        }
    }

    /// Read a JSON value of this path's shape, or say why it is not one.
    ///
    /// # Errors
    /// A short English text: what the path holds and what the value is.
    pub fn decode(&self, v: &Json) -> Result<FieldValue, String> {
        let want = |what: &str| format!("{self:?} holds {what}, not {}", short(v));
        let text = || match v {
            Json::Null => Ok(None),
            Json::String(s) => Ok(Some(s.clone())),
            _ => Err(want("a text or null")),
        };
        Ok(match self {
            FieldPath::Measure => match v {
                Json::Null => FieldValue::Measure(None),
                _ => FieldValue::Measure(Some(Box::new(
                    serde_json::from_value(v.clone()).map_err(|e| format!("not a measure: {e}"))?,
                ))),
            },
            FieldPath::Name => match v {
                Json::String(s) if !s.trim().is_empty() => FieldValue::Text(Some(s.clone())),
                _ => return Err(want("a non-empty text")),
            },
            FieldPath::Text(_)
            | FieldPath::IndicatorName(_)
            | FieldPath::IndicatorUnit(_)
            | FieldPath::CostUnit => FieldValue::Text(text()?),
            FieldPath::Departments => {
                let list: Vec<String> = serde_json::from_value(v.clone())
                    .map_err(|_| want("a list of department names"))?;
                FieldValue::Departments(list)
            }
            FieldPath::Activity(_) => match v {
                Json::Null => FieldValue::Row(None),
                _ => FieldValue::Row(Some(
                    serde_json::from_value(v.clone())
                        .map_err(|e| format!("not a schedule row: {e}"))?,
                )),
            },
            FieldPath::Periods(..) => match v {
                Json::Null => FieldValue::Periods(None),
                _ => FieldValue::Periods(Some(
                    serde_json::from_value(v.clone())
                        .map_err(|e| format!("not a list of periods: {e}"))?,
                )),
            },
            FieldPath::IndicatorValue(..) | FieldPath::Cost(_) => match v {
                Json::Null => FieldValue::Value(None),
                _ => FieldValue::Value(Some(
                    serde_json::from_value(v.clone())
                        .map_err(|e| format!("not a Value {{raw, value, note}}: {e}"))?,
                )),
            },
            FieldPath::Plan(PlanField::FiscalYears) => {
                let years: Vec<i32> =
                    serde_json::from_value(v.clone()).map_err(|_| want("a list of years"))?;
                if years.iter().any(|y| !(1868..=2200).contains(y)) {
                    return Err(want("Gregorian fiscal years"));
                }
                FieldValue::Years(years)
            }
            FieldPath::Plan(PlanField::Issued | PlanField::Revised) => {
                let t = text()?;
                if t.as_deref().is_some_and(|s| !is_year_month(s)) {
                    return Err(want("a YYYY-MM month or null"));
                }
                FieldValue::Text(t)
            }
            FieldPath::Plan(PlanField::Code) => {
                let t = text()?;
                if t.as_deref()
                    .is_some_and(|s| s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()))
                {
                    return Err(want("a 6-digit code or null"));
                }
                FieldValue::Text(t)
            }
            FieldPath::Plan(_) => FieldValue::Text(text()?),
        })
    }

    /// True when two values of this path mean the same, as the diff
    /// compares them: texts by [`same_text`](super::equal::same_text),
    /// Values by [`same_value`](super::equal::same_value), periods as
    /// sets, a whole measure by every field the diff compares.
    pub fn same(&self, a: &FieldValue, b: &FieldValue) -> bool {
        use FieldValue as V;
        match (a, b) {
            (V::Text(x), V::Text(y)) => same_text(x.as_deref(), y.as_deref()),
            (V::Departments(x), V::Departments(y)) => department_keys(x) == department_keys(y),
            (V::Row(x), V::Row(y)) => match (x, y) {
                (None, None) => true,
                (Some(x), Some(y)) => {
                    text_key(Some(&x.activity)) == text_key(Some(&y.activity))
                        && set(&x.plan) == set(&y.plan)
                        && set(&x.actual) == set(&y.actual)
                }
                _ => false,
            },
            (V::Periods(x), V::Periods(y)) => x.as_deref().map(set) == y.as_deref().map(set),
            (V::Value(x), V::Value(y)) => match (x, y) {
                // Absent is not "an empty cell" for a missing measure.
                (None, None) => true,
                _ => same_value(x.as_ref(), y.as_ref()),
            },
            (V::Measure(x), V::Measure(y)) => match (x, y) {
                (None, None) => true,
                (Some(x), Some(y)) => !measures_differ(x, y),
                _ => false,
            },
            (V::Years(x), V::Years(y)) => {
                x.iter().collect::<BTreeSet<_>>() == y.iter().collect::<BTreeSet<_>>()
            }
            _ => false,
        }
    }

    /// The value at this path now, decoded.
    pub fn current(&self, plan: &Plan, measure: Option<&str>) -> FieldValue {
        // `get` gives this path's own shape, so decoding it cannot fail
        // except for a whole measure the model cannot round-trip.
        self.decode(&self.get(plan, measure))
            .unwrap_or(FieldValue::Text(None))
    }

    /// Write `v` at this path (in measure `measure` for a measure path).
    /// A whole measure is added (in id order), replaced or removed; a
    /// field of an absent indicator, row or cost creates it where that
    /// makes a whole one (an indicator's name, a Value of the cost),
    /// else fails.
    ///
    /// # Errors
    /// A short English text when the plan has no place for the value (no
    /// such measure; a unit of an indicator that is not there).
    pub fn set(&self, plan: &mut Plan, measure: Option<&str>, v: FieldValue) -> Result<(), String> {
        if let FieldPath::Plan(f) = self {
            return plan_set(plan, *f, v);
        }
        let id = measure.ok_or("a measure path needs a measure id")?;
        let idx = plan.measures.iter().position(|m| m.id == id);
        if *self == FieldPath::Measure {
            let FieldValue::Measure(new) = v else {
                return Err("not a measure".into());
            };
            match (idx, new) {
                (Some(i), Some(m)) => plan.measures[i] = *m,
                (Some(i), None) => {
                    plan.measures.remove(i);
                }
                (None, Some(m)) => {
                    let key = (m.policy, m.number);
                    let at = plan
                        .measures
                        .iter()
                        .position(|x| (x.policy, x.number) > key)
                        .unwrap_or(plan.measures.len());
                    plan.measures.insert(at, *m);
                }
                (None, None) => {}
            }
            return Ok(());
        }
        let i = idx.ok_or_else(|| format!("no measure {id}"))?;
        set_in(self, &mut plan.measures[i], v)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ind = super::compare::indicator_path;
        match self {
            FieldPath::Measure => Ok(()),
            FieldPath::Name => f.write_str("name"),
            FieldPath::Text(t) => f.write_str(t.key()),
            FieldPath::Departments => f.write_str("departments"),
            FieldPath::Activity(a) => write!(f, "schedule.{a}"),
            FieldPath::Periods(a, p) => write!(f, "schedule.{a}.{}", p.key()),
            FieldPath::IndicatorName(i) => write!(f, "{}.name", ind(*i)),
            FieldPath::IndicatorUnit(i) => write!(f, "{}.unit", ind(*i)),
            FieldPath::IndicatorValue(i, s, y) => write!(f, "{}.{}.{y}", ind(*i), s.key()),
            FieldPath::CostUnit => f.write_str("cost.unit"),
            FieldPath::Cost(y) => write!(f, "cost.{y}"),
            FieldPath::Plan(p) => f.write_str(p.path()),
        }
    }
}

/// A value at a [`FieldPath`], typed: what [`FieldPath::decode`] reads and
/// [`FieldPath::set`] writes.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A text or null (names, texts, units, plan fields).
    Text(Option<String>),
    /// Department names, a last `等` when the list ended with it.
    Departments(Vec<String>),
    /// A schedule row, or none.
    Row(Option<Activity>),
    /// A row's periods, or none (no such row).
    Periods(Option<Vec<Period>>),
    /// A target, actual or cost Value, or none.
    Value(Option<Value>),
    /// A whole measure, or none.
    Measure(Option<Box<Measure>>),
    /// `plan.fiscal_years`.
    Years(Vec<i32>),
}

fn short(v: &Json) -> String {
    let s = v.to_string();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

fn is_year_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
        && matches!(s[5..].parse::<u8>(), Ok(1..=12))
}

fn set(p: &[Period]) -> BTreeSet<Period> {
    p.iter().copied().collect()
}

fn department_keys(list: &[String]) -> (Vec<Option<String>>, bool) {
    let (names, etc) = split_etc(list);
    (names.iter().map(|d| text_key(Some(d))).collect(), etc)
}

/// The names and whether a last `等` closed the list.
fn split_etc(list: &[String]) -> (&[String], bool) {
    match list.split_last() {
        Some((last, rest)) if last.trim() == "等" => (rest, true),
        _ => (list, false),
    }
}

fn find_row<'a>(m: &'a Measure, activity: &str) -> Option<&'a Activity> {
    let k = text_key(Some(activity));
    m.schedule.iter().find(|r| text_key(Some(&r.activity)) == k)
}

fn periods(r: &Activity, p: Part) -> &Vec<Period> {
    match p {
        Part::Plan => &r.plan,
        Part::Actual => &r.actual,
    }
}

fn series(i: &Indicator, s: Series) -> &std::collections::BTreeMap<i32, Value> {
    match s {
        Series::Target => &i.target,
        Series::Actual => &i.actual,
    }
}

/// A corrected Value keeps where the cell was read unless it says.
fn with_at(mut new: Value, old: Option<&Value>) -> Value {
    if new.at.is_none() {
        new.at = old.and_then(|o| o.at.clone());
    }
    new
}

fn set_in(path: &FieldPath, m: &mut Measure, v: FieldValue) -> Result<(), String> {
    use FieldValue as V;
    let mismatch = || format!("{path:?}: a value of another shape");
    match (path, v) {
        (FieldPath::Name, V::Text(Some(s))) => m.name = s,
        (FieldPath::Text(t), V::Text(s)) => *t.of_mut(m) = s,
        (FieldPath::Departments, V::Departments(list)) => {
            let (names, etc) = split_etc(&list);
            m.departments = names.to_vec();
            m.departments_etc = etc;
        }
        (FieldPath::Activity(a), V::Row(row)) => {
            let k = text_key(Some(a));
            let at = m
                .schedule
                .iter()
                .position(|r| text_key(Some(&r.activity)) == k);
            match (at, row) {
                (Some(i), Some(r)) => m.schedule[i] = r,
                (Some(i), None) => {
                    m.schedule.remove(i);
                }
                (None, Some(r)) => m.schedule.push(r),
                (None, None) => {}
            }
        }
        (FieldPath::Periods(a, part), V::Periods(list)) => {
            let mut list = list.unwrap_or_default();
            list.sort();
            list.dedup();
            let k = text_key(Some(a));
            let row = match m
                .schedule
                .iter()
                .position(|r| text_key(Some(&r.activity)) == k)
            {
                Some(i) => &mut m.schedule[i],
                None => {
                    m.schedule.push(Activity {
                        activity: a.clone(),
                        plan: Vec::new(),
                        actual: Vec::new(),
                    });
                    m.schedule.last_mut().ok_or("no row")?
                }
            };
            match part {
                Part::Plan => row.plan = list,
                Part::Actual => row.actual = list,
            }
        }
        (FieldPath::IndicatorName(i), V::Text(name)) => match name {
            Some(name) if *i < m.indicators.len() => m.indicators[*i].name = name,
            Some(name) if *i == m.indicators.len() => m.indicators.push(Indicator {
                name,
                unit: None,
                target: Default::default(),
                actual: Default::default(),
            }),
            Some(_) => return Err(format!("the measure has {} indicators", m.indicators.len())),
            None if *i < m.indicators.len() => {
                m.indicators.remove(*i);
            }
            None => {}
        },
        (FieldPath::IndicatorUnit(i), V::Text(unit)) => {
            let n = m.indicators.len();
            let ind = m
                .indicators
                .get_mut(*i)
                .ok_or_else(|| format!("the measure has {n} indicators"))?;
            ind.unit = unit;
        }
        (FieldPath::IndicatorValue(i, s, y), V::Value(v)) => {
            let n = m.indicators.len();
            let ind = m
                .indicators
                .get_mut(*i)
                .ok_or_else(|| format!("the measure has {n} indicators"))?;
            let map = match s {
                Series::Target => &mut ind.target,
                Series::Actual => &mut ind.actual,
            };
            match v {
                Some(v) => {
                    let v = with_at(v, map.get(y));
                    map.insert(*y, v);
                }
                None => {
                    map.remove(y);
                }
            }
        }
        (FieldPath::CostUnit, V::Text(unit)) => match (&mut m.cost, unit) {
            (Some(c), u) => c.unit = u,
            (None, Some(u)) => {
                m.cost = Some(Cost {
                    unit: Some(u),
                    zero_budget: false,
                    values: Default::default(),
                })
            }
            (None, None) => {}
        },
        (FieldPath::Cost(y), V::Value(v)) => {
            let cost = m.cost.get_or_insert_with(|| Cost {
                unit: None,
                zero_budget: false,
                values: Default::default(),
            });
            match v {
                Some(v) => {
                    let v = with_at(v, cost.values.get(y));
                    cost.values.insert(*y, v);
                }
                None => {
                    cost.values.remove(y);
                }
            }
        }
        _ => return Err(mismatch()),
    }
    Ok(())
}

fn plan_get(plan: &Plan, f: PlanField) -> Json {
    let p = &plan.plan;
    let m = p.municipality.as_ref();
    match f {
        PlanField::Title => json!(p.title),
        PlanField::Issued => json!(p.issued),
        PlanField::Revised => json!(p.revised),
        PlanField::FiscalYears => json!(p.fiscal_years),
        PlanField::Prefecture => json!(m.and_then(|m| m.prefecture.as_ref())),
        PlanField::Municipality => json!(m.map(|m| &m.name)),
        PlanField::Code => json!(m.and_then(|m| m.code.as_ref())),
    }
}

fn plan_set(plan: &mut Plan, f: PlanField, v: FieldValue) -> Result<(), String> {
    let p = &mut plan.plan;
    let text = |v: FieldValue| match v {
        FieldValue::Text(t) => Ok(t),
        _ => Err(format!("{}: a value of another shape", f.path())),
    };
    match f {
        PlanField::Title => p.title = text(v)?,
        PlanField::Issued => p.issued = text(v)?,
        PlanField::Revised => p.revised = text(v)?,
        PlanField::FiscalYears => match v {
            FieldValue::Years(mut y) => {
                y.sort_unstable();
                y.dedup();
                p.fiscal_years = y;
            }
            _ => return Err(format!("{}: a value of another shape", f.path())),
        },
        PlanField::Municipality => match text(v)? {
            Some(name) => match &mut p.municipality {
                Some(m) => m.name = name,
                None => {
                    p.municipality = Some(Municipality {
                        prefecture: None,
                        name,
                        code: None,
                    })
                }
            },
            None => p.municipality = None,
        },
        PlanField::Prefecture | PlanField::Code => {
            let t = text(v)?;
            let m = p
                .municipality
                .as_mut()
                .ok_or("the plan names no municipality: correct plan.municipality.name first")?;
            if f == PlanField::Code {
                m.code = t;
            } else {
                m.prefecture = t;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        let json = std::fs::read("../../tests/data/shiogama-2024-03.json").unwrap();
        serde_json::from_slice(&json).unwrap()
    }

    #[test]
    fn every_diff_path_parses_back_to_itself() {
        let old: Plan = serde_json::from_slice(
            &std::fs::read("../../tests/data/shiogama-edited-old.json").unwrap(),
        )
        .unwrap();
        let new = plan();
        let d = super::super::diff(&old, &new);
        assert!(d.changes.len() > 5);
        for c in &d.changes {
            let p = FieldPath::parse_change(&c.path, &c.old, &c.new)
                .unwrap_or_else(|| panic!("{:?} does not parse", c.path));
            assert_eq!(p.to_string(), c.path);
        }
    }

    #[test]
    fn paths_round_trip() {
        for s in [
            "",
            "name",
            "challenges",
            "departments",
            "schedule.導入",
            "schedule.R7.4～.plan",
            "schedule.運用.actual",
            "indicator.name",
            "indicator.unit",
            "indicator.target.2025",
            "indicators[2].actual.2024",
            "cost.unit",
            "cost.2023",
            "plan.revised",
            "plan.municipality.code",
        ] {
            assert_eq!(FieldPath::parse(s).unwrap().to_string(), s, "{s}");
        }
        for bad in [
            "names",
            "schedule.",
            "cost.R7",
            "indicator.target.25",
            "indicators[0].name",
            "indicators[01].name",
            "indicator.goal.2025",
            "plan.foo",
        ] {
            assert!(FieldPath::parse(bad).is_none(), "{bad}");
        }
        // A row whose name ends in `.plan`, told by its value.
        let row = json!({"activity": "a.plan", "plan": [], "actual": []});
        assert_eq!(
            FieldPath::parse_change("schedule.a.plan", &Json::Null, &row),
            Some(FieldPath::Activity("a.plan".into()))
        );
    }

    #[test]
    fn get_compare_and_set_as_the_diff_does() {
        let mut p = plan();
        let id = p.measures[0].id.clone();
        let path = FieldPath::Cost(2023);
        let now = path.current(&p, Some(&id));
        // Width and separators do not count.
        let FieldValue::Value(Some(v)) = &now else {
            panic!("{now:?}")
        };
        let mut wide = v.clone();
        wide.raw = crate::normalize::text::fold_ascii_width(&v.raw);
        assert!(path.same(&now, &FieldValue::Value(Some(wide))));
        let new = path
            .decode(&json!({"raw": "1,234", "value": 1234000, "note": null}))
            .unwrap();
        path.set(&mut p, Some(&id), new.clone()).unwrap();
        assert!(path.same(&path.current(&p, Some(&id)), &new));
        // The cell keeps where it was read.
        assert!(
            p.measures[0].cost.as_ref().unwrap().values[&2023]
                .at
                .is_some()
                == v.at.is_some()
        );

        let d = FieldPath::Departments;
        d.set(
            &mut p,
            Some(&id),
            d.decode(&json!(["政策課", "等"])).unwrap(),
        )
        .unwrap();
        assert_eq!(p.measures[0].departments, ["政策課"]);
        assert!(p.measures[0].departments_etc);
        assert_eq!(d.get(&p, Some(&id)), json!(["政策課", "等"]));

        let r = FieldPath::Plan(PlanField::Revised);
        assert!(r.decode(&json!("2025-13")).is_err());
        r.set(&mut p, None, r.decode(&json!("2025-03")).unwrap())
            .unwrap();
        assert_eq!(p.plan.revised.as_deref(), Some("2025-03"));
    }
}
