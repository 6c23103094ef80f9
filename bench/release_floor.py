"""What any build of a release's files must spend, against what `release` spends: the goal
"`release` at most 3x `check`" tested against a floor measured on this machine, not guessed.

    python3 bench/release_floor.py --tree target/bench/data/copies100000 --runs 3

Times `check` and `release` (and `release --text-only`) on the tree, then takes the bundle the
release wrote and measures the costs no design that writes the same files can avoid:

- writing its bytes: every file, already in memory, written again with plain `write` calls;
- hashing them: SHA-256 of every byte, for SHA256SUMS (Python's hashlib, through OpenSSL,
  which uses the processor's SHA instructions where it has them, as the release's sha2 does);
- building the SQLite database: the same rows inserted, by SQLite itself, into an empty file
  with the release's settings, then the release's own indexes and full-text indexes
  (`FINISH_SQL`, read from src/release/sqlite.rs) built on them.

Parsing is not counted again (the check already parses every record) and neither is making the
text of each format (JSON, CSV, CSL-JSON, Parquet pages): the floor is the smallest it can be.
Shared perfectly by every core, it bounds from below the wall time of any release that also
checks. Prints a Markdown section for BENCHMARKS.md (the `floors-bench` block).

The binary must be built with the analyst formats; SOURCEBOOK names another one.
"""
import argparse
import hashlib
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

p = argparse.ArgumentParser()
p.add_argument("--tree", required=True)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--cores", type=int, default=os.cpu_count())
# The release and the floor's copies are written to memory (tmpfs) where there is one: 800 MB
# written again and again to a virtual disk soon waits on the disk's writeback, which made one
# run of `release --text-only` take 7.5 s of wall time for 5.8 s of CPU time.
p.add_argument("--work", default="/dev/shm" if os.path.isdir("/dev/shm") else None,
               help="where to write the bundles (default: /dev/shm when there is one)")
a = p.parse_args()
SB = os.environ.get("SOURCEBOOK", "target/release/sourcebook")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="release-floor-", dir=a.work)


def child(cmd):
    """Wall time and CPU time (user + system) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def own(f):
    """Wall time and this process's CPU time (user + system) of `f()`."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    t = time.perf_counter()
    f()
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_SELF)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median(f, runs=a.runs, warm=True):
    if warm:
        f()
    xs = [f() for _ in range(runs)]
    return statistics.median(x[0] for x in xs), statistics.median(x[1] for x in xs)


out = os.path.join(work, "release")


def release(*extra):
    def go():
        shutil.rmtree(out, ignore_errors=True)
        return child([SB, "release", "--dataset", a.tree, "--out", out, *extra])
    return go


check = median(lambda: child([SB, "check", "--dataset", a.tree, "--format", "short"]))
text_only = median(release("--text-only"))
full = median(release())
(bundle,) = [os.path.join(out, d) for d in os.listdir(out)]
files = sorted(
    os.path.join(d, f) for d, _, fs in os.walk(bundle) for f in fs
)
total = sum(os.path.getsize(f) for f in files)

CHUNK = 256 * 1024
copy = os.path.join(work, "copy")


def write_all():
    shutil.rmtree(copy, ignore_errors=True)
    spent = [0.0, 0.0]
    for f in files:
        with open(f, "rb") as src:
            data = src.read()
        dest = os.path.join(copy, os.path.relpath(f, bundle))
        os.makedirs(os.path.dirname(dest), exist_ok=True)

        def put():
            fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            view = memoryview(data)
            for i in range(0, len(view), CHUNK):
                os.write(fd, view[i:i + CHUNK])
            os.close(fd)
        w, c = own(put)
        spent[0] += w
        spent[1] += c
    return tuple(spent)


def hash_all():
    spent = [0.0, 0.0]
    for f in files:
        with open(f, "rb") as src:
            data = src.read()
        w, c = own(lambda: hashlib.sha256(data).hexdigest())
        spent[0] += w
        spent[1] += c
    return tuple(spent)


(database,) = [f for f in files if f.endswith(".sqlite")]
source = open(os.path.join(ROOT, "src/release/sqlite.rs"), encoding="utf-8").read()
FINISH_SQL = re.search(r'const FINISH_SQL: &str = "(.*?)";', source, re.S).group(1)
# The tables the release fills row by row: every table in the built file but the indexes'
# and full-text indexes' own, which FINISH_SQL makes.
with sqlite3.connect(database) as db:
    fts = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")]
    tables = [
        (n, sql) for n, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
        if n not in fts and not any(n.startswith(f + "_") for f in fts)
    ]
    rows = {n: db.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n, _ in tables}


def sqlite_parts():
    path = os.path.join(work, "floor.sqlite")
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                     "PRAGMA locking_mode = EXCLUSIVE; PRAGMA page_size = 4096;")
    db.execute("ATTACH ? AS built", (database,))

    def insert():
        db.execute("BEGIN")
        for n, sql in tables:
            db.execute(sql)
            db.execute(f'INSERT INTO main."{n}" SELECT * FROM built."{n}"')
        db.execute("COMMIT")
    inserted = own(insert)
    finished = own(lambda: db.executescript("BEGIN;" + FINISH_SQL + "COMMIT;"))
    db.close()
    os.remove(path)
    return inserted, finished


write = median(write_all)
hashed = median(hash_all)
parts = [sqlite_parts() for _ in range(a.runs)]
inserted = statistics.median(x[0][0] for x in parts), statistics.median(x[0][1] for x in parts)
finished = statistics.median(x[1][0] for x in parts), statistics.median(x[1][1] for x in parts)
shutil.rmtree(work)

floor_cpu = check[1] + write[1] + hashed[1] + inserted[1] + finished[1]
floor_wall = floor_cpu / a.cores
goal = 3 * check[0]
load = os.getloadavg()
name = os.path.basename(os.path.normpath(a.tree))
print("<!-- floors-bench:start -->")
print(f"## What any release must spend ({name})\n")
print("<!-- Written by bench/release_floor.py; run it again to refresh. -->\n")
print(f"`check`, `release` and the floors measured side by side: medians of {a.runs} runs after a warm-up, on {platform.machine()}, {os.cpu_count()} cores, "
      f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end; "
      f"SQLite {sqlite3.sqlite_version} (Python's) for the database's floor; "
      f"every bundle written to `{os.path.dirname(work)}`. "
      f"The bundle: {len(files)} files, {total / 2**20:,.0f} MiB.\n")
print("| Part | Wall time | CPU time (user + system) |\n|---|---|---|")
for label, (w, c) in [
    ("`check`", check),
    ("`release --text-only`", text_only),
    ("`release`", full),
    ("floor: write the bundle's bytes", write),
    ("floor: SHA-256 of the bundle's bytes", hashed),
    ("floor: insert the database's rows (" + ", ".join(f"{n} {rows[n]:,}" for n, _ in tables) + ")", inserted),
    ("floor: the database's indexes and full-text indexes (`FINISH_SQL`)", finished),
]:
    print(f"| {label} | {w:.2f} s | {c:.2f} s |")
print(f"\nThe floor: `check`'s CPU time and the four floors, {floor_cpu:.2f} s of CPU time, shared "
      f"perfectly by {a.cores} cores: **{floor_wall:.2f} s** of wall time, "
      f"{floor_wall / check[0]:.2f}× `check`. The goal, 3× `check`, is {goal:.2f} s; `release` takes "
      f"{full[0]:.2f} s ({full[0] / check[0]:.2f}×, CPU {full[1]:.2f} s).")
print(f"\nThe full-text and other indexes are built from every row, so they can start only once the "
      f"last record is in: on one core (SQLite builds an index on one), they alone take "
      f"{finished[0]:.2f} s, {finished[0] / check[0]:.2f}× `check`, which leaves "
      f"{goal - finished[0]:.2f} s before them for reading, checking and writing every record "
      "if the goal is to be met.")
print("<!-- floors-bench:end -->")
