package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// smoothGrey is an n x n UInt8 image like bench/inputs.py's: a smooth field
// of mean 128 and deviation 40 plus pixel noise of deviation 14, so that
// its histogram is unimodal with tails (runs of near-equal values are the
// hard case for counting).
func smoothGrey(n int) *gips.Image {
	img, err := gips.CreateImage(gips.Geometry2d(gips.UInt8, n, n))
	if err != nil {
		panic(err)
	}
	a, _ := img.Array()
	rng := rand.New(rand.NewPCG(1, 2))
	const cell = 32
	m := n/cell + 2
	low := make([]float64, m*m)
	for i := range low {
		low[i] = rng.NormFloat64()
	}
	for y := range n {
		for x := range n {
			fy, fx := float64(y)/cell, float64(x)/cell
			iy, ix := int(fy), int(fx)
			ty, tx := fy-float64(iy), fx-float64(ix)
			f := (low[iy*m+ix]*(1-tx)+low[iy*m+ix+1]*tx)*(1-ty) + (low[(iy+1)*m+ix]*(1-tx)+low[(iy+1)*m+ix+1]*tx)*ty
			v := math.Round(128 + 40*f + 14*rng.NormFloat64())
			a.Data[y*n+x] = byte(min(max(v, 0), 255))
		}
	}
	return img
}

// BenchmarkRows is issue 15's rows at the sizes where a call's fixed
// costs and the counting loop decide: 256x256 and 1024x1024 UInt8, with
// the CPU time per op (the machine is shared).
func BenchmarkRows(b *testing.B) {
	for _, n := range []int{256, 1024} {
		img := smoothGrey(n)
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
