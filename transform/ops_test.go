package transform

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
	"github.com/gipsdev/gips/ops"
)

// TestOpsMatchScipy calls the registry ops as the CLI and Python do (per-
// axis values x first, the affine matrix in numpy order in every form
// scipy accepts) and compares with the scipy call written in scipy's own
// terms.
func TestOpsMatchScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	d2 := make([]float64, 9*13)
	d3 := make([]float64, 4*6*7)
	for i := range d2 {
		d2[i] = rng.Float64()*200 - 100
	}
	for i := range d3 {
		d3[i] = rng.Float64() * 50
	}
	a2, a3 := gips.ArrayOf(d2, 9, 13), gips.ArrayOf(d3, 4, 6, 7)
	i2, _ := gips.FromArray(a2)
	i3, _ := gips.FromArray(a3)
	cases := []struct {
		name   string
		op     string
		img    *gips.Image
		params map[string]any
		scipy  string
	}{
		{"zoom", "transform.zoom", i2, map[string]any{"factor": []float64{1.5, 0.7}, "order": 1, "mode": "mirror"},
			`ndi.zoom(a2, (0.7, 1.5), order=1, mode="mirror")`},
		{"zoom3", "transform.zoom", i3, map[string]any{"factor": []float64{0.5, 1.2, 2}, "order": 3, "grid_mode": true, "mode": "grid-constant", "cval": 4},
			`ndi.zoom(a3, (2, 1.2, 0.5), order=3, grid_mode=True, mode="grid-constant", cval=4)`},
		{"shift", "transform.shift", i2, map[string]any{"shift": []float64{0.3, -1.2}, "order": 2, "mode": "wrap"},
			`ndi.shift(a2, (-1.2, 0.3), order=2, mode="wrap")`},
		{"affine", "transform.affine", i2, map[string]any{"matrix": []any{[]any{1.1, 0.2}, []any{-0.3, 0.9}}, "offset": []float64{0.5, -2}, "output_shape": []int{15, 8}, "order": 1},
			`ndi.affine_transform(a2, [[1.1, 0.2], [-0.3, 0.9]], offset=(-2, 0.5), output_shape=(8, 15), order=1)`},
		{"homogeneous", "transform.affine", i2, map[string]any{"matrix": "[[1.1, 0.2, 3], [-0.3, 0.9, -1], [0, 0, 1]]", "order": 0, "mode": "nearest"},
			`ndi.affine_transform(a2, [[1.1, 0.2, 3], [-0.3, 0.9, -1], [0, 0, 1]], order=0, mode="nearest")`},
		{"n by n+1", "transform.affine", i3, map[string]any{"matrix": "[[1, 0, 0.1, 0.5], [0, 0.8, 0, 1], [0.2, 0, 1.1, -1]]", "order": 1, "mode": "reflect"},
			`ndi.affine_transform(a3, [[1, 0, 0.1, 0.5], [0, 0.8, 0, 1], [0.2, 0, 1.1, -1]], order=1, mode="reflect")`},
		{"diagonal", "transform.affine", i2, map[string]any{"matrix": "[0.7, 1.3]", "offset": []float64{1, 2}, "order": 1, "mode": "grid-wrap"},
			`ndi.affine_transform(a2, [0.7, 1.3], offset=(2, 1), order=1, mode="grid-wrap")`},
		{"rotate", "transform.rotate", i3, map[string]any{"angle": 33.0, "axes": "xz", "order": 1, "mode": "grid-mirror"},
			`ndi.rotate(a3, 33, axes=(2, 0), order=1, mode="grid-mirror")`},
	}
	script := "import scipy.ndimage as ndi, warnings\nwarnings.simplefilter('ignore')\na2, a3 = inp['a2'], inp['a3']\n"
	for i, c := range cases {
		script += fmt.Sprintf("out['c%d'] = %s\n", i, c.scipy)
	}
	ref := testref.Run(t, script, map[string]gips.Array{"a2": a2, "a3": a3})
	for i, c := range cases {
		res, err := ops.Call(c.op, []*gips.Image{c.img}, nil, c.params)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want := ref[fmt.Sprintf("c%d", i)]
		if got := res.Image.Geometry().Shape(); fmt.Sprint(got) != fmt.Sprint(want.Shape) {
			t.Fatalf("%s: shape %v, scipy %v", c.name, got, want.Shape)
		}
		order := c.params["order"].(int)
		compareRef(t, c.name, order, imgtest.ImageValues(t, res.Image), imgtest.Values(want), 200)
	}
}

// TestOpsRejectBadMatrix: matrix shapes scipy refuses are errors naming
// the parameter.
func TestOpsRejectBadMatrix(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 5, 4))
	for _, m := range []string{"[[1, 2, 3]]", "[[1, 0], [0, 1], [0, 0]]", "[[1, 0, 0], [0, 1, 0], [1, 0, 1]]", "[[[1]]]"} {
		_, err := ops.Call("transform.affine", []*gips.Image{img}, nil, map[string]any{"matrix": m})
		if err == nil || !contains(err.Error(), "matrix") {
			t.Errorf("matrix %s: got %v, want an error naming matrix", m, err)
		}
	}
}

func contains(s, sub string) bool { return stringsContains(s, sub) }
