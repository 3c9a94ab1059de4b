//! Messages in Japanese and English.
//!
//! Every text a person reads comes from one catalogue per language:
//! `locales/ja.ftl` and `locales/en.ftl`, in [Fluent] syntax, built into
//! the binary. A test fails when a message is in one catalogue and not the
//! other, or when the two disagree on its `{ $placeholders }`.
//!
//! Using it:
//!
//! ```
//! use dxplan::i18n::Lang;
//!
//! let lang = Lang::from_env(); // LC_ALL, LC_MESSAGES, LANG: ja* → Japanese
//! let title = dxplan::t!(lang, "web-title");
//! let n = dxplan::t!(Lang::En, "web-files-converted", count = 3);
//! assert_eq!(n, "3 file(s) converted");
//! assert_eq!(dxplan::t!(Lang::Ja, "web-files-converted", count = 3), "3 件を変換しました");
//! # let _ = title;
//! ```
//!
//! To move a message onto the catalogues: add one entry with the same id
//! to both `.ftl` files (ids are `area-what`, e.g. `cli-no-input`), then
//! replace the literal with `t!(lang, "cli-no-input", file = path)`. The
//! `lang` is chosen once: `--lang` if given, else [`Lang::from_env`].
//!
//! [Fluent]: https://projectfluent.org/

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentResource, FluentValue};

/// The catalogues, as built into the binary.
pub const CATALOGUES: [(Lang, &str); 2] = [
    (Lang::Ja, include_str!("../../../locales/ja.ftl")),
    (Lang::En, include_str!("../../../locales/en.ftl")),
];

/// A language dxplan speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    Ja,
    #[default]
    En,
}

impl Lang {
    /// Every language, Japanese first.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The BCP 47 code: `ja` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// `ja` / `en` (any case, a region allowed: `ja-JP`, `en_US.UTF-8`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let primary = s.split(['-', '_', '.', '@']).next().unwrap_or("");
        match primary {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a POSIX locale name: `ja*` is Japanese, anything
    /// else (`C`, `POSIX`, `en_US.UTF-8`, `de_DE`) English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// The language of the environment: the first non-empty of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` (POSIX order) decides; none set is English.
    pub fn from_env() -> Lang {
        Self::from_vars(|k| std::env::var(k).ok())
    }

    /// [`Lang::from_env`] over any variable lookup (for tests).
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| get(k))
            .find(|v| !v.trim().is_empty())
            .map(|v| Lang::from_locale(&v))
            .unwrap_or_default()
    }

    /// The language a browser prefers, from its `Accept-Language` header
    /// (`ja,en-US;q=0.9`): the known language with the highest weight,
    /// the earlier on a tie; `None` when it names neither.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else {
                continue;
            };
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l)
    }

    fn index(self) -> usize {
        match self {
            Lang::Ja => 0,
            Lang::En => 1,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use ja or en"))
    }
}

type Bundle = FluentBundle<FluentResource>;

/// `lang`'s bundle, parsed on first use: a run in one language never
/// parses the other catalogue (parsing both was a tenth of the start-up
/// of a one-file `convert`).
fn bundle_of(lang: Lang) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 2] = [OnceLock::new(), OnceLock::new()];
    let i = lang.index();
    BUNDLES[i].get_or_init(|| bundle(CATALOGUES[i].0, CATALOGUES[i].1))
}

/// One language's bundle. A catalogue that does not parse is a bug the
/// catalogue tests catch; the entries that do parse are still used.
fn bundle(lang: Lang, text: &str) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around placeables: the texts go to
    // terminals, CSV and HTML, where the marks would show.
    b.set_use_isolating(false);
    let res = FluentResource::try_new(text.to_string()).unwrap_or_else(|(res, _)| res);
    let _ = b.add_resource(res);
    b
}

/// The message `id` in `lang` with its placeholders filled. A message
/// missing from the catalogue gives its id (the catalogue tests stop that
/// from reaching a release).
pub fn message(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    let b = bundle_of(lang);
    let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut errors = Vec::new();
    b.format_pattern(pattern, args, &mut errors).into_owned()
}

/// True when `lang`'s catalogue has the message `id`.
pub fn has(lang: Lang, id: &str) -> bool {
    bundle_of(lang).has_message(id)
}

/// The ids of every message in `lang`'s catalogue, in catalogue order.
pub fn ids(lang: Lang) -> Vec<String> {
    let text = CATALOGUES[lang.index()].1;
    let res = fluent_syntax::parser::parse(text).unwrap_or_else(|(res, _)| res);
    res.body
        .iter()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// Turn a value into a message argument (numbers stay numbers, so plural
/// rules apply).
pub fn arg<'a>(v: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    v.into()
}

/// `t!(lang, "id")` or `t!(lang, "id", name = value, …)`: the message
/// `id` of the catalogues in `lang` ([`Lang`]), with `{ $name }` filled.
/// Values are strings or numbers.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:expr $(,)?) => {
        $crate::i18n::message($lang, $id, None)
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::arg($value)); )+
        $crate::i18n::message($lang, $id, Some(&args))
    }};
}

pub use crate::t;
pub use fluent_bundle::FluentArgs;

/// A message kept as its catalogue entry and arguments, so that it can be
/// given in any language later: a warning is made while reading, before
/// the run's language matters, and rendered in it at the end
/// ([`crate::model::Warning::localize`]). A plain text stays as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A text given as is, the same in every language.
    Text(String),
    /// The catalogue entry `id` with its arguments.
    Entry {
        id: &'static str,
        args: Vec<(&'static str, MsgArg)>,
    },
}

/// An argument of a [`Msg`]: a text or a number (numbers choose plurals).
#[derive(Debug, Clone, PartialEq)]
pub enum MsgArg {
    Str(String),
    Num(f64),
    /// A word the catalogue translates: `schedule marks` is given as the
    /// entry `word-schedule-marks` where there is one, else as it is.
    Word(String),
    /// A PDF font's name, which may say in words why it has none
    /// (`/F1 (a font without a name)`): see [`font_name`].
    Font(String),
}

/// A word of a message that the catalogue translates (a field's name).
pub fn word(w: &str) -> MsgArg {
    MsgArg::Word(w.to_string())
}

/// A text as Rust quotes it (`"…"`, with `\n` for a line break), without
/// the outer quotes: the catalogue puts its own (`"…"`, `「…」`).
pub fn quoted(s: &str) -> String {
    let q = format!("{s:?}");
    q[1..q.len() - 1].to_string()
}

fn render_word(lang: Lang, w: &str) -> String {
    let key: String = w
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let id = format!("word-{key}");
    if has(lang, &id) {
        message(lang, &id, None)
    } else {
        w.to_string()
    }
}

impl From<String> for MsgArg {
    fn from(s: String) -> Self {
        MsgArg::Str(s)
    }
}

impl From<&str> for MsgArg {
    fn from(s: &str) -> Self {
        MsgArg::Str(s.to_string())
    }
}

impl From<&String> for MsgArg {
    fn from(s: &String) -> Self {
        MsgArg::Str(s.clone())
    }
}

macro_rules! msg_arg_num {
    ($($t:ty),*) => {$(
        impl From<$t> for MsgArg {
            fn from(n: $t) -> Self {
                MsgArg::Num(n as f64)
            }
        }
    )*};
}
msg_arg_num!(u32, u64, usize, i32, i64, f64);

impl Msg {
    /// The catalogue entry `id`, without arguments yet.
    pub fn entry(id: &'static str) -> Msg {
        Msg::Entry {
            id,
            args: Vec::new(),
        }
    }

    /// With one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<MsgArg>) -> Msg {
        if let Msg::Entry { args, .. } = &mut self {
            args.push((name, value.into()));
        }
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Msg::Text(s) => s.clone(),
            Msg::Entry { id, args } => {
                let mut fa = FluentArgs::new();
                for (k, v) in args {
                    match v {
                        MsgArg::Str(s) => fa.set(*k, FluentValue::from(s.clone())),
                        MsgArg::Num(n) => fa.set(*k, FluentValue::from(*n)),
                        MsgArg::Word(w) => fa.set(*k, FluentValue::from(render_word(lang, w))),
                        MsgArg::Font(f) => fa.set(*k, FluentValue::from(font_name(lang, f))),
                    }
                }
                message(lang, id, Some(&fa))
            }
        }
    }
}

/// The English.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<String> for Msg {
    fn from(s: String) -> Self {
        Msg::Text(s)
    }
}

impl From<&str> for Msg {
    fn from(s: &str) -> Self {
        Msg::Text(s.to_string())
    }
}

impl From<&String> for Msg {
    fn from(s: &String) -> Self {
        Msg::Text(s.clone())
    }
}

/// `msg!("id", name = value, …)`: a [`Msg`] of the catalogue entry `id`,
/// rendered later in the run's language.
#[macro_export]
macro_rules! msg {
    ($id:expr $(,)?) => {
        $crate::i18n::Msg::entry($id)
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Msg::entry($id)$(.arg(stringify!($name), $value))+
    };
}

pub use crate::msg;

/// An error in `lang`: `file: reason`. English keeps the words of the
/// error's own `Display` (which the tests and scripts read); Japanese
/// comes from the catalogue.
pub fn error_message(e: &crate::Error, lang: Lang) -> String {
    let reason = error_kind_message(&e.kind, lang);
    match &e.path {
        Some(p) => t!(
            lang,
            "error-in-file",
            file = p.display().to_string(),
            reason = reason
        ),
        None => reason,
    }
}

/// The catalogue id naming a reader limit.
fn limit_id(which: crate::error::Limit) -> &'static str {
    use crate::error::Limit as L;
    match which {
        L::InputBytes => "limit-input-bytes",
        L::Pages => "limit-pages",
        L::StreamBytes => "limit-stream-bytes",
        L::TotalBytes => "limit-total-bytes",
        L::XobjectDepth => "limit-xobject-depth",
        L::Cells => "limit-cells",
        L::PageMarks => "limit-page-marks",
        L::ZipRatio => "limit-zip-ratio",
    }
}

/// What an [`ErrorKind`](crate::ErrorKind) says, in `lang`.
pub fn error_kind_message(kind: &crate::ErrorKind, lang: Lang) -> String {
    use crate::ErrorKind as K;
    if lang == Lang::En {
        return kind.to_string();
    }
    match kind {
        K::Read(e) => read_error_message(e, lang),
        K::Recognize(crate::error::RecognizeError::NoPlan) => t!(lang, "error-no-plan"),
        K::BadJson(e) => t!(lang, "error-bad-json", detail = e.to_string()),
        K::Write(e) => write_error_message(e, lang),
        K::Review(crate::error::ReviewError::Invalid { detail }) => {
            t!(lang, "error-review-invalid", detail = detail.as_str())
        }
        K::Review(crate::error::ReviewError::Changed) => t!(lang, "error-review-changed"),
    }
}

/// What a [`ReadError`](crate::error::ReadError) says, in `lang`: the
/// place of a damage (page, sheet, part) comes from its fields.
pub fn read_error_message(e: &crate::error::ReadError, lang: Lang) -> String {
    use crate::error::ReadError as R;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        R::Io(e) => io_message(e, lang, Io::Read),
        R::NotAFile { what } => not_a_file_message(*what, lang),
        R::Unsupported { extension, .. } if extension == ".json" => {
            t!(lang, "error-unsupported-json")
        }
        R::Unsupported { extension, note } => {
            let ext = if extension.is_empty() {
                fragment(lang, "(no extension)")
            } else {
                extension.clone()
            };
            let what = match note {
                Some(n) => t!(
                    lang,
                    "error-unsupported-note",
                    ext = ext,
                    note = fragment(lang, n)
                ),
                None => ext,
            };
            t!(lang, "error-unsupported", what = what) + &unsupported_hint(extension, lang)
        }
        R::Empty => t!(lang, "error-empty"),
        R::NotThisFormat {
            expected,
            looks_like,
        } => t!(
            lang,
            "error-not-this-format",
            format = expected.name().to_uppercase(),
            looks_like = fragment(lang, looks_like)
        ),
        R::OldExcel { version } => t!(lang, "error-old-excel", version = *version),
        R::Damaged { .. } => damaged_message(e, lang),
        R::Truncated => t!(lang, "error-truncated-pdf"),
        R::ParserFailed { container, .. } => match container {
            crate::error::Container::Pdf => t!(lang, "error-parser-failed-pdf"),
            _ => t!(lang, "error-parser-failed-workbook"),
        },
        R::UnsupportedEncryption { handler } => {
            t!(lang, "error-encryption", handler = handler.clone())
        }
        R::PasswordRequired => t!(lang, "error-password-required"),
        R::WrongPassword => t!(lang, "error-wrong-password"),
        R::ProtectedWorkbook => t!(lang, "error-protected-workbook"),
        R::NoText => t!(lang, "error-no-text"),
        R::UndecodableText { font } => {
            t!(lang, "error-undecodable-text", font = font_name(lang, font))
        }
        R::NoSuchPage { page, pages } => t!(
            lang,
            "error-no-such-page",
            page = page.to_string(),
            pages = pages.to_string()
        ),
        R::Limit { what, limit, which } => t!(
            lang,
            "error-limit",
            what = what.render(lang),
            limit = limit.to_string(),
            name = t!(lang, limit_id(*which))
        ),
    }
}

/// The English fragments the readers put into an error's fields (what the
/// bytes look like, a note on an unsupported file), with their catalogue
/// entries.
const FRAGMENTS: &[(&str, &str)] = &[
    ("an HTML web page", "looks-like-html"),
    ("a PDF", "looks-like-pdf"),
    ("a ZIP archive", "looks-like-zip"),
    ("an old Office document", "looks-like-old-office"),
    ("an image", "looks-like-image"),
    ("plain text", "looks-like-text"),
    ("unrecognised binary data", "looks-like-binary"),
    ("(no extension)", "note-no-extension"),
    ("not a spreadsheet", "note-not-a-spreadsheet"),
    ("a JSON plan is already converted", "note-json-converted"),
    ("inspect draws PDF pages only", "note-inspect-pdf-only"),
    ("a font without a name", "note-font-without-name"),
    ("its font object is missing or damaged", "note-font-missing"),
];

/// A PDF font's name in `lang`: the reader names a font that has none by
/// its resource and says why (`/F1 (a font without a name)`).
pub fn font_name(lang: Lang, name: &str) -> String {
    let known = name
        .split_once(" (")
        .and_then(|(res, why)| Some((res, why.strip_suffix(')')?)))
        .filter(|(_, why)| FRAGMENTS.iter().any(|(en, _)| en == why));
    match known {
        Some((res, why)) => t!(lang, "note-font", resource = res, why = fragment(lang, why)),
        None => name.to_string(),
    }
}

/// One of [`FRAGMENTS`] in `lang`; any other text as it is.
pub fn fragment(lang: Lang, english: &str) -> String {
    match FRAGMENTS.iter().find(|(en, _)| *en == english) {
        Some((_, id)) => t!(lang, id),
        None => english.to_string(),
    }
}

/// How to get a file dxplan reads from one of type `extension`.
fn unsupported_hint(extension: &str, lang: Lang) -> String {
    match extension.to_ascii_lowercase().as_str() {
        ".docx" | ".doc" | ".odt" | ".rtf" | ".jtd" | ".pptx" | ".ppt" | ".odp" | ".html"
        | ".htm" => t!(lang, "error-hint-pdf"),
        ".csv" | ".tsv" | ".txt" | ".xlsb" | ".numbers" | ".fods" => t!(lang, "error-hint-xlsx"),
        ".jpg" | ".jpeg" | ".png" | ".tif" | ".tiff" | ".gif" | ".bmp" => {
            t!(lang, "error-hint-image")
        }
        ".zip" => t!(lang, "error-hint-zip"),
        _ => String::new(),
    }
}

/// A damaged PDF or workbook, with its page, sheet or part.
fn damaged_message(e: &crate::error::ReadError, lang: Lang) -> String {
    use crate::error::{Container, ReadError as R};
    let R::Damaged {
        container,
        page,
        sheet,
        part,
        detail,
    } = e
    else {
        return e.to_string();
    };
    let detail = detail.clone();
    match (container, page, sheet, part) {
        (Container::Pdf, Some(n), ..) => t!(
            lang,
            "error-damaged-pdf-page",
            page = n.to_string(),
            detail = detail
        ),
        (Container::Pdf, None, ..) => t!(lang, "error-damaged-pdf", detail = detail),
        (_, _, Some(s), p) => t!(
            lang,
            "error-damaged-sheet",
            sheet = s.clone(),
            part = p.clone().unwrap_or_default(),
            detail = detail
        ),
        (_, _, None, Some(p)) => t!(
            lang,
            "error-damaged-part",
            part = p.clone(),
            detail = detail
        ),
        _ => t!(lang, "error-damaged-workbook", detail = detail),
    }
}

/// Which way a file was used when an I/O error struck.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Io {
    Read,
    Write,
}

/// What an I/O error means, in `lang`: the common cases say what to do
/// (a file not found: check the path); the rest keep the system's words.
pub fn io_message(e: &std::io::Error, lang: Lang, way: Io) -> String {
    use std::io::ErrorKind as K;
    let id = match (e.kind(), way) {
        (K::NotFound, Io::Read) => "error-not-found",
        (K::NotFound, Io::Write) => "error-write-no-folder",
        (K::PermissionDenied, Io::Read) => "error-permission",
        (K::PermissionDenied, Io::Write) => "error-write-permission",
        (K::IsADirectory, Io::Read) => "error-is-folder",
        (K::IsADirectory, Io::Write) => "error-write-is-folder",
        (K::NotADirectory, _) => "error-not-a-folder",
        (K::StorageFull | K::QuotaExceeded, _) => "error-disk-full",
        (K::ReadOnlyFilesystem, _) => "error-read-only",
        // WriteError's own words already say "cannot write the output".
        (_, Io::Write) => return e.to_string(),
        _ => return t!(lang, "error-io", detail = e.to_string()),
    };
    t!(lang, id)
}

/// A path that names a folder, a FIFO, a socket or a device, in `lang`.
pub fn not_a_file_message(what: crate::error::FileKind, lang: Lang) -> String {
    use crate::error::FileKind as F;
    let id = match what {
        F::Folder => "error-is-folder",
        F::Fifo => "error-fifo",
        F::Socket => "error-socket",
        F::Device => "error-device",
        _ => "error-not-regular",
    };
    t!(lang, id)
}

/// What a [`WriteError`](crate::error::WriteError) says, in `lang`.
pub fn write_error_message(e: &crate::error::WriteError, lang: Lang) -> String {
    use crate::error::WriteError as W;
    if lang == Lang::En {
        return e.to_string();
    }
    let detail = match e {
        W::Io { path, source } => {
            let why = io_message(source, lang, Io::Write);
            match path {
                Some(p) => format!("{}: {why}", p.display()),
                None => why,
            }
        }
        W::Workbook {
            book,
            sheet,
            cell,
            detail,
        } => match (sheet, cell) {
            (Some(s), Some(c)) => t!(
                lang,
                "error-write-cell",
                sheet = s.clone(),
                cell = c.clone(),
                detail = detail.clone()
            ),
            (Some(s), None) => t!(
                lang,
                "error-write-sheet",
                sheet = s.clone(),
                detail = detail.clone()
            ),
            _ => format!("{book}: {detail}"),
        },
        W::Csv { file, detail } => format!("{file}: {detail}"),
        W::NotShiftJis {
            file,
            row,
            measure,
            column,
            character,
        } => {
            let row = match (row, measure) {
                (0, _) => t!(lang, "error-csv-header-row"),
                (r, Some(id)) => t!(
                    lang,
                    "error-csv-row-measure",
                    row = r.to_string(),
                    id = id.clone()
                ),
                (r, None) => t!(lang, "error-csv-row", row = r.to_string()),
            };
            return t!(
                lang,
                "error-not-shift-jis",
                file = file.clone(),
                row = row,
                column = column.clone(),
                character = character.to_string(),
                code = format!("U+{:04X}", *character as u32)
            );
        }
        W::Archive { detail } => detail.clone(),
        W::OutputType { extension } => {
            return t!(lang, "error-output-type", extension = extension.clone());
        }
    };
    t!(lang, "error-output", detail = detail)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    #[test]
    fn errors_in_japanese_and_english() {
        let e = crate::Error::new(
            "missing.pdf",
            crate::error::ReadError::Io(std::io::Error::from(std::io::ErrorKind::NotFound)),
        );
        // The message says what to do: check the path.
        assert_eq!(
            error_message(&e, Lang::Ja),
            "missing.pdf: ファイルが見つかりません。パス（フォルダー名とファイル名）を確かめてください。移動や名前の変更はありませんか"
        );
        assert_eq!(error_message(&e, Lang::En), e.to_string());
        assert!(e.to_string().contains("check the path"), "{e}");
        // A FIFO, a full disk: words, not the system's "os error".
        let fifo = crate::error::ReadError::NotAFile {
            what: crate::error::FileKind::Fifo,
        };
        for lang in Lang::ALL {
            let m = read_error_message(&fifo, lang);
            assert!(m.contains("FIFO"), "{m}");
            let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
            let w = write_error_message(
                &crate::error::WriteError::io("out/a.json".as_ref(), full),
                lang,
            );
            assert!(w.contains("out/a.json") && !w.contains("os error"), "{w}");
        }
        let k = crate::error::ReadError::unsupported(".docx", None);
        let ja = read_error_message(&k, Lang::Ja);
        assert!(
            ja.contains(".docx") && ja.contains("PDF として保存"),
            "{ja}"
        );
        let no_plan = crate::ErrorKind::from(crate::error::RecognizeError::NoPlan);
        assert!(error_kind_message(&no_plan, Lang::Ja).contains("計画の表"));
        // The library names no command-line option: the CLI adds them.
        let limit = crate::error::ReadError::Limit {
            what: crate::msg!("limit-what-pages"),
            limit: 2,
            which: crate::error::Limit::Pages,
        };
        for lang in Lang::ALL {
            assert!(!read_error_message(&limit, lang).contains("--"), "{lang:?}");
            let pw = read_error_message(&crate::error::ReadError::PasswordRequired, lang);
            assert!(!pw.contains("--"), "{pw}");
        }
        assert!(read_error_message(&limit, Lang::Ja).starts_with("ページ数が上限 2"));
    }

    #[test]
    fn damage_reads_in_japanese_with_its_page_and_sheet() {
        use crate::error::ReadError;
        let pdf = crate::Error::new("plan.pdf", ReadError::damaged_pdf(Some(7), "bad xref"));
        let ja = error_message(&pdf, Lang::Ja);
        assert!(
            ja.starts_with("plan.pdf: PDF が壊れていて読めません"),
            "{ja}"
        );
        assert!(ja.contains("7 ページ目"), "{ja}");
        let book = ReadError::damaged_workbook(Some("xl/worksheets/sheet2.xml"), "bad tag")
            .in_sheet("計画表");
        let ja = read_error_message(&book, Lang::Ja);
        assert!(
            ja.contains("シート「計画表」") && ja.contains("sheet2.xml"),
            "{ja}"
        );
        let csv = crate::error::WriteError::NotShiftJis {
            file: "measures.csv".into(),
            row: 3,
            measure: Some("1-2".into()),
            column: "事業名".into(),
            character: '𠮷',
        };
        let ja = write_error_message(&csv, Lang::Ja);
        assert!(
            ja.contains("3 行目（施策ID 1-2）") && ja.contains("U+20BB7"),
            "{ja}"
        );
    }

    #[test]
    fn locale_names_choose_the_language() {
        assert_eq!(Lang::from_locale("ja_JP.UTF-8"), Lang::Ja);
        assert_eq!(Lang::from_locale("ja"), Lang::Ja);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("de_DE"), Lang::En);
    }

    #[test]
    fn lc_all_wins_over_lang_and_empty_values_are_skipped() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_vars(env(&[("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(
            Lang::from_vars(env(&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_vars(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "ja_JP"),
                ("LANG", "C")
            ])),
            Lang::Ja
        );
        assert_eq!(Lang::from_vars(env(&[])), Lang::En);
    }

    #[test]
    fn accept_language_picks_the_heaviest_known_language() {
        assert_eq!(
            Lang::from_accept_language("ja,en-US;q=0.9,en;q=0.8"),
            Some(Lang::Ja)
        );
        assert_eq!(
            Lang::from_accept_language("en-US,en;q=0.9,ja;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("fr, ja;q=0.5"), Some(Lang::Ja));
        assert_eq!(Lang::from_accept_language("ja;q=0, en"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr-FR, de"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn parse_accepts_codes_and_refuses_others() {
        assert_eq!("ja".parse::<Lang>(), Ok(Lang::Ja));
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("fr".parse::<Lang>().is_err());
    }

    #[test]
    fn placeholders_are_filled_without_isolation_marks() {
        let s = t!(Lang::En, "web-files-converted", count = 2);
        assert_eq!(s, "2 file(s) converted");
        assert!(!s.contains('\u{2068}'));
    }

    /// Each message id of a catalogue with the variables it uses.
    fn entries(text: &str) -> BTreeMap<String, BTreeSet<String>> {
        let res = match fluent_syntax::parser::parse(text) {
            Ok(r) => r,
            Err((_, errors)) => panic!("the catalogue does not parse: {errors:?}"),
        };
        res.body
            .iter()
            .filter_map(|e| match e {
                ast::Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern_vars(p, &mut vars);
                    }
                    Some((m.id.name.to_string(), vars))
                }
                _ => None,
            })
            .collect()
    }

    fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                expression_vars(expression, vars);
            }
        }
    }

    fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Inline(i) => inline_vars(i, vars),
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
        }
    }

    fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            _ => {}
        }
    }

    #[test]
    fn every_message_is_in_every_catalogue_with_the_same_placeholders() {
        let [(ja_lang, ja), (en_lang, en)] = CATALOGUES;
        let (ja, en) = (entries(ja), entries(en));
        let only = |a: &BTreeMap<String, BTreeSet<String>>,
                    b: &BTreeMap<String, BTreeSet<String>>| {
            a.keys()
                .filter(|k| !b.contains_key(*k))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            only(&ja, &en),
            Vec::<String>::new(),
            "in {ja_lang}.ftl only"
        );
        assert_eq!(
            only(&en, &ja),
            Vec::<String>::new(),
            "in {en_lang}.ftl only"
        );
        for (id, vars) in &ja {
            assert_eq!(Some(vars), en.get(id), "{id}: the placeholders differ");
        }
        assert!(ja.len() > 50, "the catalogues look truncated");
    }

    #[test]
    fn the_completeness_check_sees_a_missing_message() {
        let a = entries("one = 1\ntwo = { $n }\n");
        let b = entries("one = 1\n");
        assert!(a.keys().any(|k| !b.contains_key(k)));
    }

    #[test]
    fn every_message_the_code_names_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        // `t!(lang, "id"`, `msg!("id"`, and the report's `words.t("id")`.
        let re = regex::Regex::new(
            r#"(?:t!\(\s*[a-z_.()0-9]+,|msg!\(|words\.t\(|self\.t\()\s*"([A-Za-z0-9_-]+)""#,
        )
        .unwrap();
        fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, files);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("i18n.rs") {
                    // (This file's own examples name made-up ids.)
                    files.push(p);
                }
            }
        }
        let mut files = Vec::new();
        for dir in [
            "crates/cli",
            "crates/web/src",
            "crates/portal/src",
            "crates/dxplan/src",
        ] {
            walk(&root.join(dir), &mut files);
        }
        let mut seen = 0;
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for c in re.captures_iter(&text) {
                seen += 1;
                for lang in Lang::ALL {
                    assert!(
                        has(lang, &c[1]),
                        "{}: {lang} has no message {}",
                        f.display(),
                        &c[1]
                    );
                }
            }
        }
        assert!(seen > 80, "the scan found only {seen} messages");
        for code in crate::model::WarningCode::ALL {
            for lang in Lang::ALL {
                assert!(
                    has(lang, &format!("web-code-{code}")),
                    "{lang}: no web-code-{code}"
                );
            }
        }
    }

    /// A warning's words come from the catalogue: no warning is made from
    /// a `format!` or an English literal (they would stay English under
    /// Japanese).
    #[test]
    fn warnings_are_made_from_catalogue_entries() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let call = regex::Regex::new(r"Warning::(?:new|at|maybe_at)\(").unwrap();
        let english = regex::Regex::new(r#"format!\(|"[A-Za-z]+ [a-z]+"#).unwrap();
        fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, files);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(&root, &mut files);
        let mut calls = 0;
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for m in call.find_iter(&text) {
                // The call's arguments: up to the end of its statement.
                let rest = &text[m.end()..];
                let args = &rest[..rest.find(';').unwrap_or(rest.len())];
                if args.trim_start().starts_with("code:") || args.contains("message: impl") {
                    continue; // the constructors themselves
                }
                calls += 1;
                // Arguments of a catalogue entry may be formatted.
                let plain = args.split("msg!(").next().unwrap_or(args);
                assert!(
                    !english.is_match(plain),
                    "{}: a warning made from English text, not a catalogue entry (msg!): {}",
                    f.display(),
                    &args[..args.len().min(200)]
                );
            }
        }
        assert!(calls > 20, "the scan found only {calls} warnings");
    }

    #[test]
    fn a_missing_message_gives_its_id() {
        assert_eq!(t!(Lang::Ja, "no-such-message"), "no-such-message");
    }
}
