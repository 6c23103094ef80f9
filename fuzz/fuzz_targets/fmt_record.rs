//! Any bytes as a record's text: formatting never panics, and what it formats keeps its value
//! and formats to itself again.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sourcebook::fmt::format;
use sourcebook::layout::Kind;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(once) = format(text, Kind::Record) {
        let before: Result<serde_json::Value, _> = serde_json::from_str(text.trim_start_matches('\u{feff}'));
        let after: serde_json::Value = serde_json::from_str(&once).expect("formatted text is JSON");
        if let Ok(before) = before {
            assert_eq!(before, after, "formatting changed a value");
        }
        assert_eq!(format(&once, Kind::Record).ok().as_deref(), Some(once.as_str()));
    }
});
