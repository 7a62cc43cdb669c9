package server

import (
	"html"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/store"
)

// TestHeadline: a plain text's first line is read as its headline only
// when it stands apart as one does.
func TestHeadline(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Rebels deny shelling the northern port\n\nThe rebel command said on Friday…", "Rebels deny shelling the northern port"},
		{"  Ministry confirms troop rotation in the south  \n \nOfficials said…", "Ministry confirms troop rotation in the south"},
		{"Did the convoy cross at dawn?\n\nWitnesses disagree.", "Did the convoy cross at dawn?"},
		{"Minister: no troops were sent abroad\r\n\r\nThe minister told…", "Minister: no troops were sent abroad"},
		// A lead sentence, not a headline: it ends in a full stop.
		{"The army said on Monday that it had withdrawn.\n\nMore follows.", ""},
		// A first line that runs on into the next one is a paragraph.
		{"Armed groups crossed the border in recent weeks\nto assist the government, a source said.", ""},
		// Too short to name anything, or the whole text on one line.
		{"Update\n\nThe count rose.", ""},
		{"Troops crossed the river", ""},
		{"", ""},
	} {
		if got := headline(c.text); got != c.want {
			t.Errorf("headline(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestSourceNames: a source is named by its outlet and title or headline,
// else its outlet and day; two that would read alike are told apart by
// their file names, which are otherwise never shown.
func TestSourceNames(t *testing.T) {
	day := time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC)
	rep := &report.Report{Case: &claim.Case{Sources: []claim.Source{
		{ID: 1, Name: "a.txt", Outlet: "Daily Ledger", Title: "Port reopens", Text: "Something else\n\nBody."},
		{ID: 2, Name: "b.txt", Outlet: "Daily Ledger", Text: "Convoy seen near the pass\n\nBody."},
		{ID: 3, Name: "c.txt", Outlet: "Valley Post", Published: day, Text: "A long lead paragraph that says it all."},
		{ID: 4, Name: "d.txt", Outlet: "Coast Wire", Published: day, Text: "One lead."},
		{ID: 5, Name: "e.txt", Outlet: "Coast Wire", Published: day, Text: "Another lead."},
		{ID: 6, Name: "f.txt", Outlet: "Hill Radio", Text: "No headline here."},
		{ID: 7, Name: "g.txt", Text: "Nothing known."},
	}}}
	n := newNames(rep)
	for id, want := range map[int64]string{
		1: "Daily Ledger: Port reopens",
		2: "Daily Ledger: Convoy seen near the pass",
		3: "Valley Post, 9 March 2025",
		4: "Coast Wire, 9 March 2025 (d.txt)",
		5: "Coast Wire, 9 March 2025 (e.txt)",
		6: "Hill Radio (f.txt)",
		7: "g.txt",
	} {
		if got := n.SourceID(id); got != want {
			t.Errorf("source %d is named %q, want %q", id, got, want)
		}
	}
	if got := n.Source("b.txt"); got != "Daily Ledger: Convoy seen near the pass" {
		t.Errorf("b.txt is named %q", got)
	}
}

// TestEventTitles: events of one title are told apart in every choice and
// mention, by dates and size, else by their place in the list; a title of
// its own is left as it is.
func TestEventTitles(t *testing.T) {
	rep := &report.Report{Events: []report.EventView{
		{ID: "ev-1", Title: "Rebels: deploy, Northland", From: "2024-05-01", To: "2024-05-09", ClaimIDs: []string{"a", "b", "c"}},
		{ID: "ev-2", Title: "Rebels: deploy, Northland", ClaimIDs: []string{"d"}},
		{ID: "ev-3", Title: "Army: clash, Eastport", From: "2024-06-02", To: "2024-06-02", ClaimIDs: []string{"e"}},
		{ID: "ev-4", Title: "Army: clash, Eastport", From: "2024-06-02", To: "2024-06-02", ClaimIDs: []string{"f"}},
		{ID: "ev-5", Title: "Ministry: deny", ClaimIDs: []string{"g", "h"}},
		{ID: "ev-6", Title: "Convoy: transport, Riverside", To: "2024-07-01", ClaimIDs: []string{"i", "j"}},
		{ID: "ev-7", Title: "Convoy: transport, Riverside", From: "2024-06-20", ClaimIDs: []string{"k"}},
	}}
	want := map[string]string{
		"ev-1": "Rebels: deploy, Northland (2024-05-01 – 2024-05-09, 3 claims)",
		"ev-2": "Rebels: deploy, Northland (1 claim)",
		"ev-3": "Army: clash, Eastport (2024-06-02, 1 claim)",
		"ev-4": "Army: clash, Eastport (2024-06-02, 1 claim) #2",
		"ev-5": "Ministry: deny",
		"ev-6": "Convoy: transport, Riverside (by 2024-07-01, 2 claims)",
		"ev-7": "Convoy: transport, Riverside (2024-06-20, 1 claim)",
	}
	n := newNames(rep)
	for _, c := range eventChoices(rep) {
		if c.Title != want[c.ID] || n.Event(c.ID) != want[c.ID] {
			t.Errorf("%s is offered as %q and named %q, want %q", c.ID, c.Title, n.Event(c.ID), want[c.ID])
		}
	}
}

// TestSourcePagesNamed: over a real case, the sources list and each
// source's reader head a plain text without a title by its own headline,
// and a source without one by its outlet and day, not by its file name.
func TestSourcePagesNamed(t *testing.T) {
	st, cs := workbenchCase(t)
	addUser(t, st, "alice", store.Analyst)
	srv := newServerWith(t, Config{Case: cs})
	c := browser(t, srv.URL, "alice")
	srcs, err := st.Sources(t.Context(), store.Page{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	_, list := get(t, c, srv.URL+"/sources")
	heads := 0
	for _, s := range srcs {
		if s.Title != "" {
			continue
		}
		want := headline(s.Text)
		if want != "" {
			heads++
		} else {
			want = s.Outlet + ", " + s.Published.UTC().Format("2 January 2006")
		}
		if !strings.Contains(list, `<a href="/sources/`+itoa(s.ID)+`">`+html.EscapeString(want)+`</a>`) {
			t.Errorf("the sources list does not head source %d (%s) %q", s.ID, s.Name, want)
		}
		if _, page := get(t, c, srv.URL+"/sources/"+itoa(s.ID)); !strings.Contains(page, "<h1>"+html.EscapeString(want)+"</h1>") {
			t.Errorf("the reader of source %d (%s) is not headed %q", s.ID, s.Name, want)
		}
	}
	if heads == 0 {
		t.Error("no source of the real case is headed by its own headline")
	}
	// The claim form says whose words they are the same way.
	n := newNames(&report.Report{Case: &claim.Case{Sources: srcsOf(srcs)}})
	for _, sr := range srcs[:3] {
		_, form := get(t, c, srv.URL+"/sources/"+itoa(sr.ID)+"/claims/new?start=0&end=20")
		if !strings.Contains(form, ">"+html.EscapeString(n.SourceID(sr.ID))+"</a>, bytes 0–") || strings.Contains(form, sr.Name) {
			t.Errorf("the claim form of source %d does not name it %q", sr.ID, n.SourceID(sr.ID))
		}
	}
}

func srcsOf(ps []*claim.Source) []claim.Source {
	out := make([]claim.Source, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	return out
}

// TestWordsNameClaims: a reason's claim ids are its words to a reader; ids
// the case does not hold, and those a command needs, are left alone.
func TestWordsNameClaims(t *testing.T) {
	rep := &report.Report{Case: &claim.Case{Claims: []claim.Claim{
		{ID: "0123456789ab", Evidence: "Witnesses saw at least forty trucks cross the bridge before dawn"},
		{ID: "ba9876543210", Evidence: "The governor denied it"},
	}}}
	n := newNames(rep)
	for _, c := range []struct{ in, want string }{
		{"data cannot test claim 0123456789ab: no counts", "data cannot test the claim “Witnesses saw at least forty trucks cross the …”: no counts"},
		{"claim ba9876543210 and claim 0123456789ab disagree", "the claim “The governor denied it” and the claim “Witnesses saw at least forty trucks cross the …” disagree"},
		{"neither confirmed nor denied: “The governor denied it” (ba9876543210); silence weighs nothing", "neither confirmed nor denied: “The governor denied it”; silence weighs nothing"},
		{"untestable (then 'flights check --claim 0123456789ab')", "untestable (then 'flights check --claim 0123456789ab')"},
		{"claim ffffffffffff is gone (ffffffffffff)", "claim ffffffffffff is gone (ffffffffffff)"},
		{"nothing to name", "nothing to name"},
	} {
		if got := n.Words(c.in); got != c.want {
			t.Errorf("Words(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestDashboardTimelineInWords: what the timeline chart says in its marks'
// tooltips is on the dashboard as text too, each dated claim with its
// event by title; a long timeline is cut with an honest count.
func TestDashboardTimelineInWords(t *testing.T) {
	st, cs := workbenchCase(t)
	addUser(t, st, "alice", store.Analyst)
	srv := newServerWith(t, Config{Case: cs})
	c := browser(t, srv.URL, "alice")
	loaded, err := cs.Load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	rep := report.Build(loaded, report.Options{})
	if len(rep.Timeline) == 0 {
		t.Fatal("the real case has an empty timeline")
	}
	_, page := get(t, c, srv.URL+"/")
	i := strings.Index(page, `<details class="timeline-list">`)
	if i < 0 {
		t.Fatal("the dashboard does not say its timeline in words")
	}
	list := page[i:]
	list = list[:strings.Index(list, "</details>")]
	titles := eventTitles(rep)
	linked := 0
	for _, it := range rep.Timeline[:min(len(rep.Timeline), maxTimelineListed)] {
		if !strings.Contains(list, html.EscapeString(it.Label)) {
			t.Errorf("the timeline in words lacks %q", it.Label)
		}
		if it.EventID != "" {
			linked++
			if !strings.Contains(list, `<a href="/events/`+it.EventID+`">`+html.EscapeString(titles[it.EventID])+`</a>`) {
				t.Errorf("the timeline in words does not link %s by its title", it.EventID)
			}
		}
	}
	if linked == 0 {
		t.Error("no timeline item names its event")
	}
	if more := len(rep.Timeline) - maxTimelineListed; more > 0 && !strings.Contains(list, "And "+itoa(int64(more))+" more") {
		t.Errorf("the timeline in words does not say the %d items left out", more)
	}
}

// TestCopyLines: a near-copy is said with both sources named as readers
// know them, not by their files.
func TestCopyLines(t *testing.T) {
	rep := &report.Report{Case: &claim.Case{
		Sources: []claim.Source{
			{ID: 1, Name: "wire.txt", Outlet: "Northern Wire", Text: "Bridge closed after the storm\n\nBody."},
			{ID: 2, Name: "echo.txt", Outlet: "Daily Echo", Title: "Storm shuts the bridge"},
		},
		Events: []claim.Event{{ID: "ev-1", Copies: []claim.Copy{{Source: "echo.txt", Outlet: "Daily Echo", Of: "wire.txt", OfOutlet: "Northern Wire", Shared: 5, Sentences: 6}}}},
	}}
	got := newNames(rep).copies["ev-1"]
	want := "Daily Echo: Storm shuts the bridge copies Northern Wire: Bridge closed after the storm (5 of its 6 sentences)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("copies = %q, want %q", got, want)
	}
}
