package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips/internal/nbhd"
)

// TestFillSpansMatchGraphFlood: the span flood of the cross equals the
// pixel flood over the structure's graph (scipy's definition, fill.go;
// FillHoles is compared with scipy in flood_test.go) on random volumes of
// every density, rings and shells with holes, 1-pixel-thin shapes, with
// the 2D cross (planes alone) and the 3D one, centre or not.
func TestFillSpansMatchGraphFlood(t *testing.T) {
	rng := rand.New(rand.NewPCG(90, 91))
	dims := []nbhd.Dims{{NX: 17, NY: 13, NZ: 1}, {NX: 9, NY: 8, NZ: 7}, {NX: 1, NY: 9, NZ: 4}, {NX: 12, NY: 1, NZ: 1}, {NX: 5, NY: 6, NZ: 2}, {NX: 40, NY: 33, NZ: 1}}
	noCentre := func(s SE) SE {
		on := s.Bools()
		on[len(on)/2] = false
		return FromBools(on, s.size[0], s.size[1], s.size[2])
	}
	for _, d := range dims {
		for trial := range 30 {
			vol := make([]uint8, d.Len())
			density := 1 + trial%9
			for i := range vol {
				if rng.IntN(10) < density {
					vol[i] = 1
				}
			}
			if trial%5 == 0 { // a shell around a hole
				for i := range vol {
					x, y, z := i%d.NX, i/d.NX%d.NY, i/(d.NX*d.NY)
					c := max(abs(x-d.NX/2), abs(y-d.NY/2), abs(z-d.NZ/2))
					vol[i] = b2u(c == 2)
				}
			}
			for _, s := range []SE{Cross(2), Cross(3), noCentre(Cross(2)), noCentre(Cross(3))} {
				ok, z := crossFaces(s.Offsets())
				if !ok {
					t.Fatalf("crossFaces refuses %v", s.Bools())
				}
				want := make([]uint8, d.Len())
				fillHoles(want, vol, newGraph(d, s.Offsets()))
				got := make([]uint8, d.Len())
				fillSpans(got, vol, d, z)
				compare(t, fmt.Sprintf("%v trial %d se %v", d, trial, s.size), got, want)
			}
		}
	}
	for _, s := range []SE{Rect(3, 3), Box(3, 3, 3), Disk(2), Diamond(2)} {
		if ok, _ := crossFaces(s.Offsets()); ok {
			t.Fatalf("crossFaces takes %v", s.Size())
		}
	}
}
