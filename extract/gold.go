package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// GoldClaim is one claim in the evaluation format of ../shared/eval: the
// line `triangulate claims --json` prints and the gold annotations use.
// Field names and vocabularies are stable; fields after Attribution are
// extras that scorers ignore.
type GoldClaim struct {
	ID          string            `json:"id"`
	Source      string            `json:"source"`
	Start       int               `json:"start"`
	End         int               `json:"end"`
	Evidence    string            `json:"evidence"`
	Action      string            `json:"action"`
	Actors      []string          `json:"actors"`
	Places      []GoldPlace       `json:"places"`
	Time        *GoldTime         `json:"time"`
	Quantities  []GoldQuantity    `json:"quantities"`
	Modality    string            `json:"modality"`
	Attribution []GoldAttribution `json:"attribution"`
	EventID     string            `json:"event_id,omitempty"`
	// Rules are the language-pack rules that made the claim and filled
	// its fields (an extra that scorers ignore).
	Rules []claim.RuleRef `json:"rules,omitempty"`
}

// GoldPlace is a place with its role; coordinates are extras.
type GoldPlace struct {
	Name string   `json:"name"`
	Role string   `json:"role"`
	Kind string   `json:"kind"`
	Lat  *float64 `json:"lat,omitempty"`
	Lon  *float64 `json:"lon,omitempty"`
}

// GoldTime is a time span; nil From or To is an open end.
type GoldTime struct {
	From      *string `json:"from"`
	To        *string `json:"to"`
	Precision string  `json:"precision"`
}

// GoldQuantity is a figure.
type GoldQuantity struct {
	Min       float64 `json:"min"`
	Max       float64 `json:"max"`
	Unit      string  `json:"unit"`
	Qualifier string  `json:"qualifier"`
	Kind      string  `json:"kind"`
}

// GoldAttribution is one link of the chain.
type GoldAttribution struct {
	Who  string `json:"who"`
	Kind string `json:"kind"`
}

// ToGold converts a claim to the evaluation format.
func ToGold(c claim.Claim) GoldClaim {
	g := GoldClaim{
		ID: c.ID, Source: c.Source, Start: c.Start, End: c.End, Evidence: c.Evidence,
		Action: string(c.Action), Modality: string(c.Modality), EventID: c.EventID, Rules: c.Rules,
		Actors: []string{}, Places: []GoldPlace{}, Quantities: []GoldQuantity{}, Attribution: []GoldAttribution{},
	}
	for _, a := range c.Actors {
		g.Actors = append(g.Actors, a.Name)
	}
	for _, p := range c.Places {
		gp := GoldPlace{Name: p.Name, Role: string(p.Role), Kind: string(p.Kind)}
		if p.HasCoord {
			lat, lon := p.Lat, p.Lon
			gp.Lat, gp.Lon = &lat, &lon
		}
		g.Places = append(g.Places, gp)
	}
	if c.Time != nil {
		t := &GoldTime{Precision: string(c.Time.Precision)}
		if c.Time.From != "" {
			f := c.Time.From
			t.From = &f
		}
		if c.Time.To != "" {
			to := c.Time.To
			t.To = &to
		}
		g.Time = t
	}
	for _, q := range c.Quantities {
		g.Quantities = append(g.Quantities, GoldQuantity{Min: q.Min, Max: q.Max, Unit: q.Unit, Qualifier: q.Qualifier, Kind: string(q.Kind)})
	}
	for _, a := range c.Attribution {
		g.Attribution = append(g.Attribution, GoldAttribution{Who: a.Who, Kind: string(a.Kind)})
	}
	return g
}

// ReadGold reads claims in the evaluation format, one JSON object a line;
// blank lines are skipped.
func ReadGold(r io.Reader) ([]GoldClaim, error) {
	var out []GoldClaim
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		var g GoldClaim
		if err := json.Unmarshal([]byte(s), &g); err != nil {
			return nil, fmt.Errorf("gold line %d: %w", line, err)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	return out, nil
}
