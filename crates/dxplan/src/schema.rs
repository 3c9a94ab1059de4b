//! The JSON Schemas of dxplan's output, embedded, and validation against them.

use std::path::Path;

use crate::i18n::{Lang, t};

/// `schemas/plan.schema.json`: the contract for `convert --to json`.
pub const PLAN_SCHEMA: &str = include_str!("../../../schemas/plan.schema.json");
/// `schemas/diff.schema.json`: the contract for `diff --format json`.
pub const DIFF_SCHEMA: &str = include_str!("../../../schemas/diff.schema.json");

/// `schemas/review.schema.json`: a review file (`<stem>.review.json`).
pub const REVIEW_SCHEMA: &str = include_str!("../../../schemas/review.schema.json");

/// Validate a JSON value against the plan (or diff) schema. Returns one line
/// per problem: the JSON path and what is wrong, in English.
///
/// # Errors
/// The list of problems.
pub fn validate_value(value: &serde_json::Value, diff: bool) -> Result<(), Vec<String>> {
    validate_value_in(value, diff, Lang::En)
}

/// [`validate_value`] with the problems in `lang`.
///
/// # Errors
/// The list of problems.
pub fn validate_value_in(
    value: &serde_json::Value,
    diff: bool,
    lang: Lang,
) -> Result<(), Vec<String>> {
    validate_against(value, if diff { DIFF_SCHEMA } else { PLAN_SCHEMA }, lang)
}

/// Validate a JSON value against the review file schema (what
/// [`Review::check`](crate::review::Review::check) checks beyond it: each
/// correction's path and the shape of its values).
///
/// # Errors
/// The list of problems.
pub fn validate_review(value: &serde_json::Value) -> Result<(), Vec<String>> {
    validate_against(value, REVIEW_SCHEMA, Lang::En)
}

fn validate_against(
    value: &serde_json::Value,
    schema: &str,
    lang: Lang,
) -> Result<(), Vec<String>> {
    let schema: serde_json::Value = serde_json::from_str(schema).expect("embedded schema is JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("embedded schema is valid");
    let problems: Vec<String> = validator
        .iter_errors(value)
        .map(|e| {
            let path = e.instance_path().to_string();
            let path = if path.is_empty() { "/" } else { path.as_str() };
            let problem = match lang {
                Lang::En => e.to_string(),
                _ => problem(&e, lang),
            };
            t!(lang, "schema-problem-at", path = path, problem = problem)
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// What a schema error says, in `lang`, from its kind: the value, and what
/// the schema asks for.
fn problem(e: &jsonschema::ValidationError<'_>, lang: Lang) -> String {
    use jsonschema::error::{TypeKind, ValidationErrorKind as K};
    let value = short(e.instance());
    let json = |v: &serde_json::Value| short(v);
    match e.kind() {
        K::Required { property } => t!(lang, "schema-required", property = json(property)),
        K::Type { kind } => {
            let types = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            t!(lang, "schema-type", value = value, types = types)
        }
        K::Enum { options } => t!(lang, "schema-enum", value = value, options = json(options)),
        K::Constant { expected_value } => {
            t!(
                lang,
                "schema-const",
                value = value,
                expected = json(expected_value)
            )
        }
        K::AdditionalProperties { unexpected } | K::UnevaluatedProperties { unexpected } => {
            t!(
                lang,
                "schema-additional",
                properties = unexpected.join(", ")
            )
        }
        K::Pattern { pattern } => t!(
            lang,
            "schema-pattern",
            value = value,
            pattern = pattern.as_str()
        ),
        K::Format { format } => t!(
            lang,
            "schema-format",
            value = value,
            format = format.as_str()
        ),
        K::MinLength { limit } => t!(
            lang,
            "schema-min-length",
            value = value,
            limit = limit.to_string()
        ),
        K::MaxLength { limit } => t!(
            lang,
            "schema-max-length",
            value = value,
            limit = limit.to_string()
        ),
        K::MinItems { limit } => t!(lang, "schema-min-items", limit = limit.to_string()),
        K::MaxItems { limit } => t!(lang, "schema-max-items", limit = limit.to_string()),
        K::Minimum { limit } | K::ExclusiveMinimum { limit } => {
            t!(lang, "schema-minimum", value = value, limit = json(limit))
        }
        K::Maximum { limit } | K::ExclusiveMaximum { limit } => {
            t!(lang, "schema-maximum", value = value, limit = json(limit))
        }
        K::OneOfNotValid { .. } | K::AnyOf { .. } => {
            t!(lang, "schema-no-alternative", value = value)
        }
        K::OneOfMultipleValid { .. } => t!(lang, "schema-several-alternatives", value = value),
        K::FalseSchema => t!(lang, "schema-not-allowed"),
        K::UniqueItems => t!(lang, "schema-unique"),
        _ => t!(lang, "schema-other", detail = e.to_string()),
    }
}

/// A JSON value in one short line.
fn short(v: &serde_json::Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        s.chars().take(60).collect::<String>() + "…"
    } else {
        s
    }
}

/// Validate a JSON file: a review file (`*.review.json`) against the review
/// schema, others against the plan (or diff) schema.
///
/// # Errors
/// The problems, or one line saying the file is not readable JSON.
pub fn validate_file(path: &Path, diff: bool) -> Result<(), Vec<String>> {
    validate_file_in(path, diff, Lang::En)
}

/// [`validate_file`] with the problems in `lang`.
///
/// # Errors
/// The problems, or one line saying the file is not readable JSON.
pub fn validate_file_in(path: &Path, diff: bool, lang: Lang) -> Result<(), Vec<String>> {
    let bytes = std::fs::read(path).map_err(|e| {
        let reason = crate::i18n::read_error_message(&crate::error::ReadError::Io(e), lang);
        vec![reason]
    })?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| vec![t!(lang, "schema-not-json", detail = e.to_string())])?;
    if crate::review::is_review_file(path) {
        validate_against(&value, REVIEW_SCHEMA, lang)?;
        return crate::review::Review::from_slice(&bytes)
            .map(|_| ())
            .map_err(|e| {
                let kind = crate::ErrorKind::from(e);
                vec![crate::i18n::error_kind_message(&kind, lang)]
            });
    }
    validate_value_in(&value, diff, lang)
}

#[cfg(test)]
mod tests {
    use crate::model::WarningCode;

    /// What the review writer writes passes the review schema; a wrong
    /// shape does not.
    #[test]
    fn reviews_validate_against_their_schema() {
        let mut r = crate::review::Review::new();
        r.corrections.push(
            crate::review::Correction::new(
                Some("1-1"),
                "indicator.target.2025",
                serde_json::Value::Null,
                serde_json::json!({"raw": "120", "value": 120, "note": null}),
            )
            .unwrap()
            .with_note("改行で途切れていた"),
        );
        r.dismiss("unknown_label", Some("p.3 r5c1"), "表の注記");
        r.approve("情報政策課 山田", "2026-12-06");
        let v: serde_json::Value = serde_json::from_slice(&r.to_vec()).unwrap();
        assert_eq!(super::validate_review(&v), Ok(()));
        let bad = serde_json::json!({"schema_version": "1", "corrections": [{"path": 3}]});
        assert!(super::validate_review(&bad).is_err());
    }

    /// The schema's list of warning codes is exactly the enum's.
    #[test]
    fn the_schema_lists_every_warning_code() {
        let schema: serde_json::Value = serde_json::from_str(super::PLAN_SCHEMA).unwrap();
        let listed: Vec<&str> =
            schema["properties"]["warnings"]["items"]["properties"]["code"]["enum"]
                .as_array()
                .expect("an enum of codes")
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
        let ours: Vec<&str> = WarningCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, ours);
        for c in WarningCode::ALL {
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert_eq!(serde_json::from_str::<WarningCode>(&json).unwrap(), *c);
        }
    }
}
