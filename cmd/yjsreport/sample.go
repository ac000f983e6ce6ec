package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/sample"
)

const sampleSynopsis = "yjsreport sample [--out DIR] [--seed N] [--children N]"

func (e *env) sample(_ context.Context, args []string) error {
	fs := e.newFlags("sample")
	out := fs.String("out", "sample-data", "folder `DIR` to write the synthetic exports into")
	seed := fs.Uint64("seed", 1, "random seed `N`: the same seed gives the same files")
	children := fs.Int("children", 2000, "number of children `N` in the fictional county")
	if err := e.parseFlags(fs, sampleSynopsis, args); err != nil {
		return err
	}
	if *children < 1 || *children > 5_000_000 {
		return &usageError{msg: fmt.Sprintf("--children %d is out of range (1 to 5,000,000)", *children)}
	}
	files, err := sample.Generate(*out, sample.Options{Seed: *seed, Children: *children, ExportDate: calendar.New(2019, 1, 31)})
	if err != nil {
		return withHint(err, "choose another --out folder, or check its permissions")
	}
	fmt.Fprintf(e.stdout, "wrote %d files of synthetic exports, config and commentary for %d children (seed %d) into %s:\n", len(files), *children, *seed, *out)
	for _, f := range files {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	fmt.Fprintf(e.stdout, "try: yjsreport generate --in %s --as-of 2019-01-31 --commentary %s\n",
		quoteIfSpaced(*out), quoteIfSpaced(filepath.Join(*out, sample.FileCommentary)))
	return nil
}
