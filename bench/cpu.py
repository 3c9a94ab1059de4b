#!/usr/bin/env python3
"""CPU time of `dxplan convert --to json` against `pdftotext -layout`.

    bench/cpu.py [--dxplan target/release/dxplan] [--runs 20] [--rounds 5] [PDF]

Default PDF: fixtures/shiogama-2024-03/plan-ipaex.pdf. Each round runs
`dxplan convert -q PDF --to json -o -` (stdout to /dev/null) and
`pdftotext -layout PDF /dev/null` RUNS times each, one run of each in
turn (the first tool alternating between rounds), so load that changes
during a round hits both alike. The
figure is the user + system CPU time of each child process (from wait4's
rusage), not wall time: on a machine shared with other work, CPU time
moves much less with the load than wall time does. Prints per-round means
and the ratio dxplan ÷ pdftotext of each round, then the median ratio of
the rounds and the mean CPU of each tool over all runs, with the load
average before and after. Untimed warm-up: one run of each first.

Build the binary first (`cargo build --release --bin dxplan`); the
release profile (Cargo.toml) is what users get, so quote that build.
"""

import argparse
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PDF = os.path.join(ROOT, "fixtures", "shiogama-2024-03", "plan-ipaex.pdf")


def cpu_of(argv):
    """User + system CPU seconds of one run of argv (stdout discarded)."""
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        err = p.stderr.read()
        p.stderr.close()
    if status != 0:
        sys.exit(f"cpu.py: {argv[0]} failed ({status}): {err.decode(errors='replace')[-300:]}")
    return ru.ru_utime + ru.ru_stime


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("pdf", nargs="?", default=DEFAULT_PDF)
    ap.add_argument("--dxplan", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "dxplan"))
    ap.add_argument("--runs", type=int, default=20, help="runs of each tool per round")
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    tools = {
        "dxplan": [a.dxplan, "convert", "-q", a.pdf, "--to", "json", "-o", "-"],
        "pdftotext": ["pdftotext", "-layout", a.pdf, "/dev/null"],
    }
    for argv in tools.values():
        cpu_of(argv)
    print(f"{a.dxplan}; {os.cpu_count()} cores; load average before: {loadavg()}")
    all_runs = {t: [] for t in tools}
    ratios = []
    for r in range(a.rounds):
        order = list(tools) if r % 2 == 0 else list(reversed(tools))
        runs = {t: [] for t in tools}
        # Run by run, the tools in turn: a load that changes during the
        # round hits both alike (blocks of one tool's runs did not).
        for _ in range(a.runs):
            for t in order:
                runs[t].append(cpu_of(tools[t]))
        mean = {}
        for t in tools:
            all_runs[t] += runs[t]
            mean[t] = statistics.mean(runs[t])
        ratios.append(mean["dxplan"] / mean["pdftotext"])
        print(f"round {r + 1}: dxplan {mean['dxplan'] * 1e3:.1f} ms, "
              f"pdftotext {mean['pdftotext'] * 1e3:.1f} ms, ratio {ratios[-1]:.2f}")
    print(f"load average after: {loadavg()}")
    dx, pt = (statistics.mean(all_runs[t]) for t in tools)
    print(f"mean CPU over {a.rounds} x {a.runs} runs: dxplan {dx * 1e3:.1f} ms, "
          f"pdftotext {pt * 1e3:.1f} ms, ratio of means {dx / pt:.2f}; "
          f"median ratio of rounds {statistics.median(ratios):.2f} "
          f"({min(ratios):.2f} - {max(ratios):.2f})")


if __name__ == "__main__":
    main()
