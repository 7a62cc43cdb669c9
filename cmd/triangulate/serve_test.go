package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestUsersAndServe(t *testing.T) {
	db, _ := seedStore(t)
	var out, errOut bytes.Buffer
	if code := run(t.Context(), []string{"--db", db, "users", "add", "alice", "--role", "analyst", "--password-stdin"},
		strings.NewReader("correct horse\n"), &out, &errOut); code != 0 {
		t.Fatalf("users add: exit %d: %s", code, errOut.String())
	}
	if code := run(t.Context(), []string{"--db", db, "users", "add", "bob", "--role", "king"},
		strings.NewReader("correct horse\n"), io.Discard, io.Discard); code != 2 {
		t.Fatalf("bad role: exit %d, want 2", code)
	}
	out.Reset()
	if code := run(t.Context(), []string{"--db", db, "users", "token", "alice"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("users token: exit %d: %s", code, errOut.String())
	}
	token := strings.TrimSpace(out.String())

	// A free loopback port for the server.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"--db", db, "serve", "--addr", addr}, strings.NewReader(""), io.Discard, io.Discard)
	}()
	base := "http://" + addr
	// Wait until the server listens (readiness, not a timing assertion).
	var resp *http.Response
	for range 200 {
		if resp, err = http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("server never came up: %v", err)
	}
	resp, err = http.Get(base + "/api/v1/events")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("anonymous API without --anonymous: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("API with the CLI's token: %d", resp.StatusCode)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve exited %d after cancel", code)
	}
}

// TestServeHelpStatesPrivateSetting: serve --help says which switch lets
// the workspace's add-source form fetch private addresses, apart from the
// watcher's.
func TestServeHelpStatesPrivateSetting(t *testing.T) {
	code, out, errOut := cli(t, "serve", "--help")
	if code != 0 {
		t.Fatalf("serve --help: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"--ingest-private", "add-source form", "--allow-private"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve --help lacks %q:\n%s", want, out)
		}
	}
}
