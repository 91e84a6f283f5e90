package stream

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/ops"
)

// measure.labelAnalysis out of core gives the in-memory table: the same
// rows, names, units and values (bit for bit; the surface area and
// sphericity, sums in another order, within 1e-12), every column, for
// labels cut by many slab faces, with the file's calibration or a
// spacing parameter, slab depths from the option or the budget.
func TestLabelAnalysisMatchesInMemory(t *testing.T) {
	dir := t.TempDir()
	vols := labelVolumes(t)
	vols["blobs"] = drawVolume(t, 27, 22, 25, func(x, y, z int) bool {
		fx, fy, fz := float64(x), float64(y), float64(z)
		ell := sq((fx-9)/7)+sq((fy-10)/5)+sq((fz-11)/9) < 1
		ball := sq(fx-20)+sq(fy-6)+sq(fz-17) < 16
		r := math.Hypot(fx-19, fz-8) - 5
		torus := sq(r)+sq(fy-15) < 3
		slab := x+2*z > 40 && x+2*z < 44 && y > 1 && y < 8
		return ell || ball || torus || slab
	})
	for name, bin := range vols {
		labels := inMemory(t, "label.components", map[string]any{"connectivity": 3}, bin)
		cal := gips.Calibration{X: 0.5, Y: 0.25, Z: 2, Unit: "um"}
		labels.SetCalibration(cal)
		in := filepath.Join(dir, name+".tif")
		if err := imageio.Save(in, labels, nil); err != nil {
			t.Fatal(err)
		}
		loaded, err := imageio.Load(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, params := range []map[string]any{
			{"measures": strings.Join(Mergeable, ",")},
			{"measures": "all", "spacing": []float64{1, 3, 0.7}},
			{"measures": "centroidZ,area,label,bboxMaxZ,extent,feretMax,surfaceArea,eulerNumber,solidity,inertiaEigen2"},
		} {
			res, err := ops.Call("measure.labelAnalysis", []*gips.Image{loaded}, nil, params)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range []Options{{Planes: 1}, {Planes: 2}, {Planes: 7}, {Memory: 100 << 10}} {
				planes := o.Planes
				got, st, err := Table(context.Background(), "measure.labelAnalysis", params, []string{in}, o)
				if err != nil {
					t.Fatalf("%s %v: %v", name, params, err)
				}
				if st.Slabs < 2 {
					t.Fatalf("%s: %d slab", name, st.Slabs)
				}
				w := res.Table
				g := got.Table
				if !slices.Equal(g.Names, w.Names) || !slices.Equal(g.Units, w.Units) || len(g.Columns) != len(w.Columns) {
					t.Fatalf("%s: columns %v %v, want %v %v", name, g.Names, g.Units, w.Names, w.Units)
				}
				for k := range w.Columns {
					if len(g.Columns[k]) != len(w.Columns[k]) {
						t.Fatalf("%s %s: %d rows, want %d", name, w.Names[k], len(g.Columns[k]), len(w.Columns[k]))
					}
					tol := 0.0
					if w.Names[k] == "surfaceArea" || w.Names[k] == "sphericity" {
						tol = 1e-12
					}
					for i, v := range w.Columns[k] {
						gv := g.Columns[k][i]
						if d := math.Abs(gv - v); gv != v && !(d <= tol*math.Abs(v)) && !(math.IsNaN(v) && math.IsNaN(gv)) {
							t.Fatalf("%s %s row %d, slabs of %d (%d slabs): %v, want %v", name, w.Names[k], i, planes, st.Slabs, gv, v)
						}
					}
				}
			}
		}
	}
	// measure.labelIntensityAnalysis: the intensity columns, the sums within
	// 1e-12; intensityStd and intensityMedian refused by name.
	hx := filepath.Join(dir, "helix.tif")
	labels, err := imageio.Load(hx)
	if err != nil {
		t.Fatal(err)
	}
	g := labels.Geometry()
	inten := randomVolume(t, gips.Geometry3d(gips.UInt16, g.SizeX, g.SizeY, g.SizeZ), 0, 4000, 11)
	pi := save(t, dir, "inten.npy", inten)
	params := map[string]any{"measures": "area,intensityMin,intensityMax,intensityMean,intensitySum,weightedCentroidZ,weightedCentroidX,centroidZ"}
	res, err := ops.Call("measure.labelIntensityAnalysis", []*gips.Image{labels, inten}, nil, params)
	if err != nil {
		t.Fatal(err)
	}
	got, st, err := Table(context.Background(), "measure.labelIntensityAnalysis", params, []string{hx, pi}, Options{Planes: 4})
	if err != nil {
		t.Fatal(err)
	}
	if st.Slabs < 2 || !slices.Equal(got.Table.Names, res.Table.Names) {
		t.Fatalf("%d slabs, columns %v, want %v", st.Slabs, got.Table.Names, res.Table.Names)
	}
	for k, w := range res.Table.Columns {
		for i, v := range w {
			if gv := got.Table.Columns[k][i]; math.Abs(gv-v) > 1e-12*math.Abs(v) {
				t.Fatalf("labelIntensityAnalysis %s row %d: %v, want %v", res.Table.Names[k], i, gv, v)
			}
		}
	}
	for _, m := range []string{"intensityStd", "intensityMedian"} {
		_, _, err = Table(context.Background(), "measure.labelIntensityAnalysis", map[string]any{"measures": "area," + m}, []string{hx, pi}, Options{Planes: 2})
		if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), m) {
			t.Fatalf("%s out of core: %v, want ErrUnsupported naming it", m, err)
		}
	}
	_, _, err = Table(context.Background(), "measure.labelAnalysis", map[string]any{"measures": "area,intensityMax"}, []string{hx}, Options{Planes: 2})
	if err == nil || !strings.Contains(err.Error(), "intensityMax") {
		t.Fatalf("an intensity column without intensity: %v, want an error naming it", err)
	}
}

func sq(v float64) float64 { return v * v }
