//! `dxplan serve` in a real browser: Debian's headless Chromium driven
//! through chromedriver (WebDriver, the `fantoccini` client).
//!
//! Each test starts `dxplan serve` on a free loopback port with its own
//! temporary folder, and Chromium with its own profile and download
//! folder. Screenshots of every step go to
//! `target/tmp/web/<test>/NN-step.png` (not committed). When Chromium or
//! chromedriver cannot start, the tests fail saying why.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const TOKEN: &str = "test-token-0123456789abcdef";

/// A running `dxplan serve`; stopped with SIGTERM when dropped.
struct Server {
    child: Child,
    url: String,
    temp: PathBuf,
}

impl Server {
    fn start(name: &str, token: Option<&str>) -> Server {
        Server::start_with(name, token, &[])
    }

    /// With more arguments (`--archive DIR`).
    fn start_with(name: &str, token: Option<&str>, more: &[&std::ffi::OsStr]) -> Server {
        let temp = out_dir(name).join("server-temp");
        std::fs::create_dir_all(&temp).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dxplan"));
        cmd.args(["serve", "--listen", "127.0.0.1:0", "--keep-minutes", "5"])
            .args(more)
            .arg("--temp-dir")
            .arg(&temp)
            .env_remove("DXPLAN_TOKEN")
            .env("LANG", "ja_JP.UTF-8")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(t) = token {
            cmd.env("DXPLAN_TOKEN", t);
        }
        // The portal's API token (serve --ckan), from the environment only.
        cmd.env("CKAN_API_TOKEN", "portal-token-of-the-test");
        let mut child = cmd.spawn().expect("cannot start dxplan serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| {
                let mut err = String::new();
                let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                panic!("dxplan serve did not say where it listens: {line:?} {err}")
            })
            .trim_end_matches('/')
            .to_string();
        Server { child, url, temp }
    }

    /// Stop with SIGTERM and wait; the private folder must be gone.
    fn stop(mut self) {
        terminate(&mut self.child);
        let left: Vec<_> = std::fs::read_dir(&self.temp).unwrap().collect();
        assert!(left.is_empty(), "the server left files behind: {left:?}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

fn terminate(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let until = Instant::now() + Duration::from_secs(10);
    while Instant::now() < until {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// chromedriver on a free port; killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        for exe in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(exe).exists(),
                "{exe} is missing: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)"
            );
        }
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
        let until = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < until,
                "chromedriver did not listen on port {port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Where a test's screenshots and downloads go.
fn out_dir(test: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("web")
        .join(test);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn fixture(p: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(p)
        .to_string_lossy()
        .into_owned()
}

/// A headless Chromium session preferring Japanese, downloading into
/// `downloads`.
async fn browser(driver: &Driver, dir: &Path, downloads: &Path) -> Client {
    let profile = dir.join("profile");
    let _ = std::fs::remove_dir_all(&profile);
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1800", "--lang=ja",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "intl.accept_languages": "ja,en",
                "download.default_directory": downloads.to_string_lossy(),
                "download.prompt_for_download": false,
            },
        },
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!()
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .unwrap_or_else(|e| panic!("Chromium did not start through chromedriver: {e}"))
}

/// Screenshots numbered in order.
struct Shots {
    dir: PathBuf,
    n: u32,
}

impl Shots {
    async fn take(&mut self, c: &Client, step: &str) {
        self.n += 1;
        let png = c.screenshot().await.expect("screenshot");
        let path = self.dir.join(format!("{:02}-{step}.png", self.n));
        std::fs::write(&path, png).unwrap();
    }
}

async fn wait_for(c: &Client, css: &str, secs: u64) -> Element {
    c.wait()
        .at_most(Duration::from_secs(secs))
        .every(Duration::from_millis(200))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear within {secs} s: {e}"))
}

/// Click the element `css` names on the page.
async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// The text of the element `css` names inside `e`.
async fn text_in(e: &Element, css: &str) -> String {
    e.find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn scroll_to(c: &Client, e: &Element) {
    let arg = serde_json::to_value(e).unwrap();
    c.execute("arguments[0].scrollIntoView({block: 'start'});", vec![arg])
        .await
        .unwrap();
}

/// The section showing the result for an uploaded file name.
async fn result_for(c: &Client, file: &str, secs: u64) -> Element {
    let until = Instant::now() + Duration::from_secs(secs);
    loop {
        for s in c.find_all(Locator::Css("section.plan")).await.unwrap() {
            let summary = text_in(&s, ".summary").await;
            if summary.starts_with(&format!("{file}:")) {
                return s;
            }
        }
        assert!(
            Instant::now() < until,
            "no result for {file} within {secs} s"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// Wait for a finished download named `name` in `dir`.
fn downloaded(dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        let partial = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"));
        if path.exists() && !partial {
            return std::fs::read(&path).unwrap();
        }
        let have: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert!(
            Instant::now() < until,
            "{name} was not downloaded within 30 s; the folder has {have:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn staff_convert_download_and_compare_in_a_browser() {
    let dir = out_dir("convert");
    let downloads = dir.join("downloads");
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads).unwrap();
    let server = Server::start("convert", None);
    let driver = Driver::start();
    runtime().block_on(async {
        let c = browser(&driver, &dir, &downloads).await;
        let mut shots = Shots {
            dir: dir.clone(),
            n: 0,
        };
        let r = convert_flow(&c, &server, &downloads, &mut shots).await;
        let _ = c.close().await;
        r
    });
    server.stop();
}

async fn convert_flow(c: &Client, server: &Server, downloads: &Path, shots: &mut Shots) {
    // The page, in Japanese for a Japanese browser.
    c.goto(&format!("{}/", server.url)).await.unwrap();
    let h2 = wait_for(c, "#convert h2", 10).await.text().await.unwrap();
    assert_eq!(h2, "計画を変換");
    shots.take(c, "page").await;

    // A PDF and a workbook at once; the workbook has an unknown row label.
    let files = format!(
        "{}\n{}",
        fixture("shiogama-2024-03/plan-ipaex.pdf"),
        fixture("web/plan-warning.xlsx")
    );
    c.find(Locator::Css("#files"))
        .await
        .unwrap()
        .send_keys(&files)
        .await
        .unwrap();
    click(c, "#convert-button").await;
    let pdf = result_for(c, "plan-ipaex.pdf", 180).await;
    let xlsx = result_for(c, "plan-warning.xlsx", 60).await;
    let measures = text_in(&pdf, "#measures").await;
    assert!(
        measures.contains("電子申請の推進"),
        "the PDF's measures: {measures}"
    );
    let gantt = pdf
        .find_all(Locator::Css("table.gantt td.bar.on"))
        .await
        .unwrap();
    assert!(
        gantt.len() > 20,
        "the Gantt chart has {} marked cells",
        gantt.len()
    );
    scroll_to(c, &pdf).await;
    shots.take(c, "pdf-plan").await;

    // The warning sits in the row of the measure it concerns.
    let w = xlsx
        .find(Locator::Css(
            "tr.measure-warnings .warning[data-code='unknown_label']",
        ))
        .await
        .expect("the unknown_label warning next to its measure");
    let text = w.text().await.unwrap();
    assert!(
        text.contains("知らない行見出し") && text.contains("備考") && text.contains("1-1!A19"),
        "{text}"
    );
    scroll_to(c, &xlsx).await;
    shots.take(c, "workbook-warning").await;

    // The same plan as a PDF: the warning shows the page where it was read.
    let input = c.find(Locator::Css("#files")).await.unwrap();
    input
        .send_keys(&fixture("web/plan-warning.pdf"))
        .await
        .unwrap();
    click(c, "#convert-button").await;
    let wpdf = result_for(c, "plan-warning.pdf", 120).await;
    let summary = wpdf
        .find(Locator::Css(
            ".warning[data-code='unknown_label'] details.page-image summary",
        ))
        .await
        .expect("a page drawing for the PDF warning");
    summary.click().await.unwrap();
    let img = wpdf.find(Locator::Css(".page-image img")).await.unwrap();
    let until = Instant::now() + Duration::from_secs(60);
    loop {
        let arg = serde_json::to_value(&img).unwrap();
        let w = c
            .execute("return arguments[0].naturalWidth;", vec![arg])
            .await
            .unwrap();
        if w.as_u64().unwrap_or(0) > 100 {
            break;
        }
        assert!(Instant::now() < until, "the page drawing did not load");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // The drawing outlines the warning's cell: the warning is at row 19,
    // column 1 of page 3 (1-based), the cell the drawing labels "18,0";
    // the red outline is that cell's box grown by 2 pt on each side, and
    // it is drawn: the image, painted in a canvas, is red on its edges.
    let at = text_in(&wpdf, ".warning[data-code='unknown_label'] .at").await;
    assert_eq!(at, "p.3 r19c1", "where the warning is");
    let arg = serde_json::to_value(&img).unwrap();
    let drawn = c
        .execute(
            r##"const [img, label] = arguments;
            return (async () => {
              const svg = await (await fetch(img.src)).text();
              const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
              const box = e => e && ["x", "y", "width", "height"].map(a => +e.getAttribute(a));
              const text = [...doc.querySelectorAll("#cells text")].find(t => t.textContent === label);
              const outline = box(doc.querySelector("rect.dxplan-warning"));
              const scale = img.naturalWidth / doc.documentElement.viewBox.baseVal.width;
              const canvas = document.createElement("canvas");
              canvas.width = img.naturalWidth;
              canvas.height = img.naturalHeight;
              const g = canvas.getContext("2d");
              g.drawImage(img, 0, 0);
              const red = (x, y) => {
                const d = g.getImageData(Math.round(x * scale) - 1, Math.round(y * scale) - 1, 3, 3).data;
                for (let i = 0; i < d.length; i += 4) {
                  if (d[i] > 180 && d[i + 1] < 80 && d[i + 2] < 80) return true;
                }
                return false;
              };
              const [x, y, w, h] = outline || [0, 0, 0, 0];
              return {
                cell: box(text && text.previousElementSibling),
                outline,
                edges: [red(x + w / 2, y), red(x + w / 2, y + h), red(x, y + h / 2), red(x + w, y + h / 2)],
                inside: red(x + w / 2, y + h / 2),
              };
            })();"##,
            vec![arg, serde_json::json!("18,0")],
        )
        .await
        .unwrap();
    let boxed = |k: &str| -> Vec<f64> {
        drawn[k]
            .as_array()
            .unwrap_or_else(|| panic!("no {k} in the drawing: {drawn}"))
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect()
    };
    let (cell, outline) = (boxed("cell"), boxed("outline"));
    let grown = [cell[0] - 2.0, cell[1] - 2.0, cell[2] + 4.0, cell[3] + 4.0];
    assert!(
        outline.iter().zip(grown).all(|(o, g)| (o - g).abs() < 0.02),
        "the outline {outline:?} is not around the cell {cell:?}"
    );
    assert_eq!(
        drawn["edges"],
        serde_json::json!([true, true, true, true]),
        "red on the outline's edges as drawn: {drawn}"
    );
    assert_eq!(drawn["inside"], false, "the cell itself is not painted red");
    scroll_to(c, &img).await;
    shots.take(c, "pdf-warning-page").await;

    // Downloads: the workbook, and the CSV zip in Shift_JIS.
    xlsx.find(Locator::Css("a[href$='/xlsx']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let book = downloaded(downloads, "plan-warning.xlsx");
    check_workbook(&book);
    let form = xlsx
        .find(Locator::Css("form[action$='/csv']"))
        .await
        .unwrap();
    form.find(Locator::Css("select"))
        .await
        .unwrap()
        .select_by_value("shift_jis")
        .await
        .unwrap();
    form.find(Locator::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let zip = downloaded(downloads, "plan-warning-csv.zip");
    check_csv_zip(&zip);
    shots.take(c, "downloads").await;

    // Two editions compared.
    let old = c.find(Locator::Css("#diff-old")).await.unwrap();
    old.send_keys(&fixture("shiogama-2023-09/plan.xlsx"))
        .await
        .unwrap();
    let new = c.find(Locator::Css("#diff-new")).await.unwrap();
    new.send_keys(&fixture("shiogama-2024-03/plan.xlsx"))
        .await
        .unwrap();
    click(c, "#diff-button").await;
    let diff = wait_for(c, "section.diff", 120).await;
    // As many changes as the hand-written diff of the two editions holds,
    // and the text as the Japanese golden file of that diff has it.
    let expected: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixture("shiogama-2023-09/expected-diff.json")).unwrap(),
    )
    .unwrap();
    let changes = expected["changes"].as_array().unwrap().len();
    let summary = text_in(&diff, ".summary").await;
    assert_eq!(summary, format!("変更 {changes} 件"));
    let text = text_in(&diff, "pre.diff-text").await;
    let golden = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/diff/shiogama-2023-09.ja.txt"),
    )
    .unwrap();
    assert_eq!(text.trim_end(), golden.trim_end(), "the diff text");
    scroll_to(c, &diff).await;
    shots.take(c, "diff").await;

    // A file that holds no plan: its one-line reason, in the page's
    // language, and the server goes on.
    let input = c.find(Locator::Css("#files")).await.unwrap();
    input.send_keys(&fixture("bad/no-plan.xlsx")).await.unwrap();
    click(c, "#convert-button").await;
    let failed = wait_for(c, "#jobs li.failed", 60).await;
    let reason = failed.text().await.unwrap();
    assert!(
        reason.contains("no-plan.xlsx") && reason.contains("計画の表が見つかりません"),
        "{reason}"
    );
    assert!(!reason.contains("no plan tables"), "English: {reason}");
    assert!(!reason.contains('\n'), "the reason is one line: {reason}");
    scroll_to(c, &failed).await;
    shots.take(c, "no-plan").await;
    c.goto(&format!("{}/?lang=en", server.url)).await.unwrap();
    let h2 = wait_for(c, "#convert h2", 10).await.text().await.unwrap();
    assert_eq!(h2, "Convert plans");
    shots.take(c, "english").await;
}

fn check_workbook(bytes: &[u8]) {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .expect("the downloaded workbook opens");
    let names = wb.sheet_names().to_vec();
    let mut all = String::new();
    for n in &names {
        let range = wb.worksheet_range(n).unwrap();
        for row in range.rows() {
            for cell in row {
                all.push_str(&cell.to_string());
                all.push('\t');
            }
        }
    }
    assert!(
        all.contains("電子申請の推進"),
        "the workbook's sheets {names:?} lack the measure"
    );
    assert!(
        all.contains("unknown_label"),
        "the workbook lacks the warning"
    );
}

fn check_csv_zip(bytes: &[u8]) {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let names: Vec<String> = z
        .file_names()
        .map(|n| n.expect("a zip entry name").into_owned())
        .collect();
    for t in ["measures", "schedule", "indicators", "costs"] {
        assert!(
            names.contains(&format!("plan-warning/{t}.csv")),
            "{names:?}"
        );
    }
    let mut raw = Vec::new();
    z.by_name("plan-warning/measures.csv")
        .unwrap()
        .read_to_end(&mut raw)
        .unwrap();
    assert!(
        std::str::from_utf8(&raw).is_err(),
        "Shift_JIS was asked for, UTF-8 came"
    );
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&raw);
    assert!(
        !bad && text.contains("電子申請の推進"),
        "measures.csv in Shift_JIS"
    );
}

#[test]
fn a_token_is_required_when_one_is_set() {
    let dir = out_dir("token");
    let server = Server::start("token", Some(TOKEN));

    // Plain HTTP without the token: refused.
    let addr = server.url.trim_start_matches("http://").to_string();
    let status = http_status(&addr, "GET /api/jobs/0123 HTTP/1.1", "");
    assert_eq!(status, 401, "the API without a token");
    let status = http_status(
        &addr,
        "GET /api/jobs/0123 HTTP/1.1",
        &format!("Authorization: Bearer {TOKEN}\r\n"),
    );
    assert_eq!(
        status, 404,
        "the API with the token reaches the (missing) job"
    );

    let driver = Driver::start();
    runtime().block_on(async {
        let c = browser(&driver, &dir, &dir).await;
        let mut shots = Shots {
            dir: dir.clone(),
            n: 0,
        };
        c.goto(&format!("{}/", server.url)).await.unwrap();
        wait_for(&c, "#token", 10).await;
        assert!(
            c.find(Locator::Css("#convert-form")).await.is_err(),
            "the page without a token"
        );
        shots.take(&c, "login").await;
        c.goto(&format!("{}/api/jobs/0123", server.url))
            .await
            .unwrap();
        let body = c
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(body.contains("アクセストークンが必要です"), "{body}");
        shots.take(&c, "api-refused").await;

        c.goto(&format!("{}/", server.url)).await.unwrap();
        let t = wait_for(&c, "#token", 10).await;
        t.send_keys("not-the-token-0000000").await.unwrap();
        click(&c, "#login-button").await;
        let err = wait_for(&c, "#login-error", 10).await.text().await.unwrap();
        assert_eq!(err, "トークンが正しくありません。");
        shots.take(&c, "wrong-token").await;

        let t = c.find(Locator::Css("#token")).await.unwrap();
        t.send_keys(TOKEN).await.unwrap();
        click(&c, "#login-button").await;
        wait_for(&c, "#convert-form", 10).await;
        let input = c.find(Locator::Css("#files")).await.unwrap();
        input
            .send_keys(&fixture("fujieda-2025-03/plan.xlsx"))
            .await
            .unwrap();
        click(&c, "#convert-button").await;
        let r = result_for(&c, "plan.xlsx", 120).await;
        let m = text_in(&r, "#measures").await;
        assert!(m.contains("1-1"), "{m}");
        shots.take(&c, "logged-in").await;
        let _ = c.close().await;
    });
    server.stop();
}

/// The status code of one raw HTTP/1.1 request.
fn http_status(addr: &str, request_line: &str, extra: &str) -> u16 {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{request_line}\r\nHost: {addr}\r\n{extra}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    resp.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
fn listening_beyond_loopback_without_a_token_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .args(["serve", "--listen", "0.0.0.0:0", "--lang", "ja"])
        .env_remove("DXPLAN_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("アクセストークンが必要です") && err.contains("DXPLAN_TOKEN"),
        "{err}"
    );
}

/// One multipart POST; the status and the body.
fn post_files(addr: &str, path: &str, files: &[(&str, &str, &[u8])]) -> (u16, String) {
    let boundary = "dxplan-test-boundary-7d1e";
    let mut body = Vec::new();
    for (field, name, bytes) in files {
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .unwrap();
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{boundary}--\r\n").unwrap();
    let kind = format!("multipart/form-data; boundary={boundary}");
    exchange(addr, "POST", path, &kind, &body)
}

/// One raw HTTP/1.1 request with a body (`Accept-Language: en`); the
/// status and the response body. A server that closes early (a refused
/// upload) still gives its answer.
fn exchange(addr: &str, method: &str, path: &str, kind: &str, body: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nAccept-Language: en\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    let _ = s.write_all(body);
    let mut resp = Vec::new();
    let _ = s.read_to_end(&mut resp);
    let resp = String::from_utf8_lossy(&resp).into_owned();
    let status = resp
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = resp
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn get_json(addr: &str, path: &str) -> serde_json::Value {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Language: en\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let body = resp.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {resp}"))
}

/// Poll a job until it is done or failed.
fn settled(addr: &str, id: &str) -> serde_json::Value {
    let until = Instant::now() + Duration::from_secs(60);
    loop {
        let j = get_json(addr, &format!("/api/jobs/{id}"));
        if j["state"] == "done" || j["state"] == "failed" {
            return j;
        }
        assert!(Instant::now() < until, "job {id} did not finish: {j}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn uploads_over_the_limits_and_hostile_files_get_their_reason_and_the_server_goes_on() {
    let temp = out_dir("limits").join("server-temp");
    std::fs::create_dir_all(&temp).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--max-files",
            "2",
            "--max-input-bytes",
            "200000",
        ])
        .args(["--max-upload-bytes", "1000000", "--jobs", "1"])
        .arg("--temp-dir")
        .arg(&temp)
        .env_remove("DXPLAN_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let server = Server {
        child,
        url: format!("http://{addr}"),
        temp,
    };

    let plan = std::fs::read(fixture("fujieda-2025-03/plan.xlsx")).unwrap();
    let random = std::fs::read(fixture("bad/random.xlsx")).unwrap();
    let (status, body) = post_files(
        &addr,
        "/api/convert",
        &[
            ("file", "a.xlsx", &plan),
            ("file", "b.xlsx", &plan),
            ("file", "c.xlsx", &plan),
        ],
    );
    assert_eq!(status, 413, "three files over --max-files 2: {body}");
    assert!(body.contains("at most 2"), "{body}");

    let big = vec![b'%'; 300_000];
    let (status, body) = post_files(
        &addr,
        "/api/convert",
        &[("file", "big.pdf", &big), ("file", "random.xlsx", &random)],
    );
    assert_eq!(status, 200, "{body}");
    let jobs: serde_json::Value = serde_json::from_str(&body).unwrap();
    let big_job = settled(&addr, jobs[0]["id"].as_str().unwrap());
    assert_eq!(big_job["state"], "failed");
    assert!(
        big_job["error"].as_str().unwrap().contains("larger than"),
        "{big_job}"
    );
    let bad = settled(&addr, jobs[1]["id"].as_str().unwrap());
    assert_eq!(bad["state"], "failed", "{bad}");
    let reason = bad["error"].as_str().unwrap();
    assert!(
        !reason.is_empty() && !reason.contains('\n'),
        "one line: {reason}"
    );

    // An upload over --max-upload-bytes is refused from its headers: 413
    // and the reason, before the body is sent (the client waits for the
    // answer with Expect: 100-continue, as curl does), so the answer is
    // never lost to a connection reset over an unread body.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "POST /api/convert HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 1200000\r\nExpect: 100-continue\r\nAccept-Language: en\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp)
        .expect("an answer without the body being sent");
    let (head, body) = resp.split_once("\r\n\r\n").unwrap_or((&resp, ""));
    assert!(
        head.starts_with("HTTP/1.1 413 "),
        "an upload over --max-upload-bytes: {resp}"
    );
    let body: serde_json::Value = serde_json::from_str(body).expect("a JSON reason");
    assert_eq!(
        body["error"], "The upload is too large: at most 1 MB at once.",
        "{resp}"
    );

    let (status, body) = post_files(&addr, "/api/diff", &[("old", "a.xlsx", &plan)]);
    assert_eq!(status, 400, "a diff needs two files: {body}");

    // Still serving: a genuine plan converts.
    let (status, body) = post_files(&addr, "/api/convert", &[("file", "計画.xlsx", &plan)]);
    assert_eq!(status, 200, "{body}");
    let jobs: serde_json::Value = serde_json::from_str(&body).unwrap();
    let ok = settled(&addr, jobs[0]["id"].as_str().unwrap());
    assert_eq!(ok["state"], "done", "{ok}");
    assert_eq!(ok["name"], "計画.xlsx");
    server.stop();
}

/// A plan whose measures have one to three indicators and 現状と課題
/// (fixtures/shiwa-2026-10): the page shows every indicator with its
/// target and actual rows, and each 現状と課題 in the measures table.
#[test]
fn every_indicator_and_challenges_on_the_page() {
    let dir = out_dir("indicators");
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("shiwa-2026-10/expected.json")).unwrap())
            .unwrap();
    let server = Server::start("indicators", None);
    let driver = Driver::start();
    runtime().block_on(async {
        let c = browser(&driver, &dir, &downloads).await;
        c.goto(&format!("{}/", server.url)).await.unwrap();
        wait_for(&c, "#convert h2", 10).await;
        c.find(Locator::Css("#files"))
            .await
            .unwrap()
            .send_keys(&fixture("shiwa-2026-10/plan.xlsx"))
            .await
            .unwrap();
        click(&c, "#convert-button").await;
        let plan = result_for(&c, "plan.xlsx", 60).await;
        let rows = plan
            .find_all(Locator::Css("#indicators tr.target"))
            .await
            .unwrap();
        let mut shown = Vec::new();
        for r in rows {
            let cells = r.find_all(Locator::Css("td")).await.unwrap();
            let id = cells[0].text().await.unwrap();
            let name = cells[1].text().await.unwrap();
            shown.push(format!("{id} {name}"));
        }
        let want: Vec<String> = expected["measures"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|m| {
                m["indicators"].as_array().unwrap().iter().map(move |i| {
                    format!(
                        "{} {}",
                        m["id"].as_str().unwrap(),
                        i["name"].as_str().unwrap()
                    )
                })
            })
            .collect();
        assert_eq!(shown, want, "one target row per indicator, in order");
        assert_eq!(
            plan.find_all(Locator::Css("#indicators tr.actual"))
                .await
                .unwrap()
                .len(),
            want.len()
        );
        let measures = text_in(&plan, "#measures").await;
        for m in expected["measures"].as_array().unwrap() {
            if let Some(ch) = m["challenges"].as_str() {
                assert!(measures.contains(ch), "{} 現状と課題 not shown", m["id"]);
            }
        }
        let _ = c.close().await;
    });
    server.stop();
}

// ---------------------------------------------------------------------
// The review page: `dxplan serve --archive DIR`.

/// A folder of plans to review (temporary copies of committed fixtures),
/// beside a folder outside it that a symbolic link inside points to.
fn review_archive(test: &str) -> (PathBuf, PathBuf) {
    let base = out_dir(test);
    let dir = base.join("archive");
    let outside = base.join("outside");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::create_dir_all(dir.join("pdf")).unwrap();
    std::fs::create_dir_all(dir.join("xlsx")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::copy(
        fixture("web/plan-warning.pdf"),
        dir.join("pdf/plan-warning.pdf"),
    )
    .unwrap();
    std::fs::copy(
        fixture("web/plan-warning.xlsx"),
        dir.join("xlsx/plan-warning.xlsx"),
    )
    .unwrap();
    std::fs::copy(
        fixture("web/plan-warning.xlsx"),
        outside.join("secret.xlsx"),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.join("secret.xlsx"), dir.join("link.xlsx")).unwrap();
    (dir, outside)
}

/// The element `css` names, found again after the page drew itself anew.
async fn fresh(c: &Client, css: &str, secs: u64) -> Element {
    wait_for(c, css, secs).await
}

/// Type into an input (replacing its text) and leave it, so that it
/// changes; then wait until the page has drawn the edit (the input marked
/// as corrected).
async fn correct(c: &Client, css: &str, text: &str) {
    let before = renders(c).await;
    let input = fresh(c, css, 30).await;
    scroll_to(c, &input).await;
    // Select all (Ctrl+A), type over it, Tab out: one change event (a
    // WebDriver clear would send one of its own, and the page redraws).
    input
        .send_keys(&format!("\u{e009}a\u{e000}{text}\u{e004}"))
        .await
        .unwrap();
    redrawn(c, before).await;
    fresh(c, &format!("{css}.corrected"), 30).await;
}

/// How many times the review page has drawn itself.
async fn renders(c: &Client) -> u64 {
    c.execute("return +(document.body.dataset.renders || 0);", vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap_or(0)
}

/// Wait until the page has drawn itself again after `before` drawings.
async fn redrawn(c: &Client, before: u64) {
    let until = Instant::now() + Duration::from_secs(30);
    while renders(c).await <= before {
        assert!(Instant::now() < until, "the page did not draw the edit");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn value_of(c: &Client, css: &str) -> String {
    fresh(c, css, 30)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Wait until the element's text holds `want`.
async fn text_becomes(c: &Client, css: &str, want: &str, secs: u64) -> String {
    let until = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            let t = e.text().await.unwrap_or_default();
            if t.contains(want) {
                return t;
            }
            assert!(Instant::now() < until, "{css} says {t:?}, not {want:?}");
        } else {
            assert!(Instant::now() < until, "no {css}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn review_page(c: &Client, server: &Server, rel: &str) {
    let q = format!("path={rel}");
    c.goto(&format!("{}/review?{q}", server.url)).await.unwrap();
    fresh(c, ".measure-edit[data-id='1-1']", 180).await;
}

#[test]
fn staff_review_an_archive_in_a_browser() {
    let dir = out_dir("review");
    let (archive, outside) = review_archive("review");
    let server = Server::start_with("review", None, &["--archive".as_ref(), archive.as_os_str()]);
    let driver = Driver::start();
    let xlsx = archive.join("xlsx/plan-warning.xlsx");
    let pdf = archive.join("pdf/plan-warning.pdf");
    runtime().block_on(async {
        let c = browser(&driver, &dir, &dir).await;
        let mut shots = Shots {
            dir: dir.clone(),
            n: 0,
        };

        // The list: both plans, not reviewed, their warnings; no link out.
        c.goto(&format!("{}/", server.url)).await.unwrap();
        fresh(&c, "#archive-list tr.plan-entry", 180).await;
        let rows = c
            .find_all(Locator::Css("#archive-list tr.plan-entry"))
            .await
            .unwrap();
        let mut listed = Vec::new();
        for r in &rows {
            listed.push(r.attr("data-path").await.unwrap().unwrap_or_default());
            assert_eq!(text_in(r, ".status").await, "未確認");
            assert_eq!(text_in(r, ".warnings-left").await, "1");
        }
        assert_eq!(listed, ["pdf/plan-warning.pdf", "xlsx/plan-warning.xlsx"]);
        shots.take(&c, "archive").await;

        // The workbook: two values, a schedule mark, a warning, approval.
        click(&c, "#archive-list tr[data-path='xlsx/plan-warning.xlsx'] a").await;
        fresh(&c, ".measure-edit[data-id='1-1']", 60).await;
        let m = ".measure-edit[data-id='1-1']";
        correct(
            &c,
            &format!("{m} input[data-path='indicator.target.2024']"),
            "55",
        )
        .await;
        correct(&c, &format!("{m} input[data-path='cost.2022']"), "800").await;
        let mark = format!(
            "{m} tr[data-path='schedule.運用・活用拡大.actual'] input[data-period='2024-Q1']"
        );
        let b = fresh(&c, &mark, 30).await;
        scroll_to(&c, &b).await;
        b.click().await.unwrap();
        fresh(
            &c,
            &format!("{m} tr.corrected[data-path='schedule.運用・活用拡大.actual']"),
            30,
        )
        .await;
        // Where the value was read: the sheet's cells around it.
        click(
            &c,
            &format!("{m} input[data-path='indicator.target.2023'] + button.source"),
        )
        .await;
        let cell = fresh(&c, "#source-view td.source-cell", 60).await;
        assert_eq!(cell.text().await.unwrap(), "40");
        shots.take(&c, "workbook-source").await;
        // The warning, dismissed with a note.
        let note = fresh(&c, "li.warning[data-code='unknown_label'] input.note", 30).await;
        scroll_to(&c, &note).await;
        note.send_keys("表の注記で、計画の内容ではない")
            .await
            .unwrap();
        click(&c, "li.warning[data-code='unknown_label'] button.dismiss").await;
        fresh(&c, "li.warning.dismissed[data-code='unknown_label']", 30).await;
        fresh(&c, "#approve-by", 10)
            .await
            .send_keys("情報政策課 山田")
            .await
            .unwrap();
        click(&c, "#approve-button").await;
        text_becomes(&c, "#review-status", "承認済み", 30).await;
        assert!(
            c.find(Locator::Css("#review-dirty"))
                .await
                .unwrap()
                .is_displayed()
                .await
                .unwrap(),
            "unsaved changes are shown"
        );
        assert!(
            !xlsx.with_file_name("plan-warning.review.json").exists(),
            "nothing written before saving"
        );
        click(&c, "#save-button").await;
        fresh(&c, "#review-saved:not([hidden])", 30).await;
        shots.take(&c, "workbook-saved").await;

        // Reloaded: the corrections are read back and marked.
        c.refresh().await.unwrap();
        fresh(&c, ".measure-edit[data-id='1-1']", 60).await;
        assert_eq!(
            value_of(&c, &format!("{m} input[data-path='indicator.target.2024']")).await,
            "55"
        );
        fresh(
            &c,
            &format!("{m} input.corrected[data-path='cost.2022']"),
            10,
        )
        .await;
        assert!(fresh(&c, &mark, 10).await.is_selected().await.unwrap());
        text_becomes(&c, "#review-status", "承認済み", 10).await;
        fresh(&c, "li.warning.dismissed[data-code='unknown_label']", 10).await;

        // The PDF: the warning's page drawn with its cell outlined, a value
        // corrected, saved.
        review_page(&c, &server, "pdf/plan-warning.pdf").await;
        click(&c, "li.warning[data-code='unknown_label'] button.source").await;
        let img = fresh(&c, "#source-view img.source-image", 30).await;
        let until = Instant::now() + Duration::from_secs(120);
        loop {
            let arg = serde_json::to_value(&img).unwrap();
            let w = c
                .execute("return arguments[0].naturalWidth;", vec![arg])
                .await
                .unwrap();
            if w.as_u64().unwrap_or(0) > 100 {
                break;
            }
            assert!(Instant::now() < until, "the page drawing did not load");
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        let arg = serde_json::to_value(&img).unwrap();
        let svg = c
            .execute(
                "return fetch(arguments[0].src).then(r => r.text());",
                vec![arg],
            )
            .await
            .unwrap();
        let svg = svg.as_str().unwrap_or("");
        assert!(
            svg.contains("rect class=\"dxplan-source\" x=\"36.35\""),
            "the warning's cell outlined"
        );
        shots.take(&c, "pdf-source").await;
        correct(&c, &format!("{m} input[data-path='cost.2023']"), "5,000").await;
        correct(
            &c,
            &format!("{m} input[data-path='name']"),
            "電子申請の推進（改）",
        )
        .await;
        correct(
            &c,
            "#plan-field-list input[data-path='plan.revised']",
            "2025-03",
        )
        .await;
        // A measure that was not read, added and described; a bogus one
        // removed with its reason (asked for in a prompt).
        fresh(&c, "#add-id", 10)
            .await
            .send_keys("1-9")
            .await
            .unwrap();
        fresh(&c, "#add-name", 10)
            .await
            .send_keys("窓口のオンライン予約")
            .await
            .unwrap();
        click(&c, "#add-button").await;
        let added = ".measure-edit[data-id='1-9']";
        fresh(&c, added, 30).await;
        correct(
            &c,
            &format!("{added} textarea[data-path='effect']"),
            "待ち時間の短縮",
        )
        .await;
        // A schedule row for the new measure, marked; an indicator the
        // reader missed in 1-1, with a target.
        let input = fresh(&c, &format!("{added} input.add-activity"), 10).await;
        input.send_keys("予約受付").await.unwrap();
        let before = renders(&c).await;
        click(&c, &format!("{added} button.add-activity")).await;
        redrawn(&c, before).await;
        let row =
            format!("{added} tr[data-path='schedule.予約受付.plan'] input[data-period='2025-Q1']");
        let b = fresh(&c, &row, 30).await;
        scroll_to(&c, &b).await;
        let before = renders(&c).await;
        b.click().await.unwrap();
        redrawn(&c, before).await;
        fresh(&c, &format!("{row}:checked"), 30).await;
        let input = fresh(&c, &format!("{m} input.add-indicator"), 10).await;
        input.send_keys("窓口の待ち時間").await.unwrap();
        let before = renders(&c).await;
        click(&c, &format!("{m} button.add-indicator")).await;
        redrawn(&c, before).await;
        correct(
            &c,
            &format!("{m} input[data-path='indicators[1].target.2025']"),
            "15",
        )
        .await;
        click(&c, ".measure-edit[data-id='1-2'] button.remove-measure").await;
        c.send_alert_text("計画の施策ではない").await.unwrap();
        c.accept_alert().await.unwrap();
        fresh(&c, "#removed-list li[data-id='1-2']", 30).await;
        assert!(
            c.find(Locator::Css(".measure-edit[data-id='1-2']"))
                .await
                .is_err()
        );
        click(&c, "#save-button").await;
        fresh(&c, "#review-saved:not([hidden])", 30).await;
        text_becomes(&c, "#review-status", "確認中", 10).await;
        shots.take(&c, "pdf-saved").await;

        // Back on the list: the status of each.
        c.goto(&format!("{}/", server.url)).await.unwrap();
        text_becomes(
            &c,
            "#archive-list tr[data-path='xlsx/plan-warning.xlsx'] .status",
            "承認済み",
            120,
        )
        .await;
        text_becomes(
            &c,
            "#archive-list tr[data-path='xlsx/plan-warning.xlsx'] .warnings-left",
            "0",
            10,
        )
        .await;
        text_becomes(
            &c,
            "#archive-list tr[data-path='pdf/plan-warning.pdf'] .status",
            "確認中",
            10,
        )
        .await;
        let _ = c.close().await;
    });

    // On disk beside each input, and applied by the library on every read.
    let file = xlsx.with_file_name("plan-warning.review.json");
    let review: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(review["reviewed"]["by"], "情報政策課 山田", "{review}");
    assert_eq!(review["reviewed"]["approved"], true);
    assert_eq!(
        review["corrections"].as_array().unwrap().len(),
        3,
        "{review}"
    );
    assert_eq!(
        review["dismissed"][0]["note"],
        "表の注記で、計画の内容ではない"
    );
    let plan = dxplan::convert_path(&xlsx, &dxplan::ReadOptions::default()).unwrap();
    let m = &plan.measures[0];
    assert_eq!(m.indicators[0].target[&2024].value, Some(55.0));
    assert_eq!(m.indicators[0].target[&2024].raw, "55");
    assert_eq!(
        m.cost.as_ref().unwrap().values[&2022].value,
        Some(800_000.0)
    );
    let row = m
        .schedule
        .iter()
        .find(|a| a.activity == "運用・活用拡大")
        .unwrap();
    assert_eq!(
        row.actual.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        ["2024-Q1"]
    );
    let status = plan.review.as_ref().unwrap();
    assert_eq!(
        (status.applied, status.stale, status.approved),
        (3, 0, true)
    );
    assert_eq!(
        plan.warnings[0].dismissed.as_deref(),
        Some("表の注記で、計画の内容ではない")
    );
    let plan = dxplan::convert_path(&pdf, &dxplan::ReadOptions::default()).unwrap();
    assert_eq!(plan.measures[0].name, "電子申請の推進（改）");
    assert_eq!(plan.plan.revised.as_deref(), Some("2025-03"));
    let ids: Vec<&str> = plan.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1-1", "1-9"], "1-2 removed, 1-9 added");
    assert_eq!(plan.measures[1].name, "窓口のオンライン予約");
    assert_eq!(plan.measures[1].effect.as_deref(), Some("待ち時間の短縮"));
    let row = &plan.measures[1].schedule[0];
    assert_eq!(row.activity, "予約受付");
    assert_eq!(
        row.plan.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        ["2025-Q1"]
    );
    let ind = &plan.measures[0].indicators[1];
    assert_eq!(ind.name, "窓口の待ち時間");
    assert_eq!(ind.target[&2025].value, Some(15.0));
    assert_eq!(plan.review.as_ref().unwrap().stale, 0);
    let pdf_review: serde_json::Value = serde_json::from_slice(
        &std::fs::read(pdf.with_file_name("plan-warning.review.json")).unwrap(),
    )
    .unwrap();
    let removal = pdf_review["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["measure"] == "1-2")
        .expect("the removal");
    assert_eq!(removal["note"], "計画の施策ではない");
    assert!(removal["new"].is_null() && removal["old"]["name"].is_string());
    assert_eq!(
        plan.measures[0].cost.as_ref().unwrap().values[&2023].value,
        Some(5_000_000.0)
    );
    assert!(!plan.review.as_ref().unwrap().approved);
    // Nothing was written outside the folder.
    let outside_files: Vec<_> = std::fs::read_dir(&outside).unwrap().collect();
    assert_eq!(outside_files.len(), 1);
    server.stop();
}

/// Two people open the same review; the second to save is refused, told
/// why, and keeps their edits on the page; the first's review is kept.
#[test]
fn a_second_browsers_conflicting_save_is_refused() {
    let dir = out_dir("review-conflict");
    let (archive, _) = review_archive("review-conflict");
    let server = Server::start_with(
        "review-conflict",
        None,
        &["--archive".as_ref(), archive.as_os_str()],
    );
    let driver = Driver::start();
    let file = archive.join("xlsx/plan-warning.review.json");
    runtime().block_on(async {
        let a = browser(&driver, &dir.join("a"), &dir).await;
        let b = browser(&driver, &dir.join("b"), &dir).await;
        let mut shots = Shots {
            dir: dir.clone(),
            n: 0,
        };
        review_page(&a, &server, "xlsx/plan-warning.xlsx").await;
        review_page(&b, &server, "xlsx/plan-warning.xlsx").await;
        let m = ".measure-edit[data-id='1-1']";
        correct(&a, &format!("{m} input[data-path='cost.2022']"), "800").await;
        click(&a, "#save-button").await;
        fresh(&a, "#review-saved:not([hidden])", 30).await;
        let first = std::fs::read(&file).unwrap();

        correct(&b, &format!("{m} input[data-path='cost.2023']"), "9,999").await;
        click(&b, "#save-button").await;
        let said = text_becomes(&b, "#review-error", "他の人が保存", 30).await;
        assert!(said.contains("変更はこのページに残っています"), "{said}");
        assert_eq!(
            std::fs::read(&file).unwrap(),
            first,
            "the first save is kept"
        );
        assert_eq!(
            value_of(&b, &format!("{m} input[data-path='cost.2023']")).await,
            "9,999"
        );
        assert!(
            b.find(Locator::Css("#download-button"))
                .await
                .unwrap()
                .is_displayed()
                .await
                .unwrap(),
            "the edits can be downloaded"
        );
        assert!(
            b.find(Locator::Css("#review-dirty"))
                .await
                .unwrap()
                .is_displayed()
                .await
                .unwrap()
        );
        shots.take(&b, "refused").await;
        let _ = a.close().await;
        let _ = b.close().await;
    });
    let review: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(review["corrections"].as_array().unwrap().len(), 1);
    assert_eq!(review["corrections"][0]["path"], "cost.2022");
    server.stop();
}

/// One raw HTTP request; the status and the body.
fn http(addr: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    exchange(addr, method, path, "application/json", body.as_bytes())
}

/// Only plans under the folder are read or written: names with `..` or a
/// root, links leading out, and files that are not plans are refused.
#[test]
fn the_review_api_refuses_paths_out_of_the_archive() {
    let (archive, outside) = review_archive("review-paths");
    let server = Server::start_with(
        "review-paths",
        None,
        &["--archive".as_ref(), archive.as_os_str()],
    );
    let addr = server.url.trim_start_matches("http://").to_string();
    let (status, body) = http(&addr, "GET", "/api/archive", "");
    assert_eq!(status, 200, "{body}");
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    let names: Vec<&str> = list["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["pdf/plan-warning.pdf", "xlsx/plan-warning.xlsx"],
        "no link out listed"
    );

    let outside_name = outside.file_name().unwrap().to_string_lossy().into_owned();
    for (path, want) in [
        (format!("../{outside_name}/secret.xlsx"), 400),
        ("..%2Foutside%2Fsecret.xlsx".to_string(), 400),
        ("xlsx/../../outside/secret.xlsx".to_string(), 400),
        (format!("{}", outside.join("secret.xlsx").display()), 400),
        ("link.xlsx".to_string(), 404),
        ("xlsx/missing.xlsx".to_string(), 404),
        ("xlsx".to_string(), 404),
    ] {
        let (status, body) = http(&addr, "GET", &format!("/api/review?path={path}"), "");
        assert_eq!(status, want, "{path}: {body}");
        assert!(body.contains("not a plan in the folder"), "{path}: {body}");
        let (status, _) = http(
            &addr,
            "GET",
            &format!("/api/review/source?path={path}&at=secret!A1"),
            "",
        );
        assert_eq!(status, want, "source of {path}");
        let save =
            serde_json::json!({"path": path.replace("%2F", "/"), "review": null, "expected": null});
        let (status, body) = http(&addr, "POST", "/api/review/save", &save.to_string());
        assert!(
            status == 400 || status == 404,
            "save {path}: {status} {body}"
        );
    }
    let written: Vec<_> = std::fs::read_dir(&outside)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written.len(), 1, "nothing written outside: {written:?}");
    // The plan inside is served.
    let (status, body) = http(&addr, "GET", "/api/review?path=xlsx/plan-warning.xlsx", "");
    assert_eq!(status, 200, "{body}");
    let j: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(j["sha256"], serde_json::Value::Null);
    assert_eq!(j["review_file"], "plan-warning.review.json");

    // An approval made on other bytes of the file is listed as lapsed.
    let approved = serde_json::json!({
        "schema_version": "1",
        "source_sha256": "0".repeat(64),
        "reviewed": {"by": "山田", "at": "2026-12-06", "approved": true},
        "corrections": [],
        "dismissed": [],
    });
    std::fs::write(
        archive.join("pdf/plan-warning.review.json"),
        approved.to_string(),
    )
    .unwrap();
    let list = get_json(&addr, "/api/archive");
    let pdf = &list["plans"][0];
    assert_eq!(pdf["path"], "pdf/plan-warning.pdf");
    assert_eq!(pdf["status"], "approved", "{pdf}");
    assert_eq!(pdf["approval_lapsed"], true, "{pdf}");
    assert_eq!(list["plans"][1]["status"], "unreviewed");
    server.stop();
}

/// Without `--archive`, an upload is reviewed the same way and its review
/// file goes back to the browser (download, upload): nothing is saved on
/// the server, and a review file that is not valid is refused.
#[test]
fn an_upload_is_reviewed_without_an_archive() {
    let server = Server::start("review-upload", None);
    let addr = server.url.trim_start_matches("http://").to_string();
    let (status, _) = http(&addr, "GET", "/api/archive", "");
    assert_eq!(status, 404, "no archive");
    let plan = std::fs::read(fixture("web/plan-warning.xlsx")).unwrap();
    let (status, body) = post_files(
        &addr,
        "/api/convert",
        &[("file", "plan-warning.xlsx", &plan)],
    );
    assert_eq!(status, 200, "{body}");
    let jobs: serde_json::Value = serde_json::from_str(&body).unwrap();
    let id = jobs[0]["id"].as_str().unwrap().to_string();
    assert_eq!(settled(&addr, &id)["state"], "done");
    let j = get_json(&addr, &format!("/api/review?job={id}"));
    assert_eq!(j["archive"], false);
    assert_eq!(j["review_file"], "plan-warning.review.json");
    let edit = serde_json::json!({
        "job": id,
        "review": j["review"],
        "ops": [
            {"op": "set_raw", "measure": "1-1", "path": "cost.2022", "raw": "800", "note": "桁の誤り"},
            {"op": "dismiss", "code": "unknown_label", "at": "1-1!A19", "note": "注記"},
        ],
    });
    let (status, body) = http(&addr, "POST", "/api/review/apply", &edit.to_string());
    assert_eq!(status, 200, "{body}");
    let j: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(j["review"]["corrections"][0]["old"]["raw"], "792");
    assert_eq!(j["review"]["corrections"][0]["new"]["value"], 800000);
    assert_eq!(j["plan"]["review"]["corrected"][0]["path"], "cost.2022");
    assert_eq!(j["plan"]["warnings"][0]["dismissed"], "注記");
    // The review file as downloaded, loaded back: the same plan.
    let back = serde_json::json!({"job": id, "review": j["review"], "ops": []});
    let (status, body) = http(&addr, "POST", "/api/review/apply", &back.to_string());
    assert_eq!(status, 200, "{body}");
    let again: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(again["plan"], j["plan"]);
    let bad = serde_json::json!({"job": id, "review": {"schema_version": "9"}, "ops": []});
    let (status, body) = http(&addr, "POST", "/api/review/apply", &bad.to_string());
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("schema_version"), "{body}");
    let save = serde_json::json!({"job": id, "review": j["review"], "expected": null});
    let (status, body) = http(&addr, "POST", "/api/review/save", &save.to_string());
    assert_eq!(
        status, 400,
        "nothing is saved on the server without an archive: {body}"
    );
    server.stop();
}

/// Without `--archive`: an upload's review page downloads the review file,
/// and loads it back into a fresh page.
#[test]
fn an_uploads_review_file_is_downloaded_and_loaded_back_in_a_browser() {
    let dir = out_dir("review-download");
    let downloads = dir.join("downloads");
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads).unwrap();
    let server = Server::start("review-download", None);
    let driver = Driver::start();
    runtime().block_on(async {
        let c = browser(&driver, &dir, &downloads).await;
        let mut shots = Shots {
            dir: dir.clone(),
            n: 0,
        };
        c.goto(&format!("{}/", server.url)).await.unwrap();
        fresh(&c, "#files", 10)
            .await
            .send_keys(&fixture("web/plan-warning.xlsx"))
            .await
            .unwrap();
        click(&c, "#convert-button").await;
        let r = result_for(&c, "plan-warning.xlsx", 60).await;
        r.find(Locator::Css("a.review-link"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        fresh(&c, ".measure-edit[data-id='1-1']", 60).await;
        assert!(
            !fresh(&c, "#save-button", 5)
                .await
                .is_displayed()
                .await
                .unwrap(),
            "no saving on the server without an archive"
        );
        let m = ".measure-edit[data-id='1-1']";
        correct(&c, &format!("{m} input[data-path='cost.2022']"), "800").await;
        click(&c, "#download-button").await;
        let bytes = downloaded(&downloads, "plan-warning.review.json");
        let review: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(review["corrections"][0]["path"], "cost.2022", "{review}");
        assert_eq!(review["corrections"][0]["new"]["value"], 800000);
        shots.take(&c, "downloaded").await;

        // A fresh page reads the plan as read; the file loads the review.
        c.refresh().await.unwrap();
        fresh(&c, ".measure-edit[data-id='1-1']", 60).await;
        assert_eq!(
            value_of(&c, &format!("{m} input[data-path='cost.2022']")).await,
            "792"
        );
        let path = downloads.join("plan-warning.review.json");
        fresh(&c, "#upload-review", 10)
            .await
            .send_keys(&path.to_string_lossy())
            .await
            .unwrap();
        fresh(
            &c,
            &format!("{m} input.corrected[data-path='cost.2022']"),
            30,
        )
        .await;
        assert_eq!(
            value_of(&c, &format!("{m} input[data-path='cost.2022']")).await,
            "800"
        );
        shots.take(&c, "loaded-back").await;
        let _ = c.close().await;
    });
    server.stop();
}

/// With a token, the review page and its API are closed without it, as
/// the rest of `serve` is.
#[test]
fn the_review_page_needs_the_token() {
    let (archive, _) = review_archive("review-token");
    let server = Server::start_with(
        "review-token",
        Some(TOKEN),
        &["--archive".as_ref(), archive.as_os_str()],
    );
    let addr = server.url.trim_start_matches("http://").to_string();
    let bearer = format!("Authorization: Bearer {TOKEN}\r\n");
    for path in [
        "/api/archive",
        "/api/review?path=xlsx/plan-warning.xlsx",
        "/api/review/source?path=xlsx/plan-warning.xlsx&at=1-1!D13",
    ] {
        let line = format!("GET {path} HTTP/1.1");
        assert_eq!(
            http_status(&addr, &line, ""),
            401,
            "{path} without the token"
        );
        assert_eq!(http_status(&addr, &line, &bearer), 200, "{path} with it");
    }
    let line = "GET /review?path=xlsx/plan-warning.xlsx HTTP/1.1";
    assert_eq!(http_status(&addr, line, ""), 401, "the login form instead");
    let (status, _) = http(
        &addr,
        "POST",
        "/api/review/save",
        r#"{"path": "xlsx/plan-warning.xlsx", "review": null, "expected": null}"#,
    );
    assert_eq!(status, 401);
    assert!(!archive.join("xlsx/plan-warning.review.json").exists());
    server.stop();
}

#[test]
fn an_archive_that_is_not_a_folder_is_refused() {
    let missing = out_dir("review-missing").join("no-such-folder");
    let out = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--lang",
            "en",
            "--archive",
        ])
        .arg(&missing)
        .env_remove("DXPLAN_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no-such-folder") && err.contains("not a folder") && err.lines().count() == 1,
        "{err}"
    );
}

/// `serve --ckan`: the review page publishes only a saved, approved plan.
/// The button says why it cannot yet (approve, then save); the server
/// refuses an unapproved plan itself (409, the reason in words); and what
/// the portal answers is shown — here a portal that is down, so the test
/// needs no CKAN (tests/portal.rs publishes to a real one through the same
/// endpoint).
#[test]
fn publishing_from_the_review_page_needs_a_saved_approval() {
    let dir = out_dir("review-publish");
    let (archive, _) = review_archive("review-publish");
    let down = format!("http://127.0.0.1:{}", free_port());
    let server = Server::start_with(
        "review-publish",
        None,
        &[
            "--archive".as_ref(),
            archive.as_os_str(),
            "--ckan".as_ref(),
            down.as_ref(),
            "--organization".as_ref(),
            "t-web".as_ref(),
        ],
    );
    let addr = server.url.trim_start_matches("http://").to_string();
    // Not approved: refused by the server, whatever a page does.
    let (status, body) = http(
        &addr,
        "POST",
        "/api/review/publish",
        r#"{"path":"pdf/plan-warning.pdf"}"#,
    );
    assert_eq!(status, 409, "{body}");
    assert!(
        body.contains("Not published: there is no review file plan-warning.review.json"),
        "{body}"
    );
    let driver = Driver::start();
    runtime().block_on(async {
        let c = browser(&driver, &dir, &dir).await;
        review_page(&c, &server, "xlsx/plan-warning.xlsx").await;
        text_becomes(&c, "#publish-to", "t-web", 10).await;
        text_becomes(&c, "#publish-hint", "承認して保存すると公開できます", 10).await;
        let button = fresh(&c, "#publish-button", 10).await;
        assert!(!button.is_enabled().await.unwrap(), "not approved yet");
        fresh(&c, "#approve-by", 10)
            .await
            .send_keys("情報政策課 山田")
            .await
            .unwrap();
        click(&c, "#approve-button").await;
        text_becomes(&c, "#review-status", "承認済み", 30).await;
        text_becomes(&c, "#publish-hint", "先に保存してください", 10).await;
        assert!(
            !fresh(&c, "#publish-button", 10)
                .await
                .is_enabled()
                .await
                .unwrap(),
            "approved but not saved"
        );
        click(&c, "#save-button").await;
        fresh(&c, "#review-saved:not([hidden])", 30).await;
        fresh(&c, "#publish-hint[hidden]", 10).await;
        assert!(
            fresh(&c, "#publish-button", 10)
                .await
                .is_enabled()
                .await
                .unwrap()
        );
        click(&c, "#publish-button").await;
        let said = text_becomes(&c, "#review-error", "CKAN に接続できません", 60).await;
        assert!(said.contains(&down), "{said}");
        let status = fresh(&c, "#review-error", 10)
            .await
            .attr("data-status")
            .await
            .unwrap();
        assert_eq!(status.as_deref(), Some("502"));
        let _ = c.close().await;
    });
    server.stop();
}
