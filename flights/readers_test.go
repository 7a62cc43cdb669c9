package flights

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/internal/shared"
)

// readAll reads every flight of a file and checks the report's books
// balance: every record read is either accepted or rejected.
func readAll(t *testing.T, path string, format Format, opt Options) ([]Flight, *Report) {
	t.Helper()
	r, err := Open(path, format, opt)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer r.Close()
	var fs []Flight
	for {
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	rep := r.Report()
	if rep.Rows != rep.OK+rep.Rejected {
		t.Errorf("%s: rows %d != ok %d + rejected %d", path, rep.Rows, rep.OK, rep.Rejected)
	}
	if len(rep.Errors) != min(rep.Rejected, MaxRowErrors) {
		t.Errorf("%s: %d row errors kept for %d rejected", path, len(rep.Errors), rep.Rejected)
	}
	return fs, rep
}

func legsOfFile(t *testing.T, path string, ap *Airports) []Leg {
	t.Helper()
	ps, rep, err := ReadPositions(path, Auto, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != rep.OK+rep.Rejected {
		t.Errorf("%s: rows %d != ok %d + rejected %d", path, rep.Rows, rep.OK, rep.Rejected)
	}
	return InferLegs(ps, ap, LegOptions{})
}

type legWant struct{ callsign, origin, dest string }

func checkLegs(t *testing.T, got []Leg, want []legWant) {
	t.Helper()
	if len(got) != len(want) {
		for _, l := range got {
			t.Logf("leg %+v", l)
		}
		t.Fatalf("%d legs, want %d", len(got), len(want))
	}
	for i, w := range want {
		if g := got[i]; g.Callsign != w.callsign || g.Origin != w.origin || g.Dest != w.dest {
			t.Errorf("leg %d = %s %q→%q, want %s %q→%q", i, g.Callsign, g.Origin, g.Dest, w.callsign, w.origin, w.dest)
		}
	}
}

// JL516 is Japan Airlines' New Chitose (CTS) – Haneda (HND) flight: the
// FR24 track starts on the ground at CTS and ends on the ground at HND.
func TestFR24TrackJL516(t *testing.T) {
	ap := testAirports(t)
	legs := legsOfFile(t, shared.Path(t, "data", "adsb", "fr24-JL516.csv"), ap)
	checkLegs(t, legs, []legWant{{"JAL516", "CTS", "HND"}})
	if legs[0].OriginKm > 10 || legs[0].DestKm > 10 {
		t.Errorf("airports too far: %+v", legs[0])
	}
}

// The readsb trace of N899DN (Delta) shows four legs; coverage holes at
// cruise do not split a leg, and legs first seen or last seen in the air
// have an unknown airport rather than a guessed one.
func TestReadsbTrace(t *testing.T) {
	ap := testAirports(t)
	legs := legsOfFile(t, shared.Path(t, "data", "adsb", "readsb-trace_full_ac671b.json"), ap)
	checkLegs(t, legs, []legWant{
		{"DAL1812", "", "MSP"}, // first seen at FL320 over Belize
		{"DAL2418", "MSP", ""}, // lost at 8,450 ft, 36 km from Spokane
		{"DAL1615", "", "MSP"}, // first seen climbing through 11,275 ft
		{"DAL2927", "MSP", "DEN"},
	})
}

func TestOpenSkyStateVectors(t *testing.T) {
	ap := testAirports(t)
	checkLegs(t, legsOfFile(t, shared.Path(t, "data", "adsb", "opensky-statevectors-1.parquet"), ap),
		[]legWant{{"RYR2RG", "", ""}}) // 20 minutes at cruise over France
	checkLegs(t, legsOfFile(t, shared.Path(t, "data", "adsb", "opensky-statevectors-2.parquet"), ap),
		[]legWant{{"EDW24", "ZRH", ""}}) // takeoff from Zurich
}

func TestUnsupportedInputsSayWhy(t *testing.T) {
	for _, name := range []string{"opensky-statevectors-3.parquet", "dump1090-beast-sample.bin"} {
		_, err := Open(shared.Path(t, "data", "adsb", name), Auto, Options{})
		if err == nil || !errs.Is(err, errs.BadInput) || !strings.Contains(err.Error(), "not supported") {
			t.Errorf("%s: err = %v, want a bad-input error saying it is not supported", name, err)
		}
	}
}

func TestSBSDump1090(t *testing.T) {
	ap := testAirports(t)
	path := filepath.Join("testdata", "dump1090-sbs-sample.txt")
	ps, rep, err := ReadPositions(path, Auto, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != SBS || rep.Rows != 18 || rep.Rejected != 4 || rep.OK != 14 {
		t.Errorf("report %+v, want 18 rows: 14 ok, 4 rejected", rep)
	}
	wantLines := []int{10, 13, 16, 17}
	for i, e := range rep.Errors {
		if i >= len(wantLines) || e.Line != wantLines[i] || e.File != path {
			t.Errorf("row error %d = %v, want %s:%d", i, e, path, wantLines[i])
		}
	}
	if len(ps) != 9 {
		t.Errorf("%d positions, want 9", len(ps))
	}
	legs := InferLegs(ps, ap, LegOptions{})
	checkLegs(t, legs, []legWant{{"IRM4412", "IKA", "THR"}})
	// Took off at 22:15 UTC: 01:45 in Tehran, the next day.
	c := NewCounter(ap, nil)
	c.Add(legs[0].Flight())
	if got := c.Series.Count("IKA", "THR", mustDay(t, "2024-04-14")); got != 1 {
		t.Errorf("IKA→THR on 2024-04-14 (Tehran day) = %d, want 1", got)
	}
}

func TestAircraftJSONSnapshotsPooled(t *testing.T) {
	ap := testAirports(t)
	var paths []string
	for _, n := range []string{"aircraft-0.json", "aircraft-1.json", "aircraft-2.json", "aircraft-3.json"} {
		paths = append(paths, filepath.Join("testdata", n))
	}
	res, err := Load(t.Context(), paths, LoadOptions{Reader: Options{Airports: ap}, Normalize: true})
	if err != nil {
		t.Fatal(err)
	}
	rows, rejected := res.Rows()
	if rows != 7 || rejected != 1 {
		t.Errorf("rows %d rejected %d, want 7 and 1 (the entry without hex)", rows, rejected)
	}
	if res.Legs != 1 {
		t.Errorf("legs = %d, want 1 (IAW221; single points of other aircraft are not legs)", res.Legs)
	}
	if got := res.Series.Count("NJF", "BGW", mustDay(t, "2024-04-19")); got != 1 {
		t.Errorf("NJF→BGW = %d, want 1; routes %v", got, res.Series.Routes())
	}
}

func TestMalformedCSVReportsLines(t *testing.T) {
	path := filepath.Join("testdata", "malformed-bts.csv")
	fs, rep := readAll(t, path, Auto, Options{})
	if len(fs) != 1 || rep.OK != 1 || rep.Rejected != 4 {
		t.Fatalf("flights %d, report %+v; want 1 ok, 4 rejected", len(fs), rep)
	}
	want := []struct {
		line   int
		reason string
	}{{3, "4 fields"}, {4, "date"}, {5, "empty origin"}, {7, "quoted field runs over 2 lines"}}
	for i, w := range want {
		e := rep.Errors[i]
		if e.Line != w.line || !strings.Contains(e.Reason, w.reason) {
			t.Errorf("error %d = %v, want line %d containing %q", i, e, w.line, w.reason)
		}
	}
}

func TestOpenSkyFlightListCSV(t *testing.T) {
	ap := testAirports(t)
	path := filepath.Join("testdata", "opensky-flightlist.csv")
	fs, rep := readAll(t, path, Auto, Options{})
	if rep.Format != OpenSky || len(fs) != 4 || rep.Rejected != 1 || rep.Unrouted != 1 {
		t.Fatalf("format %s, %d flights, report %+v", rep.Format, len(fs), rep)
	}
	g := Groups{}
	if err := g.Parse("TEHRAN=THR,IKA"); err != nil {
		t.Fatal(err)
	}
	c := NewCounter(ap, g)
	for _, f := range fs {
		c.Add(f)
	}
	// OIIE (IKA) and OIII (THR) are one group; 20:30 UTC is 00:00 in
	// Tehran, and 23:30 UTC (1713051000) is 03:00 the next morning.
	if got := c.Series.Count("TEHRAN", "NJF", mustDay(t, "2024-04-14")); got != 3 {
		t.Errorf("TEHRAN→NJF on 2024-04-14 = %d, want 3; routes %v", got, c.Series.Routes())
	}
	if c.Unrouted != 1 {
		t.Errorf("unrouted = %d, want 1", c.Unrouted)
	}
}

func TestFR24HistoryList(t *testing.T) {
	fs, rep := readAll(t, filepath.Join("testdata", "fr24-history.csv"), Auto, Options{})
	if rep.Format != FR24 || len(fs) != 3 || rep.Rejected != 1 {
		t.Fatalf("format %s, %d flights, report %+v", rep.Format, len(fs), rep)
	}
	if fs[0].Origin != "IKA" || fs[0].Dest != "NJF" || !fs[0].Dep.Equal(time.Date(2024, 4, 13, 20, 31, 0, 0, time.UTC)) {
		t.Errorf("first = %+v, want IKA→NJF at ATD 20:31 UTC", fs[0])
	}
	if !fs[1].Dep.Equal(time.Date(2024, 4, 13, 21, 15, 0, 0, time.UTC)) { // no ATD: STD
		t.Errorf("second dep = %v", fs[1].Dep)
	}
	if !fs[2].LocalTime || fs[2].Origin != "MHD" { // date only
		t.Errorf("third = %+v, want a local-day flight from MHD", fs[2])
	}
}

func TestGenericCSVMapping(t *testing.T) {
	m, err := ParseMapping("origin=dep,dest=arr,time=off_utc,timefmt=unix")
	if err != nil {
		t.Fatal(err)
	}
	fs, rep := readAll(t, filepath.Join("testdata", "generic.csv"), CSV, Options{Mapping: m})
	if len(fs) != 2 || rep.Rejected != 1 || rep.Errors[0].Line != 4 {
		t.Fatalf("%d flights, report %+v", len(fs), rep)
	}
	if _, err := ParseMapping("origin=dep,time=x"); err == nil {
		t.Error("mapping without dest accepted")
	}
}

func TestTehranLocalDay(t *testing.T) {
	ap := testAirports(t)
	c := NewCounter(ap, nil)
	tests := []struct {
		dep  time.Time
		want string
	}{
		{time.Date(2024, 4, 13, 23, 30, 0, 0, time.UTC), "2024-04-14"}, // 03:00 in Tehran
		{time.Date(2024, 4, 13, 20, 29, 0, 0, time.UTC), "2024-04-13"}, // 23:59 in Tehran
		{time.Date(2024, 4, 13, 20, 30, 0, 0, time.UTC), "2024-04-14"}, // 00:00 in Tehran
	}
	for _, tt := range tests {
		d, known := c.LocalDay(Flight{Origin: "THR", Dest: "NJF", Dep: tt.dep})
		if !known || d.String() != tt.want {
			t.Errorf("%v from THR: day %s (known %v), want %s", tt.dep, d, known, tt.want)
		}
	}
	// Unknown airport: UTC day, and counted as such.
	c.Add(Flight{Origin: "ZZZZ", Dest: "NJF", Dep: tests[0].dep})
	if c.UTCDays != 1 || c.Series.Count("ZZZZ", "NJF", mustDay(t, "2024-04-13")) != 1 {
		t.Errorf("unknown airport: UTCDays %d", c.UTCDays)
	}
	// Local-time records (BTS) are taken as they are.
	d, _ := c.LocalDay(Flight{Origin: "THR", Dep: time.Date(2024, 4, 13, 23, 30, 0, 0, time.UTC), LocalTime: true})
	if d.String() != "2024-04-13" {
		t.Errorf("local-time flight day = %s", d)
	}
}

func TestDetectRejectsUnknown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.csv")
	writeFile(t, path, "a,b,c\n1,2,3\n")
	_, err := Detect(path)
	var e *errs.Error
	if !errors.As(err, &e) || e.Kind != errs.BadInput || !strings.Contains(err.Error(), "--format") {
		t.Errorf("err = %v, want bad input pointing at --format", err)
	}
}

// TestCheckFooter: a footer length larger than the file is refused before
// parquet-go allocates it (it would allocate the declared 4 GiB first).
func TestCheckFooter(t *testing.T) {
	var valid bytes.Buffer
	w := parquet.NewGenericWriter[struct {
		Origin string `parquet:"origin"`
	}](&valid)
	if _, err := w.Write([]struct {
		Origin string `parquet:"origin"`
	}{{"ATL"}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	huge := bytes.Clone(valid.Bytes())
	binary.LittleEndian.PutUint32(huge[len(huge)-8:], 0xfffffff0)
	for _, c := range []struct {
		name string
		data []byte
		want string // in the error; "" for none
	}{
		{"valid", valid.Bytes(), ""},
		{"short", []byte("PAR1PAR1"), "too short"},
		{"no magic", append(bytes.Clone(valid.Bytes()[:valid.Len()-4]), "PAR2"...), "no Parquet magic"},
		{"footer larger than the file", huge, "footer declares 4294967280 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkFooter(bytes.NewReader(c.data), int64(len(c.data)))
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Fatalf("checkFooter: %v, want %q", err, c.want)
			}
			if c.want == "" {
				return
			}
			path := filepath.Join(t.TempDir(), "f.parquet")
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, _, err := CountParquetBTS(path, CountOptions{}); !errs.Is(err, errs.BadInput) {
				t.Fatalf("CountParquetBTS: %v, want a bad-input error", err)
			}
		})
	}
}
