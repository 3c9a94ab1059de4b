//! `dxplan publish`: plans → datasets on a CKAN portal. Thin: gather the
//! inputs, load each plan (converting PDFs and workbooks in memory), hand
//! them to [`dxplan::internal::portal`], print its steps.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dxplan::i18n::{Lang, t};
use dxplan::internal::portal::{self, Ckan, Options};
use dxplan::{InputFormat, Plan};

use super::PublishArgs;

/// The environment variable holding the CKAN API token.
const TOKEN_VAR: &str = "CKAN_API_TOKEN";

/// Run `publish`.
pub fn run(args: PublishArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let opts = args.read.options();
    let token = std::env::var(TOKEN_VAR)
        .ok()
        .filter(|t| !t.trim().is_empty());
    if token.is_none() && !args.dry_run {
        eprintln!("dxplan: {}", portal::PortalError::TokenMissing);
        return Ok(ExitCode::from(1));
    }
    let ckan = Ckan::new(&args.ckan, token.map(|t| t.trim().to_string()));
    let inputs = gather(&args.inputs, lang)?;
    let mut plans = Vec::new();
    for path in &inputs {
        match dxplan::load_plan(path, &opts) {
            Ok(plan) => plans.push((path.clone(), plan)),
            Err(e) => {
                eprintln!("dxplan: {}", super::explain(&e, lang));
                return Ok(ExitCode::from(1));
            }
        }
    }
    // Oldest edition first, so the newest ends up as the latest files.
    plans.sort_by_key(|p| order_key(&p.1));
    let popts = Options {
        organization: args.organization.clone(),
        dry_run: args.dry_run,
    };
    for (path, plan) in &plans {
        if let Err(code) = publish_one(&ckan, path, plan, &popts) {
            return Ok(code);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn publish_one(ckan: &Ckan, path: &Path, plan: &Plan, popts: &Options) -> Result<(), ExitCode> {
    println!("{}:", path.display());
    let mut print = |s: &portal::Step| println!("  {s}");
    match portal::publish(ckan, plan, popts, &mut print) {
        Ok(outcome) => {
            println!("  {outcome}");
            Ok(())
        }
        Err(e) => {
            eprintln!("dxplan: {}: {e}", path.display());
            Err(ExitCode::from(1))
        }
    }
}

fn order_key(plan: &Plan) -> (Option<String>, Option<String>) {
    let code = plan.plan.municipality.as_ref().and_then(|m| m.code.clone());
    (code, plan.plan.edition().map(String::from))
}

/// The files to publish: files as given, folders' readable files (not
/// descending further), each folder sorted by name.
fn gather(inputs: &[PathBuf], lang: Lang) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            out.push(input.clone());
            continue;
        }
        let dir = input.display().to_string();
        let entries = std::fs::read_dir(input).map_err(|e| {
            let reason = e.to_string();
            anyhow::anyhow!(
                "{}",
                t!(
                    lang,
                    "cli-folder-unreadable",
                    dir = dir.as_str(),
                    reason = reason
                )
            )
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && InputFormat::from_path(p).is_ok())
            .collect();
        files.sort();
        if files.is_empty() {
            anyhow::bail!("{}", t!(lang, "cli-folder-no-plans", dir = dir));
        }
        out.extend(files);
    }
    Ok(out)
}
