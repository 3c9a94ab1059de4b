//! Opening a PDF: parsing, decryption, passwords, the page-count limit.
//!
//! lopdf parses and decrypts; around it we repair what it leaves undone:
//! a file without its `%PDF-` header, a page tree only a rebuilt
//! cross-reference table finds, encryption it could not set up (see
//! [`crypt`]), and stream dictionaries whose `/Filter` is indirect or empty.

mod crypt;

use std::borrow::Cow;

use lopdf::{DecompressError, Document, Error as PdfError, LoadOptions, Object};

use crate::error::ReadError;
use crate::read::ReadOptions;

/// Parse and decrypt a PDF.
///
/// # Errors
/// [`ReadError::PasswordRequired`] / [`ReadError::WrongPassword`] for a
/// user password; [`ReadError::Damaged`] for a damaged file;
/// [`ReadError::Limit`] for an oversized stream or too many pages.
pub fn open(bytes: &[u8], opts: &ReadOptions) -> Result<Document, ReadError> {
    let bytes = with_header(bytes);
    let headerless = matches!(bytes, Cow::Owned(_));
    let loaded = if crypt::names_encrypt(&bytes) {
        crypt::open_encrypted(&bytes, opts)
    } else {
        load(&bytes, opts, headerless).map_err(|e| load_error(e, &bytes, opts))
    };
    let mut doc = match loaded {
        Ok(doc) if doc.trailer.get(b"Encrypt").is_err() => doc,
        Ok(_) => return Err(password_error(opts)),
        Err(e) => return Err(e),
    };
    if page_count(&doc, 1) == 0
        && let Ok(rebuilt) = load(&bytes, opts, true)
        && rebuilt.trailer.get(b"Encrypt").is_err()
        && page_count(&rebuilt, 1) > 0
    {
        doc = rebuilt;
    }
    if !crypt::names_encrypt(&bytes) {
        recover_unsized_streams(&mut doc, &bytes);
        recover_content_objects(&mut doc, &bytes);
        recover_spaced_names(&mut doc, &bytes);
    }
    resolve_stream_filters(&mut doc);
    if page_count(&doc, 1) == 0 {
        rebuild_page_tree(&mut doc);
    }
    check_pages(&doc, opts)?;
    Ok(doc)
}

/// Load with lopdf; `rebuild` scans for objects instead of trusting the
/// cross-reference table.
fn load(bytes: &[u8], opts: &ReadOptions, rebuild: bool) -> Result<Document, PdfError> {
    let load = LoadOptions {
        password: opts.password.clone(),
        max_decompressed_size: Some(opts.limits.max_stream_bytes.min(usize::MAX as u64) as usize),
        force_reconstruct: rebuild,
        ..LoadOptions::default()
    };
    Document::load_mem_with_options(bytes, load)
}

/// A file whose `%PDF-` header is missing (but which starts with objects,
/// see [`crate::read::InputFormat::confirm`]) gets one, as viewers assume.
fn with_header(bytes: &[u8]) -> Cow<'_, [u8]> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Cow::Borrowed(bytes);
    }
    let mut v = b"%PDF-1.7\n".to_vec();
    v.extend_from_slice(bytes);
    Cow::Owned(v)
}

fn password_error(opts: &ReadOptions) -> ReadError {
    if opts.password.is_some() {
        ReadError::WrongPassword
    } else {
        ReadError::PasswordRequired
    }
}

fn load_error(e: PdfError, bytes: &[u8], opts: &ReadOptions) -> ReadError {
    match e {
        PdfError::InvalidPassword if opts.password.is_some() => ReadError::WrongPassword,
        PdfError::InvalidPassword => ReadError::PasswordRequired,
        PdfError::Decompress(DecompressError::MemoryLimitExceeded { .. }) => ReadError::Limit {
            what: crate::msg!("limit-what-pdf-stream"),
            limit: opts.limits.max_stream_bytes,
            which: crate::error::Limit::StreamBytes,
        },
        PdfError::UnsupportedSecurityHandler(h) => ReadError::UnsupportedEncryption {
            handler: String::from_utf8_lossy(&h).into_owned(),
        },
        _ if truncated(bytes) => ReadError::Truncated,
        other => damaged(&other.to_string()),
    }
}

/// No `%%EOF` near the end: the file was cut short.
fn truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    !tail.windows(5).any(|w| w == b"%%EOF")
}

/// The message for a file that cannot be read.
pub fn damaged(detail: &str) -> ReadError {
    ReadError::damaged_pdf(None, detail)
}

/// Give a stream without `/Length` its data: from where lopdf left it (just
/// after `stream`) to the next `endstream`, as poppler and pdf.js recover
/// such streams. lopdf keeps them empty.
fn recover_unsized_streams(doc: &mut Document, bytes: &[u8]) {
    for obj in doc.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        if !s.content.is_empty() || s.dict.get(b"Length").is_ok() {
            continue;
        }
        let Some(start) = s.start_position.filter(|&p| p <= bytes.len()) else {
            continue;
        };
        let rest = &bytes[start..];
        let Some(end) = rest.windows(9).position(|w| w == b"endstream") else {
            continue;
        };
        let mut data = &rest[..end];
        for eol in [&b"\r\n"[..], b"\n", b"\r"] {
            if let Some(d) = data.strip_suffix(eol) {
                data = d;
                break;
            }
        }
        s.set_content(data.to_vec());
    }
}

/// Re-read page content streams that lopdf dropped (a `/Length` that does
/// not end at `endstream`): the data from `stream` to `endstream`, with the
/// filters the dictionary names directly. Ones with other dictionary
/// entries that matter (`/DecodeParms`, indirect filters) stay dropped.
fn recover_content_objects(doc: &mut Document, bytes: &[u8]) {
    let missing: Vec<lopdf::ObjectId> = doc
        .page_iter()
        .flat_map(|p| doc.get_page_contents(p))
        .filter(|id| !doc.objects.contains_key(id))
        .collect();
    for id in missing {
        if let Some(stream) = raw_stream(bytes, id) {
            doc.objects.insert(id, Object::Stream(stream));
        }
    }
}

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = hay.get(from..)?;
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

/// The stream object `id` as written in the file, found by its `N G obj`.
fn raw_stream(bytes: &[u8], id: lopdf::ObjectId) -> Option<lopdf::Stream> {
    let head = format!("{} {} obj", id.0, id.1);
    let mut at = 0;
    let obj = loop {
        let i = find_from(bytes, at, head.as_bytes())?;
        if i == 0 || !bytes[i - 1].is_ascii_digit() {
            break i + head.len();
        }
        at = i + 1;
    };
    let kw = find_from(bytes, obj, b"stream")?;
    let dict = &bytes[obj..kw];
    if dict.windows(5).any(|w| w == b" obj\n" || w == b"endob") || find(dict, b"DecodeParms") {
        return None;
    }
    let mut start = kw + b"stream".len();
    if bytes.get(start) == Some(&b'\r') {
        start += 1;
    }
    if bytes.get(start) == Some(&b'\n') {
        start += 1;
    }
    let end = find_from(bytes, start, b"endstream")?;
    let data = bytes[start..end].trim_ascii_end();
    let mut d = lopdf::Dictionary::new();
    let filters = filter_names(dict);
    match filters.len() {
        0 if find(dict, b"/Filter") => return None,
        0 => {}
        1 => d.set("Filter", Object::Name(filters[0].clone())),
        _ => d.set(
            "Filter",
            Object::Array(filters.into_iter().map(Object::Name).collect()),
        ),
    }
    Some(lopdf::Stream::new(d, data.to_vec()))
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    find_from(hay, 0, needle).is_some()
}

/// The filter names of `/Filter /Name` or `/Filter [/A /B]` in a raw
/// dictionary.
fn filter_names(dict: &[u8]) -> Vec<Vec<u8>> {
    let Some(i) = find_from(dict, 0, b"/Filter") else {
        return Vec::new();
    };
    let rest = dict[i + b"/Filter".len()..].trim_ascii_start();
    let list = match rest.first() {
        Some(b'[') => &rest[1..rest.iter().position(|&b| b == b']').unwrap_or(rest.len())],
        Some(b'/') => {
            &rest[..rest[1..]
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b"/>[]<(".contains(&b))
                .map_or(rest.len(), |p| p + 1)]
        }
        _ => return Vec::new(),
    };
    list.split(|&b| b == b'/' || b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}

/// Re-read objects lopdf dropped because a name holds bare spaces, as some
/// producers write font names (`/BaseFont /Arial Unicode MS`): the stray
/// words join the name (`/Arial#20Unicode#20MS`). Poppler reads such
/// dictionaries too (it skips the words).
fn recover_spaced_names(doc: &mut Document, bytes: &[u8]) {
    use regex::bytes::Regex;
    use std::sync::OnceLock;
    static OBJ: OnceLock<Regex> = OnceLock::new();
    static SPACED: OnceLock<Regex> = OnceLock::new();
    // Only when the cross-reference table lists an object lopdf did not load.
    let dropped = doc.reference_table.entries.iter().any(|(&n, e)| {
        matches!(e, lopdf::xref::XrefEntry::Normal { generation, .. }
            if !doc.objects.contains_key(&(n, *generation)))
    });
    if !dropped {
        return;
    }
    let obj = OBJ.get_or_init(|| {
        Regex::new(r"(?:^|[\s>])(\d{1,7})[ \t]+(\d{1,5})[ \t]+obj\b").expect("regex")
    });
    let spaced = SPACED.get_or_init(|| {
        Regex::new(r"(/[^\s/<>\[\]()%]+)((?:[ \t]+[A-Za-z][^\s/<>\[\]()%]*)+)(\s*(?:/|>>))")
            .expect("regex")
    });
    for caps in obj.captures_iter(bytes) {
        let text = |i: usize| std::str::from_utf8(&caps[i]).ok();
        let (Some(n), Some(g)) = (
            text(1).and_then(|t| t.parse::<u32>().ok()),
            text(2).and_then(|t| t.parse::<u16>().ok()),
        ) else {
            continue;
        };
        if doc.objects.contains_key(&(n, g)) {
            continue;
        }
        let body_start = caps.get(0).map_or(0, |m| m.end());
        let Some(end) = find_from(bytes, body_start, b"endobj") else {
            continue;
        };
        let body = &bytes[body_start..end];
        if find(body, b"stream") || !spaced.is_match(body) {
            continue;
        }
        let repaired = spaced.replace_all(body, |c: &regex::bytes::Captures| {
            let words: Vec<&[u8]> = c[2]
                .split(|b| *b == b' ' || *b == b'\t')
                .filter(|w| !w.is_empty())
                .collect();
            if words
                .iter()
                .any(|w| matches!(*w, b"true" | b"false" | b"null" | b"R" | b"obj"))
            {
                return c[0].to_vec();
            }
            let mut out = c[1].to_vec();
            for w in words {
                out.extend_from_slice(b"#20");
                out.extend_from_slice(w);
            }
            out.extend_from_slice(&c[3]);
            out
        });
        let mut one = b"%PDF-1.4\n1 0 obj\n".to_vec();
        one.extend_from_slice(&repaired);
        one.extend_from_slice(b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        let load = LoadOptions {
            force_reconstruct: true,
            ..LoadOptions::default()
        };
        if let Ok(mut small) = Document::load_mem_with_options(&one, load)
            && let Some(o) = small.objects.remove(&(1, 0))
        {
            doc.objects.insert((n, g), o);
        }
    }
}

/// Follow indirect `/Filter` and `/DecodeParms` values (and their array
/// elements) into each stream's dictionary, and drop an empty filter list,
/// so that every later decode sees names and dictionaries, as lopdf expects.
fn resolve_stream_filters(doc: &mut Document) {
    let mut fixes = Vec::new();
    for (&id, obj) in &doc.objects {
        let Object::Stream(s) = obj else { continue };
        let resolved = ["Filter", "DecodeParms"].map(|k| {
            let v = s.dict.get(k.as_bytes()).ok()?;
            let r = resolve_filter_value(doc, v);
            (r != *v).then_some(r)
        });
        let empty = s
            .dict
            .get(b"Filter")
            .ok()
            .map(|v| resolve_filter_value(doc, v))
            .is_some_and(|v| matches!(v, Object::Array(ref a) if a.is_empty()) || v.is_null());
        if empty || resolved.iter().any(Option::is_some) {
            fixes.push((id, resolved, empty));
        }
    }
    for (id, [filter, parms], empty) in fixes {
        let Some(Object::Stream(s)) = doc.objects.get_mut(&id) else {
            continue;
        };
        if empty {
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            continue;
        }
        if let Some(f) = filter {
            s.dict.set("Filter", f);
        }
        if let Some(p) = parms {
            s.dict.set("DecodeParms", p);
        }
    }
}

/// A `/Filter` or `/DecodeParms` value with references followed, one level
/// into arrays.
fn resolve_filter_value(doc: &Document, v: &Object) -> Object {
    let deref = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).cloned().unwrap_or(Object::Null),
        other => other.clone(),
    };
    match deref(v) {
        Object::Array(a) => Object::Array(a.iter().map(deref).collect()),
        other => other,
    }
}

/// The number of pages, counting no further than `max`.
/// A page tree that leads to no page (a `/Kids` entry pointing back at its
/// own `/Pages` node, say) is replaced by one flat node over every object
/// of `/Type /Page`, in object order, as poppler recovers such files.
fn rebuild_page_tree(doc: &mut Document) {
    let pages: Vec<lopdf::ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .is_ok_and(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Page"))
        })
        .map(|(id, _)| *id)
        .collect();
    if pages.is_empty() {
        return;
    }
    let Ok(root) = doc.trailer.get(b"Root").and_then(Object::as_reference) else {
        return;
    };
    let node = doc.new_object_id();
    let kids = pages.iter().map(|&id| Object::Reference(id)).collect();
    let mut tree = lopdf::Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Kids", Object::Array(kids));
    tree.set("Count", Object::Integer(pages.len() as i64));
    doc.objects.insert(node, Object::Dictionary(tree));
    for id in pages {
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) {
            d.set("Parent", Object::Reference(node));
        }
    }
    if let Ok(Object::Dictionary(catalog)) = doc.get_object_mut(root) {
        catalog.set("Pages", Object::Reference(node));
    }
}

fn page_count(doc: &Document, max: usize) -> usize {
    doc.page_iter().take(max).count()
}

fn check_pages(doc: &Document, opts: &ReadOptions) -> Result<(), ReadError> {
    let n = page_count(doc, opts.limits.max_pages as usize + 1);
    if n == 0 {
        return Err(damaged(
            "it has no pages, even after rebuilding its cross-reference table",
        ));
    }
    if n as u64 > opts.limits.max_pages as u64 {
        return Err(ReadError::Limit {
            what: crate::msg!("limit-what-pages"),
            limit: opts.limits.max_pages as u64,
            which: crate::error::Limit::Pages,
        });
    }
    Ok(())
}
