package filter

import (
	"testing"

	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/morpho"
)

func BenchmarkMedian(b *testing.B) {
	for _, s := range imgtest.BenchSizes {
		in := imgtest.BenchImages(b, s.Geom, 1)[0]
		out := imgtest.BenchOutput(b, s.Geom)
		ses := map[string]morpho.SE{"3x3": morpho.Rect(3, 3), "5x5": morpho.Rect(5, 5)}
		if s.Geom.Volume {
			ses = map[string]morpho.SE{"3x3x3": morpho.Box(3, 3, 3)}
		}
		for name, se := range ses {
			b.Run(s.Name+"/"+name, func(b *testing.B) {
				b.SetBytes(imgtest.PixelBytes(s.Geom))
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
