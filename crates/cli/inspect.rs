//! `dxplan inspect FILE.pdf --page N -o page.svg`.

use std::io::Write;
use std::process::ExitCode;

use dxplan::Error;
use dxplan::i18n::{Lang, t};

use super::InspectArgs;

/// Write the SVG of one page; exit 1 when the PDF cannot be read.
pub fn run(args: InspectArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    super::refuse_folder_as_output(&args.output, "page.svg", lang)?;
    let same = super::convert::resolve(&args.output)
        .is_some_and(|o| super::convert::resolve(&args.input) == Some(o));
    if same {
        let file = args.input.display().to_string();
        anyhow::bail!("{}", t!(lang, "cli-o-overwrites-input", file = file));
    }
    let svg = match page_svg(&args) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dxplan: {}", super::explain(&e, lang));
            return Ok(ExitCode::from(1));
        }
    };
    if args.output.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(svg.as_bytes())?;
        out.flush()?;
    } else {
        dxplan::output::write_atomic(&args.output, |w| {
            w.write_all(svg.as_bytes()).map_err(dxplan::output::io_err)
        })?;
    }
    Ok(ExitCode::SUCCESS)
}

fn page_svg(args: &InspectArgs) -> Result<String, Error> {
    dxplan::inspect_svg(&args.input, args.page, &args.read.options())
}
