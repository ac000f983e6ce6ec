package ingest

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// Files are decoded concurrently but merged in name order, and a file's problems cannot go
// to data-quality.csv before every earlier file's have. While a decoded file waits for its
// turn, each of its sheets holds at most spillAt problems in memory; the rest are written,
// in order, to a temporary file of the sheet's own and read back in order when it is merged.
// A workbook of a million bad rows then costs a few hundred kilobytes of memory and a few
// hundred megabytes of disk for a few seconds, instead of a gigabyte of memory.

// spillAt is how many problems a sheet holds in memory before they go to the temporary
// file: enough that a real extract, with a few hundred, never writes one.
const spillAt = 4096

// spill is the temporary file of one decoded sheet's problems (the sheets of a workbook are
// decoded at once, so each has its own), made only when the sheet has more than spillAt
// problems. Where the system allows, the file's name is removed as soon as it is made, so
// that nothing of it (it carries child ids) outlives the process, however the process ends.
type spill struct {
	dir     string // "" for the system's temporary folder
	f       *os.File
	w       *bufio.Writer
	size    int64 // bytes written
	named   bool  // the file still has a name to remove
	scratch []byte
}

// put appends the sheet's problems in memory to the file and empties the list.
func (s *spill) put(res *sheetResult) error {
	if s.f == nil {
		f, err := os.CreateTemp(s.dir, "yjsreport-problems-*")
		if err != nil {
			return err
		}
		s.f, s.w = f, bufio.NewWriterSize(f, 64<<10)
		// Unlinked while open, it lives until closed; Windows refuses, and close removes it.
		s.named = os.Remove(f.Name()) != nil
	}
	if res.spilled == 0 {
		res.spillOff = s.size
	}
	for i := range res.problems {
		b := encodeProblem(s.scratch[:0], &res.problems[i])
		s.scratch = b
		if _, err := s.w.Write(b); err != nil {
			return err
		}
		s.size += int64(len(b))
	}
	res.spilled += len(res.problems)
	res.spillEnd = s.size
	clear(res.problems) // drop the strings
	res.problems = res.problems[:0]
	return nil
}

// flush writes out what is buffered, so that the file can be read back.
func (s *spill) flush() error {
	if s == nil || s.w == nil {
		return nil
	}
	return s.w.Flush()
}

// close closes and removes the file; a spill never used has nothing to close.
func (s *spill) close() {
	if s == nil || s.f == nil {
		return
	}
	s.f.Close()
	if s.named {
		os.Remove(s.f.Name())
	}
	s.f, s.w = nil, nil
}

// error is the error of a read whose problems cannot be set aside or read back.
func (s *spill) error(file string, err error) error {
	dir := s.dir
	if dir == "" {
		dir = os.TempDir()
	}
	return &FileError{File: file, Err: fmt.Errorf("its problems cannot be set aside in a temporary file in %s: %w", dir, unwrapPath(err)),
		Hint: "check the free space and permissions of " + dir}
}

// encodeProblem appends p to b: its row as a varint, then each text as its length and bytes.
func encodeProblem(b []byte, p *Problem) []byte {
	b = binary.AppendUvarint(b, uint64(p.Row))
	for _, s := range [...]string{p.File, p.Sheet, p.Column, p.Reason, p.Rule, string(p.Severity), p.ChildID} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

// errSpillDamaged is a temporary file that does not read back as it was written.
var errSpillDamaged = errors.New("the temporary file does not read back as written")

// sheetProblems gives a decoded sheet's problems in order: those spilled first, then those
// still in memory.
type sheetProblems struct {
	r    *bufio.Reader // the sheet's run of the spill file; nil when none
	left int           // spilled problems not yet read
	mem  []Problem
	head Problem
	has  bool
	err  error
	buf  []byte
	last [5]string // the previous problem's file, sheet, column, rule and severity, to reuse
}

func newSheetProblems(sp *spill, res *sheetResult) *sheetProblems {
	it := &sheetProblems{mem: res.problems, left: res.spilled}
	if res.spilled > 0 {
		it.r = bufio.NewReaderSize(io.NewSectionReader(sp.f, res.spillOff, res.spillEnd-res.spillOff), 64<<10)
	}
	it.advance()
	return it
}

// peek returns the next problem without taking it; false at the end or on error (it.err).
func (it *sheetProblems) peek() (*Problem, bool) { return &it.head, it.has }

// next takes the problem peek returned.
func (it *sheetProblems) next() Problem {
	p := it.head
	it.advance()
	return p
}

func (it *sheetProblems) advance() {
	it.has = false
	switch {
	case it.err != nil:
	case it.left > 0:
		it.left--
		it.head, it.err = it.decode()
		it.has = it.err == nil
	case len(it.mem) > 0:
		it.head, it.mem = it.mem[0], it.mem[1:]
		it.has = true
	}
}

func (it *sheetProblems) decode() (Problem, error) {
	var p Problem
	row, err := binary.ReadUvarint(it.r)
	if err != nil {
		return p, errSpillDamaged
	}
	p.Row = int(row)
	var f [7]string
	for i := range f {
		n, err := binary.ReadUvarint(it.r)
		if err != nil || n > 1<<30 {
			return p, errSpillDamaged
		}
		if cap(it.buf) < int(n) {
			it.buf = make([]byte, n)
		}
		b := it.buf[:n]
		if _, err := io.ReadFull(it.r, b); err != nil {
			return p, errSpillDamaged
		}
		// The texts shared by a sheet's problems are made once, not once a row.
		j := -1
		switch i {
		case 0, 1, 2:
			j = i
		case 4, 5:
			j = i - 1
		}
		if j >= 0 && it.last[j] == string(b) {
			f[i] = it.last[j]
			continue
		}
		f[i] = string(b)
		if j >= 0 {
			it.last[j] = f[i]
		}
	}
	p.File, p.Sheet, p.Column, p.Reason, p.Rule, p.Severity, p.ChildID = f[0], f[1], f[2], f[3], f[4], Severity(f[5]), f[6]
	return p, nil
}
