package transform

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestViewsMatchNumpy: every flip, swap and quarter turn of 2D, 3D and
// multi-channel images in every memory arrangement against numpy's flip,
// swapaxes and rot90 on the same array.
func TestViewsMatchNumpy(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	samples := imgtest.Samples(t, rng, gips.Int16, nil)
	type vc struct {
		name string
		f    func(*gips.Image) (*gips.Image, error)
		np   string // numpy on b, the array with axes (..., z, y, x) last
		vol  bool
	}
	cases := []vc{
		{"flipx", func(i *gips.Image) (*gips.Image, error) { return Flip(i, X) }, "np.flip(b, -1)", false},
		{"flipy", func(i *gips.Image) (*gips.Image, error) { return Flip(i, Y) }, "np.flip(b, -2)", false},
		{"flipz", func(i *gips.Image) (*gips.Image, error) { return Flip(i, Z) }, "np.flip(b, -3)", true},
		{"swapxy", func(i *gips.Image) (*gips.Image, error) { return SwapAxes(i, X, Y) }, "np.swapaxes(b, -1, -2)", false},
		{"swapyz", func(i *gips.Image) (*gips.Image, error) { return SwapAxes(i, Z, Y) }, "np.swapaxes(b, -2, -3)", true},
		{"swapxz", func(i *gips.Image) (*gips.Image, error) { return SwapAxes(i, X, Z) }, "np.swapaxes(b, -1, -3)", true},
	}
	for k := -1; k <= 4; k++ {
		cases = append(cases,
			vc{fmt.Sprintf("rot90xy%d", k), func(i *gips.Image) (*gips.Image, error) { return Rot90(i, k, XY) }, fmt.Sprintf("np.rot90(b, %d, axes=(-2, -1))", k), false},
			vc{fmt.Sprintf("rot90xz%d", k), func(i *gips.Image) (*gips.Image, error) { return Rot90(i, k, XZ) }, fmt.Sprintf("np.rot90(b, %d, axes=(-3, -1))", k), true},
			vc{fmt.Sprintf("rot90yz%d", k), func(i *gips.Image) (*gips.Image, error) { return Rot90(i, k, YZ) }, fmt.Sprintf("np.rot90(b, %d, axes=(-3, -2))", k), true})
	}
	inp := map[string]gips.Array{}
	var script strings.Builder
	for _, s := range samples {
		inp[s.Name] = s.Arr
		fmt.Fprintf(&script, "b = inp[%q]\n", s.Name)
		for _, c := range cases {
			if c.vol && !s.Img.Geometry().Volume {
				continue
			}
			fmt.Fprintf(&script, "out['%s_%s'] = %s\n", s.Name, c.name, c.np)
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, s := range samples {
		for _, c := range cases {
			if c.vol && !s.Img.Geometry().Volume {
				continue
			}
			got, err := c.f(s.Img)
			if err != nil {
				t.Fatalf("%s %s: %v", s.Name, c.name, err)
			}
			want := ref[s.Name+"_"+c.name]
			if fmt.Sprint(got.Geometry().Shape()) != fmt.Sprint(want.Shape) {
				t.Fatalf("%s %s: shape %v, numpy %v", s.Name, c.name, got.Geometry().Shape(), want.Shape)
			}
			g, w := imgtest.ImageValues(t, got), imgtest.Values(want)
			for i := range w {
				if g[i] != w[i] {
					t.Fatalf("%s %s: pixel %d: got %v, numpy %v", s.Name, c.name, i, g[i], w[i])
				}
			}
		}
	}
}

// TestViewsShareMemory proves the views are views: a write through the
// view is read through the original at the mapped position, and back.
func TestViewsShareMemory(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry3d(gips.UInt16, 5, 4, 3))
	views := []struct {
		name string
		f    func() (*gips.Image, error)
		// where view pixel (x, y, z) is in img
		at func(x, y, z int) (int, int, int)
	}{
		{"flipy", func() (*gips.Image, error) { return Flip(img, Y) }, func(x, y, z int) (int, int, int) { return x, 3 - y, z }},
		{"flipz", func() (*gips.Image, error) { return Flip(img, Z) }, func(x, y, z int) (int, int, int) { return x, y, 2 - z }},
		{"swapyz", func() (*gips.Image, error) { return SwapAxes(img, Y, Z) }, func(x, y, z int) (int, int, int) { return x, z, y }},
		{"rot90yz", func() (*gips.Image, error) { return Rot90(img, 1, YZ) }, func(x, y, z int) (int, int, int) { return x, 3 - z, y }},
		{"crop", func() (*gips.Image, error) { return Crop(img, 1, 2, 1, 3, 2, 2) }, func(x, y, z int) (int, int, int) { return x + 1, y + 2, z + 1 }},
	}
	for _, v := range views {
		view, err := v.f()
		if err != nil {
			t.Fatal(v.name, err)
		}
		g := view.Geometry()
		n := uint16(1)
		for z := 0; z < g.SizeZ; z++ {
			for y := 0; y < g.SizeY; y++ {
				for x := 0; x < g.SizeX; x++ {
					vp, _ := gips.PlaneAt[uint16](view, z, 0, 0)
					vp.Set(x, y, n)
					ix, iy, iz := v.at(x, y, z)
					ip, _ := gips.PlaneAt[uint16](img, iz, 0, 0)
					if got := ip.At(ix, iy); got != n {
						t.Fatalf("%s: wrote %d at view (%d,%d,%d), read %d at image (%d,%d,%d)", v.name, n, x, y, z, got, ix, iy, iz)
					}
					ip.Set(ix, iy, n+1000)
					if got := vp.At(x, y); got != n+1000 {
						t.Fatalf("%s: wrote through the image, view reads %d", v.name, got)
					}
					n++
				}
			}
		}
	}
}

// TestSwapYZCopiesSeparatePlanes: planes that are not one block cannot be
// swapped as a view; the result is a copy with the right values.
func TestSwapYZCopiesSeparatePlanes(t *testing.T) {
	p0 := gips.ArrayOf([]uint8{1, 2, 3, 4}, 2, 2)
	p1 := gips.ArrayOf([]uint8{5, 6, 7, 8}, 2, 2)
	img, err := gips.FromPlanes([]gips.Array{p0, p1})
	if err != nil {
		t.Fatal(err)
	}
	out, err := SwapAxes(img, Y, Z)
	if err != nil {
		t.Fatal(err)
	}
	// numpy: np.swapaxes([[[1,2],[3,4]],[[5,6],[7,8]]], 0, 1) = [[[1,2],[5,6]],[[3,4],[7,8]]]
	want := []float64{1, 2, 5, 6, 3, 4, 7, 8}
	got := imgtest.ImageValues(t, out)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// TestFlipViewSyncsCopiedPlanes: an image whose planes were copied (an
// x-reversed array) flipped as a view writes back to the caller's array at
// the flipped rows on Sync.
func TestFlipViewSyncsCopiedPlanes(t *testing.T) {
	data := make([]int16, 3*4)
	a := gips.ArrayOf(data, 3, 4).Reverse(1) // x reversed: planes copied
	img, err := gips.FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := img.Shared(); ok {
		t.Fatal("expected copied planes")
	}
	v, err := Flip(img, Y)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := gips.PlaneAt[int16](v, 0, 0, 0)
	p.Set(1, 0, 7) // view (x=1, y=0) is image (x=1, y=2), array [2][4-1-1]
	if err := v.Sync(); err != nil {
		t.Fatal(err)
	}
	if data[2*4+2] != 7 {
		t.Fatalf("array after Sync: %v", data)
	}
}
