package arith

import (
	"fmt"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// Image-scalar operations. The scalar is a float64.
//
// Integer images: the result is computed in float64 (exact for the
// operands, one rounding for the operation) and converted as by
// gips.Saturate: rounded to nearest with halves away from zero, clamped to
// the type's range. The kernels that give it (exact integer arithmetic
// for a whole-number scalar added or multiplied, tables, the formula in
// vectors) are in scalrow.go.
//
// Float images: the scalar is first converted to the image's type, then
// the operation is IEEE arithmetic in that type (numpy's a + np.float32(v)).

type argsS struct {
	d, a *gips.Image
	v    float64
}

func scalarOp(name string, dst, a *gips.Image, v float64, k gips.Kernels[argsS]) error {
	if err := check(name, dst, a); err != nil {
		return err
	}
	if err := gips.Dispatch(a.Type(), k, argsS{dst, a, v}); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// AddScalarInto sets dst = a + v.
func AddScalarInto(dst, a *gips.Image, v float64) error {
	return scalarOp("addScalar", dst, a, v, gips.AllKernels(addScalar[uint8], addScalar[int8], addScalar[uint16], addScalar[int16],
		addScalar[uint32], addScalar[int32], addScalar[float32], addScalar[float64]))
}

// AddScalar returns a + v.
func AddScalar(a *gips.Image, v float64) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return AddScalarInto(d, a, v) })
}

// SubtractScalarInto sets dst = a - v (which is a + (-v) exactly).
func SubtractScalarInto(dst, a *gips.Image, v float64) error {
	return scalarOp("subtractScalar", dst, a, -v, gips.AllKernels(addScalar[uint8], addScalar[int8], addScalar[uint16], addScalar[int16],
		addScalar[uint32], addScalar[int32], addScalar[float32], addScalar[float64]))
}

// SubtractScalar returns a - v.
func SubtractScalar(a *gips.Image, v float64) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return SubtractScalarInto(d, a, v) })
}

// scalarKernel runs scalarRow's kernel of op over the image.
func scalarKernel[T gips.Pixel](op sop) func(x argsS) error {
	return func(x argsS) error {
		row := scalarRow[T](op, x.v, x.d.Geometry().Pixels())
		if op == sAdd { // add and subtract: streamed (flat.go); the others choose by the length
			return pw.Streamed1(x.d, x.a, row)
		}
		return pw.Rows1(x.d, x.a, row)
	}
}

func addScalar[T gips.Pixel](x argsS) error { return scalarKernel[T](sAdd)(x) }

// MultiplyScalarInto sets dst = a * v.
func MultiplyScalarInto(dst, a *gips.Image, v float64) error {
	return scalarOp("multiplyScalar", dst, a, v, gips.AllKernels(multiplyScalar[uint8], multiplyScalar[int8], multiplyScalar[uint16], multiplyScalar[int16],
		multiplyScalar[uint32], multiplyScalar[int32], multiplyScalar[float32], multiplyScalar[float64]))
}

// MultiplyScalar returns a * v.
func MultiplyScalar(a *gips.Image, v float64) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return MultiplyScalarInto(d, a, v) })
}

func multiplyScalar[T gips.Pixel](x argsS) error { return scalarKernel[T](sMul)(x) }

// DivideScalarInto sets dst = a / v; for integer images a / 0 is 0 (OpenCV),
// for float images it is IEEE (±Inf, NaN for 0 / 0).
func DivideScalarInto(dst, a *gips.Image, v float64) error {
	return scalarOp("divideScalar", dst, a, v, gips.AllKernels(divideScalar[uint8], divideScalar[int8], divideScalar[uint16], divideScalar[int16],
		divideScalar[uint32], divideScalar[int32], divideScalar[float32], divideScalar[float64]))
}

// DivideScalar returns a / v.
func DivideScalar(a *gips.Image, v float64) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return DivideScalarInto(d, a, v) })
}

func divideScalar[T gips.Pixel](x argsS) error { return scalarKernel[T](sDiv)(x) }
