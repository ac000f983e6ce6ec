//go:build !linux && !darwin

package main

// exchangeDirs: no atomic swap of folders here (Windows has none); commit falls back to two
// renames, repaired at the next run if a crash falls between them.
func exchangeDirs(a, b string) error { return errNoExchange }
