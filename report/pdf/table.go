package pdf

import (
	"math"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// column is a table column: its heading, width in grid units (3 mm) and alignment.
type column struct {
	title string
	units int
	align align.Type
}

// tcell is one table cell.
type tcell struct {
	text string
	bold bool
	bg   *props.Color // nil = none
	fg   *props.Color // nil = body ink
}

// table is a table built row by row, so its header repeats after every page break and no
// row is taller than a page (cells are wrapped, and cut to maxLines with an ellipsis).
type table struct {
	cols     []column
	rows     [][]tcell
	total    []tcell // an optional bold last row
	maxLines int     // 0 = no limit (short cells only)
	small    bool    // 7 pt text, for the scorecard's many columns
}

var (
	tableBody   = style{size: 8, font: fontstyle.Normal, color: ink}
	tableBold   = style{size: 8, font: fontstyle.Bold, color: ink}
	tableHeader = style{size: 7.5, font: fontstyle.Bold, color: white}

	tableSmall       = style{size: 7, font: fontstyle.Normal, color: ink}
	tableBoldSmall   = style{size: 7, font: fontstyle.Bold, color: ink}
	tableHeaderSmall = style{size: 7, font: fontstyle.Bold, color: white}
)

func num(s string) tcell { return tcell{text: s} }

func txt(s string) tcell { return tcell{text: s} }

// groupRow reports whether cells label the group of rows below them in a table of several
// columns: text in the first cell only ("By gender").
func groupRow(t *table, cells []tcell) bool {
	if len(t.cols) < 2 || len(cells) == 0 || cells[0].text == "" {
		return false
	}
	for _, c := range cells[1:] {
		if c.text != "" {
			return false
		}
	}
	return true
}

// tableRow returns the wrapped lines of each cell and the row's height.
func (f *flow) tableRow(t *table, cells []tcell, st style) (lines [][]string, h float64) {
	maxN := 1
	lines = make([][]string, len(t.cols))
	for i, c := range t.cols {
		if i >= len(cells) {
			continue
		}
		cst := st
		if cells[i].bold {
			cst.font = fontstyle.Bold
		}
		w := float64(c.units)*unitW - 2*cellPad
		l := f.meas.wrap(cells[i].text, cst.font, cst.size, w)
		limit := t.maxLines
		if limit == 0 {
			limit = int((maxRowH - 2*cellPad) / lineH(st.size))
		}
		l = f.meas.truncate(l, limit, cst.font, cst.size, w)
		lines[i] = l
		if len(l) > maxN {
			maxN = len(l)
		}
	}
	return lines, float64(maxN)*lineH(st.size) + 2*cellPad - 0.6
}

func (f *flow) tableCols(t *table, cells []tcell, lines [][]string, st style, bg *props.Color, b border.Type) []core.Col {
	out := make([]core.Col, len(t.cols))
	for i, c := range t.cols {
		cst := st
		cst.align = c.align
		var cellBG = bg
		if i < len(cells) {
			if cells[i].bold {
				cst.font = fontstyle.Bold
			}
			if cells[i].fg != nil {
				cst.color = cells[i].fg
			}
			if cells[i].bg != nil {
				cellBG = cells[i].bg
			}
		}
		cl := linesCol(c.units, lines[i], cst, cellPad, cellPad)
		cl.WithStyle(cellStyle(cellBG, b, rule))
		out[i] = cl
	}
	return out
}

// fit sizes every column of t but flex to its content: a right-aligned (figures) column to
// its longest line, any other to its longest word, and each to the longest word of its
// heading; flex takes the rest of the page's width, at least minFlex units, the widest
// other columns giving way when it would have less.
func (f *flow) fit(t *table, flex, minFlex int) {
	body, bold, head := tableBody, tableBold, tableHeader
	if t.small {
		body, bold, head = tableSmall, tableBoldSmall, tableHeaderSmall
	}
	units := func(mm float64) int { return int(math.Ceil((mm/wrapMargin + 2*cellPad) / unitW)) }
	widest := func(s string, st style, whole bool) float64 {
		w := 0.0
		for _, line := range strings.Split(s, "\n") {
			if whole {
				w = max(w, f.meas.width(line, st.font, st.size))
				continue
			}
			for _, word := range strings.Fields(line) {
				w = max(w, f.meas.width(word, st.font, st.size))
			}
		}
		return w
	}
	total := 0
	for i := range t.cols {
		if i == flex {
			continue
		}
		c := &t.cols[i]
		w := widest(c.title, head, false)
		for _, r := range append(append([][]tcell(nil), t.rows...), t.total) {
			if i < len(r) {
				st := body
				if r[i].bold {
					st = bold
				}
				w = max(w, widest(r[i].text, st, c.align == align.Right))
			}
		}
		c.units = max(1, units(w))
		total += c.units
	}
	for grid-total < minFlex {
		// The widest other column gives a unit.
		j := -1
		for i := range t.cols {
			if i != flex && t.cols[i].units > 1 && (j < 0 || t.cols[i].units > t.cols[j].units) {
				j = i
			}
		}
		if j < 0 {
			break
		}
		t.cols[j].units--
		total--
	}
	t.cols[flex].units = grid - total
}

// minSplitRows is the fewest rows a table leaves on either side of a page break: a page
// that starts or ends with one or two rows of a table reads as an orphan.
const minSplitRows = 3

// table places t: the header, then each row, the header again at the top of every new page.
// A break never leaves fewer than minSplitRows rows of the table (its total row counted
// with the last) on either side: a short table is kept whole, the header with its first rows,
// and the last rows with each other.
func (f *flow) table(t table) {
	head := make([]tcell, len(t.cols))
	for i, c := range t.cols {
		head[i] = tcell{text: c.title}
	}
	st := tableBody
	if t.small {
		st = tableSmall
	}
	hst, bst := tableHeader, tableBold
	if t.small {
		hst, bst = tableHeaderSmall, tableBoldSmall
	}
	hl, hh := f.tableRow(&t, head, hst)
	addHeader := func() {
		f.add(hh, f.tableCols(&t, head, hl, hst, navy, border.None)...)
	}
	n := len(t.rows)
	heights := make([]float64, n)
	for i, r := range t.rows {
		_, h := f.tableRow(&t, r, st)
		heights[i] = snap(h)
	}
	totalH := 0.0
	if t.total != nil {
		_, h := f.tableRow(&t, t.total, bst)
		totalH = snap(h)
	}
	sum := func(from, to int) float64 {
		s := 0.0
		for _, h := range heights[from:to] {
			s += h
		}
		return s
	}
	// Keep a short table whole, when it fits on a page; else the header with its first rows.
	whole := snap(hh) + sum(0, n) + totalH
	need := snap(hh) + sum(0, min(minSplitRows, n))
	if n < minSplitRows {
		need += totalH
	}
	if n < 2*minSplitRows && whole <= usableH-f.headerH-f.footerH-1 {
		need = whole
	}
	f.ensure(need + 0.01)
	addHeader()
	f.onNewPage = addHeader
	for i, r := range t.rows {
		l, h := f.tableRow(&t, r, st)
		if i == n-minSplitRows && i >= minSplitRows {
			// The last rows (and the total) go together onto the next page rather than
			// leave fewer than minSplitRows of them there.
			if tail := sum(i, n) + totalH; tail > f.remaining()-0.01 {
				f.pageBreak()
			}
		}
		if groupRow(&t, r) && i+1 < len(t.rows) {
			// A row naming the group below it never sits alone at the foot of a page.
			f.ensure(heights[i] + heights[i+1] + 0.01)
		}
		f.add(h, f.tableCols(&t, r, l, st, nil, border.Bottom)...)
	}
	if t.total != nil {
		l, h := f.tableRow(&t, t.total, bst)
		f.add(h, f.tableCols(&t, t.total, l, bst, paleGrey, border.Bottom)...)
	}
	f.onNewPage = nil
	f.space(2)
}
