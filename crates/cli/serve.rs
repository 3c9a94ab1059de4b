//! `dxplan serve`: the web page (see `dxplan_web`).

use std::process::ExitCode;
use std::time::Duration;

use dxplan::i18n::Lang;
use dxplan::t;
use dxplan_web::{Config, PortalConfig};

use super::ServeArgs;

/// Run the server until Ctrl-C; exit 2 when it cannot start.
pub fn run(args: ServeArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let Some(cfg) = config(args, lang) else {
        return Ok(ExitCode::from(2));
    };
    if let Err(e) = cfg.check() {
        eprintln!("{}", e.message(lang));
        return Ok(ExitCode::from(2));
    }
    if let Some(dir) = &cfg.archive {
        if !dir.is_dir() {
            let reason = t!(lang, "serve-not-a-folder", dir = dir.display().to_string());
            eprintln!("{}", t!(lang, "serve-failed", reason = reason));
            return Ok(ExitCode::from(2));
        }
    }
    let minutes = cfg.keep.as_secs() / 60;
    let archive = cfg.archive.clone();
    let portal = cfg
        .portal
        .as_ref()
        .map(|p| (p.ckan.clone(), p.organization.clone()));
    let guarded = cfg.token.is_some();
    let started = dxplan_web::serve(cfg, |addr| {
        println!(
            "{}",
            t!(lang, "serve-listening", url = format!("http://{addr}/"))
        );
        let token = if guarded {
            "serve-token-on"
        } else {
            "serve-token-off"
        };
        eprintln!("{}", t!(lang, token));
        eprintln!("{}", t!(lang, "serve-keep", minutes = minutes));
        if let Some(dir) = &archive {
            eprintln!(
                "{}",
                t!(lang, "serve-archive", dir = dir.display().to_string())
            );
        }
        if let Some((ckan, org)) = &portal {
            eprintln!(
                "{}",
                t!(
                    lang,
                    "serve-portal",
                    ckan = ckan.as_str(),
                    organization = org.as_str()
                )
            );
        }
    });
    match started {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("{}", t!(lang, "serve-failed", reason = e.to_string()));
            Ok(ExitCode::from(2))
        }
    }
}

/// The server's configuration, or `None` after saying why it cannot run.
fn config(args: ServeArgs, lang: Lang) -> Option<Config> {
    let mut cfg = Config::new(args.listen);
    cfg.token = args
        .token
        .or_else(|| std::env::var("DXPLAN_TOKEN").ok())
        .filter(|t| !t.trim().is_empty());
    cfg.lang = lang;
    cfg.read = args.read.options();
    cfg.jobs = args.jobs.max(1);
    cfg.max_files = args.max_files.max(1);
    cfg.max_upload_bytes = args.max_upload_bytes;
    cfg.keep = Duration::from_secs(args.keep_minutes.max(1) * 60);
    cfg.temp_parent = args.temp_dir;
    cfg.archive = args.archive;
    if let Some(ckan) = args.ckan {
        // The token from the environment only, never an argument (it
        // would show in the process list) and never printed.
        let Some(token) = std::env::var(super::publish::TOKEN_VAR)
            .ok()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
        else {
            eprintln!(
                "dxplan: {}",
                dxplan_portal::PortalError::TokenMissing.message(lang)
            );
            return None;
        };
        cfg.portal = Some(PortalConfig {
            ckan,
            organization: args.organization.unwrap_or_default(),
            token,
            ca_cert: args.ca_cert,
        });
    }
    Some(cfg)
}
