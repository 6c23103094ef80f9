"""Load a release bundle with the tools analysts use, and check what they see.

Usage: clients.py BUNDLE_DIR EXPECTED_RECORDS
DuckDB reads the NDJSON and the CSV (row counts, unique ids); Python's csv module confirms no
cell would run as a spreadsheet formula.
"""
import csv
import sys

import duckdb

bundle, expected = sys.argv[1], int(sys.argv[2])
failures = []

for name, reader in [("records.ndjson", "read_json_auto"), ("records.csv", "read_csv_auto")]:
    rows, ids = duckdb.sql(f"select count(*), count(distinct id) from {reader}('{bundle}/{name}')").fetchall()[0]
    print(f"duckdb {name}: {rows} rows, {ids} distinct ids")
    if rows != expected or ids != expected:
        failures.append(f"{name}: expected {expected} rows with distinct ids, got {rows} rows, {ids} ids")

with open(f"{bundle}/records.csv", newline="", encoding="utf-8") as f:
    for n, row in enumerate(csv.reader(f), start=1):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
                failures.append(f"records.csv row {n}: cell starts a formula: {cell[:40]!r}")

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
print("clients: ok")
