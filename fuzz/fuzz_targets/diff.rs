//! Two plans → diff → every renderer. The input is two dxplan JSON
//! documents separated by a NUL byte (seeds: two editions' golden JSON);
//! mutations that still parse as plans reach the comparison (measures
//! matched by id and by name, moved measures, Values compared by their
//! text, schedules by period) and the text, Markdown, JSON and XLSX output.
#![no_main]

use dxplan::Plan;
use dxplan::diff;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut halves = data.splitn(2, |&b| b == 0);
    let (Some(a), Some(b)) = (halves.next(), halves.next()) else {
        return;
    };
    let (Ok(old), Ok(new)) = (
        serde_json::from_slice::<Plan>(a),
        serde_json::from_slice::<Plan>(b),
    ) else {
        return;
    };
    let d = diff::diff(&old, &new);
    let _ = diff::write_text(&d, std::io::sink(), false);
    let _ = diff::write_markdown(&d, std::io::sink());
    let _ = diff::write_json(&d, std::io::sink());
    let _ = diff::write_xlsx(&d, std::io::Cursor::new(Vec::new()));
});
