"""Read a release with the programs analysts read it with, and check what they see.

Usage: clients.py DATASET BUNDLE PARTITIONED_BUNDLE ASSETS

What to expect is worked out here from the dataset's JSON files, not from the tool:
- DuckDB reads the NDJSON, both CSV files, both Parquet tables (row counts and types) and the
  tables partitioned by country (built with --partition-records 1), and joins them;
- the sqlite3 shell counts the database's rows, checks its keys and integrity, and finds a word
  of an excerpt through the FTS5 index;
- Datasette, if it installed, loads the database with metadata.json and serves a search;
- Frictionless validates the data package and reads every field of every table;
- the assets form one flat directory whose SHA256SUMS covers exactly them, and both archives
  unpack to the bundle, byte for byte.
"""
import csv
import glob
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile

import duckdb

dataset, bundle, partitioned, assets = sys.argv[1:5]
failures = []


def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


records = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{dataset}/*/records/*.json"))]
n_records = len(records)
excerpts = [(r["id"], e) for r in records for e in r.get("excerpts", [])]
n_excerpts = len(excerpts)
countries = sorted({r["country"] for r in records})
# A word of an excerpt to search for: the first long, purely alphabetic word.
rid, first = excerpts[0]
word = next(w for w in re.findall(r"[A-Za-z]{7,}", first["text"]))
print(f"dataset: {n_records} records, {n_excerpts} excerpts, countries {countries}; searching for {word!r}")

# --- DuckDB -------------------------------------------------------------------------------
db = duckdb.connect()
q = lambda sql: db.sql(sql).fetchall()  # noqa: E731
for name, reader, expected in [
    ("records.ndjson", "read_json_auto", n_records),
    ("records.csv", "read_csv_auto", n_records),
    ("excerpts.csv", "read_csv_auto", n_excerpts),
    ("records.parquet", "read_parquet", n_records),
    ("excerpts.parquet", "read_parquet", n_excerpts),
]:
    rows = q(f"select count(*) from {reader}('{bundle}/{name}')")[0][0]
    expect(rows == expected, f"duckdb {name}: {rows} rows (expected {expected})")
first_column = q(f"describe select * from read_csv_auto('{bundle}/records.csv')")[0][0]
expect(first_column == "id", f"duckdb reads records.csv's first column as {first_column!r} (the byte-order mark skipped)")
types = {r[0]: r[1] for r in q(f"describe select * from '{bundle}/records.parquet'")}
for column, kind in [("id", "VARCHAR"), ("published", "VARCHAR"), ("published_year", "BIGINT"),
                     ("last_accessed", "DATE"), ("topics", "VARCHAR[]"), ("accessed", "DATE[]"),
                     ("quoted_words", "BIGINT")]:
    expect(types.get(column) == kind, f"duckdb records.parquet {column}: {types.get(column)} (expected {kind})")
ids = q(f"select count(distinct id) from '{bundle}/records.parquet'")[0][0]
expect(ids == n_records, f"duckdb records.parquet: {ids} distinct ids")
words, quoted = q(f"select (select sum(words) from '{bundle}/excerpts.parquet'), (select sum(quoted_words) from '{bundle}/records.parquet')")[0]
expect(words == quoted, f"duckdb: the excerpts' words add up to the records' quoted_words ({words} = {quoted})")
by_year = q(f"""select r.published_year, count(distinct r.id) from '{bundle}/excerpts.parquet' e
               join '{bundle}/records.parquet' r on r.id = e.record_id
               where e.text ilike '%{word}%' group by all""")
expect(len(by_year) >= 1, f"duckdb: sources quoting {word!r} by year: {by_year}")
for table, expected in [("records", n_records), ("excerpts", n_excerpts)]:
    part = f"read_parquet('{partitioned}/parquet/{table}/*/*.parquet', hive_partitioning = true)"
    rows, got = q(f"select count(*), list(distinct country order by country) from {part}")[0]
    expect(rows == expected, f"duckdb partitioned {table}: {rows} rows (expected {expected})")
    if table == "records":
        expect(got == countries, f"duckdb partitioned {table}: countries {got} from the paths")

# --- sqlite3 --------------------------------------------------------------------------------
sqlite = glob.glob(f"{bundle}/*.sqlite")
expect(len(sqlite) == 1, f"one SQLite database: {sqlite}")


def sql(statement):
    out = subprocess.run(["sqlite3", "-readonly", sqlite[0], statement], capture_output=True, text=True)
    if out.returncode:
        failures.append(f"sqlite3 {statement!r}: {out.stderr.strip()}")
    return out.stdout.strip()


expect(sql("select count(*) from records") == str(n_records), "sqlite3: records counted")
expect(sql("select count(*) from excerpts") == str(n_excerpts), "sqlite3: excerpts counted")
expect(sql("select count(distinct record_id) from record_topics") == str(n_records), "sqlite3: every record has topics")
expect(sql("pragma foreign_key_check") == "", "sqlite3: no row refers to what is not there")
expect(sql("pragma integrity_check") == "ok", "sqlite3: integrity_check ok")
hits = sql(f"select excerpts.record_id from excerpts_fts join excerpts on excerpts.rowid = excerpts_fts.rowid "
           f"where excerpts_fts match '{word.lower()}'").split()
expect(rid in hits, f"sqlite3: FTS5 finds {word!r} in {rid} ({len(hits)} hits)")

# --- Datasette ------------------------------------------------------------------------------
try:
    import asyncio

    from datasette.app import Datasette
    from datasette.utils import parse_metadata
except ImportError:
    print("skip datasette: not installed")
else:
    async def serve():
        metadata = parse_metadata(open(f"{bundle}/metadata.json", encoding="utf-8").read())
        ds = Datasette([sqlite[0]], metadata=metadata)
        await ds.invoke_startup()
        name = os.path.basename(sqlite[0])[: -len(".sqlite")]
        expect(list(metadata["databases"]) == [name], f"datasette: metadata names database {name}")
        tables = set(await ds.databases[name].table_names())
        for t, meta in metadata["databases"][name]["tables"].items():
            expect(t in tables, f"datasette: metadata table {t} exists")
            if "fts_table" in meta:
                expect(meta["fts_table"] in tables, f"datasette: {t}'s fts_table exists")
        # Datasette escapes the dots of a database's name in its paths: ask it for the path.
        r = await ds.client.get(ds.urls.table(name, "excerpts", format="json") + f"?_search={word}&_shape=array")
        rows = r.json() if r.status_code == 200 else []
        expect(any(x["record_id"] == rid for x in rows), f"datasette: searching excerpts for {word!r}: HTTP {r.status_code}, {len(rows)} rows")
        r = await ds.client.get("/-/metadata.json")
        expect(r.status_code == 200 and r.json().get("title"), "datasette: serves the metadata")

    asyncio.run(serve())

# --- Frictionless ---------------------------------------------------------------------------
from frictionless import Package  # noqa: E402

package = Package(f"{bundle}/datapackage.json")
report = package.validate()
expect(report.valid, "frictionless: the data package validates" + ("" if report.valid else f": {report.flatten(['type', 'note'])[:5]}"))
present = {}
for r in records:
    for k in r:
        present[k] = present.get(k, 0) + 1
for resource in package.resources:
    if resource.type != "table":
        continue
    with resource:
        rows = resource.read_rows()
    names = [f.name for f in resource.schema.fields]
    expect(all(list(row.keys()) == names for row in rows), f"frictionless {resource.path}: every row has all {len(names)} fields")
    expected = {"records.csv": n_records, "records.ndjson": n_records, "excerpts.csv": n_excerpts}[resource.path]
    expect(len(rows) == expected, f"frictionless {resource.path}: {len(rows)} rows")
    if resource.path == "records.ndjson":
        read = {n: sum(1 for row in rows if row[n] is not None) for n in names}
        missing = {k: (present.get(k, 0), read[k]) for k in names if present.get(k, 0) != read[k]}
        expect(not missing, f"frictionless records.ndjson: every field read where records have it {missing or ''}")

# --- Assets ---------------------------------------------------------------------------------
entries = os.listdir(assets)
expect(all(os.path.isfile(f"{assets}/{e}") for e in entries), "assets: one flat directory")
sums = dict(reversed(line.split("  ", 1)) for line in open(f"{assets}/SHA256SUMS", encoding="utf-8").read().splitlines())
expect(sorted(sums) == sorted(e for e in entries if e != "SHA256SUMS"), "assets: SHA256SUMS lists exactly the other assets")
for name, digest in sums.items():
    ok = hashlib.sha256(open(f"{assets}/{name}", "rb").read()).hexdigest() == digest
    expect(ok, f"assets: {name} matches its sum")
top = os.path.basename(os.path.normpath(bundle))
want = {}
for root, _, files in os.walk(bundle):
    for f in files:
        path = os.path.join(root, f)
        want[f"{top}/{os.path.relpath(path, bundle)}"] = open(path, "rb").read()
with tarfile.open(f"{assets}/{top}.tar.gz") as t:
    got = {m.name: t.extractfile(m).read() for m in t.getmembers() if m.isfile()}
expect(got == want, f"assets: {top}.tar.gz holds the bundle ({len(got)} files)")
with zipfile.ZipFile(f"{assets}/{top}.zip") as z:
    expect(z.testzip() is None, f"assets: {top}.zip CRCs")
    got = {n: z.read(n) for n in z.namelist() if not n.endswith("/")}
expect(got == want, f"assets: {top}.zip holds the bundle ({len(got)} files)")
inner = want[f"{top}/SHA256SUMS"].decode().splitlines()
bad = [p for h, p in (l.split("  ", 1) for l in inner) if hashlib.sha256(want[f"{top}/{p}"]).hexdigest() != h]
expect(not bad, f"assets: the bundle's own SHA256SUMS holds inside the archive {bad or ''}")

# --- No cell a spreadsheet would run --------------------------------------------------------
for name in ["records.csv", "excerpts.csv"]:
    with open(f"{bundle}/{name}", newline="", encoding="utf-8-sig") as f:
        cells = [c for row in csv.reader(f) for c in row]
    bad = [c[:40] for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r", "\n")]
    expect(not bad, f"{name}: no cell starts a formula {bad or ''}")

if failures:
    print(f"\n{len(failures)} failures:\n" + "\n".join(failures), file=sys.stderr)
    sys.exit(1)
print("clients: ok")
