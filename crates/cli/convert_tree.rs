//! `dxplan convert` over folders and wildcards: walk, mirror the inputs'
//! relative paths under the output folder, skip what is not a plan, keep
//! what has not changed since the last run, and write the catalogue.
//!
//! Used when an input is a folder or an unexpanded wildcard, or when two
//! named files share a name; plain lists of files go through `convert`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use dxplan::archive::catalog::{self, Catalog, Entry, Outcome};
use dxplan::archive::{self, Found};
use dxplan::error::{ReadError, RecognizeError};
use dxplan::i18n::{Lang, t};
use dxplan::review::{self, ReviewFile};
use dxplan::{ErrorKind, InputFormat, ReadOptions};

use super::ConvertArgs;

/// True when the inputs need the folder treatment.
pub fn applies(args: &ConvertArgs) -> bool {
    if archive::needs_walk(&args.inputs) {
        return true;
    }
    let mut found: Vec<Found> = args
        .inputs
        .iter()
        .map(|p| Found {
            path: p.clone(),
            rel: p.file_name().map(PathBuf::from).unwrap_or_default(),
            walked: false,
            link_outside: None,
        })
        .collect();
    archive::mirror_named_files(&mut found)
}

/// One input to convert, with its output stem (`a/R6.3/plan`).
struct Job {
    found: Found,
    stem: String,
}

/// Run `convert` over folders.
pub fn run(args: &ConvertArgs, opts: &ReadOptions, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut found = archive::expand(&args.inputs, Some(&args.output))?;
    archive::mirror_named_files(&mut found);
    let (jobs, mut entries) = sort_out(found, lang)?;
    refuse_input_overwrites(&jobs, args, lang)?;
    std::fs::create_dir_all(&args.output).with_context(|| {
        t!(
            lang,
            "cli-cannot-create-folder",
            dir = args.output.display().to_string()
        )
    })?;
    super::convert::remove_orphans(args, jobs.iter().map(|j| j.stem.as_str()), lang);
    let last = Catalog::load(&args.output);
    let settings = settings(args);
    let bar = progress(args, jobs.len(), lang);
    let done: Vec<Entry> = super::convert::pool(args.jobs)?.install(|| {
        jobs.par_iter()
            .map(|job| {
                let (e, why) = convert_job(job, args, opts, last.as_ref(), &settings, lang);
                bar.inc(1);
                report_line(&bar, job, &e, why.as_deref(), lang);
                e
            })
            .collect()
    });
    bar.finish_and_clear();
    entries.extend(done);
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let cat = Catalog::new(settings, entries);
    write_catalog(&cat, &args.output)?;
    summarise(&cat, args, lang)
}

/// Plan files become jobs; other files are skipped (when found by walking)
/// or refused (when named). The catalogue records the reason in English
/// (it is data); the user reads it in `lang`.
fn sort_out(found: Vec<Found>, lang: Lang) -> anyhow::Result<(Vec<Job>, Vec<Entry>)> {
    let mut plans = Vec::new();
    let mut skipped = Vec::new();
    for f in found {
        if let Some(target) = &f.link_outside {
            let file = f.path.display().to_string();
            let target = target.display().to_string();
            eprintln!(
                "{}",
                t!(lang, "cli-link-outside", file = file, target = target)
            );
        }
        let Some(why) = not_a_plan_file(&f.path, Lang::En) else {
            plans.push(f);
            continue;
        };
        let said = not_a_plan_file(&f.path, lang).unwrap_or_else(|| why.clone());
        let file = f.path.display().to_string();
        if !f.walked {
            bail!("{}", t!(lang, "error-in-file", file = file, reason = said));
        }
        eprintln!("{}", t!(lang, "cli-skipped", file = file, reason = said));
        let rel = archive::slash_path(&f.rel);
        skipped.push(Entry::without_plan(rel, None, Outcome::Skipped, why));
    }
    let stems = archive::output_stems(&plans)?;
    let jobs = plans
        .into_iter()
        .zip(stems)
        .map(|(found, stem)| Job { found, stem })
        .collect();
    Ok((jobs, skipped))
}

/// Why a file is not even tried (in `lang`), or `None` for a plan file type.
pub(super) fn not_a_plan_file(path: &Path, lang: Lang) -> Option<String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with("~$") {
        return Some(t!(lang, "cli-lock-file"));
    }
    // A FIFO named plan.pdf would never end: not even opened.
    if let Some(what) = std::fs::metadata(path)
        .ok()
        .and_then(|m| dxplan::error::FileKind::of(&m))
    {
        return Some(not_a_file(what, lang));
    }
    match InputFormat::from_path(path) {
        Ok(InputFormat::Json) => Some(t!(lang, "cli-json-not-plan")),
        Ok(_) => None,
        Err(ReadError::Unsupported { extension, note }) => Some(t!(
            lang,
            "cli-not-plan-type",
            ext = dxplan::error::unsupported_what(&extension, note.as_deref())
        )),
        Err(e) => Some(super::explain_kind(&e.into(), lang)),
    }
}

/// Why a path that is not a regular file is skipped, in `lang`.
pub(super) fn not_a_file(what: dxplan::error::FileKind, lang: Lang) -> String {
    use dxplan::error::FileKind as F;
    match what {
        F::Fifo => t!(lang, "cli-skip-fifo"),
        F::Socket => t!(lang, "cli-skip-socket"),
        F::Device => t!(lang, "cli-skip-device"),
        _ => t!(lang, "cli-skip-not-regular"),
    }
}

/// No output may land on an input (an output folder inside the inputs).
fn refuse_input_overwrites(jobs: &[Job], args: &ConvertArgs, lang: Lang) -> anyhow::Result<()> {
    let inputs: HashSet<PathBuf> = jobs
        .iter()
        .filter_map(|j| super::convert::resolve(&j.found.path))
        .collect();
    for job in jobs {
        for ext in ["json", "xlsx"] {
            let out = args.output.join(format!("{}.{ext}", job.stem));
            if super::convert::resolve(&out).is_some_and(|o| inputs.contains(&o)) {
                bail!(
                    "{}",
                    t!(
                        lang,
                        "cli-output-overwrites-input",
                        file = out.display().to_string()
                    )
                );
            }
        }
    }
    Ok(())
}

/// The settings that change the outputs: a rerun with other settings
/// converts everything again. The password is never recorded.
fn settings(args: &ConvertArgs) -> String {
    let r = &args.read;
    format!(
        "to={:?};encoding={:?};password={};review={};limits={},{},{},{},{},{},{},{}",
        args.to,
        args.encoding,
        r.password.is_some(),
        !r.no_review,
        r.max_input_bytes,
        r.max_pages,
        r.max_stream_bytes,
        r.max_total_bytes,
        r.max_xobject_depth,
        r.max_cells,
        r.max_zip_ratio,
        r.max_page_marks,
    )
}

/// The catalogue entry of one job, and for a failed or skipped one the
/// reason in `lang` (the entry keeps it in English: it is data).
fn convert_job(
    job: &Job,
    args: &ConvertArgs,
    opts: &ReadOptions,
    last: Option<&Catalog>,
    settings: &str,
    lang: Lang,
) -> (Entry, Option<String>) {
    let rel = archive::slash_path(&job.found.rel);
    let bytes = match dxplan::read_input(&job.found.path) {
        Ok(b) => b,
        Err(e) => {
            let k = ErrorKind::from(e);
            let why = super::explain_kind(&k, lang);
            return (
                Entry::without_plan(rel, None, Outcome::Failed, k.to_string()),
                Some(why),
            );
        }
    };
    let sha = dxplan::sha256_hex(&bytes);
    let review = match read_review(&job.found.path, opts) {
        Ok(r) => r,
        Err(e) => {
            // The review file is named in the reason; nothing is written.
            let why = super::explain(&e, lang);
            let data = e.to_string();
            return (
                Entry::without_plan(rel, Some(sha), Outcome::Failed, data),
                Some(why),
            );
        }
    };
    let review_sha = review.as_ref().map(|r| r.sha256.as_str());
    if let Some(prev) =
        last.and_then(|c| c.reusable(&rel, &sha, review_sha, settings, &args.output))
    {
        let mut e = prev.clone();
        e.outcome = Outcome::Unchanged;
        e.reason = Some("same SHA-256, review, dxplan version and settings as the last run".into());
        return (e, None);
    }
    match convert_bytes(job, &bytes, review.as_ref(), args, opts) {
        Ok((plan, outputs)) => {
            let review_sha = review.map(|r| r.sha256);
            (Entry::converted(rel, &plan, review_sha, outputs), None)
        }
        Err(k) => {
            let outcome =
                if job.found.walked && matches!(k, ErrorKind::Recognize(RecognizeError::NoPlan)) {
                    Outcome::Skipped
                } else {
                    Outcome::Failed
                };
            let why = super::explain_kind(&k, lang);
            (
                Entry::without_plan(rel, Some(sha), outcome, k.to_string()),
                Some(why),
            )
        }
    }
}

/// The review beside an input, unless `--no-review`.
fn read_review(input: &Path, opts: &ReadOptions) -> Result<Option<ReviewFile>, dxplan::Error> {
    if opts.skip_review {
        return Ok(None);
    }
    review::read_beside(input)
}

/// Convert, apply the review, render every output in memory, then write
/// them atomically.
fn convert_bytes(
    job: &Job,
    bytes: &[u8],
    review: Option<&ReviewFile>,
    args: &ConvertArgs,
    opts: &ReadOptions,
) -> Result<(dxplan::Plan, Vec<String>), ErrorKind> {
    let format = InputFormat::from_path(&job.found.path)?;
    let name = job
        .found
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let mut plan = dxplan::convert_bytes(bytes, &name.unwrap_or_default(), format, opts)
        .map_err(|e| e.kind)?;
    review::apply_file(&mut plan, review).map_err(|e| e.kind)?;
    let (files, unwritten) = super::convert::render_all(&mut plan, &job.stem, args, opts.lang)?;
    super::convert::write_files(&files)?;
    let outputs = files
        .iter()
        .map(|f| archive::slash_path(f.path.strip_prefix(&args.output).unwrap_or(&f.path)))
        .collect();
    super::convert::remove_stale(&unwritten)?;
    Ok((plan, outputs))
}

/// A failed input gets its error line; a skipped one a plain note.
fn report_line(bar: &ProgressBar, job: &Job, e: &Entry, why: Option<&str>, lang: Lang) {
    let reason = why.or(e.reason.as_deref()).unwrap_or_default();
    let file = job.found.path.display().to_string();
    let line = match e.outcome {
        Outcome::Failed => {
            let said = t!(lang, "error-in-file", file = file, reason = reason);
            format!("dxplan: {said}")
        }
        Outcome::Skipped => t!(lang, "cli-skipped", file = file, reason = reason),
        Outcome::Converted | Outcome::Unchanged => return,
    };
    bar.suspend(|| eprintln!("{line}"));
}

fn write_catalog(cat: &Catalog, out: &Path) -> anyhow::Result<()> {
    let mut json = Vec::new();
    cat.write_json(&mut json)?;
    let mut csv = Vec::new();
    cat.write_csv(&mut csv)?;
    let (json_path, csv_path) = (out.join(catalog::JSON_NAME), out.join(catalog::CSV_NAME));
    dxplan::output::write_set(&[(&json_path, &json), (&csv_path, &csv)])?;
    // The catalogue comes last: one sync puts every rename of the run on disk.
    dxplan::output::sync_renames([out])?;
    Ok(())
}

fn progress(args: &ConvertArgs, n: usize, lang: Lang) -> ProgressBar {
    if args.quiet || n < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n as u64);
    let style = ProgressStyle::with_template(&super::convert::progress_template(lang))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// One line, even with `--quiet` (which only hides the bar): what happened to how many inputs, and where it all went.
fn summarise(cat: &Catalog, args: &ConvertArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let count = |o: Outcome| cat.entries.iter().filter(|e| e.outcome == o).count();
    let warnings: usize = cat
        .entries
        .iter()
        .filter(|e| e.outcome == Outcome::Converted)
        .filter_map(|e| e.warnings)
        .sum();
    let failed = count(Outcome::Failed);
    let line = t!(
        lang,
        "cli-tree-summary",
        total = cat.entries.len(),
        converted = count(Outcome::Converted),
        unchanged = count(Outcome::Unchanged),
        skipped = count(Outcome::Skipped),
        failed = failed,
        dir = args.output.display().to_string(),
        warnings = warnings
    );
    let plans = count(Outcome::Converted) + count(Outcome::Unchanged);
    if plans == 0 && failed == 0 {
        // Not one plan: one line says so, and the run failed.
        let inputs = args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let files = cat.entries.len();
        eprintln!(
            "{}",
            t!(lang, "cli-no-plan-found", inputs = inputs, files = files)
        );
        return Ok(ExitCode::from(1));
    }
    eprintln!("{line}");
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
