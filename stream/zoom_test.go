package stream

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/transform"
)

// transform.zoom out of core gives the in-memory zoom, pixel for pixel:
// odd sizes, shrinking and growing factors along z (0.5, 0.37, 2, 3) with
// other factors along x and y, every mode, both grid modes, orders 0 and
// 1, slabs of 3 planes, and a budget
// small enough for many slabs; a multi-channel volume and resample too.
func TestZoomMatchesInMemory(t *testing.T) {
	dir := t.TempDir()
	g := gips.Geometry3d(gips.UInt16, 11, 9, 13)
	a := randomVolume(t, g, 0, 1000, 7)
	pa := save(t, dir, "a.npy", a)
	out := filepath.Join(dir, "out.npy")
	for _, fz := range []float64{0.5, 0.37, 2, 3} {
		for _, mode := range transform.ModeNames {
			for _, order := range []int{0, 1} {
				for _, grid := range []bool{false, true} {
					params := map[string]any{"factor": []float64{0.63, 1.5, fz}, "mode": mode, "order": order, "grid_mode": grid, "cval": 5.0}
					want := inMemory(t, "transform.zoom", params, a)
					for _, o := range []Options{{Planes: 3}, {Memory: 4 << 10}} {
						st, err := Run(context.Background(), "transform.zoom", params, []string{pa}, out, o)
						if err != nil {
							t.Fatalf("%v %+v: %v", params, o, err)
						}
						if o.Memory > 0 && st.Slabs < 3 {
							t.Fatalf("%v: budget %d gave %d slabs, want many", params, o.Memory, st.Slabs)
						}
						same(t, fmt.Sprintf("zoom %v, slabs of %d", params, st.Planes), out, want)
					}
				}
			}
		}
	}
	// Channels, a float output type, and transform.resample (zoom in grid
	// mode by the ratio of voxel sizes).
	cg := gips.GeometryMultiChannel3d(gips.Real32, 11, 9, 13, 2)
	b := randomVolume(t, cg, -50, 50, 8)
	pb := save(t, dir, "b.npy", b)
	for _, c := range []struct {
		op     string
		params map[string]any
	}{
		{"transform.zoom", map[string]any{"factor": []float64{2, 0.5, 0.37}, "order": 1, "mode": "reflect", "output": "Real64"}},
		{"transform.resample", map[string]any{"spacing": []float64{0.5, 2, 1.7}}},
	} {
		want := inMemory(t, c.op, c.params, b)
		if _, err := Run(context.Background(), c.op, c.params, []string{pb}, out, Options{Planes: 2}); err != nil {
			t.Fatalf("%s %v: %v", c.op, c.params, err)
		}
		same(t, fmt.Sprintf("%s %v", c.op, c.params), out, want)
	}
}

// splineBudget is a budget for a zoom of orders 2 to 5 of g by factors f
// that holds a third of the B-spline coefficient planes (at least twice
// a window) and three output planes: a few bands of rows in the pass
// along z, a few slabs.
func splineBudget(t *testing.T, g gips.Geometry, f [3]float64, order int, mode string) int64 {
	m, _ := transform.ParseMode(mode)
	k, err := transform.NewZoomCoefs(g, transform.WithOrder(order), transform.WithMode(m))
	if err != nil {
		t.Fatal(err)
	}
	og, err := transform.ZoomGeometry(g, f[0], f[1], f[2])
	if err != nil {
		t.Fatal(err)
	}
	outPlane := int64(2*g.Type.ItemSize()+scratchPerPixel) * int64(og.SizeX*og.SizeY*g.SizeC)
	planes := int64(max(k.Nz/3, 2*(order+1)))
	return (planes*int64(k.PlaneLen()*8*g.SizeC) + 3*outPlane) * 4 / 3
}

// Orders 2 to 5 out of core (the coefficients through a temporary file)
// give the in-memory zoom, pixel for pixel: odd sizes, shrinking and
// growing factors along z (0.5, 0.37, 2, 3), every mode, both grid modes,
// under budgets that force several bands of rows and several slabs, and
// every other case again in slabs of 2 planes; the input type turns
// through UInt8, UInt16 and Real32 (integer outputs round and saturate)
// from case to case; a multi-channel volume through transform.resample.
// No temporary file is left.
func TestZoomSplineOrdersMatchInMemory(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.npy")
	var inputs []string
	var imgs []*gips.Image
	for i, c := range []struct {
		typ    gips.BufferType
		lo, hi float64
	}{{gips.UInt8, 0, 256}, {gips.UInt16, 0, 1000}, {gips.Real32, -50, 50}} {
		imgs = append(imgs, randomVolume(t, gips.Geometry3d(c.typ, 11, 9, 21), c.lo, c.hi, uint64(10+i)))
		inputs = append(inputs, save(t, dir, fmt.Sprintf("in%d.npy", i), imgs[i]))
	}
	n := 0
	for _, fz := range []float64{0.5, 0.37, 2, 3} {
		f := [3]float64{0.63, 1.5, fz}
		for _, mode := range transform.ModeNames {
			for order := 2; order <= 5; order++ {
				for _, grid := range []bool{false, true} {
					n++
					i := n % len(imgs)
					a := imgs[i]
					params := map[string]any{"factor": f[:], "mode": mode, "order": order, "grid_mode": grid, "cval": 7.0}
					want := inMemory(t, "transform.zoom", params, a)
					mem := splineBudget(t, a.Geometry(), f, order, mode)
					budgets := []Options{{Memory: mem}, {Planes: 2}}[:1+n/2%2]
					for _, o := range budgets {
						st, err := Run(context.Background(), "transform.zoom", params, []string{inputs[i]}, out, o)
						if err != nil {
							t.Fatalf("%v %v %+v: %v", a.Type(), params, o, err)
						}
						if o.Memory > 0 && (st.Slabs < 2 || st.Bands < 2) {
							t.Fatalf("%v: budget %d gave %d slabs, %d bands: want several", params, o.Memory, st.Slabs, st.Bands)
						}
						same(t, fmt.Sprintf("zoom %v %v, slabs of %d, %d bands", a.Type(), params, st.Planes, st.Bands), out, want)
					}
				}
			}
		}
	}
	cg := gips.GeometryMultiChannel3d(gips.Real32, 11, 9, 13, 2)
	b := randomVolume(t, cg, -50, 50, 8)
	pb := save(t, dir, "b.npy", b)
	params := map[string]any{"spacing": []float64{0.5, 2, 1.7}, "order": 4, "mode": "nearest"}
	want := inMemory(t, "transform.resample", params, b)
	if _, err := Run(context.Background(), "transform.resample", params, []string{pb}, out, Options{Memory: 200 << 10}); err != nil {
		t.Fatal(err)
	}
	same(t, "resample of 2 channels, order 4", out, want)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".gips") {
			t.Fatalf("a temporary file is left: %s", e.Name())
		}
	}
}

// A budget that holds the whole zoom runs it in one step; one that holds
// no band of rows is an error naming --memory; a temporary file that
// cannot be created is an error saying so; a cancelled run leaves neither
// output nor temporary file.
func TestZoomSplineLimits(t *testing.T) {
	dir := t.TempDir()
	g := gips.Geometry3d(gips.Real32, 11, 9, 13)
	a := randomVolume(t, g, 0, 100, 9)
	pa := save(t, dir, "a.npy", a)
	out := filepath.Join(dir, "out.npy")
	params := map[string]any{"factor": []float64{0.5, 2, 0.37}, "order": 3}
	want := inMemory(t, "transform.zoom", params, a)
	st, err := Run(context.Background(), "transform.zoom", params, []string{pa}, out, Options{Memory: 64 << 20})
	if err != nil || st.Slabs != 1 {
		t.Fatalf("%+v, %v: want one slab", st, err)
	}
	same(t, "zoom order 3 in one slab", out, want)
	_, err = Run(context.Background(), "transform.zoom", params, []string{pa}, out, Options{Memory: 1 << 10})
	if !errors.Is(err, ErrBudget) || !strings.Contains(err.Error(), "--memory 1KiB") {
		t.Fatalf("a budget of 1 KiB: %v, want ErrBudget naming --memory", err)
	}
	_, err = Run(context.Background(), "transform.zoom", params, []string{pa}, filepath.Join(dir, "no", "such", "out.npy"), Options{Planes: 1})
	if err == nil || !strings.Contains(err.Error(), "temporary file") {
		t.Fatalf("output in a missing folder: %v, want an error about the temporary file", err)
	}
	os.Remove(out)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err = Run(ctx, "transform.zoom", params, []string{pa}, out, Options{Planes: 1, Progress: func(done, total int) {
		if done > 20 { // in the pass along z
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("folder holds %d files after a cancelled run, want the input only", len(ents))
	}
}
