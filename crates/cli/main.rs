//! The `dxplan` command line. Thin: parse, validate into a config, then work.
//!
//! Exit codes: 0 success (for `diff`: no differences); 1 an input failed
//! (for `diff`: differences found); 2 usage or other error.

mod convert;
mod convert_tree;
mod diff;
mod help;
mod history;
mod inspect;
mod publish;
mod report;
mod schema;
mod serve;
mod summary;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

use dxplan::{Limits, ReadOptions};

#[derive(Parser, Debug)]
// Every help text (the commands' about, the arguments' help, the values'
// help) comes from the catalogues: cli-about-*, cli-arg-*, cli-value-*
// (help.rs).
#[command(name = "dxplan", version)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
    #[arg(long, global = true, value_parser = ["ja", "en"])]
    pub lang: Option<String>,
}

impl Args {
    /// The language chosen with --lang, else the locale's.
    pub fn lang(&self) -> dxplan::i18n::Lang {
        self.lang
            .as_deref()
            .and_then(dxplan::i18n::Lang::parse)
            .unwrap_or_else(dxplan::i18n::Lang::from_env)
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Convert(ConvertArgs),
    Diff(DiffArgs),
    History(HistoryArgs),
    Report(ReportArgs),
    Schema(SchemaArgs),
    Validate(ValidateArgs),
    Inspect(InspectArgs),
    Publish(PublishArgs),
    Serve(ServeArgs),
}

#[derive(ClapArgs, Debug)]
pub struct PublishArgs {
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[arg(long, value_name = "URL")]
    pub ckan: String,
    #[arg(long, value_name = "NAME")]
    pub organization: String,
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    #[arg(long)]
    pub approved_only: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(ClapArgs, Debug)]
pub struct ServeArgs {
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    #[arg(long)]
    pub token: Option<String>,
    #[arg(long, default_value_t = 2)]
    pub jobs: usize,
    #[arg(long, default_value_t = 20)]
    pub max_files: usize,
    #[arg(long, default_value_t = 256 << 20)]
    pub max_upload_bytes: u64,
    #[arg(long, default_value_t = 60)]
    pub keep_minutes: u64,
    #[arg(long)]
    pub temp_dir: Option<PathBuf>,
    #[arg(long, value_name = "DIR")]
    pub archive: Option<PathBuf>,
    #[arg(long, value_name = "URL", requires_all = ["archive", "organization"])]
    pub ckan: Option<String>,
    #[arg(long, value_name = "NAME", requires = "ckan")]
    pub organization: Option<String>,
    #[arg(long, value_name = "FILE", requires = "ckan")]
    pub ca_cert: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(ClapArgs, Debug)]
pub struct InspectArgs {
    pub input: PathBuf,
    #[arg(long, default_value_t = 1)]
    pub page: u32,
    #[arg(short, long)]
    pub output: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Output formats of `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    Json,
    Xlsx,
    Csv,
}

/// CSV encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvEncoding {
    #[value(name = "utf-8-bom")]
    Utf8Bom,
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "shift_jis")]
    ShiftJis,
}

#[derive(ClapArgs, Debug)]
pub struct ConvertArgs {
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[arg(short, long)]
    pub output: PathBuf,
    #[arg(long, value_delimiter = ',', default_value = "json,xlsx,csv")]
    pub to: Vec<OutFormat>,
    #[arg(long, value_enum, default_value = "utf-8-bom")]
    pub encoding: CsvEncoding,
    #[arg(short, long)]
    pub jobs: Option<usize>,
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Options for reading untrusted input.
#[derive(ClapArgs, Debug, Clone)]
pub struct ReadArgs {
    #[arg(long)]
    pub password: Option<String>,
    #[arg(long, default_value_t = Limits::default().max_input_bytes)]
    pub max_input_bytes: u64,
    #[arg(long, default_value_t = Limits::default().max_pages)]
    pub max_pages: u32,
    #[arg(long, default_value_t = Limits::default().max_stream_bytes)]
    pub max_stream_bytes: u64,
    #[arg(long, default_value_t = Limits::default().max_total_bytes)]
    pub max_total_bytes: u64,
    #[arg(long, default_value_t = Limits::default().max_xobject_depth)]
    pub max_xobject_depth: u32,
    #[arg(long, default_value_t = Limits::default().max_cells)]
    pub max_cells: u64,
    #[arg(long, default_value_t = Limits::default().max_zip_ratio)]
    pub max_zip_ratio: u64,
    #[arg(long, default_value_t = Limits::default().max_page_marks)]
    pub max_page_marks: u64,
    #[arg(long)]
    pub no_review: bool,
}

impl ReadArgs {
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            password: self.password.clone(),
            limits: Limits {
                max_input_bytes: self.max_input_bytes,
                max_pages: self.max_pages,
                max_stream_bytes: self.max_stream_bytes,
                max_total_bytes: self.max_total_bytes,
                max_xobject_depth: self.max_xobject_depth,
                max_cells: self.max_cells,
                max_zip_ratio: self.max_zip_ratio,
                max_page_marks: self.max_page_marks,
            },
            skip_review: self.no_review,
            ..ReadOptions::default()
        }
    }
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
    Xlsx,
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(ClapArgs, Debug)]
pub struct DiffArgs {
    pub old: PathBuf,
    pub new: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    #[arg(long)]
    pub raw_old: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(ClapArgs, Debug)]
pub struct HistoryArgs {
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(ClapArgs, Debug)]
pub struct ReportArgs {
    pub input: PathBuf,
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(ClapArgs, Debug)]
pub struct SchemaArgs {
    #[arg(long, conflicts_with = "review")]
    pub diff: bool,
    /// Print the schema of a review file (<stem>.review.json) instead.
    #[arg(long)]
    pub review: bool,
}

#[derive(ClapArgs, Debug)]
pub struct ValidateArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long)]
    pub diff: bool,
}

/// Run a parsed command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lang = args.lang();
    match args.command {
        Command::Convert(a) => convert::run(a, lang),
        Command::Diff(a) => diff::run(a, lang),
        Command::History(a) => history::run(a, lang),
        Command::Report(a) => report::run(a, lang),
        Command::Schema(a) => schema::print(a),
        Command::Validate(a) => schema::validate(a, lang),
        Command::Inspect(a) => inspect::run(a, lang),
        Command::Publish(a) => publish::run(a, lang),
        Command::Serve(a) => serve::run(a, lang),
    }
}

/// True when the error is a closed pipe (`dxplan … | head`): not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.to_string().contains("Broken pipe")
    })
}

/// An error as the command line says it: the library's words in `lang`,
/// and for a limit or a password the option that helps (only the command
/// line knows its options; the web page says the same without them).
pub fn explain(e: &dxplan::Error, lang: dxplan::i18n::Lang) -> String {
    dxplan::i18n::error_message(e, lang) + &hint(&e.kind, lang)
}

/// [`explain`] for an error without a file.
pub fn explain_kind(kind: &dxplan::ErrorKind, lang: dxplan::i18n::Lang) -> String {
    dxplan::i18n::error_kind_message(kind, lang) + &hint(kind, lang)
}

fn hint(kind: &dxplan::ErrorKind, lang: dxplan::i18n::Lang) -> String {
    use dxplan::ErrorKind as K;
    use dxplan::error::ReadError as R;
    match kind {
        K::Read(R::Limit { which, .. }) => {
            dxplan::t!(lang, "cli-hint-limit", flag = limit_flag(*which))
        }
        K::Read(R::PasswordRequired) => dxplan::t!(lang, "cli-hint-password"),
        K::Write(e) => write_hint(e, lang),
        _ => String::new(),
    }
}

/// The option that avoids a writer error, if one does.
pub fn write_hint(e: &dxplan::error::WriteError, lang: dxplan::i18n::Lang) -> String {
    match e {
        dxplan::error::WriteError::NotShiftJis { .. } => dxplan::t!(lang, "cli-hint-encoding"),
        _ => String::new(),
    }
}

/// The option that raises a reader limit.
pub fn limit_flag(which: dxplan::error::Limit) -> &'static str {
    use dxplan::error::Limit as L;
    match which {
        L::InputBytes => "--max-input-bytes",
        L::Pages => "--max-pages",
        L::StreamBytes => "--max-stream-bytes",
        L::TotalBytes => "--max-total-bytes",
        L::XobjectDepth => "--max-xobject-depth",
        L::Cells => "--max-cells",
        L::PageMarks => "--max-page-marks",
        L::ZipRatio => "--max-zip-ratio",
        _ => "the matching --max-… option",
    }
}

/// Colour for text output: as chosen, or (auto) when writing to a terminal
/// and `NO_COLOR` is not set.
pub fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    }
}

fn main() -> ExitCode {
    let args = match parse(std::env::args_os().collect()) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let lang = args.lang();
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let (line, code) = one_line(&e, lang);
            eprintln!("dxplan: {line}");
            ExitCode::from(code)
        }
    }
}

/// The arguments, read with every text in the run's language; help,
/// version and argument errors are printed here (exit 0 and 2).
fn parse(argv: Vec<std::ffi::OsString>) -> Result<Args, ExitCode> {
    use clap::error::ErrorKind as K;
    use clap::{CommandFactory, FromArgMatches};
    // A command line that parses needs none of the help texts: parse it
    // with the bare command first (filling every text in from the
    // catalogue was a tenth of a one-file convert's start-up). The texts
    // change no parsing; help, version and errors go the long way below.
    if let Ok(a) = Args::command()
        .try_get_matches_from(&argv)
        .and_then(|m| Args::from_arg_matches(&m))
    {
        return Ok(a);
    }
    let lang = help::lang_of_args(&argv);
    let e = match help::command(lang).try_get_matches_from(&argv) {
        Ok(m) => match Args::from_arg_matches(&m) {
            Ok(a) => return Ok(a),
            Err(e) => e,
        },
        Err(e) => e,
    };
    match e.kind() {
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            Err(ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)))
        }
        _ => {
            eprintln!("{}", help::render_error(&e, lang));
            Err(ExitCode::from(2))
        }
    }
}

/// The error and its causes on one line in `lang`, each reason once, and
/// the exit code: 1 when an input named on the command line is missing
/// (nothing found to read), else 2. The library's errors are said in the
/// catalogue's words, which hold their causes already (the system's "No
/// such file or directory (os error 2)" is not appended).
fn one_line(e: &anyhow::Error, lang: dxplan::i18n::Lang) -> (String, u8) {
    use dxplan::i18n;
    let mut line = String::new();
    let mut code = 2;
    for cause in e.chain() {
        let said = if let Some(e) = cause.downcast_ref::<dxplan::Error>() {
            Some(explain(e, lang))
        } else if let Some(k) = cause.downcast_ref::<dxplan::ErrorKind>() {
            Some(explain_kind(k, lang))
        } else if let Some(w) = cause.downcast_ref::<dxplan::error::WriteError>() {
            Some(i18n::write_error_message(w, lang) + &write_hint(w, lang))
        } else if let Some(r) = cause.downcast_ref::<dxplan::error::ReadError>() {
            Some(i18n::read_error_message(r, lang))
        } else if let Some(w) = cause.downcast_ref::<dxplan::archive::WalkError>() {
            if w.is_missing_input() {
                code = 1;
            }
            Some(walk_message(w, lang))
        } else {
            cause
                .downcast_ref::<std::io::Error>()
                .map(|io| i18n::io_message(io, lang, i18n::Io::Write))
        };
        let last = said.is_some();
        let text = said.unwrap_or_else(|| cause.to_string());
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
        if last {
            break;
        }
    }
    (line, code)
}

/// A command-line input that names nothing usable, in `lang`.
pub fn walk_message(e: &dxplan::archive::WalkError, lang: dxplan::i18n::Lang) -> String {
    use dxplan::archive::WalkErrorKind as W;
    use dxplan::t;
    let path = e.path.display().to_string();
    match &e.kind {
        W::NotFound => t!(lang, "cli-walk-not-found", path = path),
        W::NoMatch => t!(lang, "cli-walk-no-match", path = path),
        W::Unreadable(why) => t!(
            lang,
            "cli-folder-unreadable",
            dir = path,
            reason = why.clone()
        ),
        W::BadName => t!(lang, "cli-bad-stem", file = path),
        W::SameOutputs { other, stem } => t!(
            lang,
            "cli-same-stem",
            first = other.display().to_string(),
            second = path,
            stem = stem.clone()
        ),
        _ => e.to_string(),
    }
}

/// `-o DIR` where a file is to be written: say so, and how to name one
/// (the system would only say "Is a directory").
pub fn refuse_folder_as_output(
    out: &std::path::Path,
    example: &str,
    lang: dxplan::i18n::Lang,
) -> anyhow::Result<()> {
    if out.is_dir() {
        anyhow::bail!(
            "{}",
            dxplan::t!(
                lang,
                "cli-o-is-folder",
                dir = out.display().to_string(),
                example = out.join(example).display().to_string()
            )
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let e = anyhow::Error::new(dxplan::Error::new(
            "a.pdf",
            dxplan::error::ReadError::Io(io),
        ));
        let en = dxplan::i18n::Lang::En;
        assert_eq!(
            one_line(&e, en),
            (
                "a.pdf: the file does not exist: check the path (a typo, or was the file moved or renamed?)".to_string(),
                2
            )
        );
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(one_line(&e, en).0, "outer: inner");
        let io = std::io::Error::from(std::io::ErrorKind::IsADirectory);
        let e = anyhow::Error::new(dxplan::error::WriteError::io("out".as_ref(), io));
        let (ja, _) = one_line(&e, dxplan::i18n::Lang::Ja);
        assert!(
            ja.starts_with("出力を書き込めません") && ja.contains("フォルダー"),
            "{ja}"
        );
        assert!(
            !ja.contains("os error") && !ja.contains("Is a directory"),
            "{ja}"
        );
        let walk =
            dxplan::archive::WalkError::new("plans/*.pdf", dxplan::archive::WalkErrorKind::NoMatch);
        let (line, code) = one_line(&anyhow::Error::new(walk), dxplan::i18n::Lang::Ja);
        assert_eq!(code, 1);
        assert!(line.starts_with("plans/*.pdf: "), "{line}");
    }
}
