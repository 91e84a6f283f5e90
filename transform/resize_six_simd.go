//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

// The halving's kernels. A shrink by two with skimage's defaults (sigma
// 0.5, truncate 4: a Gaussian of 5 taps, merged with the zoom's two) has
// 6 symmetric taps along each axis. The general kernels keep taps and
// samples in arrays of vectors, which the compiler keeps on the stack (a
// store and a load per vector); these hold the three pairs in registers
// and do the same operations in the same order, so the values are the
// same (TestResizeMergedSIMDMatchesPureGo).

// correlate2Sym6AVX512 is correlate2SymF64AVX512 for 6 taps.
func correlate2Sym6AVX512(o, e, w []float64, lo, hi float64) int {
	// Output block [i, i+8) reads e[2i : 2i+20].
	n := 0
	if avail := len(e) - 4 - 16; avail >= 0 {
		n = min(len(o), avail/2+8) &^ 7
	}
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	w0, w1, w2 := archsimd.BroadcastFloat64x8(w[0]), archsimd.BroadcastFloat64x8(w[1]), archsimd.BroadcastFloat64x8(w[2])
	even := archsimd.LoadUint64x8(&[8]uint64{0, 2, 4, 6, 8, 10, 12, 14})
	odd := archsimd.LoadUint64x8(&[8]uint64{1, 3, 5, 7, 9, 11, 13, 15})
	vlo, vhi := archsimd.BroadcastFloat64x8(lo), archsimd.BroadcastFloat64x8(hi)
	var zero archsimd.Float64x8
	for i := 0; i < n; i += 8 {
		b := e[2*i : 2*i+20]
		a0, a1 := archsimd.LoadFloat64x8Slice(b), archsimd.LoadFloat64x8Slice(b[8:])
		b0, b1 := archsimd.LoadFloat64x8Slice(b[2:]), archsimd.LoadFloat64x8Slice(b[10:])
		c0, c1 := archsimd.LoadFloat64x8Slice(b[4:]), archsimd.LoadFloat64x8Slice(b[12:])
		// v[2j], v[2j+1] of the general kernel: even and odd samples from 2j.
		v0, v1 := a0.ConcatPermute(a1, even), a0.ConcatPermute(a1, odd)
		v2, v3 := b0.ConcatPermute(b1, even), b0.ConcatPermute(b1, odd)
		v4, v5 := c0.ConcatPermute(c1, even), c0.ConcatPermute(c1, odd)
		acc := zero.Add(v0.Add(v5).Mul(w0))
		acc = acc.Add(v1.Add(v4).Mul(w1))
		acc = acc.Add(v2.Add(v3).Mul(w2))
		acc.Max(vlo).Min(vhi).StoreSlice(o[i:])
	}
	return n
}

// weightedSym6U8AVX512 is weightedSymU8AVX512 for 6 rows.
func weightedSym6U8AVX512(s []float64, rows [][]uint8, w []float64) int {
	r0, r1, r2, r3, r4, r5 := rows[0], rows[1], rows[2], rows[3], rows[4], rows[5]
	n := min(len(s), len(r0), len(r1), len(r2), len(r3), len(r4), len(r5)) &^ 15
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	w0, w1, w2 := archsimd.BroadcastFloat64x8(w[0]), archsimd.BroadcastFloat64x8(w[1]), archsimd.BroadcastFloat64x8(w[2])
	pair := func(a, b []uint8) (lo, hi archsimd.Float64x8) {
		u := archsimd.LoadUint8x16Slice(a).ExtendToUint16().Add(archsimd.LoadUint8x16Slice(b).ExtendToUint16())
		v := u.ExtendToUint32().AsInt32x16()
		return v.GetLo().ConvertToFloat64(), v.GetHi().ConvertToFloat64()
	}
	for x := 0; x < n; x += 16 {
		l0, h0 := pair(r0[x:x+16], r5[x:x+16])
		l1, h1 := pair(r1[x:x+16], r4[x:x+16])
		l2, h2 := pair(r2[x:x+16], r3[x:x+16])
		a0, a1 := l0.Mul(w0), h0.Mul(w0)
		a0, a1 = a0.Add(l1.Mul(w1)), a1.Add(h1.Mul(w1))
		a0, a1 = a0.Add(l2.Mul(w2)), a1.Add(h2.Mul(w2))
		a0.StoreSlice(s[x:])
		a1.StoreSlice(s[x+8:])
	}
	return n
}
