package export

import (
	"cmp"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/report"
)

// ClaimReviewDoc is a JSON-LD document holding one schema.org ClaimReview
// per assessed event.
type ClaimReviewDoc struct {
	Context string          `json:"@context"`
	Graph   []ClaimReviewLD `json:"@graph"`
}

// ClaimReviewLD is a schema.org ClaimReview.
type ClaimReviewLD struct {
	Type          string  `json:"@type"`
	ID            string  `json:"@id"`
	ClaimReviewed string  `json:"claimReviewed"`
	DatePublished string  `json:"datePublished"`
	Author        Thing   `json:"author"`
	ReviewRating  Rating  `json:"reviewRating"`
	ItemReviewed  ClaimLD `json:"itemReviewed"`
	ReviewBody    string  `json:"reviewBody,omitempty"`
}

// Thing is a schema.org Organization or Person, by name.
type Thing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// Rating places the likelihood on the seven ICD 203 bands: 1 "almost no
// chance" to 7 "almost certain". alternateName carries status and words.
type Rating struct {
	Type              string `json:"@type"`
	RatingValue       int    `json:"ratingValue"`
	BestRating        int    `json:"bestRating"`
	WorstRating       int    `json:"worstRating"`
	AlternateName     string `json:"alternateName"`
	RatingExplanation string `json:"ratingExplanation,omitempty"`
}

// ClaimLD is a schema.org Claim: what was said, where it appeared, and its
// first appearance (the root of the echo chain: the earliest publication).
type ClaimLD struct {
	Type            string         `json:"@type"`
	Author          *Thing         `json:"author,omitempty"` // the original speaker of the first appearance
	Appearance      []CreativeWork `json:"appearance"`
	FirstAppearance *CreativeWork  `json:"firstAppearance,omitempty"`
}

// CreativeWork is a schema.org CreativeWork: one stored source.
type CreativeWork struct {
	Type          string `json:"@type"`
	Name          string `json:"name"`
	URL           string `json:"url,omitempty"`
	DatePublished string `json:"datePublished,omitempty"`
	Publisher     *Thing `json:"publisher,omitempty"`
	Text          string `json:"text,omitempty"` // the quoted evidence, for the first appearance
	Identifier    string `json:"identifier,omitempty"`
}

// ratingValue is the 1-based index of the ICD 203 band of p.
func ratingValue(p float64) int {
	bands := []float64{0.05, 0.20, 0.45, 0.55, 0.80, 0.95}
	for i, top := range bands {
		if p <= top {
			return i + 1
		}
	}
	return 7
}

// ClaimReviews builds one ClaimReview per assessed event.
func ClaimReviews(c *claim.Case) *ClaimReviewDoc { return claimReviews(c, Options{}) }

// claimReviews builds the reviews with opt's organisation as their author.
// The claim reviewed is the claim's own words at its first appearance (the
// root of its echo chain), not the event's machine title.
func claimReviews(c *claim.Case, opt Options) *ClaimReviewDoc {
	r := report.Build(c, report.Options{})
	doc := &ClaimReviewDoc{Context: "https://schema.org", Graph: []ClaimReviewLD{}}
	date := caseTime(c).Format("2006-01-02")
	sources := map[int64]*claim.Source{}
	for i := range c.Sources {
		sources[c.Sources[i].ID] = &c.Sources[i]
	}
	claims := map[string]*claim.Claim{}
	for i := range c.Claims {
		claims[c.Claims[i].ID] = &c.Claims[i]
	}
	work := func(id int64) CreativeWork {
		s := sources[id]
		if s == nil {
			return CreativeWork{Type: "CreativeWork", Name: "unknown source"}
		}
		cw := CreativeWork{Type: "CreativeWork", Name: cmp.Or(s.Title, s.Name), URL: s.URL, Identifier: "sha256:" + s.ContentHash}
		if !s.Published.IsZero() {
			cw.DatePublished = s.Published.UTC().Format("2006-01-02")
		}
		if s.Outlet != "" {
			cw.Publisher = &Thing{Type: "Organization", Name: s.Outlet}
		}
		return cw
	}
	for _, ev := range r.Events {
		a := ev.Assessment
		if a == nil {
			continue
		}
		item := ClaimLD{Type: "Claim", Appearance: []CreativeWork{}}
		var seen []int64
		for _, id := range ev.ClaimIDs {
			cl := claims[id]
			if cl == nil || containsID(seen, cl.SourceID) {
				continue
			}
			seen = append(seen, cl.SourceID)
			item.Appearance = append(item.Appearance, work(cl.SourceID))
		}
		if q := ev.Root; q != nil {
			fa := work(q.SourceID)
			fa.Text = q.Text
			item.FirstAppearance = &fa
			if cl := claims[q.ClaimID]; cl != nil && cl.Originator().Who != "" {
				item.Author = &Thing{Type: speakerType(cl.Originator().Kind), Name: cl.Originator().Who}
			}
		}
		var reasons []string
		for _, rs := range ev.Reasons {
			reasons = append(reasons, rs.Text)
		}
		reviewed := ev.Title
		if q := ev.Root; q != nil && strings.TrimSpace(q.Text) != "" {
			reviewed = strings.Join(strings.Fields(q.Text), " ")
		}
		doc.Graph = append(doc.Graph, ClaimReviewLD{
			Type: "ClaimReview", ID: "urn:triangulate:event:" + ev.ID, ClaimReviewed: reviewed, DatePublished: date,
			Author: Thing{Type: "Organization", Name: cmp.Or(opt.Organisation, "Triangulate")},
			ReviewRating: Rating{Type: "Rating", RatingValue: ratingValue(a.Probability), BestRating: 7, WorstRating: 1,
				AlternateName: string(a.Status) + ": " + ev.Likelihood, RatingExplanation: strings.Join(reasons, "; ")},
			ItemReviewed: item,
			ReviewBody:   reviewBody(ev),
		})
	}
	return doc
}

func reviewBody(ev report.EventView) string {
	a := ev.Assessment
	s := string(a.Status) + ", " + ev.Likelihood
	if a.Admiralty != "" {
		s += ", Admiralty " + a.Admiralty
	}
	s += "; " + claim.FormatNumber(float64(ev.Independent)) + " independent origin" + plural(ev.Independent) +
		", echo count " + claim.FormatNumber(float64(ev.Echo)) + "."
	// The computed values lead; an analyst's override and sign-off follow,
	// each saying whose it is.
	for _, l := range []string{report.OverrideLine(a), report.SignOffLine(a)} {
		if l != "" {
			s += " " + l
		}
	}
	return s
}

// speakerType says whether an original speaker is people (named,
// official, anonymous or social sources) or an organization.
func speakerType(k claim.SourceKind) string {
	switch k {
	case claim.SpeakerOutlet, claim.SpeakerStateMedia, claim.SpeakerRightsGroup, claim.SpeakerData, claim.SpeakerDocument:
		return "Organization"
	}
	return "Person"
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
