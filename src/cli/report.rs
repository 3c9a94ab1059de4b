//! `dxplan report INPUT [-o FILE.html|.xlsx|.md]`: the progress report of
//! one edition.

use std::io::{Cursor, Write};
use std::process::ExitCode;

use anyhow::bail;

use super::ReportArgs;

/// Output kinds, chosen by the output file's extension.
enum Kind {
    Html,
    Xlsx,
    Markdown,
}

/// Run `report`.
pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
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
                "{}: the report is written as .html, .xlsx or .md",
                p.display()
            ),
        },
    };
    if let Some(p) = &args.output
        && super::convert::resolve(p)
            .is_some_and(|o| super::convert::resolve(&args.input) == Some(o))
    {
        bail!(
            "{}: -o would overwrite this input; choose another output file",
            args.input.display()
        );
    }
    let plan = match dxplan::load_plan(&args.input, &args.read.options()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("dxplan: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let r = dxplan::report::report(&plan);
    let mut buf = Vec::new();
    match kind {
        Kind::Html => dxplan::report::write_html(&r, &mut buf)?,
        Kind::Markdown => dxplan::report::write_markdown(&r, &mut buf)?,
        Kind::Xlsx => {
            let mut cur = Cursor::new(Vec::new());
            dxplan::report::write_xlsx(&r, &mut cur)?;
            buf = cur.into_inner();
        }
    }
    let behind = r.total.count(dxplan::report::Status::Behind);
    let what = format!(
        "progress report of {} measure(s) ({behind} behind, targets met {} of {})",
        r.total.measures, r.total.targets_met, r.total.targets_compared
    );
    match &args.output {
        Some(p) => {
            dxplan::output::write_atomic(p, |w| w.write_all(&buf).map_err(dxplan::output::io_err))?;
            eprintln!("dxplan: {what} written to {}", p.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
