//! What `convert` tells the user when it is done: one line naming what was
//! written where, and before it a line for every earlier output it
//! replaced (naming the input that earlier output came from when that was
//! another file).

use std::path::{Path, PathBuf};

use dxplan::i18n::{Lang, t};
use dxplan::model::Plan;

/// What converting one input did.
pub(super) struct Done {
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// Files that existed before and were replaced.
    pub replaced: Vec<PathBuf>,
    /// The input those earlier files came from, when it was not this one.
    pub replaced_from: Option<Earlier>,
    pub warnings: usize,
}

/// Where replaced outputs came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Earlier {
    /// Another input file, by name.
    File(String),
    /// Another version of a file of the same name.
    Version(String),
}

/// The outputs among `paths` that exist already, and the input the
/// earlier JSON at `json` names when that was another file than `plan`'s
/// source (the other outputs of one name come from the same input).
pub(super) fn earlier(
    paths: &[PathBuf],
    json: &Path,
    plan: &Plan,
) -> (Vec<PathBuf>, Option<Earlier>) {
    let existing: Vec<PathBuf> = paths.iter().filter(|p| p.exists()).cloned().collect();
    let from = if existing.is_empty() {
        None
    } else {
        other_source(json, plan)
    };
    (existing, from)
}

/// The other input (or another version of the same one) the JSON at
/// `path` was written from; `None` when it was the same file or cannot be
/// told.
fn other_source(path: &Path, plan: &Plan) -> Option<Earlier> {
    let bytes = std::fs::read(path).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let file = v["source"]["file"].as_str()?;
    let sha = v["source"]["sha256"].as_str()?;
    if file != plan.source.file {
        Some(Earlier::File(file.to_string()))
    } else if sha != plan.source.sha256 {
        Some(Earlier::Version(file.to_string()))
    } else {
        None
    }
}

/// The `dxplan: replaced …` line of one input, if it replaced anything.
pub(super) fn replaced_line(input: &Path, done: &Done, lang: Lang) -> Option<String> {
    if done.replaced.is_empty() {
        return None;
    }
    let paths: Vec<&Path> = done.replaced.iter().map(PathBuf::as_path).collect();
    let (outputs, input) = (list(&paths, lang), input.display().to_string());
    Some(match &done.replaced_from {
        Some(from) => {
            let from = match from {
                Earlier::File(f) => f.clone(),
                Earlier::Version(f) => t!(lang, "cli-another-version", file = f.as_str()),
            };
            t!(
                lang,
                "cli-replaced-from",
                outputs = outputs,
                from = from,
                input = input
            )
        }
        None => t!(lang, "cli-replaced", input = input, outputs = outputs),
    })
}

/// The closing line for one input converted alone.
pub(super) fn single_line(input: &Path, done: &Done, lang: Lang) -> String {
    let paths: Vec<&Path> = done.written.iter().map(PathBuf::as_path).collect();
    t!(
        lang,
        "cli-written",
        input = input.display().to_string(),
        outputs = list(&paths, lang),
        note = warnings_note(done.warnings, lang)
    )
}

/// The closing line of a batch.
pub(super) fn batch_line(
    ok: usize,
    total: usize,
    dir: &Path,
    warnings: usize,
    lang: Lang,
) -> String {
    t!(
        lang,
        "cli-batch",
        ok = ok,
        total = total,
        dir = dir.display().to_string(),
        note = warnings_note(warnings, lang)
    )
}

fn warnings_note(n: usize, lang: Lang) -> String {
    match n {
        0 => String::new(),
        n => t!(lang, "cli-warnings-note", count = n),
    }
}

/// Paths joined with `, `; files that share a folder after the first
/// such file are said as "N CSV files in DIR".
fn list(paths: &[&Path], lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < paths.len() {
        let dir = paths[i].parent();
        let run = paths[i..]
            .iter()
            .take_while(|p| p.parent() == dir && (is_csv(p) || is_package(p)))
            .count();
        let csv = paths[i..i + run].iter().filter(|p| is_csv(p)).count();
        if csv > 1 {
            let dir = dir.map(|d| d.display().to_string()).unwrap_or_default();
            let id = if run > csv {
                "cli-csv-files-package"
            } else {
                "cli-csv-files"
            };
            parts.push(t!(lang, id, count = csv, dir = dir));
            i += run;
        } else {
            parts.push(paths[i].display().to_string());
            i += 1;
        }
    }
    parts.join(", ")
}

fn is_csv(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "csv")
}

fn is_package(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n == dxplan::write::datapackage::FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(written: &[&str], warnings: usize) -> Done {
        Done {
            written: written.iter().map(PathBuf::from).collect(),
            replaced: Vec::new(),
            replaced_from: None,
            warnings,
        }
    }

    #[test]
    fn one_input_names_every_output() {
        let d = done(
            &[
                "out/plan.json",
                "out/plan.xlsx",
                "out/plan/measures.csv",
                "out/plan/schedule.csv",
                "out/plan/indicators.csv",
                "out/plan/costs.csv",
                "out/plan/datapackage.json",
            ],
            2,
        );
        assert_eq!(
            single_line(Path::new("plan.pdf"), &d, Lang::En),
            "dxplan: plan.pdf → out/plan.json, out/plan.xlsx, 4 CSV files and datapackage.json in out/plan/; \
             2 warnings (see \"warnings\" in the JSON)"
        );
        let d = done(&["out/plan/costs.csv"], 0);
        assert_eq!(
            single_line(Path::new("plan.pdf"), &d, Lang::En),
            "dxplan: plan.pdf → out/plan/costs.csv"
        );
    }

    #[test]
    fn replacements_name_the_earlier_input() {
        let mut d = done(&["o/plan.json", "o/plan.xlsx"], 0);
        d.replaced = vec!["o/plan.json".into(), "o/plan.xlsx".into()];
        d.replaced_from = Some(Earlier::File("plan.xlsx".into()));
        assert_eq!(
            replaced_line(Path::new("plan.ods"), &d, Lang::En).unwrap(),
            "dxplan: replaced o/plan.json, o/plan.xlsx (written earlier from plan.xlsx) \
             with the output of plan.ods"
        );
        d.replaced_from = None;
        assert_eq!(
            replaced_line(Path::new("plan.ods"), &d, Lang::En).unwrap(),
            "dxplan: replaced the earlier output of plan.ods: o/plan.json, o/plan.xlsx"
        );
        d.replaced.clear();
        assert_eq!(replaced_line(Path::new("plan.ods"), &d, Lang::En), None);
    }

    #[test]
    fn the_lines_speak_japanese() {
        let d = done(
            &[
                "out/plan.json",
                "out/plan/measures.csv",
                "out/plan/costs.csv",
            ],
            2,
        );
        assert_eq!(
            single_line(Path::new("plan.pdf"), &d, Lang::Ja),
            "dxplan: plan.pdf → out/plan.json, out/plan/ に CSV 2 ファイル\
             （警告 2 件: JSON の \"warnings\" を見てください）"
        );
        assert_eq!(
            batch_line(3, 4, Path::new("out"), 1, Lang::En),
            "dxplan: converted 3 of 4 file(s) into out; 1 warning (see \"warnings\" in the JSON)"
        );
        assert_eq!(
            batch_line(3, 4, Path::new("out"), 0, Lang::Ja),
            "dxplan: 4 ファイル中 3 ファイルを out に変換しました"
        );
        let mut d = done(&["o/plan.json"], 0);
        d.replaced = vec!["o/plan.json".into()];
        d.replaced_from = Some(Earlier::Version("plan.xlsx".into()));
        assert_eq!(
            replaced_line(Path::new("plan.xlsx"), &d, Lang::Ja).unwrap(),
            "dxplan: o/plan.json（以前 別の版の plan.xlsx から書き出したもの）を plan.xlsx の出力で置き換えました"
        );
        assert!(
            replaced_line(Path::new("plan.xlsx"), &d, Lang::En)
                .unwrap()
                .contains("(written earlier from another version of plan.xlsx)")
        );
    }
}
