//! The ZIP container of XLSX and ODS: size checks from the central directory
//! before anything is decompressed, and bounded streaming XML readers for
//! the parts calamine does not interpret for us.

use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::BytesStart;
use zip::ZipArchive;

use crate::error::ReadError;
use crate::read::Limits;

/// An opened workbook container over the input bytes.
pub(super) type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Entries over this size must not expand more than `--max-zip-ratio` times.
const RATIO_FLOOR: u64 = 1 << 20;

/// Open the container and refuse it when an entry would decompress past
/// `--max-stream-bytes`, all of them past `--max-total-bytes`, or an entry
/// expands more than `--max-zip-ratio` times.
///
/// # Errors
/// [`ReadError::Damaged`] when the bytes are not a readable ZIP,
/// [`ReadError::Limit`] when the sizes are over the limits.
pub(super) fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Archive<'a>, ReadError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| cannot_open(&e))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| cannot_open(&e))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        check_entry(&name, entry.size(), entry.compressed_size(), limits)?;
        total = total.saturating_add(entry.size());
    }
    if total > limits.max_total_bytes {
        return Err(total_limit(
            crate::msg!("limit-what-unpacked-workbook", bytes = total.to_string()),
            limits,
        ));
    }
    Ok(zip)
}

fn check_entry(name: &str, size: u64, packed: u64, limits: &Limits) -> Result<(), ReadError> {
    if size > limits.max_stream_bytes {
        return Err(ReadError::Limit {
            what: crate::msg!(
                "limit-what-workbook-part",
                part = name,
                bytes = size.to_string()
            ),
            limit: limits.max_stream_bytes,
            which: crate::error::Limit::StreamBytes,
        });
    }
    let ratio = limits.max_zip_ratio;
    if size > RATIO_FLOOR && size / packed.max(1) > ratio {
        return Err(ReadError::Limit {
            what: crate::msg!(
                "limit-what-packing-ratio",
                part = name,
                packed = packed.to_string(),
                bytes = size.to_string()
            ),
            limit: ratio,
            which: crate::error::Limit::ZipRatio,
        });
    }
    Ok(())
}

fn total_limit(what: crate::i18n::Msg, limits: &Limits) -> ReadError {
    ReadError::Limit {
        what,
        limit: limits.max_total_bytes,
        which: crate::error::Limit::TotalBytes,
    }
}

/// The plain-words error for a workbook that cannot be opened.
pub(super) fn cannot_open(e: &dyn std::fmt::Display) -> ReadError {
    ReadError::damaged_workbook(None, e)
}

/// A streaming XML reader over one part, never reading more than the size
/// the central directory declares; `None` when the part is absent.
///
/// # Errors
/// [`ReadError::Damaged`] naming the part when it cannot be decompressed.
pub(super) fn xml_part<'z>(
    zip: &'z mut Archive<'_>,
    name: &str,
) -> Result<Option<Reader<BufReader<impl Read + 'z>>>, ReadError> {
    let Some(index) = zip.index_for_name(name) else {
        return Ok(None);
    };
    let file = zip.by_index(index).map_err(|e| cannot_open(&e))?;
    let declared = file.size();
    let mut reader = Reader::from_reader(BufReader::new(file.take(declared)));
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.trim_text(false);
    Ok(Some(reader))
}

/// The value of an attribute, entities resolved.
pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// The value of the first attribute whose local name (after any prefix) is
/// `local` and which has a prefix: `r:id` whatever the prefix is called.
pub(super) fn prefixed_attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key = a.key;
        (key.prefix().is_some() && key.local_name().as_ref() == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

/// A malformed XML part, in plain words.
pub(super) fn bad_xml(part: &str, e: &dyn std::fmt::Display) -> ReadError {
    ReadError::damaged_workbook(Some(part), e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(name: &str, data: &[u8]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(name, opts).unwrap();
        w.write_all(data).unwrap();
        w.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn refuses_an_absurd_ratio_and_an_oversized_part() {
        let bomb = zip_with("xl/worksheets/sheet1.xml", &vec![b'a'; 4 << 20]);
        let e = open(&bomb, &Limits::default()).unwrap_err();
        assert!(
            matches!(&e, ReadError::Limit { which: crate::error::Limit::ZipRatio, limit: 200, what } if what.to_string().contains("ratio")),
            "{e}"
        );
        let raised = Limits {
            max_zip_ratio: 100_000,
            ..Limits::default()
        };
        assert!(open(&bomb, &raised).is_ok());
        let small = zip_with("a.xml", &vec![b'a'; 5000]);
        let limits = Limits {
            max_stream_bytes: 4000,
            ..Limits::default()
        };
        let e = open(&small, &limits).unwrap_err();
        assert!(
            matches!(
                &e,
                ReadError::Limit {
                    which: crate::error::Limit::StreamBytes,
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("a.xml"), "{e}");
        let limits = Limits {
            max_total_bytes: 4000,
            ..Limits::default()
        };
        let e = open(&small, &limits).unwrap_err();
        assert!(
            matches!(
                &e,
                ReadError::Limit {
                    which: crate::error::Limit::TotalBytes,
                    ..
                }
            ),
            "{e}"
        );
        assert!(open(&small, &Limits::default()).is_ok());
    }

    #[test]
    fn garbage_is_corrupt_in_plain_words() {
        let e = open(b"PK\x03\x04 not really a zip", &Limits::default()).unwrap_err();
        assert!(
            matches!(&e, ReadError::Damaged { part: None, .. })
                && e.to_string().starts_with("the workbook cannot be opened"),
            "{e}"
        );
    }
}
