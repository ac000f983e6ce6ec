package sample

import "github.com/yjsreport/yjsreport/calendar"

// Severities of a planted Fault: what SPEC §3.6 says the tool must do with it. They match
// the severities of ingest.Problem, plus SevBlank for a wholly blank row, which is skipped
// without being counted.
const (
	SevRejected  = "rejected"
	SevDuplicate = "duplicate"
	SevWarning   = "warning"
	SevNote      = "note"
	SevBlank     = "blank"
)

// Fault is one deliberate wart planted in the sample, located the way ingest reports
// problems, so a test can check that the tool finds it.
type Fault struct {
	File  string
	Sheet string // "" for a CSV file
	// Row is the 1-based row as a spreadsheet shows it (for CSV the record number, header =
	// 1); 0 when the fault is about the whole sheet.
	Row int
	// Column is the canonical column at fault (SPEC §3), "" when about the row or sheet.
	Column string
	// Value is the bad value as it reads in the file ("" for a blank).
	Value    string
	Severity string
	What     string
	// OrigSheet and OrigRow locate the row a duplicate repeats (0 when not a duplicate).
	OrigSheet string
	OrigRow   int
}

type plantMode int

const (
	inPlace  plantMode = iota // the row itself is spoilt (used for warnings: the row is kept)
	copyRow                   // a spoilt copy follows the good row (the good data is kept)
	dupRow                    // an exact copy follows the row
	blankRow                  // a row of empty or space-only cells follows the row
	crossDup                  // the record is written again into another table
)

// plant is a fault waiting for a suitable row.
type plant struct {
	mode     plantMode
	column   string
	severity string
	what     string
	match    func(t *table, row []any) bool
	apply    func(t *table, row []any) any // returns the new value of column
	other    *table                        // crossDup target
	atChild  int                           // not before this child, to spread faults out
	done     bool
}

func (p *plant) fault(t *table, row int, v any) Fault {
	f := Fault{File: t.file, Sheet: t.sheet, Row: row, Column: p.column, Severity: p.severity, What: p.what}
	if p.mode == copyRow || p.mode == inPlace {
		f.Value = t.text(t.col(p.column), v)
	}
	return f
}

// spread sets each plant's first child so the faults fall evenly through the file.
func spread(t *table, children int, plants ...*plant) {
	for i, p := range plants {
		p.atChild = (i + 1) * children / (len(plants) + 1)
	}
	t.plants = plants
}

// spreadMore adds plants to a table after spread, between the positions spread gave, so
// the earlier plants (and the rows they spoil) stay where they were.
func spreadMore(t *table, children int, plants ...*plant) {
	for i, p := range plants {
		p.atChild = (2*i + 1) * children / (2 * (len(plants) + 1))
	}
	t.plants = append(t.plants, plants...)
}

// set plants a spoilt copy with column set to v.
func set(column string, v any, severity, what string, match func(*table, []any) bool) *plant {
	return &plant{mode: copyRow, column: column, severity: severity, what: what, match: match,
		apply: func(*table, []any) any { return v }}
}

// shift plants a spoilt copy with column set to the date in column from plus days.
func shift(column, from string, days int, what string, match func(*table, []any) bool) *plant {
	return &plant{mode: copyRow, column: column, severity: SevRejected, what: what,
		match: both(has(from), match),
		apply: func(t *table, row []any) any { return row[t.col(from)].(calendar.Date) + calendar.Date(days) }}
}

// warn spoils the row itself with an invalid optional value, so it is kept with a warning.
func warn(column string, v any, what string, match func(*table, []any) bool) *plant {
	return &plant{mode: inPlace, column: column, severity: SevWarning, what: what, match: match,
		apply: func(*table, []any) any { return v }}
}

func dup(what string) *plant { return &plant{mode: dupRow, severity: SevDuplicate, what: what} }

func blank() *plant {
	return &plant{mode: blankRow, severity: SevBlank, what: "wholly blank row (spaces only): skipped, not counted"}
}

// has matches rows where column holds a value.
func has(column string) func(*table, []any) bool {
	return func(t *table, row []any) bool {
		switch v := row[t.col(column)].(type) {
		case nil:
			return false
		case string:
			return v != ""
		case calendar.Date:
			return v != 0
		case float64:
			return v > 0
		}
		return true
	}
}

// lacks matches rows where column is blank.
func lacks(column string) func(*table, []any) bool {
	h := has(column)
	return func(t *table, row []any) bool { return !h(t, row) }
}

// is matches rows where column holds exactly v.
func is(column string, v any) func(*table, []any) bool {
	return func(t *table, row []any) bool { return row[t.col(column)] == v }
}

func both(a, b func(*table, []any) bool) func(*table, []any) bool {
	if b == nil {
		return a
	}
	return func(t *table, row []any) bool { return a(t, row) && b(t, row) }
}

// plantDisposals plans the faults of the two disposals sheets.
func plantDisposals(d1, d2 *table, early, children int, export calendar.Date) {
	cross := &plant{mode: crossDup, other: d2, severity: SevDuplicate,
		what: "the same outcome exported in both sheets"}
	spread(d1, early,
		set("offence_date", "31/02/2016", SevRejected, "impossible date 31 February", nil),
		set("outcome_type", "Yth Caution", SevRejected, "unknown outcome code", is("outcome_type", labelsOld[yc])),
		dup("exact duplicate of the row above"),
		warn("gravity_score", 9, "gravity 9 is outside 1–8: treated as blank", has("gravity_score")),
		&plant{mode: copyRow, column: "date_of_birth", severity: SevRejected,
			what: "date of birth makes the child 9 on the outcome date", match: has("outcome_date"),
			apply: func(t *table, row []any) any {
				return row[t.col("outcome_date")].(calendar.Date).AddMonths(-12 * 9).AddDays(-40)
			}},
		blank(),
		cross,
	)
	spread(d2, children,
		set("outcome_date", "04/03/18", SevRejected, "two-digit year", nil),
		set("child_id", "", SevRejected, "blank child id", nil),
		shift("outcome_date", "offence_date", -12, "outcome date before the offence date (offence after outcome)", nil),
		&plant{mode: copyRow, column: "outcome_date", severity: SevRejected,
			what: "outcome date after the export date", match: lacks("release_date"),
			apply: func(*table, []any) any { return export + 14 }},
		shift("release_date", "outcome_date", -30, "release date before the outcome date", has("release_date")),
		warn("breach", "Not known", "breach is not yes or no: treated as blank", is("breach", false)),
		set("offence_date", "31/02/2018", SevRejected, "impossible date 31 February", nil),
	)
}

func plantETE(t *table, children int, export calendar.Date) {
	spread(t, children,
		set("intervention_start", "31/02/2018", SevRejected, "impossible date 31 February", nil),
		set("intervention_end", "04/03/18", SevRejected, "two-digit year", has("intervention_end")),
		set("intervention_type", "Yth Caution", SevRejected, "unknown intervention code", is("intervention_type", labelsOld[yc])),
		set("date_of_birth", "", SevRejected, "blank date of birth", nil),
		shift("intervention_end", "intervention_start", -7, "intervention end before its start", nil),
		dup("exact duplicate of the row above"),
		&plant{mode: copyRow, column: "intervention_end", severity: SevRejected,
			what: "intervention end after the export date", match: lacks("intervention_end"),
			apply: func(*table, []any) any { return export + 21 }},
		set("ete_suitable_end", "Partially", SevRejected, "unknown suitability code", has("intervention_end")),
		warn("hours_offered_end", "-2", "negative hours: treated as blank", has("hours_offered_end")),
		blank(),
	)
	// The key performance indicator columns (SPEC §3.2, §4.6): invalid values and
	// cascades that skip a stage, all kept with a warning.
	spreadMore(t, children,
		warn("learning_plan", "perhaps", "learning plan is not yes or no: treated as blank", is("send_identified", "Y")),
		&plant{mode: inPlace, column: "mental_health_attending", severity: SevWarning,
			what:  "mental health: attending yes but not offered (inconsistent cascade)",
			match: both(is("mental_health_need", "Y"), is("mental_health_offered", "N")),
			apply: func(*table, []any) any { return "Y" }},
		warn("accommodation_suitable_end", "Sofa surfing", "accommodation is not a suitability code: treated as blank", has("accommodation_suitable_end")),
		&plant{mode: inPlace, column: "substance_misuse_offered", severity: SevWarning,
			what:  "substance misuse: offered yes but no need identified (inconsistent cascade)",
			match: is("substance_misuse_need", "N"),
			apply: func(*table, []any) any { return "Y" }},
		&plant{mode: inPlace, column: "mental_health_offered", severity: SevWarning,
			what:  "mental health: offered yes but need not recorded (inconsistent cascade)",
			match: lacks("mental_health_need"),
			apply: func(*table, []any) any { return "Y" }},
	)
}

func plantFeedback(t *table, children int, export calendar.Date) {
	spread(t, children,
		set("respondent", "Social Worker", SevRejected, "unknown respondent", nil),
		&plant{mode: copyRow, column: "completed_date", severity: SevRejected,
			what: "completed date after the export date", apply: func(*table, []any) any { return export + 9 }},
		set("answer", "Sometimes", SevRejected, "unknown answer", has("answer")),
		dup("exact duplicate of the row above"),
		set("response_id", "", SevRejected, "blank response id", nil),
	)
}

func plantOOCD(t *table, children int, export calendar.Date) {
	spread(t, children,
		set("referral_date", "31/02/2018", SevRejected, "impossible date 31 February", nil),
		set("date_of_birth", "04/03/05", SevRejected, "two-digit year", nil),
		set("outcome_type", "Yth Caution", SevRejected, "unknown outcome code", is("outcome_type", labelsOld[yc])),
		set("outcome_type", "Referral Order", SevRejected, "a court sentence is not an out-of-court code", nil),
		set("child_id", "", SevRejected, "blank child id", nil),
		dup("exact duplicate of the row above"),
		&plant{mode: copyRow, column: "assessment_date", severity: SevRejected,
			what: "assessment date before the referral date", match: has("assessment_date"),
			apply: func(t *table, row []any) any { return row[t.col("referral_date")].(stamp).d - 5 }},
		&plant{mode: copyRow, column: "decision_date", severity: SevRejected,
			what: "decision date after the export date", match: lacks("intervention_start"),
			apply: func(*table, []any) any { return export + 10 }},
		shift("intervention_end", "intervention_start", -3, "intervention end before its start", has("intervention_end")),
		warn("at_panel", "Unsure", "at panel is not yes or no: treated as blank", has("at_panel")),
	)
}

func plantVictims(t *table, children int, export calendar.Date) {
	spread(t, children,
		set("closure_date", "31/02/2018", SevRejected, "impossible date 31 February", nil),
		warn("rj_engaged", "Y", "engaged in RJ without consent to contact", is("consented_to_contact", "N")),
		set("closure_date", "04/03/18", SevRejected, "two-digit year", nil),
		set("consented_to_contact", "", SevRejected, "blank consent", nil),
		dup("exact duplicate of the row above"),
		set("victim_id", "", SevRejected, "blank victim id", nil),
		&plant{mode: copyRow, column: "closure_date", severity: SevRejected,
			what: "closure date after the export date", apply: func(*table, []any) any { return export + 7 }},
		warn("rj_engaged", "Y", "engaged in RJ without consent to contact", is("consented_to_contact", "N")),
	)
}
