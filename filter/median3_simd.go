//go:build goexperiment.simd && amd64

package filter

import (
	"math"
	"simd/archsimd"
	"unsafe"
)

// The SIMD twins of cols3 and med3Row (median3.go) for every lane type,
// 32 bytes a step with AVX2, and 64 with AVX-512 for 16-bit and float32
// lanes (where medianAVX512, median27_simd.go, says so; AVX2 does what is
// left of a row after the 64-byte steps); cleanSIMD is cleanRow's scan.
// TestMedian3MatchesBruteForce and TestMedian3Twins run them (and the Go
// loops on the tails) under GOEXPERIMENT=simd, with and without AVX-512.
// The loops load through pointers, the lengths checked once up front, so
// that no load pays a bounds check; the loops of the lane types
// (median3_lanes_simd.go) are one text with the vector type changed, as
// Go's generics take no vector type argument.

func init() {
	if archsimd.X86.AVX2() {
		simdCols3, simdMed3, simdClean, vecFloats = cols3SIMD, med3SIMD, cleanSIMD, true
	}
}

func cols3SIMD(k medLane, lo, mid, hi, a, b, c []byte) int {
	n := len(lo) &^ 31
	if n == 0 || len(mid) < n || len(hi) < n || len(a) < n || len(b) < n || len(c) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	p := [6]unsafe.Pointer{unsafe.Pointer(&lo[0]), unsafe.Pointer(&mid[0]), unsafe.Pointer(&hi[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0]), unsafe.Pointer(&c[0])}
	i := 0
	if medianAVX512 {
		switch k {
		case mlI16:
			i = n &^ 63
			cols3I16x32(&p, 0, i)
		case mlF32:
			i = n &^ 63
			cols3F32x16(&p, 0, i)
		}
	}
	switch k {
	case mlU8:
		cols3U8(&p, i, n)
	case mlI8:
		cols3I8(&p, i, n)
	case mlU16:
		cols3U16(&p, i, n)
	case mlI16:
		cols3I16(&p, i, n)
	case mlU32:
		cols3U32(&p, i, n)
	case mlI32:
		cols3I32(&p, i, n)
	case mlF32:
		cols3F32(&p, i, n)
	case mlF64:
		cols3F64(&p, i, n)
	}
	return n
}

// med3SIMD: lo, mid and hi hold two pixels more than out.
func med3SIMD(k medLane, out, lo, mid, hi []byte) int {
	n := len(out) &^ 31
	s := 2 * k.size()
	if n == 0 || len(lo) < n+s || len(mid) < n+s || len(hi) < n+s {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	p := [4]unsafe.Pointer{unsafe.Pointer(&out[0]), unsafe.Pointer(&lo[0]), unsafe.Pointer(&mid[0]), unsafe.Pointer(&hi[0])}
	i := 0
	if medianAVX512 {
		switch k {
		case mlI16:
			i = n &^ 63
			med3I16x32(&p, 0, i)
		case mlF32:
			i = n &^ 63
			med3F32x16(&p, 0, i)
		}
	}
	switch k {
	case mlU8:
		med3U8(&p, i, n)
	case mlI8:
		med3I8(&p, i, n)
	case mlU16:
		med3U16(&p, i, n)
	case mlI16:
		med3I16(&p, i, n)
	case mlU32:
		med3U32(&p, i, n)
	case mlI32:
		med3I32(&p, i, n)
	case mlF32:
		med3F32(&p, i, n)
	case mlF64:
		med3F64(&p, i, n)
	}
	return n
}

// cleanSIMD scans the leading r &^ 31 bytes of a float row for NaN and
// -0 (as integers, the sign bit alone): float32 rows by cleanF32.
func cleanSIMD(k medLane, r []byte) (int, bool) {
	n := len(r) &^ 31
	if n == 0 || !k.float() {
		return 0, true
	}
	defer archsimd.ClearAVXUpperBits()
	p := unsafe.Pointer(&r[0])
	if k == mlF64 {
		nz := archsimd.BroadcastInt64x4(math.MinInt64)
		var bad archsimd.Mask64x4
		for i := 0; i < n; i += 32 {
			v := archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(p, i)))
			bad = bad.Or(v.IsNaN()).Or(v.AsInt64x4().Equal(nz))
		}
		return n, bad.ToBits() == 0
	}
	return n, cleanF32(p, n)
}

// cleanF32 says whether the n bytes at p (a multiple of 32) hold no NaN
// and no -0 as float32s. As int32s, a NaN's bits without the sign exceed
// +Inf's and -0 is the least int32: so the row keeps the greatest of its
// bits without the sign and the least of its bits, one maximum, one
// minimum and one AND per vector (the lanes' comparisons and their OR,
// four operations in a chain through the mask, took a fifth of the 3x3
// median's time), 64 bytes a step where the medians' AVX-512 loops run.
func cleanF32(p unsafe.Pointer, n int) bool {
	i := 0
	ok := true
	if medianAVX512 && n >= 64 {
		abs := archsimd.BroadcastInt32x16(math.MaxInt32)
		hi, lo := archsimd.BroadcastInt32x16(0), archsimd.BroadcastInt32x16(math.MaxInt32)
		for ; i+64 <= n; i += 64 {
			v := archsimd.LoadInt32x16((*[16]int32)(unsafe.Add(p, i)))
			hi, lo = hi.Max(v.And(abs)), lo.Min(v)
		}
		ok = hi.Greater(archsimd.BroadcastInt32x16(0x7f800000)).Or(lo.Equal(archsimd.BroadcastInt32x16(math.MinInt32))).ToBits() == 0
	}
	abs := archsimd.BroadcastInt32x8(math.MaxInt32)
	hi, lo := archsimd.BroadcastInt32x8(0), archsimd.BroadcastInt32x8(math.MaxInt32)
	for ; i < n; i += 32 {
		v := archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(p, i)))
		hi, lo = hi.Max(v.And(abs)), lo.Min(v)
	}
	return ok && hi.Greater(archsimd.BroadcastInt32x8(0x7f800000)).Or(lo.Equal(archsimd.BroadcastInt32x8(math.MinInt32))).ToBits() == 0
}

// p8 and p16 are the 32 bytes at byte offset i of p; ld8 and ld16 load
// them.
func p8(p unsafe.Pointer, i int) *[32]uint8           { return (*[32]uint8)(unsafe.Add(p, i)) }
func p16(p unsafe.Pointer, i int) *[16]uint16         { return (*[16]uint16)(unsafe.Add(p, i)) }
func ld8(p unsafe.Pointer, i int) archsimd.Uint8x32   { return archsimd.LoadUint8x32(p8(p, i)) }
func ld16(p unsafe.Pointer, i int) archsimd.Uint16x16 { return archsimd.LoadUint16x16(p16(p, i)) }
