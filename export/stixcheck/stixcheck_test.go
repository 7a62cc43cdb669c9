package stixcheck

import (
	"path/filepath"
	"strings"
	"testing"
)

const (
	identity = `{"type":"identity","spec_version":"2.1","id":"identity--6ba7b810-9dad-51d1-80b4-00c04fd430c8","created":"2026-01-14T00:00:00.000Z","modified":"2026-01-14T00:00:00.000Z","name":"Desk","identity_class":"organization"}`
	note     = `{"type":"note","spec_version":"2.1","id":"note--6ba7b811-9dad-51d1-80b4-00c04fd430c8","created":"2026-01-14T00:00:00.000Z","modified":"2026-01-14T00:00:00.000Z","content":"x","object_refs":["identity--6ba7b810-9dad-51d1-80b4-00c04fd430c8"]}`
	badNote  = `{"type":"note","spec_version":"2.1","id":"note--6ba7b812-9dad-51d1-80b4-00c04fd430c8","created":"yesterday","modified":"2026-01-14T00:00:00.000Z","content":"x","object_refs":[]}`
)

func bundle(objs ...string) []byte {
	return []byte(`{"type":"bundle","id":"bundle--6ba7b813-9dad-51d1-80b4-00c04fd430c8","objects":[` + strings.Join(objs, ",") + `]}`)
}

func TestValidateBundle(t *testing.T) {
	s, err := Load(filepath.Join("..", "testdata", "stix2.1-schemas"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		doc  []byte
		want string // "" for valid, else a fragment of the error
	}{
		{"valid", bundle(identity, note), ""},
		{"invalid object", bundle(identity, badNote), "does not validate"},
		{"duplicate id", bundle(identity, identity), "duplicate id"},
		{"unknown type", bundle(strings.Replace(identity, `"type":"identity"`, `"type":"gadget"`, 1)), "no schema"},
		{"empty", bundle(), "empty bundle"},
		{"not json", []byte("{"), "bundle"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, err := s.ValidateBundle(tt.doc)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("valid bundle rejected: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
			if tt.name == "valid" && (found.Types["note"] != 1 || !found.IDs["identity--6ba7b810-9dad-51d1-80b4-00c04fd430c8"]) {
				t.Errorf("found %+v", found)
			}
		})
	}
}

func TestLoadNoSchemas(t *testing.T) {
	if _, err := Load(t.TempDir()); err == nil {
		t.Fatal("an empty folder loaded")
	}
}
