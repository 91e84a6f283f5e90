package arith

import (
	"fmt"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// Image-image operations. Each has a destination-first form (AddInto) and an
// allocating one (Add). The result type is the sources' type; integers are
// computed exactly (in int64) and saturate; floats follow IEEE in their own
// precision, as numpy does.

type args2 struct{ d, a, b *gips.Image }

// binop checks the images and runs the kernel for their type.
func binop(name string, dst, a, b *gips.Image, k gips.Kernels[args2]) error {
	if err := check(name, dst, a, b); err != nil {
		return err
	}
	if err := gips.Dispatch(a.Type(), k, args2{dst, a, b}); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// AddInto sets dst = a + b, saturated for integer types.
func AddInto(dst, a, b *gips.Image) error {
	return binop("add", dst, a, b, gips.AllKernels(add[uint8], add[int8], add[uint16], add[int16],
		add[uint32], add[int32], add[float32], add[float64]))
}

// Add returns a + b, saturated for integer types.
func Add(a, b *gips.Image) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return AddInto(d, a, b) })
}

func add[T gips.Pixel](x args2) error { return pw.Streamed2(x.d, x.a, x.b, addRow[T](x.a.Type())) }

// addRow is add's row kernel for pixels of type t (also the
// flat one, see register.go).
func addRow[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	return vecFirst(binVec[T](binAdd), addRowGo[T](t))
}

// addRowGo is addRow's Go loop, the twin of its SIMD bulk.
func addRowGo[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	if pw.IsFloat[T]() {
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			for i := range d {
				d[i] = a[i] + b[i]
			}
		}
	}
	lo, hi := pw.Limits[T]()
	return func(d, a, b []T) {
		n := swarTo(t, swAdd, d, a, b) // UInt8, UInt16: whole words first
		d, a, b = d[n:], a[n:len(d)], b[n:len(d)]
		for i := range d {
			d[i] = T(min(max(int64(a[i])+int64(b[i]), lo), hi))
		}
	}
}

// SubtractInto sets dst = a - b, saturated for integer types (so an
// unsigned difference below 0 is 0; see AbsDiffInto).
func SubtractInto(dst, a, b *gips.Image) error {
	return binop("subtract", dst, a, b, gips.AllKernels(subtract[uint8], subtract[int8], subtract[uint16], subtract[int16],
		subtract[uint32], subtract[int32], subtract[float32], subtract[float64]))
}

// Subtract returns a - b, saturated for integer types.
func Subtract(a, b *gips.Image) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return SubtractInto(d, a, b) })
}

func subtract[T gips.Pixel](x args2) error {
	return pw.Streamed2(x.d, x.a, x.b, subtractRow[T](x.a.Type()))
}

// subtractRow is subtract's row kernel for pixels of type t (also the
// flat one, see register.go).
func subtractRow[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	return vecFirst(binVec[T](binSub), subtractRowGo[T](t))
}

// subtractRowGo is subtractRow's Go loop, the twin of its SIMD bulk.
func subtractRowGo[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	if pw.IsFloat[T]() {
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			for i := range d {
				d[i] = a[i] - b[i]
			}
		}
	}
	lo, hi := pw.Limits[T]()
	return func(d, a, b []T) {
		n := swarTo(t, swSub, d, a, b) // UInt8, UInt16: whole words first
		d, a, b = d[n:], a[n:len(d)], b[n:len(d)]
		for i := range d {
			d[i] = T(min(max(int64(a[i])-int64(b[i]), lo), hi))
		}
	}
}

// AbsDiffInto sets dst = |a - b|, saturated for signed integer types (for
// Int8, |-128 - 127| is 127); for floats math.Abs(a - b), the sign bit
// cleared (-0 gives +0, a NaN keeps its payload), as numpy's abs.
func AbsDiffInto(dst, a, b *gips.Image) error {
	return binop("absDiff", dst, a, b, gips.AllKernels(absDiff[uint8], absDiff[int8], absDiff[uint16], absDiff[int16],
		absDiff[uint32], absDiff[int32], absDiff[float32], absDiff[float64]))
}

// AbsDiff returns |a - b|.
func AbsDiff(a, b *gips.Image) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return AbsDiffInto(d, a, b) })
}

func absDiff[T gips.Pixel](x args2) error {
	return pw.Streamed2(x.d, x.a, x.b, absDiffRow[T](x.a.Type()))
}

// absDiffRow is absDiff's row kernel for pixels of type t (also the
// flat one, see register.go).
func absDiffRow[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	return vecFirst(binVec[T](binAbsDiff), absDiffRowGo[T](t))
}

// absDiffRowGo is absDiffRow's Go loop, the twin of its SIMD bulk.
func absDiffRowGo[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	if pw.IsFloat[T]() {
		return absDiffFloat[T]()
	}
	_, hi := pw.Limits[T]()
	return func(d, a, b []T) {
		n := swarTo(t, swAbsDiff, d, a, b) // UInt8, UInt16: whole words first
		d, a, b = d[n:], a[n:len(d)], b[n:len(d)]
		for i := range d {
			d[i] = T(min(abs(int64(a[i])-int64(b[i])), hi))
		}
	}
}

// MinInto sets dst = min(a, b) per pixel; for floats a NaN in either source
// gives NaN (numpy's minimum).
func MinInto(dst, a, b *gips.Image) error {
	return binop("min", dst, a, b, gips.AllKernels(minimum[uint8], minimum[int8], minimum[uint16], minimum[int16],
		minimum[uint32], minimum[int32], minimum[float32], minimum[float64]))
}

// Min returns min(a, b) per pixel.
func Min(a, b *gips.Image) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return MinInto(d, a, b) })
}

func minimum[T gips.Pixel](x args2) error {
	return pw.Streamed2(x.d, x.a, x.b, minimumRow[T](x.a.Type()))
}

// minimumRow is minimum's row kernel for pixels of type t (also the
// flat one, see register.go).
func minimumRow[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	return vecFirst(binVec[T](binMin), minimumRowGo[T](t))
}

// minimumRowGo is minimumRow's Go loop, the twin of its SIMD bulk.
func minimumRowGo[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	if pw.IsFloat[T]() {
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			for i := range d {
				d[i] = min(a[i], b[i])
			}
		}
	}
	return func(d, a, b []T) {
		n := swarTo(t, swMin, d, a, b) // UInt8, UInt16: whole words first
		d, a, b = d[n:], a[n:len(d)], b[n:len(d)]
		for i := range d {
			d[i] = T(min(int64(a[i]), int64(b[i]))) // int64: a conditional move, no branch
		}
	}
}

// MaxInto sets dst = max(a, b) per pixel; for floats a NaN in either source
// gives NaN (numpy's maximum).
func MaxInto(dst, a, b *gips.Image) error {
	return binop("max", dst, a, b, gips.AllKernels(maximum[uint8], maximum[int8], maximum[uint16], maximum[int16],
		maximum[uint32], maximum[int32], maximum[float32], maximum[float64]))
}

// Max returns max(a, b) per pixel.
func Max(a, b *gips.Image) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return MaxInto(d, a, b) })
}

func maximum[T gips.Pixel](x args2) error {
	return pw.Streamed2(x.d, x.a, x.b, maximumRow[T](x.a.Type()))
}

// maximumRow is maximum's row kernel for pixels of type t (also the
// flat one, see register.go).
func maximumRow[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	return vecFirst(binVec[T](binMax), maximumRowGo[T](t))
}

// maximumRowGo is maximumRow's Go loop, the twin of its SIMD bulk.
func maximumRowGo[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	if pw.IsFloat[T]() {
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			for i := range d {
				d[i] = max(a[i], b[i])
			}
		}
	}
	return func(d, a, b []T) {
		n := swarTo(t, swMax, d, a, b) // UInt8, UInt16: whole words first
		d, a, b = d[n:], a[n:len(d)], b[n:len(d)]
		for i := range d {
			d[i] = T(max(int64(a[i]), int64(b[i])))
		}
	}
}

// abs is |v| without a branch.
func abs(v int64) int64 {
	s := v >> 63
	return (v ^ s) - s
}
