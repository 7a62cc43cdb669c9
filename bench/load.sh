#!/bin/sh
# Load bench for the workspace server (not a timed test).
#
# Builds a SQLite store with the seed case (triangulate demo) plus 10,000
# synthetic ingested sources (their claims extracted and the case fused:
# about 10,000 claims and events more), serves it in-process on 127.0.0.1, and sends an
# open-loop load at a fixed rate (default 200 req/s for 30 s) alternating
# GET /events/{deploy event} (HTML page) and GET /api/v1/claims?limit=50.
# Prints requests, errors, achieved throughput, p50/p90/p99/max latency and a
# PASS/FAIL verdict against the target: p99 < 50 ms with no errors.
# Only loopback traffic. Extra flags are passed through, e.g.
#   bench/load.sh -duration 10s -rate 400
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/triangulate" ./cmd/triangulate
go build -o "$tmp/load" ./bench/load
"$tmp/load" -triangulate "$tmp/triangulate" -rate 200 -duration 30s "$@"
