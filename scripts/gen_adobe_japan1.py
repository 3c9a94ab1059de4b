#!/usr/bin/env python3
"""Generate src/read/pdf/font/adobe_japan1.bin: Adobe-Japan1 CID -> Unicode.

Input: Adobe's `Adobe-Japan1-UCS2` CMap (BSD-3-Clause, shipped by Debian's
poppler-data at /usr/share/poppler/cMap/Adobe-Japan1/Adobe-Japan1-UCS2).
We use Adobe's CMap rather than poppler-data's cidToUnicode/Adobe-Japan1,
which is GPL-2 and could not be committed into this MIT crate.

Output format (little-endian):
  u32 number of CIDs N, then N x u16: the BMP code point for each CID,
  0 for none, or 0xD800 + i for the i-th entry of the extra table;
  u32 number of extras M, then M x u32 code points (outside the BMP).
Multi-character targets keep their first character (variation selectors
dropped).

Usage: scripts/gen_adobe_japan1.py [CMAP] [OUT]
"""
import re
import struct
import sys

SRC = "/usr/share/poppler/cMap/Adobe-Japan1/Adobe-Japan1-UCS2"
OUT = "src/read/pdf/font/adobe_japan1.bin"


def first_char(hexstr):
    units = [int(hexstr[i:i + 4], 16) for i in range(0, len(hexstr), 4)]
    text = struct.pack(">%dH" % len(units), *units).decode("utf-16-be", "replace")
    return ord(text[0]) if text else 0


def parse(path):
    table = {}
    section = None
    pair = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>(?:\s*<([0-9a-fA-F]+)>)?")
    for line in open(path, encoding="latin-1"):
        if "beginbfchar" in line:
            section = "char"
        elif "beginbfrange" in line:
            section = "range"
        elif line.startswith("end"):
            section = None
        elif section:
            m = pair.match(line.strip())
            if not m:
                continue
            if section == "char":
                table[int(m.group(1), 16)] = first_char(m.group(2))
            elif m.group(3):
                lo, hi = int(m.group(1), 16), int(m.group(2), 16)
                base = first_char(m.group(3))
                for cid in range(lo, hi + 1):
                    table[cid] = base + (cid - lo)
    return table


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else SRC
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    table = parse(src)
    n = max(table) + 1
    extras = []
    cells = []
    for cid in range(n):
        cp = table.get(cid, 0)
        if cp == 0xFFFD:
            cp = 0
        if cp > 0xFFFF or 0xD800 <= cp <= 0xDFFF:
            cells.append(0xD800 + len(extras))
            extras.append(cp)
        else:
            cells.append(cp)
    assert len(extras) < 0x800, "extra table overflows the surrogate range"
    with open(out, "wb") as f:
        f.write(struct.pack("<I", n))
        f.write(struct.pack("<%dH" % n, *cells))
        f.write(struct.pack("<I", len(extras)))
        f.write(struct.pack("<%dI" % len(extras), *extras))
    mapped = sum(1 for c in cells if c)
    print(f"{out}: {n} CIDs, {mapped} mapped, {len(extras)} outside the BMP")


if __name__ == "__main__":
    main()
