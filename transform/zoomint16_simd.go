//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

func vertical2I16AVX512(acc []int32, r0, r1 []int16, w0, w1 int32) int {
	n := min(len(acc), len(r0), len(r1)) &^ 15
	v0, v1 := archsimd.BroadcastInt32x16(w0), archsimd.BroadcastInt32x16(w1)
	for k := 0; k < n; k += 16 {
		a := archsimd.LoadInt16x16Slice(r0[k:]).ExtendToInt32().Mul(v0)
		a.Add(archsimd.LoadInt16x16Slice(r1[k:]).ExtendToInt32().Mul(v1)).StoreSlice(acc[k:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// doubleI16AVX512 does 16 pairs at a time: even and odd outputs rounded
// (roundI16) in int32 lanes and clamped to int16, so even&0xffff | odd<<16
// is the 32 outputs in order (little endian).
func doubleI16AVX512(o []int16, acc []int32, a, b int32, sh uint) int {
	va, vb := archsimd.BroadcastInt32x16(a), archsimd.BroadcastInt32x16(b)
	var half, neg int32
	if sh > 0 {
		half, neg = int32(1)<<(sh-1), -1
	}
	vh, vn := archsimd.BroadcastInt32x16(half), archsimd.BroadcastInt32x16(neg)
	lo, hi := archsimd.BroadcastInt32x16(-1<<15), archsimd.BroadcastInt32x16(1<<15-1)
	low := archsimd.BroadcastInt32x16(0xffff)
	vs := archsimd.BroadcastInt32x16(int32(min(sh, 31))) // a shift by a vector: see tier.go
	round := func(s archsimd.Int32x16) archsimd.Int32x16 {
		s = s.Add(vh).Add(s.ShiftAllRight(31).And(vn)).ShiftRight(vs)
		return s.Max(lo).Min(hi)
	}
	m := 1
	for ; m+16 < len(o)/2 && m+17 <= len(acc); m += 16 {
		p0 := archsimd.LoadInt32x16Slice(acc[m-1:])
		p1 := archsimd.LoadInt32x16Slice(acc[m:])
		p2 := archsimd.LoadInt32x16Slice(acc[m+1:])
		even := round(p0.Mul(va).Add(p1.Mul(vb)))
		odd := round(p1.Mul(vb).Add(p2.Mul(va)))
		pair := even.And(low).Or(odd.ShiftAllLeft(16))
		pair.AsInt16x32().StoreSlice(o[2*m:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return m
}

// vertical2I16AVX2 is vertical2I16AVX512 eight values a step.
func vertical2I16AVX2(acc []int32, r0, r1 []int16, w0, w1 int32) int {
	n := min(len(acc), len(r0), len(r1)) &^ 7
	v0, v1 := archsimd.BroadcastInt32x8(w0), archsimd.BroadcastInt32x8(w1)
	for k := 0; k < n; k += 8 {
		a := archsimd.LoadInt16x8Slice(r0[k:]).ExtendToInt32().Mul(v0)
		a.Add(archsimd.LoadInt16x8Slice(r1[k:]).ExtendToInt32().Mul(v1)).StoreSlice(acc[k:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// doubleI16AVX2 is doubleI16AVX512 eight pairs a step.
func doubleI16AVX2(o []int16, acc []int32, a, b int32, sh uint) int {
	va, vb := archsimd.BroadcastInt32x8(a), archsimd.BroadcastInt32x8(b)
	var half, neg int32
	if sh > 0 {
		half, neg = int32(1)<<(sh-1), -1
	}
	vh, vn := archsimd.BroadcastInt32x8(half), archsimd.BroadcastInt32x8(neg)
	lo, hi := archsimd.BroadcastInt32x8(-1<<15), archsimd.BroadcastInt32x8(1<<15-1)
	low := archsimd.BroadcastInt32x8(0xffff)
	vs := archsimd.BroadcastInt32x8(int32(min(sh, 31)))
	round := func(s archsimd.Int32x8) archsimd.Int32x8 {
		s = s.Add(vh).Add(s.ShiftAllRight(31).And(vn)).ShiftRight(vs)
		return s.Max(lo).Min(hi)
	}
	m := 1
	for ; m+8 < len(o)/2 && m+9 <= len(acc); m += 8 {
		p0 := archsimd.LoadInt32x8Slice(acc[m-1:])
		p1 := archsimd.LoadInt32x8Slice(acc[m:])
		p2 := archsimd.LoadInt32x8Slice(acc[m+1:])
		even := round(p0.Mul(va).Add(p1.Mul(vb)))
		odd := round(p1.Mul(vb).Add(p2.Mul(va)))
		pair := even.And(low).Or(odd.ShiftAllLeft(16))
		pair.AsInt16x16().StoreSlice(o[2*m:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return m
}
