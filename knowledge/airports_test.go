package knowledge

import (
	"slices"
	"testing"
)

// TestLoadAirports: the airports alone are those of the whole pack.
func TestLoadAirports(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	as, err := LoadAirports()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(as, p.Airports()) || len(as) < 1000 {
		t.Fatalf("LoadAirports: %d airports, the pack has %d", len(as), len(p.Airports()))
	}
}
