package color

import "math"

// rgbToLab and labToRgb for float32 in and out. The powers and cube
// roots start in float32 from a bit-pattern seed with Newton steps (no
// table, no exp or log), eight pixels at a time with AVX2, and end with
// one Newton step in float64 where float32 would not be accurate enough;
// lab32_amd64.go runs the same operations in the same order, fused
// (MulAdd) where the Go code calls math.FMA (in float64 only: a float32
// FMA through float64 would round twice): the same numbers
// (TestF32SIMDIsGo). The float64 path (exp and log
// polynomials for the gamma, rounded once) was 3 to 6 times OpenCV's
// float cvtColor.
//
// Accuracy (TestLab32Accuracy, against the float64 formulas on every
// 8-bit triple and random floats): rgbToLab's L within 1e-5 and a, b
// within 2e-5 (about one float32 ulp: the gamma and the cube roots end in
// float64, and a = 500·(fx - fy) is formed there); labToRgb within 2.5e-7
// (two float32 ulps of 1: its XYZ and matrix, whose cancellation would
// cost float32 up to 2e-5, in float64; the gamma in float32).
//
// A pixel outside the fast range (an rgb channel outside [-2, 2], an
// |L|, |a| or |b| above 1e6, NaN) takes the float64 row kernel's
// numbers.

// lab32Lo, lab32Hi and lab32Max bound the fast path's inputs (see above).
const (
	lab32Lo, lab32Hi = -2, 2
	lab32Max         = 1e6
)

// Bit-pattern seeds: the float32 whose bits are k - bits(x)/n is within
// 3.5% of x^(-1/n) for every normal x > 0 (k chosen for the least
// maximum error: rootMagic3 3.4%, rootMagic5 3.1%). The division is in
// float32, truncated: the same in Go and with AVX2's VCVTTPS2DQ.
const (
	rootMagic3 = 0x54a230be
	rootMagic5 = 0x4c2babdb
)

func rootSeed(x float32, k int32, inv float32) float32 {
	return math.Float32frombits(uint32(k - int32(float32(int32(math.Float32bits(x)))*inv)))
}

// cbrtSteps32 is the start of t^(1/3) for a normal t > 0: three Newton
// steps r <- r·(4/3 - (t/3)·r³) on r = t^(-1/3) (3.4% -> 2e-3 -> 1e-5 ->
// the float32 rounding), and y = t·r².
func cbrtSteps32(t float32) (y, r float32) {
	r = cbrtInv32(t)
	r = r * (4.0/3 - t*(1.0/3)*(r*r*r))
	return t * (r * r), r
}

// cbrtStart32 is cbrtSteps32 with two steps (1e-5): enough before a
// Newton step in float64, which squares that away (labF64).
func cbrtStart32(t float32) (y, r float32) {
	r = cbrtInv32(t)
	return t * (r * r), r
}

// cbrtInv32 is t^(-1/3) after two of the steps.
func cbrtInv32(t float32) float32 {
	r := rootSeed(t, rootMagic3, 1.0/3)
	t3 := t * (1.0 / 3)
	r = r * (4.0/3 - t3*(r*r*r))
	return r * (4.0/3 - t3*(r*r*r))
}

// cbrt32 is t^(1/3) in float32: cbrtSteps32 and one Newton step on y
// (1/(3y²) ≈ r²/3), which takes out most of the steps' rounding: within
// 1.5 ulps.
func cbrt32(t float32) float32 {
	y, r := cbrtSteps32(t)
	return y + (t-y*y*y)*(r*r*(1.0/3))
}

// root5 is x^(-1/5) for a normal x > 0 in float32: two Newton steps
// r <- r·(6/5 - (x/5)·r⁵) (3.1% -> 3e-3 -> 3e-5), enough before linear64's
// step in float64.
func root5(x float32) float32 {
	r := rootSeed(x, rootMagic5, 1.0/5)
	x5 := x * 0.2
	r2 := r * r
	r = r * (1.2 - x5*(r2*r2*r))
	r2 = r * r
	return r * (1.2 - x5*(r2*r2*r))
}

// linear64 is linear of c in [-2, 2] in float64: x^2.4 = (x·x^(-1/5))³
// with root5's float32 root and one Newton step in float64, which squares
// its error (3e-5) away: within 1e-8. (In float32 throughout, x's
// rounding and the cube made it 13 float32 ulps, and a = 500·(fx - fy)
// 2e-4 off.)
func linear64(c float32) float64 {
	if c > 0.04045 {
		r := float64(root5((c + 0.055) * (1 / 1.055)))
		x := (float64(c) + 0.055) * (1 / 1.055)
		r2 := r * r
		r = r * math.FMA(x*-0.2, r2*r2*r, 1.2)
		w := x * r
		return w * w * w
	}
	return float64(c) * (1 / 12.92)
}

// labF64 is labF: cbrtStart32 of t rounded to float32, then the Newton
// step on y in float64 with t itself, which squares the float32 error
// away: within 1e-9. (With that step in float32, a = 500·(fx - fy) was
// 1e-4 off.)
func labF64(t float64) float64 {
	if t > 0.008856 {
		y32, r32 := cbrtStart32(float32(t))
		y, r := float64(y32), float64(r32)
		return math.FMA(math.FMA(-(y*y), y, t), r*r*(1.0/3), y)
	}
	return 7.787*t + 16.0/116
}

// gamma32 is gamma in float32 for c in float32: c^(1/2.4) as
// labToRgb's float64 path does, c^(1/3)·(c^(1/3))^(1/4) (correctly
// rounded square roots), for c in (0.0031308, 1); 1 from 1 on.
func gamma32(c float32) float32 {
	if c >= 1 {
		return 1
	}
	v := 12.92 * c
	if c > 0.0031308 {
		q := cbrt32(c)
		v = 1.055*(q*sqrt32(sqrt32(q))) - 0.055
	}
	// Clamped with comparisons (-0 to +0, as the vector loop's mask
	// does), not min and max, whose NaN and signed-zero rules cost a
	// branch each.
	if !(v > 0) {
		v = 0
	}
	if v > 1 {
		v = 1
	}
	return v
}

// sqrt32 is the correctly rounded float32 square root (the float64 root
// rounded to float32 is: 53 >= 2·24 + 2), VSQRTPS's.
func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }

// rgbFromLabXyz is rgbFromXyz with the white point folded into its
// columns (labToRgb's X·0.95047 and Z·1.08883).
var rgbFromLabXyz = func() (m [3][3]float64) {
	for i := range 3 {
		for j := range 3 {
			m[i][j] = rgbFromXyz[i][j] * whiteD65[j]
		}
	}
	return m
}()

// labRow32 is rgbToLab for float32 in and out: labF32SIMD's loop where
// there is one, labRow32Go for the rest.
func labRow32(o0, o1, o2, r, g, b []float32) {
	x := labF32SIMD(o0, o1, o2, r, g, b)
	labRow32Go(o0[x:], o1[x:], o2[x:], r[x:], g[x:], b[x:])
}

// labRow32Go is labRow32 in Go; a pixel outside the fast range takes
// labRow's numbers.
func labRow32Go(o0, o1, o2, r, g, b []float32) {
	n := len(o0)
	o1, o2, r, g, b = o1[:n], o2[:n], r[:n], g[:n], b[:n]
	for x := range o0 {
		R, G, B := r[x], g[x], b[x]
		if !(R >= lab32Lo && R <= lab32Hi && G >= lab32Lo && G <= lab32Hi && B >= lab32Lo && B <= lab32Hi) {
			labSlow(o0[x:x+1], o1[x:x+1], o2[x:x+1], r[x:x+1], g[x:x+1], b[x:x+1])
			continue
		}
		lr, lg, lb := linear64(R), linear64(G), linear64(B)
		X, Y, Z := mul(&labFromRgb, lr, lg, lb)
		fx, fy, fz := labF64(X), labF64(Y), labF64(Z)
		o0[x], o1[x], o2[x] = float32(116*fy-16), float32(500*(fx-fy)), float32(200*(fy-fz))
	}
}

// rgbFromLabRow32 is labToRgb for float32 in and out: the XYZ and the
// matrix in float64, the gamma in float32; rgbFromLabF32SIMD's loop where
// there is one, rgbFromLabRow32Go for the rest.
func rgbFromLabRow32(o0, o1, o2, l, a, b []float32) {
	x := rgbFromLabF32SIMD(o0, o1, o2, l, a, b)
	rgbFromLabRow32Go(o0[x:], o1[x:], o2[x:], l[x:], a[x:], b[x:])
}

// rgbFromLabRow32Go is rgbFromLabRow32 in Go; a pixel outside the fast
// range takes rgbFromLabRow's numbers.
func rgbFromLabRow32Go(o0, o1, o2, l, a, b []float32) {
	n := len(o0)
	o1, o2, l, a, b = o1[:n], o2[:n], l[:n], a[:n], b[:n]
	m := &rgbFromLabXyz
	for x := range o0 {
		L, A, B := l[x], a[x], b[x]
		if !(L >= -lab32Max && L <= lab32Max && A >= -lab32Max && A <= lab32Max && B >= -lab32Max && B <= lab32Max) {
			rgbFromLabSlow(o0[x:x+1], o1[x:x+1], o2[x:x+1], l[x:x+1], a[x:x+1], b[x:x+1])
			continue
		}
		y := (float64(L) + 16) * (1.0 / 116)
		X := labInv64(float64(A)*(1.0/500) + y)
		Z := labInv64(max(y-float64(B)*(1.0/200), 0))
		Y := labInv64(y)
		o0[x] = gamma32(float32(X*m[0][0] + Y*m[0][1] + Z*m[0][2]))
		o1[x] = gamma32(float32(X*m[1][0] + Y*m[1][1] + Z*m[1][2]))
		o2[x] = gamma32(float32(X*m[2][0] + Y*m[2][1] + Z*m[2][2]))
	}
}

// labInv64 is labInv with t·t·t and a multiplication for the division.
func labInv64(t float64) float64 {
	if t > 0.2068966 {
		return t * t * t
	}
	return (t - 16.0/116) * (1 / 7.787)
}

// labSlow and rgbFromLabSlow are the float64 path for a few pixels
// outside the fast range.
func labSlow(o0, o1, o2, r, g, b []float32) {
	var buf [3][1]float64
	for x := range o0 {
		buf[0][0], buf[1][0], buf[2][0] = float64(r[x]), float64(g[x]), float64(b[x])
		linearRun(buf[0][:])
		linearRun(buf[1][:])
		linearRun(buf[2][:])
		labRow(o0[x:x+1], o1[x:x+1], o2[x:x+1], buf[0][:], buf[1][:], buf[2][:])
	}
}

func rgbFromLabSlow(o0, o1, o2, l, a, b []float32) {
	for x := range o0 {
		buf := [3][1]float64{{float64(l[x])}, {float64(a[x])}, {float64(b[x])}}
		rgbFromLabRow(o0[x:x+1], o1[x:x+1], o2[x:x+1], buf[0][:], buf[1][:], buf[2][:])
	}
}
