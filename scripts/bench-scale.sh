#!/bin/sh
# bench-scale.sh BINARY [SIZES...] — the end-to-end scale run of `make bench`: synthetic exports
# for each number of children (default 2000 20000 200000) made with `yjsreport sample`, then
# `yjsreport generate` timed on each, printing wall time and peak memory as a table.
# Targets on a 2-core machine: 2,000 children < 0.5 s; 20,000 < 3 s; 200,000 < 30 s and < 1 GiB.
set -eu
bin=$1
shift
sizes=${*:-2000 20000 200000}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/yjsreport-scale}
mkdir -p "$work"
timer=/usr/bin/time
[ -x "$timer" ] || { echo "bench-scale: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }

printf '%-10s %10s %12s %12s %12s\n' children "input MB" "rows" "wall s" "peak MiB"
for n in $sizes; do
  in="$work/in-$n"
  if [ ! -f "$in/.done" ]; then
    rm -rf "$in"
    "$bin" sample --out "$in" --children "$n" --seed 1 >/dev/null
    touch "$in/.done"
  fi
  out="$work/out-$n"
  rm -rf "$out"
  "$timer" -v -o "$work/time-$n.txt" "$bin" generate --in "$in" --out "$out" --as-of 2019-01-31 >"$work/log-$n.txt"
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time-$n.txt" |
    awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time-$n.txt")
  mb=$(du -sm "$in" | cut -f1)
  rows=$(sed -n 's/^read [0-9,]* extract sheets: \([0-9,]*\) rows.*/\1/p' "$work/log-$n.txt")
  printf '%-10s %10s %12s %12s %12s\n' "$n" "$mb" "$rows" "$wall" "$((rss / 1024))"
done
