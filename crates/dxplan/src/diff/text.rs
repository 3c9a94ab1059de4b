//! The diff for a terminal.
//!
//! ```text
//! 1 measure changed, 0 added, 1 removed, 0 moved
//! old: plan.xlsx (2023-09)
//! new: plan.xlsx (2024-03)
//! schedules: one mark per quarter, FY2022–FY2025
//!
//! 1-1 電子申請の推進
//!   実績値 2023年度: (blank) → 40
//!   スケジュール「導入」
//!     実績 old □□□□ □□□□ □□□□ □□□□
//!          new □□□□ ■■■■ □□□□ □□□□
//!   見直し・改善
//!     - R[-5-]年度も…
//!     + R{+6+}年度も…
//!
//! - 3-2 スマートストアの設置 (removed)
//! ```
//!
//! Without colour, changed characters are bracketed `[-…-]` / `{+…+}`; with
//! colour they are highlighted instead.

use std::io::{self, Write};

use serde_json::Value as Json;

use super::render::{self, Field, Group, Head, Part, Seg};
use super::{Change, Diff};
use crate::i18n::{Lang, t};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const RED_BG: &str = "\x1b[1;97;41m";
const GREEN_BG: &str = "\x1b[1;97;42m";

/// Output styling: ANSI colours or plain text with brackets; the
/// language of the words around the plan's own.
struct Style {
    color: bool,
    lang: Lang,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color && !s.is_empty() {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    /// A changed piece of text: highlighted, or bracketed without colour.
    fn mark(&self, s: &str, added: bool) -> String {
        match (self.color, added) {
            (true, true) => self.paint(GREEN_BG, s),
            (true, false) => self.paint(RED_BG, s),
            (false, true) => format!("{{+{s}+}}"),
            (false, false) => format!("[-{s}-]"),
        }
    }
}

pub(super) fn write<W: Write>(d: &Diff, mut w: W, color: bool, lang: Lang) -> io::Result<()> {
    let st = Style { color, lang };
    let groups = render::groups(d);
    if groups.is_empty() {
        writeln!(w, "{}", t!(lang, "diff-no-differences"))?;
        return header_sides(d, &mut w, lang);
    }
    writeln!(w, "{}", st.paint(BOLD, &render::summary(&groups, lang)))?;
    header_sides(d, &mut w, lang)?;
    if let Some(c) = d.changes.iter().find(|c| c.path.starts_with("schedule.")) {
        let legend = render::span_of(d, c).legend(lang);
        writeln!(w, "{}", t!(lang, "diff-schedules", legend = legend))?;
    }
    for g in &groups {
        writeln!(w)?;
        group(d, g, &st, &mut w)?;
    }
    Ok(())
}

fn header_sides<W: Write>(d: &Diff, w: &mut W, lang: Lang) -> io::Result<()> {
    writeln!(
        w,
        "{}",
        t!(lang, "diff-old-side", side = render::side(&d.old))
    )?;
    writeln!(
        w,
        "{}",
        t!(lang, "diff-new-side", side = render::side(&d.new))
    )
}

fn group<W: Write>(d: &Diff, g: &Group, st: &Style, w: &mut W) -> io::Result<()> {
    let title = format!("{} {}", g.measure, g.name).trim_end().to_string();
    let lang = st.lang;
    match &g.head {
        Head::Added => {
            let head = t!(lang, "diff-added", title = title);
            return writeln!(w, "{}", st.paint(GREEN, &format!("+ {head}")));
        }
        Head::Removed => {
            let head = t!(lang, "diff-removed", title = title);
            return writeln!(w, "{}", st.paint(RED, &format!("- {head}")));
        }
        Head::Moved { old_id } => {
            let moved = t!(lang, "diff-moved-from", id = old_id.as_str());
            writeln!(w, "{} {}", st.paint(BOLD, &title), st.paint(CYAN, &moved))?;
        }
        Head::Changed => writeln!(w, "{}", st.paint(BOLD, &title))?,
    }
    let mut last_activity: Option<&str> = None;
    for c in &g.rows {
        let field = render::field(c);
        if !matches!(field, Field::Schedule { part: Some(_), .. }) {
            last_activity = None;
        }
        match field {
            Field::Text => text_change(c, st, w)?,
            Field::Short => short_change(c, st, w)?,
            Field::Schedule {
                activity,
                part: None,
            } => whole_row(d, c, activity, st, w)?,
            Field::Schedule {
                activity,
                part: Some(p),
            } => {
                if last_activity != Some(activity) {
                    writeln!(w, "  スケジュール「{activity}」")?;
                }
                last_activity = Some(activity);
                schedule_change(d, c, p, st, w)?;
            }
        }
    }
    Ok(())
}

/// `  目標値 2024年度: 50 → 60`.
fn short_change<W: Write>(c: &Change, st: &Style, w: &mut W) -> io::Result<()> {
    let (o, n) = (
        render::plain(&c.old, st.lang),
        render::plain(&c.new, st.lang),
    );
    writeln!(
        w,
        "  {}: {} → {}",
        render::label(c),
        st.paint(RED, &o),
        st.paint(GREEN, &n)
    )
}

/// A long text: two lines with the changed characters marked.
fn text_change<W: Write>(c: &Change, st: &Style, w: &mut W) -> io::Result<()> {
    let (Some(o), Some(n)) = (render::text_of(&c.old), render::text_of(&c.new)) else {
        return short_change(c, st, w);
    };
    writeln!(w, "  {}", render::label(c))?;
    let (old_line, new_line) = match render::inline_diff(o, n) {
        Some((os, ns)) => (segs(&os, false, st), segs(&ns, true, st)),
        None => (o.to_string(), n.to_string()),
    };
    writeln!(w, "    {} {}", st.paint(RED, "-"), old_line)?;
    writeln!(w, "    {} {}", st.paint(GREEN, "+"), new_line)
}

fn segs(segs: &[Seg], added: bool, st: &Style) -> String {
    segs.iter()
        .map(|s| {
            if s.changed {
                st.mark(&s.text, added)
            } else {
                s.text.clone()
            }
        })
        .collect()
}

/// `    計画 old ■■■■ …` / `         new ■■■■ …` (the labels 計画 and 実績
/// are equally wide, and so are old and new in each language).
fn schedule_change<W: Write>(
    d: &Diff,
    c: &Change,
    p: Part,
    st: &Style,
    w: &mut W,
) -> io::Result<()> {
    let span = render::span_of(d, c);
    let old = span.strip(&c.old, &c.new);
    let new = span.strip(&c.new, &c.old);
    let (old_word, new_word) = (t!(st.lang, "diff-strip-old"), t!(st.lang, "diff-strip-new"));
    writeln!(w, "    {} {old_word} {}", p.label(), strip(&old, st, false))?;
    writeln!(w, "         {new_word} {}", strip(&new, st, true))
}

/// A strip; with colour, the marks that differ from the other side are
/// highlighted (green on the new side, red on the old).
fn strip(s: &render::Strip, st: &Style, new_side: bool) -> String {
    if !st.color {
        return s.plain();
    }
    let style = |c: &render::Cell| match (c.differs, new_side) {
        (false, _) => DIM,
        (true, true) => GREEN,
        (true, false) => RED,
    };
    let years: Vec<String> = s
        .years
        .iter()
        .map(|y| {
            let mut out = String::new();
            for run in y.chunk_by(|a, b| style(a) == style(b)) {
                let glyphs: String = run.iter().map(|c| c.glyph()).collect();
                out.push_str(&st.paint(style(&run[0]), &glyphs));
            }
            out
        })
        .collect();
    years.join(" ")
}

/// A whole activity row added or removed: its plan and actual strips.
fn whole_row<W: Write>(
    d: &Diff,
    c: &Change,
    activity: &str,
    st: &Style,
    w: &mut W,
) -> io::Result<()> {
    let (row, sign, id, code) = if c.new.is_null() {
        (&c.old, "-", "diff-row-removed", RED)
    } else {
        (&c.new, "+", "diff-row-added", GREEN)
    };
    let head = format!("{sign} {}", t!(st.lang, id, activity = activity));
    writeln!(w, "  {}", st.paint(code, &head))?;
    let span = render::span_of(d, c);
    for p in [Part::Plan, Part::Actual] {
        let list = row.get(p.key()).unwrap_or(&Json::Null);
        writeln!(w, "    {} {}", p.label(), span.strip(list, list).plain())?;
    }
    Ok(())
}
