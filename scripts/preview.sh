#!/usr/bin/env bash
# Renders the demo month's workbooks to PDF and PNG with LibreOffice headless, so the dashboard can be
# looked at without Excel. Not part of `make test`.
#   scripts/preview.sh [BIN] [INPUTS] [PREVIEW_DIR] [WORKBOOK_LANG]
# Closes INPUTS (default inputs/) into a temporary outputs folder with BIN (default the release build),
# converts every workbook (management, finance, each region's) to PDF, and each PDF's first page (the
# dashboard, the reimbursement summary, the region's people) to PNG at 60 dpi, into PREVIEW_DIR (default
# preview/, region workbooks under PREVIEW_DIR/regions/). Prints the paths.
set -euo pipefail

BIN="${1:-.build/release/salesclose}"
INPUTS="${2:-inputs}"
PREVIEW="${3:-preview}"
LANG_OPT="${4:-zh}"

for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "preview: $tool not found (make preview installs libreoffice, poppler-utils and fonts-noto-cjk)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/salesclose-preview.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/outputs" "$work/profile" "$PREVIEW"

"$BIN" close --inputs "$INPUTS" --outputs "$work/outputs" --lang "$LANG_OPT" >"$work/close.log" 2>&1 \
  || { cat "$work/close.log" >&2; exit 1; }
period_dir="$(find "$work/outputs" -mindepth 1 -maxdepth 1 -type d -name '20[0-9][0-9]-[0-9][0-9]' | sort | tail -n 1)"
[ -n "$period_dir" ] || { echo "preview: the close wrote no period folder" >&2; exit 1; }

books=()
for f in "$period_dir"/management-*.xlsx "$period_dir"/finance-*.xlsx; do
  [ -f "$f" ] && books+=("$f")
done
regions=()
for f in "$period_dir"/regions/*.xlsx; do
  [ -f "$f" ] && regions+=("$f")
done
[ "${#books[@]}" -gt 0 ] || { echo "preview: no workbook in $period_dir" >&2; exit 1; }
if ! ls "$period_dir"/management-*.xlsx >/dev/null 2>&1; then
  echo "preview: note: the close wrote no management workbook (not wired into the close yet)" >&2
fi

# A private LibreOffice profile: no clash with a running office, nothing written to ~.
export HOME="$work"
for f in "${books[@]}"; do
  soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work/pdf" "$f" >/dev/null 2>&1
done
if [ "${#regions[@]}" -gt 0 ]; then
  mkdir -p "$PREVIEW/regions"
  soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work/pdf-regions" "${regions[@]}" >/dev/null 2>&1
  for pdf in "$work"/pdf-regions/*.pdf; do
    name="$(basename "$pdf" .pdf)"
    cp "$pdf" "$PREVIEW/regions/$name.pdf"
    pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "$PREVIEW/regions/$name"
    echo "$PREVIEW/regions/$name.pdf"
  done
fi

for pdf in "$work"/pdf/*.pdf; do
  name="$(basename "$pdf" .pdf)"
  cp "$pdf" "$PREVIEW/$name.pdf"
  # The first page (the dashboard, the reimbursement summary) as a picture; the PDF has every sheet.
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "$PREVIEW/$name"
  echo "$PREVIEW/$name.pdf"
  echo "$PREVIEW/$name.png"
done
