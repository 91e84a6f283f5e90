package filter

import (
	"fmt"
	"math"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/morpho"
)

// BenchmarkMedianBox8 times the median of 8-bit 2048x2048 images with
// square boxes by the path Median takes from 1 pixel on (hist: the
// histograms but where histFaster prefers the AVX2 forgetful selection)
// and by selection (sel, the path before the histograms; slow for the
// large boxes: run it with -benchtime=1x).
func BenchmarkMedianBox8(b *testing.B) {
	g := gips.Geometry2d(gips.UInt8, 2048, 2048)
	in := imgtest.BenchImages(b, g, 1)[0]
	out := imgtest.BenchOutput(b, g)
	for _, path := range []string{"hist", "sel"} {
		for _, s := range []int{4, 6, 7, 9, 15, 31, 63} {
			b.Run(fmt.Sprintf("%s/%dx%d", path, s, s), func(b *testing.B) {
				old := histMinPixels
				if path == "sel" {
					histMinPixels = math.MaxInt
				} else {
					histMinPixels = 1
				}
				defer func() { histMinPixels = old }()
				se := morpho.Rect(s, s)
				b.SetBytes(int64(g.SizeX * g.SizeY))
				cpu := imgtest.StartCPU(b)
				for b.Loop() {
					if err := MedianInto(out, in, se); err != nil {
						b.Fatal(err)
					}
				}
				cpu.Report()
			})
		}
	}
}

// BenchmarkMedianBox16 times the median of 16-bit 2048x2048 images with
// square boxes by the sliding histogram (hist) and by selection (sel),
// and of a 256x256x64 volume with cubes.
func BenchmarkMedianBox16(b *testing.B) {
	for _, g := range []gips.Geometry{gips.Geometry2d(gips.UInt16, 2048, 2048), gips.Geometry3d(gips.UInt16, 256, 256, 64)} {
		in := imgtest.BenchImages(b, g, 1)[0]
		out := imgtest.BenchOutput(b, g)
		for _, path := range []string{"hist", "sel"} {
			for _, s := range []int{4, 5, 7, 9, 15, 31} {
				se := morpho.Rect(s, s)
				if g.Volume {
					if s > 7 {
						continue
					}
					se = morpho.Box(s, s, s)
				}
				dim := "2D"
				if g.Volume {
					dim = "3D"
				}
				b.Run(fmt.Sprintf("%s/%s/%d", dim, path, s), func(b *testing.B) {
					old := hist16MinPixels
					if path == "sel" {
						hist16MinPixels = math.MaxInt
					} else {
						hist16MinPixels = 1
					}
					defer func() { hist16MinPixels = old }()
					b.SetBytes(int64(g.SizeX * g.SizeY * g.SizeZ))
					cpu := imgtest.StartCPU(b)
					for b.Loop() {
						if err := MedianInto(out, in, se); err != nil {
							b.Fatal(err)
						}
					}
					cpu.Report()
				})
			}
		}
	}
}
