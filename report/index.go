package report

import (
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
)

// Row flags of a disposal, worked out once per row.
const (
	flagEligible uint8 = 1 << iota // counts in reoffending (mode-dependent)
	flagFormalNB                   // formal and not a breach: FTE and serious violence
	flagCourt                      // first_tier, community or custody (breaches included)
	flagCustody                    // custody tier (breaches included)
)

// drow is the part of a disposals row the child-level indicators need, packed small so that
// a child's rows sit next to each other in memory.
type drow struct {
	offence calendar.Date
	outcome calendar.Date
	index   calendar.Date // reoffending index date; 0 when the row is not an index event
	dob     calendar.Date
	src     int32 // position in the Dataset's Disposals (ingest order)
	tier    ingest.Tier
	flags   uint8
}

// disposalIndex groups the disposals by child once, so that every child-level indicator
// (reoffending, FTE, custody) is one linear pass over children instead of a search per child.
// Within a child, rows keep ingest order, which is the "first read" order of SPEC 4.1.
type disposalIndex struct {
	src   []ingest.Disposal
	rows  []drow  // grouped by child
	start []int32 // child c's rows are rows[start[c]:start[c+1]]
}

// children returns the number of distinct children.
func (x *disposalIndex) children() int { return len(x.start) - 1 }

// child returns child c's rows in ingest order.
func (x *disposalIndex) child(c int) []drow { return x.rows[x.start[c]:x.start[c+1]] }

// eligible reports whether a disposal counts in reoffending (SPEC 4.1): formal and not a
// breach; in live mode community resolutions and Outcome 22 too.
func eligible(d *ingest.Disposal, live bool) bool {
	if d.Breach == ingest.Yes {
		return false
	}
	if d.OutcomeType.Formal() {
		return true
	}
	return live && (d.OutcomeType == ingest.CommunityResolution || d.OutcomeType == ingest.Outcome22)
}

// indexDate is the reoffending index date of a row: release for custody, else the outcome
// date. A custody row without a release date is not (yet) an index event.
func indexDate(d *ingest.Disposal) calendar.Date {
	if d.OutcomeType.Tier() == ingest.Custody {
		return d.ReleaseDate
	}
	return d.OutcomeDate
}

// newDisposalIndex groups rows by child_id: one map pass to number the children in order of
// first appearance, then a counting sort that keeps ingest order within each child.
func newDisposalIndex(rows []ingest.Disposal, live bool) *disposalIndex {
	ids := make(map[string]int32, len(rows)/2+1)
	childOf := make([]int32, len(rows))
	var counts []int32
	for i := range rows {
		id := rows[i].ChildID
		c, ok := ids[id]
		if !ok {
			c = int32(len(counts))
			ids[id] = c
			counts = append(counts, 0)
		}
		childOf[i] = c
		counts[c]++
	}
	start := make([]int32, len(counts)+1)
	for c, n := range counts {
		start[c+1] = start[c] + n
	}
	next := counts // reuse: next free slot of each child
	copy(next, start[:len(counts)])
	grouped := make([]drow, len(rows))
	for i := range rows {
		d := &rows[i]
		tier := d.OutcomeType.Tier()
		var f uint8
		if eligible(d, live) {
			f |= flagEligible
		}
		if d.OutcomeType.Formal() && d.Breach != ingest.Yes {
			f |= flagFormalNB
		}
		if tier >= ingest.FirstTier {
			f |= flagCourt
		}
		if tier == ingest.Custody {
			f |= flagCustody
		}
		var idx calendar.Date
		if f&flagEligible != 0 {
			idx = indexDate(d)
		}
		c := childOf[i]
		grouped[next[c]] = drow{
			offence: d.OffenceDate, outcome: d.OutcomeDate, index: idx, dob: d.DateOfBirth,
			src: int32(i), tier: tier, flags: f,
		}
		next[c]++
	}
	return &disposalIndex{src: rows, rows: grouped, start: start}
}

// quarterSpan is a run of consecutive quarters with their boundaries, for finding the slot of
// a date without calendar arithmetic per row.
type quarterSpan struct {
	first  calendar.Quarter
	starts []calendar.Date // starts[i] is the first day of quarter first+i
	end    calendar.Date   // last day of the last quarter
}

// newSpan returns the n quarters ending with last.
func newSpan(last calendar.Quarter, n int) quarterSpan {
	first := last.Add(-(n - 1))
	s := quarterSpan{first: first, starts: make([]calendar.Date, n), end: last.End()}
	for i := range n {
		s.starts[i] = first.Add(i).Start()
	}
	return s
}

// len returns the number of quarters.
func (s quarterSpan) len() int { return len(s.starts) }

// quarter returns the i-th quarter.
func (s quarterSpan) quarter(i int) calendar.Quarter { return s.first.Add(i) }

// slot returns the index of the quarter containing d, or -1 when d is blank or outside.
func (s quarterSpan) slot(d calendar.Date) int {
	if d == 0 || d < s.starts[0] || d > s.end {
		return -1
	}
	// Quarters are few (8–12): a backwards scan beats a binary search here.
	for i := len(s.starts) - 1; i > 0; i-- {
		if d >= s.starts[i] {
			return i
		}
	}
	return 0
}

// quarterDiff returns how many quarters a is after b.
func quarterDiff(a, b calendar.Quarter) int {
	return (a.FY*4 + a.Q) - (b.FY*4 + b.Q)
}
