package arith

import (
	"fmt"
	"math"
	"sync"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
	"github.com/gipsdev/gips/internal/swar"
)

// LinearCombinationInto sets dst = ka*a + kb*b + c, computed in float64 for
// every type, as (ka*a + kb*b) + c with each product rounded (no fused
// multiply-add), then converted to the sources' type: integers as by
// gips.Saturate (round half away from zero, clamp), floats by conversion.
func LinearCombinationInto(dst, a, b *gips.Image, ka, kb, c float64) error {
	if err := check("linearCombination", dst, a, b); err != nil {
		return err
	}
	k := gips.AllKernels(linear[uint8], linear[int8], linear[uint16], linear[int16],
		linear[uint32], linear[int32], linear[float32], linear[float64])
	if err := gips.Dispatch(a.Type(), k, linArgs{args2{dst, a, b}, ka, kb, c}); err != nil {
		return fmt.Errorf("linearCombination: %w", err)
	}
	return nil
}

// LinearCombination returns ka*a + kb*b + c (see LinearCombinationInto).
func LinearCombination(a, b *gips.Image, ka, kb, c float64) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return LinearCombinationInto(d, a, b, ka, kb, c) })
}

type linArgs struct {
	args2
	ka, kb, c float64
}

func linear[T gips.Pixel](x linArgs) error {
	return pw.Rows2(x.d, x.a, x.b, linearRow[T](x.a.Type(), x.d.Geometry().Pixels(), x.ka, x.kb, x.c))
}

// linearRow is linear's row kernel for pixels of type t, in an image of
// pixels pixels (which picks the table kernel), also the flat one (flat.go).
func linearRow[T gips.Pixel](t gips.BufferType, pixels int, ka, kb, c float64) func(d, a, b []T) {
	if pw.IsFloat[T]() {
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			// AVX-512 float64 vectors first (GOEXPERIMENT=simd).
			for i := simdLinFloat(d, a, b, ka, kb, c); i < len(d); i++ {
				d[i] = T(float64(ka*float64(a[i])) + float64(kb*float64(b[i])) + c)
			}
		}
	}
	lo, hi := pw.Limits[T]()
	flo, fhi := float64(lo), float64(hi)
	one := func(a, b T) T { return linOne(a, b, ka, kb, c, flo, fhi) }
	if w, ok := linFixFor(ka, kb, c); ok && t == gips.UInt8 {
		// Non-negative weights that are multiples of 2^-k (a blend by
		// halves): the formula's exact value in 16-bit integers at any
		// size, with no table to build or check (TestLinFixMatchesFormula
		// proves it on every pair of bytes); AVX2 32 pixels a step.
		return func(d, a, b []T) {
			dd, aa, bb := any(d).([]uint8), any(a).([]uint8)[:len(d)], any(b).([]uint8)[:len(d)]
			for i := simdLinearFix8(dd, aa, bb, w); i < len(dd); i++ {
				dd[i] = linFix(aa[i], bb[i], w)
			}
		}
	}
	if w, ok := linFix16For(ka, kb, c); ok && t == gips.UInt16 {
		// Weights that are multiples of 2^-k (a blend by halves, a
		// difference): the formula's exact value in int32, 16 pixels a
		// step in AVX2 (linfix16.go).
		return func(d, a, b []T) {
			linearFix16(any(d).([]uint16), any(a).([]uint16), any(b).([]uint16), w)
		}
	}
	if w, ok := linFixS16For(ka, kb, c); ok && t == gips.Int16 {
		// The same for Int16, rounding negative halves away from zero
		// (scallin16.go); AVX-512 32 pixels a step.
		return func(d, a, b []T) {
			linearFixS16(any(d).([]int16), any(a).([]int16), any(b).([]int16), w)
		}
	}
	eng := haveF64Eng && linEngOK(ka, kb, c)
	if t.ItemSize() == 1 && pixels >= linTableMin && !eng {
		// Every 8-bit result from a 64 Ki table of the same formula: one
		// load per pixel instead of two conversions, two products and a
		// rounding. (The vector formula below is as fast as the float32
		// kernel on 1 Mi pixels, 236-255 against 222-233 us of CPU
		// including the table and its check, and needs neither.)
		var lut [1 << 16]T
		for i := range lut {
			lut[i] = one(T(uint8(i>>8)), T(uint8(i)))
		}
		if u8, ok := any(&lut).(*[1 << 16]uint8); ok && linF32Exact(u8, ka, kb, c) {
			// The AVX2 float32 kernel gives the table's every entry:
			// 32 pixels a step, no table loads (GOEXPERIMENT=simd).
			ka32, kb32, c32 := float32(ka), float32(kb), float32(c+0.5)
			return func(d, a, b []T) {
				a, b = a[:len(d)], b[:len(d)]
				n := simdLinear(d, a, b, ka32, kb32, c32)
				for i := n; i < len(d); i++ {
					d[i] = lut[int(uint8(a[i]))<<8|int(uint8(b[i]))]
				}
			}
		}
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			for i := range d {
				d[i] = lut[int(uint8(a[i]))<<8|int(uint8(b[i]))]
			}
		}
	}
	if eng {
		// The float64 formula itself in AVX-512 vectors, any integer
		// type, any size: no table to build (scallin_amd64.go).
		return func(d, a, b []T) {
			a, b = a[:len(d)], b[:len(d)]
			for i := simdLinEng(d, a, b, ka, kb, c); i < len(d); i++ {
				d[i] = one(a[i], b[i])
			}
		}
	}
	return func(d, a, b []T) {
		a, b = a[:len(d)], b[:len(d)]
		// UInt16: the same formula in AVX2 first (GOEXPERIMENT=simd).
		for i := simdLinearWide(d, a, b, ka, kb, c); i < len(d); i++ {
			d[i] = one(a[i], b[i])
		}
	}
}

// simdLinearWide runs simdLinear16 on UInt16 rows (0 pixels for other
// types).
func simdLinearWide[T gips.Pixel](d, a, b []T, ka, kb, c float64) int {
	if dd, ok := any(d).([]uint16); ok {
		return simdLinear16(dd, any(a).([]uint16), any(b).([]uint16), ka, kb, c)
	}
	return 0
}

// linEngOK says whether the vector formula takes these weights: finite
// and small enough that no product or sum of 32-bit pixels overflows to
// ±Inf, so that no NaN arises (linOne makes NaN 0; the vectors' Max and
// Min would not).
func linEngOK(ka, kb, c float64) bool {
	const m = 1e200
	return math.Abs(ka) <= m && math.Abs(kb) <= m && math.Abs(c) <= m
}

// linOne is the linear combination of one pair of integer pixels: the
// float64 formula, NaN as 0, saturated to [flo, fhi], rounded half away
// from zero.
func linOne[T gips.Pixel](a, b T, ka, kb, c, flo, fhi float64) T {
	v := float64(ka*float64(a)) + float64(kb*float64(b)) + c
	switch {
	case v != v:
		return 0
	case v <= flo:
		return T(flo)
	case v >= fhi:
		return T(fhi)
	}
	return T(roundHalfAway(v))
}

// linOne32 is the Go twin of the AVX2 float32 kernel simdLinear8: the
// combination in float32 (no fused multiply-add) with c5 = c + 0.5,
// clamped to [0, 255] and truncated.
func linOne32(a, b uint8, ka, kb, c5 float32) uint8 {
	v := float32(float32(ka*float32(a))+float32(kb*float32(b))) + c5
	return uint8(min(max(v, 0), 255))
}

// bytePairs holds every pair of bytes: a = i >> 8, b = i & 255.
var bytePairs = sync.OnceValues(func() (a, b []uint8) {
	a, b = make([]uint8, 1<<16), make([]uint8, 1<<16)
	for i := range a {
		a[i], b[i] = uint8(i>>8), uint8(i)
	}
	return a, b
})

// linF32Exact reports whether the AVX2 float32 kernel, with these
// weights, gives lut's value for every pair of bytes (false without
// AVX2): then it may replace the table on any image.
func linF32Exact(lut *[1 << 16]uint8, ka, kb, c float64) bool {
	if !haveAVX2 {
		return false
	}
	a, b := bytePairs()
	got := make([]uint8, len(a))
	if simdLinear8(got, a, b, float32(ka), float32(kb), float32(c+0.5)) != len(got) {
		return false
	}
	return string(got) == string(lut[:])
}

// linFixW are the weights of the 16-bit integer UInt8 kernel:
// min((wa·a + wb·b + c) >> shift, 255), with wa·255 + wb·255 + c < 2^16.
type linFixW struct {
	wa, wb, c uint16
	shift     uint8
}

// linFix is the Go twin of the AVX2 kernel simdLinearFix8.
func linFix(a, b uint8, w linFixW) uint8 {
	return uint8(min((uint32(w.wa)*uint32(a)+uint32(w.wb)*uint32(b)+uint32(w.c))>>w.shift, 255))
}

// linFixFor gives the integer weights that compute ka·a + kb·b + c
// rounded half up, exactly: ka, kb and c + 1/2 scaled by 2^shift, for the
// smallest shift (at most 8) that makes them whole numbers, when their
// sums fit in 16 bits. Then floor((wa·a + wb·b + wc) / 2^shift) is
// floor(ka·a + kb·b + c + 1/2) in exact arithmetic, which the float64
// formula gives too (its products and sums of such values are exact);
// linFixExact checks every pair anyway. false for other weights, and
// for negative ones (the kernel is unsigned).
func linFixFor(ka, kb, c float64) (linFixW, bool) {
	c += 0.5
	if !(ka >= 0 && kb >= 0 && c >= 0) {
		return linFixW{}, false
	}
	for s := 0; s <= 8; s++ {
		k := float64(int(1) << s)
		wa, wb, wc := ka*k, kb*k, c*k
		if wa != math.Trunc(wa) || wb != math.Trunc(wb) || wc != math.Trunc(wc) {
			continue
		}
		if (wa+wb)*255+wc < 1<<16 {
			return linFixW{uint16(wa), uint16(wb), uint16(wc), uint8(s)}, true
		}
		break
	}
	return linFixW{}, false
}

// linFixExact reports whether the AVX2 16-bit integer kernel, with the
// weights linFixFor gives, yields lut's value for every pair of bytes
// (false without AVX2). linear no longer runs it (linFixFor's weights
// are exact by construction, TestLinFixMatchesFormula); the tests use it
// as a cross-check of the kernel against a table.
func linFixExact(lut *[1 << 16]uint8, ka, kb, c float64) (linFixW, bool) {
	w, ok := linFixFor(ka, kb, c)
	if !ok || !haveAVX2 {
		return w, false
	}
	a, b := bytePairs()
	got := make([]uint8, len(a))
	if simdLinearFix8(got, a, b, w) != len(got) {
		return w, false
	}
	return w, string(got) == string(lut[:])
}

// simdLinear runs simdLinear8 on UInt8 rows (0 pixels for other types).
func simdLinear[T gips.Pixel](d, a, b []T, ka, kb, c float32) int {
	if dd, ok := any(d).([]uint8); ok {
		return simdLinear8(dd, any(a).([]uint8), any(b).([]uint8), ka, kb, c)
	}
	return 0
}

// linTableMin is the pixel count from which an 8-bit linear combination
// builds its table: 65536 evaluations pay off over 4 times as many pixels.
const linTableMin = 1 << 18

// roundHalfAway is math.Round for values already known to be finite and
// within an int64: truncation, then one step away from zero at a half,
// written without branches (the fraction of real data is random).
func roundHalfAway(v float64) int64 {
	t := int64(v)
	f := v - float64(t)
	return t + b2i(f >= 0.5) - b2i(f <= -0.5)
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// InvertInto sets dst to the inverse of a: max - v for unsigned types (255 -
// v for UInt8), -v for signed integer types, saturated (Int8 -128 gives
// 127), and -v for float types. For Binary images use logic.Not.
func InvertInto(dst, a *gips.Image) error {
	if err := check("invert", dst, a); err != nil {
		return err
	}
	k := gips.AllKernels(invert[uint8], invert[int8], invert[uint16], invert[int16],
		invert[uint32], invert[int32], invert[float32], invert[float64])
	if err := gips.Dispatch(a.Type(), k, args2{dst, a, nil}); err != nil {
		return fmt.Errorf("invert: %w", err)
	}
	return nil
}

// Invert returns the inverse of a (see InvertInto).
func Invert(a *gips.Image) (*gips.Image, error) {
	return allocating(a, func(d *gips.Image) error { return InvertInto(d, a) })
}

func invert[T gips.Pixel](x args2) error { return pw.Streamed1(x.d, x.a, invertRow[T](x.a.Type())) }

// invertRow is invert's row kernel for pixels of type t (also the flat
// one, see register.go).
func invertRow[T gips.Pixel](t gips.BufferType) func(d, a []T) {
	lo, hi := pw.Limits[T]()
	switch {
	case pw.IsFloat[T]():
		return func(d, a []T) {
			a = a[:len(d)]
			for i := simdInvert(d, a); i < len(d); i++ { // AVX2 first (GOEXPERIMENT=simd)
				d[i] = -a[i]
			}
		}
	case lo == 0:
		// max - v is the bitwise complement for a full-range unsigned type:
		// whole 64-bit words first.
		m := T(hi)
		return func(d, a []T) {
			n := simdInvert(d, a) // UInt32 (GOEXPERIMENT=simd)
			n += notWords(swar.Bytes(d[n:]), swar.Bytes(a[n:])) / t.ItemSize()
			d, a = d[n:], a[n:len(d)]
			for i := range d {
				d[i] = m - a[i]
			}
		}
	}
	return func(d, a []T) {
		a = a[:len(d)]
		for i := simdInvert(d, a); i < len(d); i++ {
			d[i] = T(min(-int64(a[i]), hi))
		}
	}
}
