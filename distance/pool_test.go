package distance

import (
	"fmt"
	"math"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/scratch"
)

// TestRepeatsWithPooledBuffers: the passes' line and band buffers, and the
// feature transform's feature volume, come from a pool holding an earlier
// call's values. Each transform of an image a, first with the pools
// drained (fresh, zeroed buffers), then after a call on another image b
// (its complement, or other labels), gives a's first answer bit for bit:
// 2D with square pixels (the integer plane path), 2D and 3D with a
// sampling (the lane and padded line passes), the feature transform and
// the multi-label EDT. Lines of more than 512 samples make the buffers
// larger than the pool's smallest (4 KiB).
func TestRepeatsWithPooledBuffers(t *testing.T) {
	type transform func(img *gips.Image) ([]float64, error)
	values := func(img *gips.Image, err error) ([]float64, error) {
		if err != nil {
			return nil, err
		}
		return imgtest.ImageValues(t, img), nil
	}
	edt := func(samp ...float64) transform {
		return func(img *gips.Image) ([]float64, error) { return values(EDT(img, WithSampling(samp...))) }
	}
	features := func(img *gips.Image) ([]float64, error) {
		x, y, z, err := FeatureTransform(img)
		if err != nil {
			return nil, err
		}
		all := append(imgtest.ImageValues(t, x), imgtest.ImageValues(t, y)...)
		if z != nil {
			all = append(all, imgtest.ImageValues(t, z)...)
		}
		return all, nil
	}
	labelEDT := func(samp ...float64) transform {
		return func(img *gips.Image) ([]float64, error) { return values(LabelEDT(img, WithSampling(samp...))) }
	}
	a2, a3 := imgtest.Blobs(1030, 600, 1, false), imgtest.Blobs(530, 520, 5, true)
	cases := []struct {
		name string
		f    transform
		a, b *gips.Image
	}{
		{"2D square pixels", edt(), a2, complement(t, a2)},
		{"2D sampling", edt(1.3, 0.7), a2, complement(t, a2)},
		{"3D", edt(), a3, complement(t, a3)},
		{"3D sampling", edt(0.6, 1.1, 2.0), a3, complement(t, a3)},
		{"2D features", features, a2, complement(t, a2)},
		{"3D features", features, a3, complement(t, a3)},
		{"2D labels", labelEDT(), tiles(t, a2, 40), tiles(t, complement(t, a2), 23)},
		{"3D labels", labelEDT(0.6, 1.1, 2.0), tiles(t, a3, 40), tiles(t, complement(t, a3), 23)},
	}
	for _, c := range cases {
		scratch.Drain()
		first, err := c.f(c.a)
		if err != nil {
			t.Fatal(c.name, err)
		}
		if _, err := c.f(c.b); err != nil {
			t.Fatal(c.name, err)
		}
		again, err := c.f(c.a)
		if err != nil {
			t.Fatal(c.name, err)
		}
		for i := range first {
			if math.Float64bits(first[i]) != math.Float64bits(again[i]) {
				t.Fatalf("%s: value %d: %v with fresh buffers, %v with pooled ones", c.name, i, first[i], again[i])
			}
		}
	}
}

// complement is a Binary image with img's zero pixels set and the others
// clear.
func complement(t *testing.T, img *gips.Image) *gips.Image {
	out, err := gips.CreateImage(img.Geometry())
	if err != nil {
		t.Fatal(err)
	}
	for z := range img.SizeZ() {
		for y := range img.SizeY() {
			src, dst := img.Row(z, y), out.Row(z, y)
			for i, v := range src {
				dst[i] = 0
				if v == 0 {
					dst[i] = 1
				}
			}
		}
	}
	return out
}

// tiles labels img's set pixels by the square tile of side n they lie in
// (Label32, 0 elsewhere).
func tiles(t *testing.T, img *gips.Image, n int) *gips.Image {
	sx, sy, sz := img.SizeX(), img.SizeY(), img.SizeZ()
	pix := make([]uint32, sx*sy*sz)
	for z := range sz {
		for y := range sy {
			for x, v := range img.Row(z, y) {
				if v != 0 {
					pix[(z*sy+y)*sx+x] = uint32(1 + x/n + (y/n)*(sx/n+1) + z*(sx/n+1)*(sy/n+1))
				}
			}
		}
	}
	g := gips.Geometry2d(gips.Label32, sx, sy)
	shape := []int{sy, sx}
	if img.Geometry().Volume {
		g, shape = gips.Geometry3d(gips.Label32, sx, sy, sz), []int{sz, sy, sx}
	}
	out, err := gips.FromArrayGeometry(gips.ArrayOf(pix, shape...), g)
	if err != nil {
		t.Fatal(fmt.Sprint("tiles: ", err))
	}
	return out
}
