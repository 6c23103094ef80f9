#!/usr/bin/env python3
"""Measure `sourcebook site` on the synthetic trees, beside `sourcebook check` on the same
trees, and write the figures into BENCHMARKS.md between the site-bench markers (called by
bench/site.sh, which builds the binary and the trees).

Wall time is the median of the runs after a warm-up run; peak memory is the largest resident
set of any run, as GNU time reports it (%M). With --callgrind N, both commands are also counted
in instructions under valgrind's callgrind on the N-record tree, on one thread: a figure that
other work on the machine does not move, unlike wall time."""

import argparse
import os
import platform
import re
import statistics
import subprocess
import tempfile
import time

START, END = "<!-- site-bench:start -->", "<!-- site-bench:end -->"


def run(cmd):
    """Wall seconds and peak RSS (KiB) of one run."""
    with tempfile.NamedTemporaryFile("r") as t:
        began = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, *cmd], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - began
        return wall, int(t.read().strip().splitlines()[-1])


def measure(cmd, runs):
    run(cmd)
    results = [run(cmd) for _ in range(runs)]
    return statistics.median(w for w, _ in results), max(m for _, m in results)


def instructions(cmd):
    """Instructions executed (callgrind's Ir total) by one run."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out) as f:
            for line in f:
                if line.startswith("totals:") or line.startswith("summary:"):
                    return int(line.split()[1])
    raise RuntimeError("callgrind wrote no total")


def tree_size(path):
    files = total = 0
    for root, _, names in os.walk(path):
        for n in names:
            files += 1
            total += os.path.getsize(os.path.join(root, n))
    return files, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench-dir", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", nargs="+", required=True)
    ap.add_argument("--out", default="BENCHMARKS.md")
    ap.add_argument("--callgrind", help="also count instructions on this size's tree")
    ap.add_argument("--note", default="", help="what else ran on the machine, said beside the times")
    a = ap.parse_args()
    exe = "target/release/sourcebook"
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    rows = []
    for n in a.sizes:
        data = os.path.join(a.bench_dir, "data", n)
        out = os.path.join(a.bench_dir, f"site-{n}")
        site_t, site_m = measure([exe, "site", "--dataset", data, "--out", out], a.runs)
        files, size = tree_size(out)
        check_t, check_m = measure([exe, "check", "--dataset", data, "--format", "short"], a.runs)
        rows.append((int(n), site_t, site_m, check_t, check_m, files, size))
        print(f"{n}: site {site_t:.2f} s {site_m / 1024:.1f} MiB; check {check_t:.3f} s {check_m / 1024:.1f} MiB", flush=True)
    counted = None
    if a.callgrind:
        data = os.path.join(a.bench_dir, "data", a.callgrind)
        out = os.path.join(a.bench_dir, f"site-{a.callgrind}")
        counted = (int(a.callgrind),
                   instructions([exe, "site", "--dataset", data, "--out", out, "--threads", "1"]),
                   instructions([exe, "check", "--dataset", data, "--format", "short", "--threads", "1"]))
        print(f"{a.callgrind}: site {counted[1]:,} instructions; check {counted[2]:,}", flush=True)
    lines = [
        START,
        "## Building the site",
        "",
        "<!-- Written by bench/site.sh; run it again to refresh. -->",
        "",
        f"Measured on {time.strftime('%Y-%m-%d')}: {cpu}, {os.cpu_count()} cores, Linux "
        f"{platform.release()}. `sourcebook site` (release build with `--features site`) on the "
        f"same synthetic trees as above, median of {a.runs} runs after a warm-up run; peak memory is "
        "the largest resident set of a run (GNU time `%M`). `site` checks the dataset first, as "
        "`release` does, then renders every source in four citation styles with hayagriva on "
        "every core and writes its pages, downloads (BibTeX, RIS, CSL-JSON for each source and "
        "each page), search index and feed; `check` alone is beside it." + (f" {a.note}" if a.note else ""),
        "",
        "| Records | `site` wall time | `site` peak memory | `check` wall time | `check` peak memory | Files written | Site size |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, st, sm, ct, cm, files, size in rows:
        lines.append(f"| {n:,} | {st:.2f} s | {sm / 1024:.1f} MiB | {ct:.3f} s | {cm / 1024:.1f} MiB | "
                     f"{files:,} | {size / 2**20:.1f} MiB |")
    if counted:
        n, si, ci = counted
        lines += [
            "",
            f"Counted in instructions under valgrind's callgrind on the {n:,}-record tree, one "
            f"thread (`--threads 1`), which load on the machine does not change: `site` "
            f"{si / 1e6:,.0f} M, `check` {ci / 1e6:,.0f} M ({si / ci:.1f}×).",
        ]
    lines.append(END)
    block = "\n".join(lines)
    text = open(a.out, encoding="utf-8").read() if os.path.exists(a.out) else ""
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    open(a.out, "w", encoding="utf-8").write(text)
    print(f"wrote the site's figures into {a.out}")


if __name__ == "__main__":
    main()
