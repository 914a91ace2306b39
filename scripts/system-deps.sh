#!/usr/bin/env bash
# Debian packages thaikpi uses beyond PyPI: tesseract + Thai model (OCR of scanned pages),
# Thai fonts (PDF reports, PUA checks), poppler-utils (pdftotext in report tests), PostgreSQL
# (store tests), Chromium (HTML report test), Pango (WeasyPrint). Best effort: without root or
# apt-get it says what is missing and the features that need them report it clearly.
set -u
PKGS="tesseract-ocr tesseract-ocr-tha fonts-tlwg-laksaman-ttf fonts-thai-tlwg fonts-sipa-arundina poppler-utils postgresql libpango-1.0-0 libpangoft2-1.0-0 chromium"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get; install yourself:$missing" >&2; exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "system-deps: not root; install yourself:$missing" >&2; exit 0; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 \
  || { for p in $missing; do $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 || echo "system-deps: could not install $p" >&2; done; }
exit 0
