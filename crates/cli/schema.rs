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
    print!("{s}");
    Ok(ExitCode::SUCCESS)
}

/// Validate files; one line per problem naming the file and the JSON path.
pub fn validate(args: ValidateArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut failed = 0;
    for f in &args.files {
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

