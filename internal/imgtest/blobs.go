package imgtest

import (
	"math"
	"math/rand/v2"

	"github.com/gipsdev/gips"
)

// Blobs is a Binary image of natural blobs: a coarse random field (one
// value per 16 pixels, interpolated) plus a little pixel noise, above 0: the images the labelling, distance and segmentation benchmarks
// share, the same for a given size.
func Blobs(sx, sy, sz int, volume bool) *gips.Image {
	rng := rand.New(rand.NewPCG(1, 2))
	const cell = 16
	cx, cy, cz := sx/cell+2, sy/cell+2, sz/cell+2
	coarse := make([]float64, cx*cy*cz)
	for i := range coarse {
		coarse[i] = rng.NormFloat64()
	}
	g := gips.Geometry2d(gips.Binary, sx, sy)
	if volume {
		g = gips.Geometry3d(gips.Binary, sx, sy, sz)
	}
	img, _ := gips.CreateImage(g)
	at := func(x, y, z int) float64 { return coarse[(z*cy+y)*cx+x] }
	for z := range sz {
		fz := float64(z) / cell
		z0, wz := int(fz), fz-math.Floor(fz)
		for y := range sy {
			fy := float64(y) / cell
			y0, wy := int(fy), fy-math.Floor(fy)
			row := img.Row(z, y)
			for x := range sx {
				fx := float64(x) / cell
				x0, wx := int(fx), fx-math.Floor(fx)
				v := 0.0
				for k := range 8 {
					dx, dy, dz := k&1, k>>1&1, k>>2
					w := (1 - wx + float64(dx)*(2*wx-1)) * (1 - wy + float64(dy)*(2*wy-1)) * (1 - wz + float64(dz)*(2*wz-1))
					v += w * at(x0+dx, y0+dy, z0+dz)
				}
				if v+0.3*rng.NormFloat64() > 0 {
					row[x] = 1
				}
			}
		}
	}
	return img
}
