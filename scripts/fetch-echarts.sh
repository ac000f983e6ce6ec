#!/bin/sh
# fetch-echarts.sh VERSION DEST — copy dist/echarts.min.js (and its licence) from the npm
# package `echarts` at VERSION to DEST, so the dashboard draws offline. Used by the Makefile;
# the file is git-ignored. Needs npm and the npm registry (a 10 MB download: a few seconds
# on a good connection, a minute on a slow one; once per checkout).
set -eu
version=$1
dest=$2
command -v npm >/dev/null 2>&1 || { echo "npm not found (install Node.js, e.g. apt-get install npm)" >&2; exit 1; }
echo "fetching echarts@$version from the npm registry for the offline dashboard (10 MB, once per checkout)"
start=$(date +%s)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$version" >/dev/null && tar xzf echarts-"$version".tgz)
mkdir -p "$(dirname "$dest")"
cp "$tmp/package/dist/echarts.min.js" "$dest.tmp"
cp "$tmp/package/LICENSE" "$(dirname "$dest")/LICENSE-echarts"
mv "$dest.tmp" "$dest"
echo "fetched echarts@$version into $dest in $(( $(date +%s) - start ))s"
