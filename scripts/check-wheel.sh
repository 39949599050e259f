#!/usr/bin/env bash
# Build the wheel, install it into a fresh venv OUTSIDE the checkout and use it from there:
# `briefing-book topics` must list the ten bundled topics, and a small `build` must give a PDF
# whose fonts are all embedded. Catches a wheel that silently lacks content/ or resources/.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
PYTHON=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT

# build from a clean copy so stray build/ or egg-info folders in the checkout cannot leak in
mkdir "$work/src"
cp -r briefing content resources pyproject.toml setup.py README.md "$work/src/"
.venv/bin/python -m pip wheel -q --disable-pip-version-check --no-deps -w "$work/dist" "$work/src"
wheel=$(ls "$work"/dist/briefing_book-*.whl)

"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel"

cd "$work"  # nothing of the checkout on sys.path
export BRIEFING_BOOK_HOME="$work/home" PYTHONPATH= QT_QPA_PLATFORM=offscreen
where=$("$work/venv/bin/python" -c 'import briefing, sys; print(briefing.__file__)')
case "$where" in "$work/venv/"*) ;; *) echo "check-wheel: briefing imported from $where, not the fresh venv" >&2; exit 1;; esac

"$work/venv/bin/briefing-book" topics --json > topics.json
n=$("$work/venv/bin/python" -c 'import json; print(len(json.load(open("topics.json"))))')
[ "$n" = 10 ] || { echo "check-wheel: the installed wheel lists $n topics, not 10" >&2; exit 1; }

"$work/venv/bin/briefing-book" build --topic extradition --topic training -o small.pdf -q >/dev/null
# the other writers read their templates, reference.docx and CSL styles from the installed package too
for fmt in docx html; do
  "$work/venv/bin/briefing-book" build --topic extradition --style apa --format "$fmt" -o "small.$fmt" -q >/dev/null
  [ -s "small.$fmt" ] || { echo "check-wheel: no $fmt written" >&2; exit 1; }
done
"$checkout/.venv/bin/python" - small.pdf <<'PY'
"""Every font the PDF uses is embedded (a FontFile/FontFile2/FontFile3 in its descriptor)."""
import sys
from pypdf import PdfReader

reader = PdfReader(sys.argv[1])
fonts, missing = set(), set()
for page in reader.pages:
    for font in (page.get("/Resources", {}).get("/Font") or {}).values():
        font = font.get_object()
        for f in [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]:
            desc = f.get("/FontDescriptor")
            if desc is None:
                continue
            desc = desc.get_object()
            fonts.add(str(f["/BaseFont"]))
            if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(f["/BaseFont"]))
if not fonts or missing:
    sys.exit(f"check-wheel: fonts not embedded: {sorted(missing) or 'no embedded fonts at all'}")
print(f"check-wheel: the installed wheel lists 10 topics and exports {len(reader.pages)} pages "
      f"with {len(fonts)} embedded fonts")
PY
