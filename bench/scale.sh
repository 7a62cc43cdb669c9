#!/usr/bin/env bash
# Fusion-at-scale bench (not a timed test).
#
# Builds the overlapping case of issue 12 at several sizes: sources made of
# 8 to 20 real re3d sentences drawn at random (bench/scalecase), so that
# sources repeat each other as relays do. For each size it runs what a user
# runs (ingest, extract, fuse) and prints fuse's wall time and peak memory,
# then the growth exponent (least-squares slope of log time on log sources),
# the cost of adding one source to the largest case (ingest + extract +
# fuse, as a user would), and the event page's latency percentiles for the
# largest event under an open-loop load.
#
#   bash bench/scale.sh                         # sizes 1000 2000 8000 32000
#   SIZES="1000 2000" bash bench/scale.sh
#   BASE_BIN=/tmp/old-triangulate BASE_SIZES="1000 2000" bash bench/scale.sh
#       # also runs an older build on the same cases, for ratios in one run
#
# To see where a fusion's time and memory go, keep the cases (KEEP=1) and
# run go run ./bench/fuseprof -db DIR/new-8000.db -full -cpu cpu.prof.
#
# Environment: SIZES, BASE_BIN, BASE_SIZES (default 1000 2000), ADD_AT (the
# case one source is added to, default the largest; with BASE_BIN also timed
# on the base build's case of that size if it has one), RATE (200),
# BASE_RATE (the older build's page load, default 2 a second),
# DURATION (20s), FUSE_TIMEOUT (seconds, default 1800), KEEP=1 keeps the
# temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 2000 8000 32000"}
BASE_SIZES=${BASE_SIZES:-"1000 2000"}
RATE=${RATE:-200}
BASE_RATE=${BASE_RATE:-2}
DURATION=${DURATION:-20s}
FUSE_TIMEOUT=${FUSE_TIMEOUT:-1800}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/triangulate-scale.XXXXXX")
if [[ -z ${KEEP:-} ]]; then trap 'rm -rf "$tmp"' EXIT; else echo "keeping $tmp" >&2; fi

go build -o "$tmp/triangulate" ./cmd/triangulate
go build -o "$tmp/scalecase" ./bench/scalecase

log() { printf 'scale: %s\n' "$*" >&2; }

# has_flag BIN CMD FLAG: whether BIN's CMD takes FLAG (read whole: grep -q
# closing the pipe early fails the pipeline under pipefail).
has_flag() {
	local help
	help=$("$1" "$2" --help 2>&1 || true)
	[[ $help == *"$3"* ]]
}

# timed CMD…: runs CMD under /usr/bin/time, prints "seconds peak_MB
# cpu_seconds" (user + system: on a shared machine the wall time also
# counts the other processes' turns).
timed() {
	local out=$tmp/time.$$
	if ! timeout "$FUSE_TIMEOUT" /usr/bin/time -f '%e %M %U %S' -o "$out" "$@" >"$tmp/cmd.log" 2>&1; then
		log "failed or timed out after ${FUSE_TIMEOUT}s: $*"
		tail -n 3 "$tmp/cmd.log" >&2 || true
		echo "fail fail fail"
		return
	fi
	awk '{printf "%.2f %.0f %.2f\n", $1, $2/1024, $3+$4}' "$out"
}

# build_case BIN N DB: ingests the first N generated sources into DB and
# extracts their claims (fusion is what is measured, separately).
build_case() {
	local bin=$1 n=$2 db=$3 dir=$tmp/case-$n
	[[ -d $dir ]] || "$tmp/scalecase" gen -n "$n" -out "$dir"
	local nox=""
	has_flag "$bin" ingest --no-extract && nox=--no-extract
	"$bin" --db "$db" ingest $nox "$dir" >/dev/null 2>"$tmp/ingest.log" || { tail -n 3 "$tmp/ingest.log" >&2; return 1; }
	"$bin" --db "$db" extract >/dev/null 2>&1
}

# fuse_cmd BIN: the full re-fusion command of that build.
fuse_args() {
	if has_flag "$1" fuse --full; then echo "fuse --full"; else echo "fuse"; fi
}

declare -A T M C U
run_sizes() { # LABEL BIN SIZES
	local label=$1 bin=$2 n
	for n in $3; do
		local db=$tmp/$label-$n.db
		log "$label: building the $n-source case"
		build_case "$bin" "$n" "$db"
		local claims
		claims=$("$bin" --db "$db" claims --json 2>/dev/null | wc -l)
		log "$label: fusing $n sources ($claims claims)"
		read -r t m u < <(timed "$bin" --db "$db" $(fuse_args "$bin"))
		T[$label,$n]=$t M[$label,$n]=$m C[$label,$n]=$claims U[$label,$n]=$u
		printf '%-6s %7d sources %7d claims   fuse %8s s   peak %6s MB   cpu %8s s\n' "$label" "$n" "$claims" "$t" "$m" "$u"
	done
}

# exponent LABEL SIZES [cpu]: slope of log(time) on log(n) over the sizes
# that completed (of the CPU time with a third argument).
exponent() {
	local label=$1 n pts="" v
	for n in $2; do
		if [[ -n ${3:-} ]]; then v=${U[$label,$n]:-fail}; else v=${T[$label,$n]:-fail}; fi
		[[ $v != fail ]] && pts+="$n $v"$'\n'
	done
	printf '%s' "$pts" | awk 'NF==2 && $2>0 {x=log($1); y=log($2); sx+=x; sy+=y; sxx+=x*x; sxy+=x*y; k++}
		END { if (k<2) {print "n/a"} else {printf "%.2f\n", (k*sxy-sx*sy)/(k*sxx-sx*sx)} }'
}

echo "== fusion time and memory"
run_sizes new "$tmp/triangulate" "$SIZES"
[[ -n ${BASE_BIN:-} ]] && run_sizes base "$BASE_BIN" "$BASE_SIZES"

echo "== growth exponent (log time / log sources)"
echo "new:  $(exponent new "$SIZES")  over $SIZES  (cpu time: $(exponent new "$SIZES" cpu))"
[[ -n ${BASE_BIN:-} ]] && echo "base: $(exponent base "$BASE_SIZES")  over $BASE_SIZES  (cpu time: $(exponent base "$BASE_SIZES" cpu))"
if [[ -n ${BASE_BIN:-} ]]; then
	echo "== ratios new/base, same run"
	for n in $BASE_SIZES; do
		if [[ ${T[new,$n]:-fail} != fail && ${T[base,$n]:-fail} != fail ]]; then
			awk -v n="$n" -v a="${T[new,$n]}" -v b="${T[base,$n]}" -v ma="${M[new,$n]}" -v mb="${M[base,$n]}" \
				-v ua="${U[new,$n]}" -v ub="${U[base,$n]}" \
				'BEGIN {printf "%7d sources: time %.3fx, peak memory %.3fx, cpu %.3fx\n", n, (b>0?a/b:0), (mb>0?ma/mb:0), (ub>0?ua/ub:0)}'
		fi
	done
fi

largest=$(echo "$SIZES" | tr ' ' '\n' | sort -n | tail -n 1)
db=$tmp/new-$largest.db
if [[ ${T[new,$largest]:-fail} == fail ]]; then
	log "the largest case did not fuse; skipping the add-one and load steps"
	exit 1
fi

add_at=${ADD_AT:-$largest}
echo "== adding one source to the $add_at-source case (ingest + extract + fuse, as a user runs it)"
"$tmp/scalecase" gen -n 1 -first $((add_at + 1)) -out "$tmp/add"
add_one() { # LABEL BIN DB
	local label=$1 bin=$2 db=$3 t m u
	[[ -f $db ]] || return 0
	if has_flag "$bin" ingest --no-extract; then
		# ingest extracts and fuses by default in this build
		read -r t m u < <(timed "$bin" --db "$db" ingest "$tmp/add")
		echo "$label add one source: $t s (cpu $u s, peak $m MB)"
	else
		local t0 t1
		t0=$(date +%s.%N)
		"$bin" --db "$db" ingest "$tmp/add" >/dev/null
		"$bin" --db "$db" extract >/dev/null
		"$bin" --db "$db" fuse >/dev/null
		t1=$(date +%s.%N)
		awk -v l="$label" -v a="$t0" -v b="$t1" 'BEGIN {printf "%s add one source: %.2f s\n", l, b-a}'
	fi
}
add_one new "$tmp/triangulate" "$tmp/new-$add_at.db"
[[ -n ${BASE_BIN:-} ]] && add_one base "$BASE_BIN" "$tmp/base-$add_at.db"
bin=$tmp/triangulate

echo "== event page of the largest event under load ($RATE req/s for $DURATION)"
ev=$("$bin" --db "$db" events --json | python3 -c '
import json, sys
best = max((json.loads(l) for l in sys.stdin if l.strip()), key=lambda e: (len(e.get("claims", [])), e["id"]))
print(best["id"], len(best.get("claims", [])))')
read -r evid evn <<<"$ev"
# page_load LABEL BIN: serves the largest case with BIN and loads the
# largest event's page; scalecase load first waits for the server's view of
# the case (up to 10 minutes, its time on stderr) and warms up for 3 s.
spid=""
trap 'if [[ -n $spid ]]; then kill "$spid" 2>/dev/null || true; fi; if [[ -z ${KEEP:-} ]]; then rm -rf "$tmp"; fi' EXIT
page_load() { # LABEL BIN RATE DURATION
	local label=$1 bin=$2 rate=$3 duration=$4 port
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	"$bin" --db "$db" serve --anonymous --addr "127.0.0.1:$port" >/dev/null 2>"$tmp/serve-$label.log" &
	spid=$!
	for _ in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
		sleep 0.1
	done
	printf '%-6s %4d req/s for %-4s ' "$label" "$rate" "$duration"
	"$tmp/scalecase" load -url "http://127.0.0.1:$port/events/$evid" -rate "$rate" -duration "$duration" 2>>"$tmp/load.log" || echo "load failed"
	cat "$tmp/load.log" >&2; : >"$tmp/load.log"
	kill "$spid" 2>/dev/null || true
	wait "$spid" 2>/dev/null || true
	spid=""
}
echo "event $evid ($evn claims)"
page_load new "$bin" "$RATE" "$DURATION"
# The older build on the same case, for the ratio in one run, at
# BASE_RATE: a build whose page costs seconds cannot be sent 200 requests a
# second without the machine running out of memory (every request in
# flight holds its page).
[[ -n ${BASE_BIN:-} ]] && page_load base "$BASE_BIN" "$BASE_RATE" "$DURATION"
exit 0
