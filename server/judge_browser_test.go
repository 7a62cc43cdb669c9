package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/pipeline"
)

// TestBrowserJudgements: in Chromium an analyst overrides an event's
// status with a reason and sees both values, signs it off, writes a note
// and a hypothesis with its marks, and sees the history move; the page
// does not overflow at 390 px.
func TestBrowserJudgements(t *testing.T) {
	st, _ := seed(t)
	s := newSession(t, pipeline.New(st, pipeline.Options{}), Config{})
	s.open("/events/ev-01")
	computed := s.text("section.judgement dd.computed .status")
	if computed == "" {
		t.Fatal("the event page shows no computed status")
	}
	other := string(claim.StatusDenied)
	if computed == other {
		other = string(claim.StatusCorroborated)
	}
	s.submit(
		chromedp.SetValue(chromedp.CSS(`form.override-form select[name="status"]`), other, chromedp.NodeVisible),
		chromedp.SetValue(chromedp.CSS(`form.override-form select[name="likelihood"]`), "unlikely", chromedp.NodeVisible),
		chromedp.SendKeys(chromedp.CSS(`form.override-form textarea[name="reason"]`), "The ministry retracted its statement.", chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`form.override-form button[name="override"]`), chromedp.NodeVisible),
	)
	if got := s.text("section.judgement dd.computed"); !strings.Contains(got, computed) {
		t.Errorf("after the override the computed value reads %q, want %q", got, computed)
	}
	ov := s.text("section.judgement dd.override")
	for _, want := range []string{other, "unlikely", "Reason: The ministry retracted its statement.", "alice"} {
		if !strings.Contains(ov, want) {
			t.Errorf("the analyst's value reads %q, lacking %q", ov, want)
		}
	}

	s.submit(chromedp.Click(chromedp.CSS(`form.signoff-form button`), chromedp.NodeVisible))
	if got := s.text("section.judgement dd.signoff"); !strings.Contains(got, "alice") || !strings.Contains(got, computed) {
		t.Errorf("sign-off reads %q", got)
	}
	s.submit(
		chromedp.SendKeys(chromedp.CSS(`form.note-form textarea[name="text"]`), "Ask the stringer for the original.", chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`form.note-form button`), chromedp.NodeVisible),
	)
	if got := s.text("#notes"); !strings.Contains(got, "Ask the stringer for the original.") {
		t.Errorf("notes read %q", got)
	}
	s.submit(
		chromedp.SendKeys(chromedp.CSS(`form.hypothesis-form input[name="text"]`), "A rotation, not a deployment", chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`form.hypothesis-form button`), chromedp.NodeVisible),
	)
	s.submit(
		chromedp.SetValue(chromedp.CSS(`form.marks-form select`), string(claim.MarkInconsistent), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`form.marks-form button`), chromedp.NodeVisible),
	)
	if got := s.text("table.ach tfoot"); !strings.Contains(got, "−1") {
		t.Errorf("the hypothesis's tally reads %q, want one inconsistent", got)
	}

	// The history: one row per version, the override among them, and the chart.
	hist := s.text("#history")
	for _, want := range []string{"fusion", "override", "sign-off", "note", "hypothesis", "mark evidence", "alice", other} {
		if !strings.Contains(hist, want) {
			t.Errorf("history lacks %q:\n%s", want, hist)
		}
	}
	if n := eval[int](s, `document.querySelectorAll("#history tbody tr").length`); n != 6 {
		t.Errorf("history has %d rows, want 6 (fusion, override, sign-off, note, hypothesis, mark)", n)
	}
	if n := eval[int](s, `document.querySelectorAll("#history svg.history circle.point").length`); n != 6 {
		t.Errorf("history chart has %d points, want 6", n)
	}
	s.shot("judgements-1400")
	s.width(390)
	s.open("/events/ev-01")
	if got := eval[[]int](s, `[document.documentElement.scrollWidth, window.innerWidth]`); got[0] > got[1] {
		wide := eval[[]string](s, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`)
		t.Errorf("event page with judgements at 390 px is %d px wide; widest: %v", got[0], wide)
	}
	s.shot("judgements-390")
}
