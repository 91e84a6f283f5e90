package stream

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/gipsdev/gips"
)

// drawVolume is a Binary volume with set(x, y, z) deciding each voxel.
func drawVolume(t *testing.T, sx, sy, sz int, set func(x, y, z int) bool) *gips.Image {
	t.Helper()
	img, err := gips.CreateImage(gips.Geometry3d(gips.Binary, sx, sy, sz))
	if err != nil {
		t.Fatal(err)
	}
	for z := range sz {
		for y := range sy {
			row := img.Row(z, y)
			for x := range sx {
				if set(x, y, z) {
					row[x] = 1
				}
			}
		}
	}
	return img
}

// labelVolumes are shapes that cross many slab faces: a helix that leaves
// and re-enters slabs, single-voxel diagonal chains (joined only at 26 or
// 18-connectivity), U shapes whose arms meet only in a later slab (the
// first pixel's slab holds two local components of one object), and
// random noise at the percolation threshold.
func labelVolumes(t *testing.T) map[string]*gips.Image {
	rng := rand.New(rand.NewPCG(9, 9))
	noise := make([]bool, 23*19*21)
	for i := range noise {
		noise[i] = rng.Float64() < 0.3
	}
	return map[string]*gips.Image{
		"helix": drawVolume(t, 24, 24, 30, func(x, y, z int) bool {
			a := float64(z) * 0.7
			cx, cy := 12+8*math.Cos(a), 12+8*math.Sin(a)
			return math.Hypot(float64(x)-cx, float64(y)-cy) < 2.2
		}),
		"diagonals": drawVolume(t, 20, 20, 20, func(x, y, z int) bool {
			return x == z && y == z || x == 19-z && y == z && z%3 != 0 || x == z && y == 5 || x == 3 && y == (z+1)%20
		}),
		"u-shapes": drawVolume(t, 16, 12, 18, func(x, y, z int) bool {
			arm := (x == 2 || x == 9) && y == 4 && z < 14
			return arm || y == 4 && x >= 2 && x <= 9 && z == 14 || x == 13 && y%3 == 0 && z%5 != 4
		}),
		"noise": drawVolume(t, 23, 19, 21, func(x, y, z int) bool { return noise[(z*19+y)*23+x] }),
	}
}

// label.components out of core numbers the components exactly as the
// in-memory labelling (scipy's raster order), at every connectivity and
// slab depth, Binary and multi-valued inputs, in Label32 and UInt16.
func TestLabelComponentsMatchesInMemory(t *testing.T) {
	dir := t.TempDir()
	vols := labelVolumes(t)
	// A multi-valued image: the noise volume's voxels take values 0..3.
	multi := randomVolume(t, gips.Geometry3d(gips.UInt8, 17, 13, 19), 0, 4, 10)
	vols["multi-valued"] = multi
	for name, img := range vols {
		in := save(t, dir, name+".npy", img)
		for _, conn := range []int{1, 2, 3} {
			for _, output := range []string{"auto", "uint16"} {
				params := map[string]any{"connectivity": conn, "output": output}
				want := inMemory(t, "label.components", params, img)
				for _, planes := range []int{1, 2, 3, 5, img.SizeZ()} {
					out := filepath.Join(dir, "out.npy")
					st, err := Run(context.Background(), "label.components", params, []string{in}, out, Options{Planes: planes})
					if err != nil {
						t.Fatalf("%s conn %d planes %d: %v", name, conn, planes, err)
					}
					if st.Slabs != (img.SizeZ()+planes-1)/planes {
						t.Fatalf("%s: %d slabs of %d planes", name, st.Slabs, st.Planes)
					}
					same(t, fmt.Sprintf("%s conn %d %s slabs of %d", name, conn, output, planes), out, want)
				}
			}
		}
	}
}

// An output type too small for the count fails and writes nothing.
func TestLabelComponentsOverflow(t *testing.T) {
	dir := t.TempDir()
	// A checkerboard at connectivity 1: every voxel of 8x8x8 its own component.
	img := drawVolume(t, 8, 8, 8, func(x, y, z int) bool { return (x+y+z)%2 == 0 })
	in := save(t, dir, "c.npy", img)
	out := filepath.Join(dir, "out.npy")
	_, err := Run(context.Background(), "label.components", map[string]any{"connectivity": 1, "output": "label8"}, []string{in}, out, Options{Planes: 3})
	if err == nil {
		t.Fatal("256 components into Label8 accepted")
	}
	if _, err := Run(context.Background(), "label.components", map[string]any{"connectivity": 1, "output": "label16"}, []string{in}, out, Options{Planes: 3}); err != nil {
		t.Fatal(err)
	}
	same(t, "checkerboard", out, inMemory(t, "label.components", map[string]any{"connectivity": 1, "output": "label16"}, img))
}

// distance.edt out of core is the in-memory EDT bit for bit: Real32 and
// Real64, with the calibration or a sampling, bands of one row to all.
func TestEDTMatchesInMemory(t *testing.T) {
	dir := t.TempDir()
	vols := labelVolumes(t)
	// A volume whose only zero voxels sit in one plane, and one without any.
	vols["one-plane"] = drawVolume(t, 9, 7, 13, func(x, y, z int) bool { return z != 4 || x != 3 })
	vols["no-zero"] = drawVolume(t, 5, 4, 6, func(x, y, z int) bool { return true })
	for name, img := range vols {
		in := save(t, dir, name+".npy", img)
		for _, params := range []map[string]any{
			{"output": "real64"},
			{"sampling": []float64{0.5, 1.25, 3}},
		} {
			want := inMemory(t, "distance.edt", params, img)
			// Budgets for bands of 1 and 3 rows (and the default: all rows).
			rowCost := int64(img.SizeZ() * img.SizeX() * (8 + want.Type().ItemSize()))
			for _, mem := range []int64{0, rowCost*4/3 + 4, 3*rowCost*4/3 + 4} {
				out := filepath.Join(dir, "out.npy")
				o := Options{Memory: mem, Planes: 3}
				if mem == 0 {
					o.Planes = 1
				}
				if _, err := Run(context.Background(), "distance.edt", params, []string{in}, out, o); err != nil {
					t.Fatalf("%s %v memory %d: %v", name, params, mem, err)
				}
				same(t, fmt.Sprintf("edt %s %v memory %d", name, params, mem), out, want)
			}
		}
	}
}
