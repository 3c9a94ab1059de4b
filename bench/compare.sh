#!/usr/bin/env bash
# Time dxplan against the tools a user would pick instead, on the same PDF.
#
#   bench/compare.sh [PDF]        (default fixtures/shiogama-2024-03/plan-ipaex.pdf)
#
# Environment: ROUNDS (default 7; ROUNDS=0 WARMUP=0 only counts cells and
# marks), WARMUP (untimed rounds first, default 1), TOOLS (space-separated
# subset of the names below), PYTHON (default python3, used only to create the
# virtual environment).
#
# Every tool runs as its own process, round-robin over the tools (the start
# rotates each round), so machine load hits all of them alike. Wall time is
# taken around each process; peak memory is /usr/bin/time -v's "Maximum
# resident set size" (Debian package `time`). Prints a Markdown table of
# medians, the ratio of each to `dxplan convert --to json`, then the cells and
# ■ marks each tool found on the measure pages against the expected counts.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PDF=${1:-$ROOT/fixtures/shiogama-2024-03/plan-ipaex.pdf}
[[ $PDF == /* ]] || PDF=$PWD/$PDF
cd "$ROOT"
ROUNDS=${ROUNDS:-7}
WARMUP=${WARMUP:-1}
ALL_TOOLS="dxplan-json dxplan-all pdftotext pdfplumber pymupdf camelot"
TOOLS=${TOOLS:-$ALL_TOOLS}
VENV=$ROOT/target/bench-venv
PY=$VENV/bin/python
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/dxplan
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dxplan-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

die() { echo "compare.sh: $*" >&2; exit 2; }

check_prereqs() {
  [[ -f $PDF ]] || die "no such PDF: $PDF"
  [[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
  command -v pdftotext >/dev/null || die "pdftotext is missing (apt-get install poppler-utils)"
}

# Create the virtual environment once; reinstall only when the pins change.
setup_venv() {
  local stamp=$VENV/.bench-requirements
  [[ -x $PY ]] || "${PYTHON:-python3}" -m venv "$VENV"
  if ! cmp -s bench/requirements.txt "$stamp"; then
    "$PY" -m pip install -q --disable-pip-version-check -r bench/requirements.txt
    cp bench/requirements.txt "$stamp"
  fi
}

# Build, then copy the binary: a target folder shared with other checkouts
# may be rebuilt under us while the rounds run.
build() {
  cargo build --release --quiet --bin dxplan
  [[ -x $BIN ]] || die "cargo build did not produce $BIN"
  cp "$BIN" "$WORK/dxplan"
  BIN=$WORK/dxplan
}

# The command line of one tool; outputs go under $WORK.
command_of() {
  case $1 in
    dxplan-json) echo "$BIN convert -q --to json -o $WORK/json $PDF" ;;
    dxplan-all) echo "$BIN convert -q --to json,xlsx,csv -o $WORK/all $PDF" ;;
    pdftotext) echo "pdftotext -layout $PDF $WORK/layout.txt" ;;
    pdfplumber | pymupdf | camelot) echo "$PY bench/peers.py $1 $PDF" ;;
    *) die "unknown tool $1 (known: $ALL_TOOLS)" ;;
  esac
}

# Run one tool once; append "tool round ms rss_kb status" to results.tsv.
run_once() {
  local tool=$1 round=$2 t0 t1 status=ok rss
  rm -rf "$WORK/json" "$WORK/all"
  t0=$(date +%s%N)
  # shellcheck disable=SC2046 # the command line is split on purpose
  /usr/bin/time -v -o "$WORK/time.txt" $(command_of "$tool") \
    >"$WORK/$tool.out" 2>"$WORK/$tool.err" || status=failed
  t1=$(date +%s%N)
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
  printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$round" $(((t1 - t0) / 1000000)) \
    "${rss:-0}" "$status" >>"$WORK/results.tsv"
}

# Round-robin over the tools, starting one later each round.
run_rounds() {
  local -a tools=($TOOLS)
  local n=${#tools[@]} r i
  for ((r = 1 - WARMUP; r <= ROUNDS; r++)); do
    echo "round $r of $ROUNDS" >&2
    for ((i = 0; i < n; i++)); do
      run_once "${tools[(i + r + n) % n]}" "$r"
    done
  done
}

# Cells and ■ marks per tool on the measure pages, untimed.
count_all() {
  local tool
  "$PY" bench/peers.py expected "$(dirname "$PDF")" >"$WORK/counts.jsonl" ||
    echo '{"tool": "expected", "error": "no expected.json/plan.xlsx beside the PDF"}' >"$WORK/counts.jsonl"
  for tool in $TOOLS; do
    case $tool in
      pdfplumber | pymupdf | camelot) "$PY" bench/peers.py "$tool" "$PDF" --count ;;
      dxplan-json) "$PY" bench/peers.py dxplan "$BIN" "$PDF" --count ;;
    esac >>"$WORK/counts.jsonl" 2>>"$WORK/counts.err" || echo "{\"tool\": \"$tool\", \"error\": \"failed\"}" >>"$WORK/counts.jsonl"
  done
}

# What produced the numbers: commit, machine, tool versions.
versions() {
  local pkgs
  pkgs=$("$PY" -m pip list --disable-pip-version-check --format=freeze 2>/dev/null |
    grep -iE '^(pdfplumber|pdfminer.six|pymupdf|camelot-py|pypdfium2|opencv-python-headless)==' | tr '\n' ' ')
  echo
  echo "dxplan $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores;" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg);" \
    "$(pdftotext -v 2>&1 | head -1); $("$PY" --version); $pkgs"
}

main() {
  check_prereqs
  setup_venv
  build
  versions
  echo "timing $TOOLS on $PDF: $ROUNDS rounds after $WARMUP warm-up" >&2
  run_rounds
  count_all
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$PY" bench/report.py "$WORK/results.tsv" "$WORK/counts.jsonl" "$PDF" "$ROUNDS"
  for f in "$WORK"/*.err; do
    [[ -s $f ]] && { echo "--- last stderr of $(basename "$f" .err):" >&2; tail -3 "$f" >&2; }
  done
  return 0
}

main
