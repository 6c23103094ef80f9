//! `sourcebook site`: deterministic builds, refusal on a dataset with errors, the citations a
//! reader copies, the downloads, the search index and the feed. The pages in a browser are
//! tested by `tests/browser/site.test.js`, which `.ci/run` runs in headless Chromium.

mod common;

use common::{sourcebook, stderr};

#[cfg(not(feature = "site"))]
#[test]
fn without_the_feature_the_command_says_how_to_get_it() {
    let o = sourcebook(&["site"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--features site"), "{}", stderr(&o));
}

#[cfg(feature = "site")]
mod with_the_feature {
    use std::fs;
    use std::path::Path;

    use serde_json::Value;
    use sourcebook::site::{self, MANIFEST, Options, Outcome, Styles, search_words};
    use sourcebook::snapshot;

    use super::common::{PE_RECORD, Scratch, read_tree};
    use super::*;

    fn build(dataset: &Path, out: &Path, previous: Option<&Path>) -> site::Site {
        match site::build(&Options {
            dataset: dataset.to_path_buf(),
            out: out.to_path_buf(),
            previous: previous.map(Path::to_path_buf),
            epoch: Some(1_764_320_000),
            ..Options::default()
        })
        .unwrap()
        {
            Outcome::Built(s) => s,
            Outcome::Refused(r) => panic!("refused: {r:?}"),
        }
    }

    #[test]
    fn two_builds_are_byte_identical_and_hold_every_part() {
        let out = tempfile::tempdir().unwrap();
        let (a, b) = (out.path().join("a"), out.path().join("b"));
        let built = build(Path::new("dataset"), &a, None);
        build(Path::new("dataset"), &b, None);
        let (ta, tb) = (read_tree(&a), read_tree(&b));
        assert_eq!(ta, tb);
        assert_eq!((built.records, built.pages, built.files), (11, 1, ta.len()));
        let names: Vec<&str> = ta.iter().map(|(p, _)| p.as_str()).collect();
        for part in [
            "index.html",
            "pe/csec.html",
            "pe/csec.bib",
            "pe/csec.ris",
            "pe/csec.json",
            "topics/csec.html",
            "search.html",
            "search/meta.json",
            "feed.xml",
            "plots/years.svg",
            "plots/topics.svg",
            "assets/site.css",
            "assets/site.js",
            "cite/pe/pe-nd-child-labor-peru.ris",
            MANIFEST,
        ] {
            assert!(names.contains(&part), "{part} missing from {names:?}");
        }
        // Three downloads for each of the eleven sources.
        assert_eq!(
            names.iter().filter(|n| n.starts_with("cite/pe/")).count(),
            33
        );
    }

    #[test]
    fn a_dataset_with_errors_builds_nothing() {
        let s = Scratch::peru();
        s.replace(PE_RECORD, "\"2004-03-16\"", "\"2004-02-30\"");
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("_site");
        let o = sourcebook(
            &[
                "site",
                "--dataset",
                s.root().to_str().unwrap(),
                "--out",
                dir.to_str().unwrap(),
            ],
            &[],
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("no site built"), "{}", stderr(&o));
        assert!(!dir.exists());
    }

    #[test]
    fn a_directory_that_is_not_a_site_is_never_replaced() {
        let out = tempfile::tempdir().unwrap();
        fs::write(out.path().join("notes.txt"), "mine").unwrap();
        let o = sourcebook(&["site", "--out", out.path().to_str().unwrap()], &[]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(
            fs::read_to_string(out.path().join("notes.txt")).unwrap(),
            "mine"
        );
    }

    /// Text from the dataset is a contributor's: markup in it is shown as text wherever the
    /// site puts it (pages, attributes, citations, the feed, the plots), never obeyed. `check`
    /// refuses tags in text (SB705) and addresses that are not http or https (SB601), but a
    /// dataset may turn those rules off, and the site must not depend on them.
    #[test]
    fn markup_in_the_dataset_is_shown_as_text() {
        const SCRIPT: &str = "<script>alert(1)</script>";
        const ATTR: &str = "\"><img src=x onerror=alert(2)>";
        let s = Scratch::peru();
        s.replace(
            "dataset.json",
            "\"policy\"",
            "\"rules\": {\"SB601\": \"allow\", \"SB705\": \"allow\"},\n  \"policy\"",
        );
        s.replace(
            PE_RECORD,
            "Four Child Prostitution Rings Identified In Peru",
            &format!("Four Rings {}", SCRIPT.replace('"', "\\\"")),
        );
        s.replace(
            PE_RECORD,
            "\"EFE News Service\"",
            &json(&format!("EFE {ATTR}")),
        );
        s.replace(
            PE_RECORD,
            "\"Save the Children",
            json(&format!("{SCRIPT} the Children")).trim_end_matches('"'),
        );
        s.replace(
            PE_RECORD,
            "\"At one time",
            &format!("\"{} At", ATTR.replace('"', "\\\"")),
        );
        s.replace(
            "pe/country.json",
            "\"Ministry of Interior\"",
            &json(&format!("Ministry {ATTR}")),
        );
        s.replace(
            "pe/country.json",
            "\"Child Prostitution - Peru\"",
            &json(&format!("Child {SCRIPT}")),
        );
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("site");
        build(s.root(), &dir, None);
        let page = fs::read_to_string(dir.join("pe/csec.html")).unwrap();
        assert!(
            page.contains("Four Rings &lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
        assert!(
            page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"),
            "{page}"
        );
        for (path, bytes) in read_tree(&dir) {
            if [".html", ".xml", ".svg"].iter().any(|e| path.ends_with(e)) {
                let text = String::from_utf8(bytes).unwrap();
                for raw in ["<script>alert", "<img src=x", "\"><img", "\"javascript:"] {
                    assert!(!text.contains(raw), "{path} holds {raw:?} unescaped");
                }
            }
        }
    }

    fn json(s: &str) -> String {
        serde_json::to_string(s).unwrap()
    }

    /// Every Peru source in the four styles, as a reader copies them.
    #[test]
    fn citations_of_the_peru_sources() {
        let data = snapshot::read_dataset(Path::new("dataset")).unwrap();
        let styles = Styles::new();
        let mut text = String::new();
        for r in &data.records {
            text.push_str(&format!("{}\n", r.id));
            for c in styles.record(r) {
                text.push_str(&format!("  {}: {}\n", c.style.slug(), c.entry.plain));
                if c.style.cite_label().is_some() {
                    text.push_str(&format!("  {} (cite): {}\n", c.style.slug(), c.cite.plain));
                }
                // The HTML says the same as the text, in markup the pages' policy allows.
                assert!(!c.entry.html.contains("style="), "{}", c.entry.html);
                let bare = c.entry.html.replace("<i>", "").replace("</i>", "");
                assert!(
                    bare.contains(&c.entry.plain.replace('&', "&amp;")) || bare.contains("<a href"),
                    "{} | {}",
                    c.entry.html,
                    c.entry.plain
                );
            }
        }
        // The agencies are named, no edition reads "2005th", the session stays with its body.
        assert_eq!(text.matches("EFE News Service").count(), 6, "{text}");
        assert!(!text.contains("2005th") && !text.contains("2019th"));
        assert!(text.contains("Commission on Human Rights, Fifty-ninth session"));
        insta::assert_snapshot!(text);
    }

    #[test]
    fn downloads_a_reference_manager_reads() {
        let out = tempfile::tempdir().unwrap();
        build(Path::new("dataset"), out.path(), None);
        let bib = fs::read_to_string(out.path().join("pe/csec.bib")).unwrap();
        let ris = fs::read_to_string(out.path().join("pe/csec.ris")).unwrap();
        assert_eq!(bib.matches('@').count(), 11);
        assert_eq!(ris.matches("ER  - \r\n").count(), 11);
        insta::assert_snapshot!("peru.bib", bib);
        insta::assert_snapshot!("peru.ris", ris.replace("\r\n", "\n"));
        let csl: Value =
            serde_json::from_slice(&fs::read(out.path().join("pe/csec.json")).unwrap()).unwrap();
        assert_eq!(csl.as_array().unwrap().len(), 11);
    }

    /// What the search page does with a query, done here from the files alone.
    fn find(site: &Path, query: &str) -> Vec<String> {
        let meta: Value =
            serde_json::from_slice(&fs::read(site.join("search/meta.json")).unwrap()).unwrap();
        let chunk = meta["chunk"].as_u64().unwrap() as usize;
        let mut hits: Option<Vec<usize>> = None;
        for w in search_words(query) {
            let shard: String = w
                .chars()
                .take(2)
                .map(|c| format!("{:x}", u32::from(c)))
                .collect::<Vec<_>>()
                .join("-");
            let terms: Value = fs::read(site.join(format!("search/terms/{shard}.json")))
                .map_or(Value::Null, |b| serde_json::from_slice(&b).unwrap());
            let mut docs = Vec::new();
            for (term, deltas) in terms.as_object().into_iter().flatten() {
                if term.starts_with(&w) {
                    let mut d = 0;
                    for x in deltas.as_array().unwrap() {
                        d += x.as_u64().unwrap() as usize;
                        docs.push(d);
                    }
                }
            }
            hits = Some(match hits {
                None => docs,
                Some(h) => h.into_iter().filter(|d| docs.contains(d)).collect(),
            });
        }
        let mut urls: Vec<String> = hits
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                let docs: Value = serde_json::from_slice(
                    &fs::read(site.join(format!("search/docs/{}.json", d / chunk))).unwrap(),
                )
                .unwrap();
                docs[d % chunk][0].as_str().unwrap().to_string()
            })
            .collect();
        urls.sort();
        urls.dedup();
        urls
    }

    #[test]
    fn search_finds_sources_by_their_excerpts_titles_and_publishers() {
        let out = tempfile::tempdir().unwrap();
        build(Path::new("dataset"), out.path(), None);
        let at = |id: &str| format!("pe/csec.html#{id}");
        assert_eq!(
            find(out.path(), "Chiclayo"),
            [at("pe-2004-four-child-prostitution-rings-identified")]
        );
        assert_eq!(
            find(out.path(), "IQUITOS"),
            [
                at("pe-2004-four-child-prostitution-rings-identified"),
                at("pe-2006-peruvian-jungle-city-church-works")
            ]
        );
        assert_eq!(
            find(out.path(), "ecpat stockh"),
            [at("pe-2001-five-years-after-stockholm")]
        );
        assert_eq!(find(out.path(), "Catholic News").len(), 1);
        assert!(find(out.path(), "Iquitos Stockholm").is_empty());
    }

    #[test]
    fn the_feed_lists_what_a_release_added() {
        let out = tempfile::tempdir().unwrap();
        let first = out.path().join("first");
        build(Path::new("dataset"), &first, None);
        let feed = fs::read_to_string(first.join("feed.xml")).unwrap();
        assert_eq!(feed.matches("<entry>").count(), 11);
        assert!(feed.contains("<updated>2025-11-28T08:53:20Z</updated>"));
        // Since a release that lacked one record, the feed holds that record alone.
        let s = Scratch::peru();
        let previous = Scratch::peru();
        previous.remove(PE_RECORD);
        let second = out.path().join("second");
        build(s.root(), &second, Some(previous.root()));
        let feed = fs::read_to_string(second.join("feed.xml")).unwrap();
        assert_eq!(feed.matches("<entry>").count(), 1, "{feed}");
        assert!(feed.contains(
            "<id>urn:sourcebook:record:pe-2004-four-child-prostitution-rings-identified</id>"
        ));
        assert!(feed.contains("added 1 source record."));
    }
}
