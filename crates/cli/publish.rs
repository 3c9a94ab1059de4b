//! `dxplan publish`: plans → datasets on a CKAN portal. Thin: gather the
//! inputs as `convert` does (the same walker: nested editions, hidden
//! entries left out, what is not a plan skipped), load each plan
//! (converting PDFs and workbooks in memory), hand them to
//! [`dxplan_portal`], print its steps.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dxplan::ErrorKind;
use dxplan::archive::{self, Found};
use dxplan::error::RecognizeError;
use dxplan::i18n::{Lang, t};
use dxplan::{InputFormat, Plan};
use dxplan_portal::{Ckan, Options, Portal, PortalError};

use super::PublishArgs;

/// The environment variable holding the CKAN API token.
pub(crate) const TOKEN_VAR: &str = "CKAN_API_TOKEN";

/// Run `publish`.
pub fn run(args: PublishArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let token = std::env::var(TOKEN_VAR)
        .ok()
        .filter(|t| !t.trim().is_empty());
    if token.is_none() && !args.dry_run {
        eprintln!("dxplan: {}", PortalError::TokenMissing.message(lang));
        return Ok(ExitCode::from(1));
    }
    let token = token.map(|t| t.trim().to_string());
    let ckan = match Ckan::with_ca(&args.ckan, token, args.ca_cert.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dxplan: {}", e.message(lang));
            return Ok(ExitCode::from(1));
        }
    };
    let Some(mut plans) = load(&args, lang)? else {
        return Ok(ExitCode::from(1));
    };
    if args.approved_only {
        plans.retain(|(path, plan)| approved(path, plan, lang));
        if plans.is_empty() {
            eprintln!("{}", t!(lang, "publish-none-approved"));
            return Ok(ExitCode::SUCCESS);
        }
    }
    // Oldest edition first, so the newest ends up as the latest files.
    plans.sort_by_key(|p| order_key(&p.1));
    let popts = Options {
        organization: args.organization.clone(),
        dry_run: args.dry_run,
    };
    let portal = match Portal::open(&ckan, &popts) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("dxplan: {}{}", e.message(lang), again(&e, lang));
            return Ok(ExitCode::from(1));
        }
    };
    for (path, plan) in &plans {
        if let Err(code) = publish_one(&portal, path, plan, lang) {
            return Ok(code);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every plan the inputs name, or `None` after saying why one cannot be
/// read (nothing is published then).
fn load(args: &PublishArgs, lang: Lang) -> anyhow::Result<Option<Vec<(PathBuf, Plan)>>> {
    let opts = args.read.options();
    let mut plans = Vec::new();
    for found in gather(&args.inputs, lang)? {
        match dxplan::load_plan(&found.path, &opts) {
            Ok(plan) => plans.push((found.path, plan)),
            Err(e) if found.walked && not_a_plan(&e.kind) => {
                let file = found.path.display().to_string();
                let reason = super::explain_kind(&e.kind, lang);
                eprintln!("{}", t!(lang, "cli-skipped", file = file, reason = reason));
            }
            Err(e) => {
                eprintln!("dxplan: {}", super::explain(&e, lang));
                return Ok(None);
            }
        }
    }
    if plans.is_empty() {
        let dir = args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        // A run that found no plan at all is a failed run (exit 1).
        eprintln!("dxplan: {}", t!(lang, "cli-folder-no-plans", dir = dir));
        return Ok(None);
    }
    Ok(Some(plans))
}

/// `--approved-only`: true for a plan approved in its review for the file
/// as read; otherwise one line says why it is skipped.
fn approved(path: &Path, plan: &Plan, lang: Lang) -> bool {
    let Some(why) = dxplan_portal::approval::refusal(path, plan, lang) else {
        return true;
    };
    let file = path.display().to_string();
    eprintln!(
        "{}",
        t!(lang, "publish-not-approved", file = file, reason = why)
    );
    false
}

/// A file found in a folder that turned out not to be a plan: a document
/// without a plan's tables, or a JSON that is not dxplan's (`catalog.json`,
/// `datapackage.json` of a conversion's output folder).
fn not_a_plan(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::Recognize(RecognizeError::NoPlan) | ErrorKind::BadJson(_)
    )
}

fn publish_one(portal: &Portal, path: &Path, plan: &Plan, lang: Lang) -> Result<(), ExitCode> {
    println!("{}:", path.display());
    let mut print = |s: &dxplan_portal::Step| println!("  {}", s.message(lang));
    match portal.publish(plan, &mut print) {
        Ok(outcome) => {
            println!("  {}", outcome.message(lang));
            Ok(())
        }
        Err(e) => {
            eprintln!(
                "dxplan: {}: {}{}",
                path.display(),
                e.message(lang),
                again(&e, lang)
            );
            Err(ExitCode::from(1))
        }
    }
}

/// For a failure that can leave a dataset half-updated (the server or the
/// connection failed): run the same command again.
fn again(e: &PortalError, lang: Lang) -> String {
    match e {
        PortalError::Unreachable { .. }
        | PortalError::Server { .. }
        | PortalError::BadAnswer { .. }
        | PortalError::DownloadFailed { .. } => format!(" {}", t!(lang, "publish-run-again")),
        _ => String::new(),
    }
}

fn order_key(plan: &Plan) -> (Option<String>, Option<String>) {
    let code = plan.plan.municipality.as_ref().and_then(|m| m.code.clone());
    (code, plan.plan.edition().map(String::from))
}

/// The files to publish, found as `convert` finds them: files as named,
/// folders walked (sorted, nested editions `plans/<city>/<edition>/file`,
/// hidden entries left out), wildcards expanded. A walked file of another
/// type (or an Office lock file) is skipped with a line; a named one is an
/// error. A dxplan JSON is a plan here.
fn gather(inputs: &[PathBuf], lang: Lang) -> anyhow::Result<Vec<Found>> {
    let mut out = Vec::new();
    for f in archive::expand(inputs, None)? {
        let json = InputFormat::from_path(&f.path).is_ok_and(|k| k == InputFormat::Json);
        let why = if json {
            None
        } else {
            super::convert_tree::not_a_plan_file(&f.path, lang)
        };
        let Some(why) = why else {
            out.push(f);
            continue;
        };
        let file = f.path.display().to_string();
        if !f.walked {
            anyhow::bail!("{}", t!(lang, "error-in-file", file = file, reason = why));
        }
        eprintln!("{}", t!(lang, "cli-skipped", file = file, reason = why));
    }
    Ok(out)
}
