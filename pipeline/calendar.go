package pipeline

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"time"

	"github.com/triangulate/triangulate/calendar"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
)

// CalendarSignals checks each dated flight claim among cs for observances
// that could explain a change in traffic, and stores one signal per claim
// (kind calendar, upserted by the claim's id). Extract runs it on every
// source it extracts, so every door gets the same signals.
func (c *Case) CalendarSignals(ctx context.Context, cs []claim.Claim) ([]claim.Signal, error) {
	p, err := c.Pack(ctx)
	if err != nil {
		return nil, err
	}
	sets, err := c.st.Datasets(ctx)
	if err != nil {
		return nil, err
	}
	sigs := calendarSignals(cs, p, calendar.Default(), len(sets) > 0)
	if len(sigs) == 0 {
		return nil, nil
	}
	if err := c.st.PutSignals(ctx, sigs); err != nil {
		return nil, fmt.Errorf("calendar signals: %w", err)
	}
	return sigs, nil
}

// calendarSignals: the window runs from 7 days before a claim's start to 3
// days after its end (pilgrims travel home after an observance), in the
// calendars of the countries of the places it names. Without flight data
// the count itself stays untestable; the signal records that too.
// With flight data loaded (loaded) the signal points to the flight check
// instead.
func calendarSignals(cs []claim.Claim, pack *knowledge.Pack, cal *calendar.Calendar, loaded bool) []claim.Signal {
	var out []claim.Signal
	for _, c := range cs {
		if c.Action != claim.ActionFlights || c.Time == nil || c.Time.From == "" {
			continue
		}
		from, err := time.Parse(time.DateOnly, c.Time.From)
		if err != nil {
			continue
		}
		to := from
		if c.Time.To != "" {
			if t, err := time.Parse(time.DateOnly, c.Time.To); err == nil {
				to = t
			}
		}
		countries := claimCountries(c, pack)
		seen := map[string]bool{}
		var names, lines []string
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			for _, o := range cal.Near(d, 7, 3, countries...) {
				key := o.Day() + o.Name
				if seen[key] || !o.Major {
					continue
				}
				seen[key] = true
				names = append(names, fmt.Sprintf("%s (%s, %s)", o.Name, o.Local, o.Day()))
				lines = append(lines, fmt.Sprintf("%s on %s is %d days from %s", o.Name, o.Day(), -o.DaysFrom(from), c.Time.From))
			}
		}
		summary := "no major observance within 7 days before to 3 days after " + c.Time.From
		if len(names) > 0 {
			summary = "possible alternative explanation: " + strings.Join(names, "; ")
		}
		if loaded {
			summary += "; flight data is loaded: the counts themselves are tested by the flight check (run it from the event page, or 'flights check --claim " + c.ID + "')"
		} else {
			summary += "; no flight data loaded, so the counts themselves are untestable ('triangulate flights load', then 'flights check --claim " + c.ID + "')"
		}
		h := sha256.Sum256([]byte("calendar|" + c.ID))
		out = append(out, claim.Signal{
			ID:      fmt.Sprintf("sig-cal-%x", h[:5]),
			Kind:    "calendar",
			ClaimID: c.ID,
			Subject: "calendar " + strings.Join(countries, ","),
			From:    c.Time.From,
			To:      c.Time.To,
			Verdict: claim.Untestable,
			Summary: summary,
			Details: map[string]any{"observances": names, "explain": lines, "countries": countries},
			Created: from,
		})
	}
	return out
}

// claimCountries lists the ISO codes of the places a claim names, in order.
func claimCountries(c claim.Claim, pack *knowledge.Pack) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range c.Places {
		cc := p.Country
		if cc == "" {
			if ps := pack.LookupPlace(p.Name); len(ps) > 0 {
				cc = ps[0].Country
			}
		}
		if cc != "" && !seen[cc] {
			seen[cc] = true
			out = append(out, cc)
		}
	}
	return out
}
