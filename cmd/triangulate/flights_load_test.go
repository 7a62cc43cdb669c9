package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestFlightsLoadRoutesSeries(t *testing.T) {
	db := filepath.Join(t.TempDir(), "case.db")
	td := filepath.Join("..", "..", "flights", "testdata")

	// A malformed BTS CSV: rows read, rejected with file:line, never silent.
	code, out, errOut := cli(t, "--db", db, "flights", "load", "--dataset", "bad", filepath.Join(td, "malformed-bts.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "5 rows read, 1 ok, 4 rejected") || !strings.Contains(errOut, "malformed-bts.csv:3: 4 fields") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}

	// OpenSky flight list: ICAO codes counted as IATA, Tehran's airports as
	// one group, a declared gap stored as missing.
	code, out, errOut = cli(t, "--db", db, "flights", "load", "--dataset", "tehran",
		"--group", "TEHRAN=THR,IKA", "--gap", "2024-04-16..2024-04-17", filepath.Join(td, "opensky-flightlist.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// No flight at all on the 15th: a dataset-wide collapse, so missing.
	if !strings.Contains(out, "coverage 2024-04-14..2024-04-17: 4 days, 3 missing (2024-04-16..2024-04-17 declared; 2024-04-15 inferred (dataset-wide collapse))") {
		t.Errorf("stdout:\n%s", out)
	}

	code, out, errOut = cli(t, "--db", db, "flights", "routes", "--dataset", "tehran", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r flightRoute
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &r); err != nil || r.Origin != "TEHRAN" || r.Dest != "NJF" || r.Flights != 3 || r.Days != 1 || r.Missing != 3 {
		t.Errorf("routes --json = %q (%v)", out, err)
	}

	code, out, errOut = cli(t, "--db", db, "flights", "series", "TEHRAN", "ORNI", "--dataset", "tehran", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], `"day":"2024-04-14","count":3`) ||
		!strings.Contains(lines[1], `"count":null,"missing":true`) || !strings.Contains(lines[3], `"count":null,"missing":true`) {
		t.Errorf("series --json:\n%s", out)
	}

	// Without inference the 15th is a true zero; the declared gap stays missing.
	if code, _, errOut = cli(t, "--db", db, "flights", "load", "--dataset", "tehran0", "--no-infer-gaps",
		"--group", "TEHRAN=THR,IKA", "--gap", "2024-04-16..2024-04-17", filepath.Join(td, "opensky-flightlist.csv")); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, out, _ = cli(t, "--db", db, "flights", "series", "TEHRAN", "NJF", "--dataset", "tehran0", "--json")
	if lines = strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 4 || !strings.Contains(lines[1], `"count":0,"missing":false`) ||
		!strings.Contains(lines[2], `"count":null,"missing":true`) {
		t.Errorf("series --json without inference:\n%s", out)
	}

	svg := filepath.Join(t.TempDir(), "s.svg")
	code, out, _ = cli(t, "--db", db, "flights", "series", "TEHRAN", "NJF", "--dataset", "tehran0", "--svg", svg)
	if code != 0 || !strings.Contains(out, "2024-04 ") || !strings.Contains(out, "█▁··") {
		t.Errorf("exit %d, series:\n%s", code, out)
	}

	// Unknown routes and datasets are errors, not empty series.
	if code, _, _ = cli(t, "--db", db, "flights", "series", "TEHRAN", "XXX", "--dataset", "tehran"); code != 1 {
		t.Errorf("unknown route: exit %d, want 1", code)
	}
	if code, _, _ = cli(t, "--db", db, "flights", "load", "--format", "nope", "x"); code != 2 {
		t.Errorf("bad format: exit %d, want 2", code)
	}
}
