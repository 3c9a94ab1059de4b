//! PDF bytes → reader → recogniser.
#![no_main]

mod common;

use dxplan::internals::read::{InputFormat, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match read_bytes(data, InputFormat::Pdf, &common::options()) {
        Ok(doc) => common::recognise(&doc),
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
