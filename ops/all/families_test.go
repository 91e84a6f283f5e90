package all_test

import (
	"encoding/json"
	"github.com/gipsdev/gips/ops"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/arith"
	"github.com/gipsdev/gips/internal/imgtest"
)

// sample is a valid value for a required parameter.
func sample(p ops.Param) any {
	switch p.Kind {
	case ops.Enum:
		return p.Choices[0]
	case ops.Floats:
		return []float64{1}
	case ops.Ints:
		return []int{1}
	case ops.Numbers:
		return make([]float64, max(p.Len, 1))
	case ops.Array:
		return "[[1]]"
	case ops.Bool:
		return true
	case ops.String:
		return "x"
	}
	if p.Min != nil {
		return *p.Min
	}
	return 2.0
}

func samples(op *ops.Op) map[string]any {
	m := map[string]any{}
	for _, p := range op.Params {
		if p.Required() {
			m[p.Name] = sample(p)
		}
	}
	return m
}

// TestEveryOpDescribesAndParsesItsDefaults holds for every family,
// whoever registered it.
func TestEveryOpDescribesAndParsesItsDefaults(t *testing.T) {
	for _, op := range ops.List() {
		if _, err := op.Parse(samples(op)); err != nil {
			t.Errorf("%s: defaults: %v", op.Name, err)
		}
		b, err := json.Marshal(op)
		if err != nil || !json.Valid(b) {
			t.Errorf("%s: JSON: %v", op.Name, err)
		}
		if op.Doc == "" {
			t.Errorf("%s: no doc", op.Name)
		}
	}
}

// TestUtilArithLogicRunThroughCall calls each op of these families on
// every accepted type, in 2D and 3D, with a flipped input, and checks the
// output against OutputGeometry; an op's own numbers are tested in its
// package.
func TestUtilArithLogicRunThroughCall(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	layouts := []imgtest.Layout{imgtest.Layouts[2], imgtest.Layouts[5], imgtest.Layouts[7]}
	n := 0
	for _, op := range ops.List() {
		if !slices.Contains([]string{"util", "arith", "logic"}, op.Family()) {
			continue
		}
		n++
		p, err := op.Parse(samples(op))
		if err != nil {
			t.Fatalf("%s: %v", op.Name, err)
		}
		types := op.Inputs[0].Types
		if types == nil {
			types = gips.BufferTypes
		}
		for _, bt := range types {
			for _, l := range layouts {
				var in []*gips.Image
				var geoms []gips.Geometry
				for i, inp := range op.Inputs {
					it := bt
					if i > 0 && inp.Types != nil && !slices.Contains(inp.Types, bt) {
						it = inp.Types[0]
					}
					img, _ := imgtest.Make(it, l, rng)
					in, geoms = append(in, img), append(geoms, img.Geometry())
				}
				want, err := op.OutputGeometry(geoms, p)
				if err != nil {
					t.Errorf("%s %v %s: OutputGeometry: %v", op.Name, bt, l.Name, err)
					continue
				}
				res, err := op.Call(in, nil, p)
				if err != nil {
					t.Errorf("%s %v %s: %v", op.Name, bt, l.Name, err)
					continue
				}
				if res.Kind != ops.ResultImage || res.Image.Geometry() != want {
					t.Errorf("%s %v %s: result %v, want an image %v", op.Name, bt, l.Name, res, want)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("%d util/arith/logic ops registered, want at least 20", n)
	}
}

// TestCallEqualsTheGoAPI: a parameter typed as a string on a command line
// reaches the kernel as the number, and an in-place call through the
// registry gives what the family's function gives.
func TestCallEqualsTheGoAPI(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	img, _ := imgtest.Make(gips.UInt16, imgtest.Layouts[6], rng)
	want, err := arith.MultiplyScalar(img, 2.5)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ops.Call("arith.multiplyScalar", []*gips.Image{img}, img, map[string]any{"value": "2.5"}); err != nil {
		t.Fatal(err)
	}
	w, _ := want.Array()
	g := img.PlaneArrays()
	for i, pa := range want.PlaneArrays() {
		_ = pa
		for y := range img.SizeY() {
			for x := range img.SizeX() {
				if g[i].Get(y, x) != w.Get(i, y, x) {
					t.Fatalf("plane %d (%d, %d): %v, want %v", i, x, y, g[i].Get(y, x), w.Get(i, y, x))
				}
			}
		}
	}
	if _, err := ops.Call("arith.addScalar", []*gips.Image{img}, nil, nil); err == nil {
		t.Error("addScalar without value: no error")
	}
}
