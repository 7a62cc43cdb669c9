package fuse

import (
	"strings"
	"testing"
)

// TestCountFields: counting words up to a limit answers as splitting them
// does, below, at and past the limit, with any kind of space.
func TestCountFields(t *testing.T) {
	for _, s := range []string{
		"", "   ", "one", " two words ", "The situation in the north\n",
		"tab\tseparated\u00a0and\u2003em spaced words", "ناحية في الشمال", "bad \xff bytes",
		strings.Repeat("word ", 20),
	} {
		want := len(strings.Fields(s))
		for _, limit := range []int{1, 2, 3, 15, 100} {
			if got := countFields(s, limit); got != min(want, limit) {
				t.Errorf("countFields(%q, %d) = %d, want %d", s, limit, got, min(want, limit))
			}
		}
	}
}
