package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/examples"
)

// seedFeed is an RSS feed of the embedded seed articles, one item each,
// served with an ETag so that polls can be conditional.
type seedFeed struct {
	*httptest.Server
	mu                  sync.Mutex
	full, notModified   int
	conditionalRequests int
}

func newSeedFeed(t *testing.T) *seedFeed {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Iran Protests Wire</title><link>https://news.example/</link><language>en</language>
`)
	for i, p := range examples.SeedFiles {
		text, err := fs.ReadFile(examples.Seed, p)
		if err != nil {
			t.Fatal(err)
		}
		var body strings.Builder
		for l := range strings.SplitSeq(string(text), "\n") {
			if strings.TrimSpace(l) != "" {
				body.WriteString("<p>" + html.EscapeString(l) + "</p>")
			}
		}
		title, _, _ := strings.Cut(string(text), "\n")
		fmt.Fprintf(&b, "<item><title>%s</title><link>https://news.example/%d</link><pubDate>%s</pubDate><content:encoded><![CDATA[%s]]></content:encoded></item>\n",
			html.EscapeString(title), i+1, time.Date(2026, 1, 14+2*i, 8, 0, 0, 0, time.UTC).Format(time.RFC1123Z), body.String())
	}
	b.WriteString("</channel></rss>\n")
	feed := b.String()
	const etag = `"seed-v1"`
	sf := &seedFeed{}
	sf.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sf.mu.Lock()
		defer sf.mu.Unlock()
		if r.Header.Get("If-None-Match") != "" {
			sf.conditionalRequests++
		}
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			sf.notModified++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		sf.full++
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, feed)
	}))
	t.Cleanup(sf.Close)
	return sf
}

func (sf *seedFeed) counts() (full, notModified, conditional int) {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	return sf.full, sf.notModified, sf.conditionalRequests
}

func TestWatchCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "case.db")
	feed := newSeedFeed(t)
	url := feed.URL + "/feed.rss"

	code, out, errOut := cli(t, "--db", db, "watch", "list")
	if code != 0 || out != "" || !strings.Contains(errOut, "watch add") {
		t.Fatalf("empty list: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut = cli(t, "--db", db, "watch", "add", "ftp://news.example/feed"); code != 2 || !strings.Contains(errOut, "http and https") {
		t.Fatalf("add ftp URL: exit %d: %s", code, errOut)
	}
	if code, out, errOut = cli(t, "--db", db, "watch", "add", url); code != 0 || out != "watching "+url+"\n" {
		t.Fatalf("add: exit %d, stdout %q: %s", code, out, errOut)
	}
	if code, out, _ = cli(t, "--db", db, "watch", "add", url); code != 0 || out != "already watching "+url+"\n" {
		t.Fatalf("add again: exit %d, stdout %q", code, out)
	}
	code, out, _ = cli(t, "--db", db, "watch", "list")
	if code != 0 || !strings.Contains(out, "LAST POLLED") || !strings.Contains(out, url) ||
		!strings.Contains(out, "never") || !strings.Contains(out, "due") {
		t.Fatalf("list: exit %d\n%s", code, out)
	}

	// One poll ingests both items, extracts and fuses them. (--every 1ns
	// makes the watch due again at once.)
	code, out, errOut = cli(t, "--db", db, "watch", "run", "--once", "--allow-private", "--every", "1ns")
	if code != 0 || !strings.HasPrefix(out, url+": new 2 (") || strings.Count(out, "\n") != 1 {
		t.Fatalf("run --once: exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	if code, out, _ = cli(t, "--db", db, "sources", "--json"); code != 0 || strings.Count(out, "\n") != 2 ||
		!strings.Contains(out, `"url":"https://news.example/1"`) || !strings.Contains(out, `"outlet":"Iran Protests Wire"`) {
		t.Fatalf("sources after the poll: exit %d\n%s", code, out)
	}
	if code, out, _ = cli(t, "--db", db, "events", "--json"); code != 0 || strings.TrimSpace(out) == "" {
		t.Fatalf("no events fused after the poll: exit %d\n%s", code, out)
	}

	// Polled again: a conditional request, answered 304, stores nothing.
	code, out, errOut = cli(t, "--db", db, "watch", "run", "--once", "--allow-private")
	if code != 0 || out != url+": not-modified\n" {
		t.Fatalf("run --once on an unchanged feed: exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	if full, notModified, conditional := feed.counts(); full != 1 || notModified != 1 || conditional != 1 {
		t.Fatalf("feed served %d full, %d not-modified, %d conditional; want 1, 1, 1", full, notModified, conditional)
	}
	if code, out, _ = cli(t, "--db", db, "sources", "--json"); code != 0 || strings.Count(out, "\n") != 2 {
		t.Fatalf("sources after a 304: exit %d\n%s", code, out)
	}

	// Not due again yet: nothing fetched.
	code, out, errOut = cli(t, "--db", db, "watch", "run", "--once", "--allow-private")
	if code != 0 || out != "" || !strings.Contains(errOut, "none of the 1 watches is due") {
		t.Fatalf("second run --once: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if full, notModified, _ := feed.counts(); full != 1 || notModified != 1 {
		t.Fatalf("feed served %d full, %d not-modified; want 1, 1", full, notModified)
	}

	code, out, _ = cli(t, "--db", db, "watch", "list", "--json")
	var row watchRow
	if code != 0 || json.Unmarshal([]byte(out), &row) != nil {
		t.Fatalf("list --json: exit %d\n%s", code, out)
	}
	if row.URL != url || row.ETag != `"seed-v1"` || row.Failures != 0 || row.LastPolled.IsZero() ||
		row.NextPoll.Sub(row.LastPolled) != 15*time.Minute {
		t.Fatalf("watch after a good poll: %+v", row)
	}

	// Without --allow-private a loopback feed is refused, recorded as a failure.
	refused := feed.URL + "/other.rss"
	if code, _, _ = cli(t, "--db", db, "watch", "add", refused); code != 0 {
		t.Fatalf("add second: exit %d", code)
	}
	code, out, errOut = cli(t, "--db", db, "watch", "run", "--once")
	if code != 1 || !strings.HasPrefix(out, refused+": failed (1 in a row") || !strings.Contains(out, "--allow-private") ||
		!strings.Contains(errOut, "1 of 1 polls failed") {
		t.Fatalf("refused poll: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, _ = cli(t, "--db", db, "watch", "list", "--json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("list --json: exit %d\n%s", code, out)
	}
	if err := json.Unmarshal([]byte(lines[1]), &row); err != nil || row.URL != refused || row.Failures != 1 ||
		row.NextPoll.Sub(row.LastPolled) != 30*time.Minute {
		t.Fatalf("refused watch: %+v (%v)", row, err)
	}

	if code, out, _ = cli(t, "--db", db, "watch", "remove", refused); code != 0 || out != "stopped watching "+refused+"\n" {
		t.Fatalf("remove: exit %d, %q", code, out)
	}
	if code, _, errOut = cli(t, "--db", db, "watch", "remove", refused); code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("remove again: exit %d, %q", code, errOut)
	}
	if code, _, _ = cli(t, "--db", db, "watch", "run", "--every", "0s", "--once"); code != 2 {
		t.Fatalf("--every 0: exit %d, want 2", code)
	}
}

func TestServeWatch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "case.db")
	feed := newSeedFeed(t)
	if code, _, errOut := cli(t, "--db", db, "watch", "add", feed.URL+"/feed.rss"); code != 0 {
		t.Fatalf("watch add: %s", errOut)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"--db", db, "serve", "--addr", addr, "--anonymous", "--watch", "1h", "--allow-private"},
			strings.NewReader(""), io.Discard, io.Discard)
	}()
	// Wait until the watcher's first poll shows through the API (readiness,
	// not a timing assertion).
	var list struct {
		Total int `json:"total"`
	}
	for range 400 {
		resp, err := http.Get("http://" + addr + "/api/v1/sources")
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&list)
			resp.Body.Close()
		}
		if err == nil && list.Total == 2 {
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	if list.Total != 2 {
		t.Fatalf("the served case has %d sources, want the feed's 2", list.Total)
	}
	if full, _, _ := feed.counts(); full != 1 {
		t.Fatalf("feed fetched %d times, want 1", full)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve exited %d after cancel", code)
	}
}
