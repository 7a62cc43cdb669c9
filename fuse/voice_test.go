package fuse

import "testing"

func TestVoiceOf(t *testing.T) {
	tests := []struct {
		text, who, want string
	}{
		// the post before the name
		{"Washington: US National Security Council spokesman John Kirby told reporters on Thursday.", "John Kirby", "US National Security Council"},
		{"Iran's Foreign Ministry spokeswoman Leila Farahani rejected the report.", "Leila Farahani", "Iran's Foreign Ministry"},
		{"The claims were dismissed. Ministry of Defence spokesperson Anna Berg said they were false.", "Anna Berg", "Ministry of Defence"},
		// the post after the name
		{"Anna Berg, a spokesperson for the Ministry of Defence, said the report was false.", "Anna Berg", "Ministry of Defence"},
		{"Omar Haddad, the Interior Ministry's spokesman, denied it.", "Omar Haddad", "Interior Ministry"},
		{"Omar Haddad, who speaks for the Interior Ministry, denied it.", "Omar Haddad", "Interior Ministry"},
		// the post is given at the first mention only
		{"Omar Haddad, the Interior Ministry spokesman, denied it. Later Omar Haddad added more.", "Omar Haddad", "Interior Ministry"},
		// no post: a person speaks for no body
		{"Omar Haddad, a resident of the town, said he saw trucks.", "Omar Haddad", ""},
		{"Local officials and Omar Haddad said so.", "Omar Haddad", ""},
		{"It came from the Interior Ministry. Omar Haddad said he saw trucks.", "Omar Haddad", ""},
		{"a spokesman said that Omar Haddad left.", "Omar Haddad", ""},
		// a name the text does not hold
		{"Nothing here.", "Omar Haddad", ""},
	}
	for _, tt := range tests {
		if got := voiceOf(tt.text, tt.who); got != tt.want {
			t.Errorf("voiceOf(%q, %q) = %q, want %q", tt.text, tt.who, got, tt.want)
		}
	}
}

func TestLexiconVoice(t *testing.T) {
	lex := lexiconOf(defaultPack())
	tests := []struct{ who, want string }{
		{"US National Security Council", "White House"},           // part of the presidency (pack data)
		{"the U.S. National Security Council", "White House"},     // alias, leading article
		{"US National Security Council spokesman", "White House"}, // a trailing role
		{"US State Department", "US State Department"},            // part of nothing
		{"Omar Haddad", "Omar Haddad"},                            // no body the pack knows
	}
	for _, tt := range tests {
		if got := lex.voice(tt.who); got != tt.want {
			t.Errorf("voice(%q) = %q, want %q", tt.who, got, tt.want)
		}
	}
}
