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
// pixels done (a multiple of 16); the unsure steps take the float64 row's
// numbers, 8 pixels at a time (ycbcrU8Float64). TestYCbCrU8SIMDIsGo
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
			u := y.NotEqual(ty.Add(e).ConvertToInt32()).Or(cb.NotEqual(tb.Add(e).ConvertToInt32())).Or(cr.NotEqual(tr.Add(e).ConvertToInt32()))
			if u.ToBits() != 0 {
				unsure |= 1 << uint((x-x0)/16)
				continue
			}
			y.AsUint32x16().SaturateToUint8().StoreSlice(o0[x : x+16])
			cb.AsUint32x16().SaturateToUint8().StoreSlice(o1[x : x+16])
			cr.AsUint32x16().SaturateToUint8().StoreSlice(o2[x : x+16])
		}
		for ; unsure != 0; unsure &= unsure - 1 {
			x := x0 + 16*bits.TrailingZeros32(unsure)
			ycbcrU8Float64(o0[x:x+8], o1[x:x+8], o2[x:x+8], rr[x:x+8], gg[x:x+8], bb[x:x+8], lut)
			ycbcrU8Float64(o0[x+8:x+16], o1[x+8:x+16], o2[x+8:x+16], rr[x+8:x+16], gg[x+8:x+16], bb[x+8:x+16], lut)
		}
	}
	return n
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
	zero, two, three, four, six, c255, c510 := c(0), c(2), c(3), c(4), c(6), c(255), c(510)
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
