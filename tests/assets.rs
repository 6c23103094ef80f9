//! What the release workflow uploads survives GitHub: assets are named by file name alone, so
//! the upload is simulated here by flattening every uploaded path to its last component, as
//! GitHub does, and the download checked against the `SHA256SUMS` it carries. Nothing is
//! downloaded. The archives are read back entry by entry.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use common::{Scratch, read_tree, sourcebook, stderr};
use sha2::Digest;
use sourcebook::release::ANALYST_FORMATS;

fn sha256(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `gh release create TAG $(find DIR -type f)`, as GitHub stores it: each file under its base
/// name. Two files with one name cannot both be assets.
fn upload(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut assets = BTreeMap::new();
    for (path, bytes) in read_tree(dir) {
        let name = path.rsplit('/').next().unwrap().to_string();
        assert!(
            assets.insert(name.clone(), bytes).is_none(),
            "two uploads named {name}"
        );
    }
    assets
}

/// What `sha256sum -c SHA256SUMS` reports in a directory holding `download`: the names listed,
/// and those missing or with another hash.
fn verify(download: &BTreeMap<String, Vec<u8>>) -> (Vec<String>, Vec<String>) {
    let sums = String::from_utf8(download["SHA256SUMS"].clone()).unwrap();
    let mut listed = Vec::new();
    let mut failed = Vec::new();
    for line in sums.lines() {
        let (hash, name) = line.split_once("  ").unwrap();
        listed.push(name.to_string());
        if download.get(name).map(|b| sha256(b)) != Some(hash.to_string()) {
            failed.push(name.to_string());
        }
    }
    (listed, failed)
}

fn build(s: &Scratch, out: &Path, assets: &Path) {
    let mut args = vec![
        "release",
        "--dataset",
        s.root().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--assets",
        assets.to_str().unwrap(),
    ];
    if !ANALYST_FORMATS {
        args.push("--text-only");
    }
    let o = sourcebook(&args, &[("SOURCE_DATE_EPOCH", "1764320000")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The files of a ustar archive, by path.
fn untar(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let field =
        |b: &[u8]| String::from_utf8(b.split(|c| *c == 0).next().unwrap().to_vec()).unwrap();
    let octal = |b: &[u8]| u64::from_str_radix(field(b).trim(), 8).unwrap();
    let mut files = BTreeMap::new();
    let mut at = 0;
    while at + 512 <= bytes.len() && bytes[at..at + 512].iter().any(|b| *b != 0) {
        let h = &bytes[at..at + 512];
        assert_eq!(&h[257..263], b"ustar\0");
        let sum: u64 = h
            .iter()
            .enumerate()
            .map(|(i, b)| {
                if (148..156).contains(&i) {
                    32
                } else {
                    u64::from(*b)
                }
            })
            .sum();
        assert_eq!(octal(&h[148..156]), sum, "header checksum");
        let (prefix, name) = (field(&h[345..500]), field(&h[..100]));
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let size = octal(&h[124..136]) as usize;
        at += 512;
        if h[156] == b'0' {
            files.insert(path, bytes[at..at + size].to_vec());
            at += size.div_ceil(512) * 512;
        } else {
            assert_eq!(h[156], b'5', "{path}: only files and directories");
        }
    }
    files
}

/// The files of a ZIP archive, by path, through its central directory, each CRC checked.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap()) as usize;
    let end = bytes.len() - 22;
    assert_eq!(u32_at(end), 0x0605_4b50, "end of central directory");
    let (count, mut at) = (u16_at(end + 10), u32_at(end + 16));
    let mut files = BTreeMap::new();
    for _ in 0..count {
        assert_eq!(u32_at(at), 0x0201_4b50);
        let (method, crc, csize, size) = (
            u16_at(at + 10),
            u32_at(at + 16),
            u32_at(at + 20),
            u32_at(at + 24),
        );
        let (name_len, extra, comment, local) = (
            u16_at(at + 28),
            u16_at(at + 30),
            u16_at(at + 32),
            u32_at(at + 42),
        );
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        at += 46 + name_len + extra + comment;
        if name.ends_with('/') {
            continue;
        }
        assert_eq!(u32_at(local), 0x0403_4b50);
        let start = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        let raw = &bytes[start..start + csize];
        let data = match method {
            0 => raw.to_vec(),
            8 => {
                let mut out = Vec::new();
                flate2::read::DeflateDecoder::new(raw)
                    .read_to_end(&mut out)
                    .unwrap();
                out
            }
            m => panic!("{name}: method {m}"),
        };
        assert_eq!(data.len(), size, "{name}");
        assert_eq!(crc32fast::hash(&data) as usize, crc, "{name}");
        files.insert(name, data);
    }
    files
}

#[test]
fn the_assets_survive_githubs_flattening_and_their_sums_cover_exactly_them() {
    let s = Scratch::peru();
    let (out, assets) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let assets = assets.path().join("assets");
    build(&s, out.path(), &assets);
    let download = upload(&assets);
    let (listed, failed) = verify(&download);
    assert!(failed.is_empty(), "{failed:?}");
    let mut uploaded: Vec<String> = download
        .keys()
        .filter(|k| *k != "SHA256SUMS")
        .cloned()
        .collect();
    uploaded.sort();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(
        listed_sorted, uploaded,
        "SHA256SUMS covers exactly what is uploaded"
    );
    assert_eq!(listed, listed_sorted, "sorted by name");
    for name in [
        "sourcebook-0.1.0.tar.gz",
        "sourcebook-0.1.0.zip",
        "records.csv",
        "excerpts.csv",
        "stats.json",
    ] {
        assert!(download.contains_key(name), "{name} is uploaded");
    }
    for name in ["datapackage.json", "record.schema.json"] {
        assert!(
            !download.contains_key(name),
            "{name} travels in the archives only"
        );
    }

    // Each archive holds the whole bundle under one directory, byte for byte, and the bundle's
    // own sums hold inside it.
    let bundle: BTreeMap<String, Vec<u8>> = read_tree(&out.path().join("sourcebook-0.1.0"))
        .into_iter()
        .map(|(p, b)| (format!("sourcebook-0.1.0/{p}"), b))
        .collect();
    let mut gz = Vec::new();
    flate2::read::GzDecoder::new(download["sourcebook-0.1.0.tar.gz"].as_slice())
        .read_to_end(&mut gz)
        .unwrap();
    assert_eq!(untar(&gz), bundle);
    assert_eq!(unzip(&download["sourcebook-0.1.0.zip"]), bundle);
    let inner: BTreeMap<String, Vec<u8>> = bundle
        .iter()
        .map(|(p, b)| (p["sourcebook-0.1.0/".len()..].to_string(), b.clone()))
        .collect();
    let (inner_listed, inner_failed) = verify(&inner);
    assert!(inner_failed.is_empty(), "{inner_failed:?}");
    assert!(
        inner_listed
            .iter()
            .any(|p| p == "schema/record.schema.json")
    );
    // The top-level files are the bundle's own.
    assert_eq!(download["records.csv"], inner["records.csv"]);
}

#[test]
fn uploading_the_bundle_as_it_is_would_break_its_sums() {
    // What the workflow used to do: upload every file of the bundle. The schemas lose their
    // directory, so the sums name files no download has.
    let s = Scratch::peru();
    let (out, assets) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build(&s, out.path(), &assets.path().join("a"));
    let download = upload(&out.path().join("sourcebook-0.1.0"));
    let (_, failed) = verify(&download);
    assert_eq!(
        failed,
        [
            "schema/country.schema.json",
            "schema/dataset.schema.json",
            "schema/defs.schema.json",
            "schema/record.schema.json"
        ]
    );
}

#[test]
fn assets_are_reproducible() {
    let s = Scratch::peru();
    let trees: Vec<_> = (0..2)
        .map(|_| {
            let (out, assets) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
            build(&s, out.path(), &assets.path().join("a"));
            read_tree(&assets.path().join("a"))
        })
        .collect();
    assert_eq!(trees[0], trees[1]);
}

#[test]
fn the_release_workflow_uploads_exactly_the_assets_directory() {
    // The flattening above is simulated on the directory `--assets` writes; the workflow must
    // upload that directory's files and nothing else.
    let wf = std::fs::read_to_string(".github/workflows/release.yml").unwrap();
    let dir = wf
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
        .split("--assets ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .map(str::to_string)
        .expect("the workflow builds the assets with --assets DIR");
    // The command and its continuation lines.
    let mut create = String::new();
    for l in wf.lines().skip_while(|l| !l.contains("gh release create")) {
        create.push_str(l.trim_end_matches('\\'));
        if !l.ends_with('\\') {
            break;
        }
    }
    let uploaded: Vec<&str> = create
        .split_whitespace()
        .filter(|w| w.contains('/') && !w.contains('$') && !w.starts_with('"'))
        .collect();
    assert_eq!(uploaded, [format!("{dir}/*")], "{create}");
    assert!(
        uploaded.iter().all(|u| !u.contains("sourcebook-")),
        "not the bundle"
    );
    assert!(
        wf.contains("--features analyst-formats"),
        "the release has every format"
    );
}
