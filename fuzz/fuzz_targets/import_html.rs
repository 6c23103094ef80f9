//! Any bytes as an HTML page: decoding (with a declared charset), parsing into lines and
//! importing never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sourcebook::import::{self, Format};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = import::decode(bytes, Format::Html)
        && let Ok(lines) = import::read_lines(&text, Format::Html)
    {
        let _ = import::import_lines(&lines, "PE", Some("csec"), None);
    }
});
