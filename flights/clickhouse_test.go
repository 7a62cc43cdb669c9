package flights

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/shared"
)

// TestClickHouseMatchesLocal loads a sample of flights-3m.parquet into a
// ClickHouse server on loopback and checks that the SQL push-down returns
// exactly the series the local backend computes from the same flights.
// scripts/test.sh starts the server and sets TRIANGULATE_TEST_CLICKHOUSE.
func TestClickHouseMatchesLocal(t *testing.T) {
	dsn := os.Getenv("TRIANGULATE_TEST_CLICKHOUSE")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but TRIANGULATE_TEST_CLICKHOUSE is not set: the CI script must start ClickHouse")
		}
		t.Skip("TRIANGULATE_TEST_CLICKHOUSE not set (e.g. clickhouse://127.0.0.1:9000/default)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	airports := testAirports(t)

	// Every 20th flight of the 3M: 150,000 flights on every day and most routes.
	r, err := Open(shared.Path(t, "data", "flights-3m.parquet"), BTS, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sample []Flight
	for i := 0; ; i++ {
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if i%20 == 0 {
			sample = append(sample, f)
		}
	}
	r.Close()

	groups := Groups{}
	if err := groups.Parse("NYC=JFK,LGA,EWR"); err != nil {
		t.Fatal(err)
	}
	c := NewCounter(airports, groups)
	for _, f := range sample {
		c.Add(f)
	}
	cov := CoverageOptions{Infer: true, Gaps: []DayRange{mustRange(t, "2001-03-10..2001-03-12")}}
	want, wantCov, err := flatOf(Local{c.Series}.PerRoute(ctx, Filter{Coverage: cov}))
	if err != nil {
		t.Fatal(err)
	}

	ch, err := OpenClickHouse(ctx, dsn, fmt.Sprintf("flights_test_%d", os.Getpid()))
	if err != nil {
		t.Fatal(err)
	}
	defer ch.Close()
	if err := ch.CreateTable(ctx); err != nil {
		t.Fatal(err)
	}
	defer ch.DropTable(context.Background())
	n, err := ch.InsertFlights(ctx, sample, airports, 40000)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(sample) {
		t.Fatalf("inserted %d of %d flights", n, len(sample))
	}
	ch.Airports, ch.Groups, ch.Normalize = airports, groups, true
	for _, local := range []bool{false, true} {
		ch.LocalDays = local
		got, gotCov, err := flatOf(ch.PerRoute(ctx, Filter{Coverage: cov}))
		if err != nil {
			t.Fatalf("LocalDays=%v: %v", local, err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("LocalDays=%v: ClickHouse gives %d route-days, local %d; first difference at %d", local, len(got), len(want), firstDiff(got, want))
		}
		if gotCov.Span != wantCov.Span || !slices.Equal(gotCov.Missing, wantCov.Missing) {
			t.Errorf("LocalDays=%v: coverage differs: %+v vs %+v", local, gotCov.Span, wantCov.Span)
		}
	}
	// A route filter pushes nothing wrong: same rows as filtering locally.
	f := Filter{Origin: "ATL", Dest: "NYC", From: mustDay(t, "2001-03-01").Time(), To: mustDay(t, "2001-03-31").Time(), Coverage: cov}
	got, _, err := flatOf(ch.PerRoute(ctx, f))
	if err != nil {
		t.Fatal(err)
	}
	wantF, _, _ := flatOf(Local{c.Series}.PerRoute(ctx, f))
	if len(got) != 31 || !slices.Equal(got, wantF) {
		t.Fatalf("ATL→NYC March: got %d rows, want 31 equal to local", len(got))
	}
	for _, rd := range got {
		if rd.Day >= "2001-03-10" && rd.Day <= "2001-03-12" && !rd.Missing {
			t.Errorf("declared gap day %s not missing", rd.Day)
		}
	}
}

func firstDiff[T comparable](a, b []T) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
