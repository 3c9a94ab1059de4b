//! `dxplan serve`: the web page (see `dxplan_web`).

use std::process::ExitCode;
use std::time::Duration;

use dxplan::i18n::Lang;
use dxplan::t;
use dxplan_web::Config;

use super::ServeArgs;

/// Run the server until Ctrl-C; exit 2 when it cannot start.
pub fn run(args: ServeArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let cfg = config(args, lang);
    if let Err(e) = cfg.check() {
        eprintln!("{}", e.message(lang));
        return Ok(ExitCode::from(2));
    }
    if let Some(dir) = &cfg.archive {
        if !dir.is_dir() {
            let reason = format!("{}: not a folder", dir.display());
            eprintln!("{}", t!(lang, "serve-failed", reason = reason));
            return Ok(ExitCode::from(2));
        }
    }
    let minutes = cfg.keep.as_secs() / 60;
    let archive = cfg.archive.clone();
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
    });
    match started {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("{}", t!(lang, "serve-failed", reason = e.to_string()));
            Ok(ExitCode::from(2))
        }
    }
}

fn config(args: ServeArgs, lang: Lang) -> Config {
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
    cfg
}
