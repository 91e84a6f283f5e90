//go:build goexperiment.simd && amd64

package arith

import (
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
)

// The AVX-512 kernels of the image-scalar ops (scalrow.go): 64 bytes a
// step through pointers, the op chosen outside the loop. Each returns how
// many pixels it did (a whole number of vectors; 0 without AVX-512) and
// leaves the rest to its Go twin (scalgo.go), whose results it gives bit
// for bit (TestScalarRowsMatchFormula, TestScalarSIMDMatchesGo).

var (
	has512     = archsimd.X86.AVX512()
	haveF64Eng = has512
	haveLut8   = has512 && archsimd.X86.AVX512VBMI()
)

type (
	vb  = archsimd.Uint8x64
	vf8 = archsimd.Float64x8
)

// loopB runs f over the first n bytes (a multiple of 64) at the pointers,
// or, n negative (dirOf), over the -n bytes up to the 64 at the pointers,
// backwards. Small enough to be inlined with its literal f: each op's
// loop is straight vector code.
func loopB(n int, dp, ap unsafe.Pointer, f func(x vb) vb) {
	m := n >> 63 // -1 when backwards
	for i, s := 0, 64^m-m; i != n; i += s {
		f(archsimd.LoadUint8x64((*[64]uint8)(unsafe.Add(ap, i)))).Store((*[64]uint8)(unsafe.Add(dp, i)))
	}
}

// dirOf is loopB's bytes and pointers for n bytes at dp and ap: backwards
// (the pointers at the last vector, n negated) when d starts just after a
// modulo 4 KiB (backward: the loads of a forward loop would wait on its
// own stores). Real32 add 50 at 256² from Python, a system call around
// each call, d 16-48 bytes after a: 7.4 -> 6.1 us, as at other offsets.
func dirOf(dp, ap unsafe.Pointer, n int) (unsafe.Pointer, unsafe.Pointer, int) {
	if n == 0 || !backward(dp, ap, ap) {
		return dp, ap, n
	}
	return unsafe.Add(dp, n-64), unsafe.Add(ap, n-64), -n
}

// bytesOf is the pointers and whole-vector byte count of rows d and a
// (a at least as long as d), and the pixels that makes.
func bytesOf[T gips.Pixel](d, a []T) (dp, ap unsafe.Pointer, n, px int) {
	size := int(unsafe.Sizeof(d[0:1][0]))
	n = len(d) * size &^ 63
	if n == 0 || !has512 {
		return nil, nil, 0, 0
	}
	return unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), n, n / size
}

// simdFloatScalar is floatScalar's d = a op c.
func simdFloatScalar[T gips.Pixel](op sop, d, a []T, c T) int {
	dp, ap, n, px := bytesOf(d, a)
	if n == 0 {
		return 0
	}
	dp, ap, n = dirOf(dp, ap, n)
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	switch c := any(c).(type) {
	case float32:
		k := archsimd.BroadcastFloat32x16(c)
		switch op {
		case sAdd:
			loopB(n, dp, ap, func(x vb) vb { return x.AsFloat32x16().Add(k).AsUint8x64() })
		case sMul:
			loopB(n, dp, ap, func(x vb) vb { return x.AsFloat32x16().Mul(k).AsUint8x64() })
		default:
			loopB(n, dp, ap, func(x vb) vb { return x.AsFloat32x16().Div(k).AsUint8x64() })
		}
	case float64:
		k := archsimd.BroadcastFloat64x8(c)
		switch op {
		case sAdd:
			loopB(n, dp, ap, func(x vb) vb { return x.AsFloat64x8().Add(k).AsUint8x64() })
		case sMul:
			loopB(n, dp, ap, func(x vb) vb { return x.AsFloat64x8().Mul(k).AsUint8x64() })
		default:
			loopB(n, dp, ap, func(x vb) vb { return x.AsFloat64x8().Div(k).AsUint8x64() })
		}
	default:
		return 0
	}
	return px
}

// simdAddClamped is addClamped's min(a, bound) + c (up) or max(a, bound) + c.
func simdAddClamped[T gips.Pixel](d, a []T, bound, c T, up bool) int {
	dp, ap, n, px := bytesOf(d, a)
	if n == 0 {
		return 0
	}
	dp, ap, n = dirOf(dp, ap, n)
	defer archsimd.ClearAVXUpperBits()
	switch b := any(bound).(type) {
	case int8:
		bv, vc := archsimd.BroadcastInt8x64(b), archsimd.BroadcastInt8x64(any(c).(int8))
		if up {
			loopB(n, dp, ap, func(x vb) vb { return x.AsInt8x64().Min(bv).Add(vc).AsUint8x64() })
		} else {
			loopB(n, dp, ap, func(x vb) vb { return x.AsInt8x64().Max(bv).Add(vc).AsUint8x64() })
		}
	case uint8:
		bv, vc := archsimd.BroadcastUint8x64(b), archsimd.BroadcastUint8x64(any(c).(uint8))
		if up {
			loopB(n, dp, ap, func(x vb) vb { return x.Min(bv).Add(vc) })
		} else {
			loopB(n, dp, ap, func(x vb) vb { return x.Max(bv).Add(vc) })
		}
	case int16:
		bv, vc := archsimd.BroadcastInt16x32(b), archsimd.BroadcastInt16x32(any(c).(int16))
		if up {
			loopB(n, dp, ap, func(x vb) vb { return x.AsInt16x32().Min(bv).Add(vc).AsUint8x64() })
		} else {
			loopB(n, dp, ap, func(x vb) vb { return x.AsInt16x32().Max(bv).Add(vc).AsUint8x64() })
		}
	case uint16:
		bv, vc := archsimd.BroadcastUint16x32(b), archsimd.BroadcastUint16x32(any(c).(uint16))
		if up {
			loopB(n, dp, ap, func(x vb) vb { return x.AsUint16x32().Min(bv).Add(vc).AsUint8x64() })
		} else {
			loopB(n, dp, ap, func(x vb) vb { return x.AsUint16x32().Max(bv).Add(vc).AsUint8x64() })
		}
	case int32:
		bv, vc := archsimd.BroadcastInt32x16(b), archsimd.BroadcastInt32x16(any(c).(int32))
		if up {
			loopB(n, dp, ap, func(x vb) vb { return x.AsInt32x16().Min(bv).Add(vc).AsUint8x64() })
		} else {
			loopB(n, dp, ap, func(x vb) vb { return x.AsInt32x16().Max(bv).Add(vc).AsUint8x64() })
		}
	case uint32:
		bv, vc := archsimd.BroadcastUint32x16(b), archsimd.BroadcastUint32x16(any(c).(uint32))
		if up {
			loopB(n, dp, ap, func(x vb) vb { return x.AsUint32x16().Min(bv).Add(vc).AsUint8x64() })
		} else {
			loopB(n, dp, ap, func(x vb) vb { return x.AsUint32x16().Max(bv).Add(vc).AsUint8x64() })
		}
	default:
		return 0
	}
	return px
}

// simdMulInt is mulInt's a * iv saturated (iv clamped by intMulRow;
// unsigned pixels take max(iv, 0): a negative product is 0 either way):
// 8-bit pixels, half a vector at a time, widened to 16 bits, multiplied
// exactly there (the clamp keeps the product in range) and narrowed back
// with the hardware's saturation; wider ones by the low product and
// mulLimits' bounds (one multiply, compares and blends: the widening
// multiply-and-narrow of 16-bit pixels ran 1.2x numpy's time).
func simdMulInt[T gips.Pixel](d, a []T, iv int64) int {
	dp, ap, n, px := bytesOf(d, a)
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	uv := max(iv, 0)
	// Each step does 32 bytes (half a vector) twice, at i and i+32.
	half := func(f func(p, q unsafe.Pointer)) {
		for i := 0; i < n; i += 32 {
			f(unsafe.Add(dp, i), unsafe.Add(ap, i))
		}
	}
	switch any(d).(type) {
	case []int8:
		k := archsimd.BroadcastInt16x32(int16(iv))
		half(func(p, q unsafe.Pointer) {
			archsimd.LoadInt8x32((*[32]int8)(q)).ExtendToInt16().Mul(k).SaturateToInt8().Store((*[32]int8)(p))
		})
	case []uint8:
		k := archsimd.BroadcastUint16x32(uint16(uv))
		half(func(p, q unsafe.Pointer) {
			archsimd.LoadUint8x32((*[32]uint8)(q)).ExtendToUint16().Mul(k).SaturateToUint8().Store((*[32]uint8)(p))
		})
	case []int16:
		up, down, atUp, atDown := mulLimits(-1<<15, 1<<15-1, iv)
		b := archsimd.BroadcastInt16x32
		vk, vu, vd, au, ad := b(int16(iv)), b(int16(up)), b(int16(down)), b(int16(atUp)), b(int16(atDown))
		loopB(n, dp, ap, func(x vb) vb {
			a := x.AsInt16x32()
			return ad.Merge(au.Merge(a.Mul(vk), a.Greater(vu)), a.Less(vd)).AsUint8x64()
		})
	case []uint16:
		up, _, _, _ := mulLimits(0, 1<<16-1, uv)
		b := archsimd.BroadcastUint16x32
		vk, vu, top := b(uint16(uv)), b(uint16(up)), b(1<<16-1)
		loopB(n, dp, ap, func(x vb) vb {
			a := x.AsUint16x32()
			return top.Merge(a.Mul(vk), a.Greater(vu)).AsUint8x64()
		})
	case []int32:
		up, down, atUp, atDown := mulLimits(-1<<31, 1<<31-1, iv)
		b := archsimd.BroadcastInt32x16
		vk, vu, vd, au, ad := b(int32(iv)), b(int32(up)), b(int32(down)), b(int32(atUp)), b(int32(atDown))
		loopB(n, dp, ap, func(x vb) vb {
			a := x.AsInt32x16()
			return ad.Merge(au.Merge(a.Mul(vk), a.Greater(vu)), a.Less(vd)).AsUint8x64()
		})
	case []uint32:
		up, _, _, _ := mulLimits(0, 1<<32-1, uv)
		b := archsimd.BroadcastUint32x16
		vk, vu, top := b(uint32(uv)), b(uint32(up)), b(1<<32-1)
		loopB(n, dp, ap, func(x vb) vb {
			a := x.AsUint32x16()
			return top.Merge(a.Mul(vk), a.Greater(vu)).AsUint8x64()
		})
	default:
		return 0
	}
	return px
}

// mulLimits gives, for pixels in [lo, hi] times iv, the bounds past
// which the exact product leaves the range: pixels above up give atUp,
// pixels below down give atDown, the others the product itself, which
// is then also the wrapping multiply's low bits (VPMULLW, VPMULLD).
// floor(hi / iv) and ceil(lo / iv) for iv > 0, the other way round for
// iv < 0 (exact int64 division); no bound for iv = 0.
func mulLimits(lo, hi, iv int64) (up, down, atUp, atDown int64) {
	switch {
	case iv == 0:
		return hi, lo, hi, lo
	case iv > 0:
		up, down, atUp, atDown = floorDiv(hi, iv), ceilDiv(lo, iv), hi, lo
	default:
		up, down, atUp, atDown = floorDiv(lo, iv), ceilDiv(hi, iv), lo, hi
	}
	return min(up, hi), max(down, lo), atUp, atDown
}

// floorDiv and ceilDiv are a / b rounded down and up (b != 0).
func floorDiv(a, b int64) int64 {
	q := a / b
	if q*b != a && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 {
	q := a / b
	if q*b != a && (a < 0) == (b < 0) {
		q++
	}
	return q
}
