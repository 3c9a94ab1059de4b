//! A finished job as HTML: the plan's tables (policies, measures, the
//! schedule as a Gantt chart, indicators, costs) with each warning next to
//! the value it concerns, or a diff as the text and Markdown renderers
//! write it. Also the page drawing for a PDF warning.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::App;
use super::html::{attr, escape};
use super::jobs::{DiffOut, Job, JobState, Output, PlanOut, gone};
use super::page::{html_response, json_error, request_lang};
use dxplan::i18n::Lang;
use dxplan::model::{Granularity, Location, Measure, Period, Plan, Value, Warning};
use dxplan::t;

/// `GET /api/jobs/{id}/view`: the job's result as an HTML fragment.
pub async fn view(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    UrlPath(id): UrlPath<String>,
) -> Response {
    let lang = request_lang(&app, &headers, None);
    let Some(job) = app.jobs.get(&id) else {
        return gone(lang);
    };
    let body = match job.state() {
        JobState::Done(out) => match &*out {
            Output::Plan(p) => plan_html(&job, p, lang),
            Output::Diff(d) => diff_html(&job, d, lang),
        },
        JobState::Failed(f) => format!(
            r#"<p class="error">{}</p>"#,
            escape(&t!(
                lang,
                "web-failed",
                file = job.name.as_str(),
                reason = f.message(lang)
            ))
        ),
        _ => return json_error(StatusCode::NOT_FOUND, t!(lang, "web-error-not-ready")),
    };
    html_response(StatusCode::OK, body)
}

/// Which warnings go where: next to a value (by its `at`), under a measure
/// (same page or sheet), or in the list at the top.
struct Placed {
    by_value: HashMap<String, Vec<usize>>,
    by_measure: HashMap<usize, Vec<usize>>,
    general: Vec<usize>,
}

fn place(plan: &Plan) -> Placed {
    let value_ats: HashSet<&str> = plan
        .measures
        .iter()
        .flat_map(measure_values)
        .filter_map(|v| v.at.as_deref())
        .collect();
    let mut p = Placed {
        by_value: HashMap::new(),
        by_measure: HashMap::new(),
        general: Vec::new(),
    };
    for (i, w) in plan.warnings.iter().enumerate() {
        match w.at.as_deref() {
            Some(at) if value_ats.contains(at) => {
                p.by_value.entry(at.to_string()).or_default().push(i);
            }
            _ => match owner(plan, w) {
                Some(m) => p.by_measure.entry(m).or_default().push(i),
                None => p.general.push(i),
            },
        }
    }
    p
}

fn measure_values(m: &Measure) -> impl Iterator<Item = &Value> {
    let ind = m
        .indicators
        .iter()
        .flat_map(|i| i.target.values().chain(i.actual.values()));
    let cost = m.cost.iter().flat_map(|c| c.values.values());
    ind.chain(cost)
}

/// The measure a warning belongs to: on a sheet, the last measure of that
/// sheet starting at or above its row; on a page, the only measure read
/// from that page.
fn owner(plan: &Plan, w: &Warning) -> Option<usize> {
    match w.location.as_ref()? {
        Location::Sheet { sheet, row, .. } => plan
            .measures
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let (s, start) = sheet_start(&m.source_ref)?;
                (s == sheet && start <= *row).then_some((i, start))
            })
            .max_by_key(|(_, start)| *start)
            .map(|(i, _)| i),
        Location::Page { page, .. } => {
            let on_page: Vec<usize> = plan
                .measures
                .iter()
                .enumerate()
                .filter(|(_, m)| m.source_ref == format!("p.{page}"))
                .map(|(i, _)| i)
                .collect();
            (on_page.len() == 1).then(|| on_page[0])
        }
    }
}

/// `Sheet!A3:S18` → (`Sheet`, 3).
fn sheet_start(source_ref: &str) -> Option<(&str, u32)> {
    let (sheet, range) = source_ref.rsplit_once('!')?;
    let first = range.split(':').next()?;
    let row: String = first
        .chars()
        .skip_while(|c| c.is_ascii_alphabetic())
        .collect();
    Some((sheet.trim_matches('\''), row.parse().ok()?))
}

fn plan_html(job: &Job, p: &PlanOut, lang: Lang) -> String {
    let plan = &p.plan;
    let placed = place(plan);
    let mut s = String::new();
    let _ = write!(s, r#"<section class="plan" data-job="{}">"#, attr(&job.id));
    header(&mut s, job, plan, lang);
    downloads(&mut s, job, lang);
    if !placed.general.is_empty() {
        let _ = write!(
            s,
            r#"<div class="general-warnings"><h3>{}</h3>"#,
            escape(&t!(lang, "web-warnings-general"))
        );
        for &i in &placed.general {
            warning(&mut s, job, plan, i, lang);
        }
        s.push_str("</div>");
    }
    policies(&mut s, plan, lang);
    measures(&mut s, job, plan, &placed, lang);
    schedule(&mut s, plan, lang);
    indicators(&mut s, job, plan, &placed, lang);
    costs(&mut s, job, plan, &placed, lang);
    s.push_str("</section>");
    s
}

fn header(s: &mut String, job: &Job, plan: &Plan, lang: Lang) {
    let title = plan.plan.title.clone().unwrap_or_else(|| job.name.clone());
    let city = plan
        .plan
        .municipality
        .as_ref()
        .map(|m| format!("{}{}", m.prefecture.clone().unwrap_or_default(), m.name))
        .unwrap_or_default();
    let when = plan
        .plan
        .revised
        .as_ref()
        .or(plan.plan.issued.as_ref())
        .cloned()
        .unwrap_or_default();
    let summary = t!(
        lang,
        "web-plan-summary",
        file = job.name.as_str(),
        measures = plan.measures.len() as u64,
        warnings = plan.warnings.len() as u64
    );
    let _ = write!(
        s,
        r#"<h2>{}</h2><p class="meta">{} {} · <span class="summary">{}</span></p>"#,
        escape(&title),
        escape(&city),
        escape(&when),
        escape(&summary)
    );
}

fn downloads(s: &mut String, job: &Job, lang: Lang) {
    let base = format!("/api/jobs/{}/download", job.id);
    let _ = write!(
        s,
        r#"<div class="downloads"><span>{}</span> <a class="button" href="{base}/json" download>{}</a> <a class="button" href="{base}/xlsx" download>{}</a>"#,
        escape(&t!(lang, "web-download")),
        escape(&t!(lang, "web-download-json")),
        escape(&t!(lang, "web-download-xlsx")),
    );
    let _ = write!(
        s,
        r#" <a class="button review-link" href="/review?job={}">{}</a>"#,
        attr(&job.id),
        escape(&t!(lang, "web-review-open")),
    );
    for (what, label) in [("csv", "web-download-csv"), ("all", "web-download-all")] {
        let _ = write!(
            s,
            r#" <form class="download" method="get" action="{base}/{what}"><select name="encoding" aria-label="{}">{}</select><button type="submit" class="button" data-what="{what}">{}</button></form>"#,
            attr(&t!(lang, "web-encoding")),
            encoding_options(lang),
            escape(&t!(lang, label)),
        );
    }
    s.push_str("</div>");
}

fn encoding_options(lang: Lang) -> String {
    [
        ("utf-8-bom", "web-encoding-utf8-bom"),
        ("utf-8", "web-encoding-utf8"),
        ("shift_jis", "web-encoding-sjis"),
    ]
    .iter()
    .map(|(v, id)| format!(r#"<option value="{v}">{}</option>"#, escape(&t!(lang, id))))
    .collect()
}

fn section(s: &mut String, id: &str, title: &str) {
    let _ = write!(
        s,
        r#"<details class="table" id="{id}" open><summary>{}</summary>"#,
        escape(title)
    );
}

fn policies(s: &mut String, plan: &Plan, lang: Lang) {
    section(s, "policies", &t!(lang, "web-policies"));
    let _ = write!(
        s,
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(&t!(lang, "web-col-number")),
        escape(&t!(lang, "web-col-title")),
        escape(&t!(lang, "web-col-summary"))
    );
    for p in &plan.policies {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            p.number,
            escape(&p.title),
            escape(p.summary.as_deref().unwrap_or(""))
        );
    }
    s.push_str("</tbody></table></details>");
}

fn measures(s: &mut String, job: &Job, plan: &Plan, placed: &Placed, lang: Lang) {
    section(s, "measures", &t!(lang, "web-measures"));
    let cols = [
        "web-col-id",
        "web-col-name",
        "web-col-description",
        "web-col-effect",
        "web-col-challenges",
        "web-col-departments",
        "web-col-source",
    ];
    s.push_str("<table><thead><tr>");
    for c in cols {
        let _ = write!(s, "<th>{}</th>", escape(&t!(lang, c)));
    }
    s.push_str("</tr></thead><tbody>");
    for (i, m) in plan.measures.iter().enumerate() {
        let mut deps = m.departments.join("、");
        if m.departments_etc {
            deps.push_str(" 等");
        }
        let _ = write!(
            s,
            r#"<tr class="measure" data-id="{}"><td>{}</td><td class="name">{}</td><td class="long">{}</td><td class="long">{}</td><td class="long">{}</td><td>{}</td><td class="at">{}</td></tr>"#,
            attr(&m.id),
            escape(&m.id),
            escape(&m.name),
            escape(m.description.as_deref().unwrap_or("")),
            escape(m.effect.as_deref().unwrap_or("")),
            escape(m.challenges.as_deref().unwrap_or("")),
            escape(&deps),
            escape(&m.source_ref),
        );
        if let Some(ws) = placed.by_measure.get(&i) {
            let _ = write!(
                s,
                r#"<tr class="measure-warnings"><td colspan="{}">"#,
                cols.len()
            );
            for &w in ws {
                warning(s, job, plan, w, lang);
            }
            s.push_str("</td></tr>");
        }
    }
    s.push_str("</tbody></table></details>");
}

/// The schedule's columns: every period of every fiscal year at the
/// finest granularity the plan uses.
fn columns(plan: &Plan) -> Vec<Period> {
    let periods = plan
        .measures
        .iter()
        .flat_map(|m| &m.schedule)
        .flat_map(|a| a.plan.iter().chain(&a.actual));
    let g = periods
        .clone()
        .map(|p| p.granularity)
        .max()
        .unwrap_or(Granularity::Quarter);
    let mut years: Vec<i32> = plan.plan.fiscal_years.clone();
    years.extend(periods.map(|p| p.fiscal_year));
    years.sort_unstable();
    years.dedup();
    years
        .iter()
        .flat_map(|&y| (1..=g.columns()).map(move |i| Period::new(y, g, i)))
        .collect()
}

fn covers(periods: &[Period], col: &Period) -> bool {
    periods
        .iter()
        .any(|p| p.start_month() <= col.end_month() && col.start_month() <= p.end_month())
}

fn schedule(s: &mut String, plan: &Plan, lang: Lang) {
    section(s, "schedule", &t!(lang, "web-schedule"));
    let cols = columns(plan);
    let per_year = cols.first().map_or(1, |p| p.granularity.columns() as usize);
    let _ = write!(
        s,
        r#"<table class="gantt"><thead><tr><th rowspan="2">{}</th><th rowspan="2">{}</th><th rowspan="2"></th>"#,
        escape(&t!(lang, "web-col-id")),
        escape(&t!(lang, "web-col-activity"))
    );
    for chunk in cols.chunks(per_year) {
        let y = chunk[0].fiscal_year.to_string();
        let _ = write!(
            s,
            r#"<th colspan="{per_year}">{}</th>"#,
            escape(&t!(lang, "web-fiscal-year", year = y))
        );
    }
    s.push_str("</tr><tr>");
    for c in &cols {
        let _ = write!(
            s,
            r#"<th class="period">{}</th>"#,
            escape(&period_label(c, lang))
        );
    }
    s.push_str("</tr></thead><tbody>");
    for m in &plan.measures {
        for a in &m.schedule {
            for (kind, periods, id) in [
                ("plan", &a.plan, "web-planned"),
                ("actual", &a.actual, "web-actual"),
            ] {
                let _ = write!(s, r#"<tr class="{kind}">"#);
                if kind == "plan" {
                    let _ = write!(
                        s,
                        r#"<td rowspan="2">{}</td><td rowspan="2">{}</td>"#,
                        escape(&m.id),
                        escape(&a.activity)
                    );
                }
                let _ = write!(s, r#"<td class="kind">{}</td>"#, escape(&t!(lang, id)));
                for c in &cols {
                    let on = if covers(periods, c) { " on" } else { "" };
                    let _ = write!(s, r#"<td class="bar{on}"></td>"#);
                }
                s.push_str("</tr>");
            }
        }
    }
    s.push_str("</tbody></table></details>");
}

fn period_label(p: &Period, lang: Lang) -> String {
    let n = u64::from(p.index);
    match p.granularity {
        Granularity::Year => String::new(),
        Granularity::Half => t!(lang, "web-period-half", n = n),
        Granularity::Quarter => t!(lang, "web-period-quarter", n = n),
        Granularity::Month => t!(lang, "web-period-month", n = u64::from(p.start_month().1)),
    }
}

/// The fiscal years of the value tables.
fn value_years(plan: &Plan) -> Vec<i32> {
    let mut years = plan.plan.fiscal_years.clone();
    for m in &plan.measures {
        for i in &m.indicators {
            years.extend(i.target.keys().chain(i.actual.keys()));
        }
        if let Some(c) = &m.cost {
            years.extend(c.values.keys());
        }
    }
    years.sort_unstable();
    years.dedup();
    years
}

fn year_headers(s: &mut String, years: &[i32], lang: Lang) {
    for y in years {
        let _ = write!(
            s,
            "<th>{}</th>",
            escape(&t!(lang, "web-fiscal-year", year = y.to_string()))
        );
    }
}

fn value_cell(
    s: &mut String,
    job: &Job,
    plan: &Plan,
    placed: &Placed,
    v: Option<&Value>,
    lang: Lang,
) {
    let Some(v) = v else {
        s.push_str("<td></td>");
        return;
    };
    let at = v.at.as_deref().unwrap_or("");
    let warned = placed.by_value.get(at).filter(|_| !at.is_empty());
    let class = if warned.is_some() {
        "value warned"
    } else {
        "value"
    };
    let _ = write!(
        s,
        r#"<td class="{class}" title="{}">{}"#,
        attr(at),
        escape(&v.raw)
    );
    if let Some(ws) = warned {
        for &w in ws {
            warning(s, job, plan, w, lang);
        }
    }
    s.push_str("</td>");
}

fn indicators(s: &mut String, job: &Job, plan: &Plan, placed: &Placed, lang: Lang) {
    section(s, "indicators", &t!(lang, "web-indicators"));
    let years = value_years(plan);
    let _ = write!(
        s,
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th></th>",
        escape(&t!(lang, "web-col-id")),
        escape(&t!(lang, "web-col-indicator")),
        escape(&t!(lang, "web-col-unit"))
    );
    year_headers(s, &years, lang);
    s.push_str("</tr></thead><tbody>");
    let all = plan
        .measures
        .iter()
        .flat_map(|m| m.indicators.iter().map(move |i| (m, i)));
    for (m, ind) in all {
        for (kind, map, id) in [
            ("target", &ind.target, "web-target"),
            ("actual", &ind.actual, "web-actual"),
        ] {
            let _ = write!(s, r#"<tr class="{kind}">"#);
            if kind == "target" {
                let _ = write!(
                    s,
                    r#"<td rowspan="2">{}</td><td rowspan="2">{}</td><td rowspan="2">{}</td>"#,
                    escape(&m.id),
                    escape(&ind.name),
                    escape(ind.unit.as_deref().unwrap_or(""))
                );
            }
            let _ = write!(s, r#"<td class="kind">{}</td>"#, escape(&t!(lang, id)));
            for y in &years {
                value_cell(s, job, plan, placed, map.get(y), lang);
            }
            s.push_str("</tr>");
        }
    }
    s.push_str("</tbody></table></details>");
}

fn costs(s: &mut String, job: &Job, plan: &Plan, placed: &Placed, lang: Lang) {
    section(s, "costs", &t!(lang, "web-costs"));
    let years = value_years(plan);
    let _ = write!(
        s,
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th>",
        escape(&t!(lang, "web-col-id")),
        escape(&t!(lang, "web-col-name")),
        escape(&t!(lang, "web-col-unit"))
    );
    year_headers(s, &years, lang);
    s.push_str("</tr></thead><tbody>");
    for m in &plan.measures {
        let Some(c) = &m.cost else { continue };
        let unit = if c.zero_budget {
            t!(lang, "web-zero-budget")
        } else {
            c.unit.clone().unwrap_or_default()
        };
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td>",
            escape(&m.id),
            escape(&m.name),
            escape(&unit)
        );
        for y in &years {
            value_cell(s, job, plan, placed, c.values.get(y), lang);
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></details>");
}

/// One warning: its kind in words, its message, where, and for a PDF the
/// page drawing (loaded when opened).
fn warning(s: &mut String, job: &Job, plan: &Plan, i: usize, lang: Lang) {
    let w = &plan.warnings[i];
    let code = w.code.as_str();
    let _ = write!(
        s,
        r#"<div class="warning" data-code="{code}"><span class="code">{}</span> {} <span class="at">{}</span>"#,
        escape(&t!(lang, &format!("web-code-{code}"))),
        escape(&w.message),
        escape(w.at.as_deref().unwrap_or(""))
    );
    if matches!(w.location, Some(Location::Page { .. })) {
        let _ = write!(
            s,
            r#"<details class="page-image"><summary>{}</summary><img data-src="/api/jobs/{}/warning/{i}" alt="{}"></details>"#,
            escape(&t!(lang, "web-page-image")),
            attr(&job.id),
            attr(&t!(
                lang,
                "web-page-image-alt",
                at = w.at.as_deref().unwrap_or("")
            ))
        );
    }
    s.push_str("</div>");
}

fn diff_html(job: &Job, d: &DiffOut, lang: Lang) -> String {
    let base = format!("/api/jobs/{}/download", job.id);
    format!(
        r#"<section class="diff" data-job="{id}"><h2>{title}</h2><p class="summary">{summary}</p><div class="downloads"><a class="button" href="{base}/diff-text" download>{dl_text}</a> <a class="button" href="{base}/diff-md" download>{dl_md}</a></div><details class="table" open><summary>{text}</summary><pre class="diff-text">{body}</pre></details><details class="table"><summary>{md}</summary><pre class="diff-markdown">{markdown}</pre></details></section>"#,
        id = attr(&job.id),
        title = escape(&job.name),
        summary = escape(&t!(lang, "web-diff-changes", changes = d.changes as u64)),
        dl_text = escape(&t!(lang, "web-download-diff-text")),
        dl_md = escape(&t!(lang, "web-download-diff-markdown")),
        text = escape(&t!(lang, "web-diff-text")),
        md = escape(&t!(lang, "web-diff-markdown")),
        body = escape(&d.text),
        markdown = escape(&d.markdown),
    )
}

/// `GET /api/jobs/{id}/warning/{n}`: the page of a PDF warning drawn as
/// `dxplan inspect` draws it, with the warning's cell outlined in red.
pub async fn warning_page(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    UrlPath((id, n)): UrlPath<(String, usize)>,
) -> Response {
    let lang = request_lang(&app, &headers, None);
    let Some(job) = app.jobs.get(&id) else {
        return gone(lang);
    };
    let Some(out) = job.plan() else {
        return gone(lang);
    };
    let opts = app.cfg.read.clone();
    let permits = app.jobs.permits();
    let Ok(_permit) = permits.acquire_owned().await else {
        return gone(lang);
    };
    let work = tokio::task::spawn_blocking(move || {
        let Output::Plan(p) = &*out else { return None };
        let w = p.plan.warnings.get(n)?;
        let Some(Location::Page { page, bbox, .. }) = &w.location else {
            return None;
        };
        let svg = dxplan::inspect_svg(&p.input, *page, &opts).ok()?;
        Some(highlight(&svg, bbox))
    });
    match work.await {
        Ok(Some(svg)) => ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response(),
        _ => json_error(StatusCode::NOT_FOUND, t!(lang, "web-error-no-page")),
    }
}

/// The SVG with a red box drawn last, over `bbox` (points, top-left).
fn highlight(svg: &str, bbox: &[f32; 4]) -> String {
    outlined(svg, bbox, "dxplan-warning")
}

/// The SVG with a red box of class `class` drawn last around `bbox`
/// (points, top-left): a warning's cell, or where a value was read.
pub(crate) fn outlined(svg: &str, bbox: &[f32; 4], class: &str) -> String {
    let [x0, y0, x1, y1] = *bbox;
    let rect = format!(
        r##"<rect class="{class}" x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="none" stroke="#e00000" stroke-width="3"/>"##,
        x0 - 2.0,
        y0 - 2.0,
        (x1 - x0).max(1.0) + 4.0,
        (y1 - y0).max(1.0) + 4.0
    );
    dxplan::markup::with_layer(svg, &format!("{rect}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_ranges_give_their_first_row() {
        assert_eq!(sheet_start("1-1!A3:S18"), Some(("1-1", 3)));
        assert_eq!(sheet_start("'My Sheet'!B12:C40"), Some(("My Sheet", 12)));
        assert_eq!(sheet_start("p.3"), None);
    }

    #[test]
    fn the_highlight_is_drawn_last() {
        let s = highlight("<svg><rect/></svg>\n", &[10.0, 20.0, 30.0, 40.0]);
        assert!(s.contains(r#"x="8.00" y="18.00" width="24.00" height="24.00""#));
        assert!(s.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn quarter_columns_cover_half_year_periods() {
        let q2 = Period::new(2024, Granularity::Quarter, 2);
        let q3 = Period::new(2024, Granularity::Quarter, 3);
        let h1 = Period::new(2024, Granularity::Half, 1);
        assert!(covers(&[h1], &q2));
        assert!(!covers(&[h1], &q3));
    }
}
