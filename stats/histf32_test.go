package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestHistogramFloat32Estimate: the histogram of a Real32 image, whose bins
// the vector step takes from an estimate where it proves them
// (binEstimate32), equals a brute-force count by the edges themselves
// (numpy's rule: e[k] <= v < e[k+1], the last bin closed), for values on
// every edge, one float32 step either side of it, random ones, NaN, ±Inf
// and values outside the range; over ranges whose bins are wide, narrower
// than the float32 spacing, subnormal, huge, and of ends that float32
// cannot hold. Both builds, and with the vector step off.
func TestHistogramFloat32Estimate(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	cases := []struct {
		n      int
		lo, hi float64
	}{
		{256, 0, 64}, {256, 0.1, 63.85}, {7, -1, 1}, {1000, -3.3e38, 3.3e38}, {100, 1, 1 + 1e-6},
		{10, 1e-40, 1e-38}, {1, -5, 1e6}, {3, 0.1, 0.7}, {4096, -2.5, 1e4}, {33, -1e-3, 0},
	}
	for _, c := range cases {
		e := edges(c.n, c.lo, c.hi, true)
		var vals []float32
		for _, x := range e {
			f := float32(x)
			vals = append(vals, f, math.Nextafter32(f, float32(math.Inf(1))), math.Nextafter32(f, float32(math.Inf(-1))))
		}
		for range 3000 {
			vals = append(vals, float32(c.lo+(c.hi-c.lo)*(rng.Float64()*1.2-0.1)))
		}
		vals = append(vals, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0, float32(math.Copysign(0, -1)))
		rng.Shuffle(len(vals), func(i, j int) { vals[i], vals[j] = vals[j], vals[i] })
		want := make([]int64, c.n)
		for _, v := range vals {
			x := float64(v)
			if !(x >= e[0] && x <= e[c.n]) {
				continue
			}
			k := 0
			for k+1 < c.n && e[k+1] <= x {
				k++
			}
			want[k]++
		}
		// Rows of odd widths, padded: the vector step's tail and starts.
		w := 37
		for len(vals)%w != 0 {
			vals = append(vals, float32(math.NaN()))
		}
		a := gips.ArrayOf(append(vals, make([]float32, 5)...)[:len(vals)], len(vals)/w, w)
		img, err := gips.FromArray(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, simd := range []bool{true, false} {
			var h Hist
			run := func() { h, err = Histogram(img, c.n, c.lo, c.hi) }
			if simd {
				run()
			} else {
				withoutSIMD(run)
			}
			if err != nil {
				t.Fatal(err)
			}
			for k := range want {
				if h.Counts[k] != want[k] {
					t.Fatalf("range [%v, %v] %d bins (simd %v): bin %d holds %d, the edges say %d", c.lo, c.hi, c.n, simd, k, h.Counts[k], want[k])
				}
			}
		}
	}
}
