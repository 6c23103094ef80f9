"""Run each validator on each tree several times; print BENCHMARKS.md.

Called by bench/compare.sh, which builds and installs everything first. A tree is named by its
record count (synthetic records from `examples/synth.rs`) or `copiesN` (N records copied from
the shipped ones by `synth --copies`, with their longer excerpts). Wall time is the median of
the runs after one warm-up run; peak memory is the largest resident set of any process of a
run (for tools fed through xargs, of one batch); instruction counts come from callgrind on the
smallest tree of each kind and do not depend on what else the machine is doing.
`release` (every format, into a scratch directory removed after each run, outside the timing)
and `fmt --check` are timed on the same trees as `check`, and compared with it.
"""
import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

p = argparse.ArgumentParser()
p.add_argument("--bench-dir", required=True)
p.add_argument("--runs", type=int, default=5)
p.add_argument("--schema", required=True)
p.add_argument("--trees", nargs="+", required=True,
               help="record counts (synthetic trees) and copiesN (copies of the shipped records)")
a = p.parse_args()


def count(tree):
    return int(tree.removeprefix("copies"))


def kind(tree):
    return "copies" if tree.startswith("copies") else "synthetic"


def label(tree):
    if kind(tree) == "copies":
        return f"{count(tree):,} records copied from the shipped ones"
    return f"{count(tree):,} synthetic records"

tools = os.path.join(a.bench_dir, "tools")
SB = "target/release/sourcebook"
FLOOR = "target/release/examples/floor"
JSCLI = os.path.join(tools, "cargo/bin/jsonschema-cli")
AJV = os.path.join(tools, "node/node_modules/.bin/ajv")
CJ = os.path.join(tools, "venv/bin/check-jsonschema")
schema = shlex.quote(a.schema)

# One wrapper process per run, so its children's peak memory is this run's alone.
WRAP = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1], shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)
sys.stderr.write(r.stderr.decode(errors="replace")[-2000:])
"""


def records(d):
    return f"find -H {shlex.quote(d)} -path '*/records/*.json' -print0"


def commands(d):
    q = shlex.quote(d)
    return [
        ("sourcebook check", "every file: spans, duplicate keys, schemas, all rules, cross-record checks",
         f"{SB} check --dataset {q} --format short"),
        ("floor", "every file: walk, serde_json parse, jsonschema validation, both cores",
         f"{FLOOR} {q}"),
        ("jsonschema-cli", "records, schema only (`--assert-format`), via xargs",
         f"{records(d)} | xargs -0 {JSCLI} validate --assert-format --offline --errors-only --draft 2020 {schema} -i"),
        ("ajv-cli + ajv-formats", "records, schema only (`-c ajv-formats`)",
         f"{AJV} validate --spec=draft2020 -c ajv-formats --strict=false -s {schema} -d {shlex.quote(d + '/*/records/*.json')}"),
        ("check-jsonschema", "records, schema only (formats on by default), via xargs",
         f"{records(d)} | xargs -0 {CJ} --schemafile {schema}"),
    ]


def run(cmd):
    out = subprocess.run([sys.executable, "-c", WRAP, cmd], capture_output=True, text=True)
    wall, rss_kb, code = out.stdout.split()
    return float(wall), int(rss_kb), int(code), out.stderr


# --- Releases for analysts (issue 15): release and fmt --check beside check ---
RELEASE_OUT = os.path.join(a.bench_dir, "release-out")


def commands_beside_check(d):
    q = shlex.quote(d)
    return [
        ("sourcebook release", "every format: JSON, NDJSON, CSV, CSL-JSON, Parquet, SQLite, stats, data package; the check first",
         f"{SB} release --dataset {q} --out {shlex.quote(RELEASE_OUT)}"),
        ("sourcebook fmt --check", "every file: is it in canonical form",
         f"{SB} fmt --check --dataset {q}"),
    ]


def measured(cmd, after=None):
    """Median wall time, peak memory and exit codes of a command, after a warm-up run."""
    run(cmd)
    if after:
        after()
    walls, peaks, codes, errs = [], [], [], ""
    for _ in range(a.runs):
        w, m, c, e = run(cmd)
        if after:
            after()
        walls.append(w)
        peaks.append(m)
        codes.append(c)
        errs = e
    return statistics.median(walls), max(peaks), codes, errs


def clean_release():
    shutil.rmtree(RELEASE_OUT, ignore_errors=True)
# --- end of releases for analysts ---


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception:
        return "?"


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def lock_version(name):
    text = open("Cargo.lock").read()
    m = re.search(r'name = "%s"\nversion = "([^"]+)"' % re.escape(name), text)
    return m.group(1) if m else "?"


def npm_version(pkg):
    try:
        return json.load(open(os.path.join(tools, "node/node_modules", pkg, "package.json")))["version"]
    except OSError:
        return "?"


results = {}
for n in a.trees:
    d = os.path.join(a.bench_dir, "data", n)
    for name, what, cmd in commands(d):
        run(cmd)  # warm-up: the file cache, and each tool's own caches
        walls, peaks, codes, errs = [], [], [], ""
        for _ in range(a.runs):
            w, m, c, e = run(cmd)
            walls.append(w)
            peaks.append(m)
            codes.append(c)
            errs = e
        results[(n, name)] = (statistics.median(walls), max(peaks), codes, what)
        print(f"{n:>7} {name:<22} {statistics.median(walls):8.3f} s {max(peaks) / 1024:8.1f} MiB exit {set(codes)}", file=sys.stderr)
        if any(codes):
            # A tool that failed measured something else than a full check; say why.
            print(errs[-2000:], file=sys.stderr)

# --- Releases for analysts (issue 15) ---
beside = {}
for n in a.trees:
    d = os.path.join(a.bench_dir, "data", n)
    for name, what, cmd in commands_beside_check(d):
        t, m, codes, errs = measured(cmd, clean_release if "release" in name else None)
        beside[(n, name)] = (t, m, codes, what)
        print(f"{n:>7} {name:<22} {t:8.3f} s {m / 1024:8.1f} MiB exit {set(codes)}", file=sys.stderr)
        if any(codes):
            print(errs[-2000:], file=sys.stderr)
# --- end of releases for analysts ---

# Peru: the shipped dataset, many runs.
peru = sorted(run(f"{SB} check --dataset dataset --format short")[0] for _ in range(21))
peru_ms = statistics.median(peru) * 1000

# Instructions, on the smallest tree of each kind, one thread each (callgrind serialises
# threads anyway).
instructions = {}
if sh("command -v valgrind"):
    for k in ("synthetic", "copies"):
        of_kind = [t for t in a.trees if kind(t) == k]
        if not of_kind:
            continue
        tree = min(of_kind, key=count)
        d = os.path.join(a.bench_dir, "data", tree)
        for name, cmd in [("sourcebook check", f"{SB} check --dataset {shlex.quote(d)} --format short --threads 1"), ("floor", f"{FLOOR} {shlex.quote(d)}")]:
            log = subprocess.run(f"valgrind --tool=callgrind --callgrind-out-file=/dev/null {cmd}", shell=True, capture_output=True, text=True).stderr
            m = re.search(r"Collected : (\d+)", log)
            instructions[(tree, name)] = int(m.group(1)) if m else None

versions = [
    ("sourcebook", sh(f"{SB} --version")),
    ("rustc", sh("rustc --version")),
    ("jsonschema crate (in sourcebook and the floor)", lock_version("jsonschema")),
    ("serde_json crate", lock_version("serde_json")),
    ("jsonschema-cli", sh(f"{JSCLI} --version")),
    ("ajv-cli / ajv / ajv-formats", f"{npm_version('ajv-cli')} / {npm_version('ajv')} / {npm_version('ajv-formats')}"),
    ("node", sh("node --version")),
    ("check-jsonschema", sh(f"{CJ} --version")),
    ("parquet crate (release, `analyst-formats` feature)", lock_version("parquet")),
    ("rusqlite crate / bundled SQLite (release)", f"{lock_version('rusqlite')} / {lock_version('libsqlite3-sys')}"),
    ("python", platform.python_version()),
]

out = []
w = out.append
w("# Benchmarks\n")
w("<!-- Written by bench/compare.sh; run it again to refresh. -->\n")
w(f"Measured on {time.strftime('%Y-%m-%d')}: {cpu()}, {os.cpu_count()} cores, Linux {platform.release()}. "
  f"Each figure is the median of {a.runs} runs after a warm-up run; peak memory is the largest resident set of any "
  "process in a run. Two kinds of tree, measured in the same run: synthetic ones generated by `examples/synth.rs` "
  "(seed 1), records of 1-2 KB with non-ASCII text across 200 countries in the dataset's layout; and copies of the "
  "shipped Peru records (`synth --copies`: new ids, titles and file names, the same longer excerpts), which is what "
  "records look like. Every record is valid, so every tool does its full work and reports nothing.\n")
w("`sourcebook check` and the floor read every file of the tree (records, countries, `dataset.json`); the other "
  "validators are given the record schema (with its definitions inlined: `record.bundled.schema.json`, written by "
  "the generator) and the record files only, with format checks on. Tools that take file names on the command line "
  "are fed through `xargs`.\n")
w("## Tools\n")
w("| Tool | Version |\n|---|---|")
for k, v in versions:
    w(f"| {k} | {v} |")
w("")
for n in a.trees:
    floor = results[(n, "floor")][0]
    sb = results[(n, "sourcebook check")][0]
    w(f"## {label(n)}\n")
    w("| Tool | What it checks | Median wall time | Peak memory | Time ÷ floor | Time ÷ sourcebook |")
    w("|---|---|---|---|---|---|")
    for name, what, _ in commands(""):
        t, m, codes, _ = results[(n, name)]
        ok = "" if set(codes) == {0} else f" (exit {sorted(set(codes))})"
        faster = "" if name == "sourcebook check" else f"{t / sb:.2f}"
        w(f"| {name}{ok} | {what} | {t:.3f} s | {m / 1024:.1f} MiB | {t / floor:.2f} | {faster} |")
    w("")

# --- Releases for analysts (issue 15) ---
w("## `release` and `fmt --check`, against `check`\n")
w("The same trees; `release` builds every format (the `analyst-formats` feature) into a scratch "
  "directory removed between runs, and includes its own `check` of the dataset.\n")
w("| Tree | Command | What it does | Median wall time | Peak memory | Time ÷ check |")
w("|---|---|---|---|---|---|")
for n in a.trees:
    sb = results[(n, "sourcebook check")][0]
    w(f"| {label(n)} | sourcebook check | {results[(n, 'sourcebook check')][3]} | {sb:.3f} s | {results[(n, 'sourcebook check')][1] / 1024:.1f} MiB | 1.00 |")
    for name, what, _ in commands_beside_check(""):
        t, m, codes, _ = beside[(n, name)]
        ok = "" if set(codes) == {0} else f" (exit {sorted(set(codes))})"
        w(f"| {label(n)} | {name}{ok} | {what} | {t:.3f} s | {m / 1024:.1f} MiB | {t / sb:.2f} |")
w("")
# --- end of releases for analysts ---

w("## Goals\n")
w("Measured on the largest tree of each kind in the same run.\n")
w("| Goal | Tree | Measured | Met |\n|---|---|---|---|")
peru_row = False
for k in ("synthetic", "copies"):
    of_kind = [t for t in a.trees if kind(t) == k]
    if not of_kind:
        continue
    big = max(of_kind, key=count)
    t_sb, m_sb = results[(big, "sourcebook check")][:2]
    t_floor = results[(big, "floor")][0]
    t_cli = results[(big, "jsonschema-cli")][0]
    lb = label(big)
    w(f"| `check` at most 1.2× the floor | {lb} | {t_sb / t_floor:.2f}× ({t_sb:.2f} s against {t_floor:.2f} s) | {'yes' if t_sb / t_floor <= 1.2 else 'no'} |")
    w(f"| at least 2× as fast as jsonschema-cli | {lb} | {t_cli / t_sb:.1f}× | {'yes' if t_cli / t_sb >= 2 else 'no'} |")
    w(f"| `check` peak memory at most 64 MiB | {lb} | {m_sb / 1024:.1f} MiB | {'yes' if m_sb / 1024 <= 64 else 'no'} |")
    # --- Releases for analysts (issue 15) ---
    t_rel, m_rel = beside[(big, "sourcebook release")][:2]
    t_fmt = beside[(big, "sourcebook fmt --check")][0]
    w(f"| `release` (every format) at most 3× `check` | {lb} | {t_rel / t_sb:.2f}× ({t_rel:.2f} s against {t_sb:.2f} s) | {'yes' if t_rel / t_sb <= 3 else 'no'} |")
    w(f"| `release` peak memory at most 128 MiB | {lb} | {m_rel / 1024:.1f} MiB | {'yes' if m_rel / 1024 <= 128 else 'no'} |")
    w(f"| `fmt --check` at most 1.2× `check` | {lb} | {t_fmt / t_sb:.2f}× ({t_fmt:.2f} s) | {'yes' if t_fmt / t_sb <= 1.2 else 'no'} |")
    # --- end of releases for analysts ---
w(f"| the Peru dataset in under 20 ms | the shipped dataset | {peru_ms:.1f} ms (median of 21 runs) | {'yes' if peru_ms < 20 else 'no'} |")
w("")
trees_counted = sorted({t for t, _ in instructions}, key=lambda t: (kind(t) != "synthetic", count(t)))
for tree in trees_counted:
    i_sb, i_fl = instructions.get((tree, "sourcebook check")), instructions.get((tree, "floor"))
    if i_sb and i_fl:
        w(f"Instructions on {label(tree)} (callgrind, which does not depend on the machine's load): "
          f"`check` {i_sb:,}, floor {i_fl:,}, a ratio of {i_sb / i_fl:.2f}.\n")
notes = "bench/NOTES.md"
if os.path.exists(notes):
    w(open(notes).read().rstrip() + "\n")
print("\n".join(out))
