package main

import (
	"slices"
	"strings"
	"testing"
)

// TestCleanPathArg: a folder as a Windows user pastes, tab-completes or quotes it reaches the
// tool as the folder. The Windows cases run on every OS: the rules are string rules, written
// for a given OS, and the tool applies those of the OS it runs on.
func TestCleanPathArg(t *testing.T) {
	tests := []struct {
		name, in, goos, want string
	}{
		{"drive path with spaces is kept as typed", `C:\Users\Jo Bloggs\Exports`, "windows", `C:\Users\Jo Bloggs\Exports`},
		{"trailing backslash from tab completion is dropped", `C:\Users\Jo Bloggs\Exports\`, "windows", `C:\Users\Jo Bloggs\Exports`},
		{"several trailing separators are dropped", `.\exports\\/`, "windows", `.\exports`},
		{"quote left by a backslash before the closing quote is dropped", `C:\Users\Jo Bloggs\Exports"`, "windows", `C:\Users\Jo Bloggs\Exports`},
		{"surrounding double quotes from Copy as path are dropped", `"C:\Users\Jo Bloggs\Exports"`, "windows", `C:\Users\Jo Bloggs\Exports`},
		{"surrounding single quotes from cmd.exe are dropped", `'D:\Board packs\2018-19 Q3'`, "windows", `D:\Board packs\2018-19 Q3`},
		{"spaces around a pasted path are dropped", "  C:\\Exports \t", "windows", `C:\Exports`},
		{"drive root keeps its backslash", `C:\`, "windows", `C:\`},
		{"drive root written with a slash keeps it", `D:/`, "windows", `D:/`},
		{"network share keeps its leading backslashes", `\\council-fs\yjs\exports\`, "windows", `\\council-fs\yjs\exports`},
		{"relative name is untouched", `exports`, "windows", `exports`},
		{"forward slashes on Windows are separators too", `C:/Users/Jo Bloggs/Exports/`, "windows", `C:/Users/Jo Bloggs/Exports`},
		{"trailing slash on Linux is dropped", "/home/jo/exports/", "linux", "/home/jo/exports"},
		{"a backslash on Linux is part of the name", `exports\`, "linux", `exports\`},
		{"root on Linux stays", "/", "linux", "/"},
		{"quoted path on macOS is unquoted", `"/Users/jo/Board packs/"`, "darwin", "/Users/jo/Board packs"},
		{"dot stays", ".", "linux", "."},
		{"empty stays empty", "", "windows", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanPathArg(tt.in, tt.goos); got != tt.want {
				t.Errorf("cleanPathArg(%q, %s) = %q, want %q", tt.in, tt.goos, got, tt.want)
			}
		})
	}
}

// TestRepairArgs: Windows PowerShell 5.1 passes 'C:\Jo Bloggs\Exports\' as
// "C:\Jo Bloggs\Exports\", which the C runtime reads as one argument running to the end of
// the line; the arguments after it are recovered.
func TestRepairArgs(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"ordinary arguments are unchanged",
			[]string{"generate", "--in", `C:\Jo Bloggs\Exports`, "--out", "report"},
			[]string{"generate", "--in", `C:\Jo Bloggs\Exports`, "--out", "report"}},
		{"flags run into a quoted folder are split off",
			[]string{"generate", "--in", `C:\Users\Jo Bloggs\Exports" --out report --as-of 31/01/2019`},
			[]string{"generate", "--in", `C:\Users\Jo Bloggs\Exports`, "--out", "report", "--as-of", "31/01/2019"}},
		{"a stray quote at the end is left for path cleaning",
			[]string{"generate", "--in", `C:\Users\Jo Bloggs\Exports"`},
			[]string{"generate", "--in", `C:\Users\Jo Bloggs\Exports"`}},
		{"a quarter's quotes in text are not split",
			[]string{"generate", "--quarter", `"2018/19 Q3"`},
			[]string{"generate", "--quarter", `"2018/19 Q3"`}},
		{"a later quoted value with spaces cannot be recovered whole",
			[]string{"generate", "--in", `D:\YJS\Q3\" --out "D:\YJS\Q3 report"`},
			[]string{"generate", "--in", `D:\YJS\Q3\`, "--out", `D:\YJS\Q3`, "report"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := repairArgs(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("repairArgs(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNearest: the "did you mean" of an unknown flag or command.
func TestNearest(t *testing.T) {
	generateFlags := []string{"as-of", "commentary", "config", "in", "out", "partial", "quarter", "quiet"}
	tests := []struct {
		name, typed string
		want        string
	}{
		{"underscore for hyphen", "as_of", "as-of"},
		{"run together", "asof", "as-of"},
		{"longer word starting with the flag", "output", "out"},
		{"input is in", "input", "in"},
		{"a prefix of the flag", "quart", "quarter"},
		{"two letters swapped", "qaurter", "quarter"},
		{"one letter missing", "commentry", "commentary"},
		{"case does not matter", "Config", "config"},
		{"nothing near", "bogus", ""},
		{"nothing near colour", "colour", ""},
		{"one letter is too little to guess from", "q", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nearest(tt.typed, generateFlags); got != tt.want {
				t.Errorf("nearest(%q) = %q, want %q", tt.typed, got, tt.want)
			}
		})
	}
	if got := nearest("generat", commandList); got != "generate" {
		t.Errorf("nearest command to generat = %q, want generate", got)
	}
	if got := nearest("report", commandList); got != "" {
		t.Errorf("nearest command to report = %q, want none", got)
	}
}

// TestPDFNameLength: a long service name gives a PDF name short enough for Windows paths,
// cut at a word.
func TestPDFNameLength(t *testing.T) {
	tests := []struct {
		name, service, want string
	}{
		{"ordinary name", "Sample County Youth Justice Service", "sample-county-youth-justice-service"},
		{"punctuation becomes one hyphen", "Bath & North East Somerset YOT", "bath-north-east-somerset-yot"},
		{"no letters at all", "***", "report"},
		{"long name is cut at a word to 60 characters",
			"The Royal Borough of Kensington and Chelsea and the City of Westminster Youth Justice Partnership Service",
			"the-royal-borough-of-kensington-and-chelsea-and-the-city-of"},
		{"one long word is cut at 60 characters", strings.Repeat("x", 300), strings.Repeat("x", 60)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slug(tt.service)
			if got != tt.want {
				t.Errorf("slug(%q) = %q, want %q", tt.service, got, tt.want)
			}
			if len(got) > maxSlug {
				t.Errorf("slug is %d characters, over %d", len(got), maxSlug)
			}
		})
	}
}
