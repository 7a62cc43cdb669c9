// Package stixcheck validates STIX 2.1 objects and bundles against the
// official OASIS JSON schemas. Tests of every package that writes STIX use
// it, so one validation decides what "valid" means.
package stixcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Base is the $id prefix of the official schemas; every $ref resolves
// against it, so a local copy stands in for the network.
const Base = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/"

// Schemas are the compiled schemas, by path under the root without ".json"
// ("sdos/note", "common/bundle").
type Schemas struct {
	byName map[string]*jsonschema.Schema
}

// Load compiles every schema under root, a copy of the schemas folder of
// oasis-open/cti-stix2-json-schemas. Each file's $id must match its path.
func Load(root string) (*Schemas, error) {
	c := jsonschema.NewCompiler()
	var urls []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		rel, _ := filepath.Rel(root, p)
		url := Base + filepath.ToSlash(rel)
		if m, ok := doc.(map[string]any); ok {
			if id, _ := m["$id"].(string); id != url {
				return fmt.Errorf("%s has $id %q, want %q", p, id, url)
			}
		}
		urls = append(urls, url)
		return c.AddResource(url, doc)
	})
	if err != nil {
		return nil, fmt.Errorf("stixcheck: %w", err)
	}
	if len(urls) == 0 {
		return nil, fmt.Errorf("stixcheck: no schemas under %s", root)
	}
	s := &Schemas{byName: map[string]*jsonschema.Schema{}}
	for _, u := range urls {
		sc, err := c.Compile(u)
		if err != nil {
			return nil, fmt.Errorf("stixcheck: compile %s: %w", u, err)
		}
		s.byName[strings.TrimSuffix(strings.TrimPrefix(u, Base), ".json")] = sc
	}
	return s, nil
}

// Named returns the schema at name ("common/bundle"), or nil.
func (s *Schemas) Named(name string) *jsonschema.Schema { return s.byName[name] }

// For returns the schema an object of type typ must satisfy: its SDO or
// SRO schema, or the common core for custom "x-" objects; nil if none.
func (s *Schemas) For(typ string) *jsonschema.Schema {
	if sc := s.byName["sdos/"+typ]; sc != nil {
		return sc
	}
	if sc := s.byName["sros/"+typ]; sc != nil {
		return sc
	}
	if strings.HasPrefix(typ, "x-") {
		return s.byName["common/cyber-observable-core"]
	}
	return nil
}

// Validate checks one JSON document against the schema at name.
func (s *Schemas) Validate(name string, doc []byte) error {
	sc := s.byName[name]
	if sc == nil {
		return fmt.Errorf("stixcheck: no schema %s", name)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("stixcheck: %w", err)
	}
	return sc.Validate(v)
}

// unlisted are the object types bundle.json's list of object schemas
// omits (as it once omitted infrastructure, oasis-open/cti-stix2-json-schemas#133);
// its fallback for unlisted objects matches both core.json and
// cyber-observable-core.json, which its oneOf then rejects.
var unlisted = []string{"grouping", "incident", "location", "note", "opinion"}

// Bundle is what ValidateBundle found: the objects' types and ids.
type Bundle struct {
	Types map[string]int  // objects per type
	IDs   map[string]bool // every object id
}

// ValidateBundle checks a bundle: every object against its type's schema,
// ids unique, and the bundle against bundle.json over the objects of the
// types bundle.json lists. It returns every problem found, joined.
func (s *Schemas) ValidateBundle(doc []byte) (Bundle, error) {
	var b struct {
		Type    string            `json:"type"`
		ID      string            `json:"id"`
		Objects []json.RawMessage `json:"objects"`
	}
	found := Bundle{Types: map[string]int{}, IDs: map[string]bool{}}
	if err := json.Unmarshal(doc, &b); err != nil {
		return found, fmt.Errorf("stixcheck: bundle: %w", err)
	}
	var problems []error
	var listed []json.RawMessage
	for _, raw := range b.Objects {
		var head struct{ Type, ID string }
		if err := json.Unmarshal(raw, &head); err != nil {
			problems = append(problems, fmt.Errorf("object: %w", err))
			continue
		}
		found.Types[head.Type]++
		if found.IDs[head.ID] {
			problems = append(problems, fmt.Errorf("duplicate id %s", head.ID))
		}
		found.IDs[head.ID] = true
		sc := s.For(head.Type)
		if sc == nil {
			problems = append(problems, fmt.Errorf("%s: no schema for object type %q", head.ID, head.Type))
			continue
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", head.ID, err))
			continue
		}
		if err := sc.Validate(v); err != nil {
			problems = append(problems, fmt.Errorf("%s does not validate: %w", head.ID, err))
		}
		if !slices.Contains(unlisted, head.Type) {
			listed = append(listed, raw)
		}
	}
	if len(b.Objects) == 0 {
		problems = append(problems, errors.New("empty bundle"))
	}
	env, _ := json.Marshal(map[string]any{"type": b.Type, "id": b.ID, "objects": listed})
	if err := s.Validate("common/bundle", env); err != nil {
		problems = append(problems, fmt.Errorf("bundle does not validate: %w", err))
	}
	return found, errors.Join(problems...)
}
