package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// DraftClaim reads a claim from the words of a source an analyst selected
// (byte offsets start..end of its text, trimmed of surrounding space): what
// the extractor reads there pre-fills it, for the analyst to complete and
// AddClaim. The extractor reads the whole source first, so the claim
// overlapping the selection most lends its fields with the context of the
// text around it (who said it, dates relative to the report); failing
// that, the selected words are read on their own. The draft quotes exactly
// the selection and is not stored.
func (c *Case) DraftClaim(ctx context.Context, sourceID int64, start, end int) (*claim.Claim, error) {
	op := fmt.Sprintf("draft a claim from source %d", sourceID)
	src, err := c.st.Source(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	start, end, err = selection(src.Text, start, end)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	x, err := c.Extractor(ctx)
	if err != nil {
		return nil, err
	}
	d := &claim.Claim{
		ID: ManualClaimID(src.Name, start, end), SourceID: src.ID, Source: src.Name,
		Start: start, End: end, Evidence: src.Text[start:end],
		Action: claim.ActionOther, Modality: claim.Asserted,
	}
	best, most := -1, 0
	whole := x.Extract(src)
	for i, m := range whole {
		if o := min(end, m.End) - max(start, m.Start); o > most {
			best, most = i, o
		}
	}
	if best >= 0 {
		lend(d, &whole[best], 0)
		return d, nil
	}
	part := *src
	part.Text = src.Text[start:end]
	if got := x.Extract(&part); len(got) > 0 {
		lend(d, &got[0], start)
	}
	return d, nil
}

// lend copies what the extractor read (m) into the draft d, its spans
// shifted by off bytes into the source's text.
func lend(d, m *claim.Claim, off int) {
	shift := func(sp claim.Span) claim.Span {
		sp.Start += off
		sp.End += off
		return sp
	}
	d.Action, d.Modality, d.Rules = m.Action, m.Modality, m.Rules
	for _, a := range m.Actors {
		a.Span = shift(a.Span)
		d.Actors = append(d.Actors, a)
	}
	for _, p := range m.Places {
		p.Span = shift(p.Span)
		d.Places = append(d.Places, p)
	}
	if m.Time != nil {
		t := *m.Time
		t.Span = shift(t.Span)
		d.Time = &t
	}
	for _, q := range m.Quantities {
		q.Span = shift(q.Span)
		d.Quantities = append(d.Quantities, q)
	}
	for _, a := range m.Attribution {
		a.Span = shift(a.Span)
		d.Attribution = append(d.Attribution, a)
	}
}

// selection checks start..end lies in text on character boundaries and
// trims it of surrounding space.
func selection(text string, start, end int) (int, int, error) {
	if start < 0 || end > len(text) || end <= start {
		return 0, 0, fmt.Errorf("the selection %d..%d is not a run of the source's %d bytes", start, end, len(text))
	}
	if !utf8.RuneStart(text[start]) || (end < len(text) && !utf8.RuneStart(text[end])) {
		return 0, 0, fmt.Errorf("the selection %d..%d cuts a character", start, end)
	}
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	if end <= start {
		return 0, 0, fmt.Errorf("the selection holds no words")
	}
	return start, end, nil
}

// FindQuote locates words typed by an analyst in a source's text (for a
// browser without scripts): their first occurrence at or after from. It
// returns byte offsets for DraftClaim.
func FindQuote(text, quote string, from int) (int, int, error) {
	quote = strings.TrimSpace(quote)
	if quote == "" {
		return 0, 0, errs.E(errs.BadInput, "find the words", "no words given")
	}
	from = max(0, min(from, len(text)))
	i := strings.Index(text[from:], quote)
	if i < 0 {
		return 0, 0, errs.E(errs.BadInput, "find the words", strconv.Quote(quote)+" is not in the source's text (copy the words exactly)")
	}
	return from + i, from + i + len(quote), nil
}

// ManualClaimID is the id of a claim made by hand from a source's bytes
// start..end: derived like the extractor's from the source and span, in its
// own namespace, so it never takes the id of an extracted claim.
func ManualClaimID(source string, start, end int) string {
	h := sha256.Sum256([]byte("manual\x00" + source + "\x00" + strconv.Itoa(start) + ":" + strconv.Itoa(end)))
	return "hand-" + hex.EncodeToString(h[:6])
}

// AddClaim stores a claim an analyst made by hand (from DraftClaim,
// completed) on behalf of by, re-runs its data checks and fuses again, so it
// shows in its event at once. The evidence must quote the source exactly.
func (c *Case) AddClaim(ctx context.Context, cl claim.Claim, by string) (*claim.Claim, error) {
	op := "add a claim"
	if err := checkFields(&cl); err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	if cl.ID == "" {
		cl.ID = ManualClaimID(cl.Source, cl.Start, cl.End)
		if src, err := c.st.Source(ctx, cl.SourceID); err == nil {
			cl.ID = ManualClaimID(src.Name, cl.Start, cl.End)
		}
	}
	if err := c.st.AddClaim(ctx, &cl, by); err != nil {
		return nil, err
	}
	if err := c.Recheck(ctx, []claim.Claim{cl}); err != nil {
		return nil, err
	}
	if _, err := c.fuseBy(ctx, by); err != nil {
		return nil, err
	}
	return c.st.Claim(ctx, cl.ID)
}

// checkFields refuses values outside the vocabularies the claim package
// does not check itself: place roles and kinds, speaker kinds.
func checkFields(cl *claim.Claim) error {
	for _, p := range cl.Places {
		switch p.Role {
		case claim.RoleOrigin, claim.RoleDestination, claim.RoleVia, claim.RoleLocation:
		default:
			return fmt.Errorf("place %q: unknown role %q (origin, destination, via, location)", p.Name, p.Role)
		}
		if strings.TrimSpace(p.Name) == "" {
			return fmt.Errorf("a place has no name")
		}
	}
	for _, a := range cl.Attribution {
		if strings.TrimSpace(a.Who) == "" {
			return fmt.Errorf("a link of the attribution chain names nobody")
		}
		if !speakerKind(a.Kind) {
			return fmt.Errorf("speaker %q: unknown kind %q", a.Who, a.Kind)
		}
	}
	return nil
}

// SpeakerKinds lists the kinds of speaker an attribution link may be.
var SpeakerKinds = []claim.SourceKind{claim.SpeakerAnonymous, claim.SpeakerNamed, claim.SpeakerOfficial,
	claim.SpeakerOutlet, claim.SpeakerStateMedia, claim.SpeakerRightsGroup, claim.SpeakerDocument,
	claim.SpeakerData, claim.SpeakerSocial, claim.SpeakerUnspecified}

func speakerKind(k claim.SourceKind) bool { return slices.Contains(SpeakerKinds, k) }
