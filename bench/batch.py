#!/usr/bin/env python3
"""Batch benchmark: a mixed archive of N plans converted with 1, 2, … jobs.

    bench/batch.py [--plans 200] [--jobs 1,2] [--rounds 3] [--dxplan target/release/dxplan]

Builds the archive in a temporary folder from the committed fixtures (every
PDF and workbook of fixtures/<city>/ and fixtures/shiogama-*/, round robin,
each copy under its own name), then times `dxplan convert FILES… -o OUT
--jobs J` for JSON alone and for all outputs (json,xlsx,csv), and prints
plans/s, the speed-up over one job, all-outputs ÷ JSON, and the peak RSS of
the run (from wait4's ru_maxrss, the largest process of the run). Build
the release binary first (`cargo build --release`). It fetches nothing.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INPUTS = (".pdf", ".xlsx", ".xls", ".ods")


def fixtures():
    """Every plan fixture (not fixtures/bad), sorted."""
    out = []
    base = os.path.join(ROOT, "fixtures")
    for folder in sorted(os.listdir(base)):
        path = os.path.join(base, folder)
        if folder == "bad" or not os.path.exists(os.path.join(path, "expected.json")):
            continue
        out += [os.path.join(path, f) for f in sorted(os.listdir(path)) if f.endswith(INPUTS)]
    return out


def build_archive(n, where):
    files = fixtures()
    made = []
    for i in range(n):
        src = files[i % len(files)]
        stem, ext = os.path.splitext(os.path.basename(src))
        folder = os.path.basename(os.path.dirname(src))
        dst = os.path.join(where, f"{i:05d}-{folder}-{stem}{ext}")
        shutil.copyfile(src, dst)
        made.append(dst)
    return made


def run(dxplan, files, out, jobs, to):
    shutil.rmtree(out, ignore_errors=True)
    cmd = [dxplan, "convert", *files, "-o", out, "--jobs", str(jobs), "--to", to, "-q"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"dxplan failed ({status}): {proc.stderr.read().decode()[:500]}")
    return wall, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", type=int, default=200)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--dxplan", default=os.path.join(ROOT, "target", "release", "dxplan"))
    ap.add_argument("--outputs", default="json;json,xlsx,csv",
                    help="output sets to time, ';' between (json first: the ratio's base)")
    args = ap.parse_args()
    if not os.path.exists(args.dxplan):
        sys.exit(f"{args.dxplan} is missing: run `cargo build --release` first")
    jobs = [int(j) for j in args.jobs.split(",")]
    with tempfile.TemporaryDirectory(prefix="dxplan-batch-") as tmp:
        in_dir = os.path.join(tmp, "in")
        os.makedirs(in_dir)
        files = build_archive(args.plans, in_dir)
        out = os.path.join(tmp, "out")
        print(f"{args.plans} plans from {len(fixtures())} fixtures; {os.cpu_count()} cores; "
              f"load average {os.getloadavg()[0]:.2f}; {args.rounds} rounds, median")
        print(f"{'outputs':<16} {'jobs':>4} {'wall':>8} {'plans/s':>8} {'speed-up':>8} {'peak RSS':>9}")
        base = {}
        sets = args.outputs.split(";")
        for to in sets:
            for j in jobs:
                runs = [run(args.dxplan, files, out, j, to) for _ in range(args.rounds)]
                wall = statistics.median(w for w, _ in runs)
                rss = max(r for _, r in runs)
                base.setdefault(to, wall)
                print(f"{to:<16} {j:>4} {wall:>7.2f}s {args.plans / wall:>8.1f} "
                      f"{base[to] / wall:>7.2f}× {rss:>7.0f} MB")
                base[(to, j)] = wall
        for to in sets[1:]:
            for j in jobs:
                print(f"{to} ÷ {sets[0]} at {j} job(s): {base[(to, j)] / base[(sets[0], j)]:.2f}×")


if __name__ == "__main__":
    main()
