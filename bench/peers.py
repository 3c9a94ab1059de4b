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
cell boxes, the non-empty cells and the ■ marks in cell texts.
"""

import json
import subprocess
import sys

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


def count(tables_by_page, pages):
    """Tables, boxes, non-empty cells and ■ marks on the given pages."""
    n = {"tables": 0, "boxes": 0, "cells": 0, "marks": 0}
    for page in pages:
        for table in tables_by_page.get(page, []):
            n["tables"] += 1
            for row in table:
                for cell in row:
                    add_cell(n, cell)
    return n


def add_cell(n, cell):
    if cell is None:
        return
    n["boxes"] += 1
    text = str(cell).strip()
    if text:
        n["cells"] += 1
    n["marks"] += text.count(MARK)


def expected(fixture_dir):
    """■ = plan + actual periods over all measures (expected.json). Boxes
    and non-empty cells of the measure tables come from plan.xlsx, which the
    PDF fixtures are printed from: a merged range is one box."""
    with open(f"{fixture_dir}/expected.json", encoding="utf-8") as f:
        plan = json.load(f)
    marks = sum(
        len(s["plan"]) + len(s["actual"])
        for m in plan["measures"]
        for s in m["schedule"]
    )
    boxes, cells = workbook_tables(f"{fixture_dir}/plan.xlsx")
    return {"tables": len(plan["measures"]), "boxes": boxes, "cells": cells, "marks": marks}


def workbook_tables(path):
    """Boxes and non-empty cells from each 事業名 row to the sheet's end."""
    import openpyxl

    boxes = cells = 0
    for ws in openpyxl.load_workbook(path).worksheets:
        top = next((c.row for c in ws["A"] if c.value == MEASURE_WORD), None)
        if top is None:
            continue
        b, c = sheet_table(ws, top)
        boxes += b
        cells += c
    return boxes, cells


def sheet_table(ws, top):
    covered = set()
    for rng in ws.merged_cells.ranges:
        cells = [(r, c) for r in range(rng.min_row, rng.max_row + 1)
                 for c in range(rng.min_col, rng.max_col + 1)]
        covered.update(cells[1:])
    boxes = cells = 0
    for row in ws.iter_rows(min_row=top, max_row=ws.max_row, max_col=ws.max_column):
        for c in row:
            if (c.row, c.column) in covered:
                continue
            boxes += 1
            cells += c.value is not None and str(c.value).strip() != ""
    return boxes, cells


def dxplan_counts(binary, path):
    """Measures and ■ marks (plan + actual periods) in dxplan's JSON. dxplan
    gives fields, not cells: boxes and cells do not apply."""
    run = subprocess.run(
        [binary, "convert", "-q", "--to", "json", "-o", "-", path],
        capture_output=True,
    )
    if run.returncode != 0:
        lines = run.stderr.decode("utf-8", "replace").strip().splitlines()
        return {"error": "pending: " + (lines[-1] if lines else "dxplan failed")}
    plan = json.loads(run.stdout)
    marks = sum(len(s["plan"]) + len(s["actual"])
                for m in plan["measures"] for s in m["schedule"])
    return {"tables": len(plan["measures"]), "boxes": None, "cells": None, "marks": marks}


def counted(tool, path):
    pages = measure_pages(path)
    result = {"tool": tool, "pages": len(pages)}
    result.update(count(TOOLS[tool](path), pages))
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
