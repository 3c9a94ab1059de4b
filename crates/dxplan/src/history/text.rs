//! The history as text (terminal) or Markdown: editions, steps, timeline,
//! with the words around the plans' own in the reader's language.

use std::io::{self, Write};

use super::{Edition, Event, EventKind, History, PlanHistory, Thread};
use crate::i18n::{Lang, t};

pub(super) fn write<W: Write>(
    h: &History,
    mut w: W,
    color: bool,
    md: bool,
    lang: Lang,
) -> io::Result<()> {
    if h.plans.is_empty() {
        return writeln!(w, "{}", t!(lang, "history-no-plans"));
    }
    for (i, p) in h.plans.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        plan(p, &mut w, color, md, lang)?;
    }
    Ok(())
}

fn plan<W: Write>(p: &PlanHistory, w: &mut W, color: bool, md: bool, lang: Lang) -> io::Result<()> {
    let untitled = t!(lang, "history-untitled");
    let title = p.title.as_deref().unwrap_or(&untitled);
    let who = match (&p.municipality, &p.code) {
        (Some(m), Some(c)) => format!(" — {m} ({c})"),
        (Some(m), None) => format!(" — {m}"),
        _ => String::new(),
    };
    let n = p.editions.len();
    if md {
        let count = t!(lang, "history-md-editions", count = n);
        writeln!(w, "# {title}{who}\n\n{count}\n")?;
        writeln!(
            w,
            "{}\n| --- | --- | --- | --- | --- |",
            t!(lang, "history-md-editions-head")
        )?;
    } else {
        let head = t!(
            lang,
            "history-editions",
            plan = format!("{title}{who}"),
            count = n
        );
        writeln!(w, "{head}")?;
    }
    for e in &p.editions {
        edition(e, w, md, lang)?;
    }
    for s in &p.steps {
        if md {
            writeln!(w, "\n## {} → {}\n", s.from, s.to)?;
            crate::diff::write_markdown_in(&s.diff, &mut *w, lang)?;
        } else {
            writeln!(w, "\n== {} → {} ==", s.from, s.to)?;
            crate::diff::write_text_in(&s.diff, &mut *w, color, lang)?;
        }
    }
    if md {
        writeln!(w, "\n## {}\n", t!(lang, "history-md-timeline"))?;
        writeln!(
            w,
            "{}\n| --- | --- | --- | --- | --- |",
            t!(lang, "history-md-timeline-head")
        )?;
    } else {
        writeln!(w, "\n== {} ==", t!(lang, "history-timeline"))?;
    }
    for t in &p.timeline {
        thread(t, w, md, lang)?;
    }
    Ok(())
}

fn edition<W: Write>(e: &Edition, w: &mut W, md: bool, lang: Lang) -> io::Result<()> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    let copies = if e.copies.is_empty() {
        String::new()
    } else {
        let files = e.copies.join(", ");
        format!(" {}", t!(lang, "history-also", files = files))
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
        let dates = t!(
            lang,
            "history-edition-dates",
            issued = opt(&e.issued),
            revised = opt(&e.revised),
            measures = e.measures
        );
        writeln!(w, "  {}  {}{copies}  {dates}", e.label, e.path)
    }
}

fn thread<W: Write>(t: &Thread, w: &mut W, md: bool, lang: Lang) -> io::Result<()> {
    if md {
        let (id, name) = (cell(&t.id), cell(&t.name));
        if t.events.is_empty() {
            let none = t!(lang, "history-no-change");
            return writeln!(w, "| {id} | {name} | {} | | {none} |", t.first);
        }
        for e in &t.events {
            writeln!(
                w,
                "| {id} | {name} | {} | {} | {} |",
                t.first,
                e.edition,
                cell(&event(e, lang))
            )?;
        }
        return Ok(());
    }
    let id = if t.events.is_empty() {
        "history-thread-no-change"
    } else {
        "history-thread"
    };
    let head = t!(
        lang,
        id,
        id = t.id.as_str(),
        name = t.name.as_str(),
        since = t.first.as_str()
    );
    writeln!(w, "{head}")?;
    for e in &t.events {
        writeln!(w, "  {}  {}", e.edition, event(e, lang))?;
    }
    Ok(())
}

/// One event in words.
fn event(e: &Event, lang: Lang) -> String {
    let s = |v: &Option<String>| match v.as_deref() {
        None => t!(lang, "diff-none"),
        Some("") => t!(lang, "diff-blank"),
        Some(x) => x.to_string(),
    };
    let (old, new) = (s(&e.old), s(&e.new));
    match e.kind {
        EventKind::Added => t!(lang, "history-added"),
        EventKind::Removed => t!(lang, "history-removed"),
        EventKind::Renamed => t!(lang, "history-renamed", old = old, new = new),
        EventKind::Moved => t!(lang, "history-moved", old = old, new = new),
        EventKind::Target => match e.indicator.unwrap_or(0) {
            0 => t!(
                lang,
                "history-target",
                year = e.year.unwrap_or_default().to_string(),
                old = old,
                new = new
            ),
            i => t!(
                lang,
                "history-target-nth",
                n = (i + 1).to_string(),
                year = e.year.unwrap_or_default().to_string(),
                old = old,
                new = new
            ),
        },
    }
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
