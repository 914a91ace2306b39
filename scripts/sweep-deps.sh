#!/usr/bin/env bash
# What `make sweep` needs beyond `make setup`: LibreOffice Writer (DOCX → PDF, the way a unit
# exports its Word agreement), Chromium (the HTML printed to PDF by Skia), Ghostscript (`+gs`:
# re-distilled copies), the Thai font families a Word document names (TLWG, SIPA's Arundina,
# Sarabun from PyPI), python-docx, and fpdf2 with uharfbuzz (its HarfBuzz shaping). Kept out of
# `make setup` on purpose: the test suite reads only the committed sample PDFs and never needs
# them. Whatever cannot be installed only takes its producers out of the sweep.
set -u
VENV=${VENV:-.venv}
PKGS="libreoffice-writer-nogui libreoffice-calc-nogui chromium ghostscript fonts-thai-tlwg fonts-sipa-arundina fonts-dejavu-core"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "sweep-deps: no apt-get; install yourself:$missing" >&2
  else
    SUDO=""
    [ "$(id -u)" != 0 ] && SUDO="sudo -n"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    for p in $missing; do
      # shellcheck disable=SC2086
      $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 \
        || echo "sweep-deps: could not install $p (its producers are skipped)" >&2
    done
    fc-cache -f >/dev/null 2>&1 || true
  fi
fi
"$VENV/bin/python" -m pip install -q python-docx fontpkg-sarabun typst \
  || echo "sweep-deps: could not install python-docx / fontpkg-sarabun" >&2
"$VENV/bin/python" -m pip install -q "fpdf2>=2.8,<3" uharfbuzz \
  || echo "sweep-deps: could not install fpdf2 / uharfbuzz (the fpdf2 producer is skipped)" >&2
# Qt's QTextDocument + QPrinter: the `qt` producer (as Qt-based HTML-to-PDF tools print)
"$VENV/bin/python" -m pip install -q "PyQt5>=5.15,<6" \
  || echo "sweep-deps: could not install PyQt5 (the qt producer is skipped)" >&2
"$VENV/bin/python" -m pip install -q "pymupdf>=1.24" \
  || echo "sweep-deps: could not install PyMuPDF (the mupdf producer is skipped)" >&2
# Sarabun (the TH Sarabun New successor that Thai government documents are set in) comes from
# PyPI; LibreOffice finds fonts through fontconfig, so its files are linked where fontconfig looks
SARABUN=$("$VENV/bin/python" -c 'import fontpkg_sarabun as f; print(f.ROOT / "files")' 2>/dev/null)
if [ -n "$SARABUN" ] && [ -d "$SARABUN" ]; then
  FONTDIR=${XDG_DATA_HOME:-$HOME/.local/share}/fonts/sarabun
  mkdir -p "$FONTDIR" && cp -f "$SARABUN"/Sarabun-Regular.ttf "$SARABUN"/Sarabun-Bold.ttf "$FONTDIR"/ 2>/dev/null
  fc-cache -f "$FONTDIR" >/dev/null 2>&1 || true
fi
exit 0
