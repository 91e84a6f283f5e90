package filter

import (
	"math"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// The z pass's pooled volume comes back with old contents: a result must
// not depend on them (phase A writes all of it before phase B reads).
func TestZScratchOldContentsDoNotMatter(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry3d(gips.UInt16, 23, 17, 9))
	for z := range 9 {
		for y := range 17 {
			row := img.Row(z, y)
			for x := 0; x < len(row); x += 2 {
				row[x] = byte(x*7 + y*13 + z*29)
				row[x+1] = byte(z * 3)
			}
		}
	}
	run := func() *gips.Image {
		out, err := Gaussian(img, 1.5, WithOutput(gips.UInt16))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := run()
	for _, poison := range []float64{math.NaN(), 1e30} {
		for _, n := range []int{23 * 17 * 9, 1 << 16} {
			b32 := make([]float32, n)
			b64 := make([]float64, n)
			for i := range b32 {
				b32[i], b64[i] = float32(poison), poison
			}
			scratch.Put(&zScratch, b32)
			got := run()
			scratch.Put(&zScratch, b64)
			got2 := run()
			for z := range 9 {
				for y := range 17 {
					w, g, g2 := want.Row(z, y), got.Row(z, y), got2.Row(z, y)
					for x := range w {
						if g[x] != w[x] || g2[x] != w[x] {
							t.Fatalf("poison %g, pool of %d: pixel byte (%d, %d, %d) = %d / %d, want %d", poison, n, x, y, z, g[x], g2[x], w[x])
						}
					}
				}
			}
		}
	}
}
