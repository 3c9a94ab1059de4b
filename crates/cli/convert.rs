//! `dxplan convert`: inputs → JSON / XLSX / CSV files in an output folder.
//!
//! Every output of one input is rendered in memory first and then written
//! atomically, so a failed input leaves no partial files and previous
//! outputs untouched.

use dxplan::i18n::{Lang, t};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use dxplan::error::WriteError;
use dxplan::model::Plan;
use dxplan::write::csv::{Encoding, Table};
use dxplan::write::datapackage;
use dxplan::{CsvNames, Error, ErrorKind, OutputKind, ReadOptions, RenderOptions};

use super::summary::{self, Done};
use super::{ConvertArgs, CsvEncoding, OutFormat};

/// One rendered output file.
pub(super) struct Rendered {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Run `convert`.
pub fn run(args: ConvertArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    // The warnings' messages in the run's language.
    let opts = ReadOptions {
        lang,
        ..args.read.options()
    };
    if args.output == Path::new("-") && dxplan::archive::needs_walk(&args.inputs) {
        bail!("{}", t!(lang, "cli-stdout-one-file"));
    }
    if args.output == Path::new("-") {
        return to_stdout(&args, &opts, lang);
    }
    if super::convert_tree::applies(&args) {
        return super::convert_tree::run(&args, &opts, lang);
    }
    let plan = plan_outputs(&args, lang)?;
    refuse_file_as_folder(&args.output, lang)?;
    let created = missing_dirs(&args.output);
    std::fs::create_dir_all(&args.output).with_context(|| {
        t!(
            lang,
            "cli-cannot-create-folder",
            dir = args.output.display().to_string()
        )
    })?;
    remove_orphans(&args, plan.iter().map(|(_, stem)| stem.as_str()), lang);
    let bar = progress(&args, lang);
    let results: Vec<Result<Done, Error>> = pool(args.jobs)?.install(|| {
        plan.par_iter()
            .map(|(input, stem)| {
                let r = convert_one(input, stem, &args, &opts);
                bar.inc(1);
                if let Err(e) = &r {
                    bar.suspend(|| eprintln!("dxplan: {}", super::explain(e, lang)));
                }
                r
            })
            .collect()
    });
    bar.finish_and_clear();
    if results.iter().any(Result::is_ok) {
        // Every rename of the run on disk before the summary says so.
        dxplan::output::sync_renames([args.output.as_path()])
            .map_err(|k| Error::new(&args.output, k))?;
    }
    // A run that wrote nothing leaves no empty folder behind.
    for dir in created {
        if std::fs::remove_dir(&dir).is_err() {
            break;
        }
    }
    summarise(&args, &plan, &results, lang)
}

/// Remove what a killed earlier run left beside the outputs of these
/// stems (its hidden temporary files) and say how many, unless quiet.
pub(super) fn remove_orphans<'a>(
    args: &ConvertArgs,
    stems: impl Iterator<Item = &'a str>,
    lang: Lang,
) {
    let outputs: Vec<PathBuf> = stems
        .flat_map(|stem| {
            args.to
                .iter()
                .flat_map(move |f| output_paths(&args.output, stem, *f))
        })
        .collect();
    let n = dxplan::output::remove_orphan_temps(outputs.iter().map(PathBuf::as_path));
    if n > 0 && !args.quiet {
        eprintln!("{}", t!(lang, "cli-orphans-removed", count = n));
    }
}

/// `-o plan.csv` where that is a file: say so plainly.
fn refuse_file_as_folder(out: &Path, lang: Lang) -> anyhow::Result<()> {
    if out.exists() && !out.is_dir() {
        bail!(
            "{}",
            t!(lang, "cli-o-is-file", file = out.display().to_string())
        );
    }
    Ok(())
}

/// The folders `create_dir_all(dir)` will create, deepest first.
fn missing_dirs(dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
        .map(Path::to_path_buf)
        .collect()
}

/// Inputs with the output stem each will use; refuses collisions and names
/// that would escape the output folder or overwrite an input.
fn plan_outputs(args: &ConvertArgs, lang: Lang) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let mut seen: HashMap<String, &Path> = HashMap::new();
    let mut out = Vec::new();
    // Each input resolved once (resolving every input for every output
    // was quadratic: 240,000 path lookups for 200 plans).
    let resolved: HashMap<PathBuf, &Path> = args
        .inputs
        .iter()
        .filter_map(|i| Some((resolve(i)?, i.as_path())))
        .collect();
    let real_out = resolve(&args.output);
    for input in &args.inputs {
        let stem = safe_stem(input, lang)?;
        if let Some(prev) = seen.insert(stem.clone(), input) {
            bail!(
                "{}",
                t!(
                    lang,
                    "cli-same-stem",
                    first = prev.display().to_string(),
                    second = input.display().to_string(),
                    stem = stem.as_str()
                )
            );
        }
        for f in &args.to {
            for path in output_paths(&args.output, &stem, *f) {
                let real = match (&real_out, path.strip_prefix(&args.output)) {
                    (Some(dir), Ok(rel)) => resolve_below(dir, rel, &path),
                    _ => resolve(&path),
                };
                refuse_input_overwrite(real, &resolved, lang)?;
            }
        }
        out.push((input.clone(), stem));
    }
    Ok(out)
}

fn safe_stem(input: &Path, lang: Lang) -> anyhow::Result<String> {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bad = stem.is_empty() || stem == "." || stem == ".." || stem.contains(['/', '\\']);
    if bad {
        bail!(
            "{}",
            t!(lang, "cli-bad-stem", file = input.display().to_string())
        );
    }
    Ok(stem)
}

fn refuse_input_overwrite(
    out: Option<PathBuf>,
    inputs: &HashMap<PathBuf, &Path>,
    lang: Lang,
) -> anyhow::Result<()> {
    if let Some(input) = out.and_then(|o| inputs.get(&o)) {
        bail!(
            "{}",
            t!(
                lang,
                "cli-output-overwrites-named-input",
                file = input.display().to_string()
            )
        );
    }
    Ok(())
}

/// `-o` naming one of the inputs (by any spelling) would replace it.
pub(super) fn refuse_overwrite_of(
    out: &Path,
    inputs: &[dxplan::archive::Found],
    lang: Lang,
) -> anyhow::Result<()> {
    let Some(out_real) = resolve(out) else {
        return Ok(());
    };
    for f in inputs {
        if resolve(&f.path).is_some_and(|i| i == out_real) {
            bail!(
                "{}",
                t!(
                    lang,
                    "cli-o-overwrites-input",
                    file = f.path.display().to_string()
                )
            );
        }
    }
    Ok(())
}

/// Where a path will point once written: its longest existing ancestor with
/// links followed, then the rest with `.` and `..` taken lexically (the
/// rest does not exist yet, so it holds no links). `dir/new/../a` is
/// `dir/a`, which plain `canonicalize` cannot tell before `new` exists.
pub(super) fn resolve(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let abs = std::path::absolute(path).ok()?;
    let parts: Vec<Component> = abs.components().collect();
    let (mut real, exists) = (0..=parts.len()).rev().find_map(|n| {
        let prefix: PathBuf = parts[..n].iter().collect();
        prefix.canonicalize().ok().map(|r| (r, n))
    })?;
    for part in &parts[exists..] {
        match part {
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(p) => real.push(p),
            _ => {}
        }
    }
    Some(real)
}

/// [`resolve`] for `dir/rel` where `dir` is already resolved and `rel`
/// holds plain names (an output's stem and file name): one `lstat` a name
/// until one does not exist, instead of resolving every folder of the path
/// again for each output (the output folder's ancestors, a `readlink` each,
/// six outputs an input). A link on the way takes the full [`resolve`] of
/// `whole`.
fn resolve_below(dir: &Path, rel: &Path, whole: &Path) -> Option<PathBuf> {
    let mut real = dir.to_path_buf();
    let mut parts = rel.components();
    for part in parts.by_ref() {
        let std::path::Component::Normal(name) = part else {
            return resolve(whole);
        };
        real.push(name);
        match std::fs::symlink_metadata(&real) {
            Ok(m) if m.file_type().is_symlink() => return resolve(whole),
            Ok(_) => {}
            // It does not exist yet: nor does anything below it.
            Err(_) => break,
        }
    }
    for part in parts {
        let std::path::Component::Normal(name) = part else {
            return resolve(whole);
        };
        real.push(name);
    }
    Some(real)
}

/// The files one output format writes for one input.
fn output_paths(dir: &Path, stem: &str, f: OutFormat) -> Vec<PathBuf> {
    match f {
        OutFormat::Json => vec![dir.join(format!("{stem}.json"))],
        OutFormat::Xlsx => vec![dir.join(format!("{stem}.xlsx"))],
        OutFormat::Csv => Table::ALL
            .iter()
            .map(|t| t.file_name())
            .chain([datapackage::FILE_NAME])
            .map(|name| dir.join(stem).join(name))
            .collect(),
    }
}

fn convert_one(
    input: &Path,
    stem: &str,
    args: &ConvertArgs,
    opts: &ReadOptions,
) -> Result<Done, Error> {
    let mut plan = dxplan::convert_path(input, opts)?;
    let (files, unwritten) =
        render_all(&mut plan, stem, args, opts.lang).map_err(|k| Error::new(input, k))?;
    let written: Vec<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    let json = args.output.join(format!("{stem}.json"));
    let (replaced, replaced_from) = summary::earlier(&written, &json, &plan);
    write_files(&files).map_err(|k| Error::new(input, k))?;
    remove_stale(&unwritten).map_err(|k| Error::new(input, k))?;
    Ok(Done {
        written,
        replaced,
        replaced_from,
        warnings: plan.warnings.len(),
    })
}

/// An earlier CSV that this run could not write goes, so that the folder
/// never mixes two revisions (the warning in the JSON says why).
pub(super) fn remove_stale(unwritten: &[PathBuf]) -> Result<(), WriteError> {
    for p in unwritten.iter().filter(|p| p.exists()) {
        std::fs::remove_file(p).map_err(|e| WriteError::io(p, e))?;
    }
    Ok(())
}

/// Render every requested output ([`dxplan::render_outputs`]: writer
/// warnings join the plan's before the JSON is rendered). A CSV the
/// encoding cannot hold is left out with a warning (its path comes back
/// second); the other outputs are kept.
pub(super) fn render_all(
    plan: &mut Plan,
    stem: &str,
    args: &ConvertArgs,
    lang: Lang,
) -> Result<(Vec<Rendered>, Vec<PathBuf>), ErrorKind> {
    let folder = format!("{stem}/");
    let which = RenderOptions {
        json: args.to.contains(&OutFormat::Json),
        xlsx: args.to.contains(&OutFormat::Xlsx),
        csv: args
            .to
            .contains(&OutFormat::Csv)
            .then(|| encoding(args.encoding)),
        csv_names: CsvNames::Plain,
        csv_folder: &folder,
        lang,
    };
    let out = dxplan::render_outputs(plan, &which)?;
    let files = out
        .files
        .into_iter()
        .map(|f| Rendered {
            path: match f.kind {
                OutputKind::Json => args.output.join(format!("{stem}.json")),
                OutputKind::Workbook => args.output.join(format!("{stem}.xlsx")),
                OutputKind::Csv(_) | OutputKind::DataPackage => args.output.join(stem).join(f.name),
            },
            bytes: f.bytes,
        })
        .collect();
    let unwritten = out
        .left_out
        .iter()
        .map(|t| args.output.join(stem).join(t.file_name()))
        .collect();
    Ok((files, unwritten))
}

/// One input's files, written together with one sync (see
/// [`dxplan::output::write_set`]).
pub(super) fn write_files(files: &[Rendered]) -> Result<(), WriteError> {
    if files.is_empty() {
        return Ok(());
    }
    let set: Vec<(&Path, &[u8])> = files
        .iter()
        .map(|f| (f.path.as_path(), f.bytes.as_slice()))
        .collect();
    dxplan::output::write_set(&set)
}

fn encoding(e: CsvEncoding) -> Encoding {
    match e {
        CsvEncoding::Utf8Bom => Encoding::Utf8Bom,
        CsvEncoding::Utf8 => Encoding::Utf8,
        CsvEncoding::ShiftJis => Encoding::ShiftJis,
    }
}

/// `-o -`: one input's JSON on standard output.
fn to_stdout(args: &ConvertArgs, opts: &ReadOptions, lang: Lang) -> anyhow::Result<ExitCode> {
    if args.to != [OutFormat::Json] || args.inputs.len() != 1 {
        bail!("{}", t!(lang, "cli-stdout-one-input"));
    }
    let plan = match dxplan::convert_path(&args.inputs[0], opts) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("dxplan: {}", super::explain(&e, lang));
            return Ok(ExitCode::from(1));
        }
    };
    let mut buf = Vec::new();
    dxplan::write::json::write(&plan, &mut buf)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&buf)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn pool(jobs: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        b = b.num_threads(n.max(1));
    }
    Ok(b.build()?)
}

fn progress(args: &ConvertArgs, lang: Lang) -> ProgressBar {
    if args.quiet || args.inputs.len() < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(args.inputs.len() as u64);
    let style = ProgressStyle::with_template(&progress_template(lang))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// The progress bar's template: `{bar:30} {pos}/{len} files  {elapsed_precise}`.
pub(super) fn progress_template(lang: Lang) -> String {
    let files = t!(lang, "cli-progress-files");
    format!("{{bar:30}} {{pos}}/{{len}} {files}  {{elapsed_precise}}")
}

fn summarise(
    args: &ConvertArgs,
    plan: &[(PathBuf, String)],
    results: &[Result<Done, Error>],
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let done: Vec<(&Path, &Done)> = plan
        .iter()
        .zip(results)
        .filter_map(|((input, _), r)| Some((input.as_path(), r.as_ref().ok()?)))
        .collect();
    let failed = results.len() - done.len();
    if !args.quiet {
        for (input, d) in &done {
            if let Some(line) = summary::replaced_line(input, d, lang) {
                eprintln!("{line}");
            }
        }
        // One input: its error line (if any) says it all.
        match done.as_slice() {
            [(input, d)] if results.len() == 1 => {
                eprintln!("{}", summary::single_line(input, d, lang))
            }
            _ if results.len() > 1 => {
                let warnings = done.iter().map(|(_, d)| d.warnings).sum();
                eprintln!(
                    "{}",
                    summary::batch_line(done.len(), results.len(), &args.output, warnings, lang)
                );
            }
            _ => {}
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
