package stream

import (
	"context"
	"errors"
	"fmt"
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

// Orders 2 to 5 run out of core only when the whole zoom fits: with
// slabs the error names the order; with a budget that holds the volume
// the result is the in-memory one.
func TestZoomSplineOrders(t *testing.T) {
	dir := t.TempDir()
	g := gips.Geometry3d(gips.Real32, 11, 9, 13)
	a := randomVolume(t, g, 0, 100, 9)
	pa := save(t, dir, "a.npy", a)
	out := filepath.Join(dir, "out.npy")
	params := map[string]any{"factor": []float64{0.5, 2, 0.37}, "order": 3}
	_, err := Run(context.Background(), "transform.zoom", params, []string{pa}, out, Options{Planes: 2})
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "order 3") {
		t.Fatalf("order 3 in slabs: %v, want ErrUnsupported naming the order", err)
	}
	_, err = Run(context.Background(), "transform.zoom", params, []string{pa}, out, Options{Memory: 64 << 10})
	if !errors.Is(err, ErrUnsupported) {
		t.Fatalf("order 3 over budget: %v, want ErrUnsupported", err)
	}
	want := inMemory(t, "transform.zoom", params, a)
	st, err := Run(context.Background(), "transform.zoom", params, []string{pa}, out, Options{Memory: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if st.Slabs != 1 {
		t.Fatalf("%d slabs", st.Slabs)
	}
	same(t, "zoom order 3 in one slab", out, want)
}
