package filter

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/morpho"
)

// BenchmarkMedian27 times the 3x3x3 median of 512x512x64 volumes of 8- and
// 16-bit pixels (a quarter of the bench harness's 3D image).
func BenchmarkMedian27(b *testing.B) {
	for _, t := range []gips.BufferType{gips.UInt16, gips.UInt8} {
		g := gips.Geometry3d(t, 512, 512, 64)
		in := imgtest.BenchImages(b, g, 1)[0]
		out := imgtest.BenchOutput(b, g)
		b.Run(t.String(), func(b *testing.B) {
			b.SetBytes(imgtest.PixelBytes(g))
			cpu := imgtest.StartCPU(b)
			for b.Loop() {
				if err := MedianInto(out, in, morpho.Box(3, 3, 3)); err != nil {
					b.Fatal(err)
				}
			}
			cpu.Report()
		})
	}
}
