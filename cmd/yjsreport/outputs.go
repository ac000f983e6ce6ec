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
// removed; older outputs of other runs are untouched except those this run replaced.
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
	var done []string
	for i, name := range names {
		dst := filepath.Join(o.dir, name)
		if err := os.Rename(temps[i], dst); err != nil {
			// Undo: the files already renamed were written by this run; remove them so the
			// folder does not hold a mix of this run and an older one.
			for _, d := range done {
				os.Remove(d)
			}
			cleanup()
			return nil, withHint(fmt.Errorf("%s cannot be written: %w", dst, errors.Unwrap(err)),
				"is the file open in another program (Excel, a PDF viewer)? close it and run again")
		}
		done = append(done, dst)
	}
	return done, nil
}
