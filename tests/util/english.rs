//! Finding English in text meant to be Japanese.
//!
//! A run of three or more English words in a row is a sentence or a phrase
//! a person reads: dxplan's Japanese output must have none. Not words, and
//! so never counted: file names and extensions (`plan.xlsx`, `.pdf`),
//! paths, URLs, codes (`unknown_label`, `U+2460`, `p.12`), options
//! (`--lang`), text in backticks, environment variables (`CKAN_API_TOKEN`),
//! and the names of formats, products and standards in [`ALLOWED`]. Those
//! may stand beside English words without joining their run, so
//! "not a PDF file" is still three words. Fiscal years and periods written
//! the English way (`FY2024`, `2024-Q1`) are reported too: under Japanese
//! they are 令和6年度 and 第1四半期.

/// Names that are the same in Japanese text: formats, products, standards.
pub const ALLOWED: &[&str] = &[
    "PDF",
    "XLSX",
    "XLS",
    "ODS",
    "CSV",
    "JSON",
    "HTML",
    "ZIP",
    "OCR",
    "SVG",
    "XML",
    "UTF",
    "BOM",
    "Shift_JIS",
    "Excel",
    "LibreOffice",
    "Calc",
    "Office",
    "Word",
    "Writer",
    "Impress",
    "XObject",
    "CKAN",
    "API",
    "HTTP",
    "HTTPS",
    "URL",
    "CA",
    "DX",
    "KPI",
    "ID",
    "No",
    "Ctrl",
    "Q",
    "R",
    "dxplan",
    "diff",
    "validate",
    "convert",
    "report",
    "history",
    "inspect",
    "publish",
    "serve",
    "Markdown",
    "Unicode",
    "Data",
    "Package",
    "datapackage",
    "pt",
    "MB",
    "KB",
    "GB",
    "EOF",
    "OK",
    "English",
    "FY",
    "Gantt",
];

/// One finding: the English words and the text around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub words: String,
    pub context: String,
}

fn re(p: &str) -> regex::Regex {
    regex::Regex::new(p).expect("valid regex")
}

/// The English in `text`: runs of three or more English words, and years
/// or periods in the English form.
pub fn english(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    let context = |at: usize, len: usize| {
        let start = text[..at]
            .char_indices()
            .rev()
            .nth(20)
            .map_or(0, |(i, _)| i);
        let end = text[at + len..]
            .char_indices()
            .nth(20)
            .map_or(text.len(), |(i, _)| at + len + i);
        text[start..end].replace('\n', " ")
    };
    for m in re(r"\bFY\d{4}\b|\b\d{4}-[QH]\d\b").find_iter(text) {
        found.push(Finding {
            words: m.as_str().to_string(),
            context: context(m.start(), m.len()),
        });
    }
    // What is not a word, blanked out (keeping byte offsets).
    let mut t = text.to_string();
    for p in [
        r"`[^`\n]*`",                            // code
        r"https?://\S+",                         // URLs
        r"--[a-z][a-z-]*",                       // options
        r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b",    // environment variables
        r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b",   // codes and snake_case names
        r"[\w./-]*\.[A-Za-z][A-Za-z0-9]{0,4}\b", // file names, extensions, paths
        r"\S*\d\S*",                             // anything with a digit
        r"\S*[/\\]\S*",                          // paths
    ] {
        // ASCII blanked, other characters kept: offsets stay, and a
        // Japanese character still ends a run.
        let blank = |c: &regex::Captures| -> String {
            c[0].chars()
                .map(|ch| {
                    if ch.is_ascii() {
                        " ".to_string()
                    } else {
                        ch.to_string()
                    }
                })
                .collect()
        };
        t = re(p).replace_all(&t, blank).into_owned();
    }
    // Runs: English words separated by spaces and ASCII punctuation only; a
    // Japanese character (or any other non-ASCII one) ends the run.
    let word = re(r"[A-Za-z]+(?:['’][A-Za-z]+)?");
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut last_end = 0;
    let mut flush = |run: &mut Vec<(usize, usize)>| {
        if run.len() >= 3 {
            let (s, e) = (run[0].0, run[run.len() - 1].1);
            found.push(Finding {
                words: text[s..e].to_string(),
                context: context(s, e - s),
            });
        }
        run.clear();
    };
    for m in word.find_iter(&t) {
        let between = &t[last_end..m.start()];
        if !between
            .chars()
            .all(|c| c.is_ascii() && !c.is_ascii_control())
        {
            flush(&mut run);
        }
        last_end = m.end();
        if ALLOWED.contains(&m.as_str()) {
            continue;
        }
        run.push((m.start(), m.end()));
    }
    flush(&mut run);
    found
}

/// Panic listing every English run in `text`, naming `what`.
pub fn assert_no_english(what: &str, text: &str) {
    let found = english(text);
    assert!(
        found.is_empty(),
        "{what}: English under Japanese:\n{}",
        found
            .iter()
            .map(|f| format!("  {:?} in …{}…", f.words, f.context))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
