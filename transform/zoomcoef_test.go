package transform

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
)

// coefsInPieces computes the coefficient volume of (c, t) as package
// stream does: FillPlane plane by plane, FilterZ over bands of rows rows
// (copied out of and back into the plane-major volume), FilterXY plane by
// plane.
func coefsInPieces(t *testing.T, k *ZoomCoefs, src *gips.Image, c, tt, rows int) []float64 {
	n := k.PlaneLen()
	vol := make([]float64, k.Nz*n)
	for z := range k.Nz {
		if err := k.FillPlane(vol[z*n:(z+1)*n], src, z, c, tt); err != nil {
			t.Fatal(err)
		}
	}
	for y0 := 0; y0 < k.Ny; y0 += rows {
		r := min(rows, k.Ny-y0)
		band := make([]float64, k.Nz*r*k.Nx)
		for z := range k.Nz {
			copy(band[z*r*k.Nx:(z+1)*r*k.Nx], vol[z*n+y0*k.Nx:])
		}
		if err := k.FilterZ(band, r); err != nil {
			t.Fatal(err)
		}
		for z := range k.Nz {
			copy(vol[z*n+y0*k.Nx:z*n+(y0+r)*k.Nx], band[z*r*k.Nx:])
		}
	}
	for z := range k.Nz {
		if err := k.FilterXY(vol[z*n : (z+1)*n]); err != nil {
			t.Fatal(err)
		}
	}
	return vol
}

// The coefficients computed in pieces (planes, bands of rows, planes) are
// the in-memory coefficient volume bit for bit, and slabs interpolated
// from the planes SlabPlanes lists (the only planes SlabInto can see) put
// together are the whole zoom (ZoomInto) bit for bit: orders 2 to 5,
// every mode, both grid modes, shrinking and growing factors along z, an
// integer and a float output, slabs of 1 and 3 planes.
func TestZoomCoefSlabsAreTheWholeZoom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	src, err := gips.CreateImage(gips.GeometryMultiChannel3d(gips.UInt16, 7, 6, 11, 2))
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := gips.WritablePlanes[uint16](src)
	for _, p := range sp {
		for i := range p.Pix {
			p.Pix[i] = uint16(rng.IntN(300))
		}
	}
	for _, fz := range []float64{0.5, 0.37, 2, 3} {
		for _, mode := range ModeNames {
			m, _ := ParseMode(mode)
			for order := 2; order <= 5; order++ {
				for _, grid := range []bool{false, true} {
					out := []gips.BufferType{gips.UInt8, gips.Real32}[order%2]
					opts := []Option{WithOrder(order), WithMode(m), WithCval(40), WithGridMode(grid), WithOutput(out)}
					name := fmt.Sprintf("fz %v %s order %d grid %v", fz, mode, order, grid)
					checkCoefSlabs(t, name, src, fz, opts)
				}
			}
		}
	}
}

func checkCoefSlabs(t *testing.T, name string, src *gips.Image, fz float64, opts []Option) {
	want, err := Zoom(src, 0.8, 1.3, fz, opts...)
	if err != nil {
		t.Fatal(err)
	}
	g := src.Geometry()
	k, err := NewZoomCoefs(g, opts...)
	if err != nil {
		t.Fatal(err)
	}
	c := collect(opts)
	e := newEngine(c.order, c.mode, c.cval)
	coefs := make([][]float64, g.SizeC)
	for ch := range g.SizeC {
		coefs[ch] = coefsInPieces(t, k, src, ch, 0, 4)
		sp, _ := gips.Planes[uint16](src)
		whole := coefficients(sourceVolume(sp, g, ch, 0), &e, [3]int{k.Pad, k.Pad, k.Pad}, [3]bool{})
		for r, row := range whole.rows {
			if !slices.Equal(row, coefs[ch][r*k.Nx:(r+1)*k.Nx]) {
				t.Fatalf("%s: channel %d: coefficient row %d differs from the in-memory one", name, ch, r)
			}
		}
	}
	wg := want.Geometry()
	n := k.PlaneLen()
	for _, d := range []int{1, 3} {
		for z0 := 0; z0 < wg.SizeZ; z0 += d {
			z1 := min(wg.SizeZ, z0+d)
			planes, err := k.SlabPlanes(wg.SizeZ, z0, z1)
			if err != nil {
				t.Fatal(err)
			}
			sg := wg
			sg.SizeZ = z1 - z0
			slab, _ := gips.CreateImage(sg)
			err = k.SlabInto(slab, z0, wg.SizeZ, func(i, ch, _ int) []float64 {
				return coefs[ch][planes[i]*n : (planes[i]+1)*n]
			})
			if err != nil {
				t.Fatal(err)
			}
			for ch := range wg.SizeC {
				for z := z0; z < z1; z++ {
					for y := range wg.SizeY {
						if !slices.Equal(want.Row(wg.PlaneIndex(z, ch, 0), y), slab.Row(sg.PlaneIndex(z-z0, ch, 0), y)) {
							t.Fatalf("%s slabs of %d: channel %d plane %d row %d differs (planes read %v)", name, d, ch, z, y, planes)
						}
					}
				}
			}
		}
	}
}

// Wrong pieces are errors naming what is wrong, never a panic.
func TestZoomCoefsRefuseBadPieces(t *testing.T) {
	g := gips.Geometry3d(gips.UInt8, 5, 4, 6)
	if _, err := NewZoomCoefs(g, WithOrder(1)); !errors.Is(err, ErrParam) || !stringsContains(err.Error(), "order 1") {
		t.Fatalf("order 1: %v", err)
	}
	if _, err := NewZoomCoefs(gips.Geometry2d(gips.UInt8, 5, 4)); !errors.Is(err, gips.ErrShape) {
		t.Fatalf("2D: %v", err)
	}
	k, err := NewZoomCoefs(g, WithMode(Nearest))
	if err != nil {
		t.Fatal(err)
	}
	if k.Nx != 5+24 || k.Nz != 6+24 {
		t.Fatalf("nearest pads by 12: %+v", k)
	}
	src, _ := gips.CreateImage(g)
	if err := k.FillPlane(make([]float64, 3), src, 0, 0, 0); !errors.Is(err, ErrParam) {
		t.Fatalf("short plane: %v", err)
	}
	if err := k.FillPlane(make([]float64, k.PlaneLen()), src, k.Nz, 0, 0); !errors.Is(err, ErrParam) {
		t.Fatalf("z beyond: %v", err)
	}
	other, _ := gips.CreateImage(gips.Geometry3d(gips.UInt8, 5, 4, 7))
	if err := k.FillPlane(make([]float64, k.PlaneLen()), other, 0, 0, 0); !errors.Is(err, gips.ErrShape) {
		t.Fatalf("another input: %v", err)
	}
	if err := k.FilterZ(make([]float64, 10), 1); !errors.Is(err, ErrParam) {
		t.Fatalf("short band: %v", err)
	}
	if err := k.FilterXY(make([]float64, k.PlaneLen()+1)); !errors.Is(err, ErrParam) {
		t.Fatalf("part of a plane: %v", err)
	}
	dst, _ := gips.CreateImage(gips.Geometry3d(gips.UInt8, 5, 4, 2))
	if err := k.SlabInto(dst, 0, 6, func(i, c, t int) []float64 { return nil }); !errors.Is(err, ErrParam) {
		t.Fatalf("missing plane: %v", err)
	}
	if err := k.SlabInto(dst, 5, 6, func(i, c, t int) []float64 { return nil }); !errors.Is(err, ErrParam) {
		t.Fatalf("planes beyond the output: %v", err)
	}
}
