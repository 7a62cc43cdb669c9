package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeSeedFlights writes a flight list reproducing the seed report's
// numbers: NJF→THR four or five a day from 25 October 2025, fifteen on
// 7 and 8 January 2026; a few THR→NJF flights a day.
func writeSeedFlights(t *testing.T) string {
	t.Helper()
	pattern := []int{4, 5, 4, 5, 5, 4, 5, 4, 4, 5, 5, 4, 4, 5}
	var b strings.Builder
	b.WriteString("flight,from,to,departure\n")
	day := time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)
	for i := 0; !day.After(time.Date(2026, 1, 8, 0, 0, 0, 0, time.UTC)); i++ {
		n := pattern[i%len(pattern)]
		if d := day.Format(time.DateOnly); d == "2026-01-07" || d == "2026-01-08" {
			n = 15
		}
		for k := range n {
			fmt.Fprintf(&b, "IA%d,NJF,THR,%sT%02d:00:00\n", k, day.Format(time.DateOnly), 5+k)
		}
		for k := range 3 {
			fmt.Fprintf(&b, "IB%d,THR,NJF,%sT%02d:30:00\n", k, day.Format(time.DateOnly), 5+k)
		}
		day = day.AddDate(0, 0, 1)
	}
	p := filepath.Join(t.TempDir(), "njf.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFlightsCheckSeed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "case.db")
	csv := writeSeedFlights(t)
	load := func(dataset string, extra ...string) {
		args := append([]string{"--db", db, "flights", "load", "--format", "csv", "--map", "origin=from,dest=to,time=departure", "--dataset", dataset}, extra...)
		if code, out, errOut := cli(t, append(args, csv)...); code != 0 {
			t.Fatalf("load: exit %d\n%s\n%s", code, out, errOut)
		}
	}
	load("seed")
	load("seed-gap", "--gap", "2026-01-07..2026-01-08")

	svg := filepath.Join(dir, "njf.svg")
	code, out, errOut := cli(t, "--db", db, "flights", "check", "NJF", "THR", "2026-01-07..2026-01-08",
		"--at-least", "15", "--normal", "4..5", "--dataset", "seed", "--svg", svg)
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"verdict: SUPPORTED", "p = 9.", "per day", "over the window", "13 Rajab 1447 AH", "5 days before the window",
		"earlier years", "flights TO NJF", "stored signal flight-check-", "is consistent with the data's baseline",
		// The follow-ups run where the data reaches: the reverse route was
		// flat before 13 Rajab; earlier years are not loaded, and it says so.
		"Did flights into NJF (THR-NJF) rise in the week before", "no rise: ", "not run: the loaded data covers 2025-10-25"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if b, err := os.ReadFile(svg); err != nil || !strings.Contains(string(b), "Birth of Imam Ali") {
		t.Errorf("chart: %v", err)
	}

	code, out, errOut = cli(t, "--db", db, "flights", "check", "NJF", "THR", "2026-01-07..2026-01-08",
		"--at-least", "15", "--normal", "4..5", "--dataset", "seed-gap", "--json")
	if code != 0 {
		t.Fatalf("check gap: exit %d\n%s", code, errOut)
	}
	var res struct {
		Verdict    string   `json:"verdict"`
		Observable float64  `json:"observable"`
		PValue     *float64 `json:"p_value"`
		SignalID   string   `json:"signal_id"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Verdict != "untestable" || res.Observable != 0 || res.PValue != nil || res.SignalID == "" {
		t.Errorf("surge days in a gap: %+v", res)
	}

	// Usage errors exit 2.
	if code, _, _ := cli(t, "--db", db, "flights", "check", "NJF", "THR", "2026-01-08..2026-01-07", "--at-least", "15"); code != 2 {
		t.Errorf("reversed window: exit %d, want 2", code)
	}
	if code, _, _ := cli(t, "--db", db, "flights", "check", "NJF", "THR", "2026-01-07", "--dataset", "seed"); code != 2 {
		t.Errorf("nothing to test: exit %d, want 2", code)
	}

	// The scan finds the surge on the seed route, one JSON line per flagged day.
	code, out, errOut = cli(t, "--db", db, "flights", "anomalies", "--dataset", "seed", "--route", "NJF-THR", "--json")
	if code != 0 {
		t.Fatalf("anomalies: exit %d\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var found bool
	for _, l := range lines {
		var r struct {
			Route, Day, Direction string
			Observed              int
			PValue                float64 `json:"p_value"`
			Observances           []struct{ Name string }
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		if r.Route == "NJF-THR" && r.Day == "2026-01-07" && r.Direction == "surge" && r.Observed == 15 && r.PValue < 0.01 {
			for _, o := range r.Observances {
				found = found || strings.Contains(o.Name, "13 Rajab")
			}
		}
	}
	if !found {
		t.Errorf("anomalies --json: no surge on 2026-01-07 with 13 Rajab attached:\n%s", out)
	}
}
