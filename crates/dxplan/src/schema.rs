//! The JSON Schemas of dxplan's output, embedded, and validation against them.

use std::path::Path;

/// `schemas/plan.schema.json`: the contract for `convert --to json`.
pub const PLAN_SCHEMA: &str = include_str!("../../../schemas/plan.schema.json");
/// `schemas/diff.schema.json`: the contract for `diff --format json`.
pub const DIFF_SCHEMA: &str = include_str!("../../../schemas/diff.schema.json");

/// `schemas/review.schema.json`: a review file (`<stem>.review.json`).
pub const REVIEW_SCHEMA: &str = include_str!("../../../schemas/review.schema.json");

/// Validate a JSON value against the plan (or diff) schema. Returns one line
/// per problem: the JSON path and what is wrong.
///
/// # Errors
/// The list of problems.
pub fn validate_value(value: &serde_json::Value, diff: bool) -> Result<(), Vec<String>> {
    validate_against(value, if diff { DIFF_SCHEMA } else { PLAN_SCHEMA })
}

/// Validate a JSON value against the review file schema (what
/// [`Review::check`](crate::review::Review::check) checks beyond it: each
/// correction's path and the shape of its values).
///
/// # Errors
/// The list of problems.
pub fn validate_review(value: &serde_json::Value) -> Result<(), Vec<String>> {
    validate_against(value, REVIEW_SCHEMA)
}

fn validate_against(value: &serde_json::Value, schema: &str) -> Result<(), Vec<String>> {
    let schema: serde_json::Value = serde_json::from_str(schema).expect("embedded schema is JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("embedded schema is valid");
    let problems: Vec<String> = validator
        .iter_errors(value)
        .map(|e| {
            let path = e.instance_path().to_string();
            format!(
                "at {}: {e}",
                if path.is_empty() { "/" } else { path.as_str() }
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Validate a JSON file.
///
/// # Errors
/// The problems, or one line saying the file is not readable JSON.
pub fn validate_file(path: &Path, diff: bool) -> Result<(), Vec<String>> {
    let bytes = std::fs::read(path).map_err(|e| vec![format!("cannot read the file: {e}")])?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| vec![format!("not JSON: {e}")])?;
    validate_value(&value, diff)
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
