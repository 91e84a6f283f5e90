//go:build goexperiment.simd && amd64

package color

import (
	"simd/archsimd"
	"sync"
)

// The float64 loops of rows.go four values at a time with AVX2: the same
// operations in the same order (MulAdd where the Go loops call math.FMA,
// nowhere else), each branch computed on every
// lane and the lanes merged, so the same numbers as the Go loops
// (TestCbrtSIMDIsGo, TestLabSIMDIsGo, TestRowKernelsAreTheFormulas). A
// step with a value outside the fast range (NaN, huge, or a case the Go
// loop sends to math.Pow or math.Cbrt) takes the Go loop's per-pixel
// numbers. Each returns the values done and reads a step's inputs before
// it writes its outputs.

// k64 holds the loops' constants, broadcast once per call.
type k64 struct {
	third, four3, zero, one, six, twelve f64x4
	mthird, mone                         f64x4 // -1/3, -1
	r116, r500, mr200                    f64x4 // 1/116, 1/500, -1/200
	tiny, huge, exp52                    f64x4
	magic                                f64x4 // cbrtMagic
	hiBias                               archsimd.Uint64x4
	// sh32 is 32 in each lane, for a shift by a vector of counts:
	// ShiftAllRight(32) puts its count in the loop through a legacy-SSE
	// MOVQ, slow with the vector registers' upper halves dirty.
	sh32                                    archsimd.Uint64x4
	d16, d116, d500, d200, inv0, inv1, inv2 f64x4 // rgbFromLabFast's
	g0, g1, g2, g3                          f64x4 // gammaFast's
	f7787, f16116, f008856                  f64x4 // labF's
	white                                   [3]f64x4
	xyzRgb, rgbLab                          [3][3]f64x4
}

// lab64K is the constants, built at the first call (a broadcast on a
// machine without AVX2 would fault).
var lab64K = sync.OnceValue(func() *k64 {
	d := archsimd.BroadcastFloat64x4
	k := &k64{
		third: d(1.0 / 3), mthird: d(-1.0 / 3), mone: d(-1), r116: d(1.0 / 116), r500: d(1.0 / 500), mr200: d(-1.0 / 200), four3: d(4.0 / 3), one: d(1), six: d(6), twelve: d(12),
		tiny: d(0x1p-1000), huge: d(0x1p1000), exp52: d(0x1p52), magic: d(cbrtMagic),
		hiBias: archsimd.BroadcastUint64x4(0x4330000000000000), sh32: archsimd.BroadcastUint64x4(32),
		d16: d(16), d116: d(116), d500: d(500), d200: d(200),
		inv0: d(0.2068966), inv1: d(16.0 / 116.0), inv2: d(7.787),
		g0: d(12.92), g1: d(0.0031308), g2: d(1.055), g3: d(0.055),
		f7787: d(7.787), f16116: d(16.0 / 116.0), f008856: d(0.008856),
	}
	for i := range 3 {
		k.white[i] = d(whiteD65[i])
		for j := range 3 {
			k.xyzRgb[i][j] = d(rgbFromXyz[i][j])
			k.rgbLab[i][j] = d(labFromRgb[i][j])
		}
	}
	return k
})

// cbrt is cbrtNewton(t, cbrtSeedOf(t)) of four values.
func (k *k64) cbrt(t f64x4) f64x4 {
	hi := t.AsUint64x4().ShiftRight(k.sh32).Or(k.hiBias).AsFloat64x4().Sub(k.exp52)
	r := k.magic.Sub(hi.Mul(k.third)).Add(k.exp52).AsUint64x4().ShiftAllLeft(32).AsFloat64x4()
	nt3 := t.Mul(k.mthird)
	r = r.Mul(nt3.MulAdd(r.Mul(r).Mul(r), k.four3))
	r = r.Mul(nt3.MulAdd(r.Mul(r).Mul(r), k.four3))
	r = r.Mul(nt3.MulAdd(r.Mul(r).Mul(r), k.four3))
	r2 := r.Mul(r)
	y := t.Mul(r2)
	return y.Mul(y).Mul(k.mone).MulAdd(y, t).MulAdd(r2.Mul(k.third), y)
}

// cbrtSIMD is cbrtRun's loop: steps whose four values are all in cbrt's
// fast range (2^-1000, 2^1000).
func cbrtSIMD(dst, src []float64) int {
	n := len(dst) &^ 3
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	src = src[:len(dst)]
	k := lab64K()
	for i := 0; i < n; i += 4 {
		t := archsimd.LoadFloat64x4Slice(src[i : i+4])
		if t.Greater(k.tiny).And(t.Less(k.huge)).ToBits() != 0xf {
			for j := i; j < i+4; j++ {
				dst[j] = cbrt(src[j])
			}
			continue
		}
		k.cbrt(t).StoreSlice(dst[i : i+4])
	}
	return n
}

// labInv is labInvFast; the division only where a lane needs it (the
// dark and saturated colours: most steps have none).
func (k *k64) labInv(t f64x4) f64x4 {
	cube, m := t.Mul(t).Mul(t), t.Greater(k.inv0)
	if m.ToBits() == 0xf {
		return cube
	}
	return cube.Merge(t.Sub(k.inv1).Div(k.inv2), m)
}

// gamma is gammaFast for c < 2^1000 (not NaN).
func (k *k64) gamma(c f64x4) f64x4 {
	r := k.cbrt(c)
	v := k.g2.Mul(r.Mul(r.Sqrt().Sqrt())).Sub(k.g3).Merge(c.Mul(k.g0), c.Greater(k.g1))
	v = v.Masked(v.Greater(k.zero)) // max(v, 0), -0 to +0 as Go's max
	return k.one.Merge(v, v.Greater(k.one))
}

// rgbFromLabSIMD is rgbFromLabFast over l, a, b into o0, o1, o2 (which
// may be l, a, b); a step with a value of the product that gammaFast gives
// to math.Pow or that is NaN takes rgbFromLabFast per pixel.
func rgbFromLabSIMD(o0, o1, o2, l, a, b []float64) int {
	n := len(o0) &^ 3
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	i0 := 0
	if haveAVX512 && !avx2Only {
		i0 = rgbFromLabAVX512(o0, o1, o2, l, a, b)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, l, a, b = o1[:len(o0)], o2[:len(o0)], l[:len(o0)], a[:len(o0)], b[:len(o0)]
	k := lab64K()
	for i := i0; i < n; i += 4 {
		y := archsimd.LoadFloat64x4Slice(l[i : i+4]).Add(k.d16).Mul(k.r116)
		x := archsimd.LoadFloat64x4Slice(a[i:i+4]).MulAdd(k.r500, y)
		z := archsimd.LoadFloat64x4Slice(b[i:i+4]).MulAdd(k.mr200, y)
		z = k.zero.Merge(z, z.Less(k.zero)) // NaN and -0 stay, as in Go
		x, y, z = k.labInv(x).Mul(k.white[0]), k.labInv(y).Mul(k.white[1]), k.labInv(z).Mul(k.white[2])
		c0, c1, c2 := k.mul(&k.xyzRgb[0], x, y, z), k.mul(&k.xyzRgb[1], x, y, z), k.mul(&k.xyzRgb[2], x, y, z)
		if c0.Less(k.huge).And(c1.Less(k.huge)).And(c2.Less(k.huge)).ToBits() != 0xf {
			for j := i; j < i+4; j++ {
				o0[j], o1[j], o2[j] = rgbFromLabFast(l[j], a[j], b[j])
			}
			continue
		}
		k.gamma(c0).StoreSlice(o0[i : i+4])
		k.gamma(c1).StoreSlice(o1[i : i+4])
		k.gamma(c2).StoreSlice(o2[i : i+4])
	}
	return n
}

// rgbFromHsvSIMD is rgbFromHsvRow (float64 out): steps whose 6h are all
// in [0, 12) (the sector is hi or hi - 6), the others rgbFromHsv per pixel
// (the row's numbers: TestRowKernelsAreTheFormulas). The selections are
// hsvPerm's table as merges. rgbFromHsvAVX512 runs eight pixels a step on
// an AVX-512 machine.
func rgbFromHsvSIMD(o0, o1, o2, hh, ss, vv []float64) int {
	n := len(o0) &^ 3
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	i0 := 0
	if haveAVX512 && !avx2Only {
		i0 = rgbFromHsvAVX512(o0, o1, o2, hh, ss, vv)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, hh, ss, vv = o1[:len(o0)], o2[:len(o0)], hh[:len(o0)], ss[:len(o0)], vv[:len(o0)]
	k := lab64K()
	var sec [5]f64x4
	for i := range sec {
		sec[i] = archsimd.BroadcastFloat64x4(float64(i))
	}
	for i := i0; i < n; i += 4 {
		h6 := archsimd.LoadFloat64x4Slice(hh[i : i+4]).Mul(k.six)
		if h6.GreaterEqual(k.zero).And(h6.Less(k.twelve)).ToBits() != 0xf {
			for j := i; j < i+4; j++ {
				o0[j], o1[j], o2[j] = rgbFromHsv(hh[j], ss[j], vv[j])
			}
			continue
		}
		s, v := archsimd.LoadFloat64x4Slice(ss[i:i+4]), archsimd.LoadFloat64x4Slice(vv[i:i+4])
		hi := h6.Floor()
		f := h6.Sub(hi)
		p := v.Mul(k.one.Sub(s))
		q := v.Mul(k.one.Sub(f.Mul(s)))
		t := v.Mul(k.one.Sub(k.one.Sub(f).Mul(s)))
		hi = hi.Sub(k.six.Masked(hi.GreaterEqual(k.six)))
		e0, e1, e2, e3, e4 := hi.Equal(sec[0]), hi.Equal(sec[1]), hi.Equal(sec[2]), hi.Equal(sec[3]), hi.Equal(sec[4])
		q.Merge(p.Merge(t.Merge(v, e4), e2.Or(e3)), e1).StoreSlice(o0[i : i+4])
		t.Merge(v.Merge(q.Merge(p, e3), e1.Or(e2)), e0).StoreSlice(o1[i : i+4])
		p.Merge(t.Merge(v.Merge(q, e3.Or(e4)), e2), e0.Or(e1)).StoreSlice(o2[i : i+4])
	}
	return n
}

// labSIMD is labRowInt's loop: labLinear of linear r, g, b into o0, o1,
// o2 (which may be r, g, b). A step with a product value that is NaN or
// outside cbrt's fast range takes labLinear per pixel.
func labSIMD(o0, o1, o2, r, g, b []float64) int {
	n := len(o0) &^ 3
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	i0 := 0
	if haveAVX512 && !avx2Only {
		i0 = labAVX512(o0, o1, o2, r, g, b)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	k := lab64K()
	for i := i0; i < n; i += 4 {
		R, G, B := archsimd.LoadFloat64x4Slice(r[i:i+4]), archsimd.LoadFloat64x4Slice(g[i:i+4]), archsimd.LoadFloat64x4Slice(b[i:i+4])
		X, Y, Z := k.mul(&k.rgbLab[0], R, G, B), k.mul(&k.rgbLab[1], R, G, B), k.mul(&k.rgbLab[2], R, G, B)
		if X.Less(k.huge).And(Y.Less(k.huge)).And(Z.Less(k.huge)).ToBits() != 0xf {
			for j := i; j < i+4; j++ {
				o0[j], o1[j], o2[j] = labLinear(r[j], g[j], b[j])
			}
			continue
		}
		fx, fy, fz := k.labF(X), k.labF(Y), k.labF(Z)
		k.d116.Mul(fy).Sub(k.d16).StoreSlice(o0[i : i+4])
		k.d500.Mul(fx.Sub(fy)).StoreSlice(o1[i : i+4])
		k.d200.Mul(fy.Sub(fz)).StoreSlice(o2[i : i+4])
	}
	return n
}

// mul is mul's row m.
func (k *k64) mul(m *[3]f64x4, a, b, c f64x4) f64x4 {
	return c.MulAdd(m[2], b.MulAdd(m[1], a.Mul(m[0])))
}

// labF is labF for t < 2^1000 (not NaN).
func (k *k64) labF(t f64x4) f64x4 {
	return k.cbrt(t).Merge(k.f7787.Mul(t).Add(k.f16116), t.Greater(k.f008856))
}
