package color

import "math"

// cbrt is the cube root for labF's and gamma's range, without math.Cbrt's
// four divisions (which made three quarters of rgbToLab's time) and
// without a table, so that a vector loop computes it whole (cbrtSIMD, no
// gather). The seed of t^(-1/3) is a bit pattern (cbrtSeedOf, within
// 3.5%); three Newton steps r <- r·(4/3 - (t/3)·r³) square the relative
// error each (2e-3, 1e-5, 3e-10), then y = t·r² and one Newton step on y
// itself (1/(3y²) ≈ r²/3) takes the rest and the rounding of the steps
// out. The result is within 2 ulps of the cube root (TestCbrtWithinUlps,
// against math/big), far inside the package's 1e-12 promise. Outside
// (2^-1000, 2^1000) and for NaN it is math.Cbrt.
func cbrt(t float64) float64 {
	if !(t > 0x1p-1000 && t < 0x1p1000) {
		return math.Cbrt(t)
	}
	return cbrtNewton(t, cbrtSeedOf(t))
}

// cbrtMagic is the high word of the seed's bit pattern for t = 1, chosen
// for the least maximum error of the seed (3.42%).
const cbrtMagic = 0x553ef0fc

// cbrtSeedOf is the seed of t^(-1/3) for a normal t > 0: the float64 whose
// high 32 bits are cbrtMagic - hi/3 (hi: t's high 32 bits, rounded to an
// integer), low bits 0. Each step is one a vector has: hi as a float
// exactly (2^52 + hi's bits, less 2^52), the integer from the bits of
// 2^52 + the float, shifted up.
func cbrtSeedOf(t float64) float64 {
	hi := math.Float64frombits(math.Float64bits(t)>>32|0x4330000000000000) - 0x1p52
	s := math.Float64bits(float64(cbrtMagic-hi*(1.0/3)) + 0x1p52)
	return math.Float64frombits(s << 32)
}

// cbrtRun sets dst[i] = cbrt(src[i]) (dst may be src): cbrtSIMD's vector
// loop where there is one (the same operations in the same order, fused
// where cbrtNewton fuses, so the same numbers: TestCbrtSIMDIsGo), cbrt for
// the rest.
func cbrtRun(dst, src []float64) {
	src = src[:len(dst)]
	for i := cbrtSIMD(dst, src); i < len(dst); i++ {
		dst[i] = cbrt(src[i])
	}
}

// cbrtNewton refines the seed r of t^(-1/3) into t^(1/3) (see cbrt):
// three steps r <- r·(4/3 - (t/3)·r³), then one on y = t·r². Each step's
// a·b + c is fused (math.FMA; MulAdd in the vector loops, the same
// numbers): 26 vector operations a cube root instead of 31, and the last
// step's residual t - y³ without y³'s rounding.
func cbrtNewton(t, r float64) float64 {
	nt3 := t * (-1.0 / 3)
	r = r * math.FMA(nt3, r*r*r, 4.0/3)
	r = r * math.FMA(nt3, r*r*r, 4.0/3)
	r = r * math.FMA(nt3, r*r*r, 4.0/3)
	r2 := r * r
	y := t * r2
	return math.FMA(math.FMA(-(y*y), y, t), r2*(1.0/3), y)
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
