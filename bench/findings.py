"""Measure `check` where the input is full of findings, against the same tree clean.

    python3 bench/findings.py [--tree target/bench/data/100000] [--runs 3]

Builds nothing: run `cargo build --release` first. Writes its trees under target/bench/findings
and its figures into BENCHMARKS.md (the findings-bench block, which bench/compare.sh keeps). The cases are the ones the hostile-input issue measured:

- the tree where every dated record has one warning ("circa " before each printed date, which
  SB306 cannot read: 10 of the 11 shipped records are dated, so 10 in 11 copies warn), against
  the same tree clean, in the human, short and github formats;
- one record on one line whose `accessed` list holds 520,000 numbers (a schema error each);
- one record with 90,000 extra keys and one of them repeated (a duplicate key).

Wall time is the median of the runs after a warm-up; peak memory is the largest resident set
of the run; instruction counts (callgrind, one thread) do not depend on what else the machine
is doing, so the ratio between two trees holds on a busy machine too.
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

p = argparse.ArgumentParser()
p.add_argument("--tree", default="target/bench/data/100000")
p.add_argument("--runs", type=int, default=3)
p.add_argument("--callgrind-tree", default="target/bench/data/10000",
               help="tree whose clean and warned copies are counted in instructions")
p.add_argument("--no-callgrind", action="store_true")
p.add_argument("--out", default="BENCHMARKS.md", help="the file whose findings-bench block to write")
p.add_argument("--note", default="", help="what else ran on the machine, said beside the times")
a = p.parse_args()

SB = os.path.abspath("target/release/sourcebook")
OUT = "target/bench/findings"
PERU = "dataset/pe/records/pe-2004-four-child-prostitution-rings-identified.json"


def warned_copy(tree):
    """The tree with a printed date no one can read in every dated record: one warning each."""
    dst = os.path.join(OUT, "warn-" + os.path.basename(tree.rstrip("/")))
    if os.path.isdir(dst):
        return dst
    tmp = dst + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(tree, tmp)
    for root, _, files in os.walk(tmp):
        if os.path.basename(root) != "records":
            continue
        for f in files:
            path = os.path.join(root, f)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text.replace('"as_printed": "', '"as_printed": "circa ', 1))
    os.rename(tmp, dst)
    return dst


def single(name, record):
    """A copy of the shipped dataset whose one Peru record is replaced by `record`."""
    dst = os.path.join(OUT, name)
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree("dataset", dst)
    with open(os.path.join(dst, os.path.relpath(PERU, "dataset")), "w", encoding="utf-8") as fh:
        fh.write(record)
    return dst


def one_line_items():
    with open(PERU, encoding="utf-8") as fh:
        rec = json.load(fh)
    rec["accessed"] = [0] * 520_000
    text = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
    return single("items-520k", text), len(text.encode())


def many_keys():
    with open(PERU, encoding="utf-8") as fh:
        text = fh.read()
    extra = "".join(f'"k{i}":0,' for i in range(90_000)) + '"k0":1,'
    text = text.replace("{", "{" + extra, 1)
    return single("keys-90k-dup", text), len(text.encode())


WRAP = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)
"""


def run(args):
    walls, rss, code = [], 0, None
    for i in range(a.runs + 1):
        out = subprocess.run([sys.executable, "-c", WRAP, *args], capture_output=True, text=True,
                             check=True).stdout.split()
        if i:
            walls.append(float(out[0]))
        rss = max(rss, int(out[1]))
        code = int(out[2])
    return statistics.median(walls), rss / 1024, code


def instructions(args):
    log = os.path.join(OUT, "callgrind.log")
    subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", f"--log-file={log}",
                    *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(log) as fh:
        for line in fh:
            if "Collected" in line:
                return int(line.split()[-1])
    return None


os.makedirs(OUT, exist_ok=True)
rows = []
clean = a.tree
warn = warned_copy(clean)
n = os.path.basename(clean.rstrip("/"))
base = run([SB, "check", "--dataset", clean])
rows.append((f"{n} records, clean", *base))
for fmt in ("human", "short", "github"):
    rows.append((f"{n} records, one warning each, `--format {fmt}`",
                 *run([SB, "check", "--dataset", warn, "--format", fmt])))
items, size = one_line_items()
rows.append((f"one line of {size / 1048576:.2f} MiB, 520,000 wrong-type items",
             *run([SB, "check", "--dataset", items])))
keys, size = many_keys()
rows.append((f"90,000 keys and one repeated ({size / 1048576:.2f} MiB)",
             *run([SB, "check", "--dataset", keys])))

START, END = "<!-- findings-bench:start -->", "<!-- findings-bench:end -->"
lines = [
    START,
    "## Findings in every file (issue 16)",
    "",
    "<!-- Written by bench/findings.py; run it again to refresh. -->",
    "",
    f"Measured on {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Linux {os.uname().release}; "
    f"median of {a.runs} runs after a warm-up; peak memory is the largest resident set of a run. "
    f"The trees are made by `examples/synth --copies` (the shipped records, copied). {a.note}".rstrip(),
    "",
    "| Input | Wall (s) | Peak RSS (MiB) | Exit | Time ÷ clean |",
    "|---|---:|---:|---:|---:|",
]
for name, wall, rss, code in rows:
    lines.append(f"| {name} | {wall:.3f} | {rss:.1f} | {code} | {wall / base[0]:.2f}× |")

if not a.no_callgrind:
    ctree = a.callgrind_tree
    cwarn = warned_copy(ctree)
    m = os.path.basename(ctree.rstrip("/"))
    c0 = instructions([SB, "check", "--threads", "1", "--dataset", ctree])
    lines += ["", f"Instructions (callgrind, one thread) on {m} records: clean {c0 / 1e6:,.0f} M"]
    for fmt in ("human", "short", "github"):
        c1 = instructions([SB, "check", "--threads", "1", "--format", fmt, "--dataset", cwarn])
        lines[-1] += f"; one warning each, `{fmt}`, {c1 / 1e6:,.0f} M ({c1 / c0:.2f}×)"
    lines[-1] += "."
lines.append(END)
block = "\n".join(lines)
print(block)
text = open(a.out, encoding="utf-8").read() if os.path.exists(a.out) else ""
if START in text:
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(a.out, "w", encoding="utf-8").write(text)
