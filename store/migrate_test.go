package store

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/triangulate/triangulate/series"
)

// TestSeriesMigration: a store written with one row per route-day (schema
// 3) opens with the same series, one row per route; a day a route had no
// row for inside its span reads as zero flights, as it did.
func TestSeriesMigration(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := openSQLite(ctx, path, LockWait)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.apply(ctx, migrations[:3]); err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		dataset, origin, dest, day string
		n                          int
		missing                    bool
	}{
		{"fr24", "NJF", "THR", "2026-01-06", 4, false},
		{"fr24", "NJF", "THR", "2026-01-07", 15, false},
		{"fr24", "NJF", "THR", "2026-01-08", 0, true},
		{"fr24", "NJF", "THR", "2026-01-10", 5, false}, // the 9th has no row
		{"fr24", "BGW", "IKA", "2026-01-07", 2, false},
		{"adsb", "NJF", "THR", "2026-01-07", 9, false},
	} {
		if _, err := old.exec(ctx, old.w, `INSERT INTO series (dataset, origin, dest, day, flights, missing) VALUES (?, ?, ?, ?, ?, ?)`,
			r.dataset, r.origin, r.dest, r.day, r.n, r.missing); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()

	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	got, err := st.Series(ctx, SeriesFilter{Dataset: "fr24"})
	if err != nil {
		t.Fatal(err)
	}
	want := []series.Series{
		{Route: series.Route{Origin: "BGW", Dest: "IKA"}, Days: []series.Day{{Date: day("2026-01-07"), Count: 2}}},
		{Route: series.Route{Origin: "NJF", Dest: "THR"}, Days: []series.Day{{Date: day("2026-01-06"), Count: 4},
			{Date: day("2026-01-07"), Count: 15}, {Date: day("2026-01-08"), Missing: true}, {Date: day("2026-01-09")},
			{Date: day("2026-01-10"), Count: 5}}},
	}
	if len(got) != len(want) {
		t.Fatalf("fr24 after migration: %+v", got)
	}
	for i := range want {
		if got[i].Route != want[i].Route || !slices.Equal(got[i].Days, want[i].Days) {
			t.Errorf("series %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if ds, _ := st.Datasets(ctx); !slices.Equal(ds, []string{"adsb", "fr24"}) {
		t.Errorf("datasets after migration %v", ds)
	}
}
