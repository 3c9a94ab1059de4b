//! `dxplan convert` over folders and wildcards: walk, mirror the inputs'
//! relative paths under the output folder, skip what is not a plan, keep
//! what has not changed since the last run, and write the catalogue.
//!
//! Used when an input is a folder or an unexpanded wildcard, or when two
//! named files share a name; plain lists of files go through `convert`.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use dxplan::archive::catalog::{self, Catalog, Entry, Outcome};
use dxplan::archive::{self, Found};
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
pub fn run(args: &ConvertArgs, opts: &ReadOptions) -> anyhow::Result<ExitCode> {
    let mut found = archive::expand(&args.inputs, Some(&args.output))?;
    archive::mirror_named_files(&mut found);
    let (jobs, mut entries) = sort_out(found)?;
    refuse_input_overwrites(&jobs, args)?;
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create the output folder {}", args.output.display()))?;
    let last = Catalog::load(&args.output);
    let settings = settings(args);
    let bar = progress(args, jobs.len());
    let done: Vec<Entry> = super::convert::pool(args.jobs)?.install(|| {
        jobs.par_iter()
            .map(|job| {
                let e = convert_job(job, args, opts, last.as_ref(), &settings);
                bar.inc(1);
                report_line(&bar, job, &e);
                e
            })
            .collect()
    });
    bar.finish_and_clear();
    entries.extend(done);
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let cat = Catalog::new(settings, entries);
    write_catalog(&cat, &args.output)?;
    summarise(&cat, args)
}

/// Plan files become jobs; other files are skipped (when found by walking)
/// or refused (when named).
fn sort_out(found: Vec<Found>) -> anyhow::Result<(Vec<Job>, Vec<Entry>)> {
    let mut plans = Vec::new();
    let mut skipped = Vec::new();
    for f in found {
        match not_a_plan_file(&f.path) {
            None => plans.push(f),
            Some(why) if f.walked => {
                eprintln!("dxplan: skipped {}: {why}", f.path.display());
                let rel = archive::slash_path(&f.rel);
                skipped.push(Entry::without_plan(rel, None, Outcome::Skipped, why));
            }
            Some(why) => bail!("{}: {why}", f.path.display()),
        }
    }
    let stems = archive::output_stems(&plans)?;
    let jobs = plans
        .into_iter()
        .zip(stems)
        .map(|(found, stem)| Job { found, stem })
        .collect();
    Ok((jobs, skipped))
}

/// Why a file is not even tried, or `None` for a plan file type.
fn not_a_plan_file(path: &Path) -> Option<String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with("~$") {
        return Some("an Office lock file, not a plan".into());
    }
    match InputFormat::from_path(path) {
        Ok(InputFormat::Json) => Some("a JSON file, not a plan document".into()),
        Ok(_) => None,
        Err(ErrorKind::Unsupported(ext)) => Some(format!("not a plan file type {ext}")),
        Err(e) => Some(e.to_string()),
    }
}

/// No output may land on an input (an output folder inside the inputs).
fn refuse_input_overwrites(jobs: &[Job], args: &ConvertArgs) -> anyhow::Result<()> {
    let inputs: HashSet<PathBuf> = jobs
        .iter()
        .filter_map(|j| super::convert::resolve(&j.found.path))
        .collect();
    for job in jobs {
        for ext in ["json", "xlsx"] {
            let out = args.output.join(format!("{}.{ext}", job.stem));
            if super::convert::resolve(&out).is_some_and(|o| inputs.contains(&o)) {
                bail!(
                    "{}: an output would overwrite this input; choose another -o folder",
                    out.display()
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
        "to={:?};encoding={:?};password={};limits={},{},{},{},{},{},{},{}",
        args.to,
        args.encoding,
        r.password.is_some(),
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

fn convert_job(
    job: &Job,
    args: &ConvertArgs,
    opts: &ReadOptions,
    last: Option<&Catalog>,
    settings: &str,
) -> Entry {
    let rel = archive::slash_path(&job.found.rel);
    let bytes = match std::fs::read(&job.found.path) {
        Ok(b) => b,
        Err(e) => {
            return Entry::without_plan(rel, None, Outcome::Failed, ErrorKind::Io(e).to_string());
        }
    };
    let sha = dxplan::sha256_hex(&bytes);
    if let Some(prev) = last.and_then(|c| c.reusable(&rel, &sha, settings, &args.output)) {
        let mut e = prev.clone();
        e.outcome = Outcome::Unchanged;
        e.reason = Some("same SHA-256, dxplan version and settings as the last run".into());
        return e;
    }
    match convert_bytes(job, &bytes, args, opts) {
        Ok((plan, outputs)) => Entry::converted(rel, &plan, outputs),
        Err(ErrorKind::NoPlan) if job.found.walked => Entry::without_plan(
            rel,
            Some(sha),
            Outcome::Skipped,
            ErrorKind::NoPlan.to_string(),
        ),
        Err(k) => Entry::without_plan(rel, Some(sha), Outcome::Failed, k.to_string()),
    }
}

/// Convert, render every output in memory, then write them atomically.
fn convert_bytes(
    job: &Job,
    bytes: &[u8],
    args: &ConvertArgs,
    opts: &ReadOptions,
) -> Result<(dxplan::Plan, Vec<String>), ErrorKind> {
    let format = InputFormat::from_path(&job.found.path)?;
    let name = job
        .found
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let mut plan = dxplan::convert_bytes(bytes, &name.unwrap_or_default(), format, opts)?;
    let (files, unwritten) = super::convert::render_all(&mut plan, &job.stem, args)?;
    let mut outputs = Vec::with_capacity(files.len());
    for f in &files {
        super::convert::write_file(f)?;
        let rel = f.path.strip_prefix(&args.output).unwrap_or(&f.path);
        outputs.push(archive::slash_path(rel));
    }
    super::convert::remove_stale(&unwritten)?;
    Ok((plan, outputs))
}

/// A failed input gets its error line; a skipped one a plain note.
fn report_line(bar: &ProgressBar, job: &Job, e: &Entry) {
    let reason = e.reason.as_deref().unwrap_or_default();
    let path = job.found.path.display();
    match e.outcome {
        Outcome::Failed => bar.suspend(|| eprintln!("dxplan: {path}: {reason}")),
        Outcome::Skipped => bar.suspend(|| eprintln!("dxplan: skipped {path}: {reason}")),
        Outcome::Converted | Outcome::Unchanged => {}
    }
}

fn write_catalog(cat: &Catalog, out: &Path) -> anyhow::Result<()> {
    let mut json = Vec::new();
    cat.write_json(&mut json)?;
    let mut csv = Vec::new();
    cat.write_csv(&mut csv)?;
    for (name, bytes) in [(catalog::JSON_NAME, json), (catalog::CSV_NAME, csv)] {
        dxplan::output::write_atomic(&out.join(name), |w| {
            w.write_all(&bytes).map_err(dxplan::output::io_err)
        })?;
    }
    Ok(())
}

fn progress(args: &ConvertArgs, n: usize) -> ProgressBar {
    if args.quiet || n < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n as u64);
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} files  {elapsed_precise}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// One line, even with `--quiet` (which only hides the bar): what happened to how many inputs, and where it all went.
fn summarise(cat: &Catalog, args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let count = |o: Outcome| cat.entries.iter().filter(|e| e.outcome == o).count();
    let warnings: usize = cat
        .entries
        .iter()
        .filter(|e| e.outcome == Outcome::Converted)
        .filter_map(|e| e.warnings)
        .sum();
    let failed = count(Outcome::Failed);
    {
        eprintln!(
            "dxplan: {} file(s): {} converted, {} unchanged since the last run (skipped), \
             {} not plans, {failed} failed; outputs mirrored under {} with catalog.csv and \
             catalog.json; {warnings} new warning(s)",
            cat.entries.len(),
            count(Outcome::Converted),
            count(Outcome::Unchanged),
            count(Outcome::Skipped),
            args.output.display(),
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
