//! The seed page rewritten in each layout the site's other pages use (tests/fixtures/import/)
//! imports to the same eleven sources with the same facts as `dataset/pe`; where a layout
//! changes a fact or leaves one out, the import says so at the line, and the test names the
//! difference exactly. What is written checks clean. The HTML rendering gives the text's
//! records plus its links' addresses.

mod common;

use std::path::Path;
use std::sync::LazyLock;

use common::{Scratch, sourcebook, stdout};
use serde_json::{Value, json};
use sourcebook::import::{self, Format, Imported};
use sourcebook::model::Dataset;

fn dataset() -> &'static Dataset {
    static DATASET: LazyLock<Dataset> = LazyLock::new(|| {
        serde_json::from_str(&std::fs::read_to_string("dataset/dataset.json").unwrap()).unwrap()
    });
    &DATASET
}

fn fixture(name: &str) -> Imported {
    let path = format!("tests/fixtures/import/{name}");
    let bytes = std::fs::read(&path).unwrap();
    let format = Format::detect(&path, &bytes);
    let text = import::decode(&bytes, format).unwrap();
    let lines = import::read_lines(&text, format).unwrap();
    import::import_lines(&lines, "PE", None, Some(dataset())).unwrap()
}

const ECPAT: &str = "pe/records/pe-2014-ecpat-country-monitoring-report.json";

/// The committed file, as a layout that holds what the seed holds would give it: the ECPAT
/// record without the fields a person added from a stored copy of the original page.
fn committed(rel: &str) -> Value {
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new("dataset").join(rel)).unwrap())
            .unwrap();
    if rel == ECPAT {
        for k in ["language", "urls", "maintainer_notes"] {
            v.as_object_mut().unwrap().remove(k);
        }
    }
    v
}

/// Import `name` and compare every file with the committed one after `adjust` has made, in
/// the committed value, the differences the layout is expected to make.
fn same_as_committed(name: &str, adjust: impl Fn(&str, &mut Value)) -> Imported {
    let imported = fixture(name);
    assert_eq!((imported.featured, imported.archived), (1, 10), "{name}");
    assert_eq!(imported.files.len(), 12, "{name}");
    for f in &imported.files {
        let mut want = committed(&f.rel);
        adjust(&f.rel, &mut want);
        let got: Value = serde_json::from_str(&f.text).unwrap();
        assert_eq!(got, want, "{name}: {}", f.rel);
    }
    imported
}

/// Lines by number, each with what was said about it.
type Said = Vec<(usize, String)>;

/// (line, why) of each line reported, and (line, what) of each guess.
fn said(i: &Imported) -> (Said, Said) {
    (
        i.unplaced.iter().map(|u| (u.line, u.why.clone())).collect(),
        i.guesses.iter().map(|g| (g.line, g.what.clone())).collect(),
    )
}

fn nothing_to_say(name: &str) {
    let i = same_as_committed(name, |_, _| {});
    assert_eq!(said(&i), (vec![], vec![]), "{name}");
    assert!(i.needs.is_empty(), "{name}: {:?}", i.needs);
}

#[test]
fn menus_of_the_bracket_kind_and_a_two_line_heading() {
    nothing_to_say("menus.txt");
}

#[test]
fn a_spaced_out_heading() {
    nothing_to_say("csec-heading.txt");
}

#[test]
fn image_captions_before_inside_and_after_the_profile() {
    nothing_to_say("captions.txt");
}

#[test]
fn notices_under_their_headings() {
    nothing_to_say("notice-headings.txt");
}

#[test]
fn the_featured_marker() {
    nothing_to_say("featured-marker.txt");
}

#[test]
fn no_cite_line_takes_the_country_from_the_menu() {
    // The page's title is on its cite line only: without it, the country file lists no page.
    let i = same_as_committed("no-cite.txt", |rel, v| {
        if rel == "pe/country.json" {
            v.as_object_mut().unwrap().remove("pages");
        }
    });
    assert_eq!(said(&i), (vec![], vec![]));
}

#[test]
fn a_coverage_line_without_years_is_read_and_its_wording_reported() {
    let i = same_as_committed("coverage-no-years.txt", |_, _| {});
    assert_eq!(
        said(&i),
        (
            vec![(
                8,
                "differs from `coverage.as_printed` in dataset.json".to_string()
            )],
            vec![]
        )
    );
}

#[test]
fn a_tagline_under_the_heading_and_a_coverage_line_worded_otherwise() {
    let i = same_as_committed("tagline-and-coverage-wording.txt", |_, _| {});
    assert_eq!(
        said(&i),
        (
            vec![(
                10,
                "differs from `coverage.as_printed` in dataset.json".to_string()
            )],
            vec![]
        )
    );
}

#[test]
fn an_address_line_and_a_language_line_fill_what_a_person_added_by_hand() {
    let i = same_as_committed("address-and-language.txt", |rel, v| {
        if rel == ECPAT {
            v["language"] = json!("es");
            v["urls"] = json!({"original": "https://www.ecpat.org/wp-content/uploads/2016/04/CMR_PERU_FINAL.pdf"});
        }
    });
    assert_eq!(
        said(&i),
        (
            vec![],
            vec![(
                51,
                "an address printed without a scheme: taken as https://www.ecpat.org/wp-content/uploads/2016/04/CMR_PERU_FINAL.pdf".to_string()
            )]
        )
    );
}

#[test]
fn accessed_lines_capitalised_month_only_and_missing() {
    let i = same_as_committed("accessed-forms.txt", |rel, v| {
        if rel.contains("five-years-after-stockholm") || rel.contains("peruvian-jungle-city") {
            v.as_object_mut().unwrap().remove("accessed");
        }
    });
    assert_eq!(
        said(&i),
        (
            vec![(
                108,
                "the accessed date \"September 2011\" has no day, and `accessed` holds full dates: it is not kept".to_string()
            )],
            vec![(
                96,
                "taken as a source's title: no [accessed] line follows, but a dated byline does"
                    .to_string()
            )]
        )
    );
    let needs: Vec<(&str, &str)> = i
        .needs
        .iter()
        .map(|n| (n.rel.as_str(), n.field.as_str()))
        .collect();
    assert_eq!(
        needs,
        [
            (
                "pe/records/pe-2006-peruvian-jungle-city-church-works.json",
                "accessed"
            ),
            (
                "pe/records/pe-2001-five-years-after-stockholm.json",
                "accessed"
            )
        ]
    );
}

#[test]
fn a_headline_quotation_gets_a_field_of_its_own() {
    let i = same_as_committed("headline.txt", |rel, v| {
        if rel == "pe/country.json" {
            v["pages"][0]["headline"] = json!({
                "paragraphs": ["“The country remained a destination for child sex tourism.”"],
                "attribution": "U.S. Dept of State Bureau of Democracy, Human Rights, and Labor, March 10, 2020",
                "cross_reference": "Check out a later country report here",
                "rights": {"status": "public_domain", "basis": "us_government_work", "quoted_words": 9}
            });
        }
    });
    assert_eq!(said(&i), (vec![], vec![]));
}

#[test]
#[cfg(feature = "html")]
fn the_html_rendering_gives_the_texts_records_plus_its_links() {
    let i = same_as_committed("pe-csec.htm", |rel, v| match rel {
        ECPAT => {
            v["urls"] = json!({"original": "https://www.ecpat.org/wp-content/uploads/2016/04/CMR_PERU_FINAL.pdf"});
        }
        "pe/records/pe-2004-four-child-prostitution-rings-identified.json" => {
            v["urls"] = json!({"archived": "https://web.archive.org/web/2011/http://example.org/efe/2004-03-16"});
        }
        _ => {}
    });
    assert_eq!(said(&i), (vec![], vec![]));
    // And the same as the text page, but for the addresses only HTML has.
    let text = import::import(
        &std::fs::read_to_string("tests/fixtures/seed/pe-csec.txt").unwrap(),
        "PE",
        None,
        Some(dataset()),
    )
    .unwrap();
    for (h, t) in i.files.iter().zip(&text.files) {
        let mut h: Value = serde_json::from_str(&h.text).unwrap();
        h.as_object_mut().unwrap().remove("urls");
        let t: Value = serde_json::from_str(&t.text).unwrap();
        assert_eq!(h, t);
    }
}

#[test]
#[cfg(feature = "html")]
fn what_each_layout_writes_checks_clean() {
    for name in [
        "menus.txt",
        "accessed-forms.txt",
        "address-and-language.txt",
        "headline.txt",
        "no-cite.txt",
        "pe-csec.htm",
    ] {
        let s = Scratch::empty();
        std::fs::copy("dataset/dataset.json", s.path("dataset.json")).unwrap();
        import::write(&fixture(name), s.root(), false, false).unwrap();
        let check = sourcebook(
            &[
                "check",
                "--dataset",
                s.root().to_str().unwrap(),
                "--format",
                "short",
            ],
            &[],
        );
        assert_eq!(check.status.code(), Some(0), "{name}: {}", stdout(&check));
    }
}

#[test]
fn a_guess_fails_strict_and_the_report_names_its_line() {
    // Into a dataset without Peru, so that nothing on disk already fills what the page lacks.
    let s = Scratch::empty();
    std::fs::copy("dataset/dataset.json", s.path("dataset.json")).unwrap();
    let out = sourcebook(
        &[
            "import",
            "tests/fixtures/import/accessed-forms.txt",
            "--country",
            "PE",
            "--dataset",
            s.root().to_str().unwrap(),
            "--dry-run",
            "--strict",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let from = text.find("fields a person").unwrap();
    insta::assert_snapshot!(&text[from..]);
    let lenient = sourcebook(
        &[
            "import",
            "tests/fixtures/import/address-and-language.txt",
            "--country",
            "PE",
            "--dry-run",
        ],
        &[],
    );
    assert_eq!(lenient.status.code(), Some(0));
    let strict = sourcebook(
        &[
            "import",
            "tests/fixtures/import/address-and-language.txt",
            "--country",
            "PE",
            "--dry-run",
            "--strict",
        ],
        &[],
    );
    assert_eq!(
        strict.status.code(),
        Some(1),
        "a guess alone fails --strict"
    );
}

#[cfg(feature = "html")]
fn import_bytes(name: &str, bytes: &[u8], d: &Dataset) -> Imported {
    let format = Format::detect(name, bytes);
    let text = import::decode(bytes, format).unwrap();
    let lines = import::read_lines(&text, format).unwrap();
    import::import_lines(&lines, "PE", None, Some(d)).unwrap()
}

#[test]
#[cfg(feature = "html")]
fn a_link_with_no_field_to_hold_it_is_reported_and_windows_1252_is_read_when_declared() {
    let html = std::fs::read_to_string("tests/fixtures/import/pe-csec.htm").unwrap();
    let linked = html.replacen(
        "Save the Children has",
        "<a href=\"https://example.org/stc\">Save the Children</a> has",
        1,
    );
    let i = import_bytes("page.htm", linked.as_bytes(), dataset());
    let (unplaced, guesses) = said(&i);
    assert!(guesses.is_empty());
    assert_eq!(unplaced.len(), 1, "{unplaced:?}");
    assert_eq!(
        unplaced[0].1,
        "its link to https://example.org/stc is not kept"
    );
    // The same page in Windows-1252, as it declares: the apostrophe is byte 0x92.
    let cp1252: Vec<u8> = html
        .replacen("Labor&rsquo;s 2004", "Labor\u{0}s 2004", 1)
        .bytes()
        .map(|b| if b == 0 { 0x92 } else { b })
        .collect();
    assert!(std::str::from_utf8(&cp1252).is_err());
    let utf8 = fixture("pe-csec.htm");
    let i = import_bytes("page.htm", &cp1252, dataset());
    assert_eq!(i.files, utf8.files);
}

#[test]
fn notices_are_compared_whitespace_aside_and_with_the_topics_own() {
    let seed = std::fs::read_to_string("tests/fixtures/seed/pe-csec.txt").unwrap();
    let caution_at = seed.find("CAUTION:").unwrap();
    let caution_end = caution_at + seed[caution_at..].find('\n').unwrap();
    let plain = seed[caution_at..caution_end].replace('\u{a0}', " ");
    let page = format!("{}{plain}{}", &seed[..caution_at], &seed[caution_end..]);
    let i = import::import(&page, "PE", None, Some(dataset())).unwrap();
    assert!(i.unplaced.is_empty(), "{:?}", i.unplaced);

    // A street-children page whose caution is the topic's own.
    let mut d = dataset().clone();
    let own = "The following links illuminate the situation of street children in {country}.";
    d.topics[2].notices = Some(sourcebook::model::TopicNotices {
        caution: Some(own.into()),
        term_paper: None,
    });
    let street = page.replacen(
        "\nThe Commercial Sexual Exploitation of Children\n",
        "\nStreet Children\n",
        1,
    );
    let i = import::import(&street, "PE", None, Some(&d)).unwrap();
    assert_eq!(i.topic, "street-children");
    let (unplaced, _) = said(&i);
    assert_eq!(
        unplaced,
        [(
            17,
            "differs from `topics[].notices.caution` in dataset.json".to_string()
        )]
    );
    let own_page = street.replacen(
        &plain,
        "CAUTION:  The following links illuminate the situation of street children in Peru.",
        1,
    );
    let i = import::import(&own_page, "PE", None, Some(&d)).unwrap();
    assert!(i.unplaced.is_empty(), "{:?}", i.unplaced);
}

#[test]
fn a_page_that_is_not_utf8_is_refused_at_its_line() {
    let s = Scratch::empty();
    s.write("page.txt", b"Main Menu\nHuman Trafficking\nPer\xfa\n");
    let out = sourcebook(
        &[
            "import",
            s.path("page.txt").to_str().unwrap(),
            "--country",
            "PE",
            "--dry-run",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("the page is not UTF-8 (line 3)"),
        "{}",
        common::stderr(&out)
    );
}
