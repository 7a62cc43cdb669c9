// Command hostilefeeds supports bench/hostile.sh: it serves, on the address
// given, feeds that misbehave as hostile or broken servers do, for `serve
// --watch` to poll while the bench measures the workspace's latency:
//
//	/hang           never answers
//	/drip           one byte every 50 ms
//	/huge           1 GiB of feed items, no Content-Length
//	/huge-declared  Content-Length: 1 GiB
//	/loop           redirects to itself forever
//	/bomb           gzip that inflates to 1 GiB
//	/malformed      truncated XML with an undefined entity
//	/deep           a million nested elements
//	/fail           500, every time
//
// It is bench tooling, not part of the product.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"net/http"
	"strings"
	"time"
)

const gig = 1 << 30

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()

	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 16<<20))
	zw.Close()
	stream := func(w http.ResponseWriter, chunk []byte, total int) {
		for sent := 0; sent < total; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}
	rss := func(w http.ResponseWriter) { w.Header().Set("Content-Type", "application/rss+xml") }

	mux := http.NewServeMux()
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		for range 100000 {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			time.Sleep(50 * time.Millisecond)
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		w.Write([]byte("<rss><channel>"))
		stream(w, []byte(strings.Repeat("<item><title>x</title></item>", 2048)), gig)
	})
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		w.Header().Set("Content-Length", fmt.Sprint(gig))
		stream(w, make([]byte, 64<<10), gig)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop?n="+fmt.Sprint(len(r.URL.RawQuery)), http.StatusFound)
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		w.Header().Set("Content-Encoding", "gzip")
		stream(w, member.Bytes(), gig/(16<<20)*member.Len())
	})
	mux.HandleFunc("/malformed", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>a &bogus; b</title><description><![CDATA[unterminated`))
	})
	mux.HandleFunc("/deep", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		w.Write([]byte("<rss><channel><item><description>" + strings.Repeat("<a>", 1<<20)))
	})
	mux.HandleFunc("/fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusInternalServerError)
	})
	srv := &http.Server{Addr: *addr, Handler: mux}
	log.Fatal(srv.ListenAndServe())
}
