package extract

import (
	"slices"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/lang"
)

// placeOf resolves a place mention to a claim.Place (role unset).
// facilityAfter reports an airport, airbase or crossing named in the few
// words from k ("'s Hashemi Nejad airport").
func (d *doc) facilityAfter(k, to int) bool {
	for end := min(to, k+5); k < end; k++ {
		if d.is(k, cFacility) {
			return true
		}
		if d.toks[k].kind == tPunct {
			return false
		}
	}
	return false
}

// airportPlace is the city an airport mention serves, with the airport's
// coordinates: the evaluation's place kinds have no airport, and "Najaf
// airport" places a flight at Najaf.
func (x *Extractor) airportPlace(d *doc, m mention) (claim.Place, bool) {
	if x.pack == nil {
		return claim.Place{}, false
	}
	a, ok := x.pack.Airport(m.id)
	if !ok || a.City == "" {
		return claim.Place{}, false
	}
	return claim.Place{Name: a.City, Kind: claim.KindCity, Country: a.CountryCode, Lat: a.Lat, Lon: a.Lon, HasCoord: true,
		Precision: claim.PlaceExact, Span: d.span(m.ti, m.tj)}, true
}

func (x *Extractor) placeOf(d *doc, m mention) (claim.Place, bool) {
	if x.pack == nil {
		return claim.Place{}, false
	}
	var pl knowledge.Place
	if k := int(m.pi) - 1; k >= 0 && k < len(d.mplaces) && d.mplaces[k].ID == m.id {
		pl = d.mplaces[k]
	} else if p, ok := x.pack.Place(m.id); ok {
		pl = p
	} else {
		return claim.Place{}, false
	}
	// Prefer the sense the next word asks for: "Ilam province", "the
	// Mehran border", "Maysan governorate".
	want := claim.PlaceKind("")
	switch {
	case d.is(m.tj, cProvinceWord):
		want = claim.KindProvince
	case d.is(m.tj, cCrossingWord):
		want = claim.KindCrossing
	case d.is(m.tj, cCityWord):
		want = claim.KindCity
	}
	if want != "" && pl.Kind != want {
		for _, id := range m.others {
			if q, ok := x.pack.Place(id); ok && q.Kind == want {
				pl = q
				break
			}
		}
		if want == claim.KindCrossing && pl.Kind != claim.KindCrossing {
			for _, name := range []string{pl.Name + " border crossing", pl.Name + " crossing"} {
				if qs := x.pack.LookupPlace(name); len(qs) > 0 && qs[0].Kind == claim.KindCrossing {
					pl = qs[0]
					break
				}
			}
		}
	}
	out := claim.Place{
		Name: pl.Name, Kind: pl.Kind, Country: pl.Country, Lat: pl.Lat, Lon: pl.Lon,
		HasCoord: pl.Lat != 0 || pl.Lon != 0, Precision: pl.Precision, PackID: pl.ID,
		Span: d.span(m.ti, m.tj),
	}
	if want == claim.KindCrossing && out.Kind != claim.KindCrossing {
		// A town named for its crossing: keep the town's coordinates but
		// say what the text means.
		out.Kind = claim.KindCrossing
	}
	// A town keeps the text's own spelling (Hamedan for GeoNames' Hamadan,
	// Kerbala for Karbala): transliterations vary and readers search for
	// what the report wrote. Countries, provinces and crossings take the
	// pack's name, and so do abbreviations (U.S.).
	if written := d.text[d.toks[m.ti].s:d.toks[m.tj-1].e]; (out.Kind == claim.KindCity || nonASCII(out.Name) && !nonASCII(written)) && !allCaps(written) && !strings.ContainsRune(written, '.') {
		out.Name = written
	}
	return out, true
}

func allCaps(s string) bool {
	for _, r := range s {
		if 'a' <= r && r <= 'z' {
			return false
		}
	}
	return true
}

func nonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// placesIn finds the places of [from, to) and the role each plays.
func (x *Extractor) placesIn(d *doc, st *state, from, to int, action claim.Action, roles []roleMark) []claim.Place {
	// The places gather in the doc's scratch slice (taken, so that a call
	// inside this one starts its own) and leave as one exact copy.
	out := d.placeBuf[:0]
	d.placeBuf = nil
	role := claim.PlaceRole("")
	skip := false   // after "loyal to", "aligned with": the place stands for a government
	including := -1 // index of "including"/"such as"
	lastEnd := -1   // token after the last place added
	fromAt := -1    // the "from" whose noun phrase goes on
	roleAt := -1    // the preposition that gave role
	left := false   // the role is the origin a leave verb gave ("left Bangui for …")
	// "sent to the war in Syria", "fight Armenian forces over
	// Nagorno-Karabakh": the preposition after a word of war (conflictAt)
	// gives the war's place the journey's end, or where the fighting is.
	conflictAt, conflictRole := -1, claim.PlaceRole("")
	// "wounded in Tigray … transported to hospitals in Eritrea": where a
	// participle placed those who move is where they come from (partIn is
	// set while such a phrase goes on; partLocs are the places it gave).
	partIn := false
	var partLocs []int
	transit := false
	onward := false // a further leg follows the last destination
	for k := from; k < to; k++ {
		if d.is(k, cTransitWord) {
			transit = true
		}
	}
	// Roles the matched rule gave ("drove across the border": via).
	ruleRole := func(k int) (claim.PlaceRole, bool) {
		for _, r := range roles {
			if r.i == k {
				if pr := claim.PlaceRole(r.role); pr != "" && r.role != "actor" {
					return pr, true
				}
			}
		}
		return "", false
	}
	add := func(p claim.Place, k, end int) {
		if d.distanceRef(k, from) {
			return
		}
		r := role
		if r == "" {
			switch {
			case p.Kind == claim.KindCrossing:
				r = claim.RoleVia
			case p.Kind == claim.KindBorder:
				r = claim.RoleLocation
			case transit:
				r = claim.RoleVia
			default:
				r = claim.RoleLocation
			}
		}
		// A crossing is passed through: "crossed the Zurbatiya border",
		// "at the Mehran crossing".
		if p.Kind == claim.KindCrossing && (r == claim.RoleLocation || r == claim.RoleDestination) {
			r = claim.RoleVia
		}
		if p.Kind == claim.KindBorder && r == claim.RoleDestination {
			r = claim.RoleLocation
		}
		// The rule marks the place's name, which may sit inside the
		// phrase read ("the north of Tigray").
		for j := k; j < end; j++ {
			if rr, ok := ruleRole(j); ok {
				r = rr
				break
			}
		}
		p.Role = r
		// "P1 in P2": P2 only says where P1 is, unless P1 is a crossing
		// and P2 its province.
		if k-1 >= from && d.is(k-1, cInWord) && lastEnd == k-1 && len(out) > 0 {
			prev := out[len(out)-1]
			if p.Kind == claim.KindCountry || p.Kind == claim.KindRegion {
				return
			}
			if prev.Kind != claim.KindCrossing && prev.Kind != claim.KindBorder && p.Kind != claim.KindProvince {
				return
			}
		}
		// "cities such as Hamedan", "including Tehran": the container goes.
		// (Only when the place added is what "including" lists: "from Sawa
		// camp including cadets … to Tigray" keeps Sawa.)
		if including >= 0 && lastEnd >= 0 && lastEnd <= including && including-lastEnd < 8 && k-including <= 4 && len(out) > 0 {
			last := out[len(out)-1]
			if last.Kind == claim.KindCountry || last.Kind == claim.KindRegion {
				out = out[:len(out)-1]
			}
			including = -1
		}
		// "taken to Gaziantep to fly to Baku": the destination before a
		// further leg is a stage of the journey.
		if onward && p.Role == claim.RoleDestination {
			for j := range out {
				if out[j].Role == claim.RoleDestination {
					out[j].Role = claim.RoleVia
				}
			}
			onward = false
		}
		if partIn && (p.Role == claim.RoleLocation || p.Role == claim.RoleDestination) {
			partLocs = append(partLocs, len(out))
		}
		out = append(out, p)
		lastEnd = end
	}
	appos := false // inside ", a part of Ukraine …" after a place
	for k := from; k < to; k++ {
		t := d.toks[k]
		// "Crimea, a part of Ukraine annexed by Russia, …", "Karabakh, a
		// breakaway region inside Azerbaijan …": an indefinite apposition
		// after a place describes that place; the places it names are no
		// places of the claim. It runs to the next comma, relative clauses
		// included (", a region of Sudan that borders Chad,").
		if appos {
			if d.isComma(k) {
				appos = false
			} else if m, ok := d.mentionAt(k); ok && m.ti == k {
				k = m.tj - 1
			}
			continue
		}
		// "the Tavush/Tovuz borderline": one place under both sides' names.
		if d.punct(k, '/') && lastEnd == k && len(out) > 0 && k+1 < to && d.toks[k].s == d.toks[k-1].e && d.toks[k+1].s == d.toks[k].e && d.toks[k+1].cap {
			e := k + 1
			if m, ok := d.mentionAt(e); ok && m.ti == e && m.kind == knowledge.PlaceMatch {
				e = m.tj
			} else {
				for e < to && e < k+4 && d.toks[e].kind == tWord && d.toks[e].cap && d.nameLike(e) && d.mAt[e] < 0 {
					e++
				}
			}
			if e > k+1 && e <= to {
				last := &out[len(out)-1]
				last.Name += "/" + d.text[d.toks[k+1].s:d.toks[e-1].e]
				last.PackID = ""
				last.Span = claim.Span{Start: last.Span.Start, End: d.toks[e-1].e, Text: d.text[last.Span.Start:d.toks[e-1].e]}
				lastEnd = e
				k = e - 1
				continue
			}
		}
		if d.isComma(k) && lastEnd == k && len(out) > 0 && k+1 < to && d.is(k+1, cAWord) {
			appos = true
			continue
		}
		// "being transported to the Caucasus caused concern for Russia": a
		// verb right after the place starts a new predicate; the places it
		// names without a place preposition are none of the claim's.
		// (A verb of the journey goes on with it: "troops from Sudan
		// entered Darfur".)
		if _, trig := d.trig(k); k == lastEnd && t.kind == tWord && !t.cap && strings.HasSuffix(d.w(k), "ed") && !trig && !d.is(k, cObjectVerb) && !d.is(k, cArrivalVerb) && !d.is(k, cPlacePrep) && d.mAt[k] < 0 {
			role, skip = "", true
			continue
		}
		// "from countries other than Syria", "every state except Iran":
		// the places excluded are none of the claim's.
		if e := d.phraseAt(d.g.excludePlace, k, to); e > k {
			skip = true
			k = e - 1
			continue
		}
		// "transferred to the frontline": the place of the text's war.
		// ("the front in Ethiopia" names its own place.)
		if e := d.phraseAt(d.g.frontLine, k, to); e > k && !t.cap && k > from && d.is(k-1, cTheWord) && role != "" && !skip && st.conflict.Name != "" && !(e < to && (d.is(e, cOfWord) || d.placeRoleIs(e, claim.RoleLocation))) {
			p := st.conflict
			p.Span = d.span(k-1, e)
			add(p, k-1, e)
			k = e - 1
			continue
		}
		// "refugees fleeing El Fasher", "had left Bakhmut": the place left
		// is where they come from.
		if e := d.phraseAt(d.g.leaveVerb, k, to); e > k && !t.cap {
			role, skip, roleAt = claim.RoleOrigin, false, k
			left = true
			continue
		}
		// "left Bangui for Bamako", "fled for Chad": where they left for.
		if left && t.kind == tWord && d.is(k, cDestPrep) && !d.is(k, cPlacePrep) {
			role, skip, roleAt, left = claim.RoleDestination, false, k, false
			continue
		}
		if t.kind == tWord && !d.known(k) && !t.cap && d.mAt[k] < 0 {
			continue
		}
		// "passed through Gaziantep en route for Azerbaijan", "via
		// Istanbul, bound for Baku": the journey's end, whatever role the
		// places before it had.
		if t.kind == tWord && d.is(k, cOnward) && len(out) > 0 && out[len(out)-1].Role == claim.RoleDestination {
			onward = true
		}
		if k == conflictAt {
			role, skip, roleAt = conflictRole, false, k
			continue
		}
		if t.kind == tWord && d.is(k, cConflictNoun) {
			for j := k + 1; j < to && j <= k+3; j++ {
				if d.is(j, cConflictPrep) {
					conflictAt, conflictRole = j, claim.RoleLocation
					if role == claim.RoleDestination && d.is(j, cInWord) {
						conflictRole = role
					}
					break
				}
				if d.toks[j].kind != tWord || d.is(j, cClauseBreak) {
					break
				}
			}
		}
		if t.kind == tWord && d.is(k, cDestLead) && k+1 < to && d.is(k+1, cDestPrep) {
			role, skip, transit = claim.RoleDestination, false, false
			k++
			continue
		}
		if t.kind == tWord {
			if r, ok := d.placeRoleAt(k); ok && !t.cap {
				// "sent to camps in Libya", "taken to hospitals in
				// Eritrea", "fighters from bases in Idlib": a place that
				// only says where the noun of a journey's end or start is
				// keeps that role.
				// Only a movement has such ends: a summons to "a camp in
				// Afrin" or shots "into the crowds in Mashhad" happen where
				// the camp and the crowds are.
				if r == claim.RoleLocation && movement(action) && d.is(k, cInWord) && d.nounOfRole(role, roleAt, lastEnd, k) {
					r = role
				}
				if r == claim.RoleLocation && d.is(k, cInWord) && k > from && d.pastParticiple(k-1) {
					partIn = true
				} else if r != claim.RoleLocation {
					partIn = false
				}
				// "are first sent to Kilis, where they change uniforms":
				// the first stage of a journey is passed through.
				if r == claim.RoleDestination && d.firstStage(k, from) {
					r = claim.RoleVia
				}
				// "journalists on a trip to Tigray saw …": a visit's end
				// is where the visitors were.
				if pv := k - 1; r == claim.RoleDestination && pv >= from && d.phraseAt(d.g.visitNoun, pv, k) > pv {
					r = claim.RoleLocation
				}
				role, skip, roleAt = r, false, k
				if r == claim.RoleLocation && (d.is(k, cInWord) || d.is(k, cIntroAt)) {
					if pv := d.prevWord(k, from); pv >= from && d.is(pv, cArrivalVerb) {
						role = claim.RoleDestination
					}
				}
				// "on the ground in Crimea", "were in the region": where a
				// deployed force is, is where it went, and so where a
				// denial or a confirmation says it is or is not ("denied
				// that Eritrean troops were in Tigray"). ("joined units in
				// Ilam" stays a location: the units are there, not sent.)
				if r == claim.RoleLocation && role == r && (action == claim.ActionDeploy || action == claim.ActionAttempt || (action == claim.ActionDeny || action == claim.ActionConfirm) && d.hasForceNoun(from, k)) {
					pv := k - 1
					for pv >= from && (d.is(pv, cAdverb) || d.toks[pv].kind == tPunct && (isOpenQuote(runeAt(d, pv)) || isCloseQuote(runeAt(d, pv)))) {
						pv--
					}
					// "his troops in Somalia were tracking down …": a
					// deployed force, the subject, is where it went ("joined
					// Basij units in Ilam": the units, an object, are there).
					if pv >= from && (d.is(pv, cPresenceWord) || d.is(pv, cBe) || action == claim.ActionDeploy && d.is(pv, cForceHead) && !d.toks[pv].cap && !d.verbBefore(from, pv)) {
						role = claim.RoleDestination
						d.placeRules = append(d.placeRules, rulePlacePresence)
					}
				}
				// "fighters from rebel groups in northern Syria": the place
				// locates where they come from.
				if r == claim.RoleLocation && fromAt >= 0 && (action == claim.ActionDeploy || action == claim.ActionAttempt || action == claim.ActionTransport) && lastEnd <= fromAt && k-fromAt <= 5 && !d.hasClass(fromAt, k, cBe) && !d.hasClass(fromAt, k, cAuxiliary) {
					role = claim.RoleOrigin
				}
				fromAt = -1
				if r == claim.RoleOrigin {
					fromAt = k
				}
				continue
			}
			if d.is(k, cOutWord) && d.is(k+1, cOfWord) {
				role, skip = claim.RoleOrigin, false
				k++
				continue
			}
			if d.is(k, cMetonymy) {
				skip = true
				if d.is(k+1, cMetonymyPrep) {
					k++
				}
				continue
			}
			if d.is(k, cIncluding) || d.is(k, cSuchWord) && d.is(k+1, cAsWord) {
				including = k
				continue
			}
			if d.is(k, cObjectVerb) {
				role, skip = claim.RoleDestination, false
				continue
			}
			if d.is(k, cClauseBreak) {
				role, skip = "", false
				continue
			}
			if d.is(k, cAuxiliary) || d.is(k, cReportVerb) && !t.cap {
				role, skip = "", false
				continue
			}
		}
		if skip {
			if m, ok := d.mentionAt(k); ok && m.ti == k {
				k = m.tj - 1
			}
			continue
		}
		// Borders and routes start at a place name (or a hyphenated pair),
		// regions at a compass word: the cheap test first.
		named := d.mAt[k] >= 0 || t.hyph
		// "the Iran-Iraq border", "the Iran–Iraq border".
		if !named {
		} else if p, end, ok := x.borderAt(d, k, to); ok {
			add(p, k, end)
			k = end - 1
			continue
		}
		// "the Najaf–Mashhad route".
		if !named {
		} else if a, b, end, ok := x.routeAt(d, k, to); ok {
			a.Role, b.Role = claim.RoleOrigin, claim.RoleDestination
			out = append(out, a, b)
			lastEnd = end
			k = end - 1
			continue
		}
		// "western Iran", "western and northwestern parts of Iran".
		if !d.is(k, cDirection) {
		} else if p, end, ok := x.regionAt(d, k, to); ok {
			add(p, k, end)
			k = end - 1
			continue
		}
		// "in Tigray's north", "into the north of Syria": that part of
		// the place.
		if p, end, ok := x.compassPartAt(d, k, to); ok {
			add(p, k, end)
			k = end - 1
			continue
		}
		if m, ok := d.mentionAt(k); ok && m.ti == k {
			// "US military", "Iraqi Kurdistan's": a place used as a modifier is not a place of the claim.
			modifier := d.is(m.tj, cForceHead) && !d.capAt(m.tj) || role == "" && d.isSubject(m) || d.speakerPlace(k, from)
			// "Mashhad's Hashemi Nejad airport": a place's own facility places it.
			possFacility := d.toks[m.tj-1].poss && d.facilityAfter(m.tj, to)
			if m.kind == knowledge.PlaceMatch && !m.compound && (!d.toks[m.tj-1].poss || possFacility) && m.tj <= to && !modifier {
				if p, ok := x.placeOf(d, m); ok {
					add(p, k, m.tj)
				}
			}
			// "from Najaf airport": the city the airport serves, placed at the airport.
			if m.kind == knowledge.AirportMatch && !m.compound && m.tj <= to && !modifier {
				if p, ok := x.airportPlace(d, m); ok {
					add(p, k, m.tj)
				}
			}
			k = m.tj - 1
			continue
		}
		// "crossed into Ethiopian territory", "on Malian soil": the
		// demonym's country.
		if dm, ok := d.demonymAt(k); ok && dm.ti == k && role != "" && dm.iso != "" && dm.people == "" && d.phraseAt(d.g.nationalGround, dm.tj, to) > dm.tj && !d.is(d.phraseAt(d.g.nationalGround, dm.tj, to), cOfWord) && x.pack != nil {
			if kp, ok := x.pack.Country(dm.iso); ok {
				add(claim.Place{Name: kp.Name, Kind: kp.Kind, Country: kp.Country, Lat: kp.Lat, Lon: kp.Lon, HasCoord: kp.Lat != 0 || kp.Lon != 0,
					Precision: kp.Precision, PackID: kp.ID, Span: d.span(k, dm.tj+1)}, k, dm.tj+1)
				k = dm.tj
				continue
			}
		}
		// "the region": the region of the text's war, else the region the
		// text named last ("services in the Middle East … mercenaries in
		// the region" of a text about the war in Karabakh).
		warRegion := st.conflict.Kind == claim.KindRegion || st.conflict.Kind == claim.KindProvince
		if d.is(k, cRegionWord) && k > from && d.is(k-1, cTheWord) && !d.is(k+1, cOfWord) && (st.lastRegion.Name != "" || warRegion) && role != "" {
			p := st.lastRegion
			if warRegion {
				p = st.conflict
			}
			p.Span = d.span(k-1, k+1)
			add(p, k-1, k+1)
			continue
		}
		if d.is(k, cCountryWord) && k > from && d.is(k-1, cTheWord) && st.lastCountry != "" {
			p := st.countryInfo[st.lastCountry]
			p.Span = d.span(k-1, k+1)
			add(p, k-1, k+1)
			continue
		}
		// An unknown proper name after a place preposition: "to West
		// Asia", "in Crimea", "into Tigray", "via the Lachin corridor".
		// Places no pack knows are the rule in news of a new region.
		if t.cap && role != "" && k > from && x.pack != nil && (x.unknownPlaceStart(d, k, from) || d.listNext(k, from, lastEnd)) && !d.speakerPlace(k, from) {
			// An item of a list of places is a name whatever its ending.
			listed := d.listNext(k, from, lastEnd)
			e := k
			// A people's name with no noun after it for it to qualify is
			// the people's land: "moved to Amhara", "fled into Oromia".
			people := false
			if dm, ok := d.demonymAt(k); ok && dm.ti == k && dm.tj == k+1 && dm.people != "" && d.nounless(k+1, to) {
				e, people = k+1, true
			}
			for !people && e < to && e < k+3 && d.toks[e].kind == tWord && d.toks[e].cap {
				if _, ok := d.mentionAt(e); ok {
					break
				}
				if _, ok := d.demonymAt(e); ok || d.is(e, cMonth) || d.is(e, cWeekday) || d.is(e, cTitle) {
					break
				}
				// "Mocimboa da Praia", "Ras al Ain": a particle inside a name.
				if e+1 < to && !d.toks[e+1].cap && d.is(e+1, cNameParticle) && e+2 < to && d.toks[e+2].kind == tWord && d.toks[e+2].cap && d.nameLike(e+2) {
					e += 2
				}
				e++
			}
			// A word ending like a demonym ("Benghazi", "Kigali") is a name
			// when it is a run of one and no noun follows it for it to
			// qualify: "flown to Benghazi in May", "sent to Bengazi.".
			guessed := people || d.nationality(k) && !d.knownNationality(k) && e == k+1 && d.nounless(e, to)
			if e > k && (e >= to || !d.toks[e].cap) && (!d.nationality(k) || guessed || listed) && d.toks[e-1].kind == tWord && !d.toks[e-1].poss {
				add(claim.Place{Name: d.text[t.s:d.toks[e-1].e], Kind: claim.KindRegion, Span: d.span(k, e)}, k, e)
				k = e - 1
			}
		}
	}
	for _, i := range partLocs {
		for j := i + 1; j < len(out); j++ {
			if out[j].Role == claim.RoleDestination && !slices.Contains(partLocs, j) {
				out[i].Role = claim.RoleOrigin
				break
			}
		}
	}
	// A vague region that only situates other places ("border points in
	// southern Iraq") is not a place of the claim.
	if len(out) > 1 {
		keep := out[:0]
		for _, p := range out {
			if p.Kind == claim.KindRegion && p.Role == claim.RoleLocation && d.g.wordIs(strings.ToLower(strings.Fields(p.Name)[0]), cDirection) {
				continue
			}
			keep = append(keep, p)
		}
		out = keep
	}
	d.placeBuf = out[:0]
	if len(out) == 0 {
		return nil
	}
	return slices.Clone(out)
}

// placeRoleAt returns the role a place preposition at k gives.
func (d *doc) placeRoleAt(k int) (claim.PlaceRole, bool) {
	if k > 0 && d.toks[k-1].kind == tWord && slices.Contains(d.g.placeRole2Last, d.w(k)) {
		if r, ok := d.g.placeRole2[[2]string{d.w(k - 1), d.w(k)}]; ok {
			return r, true
		}
	}
	if !d.is(k, cPlacePrep) {
		return "", false
	}
	r, ok := d.g.placeRole[d.w(k)]
	return r, ok
}

// compassPartAt reads a compass part of a known place at k: "Syria's
// north" or "the north of Syria" (northern Syria), "Tigray's north".
func (x *Extractor) compassPartAt(d *doc, k, to int) (claim.Place, int, bool) {
	// (The cheap token tests come before the table's look-up.)
	if d.toks[k].kind != tWord || d.toks[k].cap || k == 0 || !d.is(k-1, cTheWord) || !d.is(k+1, cOfWord) {
		// not "the north of …"
	} else if adj, ok := d.g.compassPart[d.w(k)]; ok {
		m, ok := d.mentionAt(k + 2)
		if !ok || m.ti != k+2 || m.kind != knowledge.PlaceMatch || m.compound || m.tj > to || d.toks[m.tj-1].poss {
			return claim.Place{}, 0, false
		}
		p, ok := x.placeOf(d, m)
		if !ok {
			return claim.Place{}, 0, false
		}
		return compassRegion(d, p, adj, k, m.tj), m.tj, true
	}
	mm, ok := d.mentionAt(k)
	if !ok || mm.ti != k || mm.kind != knowledge.PlaceMatch || mm.compound || !d.toks[mm.tj-1].poss || mm.tj >= to {
		return claim.Place{}, 0, false
	}
	adj, ok := d.g.compassPart[d.w(mm.tj)]
	if !ok || d.toks[mm.tj].cap {
		return claim.Place{}, 0, false
	}
	p, ok := x.placeOf(d, mm)
	if !ok {
		return claim.Place{}, 0, false
	}
	return compassRegion(d, p, adj, k, mm.tj+1), mm.tj + 1, true
}

// compassRegion is the part of p a compass word names. A country's part is
// a region of its own, named as regionAt names "western Iran"; a region's
// or a town's part is the place itself, as "the western Darfur region" is
// Darfur.
func compassRegion(d *doc, p claim.Place, adj string, k, end int) claim.Place {
	p.Span = d.span(k, end)
	if p.Kind != claim.KindCountry {
		return p
	}
	p.Name = adj + " " + p.Name
	p.Kind, p.PackID, p.Precision = claim.KindRegion, "", claim.PlaceRegion
	return p
}

// placeRoleIs reports a place preposition at k that gives role r.
func (d *doc) placeRoleIs(k int, r claim.PlaceRole) bool {
	got, ok := d.placeRoleAt(k)
	return ok && got == r
}

// distanceRef reports a place at k named only as the point a distance is
// measured from: "some 500 km (310 miles) south of Mogadishu", "30 miles
// north of Goma".
func (d *doc) distanceRef(k, from int) bool {
	if k-2 < from || !d.is(k-1, cOfWord) || !d.is(k-2, cSettlementNoun) {
		return false
	}
	for j := k - 3; j >= from && j >= k-9; j-- {
		if d.is(j, cDistanceUnit) {
			return true
		}
	}
	return false
}

// unknownPlaceStart reports whether the capitalised token k, which no pack
// knows, may start a place name: it follows a place preposition (or one and
// "the"), and it is no word the language pack gives another part.
func (x *Extractor) unknownPlaceStart(d *doc, k, from int) bool {
	p := k - 1
	// "into Ethiopia’s Tigray": the country that holds the place names it.
	if p > from && d.toks[p].poss {
		if m, ok := d.mentionAt(p); ok && m.kind == knowledge.PlaceMatch && m.ti > from {
			p = m.ti - 1
		}
	}
	if p > from && d.is(p, cTheWord) {
		p--
	}
	// "to the port of Kismayo", "to the Turkish border town of Kilis": a
	// noun naming the kind of place, and its modifiers, stand between the
	// preposition and the name.
	// "through three northern border towns: Zalambessa, …": the list
	// the noun announces.
	if p > from+1 && (d.is(p, cOfWord) || d.punct(p, ':')) && d.is(p-1, cSettlementNoun) {
		q := p - 2
		for q > from && q > p-6 && (d.is(q, cPlacePhrase) || d.toks[q].kind == tNum || d.is(q, cNumberSpelled) || d.toks[q].cap && d.nationality(q)) && !d.is(q, cPlacePrep) {
			q--
		}
		if d.is(q, cPlacePrep) {
			p = q
		}
	}
	// "into Tigray", and "entered Tigray": a verb that takes its
	// destination as object stands for the preposition.
	if p < from || d.toks[p].cap {
		return false
	}
	if _, ok := d.placeRoleAt(p); !ok && !d.is(p, cPlacePrep) && !d.is(p, cObjectVerb) && d.phraseAt(d.g.leaveVerb, p, p+1) <= p {
		return false
	}
	if _, ok := d.mentionAt(k); ok {
		return false
	}
	// A known word capitalised ("In", "The", "President") is no name. One
	// known only by a demonym's ending ("Benghazi") may be: the caller
	// reads what follows it.
	return d.nameLike(k)
}

// nameLike reports a word the language pack does not know, or knows only
// by a demonym's ending ("Benghazi", "Kornoi"): it may be a name.
func (d *doc) nameLike(k int) bool {
	return !d.known(k) || d.lx[k] == &noEntry && d.is(k, cDemonymEnding)
}

// pastParticiple reports a verb's past participle at i ("wounded",
// "stationed", "trained").
func (d *doc) pastParticiple(i int) bool {
	if d.toks[i].kind != tWord || d.toks[i].cap {
		return false
	}
	if t, ok := d.trig(i); ok {
		return t.form == fVBN || t.form == fPast
	}
	if e := d.lx[i]; e != nil {
		for _, s := range e.Senses {
			if s.Form == lang.FormPart {
				return true
			}
		}
	}
	return false
}

// verbBefore reports a verb in [from, k): the noun at k is its object.
func (d *doc) verbBefore(from, k int) bool {
	for j := from; j < k; j++ {
		if t, ok := d.trig(j); ok && t.form != fNoun {
			return true
		}
	}
	return false
}

// firstStage reports "first" or "initially" in the few words before the
// preposition at k ("were first sent to", "initially travelled to").
func (d *doc) firstStage(k, from int) bool {
	for j := k - 1; j >= from && j >= k-3; j-- {
		if d.phraseAt(d.g.firstStage, j, k) > j {
			return true
		}
		if d.toks[j].kind != tWord {
			return false
		}
	}
	return false
}

// movement reports an action that moves forces or goods somewhere, or
// denies or confirms that it did.
func movement(a claim.Action) bool {
	switch a {
	case claim.ActionDeploy, claim.ActionAttempt, claim.ActionTransport, claim.ActionDeny, claim.ActionConfirm:
		return true
	}
	return false
}

// nounOfRole reports the tokens (roleAt, k) as a short common noun phrase
// with no place in it after the preposition at roleAt that gave role
// destination or origin: "to various hospitals", "from training camps".
func (d *doc) nounOfRole(role claim.PlaceRole, roleAt, lastEnd, k int) bool {
	if role != claim.RoleDestination && role != claim.RoleOrigin || roleAt < 0 || k-roleAt < 2 || k-roleAt > 5 || lastEnd > roleAt {
		return false
	}
	noun := false
	for j := roleAt + 1; j < k; j++ {
		t := d.toks[j]
		if t.kind != tWord || t.cap || d.mAt[j] >= 0 || d.is(j, cAuxiliary) || d.is(j, cBe) || d.is(j, cClauseBreak) || d.is(j, cPlacePrep) {
			return false
		}
		if tr, ok := d.trig(j); ok && tr.form != fNoun {
			return false
		}
		noun = true
	}
	return noun
}

// nounless reports that the token at e cannot be a noun a modifier before
// it qualifies: the end, punctuation, a place preposition, "and", a clause
// break.
func (d *doc) nounless(e, to int) bool {
	return e >= to || d.toks[e].kind == tPunct || d.is(e, cPlacePrep) || d.is(e, cAndOr) || d.is(e, cClauseBreak)
}

// listNext reports an unknown capitalised name k that continues a list of
// places just read: "sent to Bengazi and Misrata", "through the Humera –
// Omhajer, Rama – Enda Gergis routes", "towns: Zalambessa, Rama and
// Badme". It takes the role of the place before it.
func (d *doc) listNext(k, from, lastEnd int) bool {
	p := k - 1
	if p <= from || lastEnd < 0 || !d.nameLike(k) {
		return false
	}
	if _, ok := d.mentionAt(k); ok {
		return false
	}
	if d.is(p, cAndOr) && p-1 > from && d.isComma(p-1) {
		p-- // ", and"
	}
	if lastEnd != p {
		return false
	}
	if d.is(p, cAndOr) || d.isDash(p) || d.punct(p, '/') {
		return true
	}
	// After a comma the name may be an apposition ("two brothers living
	// in Azaz, Muhammad and Mahmoud"): only a list the text says is one of
	// places goes on, one after "towns:" or before "routes".
	if !d.isComma(p) {
		return false
	}
	for j := p - 1; j > from && j > p-12; j-- {
		if d.punct(j, ':') {
			return j > from && d.is(j-1, cSettlementNoun)
		}
		if d.toks[j].kind == tPunct && !d.isComma(j) && !d.isDash(j) {
			break
		}
	}
	for j := k + 1; j < len(d.toks) && j < k+12; j++ {
		if d.phraseAt(d.g.placeList, j, len(d.toks)) > j {
			return true
		}
		if d.toks[j].kind == tPunct && !d.isComma(j) && !d.isDash(j) || d.is(j, cClauseBreak) {
			break
		}
	}
	return false
}

// isSubject reports a place that opens its clause and is followed by a
// verb: "The United States condemns …", "Iran has denied …". It stands for
// a government, not a location.
func (d *doc) isSubject(m mention) bool {
	if d.toks[m.tj-1].poss {
		return false // "Ankara's soldiers"
	}
	k := m.ti - 1
	if k >= 0 && d.is(k, cTheWord) {
		k--
	}
	// "Ankara and Baku both denied": the first of coordinated places opens
	// the clause.
	coordinated := false
	for k > 0 && d.is(k, cAndWord) {
		pm, ok := d.mentionAt(k - 1)
		if !ok || pm.kind != knowledge.PlaceMatch {
			break
		}
		k, coordinated = pm.ti-1, true
		if k >= 0 && d.is(k, cTheWord) {
			k--
		}
	}
	// It opens a clause: after punctuation, "that", a relative pronoun or a
	// reporting verb ("said Turkey had sent", "which Ankara denied").
	if k >= 0 && !(d.toks[k].kind == tPunct || d.is(k, cThatWord) || d.is(k, cRelative) || d.is(k, cReportVerb) || d.is(k, cSaying)) {
		return false
	}
	n := m.tj
	for n+1 < len(d.toks) && d.is(n, cAndWord) {
		pm, ok := d.mentionAt(n + 1)
		if !ok || pm.ti != n+1 || pm.kind != knowledge.PlaceMatch {
			break
		}
		n, coordinated = pm.tj, true
	}
	for n < len(d.toks) && d.is(n, cAdverb) {
		n++
	}
	// Coordinated places that act speak ("Ankara and Baku both denied");
	// "Ilam and Kermanshah were used as transit points" are places.
	if coordinated {
		// "Armenia and Azerbaijan clashed": a finite trigger right after
		// them is theirs.
		if t, ok := d.trig(n); ok && n < len(d.toks) && (t.form == fPast || t.form == f3sg) && !d.toks[n].cap {
			return true
		}
		for n < len(d.toks) && (d.is(n, cAuxiliary) || d.is(n, cAdverb)) {
			n++
		}
		return n < len(d.toks) && d.is(n, cReportVerb)
	}
	if n >= len(d.toks) || d.toks[n].kind != tWord || d.toks[n].cap {
		return false
	}
	// "accused Eritrea of sending soldiers": the accused does what the
	// gerund says.
	if k >= 0 && d.is(k, cAccuseVerb) && d.is(n, cOfWord) && d.participle(n+1) {
		return true
	}
	if t, ok := d.trig(n); ok && t.form != fNoun && t.form != fVBG {
		return true
	}
	// "US troops", "US commandos": a force noun ending like a verb names
	// the country's forces; the country does not act.
	if d.is(n, cForceHead) || d.unitNoun(n) {
		return false
	}
	return d.is(n, cAuxiliary) || d.is(n, cModal) || d.is(n, cReportVerb) || d.is(n, cFiniteEnding)
}

// countryAt returns the country mentioned at token k, if any.
func (x *Extractor) countryAt(d *doc, k int) (claim.Place, mention, bool) {
	m, ok := d.mentionAt(k)
	if !ok || m.ti != k || m.kind != knowledge.PlaceMatch {
		return claim.Place{}, mention{}, false
	}
	p, ok := x.placeOf(d, m)
	if !ok || p.Kind != claim.KindCountry {
		return claim.Place{}, mention{}, false
	}
	return p, m, true
}

// borderAt reads "Iran-Iraq border" (one hyphenated token or two names
// around a dash) at k.
func (x *Extractor) borderAt(d *doc, k, to int) (claim.Place, int, bool) {
	if x.pack == nil {
		return claim.Place{}, 0, false
	}
	t := d.toks[k]
	if t.kind == tWord && t.hyph && d.is(k+1, cBorderWord) && k+1 < to {
		parts := strings.FieldsFunc(d.raw(k), func(r rune) bool { return isHyphen(r) || r == '–' })
		if len(parts) == 2 {
			a, b := x.pack.LookupPlace(parts[0]), x.pack.LookupPlace(parts[1])
			if len(a) > 0 && len(b) > 0 && a[0].Kind == claim.KindCountry && b[0].Kind == claim.KindCountry {
				return x.borderPlace(d, a[0].Name, b[0].Name, k, k+2), k + 2, true
			}
		}
	}
	if k+3 < to && d.isDash(k+1) && d.is(k+3, cBorderWord) {
		if a, _, ok := x.countryAt(d, k); ok {
			if b, _, ok := x.countryAt(d, k+2); ok {
				return x.borderPlace(d, a.Name, b.Name, k, k+4), k + 4, true
			}
		}
	}
	return claim.Place{}, 0, false
}

func (x *Extractor) borderPlace(d *doc, an, bn string, k, end int) claim.Place {
	name := an + "-" + bn + " border"
	p := claim.Place{Name: name, Kind: claim.KindBorder, Precision: claim.PlaceRegion, Span: d.span(k, end)}
	if qs := x.pack.LookupPlace(name); len(qs) > 0 && qs[0].Kind == claim.KindBorder {
		q := qs[0]
		p.PackID, p.Lat, p.Lon, p.HasCoord, p.Precision = q.ID, q.Lat, q.Lon, true, q.Precision
	}
	return p
}

// routeAt reads "Najaf–Mashhad route" at k.
func (x *Extractor) routeAt(d *doc, k, to int) (claim.Place, claim.Place, int, bool) {
	m1, ok := d.mentionAt(k)
	if !ok || m1.ti != k || m1.kind != knowledge.PlaceMatch {
		return claim.Place{}, claim.Place{}, 0, false
	}
	j := m1.tj
	if j < to && d.isDash(j) {
		j++
	}
	m2, ok := d.mentionAt(j)
	if !ok || m2.ti != j || m2.kind != knowledge.PlaceMatch || m2.tj >= to {
		return claim.Place{}, claim.Place{}, 0, false
	}
	if !d.is(m2.tj, cRouteWord) {
		return claim.Place{}, claim.Place{}, 0, false
	}
	if j == m1.tj && !m1.compound {
		return claim.Place{}, claim.Place{}, 0, false
	}
	a, ok1 := x.placeOf(d, m1)
	b, ok2 := x.placeOf(d, m2)
	if !ok1 || !ok2 {
		return claim.Place{}, claim.Place{}, 0, false
	}
	return a, b, m2.tj + 1, true
}

// regionAt reads a compass region of a country at k: "western Iran",
// "western and northwestern parts of Iran".
func (x *Extractor) regionAt(d *doc, k, to int) (claim.Place, int, bool) {
	if !d.is(k, cDirection) {
		return claim.Place{}, 0, false
	}
	var dirs []string
	j := k
	for j < to {
		if d.is(j, cDirection) {
			dirs = append(dirs, d.w(j))
			j++
			continue
		}
		if (d.is(j, cAndOr) || d.isComma(j)) && j+1 < to && d.is(j+1, cDirection) {
			j++
			continue
		}
		break
	}
	if j < to && d.is(j, cRegionNoun) && d.is(j+1, cOfWord) {
		j += 2
		if d.is(j, cTheWord) {
			j++
		}
	}
	c, m, ok := x.countryAt(d, j)
	if !ok || d.toks[m.tj-1].poss {
		return claim.Place{}, 0, false
	}
	// The region keeps the text's words: "western and northwestern Iran".
	name := d.text[d.toks[k].s:d.toks[max(k, j-1)].e]
	if j > k && (d.is(j-1, cOfWord) || d.is(j-1, cTheWord)) {
		q := j
		for q > k && (d.is(q-1, cOfWord) || d.is(q-1, cTheWord) || d.is(q-1, cRegionNoun)) {
			q--
		}
		name = d.text[d.toks[k].s:d.toks[q-1].e]
	}
	_ = dirs
	c.Name = name + " " + c.Name
	c.Kind = claim.KindRegion
	c.PackID = ""
	c.Precision = claim.PlaceRegion
	c.Span = d.span(k, m.tj)
	return c, m.tj, true
}

// speakerPlace reports a place at k where someone spoke ("said in Addis
// Ababa that …", "told Reuters in Ankara"): the speaker's location, not
// the event's.
func (d *doc) speakerPlace(k, from int) bool {
	p := k - 1
	if p > from && d.is(p, cTheWord) {
		p--
	}
	// The speaker's verb may sit just before the content's range.
	if p < from || p < 1 || !d.is(p, cInWord) {
		return false
	}
	q := p - 1
	if d.is(q, cReportVerb) && !d.toks[q].cap {
		return true
	}
	return q >= 1 && d.toks[q].cap && d.is(q-1, cReportVerb) && !d.toks[q-1].cap
}
