package ops_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

func init() {
	ops.Register(&ops.Op{
		Name:    "example.count",
		Doc:     "Counts the pixels whose value is at least min.",
		Inputs:  []ops.Input{{Name: "image", Types: []gips.BufferType{gips.UInt8}}},
		Params:  []ops.Param{{Name: "min", Doc: "the smallest value counted", Kind: ops.Int, Default: 1, Min: ops.Bound(0), Max: ops.Bound(255)}},
		Returns: ops.ResultNumber,
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			ps, err := gips.Planes[uint8](in[0])
			if err != nil {
				return ops.Result{}, err
			}
			n := 0
			for _, pl := range ps {
				for y := range pl.Height {
					for _, v := range pl.Row(y) {
						if int(v) >= p.Int("min") {
							n++
						}
					}
				}
			}
			return ops.NumberResult(float64(n)), nil
		},
	})
}

func Example() {
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{0, 1, 2, 3, 4, 5}, 2, 3))
	res, err := ops.Call("example.count", []*gips.Image{img}, nil, map[string]any{"min": 3})
	fmt.Println(res, err)
	_, err = ops.Call("example.count", []*gips.Image{img}, nil, map[string]any{"min": 300})
	fmt.Println(err)
	// Output:
	// 3 <nil>
	// example.count: parameter min: 300 is out of range: want an integer in [0, 255]: invalid parameter
}
