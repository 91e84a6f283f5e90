package transform

import (
	"testing"

	"github.com/gipsdev/gips/internal/imgtest"
)

// BenchmarkPadInto is the side-by-side benchmark's pad_reflect row: 16
// pixels on every side of the 2D image, reflect (scipy's mirror).
func BenchmarkPadInto(b *testing.B) {
	s := imgtest.Bench2D
	img := imgtest.BenchImages(b, s.Geom, 1)[0]
	before := [3]int{16, 16, 0}
	g, err := PadGeometry(s.Geom, before, before)
	if err != nil {
		b.Fatal(err)
	}
	out := imgtest.BenchOutput(b, g)
	b.SetBytes(imgtest.PixelBytes(s.Geom) + imgtest.PixelBytes(g))
	for b.Loop() {
		if err := PadInto(out, img, before, PadReflect, 0); err != nil {
			b.Fatal(err)
		}
	}
}
