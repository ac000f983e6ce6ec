package main

import (
	"strings"
)

// The command line as a Windows user types or pastes it. PowerShell and cmd.exe hand the
// program one string that the Go runtime splits by the Microsoft C rules, under which a
// backslash before a double quote makes the quote literal. So a folder pasted or
// tab-completed as "C:\Users\Jo Bloggs\Exports\" arrives as C:\Users\Jo Bloggs\Exports" —
// and, in Windows PowerShell 5.1, with the rest of the line run into it:
// C:\Users\Jo Bloggs\Exports" --out report. A double quote is never part of a Windows file
// name, so it can be taken out safely.

// repairArgs splits an argument that a stray double quote ran into the arguments after it:
// `C:\Jo Bloggs\Exports" --out report` becomes `C:\Jo Bloggs\Exports`, `--out`, `report`.
// Other arguments are returned unchanged.
func repairArgs(args []string) []string {
	var out []string
	for _, a := range args {
		i := strings.IndexByte(a, '"')
		rest := ""
		if i > 0 {
			rest = strings.TrimLeft(a[i+1:], " \t")
		}
		if !strings.HasPrefix(rest, "-") {
			out = append(out, a)
			continue
		}
		out = append(out, a[:i])
		for _, f := range strings.Fields(rest) {
			out = append(out, strings.Trim(f, `"`))
		}
	}
	return out
}

// cleanPathArg tidies a file or folder argument as typed on goos: surrounding spaces and
// quotes ('C:\Exports' from cmd.exe keeps its quotes), a stray double quote (see above), and
// trailing separators (exports\ from tab completion) are removed, but a root (C:\, /) is
// kept. Nothing else changes, so messages show the path as the user gave it.
func cleanPathArg(s, goos string) string {
	windows := goos == "windows"
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	if windows {
		s = strings.ReplaceAll(s, `"`, "")
	} else {
		s = strings.Trim(s, `"`)
	}
	s = strings.TrimSpace(s)
	isSep := func(c byte) bool { return c == '/' || (windows && c == '\\') }
	for len(s) > 1 && isSep(s[len(s)-1]) {
		if windows && len(s) == 3 && s[1] == ':' {
			break // C:\ is the root of drive C; C: alone would mean its current folder
		}
		s = s[:len(s)-1]
	}
	return s
}

// nearest returns the candidate closest to name, for a "did you mean" hint, or "" when none
// is close: the same after folding case, hyphens and underscores (--as_of, --asOf), a
// prefix either way (--input for --in, --quart for --quarter), or a spelling within one or
// two edits (--qaurter, --commentry).
func nearest(name string, candidates []string) string {
	fold := func(s string) string {
		return strings.ToLower(strings.NewReplacer("-", "", "_", "", ".", "").Replace(strings.TrimLeft(s, "-")))
	}
	n := fold(name)
	if n == "" {
		return ""
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		f := fold(c)
		switch {
		case f == n:
			return c
		case len(n) >= 2 && len(f) >= 2 && (strings.HasPrefix(f, n) || strings.HasPrefix(n, f)):
			if bestD > 0 {
				best, bestD = c, 0
			}
			continue
		}
		d := editDistance(n, f)
		limit := 1
		if len(n) >= 5 {
			limit = 2
		}
		if len(n) >= 3 && d <= limit && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, with a swap of two adjacent letters
// counting as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
