package series

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSparkline(t *testing.T) {
	days := []Day{{Count: 0}, {Count: 7}, {Missing: true}, {Count: 1}, {Count: 4}}
	if got, want := Sparkline(days), "▁█·▂▅"; got != want {
		t.Errorf("sparkline %q, want %q", got, want)
	}
	if got := Sparkline([]Day{{Missing: true}, {Count: 0}}); got != "·▁" {
		t.Errorf("no flights at all: %q", got)
	}
}

func TestSummariseAndWindow(t *testing.T) {
	s := Series{Route: Route{"NJF", "THR"}, Days: []Day{
		{Date: day("2026-01-06"), Count: 4}, {Date: day("2026-01-07"), Count: 15},
		{Date: day("2026-01-08"), Missing: true}, {Date: day("2026-01-09"), Count: 0},
	}}
	sum := s.Summarise()
	if sum.Flights != 19 || sum.Covered != 3 || sum.Missing != 1 || !sum.From.Equal(day("2026-01-06")) || !sum.To.Equal(day("2026-01-09")) {
		t.Errorf("summary %+v", sum)
	}
	if w := s.Window(day("2026-01-07"), day("2026-01-08")); len(w) != 2 || w[0].Count != 15 || !w[1].Missing {
		t.Errorf("window %+v", w)
	}
	if w := s.Window(time.Time{}, day("2026-01-05")); len(w) != 0 {
		t.Errorf("window before the series: %+v", w)
	}
	for _, tt := range []struct {
		in   string
		want Route
		ok   bool
	}{{"njf-thr", Route{"NJF", "THR"}, true}, {"NJF", Route{}, false}, {"-THR", Route{}, false}} {
		r, err := ParseRoute(tt.in)
		if (err == nil) != tt.ok || r != tt.want {
			t.Errorf("ParseRoute(%q) = %v, %v", tt.in, r, err)
		}
	}
	if (Route{"NJF", "THR"}).String() != "NJF-THR" {
		t.Error("Route.String")
	}
}
