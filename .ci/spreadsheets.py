"""Open the release's CSV files in LibreOffice, as docs/release.md tells spreadsheet users to,
and check what the sheet holds, read back with openpyxl.

Usage: spreadsheets.py BUNDLE WORKDIR

Both CSV files are converted with `soffice --headless --convert-to xlsx`, importing with the
options docs/release.md gives (UTF-8, quoted fields as text, formulas not evaluated). Every cell
of the sheet is compared with the CSV as Python's csv module reads it: text columns (by the
data package's Table Schema) must come back as the very same text (so no mojibake, no id, date
or number turned into something else), integer columns as those numbers, date columns as those
dates; and no cell may be a formula. The bundle is expected to hold the values that spreadsheets
like to convert ("1E5", "007", "=1+1", partial dates, curly quotes), so the check has them to see.
"""
import csv
import datetime
import json
import os
import subprocess
import sys

import openpyxl

bundle, work = sys.argv[1:3]
# Field separator, text delimiter, UTF-8, from line 1, no column formats, default language,
# quoted fields as text, no special-number detection, (three export-only options), formulas
# not evaluated.
IMPORT = "CSV:44,34,76,1,,0,true,false,false,false,false,-1,false"
failures = []


def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


package = json.load(open(f"{bundle}/datapackage.json", encoding="utf-8"))
schemas = {r["path"]: r["schema"] for r in package["resources"] if r["path"].endswith(".csv")}
expect(sorted(schemas) == ["excerpts.csv", "records.csv"], f"the data package describes both CSV files: {sorted(schemas)}")

profile = f"file://{os.path.abspath(work)}/profile"
out = subprocess.run(
    ["soffice", f"-env:UserInstallation={profile}", "--headless", f"--infilter={IMPORT}",
     "--convert-to", "xlsx", "--outdir", work] + [f"{bundle}/{n}" for n in sorted(schemas)],
    capture_output=True, text=True, timeout=300,
)
expect(out.returncode == 0, f"soffice converted the CSV files {out.stderr.strip()[-300:] if out.returncode else ''}")

seen = set()
for name, schema in sorted(schemas.items()):
    raw = open(f"{bundle}/{name}", "rb").read()
    expect(raw.startswith(b"\xef\xbb\xbf"), f"{name} starts with a UTF-8 byte-order mark")
    source = list(csv.reader(open(f"{bundle}/{name}", newline="", encoding="utf-8-sig")))
    kinds = {f["name"]: f["type"] for f in schema["fields"]}
    sheet = openpyxl.load_workbook(f"{work}/{name[:-4]}.xlsx").active
    rows = [list(r) for r in sheet.iter_rows()]
    expect(len(rows) == len(source), f"{name}: {len(rows)} rows in the sheet, {len(source)} in the file")
    header = [c.value for c in rows[0]]
    expect(header == source[0], f"{name}: the header row is the column names")
    wrong = []
    for r, (cells, values) in enumerate(zip(rows[1:], source[1:]), start=2):
        for column, cell, value in zip(source[0], cells, values):
            kind = kinds[column]
            got = cell.value
            if cell.data_type == "f":
                wrong.append(f"row {r} {column}: a formula {got!r}")
            elif value == "":
                if got not in (None, ""):
                    wrong.append(f"row {r} {column}: {got!r} for an empty cell")
            elif kind == "string":
                if got != value:
                    wrong.append(f"row {r} {column}: {got!r}, not the text {value!r}")
                else:
                    seen.add(value)
            elif kind == "integer":
                if isinstance(got, bool) or not isinstance(got, (int, float)) or got != int(value):
                    wrong.append(f"row {r} {column}: {got!r}, not the number {value}")
            elif kind == "date":
                if not isinstance(got, datetime.datetime) or got.date().isoformat() != value:
                    wrong.append(f"row {r} {column}: {got!r}, not the date {value}")
    expect(not wrong, f"{name}: every cell as the file has it" + ("".join(f"\n     {w}" for w in wrong[:10])))

# The values spreadsheets convert unasked were there to be converted, and were not.
for value in ["1E5", "007", "'=1+1", "2001-11", "2005"]:
    expect(value in seen, f"the sheet keeps {value!r} as text")
expect(any("’" in v for v in seen), "the sheet keeps a curly apostrophe (no mojibake)")

if failures:
    print(f"\n{len(failures)} failures:\n" + "\n".join(failures), file=sys.stderr)
    sys.exit(1)
print("spreadsheets: ok")
