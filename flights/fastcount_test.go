package flights

import (
	"io"
	"slices"
	"testing"

	"github.com/triangulate/triangulate/internal/shared"
)

// slowCount is the reference: rows one by one through Open and a Counter.
func slowCount(t testing.TB, path string) (*Series, *Report) {
	t.Helper()
	r, err := Open(path, BTS, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	c := NewCounter(nil, nil)
	for {
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		c.Add(f)
	}
	return c.Series, r.Report()
}

func TestCountParquetBTSMatchesRowByRow(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 3M rows twice")
	}
	path := shared.Path(t, "data", "flights-3m.parquet")
	fast, frep, err := CountParquetBTS(path, CountOptions{})
	if err != nil {
		t.Fatal(err)
	}
	slow, srep := slowCount(t, path)
	if frep.Rows != 3_000_000 || frep.OK+frep.Rejected != frep.Rows || frep.OK != srep.OK {
		t.Fatalf("fast report %+v, slow %+v", frep, srep)
	}
	if fast.Flights() != slow.Flights() {
		t.Fatalf("flights: fast %d, slow %d", fast.Flights(), slow.Flights())
	}
	if got, want := len(fast.Routes()), 3399; got != want {
		t.Errorf("routes = %d, want %d", got, want)
	}
	fc, _ := fast.Coverage(CoverageOptions{})
	sc, _ := slow.Coverage(CoverageOptions{})
	a, b := flat(fast.PerRoute(fc)), flat(slow.PerRoute(sc))
	if !slices.Equal(a, b) {
		t.Fatalf("series differ: %d vs %d rows", len(a), len(b))
	}
	nonzero := 0
	for _, rd := range a {
		if rd.Count > 0 {
			nonzero++
		}
	}
	// DuckDB's GROUP BY origin, destination, day gives 570,842 groups.
	if nonzero != 570842 {
		t.Errorf("non-zero route-days = %d, want 570842", nonzero)
	}
}

func BenchmarkCountParquetBTS(b *testing.B) {
	path := shared.Path(b, "data", "flights-3m.parquet")
	for b.Loop() {
		if _, _, err := CountParquetBTS(path, CountOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
