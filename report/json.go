package report

import (
	"encoding/json"
	"io"
)

// WriteJSON writes r as indented JSON (schema in SCHEMA.md). encoding/json
// sorts map keys, so the bytes depend only on the case.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
