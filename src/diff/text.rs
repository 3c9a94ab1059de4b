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

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const RED_BG: &str = "\x1b[1;97;41m";
const GREEN_BG: &str = "\x1b[1;97;42m";

/// Output styling: ANSI colours or plain text with brackets.
struct Style {
    color: bool,
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

pub(super) fn write<W: Write>(d: &Diff, mut w: W, color: bool) -> io::Result<()> {
    let st = Style { color };
    let groups = render::groups(d);
    if groups.is_empty() {
        writeln!(w, "no differences")?;
        return header_sides(d, &mut w);
    }
    writeln!(w, "{}", st.paint(BOLD, &render::summary(&groups)))?;
    header_sides(d, &mut w)?;
    if let Some(c) = d.changes.iter().find(|c| c.path.starts_with("schedule.")) {
        writeln!(w, "schedules: {}", render::span_of(d, c).legend())?;
    }
    for g in &groups {
        writeln!(w)?;
        group(d, g, &st, &mut w)?;
    }
    Ok(())
}

fn header_sides<W: Write>(d: &Diff, w: &mut W) -> io::Result<()> {
    writeln!(w, "old: {}", render::side(&d.old))?;
    writeln!(w, "new: {}", render::side(&d.new))
}

fn group<W: Write>(d: &Diff, g: &Group, st: &Style, w: &mut W) -> io::Result<()> {
    let title = format!("{} {}", g.measure, g.name).trim_end().to_string();
    match &g.head {
        Head::Added => return writeln!(w, "{}", st.paint(GREEN, &format!("+ {title} (added)"))),
        Head::Removed => return writeln!(w, "{}", st.paint(RED, &format!("- {title} (removed)"))),
        Head::Moved { old_id } => {
            writeln!(
                w,
                "{} {}",
                st.paint(BOLD, &title),
                st.paint(CYAN, &format!("(moved from {old_id})"))
            )?;
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
    let (o, n) = (render::plain(&c.old), render::plain(&c.new));
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

/// `    計画 old ■■■■ …` / `         new ■■■■ …`.
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
    writeln!(w, "    {} old {}", p.label(), strip(&old, st, false))?;
    writeln!(w, "         new {}", strip(&new, st, true))
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
    let (row, sign, word, code) = if c.new.is_null() {
        (&c.old, "-", "removed", RED)
    } else {
        (&c.new, "+", "added", GREEN)
    };
    let head = format!("{sign} スケジュール「{activity}」 ({word})");
    writeln!(w, "  {}", st.paint(code, &head))?;
    let span = render::span_of(d, c);
    for p in [Part::Plan, Part::Actual] {
        let list = row.get(p.key()).unwrap_or(&Json::Null);
        writeln!(w, "    {} {}", p.label(), span.strip(list, list).plain())?;
    }
    Ok(())
}
