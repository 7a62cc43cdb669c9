#!/usr/bin/env bash
# Crash-safety probe for fusion and flight loads (not a timed test).
#
# Builds a case (N overlapping sources from bench/scalecase, fused once, and
# a flight dataset loaded from ../shared/data/flights-3m.parquet), then, TRIALS
# times each, starts `triangulate fuse` or `triangulate flights load` and
# kills it with SIGKILL at a random moment inside its measured run time.
# After every kill: the store must open and pass SQLite's integrity_check,
# the events (and assessments) must be exactly those of the previous fusion,
# the dataset exactly the previous one, and a rerun must complete and give
# them again. Exits 1 at the first violation.
#
#   bash bench/crash.sh                # N=1000 sources, TRIALS=20
#   N=300 TRIALS=40 bash bench/crash.sh
#
# Environment: N, TRIALS, BIN (a triangulate binary to probe instead of
# building this checkout's), KEEP=1 keeps the temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
TRIALS=${TRIALS:-20}
flights=../shared/data/flights-3m.parquet

tmp=$(mktemp -d "${TMPDIR:-/tmp}/triangulate-crash.XXXXXX")
[[ -n ${KEEP:-} ]] || trap 'rm -rf "$tmp"' EXIT
bin=${BIN:-$tmp/triangulate}
[[ -n ${BIN:-} ]] || go build -o "$bin" ./cmd/triangulate
go build -o "$tmp/scalecase" ./bench/scalecase
"$tmp/scalecase" gen -n "$N" -out "$tmp/docs" >/dev/null
db=$tmp/case.db
t() { "$bin" --db "$db" "$@"; }

t ingest --no-extract "$tmp/docs" >/dev/null
t extract >/dev/null
t fuse >/dev/null
t flights load --dataset big "$flights" >/dev/null

# snapshot prints what must survive a kill: events with their members and
# assessments, and every route of the dataset with its days.
snapshot() {
	t events --json
	t flights routes --dataset big --json
	t flights series --dataset big --json IKA NJF 2>/dev/null || true
}
# check verifies the store after a kill against the snapshot $1.
check() {
	local what=$1 want=$2
	local ok
	ok=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1 || true)
	if [[ $ok != ok ]] && command -v sqlite3 >/dev/null; then
		echo "crash: after killing $what: integrity_check: $ok" >&2
		exit 1
	fi
	if ! snapshot >"$tmp/now" 2>"$tmp/err"; then
		echo "crash: after killing $what the store does not open:" >&2
		cat "$tmp/err" >&2
		exit 1
	fi
	if ! cmp -s "$want" "$tmp/now"; then
		echo "crash: after killing $what the stored case changed:" >&2
		diff "$want" "$tmp/now" | head -n 20 >&2
		exit 1
	fi
}

snapshot >"$tmp/before"
ms() { date +%s%3N; }
a=$(ms)
t fuse >/dev/null
fuse_ms=$(($(ms) - a))
a=$(ms)
t flights load --dataset big "$flights" >/dev/null
load_ms=$(($(ms) - a))
check "nothing" "$tmp/before" # a rerun over the same inputs stores the same
echo "fuse takes ${fuse_ms} ms, flights load ${load_ms} ms over $N sources; $TRIALS kills of each"

# trial kills one run of "$@" after a random delay within max_ms.
killed=0 finished=0
trial() {
	local max_ms=$1
	shift
	local delay=$((RANDOM * max_ms / 32768))
	# The binary itself, not the function t: $! must be the process killed.
	"$bin" --db "$db" "$@" >/dev/null 2>&1 &
	local pid=$!
	sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }')"
	if kill -9 "$pid" 2>/dev/null; then
		killed=$((killed + 1))
	else
		finished=$((finished + 1))
	fi
	wait "$pid" 2>/dev/null || true
}

for i in $(seq 1 "$TRIALS"); do
	trial "$fuse_ms" fuse
	check "fuse (trial $i)" "$tmp/before"
done
for i in $(seq 1 "$TRIALS"); do
	trial "$load_ms" flights load --dataset big "$flights"
	check "flights load (trial $i)" "$tmp/before"
done
# A rerun after the last kill completes and gives the same case.
t fuse >/dev/null
t flights load --dataset big "$flights" >/dev/null
check "nothing (final rerun)" "$tmp/before"
echo "crash: $((2 * TRIALS)) trials ($killed killed mid-run, $finished finished first): store opened and intact every time, reruns complete"
