//! `dxplan publish` against a real CKAN 2.11 (tests/ckan/README.md).
//!
//! The first test to run starts CKAN once for this test binary with
//! `tests/ckan/ckan.sh start target/ckan-test PID`; it stops by itself when
//! this process exits. If CKAN cannot start, every test fails and says why:
//! nothing is skipped. `DXPLAN_CKAN_ENV=path/to/env` uses a CKAN that is
//! already running instead.
//!
//! All tests publish the Shiogama plan (and some the Shiwa plan), whose
//! dataset names are fixed (`042030-dx-action-plan`,
//! `033219-dx-action-plan`), so they take turns: each holds a lock and
//! purges the datasets first.
//!
//! The interrupted publish goes through [`CuttingProxy`], a loopback proxy
//! that forwards each request to CKAN and, at the N-th write (or the N-th
//! request of any kind), lets CKAN do the work but drops the connection
//! before the answer: the worst moment for the client, which cannot know
//! whether the write happened. [`TlsProxy`] puts HTTPS in front of CKAN
//! with a certificate authority made for the test (openssl CLI).
//!
//! Every Data Package published is checked with `frictionless validate`
//! (PyPI; see tests/util/frictionless.rs).

#[path = "util/frictionless.rs"]
mod frictionless;
mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};
use util::{fixture, root};

const DATASET: &str = "042030-dx-action-plan";
const SHIWA: &str = "033219-dx-action-plan";
const OLD: &str = "shiogama-2023-09/plan.pdf";
const NEW: &str = "shiogama-2024-03/plan-ipaex.pdf";

// ------------------------------------------------------------------ CKAN

/// The running CKAN: its address and the API tokens of its users.
struct Ckan {
    url: String,
    admin: String,
    outsider: String,
}

fn ckan() -> &'static Ckan {
    static CKAN: OnceLock<Ckan> = OnceLock::new();
    CKAN.get_or_init(start_ckan)
}

fn start_ckan() -> Ckan {
    let env_file = match std::env::var_os("DXPLAN_CKAN_ENV") {
        Some(p) => PathBuf::from(p),
        None => {
            let dir = root().join("target/ckan-test");
            let started = std::time::Instant::now();
            let out = Command::new("bash")
                .arg(root().join("tests/ckan/ckan.sh"))
                .arg("start")
                .arg(&dir)
                .arg(std::process::id().to_string())
                .output()
                .expect("run tests/ckan/ckan.sh");
            assert!(
                out.status.success(),
                "CKAN did not start (tests/ckan/ckan.sh start): {}\n{}",
                String::from_utf8_lossy(&out.stderr),
                String::from_utf8_lossy(&out.stdout)
            );
            eprintln!("CKAN started in {:.1} s", started.elapsed().as_secs_f64());
            dir.join("env")
        }
    };
    let text = std::fs::read_to_string(&env_file)
        .unwrap_or_else(|e| panic!("{}: {e}", env_file.display()));
    let vars: BTreeMap<&str, &str> = text.lines().filter_map(|l| l.split_once('=')).collect();
    let get = |k: &str| {
        vars.get(k)
            .unwrap_or_else(|| panic!("{} has no {k}", env_file.display()))
            .to_string()
    };
    Ckan {
        url: get("CKAN_URL"),
        admin: get("ADMIN_TOKEN"),
        outsider: get("OUTSIDER_TOKEN"),
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

/// A CKAN action as the sysadmin; the whole answer.
fn call(action: &str, body: Value) -> Value {
    let url = format!("{}/api/3/action/{action}", ckan().url);
    let mut answer = agent()
        .post(&url)
        .header("Authorization", &ckan().admin)
        .header("Content-Type", "application/json")
        .send(serde_json::to_vec(&body).unwrap())
        .unwrap_or_else(|e| panic!("{action}: {e}"));
    let text = answer.body_mut().read_to_string().unwrap();
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("{action}: not JSON: {text}"))
}

/// The dataset as CKAN shows it, or `None`.
fn dataset() -> Option<Value> {
    dataset_named(DATASET)
}

fn dataset_named(name: &str) -> Option<Value> {
    let a = call("package_show", json!({ "id": name }));
    (a["success"] == true).then(|| a["result"].clone())
}

fn download(url: &str) -> Vec<u8> {
    let mut answer = agent().get(url).call().unwrap();
    assert_eq!(answer.status().as_u16(), 200, "GET {url}");
    answer
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_vec()
        .unwrap()
}

/// Take a turn: no other test publishes until the guard drops. The dataset
/// is purged and the organization exists.
fn turn(org: &str) -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    let guard = LOCK.lock().unwrap_or_else(|p| p.into_inner());
    purge();
    let shown = call("organization_show", json!({ "id": org }));
    if shown["success"] != true {
        let made = call("organization_create", json!({ "name": org, "title": org }));
        assert_eq!(made["success"], true, "{made}");
    }
    guard
}

/// Remove both datasets for good.
fn purge() {
    for name in [DATASET, SHIWA] {
        let purged = call("dataset_purge", json!({ "id": name }));
        assert!(
            purged["success"] == true || purged["error"]["__type"] == "Not Found Error",
            "{purged}"
        );
    }
}

// --------------------------------------------------------------- running

fn dxplan(inputs: &[&Path], url: &str, org: &str, token: Option<&str>, extra: &[&str]) -> Output {
    dxplan_env(inputs, url, org, token, extra, &[])
}

fn dxplan_env(
    inputs: &[&Path],
    url: &str,
    org: &str,
    token: Option<&str>,
    extra: &[&str],
    env: &[(&str, &Path)],
) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dxplan"));
    cmd.arg("--lang").arg("en").arg("publish").args(inputs);
    cmd.args(["--ckan", url, "--organization", org]).args(extra);
    for v in [
        "SSL_CERT_FILE",
        "CKAN_API_TOKEN",
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
    ] {
        cmd.env_remove(v);
    }
    cmd.env_remove("ALL_PROXY").env_remove("all_proxy");
    if let Some(t) = token {
        cmd.env("CKAN_API_TOKEN", t);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run dxplan")
}

/// Publish as the sysadmin; must succeed. Returns standard output.
fn publish(input: &str, org: &str, extra: &[&str]) -> String {
    let out = dxplan(
        &[&fixture(input)],
        &ckan().url,
        org,
        Some(&ckan().admin),
        extra,
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "publish {input} failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A failing run: its exit code is not 0 and its error is one line.
fn failure(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    stderr
}

// ------------------------------------------------------------- resources

fn resources(d: &Value) -> Vec<Value> {
    d["resources"].as_array().cloned().unwrap_or_default()
}

fn extra(d: &Value, key: &str) -> String {
    d["extras"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["key"] == key))
        .and_then(|e| e["value"].as_str())
        .unwrap_or_else(|| panic!("no extra {key}"))
        .to_string()
}

/// The resource of a kind and role (`latest`, or an edition).
fn resource(d: &Value, kind: &str, role: &str) -> Value {
    resources(d)
        .into_iter()
        .find(|r| {
            r["dxplan_kind"] == kind
                && (r["dxplan_role"] == role
                    || (r["dxplan_role"] == "edition" && r["dxplan_edition"] == role))
        })
        .unwrap_or_else(|| panic!("no {kind} resource for {role}"))
}

/// (kind, role, edition) of every resource; each must be unique.
fn keys(d: &Value) -> BTreeSet<(String, String, String)> {
    let rs = resources(d);
    let keys: BTreeSet<_> = rs
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (s("dxplan_kind"), s("dxplan_role"), s("dxplan_edition"))
        })
        .collect();
    assert_eq!(keys.len(), rs.len(), "duplicate resources: {rs:#?}");
    keys
}

const DATA_KINDS: [&str; 7] = [
    "json",
    "xlsx",
    "measures",
    "schedule",
    "indicators",
    "costs",
    "datapackage",
];

const TABLES: [&str; 4] = ["measures", "schedule", "indicators", "costs"];

/// Rows of a UTF-8 (BOM) CSV as header → value maps.
fn csv_rows(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let text = std::str::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a BOM");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn editions_in(bytes: &[u8]) -> BTreeSet<String> {
    csv_rows(bytes)
        .into_iter()
        .map(|r| r["改訂年月"].clone())
        .collect()
}

// ----------------------------------------------------------------- tests

#[test]
fn first_publish_creates_the_dataset_with_seven_files_and_the_dictionary() {
    let org = "t-first";
    let _turn = turn(org);
    let out = publish(OLD, org, &[]);
    assert!(out.contains("uploaded 8 file(s)"), "{out}");
    let d = dataset().expect("the dataset");
    assert_eq!(d["title"], "塩竈市DX推進アクションプラン");
    assert_eq!(d["license_id"], "cc-by");
    assert_eq!(d["organization"]["name"], org);
    let notes = d["notes"].as_str().unwrap();
    assert!(notes.contains("- 版（改訂年月）: 2023年9月"), "{notes}");
    assert!(notes.contains("- 施策数: 14"), "{notes}");
    let tags: BTreeSet<&str> = d["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        tags.contains("DX") && tags.contains("塩竈市") && tags.contains("宮城県"),
        "{tags:?}"
    );
    let source = std::fs::read(fixture(OLD)).unwrap();
    for (k, v) in [
        ("団体コード", "042030"),
        ("都道府県", "宮城県"),
        ("市区町村", "塩竈市"),
        ("issued", "2023-09"),
        ("revised", ""),
        ("edition", "2023-09"),
        ("fiscal_years", "2022,2023,2024,2025"),
        ("source_sha256", &dxplan::sha256_hex(&source)),
        ("dxplan_version", env!("CARGO_PKG_VERSION")),
    ] {
        assert_eq!(extra(&d, k), v, "extra {k}");
    }

    assert_eq!(status(&d), None, "the status is cleared at the end");
    let rs = resources(&d);
    assert_eq!(rs.len(), 8, "{rs:#?}");
    let formats: Vec<&str> = rs.iter().map(|r| r["format"].as_str().unwrap()).collect();
    assert_eq!(
        formats,
        [
            "JSON", "XLSX", "CSV", "CSV", "CSV", "CSV", "JSON", "Markdown"
        ]
    );
    let package = resource(&d, "datapackage", "latest");
    let package_page = format!(
        "{}/dataset/{DATASET}/resource/{}",
        ckan().url,
        package["id"].as_str().unwrap()
    );
    for kind in TABLES {
        let r = resource(&d, kind, "latest");
        assert_eq!(r["datapackage"], package_page.as_str(), "{kind}");
        assert!(
            r["description"].as_str().unwrap().contains(&package_page),
            "{kind}: {}",
            r["description"]
        );
    }
    let dir = util::temp_dir("portal-first-package");
    assert_valid_package(&d, "latest", &dir);
    let dict = resource(&d, "dictionary", "latest");
    assert_eq!(dict["name"], "項目定義書（CSV・Excel）");
    let dict_page = format!(
        "{}/dataset/{DATASET}/resource/{}",
        ckan().url,
        dict["id"].as_str().unwrap()
    );
    for kind in DATA_KINDS {
        let r = resource(&d, kind, "latest");
        assert_eq!(r["dxplan_edition"], "2023-09");
        assert!(
            !r["name"].as_str().unwrap().is_ascii(),
            "a Japanese name: {}",
            r["name"]
        );
        assert!(
            r["description"].as_str().unwrap().contains("2023年9月版"),
            "{}",
            r["description"]
        );
        assert_eq!(r["data_dictionary"], dict_page.as_str());
        let bytes = download(r["url"].as_str().unwrap());
        assert_eq!(
            dxplan::sha256_hex(&bytes),
            r["hash"].as_str().unwrap(),
            "{kind}"
        );
        assert!(
            r["url"].as_str().unwrap().contains("042030-2023-09"),
            "{}",
            r["url"]
        );
    }
    let measures = download(resource(&d, "measures", "latest")["url"].as_str().unwrap());
    assert_eq!(csv_rows(&measures).len(), 14);
    assert_eq!(
        editions_in(&measures),
        BTreeSet::from(["2023-09".to_string()])
    );
    let json = download(resource(&d, "json", "latest")["url"].as_str().unwrap());
    let plan: dxplan::Plan = serde_json::from_slice(&json).unwrap();
    assert_eq!(plan.source.sha256, dxplan::sha256_hex(&source));
    let dict_bytes = download(dict["url"].as_str().unwrap());
    assert_eq!(
        dict_bytes,
        std::fs::read(root().join("docs/csv.md")).unwrap()
    );
}

#[test]
fn republishing_the_same_plan_uploads_nothing() {
    let org = "t-same";
    let _turn = turn(org);
    publish(OLD, org, &[]);
    let before = dataset().unwrap();
    let out = publish(OLD, org, &[]);
    assert!(out.contains("nothing uploaded"), "{out}");
    assert!(
        !out.contains("created") && !out.contains("updated"),
        "{out}"
    );
    let after = dataset().unwrap();
    assert_eq!(before["metadata_modified"], after["metadata_modified"]);
    assert_eq!(before["resources"], after["resources"]);
}

#[test]
fn a_new_edition_updates_the_latest_files_and_keeps_the_earlier_ones() {
    let org = "t-edition";
    let _turn = turn(org);
    publish(OLD, org, &[]);
    let first = dataset().unwrap();
    let out = publish(NEW, org, &[]);
    assert!(out.contains("kept earlier edition"), "{out}");
    let d = dataset().unwrap();
    assert_eq!(extra(&d, "revised"), "2024-03");
    assert!(d["notes"].as_str().unwrap().contains("- 施策数: 15"));
    assert_eq!(resources(&d).len(), 15, "8 latest + 7 of 2023-09");
    assert_eq!(keys(&d).len(), 15);
    assert_eq!(status(&d), None);
    // The kept CSV files link to the Data Package of their edition, which
    // still describes them.
    let old_package = resource(&d, "datapackage", "2023-09");
    for kind in TABLES {
        let r = resource(&d, kind, "2023-09");
        let want = format!(
            "{}/dataset/{DATASET}/resource/{}",
            ckan().url,
            old_package["id"].as_str().unwrap()
        );
        assert_eq!(r["datapackage"], want.as_str(), "{kind}");
    }
    let dir = util::temp_dir("portal-edition-packages");
    assert_valid_package(&d, "latest", &dir.join("latest"));
    assert_valid_package(&d, "2023-09", &dir.join("2023-09"));
    for kind in DATA_KINDS {
        let was = resource(&first, kind, "latest");
        let now = resource(&d, kind, "latest");
        assert_eq!(
            was["id"], now["id"],
            "{kind}: the latest resource keeps its id"
        );
        assert_eq!(now["dxplan_edition"], "2024-03");
        let old = resource(&d, kind, "2023-09");
        assert_eq!(
            old["hash"], was["hash"],
            "{kind}: the earlier file, unchanged"
        );
        let bytes = download(old["url"].as_str().unwrap());
        assert_eq!(dxplan::sha256_hex(&bytes), was["hash"].as_str().unwrap());
        assert!(old["name"].as_str().unwrap().ends_with("（2023-09版）"));
    }
    // The stable address of the latest costs file serves the new edition.
    let costs = resource(&d, "costs", "latest");
    let stable = format!(
        "{}/dataset/{DATASET}/resource/{}/download",
        ckan().url,
        costs["id"].as_str().unwrap()
    );
    assert_eq!(
        editions_in(&download(&stable)),
        BTreeSet::from(["2024-03".to_string()])
    );
    let old = download(resource(&d, "costs", "2023-09")["url"].as_str().unwrap());
    assert_eq!(editions_in(&old), BTreeSet::from(["2023-09".to_string()]));
    // Publishing the older edition again changes nothing.
    let out = publish(OLD, org, &[]);
    assert!(out.contains("nothing uploaded"), "{out}");
    assert_eq!(dataset().unwrap()["resources"], d["resources"]);
}

#[test]
fn a_dry_run_changes_nothing_on_the_server() {
    let org = "t-dry";
    let _turn = turn(org);
    let out = publish(OLD, org, &["--dry-run"]);
    assert!(out.contains("would create"), "{out}");
    assert!(out.contains("nothing was changed"), "{out}");
    assert!(dataset().is_none(), "a dry run created the dataset");
    publish(OLD, org, &[]);
    let before = dataset().unwrap();
    let out = publish(NEW, org, &["--dry-run"]);
    assert!(
        out.contains("would keep earlier edition: 施策一覧（CSV）（2023-09版）"),
        "{out}"
    );
    assert!(
        out.contains("would update: 施策一覧（CSV） (042030-2024-03-measures.csv)"),
        "{out}"
    );
    let after = dataset().unwrap();
    assert_eq!(before["metadata_modified"], after["metadata_modified"]);
    assert_eq!(before["resources"], after["resources"]);
    // Without a token a dry run still reads the public dataset.
    let out = dxplan(&[&fixture(OLD)], &ckan().url, org, None, &["--dry-run"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing uploaded"));
}

#[test]
fn a_missing_or_refused_token_is_an_error_and_never_printed() {
    let org = "t-token";
    let _turn = turn(org);
    let input = fixture(OLD);
    let err = failure(&dxplan(&[&input], &ckan().url, org, None, &[]));
    assert!(err.contains("CKAN_API_TOKEN"), "{err}");
    let bad = "not-a-token-5f2c9e";
    let out = dxplan(&[&input], &ckan().url, org, Some(bad), &[]);
    let err = failure(&out);
    assert!(err.contains("CKAN refused the API token"), "{err}");
    assert!(!err.contains(bad) && !String::from_utf8_lossy(&out.stdout).contains(bad));
    let out = dxplan(&[&input], &ckan().url, org, Some(&ckan().outsider), &[]);
    let err = failure(&out);
    assert!(err.contains("CKAN refused the API token"), "{err}");
    assert!(!err.contains(&ckan().outsider));
    assert!(dataset().is_none());
}

#[test]
fn a_missing_organization_is_an_error() {
    let _turn = turn("t-org");
    let out = dxplan(
        &[&fixture(OLD)],
        &ckan().url,
        "no-such-org",
        Some(&ckan().admin),
        &[],
    );
    let err = failure(&out);
    assert!(
        err.contains("organization no-such-org does not exist"),
        "{err}"
    );
    assert!(dataset().is_none());
}

#[test]
fn a_server_that_is_down_is_an_error() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let out = dxplan(&[&fixture(OLD)], &url, "t-down", Some("some-token"), &[]);
    let err = failure(&out);
    assert!(
        err.contains("cannot reach CKAN at http://127.0.0.1"),
        "{err}"
    );
    // One language per run (tests/language.rs checks the Japanese).
    assert!(!err.contains("CKAN に接続できません"), "{err}");
}

#[test]
fn a_redirect_is_reported_and_not_followed() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in listener.incoming().take(5) {
            let Ok(mut c) = conn else { continue };
            let _ = read_request(&mut c);
            let moved = "HTTP/1.1 301 Moved Permanently\r\nLocation: https://127.0.0.1:9/\r\n\
                         Content-Length: 0\r\nConnection: close\r\n\r\n";
            let _ = c.write_all(moved.as_bytes());
        }
    });
    let out = dxplan(
        &[&fixture(OLD)],
        &url,
        "t-moved",
        Some("secret-token-7"),
        &[],
    );
    let err = failure(&out);
    assert!(
        err.contains("CKAN redirected to https://127.0.0.1:9/"),
        "{err}"
    );
    assert!(!err.contains("secret-token-7"));
}

#[test]
fn refused_content_and_too_large_files_say_what_ckan_said() {
    let org = "t-refused";
    let _turn = turn(org);
    let dir = util::temp_dir("portal-refused");
    let base: Value = serde_json::from_slice(
        &std::fs::read(root().join("tests/data/shiogama.plan.json")).unwrap(),
    )
    .unwrap();
    // A municipality name CKAN does not take as a tag: 409 with its message.
    let mut odd = base.clone();
    odd["plan"]["municipality"]["name"] = json!("塩竈市!?");
    let path = dir.join("odd.json");
    std::fs::write(&path, serde_json::to_vec(&odd).unwrap()).unwrap();
    let err = failure(&dxplan(
        &[&path],
        &ckan().url,
        org,
        Some(&ckan().admin),
        &[],
    ));
    assert!(err.contains("CKAN refused package_create: tags:"), "{err}");
    assert!(dataset().is_none());
    // Files over CKAN's ckan.max_resource_size (2 MB in tests/ckan/ckan.sh).
    let mut big = base;
    for m in big["measures"].as_array_mut().unwrap() {
        m["description"] = json!("あ".repeat(30_000));
        m["effect"] = json!("い".repeat(30_000));
    }
    let path = dir.join("big.json");
    std::fs::write(&path, serde_json::to_vec(&big).unwrap()).unwrap();
    let err = failure(&dxplan(
        &[&path],
        &ckan().url,
        org,
        Some(&ckan().admin),
        &[],
    ));
    assert!(
        err.contains("042030-2024-03.json is too large for this CKAN"),
        "{err}"
    );
    assert!(err.contains("File upload too large"), "{err}");
    // The refused upload left the portal as it was: no dataset.
    assert_eq!(dataset(), None, "after the too-large upload");
    // On a published dataset, the too-large new edition leaves every file
    // as it was (the copy of the earlier edition it made is removed).
    publish(OLD, org, &[]);
    let before = dataset().unwrap();
    let err = failure(&dxplan(
        &[&path],
        &ckan().url,
        org,
        Some(&ckan().admin),
        &[],
    ));
    assert!(err.contains("is too large for this CKAN"), "{err}");
    let after = dataset().unwrap();
    assert_eq!(after["resources"], before["resources"]);
    assert_eq!(after["extras"], before["extras"]);
}

#[test]
fn an_interrupted_first_publish_is_finished_by_a_rerun() {
    let org = "t-cut-first";
    let _turn = turn(org);
    let proxy = CuttingProxy::start(&ckan().url, Cut::Write(3));
    let out = dxplan(&[&fixture(OLD)], &proxy.url, org, Some(&ckan().admin), &[]);
    let err = failure(&out);
    assert!(err.contains("cannot reach CKAN"), "{err}");
    assert!(err.contains("run the same command again"), "{err}");
    let half = dataset().expect("the dataset was created before the cut");
    assert_eq!(
        resources(&half).len(),
        2,
        "dataset, dictionary, then the Data Package (cut)"
    );
    assert_eq!(status(&half).as_deref(), Some("更新中"));
    let out = publish(OLD, org, &[]);
    assert!(
        out.contains("unchanged: CSVの定義（datapackage.json）"),
        "{out}"
    );
    let d = dataset().unwrap();
    assert_eq!(keys(&d).len(), 8);
    assert_eq!(status(&d), None);
    let names = call("package_list", json!({}));
    let count = names["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| *n == DATASET)
        .count();
    assert_eq!(count, 1);
}

#[test]
fn an_interrupted_new_edition_is_finished_by_a_rerun() {
    let org = "t-cut-edition";
    let _turn = turn(org);
    publish(OLD, org, &[]);
    let first = dataset().unwrap();
    // Writes: mark, keep datapackage, keep json, update json, keep xlsx
    // (cut); the latest datapackage is updated last.
    let proxy = CuttingProxy::start(&ckan().url, Cut::Write(5));
    let out = dxplan(&[&fixture(NEW)], &proxy.url, org, Some(&ckan().admin), &[]);
    failure(&out);
    let half = dataset().unwrap();
    assert_eq!(resources(&half).len(), 11, "8 + 3 kept editions");
    assert_eq!(status(&half).as_deref(), Some("更新中"));
    assert_eq!(extra(&half, "edition"), "2023-09", "metadata comes last");
    publish(NEW, org, &[]);
    let d = dataset().unwrap();
    assert_eq!(status(&d), None);
    let keys = keys(&d);
    assert_eq!(keys.len(), 15, "{keys:#?}");
    for kind in DATA_KINDS {
        let now = resource(&d, kind, "latest");
        assert_eq!(now["dxplan_edition"], "2024-03", "{kind}");
        let was = resource(&first, kind, "latest");
        assert_eq!(resource(&d, kind, "2023-09")["hash"], was["hash"], "{kind}");
    }
    assert_eq!(extra(&d, "revised"), "2024-03");
}

// ------------------------------------------------- status, Data Package

/// The `dxplan_status` extra, if any.
fn status(d: &Value) -> Option<String> {
    d["extras"]
        .as_array()?
        .iter()
        .find(|e| e["key"] == "dxplan_status")
        .and_then(|e| e["value"].as_str().map(String::from))
}

/// Download a Data Package resource (`latest` or an edition) and the CSV
/// files of the same role beside it, and let `frictionless validate` check
/// the files against it (types, keys, foreign keys, bytes and hash).
fn assert_valid_package(d: &Value, role: &str, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let package = resource(d, "datapackage", role);
    let bytes = download(package["url"].as_str().unwrap());
    let descriptor: Value = serde_json::from_slice(&bytes).unwrap();
    let path = dir.join("datapackage.json");
    std::fs::write(&path, &bytes).unwrap();
    for kind in TABLES {
        let r = resource(d, kind, role);
        let url = r["url"].as_str().unwrap();
        let name = url.rsplit('/').next().unwrap();
        let listed = descriptor["resources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["path"] == name && x["name"] == kind);
        assert!(listed, "{kind} ({name}) not in the package: {descriptor:#}");
        std::fs::write(dir.join(name), download(url)).unwrap();
    }
    frictionless::assert_valid(&path);
}

// ---------------------------------------------------- the nested archive

/// `plans/<city>/<edition>/plan.xlsx` of committed fixtures, two editions
/// of two cities, with what a real archive also holds: a hidden folder
/// with a newer edition (must not be read), an Office lock file and a note.
fn archive(dir: &Path) -> PathBuf {
    let plans = dir.join("plans");
    let copies = [
        ("塩竈市/R5.9/plan.xlsx", "shiogama-2023-09/plan.xlsx"),
        ("塩竈市/R6.3/plan.xlsx", "shiogama-2024-03/plan.xlsx"),
        ("紫波町/R8.4/plan.xlsx", "shiwa-2026-04/plan.xlsx"),
        ("紫波町/R8.10/plan.xlsx", "shiwa-2026-10/plan.xlsx"),
        (".old/塩竈市/R7.3/plan.xlsx", "shiogama-2025-03/plan.xlsx"),
    ];
    for (to, from) in copies {
        let to = plans.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture(from), &to).unwrap();
    }
    std::fs::write(plans.join("塩竈市/R6.3/~$plan.xlsx"), b"lock").unwrap();
    std::fs::write(plans.join("紫波町/メモ.txt"), "R8.10 は 10 月改訂").unwrap();
    plans
}

/// The latest and edition resources a publish of [`archive`] leaves.
fn assert_archive_published(d: &Value, newest: &str, earlier: &str) {
    assert_eq!(extra(d, "edition"), newest);
    assert_eq!(status(d), None, "status cleared");
    let keys = keys(d);
    assert_eq!(keys.len(), 15, "8 latest + 7 of {earlier}: {keys:#?}");
    for kind in DATA_KINDS {
        assert_eq!(resource(d, kind, "latest")["dxplan_edition"], newest);
        assert_eq!(resource(d, kind, earlier)["dxplan_edition"], earlier);
    }
}

#[test]
fn a_nested_archive_publishes_as_convert_walks_it() {
    let org = "t-archive";
    let _turn = turn(org);
    let dir = util::temp_dir("portal-archive");
    let plans = archive(&dir);
    let out = dxplan(&[&plans], &ckan().url, org, Some(&ckan().admin), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}\n{stdout}");
    assert!(
        stderr.contains("skipped") && stderr.contains("~$plan.xlsx"),
        "{stderr}"
    );
    assert!(stderr.contains("メモ.txt"), "{stderr}");
    assert!(
        !stdout.contains(".old"),
        "hidden folders are not read: {stdout}"
    );
    // Oldest first within each city.
    let at = |p: &str| stdout.find(p).unwrap_or_else(|| panic!("{p}: {stdout}"));
    assert!(at("塩竈市/R5.9/plan.xlsx") < at("塩竈市/R6.3/plan.xlsx"));
    assert!(at("紫波町/R8.4/plan.xlsx") < at("紫波町/R8.10/plan.xlsx"));
    let shiogama = dataset().unwrap();
    assert_archive_published(&shiogama, "2024-03", "2023-09");
    let shiwa = dataset_named(SHIWA).expect("the Shiwa dataset");
    assert_archive_published(&shiwa, "2026-10", "2026-04");
    let check = util::temp_dir("portal-archive-packages");
    assert_valid_package(&shiwa, "latest", &check.join("shiwa-latest"));
    assert_valid_package(&shiwa, "2026-04", &check.join("shiwa-2026-04"));
    // Published again: nothing changes.
    let out = dxplan(&[&plans], &ckan().url, org, Some(&ckan().admin), &[]);
    assert!(out.status.success());
    let again = String::from_utf8_lossy(&out.stdout);
    assert_eq!(again.matches("nothing uploaded").count(), 4, "{again}");
    assert_eq!(dataset().unwrap()["resources"], shiogama["resources"]);
}

/// `--approved-only` publishes what a review approves for the file as it
/// is, says in one line why each other plan is skipped, and the dataset
/// names who approved and when.
#[test]
fn approved_only_publishes_approved_plans_and_names_the_approver() {
    let org = "t-review";
    let _turn = turn(org);
    let dir = util::temp_dir("portal-review");
    let plans = dir.join("plans");
    for (to, from) in [
        ("塩竈市/plan.xlsx", "shiogama-2024-03/plan.xlsx"),
        ("紫波町/R8.4/plan.xlsx", "shiwa-2026-04/plan.xlsx"),
        ("紫波町/R8.10/plan.xlsx", "shiwa-2026-10/plan.xlsx"),
    ] {
        let to = plans.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture(from), &to).unwrap();
    }
    let review = |approved: bool, input: &str| {
        let sha = dxplan::sha256_hex(&std::fs::read(plans.join(input)).unwrap());
        json!({
            "schema_version": "1",
            "source_sha256": sha,
            "reviewed": {"by": "情報政策課 山田", "at": "2026-12-06", "approved": approved},
            "corrections": [],
            "dismissed": []
        })
        .to_string()
    };
    std::fs::write(
        plans.join("塩竈市/plan.review.json"),
        review(true, "塩竈市/plan.xlsx"),
    )
    .unwrap();
    std::fs::write(
        plans.join("紫波町/R8.4/plan.review.json"),
        review(false, "紫波町/R8.4/plan.xlsx"),
    )
    .unwrap();
    let out = dxplan(
        &[&plans],
        &ckan().url,
        org,
        Some(&ckan().admin),
        &["--approved-only"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}\n{stdout}");
    let skipped: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("not published"))
        .collect();
    assert_eq!(skipped.len(), 2, "{stderr}");
    assert!(
        stderr.contains("R8.4/plan.xlsx: not published: plan.review.json does not approve it"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "R8.10/plan.xlsx: not published: there is no review file plan.review.json beside it"
        ),
        "{stderr}"
    );
    assert!(!stdout.contains("紫波町"), "{stdout}");
    let d = dataset().expect("the approved plan is published");
    assert_eq!(extra(&d, "approved"), "true");
    assert_eq!(extra(&d, "approved_by"), "情報政策課 山田");
    assert_eq!(extra(&d, "approved_at"), "2026-12-06");
    assert!(
        d["notes"]
            .as_str()
            .unwrap()
            .contains("確認・承認: 情報政策課 山田（2026-12-06）"),
        "{}",
        d["notes"]
    );
    assert!(
        dataset_named(SHIWA).is_none(),
        "nothing of 紫波町 is published"
    );
}

/// `dxplan serve --archive DIR --ckan URL`: the review page's publish
/// endpoint (what its button calls) publishes a saved, approved plan to
/// CKAN as `publish --approved-only` does, refuses one without approval
/// (409, nothing sent), and a second press changes nothing.
#[test]
fn the_review_page_publishes_an_approved_plan() {
    let org = "t-page";
    let _turn = turn(org);
    let dir = util::temp_dir("portal-page");
    let plans = dir.join("plans");
    for (to, from) in [
        ("塩竈市/plan.xlsx", "shiogama-2024-03/plan.xlsx"),
        ("紫波町/plan.xlsx", "shiwa-2026-04/plan.xlsx"),
    ] {
        let to = plans.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture(from), &to).unwrap();
    }
    let sha = dxplan::sha256_hex(&std::fs::read(plans.join("塩竈市/plan.xlsx")).unwrap());
    std::fs::write(
        plans.join("塩竈市/plan.review.json"),
        json!({
            "schema_version": "1",
            "source_sha256": sha,
            "reviewed": {"by": "情報政策課 佐藤", "at": "2026-12-07", "approved": true},
            "corrections": [],
            "dismissed": []
        })
        .to_string(),
    )
    .unwrap();
    let temp = dir.join("server-temp");
    std::fs::create_dir_all(&temp).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .args(["serve", "--listen", "127.0.0.1:0", "--archive"])
        .arg(&plans)
        .args(["--ckan", &ckan().url, "--organization", org, "--temp-dir"])
        .arg(&temp)
        .env("CKAN_API_TOKEN", &ckan().admin)
        .env_remove("DXPLAN_TOKEN")
        .env("LANG", "ja_JP.UTF-8")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("cannot start dxplan serve");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) else {
        let _ = child.kill();
        let mut err = String::new();
        let _ = child.stderr.take().unwrap().read_to_string(&mut err);
        panic!("dxplan serve did not say where it listens: {line:?} {err}");
    };
    let url = url.trim_end_matches('/').to_string();
    let press = |path: &str| {
        let mut answer = agent()
            .post(&format!("{url}/api/review/publish"))
            .header("Content-Type", "application/json")
            .header("Accept-Language", "ja")
            .send(json!({ "path": path }).to_string())
            .unwrap();
        let status = answer.status().as_u16();
        let text = answer.body_mut().read_to_string().unwrap();
        (status, serde_json::from_str::<Value>(&text).unwrap())
    };
    let (status, refused) = press("紫波町/plan.xlsx");
    let (first, published) = press("塩竈市/plan.xlsx");
    let (again, unchanged) = press("塩竈市/plan.xlsx");
    let _ = child.kill();
    let _ = child.wait();

    assert_eq!(status, 409, "{refused}");
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .contains("確認ファイル plan.review.json がありません"),
        "{refused}"
    );
    assert!(dataset_named(SHIWA).is_none(), "nothing of 紫波町 is sent");

    assert_eq!(first, 200, "{published}");
    let steps: Vec<&str> = published["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let uploads = steps.iter().filter(|s| s.contains("（")).count();
    assert!(uploads >= 7, "{published}");
    assert!(
        published["outcome"]
            .as_str()
            .unwrap()
            .contains(&format!("{uploads} 件のファイルをアップロードしました")),
        "{published}"
    );
    let d = dataset().expect("the approved plan is published");
    assert_eq!(extra(&d, "approved_by"), "情報政策課 佐藤");
    for r in resources(&d) {
        let name = r["name"].as_str().unwrap();
        assert!(
            steps.iter().any(|s| s.contains(name)),
            "{name} not in {steps:?}"
        );
    }
    assert_eq!(
        published["url"].as_str().unwrap(),
        format!("{}/dataset/{DATASET}", ckan().url)
    );

    assert_eq!(again, 200, "{unchanged}");
    assert!(
        unchanged["outcome"].as_str().unwrap().contains("変更なし"),
        "{unchanged}"
    );
}

/// A named folder without plans is still an error.
#[test]
fn a_folder_without_plans_is_an_error() {
    let dir = util::temp_dir("portal-empty");
    std::fs::create_dir_all(dir.join("a/.hidden")).unwrap();
    std::fs::write(dir.join("a/.hidden/plan.xlsx"), b"x").unwrap();
    std::fs::write(dir.join("a/note.txt"), b"x").unwrap();
    let out = dxplan(&[&dir], "http://127.0.0.1:9", "o", Some("t"), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("no plan files"), "{stderr}");
}

// ------------------------------------------------------ fault injection

/// What a reader sees of both datasets: the metadata and every resource
/// in order, with resource ids replaced by what they name (ids differ from
/// run to run; what they point at must not).
fn portal_view() -> Value {
    let mut out = Map::new();
    for name in [DATASET, SHIWA] {
        let Some(d) = dataset_named(name) else {
            out.insert(name.into(), Value::Null);
            continue;
        };
        let rs = resources(&d);
        let ids: Vec<(String, String)> = rs
            .iter()
            .map(|r| {
                let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
                let key = format!(
                    "<{}/{}/{}>",
                    s("dxplan_kind"),
                    s("dxplan_role"),
                    s("dxplan_edition")
                );
                (s("id"), key)
            })
            .collect();
        let unid = |v: &Value| {
            let mut t = v.as_str().unwrap_or_default().to_string();
            for (id, key) in &ids {
                t = t.replace(id, key);
            }
            Value::String(t)
        };
        let shown: Vec<Value> = rs
            .iter()
            .map(|r| {
                let file = r["url"].as_str().unwrap_or_default().rsplit('/').next();
                json!({
                    "name": r["name"], "description": unid(&r["description"]),
                    "format": r["format"], "mimetype": r["mimetype"], "hash": r["hash"],
                    "kind": r["dxplan_kind"], "role": r["dxplan_role"],
                    "edition": r["dxplan_edition"], "file": file,
                    "data_dictionary": unid(&r["data_dictionary"]),
                    "datapackage": unid(&r["datapackage"]),
                })
            })
            .collect();
        let mut extras: Vec<(String, String)> = d["extras"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["key"].as_str().unwrap().into(),
                    e["value"].as_str().unwrap().into(),
                )
            })
            .collect();
        extras.sort();
        let mut tags: Vec<&str> = d["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        tags.sort();
        out.insert(
            name.into(),
            json!({
                "title": d["title"], "notes": d["notes"], "license_id": d["license_id"],
                "state": d["state"], "organization": d["organization"]["name"],
                "tags": tags, "extras": extras, "resources": shown,
            }),
        );
    }
    Value::Object(out)
}

/// A dataset left by a cut either says it is being updated, or its latest
/// files are complete and all of the edition its metadata names.
fn assert_honest(k: usize) {
    for name in [DATASET, SHIWA] {
        let Some(d) = dataset_named(name) else {
            continue;
        };
        if status(&d).as_deref() == Some("更新中") {
            continue;
        }
        let latest: Vec<Value> = resources(&d)
            .into_iter()
            .filter(|r| r["dxplan_role"] == "latest")
            .collect();
        let edition = extra(&d, "edition");
        let mixed: Vec<&Value> = latest
            .iter()
            .filter(|r| r["dxplan_kind"] != "dictionary" && r["dxplan_edition"] != edition.as_str())
            .collect();
        assert!(
            latest.len() == 8 && mixed.is_empty(),
            "cut {k}: {name} has mixed or missing files without saying so: {latest:#?}"
        );
    }
}

/// Cut a whole publish of [`archive`] (two editions of two cities) after
/// its k-th request, for every k; after each cut a plain rerun must leave
/// the portal exactly as an uninterrupted publish does.
///
/// A cut after a read (`package_show`, a download) leaves the portal as the
/// cut before it did; dxplan decides from what the portal holds and the
/// plans alone, so the rerun from that same state is the one already
/// checked, and is not run again (the cut itself, its error line and the
/// mark are checked for every k).
#[test]
fn every_cut_of_a_whole_publish_is_finished_by_a_rerun() {
    let org = "t-every-cut";
    let _turn = turn(org);
    let dir = util::temp_dir("portal-every-cut");
    let plans = archive(&dir);
    let admin = Some(ckan().admin.as_str());
    let started = Instant::now();
    let proxy = CuttingProxy::start(&ckan().url, Cut::Never);
    let out = dxplan(&[&plans], &proxy.url, org, admin, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let n = proxy.requests();
    let want = portal_view();
    assert!(n > 40, "a whole publish makes {n} requests");
    let mut last_cut: Option<Value> = None;
    let mut reruns = 0;
    for k in 1..=n {
        purge();
        let proxy = CuttingProxy::start(&ckan().url, Cut::Request(k));
        let out = dxplan(&[&plans], &proxy.url, org, admin, &[]);
        assert!(!out.status.success(), "cut {k}: expected a failure");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let err = stderr.trim_end().lines().last().unwrap_or_default();
        assert!(
            err.contains("run the same command again"),
            "cut {k}: {stderr}"
        );
        assert_honest(k);
        let cut = portal_view();
        if last_cut.as_ref() == Some(&cut) {
            continue;
        }
        last_cut = Some(cut);
        reruns += 1;
        let out = dxplan(&[&plans], &ckan().url, org, admin, &[]);
        assert!(
            out.status.success(),
            "rerun after cut {k}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = portal_view();
        if got != want {
            let (w, g) = (
                serde_json::to_string_pretty(&want).unwrap(),
                serde_json::to_string_pretty(&got).unwrap(),
            );
            let diff: Vec<String> = w
                .lines()
                .zip(g.lines())
                .filter(|(a, b)| a != b)
                .take(20)
                .map(|(a, b)| format!("- {a}\n+ {b}"))
                .collect();
            panic!("after cut {k} of {n} and a rerun:\n{}", diff.join("\n"));
        }
    }
    eprintln!(
        "every cut: {n} cuts of a whole publish, {reruns} distinct states each rerun, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

// ----------------------------------------------------------------- HTTPS

#[test]
fn publishing_over_https_trusts_the_given_ca() {
    let org = "t-https";
    let _turn = turn(org);
    let dir = util::temp_dir("portal-https");
    let tls = TlsProxy::start(&ckan().url, &dir);
    let input = fixture(OLD);
    let admin = Some(ckan().admin.as_str());
    // Without the test CA the certificate is refused, and nothing is sent.
    let out = dxplan(&[&input], &tls.url, org, admin, &[]);
    let err = failure(&out);
    assert!(err.contains("cannot reach CKAN at https://"), "{err}");
    assert!(err.to_lowercase().contains("certificate"), "{err}");
    assert!(dataset().is_none());
    // --ca-cert.
    let ca = tls.ca.to_str().unwrap();
    let out = dxplan(&[&input], &tls.url, org, admin, &["--ca-cert", ca]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("uploaded 8 file(s)"));
    // SSL_CERT_FILE, and a new edition (which downloads the kept files
    // through the proxy too).
    let env = [("SSL_CERT_FILE", tls.ca.as_path())];
    let out = dxplan_env(&[&fixture(NEW)], &tls.url, org, admin, &[], &env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = dataset().unwrap();
    assert_eq!(keys(&d).len(), 15);
    assert_eq!(status(&d), None);
    assert!(tls.served() > 10, "the publish went through the TLS proxy");
    // A file that holds no certificate is said plainly.
    let bad = dir.join("empty.pem");
    std::fs::write(&bad, "").unwrap();
    let bad = bad.to_str().unwrap();
    let err = failure(&dxplan(
        &[&input],
        &tls.url,
        org,
        admin,
        &["--ca-cert", bad],
    ));
    assert!(err.contains("cannot read the CA certificates"), "{err}");
}

// ----------------------------------------------------------------- proxy

/// Where [`CuttingProxy`] cuts.
#[derive(Debug, Clone, Copy)]
enum Cut {
    /// At the N-th write (`POST` to a `_create`, `_patch` or `_update`
    /// action).
    Write(usize),
    /// At the N-th request of any kind.
    Request(usize),
    Never,
}

/// A loopback proxy in front of CKAN that forwards each request (one per
/// connection) and, where told to cut, forwards it but closes the client's
/// connection without the answer. It counts the requests it forwarded.
struct CuttingProxy {
    url: String,
    requests: Arc<AtomicUsize>,
}

impl CuttingProxy {
    fn start(upstream: &str, cut: Cut) -> Self {
        let upstream = upstream.trim_start_matches("http://").to_string();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let count = requests.clone();
        std::thread::spawn(move || {
            let mut writes = 0;
            for conn in listener.incoming().take(2000) {
                let Ok(client) = conn else { continue };
                let cut_here = |head: &str| {
                    let n = count.fetch_add(1, Ordering::SeqCst) + 1;
                    if is_write(head) {
                        writes += 1;
                    }
                    match cut {
                        Cut::Write(k) => is_write(head) && writes == k,
                        Cut::Request(k) => n == k,
                        Cut::Never => false,
                    }
                };
                if forward(client, &upstream, cut_here).is_err() {
                    continue;
                }
            }
        });
        CuttingProxy { url, requests }
    }

    /// Requests forwarded so far.
    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

fn is_write(head: &str) -> bool {
    let first = head.lines().next().unwrap_or_default();
    first.starts_with("POST ")
        && ["_create ", "_patch ", "_update "]
            .iter()
            .any(|a| first.contains(a))
}

/// Forward one request to CKAN; answer the client unless `cut` says to
/// drop the connection instead (after CKAN did the work).
fn forward<S: Read + Write>(
    mut client: S,
    upstream: &str,
    mut cut: impl FnMut(&str) -> bool,
) -> std::io::Result<()> {
    let (head, body) = read_request(&mut client)?;
    let mut server = TcpStream::connect(upstream)?;
    server.set_read_timeout(Some(Duration::from_secs(60)))?;
    server.write_all(close_connection(&head).as_bytes())?;
    server.write_all(&body)?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer)?;
    if cut(&head) {
        return Ok(()); // dropped: the client never hears
    }
    client.write_all(&answer)?;
    client.flush()
}

/// The request head (through the blank line) and its body.
fn read_request(s: &mut impl Read) -> std::io::Result<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if s.read(&mut byte)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let length = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    s.read_exact(&mut body)?;
    Ok((head, body))
}

/// The head with `Connection: close`, so one connection is one request.
fn close_connection(head: &str) -> String {
    let mut lines: Vec<&str> = head
        .trim_end()
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    lines.push("Connection: close");
    format!("{}\r\n\r\n", lines.join("\r\n"))
}

/// HTTPS on loopback in front of CKAN: a certificate authority and a
/// server certificate for 127.0.0.1 made with the openssl CLI for this
/// test, TLS by rustls, each request forwarded as [`CuttingProxy`] does.
struct TlsProxy {
    url: String,
    /// The test CA's certificate (PEM).
    ca: PathBuf,
    served: Arc<AtomicUsize>,
}

impl TlsProxy {
    fn start(upstream: &str, dir: &Path) -> Self {
        let (ca, cert, key) = make_certificates(dir);
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&cert)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let key = PrivateKeyDer::from_pem_file(&key).unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap();
        let config = Arc::new(config);
        let upstream = upstream.trim_start_matches("http://").to_string();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://{}", listener.local_addr().unwrap());
        let served = Arc::new(AtomicUsize::new(0));
        let count = served.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming().take(2000) {
                let Ok(tcp) = conn else { continue };
                let _ = tcp.set_read_timeout(Some(Duration::from_secs(60)));
                let Ok(tls) = rustls::ServerConnection::new(config.clone()) else {
                    continue;
                };
                let mut stream = rustls::StreamOwned::new(tls, tcp);
                let done = forward(&mut stream, &upstream, |_| false);
                if done.is_ok() {
                    count.fetch_add(1, Ordering::SeqCst);
                    stream.conn.send_close_notify();
                    let _ = stream.flush();
                }
            }
        });
        TlsProxy { url, ca, served }
    }

    fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }
}

/// A CA and a server certificate (127.0.0.1) it signed: (ca.pem,
/// server.pem, server.key).
fn make_certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("run openssl (Debian: openssl)");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509", "-days", "2", "-subj", "/CN=dxplan test CA"];
    ca.extend(ec);
    ca.extend([
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    openssl(&ca);
    let mut req = vec!["req", "-subj", "/CN=127.0.0.1"];
    req.extend(ec);
    req.extend(["-keyout", "server.key", "-out", "server.csr"]);
    openssl(&req);
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
         keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "server.pem",
    ]);
    (
        dir.join("ca.pem"),
        dir.join("server.pem"),
        dir.join("server.key"),
    )
}
