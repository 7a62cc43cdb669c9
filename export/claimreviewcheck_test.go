package export

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/report/reporttest"
)

// TestClaimReviewValidates: the seed case's ClaimReview passes the checks,
// and each fault written into it is found and named by its path.
func TestClaimReviewValidates(t *testing.T) {
	out := export(t, reporttest.SeedCase(t), ClaimReview)
	if err := ValidateClaimReview(out); err != nil {
		t.Fatalf("the seed case's ClaimReview: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc["@graph"].([]any)) == 0 {
		t.Fatal("the seed case's ClaimReview holds no review")
	}
	first := func(d map[string]any) map[string]any { return d["@graph"].([]any)[0].(map[string]any) }
	for _, tc := range []struct {
		name  string
		spoil func(d map[string]any)
		want  string
	}{
		{"no claim in words", func(d map[string]any) { first(d)["claimReviewed"] = "  " }, "@graph[0].claimReviewed is missing"},
		{"author without a name", func(d map[string]any) { first(d)["author"] = map[string]any{"@type": "Organization"} }, "@graph[0].author.name"},
		{"author of another type", func(d map[string]any) { first(d)["author"].(map[string]any)["@type"] = "Robot" }, "@graph[0].author.@type"},
		{"date in words", func(d map[string]any) { first(d)["datePublished"] = "14 January" }, "not an ISO 8601 date"},
		{"rating above its scale", func(d map[string]any) {
			first(d)["reviewRating"].(map[string]any)["ratingValue"] = 9.0
		}, "ratingValue 9 is outside"},
		{"rating without a verdict", func(d map[string]any) { delete(first(d)["reviewRating"].(map[string]any), "alternateName") }, "alternateName"},
		{"a scale upside down", func(d map[string]any) {
			r := first(d)["reviewRating"].(map[string]any)
			r["bestRating"], r["worstRating"] = 1.0, 7.0
		}, "worstRating 7 is not below"},
		{"item not a claim", func(d map[string]any) { first(d)["itemReviewed"].(map[string]any)["@type"] = "Thing" }, "itemReviewed.@type"},
		{"nowhere it appeared", func(d map[string]any) {
			it := first(d)["itemReviewed"].(map[string]any)
			delete(it, "appearance")
			delete(it, "firstAppearance")
		}, "neither appearance nor firstAppearance"},
		{"an address that is no web address", func(d map[string]any) {
			first(d)["itemReviewed"].(map[string]any)["firstAppearance"].(map[string]any)["url"] = "file:///etc/passwd"
		}, "not an absolute http(s) address"},
		{"wrong context", func(d map[string]any) { d["@context"] = "https://example.org" }, "@context"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d map[string]any
			_ = json.Unmarshal(out, &d)
			tc.spoil(d)
			b, _ := json.Marshal(d)
			err := ValidateClaimReview(b)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ValidateClaimReview = %v, want a fault naming %q", err, tc.want)
			}
		})
	}
	if err := ValidateClaimReview([]byte("[1, 2]")); err == nil {
		t.Error("a JSON list passes as a ClaimReview document")
	}
}
