package knowledge

import "testing"

// folded is Scan's shortcut past foldWord: a word it accepts must be its
// own folded form, and a word whose folded form differs must be refused.
func TestFoldedIsItsOwnFold(t *testing.T) {
	for _, tc := range []struct {
		w    string
		want bool
	}{
		{"basra", true},
		{"forces", true},
		{"f16", true},
		{"Basra", false},
		{"PMF", false},
		{"kata'ib", false},
		{"kata`ib", false},
		{"hamadān", false},
		{"", true},
	} {
		if got := folded(tc.w); got != tc.want {
			t.Errorf("folded(%q) = %v, want %v", tc.w, got, tc.want)
		}
		if f := string(foldWord(nil, tc.w)); folded(tc.w) && f != tc.w {
			t.Errorf("folded(%q) but foldWord gives %q", tc.w, f)
		}
	}
}
