package label

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The block passes of a chunked labelling (gips.dask.label), blocks.go.

func init() {
	blockLabels := []gips.BufferType{gips.Label32, gips.UInt32, gips.Label16, gips.UInt16, gips.Label8, gips.UInt8}
	ops.Register(&ops.Op{
		Name: "label.blockFirsts",
		Doc: "The linear index (x fastest, then y, then z) of the first pixel of each label 1..n of a label image numbered in raster order " +
			"(as label.components numbers a block): n numbers, label k's at k-1. An image not numbered so is an error.",
		Inputs:  []ops.Input{{Name: "labels", Types: blockLabels}},
		Returns: ops.ResultVector,
		Run: func(in []*gips.Image, _ *gips.Image, _ ops.Values) (ops.Result, error) {
			v, err := blockFirsts[float64](in[0], true)
			if err != nil {
				return ops.Result{}, err
			}
			return pooledVector(v), nil
		},
	})
	ops.Register(&ops.Op{
		Name: "label.blockFaces",
		Doc: "The pairs of block-local labels that join across one chunk boundary: left and right are the planes either side of it " +
			"(UInt32/Label32 local labels, 0 background), leftValues and rightValues the input there (Binary: any two foreground pixels join; " +
			"other types: equal values). Blocks on the plane from the chunk starts x_starts and y_starts; connectivity is the array's " +
			"(1 faces, 2 + edges, 3 + corners). Returns 4 numbers a pair, sorted and unique: left block (by*nbx+bx), left label, right block, right label.",
		Inputs: []ops.Input{{Name: "left", Types: []gips.BufferType{gips.Label32, gips.UInt32}},
			{Name: "right", Types: []gips.BufferType{gips.Label32, gips.UInt32}},
			{Name: "left_values", Types: inTypes}, {Name: "right_values", Types: inTypes}},
		Params: []ops.Param{
			{Name: "x_starts", Doc: "the chunk starts along the plane's x (first 0)", Kind: ops.Numbers, Min: ops.Bound(0)},
			{Name: "y_starts", Doc: "the chunk starts along the plane's y (first 0)", Kind: ops.Numbers, Min: ops.Bound(0)},
			{Name: "connectivity", Doc: "the array's: 1 faces, 2 + edges, 3 + corners", Kind: ops.Int, Default: 1, Min: ops.Bound(1), Max: ops.Bound(3)},
		},
		Returns: ops.ResultVector,
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			xs, err := starts("x_starts", p.Numbers("x_starts"))
			if err != nil {
				return ops.Result{}, err
			}
			ys, err := starts("y_starts", p.Numbers("y_starts"))
			if err != nil {
				return ops.Result{}, err
			}
			pairs, err := BlockFaces(in[0], in[1], in[2], in[3], xs, ys, p.Int("connectivity"))
			if err != nil {
				return ops.Result{}, err
			}
			v := make([]float64, 0, 4*len(pairs))
			for _, q := range pairs {
				v = append(v, float64(q.LeftBlock), float64(q.LeftLabel), float64(q.RightBlock), float64(q.RightLabel))
			}
			return ops.VectorResult(v), nil
		},
	})
	ops.Register(&ops.Op{
		Name: "label.relabelTable",
		Doc: "table[labels]: each label looked up in table, a 1-row image of at least max(labels)+1 entries (Int32, UInt32 or Label32), " +
			"the output of the table's type; the output may be the labels' own memory (4-byte labels): a label past the table's end is an error.",
		Inputs: []ops.Input{{Name: "labels", Types: blockLabels},
			{Name: "table", Types: []gips.BufferType{gips.Int32, gips.UInt32, gips.Label32}}},
		Output: func(in []gips.Geometry, _ ops.Values) (gips.Geometry, error) {
			return in[0].WithType(in[1].Type), nil
		},
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, _ ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), RelabelTableInto(out, in[0], in[1])
		},
	})
}

// starts converts chunk starts given as numbers to ints.
func starts(name string, v []float64) ([]int, error) {
	out := make([]int, len(v))
	for i, x := range v {
		if x != math.Trunc(x) || x > math.MaxInt32 {
			return nil, fmt.Errorf("blockFaces: %s %v: want integers: %w", name, v, gips.ErrParam)
		}
		out[i] = int(x)
	}
	return out, nil
}
