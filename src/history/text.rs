//! The history as text (terminal) or Markdown: editions, steps, timeline.

use std::io::{self, Write};

use super::{Edition, Event, EventKind, History, PlanHistory, Thread};

pub(super) fn write<W: Write>(h: &History, mut w: W, color: bool, md: bool) -> io::Result<()> {
    if h.plans.is_empty() {
        return writeln!(w, "No plans.");
    }
    for (i, p) in h.plans.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        plan(p, &mut w, color, md)?;
    }
    Ok(())
}

fn plan<W: Write>(p: &PlanHistory, w: &mut W, color: bool, md: bool) -> io::Result<()> {
    let title = p.title.as_deref().unwrap_or("(untitled plan)");
    let who = match (&p.municipality, &p.code) {
        (Some(m), Some(c)) => format!(" — {m} ({c})"),
        (Some(m), None) => format!(" — {m}"),
        _ => String::new(),
    };
    let n = p.editions.len();
    if md {
        writeln!(w, "# {title}{who}\n\n{n} edition(s).\n")?;
        writeln!(
            w,
            "| 版 | file | issued | revised | measures |\n| --- | --- | --- | --- | --- |"
        )?;
    } else {
        writeln!(w, "{title}{who}: {n} edition(s)")?;
    }
    for e in &p.editions {
        edition(e, w, md)?;
    }
    for s in &p.steps {
        if md {
            writeln!(w, "\n## {} → {}\n", s.from, s.to)?;
            crate::diff::write_markdown(&s.diff, &mut *w)?;
        } else {
            writeln!(w, "\n== {} → {} ==", s.from, s.to)?;
            crate::diff::write_text(&s.diff, &mut *w, color)?;
        }
    }
    if md {
        writeln!(w, "\n## 施策の経過 (measures through the editions)\n")?;
        writeln!(
            w,
            "| 施策 | 事業名 | since | edition | change |\n| --- | --- | --- | --- | --- |"
        )?;
    } else {
        writeln!(w, "\n== measures through the editions ==")?;
    }
    for t in &p.timeline {
        thread(t, w, md)?;
    }
    Ok(())
}

fn edition<W: Write>(e: &Edition, w: &mut W, md: bool) -> io::Result<()> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    let copies = if e.copies.is_empty() {
        String::new()
    } else {
        format!(" (also {})", e.copies.join(", "))
    };
    if md {
        writeln!(
            w,
            "| {} | `{}`{} | {} | {} | {} |",
            e.label,
            e.path.replace('`', "'"),
            cell(&copies),
            opt(&e.issued),
            opt(&e.revised),
            e.measures
        )
    } else {
        writeln!(
            w,
            "  {}  {}{copies}  issued {}, revised {}, {} measures",
            e.label,
            e.path,
            opt(&e.issued),
            opt(&e.revised),
            e.measures
        )
    }
}

fn thread<W: Write>(t: &Thread, w: &mut W, md: bool) -> io::Result<()> {
    if md {
        let (id, name) = (cell(&t.id), cell(&t.name));
        if t.events.is_empty() {
            return writeln!(w, "| {id} | {name} | {} | | no change |", t.first);
        }
        for e in &t.events {
            writeln!(
                w,
                "| {id} | {name} | {} | {} | {} |",
                t.first,
                e.edition,
                cell(&event(e))
            )?;
        }
        return Ok(());
    }
    let quiet = if t.events.is_empty() {
        ": no change"
    } else {
        ""
    };
    writeln!(w, "{} {} (since {}){quiet}", t.id, t.name, t.first)?;
    for e in &t.events {
        writeln!(w, "  {}  {}", e.edition, event(e))?;
    }
    Ok(())
}

/// One event in words.
fn event(e: &Event) -> String {
    let s = |v: &Option<String>| match v.as_deref() {
        None => "(none)".to_string(),
        Some("") => "(blank)".to_string(),
        Some(x) => x.to_string(),
    };
    match e.kind {
        EventKind::Added => "added".into(),
        EventKind::Removed => "removed".into(),
        EventKind::Renamed => format!("renamed: {} → {}", s(&e.old), s(&e.new)),
        EventKind::Moved => format!("moved: {} → {}", s(&e.old), s(&e.new)),
        EventKind::Target => format!(
            "target FY{}: {} → {}",
            e.year.unwrap_or_default(),
            s(&e.old),
            s(&e.new)
        ),
    }
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
