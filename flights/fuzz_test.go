package flights

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/knowledge"
)

// The fuzz targets below feed each flight reader arbitrary bytes, seeded
// with the real samples in testdata and ../shared/data. A reader may refuse
// a file or reject rows, but must not panic, must account for every record
// it read (Rows = OK + Rejected), must keep its error list bounded, and must
// return no flight without an airport on either end or a departure time.

// fuzzReader is the body every target shares: write data to a file named
// name (the extension matters to Open) and read it to the end as format.
func fuzzReader(f *testing.F, format Format, name string, opt Options, seeds ...string) {
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		defer checkAlloc(t, len(data))()
		r, err := Open(path, format, opt)
		if err != nil {
			return // refused as a whole: fine, as long as it did not panic
		}
		defer r.Close()
		n := 0
		for {
			fl, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return
			}
			n++
			if fl.Dep.IsZero() {
				t.Fatalf("flight %d without a departure time: %+v", n, fl)
			}
			// Each record of the file yields at most a few flights (a
			// position trace a leg per landing); more would be made up.
			if n > len(data)+1 {
				t.Fatalf("%d flights from %d bytes", n, len(data))
			}
		}
		rep := r.Report()
		if rep.Rows != rep.OK+rep.Rejected {
			t.Fatalf("report counts %d rows, %d ok, %d rejected", rep.Rows, rep.OK, rep.Rejected)
		}
		if len(rep.Errors) > MaxRowErrors || len(rep.Errors) > rep.Rejected {
			t.Fatalf("%d row errors kept for %d rejected", len(rep.Errors), rep.Rejected)
		}
		sum := 0
		for _, c := range rep.Reasons {
			sum += c
		}
		if sum != rep.Rejected {
			t.Fatalf("reasons sum to %d, %d rejected", sum, rep.Rejected)
		}
	})
}

// maxFuzzAlloc bounds what reading one fuzz input may allocate: a reader
// that trusts a size the file declares (a footer, page or row count) would
// allocate gigabytes for a few bytes, and a fuzz worker that grows to many
// gigabytes is killed without the input being saved.
const maxFuzzAlloc = 256 << 20

// checkAlloc returns a function, to defer, that fails t when more than
// maxFuzzAlloc bytes (plus a thousand per input byte) were allocated since.
func checkAlloc(t *testing.T, n int) func() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.TotalAlloc
	// A reader that loops on a damaged file hangs the worker, which the
	// fuzzer does not report: crash it, so that the input is saved.
	dog := time.AfterFunc(20*time.Second, func() {
		panic(fmt.Sprintf("reading %d bytes took more than 20 s", n))
	})
	return func() {
		dog.Stop()
		runtime.ReadMemStats(&ms)
		if got := ms.TotalAlloc - before; got > maxFuzzAlloc+1000*uint64(n) {
			t.Fatalf("reading %d bytes allocated %d MiB", n, got>>20)
		}
	}
}

// packAirports indexes the embedded packs' airports: quicker to load in
// every fuzz worker than the whole OpenFlights list.
func packAirports(f *testing.F) *Airports {
	list, err := knowledge.LoadAirports()
	if err != nil {
		f.Fatal(err)
	}
	return NewAirports(list)
}

func td(name string) string { return filepath.Join("testdata", name) }

func FuzzBTS(f *testing.F) {
	fuzzReader(f, BTS, "f.csv", Options{}, td("malformed-bts.csv"))
}

func FuzzOpenSkyCSV(f *testing.F) {
	fuzzReader(f, OpenSky, "f.csv", Options{}, td("opensky-flightlist.csv"))
}

func FuzzGenericCSV(f *testing.F) {
	m, err := ParseMapping("origin=dep,dest=arr,time=off_utc,timefmt=unix")
	if err != nil {
		f.Fatal(err)
	}
	fuzzReader(f, CSV, "f.csv", Options{Mapping: m}, td("generic.csv"))
}

func FuzzFR24(f *testing.F) {
	fuzzReader(f, FR24, "f.csv", Options{Airports: packAirports(f)}, td("fr24-history.csv"),
		shared.Path(f, "data", "adsb", "fr24-JL516.csv"))
}

func FuzzReadsb(f *testing.F) {
	fuzzReader(f, Readsb, "f.json", Options{Airports: packAirports(f)},
		td("aircraft-0.json"), td("aircraft-1.json"), shared.Path(f, "data", "adsb", "readsb-trace_full_ac671b.json"))
}

func FuzzSBS(f *testing.F) {
	fuzzReader(f, SBS, "f.txt", Options{Airports: packAirports(f)}, td("dump1090-sbs-sample.txt"))
}

func FuzzStateVectorsParquet(f *testing.F) {
	fuzzReader(f, StateVectors, "f.parquet", Options{Airports: packAirports(f)},
		shared.Path(f, "data", "adsb", "opensky-statevectors-3.parquet"))
}

// btsParquetSeed writes a small BTS-like Parquet file: the shared
// flights-3m.parquet is too large to mutate.
func btsParquetSeed(f *testing.F) string {
	type row struct {
		FlightDate  time.Time `parquet:"flightdate,date"`
		Origin      string    `parquet:"origin"`
		Destination string    `parquet:"destination"`
	}
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[row](&buf)
	day := time.Date(2024, 4, 13, 0, 0, 0, 0, time.UTC)
	if _, err := w.Write([]row{{day, "ATL", "ORD"}, {day.AddDate(0, 0, 1), "ORD", "ATL"}, {day, "", "ATL"}}); err != nil {
		f.Fatal(err)
	}
	if err := w.Close(); err != nil {
		f.Fatal(err)
	}
	seed := filepath.Join(f.TempDir(), "bts.parquet")
	if err := os.WriteFile(seed, buf.Bytes(), 0o644); err != nil {
		f.Fatal(err)
	}
	return seed
}

func FuzzBTSParquet(f *testing.F) {
	fuzzReader(f, Auto, "f.parquet", Options{}, btsParquetSeed(f))
}

// FuzzCountParquetBTS fuzzes the columnar counter 'flights load' uses for
// BTS Parquet files: a damaged file is an error, never a crash, and the
// report accounts for every row.
func FuzzCountParquetBTS(f *testing.F) {
	b, err := os.ReadFile(btsParquetSeed(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.parquet")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		defer checkAlloc(t, len(data))()
		_, rep, err := CountParquetBTS(path, CountOptions{Workers: 2})
		if err != nil {
			return
		}
		if rep.Rows != rep.OK+rep.Rejected {
			t.Fatalf("report counts %d rows, %d ok, %d rejected", rep.Rows, rep.OK, rep.Rejected)
		}
	})
}
