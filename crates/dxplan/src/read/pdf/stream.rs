//! Decoding streams within the limits: no single stream over
//! `--max-stream-bytes`, no more than `--max-total-bytes` in all.

use std::borrow::Cow;

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
