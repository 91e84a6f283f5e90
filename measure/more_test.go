package measure

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
	"github.com/gipsdev/gips/ops"
)

// TestCsvReadsBackInPandas writes a table with units, NaN and infinities
// and reads it back with pandas (Python's csv module when pandas is not
// installed): the same names, units and values.
func TestCsvReadsBackInPandas(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	v := blobs(rng, 6, 20, 24, 12, 1000)
	img := makeLabels(t, gips.Label16, v, 6, 20, 24, true)
	img.SetCalibration(gips.Calibration{X: 0.5, Y: 0.5, Z: 2, Unit: "um"})
	tab, err := LabelAnalysis(img, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.csv")
	if err := tab.SaveCsv(path); err != nil {
		t.Fatal(err)
	}
	ref := testref.Run(t, fmt.Sprintf(`
import csv
try:
    import pandas as pd
    df = pd.read_csv(%q, float_precision="round_trip")
    heads, data = list(df.columns), df.to_numpy(np.float64)
except ImportError:
    rows = list(csv.reader(open(%q)))
    heads, data = rows[0], np.array([[float(x) for x in r] for r in rows[1:]])
out["data"] = data
out["heads"] = np.frombuffer("|".join(heads).encode(), np.uint8)
`, path, path), nil)
	heads := strings.Split(string(bytesOf(ref["heads"])), "|")
	for i := range tab.Names {
		if heads[i] != tab.Header(i) {
			t.Errorf("column %d: header %q, table %q", i, heads[i], tab.Header(i))
		}
	}
	if tab.Header(tab.Index("areaPhysical")) != "areaPhysical [um^3]" || tab.Header(tab.Index("centroidX")) != "centroidX [um]" {
		t.Errorf("units: %v", tab.Units)
	}
	got := imgtest.Values(ref["data"])
	nc := len(tab.Names)
	for r := range tab.Len() {
		for c := range nc {
			w, g := tab.Columns[c][r], got[r*nc+c]
			if !(w == g || math.IsNaN(w) && math.IsNaN(g)) {
				t.Errorf("row %d %s: read back %v, table %v", r, tab.Names[c], g, w)
			}
		}
	}
}

func bytesOf(a gips.Array) []byte {
	out := make([]byte, 0, a.Size())
	for _, v := range imgtest.Values(a) {
		out = append(out, byte(v))
	}
	return out
}

// TestShapeFilteringMatchesNumpy keeps labels by a condition and compares
// with the same selection made in numpy from scikit-image's regionprops.
func TestShapeFilteringMatchesNumpy(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	v := blobs(rng, 1, 60, 70, 40, 500)
	img := makeLabels(t, gips.Label16, v, 1, 60, 70, false)
	expr := "area > 20 and (eccentricity < 0.9 or not eulerNumber >= 1) || label == 7"
	out, err := ShapeFiltering(img, expr)
	if err != nil {
		t.Fatal(err)
	}
	ref := testref.Run(t, `
from skimage.measure import regionprops
a = inp["a"].astype(np.int64)
keep = [r.label for r in regionprops(a) if (r.area > 20 and (r.eccentricity < 0.9 or not r.euler_number >= 1)) or r.label == 7]
out["b"] = np.where(np.isin(a, keep), a, 0).astype(np.uint16)
`, map[string]gips.Array{"a": gips.ArrayOf(v, 60, 70)})
	got, _ := out.Array()
	imgtest.Equal(t, "shapeFiltering", got, ref["b"])

	// in place, through the registry
	res, err := ops.Call("measure.shapeFiltering", []*gips.Image{img}, img, map[string]any{"expression": expr})
	if err != nil {
		t.Fatal(err)
	}
	inPlace, _ := res.Image.Array()
	imgtest.Equal(t, "in place", inPlace, ref["b"])

	for _, bad := range []string{"area >", "area > 1 and", "nosuch > 3", "(area > 3", "area $ 3", "area > 3 4"} {
		if _, err := ShapeFiltering(img, bad); !errors.Is(err, ErrParam) {
			t.Errorf("expression %q: error %v, want ErrParam", bad, err)
		}
	}
}

// TestOverlayOutlinesAndGrey checks an overlay against numpy: outline
// pixels (a label with a 4-neighbour of another label) have their label's
// colour, the others are the grey image scaled min..max to 0..255; at one
// and two workers (slabs of rows).
func TestOverlayOutlinesAndGrey(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		testOverlay(t)
	}
}

func testOverlay(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	v := blobs(rng, 5, 30, 40, 15, 60)
	lab := makeLabels(t, gips.Label8, v, 5, 30, 40, true)
	f := make([]float32, len(v))
	for i := range f {
		f[i] = float32(rng.NormFloat64())
	}
	grey, _ := gips.FromArray(gips.ArrayOf(f, 5, 30, 40))
	res, err := ops.Call("measure.overlay", []*gips.Image{grey, lab}, nil, map[string]any{"z": 3})
	if err != nil {
		t.Fatal(err)
	}
	ref := testref.Run(t, `
a = inp["a"][3].astype(np.int64); g = inp["g"][3].astype(np.float64)
p = np.pad(a, 1, mode="edge")
edge = (a != 0) & ((p[:-2, 1:-1] != a) | (p[2:, 1:-1] != a) | (p[1:-1, :-2] != a) | (p[1:-1, 2:] != a))
out["edge"] = edge.astype(np.uint8)
out["grey"] = np.floor((g - g.min()) * (255 / (g.max() - g.min())) + 0.5).astype(np.uint8)
`, map[string]gips.Array{"a": gips.ArrayOf(v, 5, 30, 40), "g": gips.ArrayOf(f, 5, 30, 40)})
	rgb := imgtest.ImageValues(t, res.Image)
	n := 30 * 40
	edge, g := imgtest.Values(ref["edge"]), imgtest.Values(ref["grey"])
	for i := range n {
		r, gg, b := rgb[i], rgb[n+i], rgb[2*n+i]
		isGrey := r == gg && gg == b
		if isGrey == (edge[i] != 0) || isGrey && r != g[i] {
			t.Fatalf("pixel %d: rgb %v %v %v, numpy edge %v grey %v", i, r, gg, b, edge[i], g[i])
		}
		if cr, cg, cb := colour(v[3*n+i]); edge[i] != 0 && (r != float64(cr) || gg != float64(cg) || b != float64(cb)) {
			t.Fatalf("pixel %d (label %d): rgb %v %v %v, want its colour %v %v %v", i, v[3*n+i], r, gg, b, cr, cg, cb)
		}
	}
}

// TestLabelAnalysisThroughRegistry: the table through ops.Call, its JSON
// form and its CSV text.
func TestLabelAnalysisThroughRegistry(t *testing.T) {
	lab := makeLabels(t, gips.Label32, []uint32{0, 5, 5, 0, 9, 9, 9, 0, 0}, 1, 3, 3, false)
	res, err := ops.Call("measure.labelAnalysis", []*gips.Image{lab}, nil, map[string]any{"measures": "area,centroidX", "spacing": []float64{2, 1}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != ops.ResultTable {
		t.Fatalf("kind %v", res.Kind)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"kind":"table","value":{"label":[5,9],"area":[2,3],"centroidX":[3,2]},"units":{"centroidX":"px"}}`
	if string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
	if s := res.String(); s != "label,area,centroidX [px]\n5,2,3\n9,3,2" {
		t.Errorf("String %q", s)
	}
	// label 5: x = 1, 2 (mean 1.5, spacing 2: 3); label 9: x = 1, 2, 0 (mean 1: 2)
	list, err := ops.Call("measure.labelAnalysis", []*gips.Image{lab}, nil, map[string]any{"measures": []string{"area", "centroidX"}, "spacing": []float64{2, 1}})
	if err != nil || list.String() != res.String() {
		t.Errorf("measures as a list: %v %v, want the string's table", list, err)
	}
}

// TestBadInputsAreErrors: every refusal names its cause and wraps a
// sentinel; nothing panics.
func TestBadInputsAreErrors(t *testing.T) {
	f, _ := gips.FromArray(gips.ArrayOf([]float32{1, 2, 3, 4}, 2, 2))
	if _, err := LabelAnalysis(f, nil); !errors.Is(err, ErrLabels) {
		t.Errorf("float labels: %v", err)
	}
	neg, _ := gips.FromArray(gips.ArrayOf([]int16{1, -2, 3, 4}, 2, 2))
	if _, err := LabelAnalysis(neg, nil); !errors.Is(err, ErrLabels) || !strings.Contains(err.Error(), "-2") {
		t.Errorf("negative label: %v", err)
	}
	lab, _ := gips.FromArray(gips.ArrayOf([]uint16{1, 2, 3, 4}, 2, 2))
	small, _ := gips.FromArray(gips.ArrayOf([]uint8{1, 2}, 1, 2))
	if _, err := LabelAnalysis(lab, small); !errors.Is(err, ErrParam) {
		t.Errorf("intensity of other sizes: %v", err)
	}
	if _, err := LabelAnalysis(lab, nil, WithMeasures("area", "volume")); !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), "volume") {
		t.Errorf("unknown measure: %v", err)
	}
	if _, err := LabelAnalysis(lab, nil, WithMeasures("surfaceArea")); !errors.Is(err, ErrParam) {
		t.Errorf("3D measure of a 2D image: %v", err)
	}
	if _, err := LabelAnalysis(lab, nil, WithSpacing(1, 0, 1)); !errors.Is(err, ErrParam) {
		t.Errorf("zero spacing: %v", err)
	}
	empty, _ := gips.FromArray(gips.ArrayOf([]uint8{0, 0, 0, 0}, 2, 2))
	tab, err := LabelAnalysis(empty, nil)
	if err != nil || tab.Len() != 0 || len(tab.Names) == 0 {
		t.Errorf("no labels: %v rows, %v", tab.Len(), err)
	}
	var buf bytes.Buffer
	if err := tab.WriteCsv(&buf); err != nil || strings.Count(buf.String(), "\n") != 1 {
		t.Errorf("empty table CSV %q %v", buf.String(), err)
	}
	if err := tab.SaveCsv(filepath.Join(t.TempDir(), "no", "such", "dir.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("unwritable path: %v", err)
	}
	if !slices.Contains(Measures(3, true), "weightedCentroidZ") || slices.Contains(Measures(2, false), "centroidZ") {
		t.Errorf("Measures: %v", Measures(2, false))
	}
}
