//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() {
		vertical4U8, vertical4U16, doubleU16 = vertical4U8AVX2, vertical4U16AVX2, doubleU16AVX2
	}
}

// vertical4U8AVX2 is vertical4's loop 8 columns at a time in int32 lanes
// (exact: the sums fit in int32, see newIntLin).
func vertical4U8AVX2(acc []int32, r0, r1, r2, r3 []uint8, w [4]int32) int {
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	n := min(len(acc), len(r0), len(r1), len(r2), len(r3)) &^ 15
	w0, w1 := archsimd.BroadcastInt32x8(w[0]), archsimd.BroadcastInt32x8(w[1])
	w2, w3 := archsimd.BroadcastInt32x8(w[2]), archsimd.BroadcastInt32x8(w[3])
	for k := 0; k < n; k += 16 {
		u0 := archsimd.LoadUint8x16Slice(r0[k:]).ExtendToUint16()
		u1 := archsimd.LoadUint8x16Slice(r1[k:]).ExtendToUint16()
		u2 := archsimd.LoadUint8x16Slice(r2[k:]).ExtendToUint16()
		u3 := archsimd.LoadUint8x16Slice(r3[k:]).ExtendToUint16()
		vertical4Lanes(acc[k:k+16], u0, u1, u2, u3, w0, w1, w2, w3)
	}
	return n
}

func vertical4U16AVX2(acc []int32, r0, r1, r2, r3 []uint16, w [4]int32) int {
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	n := min(len(acc), len(r0), len(r1), len(r2), len(r3)) &^ 15
	w0, w1 := archsimd.BroadcastInt32x8(w[0]), archsimd.BroadcastInt32x8(w[1])
	w2, w3 := archsimd.BroadcastInt32x8(w[2]), archsimd.BroadcastInt32x8(w[3])
	for k := 0; k < n; k += 16 {
		u0, u1 := archsimd.LoadUint16x16Slice(r0[k:]), archsimd.LoadUint16x16Slice(r1[k:])
		u2, u3 := archsimd.LoadUint16x16Slice(r2[k:]), archsimd.LoadUint16x16Slice(r3[k:])
		vertical4Lanes(acc[k:k+16], u0, u1, u2, u3, w0, w1, w2, w3)
	}
	return n
}

// vertical4Lanes is acc[0:16] = Σ u_i·w_i for 16 widened samples.
func vertical4Lanes(acc []int32, u0, u1, u2, u3 archsimd.Uint16x16, w0, w1, w2, w3 archsimd.Int32x8) {
	lo := func(u archsimd.Uint16x16) archsimd.Int32x8 { return u.GetLo().ExtendToUint32().AsInt32x8() }
	hi := func(u archsimd.Uint16x16) archsimd.Int32x8 { return u.GetHi().ExtendToUint32().AsInt32x8() }
	a := lo(u0).Mul(w0).Add(lo(u1).Mul(w1)).Add(lo(u2).Mul(w2).Add(lo(u3).Mul(w3)))
	b := hi(u0).Mul(w0).Add(hi(u1).Mul(w1)).Add(hi(u2).Mul(w2).Add(hi(u3).Mul(w3)))
	a.StoreSlice(acc)
	b.StoreSlice(acc[8:])
}

// doubleU16AVX2 does 8 pairs at a time: even and odd outputs in int32
// lanes, each at most 65535, so even | odd<<16 is the 16 output uint16s
// in order (little endian).
func doubleU16AVX2(o []uint16, acc []int32, a, b int32, sh uint) int {
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	va, vb := archsimd.BroadcastInt32x8(a), archsimd.BroadcastInt32x8(b)
	vh := archsimd.BroadcastInt32x8(int32(1) << sh >> 1)
	m := 1
	// The block m..m+7 writes o[2m:2m+16] (up to the pattern's last pair,
	// m+7 <= len(o)/2-2) and reads acc[m-1:m+9].
	for ; m+9 <= len(o)/2 && m+9 <= len(acc); m += 8 {
		p0 := archsimd.LoadInt32x8Slice(acc[m-1:])
		p1 := archsimd.LoadInt32x8Slice(acc[m:]).Mul(vb)
		p2 := archsimd.LoadInt32x8Slice(acc[m+1:])
		even := p0.Mul(va).Add(p1).Add(vh).ShiftAllRight(uint64(sh))
		odd := p2.Mul(va).Add(p1).Add(vh).ShiftAllRight(uint64(sh))
		even.Or(odd.ShiftAllLeft(16)).AsUint16x16().StoreSlice(o[2*m:])
	}
	return m
}
