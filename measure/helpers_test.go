package measure

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// blobs is a random label image in numpy order (z, y, x; nz = 1 for 2D):
// k ellipses / ellipsoids of random size and angle, some cut by the
// border, drawn over each other with random non-sequential labels below
// maxLabel, some with holes, plus single-pixel objects.
func blobs(rng *rand.Rand, nz, ny, nx, k int, maxLabel uint32) []uint32 {
	v := make([]uint32, nz*ny*nx)
	for range k {
		l := 1 + uint32(rng.Int64N(int64(maxLabel)))
		cx, cy, cz := rng.Float64()*float64(nx), rng.Float64()*float64(ny), rng.Float64()*float64(nz)
		rx, ry, rz := 0.6+rng.Float64()*float64(nx)/5, 0.6+rng.Float64()*float64(ny)/5, 0.6+rng.Float64()*float64(nz)/5
		th := rng.Float64() * math.Pi
		hole := rng.IntN(4) == 0
		c, s := math.Cos(th), math.Sin(th)
		for z := range nz {
			for y := range ny {
				for x := range nx {
					dx, dy := float64(x)-cx, float64(y)-cy
					u, w := (c*dx+s*dy)/rx, (-s*dx+c*dy)/ry
					d := u*u + w*w
					if nz > 1 {
						dz := (float64(z) - cz) / rz
						d += dz * dz
					}
					if d <= 1 && !(hole && d < 0.15) {
						v[(z*ny+y)*nx+x] = l
					}
				}
			}
		}
	}
	for range k / 2 {
		v[rng.IntN(len(v))] = 1 + uint32(rng.Int64N(int64(maxLabel)))
	}
	return v
}

// labelImage makes an image of type t (2D when nz == 1 and !vol) holding v.
func makeLabels(t testing.TB, bt gips.BufferType, v []uint32, nz, ny, nx int, vol bool) *gips.Image {
	g := gips.Geometry2d(bt, nx, ny)
	if vol {
		g = gips.Geometry3d(bt, nx, ny, nz)
	}
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	set := func(z, y, x int, l uint32) {}
	switch bt.Storage() {
	case gips.UInt8:
		ps, _ := gips.WritablePlanes[uint8](img)
		set = func(z, y, x int, l uint32) { ps[z].Set(x, y, uint8(l)) }
	case gips.Int8:
		ps, _ := gips.WritablePlanes[int8](img)
		set = func(z, y, x int, l uint32) { ps[z].Set(x, y, int8(l)) }
	case gips.UInt16:
		ps, _ := gips.WritablePlanes[uint16](img)
		set = func(z, y, x int, l uint32) { ps[z].Set(x, y, uint16(l)) }
	case gips.Int16:
		ps, _ := gips.WritablePlanes[int16](img)
		set = func(z, y, x int, l uint32) { ps[z].Set(x, y, int16(l)) }
	case gips.UInt32:
		ps, _ := gips.WritablePlanes[uint32](img)
		set = func(z, y, x int, l uint32) { ps[z].Set(x, y, l) }
	case gips.Int32:
		ps, _ := gips.WritablePlanes[int32](img)
		set = func(z, y, x int, l uint32) { ps[z].Set(x, y, int32(l)) }
	default:
		t.Fatalf("no labels of type %v", bt)
	}
	for z := range nz {
		for y := range ny {
			for x := range nx {
				set(z, y, x, v[(z*ny+y)*nx+x])
			}
		}
	}
	return img
}
