//go:build goexperiment.simd && amd64

package color

import (
	"simd/archsimd"
	"sync"
)

// labF32SIMD and rgbFromLabF32SIMD are labRow32's and rgbFromLabRow32's
// loops eight pixels at a time with AVX2: lab32.go's operations in the
// same order, each branch computed on every lane and the lanes merged, so
// the same numbers. A step with a pixel outside the fast range takes the
// Go loop's per-pixel choice. Each returns the pixels done (a multiple of
// 8) and reads a step's pixels before it writes them.

type f32x8 = archsimd.Float32x8

// k32 holds the constants of lab32.go's functions, broadcast once per
// call (a broadcast is several instructions).
type k32 struct {
	third, four3, fifth, six5, one, zero             f32x8
	magic3, magic5                                   archsimd.Int32x8
	lin1, lin2                                       f32x8 // linear64's
	d055, d1055, d12, d02, d1292, d04045             f64x4
	dm02, dm1                                        f64x4 // -0.2, -1: the fused steps'
	lab                                              [3][3]f64x4
	d13, d7787, d16116, d008856, d116x, d500x, d200x f64x4 // labF64's, the output's
	g0, g1, g2, g3                                   f32x8 // gamma32's
	lo, hi, big, nbig                                f32x8 // the fast range
	d16, d116, d500, d200, inv0, inv1, inv2, zero64  archsimd.Float64x4
	white                                            [3][3]archsimd.Float64x4
}

// lab32K is the constants, built at the first call (not at init: a
// broadcast on a machine without AVX2 would fault).
var lab32K = sync.OnceValue(newK32)

func newK32() *k32 {
	c := archsimd.BroadcastFloat32x8
	d := archsimd.BroadcastFloat64x4
	k := &k32{
		third: c(1.0 / 3), four3: c(4.0 / 3), fifth: c(0.2), six5: c(1.2), one: c(1),
		magic3: archsimd.BroadcastInt32x8(rootMagic3), magic5: archsimd.BroadcastInt32x8(rootMagic5),
		lin1: c(0.055), lin2: c(1 / 1.055),
		d055: d(0.055), d1055: d(1 / 1.055), d12: d(1.2), d02: d(0.2), dm02: d(-0.2), dm1: d(-1), d1292: d(1 / 12.92), d04045: d(0.04045),
		d13: d(1.0 / 3), d7787: d(7.787), d16116: d(16.0 / 116), d008856: d(0.008856), d116x: d(116), d500x: d(500), d200x: d(200),
		g0: c(12.92), g1: c(0.0031308), g2: c(1.055), g3: c(0.055),
		lo: c(lab32Lo), hi: c(lab32Hi), big: c(lab32Max), nbig: c(-lab32Max),
		d16: d(16), d116: d(1.0 / 116), d500: d(1.0 / 500), d200: d(1.0 / 200),
		inv0: d(0.2068966), inv1: d(16.0 / 116), inv2: d(1 / 7.787),
	}
	for i := range 3 {
		for j := range 3 {
			k.lab[i][j] = d(labFromRgb[i][j])
			k.white[i][j] = d(rgbFromLabXyz[i][j])
		}
	}
	return k
}

// seed is rootSeed.
func (k *k32) seed(x f32x8, magic archsimd.Int32x8, inv f32x8) f32x8 {
	return magic.Sub(x.AsInt32x8().ConvertToFloat32().Mul(inv).ConvertToInt32()).AsFloat32x8()
}

// cbrtSteps is cbrtSteps32.
func (k *k32) cbrtSteps(t f32x8) (y, r f32x8) {
	r = k.cbrtInv(t)
	r = r.Mul(k.four3.Sub(t.Mul(k.third).Mul(r.Mul(r).Mul(r))))
	return t.Mul(r.Mul(r)), r
}

// cbrtStart is cbrtStart32.
func (k *k32) cbrtStart(t f32x8) (y, r f32x8) {
	r = k.cbrtInv(t)
	return t.Mul(r.Mul(r)), r
}

// cbrtInv is cbrtInv32.
func (k *k32) cbrtInv(t f32x8) f32x8 {
	r := k.seed(t, k.magic3, k.third)
	t3 := t.Mul(k.third)
	r = r.Mul(k.four3.Sub(t3.Mul(r.Mul(r).Mul(r))))
	return r.Mul(k.four3.Sub(t3.Mul(r.Mul(r).Mul(r))))
}

// cbrt is cbrt32.
func (k *k32) cbrt(t f32x8) f32x8 {
	y, r := k.cbrtSteps(t)
	return y.Add(t.Sub(y.Mul(y).Mul(y)).Mul(r.Mul(r).Mul(k.third)))
}

// root5 is root5 of lab32.go.
func (k *k32) root5(x f32x8) f32x8 {
	r := k.seed(x, k.magic5, k.fifth)
	x5 := x.Mul(k.fifth)
	r2 := r.Mul(r)
	r = r.Mul(k.six5.Sub(x5.Mul(r2.Mul(r2).Mul(r))))
	r2 = r.Mul(r)
	return r.Mul(k.six5.Sub(x5.Mul(r2.Mul(r2).Mul(r))))
}

// linear is linear64 of four pixels, given root5 of their float32 x.
func (k *k32) linear(c32, r32 archsimd.Float32x4) f64x4 {
	c, r := c32.ConvertToFloat64(), r32.ConvertToFloat64()
	x := c.Add(k.d055).Mul(k.d1055)
	r2 := r.Mul(r)
	r = r.Mul(x.Mul(k.dm02).MulAdd(r2.Mul(r2).Mul(r), k.d12))
	w := x.Mul(r)
	return w.Mul(w).Mul(w).Merge(c.Mul(k.d1292), c.Greater(k.d04045))
}

// t is channel i of labFromRgb's product of four pixels.
func (k *k32) t(r, g, b f64x4, i int) f64x4 {
	m := &k.lab[i]
	return b.MulAdd(m[2], g.MulAdd(m[1], r.Mul(m[0])))
}

// half is v's low (h = 0) or high four lanes.
func half(v f32x8, h int) archsimd.Float32x4 {
	if h == 0 {
		return v.GetLo()
	}
	return v.GetHi()
}

// labF is labF64 of four pixels, given cbrtStart32 of their t rounded.
func (k *k32) labF(t f64x4, y32, r32 archsimd.Float32x4) f64x4 {
	y, r := y32.ConvertToFloat64(), r32.ConvertToFloat64()
	f := y.Mul(y).Mul(k.dm1).MulAdd(y, t).MulAdd(r.Mul(r).Mul(k.d13), y)
	return f.Merge(k.d7787.Mul(t).Add(k.d16116), t.Greater(k.d008856))
}

// gamma is gamma32.
func (k *k32) gamma(c f32x8) f32x8 {
	q := k.cbrt(c.Min(k.one))
	v := k.g2.Mul(q.Mul(q.Sqrt().Sqrt())).Sub(k.g3).Merge(k.g0.Mul(c), c.Greater(k.g1))
	v = k.one.Merge(v, c.GreaterEqual(k.one))
	v = v.Masked(v.Greater(k.zero)) // max(v, 0), -0 to +0 as Go's max
	return k.one.Merge(v, v.Greater(k.one))
}

type f64x4 = archsimd.Float64x4

// labInv is labInv64.
func (k *k32) labInv(t f64x4) f64x4 {
	return t.Mul(t).Mul(t).Merge(t.Sub(k.inv1).Mul(k.inv2), t.Greater(k.inv0))
}

// xyz is rgbFromLabRow32's X, Y, Z of four pixels, in float64.
func (k *k32) xyz(L, A, B archsimd.Float32x4) (X, Y, Z f64x4) {
	y := L.ConvertToFloat64().Add(k.d16).Mul(k.d116)
	X = k.labInv(A.ConvertToFloat64().Mul(k.d500).Add(y))
	Z = k.labInv(y.Sub(B.ConvertToFloat64().Mul(k.d200)).Max(k.zero64))
	return X, k.labInv(y), Z
}

// rgb is channel i of the matrix product, rounded to float32.
func (k *k32) rgb(X, Y, Z f64x4, i int) archsimd.Float32x4 {
	w := &k.white[i]
	return X.Mul(w[0]).Add(Y.Mul(w[1])).Add(Z.Mul(w[2])).ConvertToFloat32()
}

func labF32SIMD(o0, o1, o2, r, g, b []float32) int {
	n := len(o0) &^ 7
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	if haveAVX512 && !avx2Only {
		return labF32AVX512(o0, o1, o2, r, g, b)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	k := lab32K()
	in := func(v f32x8) archsimd.Mask32x8 { return v.GreaterEqual(k.lo).And(v.LessEqual(k.hi)) }
	for x := 0; x < n; x += 8 {
		R, G, B := archsimd.LoadFloat32x8Slice(r[x:x+8]), archsimd.LoadFloat32x8Slice(g[x:x+8]), archsimd.LoadFloat32x8Slice(b[x:x+8])
		if in(R).And(in(G)).And(in(B)).ToBits() != 0xff {
			labRow32Go(o0[x:x+8], o1[x:x+8], o2[x:x+8], r[x:x+8], g[x:x+8], b[x:x+8])
			continue
		}
		x5 := func(c f32x8) f32x8 { return k.root5(c.Add(k.lin1).Mul(k.lin2)) }
		rR, rG, rB := x5(R), x5(G), x5(B)
		// t in float64 (two halves of 4 pixels) and rounded to
		// float32 for the cube roots' steps, 8 at a time. Named
		// vectors, no arrays: an array of vectors lives in memory, zeroed
		// each step by legacy-SSE MOVUPS stores (slow with the upper
		// halves dirty).
		lin := func(h int) (lr, lg, lb f64x4) {
			return k.linear(half(R, h), half(rR, h)), k.linear(half(G, h), half(rG, h)), k.linear(half(B, h), half(rB, h))
		}
		lr, lg, lb := lin(0)
		t00, t01, t02 := k.t(lr, lg, lb, 0), k.t(lr, lg, lb, 1), k.t(lr, lg, lb, 2)
		lr, lg, lb = lin(1)
		t10, t11, t12 := k.t(lr, lg, lb, 0), k.t(lr, lg, lb, 1), k.t(lr, lg, lb, 2)
		join := func(lo, hi f64x4) f32x8 { return f32x8{}.SetLo(lo.ConvertToFloat32()).SetHi(hi.ConvertToFloat32()) }
		y0, r0 := k.cbrtStart(join(t00, t10))
		y1, r1 := k.cbrtStart(join(t01, t11))
		y2, r2 := k.cbrtStart(join(t02, t12))
		lab := func(t0, t1, t2 f64x4, h int) (l, a, b f64x4) {
			f0, f1, f2 := k.labF(t0, half(y0, h), half(r0, h)), k.labF(t1, half(y1, h), half(r1, h)), k.labF(t2, half(y2, h), half(r2, h))
			return k.d116x.Mul(f1).Sub(k.d16), k.d500x.Mul(f0.Sub(f1)), k.d200x.Mul(f1.Sub(f2))
		}
		l0, a0, b0 := lab(t00, t01, t02, 0)
		l1, a1, b1 := lab(t10, t11, t12, 1)
		join(l0, l1).StoreSlice(o0[x : x+8])
		join(a0, a1).StoreSlice(o1[x : x+8])
		join(b0, b1).StoreSlice(o2[x : x+8])
	}
	return n
}

func rgbFromLabF32SIMD(o0, o1, o2, l, a, b []float32) int {
	n := len(o0) &^ 7
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	if haveAVX512 && !avx2Only {
		return rgbFromLabF32AVX512(o0, o1, o2, l, a, b)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, l, a, b = o1[:len(o0)], o2[:len(o0)], l[:len(o0)], a[:len(o0)], b[:len(o0)]
	k := lab32K()
	in := func(v f32x8) archsimd.Mask32x8 { return v.GreaterEqual(k.nbig).And(v.LessEqual(k.big)) }
	for x := 0; x < n; x += 8 {
		L, A, B := archsimd.LoadFloat32x8Slice(l[x:x+8]), archsimd.LoadFloat32x8Slice(a[x:x+8]), archsimd.LoadFloat32x8Slice(b[x:x+8])
		if in(L).And(in(A)).And(in(B)).ToBits() != 0xff {
			rgbFromLabRow32Go(o0[x:x+8], o1[x:x+8], o2[x:x+8], l[x:x+8], a[x:x+8], b[x:x+8])
			continue
		}
		lx, ly, lz := k.xyz(L.GetLo(), A.GetLo(), B.GetLo())
		hx, hy, hz := k.xyz(L.GetHi(), A.GetHi(), B.GetHi())
		for i, o := range [3][]float32{o0, o1, o2} {
			c := f32x8{}.SetLo(k.rgb(lx, ly, lz, i)).SetHi(k.rgb(hx, hy, hz, i))
			k.gamma(c).StoreSlice(o[x : x+8])
		}
	}
	return n
}
