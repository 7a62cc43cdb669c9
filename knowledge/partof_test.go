package knowledge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSpeakerPartOf(t *testing.T) {
	tests := []struct {
		name, speakers, wantErr string
	}{
		{"a known body", `[{"id":"x-office","name":"Press Office of X","kind":"official","reliability":"C","part_of":"x-ministry"},
			{"id":"x-ministry","name":"Ministry of X","kind":"official","reliability":"C"}]`, ""},
		{"an unknown body", `[{"id":"x-office","name":"Press Office of X","kind":"official","reliability":"C","part_of":"nowhere"}]`, "is no speaker"},
		{"a loop", `[{"id":"a","name":"Body A","kind":"official","reliability":"C","part_of":"b"},
			{"id":"b","name":"Body B","kind":"official","reliability":"C","part_of":"a"}]`, "loop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "speakers.json"), []byte(tt.speakers), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := Load(dir)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load: %v, want an error saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sp, ok := p.SpeakerByName("press office of x")
			if !ok {
				t.Fatal("SpeakerByName found no press office")
			}
			if v := p.Voice(sp); v.ID != "x-ministry" {
				t.Errorf("Voice = %s, want x-ministry", v.ID)
			}
		})
	}
}
