#!/usr/bin/env bash
# Long fuzzing runs, one target at a time (scripts/test.sh runs each target
# for 2 s only, to keep them alive in CI; this is for finding things):
#
#   bash scripts/fuzz.sh                        # every target, FUZZTIME (5m) each
#   FUZZTIME=90s bash scripts/fuzz.sh ./flights # only this package's targets
#   bash scripts/fuzz.sh ./flights FuzzBTS      # only targets matching a regexp
#
# Environment: FUZZTIME (per target, a Go duration or Nx; default 5m),
# FUZZPROCS (parallel fuzz workers, default 1: the machine is often shared).
#
# A failing input is written by go test to the package's testdata/fuzz/<Target>/
# and is a regression case from then on: fix the cause, keep the file.
# The script runs every target even after a failure and exits 1 at the end
# if any failed; it prints executions per target and the peak RSS of the run
# (the largest process: the fuzz worker or the compiler).
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZTIME=${FUZZTIME:-5m}
FUZZPROCS=${FUZZPROCS:-1}
pkgs=("${1:-./...}")
match=${2:-.}

log() { printf 'fuzz.sh: %s\n' "$*" >&2; }

failed=()
for pkg in $(go list "${pkgs[@]}"); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u | grep -E -- "$match" || true)
	for target in $targets; do
		log "$pkg $target for $FUZZTIME ($FUZZPROCS workers)"
		out=$(mktemp)
		start=$(date +%s)
		# /usr/bin/time reports the peak RSS of the largest child: the worker.
		if command -v /usr/bin/time >/dev/null; then
			timer=(/usr/bin/time -f 'peak RSS %M KiB')
		else
			timer=()
		fi
		if (cd "$dir" && "${timer[@]}" go test -run '^$' -fuzz "^$target\$" -fuzztime "$FUZZTIME" -parallel "$FUZZPROCS" .) >"$out" 2>&1; then
			status=ok
		elif ! grep -q 'Failing input written' "$out" && grep -q 'context deadline exceeded' "$out"; then
			status="ok (fuzztime deadline race, golang/go#75804)"
		else
			status=FAILED
			failed+=("$pkg $target")
			grep -v '^\s*$' "$out" | grep -v 'elapsed:' | tail -n 40 >&2
		fi
		execs=$(grep -o 'execs: [0-9]*' "$out" | tail -n 1 || true)
		rss=$(grep -o 'peak RSS [0-9]* KiB' "$out" | tail -n 1 || true)
		log "$pkg $target: $status after $(($(date +%s) - start)) s, ${execs:-execs: ?}, ${rss:-peak RSS ?}"
		rm -f "$out"
	done
done
if ((${#failed[@]})); then
	log "failed: ${failed[*]}"
	exit 1
fi
log "all targets passed"
