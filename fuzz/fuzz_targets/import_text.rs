//! Any bytes as a plain-text page: decoding and importing never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sourcebook::import::{self, Format};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = import::decode(bytes, Format::Text)
        && let Ok(lines) = import::read_lines(&text, Format::Text)
    {
        let _ = import::import_lines(&lines, "PE", Some("csec"), None);
    }
});
