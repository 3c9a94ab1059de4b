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
        let checked = if dxplan::review::is_review_file(f) {
            validate_review(f)
        } else {
            dxplan::schema::validate_file(f, args.diff)
        };
        match checked {
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

/// A review file: its schema, then what applying it needs (each
/// correction's path and the shape of its values).
fn validate_review(f: &std::path::Path) -> Result<(), Vec<String>> {
    let bytes = std::fs::read(f).map_err(|e| vec![format!("cannot read the file: {e}")])?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| vec![format!("not JSON: {e}")])?;
    dxplan::schema::validate_review(&value)?;
    dxplan::review::Review::from_slice(&bytes)
        .map(|_| ())
        .map_err(|e| vec![e.to_string()])
}
