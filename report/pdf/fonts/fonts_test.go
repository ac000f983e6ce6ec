package fonts

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHas(t *testing.T) {
	for _, c := range []struct {
		name string
		r    rune
		want bool
	}{
		{"a Latin letter is drawable", 'A', true},
		{"an accented Latin letter is drawable", 'é', true},
		{"the pound sign is drawable", '£', true},
		{"the true minus is drawable", '−', true},
		{"the stand-in itself is drawable", StandIn, true},
		{"the replacement character is drawable", '\uFFFD', true},
		{"a check mark is not in the fonts", '✓', false},
		{"a Hebrew letter is not in the fonts", 'א', false},
		{"an Arabic letter is not in the fonts", 'ا', false},
		{"a combining accent is not in the fonts", '\u0301', false},
		{"an emoji beyond U+FFFF is never drawable", '😀', false},
		// The Go fonts map U+0000 and U+000D to glyphs; control characters are still not text.
		{"NUL is not drawable although the font maps it", 0, false},
		{"carriage return is not drawable although the font maps it", '\r', false},
		{"a C1 control is not drawable", '\u0085', false},
	} {
		if got := Has(c.r); got != c.want {
			t.Errorf("%s: Has(%U) = %v, want %v", c.name, c.r, got, c.want)
		}
	}
}

func TestText(t *testing.T) {
	for _, c := range []struct {
		name     string
		in, want string
		replaced int
	}{
		{"printable ASCII is unchanged", "North Area (Team 2): 50% <5", "North Area (Team 2): 50% <5", 0},
		{"Latin, Greek and Cyrillic letters and print punctuation are kept", "Zoë · Ελλάδα · Москва · £5–€6 … “ok” −1 ≥ 2",
			"Zoë · Ελλάδα · Москва · £5–€6 … “ok” −1 ≥ 2", 0},
		{"an emoji beyond U+FFFF becomes one stand-in", "Leeds 😀", "Leeds □", 1},
		{"a character of the BMP the fonts lack becomes a stand-in", "✓ done", "□ done", 1},
		{"a decomposed accent is composed into the letter the fonts have", "Cafe\u0301 Zoe\u0308", "Café Zoë", 0},
		{"a combining mark with no composed form is one stand-in for its run", "x\u0301\u0302\u0303y", "x□y", 1},
		{"a skin-tone modifier adds no second stand-in", "👍🏽 ok", "□ ok", 1},
		{"a variation selector adds no second stand-in", "\u2764\uFE0F!", "□!", 1},
		{"a joined emoji sequence is one stand-in per pictograph", "👨\u200d👩\u200d👧", "□□□", 3},
		{"Hebrew is a stand-in per letter and its direction marks are removed", "\u200fשלום\u200e", "□□□□", 4},
		{"Arabic is a stand-in per letter", "مرحبا", "□□□□□", 5},
		{"C0 controls and DEL are removed", "A\x00B\x07C\x1bD\x7fE", "ABCDE", 0},
		{"C1 controls are removed", "A\u009bB", "AB", 0},
		{"format characters are removed", "a\u200bb\u200dc\ufeffd\u202ee\u2066f", "abcdef", 0},
		{"a soft hyphen is removed", "co\u00adoperate", "cooperate", 0},
		{"tabs and spaces the fonts lack are plain spaces", "a\tb\u2003c\u3000d\ve", "a b c d e", 0},
		{"line breaks of every kind become newlines", "a\r\nb\rc\u2028d\u2029e\u0085f\ng", "a\nb\nc\nd\ne\nf\ng", 0},
		{"invalid UTF-8 becomes the replacement character", "a\xffb", "a\uFFFDb", 0},
		{"empty stays empty", "", "", 0},
	} {
		got, n := Text(c.in)
		if got != c.want || n != c.replaced {
			t.Errorf("%s: Text(%q) = %q, %d; want %q, %d", c.name, c.in, got, n, c.want, c.replaced)
		}
	}
}

// drawable reports whether every character of s is one the fonts draw, or a newline.
func drawable(s string) bool {
	for _, r := range s {
		if r != '\n' && !Has(r) {
			return false
		}
	}
	return true
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"Leeds 😀", "Cafe\u0301", "שלום", "a\x00\r\n\u2028b", "\xff\xfe", "x\u0301\u0302", "👨\u200d👩"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, n := Text(s)
		if !drawable(got) {
			t.Fatalf("Text(%q) = %q holds a character the fonts cannot draw", s, got)
		}
		if again, m := Text(got); again != got || m != 0 {
			t.Fatalf("Text is not idempotent: %q → %q → %q (%d replaced)", s, got, again, m)
		}
		if c := strings.Count(got, string(StandIn)) - strings.Count(s, string(StandIn)); n > 0 && c <= 0 {
			t.Fatalf("Text(%q) = %q reports %d replaced but shows no more stand-ins", s, got, n)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Text(%q) = %q is not valid UTF-8", s, got)
		}
	})
}

type label string

type inner struct {
	Name  string
	Codes []label
}

type outer struct {
	Title  string
	Ptr    *inner
	List   []inner
	ByKey  map[string]int
	Nested map[string]*inner
	Array  [2]string
	Any    any
	Count  int
	hidden string
}

func TestCopy(t *testing.T) {
	orig := outer{
		Title:  "Report 😀",
		Ptr:    &inner{Name: "Ptr\x00", Codes: []label{"ok", "✓"}},
		List:   []inner{{Name: "שלום"}},
		ByKey:  map[string]int{"North😀": 1, "North🎉": 2, "North□": 3, "South": 4},
		Nested: map[string]*inner{"k\u200b": {Name: "v😀"}},
		Array:  [2]string{"a\tb", "c"},
		Any:    "any😀",
		Count:  7,
		hidden: "hidden😀",
	}
	got, n := Copy(orig)

	t.Run("every exported string reachable is sanitised", func(t *testing.T) {
		want := outer{
			Title: "Report □",
			Ptr:   &inner{Name: "Ptr", Codes: []label{"ok", "□"}},
			List:  []inner{{Name: "□□□□"}},
			// Sorted by the original keys: "North□" < "North🎉" < "North😀" (UTF-8 byte order),
			// so the emoji keys are the second and third "North□".
			ByKey:  map[string]int{"North□": 3, "North□ (2)": 2, "North□ (3)": 1, "South": 4},
			Nested: map[string]*inner{"k": {Name: "v□"}},
			Array:  [2]string{"a b", "c"},
			Any:    "any□",
			Count:  7,
			hidden: "hidden😀",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Copy =\n%#v\nwant\n%#v", got, want)
		}
	})
	t.Run("replacements are counted", func(t *testing.T) {
		// Report😀, ✓, שלום (4), North😀, North🎉, v😀, any😀: 10.
		if n != 10 {
			t.Errorf("replaced = %d, want 10", n)
		}
	})
	t.Run("the original is not changed", func(t *testing.T) {
		if orig.Title != "Report 😀" || orig.Ptr.Name != "Ptr\x00" || orig.Ptr.Codes[1] != "✓" || orig.List[0].Name != "שלום" ||
			orig.ByKey["North😀"] != 1 || orig.Nested["k\u200b"].Name != "v😀" || orig.Array[0] != "a\tb" {
			t.Errorf("original changed: %#v", orig)
		}
	})
	t.Run("clean data is copied as it is", func(t *testing.T) {
		clean := outer{Title: "t", ByKey: map[string]int{"a": 1}, Count: 2}
		got, n := Copy(clean)
		if n != 0 || !reflect.DeepEqual(got, clean) {
			t.Errorf("Copy(%#v) = %#v, %d", clean, got, n)
		}
	})
}
