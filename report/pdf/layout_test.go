package pdf

import (
	"reflect"
	"strings"
	"testing"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
)

func newTestMeasurer(t testing.TB) *measurer {
	t.Helper()
	m, err := newMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// fitting returns the column width, in mm, in which s just fits at 9 pt.
func fitting(m *measurer, s string) float64 {
	return m.width(s, fontstyle.Normal, 9) / wrapMargin * (1 + 1e-9)
}

func TestWrap(t *testing.T) {
	m := newTestMeasurer(t)
	x10 := strings.Repeat("x", 10)
	for _, c := range []struct {
		name string
		in   string
		w    float64 // column width in mm
		want []string
	}{
		{"words that fit stay on one line", "aaa bbb", 100, []string{"aaa bbb"}},
		{"a line breaks before the word that would overflow", "aaa bbb ccc", fitting(m, "aaa bbb"), []string{"aaa bbb", "ccc"}},
		{"a line exactly as wide as the column is kept whole", "aaa bbb", fitting(m, "aaa bbb"), []string{"aaa bbb"}},
		{"runs of spaces become one", "a   b \t c", 100, []string{"a b c"}},
		{"a newline starts a line and a blank line is kept", "a\n\nb", 100, []string{"a", "", "b"}},
		{"an over-long word is cut into pieces that each fill a line, its tail joining the next words",
			strings.Repeat("x", 25) + " yy", fitting(m, x10), []string{x10, x10, "xxxxx yy"}},
		{"the line before an over-long word is ended first", "aa " + strings.Repeat("x", 21), fitting(m, x10), []string{"aa", x10, x10, "x"}},
		{"a cut never splits a character", strings.Repeat("é", 12), fitting(m, strings.Repeat("é", 5)),
			[]string{"ééééé", "ééééé", "éé"}},
		{"a single character wider than the column stays whole", "W", 0.5, []string{"W"}},
		{"characters wider than the column go one to a line", "WW", 0.5, []string{"W", "W"}},
	} {
		got := m.wrap(c.in, fontstyle.Normal, 9, c.w)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: wrap(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestWrapLongWordIsLinear(t *testing.T) {
	// The issue: a 10,000-character locality took 78 s to lay out, because an over-long word
	// was cut by re-measuring ever shorter prefixes (cubic in its length). Each character is
	// now looked up a fixed number of times (measuring the word, then cutting it).
	m := newTestMeasurer(t)
	// First a word short enough that a super-linear wrap still ends quickly, so the test
	// fails rather than hangs; then the 100,000 characters of the brief.
	for _, n := range []int{1000, 100000} {
		word := strings.Repeat("x", n)
		m.looked = 0
		m.wrap(word, fontstyle.Normal, 9, contentW)
		if m.looked > 2*n+1 {
			t.Fatalf("wrapping a %d-character word looked up %d characters, want at most %d", n, m.looked, 2*n+1)
		}
	}
	word := strings.Repeat("Northamptonshire", 100000/16)
	lines := m.wrap(word, fontstyle.Normal, 9, contentW)
	if strings.Join(lines, "") != word {
		t.Errorf("the pieces do not make the word")
	}
	for i, l := range lines {
		if w := m.width(l, fontstyle.Normal, 9); w > contentW*wrapMargin {
			t.Fatalf("line %d is %.2f mm wide, more than %.2f", i, w, contentW*wrapMargin)
		}
	}
	// Every piece but the last is full: one more character would not fit.
	for i, l := range lines[:len(lines)-1] {
		next := lines[i+1][:1]
		if w := m.width(l+next, fontstyle.Normal, 9); w <= contentW*wrapMargin {
			t.Fatalf("line %d (%d characters) could have held one more", i, len(l))
		}
	}
}

func TestTruncate(t *testing.T) {
	m := newTestMeasurer(t)
	for _, c := range []struct {
		name  string
		lines []string
		max   int
		w     float64
		want  []string
	}{
		{"lines within the limit are unchanged", []string{"aaaa", "bbbb"}, 2, fitting(m, "aaaa"), []string{"aaaa", "bbbb"}},
		{"the last kept line ends in an ellipsis", []string{"aaaa", "bbbb", "cccc"}, 2, fitting(m, "bbbb…"), []string{"aaaa", "bbbb…"}},
		{"the last kept line is cut to make room for the ellipsis", []string{"aaaa bbbb", "cccc"}, 1, fitting(m, "aaaa bb…"), []string{"aaaa bb…"}},
		{"no space is left before the ellipsis", []string{"aaaa bbbb", "cccc"}, 1, fitting(m, "aaaa …"), []string{"aaaa…"}},
	} {
		got := m.truncate(c.lines, c.max, fontstyle.Normal, 9, c.w)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: truncate(%q, %d) = %q, want %q", c.name, c.lines, c.max, got, c.want)
		}
	}
	w := fitting(m, "aaaa bbbb")
	t.Run("the cut line with its ellipsis fits", func(t *testing.T) {
		got := m.truncate([]string{"aaaa bbbb", "c"}, 1, fontstyle.Normal, 9, w)
		if width := m.width(got[0], fontstyle.Normal, 9); width > w*wrapMargin {
			t.Errorf("%q is %.3f mm wide, more than %.3f", got[0], width, w*wrapMargin)
		}
	})
}

func BenchmarkWrapLongWord(b *testing.B) {
	m := newTestMeasurer(b)
	word := strings.Repeat("x", 100000)
	b.SetBytes(int64(len(word)))
	for b.Loop() {
		m.wrap(word, fontstyle.Normal, 9, contentW)
	}
}

func BenchmarkWrapParagraph(b *testing.B) {
	m := newTestMeasurer(b)
	para := strings.Repeat("The newest mature cohort is small; the board should read the trend. ", 1500) // ~100,000 characters
	b.SetBytes(int64(len(para)))
	for b.Loop() {
		m.wrap(para, fontstyle.Normal, 9, contentW)
	}
}
