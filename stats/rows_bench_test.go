package stats

import (
	"testing"

	"github.com/gipsdev/gips/internal/imgtest"
)

// BenchmarkRows is issue 15's rows at the sizes where a call's fixed
// costs and the counting loop decide: 256x256 and 1024x1024 UInt8, with
// the CPU time per op (the machine is shared).
func BenchmarkRows(b *testing.B) {
	for _, n := range []int{256, 1024} {
		img := imgtest.SmoothGrey(n)
		for _, r := range []struct {
			name string
			f    func() error
		}{
			{"histogram", func() error { _, err := Histogram(img, 256, 0, 256); return err }},
			{"valueCounts", func() error { _, _, err := ValueCounts(img); return err }},
			{"mean", func() error { _, err := Mean(img); return err }},
			{"min", func() error { _, err := Min(img); return err }},
			{"std", func() error { _, err := Std(img, 0); return err }},
			{"median", func() error { _, err := Percentiles(img, 50); return err }},
		} {
			b.Run(r.name+"/"+itoa(n), func(b *testing.B) {
				c := imgtest.StartCPU(b)
				for b.Loop() {
					if err := r.f(); err != nil {
						b.Fatal(err)
					}
				}
				c.Report()
			})
		}
	}
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
