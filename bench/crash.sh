#!/usr/bin/env bash
# Crash-safety probe for fusion, flight loads and ingest (not a timed test).
#
# Each trial starts from a saved store in a state A, runs a command that
# moves it to a different state B, and kills it with SIGKILL at a random
# moment inside its measured run time. After every kill the store must open
# (the CLI lists it) and pass SQLite's integrity_check, and:
#
#   fuse          A = the store of N1 fused sources with N2 more ingested and
#                 extracted; B = the fusion of all N1+N2. Events, assessments
#                 and claims' event links must be all A's or all B's.
#   flights load  A = dataset "big" from a small generated BTS file; B = the
#                 same dataset from ../shared/data/flights-3m.parquet. Its
#                 series must be all A's or all B's.
#   ingest        A = N1 sources; the run ingests (and extracts) N2 more. A's
#                 sources must be untouched, each new source present must have
#                 all the claims it has in B or none (a source and its claims
#                 are two writes), and a rerun of the ingest must give B.
#
# A rerun after the last kill must complete and give B. A and B must differ
# (else nothing would be proven), and before the trials the probe checks its
# own checker: a store with B's events but A's assessments, and one with a
# source stored without its claims, must both be reported as broken.
# Exits 1 at the first violation.
#
#   bash bench/crash.sh                          # N1=600 N2=400, TRIALS=20
#   TRIALS=40 bash bench/crash.sh
#   BIN=/path/to/old/triangulate bash bench/crash.sh   # probe another build
#
# Environment: N1, N2, TRIALS, BIN (a triangulate binary to probe instead of
# building this checkout's), KEEP=1 keeps the temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."

N1=${N1:-600}
N2=${N2:-400}
TRIALS=${TRIALS:-20}
flights=../shared/data/flights-3m.parquet
command -v sqlite3 >/dev/null || { echo "crash: needs the sqlite3 command" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/triangulate-crash.XXXXXX")
[[ -n ${KEEP:-} ]] || trap 'rm -rf "$tmp"' EXIT
bin=${BIN:-$tmp/triangulate}
[[ -n ${BIN:-} ]] || go build -o "$bin" ./cmd/triangulate
go build -o "$tmp/scalecase" ./bench/scalecase
"$tmp/scalecase" gen -n "$N1" -out "$tmp/docs1" >/dev/null
"$tmp/scalecase" gen -n "$N2" -first $((N1 + 1)) -out "$tmp/docs2" >/dev/null
# A small BTS file: a few routes over a week, none of them in flights-3m's shape.
{
	echo "date,origin,destination"
	for d in 01 02 03 04 05 06 07; do
		for r in "IKA,NJF" "NJF,IKA" "BGW,DXB"; do echo "2024-04-$d 08:00,$r"; done
	done
} >"$tmp/small.csv"

db=$tmp/case.db
t() { "$bin" --db "$db" "$@"; }
# save and restore copy a closed store (with its WAL, if any) aside and back.
save() { rm -f "$1"*; for f in "$db"*; do cp "$f" "$1${f#"$db"}"; done; }
restore() { rm -f "$db"*; for f in "$1"*; do cp "$f" "$db${f#"$1"}"; done; }

# The states, read straight from the tables so that nothing the CLI
# formats can hide a half-written store.
q() { sqlite3 -batch -noheader "$db" "$1"; }
fusion() {
	q 'SELECT id, doc FROM events ORDER BY id' | md5sum
	q 'SELECT event_id, doc FROM assessments ORDER BY event_id' | md5sum
	q 'SELECT id, event_id FROM claims ORDER BY id' | md5sum
}
# qq is q for a table one schema version has and the other lacks
# (series became route_series).
qq() { q "$1" 2>/dev/null || true; }
dataset() {
	qq "SELECT * FROM series WHERE dataset = 'big' ORDER BY origin, dest, day" | md5sum
	qq "SELECT dataset, origin, dest, first_day, days, flights, missing, hex(counts) FROM route_series WHERE dataset = 'big' ORDER BY origin, dest" | md5sum
}
# perSource lists every source by content hash with its number of claims.
perSource() {
	q "SELECT s.content_hash || ' ' || (SELECT count(*) FROM claims c WHERE c.source_id = s.id) FROM sources s" | LC_ALL=C sort
}

fail() { echo "crash: $*" >&2; exit 1; }

# opens checks that the store passes integrity_check and the CLI opens it.
opens() {
	local ok
	ok=$(q 'PRAGMA integrity_check' 2>&1 || true)
	[[ $ok == ok ]] || fail "after $1: integrity_check: $ok"
	t sources >/dev/null 2>"$tmp/err" && t events >/dev/null 2>>"$tmp/err" ||
		fail "after $1 the store does not open: $(cat "$tmp/err")"
}

# oneOf checks that state function $2 gives the snapshot in file $3 or $4.
oneOf() {
	local what=$1 state=$2 a=$3 b=$4
	"$state" >"$tmp/now"
	cmp -s "$tmp/now" "$a" && return 0
	cmp -s "$tmp/now" "$b" && return 0
	echo "crash: after $what the store holds neither the previous nor the new $state:" >&2
	paste "$a" "$b" "$tmp/now" | awk '{ printf "  before %s  after %s  now %s\n", $1, $3, $5 }' >&2
	return 1
}

# wholeSources checks that every source of A is unchanged and every other
# source has the claims it has in B.
wholeSources() {
	local what=$1 bad
	perSource >"$tmp/now"
	# A's sources, all of them, as they were.
	bad=$(LC_ALL=C comm -23 "$tmp/src.a" "$tmp/now" | head -n 3)
	[[ -z $bad ]] || { echo "crash: after $what sources of the previous state changed or vanished: $bad" >&2; return 1; }
	# Every source now present is one of B's, with all B's claims or none:
	# a source and its claims are two writes, and a source without claims
	# is extracted by the next ingest of it (checked after each kill).
	bad=$(LC_ALL=C comm -23 "$tmp/now" "$tmp/src.b" | grep -v ' 0$' | head -n 3)
	[[ -z $bad ]] || { echo "crash: after $what a source is stored without all its claims (hash, claims): $bad" >&2; return 1; }
}

# ---------------------------------------------------------------- states
# extract is a no-op where ingest extracts (older builds did not).
t ingest "$tmp/docs1" >/dev/null 2>&1
t extract >/dev/null
t fuse >/dev/null
t flights load --dataset big --max-rejected 100% "$tmp/small.csv" >/dev/null 2>&1 ||
	t flights load --dataset big "$tmp/small.csv" >/dev/null
dataset >"$tmp/dataset.a"
perSource >"$tmp/src.a"
save "$tmp/A.db"

ms() { date +%s%3N; }
a=$(ms)
t ingest "$tmp/docs2" >/dev/null 2>&1
ingest_ms=$(($(ms) - a))
perSource >"$tmp/src.b"
t extract >/dev/null
save "$tmp/Aplus.db" # A with N2 more sources, extracted, not yet fused
# The fusion a killed fuse must leave if it leaves the old one: A's events,
# as this build's ingest and extract left them (an ingest that fuses on its
# own has already replaced them; new claims belong to no event yet).
fusion >"$tmp/fusion.prev"
a=$(ms)
t fuse >/dev/null
fuse_ms=$(($(ms) - a))
fusion >"$tmp/fusion.b"
a=$(ms)
t flights load --dataset big "$flights" >/dev/null
load_ms=$(($(ms) - a))
dataset >"$tmp/dataset.b"
save "$tmp/B.db"
cmp -s "$tmp/fusion.prev" "$tmp/fusion.b" && fail "the two fusions are alike: nothing to tell apart"
cmp -s "$tmp/dataset.a" "$tmp/dataset.b" && fail "the two datasets are alike: nothing to tell apart"
# A rerun over the same inputs must store the same B, or no kill could be judged.
t fuse >/dev/null
fusion | cmp -s - "$tmp/fusion.b" || fail "fusing the same case twice stores different events"

# ---------------------------------------------------------------- the checker's own check
# B's events with A's assessments: what two transactions leave when the
# second is killed.
restore "$tmp/B.db"
sqlite3 "$tmp/A.db" ".mode insert assessments" "SELECT * FROM assessments" >"$tmp/old-assessments.sql"
{ echo "BEGIN; DELETE FROM assessments;"; cat "$tmp/old-assessments.sql"; echo "COMMIT;"; } | sqlite3 -batch "$db"
if oneOf "a forged half fusion" fusion "$tmp/fusion.prev" "$tmp/fusion.b" 2>/dev/null; then
	fail "the checker accepts B's events with A's assessments"
fi
# A new source with part of its claims.
restore "$tmp/B.db"
q "DELETE FROM claims WHERE id = (SELECT max(id) FROM claims WHERE source_id = (SELECT max(source_id) FROM claims))"
if wholeSources "a forged half ingest" 2>/dev/null; then
	fail "the checker accepts a source stored with part of its claims"
fi
echo "crash: checker rejects forged half states (B events with A assessments; a source with part of its claims)"
echo "crash: ingest of $N2 takes ${ingest_ms} ms, fuse of $((N1 + N2)) ${fuse_ms} ms, flights load ${load_ms} ms; $TRIALS kills of each"

# ---------------------------------------------------------------- trials
killed=0 finished=0
# trial kills one run of "$@" after a random delay within max_ms.
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
	restore "$tmp/Aplus.db"
	trial "$fuse_ms" fuse
	opens "fuse (trial $i)"
	oneOf "killing fuse (trial $i)" fusion "$tmp/fusion.prev" "$tmp/fusion.b" || exit 1
done
t fuse >/dev/null
oneOf "the rerun of fuse" fusion "$tmp/fusion.b" "$tmp/fusion.b" || exit 1

for i in $(seq 1 "$TRIALS"); do
	restore "$tmp/A.db"
	trial "$load_ms" flights load --dataset big "$flights"
	opens "flights load (trial $i)"
	oneOf "killing flights load (trial $i)" dataset "$tmp/dataset.a" "$tmp/dataset.b" || exit 1
done
t flights load --dataset big "$flights" >/dev/null
oneOf "the rerun of flights load" dataset "$tmp/dataset.b" "$tmp/dataset.b" || exit 1

for i in $(seq 1 "$TRIALS"); do
	restore "$tmp/A.db"
	trial "$ingest_ms" ingest "$tmp/docs2"
	opens "ingest (trial $i)"
	wholeSources "killing ingest (trial $i)" || exit 1
	t ingest "$tmp/docs2" >/dev/null 2>&1 || fail "the rerun of ingest after trial $i fails"
	perSource >"$tmp/now"
	cmp -s "$tmp/now" "$tmp/src.b" ||
		fail "after killing ingest (trial $i) its rerun leaves sources without their claims: $(LC_ALL=C comm -23 "$tmp/now" "$tmp/src.b" | head -n 3 | tr '\n' ' ')"
done

echo "crash: $((3 * TRIALS)) trials ($killed killed mid-run, $finished finished first): the store opened every time, held the whole previous or the whole new fusion and dataset and only sources with all their claims or none, and reruns completed the new state"
