package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
)

// synthetic returns a seeded random Dataset of about `disposals` disposals rows over
// `children` children (each child at least one row, the rest spread at random, so rows of a
// child are scattered through the extract), with ETE, OOCD and victims rows in proportion.
func synthetic(seed uint64, disposals, children int) *ingest.Dataset {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	first, last := calendar.New(2012, 4, 1), calendar.New(2019, 1, 31)
	span := int(last - first)
	date := func() calendar.Date { return first + calendar.Date(rng.IntN(span+1)) }
	clamp := func(x calendar.Date) calendar.Date { return min(x, last) }
	genders := []string{"Male", "Male", "Male", "Female", "unknown"}
	ethnicities := []string{"White", "White", "White", "Black", "Asian", "Mixed", "Other", "unknown"}
	localities := []string{"North", "South", "East", "West", "City Centre", "Coastal", "unknown"}
	categories := []string{"violence_against_the_person", "robbery", "drugs", "theft_and_handling", "criminal_damage", "motoring"}
	dobs := make([]calendar.Date, children)
	ids := make([]string, children)
	for c := range children {
		ids[c] = fmt.Sprintf("C%07d", c)
		dobs[c] = calendar.New(1995, 1, 1) + calendar.Date(rng.IntN(365*13))
	}
	ds := &ingest.Dataset{HasVictims: true, Inputs: []ingest.Input{
		{File: "disposals.csv", Kind: ingest.KindDisposals}, {File: "ete.csv", Kind: ingest.KindETE},
		{File: "oocd.csv", Kind: ingest.KindOOCD}, {File: "victims.csv", Kind: ingest.KindVictims},
	}}
	ds.Disposals = make([]ingest.Disposal, 0, disposals)
	for i := range disposals {
		c := i
		if i >= children {
			c = rng.IntN(children)
		}
		out := date()
		typ := ingest.Outcomes[rng.IntN(len(ingest.Outcomes))]
		r := ingest.Disposal{
			ChildID: ids[c], DateOfBirth: dobs[c], OffenceDate: out - calendar.Date(rng.IntN(120)),
			OutcomeDate: out, OutcomeType: typ,
			Gender: genders[c%len(genders)], Ethnicity: ethnicities[c%len(ethnicities)], Locality: localities[rng.IntN(len(localities))],
			OffenceCategory: categories[rng.IntN(len(categories))], GravityScore: 1 + rng.IntN(8),
			Src: ingest.Source{Input: 0, Row: i + 2},
		}
		if rng.IntN(20) == 0 {
			r.Breach = ingest.Yes
		}
		if typ.Tier() == ingest.Custody && rng.IntN(4) != 0 {
			r.ReleaseDate = clamp(out + calendar.Date(30+rng.IntN(400)))
		}
		ds.Disposals = append(ds.Disposals, r)
	}
	suit := []ingest.Suitability{ingest.Suitable, ingest.Suitable, ingest.Unsuitable, ingest.SuitUnknown}
	hrs := func() ingest.Hours {
		if rng.IntN(10) == 0 {
			return ingest.Hours{}
		}
		return ingest.Hours{Value: float64(rng.IntN(31)), Valid: true}
	}
	for i := range disposals / 10 {
		c := rng.IntN(children)
		start := date()
		end := calendar.Date(0)
		if rng.IntN(8) != 0 {
			end = clamp(start + calendar.Date(rng.IntN(365)))
		}
		ds.ETE = append(ds.ETE, ingest.ETE{
			ChildID: ids[c], DateOfBirth: dobs[c], InterventionType: ingest.ReferralOrder,
			InterventionStart: start, InterventionEnd: end,
			SuitableStart: suit[rng.IntN(len(suit))], SuitableEnd: suit[rng.IntN(len(suit))],
			HoursOfferedStart: hrs(), HoursAttendedStart: hrs(), HoursOfferedEnd: hrs(), HoursAttendedEnd: hrs(),
			Src: ingest.Source{Input: 1, Row: i + 2},
		})
	}
	pre := []ingest.Outcome{ingest.CommunityResolution, ingest.Outcome22, ingest.YouthCaution, ingest.YouthConditionalCaution}
	yn := []ingest.YesNo{ingest.Yes, ingest.No, ingest.Blank}
	for i := range disposals / 10 {
		c := rng.IntN(children)
		ref := date()
		r := ingest.OOCD{
			ChildID: ids[c], DateOfBirth: dobs[c], OutcomeType: pre[rng.IntN(len(pre))], ReferralDate: ref,
			AtPanel: yn[rng.IntN(3)], VictimIdentified: yn[rng.IntN(3)], VictimViewsSought: yn[rng.IntN(3)],
			Completion: ingest.Completion(rng.IntN(4)), Src: ingest.Source{Input: 2, Row: i + 2},
		}
		if rng.IntN(10) != 0 {
			r.AssessmentDate = clamp(ref + calendar.Date(rng.IntN(25)))
			r.DecisionDate = clamp(r.AssessmentDate + calendar.Date(rng.IntN(20)))
			r.InterventionStart = r.DecisionDate
			r.InterventionEnd = clamp(r.DecisionDate + calendar.Date(rng.IntN(120)))
		}
		ds.OOCD = append(ds.OOCD, r)
	}
	for i := range disposals / 20 {
		c := rng.IntN(children)
		ds.Victims = append(ds.Victims, ingest.Victim{
			VictimID: fmt.Sprintf("V%07d", i), ChildID: ids[c], ClosureDate: date(),
			ConsentedToContact: yn[rng.IntN(2)], ViewsSought: yn[rng.IntN(3)], RJOffered: yn[rng.IntN(3)], RJEngaged: yn[rng.IntN(3)],
			Src: ingest.Source{Input: 3, Row: i + 2},
		})
	}
	return ds
}

func benchConfig() config.Config {
	cfg := config.Default()
	cfg.Population1017 = 56000
	cfg.Targets = map[string]config.Target{
		"binary_reoffending_rate": {Target: 0.35, Better: Lower, AmberWithin: 0.03},
		"ete_suitable_end":        {Target: 0.8, Better: Higher, AmberWithin: 0.05},
	}
	return cfg
}

// BenchmarkCompute_1M is the scale target: 1,000,000 disposals rows over 300,000
// children, with 100,000 ETE and OOCD rows and 50,000 victims; under 2 s per Compute.
func BenchmarkCompute_1M(b *testing.B) {
	ds := synthetic(1, 1_000_000, 300_000)
	q, asOf, cfg := quarter("2018/19 Q3"), d("2019-01-31"), benchConfig()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Compute(ds, q, asOf, cfg)
	}
}

func TestComputeIsDeterministic(t *testing.T) {
	ds := synthetic(7, 20_000, 6_000)
	q, asOf, cfg := quarter("2018/19 Q3"), d("2019-01-31"), benchConfig()
	a, err := json.Marshal(Compute(ds, q, asOf, cfg))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, _ := json.Marshal(Compute(ds, q, asOf, cfg))
		if !bytes.Equal(a, b) {
			t.Fatal("two runs of Compute on one dataset differ")
		}
	}
}

// TestComputeMatchesAreaFunctions checks that Compute, which shares one child index between
// areas, agrees with the area functions that each build their own.
func TestComputeMatchesAreaFunctions(t *testing.T) {
	ds := synthetic(11, 20_000, 6_000)
	q, asOf, cfg := quarter("2018/19 Q3"), d("2019-01-31"), benchConfig()
	ind := Compute(ds, q, asOf, cfg)
	same := func(name string, x, y any) {
		a, _ := json.Marshal(x)
		b, _ := json.Marshal(y)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs:\n%s\n%s", name, a, b)
		}
	}
	same("reoffending", ind.Reoffending, ReoffendingFigures(ds.Disposals, q, asOf, ModeStandard))
	same("fte", ind.FTE, FTEIn(ds.Disposals, q, cfg.Population1017))
	same("custody", ind.Custody, CustodyIn(ds.Disposals, q, cfg.Population1017))
	for i, c := range ind.Reoffending.Cohorts {
		same("cohort "+c.Quarter, c, ReoffendingCohort(ds.Disposals, q.Add(i-7), asOf, ModeStandard))
	}
	if ind.Reoffending.Cohorts[0].Children == 0 || ind.FTE.Quarter.Count == 0 || ind.ETE.Children == 0 {
		t.Errorf("synthetic data too thin to compare: %+v", ind.FTE.Quarter)
	}
}
