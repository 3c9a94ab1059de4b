//! The diff as Markdown, for pasting into a report: a summary line, then a
//! heading and a table (項目 | 旧 | 新) per measure. Removed characters are
//! struck through on the old side, added ones bold on the new side;
//! schedules are quarter strips in code spans.

use std::io::{self, Write};

use serde_json::Value as Json;

use super::render::{self, Field, Group, Head, Seg};
use super::{Change, Diff};
use crate::i18n::{Lang, t};

pub(super) fn write<W: Write>(d: &Diff, mut w: W, lang: Lang) -> io::Result<()> {
    let groups = render::groups(d);
    let side = |s: &super::Side| match &s.revised {
        Some(r) => format!("`{}` ({r})", s.file.replace('`', "'")),
        None => format!("`{}`", s.file.replace('`', "'")),
    };
    let sides = format!("旧 {} → 新 {}", side(&d.old), side(&d.new));
    if groups.is_empty() {
        return writeln!(w, "**{}**\n\n{sides}", t!(lang, "diff-md-no-differences"));
    }
    writeln!(w, "**{}**\n\n{sides}", render::summary(&groups, lang))?;
    if let Some(c) = d.changes.iter().find(|c| c.path.starts_with("schedule.")) {
        let legend = render::span_of(d, c).legend(lang);
        writeln!(w, "\n{}", t!(lang, "diff-md-schedules", legend = legend))?;
    }
    for g in &groups {
        writeln!(w)?;
        group(d, g, &mut w, lang)?;
    }
    Ok(())
}

fn group<W: Write>(d: &Diff, g: &Group, w: &mut W, lang: Lang) -> io::Result<()> {
    let title = format!("{} {}", g.measure, escape(&g.name))
        .trim_end()
        .to_string();
    match &g.head {
        Head::Added => return writeln!(w, "### {}", t!(lang, "diff-added", title = title)),
        Head::Removed => {
            let struck = format!("~~{title}~~");
            return writeln!(w, "### {}", t!(lang, "diff-removed", title = struck));
        }
        Head::Moved { old_id } => {
            let moved = t!(lang, "diff-moved-from", id = old_id.as_str());
            writeln!(w, "### {title} {moved}")?;
        }
        Head::Changed => writeln!(w, "### {title}")?,
    }
    writeln!(w, "\n| 項目 | 旧 | 新 |\n|---|---|---|")?;
    if let Head::Moved { old_id } = &g.head {
        writeln!(w, "| 施策番号 | {old_id} | {} |", g.measure)?;
    }
    for c in &g.rows {
        let (o, n) = cells(d, c, lang);
        writeln!(w, "| {} | {o} | {n} |", escape(&render::label(c)))?;
    }
    Ok(())
}

/// The old and new cells of one row.
fn cells(d: &Diff, c: &Change, lang: Lang) -> (String, String) {
    match render::field(c) {
        Field::Text => text_cells(c, lang),
        Field::Schedule { part: Some(_), .. } => {
            let span = render::span_of(d, c);
            let strip = |a: &Json, b: &Json| format!("`{}`", span.strip(a, b).plain());
            (strip(&c.old, &c.new), strip(&c.new, &c.old))
        }
        Field::Schedule { part: None, .. } => {
            (row_cell(d, c, &c.old, lang), row_cell(d, c, &c.new, lang))
        }
        Field::Short => (short(&c.old, lang), short(&c.new, lang)),
    }
}

fn short(v: &Json, lang: Lang) -> String {
    escape(&render::plain(v, lang))
}

fn text_cells(c: &Change, lang: Lang) -> (String, String) {
    let (Some(o), Some(n)) = (render::text_of(&c.old), render::text_of(&c.new)) else {
        return (short(&c.old, lang), short(&c.new, lang));
    };
    match render::inline_diff(o, n) {
        Some((os, ns)) => (marked(&os, "~~", "<del>"), marked(&ns, "**", "<ins>")),
        None => (escape(o), escape(n)),
    }
}

/// Changed segments wrapped in `delim` (`~~`, `**`); where the segment
/// starts or ends with punctuation or space, Markdown would not take the
/// delimiter, so an HTML tag is used instead.
fn marked(segs: &[Seg], delim: &str, tag: &str) -> String {
    segs.iter()
        .map(|s| {
            let t = escape(&s.text);
            if !s.changed {
                t
            } else if flanks(&s.text) {
                format!("{delim}{t}{delim}")
            } else {
                format!("{tag}{t}</{}", &tag[1..])
            }
        })
        .collect()
}

fn flanks(s: &str) -> bool {
    let ok = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    ok(s.chars().next()) && ok(s.chars().last())
}

/// A whole activity row: `計画 `■■□□…` 実績 `□□□□…``, or (none).
fn row_cell(d: &Diff, c: &Change, row: &Json, lang: Lang) -> String {
    if row.is_null() {
        return t!(lang, "diff-none");
    }
    let span = render::span_of(d, c);
    let strip = |k: &str| {
        let l = row.get(k).unwrap_or(&Json::Null);
        format!("`{}`", span.strip(l, l).plain())
    };
    format!("計画 {}<br>実績 {}", strip("plan"), strip("actual"))
}

/// Escape what Markdown (and a table cell) would read as markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '~' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_table_markup() {
        assert_eq!(escape("a|b*c\nd"), "a\\|b\\*c<br>d");
    }

    #[test]
    fn marks_use_tags_next_to_punctuation() {
        let segs = [
            Seg {
                text: "調査".into(),
                changed: false,
            },
            Seg {
                text: "、支援".into(),
                changed: true,
            },
            Seg {
                text: "R6".into(),
                changed: true,
            },
        ];
        assert_eq!(marked(&segs, "**", "<ins>"), "調査<ins>、支援</ins>**R6**");
    }
}
