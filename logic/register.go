package logic

import (
	"fmt"
	"slices"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The logic family: logical on Binary images (non-zero is 1, results 0/1),
// bitwise on integer images.

var registerTypes = slices.Concat([]gips.BufferType{gips.Binary}, ops.Integer)

func init() {
	const rule = " Logical for Binary images (any non-zero value is 1; the result is 0 or 1), bitwise for integer images (UInt8 ... Int32); the inputs have one type, which is the output's."
	two := func(name, doc string, f func(dst, a, b *gips.Image) error) {
		ops.Register(&ops.Op{
			Name:    "logic." + name,
			Doc:     doc + rule,
			Inputs:  []ops.Input{{Name: "a", Types: registerTypes}, {Name: "b", Types: registerTypes}},
			Output:  ops.SameAsFirst,
			InPlace: true,
			Local:   true,
			Run: func(in []*gips.Image, out *gips.Image, _ ops.Values) (ops.Result, error) {
				return ops.ImageResult(out), f(out, in[0], in[1])
			},
		})
	}
	two("and", "a AND b per pixel.", AndInto)
	two("or", "a OR b per pixel.", OrInto)
	two("xor", "a XOR b per pixel.", XorInto)
	ops.Register(&ops.Op{
		Name:    "logic.not",
		Doc:     "NOT a per pixel: 1 where a is 0 for Binary images, the bitwise complement for integer images (UInt8 255 - v, signed -1 - v).",
		Inputs:  []ops.Input{{Name: "image", Types: registerTypes}},
		Output:  ops.SameAsFirst,
		InPlace: true,
		Local:   true,
		Run: func(in []*gips.Image, out *gips.Image, _ ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), NotInto(out, in[0])
		},
	})
	ops.Register(&ops.Op{
		Name:   "logic.mask",
		Doc:    "Keeps the image where the Binary mask is set (non-zero) and writes 0 elsewhere. The image may be of any type, which is the output's; the mask has its sizes.",
		Inputs: []ops.Input{{Name: "image"}, {Name: "mask", Types: []gips.BufferType{gips.Binary}}},
		Output: func(in []gips.Geometry, _ ops.Values) (gips.Geometry, error) {
			if err := ops.SameSizes(in); err != nil {
				return gips.Geometry{}, fmt.Errorf("mask: %w", err)
			}
			return in[0], nil
		},
		InPlace: true,
		Local:   true,
		Run: func(in []*gips.Image, out *gips.Image, _ ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), MaskInto(out, in[0], in[1])
		},
	})
}
