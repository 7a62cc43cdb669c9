// Command triangulate turns conflicting reports into assessed events.
// This package only parses flags and wires packages together.
package main

import (
	"context"
	"math"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// The garbage collector's settings for the CLI's commands. They run for a
// fraction of a second to minutes over data they mostly keep (a flight scan
// holds every route's days and results): collecting at Go's default target
// of 100 spends more time stopping and scanning than the memory saved is
// worth — 'flights anomalies' on 3 million flights takes 0.37 s at the
// default and 0.19 s at 1000, its peak growing from 122 to 125 MB. The soft
// limit keeps a large job from letting garbage pile up past 1 GiB: near it
// the collector works as often as it must. The server runs for days and
// keeps Go's defaults (serverGC). GOGC and GOMEMLIMIT, when set, win.
const (
	batchGOGC     = 1000
	batchMemLimit = 1 << 30
)

func batchGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(batchGOGC)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(batchMemLimit)
	}
}

// fusionGOGC is the collector's target for the commands that fuse (fuse,
// ingest). Fusion keeps a small live set (about 150 MB at 8,000
// overlapping sources: the claims and their grouping fields) while
// allocating ten times that, so at batchGOGC its garbage piles up to the
// soft limit: 'fuse --full' peaked at 1.14 GB there, and at 690 MB with
// this target, for the same CPU time (8.6 and 8.9 s, 14 collections of a
// small heap instead of 4).
const fusionGOGC = 200

func fusionGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(fusionGOGC)
	}
}

// serverGC restores Go's defaults for a long-running server.
func serverGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

func main() {
	batchGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
