//! The `dxplan` command line. Thin: parse, validate into a config, then work.
//!
//! Exit codes: 0 success (for `diff`: no differences); 1 an input failed
//! (for `diff`: differences found); 2 usage or other error.

mod convert;
mod convert_tree;
mod diff;
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
#[command(
    name = "dxplan",
    version,
    about = "Turn Japanese municipal DX action plans (PDF, XLSX, XLS, ODS) into JSON, Excel and open-data CSV"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages: ja or en (default: from LC_ALL, LC_MESSAGES, LANG).
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
    /// Convert plans to JSON, an Excel workbook and open-data CSV.
    Convert(ConvertArgs),
    /// Show what changed between two revisions of a plan.
    Diff(DiffArgs),
    /// The editions of each plan: changes between consecutive editions and
    /// every measure's timeline.
    History(HistoryArgs),
    /// A progress report of one edition: targets vs actuals, schedule status,
    /// costs (HTML, XLSX or Markdown).
    Report(ReportArgs),
    /// Print the JSON Schema of the output.
    Schema(SchemaArgs),
    /// Check JSON files against the schema.
    Validate(ValidateArgs),
    /// Draw how a PDF page was read (glyphs, rules, fills, cells) as SVG.
    Inspect(InspectArgs),
    /// Publish plans to a CKAN open-data portal (token: CKAN_API_TOKEN).
    Publish(PublishArgs),
    /// Serve a web page where staff drop plan files and download the data.
    Serve(ServeArgs),
}

#[derive(ClapArgs, Debug)]
pub struct PublishArgs {
    /// Plans (.pdf, .xlsx, .xls, .ods), dxplan .json files, or folders of them.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The CKAN site, e.g. https://data.example.lg.jp
    #[arg(long, value_name = "URL")]
    pub ckan: String,
    /// The CKAN organization that owns the datasets (its name or id).
    #[arg(long, value_name = "NAME")]
    pub organization: String,
    /// Show what would be created, updated or left alone; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Trust the certificate authorities in this PEM file (instead of the
    /// built-in list) for an https:// portal; SSL_CERT_FILE does the same.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Publish only plans approved in their review file
    /// (<stem>.review.json) for the file as it is now; skip the others.
    #[arg(long)]
    pub approved_only: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(ClapArgs, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on. Anything but loopback needs a token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Access token (at least 16 characters); better given as DXPLAN_TOKEN
    /// in the environment, where other users cannot see it.
    #[arg(long)]
    pub token: Option<String>,
    /// Conversions at once; more uploads wait in a queue.
    #[arg(long, default_value_t = 2)]
    pub jobs: usize,
    /// Most files in one upload.
    #[arg(long, default_value_t = 20)]
    pub max_files: usize,
    /// Largest upload (all files of one request), in bytes.
    #[arg(long, default_value_t = 256 << 20)]
    pub max_upload_bytes: u64,
    /// Minutes uploads and outputs are kept.
    #[arg(long, default_value_t = 60)]
    pub keep_minutes: u64,
    /// Folder in which the private temporary folder is made.
    #[arg(long)]
    pub temp_dir: Option<PathBuf>,
    /// Review the plans in this folder (the tree `convert DIR` takes):
    /// the page lists them, and staff's corrections and approvals are saved
    /// as <stem>.review.json beside each plan, never outside the folder.
    #[arg(long, value_name = "DIR")]
    pub archive: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(ClapArgs, Debug)]
pub struct InspectArgs {
    /// The PDF file.
    pub input: PathBuf,
    /// Page number, 1-based.
    #[arg(long, default_value_t = 1)]
    pub page: u32,
    /// The SVG file to write ("-" for standard output).
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
    /// UTF-8 with BOM (Excel opens it without garbling).
    #[value(name = "utf-8-bom")]
    Utf8Bom,
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "shift_jis")]
    ShiftJis,
}

#[derive(ClapArgs, Debug)]
pub struct ConvertArgs {
    /// Input files (.pdf, .xlsx, .xls, .ods), folders to walk, or wildcards
    /// (expanded by dxplan where the shell did not).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder ("-" with --to json: standard output).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Outputs to write, comma separated.
    #[arg(long, value_delimiter = ',', default_value = "json,xlsx,csv")]
    pub to: Vec<OutFormat>,
    /// CSV text encoding.
    #[arg(long, value_enum, default_value = "utf-8-bom")]
    pub encoding: CsvEncoding,
    /// Number of files converted at once (default: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// No progress bar and no closing summary (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Options for reading untrusted input.
#[derive(ClapArgs, Debug, Clone)]
pub struct ReadArgs {
    /// Password of an encrypted PDF.
    #[arg(long)]
    pub password: Option<String>,
    /// Largest input file, in bytes.
    #[arg(long, default_value_t = Limits::default().max_input_bytes)]
    pub max_input_bytes: u64,
    /// Most PDF pages.
    #[arg(long, default_value_t = Limits::default().max_pages)]
    pub max_pages: u32,
    /// Largest decompressed PDF stream or workbook part, in bytes.
    #[arg(long, default_value_t = Limits::default().max_stream_bytes)]
    pub max_stream_bytes: u64,
    /// Most decompressed bytes in all, in bytes.
    #[arg(long, default_value_t = Limits::default().max_total_bytes)]
    pub max_total_bytes: u64,
    /// Deepest nesting of PDF form XObjects.
    #[arg(long, default_value_t = Limits::default().max_xobject_depth)]
    pub max_xobject_depth: u32,
    /// Most cells in one sheet or page grid.
    #[arg(long, default_value_t = Limits::default().max_cells)]
    pub max_cells: u64,
    /// Largest unpacked-to-packed ratio of a workbook part over 1 MiB.
    #[arg(long, default_value_t = Limits::default().max_zip_ratio)]
    pub max_zip_ratio: u64,
    /// Most glyphs, lines, fills and path points drawn on one PDF page.
    #[arg(long, default_value_t = Limits::default().max_page_marks)]
    pub max_page_marks: u64,
    /// Read each input as it is, without the review file beside it
    /// (<stem>.review.json: staff corrections and approval).
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
    /// The older revision (.pdf, .xlsx, .xls, .ods or dxplan .json).
    pub old: PathBuf,
    /// The newer revision.
    pub new: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Write to this file instead of standard output (required for xlsx).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Read OLD without its review file: `dxplan diff --raw-old plan.pdf
    /// plan.pdf` lists exactly what the review corrects.
    #[arg(long)]
    pub raw_old: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(ClapArgs, Debug)]
pub struct HistoryArgs {
    /// Editions (.pdf, .xlsx, .xls, .ods or dxplan .json), folders or wildcards.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Write to this file instead of standard output (required for xlsx).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(ClapArgs, Debug)]
pub struct ReportArgs {
    /// One edition (.pdf, .xlsx, .xls, .ods or dxplan .json).
    pub input: PathBuf,
    /// The report file: .html, .xlsx or .md (Markdown on standard output
    /// without -o).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(ClapArgs, Debug)]
pub struct SchemaArgs {
    /// Print the schema of `diff --format json` instead.
    #[arg(long, conflicts_with = "review")]
    pub diff: bool,
    /// Print the schema of a review file (<stem>.review.json) instead.
    #[arg(long)]
    pub review: bool,
}

#[derive(ClapArgs, Debug)]
pub struct ValidateArgs {
    /// JSON files written by dxplan; a review file (*.review.json) is
    /// checked as one.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Validate against the diff schema instead.
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
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dxplan: {}", one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, each reason once: a cause whose
/// words the line already holds (an I/O error quoted by the message that
/// wraps it) is not repeated.
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
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
        assert_eq!(one_line(&e), "a.pdf: cannot read the file: No such file");
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(one_line(&e), "outer: inner");
    }
}
