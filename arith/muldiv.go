package arith

import (
	"sync"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// MultiplyInto sets dst = a * b, saturated for integer types. Integer
// products are exact: in int64 for 8- and 16-bit types, and in float64 for
// 32-bit types (a product beyond 2^53 is beyond the type's range anyway, so
// its rounding cannot change the saturated result).
func MultiplyInto(dst, a, b *gips.Image) error {
	return binop("multiply", dst, a, b, gips.AllKernels(multiply[uint8], multiply[int8], multiply[uint16], multiply[int16],
		multiply[uint32], multiply[int32], multiply[float32], multiply[float64]))
}

// Multiply returns a * b, saturated for integer types.
func Multiply(a, b *gips.Image) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return MultiplyInto(d, a, b) })
}

func multiply[T gips.Pixel](x args2) error {
	return pw.Streamed2(x.d, x.a, x.b, multiplyRow[T](x.a.Type()))
}

// multiplyRow is multiply's row kernel for pixels of type t (also the
// flat one, see flat.go).
func multiplyRow[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	return vecFirst(binVec[T](binMul), multiplyRowGo[T](t))
}

// multiplyRowGo is multiplyRow's Go loop, the twin of its SIMD bulk.
func multiplyRowGo[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	if pw.IsFloat[T]() {
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			for i := range d {
				d[i] = a[i] * b[i]
			}
		}
	}
	lo, hi := pw.Limits[T]()
	if t.ItemSize() == 4 {
		flo, fhi := float64(lo), float64(hi)
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			for i := range d {
				p := float64(a[i]) * float64(b[i])
				if p > fhi { // compares: the builtin float min and max handle NaN and -0, slowly
					p = fhi
				} else if p < flo {
					p = flo
				}
				d[i] = T(p)
			}
		}
	}
	return func(d, a, b []T) {
		a, b = a[:len(d)], b[:len(d)]
		n := simdMul(d, a, b)
		for i := n; i < len(d); i++ {
			d[i] = T(min(max(int64(a[i])*int64(b[i]), lo), hi))
		}
	}
}

// simdMul runs the AVX2 multiply of UInt8 and UInt16 rows and returns the
// pixels it did (0 for other types, or without AVX2).
func simdMul[T gips.Pixel](d, a, b []T) int {
	switch dd := any(d).(type) {
	case []uint8:
		return simdMul8(dd, any(a).([]uint8), any(b).([]uint8))
	case []uint16:
		return simdMul16(dd, any(a).([]uint16), any(b).([]uint16))
	}
	return 0
}

// simdDiv runs the AVX2 divide of UInt8 and UInt16 rows and returns the
// pixels it did (0 for other types, or without AVX2).
func simdDiv[T gips.Pixel](d, a, b []T) int {
	switch dd := any(d).(type) {
	case []uint8:
		return simdDiv8(dd, any(a).([]uint8), any(b).([]uint8))
	case []uint16:
		return simdDiv16(dd, any(a).([]uint16), any(b).([]uint16))
	}
	return 0
}

// DivideInto sets dst = a / b. Integer types: the exact quotient rounded to
// nearest, halves away from zero, saturated (Int8 -128 / -1 is 127), and
// x / 0 is 0 as in OpenCV. Float types: IEEE division in the type's
// precision (x / 0 is ±Inf, 0 / 0 is NaN), as numpy.
func DivideInto(dst, a, b *gips.Image) error {
	return binop("divide", dst, a, b, gips.AllKernels(divide[uint8], divide[int8], divide[uint16], divide[int16],
		divide[uint32], divide[int32], divide[float32], divide[float64]))
}

// Divide returns a / b (see DivideInto for rounding and division by zero).
func Divide(a, b *gips.Image) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return DivideInto(d, a, b) })
}

// divTables are the UInt8 and Int8 quotient tables of divide.
var divTables = [2]func() any{sync.OnceValue(divTable[uint8]), sync.OnceValue(divTable[int8])}

func divTable[T gips.Pixel]() any {
	lo, hi := pw.Limits[T]()
	lut := new([1 << 16]T)
	for i := range lut {
		lut[i] = T(intQuotient(int64(T(uint8(i>>8))), int64(T(uint8(i))), lo, hi))
	}
	return lut
}

func divide[T gips.Pixel](x args2) error { return pw.Rows2(x.d, x.a, x.b, divideRow[T](x.a.Type())) }

// divideRow is divide's row kernel for pixels of type t (also the
// flat one, see flat.go).
func divideRow[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	return vecFirst(binVec[T](binDiv), divideRowGo[T](t))
}

// divideRowGo is divideRow's Go loop, the twin of its SIMD bulk.
func divideRowGo[T gips.Pixel](t gips.BufferType) func(d, a, b []T) {
	if pw.IsFloat[T]() {
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			for i := range d {
				d[i] = a[i] / b[i]
			}
		}
	}
	lo, hi := pw.Limits[T]()
	if t.ItemSize() == 1 {
		// Every 8-bit quotient from a 64 Ki table: one load per pixel
		// instead of an integer division. The table is built once per
		// process (it depends on the type alone), not per call: a small
		// image would pay more for it than for its pixels.
		k := 0
		if lo < 0 {
			k = 1
		}
		lut := divTables[k]().(*[1 << 16]T)
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			n := simdDiv(d, a, b) // UInt8: AVX2 first under GOEXPERIMENT=simd
			for i := n; i < len(d); i++ {
				d[i] = lut[int(uint8(a[i]))<<8|int(uint8(b[i]))]
			}
		}
	}
	// 16- and 32-bit: the float64 quotient, correctly rounded, is never
	// rounded across a half: a quotient of integers below 2^52 is either a
	// half exactly or at least 1/(2|b|) from one, more than float64's
	// error. So rounding it half away from zero is the exact rule, at the
	// cost of a float division instead of an integer one. UInt16: AVX2
	// first under GOEXPERIMENT=simd (simdDiv16; this loop is its twin).
	flo, fhi := float64(lo), float64(hi)
	return func(d, a, b []T) {
		a, b = a[:len(d)], b[:len(d)]
		for i := simdDiv(d, a, b); i < len(d); i++ {
			d[i] = floatQuotient(a[i], b[i], flo, fhi)
		}
	}
}

// floatQuotient is divide's rule for 16- and 32-bit integers, through
// the float64 quotient: a / b rounded half away from zero and clamped to
// [flo, fhi]; 0 when b is 0.
func floatQuotient[T gips.Pixel](a, b T, flo, fhi float64) T {
	if b == 0 {
		return 0
	}
	q := float64(a) / float64(b)
	if q > fhi { // only Int16/Int32 min / -1; compares, not the NaN-aware min
		q = fhi
	} else if q < flo {
		q = flo
	}
	return T(roundHalfAway(q))
}

// intQuotient is a / b rounded half away from zero and clamped to
// [lo, hi]; 0 when b is 0. It is exact, in integers; it fills the 8-bit
// table.
func intQuotient(a, b, lo, hi int64) int64 {
	if b == 0 {
		return 0
	}
	q, r := a/b, a%b
	if r < 0 {
		r = -r
	}
	if 2*r >= max(b, -b) {
		if (a < 0) == (b < 0) {
			q++
		} else {
			q--
		}
	}
	return min(max(q, lo), hi)
}
