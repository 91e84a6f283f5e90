package stream

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/ops"
	_ "github.com/gipsdev/gips/ops/all"
)

// randomVolume is a volume of random values over [lo, hi), smoothed a
// little along z so that filters see structure.
func randomVolume(t testing.TB, g gips.Geometry, lo, hi float64, seed uint64) *gips.Image {
	t.Helper()
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	a, err := img.Array()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 3))
	idx := make([]int, len(a.Shape))
	for range a.Size() {
		a.Put(lo+float64(int(rng.Float64()*(hi-lo))), idx...)
		for k := len(idx) - 1; k >= 0; k-- {
			if idx[k]++; idx[k] < a.Shape[k] {
				break
			}
			idx[k] = 0
		}
	}
	return img
}

func save(t testing.TB, dir, name string, img *gips.Image) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := imageio.Save(p, img, nil); err != nil {
		t.Fatal(err)
	}
	return p
}

// same fails unless the file at path holds exactly want's pixels.
func same(t *testing.T, what, path string, want *gips.Image) {
	t.Helper()
	got, err := imageio.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Geometry().SameSizes(want.Geometry()) || got.Type().ItemSize() != want.Type().ItemSize() {
		t.Fatalf("%s: output %v, in memory %v", what, got.Geometry(), want.Geometry())
	}
	for i := range want.NumPlanes() {
		for y := range want.SizeY() {
			if string(got.Row(i, y)) != string(want.Row(i, y)) {
				t.Fatalf("%s: plane %d row %d differs from the in-memory result", what, i, y)
			}
		}
	}
}

// inMemory is ops.Call on the loaded inputs.
func inMemory(t *testing.T, name string, params map[string]any, inputs ...*gips.Image) *gips.Image {
	t.Helper()
	res, err := ops.Call(name, inputs, nil, params)
	if err != nil {
		t.Fatal(err)
	}
	return res.Image
}

// Local ops run slab by slab give the in-memory result, pixel for pixel:
// for slabs of one plane up to the whole volume, halos larger than the
// slab, every border mode that slabs can serve, odd sizes, two inputs.
func TestLocalOpsMatchInMemory(t *testing.T) {
	dir := t.TempDir()
	g := gips.Geometry3d(gips.UInt16, 13, 11, 17)
	a := randomVolume(t, g, 0, 1000, 1)
	b := randomVolume(t, g, 0, 1000, 2)
	bin := randomVolume(t, g.WithType(gips.Binary), 0, 2, 3)
	pa, pb, pbin := save(t, dir, "a.npy", a), save(t, dir, "b.npy", b), save(t, dir, "bin.npy", bin)
	cases := []struct {
		op     string
		params map[string]any
		in     []string
		img    []*gips.Image
	}{
		{"filter.gaussian", map[string]any{"sigma": []float64{1.5}}, []string{pa}, []*gips.Image{a}},
		{"filter.gaussian", map[string]any{"sigma": []float64{1, 1, 2}, "output": "same", "mode": "nearest"}, []string{pa}, []*gips.Image{a}},
		{"filter.gaussian", map[string]any{"sigma": []float64{0.8}, "mode": "mirror"}, []string{pa}, []*gips.Image{a}},
		{"filter.gaussian", map[string]any{"sigma": []float64{1}, "mode": "constant", "cval": 7.0}, []string{pa}, []*gips.Image{a}},
		{"filter.median", map[string]any{"size": []int{3}}, []string{pa}, []*gips.Image{a}},
		{"filter.median", map[string]any{"size": []int{3, 3, 5}, "mode": "nearest"}, []string{pa}, []*gips.Image{a}},
		{"filter.mean", map[string]any{"size": []int{5}}, []string{pa}, []*gips.Image{a}},
		{"morpho.erode", nil, []string{pa}, []*gips.Image{a}},
		{"morpho.dilate", map[string]any{"size": []int{3, 3, 7}}, []string{pa}, []*gips.Image{a}},
		{"morpho.binaryErode", nil, []string{pbin}, []*gips.Image{bin}},
		{"morpho.binaryOpening", nil, []string{pbin}, []*gips.Image{bin}},
		{"arith.add", nil, []string{pa, pb}, []*gips.Image{a, b}},
		{"arith.addScalar", map[string]any{"value": 100.0}, []string{pa}, []*gips.Image{a}},
		{"threshold.range", map[string]any{"min": 200.0, "max": 700.0}, []string{pa}, []*gips.Image{a}},
		{"filter.sobel", nil, []string{pa}, []*gips.Image{a}},
	}
	for _, c := range cases {
		want := inMemory(t, c.op, c.params, c.img...)
		for _, planes := range []int{1, 2, 3, 5, 17} {
			out := filepath.Join(dir, "out.npy")
			st, err := Run(context.Background(), c.op, c.params, c.in, out, Options{Planes: planes})
			if err != nil {
				t.Fatalf("%s %v planes %d: %v", c.op, c.params, planes, err)
			}
			if st.Planes != min(planes, g.SizeZ) {
				t.Fatalf("%s: slab depth %d, asked %d", c.op, st.Planes, planes)
			}
			same(t, fmt.Sprintf("%s %v, slabs of %d planes (halo %d)", c.op, c.params, planes, st.Halo), out, want)
		}
	}
}

// A slab depth from the budget: a budget that holds a few planes gives
// several slabs and the same result; a TIFF output too.
func TestBudgetSlabsAndTIFF(t *testing.T) {
	dir := t.TempDir()
	g := gips.Geometry3d(gips.UInt16, 64, 48, 40)
	a := randomVolume(t, g, 0, 5000, 4)
	pa := save(t, dir, "a.tif", a)
	params := map[string]any{"sigma": []float64{1}, "output": "same"}
	want := inMemory(t, "filter.gaussian", params, a)
	cost := int64(64 * 48 * (2 + 2*2 + scratchPerPixel))
	for _, ext := range []string{".npy", ".tif"} {
		out := filepath.Join(dir, "out"+ext)
		st, err := Run(context.Background(), "filter.gaussian", params, []string{pa}, out, Options{Memory: 16 * cost * 4 / 3})
		if err != nil {
			t.Fatal(err)
		}
		if st.Slabs < 3 || st.Planes+2*st.Halo > 16 {
			t.Fatalf("budget of 16 planes: %d slabs of %d planes, halo %d", st.Slabs, st.Planes, st.Halo)
		}
		same(t, "gaussian by budget "+ext, out, want)
	}
	_, err := Run(context.Background(), "filter.gaussian", params, []string{pa}, filepath.Join(dir, "x.npy"), Options{Memory: 4 * cost})
	if !errors.Is(err, ErrBudget) {
		t.Fatalf("a budget of 4 planes for a halo of 4: %v, want ErrBudget", err)
	}
}

// Refusals: wrap along z over several slabs, a non-local op, an output
// format that cannot be written by planes; none leaves a file.
func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	g := gips.Geometry3d(gips.UInt8, 8, 8, 9)
	a := randomVolume(t, g, 0, 255, 5)
	pa := save(t, dir, "a.npy", a)
	out := filepath.Join(dir, "out.npy")
	wrap := map[string]any{"sigma": []float64{1}, "mode": "wrap"}
	if _, err := Run(context.Background(), "filter.gaussian", wrap, []string{pa}, out, Options{Planes: 2}); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("wrap over slabs: %v, want ErrUnsupported", err)
	}
	if _, err := Run(context.Background(), "filter.gaussian", wrap, []string{pa}, out, Options{Planes: 9}); err != nil {
		t.Fatalf("wrap in one slab: %v", err)
	}
	same(t, "wrap in one slab", out, inMemory(t, "filter.gaussian", wrap, a))
	os.Remove(out)
	if _, err := Run(context.Background(), "threshold.otsu", nil, []string{pa}, out, Options{}); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("otsu: %v, want ErrUnsupported", err)
	}
	if _, err := Run(context.Background(), "filter.gaussian", nil, []string{pa}, filepath.Join(dir, "o.png"), Options{}); err == nil {
		t.Fatal("png output accepted")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("folder holds %d files after refusals, want the input only", len(ents))
	}
}

// A run cancelled between slabs leaves no output and no temporary file.
func TestCancelLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	g := gips.Geometry3d(gips.UInt8, 8, 8, 12)
	pa := save(t, dir, "a.npy", randomVolume(t, g, 0, 255, 6))
	out := filepath.Join(dir, "out.npy")
	ctx, cancel := context.WithCancel(context.Background())
	progress := func(done, total int) {
		if done >= 3 {
			cancel()
		}
	}
	_, err := Run(ctx, "filter.gaussian", nil, []string{pa}, out, Options{Planes: 3, Progress: progress})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("folder holds %d files after a cancelled run, want the input only", len(ents))
	}
}

func TestParseBytes(t *testing.T) {
	for s, want := range map[string]int64{"256MiB": 256 << 20, "4G": 4 << 30, "1.5GiB": 3 << 29, "4096": 4096, "2 GB": 2e9, "64k": 64 << 10} {
		if got, err := ParseBytes(s); err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "-1G", "12X", "MiB", "0"} {
		if _, err := ParseBytes(s); err == nil {
			t.Errorf("ParseBytes(%q) accepted", s)
		}
	}
}
