package fuse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/triangulate/triangulate/claim"
)

// Time. A claim's happening lies within its own time span; a claim that
// gives none happened on or before its source's publication, most likely
// within the month before (approximate, "published on"). A stance's date
// (the day of a denial) bounds its happening from above in the same way.
// Exact spans meet when they lie at most Options.TimeToleranceDays apart;
// approximate ones (months, the publication fallback) when at most
// approxSlack days apart, so reports published months apart about an
// ongoing happening join only through claims that bridge them.
const (
	lookbackDays = 30
	approxSlack  = 30
)

// newFeats reduces claims, in grouping order, to feats with their context
// in their texts: sections (a text's headings start new ones), the claim
// each continues, speakers' accounts and the claim each bare stance speaks of.
func newFeats(cs []*claim.Claim, source func(*claim.Claim) *claim.Source, ori *origins, lex *lexicon, tol int) []*feat {
	feats := make([]*feat, len(cs))
	sections := map[*claim.Source][]int{}
	for i, c := range cs {
		f := newFeat(c, i, lex)
		src := source(c)
		f.doc = c.Source
		if src != nil {
			if _, ok := sections[src]; !ok {
				sections[src] = headings(src.Text)
			}
			for _, h := range sections[src] {
				if c.Start >= h {
					f.section++
				}
			}
		}
		f.setSpan(src, tol)
		if ms := ori.byClaim[c.ID]; len(ms) > 0 {
			m := ms[0]
			if src != nil && m.carrier != fold(src.Outlet) && m.carrier != fold(src.Name) {
				f.relay = m.carrier
			}
			// An account is what one speaker says in one text; outlets
			// narrate many stories, and a stance may speak of several.
			if f.stance == claim.StanceSupports && m.self != "" &&
				m.kind != claim.SpeakerOutlet && m.kind != claim.SpeakerStateMedia && m.kind != claim.SpeakerSocial {
				f.account, f.accountWho = c.Source+"\x00"+m.self, m.who
			}
		}
		feats[i] = f
	}
	// Context within each text (claims of a text are consecutive in order).
	for i, f := range feats {
		var prevAny, prev, prevBare *feat
		for j := i - 1; j >= 0 && feats[j].doc == f.doc; j-- {
			g := feats[j]
			if g.section != f.section {
				break
			}
			if prevAny == nil {
				prevAny = g
			}
			if g.family != familyStance {
				// A bare stance answers what someone said about someone:
				// a claim naming no actor at all (the writer's setting,
				// "where the prime minister launched an offensive", or a
				// data point) is passed over for the claim before it.
				if f.family == familyStance && f.contentless() && g.nActors == 0 {
					if prevBare == nil {
						prevBare = g
					}
					continue
				}
				prev = g
				break
			}
		}
		if prev == nil {
			prev = prevBare
		}
		switch {
		case f.family == familyStance && f.contentless():
			// "which Ankara and Baku both denied", "denied both reports": the
			// same speaker's stance before it, else the claim before it;
			// where only a stance comes before it in its section (a text
			// opening with a denial, then the minister's own words), that
			// stance: it answers the same report.
			if prevAny != nil && prevAny.family == familyStance && (sameFirst(ori, prevAny, f) || prev == nil) {
				f.target = prevAny.order
			} else if prev != nil {
				f.target = prev.order
			}
		case f.family != familyStance && prev != nil && continues(f, prev):
			f.adj = prev.order
		}
	}
	return feats
}

func sameFirst(ori *origins, a, b *feat) bool {
	ma, mb := ori.byClaim[a.c.ID], ori.byClaim[b.c.ID]
	return len(ma) > 0 && len(mb) > 0 && ma[0].key == mb[0].key
}

// continues reports whether f goes on with prev's story: it names actors
// (or, naming none, passes on the same outlet's report as prev), but no
// force or party prev does not name (a new name starts a new story), it
// does not bring forces to what only states did, and neither is a bare
// flight observation. Whether their places fit is
// checked against the whole event (match.go).
func continues(f, prev *feat) bool {
	if f.nActors == 0 && (f.relay == "" || f.relay != prev.relay) && !sameKind(f, prev) && !gapRemark(f) || dataOnly(f) || dataOnly(prev) {
		return false
	}
	if len(f.classes) > 0 && len(prev.classes) == 0 && len(prev.parties) > 0 {
		return false // forces after what states did ("Armenia and Azerbaijan clashed"): another story
	}
	known := prev.allKeys()
	for k := range f.strong {
		if !known[k] {
			return false
		}
	}
	for k := range f.proper {
		if !known[k] {
			return false
		}
	}
	for k := range f.parties {
		if !known[k] {
			return false
		}
	}
	return true
}

// sameKind reports a claim naming no actor that tells the same kind of
// happening as the claim before it, neither a movement nor a fight
// ("… signed up to work for a security company. Men in Idlib say a
// recruitment drive began a month ago."): it goes on with that story,
// where its places fit the event's (match.go). A movement or a fight
// naming no one may be another one.
func sameKind(f, prev *feat) bool {
	return f.family == prev.family && f.family != familyStance && f.family != FamilyMovement && f.family != FamilyViolence &&
		f.c.Action != claim.ActionFlights
}

// gapRemark reports a gap in the record naming no one ("details remain
// sketchy as to the number killed", "it is not known whether they are still
// there"): a remark on the story the text is telling, which goes on with the
// claim before it where its places fit the event's (match.go).
func gapRemark(f *feat) bool { return f.c.Action == claim.ActionDataGap && f.nActors == 0 }

// dataOnly reports flight observations without actors: evidence of their
// own kind, kept apart from what people say.
func dataOnly(f *feat) bool { return f.c.Action == claim.ActionFlights && f.nActors == 0 }

func (f *feat) allKeys() map[string]bool {
	out := map[string]bool{}
	for k := range f.subjects {
		out[k] = true
	}
	for k := range f.strong {
		out[k] = true
	}
	for k := range f.others {
		out[k] = true
	}
	for k := range f.parties {
		out[k] = true
	}
	return out
}

func countries(ps []pfeat) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		if p.country != "" {
			out[p.country] = true
		}
	}
	return out
}

// setSpan sets the window the claim's happening may lie in, and its slack.
func (f *feat) setSpan(src *claim.Source, tol int) {
	approx := f.c.Time != nil && (f.c.Time.Precision == claim.TimeMonth || f.c.Time.Precision == claim.TimeApproximate)
	switch {
	case f.when.ok && f.family != familyStance:
		f.span, f.slack = f.when, tol
		if approx {
			f.slack = approxSlack
		}
	case f.when.ok: // a stance's own date: its happening came before
		end := f.when.to
		if end == posInf {
			end = f.when.from
		}
		f.span, f.slack = interval{from: addDays(end, -lookbackDays), to: end, ok: end != negInf}, approxSlack
		if end == negInf {
			f.span = interval{}
		}
	case src != nil && !src.Published.IsZero():
		d := int(src.Published.Unix() / 86400)
		f.span, f.slack = interval{from: d - lookbackDays, to: d, ok: true}, approxSlack
	}
}

// headings returns the byte offsets where a text's headings end: short
// lines without closing punctuation followed by a longer paragraph ("The
// current situation in Iran"). Each starts a section.
func headings(text string) []int {
	var out []int
	lines := strings.SplitAfter(text, "\n")
	off := 0
	for i, l := range lines {
		end := off + len(l)
		t := strings.TrimSpace(l)
		off = end
		n := countFields(t, 15)
		if n == 0 || n > 14 {
			continue
		}
		last, _ := lastRune(t)
		if strings.ContainsRune(".!?:;,\"”’)…", last) || unicode.IsLower(last) && n < 3 {
			continue
		}
		// The next non-empty line must be a longer paragraph.
		for _, nl := range lines[i+1:] {
			if nt := strings.TrimSpace(nl); nt != "" {
				if countFields(nt, n+1) > n {
					out = append(out, end)
				}
				break
			}
		}
	}
	return out
}

// countFields is len(strings.Fields(s)), counting no further than limit:
// headings reads every line of every source, and splitting each into
// words only to count them was most of its cost.
func countFields(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			if n++; n >= limit {
				return n
			}
			in = true
		}
	}
	return n
}

func lastRune(s string) (rune, bool) {
	r, n := utf8.DecodeLastRuneInString(s)
	return r, n > 0
}
