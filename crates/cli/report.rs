//! `dxplan report INPUT [-o FILE.html|.xlsx|.md]`: the progress report of
//! one edition.

use std::io::{Cursor, Write};
use std::process::ExitCode;

use anyhow::bail;

use dxplan::i18n::{Lang, t};

use super::ReportArgs;

/// Output kinds, chosen by the output file's extension.
enum Kind {
    Html,
    Xlsx,
    Markdown,
}

/// Run `report`.
pub fn run(args: ReportArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    if let Some(out) = &args.output {
        super::refuse_folder_as_output(out, "report.html", lang)?;
    }
    let kind = match &args.output {
        None => Kind::Markdown,
        Some(p) => match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("html" | "htm") => Kind::Html,
            Some("xlsx") => Kind::Xlsx,
            Some("md" | "markdown") => Kind::Markdown,
            _ => bail!(
                "{}",
                t!(lang, "cli-report-kind", file = p.display().to_string())
            ),
        },
    };
    if let Some(p) = &args.output
        && super::convert::resolve(p)
            .is_some_and(|o| super::convert::resolve(&args.input) == Some(o))
    {
        let file = args.input.display().to_string();
        bail!("{}", t!(lang, "cli-o-overwrites-input", file = file));
    }
    let plan = match dxplan::load_plan(&args.input, &args.read.options()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("dxplan: {}", super::explain(&e, lang));
            return Ok(ExitCode::from(1));
        }
    };
    let r = dxplan::report::report(&plan);
    let mut buf = Vec::new();
    match kind {
        Kind::Html => dxplan::report::write_html_in(&r, &mut buf, lang)?,
        Kind::Markdown => dxplan::report::write_markdown_in(&r, &mut buf, lang)?,
        Kind::Xlsx => {
            let mut cur = Cursor::new(Vec::new());
            dxplan::report::write_xlsx_in(&r, &mut cur, lang)?;
            buf = cur.into_inner();
        }
    }
    let behind = r.total.count(dxplan::report::Status::Behind);
    let what = t!(
        lang,
        "cli-report-what",
        measures = r.total.measures,
        behind = behind,
        met = r.total.targets_met,
        compared = r.total.targets_compared
    );
    match &args.output {
        Some(p) => {
            dxplan::output::write_atomic(p, |w| w.write_all(&buf).map_err(dxplan::output::io_err))?;
            let file = p.display().to_string();
            eprintln!(
                "{}",
                t!(lang, "cli-report-written", what = what, file = file)
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
