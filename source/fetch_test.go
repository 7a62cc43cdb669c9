package source

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/errs"
)

// newsServer serves an article, a feed, redirects and oversized bodies on
// 127.0.0.1.
func newsServer(t *testing.T) *httptest.Server {
	t.Helper()
	article, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := os.ReadFile("testdata/feed.rss")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/news/fighters", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(article)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(feed)
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "A plain report.\r\nKept as sent.\n")
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", "2000000")
		w.Write([]byte(strings.Repeat("x", 2000000)))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 200 {
			w.Write([]byte(strings.Repeat("y", 10000)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers; the client's timeout ends it
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchRefusesLoopbackWithoutAllowPrivate(t *testing.T) {
	srv := newsServer(t)
	u := srv.URL + "/news/fighters"
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("test server not on 127.0.0.1: %s", srv.URL)
	}
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	for _, target := range []string{u, "http://localhost:" + port + "/news/fighters", "http://[::ffff:127.0.0.1]:" + port + "/"} {
		in := &Ingester{Fetcher: NewFetcher(FetchConfig{})}
		ss, err := in.FromURL(t.Context(), target)
		if err == nil {
			t.Fatalf("%s: fetched %d sources without --allow-private", target, len(ss))
		}
		if !errs.Is(err, errs.Refused) || !strings.Contains(err.Error(), "loopback address") ||
			!strings.Contains(err.Error(), "--allow-private") {
			t.Errorf("%s: error %q (kind %v)", target, err, errs.KindOf(err))
		}
	}

	// With the switch on, the same server is fetched and its page ingested.
	in := &Ingester{Fetcher: NewFetcher(FetchConfig{AllowPrivate: true})}
	ss, err := in.FromURL(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	s := ss[0]
	if s.URL != u || s.Name != "127.0.0.1_news_fighters" || s.Outlet != "Border Monitor" || s.MediaType != MediaHTML ||
		!strings.Contains(s.Text, "close to 3,000 fighters") {
		t.Errorf("fetched source: name %q url %q outlet %q text %q", s.Name, s.URL, s.Outlet, s.Text)
	}
}

func TestFetchFormats(t *testing.T) {
	srv := newsServer(t)
	in := &Ingester{Fetcher: NewFetcher(FetchConfig{AllowPrivate: true})}
	ss, err := in.FromURL(t.Context(), srv.URL+"/feed")
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].URL != "https://bordermonitor.example/2026/01/14/mehran-crossing" {
		t.Errorf("feed: %d sources", len(ss))
	}
	ss, err = in.FromURL(t.Context(), srv.URL+"/plain")
	if err != nil {
		t.Fatal(err)
	}
	if ss[0].Text != "A plain report.\r\nKept as sent.\n" || ss[0].MediaType != MediaText {
		t.Errorf("plain: %q %q", ss[0].Text, ss[0].MediaType)
	}
}

func TestFetchRedirects(t *testing.T) {
	srv := newsServer(t)
	// A second server on another loopback address stands for an internal host.
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	internal := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "internal secrets")
	}))
	internal.Listener.Close()
	internal.Listener = l
	internal.Start()
	t.Cleanup(internal.Close)

	// Only the first server's address is allowed, as a public host would be.
	f := NewFetcher(FetchConfig{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
	tests := []struct {
		name, to string
		wantErr  string
	}{
		{"to an allowed address", srv.URL + "/plain", ""},
		{"to loopback", internal.URL + "/", "refused 127.0.0.2: loopback address"},
		{"to a file URL", "file:///etc/passwd", "only http and https URLs are fetched"},
		{"to a private address", "http://10.0.0.1/", "refused 10.0.0.1: private address"},
		{"to link-local metadata", "http://169.254.169.254/latest/meta-data/", "refused 169.254.169.254: link-local address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := f.Fetch(t.Context(), srv.URL+"/redirect?to="+tt.to, Validators{})
			if tt.wantErr == "" {
				if err != nil || string(resp.Body) != "A plain report.\r\nKept as sent.\n" {
					t.Fatalf("err %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("redirect followed: %q", resp.Body)
			}
			if !errs.Is(err, errs.Refused) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q (kind %v), want %q", err, errs.KindOf(err), tt.wantErr)
			}
		})
	}
	// Redirect loops end.
	loop := srv.URL + "/redirect?to=" + srv.URL + "/redirect%3Fto=" + srv.URL + "/redirect"
	if _, err := f.Fetch(t.Context(), loop, Validators{}); err == nil {
		t.Error("redirect loop followed")
	}
}

func TestFetchLimits(t *testing.T) {
	srv := newsServer(t)
	// Only /hang meets the short timeout: it never answers, so no machine is
	// fast or slow enough to change the outcome. The others get a long one.
	f := NewFetcher(FetchConfig{AllowPrivate: true, MaxBytes: 1 << 20, Timeout: time.Minute})
	hasty := NewFetcher(FetchConfig{AllowPrivate: true, Timeout: 200 * time.Millisecond})
	tests := []struct {
		f    *Fetcher
		path string
		kind errs.Kind
		want string
	}{
		{f, "/big", errs.Refused, "too large: 1.9 MiB is over the 1.0 MiB cap"},
		{f, "/big-chunked", errs.Refused, "too large: more than 1.0 MiB"},
		{hasty, "/hang", errs.Unavailable, "timed out after 200ms"},
		{f, "/missing", errs.NotFound, "HTTP 404"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := tt.f.Fetch(t.Context(), srv.URL+tt.path, Validators{})
			if err == nil || errs.KindOf(err) != tt.kind || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v (kind %v), want %v %q", err, errs.KindOf(err), tt.kind, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("not one line: %q", err)
			}
		})
	}
	for _, u := range []string{"ftp://example.org/x", "file:///etc/passwd", "gopher://x/", "http:///nohost"} {
		if _, err := f.Fetch(t.Context(), u, Validators{}); !errs.Is(err, errs.Refused) {
			t.Errorf("%s: %v", u, err)
		}
	}
}

func TestFetchConditional(t *testing.T) {
	srv := newsServer(t)
	f := NewFetcher(FetchConfig{AllowPrivate: true})
	first, err := f.Fetch(t.Context(), srv.URL+"/news/fighters", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.ETag != `"v1"` || len(first.Body) == 0 {
		t.Fatalf("first fetch: %+v", first.Validators())
	}
	again, err := f.Fetch(t.Context(), srv.URL+"/news/fighters", first.Validators())
	if err != nil {
		t.Fatal(err)
	}
	if !again.NotModified || again.Status != http.StatusNotModified || len(again.Body) != 0 {
		t.Errorf("conditional fetch: status %d not-modified %v", again.Status, again.NotModified)
	}
}

func TestNonPublic(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"127.0.0.1", "loopback"},
		{"127.8.9.10", "loopback"},
		{"::1", "loopback"},
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"192.168.1.1", "private"},
		{"fd00::1", "private"},
		{"169.254.169.254", "link-local"},
		{"fe80::1", "link-local"},
		{"224.0.0.1", "link-local"},
		{"239.1.1.1", "multicast"},
		{"ff05::1", "multicast"},
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"100.64.0.1", "shared (carrier-grade NAT)"},
		{"64:ff9b::a00:1", "private (via NAT64)"},
		{"8.8.8.8", ""},
		{"2a00:1450:4001::1", ""},
		{"64:ff9b::808:808", ""},
	}
	for _, tt := range tests {
		if got := nonPublic(netip.MustParseAddr(tt.addr).Unmap()); got != tt.want {
			t.Errorf("nonPublic(%s) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}
