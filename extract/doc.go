// Package extract turns a source's text into attributed claims, each with
// the exact spans that support it. It is pure Go, deterministic and uses no
// network: the same text, publication date, outlet and knowledge pack give
// the same claims with the same IDs.
//
// # How a text is read
//
// The text is cut into paragraphs (line breaks) and sentences (careful with
// abbreviations, initials and quotes), and sentences into clauses at
// semicolons, colons, spaced dashes, and commas before a contrastive
// conjunction ("while", "although") or a participle (", raising …"); a
// clause with a subject and verb of its own is cut off too (", where the
// army attacked …", "… in July when Armenia and Azerbaijan clashed", "…
// after the federal government launched an offensive", "…, the sources
// reveal that …", "… and on Monday the Observatory said …"), and ", which
// Ankara and Baku both denied" is a denial claim of its own.
// Headlines, photo credits and "Also read" lines make no claims.
//
// In each clause the extractor strips introductory phrases ("However,",
// "In a statement released over the weekend,") and reads the attribution:
// "According to X, …", "X said (that) …", "X told Y that …", "Y cited X as
// saying …", "…, according to X", "…, X said", "…, Y reported", with the
// links inside a speaker phrase ("an Iraqi security source cited by CNN",
// "an assessment reviewed by CNN", "a source speaking to The Amargi") and
// the medium of a statement ("in a post on X"). Definite descriptions ("the
// sources", "The Iraqi security source", "the assessment") and surnames
// resolve to the speaker they refer back to, with that speaker's chain. A
// paragraph goes on with the last speaker it named; a paragraph that opens
// by pointing back ("The deployed forces …", "A similar pattern …")
// continues the previous paragraph's account. Every chain ends with the
// source's outlet.
//
// What remains is the clause's content. A trigger word decides whether it
// is a claim and which action; verbs outrank nouns, a noun after "after",
// "since" or "following" is background, an infinitive of purpose ("to
// support …") is not the claim, and a clause without a trigger either
// elaborates the previous claim (a colon list, a baseline, "though this has
// not been verified") or is dropped. The arguments come from the content:
//
//   - actors: knowledge-pack actors (canonical names), and armed groups or
//     authorities in the text's own words ("Iraqi armed groups", "neither
//     Iraqi nor Iranian officials" → two actors); "these forces", "the
//     fighters" and subjectless deployments inherit recent actors;
//   - places, resolved against the pack (coordinates where known), with the
//     role their preposition gives: into/to/toward → destination, from/out
//     of → origin, via/through → via, in/at/inside → location; entered X and
//     arriving in X → destination; crossings default to via, borders to
//     location; "the Najaf–Mashhad route", "western and northwestern parts of
//     Iran", "the Iran-Iraq border", "the country" are understood; containers
//     of listed places ("cities such as Hamedan") and places standing for a
//     government ("loyal to Tehran") are left out;
//   - time: dates and ranges resolved against the publication date, with
//     precision day, range, open ("since January 6", "has continued since",
//     "by January 11"), month or approximate ("nearly three weeks ago");
//   - quantities: value or range, qualifier as written, the unit counted
//     (with "per day" and "killed" where the text says so), and whether the
//     figure is a count, a baseline ("under normal conditions … usually
//     between four and five") or an increase ("increased by around two");
//   - modality: asserted, hedged (reportedly, claimed, allegedly, "according
//     to reports", "it is reported that"), unverified ("has not been
//     independently verified"), denied ("X denied that …", "X denied
//     reports that …", a negated verb: "we have not sent a single fighter")
//     or neither-confirmed-nor-denied.
//
// Times of the telling ("reported on Sunday that", "factions on Wednesday
// denied", "In a statement released over the weekend,") date the report and
// are kept out of the claim's time. A speaker phrase may be interrupted by a
// comma-set interjection ("Two officials, speaking on condition of
// anonymity, said" — then the speaker is anonymous; "The New York Times,
// citing two Iranian officials, reported" — then the officials come first
// in the chain).
//
// # Actions
//
// The action vocabulary is the closed set of claim.Actions, shared with the
// evaluation protocol. Trigger words map to it as follows:
//
//	deploy       entered, crossed, arrived, deployed, sent/dispatched/moved (to a place),
//	             travelled, transferred, repositioned, infiltrated, incursion, deployment;
//	             reached/came/passed through (with a place)
//	attempt      attempted/tried/sought to enter or cross; the attempted crossing
//	transport    transported, flown, airlifted, ferried, transit; a transfer by airline or domestic flight
//	flights      flights on routes, planes that travel or land
//	request      requested, request; asked … for help / to send
//	suppress     suppressed, suppression, crackdown, quelled, crushed, repression;
//	             fired/opened fire/shooting on or at protesters
//	kill         killed, died, deaths, casualties, injured, wounded, executed, gunned down
//	clash        clashes, firefights, attacks, airstrikes, shelling
//	warn         warned, warns, warning
//	affiliation  belong to, are loyal to / affiliated with / part of (a pack actor)
//	confirm      X confirmed <a noun phrase> (X confirmed that … is an attribution)
//	deny         X denied <a noun phrase> (X denied that … is a denied claim); X said
//	             the reports were false; X called the reports lies
//	no-comment   neither confirmed nor denied, declined to comment, has not commented
//	data-gap     blackout, shutdown, outage; "not possible to access … between …"
//
// A figure reported on its own ("one source placed the number of fighters at
// 2,000", the issue's report-count) takes the action of the claim it counts.
//
// # Evaluation
//
// GoldClaim is the one-claim-a-line JSON format of the evaluation protocol
// and of `triangulate claims --json`; ToGold converts a claim to it, ReadGold
// reads a gold file and Score computes detection precision, recall and F1
// and the per-field scores as the protocol defines them.
package extract
