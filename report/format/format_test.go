package format

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/report"
)

type strCase struct {
	name string
	got  string
	want string
}

func check(t *testing.T, cases []strCase) {
	t.Helper()
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestPercent(t *testing.T) {
	check(t, []strCase{
		// 46 / 148 = 0.310810… = 31.08% → 31.1%.
		{"percentages to 1 dp: 46 of 148", Percent(46.0 / 148), "31.1%"},
		{"a zero rate keeps its decimal place", Percent(0), "0.0%"},
		{"all of them", Percent(1), "100.0%"},
		// 2 / 3 = 66.666…% → 66.7%.
		{"two thirds", Percent(2.0 / 3), "66.7%"},
		// 0.3125 is exact in binary: 31.25% is a true half, and goes away from zero.
		{"half away from zero, not half to even", Percent(0.3125), "31.3%"},
		// 0.0005 = 0.05% → 0.1%.
		{"half away from zero at the smallest figure", Percent(0.0005), "0.1%"},
		{"below half rounds down", Percent(0.00049), "0.0%"},
		// 99.95% → 100.0%, carrying into a new digit.
		{"rounding carries into the hundreds", Percent(0.9995), "100.0%"},
		{"a tiny negative is zero, not −0.0%", Percent(-0.0004), "0.0%"},
		{"negative zero is zero", Percent(math.Copysign(0, -1)), "0.0%"},
		{"over 100% has separators", Percent(12.345), "1,234.5%"},
		{"NaN is n/a", Percent(math.NaN()), "n/a"},
		{"infinity is n/a", Percent(math.Inf(1)), "n/a"},
	})
}

func TestPercentTo(t *testing.T) {
	check(t, []strCase{
		{"an axis tick at a whole percentage", PercentTo(0.2, 0), "20%"},
		{"an axis tick at a half percentage", PercentTo(0.025, 1), "2.5%"},
		// 0.145 is 0.14499999999999999… in binary; its decimal value 14.5% rounds up.
		{"rounding is of the decimal value, not of the binary", PercentTo(0.145, 0), "15%"},
		// 4 / 13 = 30.769…% → 31%.
		{"a whole-percent point label", PercentTo(4.0/13, 0), "31%"},
		{"two places when asked", PercentTo(0.12345, 2), "12.35%"},
	})
}

func TestPoints(t *testing.T) {
	check(t, []strCase{
		{"a fall has a true minus", Points(-0.025), "−2.5 pts"},
		{"a rise has a plus", Points(0.003), "+0.3 pts"},
		{"no change has no sign", Points(0), "0.0 pts"},
		// 0.0004 = 0.04 points → 0.0: shown as no change, unsigned.
		{"a change too small to show has no sign", Points(-0.0004), "0.0 pts"},
		// 4/13 − 5/12 = 0.307692 − 0.416667 = −0.108974 → −10.9 points.
		{"change of a headline rate", Points(4.0/13 - 5.0/12), "−10.9 pts"},
		// 48/80 − 47/80 = 0.0125 exactly in decimals, 0.0124999999999999556 in binary:
		// 1.25 points is a half and goes away from zero.
		{"binary noise does not turn a half down", Points(0.6 - 0.5875), "+1.3 pts"},
		{"half away from zero for a fall", Points(-0.0005), "−0.1 pts"},
		{"float noise around zero is no change", Points(0.1 + 0.2 - 0.3), "0.0 pts"},
	})
}

func TestPointsSize(t *testing.T) {
	check(t, []strCase{
		{"an amber tolerance of 5 points", PointsSize(0.05), "5.0 pts"},
		{"an amber tolerance of 2.5 points", PointsSize(0.025), "2.5 pts"},
	})
}

func TestCount(t *testing.T) {
	check(t, []strCase{
		{"zero", Count(0), "0"},
		{"three digits have no separator", Count(999), "999"},
		{"thousands separator", Count(1000), "1,000"},
		{"millions", Count(1234567), "1,234,567"},
		{"negative with a true minus", Count(-1234), "−1,234"},
	})
}

func TestNumber(t *testing.T) {
	check(t, []strCase{
		{"decimals and separators", Number(1234.56, 1), "1,234.6"},
		// strconv would write 312.5 to no places as "312" (half to even).
		{"half away from zero to a whole number", Number(312.5, 0), "313"},
		{"negative half away from zero", Number(-2.5, 0), "−3"},
		// 1.005 is 1.00499999999999989… in binary; its decimal value rounds up.
		{"rounding is of the decimal value", Number(1.005, 2), "1.01"},
		{"two places", Number(2.0/3, 2), "0.67"},
		{"negative with separators", Number(-1234.5, 1), "−1,234.5"},
		{"a tiny negative is zero", Number(-0.004, 2), "0.00"},
		{"zero keeps its places", Number(0, 2), "0.00"},
		{"a million", Number(1e6, 0), "1,000,000"},
		{"negative decimals are none", Number(12.3, -1), "12"},
		{"large values are exact to 15 digits", Number(123456789012.25, 1), "123,456,789,012.3"},
		{"small values", Number(0.000123, 4), "0.0001"},
	})
}

func TestSigned(t *testing.T) {
	check(t, []strCase{
		{"a rise in a rate per 100,000", Signed(145.83, 1), "+145.8"},
		{"a fall in a frequency", Signed(-0.054, 2), "−0.05"},
		{"no visible change has no sign", Signed(0.004, 2), "0.00"},
		{"separators", Signed(1234.5, 1), "+1,234.5"},
	})
}

func TestRatesAndIntervals(t *testing.T) {
	check(t, []strCase{
		// 15 / 4,800 × 100,000 = 312.5.
		{"rate per 100,000 to 1 dp", RatePer100k(15.0 / 4800 * 100000), "312.5 per 100,000"},
		{"rate per 100,000 rounds half away", RatePer100k(61.25), "61.3 per 100,000"},
		{"rate per 100,000 with separators", RatePer100k(1234.56), "1,234.6 per 100,000"},
		// 78 / 148 = 0.52702… → 0.53.
		{"frequency to 2 dp", Frequency(78.0 / 148), "0.53"},
		{"frequency half away", Frequency(0.125), "0.13"},
		{"95% interval of a proportion", Interval(0.12681, 0.57627, true), "12.7%–57.6%"},
		{"95% interval of a number", Interval(1.25, 2.5, false), "1.25–2.50"},
	})
}

func TestHoursAndDays(t *testing.T) {
	check(t, []strCase{
		{"whole hours have no decimal", Hours(25), "25"},
		{"half hours", Hours(12.5), "12.5"},
		{"one place, half away", Hours(12.25), "12.3"},
		{"rounding to a whole number drops the .0", Hours(7.96), "8"},
		{"separators", Hours(1234), "1,234"},
		{"median days", Days(118.5), "118.5"},
		{"zero days", Days(0), "0"},
	})
}

func TestPValue(t *testing.T) {
	check(t, []strCase{
		{"below 0.001", PValue(0.0004), "<0.001"},
		{"three places", PValue(0.688), "0.688"},
		{"trailing zeros kept", PValue(0.05), "0.050"},
		{"one", PValue(1), "1.000"},
	})
}

func TestHeadline(t *testing.T) {
	check(t, []strCase{
		// 46 / 148 = 31.08%.
		{"a proportion on a tile", HeadlineFigure(report.KindProportion, 46.0/148), "31.1%"},
		{"a rate per 100,000 on a tile (its unit is beside it)", HeadlineFigure(report.KindRatePer100k, 61.24), "61.2"},
		{"a frequency on a tile", HeadlineFigure(report.KindFrequency, 78.0/148), "0.53"},
		{"a proportion in a sentence", Headline(report.KindProportion, 0.6), "60.0%"},
		{"a rate per 100,000 in a sentence carries its unit", Headline(report.KindRatePer100k, 312.5), "312.5 per 100,000"},
		{"a frequency in a sentence", Headline(report.KindFrequency, 0.5), "0.50"},
		{"a change in a proportion is in points", Change(report.KindProportion, -0.025), "−2.5 pts"},
		{"a change in a rate per 100,000", Change(report.KindRatePer100k, 10), "+10.0"},
		{"a change in a frequency", Change(report.KindFrequency, -0.02), "−0.02"},
	})
}

// TestNumberIsNearest checks, over many values, that Number writes a value within half a unit
// of the last place of v, and agrees with strconv wherever v is not within float noise of a
// half (where the two rounding rules differ by design).
func TestNumberIsNearest(t *testing.T) {
	x := uint64(12345)
	for i := 0; i < 20000; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		v := (float64(x%2000000) - 1000000) / 997 // spans −1,003 to 1,003 with all sorts of fractions
		d := int(x>>40) % 4
		got := Number(v, d)
		plain := strings.ReplaceAll(strings.ReplaceAll(got, ",", ""), Minus, "-")
		back, err := strconv.ParseFloat(plain, 64)
		if err != nil {
			t.Fatalf("Number(%v, %d) = %q: not a number", v, d, got)
		}
		unit := math.Pow(10, -float64(d))
		if math.Abs(back-v) > unit/2+1e-9 {
			t.Errorf("Number(%v, %d) = %q: more than half a unit away", v, d, got)
		}
		scaled := math.Abs(v) / unit
		if math.Abs(scaled-math.Floor(scaled)-0.5) > 1e-6 {
			want := strconv.FormatFloat(v, 'f', d, 64)
			if strings.Trim(want, "-0.") == "" {
				want = strings.TrimPrefix(want, "-")
			}
			if plain != want {
				t.Errorf("Number(%v, %d) = %q, strconv gives %q", v, d, got, want)
			}
		}
	}
}

func TestArrowFollowsTheWrittenSign(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"+2.5 pts", "▲"}, {Minus + "2.5 pts", "▼"}, {"0.0 pts", ""}, {"+0.02", "▲"}, {Minus + "0.05", "▼"},
	} {
		if got := Arrow(tt.in); got != tt.want {
			t.Errorf("Arrow(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestList(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"Police"}, "Police"},
		{[]string{"Police", "Health"}, "Police and Health"},
		{[]string{"Police", "Health", "Education"}, "Police, Health and Education"},
	} {
		if got := List(c.in); got != c.want {
			t.Errorf("List(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
