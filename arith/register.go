package arith

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The arith family: see package arith for the rules (saturation, rounding
// half away from zero, x / 0 = 0 for integers, IEEE for floats).

const arithRule = " The output has the inputs' type (UInt8 ... Real64, one type for all inputs); integer results are rounded half away from zero and saturate, float results follow IEEE in the image's precision."

func init() {
	two := func(name, doc string, f func(dst, a, b *gips.Image) error) {
		ops.Register(&ops.Op{
			Name:    "arith." + name,
			Doc:     doc + arithRule,
			Inputs:  []ops.Input{{Name: "a", Types: ops.Numeric}, {Name: "b", Types: ops.Numeric}},
			Output:  ops.SameAsFirst,
			InPlace: true,
			Local:   true,
			Run: func(in []*gips.Image, out *gips.Image, _ ops.Values) (ops.Result, error) {
				return ops.ImageResult(out), f(out, in[0], in[1])
			},
		})
	}
	two("add", "a + b per pixel.", AddInto)
	two("subtract", "a - b per pixel (unsigned results below 0 are 0; see arith.absDiff).", SubtractInto)
	two("multiply", "a * b per pixel, exact before saturation.", MultiplyInto)
	two("divide", "a / b per pixel: for integers the exact quotient rounded, and x / 0 = 0 (OpenCV); for floats IEEE (x / 0 = ±Inf, 0 / 0 = NaN).", DivideInto)
	two("absDiff", "|a - b| per pixel.", AbsDiffInto)
	two("min", "The smaller of a and b per pixel (NaN if either is NaN).", MinInto)
	two("max", "The larger of a and b per pixel (NaN if either is NaN).", MaxInto)

	scalar := func(name, doc string, f func(dst, a *gips.Image, v float64) error) {
		ops.Register(&ops.Op{
			Name:    "arith." + name,
			Doc:     doc + " ops.Integer images compute in float64; float images convert the value to their type first." + arithRule,
			Inputs:  []ops.Input{{Name: "image", Types: ops.Numeric}},
			Params:  []ops.Param{{Name: "value", Doc: "the scalar", Kind: ops.Float}},
			Output:  ops.SameAsFirst,
			InPlace: true,
			Local:   true,
			Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
				return ops.ImageResult(out), f(out, in[0], p.Float("value"))
			},
		})
	}
	scalar("addScalar", "image + value per pixel.", AddScalarInto)
	scalar("subtractScalar", "image - value per pixel.", SubtractScalarInto)
	scalar("multiplyScalar", "image * value per pixel.", MultiplyScalarInto)
	scalar("divideScalar", "image / value per pixel; for integer images x / 0 = 0.", DivideScalarInto)

	ops.Register(&ops.Op{
		Name:   "arith.linearCombination",
		Doc:    "alpha*a + beta*b + gamma per pixel, computed in float64 as (alpha*a + beta*b) + gamma without fused multiply-add, then converted to the inputs' type (integers rounded half away from zero and saturated).",
		Inputs: []ops.Input{{Name: "a", Types: ops.Numeric}, {Name: "b", Types: ops.Numeric}},
		Params: []ops.Param{
			{Name: "alpha", Doc: "weight of a", Kind: ops.Float, Default: 1.0},
			{Name: "beta", Doc: "weight of b", Kind: ops.Float, Default: 1.0},
			{Name: "gamma", Doc: "constant added", Kind: ops.Float, Default: 0.0},
		},
		Output:  ops.SameAsFirst,
		InPlace: true,
		Local:   true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), LinearCombinationInto(out, in[0], in[1], p.Float("alpha"), p.Float("beta"), p.Float("gamma"))
		},
	})
	ops.Register(&ops.Op{
		Name:    "arith.invert",
		Doc:     "The inverse of each pixel: max - v for unsigned types (255 - v for UInt8), -v saturated for signed integer types (Int8 -128 gives 127), -v for floats. For Binary images use logic.not.",
		Inputs:  []ops.Input{{Name: "image", Types: ops.Numeric}},
		Output:  ops.SameAsFirst,
		InPlace: true,
		Local:   true,
		Run: func(in []*gips.Image, out *gips.Image, _ ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), InvertInto(out, in[0])
		},
	})
}
