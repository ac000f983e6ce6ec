// Package templates holds the defaults that ship inside the yjsreport binary and that an
// analyst may want to read or adapt: the column map (columns.yaml), which says how the
// headers and codes of a case-management export map to the canonical names of SPEC §3.
//
// The files are plain text so they can be reviewed and edited; the binary embeds them, so
// a run never depends on files beside it. Extra aliases for one service belong in its
// config file (columns:, codes:), not here.
package templates

import _ "embed"

// ColumnMap is columns.yaml: for each extract kind its required and optional columns, the
// header aliases of every canonical column, and the labels of every code. Package ingest
// parses and checks it on every read.
//
//go:embed columns.yaml
var ColumnMap []byte
