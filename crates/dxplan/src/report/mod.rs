//! The progress report of one edition (進捗管理): `dxplan report`.
//!
//! [`report`] reads a [`Plan`] as of its own date (`revised`, else
//! `issued`) and works out, per measure:
//!
//! - **targets vs actuals** by fiscal year, with the achievement rate
//!   (actual ÷ target) where both are numbers;
//! - **schedule status**: plans report their actuals once a fiscal year has
//!   closed, so the periods *due* are the planned periods of the fiscal
//!   years that ended by the edition's date (FY N ends in March N+1).
//!   An activity is *behind* when a due planned period has no actual mark,
//!   *ahead* when an actual mark comes before a planned period not yet
//!   done and outside the plan, else *on schedule*. A measure is *not
//!   reported* when its schedule has no marks at all, or periods are due
//!   and no actual mark is recorded anywhere in it; else it takes the
//!   worst of its activities (behind, then ahead);
//! - **cost** by fiscal year (事業費, yen; ゼロ予算 is 0).
//!
//! Per 基本方針 and for the whole plan it sums the statuses, the targets
//! met and the costs. Writers: Markdown, XLSX, and one self-contained HTML
//! page (inline SVG Gantt and target-vs-actual charts, A4 print).

mod html;
mod markdown;
mod svg;
mod xlsx;

use std::collections::BTreeMap;
use std::io::{self, Seek, Write};

use serde::Serialize;

use crate::error::WriteError;
use crate::i18n::Lang;
use crate::model::{Activity, Indicator, Measure, Period, Plan, Value};

/// Schedule status of an activity or a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnSchedule,
    Ahead,
    Behind,
    NotReported,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::OnSchedule => "on schedule",
            Status::Ahead => "ahead",
            Status::Behind => "behind",
            Status::NotReported => "not reported",
        }
    }

    /// The Japanese label staff read.
    pub fn label_ja(self) -> &'static str {
        match self {
            Status::OnSchedule => "計画どおり",
            Status::Ahead => "前倒し",
            Status::Behind => "遅れ",
            Status::NotReported => "実績未報告",
        }
    }

    pub const ALL: [Status; 4] = [
        Status::OnSchedule,
        Status::Behind,
        Status::Ahead,
        Status::NotReported,
    ];
}

/// How a fiscal year's actual compares with its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Actual ≥ target.
    Met,
    NotMet,
    /// The year has closed, the target is a number, the actual is not.
    NoActual,
    /// The year has not closed yet.
    Pending,
    /// The target is not a number (words, a dash, blank).
    NoTarget,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "met 達成",
            Verdict::NotMet => "not met 未達成",
            Verdict::NoActual => "no actual 実績なし",
            Verdict::Pending => "pending 未到来",
            Verdict::NoTarget => "—",
        }
    }
}

/// Target and actual of one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearRow {
    pub year: i32,
    pub target_raw: String,
    pub target: Option<f64>,
    pub actual_raw: String,
    pub actual: Option<f64>,
    /// Actual ÷ target × 100, where both are numbers and the target is not 0.
    pub rate: Option<f64>,
    pub verdict: Verdict,
}

/// One activity's schedule as of the edition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityReport {
    pub name: String,
    pub plan: Vec<Period>,
    pub actual: Vec<Period>,
    /// Due planned periods without an actual mark.
    pub missing: Vec<Period>,
    /// Actual marks outside the plan before a planned period not yet done.
    pub early: Vec<Period>,
    pub status: Status,
}

/// One indicator (KPI) of a measure: target vs actual by fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorReport {
    pub name: String,
    pub unit: Option<String>,
    pub years: Vec<YearRow>,
}

/// One measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureReport {
    pub id: String,
    pub policy: u32,
    pub name: String,
    /// Every indicator, in document order.
    pub indicators: Vec<IndicatorReport>,
    pub activities: Vec<ActivityReport>,
    pub status: Status,
    /// Cost by fiscal year: the raw text and the yen it means.
    pub cost: Vec<(i32, String, Option<f64>)>,
}

/// Totals over some measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// `全体` or `基本方針N …`.
    pub name: String,
    pub measures: usize,
    pub status: BTreeMap<String, usize>,
    /// Closed fiscal years with a numeric target and actual.
    pub targets_compared: usize,
    pub targets_met: usize,
    /// Yen by fiscal year (numeric costs only).
    pub cost: BTreeMap<i32, f64>,
}

impl Summary {
    pub fn count(&self, s: Status) -> usize {
        self.status.get(s.label()).copied().unwrap_or(0)
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub title: String,
    pub municipality: Option<String>,
    pub file: String,
    /// The edition's date, `YYYY-MM`.
    pub as_of: Option<String>,
    /// The last fiscal year closed by that date.
    pub closed_through: Option<i32>,
    pub fiscal_years: Vec<i32>,
    pub total: Summary,
    pub policies: Vec<Summary>,
    pub measures: Vec<MeasureReport>,
}

/// Build the report of one edition.
pub fn report(plan: &Plan) -> Report {
    let as_of = plan
        .plan
        .revised
        .clone()
        .or_else(|| plan.plan.issued.clone());
    let closed = as_of.as_deref().and_then(closed_through);
    let measures: Vec<MeasureReport> = plan.measures.iter().map(|m| measure(m, closed)).collect();
    let mut policies: Vec<Summary> = Vec::new();
    for p in &plan.policies {
        let of: Vec<&MeasureReport> = measures.iter().filter(|m| m.policy == p.number).collect();
        policies.push(summary(format!("基本方針{} {}", p.number, p.title), &of));
    }
    let mut numbers: Vec<u32> = measures.iter().map(|m| m.policy).collect();
    numbers.dedup();
    for n in numbers {
        if !plan.policies.iter().any(|p| p.number == n) {
            let of: Vec<&MeasureReport> = measures.iter().filter(|m| m.policy == n).collect();
            policies.push(summary(format!("基本方針{n}"), &of));
        }
    }
    let m = plan.plan.municipality.as_ref();
    Report {
        title: plan
            .plan
            .title
            .clone()
            .unwrap_or_else(|| plan.source.file.clone()),
        municipality: m.map(|m| match &m.prefecture {
            Some(p) if !m.name.starts_with(p.as_str()) => format!("{p}{}", m.name),
            _ => m.name.clone(),
        }),
        file: plan.source.file.clone(),
        as_of,
        closed_through: closed,
        fiscal_years: plan.plan.fiscal_years.clone(),
        total: summary("全体".into(), &measures.iter().collect::<Vec<_>>()),
        policies,
        measures,
    }
}

/// The last fiscal year ended by `YYYY-MM` (FY N ends in March N+1).
fn closed_through(ym: &str) -> Option<i32> {
    let (y, m) = ym.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    Some(if m >= 3 { y - 1 } else { y - 2 })
}

fn measure(m: &Measure, closed: Option<i32>) -> MeasureReport {
    let activities: Vec<ActivityReport> = m.schedule.iter().map(|a| activity(a, closed)).collect();
    MeasureReport {
        id: m.id.clone(),
        policy: m.policy,
        name: m.name.clone(),
        indicators: m
            .indicators
            .iter()
            .map(|i| IndicatorReport {
                name: i.name.clone(),
                unit: i.unit.clone(),
                years: years(i, closed),
            })
            .collect(),
        status: measure_status(&activities, closed),
        activities,
        cost: m
            .cost
            .as_ref()
            .map(|c| {
                c.values
                    .iter()
                    .map(|(y, v)| {
                        let yen = if c.zero_budget {
                            Some(v.value.unwrap_or(0.0))
                        } else {
                            v.value
                        };
                        (*y, v.raw.clone(), yen)
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn is_due(p: &Period, closed: Option<i32>) -> bool {
    closed.is_some_and(|c| p.fiscal_year <= c)
}

fn activity(a: &Activity, closed: Option<i32>) -> ActivityReport {
    let missing: Vec<Period> = a
        .plan
        .iter()
        .filter(|p| is_due(p, closed) && !a.actual.contains(p))
        .copied()
        .collect();
    let early: Vec<Period> = a
        .actual
        .iter()
        .filter(|p| !a.plan.contains(p) && a.plan.iter().any(|q| q > p && !a.actual.contains(q)))
        .copied()
        .collect();
    let status = if a.plan.is_empty() && a.actual.is_empty() {
        Status::NotReported
    } else if !missing.is_empty() {
        Status::Behind
    } else if !early.is_empty() {
        Status::Ahead
    } else {
        Status::OnSchedule
    };
    ActivityReport {
        name: a.activity.clone(),
        plan: a.plan.clone(),
        actual: a.actual.clone(),
        missing,
        early,
        status,
    }
}

fn measure_status(acts: &[ActivityReport], closed: Option<i32>) -> Status {
    let marks = acts
        .iter()
        .any(|a| !a.plan.is_empty() || !a.actual.is_empty());
    let due = acts.iter().flat_map(|a| &a.plan).any(|p| is_due(p, closed));
    let done = acts.iter().any(|a| !a.actual.is_empty());
    if !marks || (due && !done) {
        return Status::NotReported;
    }
    acts.iter()
        .map(|a| a.status)
        .filter(|s| *s != Status::NotReported)
        .max()
        .unwrap_or(Status::OnSchedule)
}

fn years(ind: &Indicator, closed: Option<i32>) -> Vec<YearRow> {
    let mut ys: Vec<i32> = ind
        .target
        .keys()
        .chain(ind.actual.keys())
        .copied()
        .collect();
    ys.sort_unstable();
    ys.dedup();
    let empty = Value::empty();
    ys.into_iter()
        .map(|y| {
            let t = ind.target.get(&y).unwrap_or(&empty);
            let a = ind.actual.get(&y).unwrap_or(&empty);
            let rate = match (t.value, a.value) {
                (Some(t), Some(a)) if t != 0.0 => Some(a / t * 100.0),
                _ => None,
            };
            let verdict = match (t.value, a.value) {
                (None, _) => Verdict::NoTarget,
                (Some(t), Some(a)) => {
                    if a >= t {
                        Verdict::Met
                    } else {
                        Verdict::NotMet
                    }
                }
                (Some(_), None) if closed.is_some_and(|c| y <= c) => Verdict::NoActual,
                (Some(_), None) => Verdict::Pending,
            };
            YearRow {
                year: y,
                target_raw: t.raw.clone(),
                target: t.value,
                actual_raw: a.raw.clone(),
                actual: a.value,
                rate,
                verdict,
            }
        })
        .collect()
}

fn summary(name: String, ms: &[&MeasureReport]) -> Summary {
    let mut status = BTreeMap::new();
    for s in Status::ALL {
        status.insert(
            s.label().to_string(),
            ms.iter().filter(|m| m.status == s).count(),
        );
    }
    let compared: Vec<&YearRow> = ms
        .iter()
        .flat_map(|m| &m.indicators)
        .flat_map(|i| &i.years)
        .filter(|y| matches!(y.verdict, Verdict::Met | Verdict::NotMet))
        .collect();
    let mut cost: BTreeMap<i32, f64> = BTreeMap::new();
    for m in ms {
        for (y, _, v) in &m.cost {
            if let Some(v) = v {
                *cost.entry(*y).or_default() += v;
            }
        }
    }
    Summary {
        name,
        measures: ms.len(),
        status,
        targets_compared: compared.len(),
        targets_met: compared
            .iter()
            .filter(|y| y.verdict == Verdict::Met)
            .count(),
        cost,
    }
}

/// Periods as short runs: `2024-Q1–Q4, 2025-Q2`.
pub fn runs(ps: &[Period]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ps.len() {
        let mut j = i;
        while j + 1 < ps.len() && next(&ps[j]) == Some(ps[j + 1]) {
            j += 1;
        }
        out.push(if i == j {
            ps[i].to_string()
        } else {
            let end = ps[j].to_string();
            let short = end
                .split_once('-')
                .filter(|_| {
                    ps[i].fiscal_year == ps[j].fiscal_year
                        && ps[i].granularity != crate::model::Granularity::Month
                })
                .map(|(_, t)| t.to_string())
                .unwrap_or(end);
            format!("{}–{short}", ps[i])
        });
        i = j + 1;
    }
    out.join(", ")
}

fn next(p: &Period) -> Option<Period> {
    let n = p.granularity.columns();
    Some(if p.index < n {
        Period::new(p.fiscal_year, p.granularity, p.index + 1)
    } else {
        Period::new(p.fiscal_year + 1, p.granularity, 1)
    })
}

/// Yen as 千円 with thousands separators (`4,916`).
pub fn sen_yen(v: f64) -> String {
    let k = (v / 1000.0).round() as i64;
    let s = k.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if k < 0 { format!("-{out}") } else { out }
}

/// A rate with one decimal (`104.0%`).
pub fn percent(r: f64) -> String {
    format!("{r:.1}%")
}

/// The report as Markdown, in English ([`write_markdown_in`] for another
/// language).
///
/// # Errors
/// Write failures.
pub fn write_markdown<W: Write>(r: &Report, w: W) -> io::Result<()> {
    markdown::write(r, w, Words(Lang::En))
}

/// The report as Markdown in `lang`: under Japanese in the terms staff
/// read (令和6年度, 第1四半期, 上期), without English glosses.
///
/// # Errors
/// Write failures.
pub fn write_markdown_in<W: Write>(r: &Report, w: W, lang: Lang) -> io::Result<()> {
    markdown::write(r, w, Words(lang))
}

/// The report as one self-contained HTML page, in English
/// ([`write_html_in`] for another language).
///
/// # Errors
/// Write failures.
pub fn write_html<W: Write>(r: &Report, w: W) -> io::Result<()> {
    html::write(r, w, Words(Lang::En))
}

/// The report as one self-contained HTML page in `lang`.
///
/// # Errors
/// Write failures.
pub fn write_html_in<W: Write>(r: &Report, w: W, lang: Lang) -> io::Result<()> {
    html::write(r, w, Words(lang))
}

/// The report as a workbook (概要, 目標と実績, スケジュール, 事業費); the
/// bytes are deterministic. English ([`write_xlsx_in`] for another
/// language).
///
/// # Errors
/// [`WriteError::Workbook`].
pub fn write_xlsx<W: Write + Seek + Send>(r: &Report, w: W) -> Result<(), WriteError> {
    xlsx::write(r, w, Words(Lang::En))
}

/// The report as a workbook in `lang`.
///
/// # Errors
/// [`WriteError::Workbook`].
pub fn write_xlsx_in<W: Write + Seek + Send>(
    r: &Report,
    w: W,
    lang: Lang,
) -> Result<(), WriteError> {
    xlsx::write(r, w, Words(lang))
}

/// The report's words in one language, from the catalogues (`report-*`).
/// The English report is the one dxplan has always written: the plan's
/// Japanese terms with English glosses, `FY2024`, `2024-Q1`. The Japanese
/// one has no English: 令和6年度, 第1四半期, 上期.
#[derive(Debug, Clone, Copy)]
pub(super) struct Words(pub Lang);

impl Words {
    /// The catalogue entry `id`.
    pub fn t(self, id: &str) -> String {
        crate::i18n::message(self.0, id, None)
    }

    fn ja(self) -> bool {
        self.0 == Lang::Ja
    }

    /// A fiscal year: `FY2024`, `令和6年度`.
    pub fn fy(self, y: i32) -> String {
        if self.ja() {
            crate::normalize::era::fiscal_year_label(y)
        } else {
            format!("FY{y}")
        }
    }

    /// The edition's month: `2025-03`, `令和7年3月`.
    pub fn month(self, ym: &str) -> String {
        let parsed = ym
            .split_once('-')
            .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)));
        match parsed {
            Some((y, m)) if self.ja() => {
                let year = crate::normalize::era::fiscal_year_label(y);
                let year = year.strip_suffix('度').unwrap_or(&year);
                crate::t!(self.0, "report-month", year = year, month = m)
            }
            _ => ym.to_string(),
        }
    }

    /// A status in a table cell (`計画どおり`).
    pub fn status(self, s: Status) -> String {
        self.t(match s {
            Status::OnSchedule => "report-status-on-schedule",
            Status::Ahead => "report-status-ahead",
            Status::Behind => "report-status-behind",
            Status::NotReported => "report-status-not-reported",
        })
    }

    /// A status in a heading or badge (English: with its gloss).
    pub fn status_heading(self, s: Status) -> String {
        self.t(match s {
            Status::OnSchedule => "report-heading-on-schedule",
            Status::Ahead => "report-heading-ahead",
            Status::Behind => "report-heading-behind",
            Status::NotReported => "report-heading-not-reported",
        })
    }

    /// How a year's actual compares with its target.
    pub fn verdict(self, v: Verdict) -> String {
        self.t(match v {
            Verdict::Met => "report-verdict-met",
            Verdict::NotMet => "report-verdict-not-met",
            Verdict::NoActual => "report-verdict-no-actual",
            Verdict::Pending => "report-verdict-pending",
            Verdict::NoTarget => "report-verdict-no-target",
        })
    }

    /// Periods as short runs: `2024-Q1–Q4, 2025-Q2`; in Japanese
    /// `令和6年度 第1〜第4四半期、令和7年度 第2四半期`.
    pub fn runs(self, ps: &[Period]) -> String {
        if !self.ja() {
            return runs(ps);
        }
        let mut out: Vec<String> = Vec::new();
        for (a, b) in run_bounds(ps) {
            out.push(if a == b {
                self.period(&a)
            } else if a.fiscal_year == b.fiscal_year
                && a.granularity != crate::model::Granularity::Year
            {
                crate::t!(
                    self.0,
                    "report-run",
                    first = self.period(&a),
                    last = self.part(&b)
                )
            } else {
                crate::t!(
                    self.0,
                    "report-run",
                    first = self.period(&a),
                    last = self.period(&b)
                )
            });
        }
        out.join(&self.t("report-list-separator"))
    }

    /// One period: `令和6年度 第1四半期`.
    fn period(self, p: &Period) -> String {
        let fy = self.fy(p.fiscal_year);
        match p.granularity {
            crate::model::Granularity::Year => fy,
            _ => format!("{fy} {}", self.part(p)),
        }
    }

    /// The part of its fiscal year a period is: `第1四半期`, `上期`, `4月`.
    fn part(self, p: &Period) -> String {
        use crate::model::Granularity as G;
        match p.granularity {
            G::Year => self.fy(p.fiscal_year),
            G::Half if p.index == 1 => self.t("report-half-first"),
            G::Half => self.t("report-half-second"),
            G::Quarter => crate::t!(self.0, "report-quarter", n = p.index),
            G::Month => crate::t!(self.0, "report-month-of-year", month = p.start_month().1),
        }
    }
}

/// The first and last period of each run of consecutive periods.
fn run_bounds(ps: &[Period]) -> Vec<(Period, Period)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ps.len() {
        let mut j = i;
        while j + 1 < ps.len() && next(&ps[j]) == Some(ps[j + 1]) {
            j += 1;
        }
        out.push((ps[i], ps[j]));
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn fiscal_years_close_in_march() {
        assert_eq!(closed_through("2024-03"), Some(2023));
        assert_eq!(closed_through("2023-09"), Some(2022));
        assert_eq!(closed_through("2024-02"), Some(2022));
    }

    #[test]
    fn behind_ahead_and_on_schedule() {
        let a = |plan: &[&str], actual: &[&str]| Activity {
            activity: "x".into(),
            plan: plan.iter().map(|s| q(s)).collect(),
            actual: actual.iter().map(|s| q(s)).collect(),
        };
        let s = |x: Activity| activity(&x, Some(2024)).status;
        assert_eq!(
            s(a(&["2024-Q1", "2024-Q2"], &["2024-Q1", "2024-Q2"])),
            Status::OnSchedule
        );
        assert_eq!(s(a(&["2024-Q1", "2024-Q2"], &["2024-Q2"])), Status::Behind);
        assert_eq!(s(a(&["2025-Q1"], &["2024-Q4"])), Status::Ahead);
        assert_eq!(s(a(&["2025-Q1"], &[])), Status::OnSchedule);
        assert_eq!(s(a(&[], &[])), Status::NotReported);
        let r = activity(&a(&["2024-Q1", "2024-Q2"], &["2024-Q2"]), Some(2024));
        assert_eq!(r.missing, [q("2024-Q1")]);
    }

    #[test]
    fn runs_are_short() {
        let ps: Vec<Period> = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q2"]
            .iter()
            .map(|s| q(s))
            .collect();
        assert_eq!(runs(&ps), "2024-Q1–Q4, 2025-Q2");
        let ps: Vec<Period> = ["2023-Q3", "2023-Q4", "2024-Q1"]
            .iter()
            .map(|s| q(s))
            .collect();
        assert_eq!(runs(&ps), "2023-Q3–2024-Q1");
        assert_eq!(sen_yen(4_916_000.0), "4,916");
        assert_eq!(sen_yen(285_037_000.0), "285,037");
    }
}
