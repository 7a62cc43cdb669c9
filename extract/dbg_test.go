package extract_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
)

func TestDebugSentence(t *testing.T) {
	s := os.Getenv("SENT")
	if s == "" {
		t.Skip()
	}
	x := extract.New(loadPack(t))
	src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: s + "\n"}
	for _, c := range x.Extract(src) {
		b, _ := json.Marshal(extract.ToGold(c))
		t.Logf("%s", b)
	}
}
