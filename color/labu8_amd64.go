//go:build goexperiment.simd && amd64

package color

import (
	"encoding/binary"
	"math/bits"
	"simd/archsimd"

	"github.com/gipsdev/gips"
)

// labU8SIMD is runInt's rgbToLab for uint8 in and out (OpenCV's 8-bit
// Lab), eight pixels per step with AVX2 (sixteen with AVX-512:
// labU8Values512, labU8Round512) in float32, and returns the pixels
// done (a multiple of 8): the bytes of the float64 path (labRowInt, then
// quantize) without its float64 cube roots. Per run of block pixels: the
// inputs are copied (the outputs may be the inputs) and gamma-expanded by
// labLin32 (the float64 table, rounded to float32), labU8Values computes
// the three scaled results plus 1/2 in float32, labU8Round truncates v - E
// and v + E (E = labU8Margin) and writes the first where both agree: the
// float64 value, within 10^-12 of the exact one and within E/2 of v
// (TestLabU8ValuesMargin, all 2^24 triples), then has the same integer
// part. The other pixels (about one in 700) take the float64 path's
// numbers (labU8Redo). TestLabU8SIMDIsGo checks all 2^24 triples.
func labU8SIMD(o0, o1, o2, rr, gg, bb []uint8, lut []float64) int {
	n := len(o0) &^ 7
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	o1, o2, rr, gg, bb = o1[:len(o0)], o2[:len(o0)], rr[:len(o0)], gg[:len(o0)], bb[:len(o0)]
	lut = lut[:256]
	wide := haveAVX512 && !avx2Only // labU8Values512, labU8Round512
	var in [3][block]uint8
	var lin, v [3][block]float32
	for x0 := 0; x0 < n; x0 += block {
		m := min(block, n-x0)
		copy(in[0][:m], rr[x0:x0+m])
		copy(in[1][:m], gg[x0:x0+m])
		copy(in[2][:m], bb[x0:x0+m])
		for i := range m {
			i &= block - 1 // no bounds checks: m <= block
			lin[0][i], lin[1][i], lin[2][i] = labLin32[in[0][i]], labLin32[in[1][i]], labLin32[in[2][i]]
		}
		var unsure [block / 8]uint8
		var bad bool
		if wide && m%16 == 0 {
			labU8Values512(&v, &lin, m)
			bad = labU8Round512(o0[x0:x0+m], o1[x0:x0+m], o2[x0:x0+m], &v, &unsure)
		} else {
			labU8Values(&v, &lin, m)
			bad = labU8Round(o0[x0:x0+m], o1[x0:x0+m], o2[x0:x0+m], &v, &unsure)
		}
		if bad {
			labU8Redo(o0[x0:x0+m], o1[x0:x0+m], o2[x0:x0+m], &in, &unsure, lut)
		}
	}
	return n
}

// labU8Margin is E of labU8SIMD: over three times the largest distance
// (7.7·10^-5) between labU8Values' float32 results and the float64
// path's (+1/2) over all 2^24 triples; TestLabU8ValuesMargin asks for at
// most half of it, which also covers the float32 rounding of v ± E
// (7.6·10^-6 at most below 256).
const labU8Margin = 2.5e-4

// labLin32 is the gamma expansion of every uint8 value, in float32.
var labLin32 = func() (t [256]float32) {
	for i := range t {
		t[i] = float32(linear(float64(i) / 255))
	}
	return t
}()

// labU8Values sets v[c][:m] (m a multiple of 8) to channel c's result of
// rgbToLab in OpenCV's 8-bit units plus 1/2 (L·2.55 + 1/2, a + 128.5,
// b + 128.5) for the linear r, g, b in lin, in float32: the matrix, then
// f(t) as labF: the cube root is a bit-pattern seed of t^(-1/3) (the
// exponent's third: within 4%), two Newton steps r <- r·(4/3 - t/3·r³)
// (within 2·10^-5), c = t·r², and one Newton step on c (a few ulps); 7.787 t + 16/116 at and below
// 0.008856 (labF's threshold).
func labU8Values(v, lin *[3][block]float32, m int) {
	if !haveAVX2 {
		return
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	c := func(x float64) archsimd.Float32x8 { return archsimd.BroadcastFloat32x8(float32(x)) }
	k := &labFromRgb
	m00, m01, m02 := c(k[0][0]), c(k[0][1]), c(k[0][2])
	m10, m11, m12 := c(k[1][0]), c(k[1][1]), c(k[1][2])
	m20, m21, m22 := c(k[2][0]), c(k[2][1]), c(k[2][2])
	third, four3 := c(1.0/3), c(4.0/3)
	magic := archsimd.BroadcastInt32x8(0x54a2fa8c) // (4/3)·(127 - 0.045)·2^23
	thr, k1, k0 := c(0.008856), c(7.787), c(16.0/116)
	lA, lB, c500, c200, mid := c(116*2.55), c(16*2.55-0.5), c(500), c(200), c(128.5)
	f := func(t archsimd.Float32x8) archsimd.Float32x8 {
		r := magic.Sub(t.AsInt32x8().ConvertToFloat32().Mul(third).ConvertToInt32()).AsFloat32x8()
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
	for i := 0; i < m; i += 8 {
		r := archsimd.LoadFloat32x8Slice(l0[i : i+8])
		g := archsimd.LoadFloat32x8Slice(l1[i : i+8])
		b := archsimd.LoadFloat32x8Slice(l2[i : i+8])
		fx := f(r.Mul(m00).Add(g.Mul(m01)).Add(b.Mul(m02)))
		fy := f(r.Mul(m10).Add(g.Mul(m11)).Add(b.Mul(m12)))
		fz := f(r.Mul(m20).Add(g.Mul(m21)).Add(b.Mul(m22)))
		fy.Mul(lA).Sub(lB).StoreSlice(v0[i : i+8])
		fx.Sub(fy).Mul(c500).Add(mid).StoreSlice(v1[i : i+8])
		fy.Sub(fz).Mul(c200).Add(mid).StoreSlice(v2[i : i+8])
	}
}

// labU8Round writes into o0, o1, o2 (a multiple of 8 long) the integer
// parts of v - E and v + E, clamped to [0, 255], where they agree, and
// marks in unsure the lanes of each 8-pixel step where they do not; it
// reports whether there is one.
func labU8Round(o0, o1, o2 []uint8, v *[3][block]float32, unsure *[block / 8]uint8) bool {
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	n := len(o0)
	o1, o2 = o1[:n], o2[:n]
	e := archsimd.BroadcastFloat32x8(labU8Margin)
	zero, top := archsimd.Float32x8{}, archsimd.BroadcastFloat32x8(255)
	var bad uint8
	for i := 0; i < n; i += 8 {
		var u archsimd.Mask32x8
		for c, o := range [3][]uint8{o0, o1, o2} {
			x := archsimd.LoadFloat32x8Slice(v[c][i : i+8])
			lo := x.Sub(e).Max(zero).Min(top).ConvertToInt32()
			hi := x.Add(e).Max(zero).Min(top).ConvertToInt32()
			if c == 0 {
				u = lo.NotEqual(hi)
			} else {
				u = u.Or(lo.NotEqual(hi))
			}
			p := lo.GetLo().SaturateToUint16Concat(lo.GetHi()).AsUint8x16().PermuteOrZero(archsimd.LoadInt8x16(&evenBytes)).AsUint64x2().GetElem(0)
			binary.LittleEndian.PutUint64(o[i:i+8], p)
		}
		b := u.ToBits()
		unsure[i/8] = b
		bad |= b
	}
	return bad != 0
}

// labU8Redo overwrites the unsure pixels of a run with the float64 path's
// bytes: labLinear of their gamma-expanded inputs (lut, from the run's
// input bytes in), which is labRowInt's numbers (its twin tests and
// TestLabFRowIsLabF), then quantize's rounding, pixel by pixel: about one
// pixel in 500 of a smooth image comes here, and a block's float64 scratch
// would cost more to clear than the pixels to convert.
func labU8Redo(o0, o1, o2 []uint8, in *[3][block]uint8, unsure *[block / 8]uint8, lut []float64) {
	var sc, of [3]float64
	for c := range 3 {
		sc[c], of[c] = toLab.intScale(gips.UInt8, c)
	}
	for s, b := range unsure[:len(o0)/8] {
		for ; b != 0; b &= b - 1 {
			i := 8*s + bits.TrailingZeros8(b)
			L, A, B := labLinear(lut[in[0][i]], lut[in[1][i]], lut[in[2][i]])
			for c, o := range [3][]uint8{o0, o1, o2} {
				v := [1]float64{[3]float64{L, A, B}[c]}
				quantize(o[i:i+1], v[:], sc[c], of[c], 0, 255)
			}
		}
	}
}
