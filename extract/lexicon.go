package extract

import (
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// The word lists below are the extractor's grammar of the domain: which words
// trigger which action, which words report speech, which nouns head an armed
// group, which nouns count things. They are deliberately small and closed; a
// word that is not here does not make a claim.

// form is the grammatical form of a trigger word.
type form uint8

const (
	fBase form = iota // enter, cross (also plural present)
	f3sg              // enters
	fPast             // entered: past tense or participle
	fVBN              // sent, flown: participle (also past tense for some)
	fVBG              // entering
	fNoun             // deployment, crackdown, flights
)

// trig is one entry of the trigger lexicon.
type trig struct {
	action claim.Action
	lemma  string
	form   form
}

var triggers = map[string]trig{}

func addTrig(a claim.Action, lemma string, forms map[form][]string) {
	for f, ws := range forms {
		for _, w := range ws {
			triggers[w] = trig{action: a, lemma: lemma, form: f}
		}
	}
}

func init() {
	d := claim.ActionDeploy
	addTrig(d, "enter", map[form][]string{fBase: {"enter"}, f3sg: {"enters"}, fPast: {"entered"}, fVBG: {"entering"}})
	addTrig(d, "cross", map[form][]string{fBase: {"cross"}, f3sg: {"crosses"}, fPast: {"crossed"}, fVBG: {"crossing"}})
	addTrig(d, "arrive", map[form][]string{fBase: {"arrive"}, f3sg: {"arrives"}, fPast: {"arrived"}, fVBG: {"arriving"}, fNoun: {"arrival", "arrivals"}})
	addTrig(d, "deploy", map[form][]string{fBase: {"deploy"}, f3sg: {"deploys"}, fPast: {"deployed"}, fVBG: {"deploying"}, fNoun: {"deployment", "deployments", "redeployment"}})
	addTrig(d, "send", map[form][]string{fBase: {"send"}, f3sg: {"sends"}, fVBN: {"sent"}, fVBG: {"sending"}})
	addTrig(d, "dispatch", map[form][]string{fBase: {"dispatch"}, fPast: {"dispatched"}, fVBG: {"dispatching"}})
	addTrig(d, "travel", map[form][]string{fBase: {"travel"}, f3sg: {"travels"}, fPast: {"traveled", "travelled"}, fVBG: {"traveling", "travelling"}})
	addTrig(d, "move", map[form][]string{fPast: {"moved"}, fVBG: {"moving"}})
	addTrig(d, "transfer", map[form][]string{fBase: {"transfer"}, f3sg: {"transfers"}, fPast: {"transferred"}, fVBG: {"transferring"}})
	addTrig(d, "reposition", map[form][]string{fBase: {"reposition"}, fPast: {"repositioned"}, fVBG: {"repositioning"}})
	addTrig(d, "infiltrate", map[form][]string{fBase: {"infiltrate"}, fPast: {"infiltrated"}, fVBG: {"infiltrating"}, fNoun: {"infiltration"}})
	addTrig(d, "go", map[form][]string{fVBN: {"went", "gone"}, fVBG: {"going"}})
	addTrig(d, "head", map[form][]string{fPast: {"headed"}, fVBG: {"heading"}})
	addTrig(d, "pour", map[form][]string{fPast: {"poured"}, fVBG: {"pouring"}})
	addTrig(d, "station", map[form][]string{fPast: {"stationed"}})
	addTrig(d, "mobilize", map[form][]string{fPast: {"mobilized", "mobilised"}})
	addTrig(d, "invade", map[form][]string{fPast: {"invaded"}, fNoun: {"invasion"}})
	addTrig(d, "incursion", map[form][]string{fNoun: {"incursion", "incursions", "influx"}})
	addTrig(d, "reinforce", map[form][]string{fNoun: {"reinforcements"}})
	// "passed through the Zurbatiya crossing": only with a place after
	// through, via or into (see sentence.go), since "passed" alone is common.
	addTrig(d, "pass", map[form][]string{fPast: {"passed"}, fVBG: {"passing"}})
	// "came in buses from Iraq": only with a place after from, to or into
	// (sentence.go).
	addTrig(d, "come", map[form][]string{fPast: {"came"}, fVBG: {"coming"}})
	// "were present in Iran": only after a form of "be" and before a place
	// (sentence.go).
	addTrig(d, "present", map[form][]string{fPast: {"present"}})
	// "were seen in the streets of Ahvaz", "manned checkpoints around
	// Mashhad": armed men observed at a place (sentence.go checks both).
	addTrig(d, "see", map[form][]string{fPast: {"seen", "spotted", "sighted"}})
	addTrig(d, "man", map[form][]string{fPast: {"manned", "manning"}})
	// "joined Basij units in Ilam": only with armed men joining at a place.
	addTrig(d, "join", map[form][]string{fPast: {"joined"}, fVBG: {"joining"}})
	// "reached Tehran": only with a place as its object (sentence.go).
	addTrig(d, "reach", map[form][]string{fPast: {"reached"}, fVBG: {"reaching"}})

	t := claim.ActionTransport
	addTrig(t, "transport", map[form][]string{fBase: {"transport"}, fPast: {"transported"}, fVBG: {"transporting"}})
	addTrig(t, "fly", map[form][]string{fVBN: {"flown"}})
	addTrig(t, "airlift", map[form][]string{fPast: {"airlifted"}, fNoun: {"airlift"}})
	addTrig(t, "ferry", map[form][]string{fPast: {"ferried", "bused", "bussed", "trucked", "shuttled"}})
	addTrig(t, "transit", map[form][]string{fNoun: {"transit"}})

	f := claim.ActionFlights
	addTrig(f, "flight", map[form][]string{fNoun: {"flights", "departures", "landings"}})
	addTrig(f, "fly", map[form][]string{fVBN: {"flew"}, fPast: {"landed"}})

	addTrig(claim.ActionRequest, "request", map[form][]string{fBase: {"request"}, f3sg: {"requests"}, fPast: {"requested"}, fVBG: {"requesting"}})
	// "asked Iraqi militias for help": only with "for help/assistance/support"
	// after it (sentence.go), since "asked" alone mostly reports a question.
	addTrig(claim.ActionRequest, "ask", map[form][]string{fPast: {"asked"}, fVBG: {"asking"}})

	s := claim.ActionSuppress
	addTrig(s, "suppress", map[form][]string{fBase: {"suppress"}, fPast: {"suppressed"}, fVBG: {"suppressing"}, fNoun: {"suppression"}})
	addTrig(s, "crackdown", map[form][]string{fNoun: {"crackdown", "crackdowns"}, fPast: {"cracked"}})
	addTrig(s, "quell", map[form][]string{fBase: {"quell"}, fPast: {"quelled"}, fVBG: {"quelling"}})
	addTrig(s, "crush", map[form][]string{fBase: {"crush"}, fPast: {"crushed"}, fVBG: {"crushing"}})
	addTrig(s, "repress", map[form][]string{fPast: {"repressed"}, fNoun: {"repression"}})
	// "fired on demonstrators", "opened fire on protesters": only with
	// protesters as the target (sentence.go); other fire is a clash.
	addTrig(s, "fire", map[form][]string{fPast: {"fired"}, fVBG: {"firing"}, fNoun: {"fire"}})
	addTrig(s, "shoot", map[form][]string{fBase: {"shoot"}, fVBG: {"shooting"}})

	k := claim.ActionKill
	addTrig(k, "kill", map[form][]string{fBase: {"kill"}, f3sg: {"kills"}, fPast: {"killed"}, fVBG: {"killing"}, fNoun: {"killings", "deaths", "casualties", "fatalities"}})
	addTrig(k, "die", map[form][]string{fPast: {"died"}})
	addTrig(k, "injure", map[form][]string{fPast: {"injured", "wounded"}, fVBG: {"injuring", "wounding"}})
	addTrig(k, "execute", map[form][]string{fPast: {"executed"}, fNoun: {"executions"}})
	addTrig(k, "gun down", map[form][]string{fPast: {"gunned"}})
	addTrig(k, "toll", map[form][]string{fNoun: {"toll"}}) // "the death toll has risen to 538"
	// "left 15 dead", "leaving four Guards dead": only with a figure and
	// "dead" or "killed" after it (sentence.go).
	addTrig(k, "leave", map[form][]string{fPast: {"left"}, fVBG: {"leaving"}})

	c := claim.ActionClash
	addTrig(c, "clash", map[form][]string{fBase: {"clash"}, fPast: {"clashed"}, fNoun: {"clashes"}, fVBG: {"clashing"}})
	addTrig(c, "fight", map[form][]string{fNoun: {"firefight", "firefights", "gunfight", "skirmish", "skirmishes"}})
	addTrig(c, "attack", map[form][]string{fBase: {"attack"}, fPast: {"attacked", "ambushed", "shelled", "bombed", "struck"}, fNoun: {"attacks", "airstrike", "airstrikes", "shelling", "raids", "bombardment"}})
	// "34 strikes against ISIL": only with a figure before or a target
	// after (sentence.go), since a strike is also a walkout.
	addTrig(c, "strike", map[form][]string{fNoun: {"strikes"}})

	addTrig(claim.ActionWarn, "warn", map[form][]string{fBase: {"warn"}, f3sg: {"warns"}, fPast: {"warned", "cautioned"}, fVBG: {"warning"}})
}

// needsDest lists deploy lemmas that only make a claim with a destination
// (sent to, moved into), since alone they are too common.
var needsDest = map[string]bool{"send": true, "dispatch": true, "move": true, "go": true, "head": true, "pour": true, "mobilize": true, "travel": false}

// reporting verbs: the subject is a speaker and what follows is what was said.
var reportVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"noted": true, "notes": true, "claimed": true, "claims": true, "claim": true, "reported": true,
	"reports": true, "report": true, "stated": true, "states": true, "confirmed": true, "confirms": true,
	"confirm": true, "announced": true, "announces": true, "explained": true, "wrote": true, "writes": true,
	"tweeted": true, "posted": true, "insisted": true, "alleged": true, "alleges": true, "allege": true,
	"asserted": true, "acknowledged": true, "admitted": true, "revealed": true, "reveals": true,
	"disclosed": true, "indicated": true, "indicates": true, "shows": true, "showed": true, "show": true,
	"shown": true, "estimated": true, "estimates": true, "placed": true, "put": true, "cited": true,
	"cites": true, "quoted": true, "denied": true, "denies": true, "deny": true, "refuted": true,
	"rejected": true, "dismissed": true, "stressed": true, "emphasized": true, "emphasised": true,
	"argued": true, "testified": true, "maintained": true, "observed": true, "recorded": false,
	"informed": true, "briefed": true, "documented": true, "assessed": true, "assesses": true,
}

// hedging reporting verbs make the claim hedged.
var hedgeVerbs = map[string]bool{"claimed": true, "claims": true, "claim": true, "alleged": true, "alleges": true, "allege": true}

// denial verbs.
var denyVerbs = map[string]bool{"denied": true, "denies": true, "deny": true, "refuted": true, "rejected": true, "dismissed": true}

// confirmation verbs.
var confirmVerbs = map[string]bool{"confirmed": true, "confirms": true, "confirm": true, "acknowledged": true, "admitted": true}

// count-report verbs: "X placed the number of fighters at 2,000".
var countVerbs = map[string]bool{"placed": true, "put": true, "estimated": true, "estimates": true}

var auxiliaries = map[string]bool{
	"have": true, "has": true, "had": true, "was": true, "were": true, "is": true, "are": true,
	"been": true, "be": true, "being": true, "am": true, "got": true, "get": true, "gets": true,
}

var modals = map[string]bool{
	"will": true, "would": true, "could": true, "may": true, "might": true, "can": true,
	"should": true, "must": true, "shall": true, "did": true, "do": true, "does": true,
}

// aspect verbs take a gerund as their predicate: began arriving.
var aspectVerbs = map[string]bool{
	"began": true, "begin": true, "begun": true, "begins": true, "started": true, "start": true,
	"starts": true, "continued": true, "continue": true, "continues": true, "kept": true,
	"keep": true, "resumed": true, "stopped": false,
}

// control verbs take an infinitive that is part of the predicate, not a
// purpose: "seeking to cross", "began to arrive".
var controlVerbs = map[string]bool{
	"attempted": true, "attempting": true, "attempt": true, "attempts": true, "tried": true,
	"try": true, "tries": true, "trying": true, "sought": true, "seek": true, "seeks": true,
	"seeking": true, "planned": true, "plan": true, "plans": true, "planning": true, "aimed": true,
	"aiming": true, "intended": true, "intend": true, "intends": true, "preparing": true,
	"prepared": true, "wanted": true, "want": true, "wants": true, "began": true, "begun": true,
	"started": true, "continued": true, "continue": true, "managed": true, "able": true,
	"decided": true, "agreed": true, "refused": true, "expected": true, "set": true, "going": true,
	"ordered": true, "allowed": true, "failed": true, "threatened": true, "used": true,
}

// attemptVerbs turn a following motion infinitive into an attempt.
var attemptVerbs = map[string]bool{
	"attempted": true, "attempting": true, "attempt": true, "attempts": true, "tried": true,
	"try": true, "tries": true, "trying": true, "sought": true, "seek": true, "seeks": true,
	"seeking": true, "failed": true,
}

// adverbs that may sit between a subject or auxiliary and its verb.
var adverbs = map[string]bool{
	"also": true, "reportedly": true, "allegedly": true, "already": true, "recently": true,
	"later": true, "earlier": true, "then": true, "now": true, "mainly": true, "apparently": true,
	"repeatedly": true, "successfully": true, "still": true, "further": true, "separately": true,
	"previously": true, "just": true, "first": true, "finally": true, "quickly": true,
	"secretly": true, "quietly": true, "largely": true, "mostly": true, "gradually": true,
	"not": true, "never": true, "subsequently": true, "initially": true, "ostensibly": true,
	"partly": true, "jointly": true, "openly": true, "illegally": true, "covertly": true,
	"increasingly": true, "actually": true, "indeed": true, "yet": true, "since": false,
	"reportedly,": true, "purportedly": true, "supposedly": true, "publicly": true, "again": true,
	"once": true, "allegedly,": true, "even": true, "only": true, "originally": true,
	"independently": true, "officially": true, "formally": true, "directly": true, "personally": true,
}

// forceHeads are nouns that head a mention of an armed group or authority.
var forceHeads = map[string]bool{
	"fighters": true, "militias": true, "militia": true, "forces": true, "troops": true,
	"soldiers": true, "militants": true, "groups": true, "group": true, "factions": true,
	"faction": true, "members": true, "paramilitaries": true, "gunmen": true, "rebels": true,
	"insurgents": true, "authorities": true, "officials": true, "government": true,
	"military": true, "army": true, "police": true, "guards": true, "personnel": true,
	"units": true, "brigades": true, "battalions": true, "volunteers": true, "mercenaries": true,
	"separatists": true, "jihadists": true, "combatants": true, "operatives": true,
	"commanders": true, "militiamen": true, "regime": true, "army's": false, "proxies": true,
	"men": true, // only with a modifier: "armed men" (build.go)
}

// forceMods are lower-case words that may modify a force head and belong
// in the actor's name ("armed groups", "paramilitary group members").
var forceMods = map[string]bool{
	"armed": true, "separatist": true, "paramilitary": true, "foreign": true, "militia": true,
	"security": true, "opposition": true, "tribal": true, "rebel": true, "government": true,
	"pro-government": true, "local": true, "military": true, "special": true, "elite": true,
	"intelligence": true, "police": true, "border": true, "islamist": true, "jihadist": true,
	"insurgent": true, "proxy": true, "group": true, "allied": true, "shiite": true, "sunni": true,
	"kurdish": true, "iraqi": true, "iranian": true, "state": true, "regime": true, "federal": true,
	"naval": true, "air": true, "ground": true, "revolutionary": true, "resistance": true,
}

// capital words that are never actor modifiers.
var notMods = map[string]bool{
	"the": true, "a": true, "an": true, "these": true, "those": true, "this": true, "their": true,
	"its": true, "his": true, "her": true, "some": true, "several": true, "many": true,
	"armed": false, "other": true, "all": true, "both": true, "no": true, "more": true,
	"according": true, "reports": true, "however": true, "but": true, "and": true,
}

// postModifiers introduce a phrase that stays part of an unknown actor's name
// when it names a place or an actor ("militias aligned with Iran").
var postModifiers = map[string]string{
	"aligned": "with", "loyal": "to", "operating": "", "backed": "by", "allied": "with",
	"affiliated": "with", "linked": "to", "based": "in", "close": "to",
}

// subsumers: "fighters linked to the PMF" are the PMF.
var subsumers = map[string]bool{"linked": true, "affiliated": true, "belonging": true}

// victims are never actors.
var victimNouns = map[string]bool{
	"protesters": true, "protestors": true, "demonstrators": true, "civilians": true,
	"people": true, "children": true, "women": true, "residents": true,
}

// aircraftNouns make a motion verb a statement about flights.
var aircraftNouns = map[string]bool{
	"planes": true, "plane": true, "aircraft": true, "jets": true, "flights": true, "flight": true,
	"airliners": true, "airliner": true, "cargo": true, "airplanes": true,
}

// unitNouns are things a quantity counts.
var unitNouns = map[string]bool{
	"fighters": true, "fighter": true, "troops": true, "soldiers": true, "militants": true,
	"members": true, "people": true, "persons": true, "protesters": true, "protestors": true,
	"demonstrators": true, "civilians": true, "flights": true, "flight": true, "planes": true,
	"aircraft": true, "jets": true, "drones": true, "missiles": true, "rockets": true,
	"buses": true, "trucks": true, "vehicles": true, "convoys": true, "tanks": true,
	"refugees": true, "prisoners": true, "detainees": true, "casualties": true, "dead": true,
	"deaths": true, "bodies": true, "children": true, "women": true, "men": true,
	"personnel": true, "forces": true, "militiamen": true, "gunmen": true, "rebels": true,
	"insurgents": true, "pilgrims": true, "passengers": true, "families": true, "migrants": true,
	"arrests": true, "volunteers": true, "mercenaries": true, "commanders": true, "officers": true,
	"policemen": true, "guards": true, "recruits": true, "combatants": true, "operatives": true,
	"students": true, "workers": true, "journalists": true, "activists": true, "airstrikes": true,
	"strikes": true, "attacks": true, "shells": true, "bombs": true, "weapons": true,
	"sorties": true, "fatalities": true, "injuries": true, "wounded": true, "injured": true,
	"individuals": true, "citizens": true, "nationals": true, "villagers": true, "militias": true,
	"groups": true, "factions": true, "brigades": true, "battalions": true, "executions": true,
	"detentions": true, "trips": true, "departures": true, "arrivals": true, "landings": true,
}

// notUnits are nouns that a number may precede without being a quantity
// the extractor reports (time spans, places, sources).
var notUnits = map[string]bool{
	"seconds": true, "minutes": true, "hours": true, "days": true, "weeks": true, "months": true,
	"years": true, "decades": true, "centuries": true, "points": true, "crossings": true,
	"provinces": true, "cities": true, "towns": true, "villages": true, "sites": true,
	"locations": true, "countries": true, "routes": true, "borders": true, "sides": true,
	"parts": true, "ways": true, "times": true, "sources": true, "officials": true,
	"percent": true, "kilometers": true, "kilometres": true, "km": true, "miles": true,
	"meters": true, "metres": true, "kilograms": true, "tons": true, "tonnes": true,
	"occasions": true, "stages": true, "phases": true, "rounds": true, "steps": true,
	"options": true, "reasons": true, "nations": true, "states": true, "regions": true,
	"areas": true, "airports": true, "airlines": true, "outlets": true, "reports": true,
	"pages": true, "words": true, "am": true, "pm": true, "gmt": true, "utc": true,
	"governorates": true, "districts": true, "fronts": true, "directions": true, "is": true,
	"was": true, "were": true, "are": true, "and": true, "or": true, "to": true,
}

var timeUnits = map[string]int{
	"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365,
}

// qualifiers as written before a number, longest first.
var qualifiers = [][]string{
	{"no", "fewer", "than"}, {"no", "less", "than"}, {"no", "more", "than"}, {"in", "excess", "of"},
	{"at", "least"}, {"close", "to"}, {"up", "to"}, {"more", "than"}, {"fewer", "than"},
	{"less", "than"}, {"as", "many", "as"}, {"at", "most"}, {"as", "few", "as"}, {"upwards", "of"},
	{"just", "over"}, {"just", "under"}, {"well", "over"}, {"an", "estimated"},
	{"around"}, {"about"}, {"over"}, {"nearly"}, {"almost"}, {"some"}, {"roughly"},
	{"approximately"}, {"estimated"}, {"under"}, {"circa"}, {"approx"}, {"only"}, {"exactly"},
}

// baselineCues mark a figure as the normal level rather than the claim's count.
var baselineCues = map[string]bool{
	"normally": true, "usually": true, "typically": true, "normal": true, "average": true,
	"ordinarily": true, "regularly": true, "routinely": true, "customarily": true, "usual": true,
	"otherwise": true, "baseline": true, "typical": true, "ordinary": true, "compared": true,
}

var increaseWords = map[string]bool{
	"increased": true, "increase": true, "increases": true, "rose": true, "risen": true, "rise": true,
	"grew": true, "jumped": true, "jump": true, "climbed": true, "surged": true, "surge": true,
	"up": true, "increasing": true,
}

var hedgeWords = map[string]bool{
	"reportedly": true, "allegedly": true, "purportedly": true, "apparently": true,
	"supposedly": true, "rumored": true, "rumoured": true, "unconfirmed": true, "possibly": true,
	"presumably": true, "suggest": true, "suggests": true, "suggested": true, "alleged": true,
	"claimed": true, "believed": true, "thought": false, "likely": false,
}

// introWords may open an introductory phrase closed by a comma.
var introWords = map[string]bool{
	"after": true, "before": true, "earlier": true, "later": true, "so": true, "however": true,
	"meanwhile": true, "moreover": true, "also": true, "additionally": true, "furthermore": true,
	"separately": true, "since": true, "due": true, "despite": true, "amid": true,
	"following": true, "with": true, "under": true, "over": true, "by": true, "in": true,
	"on": true, "at": true, "during": true, "for": true, "from": true, "as": true,
	"although": true, "though": true, "but": true, "yet": true, "still": true, "instead": true,
	"nonetheless": true, "nevertheless": true, "indeed": true, "thus": true, "therefore": true,
	"then": true, "now": true, "today": true, "yesterday": true, "recently": true,
	"previously": true, "initially": true, "first": true, "finally": true, "last": true,
	"overall": true, "notably": true, "similarly": true, "likewise": true, "accordingly": true,
	"elsewhere": true, "specifically": true, "within": true, "inside": true, "near": true,
	"throughout": true, "this": true, "until": true, "ultimately": true, "currently": true,
	"according": true, "based": true, "citing": true, "while": true, "when": true,
	"once": true, "if": true, "unlike": true, "besides": true, "beyond": true, "across": true,
}

// clause conjunctions that start a new clause after a comma or dash.
var clauseConj = map[string]bool{
	"while": true, "whereas": true, "but": true, "although": true, "though": true, "yet": true,
	"however": true, "meanwhile": true,
}

// gerunds that are prepositions, not adjunct clauses.
var prepGerunds = map[string]bool{
	"including": true, "according": true, "during": true, "following": true, "regarding": true,
	"concerning": true, "excluding": true, "citing": true, "speaking": true, "notwithstanding": true,
	"considering": true, "involving": true, "bearing": true, "pending": true,
}

// background prepositions: a nominal trigger after them is the setting of
// the claim, not the claim.
var backgroundPreps = map[string]bool{
	"after": true, "before": true, "since": true, "following": true, "until": true,
	"despite": true, "if": true, "unless": true, "whether": true, "of": false,
}

// happening predicates: a definite nominal trigger ("the transfer") makes a
// claim when one of these says it happened.
var happenings = map[string]bool{
	"resumed": true, "continued": true, "began": true, "started": true, "occurred": true,
	"happened": true, "carried": true, "recorded": true, "increased": true, "intensified": true,
	"escalated": true, "took": true, "erupted": true, "broke": true, "continues": true,
	"resumes": true, "begins": true, "starts": true, "occurs": true, "stopped": true,
	"ended": true, "peaked": true, "doubled": true, "rose": true, "surged": true,
}

var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "these": true, "those": true, "this": true, "that": true,
	"its": true, "their": true, "his": true, "her": true, "our": true, "some": true, "any": true,
	"several": true, "many": true, "no": true, "each": true, "every": true, "other": true,
	"such": true, "another": true, "both": true, "all": true, "most": true, "much": true,
}

var definiteDets = map[string]bool{
	"the": true, "these": true, "those": true, "this": true, "that": true, "its": true,
	"their": true, "his": true, "her": true, "such": true,
}

var directions = map[string]bool{
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"northwestern": true, "northeastern": true, "southwestern": true, "southeastern": true,
	"north-western": true, "north-eastern": true, "south-western": true, "south-eastern": true,
	"northwest": true, "northeast": true, "southwest": true, "southeast": true,
}

var regionNouns = map[string]bool{"parts": true, "part": true, "regions": true, "region": true, "areas": true, "area": true, "provinces": true}

// metonymy: after these, a place stands for its government ("loyal to Tehran").
var metonymyWords = map[string]bool{
	"aligned": true, "loyal": true, "backed": true, "allied": true, "assist": true, "support": true,
	"help": true, "supporting": true, "assisting": true, "helping": true, "against": true,
	"between": false, "with": false, "ally": true, "allies": true, "proxy": true, "proxies": true,
}

// Month names.
var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]int{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

// isNationality reports a capitalised adjective of people or place (Iraqi,
// Iranian, Kurdish, Shiite): a capitalised word ending like a demonym.
func isNationality(w string) bool {
	if len(w) < 4 {
		return w == "us" || w == "u.s"
	}
	if knownNationality(w) {
		return true
	}
	n := len(w)
	return w[n-1] == 'i' && n > 4 || w[n-3:] == "ian" || w[n-3:] == "ese" || w[n-3:] == "ish"
}

// knownNationality is isNationality without the guess by ending, which
// would take surnames such as Baghaei or al-Sudani for adjectives.
func knownNationality(w string) bool {
	switch w {
	case "shiite", "shia", "sunni", "kurdish", "arab", "turkish", "european", "western", "gulf",
		"american", "israeli", "syrian", "lebanese", "saudi", "yemeni", "afghan", "pakistani",
		"russian", "british", "french", "german", "houthi", "alawite", "yazidi", "turkmen",
		"baluch", "baloch", "azeri", "persian", "chinese", "qatari", "emirati", "jordanian",
		"egyptian", "palestinian", "iraqi", "iranian", "hashd", "coalition":
		return true
	}
	return false
}

// lex is a set of word classes, looked up once per token so that the many
// passes over a clause test bits instead of hashing words again.
type lex uint32

const (
	lxTrigger lex = 1 << iota
	lxReport
	lxAdverb
	lxAux
	lxModal
	lxForce
	lxNumber
	lxBaseline
	lxHedge
	lxPlaceWord // prepositions and verbs that set a place's role
	lxUnverify
	lxQuantity // words around figures: units, qualifiers
)

// lexTable maps a lower-case word to its classes.
var lexTable = map[string]lex{}

func init() {
	mark := func(c lex, words ...string) {
		for _, w := range words {
			lexTable[w] |= c
		}
	}
	for w := range triggers {
		mark(lxTrigger, w)
	}
	for w, ok := range reportVerbs {
		if ok {
			mark(lxReport, w)
		}
	}
	for w, ok := range adverbs {
		if ok {
			mark(lxAdverb, w)
		}
	}
	for w := range auxiliaries {
		mark(lxAux, w)
	}
	for w := range modals {
		mark(lxModal, w)
	}
	for w, ok := range forceHeads {
		if ok {
			mark(lxForce, w)
		}
	}
	for w := range smallNumbers {
		mark(lxNumber, w)
	}
	for w := range tensNumbers {
		mark(lxNumber, w)
	}
	mark(lxNumber, "a", "one", "dozen")
	for w := range baselineCues {
		mark(lxBaseline, w)
	}
	mark(lxBaseline, "conditions")
	for w, ok := range hedgeWords {
		if ok {
			mark(lxHedge, w)
		}
	}
	mark(lxHedge, "may", "might", "could", "believed", "thought", "said")
	for w := range rolePreps {
		mark(lxPlaceWord, w)
	}
	for w := range metonymyWords {
		mark(lxPlaceWord, w)
	}
	for w := range objectVerbs {
		mark(lxPlaceWord, w)
	}
	for w := range auxiliaries {
		mark(lxPlaceWord, w)
	}
	for w := range reportVerbs {
		mark(lxPlaceWord, w)
	}
	for w := range directions {
		mark(lxPlaceWord, w)
	}
	mark(lxPlaceWord, "out", "including", "such", "that", "which", "who", "where", "when", "while", "whereas", "but", "transit", "country")
	mark(lxUnverify, "unverified", "verified", "verify")
	mark(lxQuantity, "between", "from")
}

// lexOf returns the classes of a lower-case word; hyphenated spelled
// numbers (twenty-five) count as numbers.
func lexOf(w string) lex {
	c := lexTable[w]
	if c == 0 && len(w) > 6 && strings.IndexByte(w, '-') > 0 {
		if _, ok := spelledWord(w); ok {
			c |= lxNumber
		}
	}
	return c
}
