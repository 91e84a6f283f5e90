package measure

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// LabelAnalysis by parts (slabs of z planes, each with the plane before
// it) gives the whole volume's table: every column bit for bit, the
// surface area, sphericity and intensity sums within 1e-12, with an
// intensity volume or without; intensityStd is refused by name; slabs out
// of order or a missing slab are errors.
func TestPartsMatchLabelAnalysis(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	nz, ny, nx := 17, 15, 19
	img := makeLabels(t, gips.Label32, blobs(rng, nz, ny, nx, 9, 40), nz, ny, nx, true)
	img.SetCalibration(gips.Calibration{X: 0.5, Y: 0.7, Z: 1.3, Unit: "um"})
	inten, err := gips.CreateImage(gips.Geometry3d(gips.Real32, nx, ny, nz))
	if err != nil {
		t.Fatal(err)
	}
	ip, _ := gips.WritablePlanes[float32](inten)
	for _, p := range ip {
		for i := range p.Pix {
			p.Pix[i] = float32(rng.NormFloat64()*30 + 100)
		}
	}
	noStd := WithMeasures(PartsMeasures(true)...)
	for _, withI := range []bool{false, true} {
		var iimg *gips.Image
		var opts []Option
		if withI {
			iimg, opts = inten, []Option{noStd}
		}
		want, err := LabelAnalysis(img, iimg, opts...)
		if err != nil {
			t.Fatal(err)
		}
		partsMatch(t, img, iimg, want, opts)
	}
	if _, err := NewParts(img.Geometry(), img.Calibration(), true, WithMeasures("area", "intensityStd")); !errors.Is(err, ErrNotByParts) || !strings.Contains(err.Error(), "intensityStd") {
		t.Fatalf("intensityStd by parts: %v, want ErrNotByParts naming it", err)
	}
	p, _ := NewParts(img.Geometry(), img.Calibration(), false)
	v, _ := img.Region(0, 0, 3, nx, ny, 4)
	if err := p.Add(v, nil, 4); err == nil {
		t.Fatal("a slab out of order: no error")
	}
	if _, err := p.Table(); err == nil {
		t.Fatal("a table of no slab: no error")
	}
}

func partsMatch(t *testing.T, img, iimg *gips.Image, want *Table, opts []Option) {
	t.Helper()
	g := img.Geometry()
	nx, ny, nz := g.SizeX, g.SizeY, g.SizeZ
	for _, d := range []int{1, 2, 5, 17} {
		p, err := NewParts(g, img.Calibration(), iimg != nil, opts...)
		if err != nil {
			t.Fatal(err)
		}
		for z0 := 0; z0 < nz; z0 += d {
			a := max(0, z0-1)
			v, err := img.Region(0, 0, a, nx, ny, min(nz, z0+d)-a)
			if err != nil {
				t.Fatal(err)
			}
			var iv *gips.Image
			if iimg != nil {
				if iv, err = iimg.Region(0, 0, a, nx, ny, min(nz, z0+d)-a); err != nil {
					t.Fatal(err)
				}
			}
			if err := p.Add(v, iv, z0); err != nil {
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
			if name == "surfaceArea" || name == "sphericity" || strings.HasPrefix(name, "intensityMean") || strings.HasPrefix(name, "intensitySum") || strings.HasPrefix(name, "weighted") {
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
}
