package measure

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// LabelAnalysis by parts (slabs of z planes, each with the plane before
// it) gives the whole volume's table: every column bit for bit, the
// surface area and sphericity within 1e-12; slabs out of order or a
// missing slab are errors.
func TestPartsMatchLabelAnalysis(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	nz, ny, nx := 17, 15, 19
	img := makeLabels(t, gips.Label32, blobs(rng, nz, ny, nx, 9, 40), nz, ny, nx, true)
	img.SetCalibration(gips.Calibration{X: 0.5, Y: 0.7, Z: 1.3, Unit: "um"})
	want, err := LabelAnalysis(img, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []int{1, 2, 5, 17} {
		p, err := NewParts(img.Geometry(), img.Calibration())
		if err != nil {
			t.Fatal(err)
		}
		for z0 := 0; z0 < nz; z0 += d {
			a := max(0, z0-1)
			v, err := img.Region(0, 0, a, nx, ny, min(nz, z0+d)-a)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Add(v, z0); err != nil {
				t.Fatal(err)
			}
		}
		got, err := p.Table()
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Names) != len(want.Names) {
			t.Fatalf("columns %v, want %v", got.Names, want.Names)
		}
		for k, name := range want.Names {
			tol := 0.0
			if name == "surfaceArea" || name == "sphericity" {
				tol = 1e-12
			}
			if got.Names[k] != name || got.Units[k] != want.Units[k] || len(got.Columns[k]) != len(want.Columns[k]) {
				t.Fatalf("column %d: %s [%s] of %d rows, want %s [%s] of %d", k, got.Names[k], got.Units[k], len(got.Columns[k]), name, want.Units[k], len(want.Columns[k]))
			}
			for i, w := range want.Columns[k] {
				g := got.Columns[k][i]
				if g != w && !(math.Abs(g-w) <= tol*math.Abs(w)) && !(math.IsNaN(g) && math.IsNaN(w)) {
					t.Fatalf("slabs of %d: %s row %d: %v, want %v", d, name, i, g, w)
				}
			}
		}
	}
	p, _ := NewParts(img.Geometry(), img.Calibration())
	v, _ := img.Region(0, 0, 3, nx, ny, 4)
	if err := p.Add(v, 4); err == nil {
		t.Fatal("a slab out of order: no error")
	}
	if _, err := p.Table(); err == nil {
		t.Fatal("a table of no slab: no error")
	}
}
