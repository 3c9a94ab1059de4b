//! `dxplan schema` and `dxplan validate`.

use std::process::ExitCode;

use dxplan::i18n::{Lang, t};

use super::{SchemaArgs, ValidateArgs};

/// Print a schema.
pub fn print(args: SchemaArgs) -> anyhow::Result<ExitCode> {
    let s = if args.diff {
        dxplan::schema::DIFF_SCHEMA
    } else if args.review {
        dxplan::schema::REVIEW_SCHEMA
    } else {
        dxplan::schema::PLAN_SCHEMA
    };
    // Written, not print!ed: a full disk or a closed pipe is an error
    // line (or, for the pipe, nothing), not a panic.
    let mut out = std::io::stdout().lock();
    std::io::Write::write_all(&mut out, s.as_bytes())?;
    std::io::Write::flush(&mut out)?;
    Ok(ExitCode::SUCCESS)
}

/// Validate files; one line per problem naming the file and the JSON path.
pub fn validate(args: ValidateArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut failed = 0;
    for f in &args.files {
        // A missing file or a folder: said as every command says it.
        if let Err(e) = dxplan::read_input(f) {
            eprintln!(
                "dxplan: {}",
                super::explain(&dxplan::Error::new(f, e), lang)
            );
            failed += 1;
            continue;
        }
        match dxplan::schema::validate_file_in(f, args.diff, lang) {
            Ok(()) => eprintln!("{}", t!(lang, "cli-valid", file = f.display().to_string())),
            Err(problems) => {
                failed += 1;
                for p in problems {
                    eprintln!("{}: {p}", f.display());
                }
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
