//! The typed plan: what every reader produces (through the recogniser) and
//! every writer consumes. Serialises to the JSON contract in
//! `schemas/plan.schema.json` (schema_version "1").

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The schema version this crate writes.
pub const SCHEMA_VERSION: &str = "1";

/// One converted action plan: the whole JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub schema_version: String,
    pub source: Source,
    pub plan: PlanInfo,
    pub policies: Vec<Policy>,
    pub measures: Vec<Measure>,
    pub warnings: Vec<Warning>,
    /// The review applied to this reading (`<stem>.review.json` beside the
    /// input), or `None` when there is none (`"review": null`). A JSON
    /// written before reviews existed has no key and reads as `None`.
    #[serde(default)]
    pub review: Option<ReviewStatus>,
}

/// The plan JSON's `review` block: which review file was applied, how many
/// of its corrections held (`applied`) and how many no longer matched what
/// was read (`stale`, each also a `stale_correction` warning), who approved
/// the plan and when, and every field a correction changed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReviewStatus {
    /// The review file's name (`plan.review.json`), never a path.
    pub file: String,
    /// Corrections applied.
    pub applied: usize,
    /// Corrections not applied: the plan as read no longer holds their `old`.
    pub stale: usize,
    /// The plan was approved for publishing.
    pub approved: bool,
    /// Who reviewed (`情報政策課 山田`).
    pub by: Option<String>,
    /// When (`2026-12-06`), as the review file gives it.
    pub at: Option<String>,
    /// Each field or measure a correction changed, for writers and the web
    /// page to mark.
    #[serde(default)]
    pub corrected: Vec<Corrected>,
    /// The review names other input bytes (`source_sha256`) than those
    /// read: it was made on another version of the file.
    #[serde(default)]
    pub source_changed: bool,
}

/// One corrected field: the measure (`None` for a plan-level path such as
/// `plan.revised`) and the diff path (`""` for a whole measure).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrected {
    pub measure: Option<String>,
    pub path: String,
}

impl ReviewStatus {
    /// Approved for this very reading: approved, every correction applied,
    /// and made on these input bytes. What `publish --approved-only` takes.
    pub fn approved_as_read(&self) -> bool {
        self.approved && self.stale == 0 && !self.source_changed
    }

    /// True when the field at `path` of `measure` was corrected (a whole
    /// measure added counts for each of its fields).
    pub fn is_corrected(&self, measure: Option<&str>, path: &str) -> bool {
        self.corrected
            .iter()
            .any(|c| c.measure.as_deref() == measure && (c.path == path || c.path.is_empty()))
    }
}

/// Where the plan was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// File name only, never a path.
    pub file: String,
    /// `pdf`, `xlsx`, `xls` or `ods` (or `json` when re-read by `diff`).
    pub format: String,
    /// SHA-256 of the input bytes, lower-case hex.
    pub sha256: String,
    /// PDF page count; `None` for spreadsheets.
    pub pages: Option<u32>,
    /// Sheet names for spreadsheets; `None` for PDF.
    pub sheets: Option<Vec<String>>,
}

/// Plan-wide metadata, mostly from the cover page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PlanInfo {
    pub title: Option<String>,
    pub municipality: Option<Municipality>,
    /// `YYYY-MM` of issue (令和5年9月 → 2023-09).
    pub issued: Option<String>,
    /// `YYYY-MM` of the revision (令和6年3月更新 → 2024-03).
    pub revised: Option<String>,
    /// The fiscal years of the schedule columns, Gregorian.
    pub fiscal_years: Vec<i32>,
}

impl PlanInfo {
    /// The edition, `YYYY-MM`: the revision month, or the issue month of a
    /// plan never revised.
    pub fn edition(&self) -> Option<&str> {
        self.revised.as_deref().or(self.issued.as_deref())
    }
}

/// A municipality with its 全国地方公共団体コード (6 digits with check digit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    pub prefecture: Option<String>,
    pub name: String,
    pub code: Option<String>,
}

/// A 基本方針 with its title and the 取り組み方針 summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub number: u32,
    pub title: String,
    pub summary: Option<String>,
}

/// One 施策 table.
///
/// The JSON carries `indicators` (every indicator) and, for readers of the
/// first contract, `indicator` (the first of them, or null); a JSON without
/// `indicators` (written before it existed) reads its `indicator` as the
/// only one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "MeasureIn")]
pub struct Measure {
    /// `"<policy>-<number>"`.
    pub id: String,
    pub policy: u32,
    pub number: u32,
    /// 事業名
    pub name: String,
    /// 内容
    pub description: Option<String>,
    /// 効果
    pub effect: Option<String>,
    /// スケジュール, one entry per activity row.
    pub schedule: Vec<Activity>,
    /// 目標値 / 実績値 of every indicator (KPI), in document order.
    pub indicators: Vec<Indicator>,
    /// 事業費
    pub cost: Option<Cost>,
    /// 現状と課題 (現状・課題, 課題, 背景・課題)
    pub challenges: Option<String>,
    /// 定性評価
    pub qualitative_evaluation: Option<String>,
    /// 見直し・改善
    pub review: Option<String>,
    /// 担当部署
    pub departments: Vec<String>,
    /// The department list ended with 等.
    pub departments_etc: bool,
    /// `"p.N"` or `"Sheet!A1:S40"`.
    pub source_ref: String,
}

impl Measure {
    /// The first indicator: the contract's `indicator`.
    pub fn indicator(&self) -> Option<&Indicator> {
        self.indicators.first()
    }
}

/// The JSON form of a measure, borrowed for writing: `indicator` is
/// derived from `indicators`, so the two can never disagree.
#[derive(Serialize)]
struct MeasureOut<'a> {
    id: &'a str,
    policy: u32,
    number: u32,
    name: &'a str,
    description: &'a Option<String>,
    effect: &'a Option<String>,
    schedule: &'a [Activity],
    indicators: &'a [Indicator],
    indicator: Option<&'a Indicator>,
    cost: &'a Option<Cost>,
    challenges: &'a Option<String>,
    qualitative_evaluation: &'a Option<String>,
    review: &'a Option<String>,
    departments: &'a [String],
    departments_etc: bool,
    source_ref: &'a str,
}

impl Serialize for Measure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        MeasureOut {
            id: &self.id,
            policy: self.policy,
            number: self.number,
            name: &self.name,
            description: &self.description,
            effect: &self.effect,
            schedule: &self.schedule,
            indicators: &self.indicators,
            indicator: self.indicator(),
            cost: &self.cost,
            challenges: &self.challenges,
            qualitative_evaluation: &self.qualitative_evaluation,
            review: &self.review,
            departments: &self.departments,
            departments_etc: self.departments_etc,
            source_ref: &self.source_ref,
        }
        .serialize(s)
    }
}

/// The JSON form of a measure as read: `indicators` and `challenges` may
/// be absent (a JSON of the first contract).
#[derive(Deserialize)]
struct MeasureIn {
    id: String,
    policy: u32,
    number: u32,
    name: String,
    description: Option<String>,
    effect: Option<String>,
    schedule: Vec<Activity>,
    #[serde(default)]
    indicators: Option<Vec<Indicator>>,
    indicator: Option<Indicator>,
    cost: Option<Cost>,
    #[serde(default)]
    challenges: Option<String>,
    qualitative_evaluation: Option<String>,
    review: Option<String>,
    departments: Vec<String>,
    departments_etc: bool,
    source_ref: String,
}

impl From<MeasureIn> for Measure {
    fn from(m: MeasureIn) -> Self {
        Measure {
            indicators: m
                .indicators
                .unwrap_or_else(|| m.indicator.into_iter().collect()),
            id: m.id,
            policy: m.policy,
            number: m.number,
            name: m.name,
            description: m.description,
            effect: m.effect,
            schedule: m.schedule,
            cost: m.cost,
            challenges: m.challenges,
            qualitative_evaluation: m.qualitative_evaluation,
            review: m.review,
            departments: m.departments,
            departments_etc: m.departments_etc,
            source_ref: m.source_ref,
        }
    }
}

/// One activity row of the schedule with its planned and actual periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub activity: String,
    pub plan: Vec<Period>,
    pub actual: Vec<Period>,
}

/// 目標値 / 実績値 by fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub name: String,
    pub unit: Option<String>,
    pub target: BTreeMap<i32, Value>,
    pub actual: BTreeMap<i32, Value>,
}

/// 事業費 by fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    /// The unit as printed (千円); `None` where the table prints ゼロ予算 instead.
    pub unit: Option<String>,
    pub zero_budget: bool,
    pub values: BTreeMap<i32, Value>,
}

/// One target, actual or cost cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value {
    /// The cell text as printed (line breaks removed, spaces folded).
    pub raw: String,
    /// The number it means (yen for costs), or `None`.
    #[serde(serialize_with = "ser_number", deserialize_with = "de_number")]
    pub value: Option<f64>,
    /// The words when the cell holds words instead of a number.
    pub note: Option<String>,
    /// Where the cell was read (`p.11`, `Sheet!D23`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl Value {
    /// An empty cell.
    pub fn empty() -> Self {
        Value {
            raw: String::new(),
            value: None,
            note: None,
            at: None,
        }
    }
}

/// Integral numbers serialise as JSON integers (4916000, not 4916000.0).
fn ser_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        None => s.serialize_none(),
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
    }
}

fn de_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Option::<f64>::deserialize(d)
}

/// A problem the reader or recogniser met and worked around.
///
/// `message` is in the run's language ([`crate::ReadOptions::lang`],
/// [`crate::RenderOptions::lang`]); `code` is the same in every language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Warning {
    /// What kind of problem: a closed set, listed in the schema.
    pub code: WarningCode,
    pub message: String,
    /// Where, in short: `p.12 r5c3` (page, grid row and column of the
    /// cell, as `dxplan inspect` draws them), `Sheet!D23`, or `None` for
    /// the whole document.
    pub at: Option<String>,
    /// Where, as data: the page and the cell's box, or the sheet and cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The reviewer's note where a review dismissed this warning (checked
    /// and left as it is); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissed: Option<String>,
    /// The catalogue entry `message` was rendered from, to render it again
    /// in another language; none for a warning read from JSON.
    #[serde(skip)]
    text: Option<crate::i18n::Msg>,
}

/// Two warnings are the same when they say the same of the same place (the
/// catalogue entry behind the words does not count).
impl PartialEq for Warning {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
            && self.message == other.message
            && self.at == other.at
            && self.location == other.location
            && self.dismissed == other.dismissed
    }
}

impl Warning {
    /// A warning with a location given in short form only (or none). The
    /// message is a catalogue entry ([`crate::msg!`]), rendered in English
    /// until [`Warning::localize`] says otherwise, or a plain text.
    pub fn new(
        code: WarningCode,
        message: impl Into<crate::i18n::Msg>,
        at: Option<String>,
    ) -> Self {
        let text = message.into();
        Warning {
            code,
            message: text.render(crate::i18n::Lang::En),
            at,
            location: None,
            dismissed: None,
            text: matches!(text, crate::i18n::Msg::Entry { .. }).then_some(text),
        }
    }

    /// A warning about one cell when it is known, else the whole document.
    pub fn maybe_at(
        code: WarningCode,
        message: impl Into<crate::i18n::Msg>,
        loc: Option<&crate::grid::Loc>,
    ) -> Self {
        match loc {
            Some(l) => Warning::at(code, message, l),
            None => Warning::new(code, message, None),
        }
    }

    /// A warning about one cell (or a box on a page).
    pub fn at(
        code: WarningCode,
        message: impl Into<crate::i18n::Msg>,
        loc: &crate::grid::Loc,
    ) -> Self {
        let mut w = Warning::new(code, message, Some(loc.short()));
        w.location = Some(Location::from(loc));
        w
    }

    /// The message in `lang`, where the warning knows its catalogue entry
    /// (a warning read from JSON keeps its words).
    pub fn localize(&mut self, lang: crate::i18n::Lang) {
        if let Some(t) = &self.text {
            self.message = t.render(lang);
        }
    }
}

/// Every kind of warning dxplan gives. The JSON form is the snake_case
/// name (`unreadable_cell`); `schemas/plan.schema.json` lists them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// A cell holds something that cannot be read where it stands.
    UnreadableCell,
    /// A table row that no label or column explains.
    UnplacedRow,
    /// A row label that is not in the label table.
    UnknownLabel,
    /// A second row for a field that a measure has once.
    DuplicateRow,
    /// Two measures with one id.
    DuplicateId,
    /// A measure without a number in any heading.
    NoHeading,
    /// Values or marks in a table without a year header.
    NoScheduleYears,
    /// Labelled rows outside any measure table.
    OrphanRow,
    /// A value whose fiscal year is named nowhere.
    UnplacedValue,
    /// A shape over a table that marks no cell.
    UnplacedMark,
    /// Schedule columns that divide a year into an unknown number of parts.
    UnknownGranularity,
    /// Spreadsheet merges that overlap.
    OverlappingMerge,
    /// Text in a cell hidden under a merge.
    CoveredCellText,
    /// Glyphs whose font gives no text.
    UnmappedGlyphs,
    /// Page content that could not be read.
    UnreadableContent,
    /// Form XObjects that draw each other.
    XobjectCycle,
    /// A character replaced for a legacy encoding (Shift_JIS CSV).
    ReplacedCharacter,
    /// A CSV the chosen encoding cannot hold, left out (the rest written).
    CsvNotWritten,
    /// A page without a text layer (a scan) among text pages: not read.
    ImagePage,
    /// Calendar-year columns (2024年) read as the fiscal year of that number.
    CalendarYear,
    /// A row or column placed by what it holds, not by a known label.
    GuessedLabel,
    /// A non-empty cell of a recognised table that no field took.
    UnplacedCell,
    /// A review correction not applied: the plan as read no longer holds
    /// the value it corrects.
    StaleCorrection,
    /// A dismissal of the review file that matches no warning of the plan
    /// as read (the warning it dismissed no longer occurs).
    StaleDismissal,
    /// A hidden sheet of a workbook, not read (the printed plan does not
    /// show it either).
    HiddenSheet,
    /// A hidden row or column of a sheet holding text, not read.
    HiddenCells,
    /// A table the PDF reader found that no recognised table overlaps:
    /// the cells nothing read are named once, with the first of them.
    UnrecognisedTable,
    /// A code this version does not know (a JSON written by another version).
    #[serde(other)]
    Other,
}

impl WarningCode {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::UnreadableCell => "unreadable_cell",
            WarningCode::UnplacedRow => "unplaced_row",
            WarningCode::UnknownLabel => "unknown_label",
            WarningCode::DuplicateRow => "duplicate_row",
            WarningCode::DuplicateId => "duplicate_id",
            WarningCode::NoHeading => "no_heading",
            WarningCode::NoScheduleYears => "no_schedule_years",
            WarningCode::OrphanRow => "orphan_row",
            WarningCode::UnplacedValue => "unplaced_value",
            WarningCode::UnplacedMark => "unplaced_mark",
            WarningCode::UnknownGranularity => "unknown_granularity",
            WarningCode::OverlappingMerge => "overlapping_merge",
            WarningCode::CoveredCellText => "covered_cell_text",
            WarningCode::UnmappedGlyphs => "unmapped_glyphs",
            WarningCode::UnreadableContent => "unreadable_content",
            WarningCode::XobjectCycle => "xobject_cycle",
            WarningCode::ReplacedCharacter => "replaced_character",
            WarningCode::CsvNotWritten => "csv_not_written",
            WarningCode::ImagePage => "image_page",
            WarningCode::CalendarYear => "calendar_year",
            WarningCode::GuessedLabel => "guessed_label",
            WarningCode::UnplacedCell => "unplaced_cell",
            WarningCode::StaleCorrection => "stale_correction",
            WarningCode::StaleDismissal => "stale_dismissal",
            WarningCode::HiddenSheet => "hidden_sheet",
            WarningCode::HiddenCells => "hidden_cells",
            WarningCode::UnrecognisedTable => "unrecognised_table",
            WarningCode::Other => "other",
        }
    }

    /// Every code, in schema order.
    pub const ALL: &'static [WarningCode] = &[
        WarningCode::UnreadableCell,
        WarningCode::UnplacedRow,
        WarningCode::UnknownLabel,
        WarningCode::DuplicateRow,
        WarningCode::DuplicateId,
        WarningCode::NoHeading,
        WarningCode::NoScheduleYears,
        WarningCode::OrphanRow,
        WarningCode::UnplacedValue,
        WarningCode::UnplacedMark,
        WarningCode::UnknownGranularity,
        WarningCode::OverlappingMerge,
        WarningCode::CoveredCellText,
        WarningCode::UnmappedGlyphs,
        WarningCode::UnreadableContent,
        WarningCode::XobjectCycle,
        WarningCode::ReplacedCharacter,
        WarningCode::CsvNotWritten,
        WarningCode::ImagePage,
        WarningCode::CalendarYear,
        WarningCode::GuessedLabel,
        WarningCode::UnplacedCell,
        WarningCode::StaleCorrection,
        WarningCode::StaleDismissal,
        WarningCode::HiddenSheet,
        WarningCode::HiddenCells,
        WarningCode::UnrecognisedTable,
        WarningCode::Other,
    ];
}

impl fmt::Display for WarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for WarningCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A warning's place as data: a cell (or a box) on a PDF page, or a cell
/// of a sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Location {
    /// 1-based page; the cell's 1-based grid row and column; its box in
    /// points `[x0, y0, x1, y1]` from the top-left of the page.
    Page {
        page: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        row: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        col: Option<u32>,
        #[serde(rename = "box")]
        bbox: [f32; 4],
    },
    /// Sheet name and A1 cell, with its 1-based row and column.
    Sheet {
        sheet: String,
        cell: String,
        row: u32,
        col: u32,
    },
}

impl From<&crate::grid::Loc> for Location {
    fn from(loc: &crate::grid::Loc) -> Self {
        use crate::grid::Loc;
        match loc {
            Loc::Page {
                page,
                row,
                col,
                bbox,
            } => Location::Page {
                page: *page,
                row: row.map(|r| r + 1),
                col: col.map(|c| c + 1),
                bbox: bbox.map(|v| (v * 100.0).round() / 100.0),
            },
            Loc::Sheet { sheet, row, col } => Location::Sheet {
                sheet: sheet.clone(),
                cell: crate::grid::a1(*row, *col),
                row: row + 1,
                col: col + 1,
            },
        }
    }
}

/// How finely a schedule divides the fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    Year,
    Half,
    Quarter,
    Month,
}

impl Granularity {
    /// The granularity for a number of schedule columns per fiscal year.
    pub fn from_columns_per_year(n: usize) -> Option<Self> {
        match n {
            1 => Some(Granularity::Year),
            2 => Some(Granularity::Half),
            4 => Some(Granularity::Quarter),
            12 => Some(Granularity::Month),
            _ => None,
        }
    }

    /// Columns per fiscal year.
    pub fn columns(self) -> u8 {
        match self {
            Granularity::Year => 1,
            Granularity::Half => 2,
            Granularity::Quarter => 4,
            Granularity::Month => 12,
        }
    }
}

/// A fiscal period: `2022` (year), `2022-H1`, `2022-Q1`, or a calendar month
/// `2022-04` … `2023-03` of fiscal year 2022. The Japanese fiscal year starts
/// on 1 April, so `2022-Q4` is January–March 2023.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// Fiscal year, Gregorian.
    pub fiscal_year: i32,
    /// Position within the fiscal year, 1-based (quarter 1–4, half 1–2,
    /// month 1–12 counted from April).
    pub index: u8,
    pub granularity: Granularity,
}

impl Period {
    pub fn new(fiscal_year: i32, granularity: Granularity, index: u8) -> Self {
        Period {
            fiscal_year,
            index,
            granularity,
        }
    }

    /// First calendar month (year, month 1–12) the period covers.
    pub fn start_month(&self) -> (i32, u32) {
        let months_per = 12 / self.granularity.columns() as u32;
        self.month_at(1 + (self.index as u32 - 1) * months_per)
    }

    /// Last calendar month (year, month 1–12) the period covers.
    pub fn end_month(&self) -> (i32, u32) {
        let months_per = 12 / self.granularity.columns() as u32;
        self.month_at(self.index as u32 * months_per)
    }

    /// Calendar (year, month) of the n-th month (1-based) of the fiscal year.
    fn month_at(&self, n: u32) -> (i32, u32) {
        let m = (n + 2) % 12 + 1; // 1 → April
        let y = if m <= 3 {
            self.fiscal_year + 1
        } else {
            self.fiscal_year
        };
        (y, m)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.granularity {
            Granularity::Year => write!(f, "{}", self.fiscal_year),
            Granularity::Half => write!(f, "{}-H{}", self.fiscal_year, self.index),
            Granularity::Quarter => write!(f, "{}-Q{}", self.fiscal_year, self.index),
            Granularity::Month => {
                let (y, m) = self.start_month();
                write!(f, "{y}-{m:02}")
            }
        }
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("not a fiscal period: {s:?}");
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        // Four digits, as the contract's pattern says (a mutated "20272023"
        // once made the diff draw twenty million years).
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let Some(rest) = rest else {
            return Ok(Period::new(year, Granularity::Year, 1));
        };
        let parse_idx = |t: &str, max: u8| -> Result<u8, String> {
            let i: u8 = t.parse().map_err(|_| bad())?;
            if (1..=max).contains(&i) {
                Ok(i)
            } else {
                Err(bad())
            }
        };
        if let Some(q) = rest.strip_prefix('Q') {
            return Ok(Period::new(year, Granularity::Quarter, parse_idx(q, 4)?));
        }
        if let Some(h) = rest.strip_prefix('H') {
            return Ok(Period::new(year, Granularity::Half, parse_idx(h, 2)?));
        }
        let m = parse_idx(rest, 12)?;
        // Calendar month → fiscal year and index (April = 1).
        let (fy, idx) = if m >= 4 {
            (year, m - 3)
        } else {
            (year - 1, m + 9)
        };
        Ok(Period::new(fy, Granularity::Month, idx))
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_round_trip_and_order() {
        for s in ["2022", "2022-H2", "2022-Q4", "2022-04", "2023-03"] {
            let p: Period = s.parse().unwrap();
            assert_eq!(p.to_string(), s);
        }
        let a: Period = "2022-12".parse().unwrap();
        let b: Period = "2023-01".parse().unwrap();
        let c: Period = "2023-04".parse().unwrap();
        assert!(a < b && b < c);
        assert_eq!(b.fiscal_year, 2022);
        assert!("2022-Q5".parse::<Period>().is_err());
        for bad in ["20272023", "202", "+2022", "２０２２", "2022-Q1-"] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn quarter_months() {
        let q4 = Period::new(2022, Granularity::Quarter, 4);
        assert_eq!(q4.start_month(), (2023, 1));
        assert_eq!(q4.end_month(), (2023, 3));
        let q1 = Period::new(2022, Granularity::Quarter, 1);
        assert_eq!(q1.start_month(), (2022, 4));
        assert_eq!(q1.end_month(), (2022, 6));
    }

    #[test]
    fn integral_values_serialise_as_integers() {
        let v = Value {
            raw: "4,916".into(),
            value: Some(4916000.0),
            note: None,
            at: None,
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"raw":"4,916","value":4916000,"note":null}"#
        );
        let v = Value {
            raw: "77.5".into(),
            value: Some(77.5),
            note: None,
            at: None,
        };
        assert!(serde_json::to_string(&v).unwrap().contains("77.5"));
    }
}
