//! Spreadsheet bytes (XLSX, XLS, ODS) → reader → recogniser. The format is
//! chosen by the first bytes, as a misnamed file would be read: a ZIP goes
//! to the XLSX and the ODS readers, anything else to the XLS reader.
#![no_main]

mod common;

use dxplan::internals::read::{InputFormat, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let formats: &[InputFormat] = if data.starts_with(b"PK") {
        &[InputFormat::Xlsx, InputFormat::Ods]
    } else {
        &[InputFormat::Xls]
    };
    for &format in formats {
        match read_bytes(data, format, &common::options()) {
            Ok(doc) => common::recognise(&doc),
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
});
