package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// checkInOut refuses an output folder that is the input folder or inside it (the next run
// would read the report as exports), and an input folder inside the output folder (each run
// replaces the output folder). Folders are compared as the filesystem sees them — after
// symbolic links, "." and "..", and letter case where the filesystem ignores it — by asking
// whether any folder above one is the other. An input folder that does not exist is left to
// the reading, which names it.
func checkInOut(in, out string) error {
	inInfo, err := os.Stat(in)
	if err != nil {
		return nil
	}
	const hint = "keep the exports and the report in separate folders, e.g. --in exports/2018-19-Q3 --out report"
	outPath, err := resolvePath(out)
	if err != nil {
		return nil // commit reports an output folder it cannot reach
	}
	if p, found := within(outPath, inInfo); found {
		if p == outPath {
			return &usageError{msg: fmt.Sprintf("--out %q is the input folder: the next run would read the report as exports", out), hint: hint}
		}
		return &usageError{msg: fmt.Sprintf("--out %q is inside the input folder %q: the next run would read the report as exports", out, in), hint: hint}
	}
	outInfo, err := os.Stat(outPath)
	if err != nil {
		return nil // no output folder yet: the input folder cannot be in it
	}
	inPath, err := resolvePath(in)
	if err != nil {
		return nil
	}
	if _, found := within(inPath, outInfo); found {
		return &usageError{msg: fmt.Sprintf("--in %q is inside the output folder %q, which each run replaces", in, out), hint: hint}
	}
	return nil
}

// within reports whether dir, or a folder above it, is the folder of info, and which path that is.
func within(path string, info os.FileInfo) (string, bool) {
	for p := path; ; {
		if fi, err := os.Stat(p); err == nil && os.SameFile(fi, info) {
			return p, true
		}
		up := filepath.Dir(p)
		if up == p {
			return "", false
		}
		p = up
	}
}
