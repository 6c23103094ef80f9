//! The typed model agrees with the schemas and the shipped files: every file deserializes, and
//! serializing it again gives back the file byte for byte, so struct field order is the
//! canonical key order.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use sourcebook::model::{Country, Dataset, Record, derive_id};

fn round_trip<T: DeserializeOwned + Serialize>(path: &Path) -> T {
    let text = fs::read_to_string(path).unwrap();
    let value: T =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let again = serde_json::to_string_pretty(&value).unwrap() + "\n";
    assert_eq!(
        again,
        text,
        "{} does not round-trip through the model",
        path.display()
    );
    value
}

fn records() -> Vec<(String, Record)> {
    let mut paths: Vec<_> = fs::read_dir("dataset/pe/records")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                round_trip::<Record>(p),
            )
        })
        .collect()
}

#[test]
fn every_file_round_trips_through_the_model() {
    round_trip::<Dataset>(Path::new("dataset/dataset.json"));
    round_trip::<Country>(Path::new("dataset/pe/country.json"));
    assert_eq!(records().len(), 11);
}

#[test]
fn ids_are_derived_from_country_year_and_title() {
    let taken = BTreeSet::new();
    for (stem, r) in records() {
        assert_eq!(r.id, stem);
        let year = r.published.as_ref().map(|p| p.date.year);
        let publisher = r.publisher.as_ref().map(|p| p.name.as_str());
        assert_eq!(
            derive_id(&r.country, year, publisher, &r.title, &taken),
            r.id
        );
    }
}

#[test]
fn peru_has_one_featured_and_ten_archived_sources_in_page_order() {
    use sourcebook::model::Section;
    let mut placements: Vec<_> = records()
        .into_iter()
        .map(|(_, r)| r.placement.unwrap())
        .collect();
    placements.sort_by_key(|p| (p.section, p.position));
    let featured: Vec<_> = placements
        .iter()
        .filter(|p| p.section == Section::Featured)
        .collect();
    assert_eq!(featured.len(), 1);
    let archive: Vec<u32> = placements
        .iter()
        .filter(|p| p.section == Section::Archive)
        .map(|p| p.position)
        .collect();
    assert_eq!(archive, (1..=10).collect::<Vec<_>>());
}

#[test]
fn stored_word_counts_match_the_excerpts() {
    for (id, r) in records() {
        assert_eq!(r.rights.quoted_words, r.quoted_words(), "{id}");
    }
    let c: Country =
        serde_json::from_str(&fs::read_to_string("dataset/pe/country.json").unwrap()).unwrap();
    let p = c.profile.unwrap();
    let words: u64 = p
        .paragraphs
        .iter()
        .map(|t| sourcebook::model::count_words(t))
        .sum();
    assert_eq!(p.rights.quoted_words, words);
}

/// The check's field-by-field reading of a record file gives the record serde reads from the
/// file whole, so a release may take it from the check instead of reading the file again.
/// A record missing a field every record must have gives none.
#[test]
fn a_record_read_field_by_field_is_the_record_read_whole() {
    let mut seen = 0;
    for entry in fs::read_dir("dataset/pe/records").unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let whole: Record = serde_json::from_str(&text).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let parts = sourcebook::model::RecordParts::read(&value);
        assert!(parts.unread(&value).is_empty(), "{}", path.display());
        assert_eq!(
            parts.into_record().as_ref(),
            Some(&whole),
            "{}",
            path.display()
        );
        for required in ["id", "country", "topics", "title", "rights"] {
            let mut without = value.clone();
            without.as_object_mut().unwrap().remove(required);
            let parts = sourcebook::model::RecordParts::read(&without);
            assert!(parts.into_record().is_none(), "{required}");
        }
        seen += 1;
    }
    assert_eq!(seen, 11);
}
