package ops

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/arith"
)

// The arith family: see package arith for the rules (saturation, rounding
// half away from zero, x / 0 = 0 for integers, IEEE for floats).

const arithRule = " The output has the inputs' type (UInt8 ... Real64, one type for all inputs); integer results are rounded half away from zero and saturate, float results follow IEEE in the image's precision."

func init() {
	two := func(name, doc string, f func(dst, a, b *gips.Image) error) {
		Register(&Op{
			Name:    "arith." + name,
			Doc:     doc + arithRule,
			Inputs:  []Input{{Name: "a", Types: Numeric}, {Name: "b", Types: Numeric}},
			Output:  SameAsFirst,
			InPlace: true,
			Run: func(in []*gips.Image, out *gips.Image, _ Values) (Result, error) {
				return ImageResult(out), f(out, in[0], in[1])
			},
		})
	}
	two("add", "a + b per pixel.", arith.AddTo)
	two("subtract", "a - b per pixel (unsigned results below 0 are 0; see arith.absDiff).", arith.SubtractTo)
	two("multiply", "a * b per pixel, exact before saturation.", arith.MultiplyTo)
	two("divide", "a / b per pixel: for integers the exact quotient rounded, and x / 0 = 0 (OpenCV); for floats IEEE (x / 0 = ±Inf, 0 / 0 = NaN).", arith.DivideTo)
	two("absDiff", "|a - b| per pixel.", arith.AbsDiffTo)
	two("min", "The smaller of a and b per pixel (NaN if either is NaN).", arith.MinTo)
	two("max", "The larger of a and b per pixel (NaN if either is NaN).", arith.MaxTo)

	scalar := func(name, doc string, f func(dst, a *gips.Image, v float64) error) {
		Register(&Op{
			Name:    "arith." + name,
			Doc:     doc + " Integer images compute in float64; float images convert the value to their type first." + arithRule,
			Inputs:  []Input{{Name: "image", Types: Numeric}},
			Params:  []Param{{Name: "value", Doc: "the scalar", Kind: Float}},
			Output:  SameAsFirst,
			InPlace: true,
			Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
				return ImageResult(out), f(out, in[0], p.Float("value"))
			},
		})
	}
	scalar("addScalar", "image + value per pixel.", arith.AddScalarTo)
	scalar("subtractScalar", "image - value per pixel.", arith.SubtractScalarTo)
	scalar("multiplyScalar", "image * value per pixel.", arith.MultiplyScalarTo)
	scalar("divideScalar", "image / value per pixel; for integer images x / 0 = 0.", arith.DivideScalarTo)

	Register(&Op{
		Name:   "arith.linearCombination",
		Doc:    "alpha*a + beta*b + gamma per pixel, computed in float64 as (alpha*a + beta*b) + gamma without fused multiply-add, then converted to the inputs' type (integers rounded half away from zero and saturated).",
		Inputs: []Input{{Name: "a", Types: Numeric}, {Name: "b", Types: Numeric}},
		Params: []Param{
			{Name: "alpha", Doc: "weight of a", Kind: Float, Default: 1.0},
			{Name: "beta", Doc: "weight of b", Kind: Float, Default: 1.0},
			{Name: "gamma", Doc: "constant added", Kind: Float, Default: 0.0},
		},
		Output:  SameAsFirst,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
			return ImageResult(out), arith.LinearCombinationTo(out, in[0], in[1], p.Float("alpha"), p.Float("beta"), p.Float("gamma"))
		},
	})
	Register(&Op{
		Name:    "arith.invert",
		Doc:     "The inverse of each pixel: max - v for unsigned types (255 - v for UInt8), -v saturated for signed integer types (Int8 -128 gives 127), -v for floats. For Binary images use logic.not.",
		Inputs:  []Input{{Name: "image", Types: Numeric}},
		Output:  SameAsFirst,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, _ Values) (Result, error) {
			return ImageResult(out), arith.InvertTo(out, in[0])
		},
	})
}
