package filter

import (
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/morpho"
)

// BenchmarkRankFloat times the float paths that check for NaN (rank_nan.go)
// on 512x512 (and 128x128x32) float32 images of quarter-integers without
// NaN, CPU time (one worker with -cpu 1).
func BenchmarkRankFloat(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	cases := []struct {
		name string
		vol  bool
		se   morpho.SE
		rank int // -100: the median
	}{
		{"median3x3", false, morpho.Rect(3, 3), -100},
		{"median5x5", false, morpho.Rect(5, 5), -100},
		{"medianDisk2", false, morpho.Disk(2), -100},
		{"rank0_3x3", false, morpho.Rect(3, 3), 0},
		{"rank-1_5x5", false, morpho.Rect(5, 5), -1},
		{"median3x3x3", true, morpho.Box(3, 3, 3), -100},
	}
	for _, c := range cases {
		g := gips.Geometry2d(gips.Real32, 512, 512)
		if c.vol {
			g = gips.Geometry3d(gips.Real32, 128, 128, 32)
		}
		pix := make([]float32, g.SizeX*g.SizeY*g.SizeZ)
		for i := range pix {
			pix[i] = float32(rng.IntN(256))/4 + 0.1
		}
		shape := []int{g.SizeY, g.SizeX}
		if c.vol {
			shape = []int{g.SizeZ, g.SizeY, g.SizeX}
		}
		in, err := gips.FromArray(gips.ArrayOf(pix, shape...))
		if err != nil {
			b.Fatal(err)
		}
		out := imgtest.BenchOutput(b, g)
		b.Run(c.name, func(b *testing.B) {
			cpu := imgtest.StartCPU(b)
			for b.Loop() {
				var err error
				if c.rank == -100 {
					err = MedianInto(out, in, c.se)
				} else {
					err = RankInto(out, in, c.rank, c.se)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			cpu.Report()
		})
	}
}
