package fuse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A spokesperson speaks for the body whose spokesperson they are: "US
// National Security Council spokesman John Kirby" and "the White House"
// are one voice, as are "Nasser Kanaani, a spokesman for the Foreign
// Ministry" and the ministry. Reporters give a person's post once, at the
// first mention, and the bare name after it, so the post is read where the
// name first appears in the text.

// bodyLink are the words between a role and the body it serves ("a
// spokesman for the Foreign Ministry").
var bodyLink = words("for of at")

// afterName reads a post given after the name: ", a spokesman for the X",
// ", the X spokesman", ", the X's spokeswoman", ", who speaks for the X".
var afterName = regexp.MustCompile(`^,\s+(?:(?:a|an|the)\s+)?(?:(?:senior|chief|deputy|official|national|press)\s+)?(?:(?:spokesman|spokeswoman|spokesperson|representative)\s+(?:for|of|at)\s+(?:the\s+)?|(?:who\s+)?speaks?\s+for\s+(?:the\s+)?)(\p{Lu}[\p{L}\p{N}.'’&-]*(?:\s+(?:of\s+|and\s+|for\s+)?\p{Lu}[\p{L}\p{N}.'’&-]*)*)`)

// possessiveAfter reads ", the X's spokesman" and ", the X spokesman".
var possessiveAfter = regexp.MustCompile(`^,\s+(?:the\s+|an?\s+)?(\p{Lu}[\p{L}\p{N}.&-]*(?:\s+(?:of\s+|and\s+)?\p{Lu}[\p{L}\p{N}.&-]*)*)(?:['’]s)?\s+(?:spokesman|spokeswoman|spokesperson)\b`)

var wordRE = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}.'’&-]*`)

// voiceOf returns the body a named speaker speaks for, as the text gives
// it where the name first appears, or "" when the text names no post.
func voiceOf(text, who string) string {
	if who == "" || text == "" {
		return ""
	}
	i := strings.Index(text, who)
	if i < 0 {
		return ""
	}
	if b := bodyBefore(text[max(0, i-160):i]); b != "" {
		return b
	}
	rest := text[i+len(who):]
	for _, re := range []*regexp.Regexp{afterName, possessiveAfter} {
		if m := re.FindStringSubmatch(rest); m != nil {
			return strings.TrimRight(m[1], ".")
		}
	}
	return ""
}

// bodyBefore reads a post written before the name: "US National Security
// Council spokesman", "Iran's Foreign Ministry spokeswoman". The body is the
// run of capitalised words before the role word, with "of", "for" and
// "and" inside it, back to a possessive or the start of the clause.
func bodyBefore(pre string) string {
	locs := wordRE.FindAllStringIndex(pre, -1)
	if len(locs) < 2 {
		return ""
	}
	last := locs[len(locs)-1]
	if strings.TrimSpace(pre[last[1]:]) != "" || !roleWords[fold(pre[last[0]:last[1]])] {
		return "" // the role word must sit right before the name
	}
	start := -1
	for k := len(locs) - 2; k >= 0; k-- {
		w := pre[locs[k][0]:locs[k][1]]
		gap := pre[locs[k][1]:locs[k+1][0]]
		if strings.TrimSpace(gap) != "" {
			break // punctuation ends the run
		}
		if strings.HasSuffix(w, ".") && !isInitials(w) {
			break // the end of the sentence before
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			start = k
			if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
				break // "Iran's Foreign Ministry": the possessive opens the body
			}
			continue
		}
		if bodyLink[w] || w == "and" {
			continue // inside a name ("Ministry of Foreign Affairs")
		}
		break
	}
	if start < 0 {
		return ""
	}
	// A link word cannot open the body.
	for start < len(locs)-1 {
		w := pre[locs[start][0]:locs[start][1]]
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			break
		}
		start++
	}
	return strings.TrimSpace(pre[locs[start][0]:last[0]])
}

// isInitials reports abbreviations such as "U.S." or "U.N.": letters each
// followed by a full stop.
func isInitials(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i, r := range w {
		if i%2 == 0 && !unicode.IsUpper(r) || i%2 == 1 && r != '.' {
			return false
		}
	}
	return true
}

// voice returns the body that speaks through who: the outermost body the
// pack says it is part of ("US National Security Council" → "White House"),
// else who itself. A trailing role ("State Department spokesperson") and a
// leading "the" are left out for the lookup.
func (l *lexicon) voice(who string) string {
	if l.pack == nil {
		return who
	}
	ws := strings.Fields(who)
	if len(ws) > 1 && fold(ws[0]) == "the" {
		ws = ws[1:]
	}
	for len(ws) > 1 && roleWords[fold(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1]
	}
	sp, ok := l.pack.SpeakerByName(strings.Join(ws, " "))
	if !ok {
		return who
	}
	if v := l.pack.Voice(sp); v.ID != sp.ID {
		return v.Name
	}
	return who
}
