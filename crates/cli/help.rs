//! The command line's own words in the run's language: `--help` of every
//! command and clap's argument errors, from the catalogues.
//!
//! The arguments are declared with clap's derive (main.rs) without help
//! texts; [`command`] fills them in from `cli-about-*`, `cli-arg-*` and
//! `cli-value-*` before parsing. The language is known before clap runs:
//! `--lang` is found by a scan of the raw arguments ([`lang_of_args`]),
//! else the locale decides.
//!
//! English keeps clap's own layout and its built-in texts (`Usage:`,
//! `[default: …]`, `Print help`). Japanese replaces those too: headings
//! come from `cli-help-*`, and the defaults and possible values are written
//! into each argument's help by us (clap's are hidden). Argument errors
//! are rendered here in both languages from clap's error kind and context
//! ([`render_error`]).

use std::ffi::OsString;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command, CommandFactory, ValueEnum};
use dxplan::i18n::{self, Lang, t};

use super::{Args, CsvEncoding};

/// The language of a run: `--lang ja`, `--lang=en` (before a `--`), else
/// the locale's. An unknown value falls back to the locale (clap then
/// says it is wrong, in that language).
pub fn lang_of_args(args: &[OsString]) -> Lang {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(lang) = value.as_deref().and_then(Lang::parse) {
            return lang;
        }
    }
    Lang::from_env()
}

/// The whole command line with every text in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = localize(Args::command(), None, lang);
    if lang == Lang::En {
        return cmd;
    }
    // clap adds its -h, -V and `help` when the command is built; built,
    // they can be given our words too.
    cmd.build();
    builtins(cmd, lang)
}

/// One command (and its subcommands): about and argument helps.
fn localize(mut cmd: Command, parent: Option<&str>, lang: Lang) -> Command {
    let name = cmd.get_name().to_string();
    let sub = parent.map(|_| name.as_str());
    let about_id = match sub {
        Some(s) => format!("cli-about-{s}"),
        None => "cli-about".to_string(),
    };
    if i18n::has(lang, &about_id) {
        cmd = cmd.about(t!(lang, &about_id));
    }
    // Under our own heading clap sorts positionals by display order, then
    // by name: their order on the command line is made their display order.
    let mut position = 0;
    cmd = cmd.mut_args(|a| {
        let a = localize_arg(a, sub, lang);
        if a.is_positional() && lang != Lang::En {
            position += 1;
            a.display_order(position)
        } else {
            a
        }
    });
    if lang != Lang::En {
        cmd = cmd
            .help_template(template(lang))
            .subcommand_help_heading(t!(lang, "cli-help-commands"));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        cmd = cmd.mut_subcommand(&s, |c| localize(c, Some(&name), lang));
    }
    cmd
}

/// clap's layout with the usage heading in `lang`.
fn template(lang: Lang) -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t!(lang, "cli-help-usage")
    )
}

/// The catalogue id of an argument's help: `cli-arg-convert-output`, else
/// the shared `cli-arg-password` (the reading options, `--lang`).
fn arg_help_id(arg: &Arg, sub: Option<&str>, lang: Lang) -> Option<String> {
    let id = arg.get_id().as_str().replace('_', "-");
    let own = sub.map(|s| format!("cli-arg-{s}-{id}"));
    let shared = format!("cli-arg-{id}");
    own.into_iter().chain([shared]).find(|i| i18n::has(lang, i))
}

fn localize_arg(mut a: Arg, sub: Option<&str>, lang: Lang) -> Arg {
    if a.get_id() == "encoding" {
        a = a.value_parser(enum_parser::<CsvEncoding>(lang));
    }
    let help = arg_help_id(&a, sub, lang).map(|id| t!(lang, &id));
    if lang == Lang::En {
        return match help {
            Some(h) => a.help(h),
            None => a,
        };
    }
    // Japanese: clap's English "[default: …]" and "[possible values: …]"
    // give way to ours, inside the help text.
    let mut text = help.unwrap_or_default();
    let takes_value = a.get_action().takes_values();
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| match v.get_help() {
            Some(h) => t!(
                lang,
                "cli-help-value-with-help",
                value = v.get_name(),
                help = h.to_string()
            ),
            None => v.get_name().to_string(),
        })
        .collect();
    let sep = t!(lang, "cli-list-separator");
    if takes_value && !values.is_empty() && !a.is_hide_possible_values_set() {
        push_note(
            &mut text,
            t!(lang, "cli-help-values", values = values.join(&sep)),
        );
    }
    // `json,xlsx,csv` is three values (the option's delimiter).
    let delimiter = a.get_value_delimiter();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .flat_map(|v| {
            let v = v.to_string_lossy().into_owned();
            match delimiter {
                Some(d) => v.split(d).map(str::to_string).collect(),
                None => vec![v],
            }
        })
        .collect();
    if !defaults.is_empty() && takes_value && !a.is_hide_default_value_set() {
        push_note(
            &mut text,
            t!(lang, "cli-help-default", value = defaults.join(&sep)),
        );
    }
    let heading = if a.is_positional() {
        "cli-help-arguments"
    } else {
        "cli-help-options"
    };
    if takes_value {
        a = a.hide_possible_values(true).hide_default_value(true);
    }
    a.help(text).help_heading(t!(lang, heading))
}

fn push_note(text: &mut String, note: String) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(&note);
}

/// A value enum's parser with each value's help from `cli-value-NAME`.
fn enum_parser<E>(lang: Lang) -> impl TypedValueParser<Value = E>
where
    E: ValueEnum + Clone + Send + Sync + 'static,
{
    let values: Vec<PossibleValue> = E::value_variants()
        .iter()
        .filter_map(ValueEnum::to_possible_value)
        .map(|v| {
            let id = format!("cli-value-{}", v.get_name());
            if i18n::has(lang, &id) {
                v.help(t!(lang, &id))
            } else {
                v
            }
        })
        .collect();
    PossibleValuesParser::new(values)
        .map(|s| E::from_str(&s, false).unwrap_or_else(|_| E::value_variants()[0].clone()))
}

/// clap's -h, -V and `help` subcommand, in `lang`, on a built command.
fn builtins(mut cmd: Command, lang: Lang) -> Command {
    let long = cmd
        .get_arguments()
        .any(|a| a.get_id() == "help" && a.get_long_help().is_some());
    cmd = cmd.mut_args(|a| match a.get_id().as_str() {
        "help" if long => a
            .help(t!(lang, "cli-help-flag-short"))
            .long_help(t!(lang, "cli-help-flag-long"))
            .help_heading(t!(lang, "cli-help-options")),
        "help" => a
            .help(t!(lang, "cli-help-flag"))
            .help_heading(t!(lang, "cli-help-options")),
        "version" => a
            .help(t!(lang, "cli-version-flag"))
            .help_heading(t!(lang, "cli-help-options")),
        _ => a,
    });
    for sub in cmd.get_subcommands_mut() {
        let owned = std::mem::take(sub);
        *sub = if owned.get_name() == "help" {
            // `dxplan help help` lists the commands once more, `help` too.
            owned
                .about(t!(lang, "cli-about-help"))
                .help_template(template(lang))
                .subcommand_help_heading(t!(lang, "cli-help-commands"))
                .mut_subcommand("help", |h| h.about(t!(lang, "cli-about-help")))
                .mut_args(|a| {
                    a.help(t!(lang, "cli-arg-help-subcommand"))
                        .help_heading(t!(lang, "cli-help-arguments"))
                })
        } else {
            builtins(owned, lang)
        };
    }
    cmd
}

/// clap's error in `lang`: what is wrong (with the values that would do),
/// the usage, and where more help is.
pub fn render_error(e: &clap::Error, lang: Lang) -> String {
    let mut out = format!("dxplan: {}", what(e, lang));
    let did_you_mean = [
        (
            ContextKind::SuggestedSubcommand,
            "cli-error-similar-command",
        ),
        (ContextKind::SuggestedArg, "cli-error-similar-argument"),
        (ContextKind::SuggestedValue, "cli-error-similar-value"),
    ];
    let mut first = true;
    for (kind, id) in did_you_mean {
        if let Some(v) = e.get(kind) {
            out.push_str(if first { "\n\n  " } else { "\n  " });
            first = false;
            out.push_str(&t!(lang, id, values = quoted(v, lang)));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim().strip_prefix("Usage:").unwrap_or(&usage).trim();
        out.push_str(&format!("\n\n{} {usage}", t!(lang, "cli-help-usage")));
        let path: Vec<&str> = usage
            .split(' ')
            .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .filter(|w| !w.is_empty() && !w.starts_with('-'))
            .collect();
        if !path.is_empty() {
            let help = format!("{} --help", path.join(" "));
            out.push_str(&format!("\n\n{}", t!(lang, "cli-error-more", help = help)));
        }
    }
    out
}

/// The first line of an argument error.
fn what(e: &clap::Error, lang: Lang) -> String {
    let s = |k| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    };
    let arg = s(ContextKind::InvalidArg);
    let value = s(ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            t!(lang, "cli-error-value-missing", arg = arg)
        }
        ErrorKind::InvalidValue => {
            let mut line = t!(lang, "cli-error-invalid-value", arg = arg, value = value);
            if let Some(v) = e.get(ContextKind::ValidValue) {
                line.push_str(&format!(
                    "\n  {}",
                    t!(lang, "cli-error-possible-values", values = quoted(v, lang))
                ));
            }
            line
        }
        ErrorKind::ValueValidation => {
            let line = t!(lang, "cli-error-invalid-value", arg = arg, value = value);
            // The parser's reason is English (std's number and address
            // parsers): English runs keep it.
            match (lang, std::error::Error::source(e)) {
                (Lang::En, Some(why)) => format!("{line}: {why}"),
                _ => line,
            }
        }
        ErrorKind::UnknownArgument => t!(lang, "cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!(
            lang,
            "cli-error-unknown-command",
            name = s(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            let mut line = t!(lang, "cli-error-missing");
            if let Some(ContextValue::Strings(v)) = e.get(ContextKind::InvalidArg) {
                for a in v {
                    line.push_str(&format!("\n  {a}"));
                }
            }
            line
        }
        ErrorKind::MissingSubcommand => t!(lang, "cli-error-missing-command"),
        ErrorKind::ArgumentConflict => {
            let prior = s(ContextKind::PriorArg);
            if prior.is_empty() || prior == arg {
                t!(lang, "cli-error-repeated", arg = arg)
            } else {
                t!(lang, "cli-error-conflict", arg = arg, other = prior)
            }
        }
        ErrorKind::TooManyValues => t!(lang, "cli-error-too-many", arg = arg, value = value),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!(lang, "cli-error-number-of-values", arg = arg)
        }
        ErrorKind::NoEquals => t!(lang, "cli-error-no-equals", arg = arg),
        ErrorKind::InvalidUtf8 => t!(lang, "cli-error-utf8"),
        _ => t!(lang, "cli-error-other"),
    }
}

/// `'a', 'b'` (English) or `「a」、「b」` (Japanese) from one value or
/// several.
fn quoted(v: &ContextValue, lang: Lang) -> String {
    let one = |s: &str| t!(lang, "cli-quoted", value = s.to_string());
    match v {
        ContextValue::String(s) => one(s),
        ContextValue::Strings(v) => v
            .iter()
            .map(|s| one(s))
            .collect::<Vec<_>>()
            .join(&t!(lang, "cli-list-separator")),
        other => one(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_is_found_before_clap_runs() {
        let ja = lang_of_args(&argv(&["dxplan", "convert", "--lang", "ja", "x"]));
        assert_eq!(ja, Lang::Ja);
        assert_eq!(
            lang_of_args(&argv(&["dxplan", "--lang=en", "diff"])),
            Lang::En
        );
        assert_eq!(lang_of_args(&argv(&["dxplan", "--lang=ja-JP"])), Lang::Ja);
        // After `--` it is a file name, not an option.
        let after = lang_of_args(&argv(&["dxplan", "convert", "--", "--lang", "zz"]));
        assert_eq!(after, Lang::from_env());
    }

    /// Every command and every argument has its words in both languages,
    /// and the Japanese ones are not the English ones.
    #[test]
    fn every_command_and_argument_has_help_in_both_languages() {
        fn walk(ja: &Command, en: &Command, path: &str) {
            let about = |c: &Command| c.get_about().map(ToString::to_string).unwrap_or_default();
            assert!(!about(ja).is_empty(), "{path}: no about in Japanese");
            assert_ne!(about(ja), about(en), "{path}: about not translated");
            for a in ja.get_arguments() {
                let help = a.get_help().map(ToString::to_string).unwrap_or_default();
                assert!(!help.is_empty(), "{path} {}: no help", a.get_id());
                assert!(
                    help.chars().any(|c| c > '\u{3000}') || help.starts_with('［'),
                    "{path} {}: not Japanese: {help}",
                    a.get_id()
                );
                let heading = a.get_help_heading().unwrap_or_default();
                assert!(
                    heading == "オプション" || heading == "引数",
                    "{path} {}: {heading}",
                    a.get_id()
                );
            }
            for s in ja.get_subcommands() {
                let e = en.find_subcommand(s.get_name()).expect("same commands");
                walk(s, e, &format!("{path} {}", s.get_name()));
            }
        }
        let (mut ja, mut en) = (command(Lang::Ja), command(Lang::En));
        ja.build();
        en.build();
        walk(&ja, &en, "dxplan");
    }

    #[test]
    fn japanese_help_has_japanese_headings() {
        let mut cmd = command(Lang::Ja);
        let help = cmd
            .find_subcommand_mut("convert")
            .expect("convert")
            .render_long_help()
            .to_string();
        for word in [
            "使い方: dxplan convert",
            "引数:",
            "オプション:",
            "［既定: json、xlsx、csv］",
        ] {
            assert!(help.contains(word), "{word} not in\n{help}");
        }
        for english in [
            "Usage",
            "Options",
            "Arguments",
            "[default",
            "possible values",
            "Print help",
        ] {
            assert!(!help.contains(english), "{english} in\n{help}");
        }
    }

    #[test]
    fn argument_errors_in_japanese() {
        let err = |args: &[&str]| {
            let e = command(Lang::Ja)
                .try_get_matches_from(argv(args))
                .expect_err("an argument error");
            render_error(&e, Lang::Ja)
        };
        let missing = err(&["dxplan", "convert"]);
        assert!(
            missing.starts_with("dxplan: 次の引数が必要です:\n  --output <OUTPUT>"),
            "{missing}"
        );
        assert!(missing.contains("使い方: dxplan convert"), "{missing}");
        assert!(
            missing.ends_with("詳しくは dxplan convert --help を見てください。"),
            "{missing}"
        );
        let unknown = err(&["dxplan", "diff", "--bogus", "a", "b"]);
        assert!(
            unknown.starts_with("dxplan: 知らないオプション「--bogus」があります"),
            "{unknown}"
        );
        let bad = err(&["dxplan", "convert", "--to", "pdf", "a.pdf", "-o", "out"]);
        assert!(
            bad.contains(
                "「--to <TO>」の値「pdf」は使えません\n  使える値: 「json」、「xlsx」、「csv」"
            ),
            "{bad}"
        );
        let number = err(&["dxplan", "serve", "--jobs", "many"]);
        assert_eq!(number, "dxplan: 「--jobs <JOBS>」の値「many」は使えません");
        let typo = err(&["dxplan", "conver"]);
        assert!(
            typo.contains("ヒント: 似たコマンドがあります: 「convert」"),
            "{typo}"
        );
    }

    #[test]
    fn argument_errors_in_english_keep_the_parsers_reason() {
        let e = command(Lang::En)
            .try_get_matches_from(argv(&["dxplan", "serve", "--jobs", "many"]))
            .expect_err("an argument error");
        assert_eq!(
            render_error(&e, Lang::En),
            "dxplan: invalid value 'many' for '--jobs <JOBS>': invalid digit found in string"
        );
    }
}
