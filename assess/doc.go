// Package assess grades sources and claims and assesses events: a status,
// one probability shown three ways (ICD 203 words, an Admiralty grade, a
// STIX confidence) and the reasons behind it, each traceable to claims or
// signals. All numbers live in rules.go (DefaultConfig) and can be
// overridden by a JSON file (LoadConfig); README.md shows the rules as
// tables.
//
// # Reliability (Admiralty letter, per origin)
//
// A named speaker or outlet listed in Config.Sources takes its letter; an
// unnamed speaker (anonymous, "a senior official", a document) takes the
// letter of the outlet that vetted it, one step lower, or its kind's default
// when that outlet is not listed; everything else takes its kind's default
// (Config.Kinds). F means "cannot be judged", not "unreliable".
//
// # Status (per event, first rule that applies)
//
//  1. denied: no supporting origin, at least one denying origin;
//  2. contested: supporting origins, and a denying origin or a data signal
//     that contradicts a member claim;
//  3. neither confirmed nor denied: no origin supports or denies, someone
//     declined to confirm or deny (silence is never a denial);
//  4. unverifiable: no origin at all, or every supporting claim is marked
//     unverified by its own outlet and no signal supports it;
//  5. corroborated: at least two independent origins, a supporting data
//     signal counting as one;
//  6. single-source.
//
// # Probability
//
// Log-odds of Config.Prior, plus each supporting independent origin's weight
// (Config.Evidence by letter, scaled by Hedged or Unverified when none of
// its claims is asserted), the i-th strongest divided by i so that agreeing
// sources add less and less; minus denying origins the same way; plus
// SignalSupported for each supporting signal (times ObservanceFactor when
// the signal carries calendar observances that could explain it) and minus
// SignalContradicted for each contradicting one; untestable signals are
// listed and weigh nothing. The result is clamped to 1–99 % and shown as
// the ICD 203 expression whose band holds it (Bands), the Admiralty grade
// (the best letter among supporting origins, and Credibility's digit) and
// the STIX confidence (the percentage).
//
// # Credibility (Admiralty digit, per claim)
//
// k counts the independent origins that back the claim's specifics: its own
// origins, plus origins of other claims with the same stance that carry an
// agreeing figure (for a claim with figures), a shared place finer than a
// country (for a claim tied to places) or anything (otherwise), plus one for
// a supporting signal on the claim. 6 when k is 0; 5 when data contradicts
// it; if it is denied, 3 (k ≥ 2) or 4; if another origin's figure or place
// conflicts with it, or it is hedged or unverified: 2 (k ≥ 2), 3 (other
// origins back the event) or 4; otherwise 1 (k ≥ 2: confirmed needs at least
// two independent origins), 2 (other origins back the event) or 3.
package assess
