package arith

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
	"github.com/gipsdev/gips/internal/swar"
)

// Image-scalar operations. The scalar is a float64.
//
// Integer images: the result is computed in float64 (exact for the
// operands, one rounding for the operation) and converted as by
// gips.Saturate: rounded to nearest with halves away from zero, clamped to
// the type's range. 8- and 16-bit images use a table of the 256 or 65536
// possible results, so any formula costs one load per pixel; 32-bit images
// with a whole-number scalar are computed in int64 (the same results,
// exactly, without floating point).
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

func addScalar[T gips.Pixel](x argsS) error {
	if pw.IsFloat[T]() {
		c := T(x.v)
		return pw.Rows1(x.d, x.a, func(d, a []T) {
			a = a[:len(d)]
			for i := range d {
				d[i] = a[i] + c
			}
		})
	}
	v := x.v
	if l, ok := unsignedLanes(x.a.Type()); ok && v == math.Trunc(v) && math.Abs(v) <= float64(l.fill) {
		// UInt8, UInt16 and a whole number in range: saturating lanes.
		lane, op := uint64(math.Abs(v)), swAdd
		if v < 0 {
			op = swSub
		}
		lo, hi := pw.Limits[T]()
		iv := int64(v)
		return pw.Rows1(x.d, x.a, func(d, a []T) {
			n := constRows(l, op, swar.Bytes(d), swar.Bytes(a), lane) / x.a.Type().ItemSize()
			d, a = d[n:], a[n:len(d)]
			for i := range d {
				d[i] = T(min(max(int64(a[i])+iv, lo), hi))
			}
		})
	}
	if iv, ok := wholeScalar(x.a, v, 1<<40); ok {
		// 32-bit pixels and a whole number: exact in int64, no float.
		lo, hi := pw.Limits[T]()
		return pw.Rows1(x.d, x.a, func(d, a []T) {
			a = a[:len(d)]
			for i := range d {
				d[i] = T(min(max(int64(a[i])+iv, lo), hi))
			}
		})
	}
	return pw.Map[T, T](x.d, x.a, func(a float64) T { return gips.Saturate[T](a + v) })
}

// wholeScalar gives v as an int64 when the image has 32-bit integer pixels
// (8- and 16-bit ones use a table, faster still) and v is a whole number
// of magnitude below limit, so that integer arithmetic on it is exact.
func wholeScalar(img *gips.Image, v float64, limit float64) (int64, bool) {
	if img.Type().ItemSize() != 4 || v != math.Trunc(v) || math.Abs(v) >= limit {
		return 0, false
	}
	return int64(v), true
}

// MultiplyScalarInto sets dst = a * v.
func MultiplyScalarInto(dst, a *gips.Image, v float64) error {
	return scalarOp("multiplyScalar", dst, a, v, gips.AllKernels(multiplyScalar[uint8], multiplyScalar[int8], multiplyScalar[uint16], multiplyScalar[int16],
		multiplyScalar[uint32], multiplyScalar[int32], multiplyScalar[float32], multiplyScalar[float64]))
}

// MultiplyScalar returns a * v.
func MultiplyScalar(a *gips.Image, v float64) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return MultiplyScalarInto(d, a, v) })
}

func multiplyScalar[T gips.Pixel](x argsS) error {
	if pw.IsFloat[T]() {
		c := T(x.v)
		return pw.Rows1(x.d, x.a, func(d, a []T) {
			a = a[:len(d)]
			for i := range d {
				d[i] = a[i] * c
			}
		})
	}
	v := x.v
	if iv, ok := wholeScalar(x.a, v, 1<<30); ok {
		// |a * v| < 2^62: exact in int64.
		lo, hi := pw.Limits[T]()
		return pw.Rows1(x.d, x.a, func(d, a []T) {
			a = a[:len(d)]
			for i := range d {
				d[i] = T(min(max(int64(a[i])*iv, lo), hi))
			}
		})
	}
	if ok, err := affine8(x.d, x.a, v, func(a float64) uint8 { return gips.Saturate[uint8](a * v) }); ok {
		return err // UInt8: AVX2 where it is exact (GOEXPERIMENT=simd)
	}
	return pw.Map[T, T](x.d, x.a, func(a float64) T { return gips.Saturate[T](a * v) })
}

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

func divideScalar[T gips.Pixel](x argsS) error {
	if pw.IsFloat[T]() {
		c := T(x.v)
		return pw.Rows1(x.d, x.a, func(d, a []T) {
			a = a[:len(d)]
			for i := range d {
				d[i] = a[i] / c
			}
		})
	}
	v := x.v
	if v == 0 {
		return pw.Rows1(x.d, x.a, func(d, _ []T) { clear(d) })
	}
	if ok, err := affine8(x.d, x.a, 1/v, func(a float64) uint8 { return gips.Saturate[uint8](a / v) }); ok {
		return err // UInt8: AVX2 where it is exact (GOEXPERIMENT=simd)
	}
	return pw.Map[T, T](x.d, x.a, func(a float64) T { return gips.Saturate[T](a / v) })
}
