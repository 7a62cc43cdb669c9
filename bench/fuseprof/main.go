// Command fuseprof fuses a stored case under Go's profilers, to find what
// fusion spends its time and memory on (bench/scale.sh measures it as a
// user runs it; this says why):
//
//	fuseprof -db case.db -full -cpu cpu.prof -heap heap.prof
//	fuseprof -db case.db -add new-source.txt -cpu add.prof   # ingest + extract, then fuse
//	go tool pprof -top -cum fuseprof cpu.prof
//
// -heap writes the allocations of the run to FILE and, while it runs, the
// heap at its largest sample (every 50 ms) to FILE.peak. It is bench
// tooling, not part of the product.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

func main() {
	db := flag.String("db", "", "the case's store (SQLite path or postgres:// URL)")
	cpu := flag.String("cpu", "", "write a CPU profile to this file")
	heap := flag.String("heap", "", "write the run's allocations to this file, and the heap at its peak to FILE.peak")
	full := flag.Bool("full", false, "fuse --full (rewrite every event and assessment)")
	n := flag.Int("n", 1, "fusion runs")
	add := flag.String("add", "", "a file to ingest (extracting its claims) before each fusion, as ingest does")
	flag.Parse()
	if err := run(*db, *cpu, *heap, *add, *full, *n); err != nil {
		log.Fatal(err)
	}
}

func run(db, cpu, heap, add string, full bool, n int) error {
	if db == "" {
		return fmt.Errorf("-db is required")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	cs := pipeline.New(st, pipeline.Options{})
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if heap != "" {
		runtime.MemProfileRate = 64 * 1024
		go peakHeap(heap + ".peak")
	}
	for range n {
		t0 := time.Now()
		if add != "" {
			ss, err := (&source.Ingester{}).FromFile(add)
			if err != nil {
				return err
			}
			if _, err := cs.Add(ctx, ss, true); err != nil {
				return err
			}
			log.Printf("add %v", time.Since(t0))
		}
		if full {
			_, err = cs.FuseFull(ctx)
		} else {
			_, err = cs.Fuse(ctx)
		}
		if err != nil {
			return err
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		log.Printf("fuse %v, heap sys %d MB, total alloc %d MB", time.Since(t0), ms.HeapSys>>20, ms.TotalAlloc>>20)
	}
	if heap != "" {
		f, err := os.Create(heap)
		if err != nil {
			return err
		}
		defer f.Close()
		return pprof.Lookup("allocs").WriteTo(f, 0)
	}
	return nil
}

// peakHeap writes the heap profile to path whenever the heap is larger than
// at any earlier sample.
func peakHeap(path string) {
	var best uint64
	for {
		time.Sleep(50 * time.Millisecond)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapAlloc <= best {
			continue
		}
		best = ms.HeapAlloc
		f, err := os.Create(path)
		if err != nil {
			log.Print(err)
			return
		}
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			log.Print(err)
		}
		f.Close()
	}
}
