package pdf

import (
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
}

var (
	tableBody   = style{size: 8, font: fontstyle.Normal, color: ink}
	tableBold   = style{size: 8, font: fontstyle.Bold, color: ink}
	tableHeader = style{size: 7.5, font: fontstyle.Bold, color: white}
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

// table places t: the header, then each row, the header again at the top of every new page.
func (f *flow) table(t table) {
	head := make([]tcell, len(t.cols))
	for i, c := range t.cols {
		head[i] = tcell{text: c.title}
	}
	hl, hh := f.tableRow(&t, head, tableHeader)
	addHeader := func() {
		f.add(hh, f.tableCols(&t, head, hl, tableHeader, navy, border.None)...)
	}
	// Keep the header with its first rows (up to three, or all of a short table).
	first := t.rows
	if t.total != nil {
		first = append(append([][]tcell(nil), t.rows...), t.total)
	}
	need := hh
	for i := 0; i < len(first) && i < 3; i++ {
		_, h := f.tableRow(&t, first[i], tableBody)
		need += h
	}
	f.ensure(need)
	addHeader()
	f.onNewPage = addHeader
	for i, r := range t.rows {
		l, h := f.tableRow(&t, r, tableBody)
		if groupRow(&t, r) && i+1 < len(t.rows) {
			// A row naming the group below it never sits alone at the foot of a page.
			_, next := f.tableRow(&t, t.rows[i+1], tableBody)
			f.ensure(snap(h) + snap(next) + 0.01)
		}
		f.add(h, f.tableCols(&t, r, l, tableBody, nil, border.Bottom)...)
	}
	if t.total != nil {
		l, h := f.tableRow(&t, t.total, tableBold)
		f.add(h, f.tableCols(&t, t.total, l, tableBold, paleGrey, border.Bottom)...)
	}
	f.onNewPage = nil
	f.space(2)
}
