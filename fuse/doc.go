// Package fuse turns claims into events: it groups claims about one
// happening, reconciles their figures, lists their contradictions and
// counts their independent origins. It reads the claims' structured fields
// (action, actors and affiliations, places, times, quantities, attribution
// chains), where each claim stands in its text, and, to find copies, the
// sources' words; never word overlap between claims: paraphrases of one
// strike share few words, while "800 via Diyala" and "5,000 via Shaib"
// share many.
//
// # Grouping
//
// One happening (who moved where, when) is one event, whatever each
// claim's action: entry, transport, role, affiliation, figures, denials,
// no-comment. A claim's actors are sorted (subject.go) into forces (the
// subject of a happening: troops, fighters, militias, intelligence
// services), parties (states, governments, officials, people) and others;
// a force is identified by its pack entry and umbrella, its nationality (a
// demonym or "from <country>" in its words, never a sponsor's "-backed"),
// or its words when they name more than a generic noun. Where a claim names
// forces of its theatre's own country beside foreign ones (Eritrean troops
// beside Ethiopia's army in Tigray), the foreign ones are its subject;
// where the only known forces are the theatre's own and the claim also
// names forces it cannot identify, outside a fight the unidentified ones
// are ("men in the uniform of Azerbaijan's border service"). A state's
// forces and an armed group of the same country share a country, not a
// side: their nationality does not tie them.
//
// Claims are taken in a fixed order (source id, offset, claim id). A claim
// joins the best-scoring earlier group it is tied to and does not conflict
// with; groups that match as wholes are then merged, so the result does not
// depend on which claim came first. Ties (match.go, weights there):
//   - a shared subject: pack id or umbrella, nationality, name; a claim of
//     another family than the event's own (a clash beside a deployment)
//     only through a force that the event's own claims are about (the
//     subject of a third of them at least), so the other side of a fight
//     the event tells of, or a force one claim names beside the event's
//     ("Armenian forces released footage of two Syrian men"), does not
//     bring in that side's own happenings;
//   - one speaker's account in one text (not an outlet's own narration,
//     which tells many stories, and not a stance, which may speak of several);
//   - the claim before it in its section, when it names no force or party
//     that claim does not (a heading, a new name, or forces after what only
//     states did start another story) and its places fit the event's; a
//     claim naming no actor at all continues it only when it passes on the
//     same outlet's report or tells the same kind of happening, neither a
//     movement nor a fight (a recruitment drive after recruits signing up),
//     or is a gap in the record, a remark on the story ("details remain
//     sketchy as to the number killed");
//   - for a stance naming no force ("which Ankara and Baku both denied",
//     "denied both reports"), the same speaker's stance before it, else the
//     claim before it that names an actor (a setting the writer put in
//     between, "where the president launched an offensive", is passed
//     over), else, where only a stance comes before it in its section, that
//     stance: a denial joins what it denies;
//   - forces known only by their class ("mercenaries"), or parties beside
//     forces, at a place the other names as where the happening is;
//   - one incident: a one-place happening in the same town on the same days;
//   - claims naming no actor at all: the same kind of happening at the
//     same place finer than a country, or in one country in one section.
//
// Places and times add to the score, never tie claims alone: claims about a
// different happening (the protests' own toll, a separate armed group) are
// not pulled in by a shared country or action family. Conflicts keep
// happenings apart: forces known on both sides with nothing in common,
// destinations in different countries for entries, different towns for
// one-place happenings, and time spans further apart than their slack.
//
// Time (context.go): a claim's own time span, else its source's
// publication date (the month before it, approximate); a stance's date
// bounds its happening from above the same way. Exact spans meet within
// Options.TimeToleranceDays (3), approximate ones within a month, so
// reports months or years apart join only through claims that bridge them.
// Each Member lists the fields that matched, with the claims they matched.
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
// Analysts' merges (Options.MergedEvents, Options.SameOrigins) are applied
// on every run as well: after grouping and pins, an event merged into
// another hands it all its claims (so claims of new sources that group
// into the merged-away event follow it); before anything reads origin keys,
// an origin merged into another takes that one's key, so grouping, figures
// and independence count them as one.
//
// # Origins and independence
//
// A claim's speakers are the leading links of its attribution chain, up to
// the first relay: an outlet, a platform, or a state medium carrying
// someone else's words. Speakers named side by side in the text ("a
// European military source and an Iraqi security source") are each a
// speaker; where one cites another ("intelligence reports" cited by a
// president, the Eritreans as Abiy quoted them) the one the relay quotes is
// the speaker, and what he cites is known only through him; where the text
// does not show which, the last alone counts. A named speaker (an outlet,
// agency, official body or person: "Reuters", "Iranian officials",
// "Flightradar24") is one origin wherever it appears. An unnamed speaker
// ("an Iraqi security source", "a senior official", "available data") is
// known only through the outlet that quoted it, so its origin is that first
// relay plus its description: "an Iraqi security source" cited by CNN is
// one origin in every outlet that repeats CNN. At one relay, unnamed
// speakers are one origin when one's words are within the other's, or when
// they are of one kind and nothing in their words sets them apart (no
// different nationality or sector): "two Syrian rebels", "a fighter from
// Jaish al-Nukhba" and "their brigade commanders" told to one outlet cannot
// be told apart from outside, so they count once. Origin.Speakers keeps
// what the text claims ("two Iraqi sources", or "one source" beside
// "another source": 2). Differently described speakers ("a European
// military source", "an Iraqi security source") are different origins, and
// data never merges with people.
//
// An origin spoken by an outlet that also relays other origins of the
// event ("CNN reported …" beside "an Iraqi security source cited by CNN")
// is an echo of them (Origin.EchoOf) and does not count.
//
// A source whose sentences largely reproduce an earlier source's (copy.go:
// near-duplicate sentences by word shingles, found with MinHash and LSH
// buckets) is an echo of it even when it names no source: it speaks with
// the original's voice, so its own narration and its unnamed sources are
// the original's origins. Event.Copies lists such sources ("copies X (N of
// its M sentences)"). A source's Signature is a pure function of its text.
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
// origin and scope. A figure is its first speaker's: one given by two
// speakers side by side is credited to each; one repeated by a relay that
// echoes several origins ("CNN reported nearly 5,000") goes to the one of
// them that gave it, qualifiers drifting ("close to", "nearly", "some",
// "as many as") or not, and stays the relay's, counted only when nothing
// else is, where none or several did. Nothing is picked: FigureSet.Why says
// why the range stays open.
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
