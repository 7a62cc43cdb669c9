package server

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/report"
)

// verdict is the paragraph an event page opens with: what is established,
// what is contested and why, the independent origins, and what would
// change the judgement. Each part is built from the event's own
// assessment, contradictions and origins; none is written for one case.
type verdict struct {
	Established string
	Contested   string
	Origins     string
	Change      string
}

// verdictNames is the most origins the verdict names in one list; the
// Independence table below it lists them all (a page at a time).
const verdictNames = 6

func eventVerdict(ev *report.EventView) verdict {
	var v verdict
	a := ev.Assessment
	if a == nil {
		v.Established = "Not assessed yet: fuse the case to grade it."
		return v
	}
	v.Established = fmt.Sprintf("Status %s: it is %s that %s", a.Status, orWord(ev.Likelihood, a.Words), lowerFirst(ev.Title))
	if ev.From != "" {
		v.Established += " (" + dateSpan(ev.From, ev.To) + ")"
	}
	v.Established += fmt.Sprintf(", Admiralty %s.", a.Admiralty)

	// Contested: contradictions that cannot both hold first, one example
	// per field with how many more, then those a different scope explains
	// (by field only), then denials and refusals to comment. A denial's
	// pairs are said once, by who denies.
	var hard []string
	hardN, scopeN := map[string]int{}, map[string]int{}
	var scopeFields []string
	for _, c := range ev.Contradictions {
		switch {
		case c.Field == "denial":
		case c.Scope:
			if scopeN[c.Field] == 0 {
				scopeFields = append(scopeFields, c.Field)
			}
			scopeN[c.Field]++
		default:
			if hardN[c.Field] == 0 {
				hard = append(hard, c.Field+" ("+c.Explain+")")
			}
			hardN[c.Field]++
		}
	}
	for i, h := range hard {
		f, _, _ := strings.Cut(h, " (")
		if n := hardN[f] - 1; n > 0 {
			hard[i] += fmt.Sprintf(" and %d more on %s", n, f)
		}
	}
	var scope []string
	for _, f := range scopeFields {
		scope = append(scope, fmt.Sprintf("%s (%s)", f, plural(scopeN[f], "pair", "pairs")))
	}
	var denied, silent []string
	for _, o := range ev.Independence {
		switch o.Stance {
		case claim.StanceDenies:
			denied = append(denied, o.Who)
		case claim.StanceNoComment:
			silent = append(silent, o.Who)
		}
	}
	var parts []string
	if len(hard) > 0 {
		parts = append(parts, "contested on "+strings.Join(hard, "; "))
	}
	if len(denied) > 0 {
		parts = append(parts, "denied by "+someNames(denied, verdictNames, ", "))
	}
	if len(scope) > 0 {
		parts = append(parts, "differing only in scope on "+strings.Join(scope, ", ")+", where both may hold")
	}
	if len(silent) > 0 {
		parts = append(parts, someNames(silent, verdictNames, ", ")+" neither confirmed nor denied (not a denial)")
	}
	if len(parts) == 0 {
		v.Contested = "Nothing in the sources contradicts it."
	} else {
		v.Contested = upperFirst(strings.Join(parts, "; ")) + "."
	}

	// Independent origins, and how many carriers only repeat them.
	var indep, echoes []string
	for _, o := range ev.Independence {
		if o.Stance != claim.StanceSupports {
			continue
		}
		if len(o.EchoOf) > 0 {
			echoes = append(echoes, o.Who)
			continue
		}
		who := o.Who
		if len(o.Via) > 0 {
			who += " via " + strings.Join(o.Via, ", ")
		}
		indep = append(indep, who)
	}
	v.Origins = plural(ev.Independent, "independent origin", "independent origins")
	if ev.Independent == 0 {
		v.Origins = "No independent origin supports it"
	}
	if len(indep) > 0 {
		v.Origins += ": " + someNames(indep, verdictNames, "; ")
	}
	v.Origins += fmt.Sprintf(", carried by %s", plural(ev.Documents, "document", "documents"))
	if len(echoes) > 0 {
		v.Origins += "; " + someNames(echoes, verdictNames, ", ") + " only repeat others, not counted"
	}
	v.Origins += "."

	// What would change it: the evidence the judgement is weakest on.
	var change []string
	if ev.Independent <= 1 {
		change = append(change, "a second origin independent of the first would raise it")
	}
	if len(hard) > 0 {
		change = append(change, "a source settling the "+contradictionFields(ev)+" would settle the contest")
	}
	if len(hard) == 0 && len(denied) == 0 && ev.Assessment.Status == claim.StatusContested {
		change = append(change, "a source settling the contradiction would settle the contest")
	}
	if len(denied) > 0 {
		change = append(change, "evidence against the denial, or a retraction, would move it")
	}
	if len(ev.Signals) == 0 && hasFlightClaim(ev) {
		change = append(change, "a flight check of its flight claim")
	}
	for _, s := range ev.Signals {
		if s.Verdict == claim.Contradicted {
			change = append(change, "the data check against it ("+s.Subject+") would have to be explained")
			break
		}
	}
	if len(change) == 0 {
		change = append(change, "a denial by a named party, or data contradicting it, would lower it")
	}
	v.Change = "What would change the judgement: " + strings.Join(change, "; ") + "."
	return v
}

func contradictionFields(ev *report.EventView) string {
	var fs []string
	seen := map[string]bool{}
	for _, c := range ev.Contradictions {
		if !c.Scope && c.Field != "denial" && !seen[c.Field] {
			seen[c.Field] = true
			fs = append(fs, c.Field)
		}
	}
	return strings.Join(fs, " and ")
}

// hasFlightClaim reports whether one of the event's figures counts flights.
func hasFlightClaim(ev *report.EventView) bool {
	for _, f := range ev.Figures {
		if strings.Contains(f.Unit, "flight") {
			return true
		}
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func orWord(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func dateSpan(from, to string) string {
	if to == "" || to == from {
		return from
	}
	return from + " – " + to
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	// Keep proper names and acronyms: lower only a capital followed by a
	// lower-case letter that starts an ordinary word.
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z' && !strings.HasPrefix(s, "I ") {
		w, _, _ := strings.Cut(s, " ")
		if commonWord[strings.ToLower(w)] {
			return strings.ToLower(s[:1]) + s[1:]
		}
	}
	return s
}

// commonWord are sentence openers of event titles that are not names.
var commonWord = map[string]bool{"the": true, "a": true, "an": true, "some": true, "about": true, "over": true, "up": true, "nearly": true, "at": true}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// reasonQuotes is the event's reasons with each quoted span shown once:
// the first reason to cite a span quotes it; later ones refer back to it
// by number.
type reasonQuotes struct {
	report.ReasonView
	Cited []citedQuote
}

type citedQuote struct {
	report.Quote
	N     int  // the quote's number on the page
	First bool // this reason quotes it; otherwise it refers back
}

func quoteOnce(rs []report.ReasonView) []reasonQuotes {
	out := make([]reasonQuotes, len(rs))
	seen := map[string]int{}
	for i, r := range rs {
		out[i].ReasonView = r
		for _, q := range r.Quotes {
			key := q.ClaimID
			if key == "" {
				key = fmt.Sprintf("%d:%d:%d", q.SourceID, q.Start, q.End)
			}
			n, ok := seen[key]
			if !ok {
				n = len(seen) + 1
				seen[key] = n
			}
			out[i].Cited = append(out[i].Cited, citedQuote{Quote: q, N: n, First: !ok})
		}
	}
	return out
}
