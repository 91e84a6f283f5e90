package measure

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestRepeatedAnalysesMatchBruteForce: the passes' per-label accumulators
// (moments, intensity sums, the squared differences of the std, the
// label index) come from a pool holding the last call's values; each of
// three analyses of the same images must give the brute force's area,
// intensity min, max, sum, mean and std (an accumulator not cleared would
// add the previous call's sums). 3000 labels: well above the pool's 4 KiB
// floor for every accumulator.
func TestRepeatedAnalysesMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	const nx, ny = 400, 300
	v := imgtest.Runs(rng, nx*ny, 6, func() uint32 { return uint32(rng.IntN(3001)) })
	f := make([]float32, len(v))
	for i := range f {
		f[i] = float32(rng.IntN(1000))
	}
	type acc struct{ n, min, max, sum, ss float64 }
	ref := map[uint32]*acc{}
	for i, l := range v {
		if l == 0 {
			continue
		}
		a := ref[l]
		if a == nil {
			a = &acc{min: math.Inf(1), max: math.Inf(-1)}
			ref[l] = a
		}
		x := float64(f[i])
		a.n++
		a.min, a.max, a.sum = min(a.min, x), max(a.max, x), a.sum+x
	}
	for i, l := range v {
		if a := ref[l]; a != nil {
			d := float64(f[i]) - a.sum/a.n
			a.ss += d * d
		}
	}
	lab := makeLabels(t, gips.Label32, v, 1, ny, nx, false)
	inten, err := gips.FromArray(gips.ArrayOf(f, ny, nx))
	if err != nil {
		t.Fatal(err)
	}
	cols := []string{"area", "intensityMin", "intensityMax", "intensitySum", "intensityMean", "intensityStd"}
	for call := range 3 {
		tab, err := LabelAnalysis(lab, inten, WithMeasures(cols...))
		if err != nil {
			t.Fatal(err)
		}
		if tab.Len() != len(ref) {
			t.Fatalf("call %d: %d rows, %d labels", call, tab.Len(), len(ref))
		}
		for r, l := range tab.Labels() {
			a := ref[l]
			want := []float64{a.n, a.min, a.max, a.sum, a.sum / a.n, math.Sqrt(a.ss / a.n)}
			for c, name := range cols {
				got := tab.Column(name)[r]
				if math.Abs(got-want[c]) > 1e-9*math.Abs(want[c])+1e-9 {
					t.Fatalf("call %d, label %d: %s %v, brute force %v", call, l, name, got, want[c])
				}
			}
		}
	}
}
