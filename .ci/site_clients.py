#!/usr/bin/env python3
"""The site's downloads and feed, read by the libraries people's tools use: bibtexparser for
BibTeX, rispy for RIS, feedparser for Atom. Each must read every source of the dataset back with
its id, title, date and publisher (or agency).

    python3 .ci/site_clients.py SITE_DIR DATASET_DIR
"""

import glob
import json
import os
import sys

import bibtexparser
import feedparser
import rispy

site, dataset = sys.argv[1], sys.argv[2]
records = {}
for path in sorted(glob.glob(os.path.join(dataset, "*", "records", "*.json"))):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    records[r["id"]] = r
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def news(r):
    return "news" in r.get("publisher", {}).get("name", "").lower().split()


def title(r):
    return r["title"] + (": " + r["subtitle"] if "subtitle" in r else "")


# BibTeX: the per-source files and each page's, parsed without a failed block.
bib_entries = {}
for path in sorted(glob.glob(os.path.join(site, "cite", "*", "*.bib"))):
    with open(path, encoding="utf-8") as f:
        lib = bibtexparser.parse_string(f.read())
    check(len(lib.entries) == 1 and not lib.failed_blocks, f"bibtexparser reads {os.path.basename(path)}")
    for e in lib.entries:
        bib_entries[e.key] = e
check(sorted(bib_entries) == sorted(records), f"a BibTeX file for each of the {len(records)} sources")
for rid, e in sorted(bib_entries.items()):
    r = records[rid]
    fields = {f.key: f.value for f in e.fields}
    want_type = "article" if news(r) else "techreport"
    year = r.get("published", {}).get("date", "")[:4]
    ok = (
        e.entry_type == want_type
        and fields.get("title") == title(r)
        and fields.get("year", "") == year
        and (fields.get("journal") if news(r) else fields.get("institution", "")).startswith(r["publisher"]["name"])
    )
    check(ok, f"BibTeX {rid}: {e.entry_type}, title, year and publisher as the record has them")

# RIS: each page's file, every source back with its type, title, date and access date.
for path in sorted(glob.glob(os.path.join(site, "*", "*.ris"))):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    check("\r\n" in text and "\n" not in text.replace("\r\n", ""), f"{path}: lines end with CR LF")
    entries = rispy.loads(text)
    for e in entries:
        r = records[e["id"]]
        ok = (
            e["type_of_reference"] == ("NEWS" if news(r) else "RPRT")
            and e["title"] == title(r)
            and e.get("year", "") == r.get("published", {}).get("date", "")[:4]
            and e.get("date", "").replace("/", "-").rstrip("-") == r.get("published", {}).get("date", "")
            and e.get("access_date", "").replace("/", "-").rstrip("-") == max(r.get("accessed", [""]))
            and r["publisher"]["name"] in (e.get("secondary_title") if news(r) else e.get("publisher", ""))
        )
        check(ok, f"RIS {e['id']}: type, title, dates and publisher as the record has them")
    check(len(entries) > 0, f"rispy reads {path} ({len(entries)} sources)")

# Atom: a valid feed with an entry for each source (no --previous: every source is new).
feed = feedparser.parse(os.path.join(site, "feed.xml"))
check(not feed.bozo, f"feedparser reads feed.xml without complaint ({feed.get('bozo_exception')})")
check(len(feed.entries) == len(records), f"the feed has an entry for each of the {len(records)} sources")
for e in feed.entries:
    rid = e.id.removeprefix("urn:sourcebook:record:")
    check(rid in records and e.title == records[rid]["title"] and e.link.endswith("#" + rid), f"feed entry {rid}")

print(f"\n{len(failures)} check(s) failed" if failures else "\nall client checks passed")
sys.exit(1 if failures else 0)
