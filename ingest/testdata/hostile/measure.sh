#!/bin/sh
# measure.sh CORPUS [YJSREPORT]: runs `yjsreport validate --partial` on each folder of the big
# hostile corpus (written by: go test ./ingest -run TestWriteHostileCorpus -hostile.corpus
# CORPUS) under /usr/bin/time -v, and prints per case the exit status, the wall time, the peak
# resident memory and the first line of output. Then the whole corpus in one folder (which
# stops at the first file in name order that cannot be read), and every case that can be read
# in one folder (read to the end). --partial: each case has a disposals extract at most, and
# a missing extract is not what is measured. The folders are hard links (copies across
# filesystems): a symbolic link to a file outside the input folder is not read.
set -u
corpus=$1
bin=${2:-yjsreport}
printf '%-28s %4s %9s %9s  %s\n' case exit seconds peak-MiB output
run() {
	name=$1 dir=$2
	out=$(mktemp)
	/usr/bin/time -v -o "$out.time" timeout 300 "$bin" validate --partial --in "$dir" --as-of 2019-01-31 >"$out" 2>&1
	rc=$?
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out.time" | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out.time")
	printf '%-28s %4s %9s %9d  %s\n' "$name" "$rc" "$wall" $((rss / 1024)) "$(grep -m1 -E 'error|accepted|read' "$out" | cut -c1-150)"
	rm -f "$out" "$out.time"
}
link() { ln "$1" "$2" 2>/dev/null || cp "$1" "$2"; }
all=$(mktemp -d)
readable=$(mktemp -d)
for d in "$corpus"/*/; do
	name=$(basename "$d")
	run "$name" "$d"
	if "$bin" validate --partial --in "$d" --as-of 2019-01-31 >/dev/null 2>&1; then
		ok=1
	else
		ok=0
	fi
	for f in "$d"*; do
		link "$f" "$all/$name-$(basename "$f")"
		[ $ok = 1 ] && link "$f" "$readable/$name-$(basename "$f")"
	done
done
run "(all in one folder)" "$all"
run "(all readable, one folder)" "$readable"
rm -rf "$all" "$readable"
