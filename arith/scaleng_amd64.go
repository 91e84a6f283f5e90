//go:build goexperiment.simd && amd64

package arith

import (
	"math"
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// The float64 formula of the integer ops in AVX-512 vectors, eight pixels
// a vector: each pixel converted exactly to float64, the same IEEE
// operations in the same order as the Go formula (no fused multiply-add),
// clamped to the type's range, rounded half away from zero and converted
// back, so every result is the Go formula's (Saturate's, linOne's) bit
// for bit. The formula's parameters are finite and moderate (the
// callers' check), so no NaN arises on the way, which Max and Min would
// not carry as Saturate does. 16 pixels a step, of any integer type,
// through the loaders and storers below.

// f64Eng is a formula's constants: (x*k + c) / q of one pixel (the
// division of a 16-bit pixel by a whole number as a product, see one; each
// operation only where it changes something: x*1 is x, x + 0 is x up to
// the sign of a zero, which the integer result drops), (x*k + y*kb) + c
// of two; lo and hi the type's range, h 0.5 - 2^-54 (round). clamp
// is false when no pixel's value can leave (lo - 1/2, hi + 1/2): the
// formula is monotone in each pixel, so its corners bound it. signed:
// the type has negative values (else a value below 0 is above -1/2 and
// truncates to 0 with h added: no sign to copy).
type f64Eng struct {
	k, kb, c, q, lo, hi, h             vf8
	mul, add, div, snap, clamp, signed bool
}

func newEng[T gips.Pixel](k, kb, c, q float64, div, two bool) *f64Eng {
	lo, hi := pw.Limits[T]()
	flo, fhi := float64(lo), float64(hi)
	f := func(x, y float64) float64 {
		if two {
			return float64(x*k) + float64(y*kb) + c
		}
		return (float64(x*k) + c) / q
	}
	clamp := false
	for _, x := range [2]float64{flo, fhi} {
		for _, y := range [2]float64{flo, fhi} {
			v := f(x, y)
			clamp = clamp || !(v > flo-0.5 && v < fhi+0.5)
		}
	}
	b := archsimd.BroadcastFloat64x8
	snap := div && q == math.Trunc(q) && math.Abs(q) >= 1 && math.Abs(q) <= 1<<13 && fhi-flo < 1<<16
	if snap {
		k, div = 1/q, false
	}
	return &f64Eng{b(k), b(kb), b(c), b(q), b(flo), b(fhi), b(0.49999999999999994),
		k != 1 || two, c != 0 || two, div, snap, clamp, lo < 0}
}

// one is the scalar op's value.
func (e *f64Eng) one(x vf8) vf8 {
	if e.mul {
		x = x.Mul(e.k)
	}
	if e.add {
		x = x.Add(e.c)
	}
	if e.div {
		x = x.Div(e.q)
	}
	if e.snap {
		// x*(1/v) for a 16-bit x and a whole v, 1 <= |v| <= 2^13, is
		// within 2^-36 of x/v; a quotient that is not a half is at
		// least 1/(2|v|) >= 2^-14 from one, so rounding to a multiple
		// of 2^-15 (VRNDSCALEPD's finest) gives a value on the same
		// side of every half (and a half exactly): the formula's result
		// without a division.
		x = x.RoundToEvenScaled(15)
	}
	return e.round(x)
}

// two is the linear combination's value.
func (e *f64Eng) two(x, y vf8) vf8 {
	return e.round(x.Mul(e.k).Add(y.Mul(e.kb)).Add(e.c))
}

// round is v clamped to [lo, hi] plus h with v's sign, which the
// storers' truncating conversion makes v rounded half away from zero
// (e.g. 2.5 + 0.49999999999999994 rounds to 3.0, while 2.4999999999999996
// + 0.49999999999999994 stays below 3: below 2^52, where every v here
// is, the sum reaches the next whole number exactly when v's fraction is
// at least a half).
func (e *f64Eng) round(v vf8) vf8 {
	if e.clamp {
		v = v.Max(e.lo).Min(e.hi)
	}
	if !e.signed {
		return v.Add(e.h)
	}
	s := v.AsUint64x8().And(archsimd.BroadcastUint64x8(1 << 63)).Or(e.h.AsUint64x8())
	return v.Add(s.AsFloat64x8())
}

// Loaders of 16 pixels as two vectors, storers of two vectors of
// round's values as 16 pixels (truncated).
func ldI32x16(x archsimd.Int32x16) (vf8, vf8) {
	return x.GetLo().ConvertToFloat64(), x.GetHi().ConvertToFloat64()
}
func ldI8(p unsafe.Pointer) (vf8, vf8) {
	return ldI32x16(archsimd.LoadInt8x16((*[16]int8)(p)).ExtendToInt32())
}
func ldU8(p unsafe.Pointer) (vf8, vf8) {
	return ldI32x16(archsimd.LoadUint8x16((*[16]uint8)(p)).ExtendToUint32().AsInt32x16())
}
func ldI16(p unsafe.Pointer) (vf8, vf8) {
	return ldI32x16(archsimd.LoadInt16x16((*[16]int16)(p)).ExtendToInt32())
}
func ldU16(p unsafe.Pointer) (vf8, vf8) {
	return ldI32x16(archsimd.LoadUint16x16((*[16]uint16)(p)).ExtendToUint32().AsInt32x16())
}
func ldI32(p unsafe.Pointer) (vf8, vf8) {
	return archsimd.LoadInt32x8((*[8]int32)(p)).ConvertToFloat64(), archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(p, 32))).ConvertToFloat64()
}
func ldU32(p unsafe.Pointer) (vf8, vf8) {
	return archsimd.LoadUint32x8((*[8]uint32)(p)).ConvertToFloat64(), archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(p, 32))).ConvertToFloat64()
}
func st8(p unsafe.Pointer, x, y vf8) {
	var v archsimd.Int32x16
	v.SetLo(x.ConvertToInt32()).SetHi(y.ConvertToInt32()).TruncateToInt8().Store((*[16]int8)(p))
}
func st16(p unsafe.Pointer, x, y vf8) {
	x.ConvertToInt32().TruncateToInt16().Store((*[8]int16)(p))
	y.ConvertToInt32().TruncateToInt16().Store((*[8]int16)(unsafe.Add(p, 16)))
}
func stI32(p unsafe.Pointer, x, y vf8) {
	x.ConvertToInt32().Store((*[8]int32)(p))
	y.ConvertToInt32().Store((*[8]int32)(unsafe.Add(p, 32)))
}
func stU32(p unsafe.Pointer, x, y vf8) {
	x.ConvertToUint32().Store((*[8]uint32)(p))
	y.ConvertToUint32().Store((*[8]uint32)(unsafe.Add(p, 32)))
}

// steps is the pointers of rows d and a and the bytes of their whole
// 16-pixel steps, and one step's bytes.
func steps[T gips.Pixel](d, a []T) (dp, ap unsafe.Pointer, n, step int) {
	size := int(unsafe.Sizeof(d[0:1][0]))
	n = len(d) &^ 15 * size
	if n == 0 || !has512 {
		return nil, nil, 0, 0
	}
	return unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), n, 16 * size
}

// simdFormula is formula's Saturate(float64(a) op v), for a finite v.
func simdFormula[T gips.Pixel](op sop, d, a []T, v float64) int {
	dp, ap, n, step := steps(d, a)
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	k, c, q := 1.0, 0.0, 1.0
	switch op {
	case sAdd:
		c = v
	case sMul:
		k = v
	default:
		q = v
	}
	e := newEng[T](k, 0, c, q, op == sDiv, false)
	switch any(d).(type) {
	case []uint8:
		for i := 0; i < n; i += step {
			x, y := ldU8(unsafe.Add(ap, i))
			st8(unsafe.Add(dp, i), e.one(x), e.one(y))
		}
	case []int8:
		for i := 0; i < n; i += step {
			x, y := ldI8(unsafe.Add(ap, i))
			st8(unsafe.Add(dp, i), e.one(x), e.one(y))
		}
	case []int16:
		for i := 0; i < n; i += step {
			x, y := ldI16(unsafe.Add(ap, i))
			st16(unsafe.Add(dp, i), e.one(x), e.one(y))
		}
	case []uint16:
		for i := 0; i < n; i += step {
			x, y := ldU16(unsafe.Add(ap, i))
			st16(unsafe.Add(dp, i), e.one(x), e.one(y))
		}
	case []int32:
		for i := 0; i < n; i += step {
			x, y := ldI32(unsafe.Add(ap, i))
			stI32(unsafe.Add(dp, i), e.one(x), e.one(y))
		}
	case []uint32:
		for i := 0; i < n; i += step {
			x, y := ldU32(unsafe.Add(ap, i))
			stU32(unsafe.Add(dp, i), e.one(x), e.one(y))
		}
	default:
		return 0
	}
	return n / step * 16
}

// simdLut8 sets d = lut[a] over the first multiple of 64 bytes and
// returns the bytes done (0 without AVX-512 VBMI): two 128-byte table
// lookups (VPERMI2B on the index's low 7 bits), the index's top bit
// picking one.
func simdLut8(d, a []byte, lut *[256]uint8) int {
	dp, ap, n, _ := bytesOf(d, a)
	if n == 0 || !haveLut8 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	t := func(i int) vb { return archsimd.LoadUint8x64((*[64]uint8)(lut[i : i+64])) }
	t0, t1, t2, t3 := t(0), t(64), t(128), t(192)
	zero := archsimd.BroadcastInt8x64(0)
	bn := n
	dp, ap, bn = dirOf(dp, ap, bn)
	loopB(bn, dp, ap, func(x vb) vb {
		return t2.ConcatPermute(t3, x).Merge(t0.ConcatPermute(t1, x), x.AsInt8x64().Less(zero))
	})
	return n
}
