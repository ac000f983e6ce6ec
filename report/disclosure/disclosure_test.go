package disclosure

import (
	"reflect"
	"testing"
)

func TestCount(t *testing.T) {
	for _, c := range []struct {
		name string
		n    int
		on   bool
		want string
	}{
		{"SPEC §6: zero identifies no one and is shown", 0, true, "0"},
		{"SPEC §6: a count of 1 is shown as <5", 1, true, "<5"},
		{"SPEC §6: a count of 4 is shown as <5", 4, true, "<5"},
		{"SPEC §6: a count of 5 is shown", 5, true, "5"},
		{"disclosure control off shows every count", 3, false, "3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Count(c.n, c.on); got != c.want {
				t.Errorf("Count(%d, %v) = %q, want %q", c.n, c.on, got, c.want)
			}
		})
	}
}

func TestRateHidden(t *testing.T) {
	for _, c := range []struct {
		name     string
		num, den int
		want     bool
	}{
		{"SPEC §6: denominator 4 is suppressed", 0, 4, true},
		{"SPEC §6: denominator 5 with numerator 0 is shown", 0, 5, false},
		{"numerator 1–4 would be revealed by rate and denominator", 4, 13, true},
		{"numerator 5 of 13 is shown", 5, 13, false},
		{"denominator 0 (n/a) is not shown", 0, 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := RateHidden(c.num, c.den); got != c.want {
				t.Errorf("RateHidden(%d, %d) = %v, want %v", c.num, c.den, got, c.want)
			}
		})
	}
}

func TestColumn(t *testing.T) {
	texts := func(cs []Cell) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Text)
		}
		return out
	}
	for _, c := range []struct {
		name      string
		cells     []int
		want      []string
		wantTotal string
	}{
		// 3 + 10 + 7 = 20: 3 is hidden; with the total 20 shown, 3 = 20 − 10 − 7, so the
		// next smallest (7) is hidden too.
		{"secondary suppression when exactly one cell is hidden", []int{3, 10, 7}, []string{"<5", "10", "*"}, "20"},
		// 2 + 3 + 9: two hidden cells cannot be told apart (2 + 3 = 14 − 9), no secondary.
		{"two hidden cells need no secondary suppression", []int{2, 3, 9}, []string{"<5", "<5", "9"}, "14"},
		// 4 + 0 + 12: the zero is not chosen while a non-zero cell is left.
		{"secondary suppression prefers a non-zero cell", []int{4, 0, 12}, []string{"<5", "0", "*"}, "16"},
		// 3 + 0: total 3 is itself hidden, so nothing can be subtracted.
		{"no secondary suppression when the total is hidden", []int{3, 0}, []string{"<5", "0"}, "<5"},
		{"nothing small, nothing hidden", []int{5, 6}, []string{"5", "6"}, "11"},
		// 1 + 20 + 0 + 0: the only non-zero other cell, 20, is hidden.
		{"secondary takes the smallest non-zero even when large", []int{1, 20, 0, 0}, []string{"<5", "*", "0", "0"}, "21"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, total := Column(c.cells, true)
			if !reflect.DeepEqual(texts(got), c.want) {
				t.Errorf("Column(%v) = %v, want %v", c.cells, texts(got), c.want)
			}
			if total.Text != c.wantTotal {
				t.Errorf("total = %q, want %q", total.Text, c.wantTotal)
			}
		})
	}
	t.Run("off shows every cell", func(t *testing.T) {
		got, _ := Column([]int{3, 10}, false)
		if !reflect.DeepEqual(texts(got), []string{"3", "10"}) {
			t.Errorf("got %v", texts(got))
		}
	})
}
