//go:build goexperiment.simd && amd64

package color

import (
	"simd/archsimd"
	"sync"
)

// labSIMD's and rgbFromLabSIMD's loops eight pixels at a time with
// AVX-512 (labAVX512, rgbFromLabAVX512): lab64_amd64.go's operations in
// the same order, so the same numbers (the twin tests run both forms).

// k64x8 is k64's constants for labAVX512.
type k64x8 struct {
	third, four3, exp52, magic, huge, f7787, f16116, f008856, d16, d116, d500, d200 f64x8
	mthird, mone                                                                    f64x8             // -1/3, -1
	r116, r500, mr200                                                               f64x8             // 1/116, 1/500, -1/200
	hiBias, sh32                                                                    archsimd.Uint64x8 // sh32: see k64.sh32
	rgbLab, xyzRgb                                                                  [3][3]f64x8
	zero, one, inv0, inv1, inv2, g0, g1, g2, g3                                     f64x8
	white                                                                           [3]f64x8
}

var lab64x8K = sync.OnceValue(func() *k64x8 {
	d := archsimd.BroadcastFloat64x8
	k := &k64x8{
		third: d(1.0 / 3), mthird: d(-1.0 / 3), mone: d(-1), r116: d(1.0 / 116), r500: d(1.0 / 500), mr200: d(-1.0 / 200), four3: d(4.0 / 3), exp52: d(0x1p52), magic: d(cbrtMagic), huge: d(0x1p1000),
		f7787: d(7.787), f16116: d(16.0 / 116.0), f008856: d(0.008856),
		d16: d(16), d116: d(116), d500: d(500), d200: d(200),
		hiBias: archsimd.BroadcastUint64x8(0x4330000000000000), sh32: archsimd.BroadcastUint64x8(32),
		one: d(1), inv0: d(0.2068966), inv1: d(16.0 / 116.0), inv2: d(7.787),
		g0: d(12.92), g1: d(0.0031308), g2: d(1.055), g3: d(0.055),
	}
	for i := range 3 {
		k.white[i] = d(whiteD65[i])
		for j := range 3 {
			k.rgbLab[i][j] = d(labFromRgb[i][j])
			k.xyzRgb[i][j] = d(rgbFromXyz[i][j])
		}
	}
	return k
})

// cbrt is k64's cbrt.
func (k *k64x8) cbrt(t f64x8) f64x8 {
	hi := t.AsUint64x8().ShiftRight(k.sh32).Or(k.hiBias).AsFloat64x8().Sub(k.exp52)
	r := k.magic.Sub(hi.Mul(k.third)).Add(k.exp52).AsUint64x8().ShiftAllLeft(32).AsFloat64x8()
	nt3 := t.Mul(k.mthird)
	r = r.Mul(nt3.MulAdd(r.Mul(r).Mul(r), k.four3))
	r = r.Mul(nt3.MulAdd(r.Mul(r).Mul(r), k.four3))
	r = r.Mul(nt3.MulAdd(r.Mul(r).Mul(r), k.four3))
	r2 := r.Mul(r)
	y := t.Mul(r2)
	return y.Mul(y).Mul(k.mone).MulAdd(y, t).MulAdd(r2.Mul(k.third), y)
}

func (k *k64x8) mul(m *[3]f64x8, a, b, c f64x8) f64x8 {
	return c.MulAdd(m[2], b.MulAdd(m[1], a.Mul(m[0])))
}

func (k *k64x8) labF(t f64x8) f64x8 {
	return k.cbrt(t).Merge(k.f7787.Mul(t).Add(k.f16116), t.Greater(k.f008856))
}

// labAVX512 is labSIMD's loop on eight pixels a step; it returns the
// pixels done (a multiple of 8).
func labAVX512(o0, o1, o2, r, g, b []float64) int {
	n := len(o0) &^ 7
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	k := lab64x8K()
	for i := 0; i < n; i += 8 {
		R, G, B := archsimd.LoadFloat64x8Slice(r[i:i+8]), archsimd.LoadFloat64x8Slice(g[i:i+8]), archsimd.LoadFloat64x8Slice(b[i:i+8])
		X, Y, Z := k.mul(&k.rgbLab[0], R, G, B), k.mul(&k.rgbLab[1], R, G, B), k.mul(&k.rgbLab[2], R, G, B)
		if X.Less(k.huge).ToBits()&Y.Less(k.huge).ToBits()&Z.Less(k.huge).ToBits() != 0xff {
			for j := i; j < i+8; j++ {
				o0[j], o1[j], o2[j] = labLinear(r[j], g[j], b[j])
			}
			continue
		}
		fx, fy, fz := k.labF(X), k.labF(Y), k.labF(Z)
		k.d116.Mul(fy).Sub(k.d16).StoreSlice(o0[i : i+8])
		k.d500.Mul(fx.Sub(fy)).StoreSlice(o1[i : i+8])
		k.d200.Mul(fy.Sub(fz)).StoreSlice(o2[i : i+8])
	}
	return n
}

// labInv is k64's labInv.
func (k *k64x8) labInv(t f64x8) f64x8 {
	cube, m := t.Mul(t).Mul(t), t.Greater(k.inv0)
	if m.ToBits() == 0xff {
		return cube
	}
	return cube.Merge(t.Sub(k.inv1).Div(k.inv2), m)
}

// gamma is k64's gamma.
func (k *k64x8) gamma(c f64x8) f64x8 {
	r := k.cbrt(c)
	v := k.g2.Mul(r.Mul(r.Sqrt().Sqrt())).Sub(k.g3).Merge(c.Mul(k.g0), c.Greater(k.g1))
	v = v.Masked(v.Greater(k.zero))
	return k.one.Merge(v, v.Greater(k.one))
}

// rgbFromLabAVX512 is rgbFromLabSIMD's loop on eight pixels a step; it
// returns the pixels done (a multiple of 8).
func rgbFromLabAVX512(o0, o1, o2, l, a, b []float64) int {
	n := len(o0) &^ 7
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, l, a, b = o1[:len(o0)], o2[:len(o0)], l[:len(o0)], a[:len(o0)], b[:len(o0)]
	k := lab64x8K()
	for i := 0; i < n; i += 8 {
		y := archsimd.LoadFloat64x8Slice(l[i : i+8]).Add(k.d16).Mul(k.r116)
		x := archsimd.LoadFloat64x8Slice(a[i:i+8]).MulAdd(k.r500, y)
		z := archsimd.LoadFloat64x8Slice(b[i:i+8]).MulAdd(k.mr200, y)
		z = k.zero.Merge(z, z.Less(k.zero))
		x, y, z = k.labInv(x).Mul(k.white[0]), k.labInv(y).Mul(k.white[1]), k.labInv(z).Mul(k.white[2])
		c0, c1, c2 := k.mul(&k.xyzRgb[0], x, y, z), k.mul(&k.xyzRgb[1], x, y, z), k.mul(&k.xyzRgb[2], x, y, z)
		if c0.Less(k.huge).ToBits()&c1.Less(k.huge).ToBits()&c2.Less(k.huge).ToBits() != 0xff {
			for j := i; j < i+8; j++ {
				o0[j], o1[j], o2[j] = rgbFromLabFast(l[j], a[j], b[j])
			}
			continue
		}
		k.gamma(c0).StoreSlice(o0[i : i+8])
		k.gamma(c1).StoreSlice(o1[i : i+8])
		k.gamma(c2).StoreSlice(o2[i : i+8])
	}
	return n
}
