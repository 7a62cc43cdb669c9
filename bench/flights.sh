#!/usr/bin/env bash
# Benchmark: the flight path a user runs — 'triangulate flights load FILE'
# then 'triangulate flights anomalies' (each its own process, the series
# stored in and read back from a SQLite case store) — against DuckDB
# computing only the route-day counts of the same file, in the same run.
# Prints each wall time, the ratio of the user path to DuckDB and the peak
# RSS of each process. Target: the ratio at most 1, peak memory under 300 MB.
#
#   bash bench/flights.sh [FILE.parquet]
#
# Needs Go and Node; installs @duckdb/node-api into bench/node_modules
# (not committed). Not a test: timings depend on the machine and its load,
# so both sides are measured alternately, RUNS times (default 5), and the
# best of each is compared.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
file=${1:-$root/../shared/data/flights-3m.parquet}
runs=${RUNS:-5}
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 2; }
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/triangulate" ./cmd/triangulate)
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
	(cd "$here" && npm install --no-save --no-audit --no-fund --silent @duckdb/node-api >/dev/null)
fi

# timed NAME CMD…: runs CMD once, appends "wall kb" to $tmp/NAME.
timed() {
	local name=$1; shift
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
	cat "$tmp/time" >>"$tmp/$name"
}

echo "file: $file  ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
for i in $(seq 1 "$runs"); do
	timed duckdb node "$here/duckdb-count.mjs" "$file"
	rm -f "$tmp"/case.db*
	timed load "$tmp/triangulate" --db "$tmp/case.db" flights load "$file"
	[ "$i" = 1 ] && sed 's/^/  load: /' "$tmp/out"
	timed anomalies "$tmp/triangulate" --db "$tmp/case.db" flights anomalies
	[ "$i" = 1 ] && head -3 "$tmp/out" | sed 's/^/  anomalies: /'
done

# Best wall time of one side, and of load + anomalies run by run.
awk -v runs="$runs" '
	FILENAME ~ /duckdb$/    { d[FNR] = $1; dm = ($2 > dm ? $2 : dm) }
	FILENAME ~ /load$/      { l[FNR] = $1; lm = ($2 > lm ? $2 : lm) }
	FILENAME ~ /anomalies$/ { a[FNR] = $1; am = ($2 > am ? $2 : am) }
	END {
		bd = bl = ba = bu = 1e9
		for (i = 1; i <= runs; i++) {
			if (d[i] < bd) bd = d[i]
			if (l[i] < bl) bl = l[i]
			if (a[i] < ba) ba = a[i]
			if (l[i] + a[i] < bu) bu = l[i] + a[i]
		}
		printf "duckdb count only              best of %d: %5.2f s   peak RSS %4d MB\n", runs, bd, dm / 1024
		printf "triangulate flights load       best of %d: %5.2f s   peak RSS %4d MB\n", runs, bl, lm / 1024
		printf "triangulate flights anomalies  best of %d: %5.2f s   peak RSS %4d MB\n", runs, ba, am / 1024
		printf "user path (load + anomalies)   best of %d: %5.2f s\n", runs, bu
		printf "ratio user path / duckdb count: %.2f   (target: <= 1; peak memory target: < 300 MB)\n", bu / bd
	}' "$tmp/duckdb" "$tmp/load" "$tmp/anomalies"
