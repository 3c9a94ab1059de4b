#!/bin/sh
# Copy the committed fixtures into fuzz/corpus/<target>/ as seeds (the
# corpora are not committed). Run from anywhere; safe to rerun.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/../fixtures"
mkdir -p "$here/corpus/pdf" "$here/corpus/sheet" "$here/corpus/recognize" "$here/corpus/diff"
# Each seed is named after its path (every city folder has a plan.pdf).
seed() { # seed TARGET FILE
    rel=${2#"$fixtures"/}
    cp "$2" "$here/corpus/$1/$(printf '%s' "$rel" | tr '/' '_')"
}
find "$fixtures" -name '*.pdf' | while read -r f; do seed pdf "$f"; done
find "$fixtures" \( -name '*.xlsx' -o -name '*.xls' -o -name '*.ods' \) |
    while read -r f; do seed sheet "$f"; done
if [ -d "$fixtures/bad/fuzz" ]; then
    for t in pdf sheet recognize diff; do
        find "$fixtures/bad/fuzz" -name "$t-*" -exec cp {} "$here/corpus/$t/" \;
    done
fi

# Small, uncompressed one-page PDFs: mutations then reach the content
# streams and fonts instead of breaking the Flate data.
if command -v qpdf >/dev/null; then
    # file:page — the Shiogama producers, and the other cities' layouts
    # (Chromium bars and radical leaks, Writer side-by-side cards, a list).
    for fp in shiogama-2024-03/plan-ipaex:3 shiogama-2024-03/plan-noto:3 \
        shiogama-2024-03/plan-writer:3 kanda-2026-04/plan:2 mitoyo-2025-03/plan:3 \
        kikuyo-2025-10/plan:5 fujieda-2025-03/plan:3 hakuba-2025-04/plan-calc:1; do
        f=${fp%:*} page=${fp#*:}
        name=$(printf '%s' "$f" | tr '/' '_')
        qpdf "$fixtures/$f.pdf" --pages . "$page" -- "$here/corpus/pdf/$name-p$page.tmp.pdf"
        qpdf --qdf --object-streams=disable --stream-data=uncompress \
            "$here/corpus/pdf/$name-p$page.tmp.pdf" "$here/corpus/pdf/$name-p$page-qdf.pdf" || true
        rm -f "$here/corpus/pdf/$name-p$page.tmp.pdf"
    done
fi
# Two editions' JSON, NUL between (the diff target's input form).
for pair in "shiogama-2023-09/golden/plan.xlsx.json shiogama-2024-03/golden/plan.xlsx.json" \
    "shiogama-2023-09/golden/plan.pdf.json shiogama-2024-03/golden/plan-ipaex.pdf.json" \
    "fujieda-2025-03/golden/plan.xlsx.json fujieda-2025-03/golden/plan.pdf.json"; do
    set -- $pair
    name=$(printf '%s' "$1" | tr '/' '_')
    { cat "$fixtures/$1"; printf '\000'; cat "$fixtures/$2"; } >"$here/corpus/diff/$name"
done
ls "$here"/corpus/* | wc -l
