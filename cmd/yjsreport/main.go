// Command yjsreport turns a folder of youth justice case-system exports into the quarterly
// performance report for the YJS Chief Officer Board. Run `yjsreport --help` for usage.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
