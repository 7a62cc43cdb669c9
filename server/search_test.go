package server

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/store"
)

func TestSearchFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"5,000 fighters", "5000 fighters"},
		{"1.200.000", "1200000"},
		{"5 000", "5000"},
		{"Hashd al-Sha'abi", "hashd al shaabi"},
		{"Shaâbi Īlām", "shaabi ilam"},
		{"3,5 km", "3 5 km"}, // a decimal comma is not a thousands separator
	} {
		if got := searchFold(tt.in); got != tt.want {
			t.Errorf("searchFold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in     string
		lo, hi float64
		ok     bool
	}{
		{"5000", 5000, 5000, true}, {"5,000", 5000, 5000, true}, {"2,000–5,000", 2000, 5000, true},
		{"2000 to 5000", 2000, 5000, true}, {"5000-2000", 0, 0, false}, {"many", 0, 0, false},
	} {
		lo, hi, ok := parseFigure(tt.in)
		if ok != tt.ok || (ok && (lo != tt.lo || hi != tt.hi)) {
			t.Errorf("parseFigure(%q) = %v %v %v", tt.in, lo, hi, ok)
		}
	}
}

// TestSpellingKey: romanisations of one name meet; other names, short
// words and numbers do not.
func TestSpellingKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"toghanyan", "toganyan"},
		{"hashed", "hashd"},
		{"kanaani", "kanani"},
		{"muhammad", "mohammed"},
		{"khosravi", "hosravi"},
		{"gadzhiev", "gajiev"},
		{"zurbatiya", "zurbatia"},
		{"qasem", "kasem"},
	} {
		ka, kb := spellingKey(tt.a), spellingKey(tt.b)
		if ka == "" || ka != kb {
			t.Errorf("spellingKey(%q) = %q, spellingKey(%q) = %q; want one key", tt.a, ka, tt.b, kb)
		}
	}
	for _, tt := range []struct{ a, b string }{
		{"toganyan", "tehran"},
		{"mehran", "mohammed"},
		{"najaf", "nujaba"},
		{"hashd", "hadi"},
	} {
		if ka, kb := spellingKey(tt.a), spellingKey(tt.b); ka != "" && ka == kb {
			t.Errorf("spellingKey(%q) = spellingKey(%q) = %q; want them apart", tt.a, tt.b, ka)
		}
	}
	for _, short := range []string{"iran", "5000", "ilam", "al", "ev-01"} {
		if k := spellingKey(short); k != "" {
			t.Errorf("spellingKey(%q) = %q, want none (too short to tell names apart)", short, k)
		}
	}
	if !containsAll(searchFold("Vardan Toganyan said 4,000 fighters"), searchTokens("Toghanyan 4000")) {
		t.Error("a search for another romanisation of a name misses it")
	}
	if containsAll(searchFold("Vardan Toganyan said 4,000 fighters"), searchTokens("Tehran")) {
		t.Error("a search for another name finds this one")
	}
}

var claimRow = regexp.MustCompile(`<td id="claim-([^"]+)"`)

// found is the ids of the claims the claims page lists for query.
func found(t *testing.T, c *http.Client, base string, q url.Values) []string {
	t.Helper()
	q.Set("limit", "1000")
	resp, body := get(t, c, base+"/claims?"+q.Encode())
	if resp.StatusCode != 200 {
		t.Fatalf("claims?%s: %d", q.Encode(), resp.StatusCode)
	}
	var ids []string
	for _, m := range claimRow.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// TestClaimsSearch: over a real case, the claims page finds figures
// however their thousands are written, names by their transliterations and
// diacritics, and filters by speaker, place, date and figure; sources show
// as outlets and titles and events by their titles.
func TestClaimsSearch(t *testing.T) {
	st, cs := workbenchCase(t)
	addUser(t, st, "alice", store.Analyst)
	srv := newServerWith(t, Config{Case: cs})
	c := browser(t, srv.URL, "alice")
	all, err := st.Claims(t.Context(), store.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]claim.Claim{}
	for _, cl := range all {
		byID[cl.ID] = cl
	}
	some := func(pred func(claim.Claim) bool) []string {
		var ids []string
		for _, cl := range all {
			if pred(cl) {
				ids = append(ids, cl.ID)
			}
		}
		return ids
	}
	subset := func(name string, want, got []string) {
		t.Helper()
		if len(want) == 0 {
			t.Fatalf("%s: the case has no such claim to find", name)
		}
		for _, id := range want {
			if !slices.Contains(got, id) {
				t.Errorf("%s: claim %s (%q) not found", name, id, byID[id].Evidence)
			}
		}
	}

	// A figure written with a thousands separator is found without one.
	var sep []string
	sepRe := regexp.MustCompile(`\d,\d{3}`)
	for _, cl := range all {
		if sepRe.MatchString(cl.Evidence) {
			sep = append(sep, cl.ID)
		}
	}
	if len(sep) == 0 {
		t.Fatal("no claim writes a number with a thousands separator")
	}
	first := byID[sep[0]]
	num := strings.ReplaceAll(sepRe.FindString(first.Evidence), ",", "")
	subset("q="+num, []string{first.ID}, found(t, c, srv.URL, url.Values{"q": {num}}))

	// A transliteration the text does not use finds the claims whose
	// actor the pack resolves: "Hashed" for the Popular Mobilization Forces.
	pmf := some(func(cl claim.Claim) bool {
		for _, a := range cl.Actors {
			if a.PackID == "pmf" {
				return !strings.Contains(strings.ToLower(cl.Evidence), "hashed")
			}
		}
		return false
	})
	subset("q=Hashed al-Shaabi", pmf, found(t, c, srv.URL, url.Values{"q": {"Hashed al-Shaabi"}}))
	// Diacritics and case fold away.
	got := found(t, c, srv.URL, url.Values{"q": {"POPULAR MOBILIZATIÖN"}})
	subset("q=POPULAR MOBILIZATIÖN", pmf, got)

	// Speaker: every claim listed is attributed to a speaker of that name.
	var who string
	for _, cl := range all {
		if len(cl.Attribution) > 0 && len(strings.Fields(cl.Attribution[0].Who)) > 1 {
			who = strings.Fields(cl.Attribution[0].Who)[1]
			break
		}
	}
	got = found(t, c, srv.URL, url.Values{"speaker": {who}})
	if len(got) == 0 {
		t.Errorf("speaker=%s: nothing found", who)
	}
	for _, id := range got {
		if !slices.ContainsFunc(byID[id].Attribution, func(a claim.Attribution) bool {
			return strings.Contains(searchFold(a.Who), searchFold(who))
		}) {
			t.Errorf("speaker=%s lists %s, said by %+v", who, id, byID[id].Attribution)
		}
	}

	// Place, by name.
	var place string
	for _, cl := range all {
		if len(cl.Places) > 0 {
			place = cl.Places[0].Name
			break
		}
	}
	subset("place="+place, some(func(cl claim.Claim) bool {
		return slices.ContainsFunc(cl.Places, func(p claim.Place) bool { return p.Name == place })
	}), found(t, c, srv.URL, url.Values{"place": {place}}))

	// Date: a window of one day finds the claims dated that day and only
	// claims whose time overlaps it.
	var day string
	for _, cl := range all {
		if cl.Time != nil && cl.Time.From != "" && cl.Time.From == cl.Time.To {
			day = cl.Time.From
			break
		}
	}
	got = found(t, c, srv.URL, url.Values{"from": {day}, "to": {day}})
	subset("from=to="+day, some(func(cl claim.Claim) bool {
		return cl.Time != nil && cl.Time.From == day && cl.Time.To == day
	}), got)
	for _, id := range got {
		tm := byID[id].Time
		if tm == nil || (tm.From != "" && tm.From > day) || (tm.To != "" && tm.To < day) {
			t.Errorf("from=to=%s lists %s dated %+v", day, id, tm)
		}
	}

	// Figure: the claims with a quantity covering the number, however the
	// query writes it.
	q0 := first.Quantities
	if len(q0) == 0 {
		t.Fatalf("claim %s writes %s but has no quantity", first.ID, num)
	}
	fig := claim.FormatNumber(q0[0].Min)
	want := some(func(cl claim.Claim) bool {
		return slices.ContainsFunc(cl.Quantities, func(q claim.Quantity) bool { return q.Min <= q0[0].Min && q.Max >= q0[0].Min })
	})
	got = found(t, c, srv.URL, url.Values{"figure": {fig}})
	subset("figure="+fig, want, got)
	if len(got) != len(want) {
		t.Errorf("figure=%s: %d claims, want %d", fig, len(got), len(want))
	}
	if resp, _ := get(t, c, srv.URL+"/claims?figure=lots"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("figure=lots: %d, want 400", resp.StatusCode)
	}
	if resp, _ := get(t, c, srv.URL+"/claims?from=yesterday"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("from=yesterday: %d, want 400", resp.StatusCode)
	}

	// Names: the table shows outlets and titles, not file names, and
	// event titles, not ids.
	_, body := get(t, c, srv.URL+"/claims?limit=1000")
	if strings.Contains(body, `>ahval-naryshkin-lavrov.txt<`) || regexp.MustCompile(`>ev-[0-9a-f]+</a>`).MatchString(body) {
		t.Error("the claims table shows file names or event ids")
	}
	if !strings.Contains(body, "Ahval") {
		t.Error("the claims table does not name the outlet Ahval")
	}
}
