// Package fuse turns claims into events: it groups claims about one
// happening, reconciles their figures, lists their contradictions and
// counts their independent origins. It reads only the claims' structured
// fields (action, actors and affiliations, places, times, quantities,
// attribution chains), never word overlap: paraphrases of one strike share
// few words, while "800 via Diyala" and "5,000 via Shaib" share many.
//
// # Grouping
//
// Actions fall into families: deploy and transport are one movement;
// suppress, kill and clash one violence; every other action is its own.
// Confirm, deny and no-comment have none: such a claim speaks of another
// happening and joins the event whose actors and places it shares most.
//
// Claims are taken in a fixed order (source id, offset, claim id). A claim
// joins the best-scoring earlier group of its family, scored over the whole
// group: 2 for each shared actor (by name, pack id or affiliation, so
// Kataib Hezbollah meets the Popular Mobilization Forces it belongs to), 1
// for each shared place in the same role, ½ in another role, 1 for a place
// within a country the group names in the same role (Tehran within Iran,
// both destinations), ½ for overlapping times. It joins only with a score of
// at least 1 (something beyond the family matched) and no conflict: time
// spans more than Options.TimeToleranceDays (3) apart, different destination
// countries for a movement, different towns for a one-place happening, or
// disjoint actors that the packs resolved on both sides. Groups that match
// as wholes are then merged, so the result does not depend on which claim
// came first. Each Member lists the fields that matched, with the claims
// they matched.
//
// # Event ids and pins
//
// An event's id is "ev-" and 10 hex digits of the SHA-256 of its seed, its
// earliest claim. Ids therefore survive re-runs and new sources (new
// sources sort after old ones). Ids are taken from a run that ignores pins,
// so moving a claim out of an event does not rename it. A pinned claim
// (an analyst's move) goes to its pinned event whatever the rules say; if
// no computed event has that id, an event is made under it. NewEventID
// names an event created by hand around one claim.
//
// # Origins and independence
//
// A claim's speakers are the leading links of its attribution chain, up to
// the first outlet or platform; the rest are relays. A named speaker (an
// outlet, agency, official body or person: "Reuters", "Iranian officials",
// "Flightradar24") is one origin wherever it appears. An unnamed speaker
// ("an Iraqi security source", "a senior official", "available data") is
// known only through the outlet that quoted it, so its origin is that first
// relay plus its description: "an Iraqi security source" cited by CNN is
// one origin in every outlet that repeats CNN. At one relay, unnamed
// speakers whose descriptions are compatible (one's words within the
// other's: "two Iraqi sources", "one source", "another source") are one
// origin: from outside, nobody can tell them apart. Origin.Speakers keeps
// what the text claims ("two Iraqi sources", or "one source" beside
// "another source": 2). Differently described speakers ("a European
// military source", "an Iraqi security source") are different origins, and
// data never merges with people.
//
// An origin spoken by an outlet that also relays other origins of the
// event ("CNN reported …" beside "an Iraqi security source cited by CNN")
// is an echo of them (Origin.EchoOf) and does not count.
//
// Event.Independent counts the supporting, non-echo origins; EchoCount counts
// their appearances, each origin once per document carrying it (directly or
// through an echo); Documents counts distinct source documents. Silence
// ("neither confirmed nor denied") is a stance of its own, never a denial.
//
// # Figures and contradictions
//
// Figures of one unit (folded, singular) and kind are reconciled into low,
// high, the conservative value (the lowest figure of a claim that is not
// itself denied, as ACLED codes fatalities), the median over origins (each
// origin's own median first; echoes left out) and every figure with its
// origin and scope. Nothing is picked: FigureSet.Why says why the range
// stays open.
//
// Two figures of different origins disagree when their ranges, widened by
// their qualifiers (around, close to: ±10 %; at least: open above; up to:
// open below), do not meet. The disagreement is a difference of scope,
// possibly both true, when the figures are tied to different places
// (crossings, provinces, cities: anything finer than a country) or to
// different windows, or when a scoped figure is below an unscoped one (a
// part of a total). It is a real contradiction when the scopes are the same,
// when a scoped part exceeds an unscoped figure, or when a count over a
// window exceeds the count over a window containing it. Different units of
// one family (protesters killed, killed) are subsets: different scope.
//
// Places named by different origins in the same role that share none are
// listed with both spans: a difference of scope for movements and flight
// traffic (several crossings, several routes) or when a claim names several
// places, a contradiction for one-place happenings. Non-overlapping time
// spans likewise. Every denial is listed against the first claim of each
// supporting origin.
package fuse
