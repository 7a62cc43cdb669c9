package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// ValidateClaimReview checks a ClaimReview JSON-LD document as a
// fact-checking aggregator reads it. schema.org publishes no JSON Schema for
// ClaimReview, so the checks are the properties that schema.org defines for
// ClaimReview, Rating, Claim and CreativeWork and that Google's ClaimReview
// structured-data guidelines require: the claim reviewed in words, an author
// with a name, a publication date, a rating inside its own scale with a
// textual verdict, and a reviewed Claim whose appearances are works with a
// name or an absolute http(s) address. It reads the bytes, not the Go types
// that wrote them, so that a change to those types cannot hide a fault.
// Every fault found is reported, each with its JSON path.
func ValidateClaimReview(doc []byte) error {
	var top map[string]any
	if err := json.Unmarshal(doc, &top); err != nil {
		return fmt.Errorf("claimreview: not a JSON object: %w", err)
	}
	v := &crValidator{}
	if ctx, _ := top["@context"].(string); strings.TrimRight(ctx, "/") != "https://schema.org" && strings.TrimRight(ctx, "/") != "http://schema.org" {
		v.failf("@context", "is %q, want https://schema.org", top["@context"])
	}
	reviews := []any{top}
	if g, ok := top["@graph"]; ok {
		if reviews, ok = g.([]any); !ok {
			v.failf("@graph", "is not a list")
		}
	}
	for i, r := range reviews {
		path := "@graph[" + fmt.Sprint(i) + "]"
		if _, ok := top["@graph"]; !ok {
			path = "$"
		}
		m, ok := r.(map[string]any)
		if !ok {
			v.failf(path, "is not an object")
			continue
		}
		v.review(path, m)
	}
	return errors.Join(v.errs...)
}

type crValidator struct{ errs []error }

func (v *crValidator) failf(path, format string, a ...any) {
	v.errs = append(v.errs, fmt.Errorf("claimreview: %s %s", path, fmt.Sprintf(format, a...)))
}

// text returns m[key] as a non-blank string, reporting a fault otherwise.
func (v *crValidator) text(path string, m map[string]any, key string) string {
	s, ok := m[key].(string)
	if !ok || strings.TrimSpace(s) == "" {
		v.failf(path+"."+key, "is missing or empty")
		return ""
	}
	return s
}

func (v *crValidator) typeIs(path string, m map[string]any, want ...string) {
	t, _ := m["@type"].(string)
	for _, w := range want {
		if t == w {
			return
		}
	}
	v.failf(path+".@type", "is %q, want %s", m["@type"], strings.Join(want, " or "))
}

func (v *crValidator) object(path string, m map[string]any, key string) map[string]any {
	o, ok := m[key].(map[string]any)
	if !ok {
		v.failf(path+"."+key, "is missing or not an object")
		return nil
	}
	return o
}

// date checks an ISO 8601 date or date-time.
func (v *crValidator) date(path string, s string) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05"} {
		if _, err := time.Parse(layout, s); err == nil {
			return
		}
	}
	v.failf(path, "%q is not an ISO 8601 date", s)
}

func (v *crValidator) link(path string, s string) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.failf(path, "%q is not an absolute http(s) address", s)
	}
}

func (v *crValidator) review(path string, m map[string]any) {
	v.typeIs(path, m, "ClaimReview")
	v.text(path, m, "claimReviewed")
	if d := v.text(path, m, "datePublished"); d != "" {
		v.date(path+".datePublished", d)
	}
	if u, ok := m["url"].(string); ok {
		v.link(path+".url", u)
	}
	if a := v.object(path, m, "author"); a != nil {
		v.typeIs(path+".author", a, "Organization", "Person")
		v.text(path+".author", a, "name")
	}
	if r := v.object(path, m, "reviewRating"); r != nil {
		v.rating(path+".reviewRating", r)
	}
	if c := v.object(path, m, "itemReviewed"); c != nil {
		v.claim(path+".itemReviewed", c)
	}
}

// rating needs a verdict in words (alternateName) and, where numbers are
// given, worstRating ≤ ratingValue ≤ bestRating.
func (v *crValidator) rating(path string, r map[string]any) {
	v.typeIs(path, r, "Rating")
	v.text(path, r, "alternateName")
	val, okV := r["ratingValue"].(float64)
	best, okB := r["bestRating"].(float64)
	worst, okW := r["worstRating"].(float64)
	switch {
	case !okV && !okB && !okW:
	case !okV || !okB || !okW:
		v.failf(path, "gives only some of ratingValue, bestRating and worstRating")
	case worst >= best:
		v.failf(path, "worstRating %v is not below bestRating %v", worst, best)
	case val < worst || val > best:
		v.failf(path+".ratingValue", "%v is outside %v–%v", val, worst, best)
	}
}

func (v *crValidator) claim(path string, c map[string]any) {
	v.typeIs(path, c, "Claim")
	if a, ok := c["author"].(map[string]any); ok {
		v.typeIs(path+".author", a, "Organization", "Person")
		v.text(path+".author", a, "name")
	}
	works, _ := c["appearance"].([]any)
	fa, hasFirst := c["firstAppearance"].(map[string]any)
	if len(works) == 0 && !hasFirst {
		v.failf(path, "has neither appearance nor firstAppearance")
	}
	for i, w := range works {
		p := fmt.Sprintf("%s.appearance[%d]", path, i)
		m, ok := w.(map[string]any)
		if !ok {
			v.failf(p, "is not an object")
			continue
		}
		v.work(p, m)
	}
	if hasFirst {
		v.work(path+".firstAppearance", fa)
	}
}

// work is a CreativeWork a claim appeared in: it must be findable, by a
// name or by its address.
func (v *crValidator) work(path string, w map[string]any) {
	v.typeIs(path, w, "CreativeWork", "NewsArticle", "Article", "WebPage", "SocialMediaPosting", "VideoObject")
	name, _ := w["name"].(string)
	u, hasURL := w["url"].(string)
	if strings.TrimSpace(name) == "" && !hasURL {
		v.failf(path, "has neither a name nor a url")
	}
	if hasURL {
		v.link(path+".url", u)
	}
	if d, ok := w["datePublished"].(string); ok {
		v.date(path+".datePublished", d)
	}
	if p, ok := w["publisher"].(map[string]any); ok {
		v.text(path+".publisher", p, "name")
	}
}
