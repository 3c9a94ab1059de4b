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
        let temp = out_dir(name).join("server-temp");
        std::fs::create_dir_all(&temp).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dxplan"));
        cmd.args(["serve", "--listen", "127.0.0.1:0", "--keep-minutes", "5"])
            .arg("--temp-dir")
            .arg(&temp)
            .env_remove("DXPLAN_TOKEN")
            .env("LANG", "ja_JP.UTF-8")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(t) = token {
            cmd.env("DXPLAN_TOKEN", t);
        }
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
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\nAccept-Language: en\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    let _ = s.write_all(&body);
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
