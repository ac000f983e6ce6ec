package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// pdfOutEnv names the file TestHelperWritePDF writes the fixture's PDF to.
const pdfOutEnv = "YJS_TEST_PDF_OUT"

// TestHelperWritePDF is run by TestReproducible in a process of its own.
func TestHelperWritePDF(t *testing.T) {
	path := os.Getenv(pdfOutEnv)
	if path == "" {
		t.Skip("helper of TestReproducible: runs only in a process of its own")
	}
	b, err := Bytes(fixtureInput(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

var imageWidthRE = regexp.MustCompile(`<</Type /XObject\n/Subtype /Image\n/Width (\d+)`)

func TestReproducible(t *testing.T) {
	in := fixtureInput(t)
	first, err := Bytes(in)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the fixture has charts of the same width, which gofpdf leaves in map order", func(t *testing.T) {
		widths := map[string]int{}
		for _, m := range imageWidthRE.FindAllSubmatch(first, -1) {
			widths[string(m[1])]++
		}
		same := false
		for _, n := range widths {
			same = same || n > 1
		}
		if !same {
			t.Errorf("image widths %v: no two the same, so this test proves nothing about their order", widths)
		}
	})
	t.Run("the same input twice in one process gives the same bytes", func(t *testing.T) {
		for i := 0; i < 3; i++ {
			again, err := Bytes(in)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, again) {
				t.Fatalf("run %d: %d bytes differ from the first run's %d (first difference at byte %d)", i+2, len(again), len(first), firstDiff(first, again))
			}
		}
	})
	t.Run("the same input in two other processes gives the same bytes", func(t *testing.T) {
		// Go's map order is random in each process; a test binary that runs itself twice sees
		// two different orders.
		for i := 0; i < 2; i++ {
			path := filepath.Join(t.TempDir(), "report.pdf")
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWritePDF$", "-test.count=1")
			cmd.Env = append(os.Environ(), pdfOutEnv+"="+path)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, got) {
				t.Fatalf("process %d: %d bytes differ from this process's %d (first difference at byte %d)", i+1, len(got), len(first), firstDiff(first, got))
			}
		}
	})
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// rawPDF is the fixture's PDF as maroto writes it, before orderImages and stampModDate.
func rawPDF(t *testing.T) []byte {
	t.Helper()
	m, err := document(fixtureInput(t))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := m.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return doc.GetBytes()
}

func TestOrderImages(t *testing.T) {
	raw := rawPDF(t)
	ordered, err := orderImages(raw)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the file keeps its length", func(t *testing.T) {
		// Object numbers are a permutation of the same numbers, each image referred to once.
		if len(ordered) != len(raw) {
			t.Errorf("%d bytes, was %d", len(ordered), len(raw))
		}
	})
	t.Run("ordering twice changes nothing", func(t *testing.T) {
		again, err := orderImages(ordered)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, ordered) {
			t.Errorf("second ordering differs at byte %d", firstDiff(again, ordered))
		}
	})
	t.Run("two layouts with images in different orders come out the same", func(t *testing.T) {
		// Another layout of the same input: gofpdf's map order differs from the first.
		other, err := orderImages(rawPDF(t))
		if err != nil {
			t.Fatal(err)
		}
		// The generation time (ModDate) differs; compare with it blanked.
		blank := func(b []byte) []byte {
			return modDateRE.ReplaceAll(bytes.Clone(b), []byte("/ModDate (D:00000000000000)"))
		}
		if !bytes.Equal(blank(other), blank(ordered)) {
			t.Errorf("differ at byte %d", firstDiff(blank(other), blank(ordered)))
		}
	})
	t.Run("every page looks the same as before", func(t *testing.T) {
		// The images are swapped between objects: a wrong reference would put one chart in
		// another's place. Render both files and compare the pixels.
		dir := t.TempDir()
		for name, b := range map[string][]byte{"raw": raw, "ordered": ordered} {
			if err := os.WriteFile(filepath.Join(dir, name+".pdf"), b, 0o644); err != nil {
				t.Fatal(err)
			}
			run(t, "pdftoppm", "-r", "12", "-png", filepath.Join(dir, name+".pdf"), filepath.Join(dir, name))
		}
		pages, _ := filepath.Glob(filepath.Join(dir, "raw-*.png"))
		if len(pages) < 5 {
			t.Fatalf("%d pages rendered", len(pages))
		}
		for _, p := range pages {
			a, _ := os.ReadFile(p)
			b, err := os.ReadFile(filepath.Join(dir, "ordered"+filepath.Base(p)[len("raw"):]))
			if err != nil || !bytes.Equal(a, b) {
				t.Errorf("page %s looks different after ordering the images (%v)", filepath.Base(p), err)
			}
		}
	})
}
