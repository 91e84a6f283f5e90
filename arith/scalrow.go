package arith

import (
	"math"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	pw "github.com/gipsdev/gips/internal/pointwise"
	"github.com/gipsdev/gips/internal/swar"
	"github.com/gipsdev/gips/ops"
)

// The row kernels of the image-scalar ops, one per (op, type, scalar),
// which the Into functions and the flat path (the C boundary's small
// calls) both run. Every integer kernel gives Saturate(float64(a) op v),
// the rule of scalar.go; which kernel runs is only a matter of speed:
//
//   - a whole scalar added or multiplied is exact integer arithmetic:
//     a clamped add (min or max, then a wrapping add), a widened product
//     saturated back (scalgo.go, AVX-512 in scalsimd_amd64.go);
//   - other 8-bit ops are a table of the 256 results (made by the vector
//     formula and looked up 64 bytes a step with AVX-512 VBMI under
//     GOEXPERIMENT=simd);
//   - other 16- and 32-bit ops are the float64 formula itself, eight
//     pixels a vector under GOEXPERIMENT=simd (scalsimd_amd64.go), or a
//     table (16-bit, large images) or the formula per pixel in Go.

// sop is an image-scalar operation.
type sop uint8

const (
	sAdd sop = iota
	sMul
	sDiv
)

// sopValue is an integer pixel's result: the float64 formula saturated.
func sopValue[T gips.Pixel](op sop, a, v float64) T {
	switch op {
	case sAdd:
		return gips.Saturate[T](a + v)
	case sMul:
		return gips.Saturate[T](a * v)
	}
	return gips.Saturate[T](a / v)
}

// scalarRow is the row kernel of d = a op v for pixels of type T, in an
// image of pixels pixels (which picks a 16-bit table in the pure-Go
// build).
func scalarRow[T gips.Pixel](op sop, v float64, pixels int) func(d, a []T) {
	if pw.IsFloat[T]() {
		return floatScalarRow(op, T(v))
	}
	if op == sDiv && v == 0 {
		return func(d, _ []T) { clear(d) }
	}
	if v == math.Trunc(v) { // whole, or ±Inf (clamped like a large whole number)
		switch op {
		case sAdd:
			return intAddRow[T](v)
		case sMul:
			return intMulRow[T](v)
		}
	}
	return formulaRow[T](op, v, pixels)
}

// floatScalarRow is d = a op c in the images' float type (IEEE, as numpy).
func floatScalarRow[T gips.Pixel](op sop, c T) func(d, a []T) {
	return func(d, a []T) {
		a = a[:len(d)]
		n := simdFloatScalar(op, d, a, c)
		floatScalar(op, d[n:], a[n:], c)
	}
}

// intAddRow is d = a + v saturated for a whole (or infinite) v: with v
// clamped to ±(hi - lo), which changes no result, min(a, hi - v) + v for
// v >= 0 and max(a, lo - v) + v below, in T's wrapping arithmetic: the
// bound keeps the exact sum in range, so the wrapping add is exact.
func intAddRow[T gips.Pixel](v float64) func(d, a []T) {
	lo, hi := pw.Limits[T]()
	span := float64(hi - lo)
	iv := int64(max(min(v, span), -span))
	t := gips.TypeOf[T]()
	if l, ok := unsignedLanes(t); ok && uint64(max(iv, -iv)) <= l.fill && !has512 {
		// UInt8, UInt16 without AVX-512: saturating lanes (SWAR words,
		// AVX2 vectors).
		lane, op := uint64(max(iv, -iv)), swAdd
		if iv < 0 {
			op = swSub
		}
		return func(d, a []T) {
			n := constRows(l, op, swar.Bytes(d), swar.Bytes(a), lane) / t.ItemSize()
			for i := n; i < len(d); i++ {
				d[i] = T(min(max(int64(a[i])+iv, lo), hi))
			}
		}
	}
	bound, up := T(hi-iv), iv >= 0
	if !up {
		bound = T(lo - iv)
	}
	c := T(iv) // wraps for a 32-bit v beyond the type: the sums stay exact mod 2^32
	return func(d, a []T) {
		a = a[:len(d)]
		n := simdAddClamped(d, a, bound, c, up)
		addClamped(d[n:], a[n:], bound, c, up)
	}
}

// intMulRow is d = a * v saturated for a whole (or infinite) v: v is
// clamped to [-m, m], m the larger magnitude of the type's limits, which
// changes no result (a nonzero a times m or more saturates), and the
// product is exact in 64 bits (unsigned for UInt32).
func intMulRow[T gips.Pixel](v float64) func(d, a []T) {
	lo, hi := pw.Limits[T]()
	m := float64(max(-lo, hi))
	iv := int64(max(min(v, m), -m))
	return func(d, a []T) {
		a = a[:len(d)]
		n := simdMulInt(d, a, iv)
		mulInt(d[n:], a[n:], iv)
	}
}

// formulaRow is d = Saturate(float64(a) op v) for other scalars: a table
// of the 256 results for 8-bit pixels, the formula eight pixels a vector
// where the SIMD build has it (v finite: no NaN on the way), else a 64 Ki
// table for large 16-bit images, else the formula per pixel.
func formulaRow[T gips.Pixel](op sop, v float64, pixels int) func(d, a []T) {
	if gips.TypeOf[T]().ItemSize() == 1 {
		var all, lut [256]T
		for i := range all {
			all[i] = T(uint8(i)) // Int8 wraps to its negative values
		}
		n := 0
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			n = simdFormula(op, lut[:], all[:], v) // the table in vectors: ~50 times faster
		}
		formula(op, lut[n:], all[n:], v)
		if u8, ok := any(&lut).(*[256]uint8); ok && !haveLut8 && op != sAdd {
			if f := affine8Row(u8, op, v); f != nil {
				return any(f).(func(d, a []T)) // UInt8 without VBMI: the AVX2 float32 kernel where exact
			}
		}
		return func(d, a []T) {
			a = a[:len(d)]
			n := simdLut8(swar.Bytes(d), swar.Bytes(a), (*[256]uint8)(unsafe.Pointer(&lut)))
			for i, x := range a[n:] {
				d[n+i] = lut[uint8(x)]
			}
		}
	}
	if !math.IsInf(v, 0) && !math.IsNaN(v) && haveF64Eng {
		return func(d, a []T) {
			a = a[:len(d)]
			n := simdFormula(op, d, a, v)
			formula(op, d[n:], a[n:], v)
		}
	}
	if gips.TypeOf[T]().ItemSize() == 2 && pixels >= 1<<18 {
		lut := new([1 << 16]T)
		for i := range lut {
			lut[i] = sopValue[T](op, float64(T(uint16(i))), v)
		}
		return func(d, a []T) {
			a = a[:len(d)]
			for i, x := range a {
				d[i] = lut[uint16(x)]
			}
		}
	}
	return func(d, a []T) { formula(op, d, a[:len(d)], v) }
}

// The flat kernels of the scalar ops: the same rows over whole buffers.
func init() {
	reg := func(name string, op sop, sign float64) {
		var rows flat.ByType[func(d, a []byte, v float64)]
		scalarOf(&rows, op, scalarRow[uint8])
		scalarOf(&rows, op, scalarRow[int8])
		scalarOf(&rows, op, scalarRow[uint16])
		scalarOf(&rows, op, scalarRow[int16])
		scalarOf(&rows, op, scalarRow[uint32])
		scalarOf(&rows, op, scalarRow[int32])
		scalarOf(&rows, op, scalarRow[float32])
		scalarOf(&rows, op, scalarRow[float64])
		flat.Register(name, func(out gips.BufferType, n int, in flat.Types, d []byte, s flat.Buffers, p ops.Values) bool {
			f := rows[out]
			if f == nil || n != 1 || in[0] != out {
				return false
			}
			f(d, s[0], sign*p.Float("value"))
			return true
		})
	}
	reg("arith.addScalar", sAdd, 1)
	reg("arith.subtractScalar", sAdd, -1)
	reg("arith.multiplyScalar", sMul, 1)
	reg("arith.divideScalar", sDiv, 1)
}

// scalarOf adds the flat row kernel of type T, made per call (it depends
// on the scalar), run on the output's head up to its first cache line
// and then the rest (pw.Head), as pw.Rows1 runs it: numpy's arrays start
// 16 bytes into a line, and every 64-byte store of simdFloatScalar
// spanned two (87% of its samples sat after the store).
func scalarOf[T gips.Pixel](m *flat.ByType[func(d, a []byte, v float64)], op sop, mk func(sop, float64, int) func(d, a []T)) {
	m[gips.TypeOf[T]()] = func(d, a []byte, v float64) {
		dt, at := flat.As[T](d), flat.As[T](a)
		row := mk(op, v, len(dt))
		if h := pw.Head(dt); h > 0 {
			row(dt[:h], at[:h])
			dt, at = dt[h:], at[h:]
		}
		row(dt, at)
	}
}
