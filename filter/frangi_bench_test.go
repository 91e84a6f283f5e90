package filter

import (
	"fmt"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// BenchmarkFrangi is the bench row's frangi (skimage defaults, UInt8 into
// Real32) on a side² image; 1024² for quick turns, 4096² as the row.
func BenchmarkFrangi(b *testing.B) {
	for _, side := range []int{1024, 4096} {
		b.Run(fmt.Sprint(side), func(b *testing.B) {
			g := gips.Geometry2d(gips.UInt8, side, side)
			img := imgtest.BenchImages(b, g, 1)[0]
			dst, err := gips.CreateImage(g.WithType(gips.Real32))
			if err != nil {
				b.Fatal(err)
			}
			cpu := imgtest.StartCPU(b)
			for b.Loop() {
				if err := FrangiInto(dst, img, DefaultFrangi()); err != nil {
					b.Fatal(err)
				}
			}
			cpu.Report()
		})
	}
}
