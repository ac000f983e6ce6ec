package charttest

import (
	"fmt"
	"strings"

	"github.com/yjsreport/yjsreport/report"
)

// Hostile texts: what an export can carry in a free-text value (a locality, an ethnicity, a
// partner, a question's wording, a file name) and every renderer must survive.
var (
	// Emoji beyond U+FFFF: one alone, one with a skin tone, a joined family, a flag.
	Emoji = "Leeds 😀 👍🏽 👨\u200d👩\u200d👧 🇬🇧"
	// RightToLeft is Hebrew and Arabic, with a right-to-left override around Latin.
	RightToLeft = "שלום مرحبا \u202eevil\u202c"
	// Combining is a decomposed "é" (e + U+0301) that composes, and a stack of marks that
	// composes with nothing.
	Combining = "Cafe\u0301 x\u0301\u0302\u0303 Z\u0336a\u0336l\u0336g\u0336o\u0336"
	// Controls are C0 and C1 controls, an escape sequence, a bare carriage return and a line
	// separator.
	Controls = "Nor\x00th\x07 \x1b[31mred\x1b[0m\rWest\u0085Area\u2028End"
	// Missing is text of the Basic Multilingual Plane that the PDF's fonts lack.
	Missing = "✓ done ☃"
	// Invalid is not UTF-8.
	Invalid = "bad\xff\xfebytes"
	// Markup tries to end a script block of the dashboard and to pass for go-echarts code.
	Markup = "</script><script>alert(1)</script> __f__(function(){})__f__"
	// Long is one 100,000-character word.
	Long = strings.Repeat("Northamptonshire", 100000/16)
)

// HostileTexts are all the hostile texts, in a fixed order; HostileNames are those a file or
// sheet name can hold (a file system allows 255 bytes, Excel 31 characters for a sheet).
var (
	HostileTexts = []string{Emoji, RightToLeft, Combining, Controls, Missing, Invalid, Markup, Long}
	HostileNames = HostileTexts[:len(HostileTexts)-1]
)

// Hostile returns the fixture with hostile texts in every free-text value a renderer may
// show: the service, the input files and sheets (HostileNames), the groups of the headline cohort's
// breakdowns (each a group of its own), the feedback questions, the board's partners and the
// comparators.
func Hostile() *report.Indicators {
	ind := Indicators()
	ind.Service = "Example County YJS " + Emoji + " " + Controls
	for i := range ind.Inputs {
		ind.Inputs[i].File = HostileNames[i%len(HostileNames)] + ".xlsx"
		ind.Inputs[i].Sheet = HostileNames[(i+1)%len(HostileNames)]
	}
	for i := range ind.Reoffending.Cohorts {
		by := &ind.Reoffending.Cohorts[i].By
		for j, s := range HostileTexts {
			c := report.Counts{Children: 6 + j, Reoffenders: 2, Reoffences: 3}
			by.Gender[s] = c
			by.Ethnicity[s] = c
			by.Locality[s] = c
		}
	}
	// Only the text of the SPEC v2 blocks is set (no renderer draws them yet).
	fb := &report.Feedback{}
	ba := &report.BoardAttendance{ByPartner: map[string]report.PartnerAttendance{}}
	for _, s := range HostileTexts {
		fb.Questions = append(fb.Questions, report.FeedbackQuestion{Respondent: "child", Question: s})
		ba.ByPartner[s] = report.PartnerAttendance{}
		src := s
		ind.Comparators = append(ind.Comparators, report.ComparatorResult{
			Indicator: "binary_reoffending_rate", Comparator: s, Period: ind.Quarter.Label, Source: &src,
		})
	}
	ind.Feedback = fb
	ind.BoardAttendance = ba
	return ind
}

// ManyGroups returns the fixture with n distinct localities in the headline cohort, of one
// child each, named "Locality 00001" …, as a mis-mapped column gives.
func ManyGroups(n int) *report.Indicators {
	ind := Indicators()
	for i := range ind.Reoffending.Cohorts {
		c := &ind.Reoffending.Cohorts[i]
		if ind.Reoffending.Headline == nil || c.Quarter != *ind.Reoffending.Headline {
			continue
		}
		c.By.Locality = map[string]report.Counts{}
		for j := 1; j <= n; j++ {
			c.By.Locality[fmt.Sprintf("Locality %05d", j)] = report.Counts{Children: 1, Reoffenders: j % 2, Reoffences: j % 2}
		}
	}
	return ind
}
