package color

import "math"

// Row kernels: each conversion over a run of pixels whose inputs are
// already scaled (and, for rgbToLab, gamma-expanded) float64s, with no call
// per pixel. They compute the numbers of the per-pixel formulas in
// formulas.go (the tests compare them), in the same order of operations
// except where a comment says otherwise.

// block is the run of pixels a worker scales into its float64 scratch
// before a row kernel converts it: three channels of it (6 KiB) stay in L1.
const block = 256

// hsvRow is hsv over a run: the hue's three formulas become one division
// by delta of a numerator chosen as skimage chooses (blue over green over
// red), and numpy's x % 1 of a hue in (-1/6, 5/6] is x + 1 below 0.
func hsvRow[D float32 | float64](o0, o1, o2 []D, r, g, b []float64) {
	n := len(o0)
	o1, o2, r, g, b = o1[:n], o2[:n], r[:n], g[:n], b[:n]
	for x := range o0 {
		R, G, B := r[x], g[x], b[x]
		v := max(R, G, B)
		delta := v - min(R, G, B)
		s := delta / v
		// Which channel is the maximum is a coin toss on a noisy image:
		// selected with masks (conditional moves), not branches.
		mg, mb := mask(G == v), mask(B == v)
		num := math.Float64bits(G - B)
		num = num&^mg | math.Float64bits(B-R)&mg
		num = num&^mb | math.Float64bits(R-G)&mb
		off := math.Float64frombits(two&mg&^mb | four&mb)
		// |num| <= delta, so h/6 is in [-1/6, 5/6] or NaN: numpy's mod 1
		// adds 1 below 0 (adding +0 otherwise changes nothing).
		h := (off + math.Float64frombits(num)/delta) / 6
		h += math.Float64frombits(one & mask(h < 0))
		if delta == 0 {
			s, h = 0, 0
		}
		o0[x], o1[x], o2[x] = D(noNaN(h)), D(noNaN(s)), D(noNaN(v))
	}
}

// hsvRow32 is hsv for float32 in and out in float32 arithmetic, as
// skimage computes rgb2hsv of a float32 image (numpy's float32 max, min,
// differences and divisions: each rounded to float32, the same numbers):
// hsvRow's formula with float32 variables. hsvF32SIMD runs it eight
// pixels at a time.
func hsvRow32(o0, o1, o2, r, g, b []float32) {
	n := len(o0)
	o1, o2, r, g, b = o1[:n], o2[:n], r[:n], g[:n], b[:n]
	for x := range o0 {
		R, G, B := r[x], g[x], b[x]
		v := max(R, G, B)
		delta := v - min(R, G, B)
		s := delta / v
		num, off := G-B, float32(0)
		if G == v {
			num, off = B-R, 2
		}
		if B == v {
			num, off = R-G, 4
		}
		h := (off + num/delta) / 6
		if h < 0 {
			h++
		}
		if delta == 0 {
			s, h = 0, 0
		}
		o0[x], o1[x], o2[x] = noNaN32(h), noNaN32(s), noNaN32(v)
	}
}

func noNaN32(x float32) float32 {
	if x != x {
		return 0
	}
	return x
}

const one, two, four = 0x3ff0000000000000, 0x4000000000000000, 0x4010000000000000 // bits of 1.0, 2.0, 4.0

// mask is all ones for true, zero for false, without a branch.
func mask(c bool) uint64 {
	var m uint64
	if c {
		m = ^uint64(0)
	}
	return m
}

// hsvPerm[sector] picks (r, g, b) from {v, p, q, t} (indices 0..3), the
// six cases of rgbFromHsv, without a branch per pixel.
var hsvPerm = [8][3]uint8{{0, 3, 1}, {2, 0, 1}, {1, 0, 3}, {1, 2, 0}, {3, 1, 0}, {0, 1, 2}}

// rgbFromHsvRow is rgbFromHsv over a run. floor(6h) is an integer
// conversion where it is exact (|6h| < 2^52), math.Floor elsewhere.
// Float64 out, rgbFromHsvSIMD's loop runs first where there is one.
func rgbFromHsvRow[D float32 | float64](o0, o1, o2 []D, hh, ss, vv []float64) {
	n := len(o0)
	o1, o2, hh, ss, vv = o1[:n], o2[:n], hh[:n], ss[:n], vv[:n]
	x0 := 0
	if d0, ok := any(o0).([]float64); ok {
		x0 = rgbFromHsvSIMD(d0, any(o1).([]float64), any(o2).([]float64), hh, ss, vv)
	}
	for x := x0; x < n; x++ {
		h, s, v := hh[x], ss[x], vv[x]
		h6 := h * 6
		var hi float64
		if math.Abs(h6) < 1<<52 {
			hi = float64(int64(h6))
			if hi > h6 {
				hi--
			}
		} else {
			hi = math.Floor(h6)
		}
		f := h6 - hi
		vals := [4]float64{v, v * (1 - s), v * (1 - f*s), v * (1 - (1-f)*s)}
		p := &hsvPerm[uint8(int64(hi))%6]
		o0[x], o1[x], o2[x] = D(vals[p[0]&3]), D(vals[p[1]&3]), D(vals[p[2]&3])
	}
}

// rgbFromHsvRow32 is rgbFromHsv for float32 in and out in float32
// arithmetic, as skimage computes hsv2rgb of a float32 image:
// rgbFromHsvRow's formula with float32 variables (floor(6h) exact in
// float64). rgbFromHsvF32SIMD runs it eight pixels at a time.
func rgbFromHsvRow32(o0, o1, o2, hh, ss, vv []float32) {
	n := len(o0)
	o1, o2, hh, ss, vv = o1[:n], o2[:n], hh[:n], ss[:n], vv[:n]
	for x := range o0 {
		h, s, v := hh[x], ss[x], vv[x]
		h6 := h * 6
		hi := float32(math.Floor(float64(h6)))
		f := h6 - hi
		vals := [4]float32{v, v * (1 - s), v * (1 - f*s), v * (1 - (1-f)*s)}
		p := &hsvPerm[uint8(int64(hi))%6]
		o0[x], o1[x], o2[x] = vals[p[0]&3], vals[p[1]&3], vals[p[2]&3]
	}
}

// labRow is labLinear over a run of linear r, g, b; it overwrites them.
func labRow[D float32 | float64](o0, o1, o2 []D, r, g, b []float64) {
	n := len(o0)
	o1, o2, r, g, b = o1[:n], o2[:n], r[:n], g[:n], b[:n]
	for i := range r {
		r[i], g[i], b[i] = mul(&labFromRgb, r[i], g[i], b[i])
	}
	labFRow(r)
	labFRow(g)
	labFRow(b)
	for x := range o0 {
		fx, fy, fz := r[x], g[x], b[x]
		o0[x], o1[x], o2[x] = D(116*fy-16), D(500*(fx-fy)), D(200*(fy-fz))
	}
}

// labFRow is labF in place over a run (at most block values): the cube
// roots in one loop without a call per value, the same numbers
// (TestLabFRowIsLabF).
func labFRow(s []float64) {
	var r [block]float64
	cbrtRun(r[:len(s)], s)
	for i, t := range s {
		if t > 0.008856 {
			s[i] = r[i]
		} else {
			s[i] = 7.787*t + 16.0/116.0
		}
	}
}

// rgbFromLabRow is rgbFromLab over a run (rgbFromLabFast's numbers); it
// may overwrite l, a, b. rgbFromLabSIMD's loop runs first where there is
// one, rgbFromLabGo for the rest.
func rgbFromLabRow[D float32 | float64](o0, o1, o2 []D, l, a, b []float64) {
	n := len(o0)
	o1, o2, l, a, b = o1[:n], o2[:n], l[:n], a[:n], b[:n]
	if d0, ok := any(o0).([]float64); ok {
		// Float64 out: straight into it.
		d1, d2 := any(o1).([]float64), any(o2).([]float64)
		x := rgbFromLabSIMD(d0, d1, d2, l, a, b)
		rgbFromLabGo(d0[x:], d1[x:], d2[x:], l[x:], a[x:], b[x:])
		return
	}
	x := rgbFromLabSIMD(l, a, b, l, a, b)
	rgbFromLabGo(l[x:], a[x:], b[x:], l[x:], a[x:], b[x:])
	for x := range o0 {
		o0[x], o1[x], o2[x] = D(l[x]), D(a[x]), D(b[x])
	}
}

// rgbFromLabGo is rgbFromLabFast over a run into o0, o1, o2 (which may be
// l, a, b) in two passes, the linear rgb then each channel's gamma, so
// that the cube roots of a channel are independent iterations rather
// than three chains per pixel (a tenth faster without SIMD).
func rgbFromLabGo(o0, o1, o2, l, a, b []float64) {
	n := len(o0)
	o1, o2, l, a, b = o1[:n], o2[:n], l[:n], a[:n], b[:n]
	for i := range o0 {
		o0[i], o1[i], o2[i] = linearFromLab(l[i], a[i], b[i])
	}
	for _, o := range [3][]float64{o0, o1, o2} {
		for i, c := range o {
			o[i] = gammaFast(c)
		}
	}
}

// rgbFromLabFast is rgbFromLab with labInv's t^3 as t·t·t, the gamma's
// c^(1/2.4) as pow5of12 (math.Pow outside its range): both within a few
// ulps of skimage's np.power; and the divisions of L, a and b as products
// by 1/116, 1/500 and 1/200 (fused into the sums), each within an ulp of
// the quotient: the three vector divisions were 7% of labToRgb's samples
// (perf).
func rgbFromLabFast(l, a, b float64) (float64, float64, float64) {
	r, g, bl := linearFromLab(l, a, b)
	return gammaFast(r), gammaFast(g), gammaFast(bl)
}

// linearFromLab is rgbFromLabFast before the gamma.
func linearFromLab(l, a, b float64) (float64, float64, float64) {
	y := (l + 16) * (1.0 / 116)
	x := math.FMA(a, 1.0/500, y)
	z := math.FMA(b, -1.0/200, y)
	if z < 0 {
		z = 0
	}
	x, y, z = labInvFast(x)*whiteD65[0], labInvFast(y)*whiteD65[1], labInvFast(z)*whiteD65[2]
	return mul(&rgbFromXyz, x, y, z)
}

func labInvFast(t float64) float64 {
	if t > 0.2068966 {
		return t * t * t
	}
	return (t - 16.0/116.0) / 7.787
}

// gammaFast is gamma with pow5of12's cube root and two square roots for
// the power.
func gammaFast(c float64) float64 {
	if c > 0.0031308 {
		if c < 0x1p1000 {
			r := cbrt(c)
			c = 1.055*(r*math.Sqrt(math.Sqrt(r))) - 0.055
		} else {
			c = 1.055*math.Pow(c, 1/2.4) - 0.055
		}
	} else {
		c *= 12.92
	}
	return min(max(c, 0), 1)
}

// ycbcrRow is ycbcr over a run.
func ycbcrRow[D float32 | float64](o0, o1, o2 []D, r, g, b []float64) {
	n := len(o0)
	o1, o2, r, g, b = o1[:n], o2[:n], r[:n], g[:n], b[:n]
	for x := range o0 {
		R, G, B := r[x], g[x], b[x]
		o0[x] = D(R*yR + G*yG + B*yB + yO)
		o1[x] = D(R*bR + G*bG + B*bB + bO)
		o2[x] = D(R*rR + G*rG + B*rB + rO)
	}
}

// hsvRowInt is hsvRow (float64 out) for scaled integer inputs: hsvSIMD's
// AVX2 loop where there is one, hsvRow for the rest.
func hsvRowInt(o0, o1, o2 []float64, r, g, b []float64) {
	n := hsvSIMD(o0, o1, o2, r, g, b)
	if n < len(o0) {
		hsvRow(o0[n:], o1[n:], o2[n:], r[n:], g[n:], b[n:])
	}
}

// ycbcrRowInt is ycbcrRow (float64 out) for scaled integer inputs (no NaN,
// whose payload the vector and scalar additions might carry differently):
// ycbcrSIMD's AVX2 loop where there is one, ycbcrRow for the rest.
func ycbcrRowInt(o0, o1, o2 []float64, r, g, b []float64) {
	n := ycbcrSIMD(o0, o1, o2, r, g, b)
	if n < len(o0) {
		ycbcrRow(o0[n:], o1[n:], o2[n:], r[n:], g[n:], b[n:])
	}
}

// labRowInt is labRow (float64 out) for scaled integer inputs:
// labSIMD's loop where there is one, labLinear per pixel for the rest
// (labRow's numbers: TestLabSIMDIsGo; per pixel is faster than labRow's
// passes here).
func labRowInt(o0, o1, o2 []float64, r, g, b []float64) {
	n := len(o0)
	r, g, b = r[:n], g[:n], b[:n]
	for x := labSIMD(o0, o1, o2, r, g, b); x < n; x++ {
		o0[x], o1[x], o2[x] = labLinear(r[x], g[x], b[x])
	}
}
