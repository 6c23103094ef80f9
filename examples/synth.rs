//! A deterministic synthetic dataset for benchmarks: N valid records across about 200
//! countries in the real layout, 1-2 KB each with non-ASCII text. Not part of the shipped
//! dataset; its content is made up and says so in every record.
//!
//! cargo run --release --example synth -- --records 100000 --seed 1 --out /tmp/synth
//!
//! With `--copies`, the tree is instead the shipped dataset grown by copies of its own records
//! (each with a new id, title and file name, and no placement), so a benchmark also sees records
//! of the shipped size and shape: longer excerpts, notes, cross-references.
//! (`--bundle-schema FILE` also writes the record schema with its definitions inlined, for
//! validators that cannot be given the definitions file.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use clap::Parser;
use serde_json::{Value, json};
use sourcebook::layout::Kind;
use sourcebook::model::derive_id;
use sourcebook::reference::countries;
use sourcebook::schema;

#[derive(Parser)]
struct Args {
    /// How many records.
    #[arg(long, default_value_t = 1000)]
    records: usize,
    /// How many countries (at most the number ISO 3166-1 assigns).
    #[arg(long, default_value_t = 200)]
    countries: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The dataset directory to write (created; must not exist).
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    bundle_schema: Option<PathBuf>,
    /// Grow the shipped dataset by copies of its records instead of making records up.
    #[arg(long)]
    copies: bool,
}

/// SplitMix64: small, fast, and the same sequence everywhere for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const WORDS: &[&str] = &[
    "children",
    "protection",
    "exploitation",
    "trafficking",
    "report",
    "niños",
    "niñas",
    "protección",
    "explotación",
    "trata",
    "informe",
    "enfants",
    "protection",
    "exploitation",
    "traite",
    "rapport",
    "crianças",
    "proteção",
    "exploração",
    "tráfico",
    "relatório",
    "government",
    "policy",
    "shelter",
    "rights",
    "law",
    "penal",
    "código",
    "derechos",
    "ley",
    "albergue",
    "política",
    "droits",
    "loi",
    "justiça",
    "direitos",
    "region",
    "región",
    "région",
    "região",
    "street",
    "calle",
    "rue",
    "rua",
    "victims",
    "víctimas",
    "victimes",
    "vítimas",
    "programme",
    "programa",
    "community",
    "comunidad",
    "communauté",
    "comunidade",
    "education",
    "educación",
    "éducation",
    "educação",
    "health",
    "salud",
    "santé",
    "saúde",
];

const PUBLISHERS: &[(&str, bool)] = &[
    ("U.S. Dept of State", true),
    ("U.S. Department of Labor", true),
    ("ECPAT International", false),
    ("UNICEF", false),
    ("Save the Children", false),
    ("International Labour Organization", false),
    ("Human Rights Watch", false),
    ("Terre des hommes", false),
    ("Defensoría del Pueblo", false),
    ("Agência Brasil", false),
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MESES: &[&str] = &[
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const TOPICS: &[&str] = &["csec", "human-trafficking", "street-children"];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            s.extend(c.next().map(|f| f.to_uppercase().collect::<String>()));
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    // Pages separate sentences with a no-break space and quote with typographic marks.
    s.push_str(".\u{a0}“");
    s.push_str(rng.pick(WORDS));
    s.push('”');
    s
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The record schema with the shared definitions inlined, for validators that take one file.
fn bundle() -> Value {
    let mut record: Value = serde_json::from_str(schema::RECORD).unwrap();
    let defs: Value = serde_json::from_str(schema::DEFS).unwrap();
    fn rewrite(v: &mut Value) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get_mut("$ref") {
                    *r = r.replace("defs.schema.json#", "#");
                }
                m.values_mut().for_each(rewrite);
            }
            Value::Array(a) => a.iter_mut().for_each(rewrite),
            _ => {}
        }
    }
    record["$defs"] = defs["$defs"].clone();
    rewrite(&mut record);
    record
}

fn main() {
    let a = Args::parse();
    if let Some(p) = &a.bundle_schema {
        write(
            p,
            &(serde_json::to_string_pretty(&bundle()).unwrap() + "\n"),
        );
    }
    assert!(!a.out.exists(), "{} exists", a.out.display());
    if a.copies {
        copies(a.records, &a.out);
    } else {
        generate(a.records, a.countries, a.seed, &a.out);
    }
    eprintln!("wrote {} records to {}", a.records, a.out.display());
}

/// Write `records` records across `countries` countries under `out`, from `seed`.
pub fn generate(records: usize, countries: usize, seed: u64, out: &Path) {
    let mut rng = Rng(seed);
    write(
        &out.join("dataset.json"),
        include_str!("../dataset/dataset.json"),
    );
    let codes: Vec<&rust_iso3166::CountryCode> = rust_iso3166::ALL
        .iter()
        .filter(|c| countries::calling_code(c.alpha2).is_some())
        .take(countries)
        .collect();
    for c in &codes {
        let calling = countries::calling_code(c.alpha2).unwrap();
        let country = json!({
            "code": c.alpha2,
            "alpha3": c.alpha3,
            "name": c.name,
            "pages": TOPICS.iter().map(|t| json!({"topic": t, "title": format!("Synthetic page - {}", c.name)})).collect::<Vec<_>>(),
            "helplines": [{"organisation": "Synthetic helpline", "number": "116 111", "calling_code": calling.to_string()}],
        });
        write(
            &out.join(c.alpha2.to_lowercase()).join("country.json"),
            &sourcebook::fmt::format_value(&country, Kind::Country),
        );
    }
    let mut taken = BTreeSet::new();
    let mut positions = std::collections::HashMap::new();
    for i in 0..records {
        let c = codes[i % codes.len()];
        let topic = TOPICS[rng.below(TOPICS.len())];
        let (publisher, government) = PUBLISHERS[rng.below(PUBLISHERS.len())];
        let year = 2000 + rng.below(25) as i16;
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let (date, printed) = match rng.below(4) {
            0 => (format!("{year}"), format!("{year}")),
            1 => (
                format!("{year}-{month:02}"),
                format!("{} {year}", MONTHS[month - 1]),
            ),
            2 => (
                format!("{year}-{month:02}-{day:02}"),
                format!("{day} {} {year}", MONTHS[month - 1]),
            ),
            _ => (
                format!("{year}-{month:02}-{day:02}"),
                format!("{day} de {} de {year}", MESES[month - 1]),
            ),
        };
        let accessed = format!(
            "{:04}-{:02}-{:02}",
            year as usize + 1 + rng.below(2025 - year as usize),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let n = 3 + rng.below(5);
        let title = format!(
            "{} {}",
            sentence(&mut rng, n).split(".\u{a0}").next().unwrap(),
            i
        );
        let id = derive_id(c.alpha2, Some(year), Some(publisher), &title, &taken);
        taken.insert(id.clone());
        let n = positions.entry((c.alpha2, topic)).or_insert(0u32);
        *n += 1;
        let excerpts: Vec<Value> = (0..1 + rng.below(3))
            .map(|k| {
                let text = (0..2 + rng.below(2))
                    .map(|_| {
                        let n = 8 + rng.below(8);
                        sentence(&mut rng, n)
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                json!({"locator": format!("page {}", 1 + k + rng.below(300)), "text": text})
            })
            .collect();
        let words: usize = excerpts
            .iter()
            .map(|e| e["text"].as_str().unwrap().split_whitespace().count())
            .sum();
        let rights = if government {
            json!({"status": "public_domain", "basis": "us_government_work", "quoted_words": words})
        } else {
            json!({"status": "copyrighted", "holder": publisher, "basis": "fair_use", "quoted_words": words})
        };
        let record = json!({
            "id": id,
            "country": c.alpha2,
            "topics": [topic],
            "placement": {"section": if *n == 1 { "featured" } else { "archive" }, "position": if *n == 1 { 1 } else { *n - 1 }},
            "title": title,
            "publisher": {"name": publisher},
            "published": {"date": date, "as_printed": printed},
            "byline": format!("{publisher}, {printed}"),
            "accessed": [accessed],
            "format": "pdf",
            "urls": {"original": format!("https://example.org/{}/{}.pdf", c.alpha2.to_lowercase(), i), "archived": format!("https://web.archive.org/web/2020/https://example.org/{i}.pdf")},
            "excerpts": excerpts,
            "rights": rights,
            "maintainer_notes": ["Synthetic record for benchmarks; not a real source."],
        });
        write(
            &out.join(c.alpha2.to_lowercase())
                .join("records")
                .join(format!("{id}.json")),
            &sourcebook::fmt::format_value(&record, Kind::Record),
        );
    }
}

/// The shipped dataset under `out`, grown to `records` records by copies of its own.
///
/// A copy differs from its original only where two records may not agree: its id (derived from
/// a title with the copy's number), its file name, its addresses (a `copy` query, so the
/// duplicate-source rule sees a different source) and its placement (none, so page positions
/// stay unique). Everything else, excerpts and notes included, is the original's.
pub fn copies(records: usize, out: &Path) {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset");
    let mut originals = Vec::new();
    for entry in walkdir::WalkDir::new(&shipped).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&shipped).unwrap();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        write(&out.join(rel), &text);
        if rel.parent().is_some_and(|p| p.ends_with("records")) {
            originals.push(serde_json::from_str::<Value>(&text).unwrap());
        }
    }
    let mut taken: BTreeSet<String> = originals
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    for i in originals.len()..records {
        let mut r = originals[i % originals.len()].clone();
        let country = r["country"].as_str().unwrap().to_owned();
        let title = format!("{} (copy {i})", r["title"].as_str().unwrap());
        let year = r["published"]["date"]
            .as_str()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
        let publisher = r["publisher"]["name"].as_str().map(str::to_owned);
        let id = derive_id(&country, year, publisher.as_deref(), &title, &taken);
        taken.insert(id.clone());
        r["id"] = json!(id);
        r["title"] = json!(title);
        if let Some(m) = r.as_object_mut() {
            m.remove("placement");
        }
        if let Some(urls) = r.get_mut("urls").and_then(Value::as_object_mut) {
            for v in urls.values_mut() {
                if let Some(u) = v.as_str() {
                    let sep = if u.contains('?') { '&' } else { '?' };
                    *v = json!(format!("{u}{sep}copy={i}"));
                }
            }
        }
        write(
            &out.join(country.to_lowercase())
                .join("records")
                .join(format!("{id}.json")),
            &sourcebook::fmt::format_value(&r, Kind::Record),
        );
    }
}
