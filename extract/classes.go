// The class names below are those of lang/en/classes.yaml; every language pack must define them.

package extract

import "github.com/triangulate/triangulate/lang"

// The word classes the grammar refers to, by their name in the language
// packs. Their words are data (lang/<code>/classes.yaml); only the names
// are here.
const (
	cReportVerb lang.Class = iota
	cHedgeVerb
	cDenyVerb
	cConfirmVerb
	cCountVerb
	cTellVerb
	cCiteVerb
	cShowVerb
	cLabelVerb
	cFalsityObject
	cFalsity
	cSaying
	cAsWord
	cThatWord
	cRelative
	cInterjectionList
	cAnonymity
	cNamedWord
	cAuthorised
	cTellingNoun
	cPronounPerson
	cPronounSubject
	cFirstPerson
	cPlatformLead
	cHearerPrep
	cWireLead
	cAccording
	cCiting
	cReportNoun
	cItWord
	cItReport
	cReportNounLead
	cFormer
	cOfficialRole
	cTitle
	cPersonRole
	cNameParticle
	cNamePrefix
	cOutletWord
	cOfficialWord
	cRightsWord
	cOrgHead
	cOfficialForce
	cForcePerson
	cTimeTell
	cTimeTrail
	cTimeTrailLead
	cAuxiliary
	cBe
	cBeFinite
	cModal
	cMayMight
	cHaveWord
	cAspectVerb
	cControlVerb
	cAttemptVerb
	cAttemptNoun
	cAdverb
	cNegator
	cNegatorNp
	cNegatorAny
	cNeither
	cNor
	cOrNor
	cNoSpeaker
	cToWord
	cOfWord
	cAndWord
	cAndBut
	cAndOr
	cTheWord
	cAWord
	cTheA
	cDefiniteLead
	cDeterminer
	cDefinite
	cPreposition
	cBackgroundPrep
	cHappening
	cIntro
	cIntroAt
	cLeast
	cSinceWord
	cThenWord
	cClauseConj
	cPrepGerund
	cContinuer
	cSameSimilar
	cContinueNoun
	cAdjectiveNounMod
	cPurposeVerb
	cCommaWord
	cForceHead
	cMenWord
	cPossessive
	cPronounGroup
	cPlaceLead
	cSettlementNoun
	cAbroadWord
	cPlacePhrase
	cForceMod
	cPeopleWord
	cDemonymEnding
	cShortDemonym
	cNotMod
	cNotWord
	cPostModSubsumes
	cVictim
	cProtest
	cProxyWord
	cFromOf
	cCompoundMod
	cProperAdjective
	cDistanceUnit
	cAircraft
	cAirWord
	cDirection
	cRegionNoun
	cMetonymy
	cMetonymyPrep
	cArrivalVerb
	cObjectVerb
	cIncluding
	cSuchWord
	cOutWord
	cClauseBreak
	cCountryWord
	cTransitWord
	cProvinceWord
	cCrossingWord
	cCityWord
	cFacility
	cBorderWord
	cRouteWord
	cIntroPlace
	cNumberWord
	cQuantityLead
	cBetweenWord
	cRangeSep
	cOfAnother
	cPercent
	cPerWord
	cCentWord
	cRateLead
	cDayWord
	cDaily
	cDayDaily
	cUnitAdjective
	cExtra
	cNotUnit
	cBaseline
	cCompared
	cNormalConditions
	cNormalWord
	cComparison
	cComparedPrep
	cComparisonSkip
	cUpDown
	cFromWord
	cByWord
	cIncrease
	cNumberNoun
	cToll
	cUnitOfThem
	cHedge
	cBelieved
	cUnverify
	cUnverified
	cUnable
	cVerify
	cMonth
	cMonthLead
	cWeekday
	cDateStart
	cApproxTime
	cThanWord
	cAgo
	cRelativeStart
	cOngoing
	cContinuedWord
	cDateAnd
	cOnThe
	cRangeEndWord
	cAfterWord
	cWeek
	cWeekend
	cMonthNoun
	cThisWord
	cLastWord
	cEarlierWord
	cOverAtDuring
	cYesterday
	cToday
	cMonthPart
	cWeekOrdinal
	cHelpNoun
	cHelpVerb
	cCommentVerb
	cDenyLike
	cAbbreviation
	cGerundEnding
	cViaVerb
	cSpeakingTo
	cHeadEnd
	cWithWord
	cKnowledgeWord
	cReportObject
	cHedgeAdverb
	cInWord
	cOnWord
	cToldInformed
	cReportedWord
	cAnotherWord
	cDaytime
	cSpeechStop
	cInterjectionRelative
	cBeBase
	cBeenWord
	cPresenceWord
	cReducedRelativePrep
	cFiniteEnding
	cPlacePrep
	cClauseOpen
	cWhereClause
	cWhenClause
	cRelativeThat
	cUnitDeterminer
	cWhichWord
	cDeniedAntecedent
	cBothWord
	cAccuseVerb
	cConcernNoun
	cThatReportVerb
	cReleaseVerb
	cMediaNoun
	cAfterClause
	cClauseVerb
	cTimeNoun
	cTimeClause
	cSameTimeClause
	cGroupAnaphor
	cRoleLink
	cNumberSpelled
	cVagueNumber
	cConflictNoun
	cConflictPrep
	cRegionWord
	cThereWord
	cPublishVerb
	cOutletLead
	cInvolvementNoun
	cOwnSent
	cProxyForce
	cDestLead
	cDestPrep
	cOnward
	cReasonWord
)

var classNames = []string{
	cReportVerb:           "report_verb",
	cHedgeVerb:            "hedge_verb",
	cDenyVerb:             "deny_verb",
	cConfirmVerb:          "confirm_verb",
	cCountVerb:            "count_verb",
	cTellVerb:             "tell_verb",
	cCiteVerb:             "cite_verb",
	cShowVerb:             "show_verb",
	cLabelVerb:            "label_verb",
	cFalsityObject:        "falsity_object",
	cFalsity:              "falsity",
	cSaying:               "saying",
	cAsWord:               "as_word",
	cThatWord:             "that_word",
	cRelative:             "relative",
	cInterjectionList:     "interjection_list",
	cAnonymity:            "anonymity",
	cNamedWord:            "named_word",
	cAuthorised:           "authorised",
	cTellingNoun:          "telling_noun",
	cPronounPerson:        "pronoun_person",
	cPronounSubject:       "pronoun_subject",
	cFirstPerson:          "first_person",
	cPlatformLead:         "platform_lead",
	cHearerPrep:           "hearer_prep",
	cWireLead:             "wire_lead",
	cAccording:            "according",
	cCiting:               "citing",
	cReportNoun:           "report_noun",
	cItWord:               "it_word",
	cItReport:             "it_report",
	cReportNounLead:       "report_noun_lead",
	cFormer:               "former",
	cOfficialRole:         "official_role",
	cTitle:                "title",
	cPersonRole:           "person_role",
	cNameParticle:         "name_particle",
	cNamePrefix:           "name_prefix",
	cOutletWord:           "outlet_word",
	cOfficialWord:         "official_word",
	cRightsWord:           "rights_word",
	cOrgHead:              "org_head",
	cOfficialForce:        "official_force",
	cForcePerson:          "force_person",
	cTimeTell:             "time_tell",
	cTimeTrail:            "time_trail",
	cTimeTrailLead:        "time_trail_lead",
	cAuxiliary:            "auxiliary",
	cBe:                   "be",
	cBeFinite:             "be_finite",
	cModal:                "modal",
	cMayMight:             "may_might",
	cHaveWord:             "have_word",
	cAspectVerb:           "aspect_verb",
	cControlVerb:          "control_verb",
	cAttemptVerb:          "attempt_verb",
	cAttemptNoun:          "attempt_noun",
	cAdverb:               "adverb",
	cNegator:              "negator",
	cNegatorNp:            "negator_np",
	cNegatorAny:           "negator_any",
	cNeither:              "neither",
	cNor:                  "nor",
	cOrNor:                "or_nor",
	cNoSpeaker:            "no_speaker",
	cToWord:               "to_word",
	cOfWord:               "of_word",
	cAndWord:              "and_word",
	cAndBut:               "and_but",
	cAndOr:                "and_or",
	cTheWord:              "the_word",
	cAWord:                "a_word",
	cTheA:                 "the_a",
	cDefiniteLead:         "definite_lead",
	cDeterminer:           "determiner",
	cDefinite:             "definite",
	cPreposition:          "preposition",
	cBackgroundPrep:       "background_prep",
	cHappening:            "happening",
	cIntro:                "intro",
	cIntroAt:              "intro_at",
	cLeast:                "least",
	cSinceWord:            "since_word",
	cThenWord:             "then_word",
	cClauseConj:           "clause_conj",
	cPrepGerund:           "prep_gerund",
	cContinuer:            "continuer",
	cSameSimilar:          "same_similar",
	cContinueNoun:         "continue_noun",
	cAdjectiveNounMod:     "adjective_noun_mod",
	cPurposeVerb:          "purpose_verb",
	cCommaWord:            "comma_word",
	cForceHead:            "force_head",
	cMenWord:              "men_word",
	cPossessive:           "possessive",
	cPronounGroup:         "pronoun_group",
	cPlaceLead:            "place_lead",
	cSettlementNoun:       "settlement_noun",
	cAbroadWord:           "abroad_word",
	cPlacePhrase:          "place_phrase",
	cForceMod:             "force_mod",
	cPeopleWord:           "people_word",
	cDemonymEnding:        "demonym_ending",
	cShortDemonym:         "short_demonym",
	cNotMod:               "not_mod",
	cNotWord:              "not_word",
	cPostModSubsumes:      "post_mod_subsumes",
	cVictim:               "victim",
	cProtest:              "protest",
	cProxyWord:            "proxy_word",
	cFromOf:               "from_of",
	cCompoundMod:          "compound_mod",
	cProperAdjective:      "proper_adjective",
	cDistanceUnit:         "distance_unit",
	cAircraft:             "aircraft",
	cAirWord:              "air_word",
	cDirection:            "direction",
	cRegionNoun:           "region_noun",
	cMetonymy:             "metonymy",
	cMetonymyPrep:         "metonymy_prep",
	cArrivalVerb:          "arrival_verb",
	cObjectVerb:           "object_verb",
	cIncluding:            "including",
	cSuchWord:             "such_word",
	cOutWord:              "out_word",
	cClauseBreak:          "clause_break",
	cCountryWord:          "country_word",
	cTransitWord:          "transit_word",
	cProvinceWord:         "province_word",
	cCrossingWord:         "crossing_word",
	cCityWord:             "city_word",
	cFacility:             "facility",
	cBorderWord:           "border_word",
	cRouteWord:            "route_word",
	cIntroPlace:           "intro_place",
	cNumberWord:           "number_word",
	cQuantityLead:         "quantity_lead",
	cBetweenWord:          "between_word",
	cRangeSep:             "range_sep",
	cOfAnother:            "of_another",
	cPercent:              "percent",
	cPerWord:              "per_word",
	cCentWord:             "cent_word",
	cRateLead:             "rate_lead",
	cDayWord:              "day_word",
	cDaily:                "daily",
	cDayDaily:             "day_daily",
	cUnitAdjective:        "unit_adjective",
	cExtra:                "extra",
	cNotUnit:              "not_unit",
	cBaseline:             "baseline",
	cCompared:             "compared",
	cNormalConditions:     "normal_conditions",
	cNormalWord:           "normal_word",
	cComparison:           "comparison",
	cComparedPrep:         "compared_prep",
	cComparisonSkip:       "comparison_skip",
	cUpDown:               "up_down",
	cFromWord:             "from_word",
	cByWord:               "by_word",
	cIncrease:             "increase",
	cNumberNoun:           "number_noun",
	cToll:                 "toll",
	cUnitOfThem:           "unit_of_them",
	cHedge:                "hedge",
	cBelieved:             "believed",
	cUnverify:             "unverify",
	cUnverified:           "unverified",
	cUnable:               "unable",
	cVerify:               "verify",
	cMonth:                "month",
	cMonthLead:            "month_lead",
	cWeekday:              "weekday",
	cDateStart:            "date_start",
	cApproxTime:           "approx_time",
	cThanWord:             "than_word",
	cAgo:                  "ago",
	cRelativeStart:        "relative_start",
	cOngoing:              "ongoing",
	cContinuedWord:        "continued_word",
	cDateAnd:              "date_and",
	cOnThe:                "on_the",
	cRangeEndWord:         "range_end_word",
	cAfterWord:            "after_word",
	cWeek:                 "week",
	cWeekend:              "weekend",
	cMonthNoun:            "month_noun",
	cThisWord:             "this_word",
	cLastWord:             "last_word",
	cEarlierWord:          "earlier_word",
	cOverAtDuring:         "over_at_during",
	cYesterday:            "yesterday",
	cToday:                "today",
	cMonthPart:            "month_part",
	cWeekOrdinal:          "week_ordinal",
	cHelpNoun:             "help_noun",
	cHelpVerb:             "help_verb",
	cCommentVerb:          "comment_verb",
	cDenyLike:             "deny_like",
	cAbbreviation:         "abbreviation",
	cGerundEnding:         "gerund_ending",
	cViaVerb:              "via_verb",
	cSpeakingTo:           "speaking_to",
	cHeadEnd:              "head_end",
	cWithWord:             "with_word",
	cKnowledgeWord:        "knowledge_word",
	cReportObject:         "report_object",
	cHedgeAdverb:          "hedge_adverb",
	cInWord:               "in_word",
	cOnWord:               "on_word",
	cToldInformed:         "told_informed",
	cReportedWord:         "reported_word",
	cAnotherWord:          "another_word",
	cDaytime:              "daytime",
	cSpeechStop:           "speech_stop",
	cInterjectionRelative: "interjection_relative",
	cBeBase:               "be_base",
	cBeenWord:             "been_word",
	cPresenceWord:         "presence_word",
	cReducedRelativePrep:  "reduced_relative_prep",
	cFiniteEnding:         "finite_ending",
	cPlacePrep:            "place_prep",
	cClauseOpen:           "clause_open",
	cWhereClause:          "where_clause",
	cWhenClause:           "when_clause",
	cRelativeThat:         "relative_subject",
	cUnitDeterminer:       "unit_determiner",
	cWhichWord:            "which_word",
	cDeniedAntecedent:     "denied_antecedent",
	cBothWord:             "both_word",
	cAccuseVerb:           "accuse_verb",
	cConcernNoun:          "concern_noun",
	cThatReportVerb:       "that_report_verb",
	cReleaseVerb:          "release_verb",
	cMediaNoun:            "media_noun",
	cAfterClause:          "after_clause",
	cClauseVerb:           "clause_verb",
	cTimeNoun:             "time_noun",
	cTimeClause:           "time_clause",
	cSameTimeClause:       "same_time_clause",
	cGroupAnaphor:         "group_anaphor",
	cRoleLink:             "role_link",
	cNumberSpelled:        "number_spelled",
	cVagueNumber:          "vague_number",
	cConflictNoun:         "conflict_noun",
	cConflictPrep:         "conflict_prep",
	cRegionWord:           "region_word",
	cThereWord:            "there_word",
	cPublishVerb:          "publish_verb",
	cOutletLead:           "outlet_lead",
	cInvolvementNoun:      "involvement_noun",
	cOwnSent:              "own_sent",
	cProxyForce:           "proxy_force",
	cDestLead:             "dest_lead",
	cDestPrep:             "dest_prep",
	cOnward:               "onward",
	cReasonWord:           "reason_word",
}
