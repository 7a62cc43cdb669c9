#!/usr/bin/env bash
# The workspace's latency while its watcher polls hostile feeds (not a
# timed test).
#
# Serves a case (the seed and dev reports) twice, with the same open-loop
# load on the dashboard each time (bench/scalecase load): first with no
# watches, then as `serve --watch 2s --timeout 5s` polling the nine feeds of
# bench/hostilefeeds (hanging, dripping, 1 GiB bodies, a redirect loop, a
# gzip bomb, malformed and million-deep XML, 500s). Prints both latency
# lines, the p99 ratio, and how many poll failures the server logged (one
# line each); fails if the p99 more than doubles or the server stops
# answering.
#
#   bash bench/hostile.sh
#   RATE=50 DURATION=30s bash bench/hostile.sh
#
# Environment: RATE (requests/s, default 20), DURATION (default 30s),
# KEEP=1 keeps the temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-20}
DURATION=${DURATION:-30s}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/triangulate-hostile.XXXXXX")
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	[[ -n ${KEEP:-} ]] || rm -rf "$tmp"
}
trap cleanup EXIT

bin=$tmp/triangulate
go build -o "$bin" ./cmd/triangulate
go build -o "$tmp/scalecase" ./bench/scalecase
go build -o "$tmp/hostilefeeds" ./bench/hostilefeeds
db=$tmp/case.db
"$bin" --db "$db" ingest ../shared/seeds ../shared/eval/dev/texts >/dev/null 2>&1

freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
waitport() {
	for _ in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return
		sleep 0.1
	done
	echo "hostile: nothing listens on port $1" >&2
	exit 1
}

fport=$(freeport)
"$tmp/hostilefeeds" -addr "127.0.0.1:$fport" &
pids+=($!)
waitport "$fport"

# run serves the case with the given extra flags and loads the dashboard.
run() {
	local label=$1
	shift
	local port
	port=$(freeport)
	"$bin" --db "$db" serve --anonymous --addr "127.0.0.1:$port" "$@" >/dev/null 2>"$tmp/serve-$label.log" &
	local spid=$!
	pids+=("$spid")
	waitport "$port"
	"$tmp/scalecase" load -url "http://127.0.0.1:$port/" -rate "$RATE" -duration "$DURATION" >"$tmp/load-$label.json"
	if ! curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz"; then
		echo "hostile: the server stopped answering ($label)" >&2
		exit 1
	fi
	kill "$spid"
	wait "$spid" 2>/dev/null || true
	echo "$label: $(cat "$tmp/load-$label.json")"
}

run quiet
for f in hang drip huge huge-declared loop bomb malformed deep fail; do
	"$bin" --db "$db" watch add "http://127.0.0.1:$fport/$f" >/dev/null
done
run hostile --watch 2s --timeout 5s --allow-private

fails=$(grep -c 'watch: poll failed' "$tmp/serve-hostile.log" || true)
other=$(grep -v 'watch: poll failed\|polling watched URLs' "$tmp/serve-hostile.log" | grep -c 'watch' || true)
python3 - "$tmp/load-quiet.json" "$tmp/load-hostile.json" "$fails" "$other" <<'PY'
import json, sys
q, h = (json.load(open(p)) for p in sys.argv[1:3])
ratio = h["p99_ms"] / max(q["p99_ms"], 0.001)
print(f"p99 {q['p99_ms']:.1f} ms quiet, {h['p99_ms']:.1f} ms during hostile polls: ratio {ratio:.2f}; "
      f"{sys.argv[3]} failed polls logged (one line each), {sys.argv[4]} other watcher log lines")
sys.exit(1 if ratio > 2 else 0)
PY
