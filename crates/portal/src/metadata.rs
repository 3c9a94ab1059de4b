//! What the portal shows: the dataset's name, Japanese title and notes,
//! tags, licence and extras, and each resource's Japanese name and
//! description. Pure functions of the plan, so a dry run shows exactly what
//! a real run would write.

use serde_json::{Map, Value, json};

use super::files::Kind;
use dxplan::fiscal_year_label;
use dxplan::model::Plan;

/// The licence: the Japanese government standard terms of use (公共データ
/// 利用規約 / 政府標準利用規約 2.0) are compatible with CC BY 4.0.
pub const LICENSE: &str = "cc-by";

/// The dataset extra that says a publish is changing the dataset (or was
/// cut off while it did): set before the first change, removed once the
/// files and the metadata agree again.
pub const STATUS_KEY: &str = "dxplan_status";
/// The value of [`STATUS_KEY`] while files may be of different editions.
pub const UPDATING: &str = "更新中";

/// What identifies a plan on the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// 全国地方公共団体コード (6 digits).
    pub code: String,
    /// `YYYY-MM`.
    pub edition: String,
    /// The CKAN dataset name, `<code>-dx-action-plan`.
    pub dataset: String,
}

/// The identity of a plan, or why it cannot be published.
///
/// # Errors
/// A plan without a municipality code or without an edition date.
pub fn identity(plan: &Plan) -> Result<Identity, crate::error::Missing> {
    let code = plan
        .plan
        .municipality
        .as_ref()
        .and_then(|m| m.code.clone())
        .filter(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(crate::error::Missing::Code)?;
    let edition = plan
        .plan
        .edition()
        .ok_or(crate::error::Missing::Edition)?
        .to_string();
    Ok(Identity {
        dataset: format!("{code}-dx-action-plan"),
        code,
        edition,
    })
}

/// The dataset fields dxplan owns (everything but resources and owner).
pub fn dataset_fields(plan: &Plan, id: &Identity) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("name".into(), json!(id.dataset));
    m.insert("title".into(), json!(title(plan)));
    m.insert("notes".into(), json!(notes(plan, id)));
    m.insert("license_id".into(), json!(LICENSE));
    m.insert("tags".into(), Value::Array(tags(plan)));
    m.insert("extras".into(), Value::Array(extras(plan, id)));
    m
}

/// `塩竈市DX推進アクションプラン`: the plan's title, led by the
/// municipality's name when the title lacks it.
pub fn title(plan: &Plan) -> String {
    let title = plan
        .plan
        .title
        .as_deref()
        .unwrap_or("DX推進アクションプラン");
    match municipality(plan) {
        Some(name) if !title.contains(name) => format!("{name} {title}"),
        _ => title.to_string(),
    }
}

fn municipality(plan: &Plan) -> Option<&str> {
    plan.plan.municipality.as_ref().map(|m| m.name.as_str())
}

fn prefecture(plan: &Plan) -> Option<&str> {
    plan.plan.municipality.as_ref()?.prefecture.as_deref()
}

/// `2024年3月`.
fn month(ym: &str) -> String {
    match ym.split_once('-') {
        Some((y, m)) => format!("{y}年{}月", m.trim_start_matches('0')),
        None => ym.to_string(),
    }
}

/// `令和4年度〜令和7年度（2022〜2025年度）`.
fn period(plan: &Plan) -> Option<String> {
    let first = *plan.plan.fiscal_years.first()?;
    let last = *plan.plan.fiscal_years.last()?;
    Some(format!(
        "{}〜{}（{first}〜{last}年度）",
        fiscal_year_label(first),
        fiscal_year_label(last)
    ))
}

/// The dataset description (Markdown, Japanese).
pub fn notes(plan: &Plan, id: &Identity) -> String {
    let place = format!(
        "{}{}",
        prefecture(plan).unwrap_or(""),
        municipality(plan).unwrap_or("")
    );
    let mut lines = vec![
        format!(
            "{place}の「{}」を、機械判読に適したデータ（JSON・Excel・CSV）にしたものです。",
            plan.plan
                .title
                .as_deref()
                .unwrap_or("DX推進アクションプラン")
        ),
        String::new(),
        format!("- 版（改訂年月）: {}", month(&id.edition)),
    ];
    if let Some(issued) = &plan.plan.issued {
        lines.push(format!("- 策定: {}", month(issued)));
    }
    if let Some(p) = period(plan) {
        lines.push(format!("- 計画期間: {p}"));
    }
    lines.push(format!("- 施策数: {}", plan.measures.len()));
    lines.push(format!("- 基本方針数: {}", plan.policies.len()));
    lines.push(String::new());
    lines.push(
        "各ファイルの項目は「項目定義書」を参照してください。CSV は UTF-8（BOM 付き）で、\
         どの行にも全国地方公共団体コードと改訂年月が入ります。以前の版のファイルは\
         「（YYYY-MM版）」の付いた名前で引き続き掲載しています。"
            .to_string(),
    );
    if let Some(line) = review_line(plan) {
        lines.push(String::new());
        lines.push(line);
    }
    lines.push(String::new());
    lines.push(format!(
        "元資料: {}（SHA-256: {}）。dxplan {} で変換。",
        plan.source.file,
        plan.source.sha256,
        env!("CARGO_PKG_VERSION")
    ));
    lines.join("\n")
}

/// `確認・承認: 情報政策課 山田（2026-12-06）。読み取りの修正 3 件。` for a
/// plan with a review (`<stem>.review.json`); none without.
fn review_line(plan: &Plan) -> Option<String> {
    let r = plan.review.as_ref()?;
    let who = r.by.as_deref().unwrap_or("（記載なし）");
    let when =
        r.at.as_deref()
            .map(|a| format!("（{a}）"))
            .unwrap_or_default();
    let what = if r.approved {
        "確認・承認"
    } else {
        "確認（未承認）"
    };
    Some(format!(
        "{what}: {who}{when}。読み取り結果の修正 {} 件。",
        r.applied
    ))
}

fn tags(plan: &Plan) -> Vec<Value> {
    let mut names = vec![
        "DX",
        "デジタルトランスフォーメーション",
        "アクションプラン",
        "行政計画",
    ];
    names.extend(prefecture(plan));
    names.extend(municipality(plan));
    names.into_iter().map(|n| json!({ "name": n })).collect()
}

fn extras(plan: &Plan, id: &Identity) -> Vec<Value> {
    let years: Vec<String> = plan.plan.fiscal_years.iter().map(i32::to_string).collect();
    let pairs = [
        ("団体コード", id.code.clone()),
        ("都道府県", prefecture(plan).unwrap_or_default().to_string()),
        (
            "市区町村",
            municipality(plan).unwrap_or_default().to_string(),
        ),
        ("issued", plan.plan.issued.clone().unwrap_or_default()),
        ("revised", plan.plan.revised.clone().unwrap_or_default()),
        ("edition", id.edition.clone()),
        ("fiscal_years", years.join(",")),
        ("source_file", plan.source.file.clone()),
        ("source_sha256", plan.source.sha256.clone()),
        ("dxplan_version", env!("CARGO_PKG_VERSION").to_string()),
    ];
    // Who approved the plan and when, where a review was applied.
    let review = plan.review.as_ref().map(|r| {
        [
            ("approved", r.approved.to_string()),
            ("approved_by", r.by.clone().unwrap_or_default()),
            ("approved_at", r.at.clone().unwrap_or_default()),
            ("review_corrections", r.applied.to_string()),
        ]
    });
    pairs
        .into_iter()
        .chain(review.into_iter().flatten())
        .map(|(k, v)| json!({ "key": k, "value": v }))
        .collect()
}

/// A resource's Japanese name; earlier editions carry theirs
/// (`施策一覧（CSV）（2023-09版）`).
pub fn resource_name(kind: Kind, edition: Option<&str>) -> String {
    let base = match kind {
        Kind::Json => "計画データ（JSON）",
        Kind::Workbook => "計画データ（Excel）",
        Kind::Measures => "施策一覧（CSV）",
        Kind::Schedule => "スケジュール（CSV）",
        Kind::Indicators => "目標値・実績値（CSV）",
        Kind::Costs => "事業費（CSV）",
        Kind::Dictionary => "項目定義書（CSV・Excel）",
        Kind::DataPackage => "CSVの定義（datapackage.json）",
    };
    match edition {
        Some(e) => format!("{base}（{e}版）"),
        None => base.to_string(),
    }
}

/// A resource's Japanese description; a CSV names the dictionary and the
/// Data Package that describe it.
pub fn resource_description(
    kind: Kind,
    edition: &str,
    dictionary_url: Option<&str>,
    package_url: Option<&str>,
) -> String {
    let what = match kind {
        Kind::Json => {
            "計画全体（基本方針・施策・スケジュール・指標・事業費・読み取り時の警告）を \
             dxplan の JSON 形式（schema_version 1）で収録したものです。"
        }
        Kind::Workbook => {
            "施策・スケジュール・指標・事業費・基本方針を1シート1表で収録した Excel ブックです。"
        }
        Kind::Measures => {
            "施策ごとに1行：事業名・内容・効果・現状と課題・定性評価・見直し・改善・担当部署。"
        }
        Kind::Schedule => {
            "工程表の印のある期間ごとに1行（計画・実績、縦持ち、開始日・終了日付き）。"
        }
        Kind::Indicators => {
            "指標（施策ごとに指標番号 1, 2, …）× 年度ごとに1行：目標値・実績値（数値と原文）。"
        }
        Kind::Costs => "事業費のある施策 × 年度ごとに1行：事業費（円に換算）と原文。",
        Kind::DataPackage => {
            "同じ版の4つの CSV の項目名・型・説明・単位・主キー・外部キー・文字コードを \
             Frictionless Data Package（Table Schema）で記述したものです。CSV と同じフォルダーに\
             置くと frictionless validate などで検証・読み込みができます。"
        }
        Kind::Dictionary => {
            return "CSV と Excel の各項目の名前・型・例・説明と、文字コード・数値・空欄などの\
                    共通の規則（dxplan の docs/csv.md）。"
                .to_string();
        }
    };
    let mut text = format!("{what} {}版。", month(edition));
    if let Some(url) = dictionary_url {
        text.push_str(&format!(" 項目の定義: {url}"));
    }
    if let Some(url) = package_url {
        text.push_str(&format!(" 機械可読な定義（datapackage.json）: {url}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        let json = std::fs::read("../../tests/data/shiogama.plan.json").unwrap();
        serde_json::from_slice(&json).unwrap()
    }

    #[test]
    fn identity_names_the_dataset_by_code() {
        let p = plan();
        let id = identity(&p).unwrap();
        assert_eq!(id.dataset, "042030-dx-action-plan");
        assert_eq!(id.edition, "2024-03");
        let mut p = p;
        p.plan.municipality = None;
        assert!(
            identity(&p)
                .unwrap_err()
                .to_string()
                .contains("municipality code")
        );
    }

    #[test]
    fn notes_give_edition_period_and_counts() {
        let p = plan();
        let notes = notes(&p, &identity(&p).unwrap());
        assert!(notes.starts_with("宮城県塩竈市の「塩竈市DX推進アクションプラン」"));
        assert!(notes.contains("- 版（改訂年月）: 2024年3月"));
        assert!(notes.contains("- 計画期間: 令和4年度〜令和7年度（2022〜2025年度）"));
        assert!(notes.contains(&format!("- 施策数: {}", p.measures.len())));
    }

    #[test]
    fn extras_hold_code_dates_and_hashes() {
        let p = plan();
        let f = dataset_fields(&p, &identity(&p).unwrap());
        let extras = f["extras"].as_array().unwrap();
        let get = |k: &str| {
            extras
                .iter()
                .find(|e| e["key"] == k)
                .map(|e| e["value"].clone())
                .unwrap()
        };
        assert_eq!(get("団体コード"), "042030");
        assert_eq!(get("fiscal_years"), "2022,2023,2024,2025");
        assert_eq!(get("source_sha256"), json!(p.source.sha256));
        assert_eq!(f["license_id"], "cc-by");
        assert_eq!(title(&p), "塩竈市DX推進アクションプラン");
        assert!(extras.iter().all(|e| e["key"] != "approved_by"));
    }

    #[test]
    fn an_approved_plan_names_who_approved_and_when() {
        let mut p = plan();
        p.review = Some(dxplan::model::ReviewStatus {
            file: "plan.review.json".into(),
            applied: 2,
            approved: true,
            by: Some("情報政策課 山田".into()),
            at: Some("2026-12-06".into()),
            ..Default::default()
        });
        let id = identity(&p).unwrap();
        let f = dataset_fields(&p, &id);
        let extras = f["extras"].as_array().unwrap();
        let get = |k: &str| {
            extras
                .iter()
                .find(|e| e["key"] == k)
                .map(|e| e["value"].clone())
        };
        assert_eq!(get("approved"), Some(json!("true")));
        assert_eq!(get("approved_by"), Some(json!("情報政策課 山田")));
        assert_eq!(get("approved_at"), Some(json!("2026-12-06")));
        assert!(
            notes(&p, &id)
                .contains("確認・承認: 情報政策課 山田（2026-12-06）。読み取り結果の修正 2 件。")
        );
    }
}
