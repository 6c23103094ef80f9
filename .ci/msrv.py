"""rust-version in Cargo.toml (the oldest Rust the crate supports) must be no older than what
any dependency in Cargo.lock declares it needs. Reads `cargo metadata` on stdin."""
import json
import sys

m = json.load(sys.stdin)
ours = next(p for p in m["packages"] if p["name"] == "sourcebook")


def v(s):
    """A version as three numbers: 1.88 and 1.88.0 are the same Rust."""
    parts = [int(x) for x in s.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


used = {n["id"] for n in m["resolve"]["nodes"]}
late = [
    "%s %s needs %s" % (p["name"], p["version"], p["rust_version"])
    for p in m["packages"]
    if p["id"] in used and p.get("rust_version") and v(p["rust_version"]) > v(ours["rust_version"])
]
if late:
    sys.exit("rust-version %s is older than: %s" % (ours["rust_version"], "; ".join(late)))
print("rust-version", ours["rust_version"], "covers every dependency")
