package color

import "math"

// The per-pixel formulas of skimage.color (0.19), on values already scaled
// as skimage scales them (see doc.go), in float64.

// Grey weights of skimage's rgb2gray (ITU-R BT.709 luma, linear).
const wr, wg, wb = 0.2125, 0.7154, 0.0721

func grey(r, g, b float64) float64 { return r*wr + g*wg + b*wb }

// hsv is rgb2hsv: where two channels tie for the maximum, blue's formula
// wins over green's over red's (skimage assigns them in that order), and a
// NaN anywhere in the result becomes 0.
func hsv(r, g, b float64) (float64, float64, float64) {
	v := max(r, g, b)
	delta := v - min(r, g, b)
	s := delta / v
	if delta == 0 {
		s = 0
	}
	var h float64
	switch {
	case b == v:
		h = 4 + (r-g)/delta
	case g == v:
		h = 2 + (b-r)/delta
	case r == v:
		h = (g - b) / delta
	}
	h = pyMod1(h / 6)
	if delta == 0 {
		h = 0
	}
	return noNaN(h), noNaN(s), noNaN(v)
}

// pyMod1 is x % 1.0 as numpy computes it: the result has the divisor's
// sign, and a zero remainder is +0.
func pyMod1(x float64) float64 {
	m := math.Mod(x, 1)
	if m != 0 && m < 0 {
		return m + 1
	}
	if m == 0 {
		return 0
	}
	return m
}

func noNaN(x float64) float64 {
	if x != x {
		return 0
	}
	return x
}

// rgbFromHsv is hsv2rgb; the sector is floor(6h) converted to uint8 as
// numpy does, then taken mod 6.
func rgbFromHsv(h, s, v float64) (float64, float64, float64) {
	hi := math.Floor(h * 6)
	f := h*6 - hi
	p := v * (1 - s)
	q := v * (1 - f*s)
	t := v * (1 - (1-f)*s)
	switch uint8(int64(hi)) % 6 {
	case 0:
		return v, t, p
	case 1:
		return q, v, p
	case 2:
		return p, v, t
	case 3:
		return p, q, v
	case 4:
		return t, p, v
	}
	return v, p, q
}

// xyzFromRgb is skimage's sRGB (D65) matrix; rgbFromXyz its inverse.
var xyzFromRgb = [3][3]float64{
	{0.412453, 0.357580, 0.180423},
	{0.212671, 0.715160, 0.072169},
	{0.019334, 0.119193, 0.950227},
}

var rgbFromXyz = invert(xyzFromRgb)

// whiteD65 is the CIE XYZ of illuminant D65, 2° observer.
var whiteD65 = [3]float64{0.95047, 1, 1.08883}

// labFromRgb is xyzFromRgb with each row divided by the white point's
// coordinate: the XYZ / white that xyz2lab forms, without three
// divisions per pixel (a few ulps from skimage's order, inside the
// package's 1e-12).
var labFromRgb = func() (m [3][3]float64) {
	for i := range 3 {
		for j := range 3 {
			m[i][j] = xyzFromRgb[i][j] / whiteD65[i]
		}
	}
	return m
}()

func invert(m [3][3]float64) [3][3]float64 {
	var inv [3][3]float64
	c := func(i, j int) float64 {
		a, b := (i+1)%3, (i+2)%3
		d, e := (j+1)%3, (j+2)%3
		return m[a][d]*m[b][e] - m[a][e]*m[b][d]
	}
	det := m[0][0]*c(0, 0) + m[0][1]*c(0, 1) + m[0][2]*c(0, 2)
	for i := range 3 {
		for j := range 3 {
			inv[j][i] = c(i, j) / det
		}
	}
	return inv
}

// mul is the product of m with (a, b, c), each row's sum as two fused
// multiply-adds (math.FMA), which the vector loops' MulAdd gives bit for
// bit: three operations a row instead of five.
func mul(m *[3][3]float64, a, b, c float64) (float64, float64, float64) {
	row := func(k *[3]float64) float64 { return math.FMA(c, k[2], math.FMA(b, k[1], a*k[0])) }
	return row(&m[0]), row(&m[1]), row(&m[2])
}

func linear(c float64) float64 {
	if c > 0.04045 {
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return c / 12.92
}

func labF(t float64) float64 {
	if t > 0.008856 {
		return cbrt(t)
	}
	return 7.787*t + 16.0/116.0
}

// lab is rgb2lab (rgb2xyz then xyz2lab, D65, 2°).
func lab(r, g, b float64) (float64, float64, float64) {
	return labLinear(linear(r), linear(g), linear(b))
}

// labLinear is lab on linear (gamma-expanded) r, g, b.
func labLinear(r, g, b float64) (float64, float64, float64) {
	x, y, z := mul(&labFromRgb, r, g, b)
	fx, fy, fz := labF(x), labF(y), labF(z)
	return 116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)
}

func labInv(t float64) float64 {
	if t > 0.2068966 {
		return math.Pow(t, 3)
	}
	return (t - 16.0/116.0) / 7.787
}

func gamma(c float64) float64 {
	if c > 0.0031308 {
		c = 1.055*math.Pow(c, 1/2.4) - 0.055
	} else {
		c *= 12.92
	}
	return min(max(c, 0), 1)
}

// rgbFromLab is lab2rgb: lab2xyz (z clipped at 0, as skimage does with a
// warning) then xyz2rgb, clipped to [0, 1].
func rgbFromLab(l, a, b float64) (float64, float64, float64) {
	y := (l + 16) / 116
	x := a/500 + y
	z := y - b/200
	if z < 0 {
		z = 0
	}
	x, y, z = labInv(x)*whiteD65[0], labInv(y)*whiteD65[1], labInv(z)*whiteD65[2]
	r, g, bl := mul(&rgbFromXyz, x, y, z)
	return gamma(r), gamma(g), gamma(bl)
}

// ycbcr's weights of r, g, b and offsets, untyped constants: the SIMD
// loops broadcast them as literals, which the compiler merges where they
// repeat (112, 128): loaded from an array, the twelve vectors did not fit
// the fifteen vector registers Go allocates, and a 256² loop took 23 µs
// instead of 18 (a microbenchmark, 2026-12-01).
const (
	yR, yG, yB, yO = 65.481, 128.553, 24.966, 16
	bR, bG, bB, bO = -37.797, -74.203, 112.0, 128
	rR, rG, rB, rO = 112.0, -93.786, -18.214, 128
)

// ycbcr is rgb2ycbcr (ITU-R BT.601, Y in [16, 235] for inputs in [0, 1]).
func ycbcr(r, g, b float64) (float64, float64, float64) {
	return r*yR + g*yG + b*yB + yO,
		r*bR + g*bG + b*bB + bO,
		r*rR + g*rG + b*rB + rO
}
