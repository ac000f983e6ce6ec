package ingest

import (
	"fmt"
	"slices"
	"strings"
)

// MissingCore lists the core extracts (SPEC §3.6) of which no sheet was found, in the order
// disposals, ete, oocd. A sheet counts even if none of its rows was accepted.
func (ds *Dataset) MissingCore() []Kind {
	var out []Kind
	for _, k := range CoreKinds {
		found := false
		for _, in := range ds.Inputs {
			if in.Kind == k {
				found = true
				break
			}
		}
		if !found {
			out = append(out, k)
		}
	}
	return out
}

// MissingExtracts returns a *MissingExtractsError when a core extract is missing, else nil.
// The CLI fails with it unless --partial is given (SPEC §3.6): a failed or mislabelled
// export must never become a confident report.
func (ds *Dataset) MissingExtracts() error {
	kinds := ds.MissingCore()
	if len(kinds) == 0 {
		return nil
	}
	e := &MissingExtractsError{Kinds: kinds}
	for _, in := range ds.Inputs {
		if in.Kind == "" {
			e.Unmatched = append(e.Unmatched, in)
		}
	}
	e.Hint = missingHint(e)
	return e
}

// missingHint says what to do: export the extract again, or, when a sheet comes close to a
// missing kind, the exact config line that would map its own header for the first column it
// lacks.
func missingHint(e *MissingExtractsError) string {
	for _, in := range e.Unmatched {
		if in.Closest == "" || len(in.Missing) == 0 || !slices.Contains(e.Kinds, in.Closest) {
			continue
		}
		return fmt.Sprintf("if %s names %s differently, add its header to the config (yjsreport.yaml): columns: {%s: [\"Your header\"]}; "+
			"else export the extract again, or run with --partial to report without it", sheetLabel(in), in.Missing[0], in.Missing[0])
	}
	return fmt.Sprintf("check each export has its header row in its first %d rows (map your own headers with columns: in yjsreport.yaml), or run with --partial to report without it", headerRows)
}

// sheetLabel names a sheet for a message: the file, and the sheet of a workbook.
func sheetLabel(in Input) string {
	if in.Sheet == "" {
		return in.File
	}
	return fmt.Sprintf("%s sheet %q", in.File, in.Sheet)
}

// MissingExtractsError says which core extracts no sheet was found for and, for every sheet
// of no kind, the kind it comes closest to and the columns it lacks for it, so the officer
// can see which export failed or which header is misnamed.
type MissingExtractsError struct {
	Kinds     []Kind  // the missing core kinds, in CoreKinds order
	Unmatched []Input // the sheets that matched no kind, in reading order
	Hint      string  // what to do about it, for the CLI's hint line
}

// Error reads, for example: `no ete extract found: no sheet has the columns child_id,
// date_of_birth, …, ete_suitable_end; ete.xlsx: sheet "Sheet1" is closest to ete but lacks
// intervention_end`.
func (e *MissingExtractsError) Error() string {
	var b strings.Builder
	names := make([]string, len(e.Kinds))
	for i, k := range e.Kinds {
		names[i] = string(k)
	}
	b.WriteString("no ")
	switch len(names) {
	case 1:
		b.WriteString(names[0] + " extract")
	default:
		b.WriteString(strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1] + " extract")
	}
	b.WriteString(" found: ")
	for i, k := range e.Kinds {
		if i > 0 {
			b.WriteString("; ")
		}
		s := schemaOf(k)
		if len(e.Kinds) == 1 {
			fmt.Fprintf(&b, "no sheet has the columns %s", columnList(s.required))
		} else {
			fmt.Fprintf(&b, "no sheet has the %s columns %s", k, columnList(s.required))
		}
	}
	for _, in := range e.Unmatched {
		b.WriteString("; ")
		b.WriteString(in.File)
		if in.Sheet != "" {
			fmt.Fprintf(&b, ": sheet %q", in.Sheet)
		}
		if in.Closest != "" {
			fmt.Fprintf(&b, " is closest to %s but lacks %s", in.Closest, strings.Join(in.Missing, ", "))
		} else {
			fmt.Fprintf(&b, " has the required columns of no extract in rows 1-%d", headerRows)
		}
	}
	return b.String()
}

// schemaOf returns the layout of kind k.
func schemaOf(k Kind) kindSchema {
	for _, s := range schemas {
		if s.kind == k {
			return s
		}
	}
	return kindSchema{kind: k}
}
