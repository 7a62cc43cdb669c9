#!/usr/bin/env bash
# Benchmark: Triangulate's route-day counting plus the anomaly scan over
# every route of flights-3m.parquet, against DuckDB computing only the
# route-day counts of the same file, in the same run. Prints both wall
# times, their ratio and peak RSS. Target: Triangulate's whole scan no
# slower than DuckDB's count alone; peak memory under 300 MB.
#
#   bash bench/flights.sh [FILE.parquet]
#
# Needs Go and Node; installs @duckdb/node-api into bench/node_modules
# (not committed). Not a test: timings depend on the machine and its load.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
file=${1:-$root/../shared/data/flights-3m.parquet}
runs=${RUNS:-3}
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 2; }
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/flightscan" ./bench/flightscan)
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
	(cd "$here" && npm install --no-save --no-audit --no-fund --silent @duckdb/node-api >/dev/null)
fi

# measure NAME CMD…: best wall time (s) and peak RSS (MB) over $runs runs.
measure() {
	local name=$1; shift
	local best="" rss=0 i
	for i in $(seq 1 "$runs"); do
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
		read -r wall kb <"$tmp/time"
		if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
		[ "$kb" -gt "$rss" ] && rss=$kb
	done
	sed 's/^/  /' "$tmp/out"
	printf '%-34s best of %d: %6.2f s   peak RSS %4d MB\n' "$name" "$runs" "$best" $((rss / 1024))
	eval "${name//[^a-z]/_}=$best"
}

echo "file: $file  ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
measure "duckdb count only" node "$here/duckdb-count.mjs" "$file"
measure "triangulate count only" "$tmp/flightscan" -count-only "$file"
measure "triangulate count + anomaly scan" "$tmp/flightscan" "$file"
awk -v d="$duckdb_count_only" -v c="$triangulate_count_only" -v s="$triangulate_count___anomaly_scan" 'BEGIN{
	printf "ratio count/duckdb: %.2f   (count + scan)/duckdb: %.2f   (target: <= 1)\n", c/d, s/d }'
