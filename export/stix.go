package export

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/report"
)

// How a case maps to STIX 2.1:
//
//   - identity "Triangulate" (system) creates every object;
//   - each speaker in an attribution chain (outlets, anonymous sources,
//     officials, data providers) is an identity;
//   - each actor is a threat-actor when it is the subject of a use of force
//     (deploy, attempt, suppress, kill, clash) or belongs to an umbrella
//     group, else an identity;
//   - each place is a location (coordinates and their precision in metres
//     when resolved, else country or region);
//   - each claim is a note quoting its evidence, with the source as an
//     external reference and attributed-to relationships along its chain;
//   - each event is a grouping of its claims, actors and places;
//   - each assessment is an opinion on the grouping (confidence = the
//     assessment's STIX confidence; opinion from the probability);
//   - each data signal is an observed-data over a custom observable
//     x-triangulate-signal (STIX has no observable for a flight count), with a
//     note giving the verdict; a signal that supports its claim is also a
//     sighting of the claim's event grouping, seen by Triangulate;
//   - one report wraps every object.
//
// Identifiers are UUIDv5 in stixNamespace over the type and a stable key
// (a claim id, a speaker's kind and name, a place key…), so that re-exports
// of a growing case keep the ids of what did not change.

// stixNamespace is the UUID namespace of Triangulate's STIX identifiers.
var stixNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/triangulate/triangulate/stix"))

func stixID(typ, key string) string {
	return typ + "--" + uuid.NewSHA1(stixNamespace, []byte(typ+"\x00"+key)).String()
}

// stixTime writes t the way STIX wants it: UTC with milliseconds.
func stixTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// Common holds the properties every STIX domain and relationship object has.
type Common struct {
	Type               string              `json:"type"`
	SpecVersion        string              `json:"spec_version"`
	ID                 string              `json:"id"`
	CreatedByRef       string              `json:"created_by_ref,omitempty"`
	Created            string              `json:"created"`
	Modified           string              `json:"modified"`
	Labels             []string            `json:"labels,omitempty"`
	Confidence         *int                `json:"confidence,omitempty"`
	ExternalReferences []ExternalReference `json:"external_references,omitempty"`
}

// ExternalReference points outside STIX, here at a stored source.
type ExternalReference struct {
	SourceName  string `json:"source_name"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
	ExternalID  string `json:"external_id,omitempty"`
}

// Identity is a STIX identity.
type Identity struct {
	Common
	Name          string `json:"name"`
	Description   string `json:"description,omitempty"`
	IdentityClass string `json:"identity_class,omitempty"`
	SpeakerKind   string `json:"x_triangulate_speaker_kind,omitempty"`
}

// ThreatActor is a STIX threat-actor.
type ThreatActor struct {
	Common
	Name             string   `json:"name"`
	Description      string   `json:"description,omitempty"`
	ThreatActorTypes []string `json:"threat_actor_types,omitempty"`
}

// Location is a STIX location.
type Location struct {
	Common
	Name               string   `json:"name"`
	Description        string   `json:"description,omitempty"`
	Latitude           *float64 `json:"latitude,omitempty"`
	Longitude          *float64 `json:"longitude,omitempty"`
	Precision          *float64 `json:"precision,omitempty"` // metres
	Region             string   `json:"region,omitempty"`
	Country            string   `json:"country,omitempty"`
	AdministrativeArea string   `json:"administrative_area,omitempty"`
	City               string   `json:"city,omitempty"`
	PlaceKind          string   `json:"x_triangulate_place_kind,omitempty"`
}

// Note is a STIX note; here, one claim or one signal's verdict.
type Note struct {
	Common
	Abstract   string   `json:"abstract,omitempty"`
	Content    string   `json:"content"`
	Authors    []string `json:"authors,omitempty"`
	ObjectRefs []string `json:"object_refs"`
	ClaimID    string   `json:"x_triangulate_claim_id,omitempty"`
	Source     string   `json:"x_triangulate_source,omitempty"`
	Start      *int     `json:"x_triangulate_start,omitempty"` // byte offsets of the evidence in the source text
	End        *int     `json:"x_triangulate_end,omitempty"`
	Modality   string   `json:"x_triangulate_modality,omitempty"`
	Chain      []string `json:"x_triangulate_attribution,omitempty"`
}

// Grouping is a STIX grouping; here, one event.
type Grouping struct {
	Common
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Context     string   `json:"context"`
	ObjectRefs  []string `json:"object_refs"`
	EventID     string   `json:"x_triangulate_event_id"`
}

// Opinion is a STIX opinion; here, one assessment.
type Opinion struct {
	Common
	Explanation string   `json:"explanation,omitempty"`
	Authors     []string `json:"authors,omitempty"`
	Opinion     string   `json:"opinion"`
	ObjectRefs  []string `json:"object_refs"`
	Status      string   `json:"x_triangulate_status"`
	Probability float64  `json:"x_triangulate_probability"`
	Likelihood  string   `json:"x_triangulate_likelihood"`
	Admiralty   string   `json:"x_triangulate_admiralty,omitempty"`
	// An analyst's override, beside the computed values above, and the
	// sign-off in force.
	AnalystStatus     string `json:"x_triangulate_analyst_status,omitempty"`
	AnalystLikelihood string `json:"x_triangulate_analyst_likelihood,omitempty"`
	AnalystReason     string `json:"x_triangulate_analyst_reason,omitempty"`
	AnalystBy         string `json:"x_triangulate_analyst,omitempty"`
	SignedOffBy       string `json:"x_triangulate_signed_off_by,omitempty"`
	SignOffStale      bool   `json:"x_triangulate_sign_off_stale,omitempty"`
}

// Relationship is a STIX relationship.
type Relationship struct {
	Common
	RelationshipType string `json:"relationship_type"`
	Description      string `json:"description,omitempty"`
	SourceRef        string `json:"source_ref"`
	TargetRef        string `json:"target_ref"`
}

// ObservedData is a STIX observed-data.
type ObservedData struct {
	Common
	FirstObserved  string   `json:"first_observed"`
	LastObserved   string   `json:"last_observed"`
	NumberObserved int      `json:"number_observed"`
	ObjectRefs     []string `json:"object_refs"`
}

// SignalObservable is the custom cyber-observable carrying a data signal.
type SignalObservable struct {
	Type        string         `json:"type"`
	SpecVersion string         `json:"spec_version"`
	ID          string         `json:"id"`
	Kind        string         `json:"kind"`
	Subject     string         `json:"subject"`
	FirstDay    string         `json:"first_day,omitempty"`
	LastDay     string         `json:"last_day,omitempty"`
	Verdict     string         `json:"verdict"`
	PValue      *float64       `json:"p_value,omitempty"`
	Summary     string         `json:"summary,omitempty"`
	Details     map[string]any `json:"details,omitempty"`
}

// Sighting is a STIX sighting.
type Sighting struct {
	Common
	Description      string   `json:"description,omitempty"`
	FirstSeen        string   `json:"first_seen,omitempty"`
	LastSeen         string   `json:"last_seen,omitempty"`
	Count            int      `json:"count,omitempty"`
	SightingOfRef    string   `json:"sighting_of_ref"`
	ObservedDataRefs []string `json:"observed_data_refs,omitempty"`
	WhereSightedRefs []string `json:"where_sighted_refs,omitempty"`
}

// Report is a STIX report.
type Report struct {
	Common
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	ReportTypes []string `json:"report_types,omitempty"`
	Published   string   `json:"published"`
	ObjectRefs  []string `json:"object_refs"`
}

// Bundle is a STIX bundle. Objects are in a stable order: the creator,
// speakers, actors, places, claims, events, assessments, relationships,
// signals, and the report last.
type Bundle struct {
	Type    string `json:"type"`
	ID      string `json:"id"`
	Objects []any  `json:"objects"`
}

// forceActions are the actions whose actors are exported as threat actors.
var forceActions = []claim.Action{claim.ActionDeploy, claim.ActionAttempt, claim.ActionSuppress, claim.ActionKill, claim.ActionClash}

// identityClass maps a speaker kind to STIX's identity-class vocabulary.
func identityClass(k claim.SourceKind) string {
	switch k {
	case claim.SpeakerNamed, claim.SpeakerOfficial, claim.SpeakerSocial:
		return "individual"
	case claim.SpeakerOutlet, claim.SpeakerStateMedia, claim.SpeakerRightsGroup:
		return "organization"
	case claim.SpeakerData:
		return "system"
	}
	return "unknown"
}

// precisionMetres is how far a resolved point may be from the place.
func precisionMetres(p claim.PlacePrecision) (float64, bool) {
	switch p {
	case claim.PlaceExact:
		return 1_000, true
	case claim.PlaceCity:
		return 10_000, true
	case claim.PlaceProvince:
		return 100_000, true
	case claim.PlaceCountry:
		return 500_000, true
	case claim.PlaceRegion:
		return 300_000, true
	}
	return 0, false
}

// opinionOf maps a probability to STIX's five-point opinion scale along the
// ICD 203 bands: below 20 % strongly disagree, below 45 % disagree, up to
// 55 % neutral, up to 80 % agree, above strongly agree.
func opinionOf(p float64) string {
	switch {
	case p < 0.20:
		return "strongly-disagree"
	case p < 0.45:
		return "disagree"
	case p <= 0.55:
		return "neutral"
	case p <= 0.80:
		return "agree"
	}
	return "strongly-agree"
}

// slug writes a place name as a region value ("western Iran" → "western-iran").
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

type stixBuilder struct {
	c       *claim.Case
	now     string // the case time, as modified
	creator string
	sources map[int64]*claim.Source
	byType  map[string][]any
	refs    []string
	seen    map[string]bool
	rels    map[string]*Relationship
	relKeys []string
}

func (b *stixBuilder) common(typ, key string, created time.Time) Common {
	return Common{Type: typ, SpecVersion: "2.1", ID: stixID(typ, key), CreatedByRef: b.creator,
		Created: stixTime(created), Modified: b.now}
}

func (b *stixBuilder) add(typ, id string, obj any) {
	if b.seen[id] {
		return
	}
	b.seen[id] = true
	b.byType[typ] = append(b.byType[typ], obj)
	b.refs = append(b.refs, id)
}

// relate records a relationship, merging the evidence of duplicates.
func (b *stixBuilder) relate(typ, src, dst, why string, created time.Time) {
	key := src + " " + typ + " " + dst
	if r, ok := b.rels[key]; ok {
		if why != "" && !strings.Contains(r.Description, why) {
			r.Description += "; " + why
		}
		return
	}
	r := &Relationship{Common: b.common("relationship", key, created), RelationshipType: typ, SourceRef: src, TargetRef: dst, Description: why}
	b.rels[key] = r
	b.relKeys = append(b.relKeys, key)
}

func (b *stixBuilder) published(id int64) time.Time {
	if s := b.sources[id]; s != nil && !s.Published.IsZero() {
		return s.Published
	}
	t, _ := time.Parse(time.RFC3339, strings.Replace(b.now, ".000Z", "Z", 1))
	return t
}

// STIXBundle converts a case to a STIX 2.1 bundle (see the mapping above).
func STIXBundle(c *claim.Case) *Bundle {
	now := caseTime(c)
	b := &stixBuilder{c: c, now: stixTime(now), sources: map[int64]*claim.Source{}, byType: map[string][]any{},
		seen: map[string]bool{}, rels: map[string]*Relationship{}}
	for i := range c.Sources {
		b.sources[c.Sources[i].ID] = &c.Sources[i]
	}
	tri := Identity{Common: b.common("identity", "triangulate", now), Name: "Triangulate", IdentityClass: "system",
		Description: "Triangulate extracts attributed claims from reports, fuses them into events and assesses them."}
	tri.CreatedByRef = ""
	b.creator = tri.ID
	b.add("creator", tri.ID, tri)

	// Actors that use force, or belong to an umbrella group, become threat actors.
	threat := map[string]bool{}
	for _, cl := range c.Claims {
		if cl.Rejected {
			continue
		}
		for _, a := range cl.Actors {
			if slices.Contains(forceActions, cl.Action) || a.Affiliation != "" {
				threat[a.Name] = true
			}
			if a.Affiliation != "" {
				threat[a.Affiliation] = true
			}
		}
	}
	actorRef := func(name string, created time.Time) string {
		if threat[name] {
			ta := ThreatActor{Common: b.common("threat-actor", "actor\x00"+name, created), Name: name, ThreatActorTypes: []string{"unknown"},
				Description: "Named as acting in claims of the case; the type says nothing about intent."}
			b.add("threat-actor", ta.ID, ta)
			return ta.ID
		}
		id := Identity{Common: b.common("identity", "actor\x00"+name, created), Name: name, IdentityClass: "group",
			Description: "Named as acting in claims of the case."}
		b.add("actor-identity", id.ID, id)
		return id.ID
	}
	speakerRef := func(a claim.Attribution, created time.Time) string {
		kind := cmp.Or(a.Kind, claim.SpeakerUnspecified)
		id := Identity{Common: b.common("identity", "speaker\x00"+string(kind)+"\x00"+strings.ToLower(a.Who), created),
			Name: a.Who, IdentityClass: identityClass(kind), SpeakerKind: string(kind),
			Description: "A speaker in attribution chains (" + string(kind) + ")."}
		b.add("speaker", id.ID, id)
		return id.ID
	}
	locRef := map[string]string{}
	for _, p := range report.Places(c.Claims) {
		loc := Location{Name: p.Name, Description: p.Kind + " named as " + strings.Join(p.Roles, ", ") + fmt.Sprintf(" in %d claim%s", p.ClaimCount, plural(p.ClaimCount)),
			PlaceKind: p.Kind}
		key := p.Key
		loc.Common = b.common("location", key, now)
		if p.HasCoord {
			lat, lon := round6(p.Lat), round6(p.Lon)
			loc.Latitude, loc.Longitude = &lat, &lon
			if m, ok := precisionMetres(claim.PlacePrecision(p.Precision)); ok {
				loc.Precision = &m
			}
		}
		loc.Country = p.Country
		switch claim.PlaceKind(p.Kind) {
		case claim.KindProvince:
			loc.AdministrativeArea = p.Name
		case claim.KindCity:
			loc.City = p.Name
		}
		if !p.HasCoord && p.Country == "" {
			loc.Region = slug(p.Name)
		}
		b.add("location", loc.ID, loc)
		locRef[key] = loc.ID
	}

	noteRef := map[string]string{}
	for _, cl := range c.Claims {
		if cl.Rejected {
			continue
		}
		created := b.published(cl.SourceID)
		var refs []string
		for _, a := range cl.Actors {
			refs = appendNew(refs, actorRef(a.Name, created))
		}
		for _, p := range cl.Places {
			refs = appendNew(refs, locRef[report.PlaceKey(p)])
		}
		var chain []string
		var speakerIDs []string
		for _, a := range cl.Attribution {
			chain = append(chain, a.Who)
			speakerIDs = append(speakerIDs, speakerRef(a, created))
		}
		for _, id := range speakerIDs {
			refs = appendNew(refs, id)
		}
		if len(refs) == 0 {
			refs = []string{b.creator}
		}
		start, end := cl.Start, cl.End
		n := Note{Common: b.common("note", "claim\x00"+cl.ID, created), Content: cl.Evidence,
			Abstract: report.ClaimLabel(&cl), ObjectRefs: refs, ClaimID: cl.ID, Source: cl.Source, Start: &start, End: &end,
			Modality: string(cl.Modality), Chain: chain}
		n.Labels = []string{string(cl.Action), string(cl.Modality)}
		if s := b.sources[cl.SourceID]; s != nil {
			n.ExternalReferences = []ExternalReference{sourceRef(s)}
		}
		b.add("note", n.ID, n)
		noteRef[cl.ID] = n.ID
		for i, id := range speakerIDs {
			role := "relayed by"
			switch {
			case i == 0:
				role = "original speaker"
			case i == len(speakerIDs)-1:
				role = "published by"
			}
			b.relate("attributed-to", n.ID, id, fmt.Sprintf("claim %s: %s", cl.ID, role), created)
		}
		for _, a := range cl.Actors {
			src := actorRef(a.Name, created)
			if a.Affiliation != "" && a.Affiliation != a.Name {
				b.relate("affiliated-with", src, actorRef(a.Affiliation, created), "claim "+cl.ID, created)
			}
			for _, p := range cl.Places {
				typ := "located-at"
				if p.Role == claim.RoleOrigin {
					typ = "originates-from"
				}
				b.relate(typ, src, locRef[report.PlaceKey(p)], fmt.Sprintf("claim %s (%s)", cl.ID, p.Role), created)
			}
		}
	}

	r := report.Build(c, report.Options{})
	groupRef := map[string]string{}
	eventOf := map[string]string{}
	for _, ev := range c.Events {
		var refs []string
		for _, m := range ev.Members {
			if id := noteRef[m.ClaimID]; id != "" {
				refs = appendNew(refs, id)
				if _, ok := eventOf[m.ClaimID]; !ok {
					eventOf[m.ClaimID] = ev.ID
				}
			}
		}
		if len(refs) == 0 {
			continue
		}
		g := Grouping{Common: b.common("grouping", "event\x00"+ev.ID, now), Name: ev.Title, Context: "unspecified",
			ObjectRefs: refs, EventID: ev.ID,
			Description: fmt.Sprintf("%s; %d independent origin%s, echo count %d; %s.", ev.Action,
				ev.Independent, plural(ev.Independent), ev.EchoCount, dateText(ev.From, ev.To))}
		b.add("grouping", g.ID, g)
		groupRef[ev.ID] = g.ID
	}
	for _, ev := range r.Events {
		a := ev.Assessment
		if a == nil || groupRef[ev.ID] == "" {
			continue
		}
		refs := []string{groupRef[ev.ID]}
		var lines []string
		lines = append(lines, fmt.Sprintf("%s: %s, Admiralty %s.", a.Status, ev.Likelihood, cmp.Or(a.Admiralty, "not graded")))
		for _, l := range []string{report.OverrideLine(a), report.SignOffLine(a)} {
			if l != "" {
				lines = append(lines, l)
			}
		}
		for _, rs := range ev.Reasons {
			line := "- " + rs.Text
			var ids []string
			for _, q := range rs.Quotes {
				ids = append(ids, q.ClaimID)
				refs = appendNew(refs, noteRef[q.ClaimID])
			}
			if len(ids) > 0 {
				line += " [claims " + strings.Join(ids, ", ") + "]"
			}
			if rs.Signal != nil {
				line += " [signal " + rs.Signal.ID + ": " + string(rs.Signal.Verdict) + "]"
			}
			lines = append(lines, line)
		}
		conf := min(max(a.STIXConfidence, 0), 100)
		o := Opinion{Common: b.common("opinion", "assessment\x00"+ev.ID, now), Opinion: opinionOf(a.Probability),
			Explanation: strings.Join(lines, "\n"), Authors: []string{"Triangulate"}, ObjectRefs: refs,
			Status: string(a.Status), Probability: a.Probability, Likelihood: ev.Likelihood, Admiralty: a.Admiralty}
		if ov := a.Override; ov != nil {
			o.AnalystStatus, o.AnalystLikelihood, o.AnalystReason, o.AnalystBy = string(ov.Status), ov.Likelihood, ov.Reason, ov.By
		}
		if so := a.SignOff; so != nil {
			o.SignedOffBy, o.SignOffStale = so.By, so.Stale
		}
		o.Confidence = &conf
		o.Labels = []string{string(a.Status)}
		b.add("opinion", o.ID, o)
	}

	for _, s := range c.Signals {
		first, last := s.From, cmp.Or(s.To, s.From)
		firstT, err1 := time.Parse(time.DateOnly, first)
		lastT, err2 := time.Parse(time.DateOnly, last)
		if err1 != nil || err2 != nil {
			firstT, lastT = now, now
		}
		lastT = lastT.Add(24*time.Hour - time.Millisecond)
		sco := SignalObservable{Type: "x-triangulate-signal", SpecVersion: "2.1", ID: stixID("x-triangulate-signal", s.ID),
			Kind: s.Kind, Subject: s.Subject, FirstDay: s.From, LastDay: s.To, Verdict: string(s.Verdict), Summary: s.Summary,
			Details: nonEmpty(s.Details)}
		if s.PValue != 0 {
			p := s.PValue
			sco.PValue = &p
		}
		od := ObservedData{Common: b.common("observed-data", "signal\x00"+s.ID, now), FirstObserved: stixTime(firstT),
			LastObserved: stixTime(lastT), NumberObserved: 1, ObjectRefs: []string{sco.ID}}
		od.Labels = []string{s.Kind, string(s.Verdict)}
		b.add("observed-data", od.ID, od)
		b.add("observable", sco.ID, sco)
		refs := []string{od.ID}
		if id := noteRef[s.ClaimID]; id != "" {
			refs = append(refs, id)
		}
		abstract := s.Subject + ": " + string(s.Verdict)
		if s.PValue != 0 {
			abstract += fmt.Sprintf(" (p = %.3g)", s.PValue)
		}
		n := Note{Common: b.common("note", "signal\x00"+s.ID, now), Abstract: abstract, Content: cmp.Or(s.Summary, abstract),
			Authors: []string{"Triangulate"}, ObjectRefs: refs, ClaimID: s.ClaimID}
		n.Labels = []string{s.Kind, string(s.Verdict)}
		b.add("signal-note", n.ID, n)
		if s.Verdict == claim.Supported {
			target := groupRef[eventOf[s.ClaimID]]
			if target == "" {
				target = noteRef[s.ClaimID]
			}
			if target != "" {
				sg := Sighting{Common: b.common("sighting", "signal\x00"+s.ID, now), Description: s.Summary,
					FirstSeen: stixTime(firstT), LastSeen: stixTime(lastT), Count: 1, SightingOfRef: target,
					ObservedDataRefs: []string{od.ID}, WhereSightedRefs: []string{b.creator}}
				b.add("sighting", sg.ID, sg)
			}
		}
	}
	for _, key := range b.relKeys {
		rel := b.rels[key]
		b.add("relationship", rel.ID, *rel)
	}

	rep := Report{Common: b.common("report", "case", now), Name: r.Title, ReportTypes: []string{"threat-report"},
		Published: b.now, ObjectRefs: slices.Clone(b.refs),
		Description: fmt.Sprintf("%d sources, %d claims, %d events (%d assessed), %d data signals, as of %s.",
			r.Summary.Sources, r.Summary.Claims, r.Summary.Events, r.Summary.Assessed, r.Summary.Signals, cmp.Or(r.AsOf, "an unknown date"))}
	for i := range c.Sources {
		rep.ExternalReferences = append(rep.ExternalReferences, sourceRef(&c.Sources[i]))
	}
	b.add("report", rep.ID, rep)

	bundle := &Bundle{Type: "bundle", ID: stixID("bundle", strings.Join(b.refs, " "))}
	for _, typ := range []string{"creator", "speaker", "threat-actor", "actor-identity", "location", "note", "grouping",
		"opinion", "relationship", "observed-data", "observable", "signal-note", "sighting", "report"} {
		bundle.Objects = append(bundle.Objects, b.byType[typ]...)
	}
	return bundle
}

func sourceRef(s *claim.Source) ExternalReference {
	desc := s.Name
	if !s.Published.IsZero() {
		desc += ", published " + s.Published.UTC().Format(time.DateOnly)
	}
	if s.Title != "" {
		desc += ": " + s.Title
	}
	desc += " (sha256 " + s.ContentHash + ")"
	return ExternalReference{SourceName: cmp.Or(s.Outlet, s.Name), Description: desc, URL: s.URL}
}

func appendNew(ids []string, id string) []string {
	if id == "" || slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// nonEmpty drops empty lists and nils from signal details: STIX forbids
// empty lists, and an absent key says the same.
func nonEmpty(d map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range d {
		switch x := v.(type) {
		case nil:
			continue
		case []any:
			if len(x) == 0 {
				continue
			}
		case []string:
			if len(x) == 0 {
				continue
			}
		}
		out[k] = v
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func dateText(from, to claim.Date) string {
	switch {
	case from == "" && to == "":
		return "undated"
	case to == "":
		return "since " + from
	case from == "":
		return "by " + to
	case from == to:
		return "on " + from
	}
	return from + " to " + to
}
