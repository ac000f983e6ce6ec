#!/bin/sh
# Installs the programs the tests drive when they are missing: poppler-utils (pdftotext,
# pdfinfo, pdffonts: the PDF tests) and Debian's chromium (the dashboard's browser test).
# Needs root and apt-get; a fresh Debian machine takes 1-3 minutes (chromium and its
# libraries are about a 100 MB download). Without root or apt-get it only warns; the tests
# then skip loudly (and fail under CI=true).
set -u
need=""
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need="$need chromium"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing the tools the tests drive:$need (apt-get; usually 1-3 minutes, about 100 MB to download)"
  start=$(date +%s)
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $need >/dev/null \
    || { echo "yjsreport: warning: could not install$need; the PDF or browser tests will skip" >&2; exit 0; }
  echo "installed$need in $(( $(date +%s) - start ))s"
else
  echo "yjsreport: warning: missing$need (install them, e.g. sudo apt-get install$need, to run the PDF and browser tests)" >&2
fi
