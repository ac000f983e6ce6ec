// Package fonts is the typeface of the board report — the Go fonts, embedded, used by the PDF
// (report/pdf) and by its chart images (report/chart/png) — and the one sanitiser that every
// string from the data or the config passes through before either draws it.
//
// The fonts cover about 700 characters: Latin, Greek and Cyrillic letters, punctuation and
// a few symbols (WGL4), all in the Basic Multilingual Plane. A character they lack is not
// left to the PDF library, which draws an empty glyph for it and panics outright on any
// character beyond U+FFFF (an emoji) while subsetting the font. Instead Text:
//
//   - composes the text (Unicode NFC), so a letter written with a combining accent ("e" +
//     U+0301) becomes the accented letter the fonts have ("é");
//   - keeps line breaks (U+2028, U+2029 and NEL become "\n"), writes tabs and spaces the fonts
//     lack as a plain space, and removes every other control or format character (C0 and C1
//     controls, zero-width joiners, bidirectional marks, soft hyphens, byte order marks);
//   - replaces any other character the fonts lack with StandIn, one per character — a
//     combining mark or emoji skin-tone modifier that cannot be drawn adds no second stand-in
//     to the one its base character already got.
//
// There is no text shaping: right-to-left scripts (Arabic, Hebrew) are not in the fonts and
// print as stand-ins, and text is always laid out left to right.
package fonts

import (
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// The four faces, as TrueType files.
var (
	Regular    = goregular.TTF
	Bold       = gobold.TTF
	Italic     = goitalic.TTF
	BoldItalic = gobolditalic.TTF
)

// StandIn is printed in place of a character the fonts cannot draw: a white square, the
// usual sign of a missing glyph, which is in every face.
const StandIn = '□'

// coverage is the set of characters every face has a glyph for, as a bitset over the Basic
// Multilingual Plane.
var coverage = sync.OnceValue(func() *[1 << 16 / 64]uint64 {
	var set [1 << 16 / 64]uint64
	for i := range set {
		set[i] = ^uint64(0)
	}
	var buf sfnt.Buffer
	for _, ttf := range [][]byte{Regular, Bold, Italic, BoldItalic} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			panic("fonts: an embedded Go font does not parse: " + err.Error()) // cannot happen
		}
		for r := rune(0); r < 1<<16; r++ {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				set[r/64] &^= 1 << (r % 64)
			}
		}
	}
	return &set
})

// Has reports whether every face has a glyph for r. Control characters and characters beyond
// U+FFFF (which the PDF library cannot subset) are never drawable.
func Has(r rune) bool {
	if r < 0x20 || r >= 0x7F && r < 0xA0 || r >= 1<<16 {
		return false
	}
	return coverage()[r/64]&(1<<(r%64)) != 0
}

// plain reports whether s is printable as it is: printable ASCII and newlines only. Most
// strings are, and skip the work of Text.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c >= 0x7F {
			return false
		}
	}
	return true
}

// Text returns s as the fonts can draw it (see the package comment) and the number of
// characters replaced by StandIn.
func Text(s string) (string, int) {
	if plain(s) {
		return s, 0
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, string(utf8.RuneError))
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	replaced := 0
	standIn := false // the last character written was StandIn
	for i, r := range s {
		switch {
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
			standIn = false
		case r == '\n', r == '\u0085', r == '\u2028', r == '\u2029':
			b.WriteByte('\n')
			standIn = false
		case unicode.In(r, unicode.Cc, unicode.Cf) && !unicode.IsSpace(r):
			// Invisible, or a hint for shaping this layout does not do: removed. (The soft
			// hyphen is in the fonts, but would print as a hyphen mid-word.)
		case Has(r):
			b.WriteRune(r)
			standIn = false
		case unicode.IsSpace(r):
			b.WriteByte(' ')
			standIn = false
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r >= 0x1F3FB && r <= 0x1F3FF:
			// A mark or a skin-tone modifier belongs to the character before it.
			if !standIn {
				b.WriteRune(StandIn)
				replaced++
				standIn = true
			}
		default:
			b.WriteRune(StandIn)
			replaced++
			standIn = true
		}
	}
	return b.String(), replaced
}

// Copy returns a deep copy of v with every string in it — struct fields, slice and map
// elements, map keys, through pointers — passed through Text, and the number of characters
// replaced. v itself is not changed, so the data other outputs read stays as written.
//
// Two map keys that become equal (two localities differing only in an emoji) are both kept:
// the later one, in the order of the original keys, gets " (2)", " (3)" … appended.
// Unexported struct fields are copied as they are.
func Copy[T any](v T) (T, int) {
	var c copier
	out := c.value(reflect.ValueOf(&v).Elem())
	return out.Interface().(T), c.replaced
}

type copier struct{ replaced int }

func (c *copier) value(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		s, n := Text(v.String())
		c.replaced += n
		if s == v.String() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.SetString(s)
		return out
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(c.value(v.Elem()))
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(c.value(v.Elem()))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := 0; i < v.NumField(); i++ {
			if f := out.Field(i); f.CanSet() {
				f.Set(c.value(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(c.value(v.Index(i)))
		}
		return out
	case reflect.Array:
		out := reflect.New(v.Type()).Elem()
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(c.value(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		keys := v.MapKeys()
		stringKeys := v.Type().Key().Kind() == reflect.String
		if stringKeys {
			sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		}
		for _, k := range keys {
			nk := c.value(k)
			if stringKeys {
				base := nk.String()
				for n := 2; out.MapIndex(nk).IsValid(); n++ {
					nk = reflect.New(k.Type()).Elem()
					nk.SetString(base + " (" + strconv.Itoa(n) + ")")
				}
			}
			out.SetMapIndex(nk, c.value(v.MapIndex(k)))
		}
		return out
	}
	return v
}
