//! Hostile and broken input, through the real binary: truncated, damaged,
//! encrypted, scanned, mislabelled, empty and booby-trapped files are each
//! refused with exit 1 and one plain-words line naming the file and the
//! problem; no panic, no hang, no output left behind. Also the limits
//! (each flag), atomic output and the output-name checks of `convert`.
//!
//! The bombs are built here, not committed: a FlateDecode stream and ZIP
//! entries that inflate to 4 GB of zeros.

mod util;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use dxplan::ErrorKind;
use dxplan::error::{CaughtPanic, Container, ReadError};
use dxplan::internals::read::{InputFormat, Limits, ReadOptions};
use flate2::{Compress, Compression, FlushCompress};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};
use util::{dxplan, fixture, temp_dir};

/// Generous bound for the debug build on a busy machine; the release
/// figures (well under a second) are in docs/limits.md.
const QUICK: Duration = Duration::from_secs(20);

/// Run `dxplan convert INPUT -o OUT EXTRA…`, timed.
fn convert(input: &Path, out: &Path, extra: &[&str]) -> (Output, Duration) {
    let mut args = vec![
        "convert",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let start = Instant::now();
    let o = dxplan(&args);
    (o, start.elapsed())
}

/// Files (recursively) under a folder.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The lines the readers' guard gives for a panic it caught
/// (`ReadError::ParserFailed`): a bug, never a reason found in a file.
fn caught_panic_lines() -> [String; 2] {
    [Container::Pdf, Container::Workbook].map(|container| {
        let panic = CaughtPanic {
            at: String::new(),
            message: String::new(),
        };
        ReadError::ParserFailed { container, panic }.to_string()
    })
}

/// True when `err` is the guard's line for a caught panic.
fn is_caught_panic(err: &str) -> bool {
    caught_panic_lines()
        .iter()
        .any(|l| err.contains(l.as_str()))
}

/// The input is refused with exactly `message` after the file's name:
/// [`assert_refused`], and the whole line is known.
fn assert_refused_with(input: &Path, message: &str, extra: &[&str]) {
    let line = assert_refused(input, message, extra);
    assert_eq!(line, format!("dxplan: {}: {message}", input.display()));
}

/// The input is refused: exit 1, exactly one stderr line naming the file
/// and containing `problem`, no panic (not even one the readers' guard
/// caught), nothing written, quickly. Returns the line.
fn assert_refused(input: &Path, problem: &str, extra: &[&str]) -> String {
    let out = temp_dir(&format!(
        "refused-{}",
        input.file_name().unwrap().to_string_lossy()
    ));
    let (o, took) = convert(input, &out, extra);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!is_caught_panic(&err), "refused by a caught panic: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {err}");
    assert!(
        lines[0].contains(&input.display().to_string()),
        "does not name the file: {err}"
    );
    assert!(lines[0].contains(problem), "expected {problem:?} in: {err}");
    assert_eq!(
        files_under(&out),
        Vec::<PathBuf>::new(),
        "output left behind"
    );
    assert!(took < QUICK, "took {took:?}");
    let _ = std::fs::remove_dir_all(&out);
    lines[0].to_string()
}

/// The input converts: exit 0; returns the JSON.
fn assert_converts(input: &Path, extra: &[&str]) -> serde_json::Value {
    let out = temp_dir(&format!(
        "converts-{}",
        input.file_name().unwrap().to_string_lossy()
    ));
    let (o, _) = convert(input, &out, extra);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stem = input.file_stem().unwrap().to_string_lossy();
    let json = std::fs::read(out.join(format!("{stem}.json"))).expect("JSON written");
    let _ = std::fs::remove_dir_all(&out);
    serde_json::from_slice(&json).expect("valid JSON")
}

/// A copy of some bytes as a file in a fresh folder.
fn write_input(test: &str, name: &str, bytes: &[u8]) -> util::TempFile {
    util::TempFile::new(test, name, bytes)
}

fn ipaex() -> Vec<u8> {
    std::fs::read(fixture("shiogama-2024-03/plan-ipaex.pdf")).unwrap()
}

// ---------------------------------------------------------------------------
// Broken files

#[test]
fn truncated_pdf() {
    let bytes = ipaex();
    let p = write_input("truncated", "plan-half.pdf", &bytes[..bytes.len() / 2]);
    assert_refused(&p, "the file ends early", &[]);
    // In Japanese all of it is Japanese: the cut download and what to do.
    let out = temp_dir("truncated-ja");
    let o = util::dxplan_in_locale(
        &["convert", p.to_str().unwrap(), "-o", out.to_str().unwrap()],
        "ja_JP.UTF-8",
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("PDF が途中で切れていて読めません"), "{err}");
    assert!(err.contains("もう一度ダウンロード"), "{err}");
    assert!(!err.contains("ends early"), "{err}");
}

#[test]
fn broken_startxref_still_reads_the_whole_plan() {
    let bytes = ipaex();
    let at = bytes
        .windows(10)
        .rposition(|w| w == b"startxref\n")
        .expect("startxref")
        + 10;
    let mut broken = bytes.clone();
    // Point the cross-reference offset into the middle of nowhere.
    for b in broken[at..].iter_mut().take_while(|b| b.is_ascii_digit()) {
        *b = b'1';
    }
    assert_ne!(broken, bytes);
    let p = write_input("xref", "plan-ipaex.pdf", &broken);
    let got = assert_converts(&p, &["--to", "json"]);
    let golden: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixture("shiogama-2024-03/golden/plan-ipaex.pdf.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(got["measures"], golden["measures"]);
    assert_eq!(got["plan"], golden["plan"]);
}

#[test]
fn user_password_pdf() {
    assert_refused(
        &fixture("bad/user-password.pdf"),
        "protected by a password; give it with --password",
        &[],
    );
}

#[test]
fn wrong_password() {
    assert_refused(
        &fixture("bad/user-password.pdf"),
        "the password given does not open this PDF",
        &["--password", "not-it"],
    );
}

#[test]
fn scan_without_text() {
    assert_refused(&fixture("bad/scan.pdf"), "no text layer", &[]);
}

#[test]
fn zero_byte_file() {
    assert_refused(&fixture("bad/empty.pdf"), "the file is empty", &[]);
    let p = write_input("zero-xlsx", "empty.xlsx", b"");
    assert_refused(&p, "the file is empty", &[]);
}

#[test]
fn random_bytes_named_xlsx() {
    assert_refused(
        &fixture("bad/random.xlsx"),
        "not an XLSX file (its content looks like unrecognised binary data)",
        &[],
    );
}

#[test]
fn html_saved_as_pdf() {
    assert_refused(
        &fixture("bad/web-page.pdf"),
        "not a PDF file (its content looks like an HTML web page)",
        &[],
    );
}

#[test]
fn valid_workbook_without_a_plan() {
    assert_refused(&fixture("bad/no-plan.xlsx"), "no plan tables found", &[]);
}

#[test]
fn pdf_renamed_xlsx_says_what_it_is() {
    let p = write_input("pdf-as-xlsx", "plan.xlsx", &ipaex());
    assert_refused(&p, "its content looks like a PDF", &[]);
}

// ---------------------------------------------------------------------------
// Bombs

/// 1 MiB of zeros as raw deflate, flushed to a byte boundary so that copies
/// can follow each other: `n` copies inflate to `n` MiB.
fn zeros_deflate_chunk() -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(4096);
    c.compress_vec(&vec![0u8; 1 << 20], &mut out, FlushCompress::Sync)
        .unwrap();
    out
}

/// Raw deflate of `mib` MiB of zeros (about 1 KB per MiB).
fn zeros_deflate(mib: usize) -> Vec<u8> {
    let chunk = zeros_deflate_chunk();
    let mut out = Vec::with_capacity(chunk.len() * mib + 16);
    for _ in 0..mib {
        out.extend_from_slice(&chunk);
    }
    let mut c = Compress::new(Compression::best(), false);
    let mut last = Vec::with_capacity(64);
    c.compress_vec(&[], &mut last, FlushCompress::Finish)
        .unwrap();
    out.extend_from_slice(&last);
    out
}

/// The same as a zlib stream (PDF /FlateDecode), with its checksum.
fn zeros_zlib(mib: usize) -> Vec<u8> {
    let mut out = vec![0x78, 0xDA];
    out.extend(zeros_deflate(mib));
    let len = (mib as u64) << 20;
    let adler = ((len % 65521) << 16) | 1;
    out.extend((adler as u32).to_be_bytes());
    out
}

/// 4 GB (4095 MiB, so that the size fits a plain ZIP header).
const BOMB_MIB: usize = 4095;

/// A one-page PDF with one font and `xobjects` (name → object), whose page
/// content is `content`.
fn pdf_with(content: Stream, build: impl FnOnce(&mut Document, ObjectId) -> Dictionary) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let xobjects = build(&mut doc, font);
    let contents = doc.add_object(content);
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => xobjects },
        "Contents" => contents,
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn flate_stream(data: Vec<u8>) -> Stream {
    let mut s = Stream::new(dictionary! { "Filter" => "FlateDecode" }, data);
    s.allows_compression = false;
    s
}

fn plain_stream(data: &[u8]) -> Stream {
    let mut s = Stream::new(Dictionary::new(), data.to_vec());
    s.allows_compression = false;
    s
}

#[test]
fn pdf_decompression_bomb() {
    let bytes = pdf_with(flate_stream(zeros_zlib(BOMB_MIB)), |_, _| Dictionary::new());
    assert!(bytes.len() < 8 << 20, "{} bytes", bytes.len());
    let p = write_input("pdf-bomb", "bomb.pdf", &bytes);
    let line = assert_refused(&p, "raise it with --max-stream-bytes", &[]);
    assert!(line.contains("decompressed stream"), "{line}");
}

#[test]
fn pdf_decompression_bomb_in_an_encrypted_file() {
    // dxplan sets up decryption itself (src/read/pdf/open/crypt.rs); the
    // decrypted content must still meet the stream limit.
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use lopdf::encryption::crypt_filters::{Aes256CryptFilter, CryptFilter};
    use lopdf::{EncryptionState, EncryptionVersion, Permissions};

    let plain = pdf_with(flate_stream(zeros_zlib(BOMB_MIB)), |_, _| Dictionary::new());
    let mut doc = Document::load_mem(&plain).unwrap();
    let filter: Arc<dyn CryptFilter> = Arc::new(Aes256CryptFilter);
    let state = EncryptionState::try_from(EncryptionVersion::V5 {
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
        file_encryption_key: &[7; 32],
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: "owner",
        user_password: "",
        permissions: Permissions::PRINTABLE,
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(bytes.windows(8).any(|w| w == b"/Encrypt"));
    let p = write_input("pdf-bomb-encrypted", "bomb.pdf", &bytes);
    let line = assert_refused(&p, "raise it with --max-stream-bytes", &[]);
    assert!(line.contains("decompressed stream"), "{line}");
}

#[test]
fn pdf_decompression_bomb_in_a_form_xobject() {
    let bytes = pdf_with(plain_stream(b"/X1 Do"), |doc, _| {
        let mut form = flate_stream(zeros_zlib(BOMB_MIB));
        form.dict.set("Type", "XObject");
        form.dict.set("Subtype", "Form");
        let id = doc.add_object(form);
        dictionary! { "X1" => id }
    });
    let p = write_input("form-bomb", "form-bomb.pdf", &bytes);
    assert_refused(&p, "--max-stream-bytes", &[]);
}

#[test]
fn many_small_streams_stop_at_the_total() {
    // 40 form XObjects of 1 MiB each: each under --max-stream-bytes, all of
    // them over --max-total-bytes.
    let bytes = pdf_with(
        plain_stream(
            (0..40)
                .map(|i| format!("/X{i} Do "))
                .collect::<String>()
                .as_bytes(),
        ),
        |doc, _| {
            let mut xo = Dictionary::new();
            for i in 0..40 {
                let mut form = flate_stream(zeros_zlib(1));
                form.dict.set("Subtype", "Form");
                xo.set(format!("X{i}"), doc.add_object(form));
            }
            xo
        },
    );
    let p = write_input("total", "many.pdf", &bytes);
    assert_refused(
        &p,
        "raise it with --max-total-bytes",
        &["--max-total-bytes", "20000000"],
    );
}

/// One ZIP entry by hand, so that the sizes can lie.
struct Entry<'a> {
    name: &'a str,
    data: &'a [u8],
    method: u16,
    declared: u32,
}

/// A ZIP archive of `entries` (no data descriptors, no ZIP64).
fn zip_of(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend(header_fields(e));
        out.extend(0u16.to_le_bytes()); // extra field length
        out.extend(e.name.as_bytes());
        out.extend(e.data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // made by
        central.extend(header_fields(e));
        central.extend([0u8; 12]); // extra, comment, disk, attributes
        central.extend(offset.to_le_bytes());
        central.extend(e.name.as_bytes());
    }
    let (cd_at, cd_len) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// Version, flags, method, time, date, CRC, sizes, name length.
fn header_fields(e: &Entry) -> Vec<u8> {
    let mut h = Vec::new();
    h.extend(20u16.to_le_bytes());
    h.extend(0u16.to_le_bytes());
    h.extend(e.method.to_le_bytes());
    h.extend([0u8; 4]);
    h.extend(crc32(e.data, e.method).to_le_bytes());
    h.extend((e.data.len() as u32).to_le_bytes());
    h.extend(e.declared.to_le_bytes());
    h.extend((e.name.len() as u16).to_le_bytes());
    h
}

/// CRC-32 of stored data (deflated bombs never reach their checksum).
fn crc32(data: &[u8], method: u16) -> u32 {
    if method != 0 {
        return 0;
    }
    let mut h = flate2::Crc::new();
    h.update(data);
    h.sum()
}

fn stored<'a>(name: &'a str, data: &'a [u8]) -> Entry<'a> {
    Entry {
        name,
        data,
        method: 0,
        declared: data.len() as u32,
    }
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="1-1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// An XLSX whose one sheet is 4 GB of zeros, declaring `declared` bytes.
fn xlsx_bomb(bomb: &[u8], declared: u32) -> Vec<u8> {
    zip_of(&[
        stored("[Content_Types].xml", CONTENT_TYPES),
        stored("_rels/.rels", RELS),
        stored("xl/workbook.xml", WORKBOOK),
        stored("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        Entry {
            name: "xl/worksheets/sheet1.xml",
            data: bomb,
            method: 8,
            declared,
        },
    ])
}

#[test]
fn zip_bomb_declaring_its_size() {
    let bomb = zeros_deflate(BOMB_MIB);
    let bytes = xlsx_bomb(&bomb, (BOMB_MIB as u32) << 20);
    let p = write_input("zip-bomb", "bomb.xlsx", &bytes);
    let line = assert_refused(&p, "xl/worksheets/sheet1.xml", &[]);
    assert!(line.contains("raise it with --max-"), "{line}");
}

#[test]
fn zip_bomb_lying_about_its_size() {
    // The central directory says 2000 bytes; the data inflates to 4 GB.
    let bomb = zeros_deflate(BOMB_MIB);
    let bytes = xlsx_bomb(&bomb, 2000);
    let p = write_input("zip-liar", "liar.xlsx", &bytes);
    assert_refused_with(
        &p,
        "the workbook cannot be opened: sheet 1-1 is damaged \
         (Xml error: I/O error: File is larger than its declared uncompressed size)",
        &[],
    );
}

#[test]
fn zip_bomb_as_ods() {
    let bomb = zeros_deflate(BOMB_MIB);
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let bytes = zip_of(&[
        stored(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        stored("META-INF/manifest.xml", manifest),
        Entry {
            name: "content.xml",
            data: &bomb,
            method: 8,
            declared: 2000,
        },
    ]);
    let p = write_input("ods-bomb", "bomb.ods", &bytes);
    let line = assert_refused(&p, "the workbook cannot be opened", &[]);
    assert!(line.contains("larger than its declared"), "{line}");
}

#[test]
fn zip_entry_ratio_names_its_own_flag() {
    // 4 MiB of zeros packed 1000:1: refused by the ratio, which its flag
    // raises.
    let bytes = xlsx_bomb(&zeros_deflate(4), 4 << 20);
    let p = write_input("ratio", "ratio.xlsx", &bytes);
    let line = assert_refused(&p, "raise it with --max-zip-ratio", &[]);
    assert!(line.contains("ratio"), "{line}");
    // Raised, the ratio passes and the zeros are refused as a damaged part.
    let out = temp_dir("ratio-raised");
    let (o, _) = convert(&p, &out, &["--max-zip-ratio", "5000"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("--max-zip-ratio"), "{err}");
}

#[test]
fn xls_container_with_an_endless_fat() {
    // 1 MiB: 64 KiB sectors, a DIFAT sector pointing at itself, a FAT
    // sector count of 2^32 - 1. It used to ask for 18 GB and abort.
    let mut bytes = vec![0u8; 1 << 20];
    bytes[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    bytes[0x1E] = 16;
    bytes[0x2C..0x30].copy_from_slice(&u32::MAX.to_le_bytes());
    let p = write_input("fat", "fat.xls", &bytes);
    assert_refused_with(
        &p,
        "the workbook cannot be opened: it is damaged or not a real spreadsheet \
         (its container (an OLE compound file) is damaged or holds no workbook)",
        &[],
    );
}

#[test]
fn xls_dimensions_record_claiming_billions_of_cells() {
    // plan.xls with its first DIMENSIONS record saying 4 294 967 280 rows ×
    // 65 520 columns: calamine reserved 11 PB for it and aborted.
    let mut bytes = std::fs::read(fixture("shiogama-2024-03/plan.xls")).unwrap();
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("a DIMENSIONS record");
    bytes[at + 8..at + 12].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    bytes[at + 14..at + 16].copy_from_slice(&0xFFF0u16.to_le_bytes());
    let p = write_input("dims", "dims.xls", &bytes);
    assert_refused(&p, "declares an impossible size", &[]);
}

#[test]
fn xlsx_shared_strings_claiming_billions() {
    // A 1 KB workbook whose string table says uniqueCount="4000000000":
    // calamine reserved 96 GB for it and aborted.
    let rels = String::from_utf8_lossy(WORKBOOK_RELS).replace(
        "</Relationships>",
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    );
    let sheet = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>事業名</t></si></sst>"#;
    let bytes = zip_of(&[
        stored("[Content_Types].xml", CONTENT_TYPES),
        stored("_rels/.rels", RELS),
        stored("xl/workbook.xml", WORKBOOK),
        stored("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        stored("xl/worksheets/sheet1.xml", sheet),
        stored("xl/sharedStrings.xml", sst.as_bytes()),
    ]);
    let p = write_input("sst", "strings.xlsx", &bytes);
    assert_refused(&p, "claims 4000000000 strings", &[]);
}

// ---------------------------------------------------------------------------
// Form XObjects that loop or nest

/// A form XObject stream drawing `content`, with its own resources.
fn form(content: &[u8], resources: Option<Dictionary>) -> Stream {
    let mut dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
    };
    if let Some(r) = resources {
        dict.set("Resources", r);
    }
    let mut s = Stream::new(dict, content.to_vec());
    s.allows_compression = false;
    s
}

/// Forms X0 → X1 → … → X(n-1), the last drawing text (or X0 again when
/// `cycle`).
fn nested_forms_pdf(n: usize, cycle: bool) -> Vec<u8> {
    pdf_with(plain_stream(b"/X0 Do"), |doc, font| {
        let ids: Vec<_> = (0..n).map(|_| doc.new_object_id()).collect();
        for (i, id) in ids.iter().enumerate() {
            let next = if i + 1 < n {
                Some(ids[i + 1])
            } else if cycle {
                Some(ids[0])
            } else {
                None
            };
            let (content, res) = match next {
                Some(next) => (
                    format!("BT /F1 9 Tf 50 {} Td (level {i}) Tj ET /Y Do", 700 - 10 * i),
                    Some(dictionary! {
                        "Font" => dictionary! { "F1" => font },
                        "XObject" => dictionary! { "Y" => next },
                    }),
                ),
                None => ("BT /F1 9 Tf 50 100 Td (deepest) Tj ET".to_string(), None),
            };
            doc.objects
                .insert(*id, form(content.as_bytes(), res).into());
        }
        dictionary! { "X0" => ids[0] }
    })
}

#[test]
fn self_referencing_form_xobjects_finish() {
    // X0 → X1 → X2 → X0 …: the loop is cut, the text is read once, and the
    // file (which holds no plan) is refused in plain words.
    let p = write_input("loop", "loop.pdf", &nested_forms_pdf(3, true));
    assert_refused(&p, "no plan tables found", &[]);
    let bytes = std::fs::read(&p).unwrap();
    let doc = dxplan::internals::read::read_bytes(
        &bytes,
        dxplan::InputFormat::Pdf,
        &dxplan::ReadOptions::default(),
    )
    .unwrap();
    assert!(
        doc.warnings.iter().any(|w| w.code == "xobject_cycle"),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn form_xobjects_deeper_than_the_limit() {
    let p = write_input("deep", "deep.pdf", &nested_forms_pdf(20, false));
    assert_refused(&p, "raise it with --max-xobject-depth", &[]);
    // Within a raised limit the deepest text is read (and there is no plan).
    assert_refused(&p, "no plan tables found", &["--max-xobject-depth", "25"]);
}

#[test]
fn form_xobject_fan_out_is_bounded() {
    // Each of 12 levels draws the next level 16 times: 16^12 draws unless the
    // byte budget stops it.
    let levels = 12;
    let bytes = pdf_with(plain_stream(b"/X0 Do"), |doc, font| {
        let ids: Vec<_> = (0..levels).map(|_| doc.new_object_id()).collect();
        for (i, id) in ids.iter().enumerate() {
            let (content, res) = if i + 1 < levels {
                (
                    "/Y Do ".repeat(16),
                    Some(dictionary! {
                        "Font" => dictionary! { "F1" => font },
                        "XObject" => dictionary! { "Y" => ids[i + 1] },
                    }),
                )
            } else {
                ("BT /F1 9 Tf 50 100 Td (leaf) Tj ET".to_string(), None)
            };
            doc.objects
                .insert(*id, form(content.as_bytes(), res).into());
        }
        dictionary! { "X0" => ids[0] }
    });
    let p = write_input("fanout", "fanout.pdf", &bytes);
    assert_refused(&p, "--max-", &[]);
}

#[test]
fn text_flood_on_one_page_is_bounded() {
    // 64 MiB of one-byte strings inflate from a few KB: the glyphs are
    // refused before they fill memory.
    let mut flood = b"BT /F1 1 Tf ".to_vec();
    let line = format!("({}) Tj\n", "A".repeat(56));
    flood.extend(line.as_bytes().repeat(1 << 20));
    assert!(flood.len() < 64 << 20, "under --max-stream-bytes");
    flood.extend(b"ET");
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::best());
    z.write_all(&flood).unwrap();
    let bytes = pdf_with(flate_stream(z.finish().unwrap()), |_, _| Dictionary::new());
    let p = write_input("flood", "flood.pdf", &bytes);
    assert_refused(&p, "raise it with --max-page-marks", &[]);
}

// ---------------------------------------------------------------------------
// Each limit flag is enforced and named

#[test]
fn max_input_bytes() {
    assert_refused(
        &fixture("shiogama-2024-03/plan.xlsx"),
        "raise it with --max-input-bytes",
        &["--max-input-bytes", "1000"],
    );
}

#[test]
fn max_pages() {
    assert_refused(
        &fixture("shiogama-2024-03/plan-ipaex.pdf"),
        "raise it with --max-pages",
        &["--max-pages", "3"],
    );
}

#[test]
fn max_stream_bytes() {
    assert_refused(
        &fixture("shiogama-2024-03/plan-ipaex.pdf"),
        "raise it with --max-stream-bytes",
        &["--max-stream-bytes", "2000"],
    );
}

#[test]
fn max_total_bytes() {
    let line = assert_refused(
        &fixture("shiogama-2024-03/plan-ipaex.pdf"),
        "raise it with --max-total-bytes",
        &["--max-total-bytes", "100000"],
    );
    assert!(line.contains("limit of 100000"), "{line}");
    assert_refused(
        &fixture("shiogama-2024-03/plan.xlsx"),
        "raise it with --max-total-bytes",
        &["--max-total-bytes", "20000"],
    );
    assert_refused(
        &fixture("shiogama-2024-03/plan.ods"),
        "raise it with --max-total-bytes",
        &["--max-total-bytes", "20000"],
    );
}

#[test]
fn max_stream_bytes_for_workbook_parts() {
    assert_refused(
        &fixture("shiogama-2024-03/plan.xlsx"),
        "raise it with --max-stream-bytes",
        &["--max-stream-bytes", "5000"],
    );
}

#[test]
fn max_page_marks() {
    assert_refused(
        &fixture("shiogama-2024-03/plan-ipaex.pdf"),
        "raise it with --max-page-marks",
        &["--max-page-marks", "300"],
    );
}

#[test]
fn max_cells() {
    for f in [
        "plan.xlsx",
        "plan.xls",
        "plan.ods",
        "plan-excel95.xls",
        "plan-ipaex.pdf",
    ] {
        assert_refused(
            &fixture(&format!("shiogama-2024-03/{f}")),
            "raise it with --max-cells",
            &["--max-cells", "20"],
        );
    }
}

// ---------------------------------------------------------------------------
// Output safety

fn plan_xlsx_copy(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::copy(fixture("shiogama-2024-03/plan.xlsx"), &p).unwrap();
    p
}

#[test]
fn failure_keeps_the_previous_output() {
    let dir = temp_dir("keep-previous");
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("plan")).unwrap();
    for (f, text) in [("plan.json", "old json"), ("plan.xlsx", "old xlsx")] {
        std::fs::write(out.join(f), text).unwrap();
    }
    std::fs::write(out.join("plan/measures.csv"), "old csv").unwrap();
    let broken = dir.join("plan.pdf");
    let bytes = ipaex();
    std::fs::write(&broken, &bytes[..bytes.len() / 3]).unwrap();
    let (o, _) = convert(&broken, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(out.join("plan.json")).unwrap(), b"old json");
    assert_eq!(std::fs::read(out.join("plan.xlsx")).unwrap(), b"old xlsx");
    assert_eq!(
        std::fs::read(out.join("plan/measures.csv")).unwrap(),
        b"old csv"
    );
    assert_eq!(files_under(&out).len(), 3, "{:?}", files_under(&out));
}

/// `convert` refuses and the input is unchanged.
fn assert_input_kept(input: &Path, out: &str, extra: &[&str]) {
    let before = std::fs::read(input).unwrap();
    let mut args = vec!["convert", input.to_str().unwrap(), "-o", out];
    args.extend_from_slice(extra);
    let o = dxplan(&args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("overwrite"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read(input).unwrap(), before, "input overwritten");
}

#[test]
fn never_overwrites_its_input_by_any_spelling() {
    let dir = temp_dir("own-input");
    // An .xlsx input converting into its own folder would be replaced by
    // the workbook output.
    let input = plan_xlsx_copy(&dir, "plan.xlsx");
    let d = dir.to_str().unwrap();
    assert_input_kept(&input, d, &[]);
    assert_input_kept(&input, &format!("{d}/./"), &["--to", "xlsx"]);
    assert_input_kept(&input, &format!("{d}/sub/.."), &["--to", "xlsx"]);
    // The same folder through a symbolic link.
    let link = dir.parent().unwrap().join(format!(
        "{}-link",
        dir.file_name().unwrap().to_string_lossy()
    ));
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&dir, &link).unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    assert_input_kept(&input, link.to_str().unwrap(), &["--to", "xlsx"]);
    // The input reached through the link, output into the real folder.
    let via_link = link.join("plan.xlsx");
    assert_input_kept(&via_link, d, &["--to", "xlsx"]);
    // A relative spelling from inside the folder.
    let o = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .current_dir(&dir)
        .args(["convert", "./plan.xlsx", "-o", ".", "--to", "xlsx"])
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("overwrite"));
    assert_eq!(
        std::fs::read(&input).unwrap(),
        std::fs::read(fixture("shiogama-2024-03/plan.xlsx")).unwrap()
    );
    let _ = std::fs::remove_file(&link);
}

#[test]
fn diff_never_overwrites_a_revision() {
    let dir = temp_dir("diff-own-input");
    let old = plan_xlsx_copy(&dir, "old.xlsx");
    let new = plan_xlsx_copy(&dir, "new.xlsx");
    let before = std::fs::read(&new).unwrap();
    let spelled = format!("{}/./new.xlsx", dir.display());
    let o = dxplan(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        &spelled,
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("would overwrite this input"), "{err}");
    assert_eq!(std::fs::read(&new).unwrap(), before);
}

#[test]
fn inspect_never_overwrites_its_pdf() {
    let dir = temp_dir("inspect-own-input");
    let pdf = dir.join("plan.pdf");
    std::fs::copy(fixture("shiogama-2024-03/plan-ipaex.pdf"), &pdf).unwrap();
    let before = std::fs::read(&pdf).unwrap();
    let o = dxplan(&[
        "inspect",
        pdf.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("would overwrite this input"), "{err}");
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
}

#[test]
fn symlinked_output_file_to_the_input_is_not_followed() {
    // out/plan.xlsx is a link to the input: writing the output replaces the
    // link, never the file it points to.
    let dir = temp_dir("link-out");
    let input = plan_xlsx_copy(&dir, "plan.xlsx");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&input, out.join("plan.xlsx")).unwrap();
    let before = std::fs::read(&input).unwrap();
    let (o, _) = convert(&input, &out, &["--to", "xlsx"]);
    assert_ne!(o.status.code(), Some(0), "refused as overwriting the input");
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn two_inputs_with_one_stem_keep_their_folders() {
    // Issue 14: equal names are mirrored under -o relative to the folder
    // the inputs share, never refused and never overwriting each other.
    let dir = temp_dir("same-stem");
    let a = plan_xlsx_copy(&dir, "plan.xlsx");
    std::fs::create_dir_all(dir.join("b")).unwrap();
    let b = dir.join("b/plan.ods");
    std::fs::copy(fixture("shiogama-2024-03/plan.ods"), &b).unwrap();
    let out = dir.join("out");
    let o = dxplan(&[
        "convert",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let mut files = files_under(&out);
    files.sort();
    assert_eq!(
        files,
        [
            out.join("b/plan.json"),
            out.join("catalog.csv"),
            out.join("catalog.json"),
            out.join("plan.json"),
        ]
    );
}

/// Convert a copy of plan.xlsx named `name`; the outputs must land inside
/// `out` (or nothing be written, with a plain message).
fn convert_named(test: &str, name: &str) -> (Output, PathBuf, PathBuf, util::TempDir) {
    let dir = temp_dir(test);
    let inner = dir.join("in");
    std::fs::create_dir_all(&inner).unwrap();
    let input = plan_xlsx_copy(&inner, name);
    let out = dir.join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .current_dir(&inner)
        .args(["convert", "-o"])
        .arg(&out)
        .args(["--", name])
        .output()
        .unwrap();
    (o, out, input, dir)
}

/// Everything in `dir` except `out/…` and the input: what escaped.
fn escaped(dir: &Path, out: &Path, input: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| !p.starts_with(out) && p != input)
        .collect()
}

#[test]
fn odd_input_names_stay_inside_the_output_folder() {
    for (i, name) in [
        "..pdf.xlsx",
        "..xlsx",
        "-o.xlsx",
        "計画　令和６年度.xlsx",
        "plan\u{202e}xslx.xlsx",
        "a\\..\\b.xlsx",
        " .xlsx",
    ]
    .iter()
    .enumerate()
    {
        let (o, out, input, _dir) = convert_named(&format!("odd-{i}"), name);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{name}: {err}");
        let dir = out.parent().unwrap();
        assert_eq!(
            escaped(dir, &out, &input),
            Vec::<PathBuf>::new(),
            "{name} wrote outside {}",
            out.display()
        );
        if o.status.success() {
            // The plan's JSON (the CSV folder's datapackage.json aside).
            let json = files_under(&out)
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .filter(|p| p.file_name().is_some_and(|f| f != "datapackage.json"))
                .count();
            assert_eq!(json, 1, "{name}: {:?}", files_under(&out));
        } else {
            assert_eq!(err.lines().count(), 1, "{name}: {err}");
            assert!(err.contains(*name), "{name}: {err}");
        }
    }
}

#[test]
fn input_named_dash_o_is_an_input() {
    let dir = temp_dir("dash-o");
    let input = plan_xlsx_copy(&dir, "-o");
    // "-o" has no extension: refused as such, after "--".
    let o = Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .current_dir(&dir)
        .args(["convert", "-o", "out", "--", "-o"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("-o: unsupported file type"), "{err}");
    assert!(input.exists());
}

// ---------------------------------------------------------------------------
// Crashers found by fuzzing (fixtures/bad/fuzz/), one test per bug

/// Exit 0 or 1, never a panic, not even one the readers' guard caught; on
/// failure one line naming the file.
fn assert_no_crash(input: &Path) {
    let out = temp_dir(&format!(
        "fuzz-{}",
        input.file_name().unwrap().to_string_lossy()
    ));
    let (o, took) = convert(input, &out, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!is_caught_panic(&err), "refused by a caught panic: {err}");
    assert!(took < QUICK, "took {took:?}");
    match o.status.code() {
        Some(0) => {}
        Some(1) => {
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains(&input.display().to_string()), "{err}");
            assert_eq!(files_under(&out), Vec::<PathBuf>::new());
        }
        other => panic!("exit {other:?}: {err}"),
    }
}

#[test]
fn fuzz_sheet_reversed_merge_range() {
    // calamine subtracts the start of a merge from its end (S2:B1) and
    // panics on the overflow in debug builds; our pass over the sheet's
    // XML refuses the range first.
    let input = fixture("bad/fuzz/sheet-reversed-merge.xlsx");
    assert_no_crash(&input);
    assert_refused_with(
        &input,
        "the workbook cannot be opened: sheet 1-1 (part xl/worksheets/sheet1.xml) is damaged \
         (the range S2:B1 ends before it starts)",
        &[],
    );
}

#[test]
fn fuzz_sheet_cfb_chain_loop() {
    // plan.xls with one FAT entry changed so that a sector chain loops:
    // calamine's container reader followed it until 2 GB were used.
    let input = fixture("bad/fuzz/sheet-cfb-chain-loop.xls");
    assert_no_crash(&input);
    assert_refused_with(
        &input,
        "the workbook cannot be opened: it is damaged or not a real spreadsheet \
         (its container (an OLE compound file) is damaged or holds no workbook)",
        &[],
    );
}

#[test]
fn fuzz_sheet_merge_across_columns() {
    // hakuba-2025-04/plan.xls with one merge record's first column
    // changed from 14 to 14,606 (a "slow unit" of the sheet target): the
    // KPI header (O5:O6) is merged across 14,593 columns, over the two after
    // it. Reading each list row compared every covered cell's anchor with
    // all those before it (4.3 s in the fuzz build, 0.59 s released;
    // BENCHMARKS.md). Each measure is still read, and the two merges it
    // overlaps are warned about at their cells.
    let input = fixture("bad/fuzz/sheet-merge-across-columns.xls");
    assert_no_crash(&input);
    let json = assert_converts(&input, &["--to", "json"]);
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("hakuba-2025-04/expected.json")).unwrap())
            .unwrap();
    let names = |v: &serde_json::Value| -> Vec<(String, String)> {
        v["measures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["id"].to_string(), m["name"].to_string()))
            .collect()
    };
    assert_eq!(names(&json), names(&expected));
    let overlaps: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "overlapping_merge")
        .map(|w| w["at"].as_str().unwrap())
        .collect();
    assert_eq!(overlaps, ["アクションプラン!P5", "アクションプラン!Q5"]);
}

#[test]
fn fuzz_sheet_offset_past_bof() {
    // plan-excel95.xls with sheet offsets moved off their BOF records: our
    // pre-pass saw no cells where calamine placed some 2 billion, and its
    // 65 GB range aborted the process.
    let input = fixture("bad/fuzz/sheet-offset-past-bof.xls");
    assert_no_crash(&input);
    assert_refused(&input, "raise it with --max-cells", &[]);
}

#[test]
fn every_fuzz_crasher_has_a_test() {
    let source = std::fs::read_to_string(file!()).unwrap();
    for e in std::fs::read_dir(fixture("bad/fuzz")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            source.contains(&format!("bad/fuzz/{name}")),
            "fixtures/bad/fuzz/{name} has no test"
        );
        assert_no_crash(&fixture(&format!("bad/fuzz/{name}")));
    }
}

/// The fuzz targets' work, run by every `cargo test`: each crasher in
/// fixtures/bad/fuzz/ is changed at a few bytes, `DXPLAN_FUZZ_ROUNDS` times
/// (60 unless set: 9 s in a debug build), and each copy read and
/// recognised in the library as the sheet and PDF targets do (a `.bin` is
/// two plans, diffed and written as the diff target does). No copy may panic: not in the recogniser or
/// the diff, and not in a reader, where the guard would catch it and
/// return `ReadError::ParserFailed`, unless that very copy is listed in
/// [`KNOWN_FUZZ_PANICS`]. A failing copy is kept in `target/tmp`.
///
/// With `DXPLAN_INJECT_PANIC=sheet` or `recognize` (feature
/// `fault-injection`) this fails at the first copy (BENCHMARKS.md,
/// "Injected panics").
#[test]
fn mutated_fuzz_crashers_never_panic() {
    let rounds: usize = std::env::var("DXPLAN_FUZZ_ROUNDS").map_or(60, |r| r.parse().unwrap());
    let mut names: Vec<String> = std::fs::read_dir(fixture("bad/fuzz"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut met = Vec::new();
    for name in &names {
        let good = std::fs::read(fixture(&format!("bad/fuzz/{name}"))).unwrap();
        // One generator per file, seeded by its name: a new crasher does
        // not change the copies of the others (nor the list below).
        let mut seed = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        }) | 1;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as usize
        };
        for round in 0..rounds {
            let mut bytes = good.clone();
            for _ in 0..1 + round % 8 {
                let at = next() % bytes.len();
                bytes[at] = next() as u8;
            }
            let keep = |why: &str| {
                let kept = Path::new(env!("CARGO_TARGET_TMPDIR"))
                    .join(format!("dxplan-fuzz-{round}-{name}"));
                std::fs::write(&kept, &bytes).unwrap();
                format!(
                    "{name}, round {round}: {why}; the bytes are in {}",
                    kept.display()
                )
            };
            let caught = match std::panic::catch_unwind(|| run_like_the_fuzz_targets(name, &bytes))
            {
                Ok(caught) => caught,
                Err(e) => {
                    eprintln!("{}", keep("an uncaught panic"));
                    std::panic::resume_unwind(e)
                }
            };
            let Some(panic) = caught else { continue };
            let known = KNOWN_FUZZ_PANICS
                .iter()
                .position(|k| k.0 == name && k.1 == round && panic.at.contains(k.2));
            match known {
                Some(k) => met.push(k),
                None => panic!(
                    "{}",
                    keep(&format!(
                        "a caught panic at {} ({:?})",
                        panic.at, panic.message
                    ))
                ),
            }
        }
    }
    let unmet: Vec<_> = (0..KNOWN_FUZZ_PANICS.len())
        .filter(|i| !met.contains(i))
        .map(|i| KNOWN_FUZZ_PANICS[i])
        .collect();
    assert!(
        unmet.is_empty(),
        "known panics no longer met (remove them): {unmet:?}"
    );
}

/// Library panics `mutated_fuzz_crashers_never_panic` meets, each by its
/// input: (file in fixtures/bad/fuzz/, round, where). Each is a library's
/// bug, with the report for its tracker in a comment.
// Empty: the one it held (sheet-reversed-merge.xlsx, round 24: calamine's
// get_dimension on a reversed range) is now refused before calamine.
const KNOWN_FUZZ_PANICS: &[(&str, usize, &str)] = &[];

/// One copy through the library as the fuzz targets take it; the panic the
/// readers' guard caught, if any.
fn run_like_the_fuzz_targets(name: &str, bytes: &[u8]) -> Option<CaughtPanic> {
    if name.ends_with(".bin") {
        diff_two_plans(bytes);
        return None;
    }
    let format = InputFormat::from_path(Path::new(name)).unwrap();
    let opts = ReadOptions {
        password: None,
        // As the fuzz targets' (fuzz/fuzz_targets/common.rs): quick copies.
        limits: Limits {
            max_input_bytes: 4 << 20,
            max_pages: 64,
            max_stream_bytes: 8 << 20,
            max_total_bytes: 32 << 20,
            max_cells: 200_000,
            max_page_marks: 200_000,
            ..Limits::default()
        },
        skip_review: false,
        ..ReadOptions::default()
    };
    match dxplan::convert_bytes(bytes, name, format, &opts) {
        Err(dxplan::Error {
            kind: ErrorKind::Read(ReadError::ParserFailed { panic, .. }),
            ..
        }) => Some(panic),
        Err(e) => {
            let _ = e.to_string();
            None
        }
        Ok(_) => None,
    }
}

/// Two plans separated by a NUL, diffed and written (fuzz_targets/diff.rs).
fn diff_two_plans(bytes: &[u8]) {
    let mut halves = bytes.splitn(2, |&b| b == 0);
    let (Some(a), Some(b)) = (halves.next(), halves.next()) else {
        return;
    };
    let (Ok(old), Ok(new)) = (
        serde_json::from_slice::<dxplan::Plan>(a),
        serde_json::from_slice::<dxplan::Plan>(b),
    ) else {
        return;
    };
    let d = dxplan::diff::diff(&old, &new);
    let _ = dxplan::diff::write_text(&d, std::io::sink(), false);
    let _ = dxplan::diff::write_json(&d, std::io::sink());
    let _ = dxplan::diff::write_xlsx(&d, std::io::Cursor::new(Vec::new()));
}

/// Found by the diff fuzz target: two plans (NUL between) whose schedule
/// names the fiscal period "20272023"; the diff drew every year up to it
/// and ran out of memory. A period has four year digits (the contract's
/// pattern): that JSON is refused in one line, the other side is fine.
#[test]
fn diff_eight_digit_year() {
    let bytes = std::fs::read(fixture("bad/fuzz/diff-eight-digit-year.bin")).unwrap();
    let nul = bytes.iter().position(|&b| b == 0).expect("two documents");
    let dir = temp_dir("diff-eight-digit-year");
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::write(&old, &bytes[..nul]).unwrap();
    std::fs::write(&new, &bytes[nul + 1..]).unwrap();
    let o = dxplan(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("old.json") && err.contains("20272023"),
        "{err}"
    );
    // The other side alone diffs against itself quickly and finds nothing.
    let o = dxplan(&["diff", new.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
