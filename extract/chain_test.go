package extract_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
)

// TestChains holds whole attribution chains, outlet of publication last,
// for classes of phrasing: each class has three sentences in other words.
func TestChains(t *testing.T) {
	x := extract.New(loadPack(t))
	pub := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		class, text string
		chain       []string // who/kind, first to last
	}{
		// An unknown name that publishes is an outlet: "…, Hawar reported".
		{"publishing name", "Turkey has sent Syrian mercenaries to Azerbaijan, Sergey Naryshkin said, Hawar reported.",
			[]string{"Sergey Naryshkin/named", "Hawar/outlet", "Example News/outlet"}},
		{"publishing name", "Turkey has sent Syrian mercenaries to Azerbaijan, the daily Haaretz wrote.",
			[]string{"Haaretz/outlet", "Example News/outlet"}},
		{"publishing name", "Turkey has sent Syrian mercenaries to Azerbaijan, Kurdish news outlet Hawar reported.",
			[]string{"Hawar/outlet", "Example News/outlet"}},
		// A person named after an office speaks officially.
		{"office title", "Turkey has sent Syrian mercenaries to Azerbaijan, intelligence service director Sergey Naryshkin said.",
			[]string{"Sergey Naryshkin/official", "Example News/outlet"}},
		{"office title", "Presidential aide Hikmet Hajiyev denied that Turkey had sent fighters to Azerbaijan.",
			[]string{"Hikmet Hajiyev/official", "Example News/outlet"}},
		{"office title", "Army commander Belay Seyoum said Eritrean troops entered Tigray in November.",
			[]string{"Belay Seyoum/official", "Example News/outlet"}},
		// The outlet that saw a record carries the claim.
		{"seen by", "Eritrean troops entered Tigray in November, in a letter seen by Reuters.",
			[]string{"Reuters/outlet", "Example News/outlet"}},
		{"seen by", "Eritrean troops entered Tigray in November, in footage reviewed by the BBC.",
			[]string{"BBC/outlet", "Example News/outlet"}},
		{"seen by", "Eritrean troops entered Tigray in November, in documents obtained by AFP.",
			[]string{"AFP/outlet", "Example News/outlet"}},
		// A rewrite of one outlet's report: the outlet of the first claim
		// carries the later ones that name no source of their own.
		{"lead relay", "Eritrean troops entered Tigray, a State Department spokesperson told Reuters.\n\nThe soldiers crossed at Zalambessa in November.",
			[]string{"Reuters/outlet", "Example News/outlet"}},
		{"lead relay", "Turkey sent fighters to Libya, the Syrian Observatory said, Hawar reported.\n\nThe fighters arrived in Tripoli on Friday.",
			[]string{"Syrian Observatory/rights-group", "Hawar/outlet", "Example News/outlet"}},
		{"lead relay", "Eritrean troops entered Tigray in November, in a letter seen by AFP.\n\nThe soldiers later crossed at Humera, the minister said.",
			[]string{"minister/official", "AFP/outlet", "Example News/outlet"}},
		// A comma-set phrase after the hearer that has no verb of its own
		// ("…, despite denials from Moscow") qualifies the telling: the
		// speaker and the hearer are still read.
		{"concession after hearer", "Britain accepts reports of Russian troops in Moldova are credible, a Foreign Office spokesperson told the BBC on Monday, despite denials from Moscow.",
			[]string{"Foreign, Commonwealth and Development Office/official", "BBC/outlet", "Example News/outlet"}},
		{"concession after hearer", "Japan accepts reports of Chinese vessels in its waters are solid, a Japanese defence ministry spokesman told Reuters on Friday, regardless of denials by Beijing and its allies.",
			[]string{"a Japanese defence ministry spokesman/official", "Reuters/outlet", "Example News/outlet"}},
		{"concession after hearer", "Australia accepts reports of Indonesian troops in East Timor are credible, a Pentagon spokesperson told AFP late on Sunday, in spite of repeated refusals by both capitals.",
			[]string{"Pentagon/official", "AFP/outlet", "Example News/outlet"}},
		// A paragraph opening a first-person quote without a speaker goes
		// on with the previous paragraph's speaker; an outlet does not
		// speak as "we", so after an outlet's account only the relay stays.
		{"first-person quote goes on", "Rwandan soldiers entered Congo, a European Union spokesperson told Reuters.\n\n“We have seen Rwandan soldiers crossing into Congo near Goma.",
			[]string{"a European Union spokesperson/official", "Reuters/outlet", "Example News/outlet"}},
		{"first-person quote goes on", "Serbian units crossed into Kosovo, a NATO spokesperson told AFP.\n\n“I can confirm that Serbian units entered Kosovo.",
			[]string{"a NATO spokesperson/official", "AFP/outlet", "Example News/outlet"}},
		{"first-person quote goes on", "Venezuelan troops crossed into Guyana, defence minister Laura Pineda said.\n\n“We have watched Venezuelan troops entering Guyana for a week.",
			[]string{"Laura Pineda/official", "Example News/outlet"}},
		{"first-person quote goes on", "Serbian units crossed into Kosovo, the BBC reported.\n\n“We saw Serbian units entering Kosovo near Mitrovica.",
			[]string{"BBC/outlet", "Example News/outlet"}},
	} {
		t.Run(tc.class+"/"+tc.text[:20], func(t *testing.T) {
			src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: pub, Text: tc.text + "\n"}
			cs := x.Extract(src)
			if len(cs) == 0 {
				t.Fatalf("no claim")
			}
			g := extract.ToGold(cs[len(cs)-1])
			var got []string
			for _, a := range g.Attribution {
				got = append(got, a.Who+"/"+a.Kind)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.chain) {
				t.Errorf("chain %v, want %v", got, tc.chain)
			}
		})
	}
}

// TestTitleCoreference: a later description by title alone ("its defence
// minister", "the spokesman") is the person the text named with that title,
// so the claim's speaker is the name, not the description.
func TestTitleCoreference(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Rwanda's Defence Minister Juvenal Marizamunda said the fighting was a Congolese matter. Its defence minister told Reuters on Sunday that none of its troops had crossed into Congo.", "Juvenal Marizamunda"},
		{"Chad's Foreign Minister Abderaman Koulamallah said on Monday that the border was calm. The foreign minister later denied that Chadian soldiers had entered Sudan.", "Abderaman Koulamallah"},
		{"Army spokesman Paul Njuguna told reporters in Nairobi that the border was quiet. On Friday, the spokesman said Kenyan troops crossed into Somalia on Friday.", "Paul Njuguna"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		c := cs[len(cs)-1]
		if len(c.Attribution) == 0 || c.Attribution[0].Who != tc.want {
			t.Errorf("%q: attribution %+v, want %s first", tc.text, c.Attribution, tc.want)
		}
	}
}

// TestQuoteSpeaker: the speaker named after a quote of several sentences
// speaks its first sentence too, and a denial in it is the speaker's act.
func TestQuoteSpeaker(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"\"The claim that Rwanda sent soldiers into Congo is not true, this is a lie. Both stories are lies,\" Yolande Makolo told a news conference in Kigali.", "Yolande Makolo"},
		{"“The report that Chadian troops crossed into Sudan is false. We have said so many times,” Abderaman Koulamallah said on Monday.", "Abderaman Koulamallah"},
		{"\"The claim that Kenyan soldiers entered Somalia is untrue. Nothing more needs saying,\" Amina Mohamed told reporters.", "Amina Mohamed"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		c := cs[0]
		if len(c.Attribution) == 0 || c.Attribution[0].Who != tc.want {
			t.Errorf("%q: attribution %+v, want %s first", tc.text, c.Attribution, tc.want)
		}
		if c.Action == claim.ActionDeny && (len(c.Actors) == 0 || c.Actors[0].Name != tc.want) {
			t.Errorf("%q: actors %+v, want %s first", tc.text, c.Actors, tc.want)
		}
	}
}

// TestNamedLater: a speaker a paragraph gives only by role is the person the
// next paragraph quotes by a name the text has not given before.
func TestNamedLater(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"A spokesman for Rwanda's ruling party denied that Rwandan troops entered Congo.\n\n\"The claim that Rwandan soldiers crossed the border is a lie,\" Yolande Makolo told a news conference.", "Yolande Makolo"},
		{"An aide to Chad's president swiftly denied that Chadian soldiers crossed into Sudan.\n\n“The claim that Chadian troops entered Darfur is false,” said Abderaman Koulamallah.", "Abderaman Koulamallah"},
		{"A spokeswoman for Kenya's foreign ministry denied that Kenyan troops entered Somalia.\n\n\"The claim that Kenyan soldiers crossed the border is untrue,\" Amina Mohamed told reporters.", "Amina Mohamed"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		c := cs[0]
		if len(c.Attribution) == 0 || c.Attribution[0].Who != tc.want {
			t.Errorf("%q: attribution %+v, want %s first", tc.text, c.Attribution, tc.want)
		}
	}
}

// TestSpeakerWordAlsoAVerb: a trailing speaker whose words include a
// reporting verb ("state media", "report") is still the speaker, and the
// heads of unnamed bodies (panels, investigators, intelligence) are
// speakers.
func TestSpeakerWordAlsoAVerb(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Chechen fighters were sent to Mariupol in March, state media said.", "state media"},
		{"Chechen fighters were sent to Mariupol in March, Russian state media reported.", "Russian state media"},
		{"Kenyan troops crossed into Somalia on Monday, Kenyan state media said.", "Kenyan state media"},
		{"Rwandan soldiers crossed into North Kivu in May, a UN panel of experts said.", "a UN panel of experts"},
		{"Rwandan soldiers crossed into North Kivu in May, UN investigators said.", "UN investigators"},
		{"Rwandan soldiers crossed into North Kivu in May, Congolese intelligence said.", "Congolese intelligence"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", tc.text, len(cs))
			continue
		}
		if c := cs[0]; len(c.Attribution) == 0 || c.Attribution[0].Who != tc.want {
			t.Errorf("%q: attribution %+v, want %s first", tc.text, c.Attribution, tc.want)
		}
	}
}

// TestOfficersSpeak: unnamed officers are speakers, so what they confirm
// is a claim told by them.
func TestOfficersSpeak(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Two Congolese army officers confirmed the presence of Burundian soldiers in Uvira.", "Two Congolese army officers"},
		{"Two Congolese army officers, speaking on condition of anonymity, confirmed the presence of Burundian soldiers in Uvira.", "Two Congolese army officers"},
		{"A Malian intelligence officer said Wagner fighters had arrived in Gao.", "A Malian intelligence officer"},
		{"Police officers said Chadian troops had crossed into Sudan.", "Police officers"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", tc.text, len(cs))
			continue
		}
		if c := cs[0]; len(c.Attribution) == 0 || c.Attribution[0].Who != tc.want {
			t.Errorf("%q: attribution %+v, want %s first", tc.text, c.Attribution, tc.want)
		}
	}
}

// TestAidWorkersSpeak: aid and relief workers are unnamed speakers.
func TestAidWorkersSpeak(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Hundreds of Eritrean troops remain in Tigray, according to aid workers.", "aid workers"},
		{"Ethiopian soldiers have been spotted in the town of Shire, aid workers said.", "aid workers"},
		{"Chadian fighters crossed into Darfur, two relief workers told AFP.", "two relief workers"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", tc.text, len(cs))
			continue
		}
		if c := cs[0]; len(c.Attribution) == 0 || c.Attribution[0].Who != tc.want {
			t.Errorf("%q: attribution %+v, want %s first", tc.text, c.Attribution, tc.want)
		}
	}
}
