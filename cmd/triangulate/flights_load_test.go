package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFlightsLoadRoutesSeries(t *testing.T) {
	db := filepath.Join(t.TempDir(), "case.db")
	td := filepath.Join("..", "..", "flights", "testdata")

	// A malformed BTS CSV: rows read, rejected with file:line, never silent;
	// four of five rejected is far past the default 1 %, so nothing is
	// stored unless --max-rejected allows it.
	code, _, errOut := cli(t, "--db", db, "flights", "load", "--dataset", "bad", filepath.Join(td, "malformed-bts.csv"))
	if code != 2 || !strings.Contains(errOut, "nothing stored") {
		t.Fatalf("80 %% rejected: exit %d, want 2: %s", code, errOut)
	}
	if _, routes, _ := cli(t, "--db", db, "flights", "routes", "--dataset", "bad"); routes != "" {
		t.Fatalf("a refused load stored a dataset:\n%s", routes)
	}
	code, out, errOut := cli(t, "--db", db, "flights", "load", "--dataset", "bad", "--max-rejected", "100%", filepath.Join(td, "malformed-bts.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "5 rows read, 1 ok, 4 rejected") || !strings.Contains(errOut, "malformed-bts.csv:3: 4 fields") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}

	// OpenSky flight list: ICAO codes counted as IATA, Tehran's airports as
	// one group, a declared gap stored as missing; its one unreadable row of
	// five is allowed.
	code, out, errOut = cli(t, "--db", db, "flights", "load", "--dataset", "tehran", "--max-rejected", "20%",
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
	if code, _, errOut = cli(t, "--db", db, "flights", "load", "--dataset", "tehran0", "--no-infer-gaps", "--max-rejected", "20%",
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

// TestFlightsLoadRefusesBadData: a load whose rejected rows pass
// --max-rejected stores nothing, a row with an extra field is rejected like
// one with a missing field (with its line), and the summary counts the
// rejections by reason.
func TestFlightsLoadRefusesBadData(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "case.db")
	csv := filepath.Join(dir, "six.csv")
	if err := os.WriteFile(csv, []byte("date,origin,destination\n"+
		"2001-01-01 06:00,ATL,ORD\n"+
		"2001-01-01 07:00,ATL,ORD,extra\n"+ // line 3: one field too many
		"2001-01-01 08:00,ATL\n"+ // line 4: one too few
		"2001-01-02 09:00,ATL,ORD\n"+
		"2001-02-30 10:00,ATL,ORD\n"+ // line 6: no such day
		"2001-01-02 11:00,ORD,ATL\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "--db", db, "flights", "load", "--format", "bts", "--dataset", "six", csv)
	if code != 2 || !strings.Contains(errOut, "3 of 6 rows rejected (50 %)") || !strings.Contains(errOut, "nothing stored") {
		t.Errorf("half rejected: exit %d, want 2\nstderr:\n%s", code, errOut)
	}
	for _, want := range []string{"six.csv:3: 4 fields, the header has 3", "six.csv:4: 2 fields, the header has 3", "six.csv:6: date:"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "6 rows read, 3 ok, 3 rejected") || !strings.Contains(out, "rejected by reason: 2 wrong number of fields, 1 date") {
		t.Errorf("stdout:\n%s", out)
	}
	if code, _, _ := cli(t, "--db", db, "flights", "routes"); code != 1 {
		t.Errorf("routes after a refused load: exit %d, want 1 (no flight data stored)", code)
	}
	// Allowing half of the rows to be wrong stores the rest.
	code, out, errOut = cli(t, "--db", db, "flights", "load", "--format", "bts", "--dataset", "six", "--max-rejected", "50%", csv)
	if code != 0 || !strings.Contains(out, `stored 4 route-days on 2 routes as dataset "six"`) {
		t.Errorf("--max-rejected 50%%: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := cli(t, "--db", db, "flights", "load", "--max-rejected", "half", csv); code != 2 {
		t.Errorf("--max-rejected half: exit %d (%s)", code, errOut)
	}
}
