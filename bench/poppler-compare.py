#!/usr/bin/env python3
"""Compare dxplan's PDF reader with poppler (pdftotext) over a folder of PDFs.

For every PDF under FOLDER (recursively) it runs

  * `dxplan convert FILE -o TMP --to json`: the file is *accepted* when it
    converts or when the only complaint is that it holds no plan tables (it
    was read); otherwise it is *refused*, and the reason is counted;
  * `pdfinfo` and `pdftotext -f P -l P` on the first --pages pages: poppler's
    page count and text, the reference;
  * `dxplan inspect --page P -o -` on the same pages of accepted files: the
    glyphs dxplan read, taken from the SVG's <text> elements.

and prints: how many files poppler and dxplan read, the refusal reasons
(numbers and quoted names folded so that like reasons group), the files
refused although poppler reads text from them (poppler's text counts its
printable characters: not spaces, control or format characters, private
use or U+FFFD, which poppler prints for glyphs it cannot name), and CJK character recall and
precision against poppler per page language (Japanese: pages with kana;
Korean: pages with hangul; Chinese: other pages with Han characters).
Characters are compared as multisets per page, so order and layout do not
matter. It fetches nothing; give it any folder.

Usage:
  bench/poppler-compare.py FOLDER [--dxplan target/release/dxplan]
                           [--pages 5] [--jobs 2] [--timeout 60] [--list]
                           [--status FILE.tsv]

--status writes one line per PDF (path, accepted/refused, poppler's
printable characters, reason) for comparing two runs file by file.
"""
import argparse
import collections
import concurrent.futures
import html
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

TEXT = re.compile(r"<text [^>]*>([^<]*)</text>")


def script_of(c):
    """'kana', 'hangul', 'han' or None for one character."""
    o = ord(c)
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
        return "kana"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
    if (0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3FFFF):
        return "han"
    return None


def printable(c):
    """A character poppler printed as text: not a space, control, format,
    private-use or replacement character."""
    return not c.isspace() and c != "\ufffd" and unicodedata.category(c)[0] != "C"


def cjk(text):
    return collections.Counter(c for c in text if script_of(c))


def language(counter):
    scripts = {script_of(c) for c in counter}
    if "kana" in scripts:
        return "Japanese"
    if "hangul" in scripts:
        return "Korean"
    if "han" in scripts:
        return "Chinese"
    return None


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "", "timed out"


def poppler_pages(path, timeout):
    code, out, _ = run(["pdfinfo", path], timeout)
    if code != 0:
        return None
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else None


def fold_reason(line, path):
    """A refusal line without the file name, numbers and quoted names."""
    line = line.replace(path, "FILE")
    line = re.sub(r"^dxplan: FILE: ", "", line)
    line = re.sub(r"\(e\.g\. .*\) do not", "(e.g. FONT) do not", line)
    line = re.sub(r"\"[^\"]*\"", '"…"', line)
    line = re.sub(r"\d+", "N", line)
    return line[:160]


def one(path, args):
    with tempfile.TemporaryDirectory() as tmp:
        code, _, err = run([args.dxplan, "convert", path, "-o", tmp, "--to", "json"], args.timeout)
    lines = [l for l in err.splitlines() if l.strip()]
    last = lines[-1] if lines else ""
    if code is None:
        status, reason = "refused", "dxplan timed out"
    elif code == 0 or "no plan tables found" in last:
        status, reason = "accepted", None
    elif code < 0 or "panicked" in err:
        status, reason = "refused", "CRASH: " + (last or "signal %d" % -code)
    else:
        status, reason = "refused", fold_reason(last, path)
    pages = poppler_pages(path, args.timeout)
    result = {"path": path, "status": status, "reason": reason, "pages": pages,
              "poppler_chars": 0, "page_stats": []}
    for p in range(1, min(pages or 0, args.pages) + 1):
        _, ptext, _ = run(["pdftotext", "-q", "-f", str(p), "-l", str(p), path, "-"], args.timeout)
        result["poppler_chars"] += sum(1 for c in ptext if printable(c))
        ref = cjk(ptext)
        lang = language(ref)
        if status != "accepted" or lang is None:
            continue
        _, svg, _ = run([args.dxplan, "inspect", path, "--page", str(p), "-o", "-"], args.timeout)
        got = cjk("".join(html.unescape(t) for t in TEXT.findall(svg)))
        matched = sum((ref & got).values())
        result["page_stats"].append((lang, matched, sum(ref.values()), sum(got.values())))
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--dxplan", default="target/release/dxplan")
    ap.add_argument("--pages", type=int, default=5, help="pages compared per file")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=60, help="seconds per command")
    ap.add_argument("--list", action="store_true", help="list every refused file")
    ap.add_argument("--status", help="write each file's status to this TSV file")
    args = ap.parse_args()
    pdfs = sorted(os.path.join(d, f) for d, _, fs in os.walk(args.folder)
                  for f in fs if f.lower().endswith(".pdf"))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda p: one(p, args), pdfs))

    if args.status:
        with open(args.status, "w", encoding="utf-8") as f:
            for r in results:
                f.write("%s\t%s\t%d\t%s\n" % (r["path"], r["status"], r["poppler_chars"],
                                               r["reason"] or ""))
    poppler_read = [r for r in results if r["pages"] is not None]
    poppler_text = [r for r in poppler_read if r["poppler_chars"] > 0]
    accepted = [r for r in results if r["status"] == "accepted"]
    refused = [r for r in results if r["status"] == "refused"]
    wrongly = [r for r in refused if r["poppler_chars"] > 0]
    print("PDFs: %d" % len(results))
    print("poppler opens: %d; with text on the first %d pages: %d"
          % (len(poppler_read), args.pages, len(poppler_text)))
    print("dxplan accepted: %d; refused: %d (of which poppler reads text from %d)"
          % (len(accepted), len(refused), len(wrongly)))
    print("\nRefusal reasons (all refused files):")
    for reason, n in collections.Counter(r["reason"] for r in refused).most_common():
        print("  %5d  %s" % (n, reason))
    print("\nRefused although poppler reads text:")
    for r in wrongly if args.list or len(wrongly) <= 40 else wrongly[:40]:
        print("  %s (%d chars in poppler): %s" % (r["path"], r["poppler_chars"], r["reason"]))
    print("\nCJK characters against poppler (first %d pages of accepted files):" % args.pages)
    print("  %-9s %6s %9s %9s %9s %7s %9s" % ("language", "pages", "poppler", "dxplan",
                                            "matched", "recall", "precision"))
    for lang in ("Japanese", "Chinese", "Korean"):
        rows = [s for r in results for s in r["page_stats"] if s[0] == lang]
        if not rows:
            continue
        m, ref, got = (sum(s[i] for s in rows) for i in (1, 2, 3))
        print("  %-9s %6d %9d %9d %9d %7.3f %9.3f" % (
            lang, len(rows), ref, got, m, m / ref if ref else 1.0, m / got if got else 1.0))
    worst = sorted(((s[1] / s[2], r["path"], s) for r in results for s in r["page_stats"]
                    if s[2] >= 20 and s[1] / s[2] < 0.9))
    if worst:
        print("\nFiles with a page below 0.9 CJK recall:")
        seen = set()
        for rec, path, s in worst:
            if path not in seen:
                seen.add(path)
                print("  %.3f %s (%s, %d of %d)" % (rec, path, s[0], s[1], s[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
