#!/bin/sh
# Copy the committed fixtures into fuzz/corpus/<target>/ as seeds (the
# corpora are not committed). Run from anywhere; safe to rerun.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/../fixtures"
mkdir -p "$here/corpus/pdf" "$here/corpus/sheet" "$here/corpus/recognize"
find "$fixtures" -name '*.pdf' -exec cp {} "$here/corpus/pdf/" \;
find "$fixtures" \( -name '*.xlsx' -o -name '*.xls' -o -name '*.ods' \) \
    -exec cp {} "$here/corpus/sheet/" \;
if [ -d "$fixtures/bad/fuzz" ]; then
    for t in pdf sheet recognize; do
        find "$fixtures/bad/fuzz" -name "$t-*" -exec cp {} "$here/corpus/$t/" \;
    done
fi

# Small, uncompressed one-page PDFs: mutations then reach the content
# streams and fonts instead of breaking the Flate data.
if command -v qpdf >/dev/null; then
    for f in shiogama-2024-03/plan-ipaex shiogama-2024-03/plan-noto shiogama-2024-03/plan-writer; do
        name=$(basename "$f")
        qpdf "$fixtures/$f.pdf" --pages . 3 -- "$here/corpus/pdf/$name-p3.tmp.pdf"
        qpdf --qdf --object-streams=disable --stream-data=uncompress \
            "$here/corpus/pdf/$name-p3.tmp.pdf" "$here/corpus/pdf/$name-p3-qdf.pdf" || true
        rm -f "$here/corpus/pdf/$name-p3.tmp.pdf"
    done
fi
ls "$here"/corpus/* | wc -l
