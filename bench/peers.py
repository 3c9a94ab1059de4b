#!/usr/bin/env python3
"""Run one peer table extractor over every page of a PDF, as a user would.

    peers.py TOOL FILE            extract tables from every page, print a summary
    peers.py TOOL FILE --count    also count cells and ■ marks on measure pages
    peers.py expected FIXTURE_DIR the expected counts, from expected.json and plan.xlsx
    peers.py dxplan BIN FILE --count  the same counts from dxplan's JSON

TOOL is pdfplumber, pymupdf or camelot. The timed run (no --count) does only
what a user's script would: open the file and extract every table on every
page. With --count, it prints one JSON line: the tables found, and on the
measure pages (pages whose text, as pdftotext reads it, contains 事業名) the
cell boxes, the non-empty cells, the ■ marks in cell texts, and how many cell
texts of plan.xlsx beside FILE (the PDF fixtures are printed from it) the tool
did not return verbatim, white space aside.
"""

import json
import os
import re
import subprocess
import sys
from collections import Counter

MARK = "\u25a0"  # ■
MEASURE_WORD = "事業名"


def extract_pdfplumber(path):
    """Per page (1-based), a list of tables, each rows of cell texts or None."""
    import pdfplumber

    out = {}
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages, start=1):
            out[i] = page.extract_tables()
            page.close()
    return out


def extract_pymupdf(path):
    import pymupdf

    out = {}
    with pymupdf.open(path) as doc:
        for i, page in enumerate(doc, start=1):
            out[i] = [t.extract() for t in page.find_tables()]
    return out


def extract_camelot(path):
    import camelot

    out = {}
    for t in camelot.read_pdf(path, pages="all", flavor="lattice"):
        out.setdefault(t.page, []).append(camelot_rows(t))
    return out


def camelot_rows(table):
    """Camelot fills a spanned cell's covered positions with "": keep them as
    None so boxes count like the other tools (a box = one ruled cell)."""
    rows = []
    for r, cells in enumerate(table.cells):
        row = []
        for c, cell in enumerate(cells):
            covered = (not cell.left and c > 0) or (not cell.top and r > 0)
            row.append(None if covered else table.data[r][c])
        rows.append(row)
    return rows


TOOLS = {
    "pdfplumber": extract_pdfplumber,
    "pymupdf": extract_pymupdf,
    "camelot": extract_camelot,
}


def measure_pages(path):
    """1-based numbers of the pages whose text contains 事業名."""
    text = subprocess.run(
        ["pdftotext", "-layout", path, "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = text.split("\f")
    return {i for i, p in enumerate(pages, start=1) if MEASURE_WORD in p}


def norm(text):
    """A cell text with all white space removed: tools wrap lines differently."""
    return re.sub(r"\s+", "", str(text))


def count(tables_by_page, pages):
    """Tables, boxes, non-empty cells, ■ marks and the non-empty cell texts
    on the given pages."""
    n = {"tables": 0, "boxes": 0, "cells": 0, "marks": 0}
    texts = []
    for page in pages:
        for table in tables_by_page.get(page, []):
            n["tables"] += 1
            cells = [c for row in table for c in row if c is not None]
            texts.extend(norm(c) for c in cells if norm(c))
            n["boxes"] += len(cells)
    n["cells"] = len(texts)
    n["marks"] = sum(t.count(MARK) for t in texts)
    return n, texts


def expected(fixture_dir):
    """■ = plan + actual periods over all measures (expected.json). Boxes
    and non-empty cells of the measure tables come from plan.xlsx, which the
    PDF fixtures are printed from: a merged range is one box."""
    plan = load_json(f"{fixture_dir}/expected.json")
    boxes, texts = workbook_tables(f"{fixture_dir}/plan.xlsx")
    return {"tables": len(plan["measures"]), "boxes": boxes, "cells": len(texts),
            "marks": periods(plan)}


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def periods(plan):
    return sum(len(s["plan"]) + len(s["actual"])
               for m in plan["measures"] for s in m["schedule"])


def workbook_tables(path):
    """Boxes and non-empty cell texts from each 事業名 row to the sheet's end."""
    import openpyxl

    boxes, texts = 0, []
    for ws in openpyxl.load_workbook(path).worksheets:
        top = next((c.row for c in ws["A"] if c.value == MEASURE_WORD), None)
        if top is not None:
            b, t = sheet_table(ws, top)
            boxes += b
            texts += t
    return boxes, texts


def sheet_table(ws, top):
    covered = set()
    for rng in ws.merged_cells.ranges:
        cells = [(r, c) for r in range(rng.min_row, rng.max_row + 1)
                 for c in range(rng.min_col, rng.max_col + 1)]
        covered.update(cells[1:])
    boxes, texts = 0, []
    for row in ws.iter_rows(min_row=top, max_row=ws.max_row, max_col=ws.max_column):
        for c in row:
            if (c.row, c.column) not in covered:
                boxes += 1
                if c.value is not None and norm(c.value):
                    texts.append(norm(c.value))
    return boxes, texts


def dxplan_counts(binary, path):
    """Measures and ■ marks (plan + actual periods) in dxplan's JSON, and how
    many measures equal expected.json's. dxplan gives fields, not cells."""
    run = subprocess.run(
        [binary, "convert", "-q", "--to", "json", "-o", "-", path],
        capture_output=True,
    )
    if run.returncode != 0:
        lines = run.stderr.decode("utf-8", "replace").strip().splitlines()
        return {"error": "pending: " + (lines[-1] if lines else "dxplan failed")}
    plan = json.loads(run.stdout)
    result = {"tables": len(plan["measures"]), "boxes": None, "cells": None,
              "marks": periods(plan)}
    want = os.path.join(os.path.dirname(path), "expected.json")
    if os.path.exists(want):
        result["measures_ok"] = measures_ok(plan, load_json(want))
    return result


def measures_ok(plan, want):
    """Measures equal to the expected ones, leaving out what depends on the
    input file (source_ref, each value's `at`)."""
    want = {m["id"]: m for m in want["measures"]}
    got = [strip_file_keys(m) for m in plan["measures"]]
    return sum(want.get(m["id"]) == m for m in got)


def strip_file_keys(v):
    if isinstance(v, dict):
        return {k: strip_file_keys(x) for k, x in v.items() if k not in ("source_ref", "at")}
    if isinstance(v, list):
        return [strip_file_keys(x) for x in v]
    return v


def counted(tool, path):
    """The counts of one tool, and how many of the workbook's cell texts it
    did not return verbatim (white space aside)."""
    pages = measure_pages(path)
    n, texts = count(TOOLS[tool](path), pages)
    result = {"tool": tool, "pages": len(pages), **n}
    book = os.path.join(os.path.dirname(path), "plan.xlsx")
    if os.path.exists(book):
        want = Counter(workbook_tables(book)[1])
        result["texts_wrong"] = sum((want - Counter(texts)).values())
    return result


def main(argv):
    args = argv[1:]
    if args[:1] == ["expected"] and len(args) == 2:
        print(json.dumps({"tool": "expected", **expected(args[1])}))
    elif args[:1] == ["dxplan"] and len(args) == 4:
        print(json.dumps({"tool": "dxplan", **dxplan_counts(args[1], args[2])}))
    elif len(args) == 3 and args[0] in TOOLS and args[2] == "--count":
        print(json.dumps(counted(args[0], args[1])))
    elif len(args) == 2 and args[0] in TOOLS:
        tables = TOOLS[args[0]](args[1])
        print(f"{args[0]}: {sum(len(t) for t in tables.values())} tables")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
