package filter

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/scratch"
)

// TestRepeatsWithPooledRows: the uint8 bilateral filter's rings, the
// 16-bit mean's row and slab sums and the 3D edge filters' output rows
// come from a pool holding an earlier call's values. Each filter of an image a, first with the pools drained
// (fresh, zeroed buffers), then after a call on another image b, gives a's
// first answer bit for bit. Rows of 1100 pixels make the buffers larger
// than the pool's smallest (4 KiB).
func TestRepeatsWithPooledRows(t *testing.T) {
	random := func(g gips.Geometry, seed uint64) *gips.Image {
		img, err := gips.CreateImage(g)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(seed, 7))
		for z := range g.SizeZ {
			for y := range g.SizeY {
				row := img.Row(z, y)
				for i := range row {
					row[i] = byte(rng.IntN(256))
				}
			}
		}
		return img
	}
	cases := []struct {
		name string
		g    gips.Geometry
		f    func(img *gips.Image) (*gips.Image, error)
	}{
		{"bilateral uint8", gips.Geometry2d(gips.UInt8, 1100, 40), func(img *gips.Image) (*gips.Image, error) {
			return Bilateral(img, 2, 25, 3)
		}},
		{"bilateral uint8 radius 6", gips.Geometry2d(gips.UInt8, 1100, 40), func(img *gips.Image) (*gips.Image, error) {
			return Bilateral(img, 3, 40, 6, WithMode(Constant), WithCval(9))
		}},
		{"mean uint16 2D", gips.Geometry2d(gips.UInt16, 1100, 60), func(img *gips.Image) (*gips.Image, error) {
			return Mean(img, 5)
		}},
		{"mean int16 3D", gips.Geometry3d(gips.Int16, 1100, 30, 9), func(img *gips.Image) (*gips.Image, error) {
			return Mean(img, 5, WithMode(Constant), WithCval(-300))
		}},
		// the streamed 3D edge filter's output rows (4 KiB and more)
		{"sobel magnitude 3D", gips.Geometry3d(gips.UInt8, 1100, 40, 6), func(img *gips.Image) (*gips.Image, error) {
			return Sobel(img, Magnitude, false, WithMode(Mirror))
		}},
		{"sobel z 3D", gips.Geometry3d(gips.UInt8, 1100, 40, 6), func(img *gips.Image) (*gips.Image, error) {
			return Sobel(img, AxisZ, false)
		}},
	}
	for _, c := range cases {
		a, b := random(c.g, 1), random(c.g, 2)
		scratch.Drain()
		first, err := c.f(a)
		if err != nil {
			t.Fatal(c.name, err)
		}
		if _, err := c.f(b); err != nil {
			t.Fatal(c.name, err)
		}
		again, err := c.f(a)
		if err != nil {
			t.Fatal(c.name, err)
		}
		x, y := imgtest.ImageValues(t, first), imgtest.ImageValues(t, again)
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				t.Fatalf("%s: pixel %d: %v with fresh buffers, %v with pooled ones", c.name, i, x[i], y[i])
			}
		}
	}
}
