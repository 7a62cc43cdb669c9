package claim

import (
	"strings"
	"testing"
)

func TestClaimValidate(t *testing.T) {
	text := "PMF fighters began arriving in Iran on January 4."
	good := Claim{ID: "c1", Start: 0, End: 12, Evidence: "PMF fighters", Action: ActionDeploy, Modality: Asserted,
		Time:       &TimeSpan{From: "2026-01-04", Precision: TimeOpen},
		Quantities: []Quantity{{Min: 800, Max: 800, Unit: "fighters", Kind: QuantityCount}}}
	tests := []struct {
		name string
		mod  func(c *Claim)
		want string // substring of the error, "" for valid
	}{
		{"valid", func(*Claim) {}, ""},
		{"unknown action", func(c *Claim) { c.Action = "teleport" }, "unknown action"},
		{"unknown modality", func(c *Claim) { c.Modality = "maybe" }, "unknown modality"},
		{"span not quoting source", func(c *Claim) { c.Evidence = "IRGC fighters" }, "does not quote"},
		{"span past end", func(c *Claim) { c.End = len(text) + 5 }, "does not quote"},
		{"reversed range", func(c *Claim) { c.Quantities[0].Min = 900 }, "below min"},
		{"time ends before start", func(c *Claim) { c.Time = &TimeSpan{From: "2026-01-08", To: "2026-01-04", Precision: TimeRange} }, "before it starts"},
		{"time open both ends", func(c *Claim) { c.Time = &TimeSpan{Precision: TimeOpen} }, "open at both ends"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good
			c.Quantities = append([]Quantity(nil), good.Quantities...)
			tt.mod(&c)
			err := c.Validate(text)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestOriginatorIsFirstLink(t *testing.T) {
	c := Claim{Attribution: []Attribution{{Who: "an Iraqi security source", Kind: SpeakerAnonymous}, {Who: "CNN", Kind: SpeakerOutlet}}}
	if got := c.Originator().Who; got != "an Iraqi security source" {
		t.Fatalf("Originator = %q", got)
	}
	if (&Claim{}).Originator().Who != "" {
		t.Fatal("empty chain must give an empty originator")
	}
}
