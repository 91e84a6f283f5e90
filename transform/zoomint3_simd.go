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
	vs := archsimd.BroadcastInt32x8(int32(min(sh, 31))) // a shift by a vector: see tier.go
	m := 1
	// The block m..m+7 writes o[2m:2m+16] (up to the pattern's last pair,
	// m+7 <= len(o)/2-2) and reads acc[m-1:m+9].
	for ; m+9 <= len(o)/2 && m+9 <= len(acc); m += 8 {
		p0 := archsimd.LoadInt32x8Slice(acc[m-1:])
		p1 := archsimd.LoadInt32x8Slice(acc[m:]).Mul(vb)
		p2 := archsimd.LoadInt32x8Slice(acc[m+1:])
		even := p0.Mul(va).Add(p1).Add(vh).ShiftRight(vs)
		odd := p2.Mul(va).Add(p1).Add(vh).ShiftRight(vs)
		even.Or(odd.ShiftAllLeft(16)).AsUint16x16().StoreSlice(o[2*m:])
	}
	return m
}

func init() {
	if archsimd.X86.AVX2() {
		halve4U16 = halve4U16AVX2
	}
}

// halve4U16AVX2 does 16 outputs at a time: each row's 32 samples read as
// 8+8 uint32 lanes, whose low and high halves are the adjacent pairs, so
// (u & 0xffff) + u>>16 is 8 pair sums in order; the weighted sums of the
// four rows for outputs x..x+7 (p) and x+8..x+15 (q) are then split into
// even and odd outputs (VPERMD, then the 128-bit halves regrouped), and
// even | odd<<16 is the 16 outputs in order.
func halve4U16AVX2(o, r0, r1, r2, r3 []uint16, c int, w [4]int32, wx int32, sh uint) int {
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	// The block [x, x+16) reads r_i[c+2x:c+2x+32].
	n := 0
	if avail := min(len(r0), len(r1), len(r2), len(r3)) - c; avail >= 32 {
		n = min(len(o), (avail-32)/2+16) &^ 15
	}
	r0, r1, r2, r3 = r0[c:], r1[c:], r2[c:], r3[c:]
	vw := [4]archsimd.Uint32x8{}
	for i := range vw {
		vw[i] = archsimd.BroadcastUint32x8(uint32(w[i]))
	}
	vx, vh := archsimd.BroadcastUint32x8(uint32(wx)), archsimd.BroadcastUint32x8(uint32(1)<<sh>>1)
	mask := archsimd.BroadcastUint32x8(0xffff)
	// Shifts by vectors: see tier.go.
	c16, vs := archsimd.BroadcastUint32x8(16), archsimd.BroadcastUint32x8(uint32(min(sh, 32)))
	order := archsimd.LoadUint32x8(&[8]uint32{0, 2, 4, 6, 1, 3, 5, 7})
	pairs := func(r []uint16, k int) archsimd.Uint32x8 {
		u := archsimd.LoadUint16x16Slice(r[k:]).AsUint32x8()
		return u.And(mask).Add(u.ShiftRight(c16))
	}
	sum := func(k int) archsimd.Uint32x8 {
		s := pairs(r0, k).Mul(vw[0]).Add(pairs(r1, k).Mul(vw[1]))
		s = s.Add(pairs(r2, k).Mul(vw[2]).Add(pairs(r3, k).Mul(vw[3])))
		return s.Mul(vx).Add(vh).ShiftRight(vs).Permute(order)
	}
	for x := 0; x < n; x += 16 {
		k := 2 * x
		p, q := sum(k), sum(k+16) // each: 4 even outputs, then 4 odd
		even := p.SetHi(q.GetLo())
		odd := q.SetLo(p.GetHi())
		even.Or(odd.ShiftAllLeft(16)).AsUint16x16().StoreSlice(o[x:])
	}
	return n
}
