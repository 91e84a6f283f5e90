//go:build goexperiment.simd && amd64

package color

import (
	"simd/archsimd"
	"sync"
)

// labF32AVX512 and rgbFromLabF32AVX512 are labF32SIMD and
// rgbFromLabF32SIMD (lab32_amd64.go) sixteen pixels a step with AVX-512:
// the same code with each vector twice as wide (float32 in 16 lanes,
// float64 in 8), so the same numbers (TestF32SIMDIsGo runs both forms and
// Go). On this Zen 4, whose 512-bit operations are two 256-bit halves,
// half the instructions made the loops 1.85-2x faster. labF32SIMD
// and rgbFromLabF32SIMD call them on an AVX-512 machine; each returns the
// pixels done (a multiple of 16).

type f32x16 = archsimd.Float32x16

// k16 holds the constants of lab32.go's functions, broadcast once per
// call (a broadcast is several instructions).
type k16 struct {
	third, four3, fifth, six5, one, zero             f32x16
	magic3, magic5                                   archsimd.Int32x16
	lin1, lin2                                       f32x16 // linear64's
	d055, d1055, d12, d02, d1292, d04045             f64x8
	dm02, dm1                                        f64x8 // -0.2, -1: the fused steps'
	lab                                              [3][3]f64x8
	d13, d7787, d16116, d008856, d116x, d500x, d200x f64x8  // labF64's, the output's
	g0, g1, g2, g3                                   f32x16 // gamma32's
	lo, hi, big, nbig                                f32x16 // the fast range
	d16, d116, d500, d200, inv0, inv1, inv2, zero64  archsimd.Float64x8
	white                                            [3][3]archsimd.Float64x8
}

// lab16K is the constants, built at the first call (not at init: a
// broadcast on a machine without AVX2 would fault).
var lab16K = sync.OnceValue(newK16)

func newK16() *k16 {
	c := archsimd.BroadcastFloat32x16
	d := archsimd.BroadcastFloat64x8
	k := &k16{
		third: c(1.0 / 3), four3: c(4.0 / 3), fifth: c(0.2), six5: c(1.2), one: c(1),
		magic3: archsimd.BroadcastInt32x16(rootMagic3), magic5: archsimd.BroadcastInt32x16(rootMagic5),
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
func (k *k16) seed(x f32x16, magic archsimd.Int32x16, inv f32x16) f32x16 {
	return magic.Sub(x.AsInt32x16().ConvertToFloat32().Mul(inv).ConvertToInt32()).AsFloat32x16()
}

// cbrtSteps is cbrtSteps32.
func (k *k16) cbrtSteps(t f32x16) (y, r f32x16) {
	r = k.cbrtInv(t)
	r = r.Mul(k.four3.Sub(t.Mul(k.third).Mul(r.Mul(r).Mul(r))))
	return t.Mul(r.Mul(r)), r
}

// cbrtStart is cbrtStart32.
func (k *k16) cbrtStart(t f32x16) (y, r f32x16) {
	r = k.cbrtInv(t)
	return t.Mul(r.Mul(r)), r
}

// cbrtInv is cbrtInv32.
func (k *k16) cbrtInv(t f32x16) f32x16 {
	r := k.seed(t, k.magic3, k.third)
	t3 := t.Mul(k.third)
	r = r.Mul(k.four3.Sub(t3.Mul(r.Mul(r).Mul(r))))
	return r.Mul(k.four3.Sub(t3.Mul(r.Mul(r).Mul(r))))
}

// cbrt is cbrt32.
func (k *k16) cbrt(t f32x16) f32x16 {
	y, r := k.cbrtSteps(t)
	return y.Add(t.Sub(y.Mul(y).Mul(y)).Mul(r.Mul(r).Mul(k.third)))
}

// root5 is root5 of lab32.go.
func (k *k16) root5(x f32x16) f32x16 {
	r := k.seed(x, k.magic5, k.fifth)
	x5 := x.Mul(k.fifth)
	r2 := r.Mul(r)
	r = r.Mul(k.six5.Sub(x5.Mul(r2.Mul(r2).Mul(r))))
	r2 = r.Mul(r)
	return r.Mul(k.six5.Sub(x5.Mul(r2.Mul(r2).Mul(r))))
}

// linear is linear64 of four pixels, given root5 of their float32 x.
func (k *k16) linear(c32, r32 archsimd.Float32x8) f64x8 {
	c, r := c32.ConvertToFloat64(), r32.ConvertToFloat64()
	x := c.Add(k.d055).Mul(k.d1055)
	r2 := r.Mul(r)
	r = r.Mul(x.Mul(k.dm02).MulAdd(r2.Mul(r2).Mul(r), k.d12))
	w := x.Mul(r)
	return w.Mul(w).Mul(w).Merge(c.Mul(k.d1292), c.Greater(k.d04045))
}

// t is channel i of labFromRgb's product of four pixels.
func (k *k16) t(r, g, b f64x8, i int) f64x8 {
	m := &k.lab[i]
	return b.MulAdd(m[2], g.MulAdd(m[1], r.Mul(m[0])))
}

// half16 is v's low (h = 0) or high eight lanes.
func half16(v f32x16, h int) archsimd.Float32x8 {
	if h == 0 {
		return v.GetLo()
	}
	return v.GetHi()
}

// labF is labF64 of four pixels, given cbrtStart32 of their t rounded.
func (k *k16) labF(t f64x8, y32, r32 archsimd.Float32x8) f64x8 {
	y, r := y32.ConvertToFloat64(), r32.ConvertToFloat64()
	f := y.Mul(y).Mul(k.dm1).MulAdd(y, t).MulAdd(r.Mul(r).Mul(k.d13), y)
	return f.Merge(k.d7787.Mul(t).Add(k.d16116), t.Greater(k.d008856))
}

// gamma is gamma32.
func (k *k16) gamma(c f32x16) f32x16 {
	q := k.cbrt(c.Min(k.one))
	v := k.g2.Mul(q.Mul(q.Sqrt().Sqrt())).Sub(k.g3).Merge(k.g0.Mul(c), c.Greater(k.g1))
	v = k.one.Merge(v, c.GreaterEqual(k.one))
	v = v.Masked(v.Greater(k.zero)) // max(v, 0), -0 to +0 as Go's max
	return k.one.Merge(v, v.Greater(k.one))
}

type f64x8 = archsimd.Float64x8

// labInv is labInv64.
func (k *k16) labInv(t f64x8) f64x8 {
	return t.Mul(t).Mul(t).Merge(t.Sub(k.inv1).Mul(k.inv2), t.Greater(k.inv0))
}

// xyz is rgbFromLabRow32's X, Y, Z of four pixels, in float64.
func (k *k16) xyz(L, A, B archsimd.Float32x8) (X, Y, Z f64x8) {
	y := L.ConvertToFloat64().Add(k.d16).Mul(k.d116)
	X = k.labInv(A.ConvertToFloat64().Mul(k.d500).Add(y))
	Z = k.labInv(y.Sub(B.ConvertToFloat64().Mul(k.d200)).Max(k.zero64))
	return X, k.labInv(y), Z
}

// rgb is channel i of the matrix product, rounded to float32.
func (k *k16) rgb(X, Y, Z f64x8, i int) archsimd.Float32x8 {
	w := &k.white[i]
	return X.Mul(w[0]).Add(Y.Mul(w[1])).Add(Z.Mul(w[2])).ConvertToFloat32()
}

func labF32AVX512(o0, o1, o2, r, g, b []float32) int {
	n := len(o0) &^ 15
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	k := lab16K()
	in := func(v f32x16) archsimd.Mask32x16 { return v.GreaterEqual(k.lo).And(v.LessEqual(k.hi)) }
	for x := 0; x < n; x += 16 {
		R, G, B := archsimd.LoadFloat32x16Slice(r[x:x+16]), archsimd.LoadFloat32x16Slice(g[x:x+16]), archsimd.LoadFloat32x16Slice(b[x:x+16])
		if in(R).And(in(G)).And(in(B)).ToBits() != 0xffff {
			labRow32Go(o0[x:x+16], o1[x:x+16], o2[x:x+16], r[x:x+16], g[x:x+16], b[x:x+16])
			continue
		}
		x5 := func(c f32x16) f32x16 { return k.root5(c.Add(k.lin1).Mul(k.lin2)) }
		rR, rG, rB := x5(R), x5(G), x5(B)
		// t in float64 (two halves of 8 pixels) and rounded to
		// float32 for the cube roots' steps, 16 at a time. Named
		// vectors, no arrays: an array of vectors lives in memory, zeroed
		// each step by legacy-SSE MOVUPS stores (slow with the upper
		// halves dirty).
		lin := func(h int) (lr, lg, lb f64x8) {
			return k.linear(half16(R, h), half16(rR, h)), k.linear(half16(G, h), half16(rG, h)), k.linear(half16(B, h), half16(rB, h))
		}
		lr, lg, lb := lin(0)
		t00, t01, t02 := k.t(lr, lg, lb, 0), k.t(lr, lg, lb, 1), k.t(lr, lg, lb, 2)
		lr, lg, lb = lin(1)
		t10, t11, t12 := k.t(lr, lg, lb, 0), k.t(lr, lg, lb, 1), k.t(lr, lg, lb, 2)
		join := func(lo, hi f64x8) f32x16 { return f32x16{}.SetLo(lo.ConvertToFloat32()).SetHi(hi.ConvertToFloat32()) }
		y0, r0 := k.cbrtStart(join(t00, t10))
		y1, r1 := k.cbrtStart(join(t01, t11))
		y2, r2 := k.cbrtStart(join(t02, t12))
		lab := func(t0, t1, t2 f64x8, h int) (l, a, b f64x8) {
			f0, f1, f2 := k.labF(t0, half16(y0, h), half16(r0, h)), k.labF(t1, half16(y1, h), half16(r1, h)), k.labF(t2, half16(y2, h), half16(r2, h))
			return k.d116x.Mul(f1).Sub(k.d16), k.d500x.Mul(f0.Sub(f1)), k.d200x.Mul(f1.Sub(f2))
		}
		l0, a0, b0 := lab(t00, t01, t02, 0)
		l1, a1, b1 := lab(t10, t11, t12, 1)
		join(l0, l1).StoreSlice(o0[x : x+16])
		join(a0, a1).StoreSlice(o1[x : x+16])
		join(b0, b1).StoreSlice(o2[x : x+16])
	}
	return n
}

func rgbFromLabF32AVX512(o0, o1, o2, l, a, b []float32) int {
	n := len(o0) &^ 15
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, l, a, b = o1[:len(o0)], o2[:len(o0)], l[:len(o0)], a[:len(o0)], b[:len(o0)]
	k := lab16K()
	in := func(v f32x16) archsimd.Mask32x16 { return v.GreaterEqual(k.nbig).And(v.LessEqual(k.big)) }
	for x := 0; x < n; x += 16 {
		L, A, B := archsimd.LoadFloat32x16Slice(l[x:x+16]), archsimd.LoadFloat32x16Slice(a[x:x+16]), archsimd.LoadFloat32x16Slice(b[x:x+16])
		if in(L).And(in(A)).And(in(B)).ToBits() != 0xffff {
			rgbFromLabRow32Go(o0[x:x+16], o1[x:x+16], o2[x:x+16], l[x:x+16], a[x:x+16], b[x:x+16])
			continue
		}
		lx, ly, lz := k.xyz(L.GetLo(), A.GetLo(), B.GetLo())
		hx, hy, hz := k.xyz(L.GetHi(), A.GetHi(), B.GetHi())
		for i, o := range [3][]float32{o0, o1, o2} {
			c := f32x16{}.SetLo(k.rgb(lx, ly, lz, i)).SetHi(k.rgb(hx, hy, hz, i))
			k.gamma(c).StoreSlice(o[x : x+16])
		}
	}
	return n
}
