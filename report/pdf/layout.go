package pdf

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/yjsreport/yjsreport/report/pdf/fonts"
)

// Page geometry in millimetres (A4).
const (
	pageW, pageH      = 210.0, 297.0
	marginL, marginR  = 15.0, 15.0
	marginT, marginB  = 12.0, 14.0
	contentW          = pageW - marginL - marginR
	usableH           = pageH - marginT - marginB
	grid              = 60 // maroto grid columns: 3 mm each
	mmPerPt           = 25.4 / 72
	lineSpacing       = 1.3 // line height as a multiple of the font size
	family            = "go"
	cellPad           = 1.2 // padding inside table cells
	unitW             = contentW / grid
	maxRowH           = usableH - 40 // a row is never taller than a page, header and footer included
	ellipsis          = "…"
	bulletIndentUnits = 2
)

// measurer measures text in the Go fonts exactly as the PDF library does (sum of glyph
// advances, no kerning), so text can be wrapped and rows sized before they are placed.
//
// Every operation is linear in the length of its text: each character's advance is looked
// up once per pass (and cached per face), never re-measured as a line grows or shrinks. A
// 100,000-character word is wrapped in milliseconds.
type measurer struct {
	fonts map[fontstyle.Type]*sfnt.Font
	buf   sfnt.Buffer
	cache map[fontstyle.Type]map[rune]float64 // advance in em
	// looked counts characters looked up, so tests can check the work is linear.
	looked int
}

func newMeasurer() (*measurer, error) {
	m := &measurer{fonts: map[fontstyle.Type]*sfnt.Font{}, cache: map[fontstyle.Type]map[rune]float64{}}
	for st, ttf := range map[fontstyle.Type][]byte{
		fontstyle.Normal: fonts.Regular, fontstyle.Bold: fonts.Bold,
		fontstyle.Italic: fonts.Italic, fontstyle.BoldItalic: fonts.BoldItalic,
	} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return nil, err
		}
		m.fonts[st] = f
		m.cache[st] = map[rune]float64{}
	}
	return m, nil
}

// advance returns the advance of r in em.
func (m *measurer) advance(r rune, st fontstyle.Type) float64 {
	m.looked++
	c := m.cache[st]
	a, ok := c[r]
	if !ok {
		f := m.fonts[st]
		upm := float64(f.UnitsPerEm())
		idx, err := f.GlyphIndex(&m.buf, r)
		if err == nil {
			adv, err2 := f.GlyphAdvance(&m.buf, idx, fixed.Int26_6(f.UnitsPerEm())<<6, 0)
			if err2 == nil {
				a = float64(adv) / 64 / upm
			}
		}
		c[r] = a
	}
	return a
}

// em returns the width of s in em.
func (m *measurer) em(s string, st fontstyle.Type) float64 {
	w := 0.0
	for _, r := range s {
		w += m.advance(r, st)
	}
	return w
}

// width returns the width of s in mm at size points.
func (m *measurer) width(s string, st fontstyle.Type, size float64) float64 {
	return m.em(s, st) * size * mmPerPt
}

// wrapMargin is the share of a column's width that text is wrapped to: the PDF library
// measures the same way, but rounds differently.
const wrapMargin = 0.97

// wrap breaks s into lines no wider than w mm, at spaces; a word wider than w is cut where
// it overflows. A "\n" in s starts a new line.
func (m *measurer) wrap(s string, st fontstyle.Type, size, w float64) []string {
	limit := w * wrapMargin / (size * mmPerPt) // in em
	space := m.advance(' ', st)
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		line, lineEm := "", 0.0
		for _, word := range words {
			wordEm := m.em(word, st)
			if wordEm > limit && utf8.RuneCountInString(word) > 1 {
				// Cut an over-long word (a hash, a URL) where it overflows, in one pass: each
				// piece is the longest that fits, of one character at least.
				if line != "" {
					lines = append(lines, line)
				}
				start, acc := 0, 0.0
				for i, r := range word {
					a := m.advance(r, st)
					if acc+a > limit && i > start {
						lines = append(lines, word[start:i])
						start, acc = i, 0
					}
					acc += a
				}
				line, lineEm = word[start:], acc
				continue
			}
			switch {
			case line == "":
				line, lineEm = word, wordEm
			case lineEm+space+wordEm <= limit:
				line += " " + word
				lineEm += space + wordEm
			default:
				lines = append(lines, line)
				line, lineEm = word, wordEm
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// truncate cuts lines to at most max, the last ending with an ellipsis that fits in w mm.
func (m *measurer) truncate(lines []string, max int, st fontstyle.Type, size, w float64) []string {
	if len(lines) <= max {
		return lines
	}
	out := append([]string(nil), lines[:max]...)
	limit := w*wrapMargin/(size*mmPerPt) - m.em(ellipsis, st)
	last := out[max-1]
	// The longest prefix of the last line that leaves room for the ellipsis.
	end, acc := len(last), 0.0
	for i, r := range last {
		if acc += m.advance(r, st); acc > limit {
			end = i
			break
		}
	}
	out[max-1] = strings.TrimRight(last[:end], " ") + ellipsis
	return out
}

// heightQuantum is the grid, in steps per mm, that every row height is rounded up to.
//
// maroto decides page breaks on its own running sum of row heights from 0, but gofpdf, which
// draws the rows, adds the same heights to a running y that starts at the top margin and
// breaks the page by itself as soon as a cell would end below the bottom margin. With
// arbitrary decimals the two sums round differently: on a page we fill exactly, gofpdf's y
// can end 1e-13 mm too low, and the footer row then "overflows" and is pushed onto a page of
// its own. Every later page is then drawn one footer lower (rules cross the text, a blank
// page is left at the end) and "Page N of M" counts maroto's pages, not the printed ones.
// Heights that are multiples of 1/256 mm (and the margins and header and footer heights,
// whole mm) are exact in binary floating point, so both sums are exact and always agree.
const heightQuantum = 256

// snap rounds a row height up to the height grid.
func snap(h float64) float64 { return math.Ceil(h*heightQuantum) / heightQuantum }

func lineH(size float64) float64 { return size * mmPerPt * lineSpacing }

// style is a text style.
type style struct {
	size  float64
	font  fontstyle.Type
	color *props.Color
	align align.Type
}

func (s style) props(top, left, right float64) props.Text {
	return props.Text{Family: family, Style: s.font, Size: s.size, Color: s.color, Align: s.align, Top: top, Left: left, Right: right}
}

// flow mirrors maroto's page filling so the report knows where page breaks fall: every row
// has a height known before it is added, and a row that does not fit starts a new page
// (maroto's own rule, reproduced in add).
type flow struct {
	m       core.Maroto
	meas    *measurer
	used    float64 // height used on the current page, the page header included
	headerH float64
	footerH float64
	// onNewPage is called when add moves to a new page, before the row that caused it, so
	// tables can repeat their header; it is nil outside tables.
	onNewPage func()
	// pages records each page as it is closed: how full it was and whether it ended a
	// section (tests check that no page is left nearly empty but a section's last).
	pages []pageFill
	// ending is set by endSection: the page being closed ends a section.
	ending bool
	// closed is true once the current page is recorded (pageBreak filled it) and until the
	// next row starts a new one.
	closed bool
}

// pageFill is how much of a page's content area was used, and whether the page was the last
// of a section (or the cover), which may be short.
type pageFill struct {
	used       float64 // mm of content, between the header and the footer
	sectionEnd bool
}

// closePage records the page being left, once.
func (f *flow) closePage() {
	if f.closed {
		return
	}
	f.pages = append(f.pages, pageFill{used: f.used - f.headerH, sectionEnd: f.ending})
	f.ending = false
	f.closed = true
}

// endSection starts a new page for the next section, the page being left ending a section.
func (f *flow) endSection() {
	switch {
	case f.used <= f.headerH+0.001:
		return // nothing on this page yet
	case f.closed:
		f.pages[len(f.pages)-1].sectionEnd = true // the page ended already
	default:
		f.ending = true
		f.pageBreak()
	}
}

// finish records the last page, which ends the last section.
func (f *flow) finish() {
	f.endSection()
}

func (f *flow) remaining() float64 { return usableH - f.used - f.footerH }

// add places a row of height h, starting a new page when it does not fit.
func (f *flow) add(h float64, cols ...core.Col) {
	h = snap(h)
	if h > maxRowH {
		h = maxRowH // never taller than a page: callers split long content before this
	}
	if f.used+h+f.footerH > usableH-0.01 {
		// Fill the page ourselves so maroto breaks here too, whatever its rounding.
		f.pageBreak()
		f.used = f.headerH
		f.closed = false
		if cb := f.onNewPage; cb != nil {
			f.onNewPage = nil
			cb()
			f.onNewPage = cb
		}
	}
	f.used += h
	f.m.AddRows(row.New(h).Add(cols...))
}

// ensure starts a new page unless h mm are left on this one.
func (f *flow) ensure(h float64) {
	if f.remaining() < h {
		f.pageBreak()
	}
}

// pageBreak fills the rest of the page so the next row starts a new one.
func (f *flow) pageBreak() {
	if f.used <= f.headerH+0.001 {
		return // already at the top of a page
	}
	f.closePage()
	space := f.remaining()
	if space > 0 {
		f.m.AddRows(row.New(space).Add(col.New(grid)))
	}
	f.used = usableH - f.footerH
	// The next add finds no room and starts the new page.
}

func (f *flow) space(h float64) {
	if f.remaining() < h {
		f.pageBreak()
		return
	}
	if f.used <= f.headerH+0.001 {
		return // no gap at the top of a page
	}
	f.add(h, col.New(grid))
}

// lines is a block of pre-wrapped lines in one column.
func linesCol(units int, lines []string, st style, padTop, padLeft float64) core.Col {
	c := col.New(units)
	lh := lineH(st.size)
	for i, l := range lines {
		if l == "" {
			continue
		}
		c.Add(text.New(l, st.props(padTop+float64(i)*lh, padLeft, cellPad)))
	}
	return c
}

// para places a paragraph of text across the full width, split across pages by lines.
func (f *flow) para(s string, st style, indentMM float64, after float64) {
	lines := f.meas.wrap(s, st.font, st.size, contentW-indentMM)
	f.linesBlock(lines, st, indentMM)
	if after > 0 {
		f.space(after)
	}
}

// linesBlock places pre-wrapped lines, as many per row as fit on the page.
func (f *flow) linesBlock(lines []string, st style, indentMM float64) {
	lh := lineH(st.size)
	for len(lines) > 0 {
		fit := int((f.remaining() - 0.5) / lh)
		if fit < 2 && len(lines) > 1 || fit < 1 {
			f.pageBreak()
			f.add(0.01, col.New(grid)) // move onto the new page
			fit = int((f.remaining() - 0.5) / lh)
		}
		if fit > len(lines) {
			fit = len(lines)
		}
		f.add(float64(fit)*lh+0.6, linesCol(grid, lines[:fit], st, 0, indentMM))
		lines = lines[fit:]
	}
}

// bullet places a "•" item with a hanging indent.
func (f *flow) bullet(s string, st style, marker string, markerStyle style) {
	f.bulletAt(s, st, marker, markerStyle, 0)
}

// bulletAt places a bullet item whose marker is indent grid units from the left margin.
func (f *flow) bulletAt(s string, st style, marker string, markerStyle style, indent int) {
	w := float64(indent+bulletIndentUnits) * unitW
	lines := f.meas.wrap(s, st.font, st.size, contentW-w)
	lh := lineH(st.size)
	first := true
	for len(lines) > 0 {
		fit := int((f.remaining() - 0.5) / lh)
		if fit < 1 {
			f.pageBreak()
			f.add(0.01, col.New(grid))
			fit = int((f.remaining() - 0.5) / lh)
		}
		if fit > len(lines) {
			fit = len(lines)
		}
		var cols []core.Col
		if indent > 0 {
			cols = append(cols, col.New(indent))
		}
		mk := col.New(bulletIndentUnits)
		if first {
			mk.Add(text.New(marker, markerStyle.props(0, 1.5, 0)))
		}
		cols = append(cols, mk, linesCol(grid-bulletIndentUnits-indent, lines[:fit], st, 0, 0))
		f.add(float64(fit)*lh+0.6, cols...)
		lines = lines[fit:]
		first = false
	}
}

// imageCol places a PNG at its printed height across the given columns.
func imageCol(units int, png []byte) core.Col {
	return col.New(units).Add(imageComponent(png, props.Rect{Center: true, Percent: 100}))
}

// imageComponent is a PNG placed in a cell as rect says.
func imageComponent(png []byte, rect props.Rect) core.Component {
	return image.NewFromBytes(png, extension.Png, rect)
}

func cellStyle(bg *props.Color, b border.Type, bc *props.Color) *props.Cell {
	return &props.Cell{BackgroundColor: bg, BorderType: b, BorderColor: bc, BorderThickness: 0.2}
}
