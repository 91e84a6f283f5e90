package color

import "math"

// pow24 is x^2.4 for x in [2^-10, 2^100] (rgbToLab's gamma expansion of
// float inputs, x = (c + 0.055)/1.055), as exp(2.4·ln x) with both
// functions by polynomial, without math.Pow's call and cases (math.Pow
// per value made a float32 rgbToLab 17x OpenCV's). ln x = e·ln 2 + ln m,
// m in [√½, √2), ln m = 2·atanh(s), s = (m-1)/(m+1), |s| < 0.1716, by its
// series to s^21 (the next term is below 1e-17 of it); exp(y) = 2^n·exp(r),
// n = round(y/ln 2), r = y - n·ln 2 (ln 2 in two parts) in [-0.35, 0.35],
// by Taylor to r^13 (1e-17). The exponent and mantissa are moved with bit
// operations that AVX2 also has (powRunSIMD runs the same operations in
// the same order, four at a time: the same numbers). Within 4e-14 relative
// of the power (y's rounding, |y| <= 167: 4e-14 near 2^100; TestPow24Accuracy against
// math/big). Outside the range, and for NaN, it is math.Pow.
func pow24(x float64) float64 {
	if !(x >= 0x1p-10 && x <= 0x1p100) {
		return math.Pow(x, 2.4)
	}
	b := math.Float64bits(x)
	// e = the unbiased exponent, from 2^52 + its biased bits as a float.
	e := math.Float64frombits(b>>52|0x4330000000000000) - (0x1p52 + 1023)
	m := math.Float64frombits(b&(1<<52-1) | 1023<<52)
	if m > math.Sqrt2 {
		m *= 0.5
		e++
	}
	s := (m - 1) / (m + 1)
	s2 := s * s
	p := atanhC[len(atanhC)-1]
	for i := len(atanhC) - 2; i >= 0; i-- {
		p = p*s2 + atanhC[i]
	}
	y := 2.4 * (e*ln2Hi + (e*ln2Lo + 2*s*p))
	n := math.Floor(y*math.Log2E + 0.5)
	r := (y - n*ln2Hi) - n*ln2Lo
	q := expC[len(expC)-1]
	for i := len(expC) - 2; i >= 0; i-- {
		q = q*r + expC[i]
	}
	// 2^n: n + 2^52 + 1023 holds the biased exponent in its low bits.
	return q * math.Float64frombits(math.Float64bits(n+(0x1p52+1023))<<52)
}

// ln 2 in two parts: ln2Hi has 32 significant bits, so n·ln2Hi is exact.
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
)

// atanhC are the coefficients of atanh(s)/s in s²: 1/(2k+1).
var atanhC = [...]float64{1, 1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11, 1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21}

// expC are the Taylor coefficients of exp: 1/k!, k = 0..13.
var expC = func() (c [14]float64) {
	f := 1.0
	for k := range c {
		if k > 0 {
			f *= float64(k)
		}
		c[k] = 1 / f
	}
	return c
}()

// linearRun is linear over a run of float inputs, in place: the
// gamma expansion with pow24, four values at a time with AVX2 where there
// is one (linearSIMD), the same numbers in Go for the rest.
func linearRun(s []float64) {
	for i := linearSIMD(s); i < len(s); i++ {
		s[i] = linearFast(s[i])
	}
}

// linearFast is linear with pow24 for the power.
func linearFast(c float64) float64 {
	if c > 0.04045 {
		return pow24((c + 0.055) / 1.055)
	}
	return c / 12.92
}
