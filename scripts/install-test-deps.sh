#!/bin/sh
# Installs the programs the tests drive when they are missing: poppler-utils (pdftotext,
# pdfinfo, pdffonts: the PDF tests) and Debian's chromium (the dashboard's browser test).
# Without root or apt-get it only warns; the tests then skip loudly (and fail under CI=true).
set -u
need=""
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need="$need chromium"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing test tools:$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $need >/dev/null \
    || { echo "yjsreport: warning: could not install$need" >&2; exit 0; }
else
  echo "yjsreport: warning: missing$need (install them to run the PDF and browser tests)" >&2
fi
