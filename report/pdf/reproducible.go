package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"github.com/phpdave11/gofpdf"
)

// The same inputs give the same PDF, byte for byte, in any process. gofpdf (under maroto)
// stands in the way three times:
//
//   - it writes its fonts and its resource lists in Go map order, which differs on every run,
//     unless catalog sorting is on. maroto makes the gofpdf document itself, with no option or
//     hook to reach it, so the process-wide default is set instead, before any document
//     exists (init): a constant that every PDF this program writes wants;
//   - with sorting on it orders images by width only, from map order, so charts of the same
//     width still come out in any order: orderImages rewrites them into a fixed order;
//   - it stamps the time of writing as the modification date: stampModDate (metadata.go)
//     writes the as-of date instead.
//
// maroto names each image with a random UUID, but the name is used only inside gofpdf: the
// file names an image by the SHA-1 of its content.
func init() {
	gofpdf.SetDefaultCatalogSort(true)
}

var (
	// imageHead starts the dictionary of an image object as gofpdf writes it.
	imageHead = []byte("<</Type /XObject\n/Subtype /Image\n")
	// imageRefRE is a reference to an image in a resource dictionary: its name (the SHA-1 of
	// the image) and its object.
	imageRefRE = regexp.MustCompile(`/I[0-9a-f]{40} (\d+) 0 R`)
	// objHeaderRE is the line that starts an object.
	objHeaderRE = regexp.MustCompile(`^\d+ 0 obj\n`)
)

// orderImages returns pdf with its image objects in a fixed order: gofpdf writes them one
// after the other, sorted by width only and otherwise in map order; here they are sorted by
// their bytes, given the object numbers of the run in that order, and every reference to
// them in a resource dictionary is renumbered. The cross-reference table is rewritten to
// match. Nothing is searched for in the file at large: objects are found through the
// cross-reference table, and only objects without a stream are read for references.
//
// An image with a soft mask or a palette (more objects after it, referring to each other)
// is refused: the report's charts are plain RGB (report/chart/png).
func orderImages(pdf []byte) ([]byte, error) {
	x, err := readXref(pdf)
	if err != nil {
		return nil, err
	}
	// The objects in file order, each up to the next (the last up to the xref table).
	type object struct{ num, start, end int }
	objs := make([]object, 0, x.count)
	for n := 1; n < x.count; n++ {
		off, err := x.offset(pdf, n)
		if err != nil {
			return nil, err
		}
		objs = append(objs, object{num: n, start: off})
	}
	slices.SortFunc(objs, func(a, b object) int { return a.start - b.start })
	for i := range objs {
		objs[i].end = x.at
		if i+1 < len(objs) {
			objs[i].end = objs[i+1].start
		}
	}
	// The run of image objects.
	first, last := -1, -1
	for i, o := range objs {
		h := objHeaderRE.Find(pdf[o.start:o.end])
		if h == nil || !bytes.HasPrefix(pdf[o.start+len(h):o.end], imageHead) {
			continue
		}
		if first >= 0 && last != i-1 {
			return nil, fmt.Errorf("image objects %d and %d are not next to each other", objs[last].num, o.num)
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 || first == last {
		return pdf, nil
	}
	run := objs[first : last+1]
	bodies := make([][]byte, len(run)) // each object without its "n 0 obj" line
	nums := make([]int, len(run))
	for i, o := range run {
		b := pdf[o.start:o.end]
		b = b[len(objHeaderRE.Find(b)):]
		dict := b[:max(0, bytes.Index(b, []byte("stream")))]
		if bytes.Contains(dict, []byte("/SMask")) || bytes.Contains(dict, []byte("/Indexed")) {
			return nil, fmt.Errorf("image object %d has a soft mask or a palette", o.num)
		}
		bodies[i], nums[i] = b, o.num
	}
	order := make([]int, len(run)) // order[k] is the image written k-th
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(bodies[a], bodies[b]) })
	slices.Sort(nums)
	renumber := map[int]int{}
	for k, i := range order {
		renumber[run[i].num] = nums[k]
	}

	var out bytes.Buffer
	out.Grow(len(pdf))
	out.Write(pdf[:objs[0].start])
	offsets := make([]int, x.count)
	for i, o := range objs {
		if i >= first && i <= last {
			k := i - first
			offsets[nums[k]] = out.Len()
			out.WriteString(strconv.Itoa(nums[k]) + " 0 obj\n")
			out.Write(bodies[order[k]])
			continue
		}
		offsets[o.num] = out.Len()
		b := pdf[o.start:o.end]
		if !bytes.Contains(b, []byte("stream")) {
			b = imageRefRE.ReplaceAllFunc(b, func(ref []byte) []byte {
				m := imageRefRE.FindSubmatchIndex(ref)
				old, _ := strconv.Atoi(string(ref[m[2]:m[3]]))
				n, ok := renumber[old]
				if !ok {
					return ref
				}
				return append(append(append([]byte(nil), ref[:m[2]]...), strconv.Itoa(n)...), ref[m[3]:]...)
			})
		}
		out.Write(b)
	}
	// The xref table and trailer as they were, with the new offsets.
	at := out.Len()
	trailerEnd := x.at + startXrefRE.FindIndex(pdf[x.at:])[0]
	table := out.Len() + (x.entries - x.at)
	out.Write(pdf[x.at:trailerEnd])
	b := out.Bytes()
	for n := 1; n < x.count; n++ {
		copy(b[table+xrefEntry*n:], fmt.Sprintf("%010d", offsets[n]))
	}
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", at)
	b = out.Bytes()

	// Check the result as a reader would: every object where the table says.
	y, err := readXref(b)
	if err != nil {
		return nil, fmt.Errorf("after ordering the images: %w", err)
	}
	for n := 1; n < y.count; n++ {
		if _, err := y.offset(b, n); err != nil {
			return nil, fmt.Errorf("after ordering the images: %w", err)
		}
	}
	return b, nil
}
