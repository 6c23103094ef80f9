"""`release` (every format) and `fmt --check` against `check`, on the benchmark's trees: the
part of bench/measure.py that the release goals need, alone, for when the validators it also
times (minutes on the largest tree) are not wanted. Prints a Markdown section for BENCHMARKS.md.

    python3 bench/release.py --bench-dir target/bench --runs 3 --sizes 1000 10000 100000

The binary must be built with the analyst formats (`cargo build --release --features
analyst-formats`); SOURCEBOOK names another one. Besides median wall time and peak resident
memory, it gives CPU time (user + system, which another build on the machine inflates less than
wall time) and, on the smallest tree, instructions counted by callgrind, which do not depend on
the machine's load at all.
"""
import argparse
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys

p = argparse.ArgumentParser()
p.add_argument("--bench-dir", required=True)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--sizes", nargs="+", type=int, required=True)
a = p.parse_args()
SB = os.environ.get("SOURCEBOOK", "target/release/sourcebook")
OUT = os.path.join(a.bench_dir, "release-out")

WRAP = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1], shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, u.ru_utime + u.ru_stime, u.ru_maxrss, r.returncode)
sys.stderr.write(r.stderr.decode(errors="replace")[-2000:])
"""


def commands(d):
    q = shlex.quote(d)
    return [
        ("check", f"{SB} check --dataset {q} --format short"),
        ("release", f"{SB} release --dataset {q} --out {shlex.quote(OUT)}"),
        ("fmt --check", f"{SB} fmt --check --dataset {q}"),
    ]


def run(cmd):
    shutil.rmtree(OUT, ignore_errors=True)
    out = subprocess.run([sys.executable, "-c", WRAP, cmd], capture_output=True, text=True)
    wall, cpu, rss, code = out.stdout.split()
    if int(code):
        print(out.stderr, file=sys.stderr)
    return float(wall), float(cpu), int(rss), int(code)


res = {}
for n in a.sizes:
    d = os.path.join(a.bench_dir, "data", str(n))
    for name, cmd in commands(d):
        run(cmd)  # warm-up
        runs = [run(cmd) for _ in range(a.runs)]
        res[(n, name)] = (
            statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs),
            max(r[2] for r in runs),
            sorted({r[3] for r in runs}),
        )
        print(n, name, res[(n, name)], file=sys.stderr)

instr = {}
small = os.path.join(a.bench_dir, "data", str(min(a.sizes)))
if shutil.which("valgrind"):
    for name, cmd in commands(small):
        shutil.rmtree(OUT, ignore_errors=True)
        log = subprocess.run(f"valgrind --tool=callgrind --callgrind-out-file=/dev/null {cmd}",
                             shell=True, capture_output=True, text=True).stderr
        m = re.search(r"Collected : (\d+)", log)
        instr[name] = int(m.group(1)) if m else None
shutil.rmtree(OUT, ignore_errors=True)

load = os.getloadavg()
print(f"Measured with `bench/release.py --runs {a.runs}` on {platform.machine()}, "
      f"{os.cpu_count()} cores; load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
      "at the end of the run (other builds were running: wall times are upper bounds).\n")
print("| Records | Command | Median wall time | Median CPU time (user + system) | Peak memory | Wall ÷ check | CPU ÷ check |")
print("|---|---|---|---|---|---|---|")
for n in a.sizes:
    cw, cc = res[(n, "check")][:2]
    for name, _ in commands(""):
        w, c, m, codes = res[(n, name)]
        bad = "" if codes == [0] else f" (exit {codes})"
        print(f"| {n:,} | `{name}`{bad} | {w:.2f} s | {c:.2f} s | {m / 1024:.1f} MiB | {w / cw:.2f} | {c / cc:.2f} |")
if instr:
    ic = instr["check"]
    print(f"\nInstructions on the {min(a.sizes):,}-record tree (callgrind, every thread): " + "; ".join(
        f"`{k}` {v:,} ({v / ic:.2f}× `check`)" for k, v in instr.items() if v))
big = max(a.sizes)
cw, cc = res[(big, "check")][:2]
rw, rc, rm, _ = res[(big, "release")]
fw, fc = res[(big, "fmt --check")][:2]
print(f"\n| Goal ({big:,} records) | Wall time | CPU time | Met |\n|---|---|---|---|")
print(f"| `release` at most 3× `check` | {rw / cw:.2f}× | {rc / cc:.2f}× | {'yes' if rw / cw <= 3 else 'no'} (wall); {'yes' if rc / cc <= 3 else 'no'} (CPU) |")
print(f"| `release` peak memory at most 128 MiB | {rm / 1024:.1f} MiB | | {'yes' if rm / 1024 <= 128 else 'no'} |")
print(f"| `fmt --check` at most 1.2× `check` | {fw / cw:.2f}× | {fc / cc:.2f}× | {'yes' if fw / cw <= 1.2 else 'no'} (wall); {'yes' if fc / cc <= 1.2 else 'no'} (CPU) |")
