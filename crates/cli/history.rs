//! `dxplan history INPUT...|DIR`: the editions of each plan, the changes
//! between consecutive editions, and every measure's timeline.

use std::io::{Cursor, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use dxplan::archive::{self, Found};
use dxplan::error::RecognizeError;
use dxplan::i18n::{Lang, t};
use dxplan::{ErrorKind, InputFormat, Plan, ReadOptions};

use super::{DiffFormat, HistoryArgs};

/// What became of one input.
enum Loaded {
    Plan(String, Box<Plan>),
    Skipped(PathBuf, String),
    Failed(String),
}

/// Run `history`: exit 0 on success, 1 when an input failed (nothing
/// written then), 2 on usage errors.
pub fn run(args: HistoryArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    if args.format == DiffFormat::Xlsx && args.output.is_none() {
        bail!("{}", t!(lang, "cli-xlsx-needs-output"));
    }
    if let Some(out) = &args.output {
        super::refuse_folder_as_output(out, &example("history", args.format), lang)?;
    }
    let opts = args.read.options();
    let found = archive::expand(&args.inputs, None)?;
    let loaded = load_all(&found, &opts, args.quiet, lang);
    let mut plans = Vec::new();
    let mut failed = 0;
    for l in loaded {
        match l {
            Loaded::Plan(path, plan) => plans.push((path, *plan)),
            Loaded::Skipped(path, why) => eprintln!(
                "{}",
                t!(
                    lang,
                    "cli-skipped",
                    file = path.display().to_string(),
                    reason = why
                )
            ),
            Loaded::Failed(e) => {
                eprintln!("dxplan: {e}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        eprintln!("{}", t!(lang, "cli-inputs-failed", count = failed));
        return Ok(ExitCode::from(1));
    }
    if plans.is_empty() {
        // Not one plan: one line says so, and the run failed.
        let inputs = args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let files = found.len();
        eprintln!(
            "{}",
            t!(
                lang,
                "cli-no-plan-in-history",
                inputs = inputs,
                files = files
            )
        );
        return Ok(ExitCode::from(1));
    }
    let files = plans.len();
    let h = dxplan::history::history(plans);
    let bytes = render(&h, &args, lang)?;
    let editions: usize = h.plans.iter().map(|p| p.editions.len()).sum();
    let what = t!(
        lang,
        "cli-history-what",
        plans = h.plans.len(),
        editions = editions,
        files = files
    );
    match &args.output {
        Some(p) => {
            super::convert::refuse_overwrite_of(p, &found, lang)?;
            dxplan::output::write_atomic(p, |w| {
                w.write_all(&bytes).map_err(dxplan::output::io_err)
            })?;
            let file = p.display().to_string();
            eprintln!(
                "{}",
                t!(lang, "cli-history-written", what = what, file = file)
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
            if !args.quiet {
                eprintln!("{}", t!(lang, "cli-history-printed", what = what));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn load_all(found: &[Found], opts: &ReadOptions, quiet: bool, lang: Lang) -> Vec<Loaded> {
    let bar = if quiet || found.len() < 2 {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::new(found.len() as u64);
        if let Ok(s) = ProgressStyle::with_template(&super::convert::progress_template(lang)) {
            b.set_style(s);
        }
        b
    };
    let out = found
        .par_iter()
        .map(|f| {
            let l = load(f, opts, lang);
            bar.inc(1);
            l
        })
        .collect();
    bar.finish_and_clear();
    out
}

/// One input, read; reasons are in `lang`.
fn load(f: &Found, opts: &ReadOptions, lang: Lang) -> Loaded {
    let path = f.path.display().to_string();
    if f.walked
        && let Some(what) = std::fs::metadata(&f.path)
            .ok()
            .and_then(|m| dxplan::error::FileKind::of(&m))
    {
        return Loaded::Skipped(f.path.clone(), super::convert_tree::not_a_file(what, lang));
    }
    match InputFormat::from_path(&f.path) {
        Err(e) if f.walked => {
            return Loaded::Skipped(f.path.clone(), super::explain_kind(&e.into(), lang));
        }
        Err(e) => {
            let reason = super::explain_kind(&e.into(), lang);
            return Loaded::Failed(t!(lang, "error-in-file", file = path, reason = reason));
        }
        Ok(_) => {}
    }
    match dxplan::load_plan(&f.path, opts) {
        Ok(p) => Loaded::Plan(path, Box::new(p)),
        Err(e)
            if f.walked
                && matches!(
                    e.kind,
                    ErrorKind::Recognize(RecognizeError::NoPlan) | ErrorKind::BadJson(_)
                ) =>
        {
            Loaded::Skipped(f.path.clone(), super::explain_kind(&e.kind, lang))
        }
        Err(e) => Loaded::Failed(super::explain(&e, lang)),
    }
}

fn render(h: &dxplan::history::History, args: &HistoryArgs, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match args.format {
        DiffFormat::Text => dxplan::history::write_text_in(
            h,
            &mut buf,
            super::use_color(args.color, args.output.is_some()),
            lang,
        )?,
        DiffFormat::Markdown => dxplan::history::write_markdown_in(h, &mut buf, lang)?,
        DiffFormat::Json => dxplan::history::write_json(h, &mut buf)?,
        DiffFormat::Xlsx => {
            let mut cur = Cursor::new(Vec::new());
            dxplan::history::write_xlsx_in(h, &mut cur, lang)?;
            buf = cur.into_inner();
        }
    }
    Ok(buf)
}

/// A file name for `-o` in a hint: `history.md`, `changes.xlsx`.
pub(super) fn example(stem: &str, format: DiffFormat) -> String {
    let ext = match format {
        DiffFormat::Text => "txt",
        DiffFormat::Markdown => "md",
        DiffFormat::Json => "json",
        DiffFormat::Xlsx => "xlsx",
    };
    format!("{stem}.{ext}")
}
