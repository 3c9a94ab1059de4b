#!/usr/bin/env python3
"""Turn bench/compare.sh's raw results into the Markdown tables of
BENCHMARKS.md.

    report.py RESULTS.tsv COUNTS.jsonl PDF ROUNDS

RESULTS.tsv: tool, round, wall ms, peak RSS KiB, ok|failed (rounds < 1 are
warm-up and ignored). COUNTS.jsonl: one JSON object per tool from
bench/peers.py, the first being the expected counts.
"""

import json
import os
import statistics
import sys

WHAT = {
    "dxplan-json": "`dxplan convert --to json` (typed plan)",
    "dxplan-all": "`dxplan convert --to json,xlsx,csv`",
    "pdftotext": "`pdftotext -layout` (text only, no tables)",
    "pdfplumber": "pdfplumber `extract_tables`, every page",
    "pymupdf": "PyMuPDF `find_tables` + `extract`, every page",
    "camelot": "camelot `read_pdf(flavor=\"lattice\", pages=\"all\")`",
}
BASE = "dxplan-json"


def load_runs(path):
    """tool -> list of (ms, rss_kib, ok) for the timed rounds, in tool order."""
    runs = {}
    if not os.path.exists(path):
        return runs
    with open(path, encoding="utf-8") as f:
        for line in f:
            tool, rnd, ms, rss, status = line.rstrip("\n").split("\t")
            runs.setdefault(tool, [])
            if int(rnd) >= 1:
                runs[tool].append((int(ms), int(rss), status == "ok"))
    return runs


def summary(runs):
    ok = [r for r in runs if r[2]]
    if len(ok) < len(runs) or not ok:
        return None
    ms = [r[0] for r in ok]
    return {
        "median": statistics.median(ms),
        "min": min(ms),
        "max": max(ms),
        "rss": statistics.median(r[1] for r in ok) / 1024,
    }


def fmt_ms(ms):
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms"


def time_row(tool, s, base):
    if s is None:
        return f"| {WHAT.get(tool, tool)} | pending (failed) | | | |"
    ratio = f"{s['median'] / base:.1f}×" if base else "pending"
    spread = f"{fmt_ms(s['min'])} – {fmt_ms(s['max'])}"
    return (f"| {WHAT.get(tool, tool)} | {fmt_ms(s['median'])} | {spread} "
            f"| {ratio} | {s['rss']:.0f} MB |")


def order(tool):
    """Tools in the order of WHAT, unknown ones last."""
    names = list(WHAT)
    return names.index(tool) if tool in names else len(names)


def time_table(runs, rounds):
    stats = {t: summary(r) for t, r in runs.items()}
    base = stats.get(BASE) and stats[BASE]["median"]
    print(f"| tool ({rounds} rounds) | median wall | min – max | × dxplan JSON | peak RSS (median) |")
    print("|---|---:|---:|---:|---:|")
    for tool in sorted(runs, key=order):
        print(time_row(tool, stats[tool], base))


def cell(v):
    return "—" if v is None else str(v)


COUNT_KEYS = ["pages", "tables", "boxes", "cells", "marks", "texts_wrong", "measures_ok"]


def count_table(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    want = rows[0] if rows and rows[0].get("tool") == "expected" else {}
    if want:
        want.update(texts_wrong=0, measures_ok=want["tables"])
    print("| tool | measure pages | tables | cell boxes | non-empty cells | ■ marks "
          "| workbook cell texts not returned verbatim | measures equal to expected.json "
          "| all as expected |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(count_row(r, want))


def count_row(r, want):
    if "error" in r:
        return f"| {r['tool']} | {r['error']} |" + " |" * 8
    cells = " | ".join(cell(r.get(k)) for k in COUNT_KEYS)
    return f"| {r['tool']} | {cells} | {verdict(r, want)} |"


def verdict(r, want):
    if r["tool"] == "expected" or not want:
        return ""
    good = all(r.get(k) in (None, want[k]) for k in COUNT_KEYS if k in want)
    return "yes" if good else "**no**"


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"\nInput: `{argv[3]}`\n")
    runs = load_runs(argv[1])
    if runs:
        time_table(runs, argv[4])
        print()
    count_table(argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
