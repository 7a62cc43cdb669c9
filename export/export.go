// Package export writes a case (claim.Case) in standard formats for other
// tools: a STIX 2.1 bundle for threat-intelligence platforms, a GeoJSON
// FeatureCollection (RFC 7946) of the places for GIS, and schema.org
// ClaimReview JSON-LD for fact-checking aggregators. Output is
// byte-identical for identical cases: identifiers are name-based UUIDs
// (version 5) over stable content, and timestamps come from the data
// (publication dates), never from the clock.
package export

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// Format is an export format.
type Format string

// Formats.
const (
	STIX        Format = "stix"
	GeoJSON     Format = "geojson"
	ClaimReview Format = "claimreview"
)

// Formats lists the formats in the order help texts show them.
func Formats() []Format { return []Format{STIX, GeoJSON, ClaimReview} }

// Options are what an export says beyond the case.
type Options struct {
	// Organisation publishes the export: the author of each ClaimReview
	// (the case settings' organisation). "" names Triangulate, which is
	// not a publisher a fact-check aggregator accepts.
	Organisation string
}

// Write exports c in format f.
func Write(w io.Writer, c *claim.Case, f Format) error { return WriteWith(w, c, f, Options{}) }

// WriteWith exports c in format f with opt.
func WriteWith(w io.Writer, c *claim.Case, f Format, opt Options) error {
	var v any
	switch f {
	case STIX:
		v = STIXBundle(c)
	case GeoJSON:
		v = FeatureCollection(c)
	case ClaimReview:
		v = claimReviews(c, opt)
	default:
		return errs.E(errs.BadInput, "export", fmt.Sprintf("unknown format %q (want stix, geojson or claimreview)", f))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("export %s: %w", f, err)
	}
	return nil
}

// caseTime is the time a case speaks for: the latest source publication,
// else the latest date a claim or signal names, else the Unix epoch. It
// stands in for "now" so that exports do not change between runs.
func caseTime(c *claim.Case) time.Time {
	var t time.Time
	for _, s := range c.Sources {
		if s.Published.After(t) {
			t = s.Published
		}
	}
	if !t.IsZero() {
		return t.UTC()
	}
	consider := func(d claim.Date) {
		if x, err := time.Parse(time.DateOnly, d); err == nil && x.After(t) {
			t = x
		}
	}
	for _, cl := range c.Claims {
		if cl.Time != nil {
			consider(cl.Time.From)
			consider(cl.Time.To)
		}
	}
	for _, s := range c.Signals {
		consider(s.From)
		consider(s.To)
	}
	if t.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return t.UTC()
}
