//go:build goexperiment.simd && amd64

package color

import (
	"math/bits"
	"simd/archsimd"
)

// haveAVX512 chooses the 16-pixel loops of this file over the 8-pixel
// AVX2 ones; the twin tests turn it off to test both (avx2Only).
var haveAVX512 = archsimd.X86.AVX512()

// avx2Only makes the uint8 loops take their AVX2 form on an AVX-512
// machine (the twin tests run both forms).
var avx2Only = false

// ycbcrU8AVX512 is ycbcrU8SIMD sixteen pixels per step with AVX-512: the
// same float32 operations in the same order (so the same values and the
// same unsure lanes), the bytes widened and narrowed by VPMOVZXBD and
// VPMOVUSDB (the results are in [15, 241]: no saturation) instead of
// AVX2's shuffles, and a whole 16-byte store per channel. Returns the
// pixels done (a multiple of 16); the unsure lanes of a step take the
// float64 row's numbers (ycbcrU8Fix512). TestYCbCrU8SIMDIsGo
// checks all 2^24 triples with both loops.
func ycbcrU8AVX512(o0, o1, o2, rr, gg, bb []uint8, lut []float64) int {
	n := len(o0) &^ 15
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, rr, gg, bb = o1[:len(o0)], o2[:len(o0)], rr[:len(o0)], gg[:len(o0)], bb[:len(o0)]
	lut = lut[:256]
	c := func(x float64) archsimd.Float32x16 { return archsimd.BroadcastFloat32x16(float32(x)) }
	yr, yg, yb, yo := c(65.481/255), c(128.553/255), c(24.966/255), c(16.5)
	br, bg, bb0, co := c(-37.797/255), c(-74.203/255), c(112.0/255), c(128.5)
	rr0, rg, rb := c(112.0/255), c(-93.786/255), c(-18.214/255)
	e := c(2e-4)
	load := func(p []uint8) archsimd.Float32x16 {
		return archsimd.LoadUint8x16Slice(p).ExtendToUint32().AsInt32x16().ConvertToFloat32()
	}
	for x0 := 0; x0 < n; x0 += 256 {
		var unsure uint32
		for x := x0; x < min(x0+256, n); x += 16 {
			r, g, b := load(rr[x:x+16]), load(gg[x:x+16]), load(bb[x:x+16])
			ty := r.Mul(yr).Add(g.Mul(yg)).Add(b.Mul(yb).Add(yo))
			tb := r.Mul(br).Add(g.Mul(bg)).Add(b.Mul(bb0).Add(co))
			tr := r.Mul(rr0).Add(g.Mul(rg)).Add(b.Mul(rb).Add(co))
			y, cb, cr := ty.Sub(e).ConvertToInt32(), tb.Sub(e).ConvertToInt32(), tr.Sub(e).ConvertToInt32()
			// The masks combined as words (Mask.Or goes through vector
			// registers).
			u := y.NotEqual(ty.Add(e).ConvertToInt32()).ToBits() | cb.NotEqual(tb.Add(e).ConvertToInt32()).ToBits() |
				cr.NotEqual(tr.Add(e).ConvertToInt32()).ToBits()
			if u != 0 {
				unsure |= 1 << uint((x-x0)/16)
				continue
			}
			y.AsUint32x16().SaturateToUint8().StoreSlice(o0[x : x+16])
			cb.AsUint32x16().SaturateToUint8().StoreSlice(o1[x : x+16])
			cr.AsUint32x16().SaturateToUint8().StoreSlice(o2[x : x+16])
		}
		if unsure != 0 {
			// ycbcrU8Fix512 starts with scalar (legacy SSE) code, which
			// stalls while the upper halves are dirty.
			archsimd.ClearAVXUpperBits()
		}
		for ; unsure != 0; unsure &= unsure - 1 {
			x := x0 + 16*bits.TrailingZeros32(unsure)
			ycbcrU8Fix512(o0[x:x+16], o1[x:x+16], o2[x:x+16], rr[x:x+16], gg[x:x+16], bb[x:x+16], lut)
		}
	}
	return n
}

// ycbcrU8Fix512 is one unsure step of ycbcrU8AVX512 (16 pixels): the
// loop's float32 operations again, whose sure lanes keep their bytes, and
// the float64 row's numbers (ycbcrRow's sums, quantize's rounding) for the
// unsure lanes only: about one pixel in 800 of a 16-pixel step's, where
// redoing the whole step in float64 took a third of the loop's time. All
// 16 pixels are read before any is written (the outputs may be the
// inputs). The caller clears the upper halves first: the zeroing of out
// at entry is legacy SSE (XORPS, MOVUPS).
func ycbcrU8Fix512(o0, o1, o2, rr, gg, bb []uint8, lut []float64) {
	o0, o1, o2, rr, gg, bb = o0[:16], o1[:16], o2[:16], rr[:16], gg[:16], bb[:16]
	lut = lut[:256]
	c := func(x float64) archsimd.Float32x16 { return archsimd.BroadcastFloat32x16(float32(x)) }
	e := c(2e-4)
	load := func(p []uint8) archsimd.Float32x16 {
		return archsimd.LoadUint8x16Slice(p).ExtendToUint32().AsInt32x16().ConvertToFloat32()
	}
	r, g, b := load(rr), load(gg), load(bb)
	ty := r.Mul(c(65.481 / 255)).Add(g.Mul(c(128.553 / 255))).Add(b.Mul(c(24.966 / 255)).Add(c(16.5)))
	tb := r.Mul(c(-37.797 / 255)).Add(g.Mul(c(-74.203 / 255))).Add(b.Mul(c(112.0 / 255)).Add(c(128.5)))
	tr := r.Mul(c(112.0 / 255)).Add(g.Mul(c(-93.786 / 255))).Add(b.Mul(c(-18.214 / 255)).Add(c(128.5)))
	y, cb, cr := ty.Sub(e).ConvertToInt32(), tb.Sub(e).ConvertToInt32(), tr.Sub(e).ConvertToInt32()
	u := y.NotEqual(ty.Add(e).ConvertToInt32()).Or(cb.NotEqual(tb.Add(e).ConvertToInt32())).Or(cr.NotEqual(tr.Add(e).ConvertToInt32()))
	var out [3][16]uint8
	y.AsUint32x16().SaturateToUint8().StoreSlice(out[0][:])
	cb.AsUint32x16().SaturateToUint8().StoreSlice(out[1][:])
	cr.AsUint32x16().SaturateToUint8().StoreSlice(out[2][:])
	m := u.ToBits()
	// The rest is scalar (legacy SSE) code: the float64 numbers, and the
	// 16-byte copies (MOVUPS), which stalled while the upper halves were
	// dirty (a deferred clear ran after them).
	archsimd.ClearAVXUpperBits()
	for ; m != 0; m &= m - 1 {
		i := bits.TrailingZeros16(m)
		var v0, v1, v2 [1]float64
		R, G, B := int(rr[i]), int(gg[i]), int(bb[i])
		ycbcrRow(v0[:], v1[:], v2[:], lut[R:R+1], lut[G:G+1], lut[B:B+1])
		quantize(out[0][i:i+1], v0[:], 1, 0, 0, 255)
		quantize(out[1][i:i+1], v1[:], 1, 0, 0, 255)
		quantize(out[2][i:i+1], v2[:], 1, 0, 0, 255)
	}
	copy(o0, out[0][:])
	copy(o1, out[1][:])
	copy(o2, out[2][:])
}

// hsvU8AVX512 is hsvU8SIMD sixteen pixels per step with AVX-512: the same
// float32 operations (so the same exact floor(n/d) in every lane, see
// there), VPMOVZXBD/VPMOVUSDB for the bytes. Returns the pixels done (a
// multiple of 16). TestHsvU8SIMDIsGo checks all 2^24 triples with both
// loops.
func hsvU8AVX512(o0, o1, o2, rr, gg, bb []uint8) int {
	n := len(o0) &^ 15
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, rr, gg, bb = o1[:len(o0)], o2[:len(o0)], rr[:len(o0)], gg[:len(o0)], bb[:len(o0)]
	c := archsimd.BroadcastFloat32x16
	zero, two, three, four, six, c255, c510 := archsimd.Float32x16{}, c(2), c(3), c(4), c(6), c(255), c(510)
	load := func(p []uint8) archsimd.Float32x16 {
		return archsimd.LoadUint8x16Slice(p).ExtendToUint32().AsInt32x16().ConvertToFloat32()
	}
	for x := 0; x < n; x += 16 {
		R, G, B := load(rr[x:x+16]), load(gg[x:x+16]), load(bb[x:x+16])
		V := R.Max(G).Max(B)
		D := V.Sub(R.Min(G).Min(B))
		live := D.NotEqual(zero) // D > 0 makes V > 0
		mg, mb := G.Equal(V), B.Equal(V)
		num := R.Sub(G).Merge(B.Sub(R).Merge(G.Sub(B), mg), mb)
		N := four.Merge(two.Merge(zero, mg), mb).Mul(D).Add(num)
		D6 := D.Mul(six)
		N = N.Add(D6.Masked(N.Less(zero)))
		s := D.Mul(c510).Add(V).Div(V.Mul(two))
		h := N.Mul(c255).Add(D.Mul(three)).Div(D6)
		h.Masked(live).ConvertToInt32().AsUint32x16().SaturateToUint8().StoreSlice(o0[x : x+16])
		s.Masked(live).ConvertToInt32().AsUint32x16().SaturateToUint8().StoreSlice(o1[x : x+16])
		V.ConvertToInt32().AsUint32x16().SaturateToUint8().StoreSlice(o2[x : x+16])
	}
	return n
}

// labU8Values512 is labU8Values sixteen pixels per step with AVX-512 (m a
// multiple of 16): the same float32 operations in the same order, so the
// same values (TestLabU8ValuesMargin runs both).
func labU8Values512(v, lin *[3][block]float32, m int) {
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	c := func(x float64) archsimd.Float32x16 { return archsimd.BroadcastFloat32x16(float32(x)) }
	k := &labFromRgb
	m00, m01, m02 := c(k[0][0]), c(k[0][1]), c(k[0][2])
	m10, m11, m12 := c(k[1][0]), c(k[1][1]), c(k[1][2])
	m20, m21, m22 := c(k[2][0]), c(k[2][1]), c(k[2][2])
	third, four3 := c(1.0/3), c(4.0/3)
	magic := archsimd.BroadcastInt32x16(0x54a2fa8c)
	thr, k1, k0 := c(0.008856), c(7.787), c(16.0/116)
	lA, lB, c500, c200, mid := c(116*2.55), c(16*2.55-0.5), c(500), c(200), c(128.5)
	f := func(t archsimd.Float32x16) archsimd.Float32x16 {
		r := magic.Sub(t.AsInt32x16().ConvertToFloat32().Mul(third).ConvertToInt32()).AsFloat32x16()
		t3 := t.Mul(third)
		r = r.Mul(four3.Sub(t3.Mul(r.Mul(r).Mul(r))))
		r = r.Mul(four3.Sub(t3.Mul(r.Mul(r).Mul(r))))
		r2 := r.Mul(r)
		y := t.Mul(r2)
		y = y.Add(t.Sub(y.Mul(y).Mul(y)).Mul(r2.Mul(third)))
		return y.Merge(t.Mul(k1).Add(k0), t.Greater(thr))
	}
	l0, l1, l2 := lin[0][:m], lin[1][:m], lin[2][:m]
	v0, v1, v2 := v[0][:m], v[1][:m], v[2][:m]
	for i := 0; i < m; i += 16 {
		r := archsimd.LoadFloat32x16Slice(l0[i : i+16])
		g := archsimd.LoadFloat32x16Slice(l1[i : i+16])
		b := archsimd.LoadFloat32x16Slice(l2[i : i+16])
		fx := f(r.Mul(m00).Add(g.Mul(m01)).Add(b.Mul(m02)))
		fy := f(r.Mul(m10).Add(g.Mul(m11)).Add(b.Mul(m12)))
		fz := f(r.Mul(m20).Add(g.Mul(m21)).Add(b.Mul(m22)))
		fy.Mul(lA).Sub(lB).StoreSlice(v0[i : i+16])
		fx.Sub(fy).Mul(c500).Add(mid).StoreSlice(v1[i : i+16])
		fy.Sub(fz).Mul(c200).Add(mid).StoreSlice(v2[i : i+16])
	}
}

// labU8Round512 is labU8Round sixteen pixels per step with AVX-512 (o0's
// length a multiple of 16): the same clamped integer parts, VPMOVUSDB for
// the bytes.
func labU8Round512(o0, o1, o2 []uint8, v *[3][block]float32, unsure *[block / 8]uint8) bool {
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	n := len(o0)
	o1, o2 = o1[:n], o2[:n]
	e := archsimd.BroadcastFloat32x16(labU8Margin)
	zero, top := archsimd.Float32x16{}, archsimd.BroadcastFloat32x16(255)
	var bad uint16
	for i := 0; i < n; i += 16 {
		var u archsimd.Mask32x16
		for c, o := range [3][]uint8{o0, o1, o2} {
			x := archsimd.LoadFloat32x16Slice(v[c][i : i+16])
			lo := x.Sub(e).Max(zero).Min(top).ConvertToInt32()
			hi := x.Add(e).Max(zero).Min(top).ConvertToInt32()
			if c == 0 {
				u = lo.NotEqual(hi)
			} else {
				u = u.Or(lo.NotEqual(hi))
			}
			lo.AsUint32x16().SaturateToUint8().StoreSlice(o[i : i+16])
		}
		b := u.ToBits()
		unsure[i/8], unsure[i/8+1] = uint8(b), uint8(b>>8)
		bad |= b
	}
	return bad != 0
}

// greyU8AVX512 is greyU8SIMD with AVX-512: 32 pixels per step in one
// register each, the same integer sums and float32 operations (so the
// same bytes and the same tied steps), the words packed in pixel order
// (VPACKUSDW of the two interleaved halves, per 128-bit lane) and narrowed
// by VPMOVUSWB. Returns the pixels done (a multiple of 32).
// TestGreyU8SIMDIsGo checks all 2^24 triples with both loops.
func greyU8AVX512(o, rr, gg, bb []uint8, lut *[3][]float64) int {
	n := len(o) &^ 31
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	rr, gg, bb = rr[:len(o)], gg[:len(o)], bb[:len(o)]
	lr, lg, lb := lut[0][:256], lut[1][:256], lut[2][:256]
	var wrg, wb [32]int16
	for i := 0; i < 32; i += 2 {
		wrg[i], wrg[i+1], wb[i], wb[i+1] = 2125, 7154, 721, 5000
	}
	wRG, wB := archsimd.LoadInt16x32(&wrg), archsimd.LoadInt16x32(&wb)
	ones := archsimd.BroadcastInt16x32(1)
	inv, ten4 := archsimd.BroadcastFloat32x16(1e-4), archsimd.BroadcastFloat32x16(1e4)
	for x := 0; x < n; x += 32 {
		r := archsimd.LoadUint8x32Slice(rr[x : x+32]).ExtendToUint16().AsInt16x32()
		g := archsimd.LoadUint8x32Slice(gg[x : x+32]).ExtendToUint16().AsInt16x32()
		b := archsimd.LoadUint8x32Slice(bb[x : x+32]).ExtendToUint16().AsInt16x32()
		// Each 128-bit lane: pixels 0-3 of its eight (lo), 4-7 (hi).
		lo := r.InterleaveLoGrouped(g).DotProductPairs(wRG).Add(b.InterleaveLoGrouped(ones).DotProductPairs(wB)).ConvertToFloat32()
		hi := r.InterleaveHiGrouped(g).DotProductPairs(wRG).Add(b.InterleaveHiGrouped(ones).DotProductPairs(wB)).ConvertToFloat32()
		tl, th := lo.Mul(inv), hi.Mul(inv)
		if tl.RoundToEvenScaled(0).Mul(ten4).Equal(lo).ToBits()|th.RoundToEvenScaled(0).Mul(ten4).Equal(hi).ToBits() != 0 {
			// A tie (the masks combined as words: Mask.Or goes through
			// vector registers).
			for i := x; i < x+32; i++ {
				const h = 0.49999999999999994 // as greyRowLutInt
				o[i] = uint8(int64((lr[rr[i]]+lg[gg[i]]+lb[bb[i]])*255 + h))
			}
			continue
		}
		tl.ConvertToInt32().SaturateToUint16ConcatGrouped(th.ConvertToInt32()).SaturateToUint8().StoreSlice(o[x : x+32])
	}
	return n
}

// greyF32AVX512 and ycbcrF32AVX512 are greyF32SIMD's and ycbcrF32SIMD's
// loops sixteen pixels a step: the same operations, the same numbers. Each
// returns the pixels done (a multiple of 16).
func greyF32AVX512(o, rr, gg, bb []float32) int {
	n := len(o) &^ 15
	rr, gg, bb = rr[:len(o)], gg[:len(o)], bb[:len(o)]
	c := archsimd.BroadcastFloat32x16
	wR, wG, wB := c(wr), c(wg), c(wb)
	for x := 0; x < n; x += 16 {
		R, G, B := archsimd.LoadFloat32x16Slice(rr[x:x+16]), archsimd.LoadFloat32x16Slice(gg[x:x+16]), archsimd.LoadFloat32x16Slice(bb[x:x+16])
		R.MulAdd(wR, G.MulAdd(wG, B.Mul(wB))).StoreSlice(o[x : x+16])
	}
	return n
}

func ycbcrF32AVX512(o0, o1, o2, r, g, b []float32) int {
	n := len(o0) &^ 15
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	c := archsimd.BroadcastFloat32x16
	yr, yg, yb, y0 := c(yR), c(yG), c(yB), c(yO)
	br, bg, bb, b0 := c(bR), c(bG), c(bB), c(bO)
	rr, rg, rb, r0 := c(rR), c(rG), c(rB), c(rO)
	for x := 0; x < n; x += 16 {
		R, G, B := archsimd.LoadFloat32x16Slice(r[x:x+16]), archsimd.LoadFloat32x16Slice(g[x:x+16]), archsimd.LoadFloat32x16Slice(b[x:x+16])
		R.MulAdd(yr, G.MulAdd(yg, B.MulAdd(yb, y0))).StoreSlice(o0[x : x+16])
		R.MulAdd(br, G.MulAdd(bg, B.MulAdd(bb, b0))).StoreSlice(o1[x : x+16])
		R.MulAdd(rr, G.MulAdd(rg, B.MulAdd(rb, r0))).StoreSlice(o2[x : x+16])
	}
	return n
}
