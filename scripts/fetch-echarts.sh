#!/bin/sh
# fetch-echarts.sh VERSION DEST — copy dist/echarts.min.js (and its licence) from the npm
# package `echarts` at VERSION to DEST. Used by the Makefile; the file is git-ignored.
set -eu
version=$1
dest=$2
command -v npm >/dev/null 2>&1 || { echo "npm not found" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$version" >/dev/null && tar xzf echarts-"$version".tgz)
mkdir -p "$(dirname "$dest")"
cp "$tmp/package/dist/echarts.min.js" "$dest.tmp"
cp "$tmp/package/LICENSE" "$(dirname "$dest")/LICENSE-echarts"
mv "$dest.tmp" "$dest"
echo "fetched echarts@$version into $dest"
