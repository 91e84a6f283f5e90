package measure

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gipsdev/gips"
)

// TestIntensityStdWithoutMedian: intensityStd asked without
// intensityMedian (the second pass, spread) is numpy's std of each
// label's values (ddof 0, about their mean), computed here by brute
// force, at one and two workers (labels cut by the slabs' border), and
// NaN for a label with a NaN value; with the median too (gather) it is
// the same.
func TestIntensityStdWithoutMedian(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	const nx, ny, nz = 23, 17, 6
	rng := rand.New(rand.NewPCG(91, 92))
	v := make([]uint32, nx*ny*nz)
	f := make([]float32, len(v))
	for i := range v {
		if rng.IntN(4) > 0 {
			v[i] = uint32(1 + (i/5)%29) // runs along x, labels across z
		}
		f[i] = float32(rng.NormFloat64()*40 + 1000)
	}
	for i := range v {
		if v[i] == 7 {
			f[i] = float32(math.NaN())
			break
		}
	}
	lab := makeLabels(t, gips.Label16, v, nz, ny, nx, true)
	inten, err := gips.FromArray(gips.ArrayOf(f, nz, ny, nx))
	if err != nil {
		t.Fatal(err)
	}
	// The reference: the values of each label, their mean, the mean of
	// the squared differences.
	vals := map[uint32][]float64{}
	for i, l := range v {
		if l != 0 {
			vals[l] = append(vals[l], float64(f[i]))
		}
	}
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		for _, cols := range [][]string{{"label", "intensityStd"}, {"label", "intensityStd", "intensityMedian"}} {
			tab, err := LabelAnalysis(lab, inten, WithMeasures(cols...))
			if err != nil {
				t.Fatal(err)
			}
			labels, std := tab.Column("label"), tab.Column("intensityStd")
			if len(labels) != len(vals) {
				t.Fatalf("%d rows, want %d", len(labels), len(vals))
			}
			for r, l := range labels {
				x := vals[uint32(l)]
				var sum, ss float64
				for _, a := range x {
					sum += a
				}
				mean := sum / float64(len(x))
				for _, a := range x {
					ss += (a - mean) * (a - mean)
				}
				want := math.Sqrt(ss / float64(len(x)))
				got := std[r]
				if math.IsNaN(want) != math.IsNaN(got) || !math.IsNaN(want) && math.Abs(got-want) > 1e-12*want {
					t.Fatalf("%v at %d workers: label %v: std %v, want %v", cols, procs, l, got, want)
				}
			}
		}
	}
}
