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
// rows, names, units and values, for labels cut by many slab faces, with
// the file's calibration or a spacing parameter.
func TestLabelAnalysisMatchesInMemory(t *testing.T) {
	dir := t.TempDir()
	vols := labelVolumes(t)
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
			{"measures": "centroidZ,area,label,bboxMaxZ,extent", "spacing": []float64{1, 3, 0.7}},
		} {
			res, err := ops.Call("measure.labelAnalysis", []*gips.Image{loaded}, nil, params)
			if err != nil {
				t.Fatal(err)
			}
			for _, planes := range []int{1, 2, 7} {
				got, st, err := Table(context.Background(), "measure.labelAnalysis", params, []string{in}, Options{Planes: planes})
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
					for i, v := range w.Columns[k] {
						if d := math.Abs(g.Columns[k][i] - v); d > 1e-12*math.Abs(v) {
							t.Fatalf("%s %s row %d, slabs of %d: %v, want %v", name, w.Names[k], i, planes, g.Columns[k][i], v)
						}
					}
				}
			}
		}
	}
	_, _, err := Table(context.Background(), "measure.labelAnalysis", nil, []string{filepath.Join(dir, "helix.tif")}, Options{Planes: 2})
	if !errors.Is(err, ErrUnsupported) {
		t.Fatalf("all measures out of core: %v, want ErrUnsupported", err)
	}
}
