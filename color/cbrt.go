package color

import "math"

// cbrt is the cube root for labF's range, without math.Cbrt's four
// divisions (which made three quarters of rgbToLab's time). t = 2^(3k+s)
// ·(1+f), s in {0, 1, 2}: a table gives (2^s·(1+f))^(-1/3) at the middle
// of f's 256th (within 7e-4), 2^-k scales it, two Newton steps
// r <- r·(4/3 - (t/3)·r³) square the relative error twice (1e-6, 3e-12),
// then y = t·r² and one Newton step on y itself (1/(3y²) ≈ r²/3) takes
// the rest and the rounding of the steps out. The result is within 2
// ulps of the cube root (TestCbrtWithinUlps, against math/big), far
// inside the package's 1e-12 promise. Outside (2^-1000, 2^1000) and for
// NaN it is math.Cbrt.
func cbrt(t float64) float64 {
	if !(t > 0x1p-1000 && t < 0x1p1000) {
		return math.Cbrt(t)
	}
	return cbrtNewton(t, cbrtSeedOf(t))
}

// cbrtSeedOf is the seed of t^(-1/3) for t in (2^-1000, 2^1000): the
// table's value for t's mantissa and exponent mod 3, times 2^-k.
func cbrtSeedOf(t float64) float64 {
	b := math.Float64bits(t)
	e := int(b>>52) - 1023 + 3000 // >= 0, and 3000 = 3·1000
	k, s := e/3-1000, e%3
	return cbrtSeed[s][b>>44&0xff] * math.Float64frombits(uint64(1023-k)<<52)
}

// cbrtSeed[s][m] is (2^s·(1 + (m+0.5)/256))^(-1/3).
var cbrtSeed = func() (tab [3][256]float64) {
	for s := range 3 {
		for m := range 256 {
			tab[s][m] = math.Pow(math.Ldexp(1+(float64(m)+0.5)/256, s), -1.0/3)
		}
	}
	return tab
}()

// cbrtRun sets dst[i] = cbrt(src[i]) (dst may be src) for at most block
// values: the loop that the row kernels run over a block, with no call
// per value in the range. Two passes: the seeds (table, exponent) in Go,
// then the Newton steps, four values at a time with AVX2 where there is
// one (cbrtNewtonSIMD: the same operations in the same order, no FMA, so
// the same numbers: TestCbrtSIMDIsGo). Values outside the range get
// math.Cbrt, kept aside in the first pass (dst may be src).
func cbrtRun(dst, src []float64) {
	src = src[:len(dst)]
	var seed [block]float64
	var slow [block]uint16 // indices of the values outside the range
	ns := 0
	for i, t := range src {
		if !(t > 0x1p-1000 && t < 0x1p1000) {
			seed[i] = math.Cbrt(t)
			slow[ns] = uint16(i)
			ns++
			continue
		}
		seed[i] = cbrtSeedOf(t)
	}
	done := cbrtNewtonSIMD(dst, src, seed[:len(dst)])
	for i := done; i < len(dst); i++ {
		dst[i] = cbrtNewton(src[i], seed[i])
	}
	for _, i := range slow[:ns] {
		dst[i] = seed[i]
	}
}

// cbrtNewton refines the seed r of t^(1/3) (see cbrt): two steps
// r <- r·(4/3 - (t/3)·r³), then one on y = t·r².
func cbrtNewton(t, r float64) float64 {
	t3 := t * (1.0 / 3)
	r = r * (4.0/3 - t3*(r*r*r))
	r = r * (4.0/3 - t3*(r*r*r))
	y := t * (r * r)
	return y + (t-y*y*y)*(r*r*(1.0/3))
}

// pow5of12 is c^(1/2.4) = c^(5/12) = c^(1/3)·(c^(1/3))^(1/4): one cube
// root and two square roots (correctly rounded) instead of math.Pow, for
// c in (2^-1000, 2^1000) (math.Cbrt's cube root elsewhere). Within 4 ulps of the power (cbrt's 2 ulps, a
// quarter of them through the roots, three roundings):
// TestPow5of12WithinUlps.
func pow5of12(c float64) float64 {
	r := cbrt(c)
	return r * math.Sqrt(math.Sqrt(r))
}
