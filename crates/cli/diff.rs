//! `dxplan diff OLD NEW`.

use std::io::{Cursor, Write};
use std::process::ExitCode;

use anyhow::bail;

use dxplan::i18n::{Lang, t};

use super::{DiffArgs, DiffFormat};

/// Run `diff`: exit 0 when equal, 1 when different, 2 on error.
pub fn run(args: DiffArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let opts = args.read.options();
    if let Some(out) = &args.output {
        let example = super::history::example("changes", args.format);
        super::refuse_folder_as_output(out, &example, lang)?;
    }
    refuse_input_overwrite(&args, lang)?;
    let old_opts = dxplan::ReadOptions {
        skip_review: opts.skip_review || args.raw_old,
        ..opts.clone()
    };
    let loaded = dxplan::load_plan(&args.old, &old_opts)
        .and_then(|old| Ok((old, dxplan::load_plan(&args.new, &opts)?)));
    let (old, new) = match loaded {
        Ok(p) => p,
        Err(e) => {
            eprintln!("dxplan: {}", super::explain(&e, lang));
            return Ok(ExitCode::from(2));
        }
    };
    let d = dxplan::diff::diff(&old, &new);
    let bytes = render(&d, &args, lang)?;
    match &args.output {
        Some(p) => dxplan::output::write_atomic(p, |w| {
            w.write_all(&bytes).map_err(dxplan::output::io_err)
        })?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(if d.changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `-o` naming OLD or NEW (by any spelling) would replace a revision.
fn refuse_input_overwrite(args: &DiffArgs, lang: Lang) -> anyhow::Result<()> {
    let Some(out) = args.output.as_deref().and_then(super::convert::resolve) else {
        return Ok(());
    };
    for input in [&args.old, &args.new] {
        if super::convert::resolve(input).is_some_and(|i| i == out) {
            let file = input.display().to_string();
            bail!("{}", t!(lang, "cli-o-overwrites-input", file = file));
        }
    }
    Ok(())
}

fn render(d: &dxplan::diff::Diff, args: &DiffArgs, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match args.format {
        DiffFormat::Text => dxplan::diff::write_text_in(
            d,
            &mut buf,
            super::use_color(args.color, args.output.is_some()),
            lang,
        )?,
        DiffFormat::Markdown => dxplan::diff::write_markdown_in(d, &mut buf, lang)?,
        DiffFormat::Json => dxplan::diff::write_json(d, &mut buf)?,
        DiffFormat::Xlsx => {
            if args.output.is_none() {
                bail!("{}", t!(lang, "cli-xlsx-needs-output"));
            }
            let mut cur = Cursor::new(Vec::new());
            dxplan::diff::write_xlsx_in(d, &mut cur, lang)?;
            buf = cur.into_inner();
        }
    }
    Ok(buf)
}
