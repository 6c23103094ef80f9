//! `import` never panics, whatever it is given: arbitrary text, lines the site's layouts are
//! made of in any order, HTML-ish soup of tags, entities and those lines, and arbitrary bytes
//! to decode. It reports what it cannot read; a panic would be a crash for the person running
//! it. (The `fuzz/` targets drive the same entry points with a coverage-guided fuzzer.)

use std::sync::LazyLock;

use proptest::prelude::*;
use sourcebook::import::{self, Format};
use sourcebook::model::Dataset;

fn dataset() -> &'static Dataset {
    static DATASET: LazyLock<Dataset> = LazyLock::new(|| {
        serde_json::from_str(&std::fs::read_to_string("dataset/dataset.json").unwrap()).unwrap()
    });
    &DATASET
}

/// Lines the site's pages are made of, and near misses of them.
const LAYOUT: &[&str] = &[
    "Main Menu",
    "Human Trafficking in  [Peru]  [other countries]",
    "Child Prostitution",
    "C S E C",
    "The Commercial Sexual Exploitation of Children",
    "Prevalence, Abuse & Exploitation of Street Children",
    "In the early years of the 21st Century",
    "Published reports & articles from 2000 to 2025",
    "Republic of Peru",
    "Description: Description: Peru",
    "Profile sentence.  [The World Factbook, U.S.C.I.A. 2009]",
    "\u{201c}A quotation.\u{201d} - U.S. State Dept Report, June, 2009 Check out a later country report here",
    "- U.S. State Dept",
    "HOW TO USE THIS WEBPAGE",
    "CAUTION:  careful in Peru.",
    "Students",
    "Teachers",
    "HELP for Victims",
    "Ministry of Interior",
    "01518 0000",
    "Country code: 51-",
    "*** FEATURED ARTICLE ***",
    "*** ARCHIVES ***",
    "*** ***",
    "A Title [PDF] [SPANISH]",
    "Human Rights Reports » 2019 Country Reports on Human Rights Practices",
    "EFE News Service, 16 March 2004",
    "New Internationalist 337 August 2001 -- Interview conducted by A B/ C",
    "www.ecpat.org/x.pdf",
    "www.",
    "At one time this article had been archived and may possibly still be accessible [here]",
    "[accessed 5 July 2011]",
    "[Accessed September 2011]",
    "[accessed 5 July 2011] [accessed",
    "[accessed",
    "[SPANISH]",
    "Note:: Also check out more",
    "[page 959]",
    "[]",
    "[B] COUNTRY UPDATES – PERU – [x] Text",
    "SECTION 6 WORKER RIGHTS – [d] Although",
    "All material used herein x.  Cite this webpage as: Patt, \"\",, [accessed <date>]",
    "Cite this webpage as: \"",
    "\"",
    "–",
    "",
];

/// HTML pieces: tags the site uses, broken ones, entities.
const TAGS: &[&str] = &[
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "<b>",
    "</b>",
    "<a href=\"https://web.archive.org/x\">",
    "<a href='www.x.org'>",
    "<a href=\"#top\">",
    "<a>",
    "</a>",
    "<table><tr><td>",
    "</td><td>",
    "</tr></table>",
    "<font size=2>",
    "</font>",
    "&nbsp;",
    "&amp;",
    "&#8217;",
    "&#xZZ;",
    "&",
    "<",
    ">",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<style>",
    "<img alt='Description: x'>",
    "<template>",
    "<svg><a>",
    "<h2>",
    "<!DOCTYPE html>",
    "\n",
];

fn piece(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(list).prop_map(str::to_string),
        1 => "\\PC{0,12}",
    ]
}

fn run(lines: &[import::Line]) {
    let _ = import::import_lines(lines, "PE", None, Some(dataset()));
    let _ = import::import_lines(lines, "PE", Some("csec"), None);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_layout_lines_in_any_order(parts in proptest::collection::vec(piece(LAYOUT), 0..40)) {
        let text = parts.join("\n");
        run(&import::read_lines(&text, Format::Text).unwrap());
    }

    #[test]
    fn never_panics_on_html_soup(parts in proptest::collection::vec(prop_oneof![piece(TAGS), piece(LAYOUT)], 0..60)) {
        let text = parts.concat();
        if let Ok(lines) = import::read_lines(&text, Format::Html) {
            run(&lines);
        }
    }

    #[test]
    fn never_panics_decoding_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200), html in any::<bool>()) {
        let mut bytes = bytes;
        if html {
            bytes.splice(0..0, b"<meta charset=windows-1252>".iter().copied());
        }
        let format = if html { Format::Html } else { Format::Text };
        if let Ok(text) = import::decode(&bytes, format) {
            let _ = import::read_lines(&text, format);
        }
        let _ = Format::detect("page", &bytes);
    }
}
