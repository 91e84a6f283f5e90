package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips/internal/nbhd"
)

// TestFillRunsMatchGraphFlood: the union-find over background runs
// (fillruns.go) equals the pixel flood over the structure's graph
// (scipy's definition, fill.go; FillHoles is compared with scipy in
// flood_test.go) for the crosses, squares, cubes and the
// 18-neighbourhood, with and without their centre, on random volumes of
// every density, shells with holes, mazes of diagonal walls, 1-pixel-thin
// shapes and volumes of many bands (joins across bands); and runLinks
// refuses the structures it cannot take.
func TestFillRunsMatchGraphFlood(t *testing.T) {
	rng := rand.New(rand.NewPCG(92, 93))
	dims := []nbhd.Dims{{NX: 17, NY: 13, NZ: 1}, {NX: 9, NY: 8, NZ: 7}, {NX: 1, NY: 9, NZ: 4}, {NX: 12, NY: 1, NZ: 1},
		{NX: 5, NY: 6, NZ: 2}, {NX: 40, NY: 33, NZ: 1}, {NX: 70, NY: 3, NZ: 11}, {NX: 1, NY: 1, NZ: 5}}
	noCentre := func(s SE) SE {
		on := s.Bools()
		on[len(on)/2] = false
		return FromBools(on, s.size[0], s.size[1], s.size[2])
	}
	conn18 := func() SE {
		on := make([]bool, 27)
		for i := range on {
			x, y, z := i%3-1, i/3%3-1, i/9-1
			on[i] = abs(x)+abs(y)+abs(z) <= 2
		}
		return FromBools(on, 3, 3, 3)
	}()
	ses2 := []SE{Cross(2), Rect(3, 3), noCentre(Cross(2)), noCentre(Rect(3, 3)), Rect(3, 1)}
	ses3 := []SE{Cross(3), Box(3, 3, 3), conn18, noCentre(Cross(3)), noCentre(Box(3, 3, 3)), Cross(2), Rect(3, 3), Box(3, 1, 3)}
	for _, d := range dims {
		for trial := range 24 {
			vol := make([]uint8, d.Len())
			density := 1 + trial%9
			for i := range vol {
				if rng.IntN(10) < density {
					vol[i] = uint8(1 + rng.IntN(255))
				}
			}
			switch trial % 6 {
			case 0: // a shell around a hole
				for i := range vol {
					x, y, z := i%d.NX, i/d.NX%d.NY, i/(d.NX*d.NY)
					c := max(abs(x-d.NX/2), abs(y-d.NY/2), abs(z-d.NZ/2))
					vol[i] = b2u(c == 2)
				}
			case 1: // diagonal walls: closed to the cross, open to the square
				for i := range vol {
					x, y, z := i%d.NX, i/d.NX%d.NY, i/(d.NX*d.NY)
					vol[i] = b2u((x+y+z)%4 == 0)
				}
			}
			ses := ses2
			if d.NZ > 1 {
				ses = ses3
			}
			for _, s := range ses {
				links, ok := runLinks(s.Offsets())
				if !ok {
					t.Fatalf("runLinks refuses %v", s.Bools())
				}
				want := make([]uint8, d.Len())
				fillHoles(want, vol, newGraph(d, s.Offsets()))
				got := make([]uint8, d.Len())
				done, err := fillRuns(got, vol, d, links)
				if err != nil || !done {
					t.Fatalf("fillRuns: %v %v", done, err)
				}
				compare(t, fmt.Sprintf("%v trial %d se %v %v", d, trial, s.size, s.Bools()), got, want)
			}
		}
	}
	lopsided := FromBools([]bool{false, false, false, true, true, true, true, false, false}, 3, 3, 1)
	gap := FromBools([]bool{true, false, true, true, true, true, true, false, true}, 3, 3, 1)
	for _, s := range []SE{Disk(2), Diamond(2), Rect(1, 3), Box(1, 3, 3), lopsided, gap, Rect(5, 1)} {
		if _, ok := runLinks(s.Offsets()); ok {
			t.Fatalf("runLinks takes %v %v", s.Size(), s.Bools())
		}
	}
}
