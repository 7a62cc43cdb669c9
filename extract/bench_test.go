package extract_test

import (
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
	"github.com/triangulate/triangulate/internal/shared"
)

// bigText repeats the seed texts until the result holds at least n bytes.
func bigText(tb testing.TB, n int) string {
	tb.Helper()
	var parts []string
	for name := range seedMeta {
		b, err := os.ReadFile(shared.Path(tb, "seeds", name))
		if err != nil {
			tb.Fatal(err)
		}
		parts = append(parts, string(b))
	}
	var sb strings.Builder
	sb.Grow(n + 8192)
	for sb.Len() < n {
		for _, p := range parts {
			sb.WriteString(p)
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// BenchmarkExtract measures the whole extract step (tokenising, pack scan,
// clause analysis, claim assembly) over the seed texts repeated to 10 MB.
func BenchmarkExtract(b *testing.B) {
	text := bigText(b, 10<<20)
	x := extract.New(loadPack(b))
	src := &claim.Source{Name: "bench.txt", Outlet: "The Amargi", Published: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), Text: text}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = len(x.Extract(src))
	}
	b.ReportMetric(float64(n), "claims")
}

// A 10 MB text is processed with memory that stays within a small multiple
// of its size: per-paragraph work is bounded and claims point into the text.
func TestTenMegabytesBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB extraction")
	}
	text := bigText(t, 10<<20)
	x := extract.New(loadPack(t))
	src := &claim.Source{Name: "big.txt", Outlet: "The Amargi", Published: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), Text: text}
	runtime.GC()
	base := heapBytes()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			if h := heapBytes(); h > peak.Load() {
				peak.Store(h)
			}
			time.Sleep(time.Millisecond)
		}
	}()
	cs := x.Extract(src)
	close(done)
	if len(cs) == 0 {
		t.Fatal("no claims from 10 MB of news text")
	}
	grown := int64(peak.Load()) - int64(base)
	t.Logf("10 MB: %d claims, heap grew by at most %.1f MB", len(cs), float64(grown)/(1<<20))
	// The claims themselves are proportional to the text; the bound allows
	// for them and the lower-cased copy, not for anything quadratic.
	if limit := int64(40 * len(text)); grown > limit {
		t.Errorf("heap grew by %d bytes for a %d-byte text (limit %d)", grown, len(text), limit)
	}
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// BenchmarkPackScan is the peer of BenchmarkExtract: the knowledge pack's
// scan alone over the same text, which every extraction includes.
func BenchmarkPackScan(b *testing.B) {
	text := bigText(b, 10<<20)
	p := loadPack(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = len(p.Scan(text))
	}
	b.ReportMetric(float64(n), "matches")
}
