//! Decoding streams within the limits: no single stream over
//! `--max-stream-bytes`, no more than `--max-total-bytes` in all.

use std::borrow::Cow;
use std::cell::RefCell;

use flate2::{Decompress, FlushDecompress, Status};

use lopdf::{DecompressError, Error as PdfError, Stream};

use crate::error::ReadError;
use crate::read::Limits;

/// Counts decoded bytes against the limits.
#[derive(Debug, Clone)]
pub struct Budget {
    max_stream: u64,
    max_total: u64,
    used: u64,
}

impl Budget {
    pub fn new(limits: &Limits) -> Self {
        Budget {
            max_stream: limits.max_stream_bytes,
            max_total: limits.max_total_bytes,
            used: 0,
        }
    }

    /// The decoded bytes of a stream. `Ok(None)` when the stream is broken
    /// (the caller skips it); an error when a limit is passed.
    pub fn decode<'a>(&mut self, stream: &'a Stream) -> Result<Option<Cow<'a, [u8]>>, ReadError> {
        let data = if stream.dict.get(b"Filter").is_err() {
            Cow::Borrowed(stream.content.as_slice())
        } else if let Some(v) = inflate_plain(stream, self.max_stream as usize) {
            Cow::Owned(v)
        } else {
            match stream.decompressed_content_with_limit(self.max_stream as usize) {
                Ok(v) => Cow::Owned(v),
                Err(PdfError::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                    return Err(self.stream_limit());
                }
                Err(_) => return Ok(None),
            }
        };
        self.charge(data.len() as u64)?;
        Ok(Some(data))
    }

    /// Count `n` decoded bytes.
    pub fn charge(&mut self, n: u64) -> Result<(), ReadError> {
        if n > self.max_stream {
            return Err(self.stream_limit());
        }
        self.used = self.used.saturating_add(n);
        if self.used > self.max_total {
            return Err(ReadError::Limit {
                what: crate::msg!("limit-what-pdf-content"),
                limit: self.max_total,
                which: crate::error::Limit::TotalBytes,
            });
        }
        Ok(())
    }

    fn stream_limit(&self) -> ReadError {
        ReadError::Limit {
            what: crate::msg!("limit-what-pdf-stream"),
            limit: self.max_stream,
            which: crate::error::Limit::StreamBytes,
        }
    }
}

/// A stream whose only filter is `FlateDecode` (no parameters), inflated
/// whole within `max` bytes by one decoder kept for the thread: lopdf's
/// path sets up a decoder, zeroes a read buffer and grows its output for
/// every stream (a twentieth of a convert). `None` for anything else, a
/// damaged stream or one over the limit: lopdf's path then decides, as it
/// always did (partial output, raw deflate, the limit's error).
fn inflate_plain(stream: &lopdf::Stream, max: usize) -> Option<Vec<u8>> {
    thread_local! {
        static DECODER: RefCell<Option<Decompress>> = const { RefCell::new(None) };
    }
    let flate =
        matches!(stream.dict.get(b"Filter"), Ok(lopdf::Object::Name(n)) if n == b"FlateDecode");
    if !flate || stream.dict.get(b"DecodeParms").is_ok() {
        return None;
    }
    let input = stream.content.as_slice();
    DECODER.with_borrow_mut(|slot| {
        let d = slot.get_or_insert_with(|| Decompress::new(true));
        d.reset(true);
        let cap = max.saturating_add(1);
        let mut out = Vec::with_capacity(input.len().saturating_mul(4).max(64).min(cap));
        loop {
            if out.len() == out.capacity() {
                if out.len() >= cap {
                    return None;
                }
                out.reserve_exact(out.len().max(64).min(cap - out.len()));
            }
            let (read, written) = (d.total_in(), out.len());
            let rest = input.get(usize::try_from(read).ok()?..)?;
            let status = d
                .decompress_vec(rest, &mut out, FlushDecompress::None)
                .ok()?;
            match status {
                Status::StreamEnd => return (out.len() <= max).then_some(out),
                // No progress with room to write: the input ended early.
                _ if d.total_in() == read && out.len() == written && out.len() < out.capacity() => {
                    return None;
                }
                Status::Ok | Status::BufError => {}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn flate(data: &[u8]) -> lopdf::Stream {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).expect("in memory");
        let mut dict = lopdf::Dictionary::new();
        dict.set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
        lopdf::Stream::new(dict, enc.finish().expect("in memory"))
    }

    /// The fast path gives lopdf's bytes, several times on one thread,
    /// for streams small and larger than the first guess of their size.
    #[test]
    fn inflate_plain_is_lopdfs_output() {
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        for data in [&b"BT /F1 12 Tf (x) Tj ET"[..], &big, b""] {
            let s = flate(data);
            let want = s.decompressed_content_with_limit(1 << 30).expect("valid");
            assert_eq!(inflate_plain(&s, 1 << 30).as_deref(), Some(&want[..]));
            assert_eq!(want, data);
        }
    }

    /// A truncated stream, one over the limit, or one with parameters or
    /// another filter is left to lopdf's path.
    #[test]
    fn inflate_plain_leaves_the_rest_to_lopdf() {
        let data = vec![b'q'; 10_000];
        let mut cut = flate(&data);
        cut.content.truncate(cut.content.len() / 2);
        assert_eq!(inflate_plain(&cut, 1 << 20), None);
        assert_eq!(inflate_plain(&flate(&data), 9_999), None);
        assert_eq!(
            inflate_plain(&flate(&data), 10_000).map(|v| v.len()),
            Some(10_000)
        );
        // Limits smaller than the first guess of the size, down to none.
        assert_eq!(inflate_plain(&flate(&data), 10), None);
        assert_eq!(inflate_plain(&flate(b"q"), 1).as_deref(), Some(&b"q"[..]));
        assert_eq!(inflate_plain(&flate(b"q Q"), 0), None);
        assert_eq!(inflate_plain(&flate(b""), 0).as_deref(), Some(&b""[..]));
        let mut params = flate(&data);
        params.dict.set("DecodeParms", lopdf::Dictionary::new());
        assert_eq!(inflate_plain(&params, 1 << 20), None);
        let mut other = flate(&data);
        other
            .dict
            .set("Filter", lopdf::Object::Name(b"LZWDecode".to_vec()));
        assert_eq!(inflate_plain(&other, 1 << 20), None);
    }
}
