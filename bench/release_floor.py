"""What any build of a release's files must spend, against what `release` spends: the goal
"`release` at most 3x `check`" tested against a floor measured on this machine, not guessed.

    python3 bench/release_floor.py --tree target/bench/data/copies100000 --runs 5

Times `check`, `release --text-only` and `release` on the tree, then takes the bundle the
release wrote and measures the costs no design that writes the same files can avoid:

- writing its bytes: every file but the database (which SQLite writes itself, below), already
  in memory, written again with plain `write` calls;
- hashing them: SHA-256 of every file, for SHA256SUMS (Python's hashlib, through OpenSSL,
  which uses the processor's SHA instructions where it has them, as the release's sha2 does);
- building the SQLite database: the same rows inserted by SQLite into an empty file with the
  release's settings and its full-text indexes (`FTS_SQL`, read from src/release/sqlite.rs),
  which take each row's words as the row goes in; then the release's own indexes
  (`FINISH_SQL`). No foreign-key check: the release checks a row's references before it
  writes it, and leaves SQLite's off (src/release/sqlite.rs). This runs on Python's SQLite,
  which is not the version the release bundles: a measurement of the same work, not of the
  release's own library.

Parsing is not counted again (the check already parses every record) and neither is making the
text of each format (JSON, CSV, CSL-JSON, Parquet pages). Two lower bounds on the wall time of
any release that also checks follow, and the floor is the larger: all that CPU time shared
perfectly by every core, and SQLite's part alone, which one connection writing one file runs on
one core. A third figure is the bound for the release as it is built today, whose B-tree indexes
start after the last row. Prints a Markdown section for BENCHMARKS.md (the `floors-bench` block).

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
import subprocess
import sys
import tempfile
import time

p = argparse.ArgumentParser()
p.add_argument("--tree", required=True)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--cores", type=int, default=len(os.sched_getaffinity(0)))
# Bundles go to memory (tmpfs) where it has room: 820 MiB written again and again to a
# virtual disk soon waits on the disk's writeback, which once made `release --text-only` take
# 7.5 s of wall time for 5.8 s of CPU time.
p.add_argument("--work", help="where to write the bundles (default: /dev/shm when it has 4 GiB "
               "free, else beside the tree)")
a = p.parse_args()
SB = os.environ.get("SOURCEBOOK", "target/release/sourcebook")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = (".parquet", ".sqlite")
CHUNK = 256 * 1024


def default_work():
    shm = "/dev/shm"
    if os.path.isdir(shm) and shutil.disk_usage(shm).free >= 4 * 2**30:
        return shm
    return os.path.dirname(os.path.abspath(a.tree))


def own(f, who=resource.RUSAGE_SELF):
    """Wall time and CPU time (user + system) of `f()`: this process's, or with
    `RUSAGE_CHILDREN` that of the commands it runs and waits for."""
    before = resource.getrusage(who)
    t = time.perf_counter()
    f()
    wall = time.perf_counter() - t
    after = resource.getrusage(who)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def child(cmd):
    """Wall time and CPU time of one command."""
    return own(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL),
               resource.RUSAGE_CHILDREN)


def median(f):
    """After a warm-up, the run of median wall time out of `--runs`: its wall and CPU time
    (or, for a function that returns several such pairs, its pairs)."""
    def wall(r):
        return r[0] if isinstance(r[0], float) else sum(x[0] for x in r)
    f()
    runs = sorted((f() for _ in range(a.runs)), key=wall)
    return runs[len(runs) // 2]


def add(*pairs):
    return sum(x[0] for x in pairs), sum(x[1] for x in pairs)


def measure(work):
    out = os.path.join(work, "release")

    def release(*extra):
        def go():
            shutil.rmtree(out, ignore_errors=True)
            return child([SB, "release", "--dataset", a.tree, "--out", out, *extra])
        return go

    r = {
        "check": median(lambda: child([SB, "check", "--dataset", a.tree, "--format", "short"])),
        "text_only": median(release("--text-only")),
        "full": median(release()),
    }
    (bundle,) = [os.path.join(out, d) for d in os.listdir(out)]
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(bundle) for f in fs)
    r["files"] = len(files)
    r["bytes"] = sum(os.path.getsize(f) for f in files)
    copy = os.path.join(work, "copy")

    def write_all():
        """Each file but the database written anew: (text files, Parquet)."""
        shutil.rmtree(copy, ignore_errors=True)
        text, parquet = (0.0, 0.0), (0.0, 0.0)
        for f in files:
            if f.endswith(".sqlite"):
                continue
            with open(f, "rb") as src:
                data = memoryview(src.read())
            dest = os.path.join(copy, os.path.relpath(f, bundle))
            os.makedirs(os.path.dirname(dest), exist_ok=True)

            def put():
                fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                for i in range(0, len(data), CHUNK):
                    os.write(fd, data[i:i + CHUNK])
                os.close(fd)
            spent = own(put)
            if f.endswith(BINARY):
                parquet = add(parquet, spent)
            else:
                text = add(text, spent)
        return text, parquet

    def hash_all():
        """Each file hashed: (text files, Parquet and SQLite)."""
        text, binary = (0.0, 0.0), (0.0, 0.0)
        for f in files:
            with open(f, "rb") as src:
                data = src.read()
            spent = own(lambda: hashlib.sha256(data).hexdigest())
            if f.endswith(BINARY):
                binary = add(binary, spent)
            else:
                text = add(text, spent)
        return text, binary

    r["write"] = median(write_all)
    shutil.rmtree(copy)
    r["hash"] = median(hash_all)

    (database,) = [f for f in files if f.endswith(".sqlite")]
    source = open(os.path.join(ROOT, "src/release/sqlite.rs"), encoding="utf-8").read()
    def constant(name):
        found = re.search(rf'const {name}: &str = "(.*?)";', source, re.S)
        if not found:
            sys.exit(f"src/release/sqlite.rs no longer holds `const {name}: &str = \"...\";`")
        return found.group(1)
    fts_sql, finish_sql = constant("FTS_SQL"), constant("FINISH_SQL")
    # The page size the release gives its database, read from the same file so the two cannot
    # drift apart.
    found = re.search(r"const PAGE_SIZE: u32 = ([0-9_]+);", source)
    if not found:
        sys.exit("src/release/sqlite.rs no longer holds `const PAGE_SIZE: u32 = ...;`")
    page_size = int(found.group(1).replace("_", ""))
    # The tables the release fills row by row: every table in the built file but the
    # full-text indexes and their own tables, which FTS_SQL makes.
    db = sqlite3.connect(database)
    # Each full-text index, its columns and the table it indexes, as FTS_SQL declares them.
    indexed = [
        (m.group(1), m.group(2), m.group(3))
        for m in re.finditer(r"CREATE VIRTUAL TABLE (\w+) USING fts5\(\s*(.*?),\s*content='(\w+)'",
                             fts_sql, re.S)
    ]
    if not indexed:
        sys.exit("FTS_SQL declares no full-text index this script can read")
    fts = [n for (n,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")]
    tables = [
        (n, sql) for n, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY rowid")
        if n not in fts and not any(n.startswith(f + "_") for f in fts)
    ]
    r["rows"] = {n: db.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n, _ in tables}
    db.close()

    def sqlite_parts():
        path = os.path.join(work, "floor.sqlite")
        if os.path.exists(path):
            os.remove(path)
        db = sqlite3.connect(path, isolation_level=None)
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                         f"PRAGMA locking_mode = EXCLUSIVE; PRAGMA page_size = {page_size};")
        db.execute("ATTACH ? AS built", (database,))

        def insert():
            db.execute("BEGIN")
            for n, sql in tables:
                db.execute(sql)
            # One statement at a time: `executescript` would commit the transaction first.
            for statement in filter(str.strip, fts_sql.split(";\n")):
                db.execute(statement)
            for n, sql in tables:
                # `WHERE 1`: without a WHERE clause SQLite copies the stored rows as they are
                # (its transfer optimisation), which is not the work of inserting them.
                db.execute(f'INSERT INTO main."{n}" SELECT * FROM built."{n}" WHERE 1')
            # The release gives each row's words to its index as the row goes in; here they
            # go in table by table, in the same order.
            for fts, columns, table in indexed:
                db.execute(f'INSERT INTO main."{fts}"(rowid, {columns}) '
                           f'SELECT rowid, {columns} FROM main."{table}" ORDER BY rowid')
            db.execute("COMMIT")

        def finish():
            # (The release keeps one transaction from the first row to the last index; the
            # script here would commit a pending one before it starts, so it has its own.)
            db.executescript(f"BEGIN; {finish_sql} COMMIT;")
        inserted = own(insert)
        finished = own(finish)
        db.close()
        os.remove(path)
        return inserted, finished

    r["insert"], r["finish"] = median(sqlite_parts)
    # Read back and hashed once SQLite has closed it, as the release does (the other files are
    # hashed as they are written, so `hash_all` reads them outside the timing).
    def hash_database():
        with open(database, "rb") as f:
            hashlib.sha256(f.read()).hexdigest()
    r["db_hash"] = own(hash_database)
    return r


work = tempfile.mkdtemp(prefix="release-floor-", dir=a.work or default_work())
try:
    r = measure(work)
finally:
    shutil.rmtree(work, ignore_errors=True)

check, text_only, full = r["check"], r["text_only"], r["full"]
write, hashed = add(*r["write"]), add(*r["hash"])
text_io = add(r["write"][0], r["hash"][0])
floors = [write, hashed, r["insert"], r["finish"]]
floor_cpu = check[1] + sum(f[1] for f in floors)
by_cores = floor_cpu / a.cores
# One connection writes the one file, so SQLite's work runs on one core whatever the design;
# the file is hashed once it is closed.
one_writer = r["insert"][0] + r["finish"][0] + r["db_hash"][0]
floor_wall = max(by_cores, one_writer)
# As the release is built today the B-tree indexes start after the last row, with all else
# done (the full-text indexes are kept up row by row, in `insert`).
after_rows = (floor_cpu - r["finish"][1] - r["db_hash"][1]) / a.cores + r["finish"][0] + r["db_hash"][0]
goal = 3 * check[0]
load = os.getloadavg()
name = os.path.basename(os.path.normpath(a.tree))
lock = open(os.path.join(ROOT, "Cargo.lock"), encoding="utf-8").read()
bundled = re.search(r'name = "libsqlite3-sys"\nversion = "([^"]+)"', lock)
print("<!-- floors-bench:start -->")
print(f"## What any release must spend ({name})\n")
print("<!-- Written by bench/release_floor.py; run it again to refresh. -->\n")
print(f"`check`, `release` and the floors measured side by side: for each, the run of median wall "
      f"time of {a.runs} after a warm-up, on {platform.machine()}, {a.cores} cores, load average "
      f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end; every bundle written to "
      f"`{os.path.dirname(work)}`. The bundle: {r['files']} files, {r['bytes'] / 2**20:,.0f} MiB. "
      f"The database's floors ran on Python's SQLite {sqlite3.sqlite_version}; the release "
      f"bundles its own (libsqlite3-sys {bundled.group(1) if bundled else '?'}), so they measure "
      "the same work on another version of the library.\n")
print("| Part | Wall time | CPU time (user + system) |\n|---|---|---|")
rows = ", ".join(f"{n} {k:,}" for n, k in r["rows"].items())
for label, (w, c) in [
    ("`check`", check),
    ("`release --text-only`", text_only),
    ("`release`", full),
    ("floor: write the files but the database", write),
    ("floor: SHA-256 of every file", hashed),
    (f"floor: SQLite inserts the database's rows ({rows}) and their full-text index entries (`FTS_SQL`)", r["insert"]),
    ("floor: SQLite builds the indexes (`FINISH_SQL`)", r["finish"]),
    ("of the floors, writing and hashing the text files alone (what `--text-only` writes)", text_io),
]:
    print(f"| {label} | {w:.2f} s | {c:.2f} s |")
print(f"\n`check`'s CPU time and the four floors come to {floor_cpu:.2f} s of CPU time: shared "
      f"perfectly by {a.cores} cores, {by_cores:.2f} s of wall time. SQLite's part runs on one "
      f"core whatever the design (one connection writes the one file), and the file is hashed "
      f"once it is closed: {one_writer:.2f} s. The floor is the larger, **{floor_wall:.2f} s**, "
      f"{floor_wall / check[0]:.2f}× `check`. The goal, 3× `check`, is {goal:.2f} s; `release` "
      f"takes {full[0]:.2f} s ({full[0] / check[0]:.2f}×, CPU {full[1]:.2f} s).\n")
print(f"As `release` is built today, the full-text indexes take each row as it comes, and the "
      f"other indexes start once the last row is in, with the rest "
      f"done: everything before them shared perfectly, then those and the hash, is "
      f"{after_rows:.2f} s ({after_rows / check[0]:.2f}× `check`).")
print("<!-- floors-bench:end -->")
