package logic

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// Run with: go test ./logic -run '^$' -bench . -benchtime 3x
// MB/s counts bytes read plus written; BenchmarkCopy is the memory
// bandwidth in the same run. Binary ops run on Binary images of the first
// benchmark size.

func BenchmarkCopy(b *testing.B) { imgtest.BenchCopy(b) }

func BenchmarkLogic(b *testing.B) {
	sizes := append([]imgtest.BenchSize{{Name: "2D_Binary_4096x4096", Geom: gips.Geometry2d(gips.Binary, 4096, 4096)}}, imgtest.BenchSizes...)
	two := map[string]func(dst, a, b *gips.Image) error{"And": AndInto, "Or": OrInto, "Xor": XorInto}
	for _, s := range sizes {
		imgtest.BenchOps(b, s, two, map[string]func(dst, a *gips.Image) error{"Not": NotInto})
		in := imgtest.BenchImages(b, s.Geom, 1)[0]
		out := imgtest.BenchOutput(b, s.Geom)
		mask := imgtest.BenchImages(b, s.Geom.WithType(gips.Binary), 1)[0]
		b.Run(s.Name+"/Mask", func(b *testing.B) {
			b.SetBytes(imgtest.BenchBytes(s.Geom, 1, s.Geom.Type) + imgtest.PixelBytes(s.Geom.WithType(gips.Binary)))
			for b.Loop() {
				if err := MaskInto(out, in, mask); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
