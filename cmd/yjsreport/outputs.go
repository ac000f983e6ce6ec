package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// outputSet collects a run's output files and writes them all or none: each is written to a
// temporary name in the output folder and renamed into place only when every file of the run
// has been written. On failure the run's temporary files (and any already renamed) are
// removed and the older outputs they replaced are put back, so the folder is left as it was.
type outputSet struct {
	dir   string
	names []string
	data  map[string][]byte
}

func newOutputSet(dir string) *outputSet {
	return &outputSet{dir: dir, data: map[string][]byte{}}
}

// add records a file to write.
func (o *outputSet) add(name string, b []byte) {
	if _, ok := o.data[name]; !ok {
		o.names = append(o.names, name)
	}
	o.data[name] = b
}

// commit writes every file atomically and returns their paths in name order.
func (o *outputSet) commit() ([]string, error) {
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return nil, withHint(fmt.Errorf("output folder %s cannot be created: %w", o.dir, unwrapPath(err)),
			"choose another --out folder, or check its permissions")
	}
	names := append([]string(nil), o.names...)
	sort.Strings(names)
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, name := range names {
		f, err := os.CreateTemp(o.dir, "."+name+".tmp-*")
		if err != nil {
			cleanup()
			return nil, withHint(fmt.Errorf("output folder %s cannot be written: %w", o.dir, unwrapPath(err)),
				"choose another --out folder, or check its permissions and free space")
		}
		temps = append(temps, f.Name())
		_, werr := f.Write(o.data[name])
		if werr == nil {
			werr = f.Sync()
		}
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Chmod(f.Name(), 0o644)
		}
		if werr != nil {
			cleanup()
			return nil, withHint(fmt.Errorf("%s cannot be written: %w", filepath.Join(o.dir, name), unwrapPath(werr)),
				"check the free space and permissions of the output folder")
		}
	}
	// Move any older output aside before putting the new one in its place, so that a failure
	// part-way can put every older file back: the folder ends as it was, or wholly new.
	type moved struct{ dst, backup string }
	var done []moved
	undo := func() {
		for i := len(done) - 1; i >= 0; i-- {
			os.Remove(done[i].dst)
			if done[i].backup != "" {
				os.Rename(done[i].backup, done[i].dst)
			}
		}
		cleanup()
	}
	for i, name := range names {
		dst := filepath.Join(o.dir, name)
		m := moved{dst: dst}
		if fi, err := os.Lstat(dst); err == nil && fi.Mode().IsRegular() {
			m.backup = temps[i] + ".old"
			if err := os.Rename(dst, m.backup); err != nil {
				undo()
				return nil, withHint(fmt.Errorf("%s cannot be replaced: %w", dst, errors.Unwrap(err)),
					"is the file open in another program (Excel, a PDF viewer)? close it and run again")
			}
		}
		if err := os.Rename(temps[i], dst); err != nil {
			if m.backup != "" {
				os.Rename(m.backup, dst)
			}
			undo()
			return nil, withHint(fmt.Errorf("%s cannot be written: %w", dst, errors.Unwrap(err)),
				"is the file open in another program (Excel, a PDF viewer), or is there a folder of that name? close or move it and run again")
		}
		done = append(done, m)
	}
	paths := make([]string, len(done))
	for i, m := range done {
		if m.backup != "" {
			os.Remove(m.backup)
		}
		paths[i] = m.dst
	}
	return paths, nil
}
