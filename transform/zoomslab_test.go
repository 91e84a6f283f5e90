package transform

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
)

// Slabs of a zoom, each computed from the input planes ZoomSlabPlanes
// lists, put together are the whole zoom bit for bit (ZoomInto), for every
// mode, both grid modes, orders 0 and 1, shrinking and growing factors on
// odd sizes; and the planes listed are all a slab reads (the others are
// poisoned with NaN).
func TestZoomSlabsAreTheWholeZoom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	src, err := gips.CreateImage(gips.Geometry3d(gips.Real32, 9, 7, 13))
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := gips.WritablePlanes[float32](src)
	for _, p := range sp {
		for i := range p.Pix {
			p.Pix[i] = float32(rng.IntN(200))
		}
	}
	for _, fz := range []float64{0.5, 0.37, 2, 3} {
		for _, mode := range ModeNames {
			m, _ := ParseMode(mode)
			for _, order := range []int{0, 1} {
				for _, grid := range []bool{false, true} {
					opts := []Option{WithOrder(order), WithMode(m), WithCval(-3), WithGridMode(grid)}
					want, err := Zoom(src, 0.7, 1.4, fz, opts...)
					if err != nil {
						t.Fatal(err)
					}
					wg := want.Geometry()
					wp, _ := gips.Planes[float32](want)
					for _, d := range []int{1, 2, 5} {
						for z0 := 0; z0 < wg.SizeZ; z0 += d {
							z1 := min(wg.SizeZ, z0+d)
							planes, err := ZoomSlabPlanes(13, wg.SizeZ, z0, z1, opts...)
							if err != nil {
								t.Fatal(err)
							}
							// The input with every plane not listed set to NaN.
							poisoned, _ := gips.Copy(src)
							pp, _ := gips.WritablePlanes[float32](poisoned)
							for z := range pp {
								if !slices.Contains(planes, z) {
									for i := range pp[z].Pix {
										pp[z].Pix[i] = float32(nanv())
									}
								}
							}
							sg := wg
							sg.SizeZ = z1 - z0
							slab, _ := gips.CreateImage(sg)
							if err := ZoomSlabInto(slab, poisoned, z0, wg.SizeZ, opts...); err != nil {
								t.Fatal(err)
							}
							gp, _ := gips.Planes[float32](slab)
							for z := z0; z < z1; z++ {
								if !slices.Equal(gp[z-z0].Pix, wp[z].Pix) {
									t.Fatalf("fz %v %s order %d grid %v slabs of %d: plane %d differs (planes read %v)", fz, mode, order, grid, d, z, planes)
								}
							}
						}
					}
				}
			}
		}
	}
	if _, err := ZoomSlabPlanes(13, 6, 0, 2, WithOrder(3)); err == nil || !stringsContains(err.Error(), "order 3") {
		t.Fatalf("order 3: %v, want an error naming the order", err)
	}
}
