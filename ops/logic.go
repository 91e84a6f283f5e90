package ops

import (
	"fmt"
	"slices"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/logic"
)

// The logic family: logical on Binary images (non-zero is 1, results 0/1),
// bitwise on integer images.

var logicTypes = slices.Concat([]gips.BufferType{gips.Binary}, Integer)

func init() {
	const rule = " Logical for Binary images (any non-zero value is 1; the result is 0 or 1), bitwise for integer images (UInt8 ... Int32); the inputs have one type, which is the output's."
	two := func(name, doc string, f func(dst, a, b *gips.Image) error) {
		Register(&Op{
			Name:    "logic." + name,
			Doc:     doc + rule,
			Inputs:  []Input{{Name: "a", Types: logicTypes}, {Name: "b", Types: logicTypes}},
			Output:  SameAsFirst,
			InPlace: true,
			Run: func(in []*gips.Image, out *gips.Image, _ Values) (Result, error) {
				return ImageResult(out), f(out, in[0], in[1])
			},
		})
	}
	two("and", "a AND b per pixel.", logic.AndTo)
	two("or", "a OR b per pixel.", logic.OrTo)
	two("xor", "a XOR b per pixel.", logic.XorTo)
	Register(&Op{
		Name:    "logic.not",
		Doc:     "NOT a per pixel: 1 where a is 0 for Binary images, the bitwise complement for integer images (UInt8 255 - v, signed -1 - v).",
		Inputs:  []Input{{Name: "image", Types: logicTypes}},
		Output:  SameAsFirst,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, _ Values) (Result, error) {
			return ImageResult(out), logic.NotTo(out, in[0])
		},
	})
	Register(&Op{
		Name:   "logic.mask",
		Doc:    "Keeps the image where the Binary mask is set (non-zero) and writes 0 elsewhere. The image may be of any type, which is the output's; the mask has its sizes.",
		Inputs: []Input{{Name: "image"}, {Name: "mask", Types: []gips.BufferType{gips.Binary}}},
		Output: func(in []gips.Geometry, _ Values) (gips.Geometry, error) {
			if err := SameSizes(in); err != nil {
				return gips.Geometry{}, fmt.Errorf("mask: %w", err)
			}
			return in[0], nil
		},
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, _ Values) (Result, error) {
			return ImageResult(out), logic.MaskTo(out, in[0], in[1])
		},
	})
}
