package ingest

import (
	"fmt"
	"os"
	"path/filepath"
)

// A symbolic link in the input folder that points at a file outside it is not read: the
// report's list of inputs would name only the link, not the file the figures came from, and
// the file may be anywhere (another quarter's exports, a live file on a share). It is listed
// as skipped, with a note naming its target, so the officer can copy the file in if it is
// wanted. Links to files inside the folder are read as before; links to folders are skipped
// as folders.

// linkOutside reports whether the link name in dir resolves to a file (not a folder) outside
// dir, and that file's path. A link that does not resolve is left to the reading, which
// reports it as a file that cannot be opened.
func linkOutside(dir, name string) (string, bool) {
	target, err := filepath.EvalSymlinks(filepath.Join(dir, name))
	if err != nil {
		return "", false
	}
	if abs, err := filepath.Abs(target); err == nil {
		target = abs
	}
	fi, err := os.Stat(target)
	if err != nil || fi.IsDir() {
		return "", false
	}
	dirInfo, err := os.Stat(dir)
	if err != nil {
		return "", false
	}
	// Compared as the filesystem sees folders (letter case, links above dir), not as text.
	for p := filepath.Dir(target); ; {
		if pi, err := os.Stat(p); err == nil && os.SameFile(pi, dirInfo) {
			return target, false
		}
		up := filepath.Dir(p)
		if up == p {
			return target, true
		}
		p = up
	}
}

// linkNote is the data-quality note for a link skipped by linkOutside.
func linkNote(name, target string) Problem {
	return Problem{File: name, Severity: SevNote,
		Reason: fmt.Sprintf("is a link to %q, outside the input folder: not read (a link is not followed out of the folder; copy the file itself into the folder to include it)", target),
		Rule:   "a link to a file outside the input folder: not read"}
}
