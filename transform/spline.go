package transform

import "math"

// B-spline interpolation as scipy.ndimage does it (ni_splines.c): an
// input of order > 1 is first turned into spline coefficients by a
// recursive filter along each axis (the prefilter), and each output value
// is the sum of order+1 coefficients per axis times the B-spline weights
// of the sample's distance to them. The formulas, the poles and the
// boundary initialisations are scipy's, so that results agree to rounding.

// splineWeights fills w[0..order] with the weights of the window that
// starts at floor(x) - order/2 (odd orders) or floor(x+0.5) - order/2
// (even orders).
func splineWeights(x float64, order int, w *[6]float64) {
	if order&1 != 0 {
		x -= math.Floor(x)
	} else {
		x -= math.Floor(x + 0.5)
	}
	y, z := x, 1-x
	var t float64
	switch order {
	case 1:
		w[0] = 1 - x
	case 2:
		w[1] = 0.75 - x*x
		y = 0.5 - x
		w[0] = 0.5 * y * y
	case 3:
		w[1] = (y*y*(y-2)*3 + 4) / 6
		w[2] = (z*z*(z-2)*3 + 4) / 6
		w[0] = z * z * z / 6
	case 4:
		t = x * x
		w[2] = t*(t*0.25-0.625) + 115.0/192.0
		y = 1 + x
		w[1] = y*(y*(y*(5-y)/6-1.25)+5.0/24.0) + 55.0/96.0
		w[3] = z*(z*(z*(5-z)/6-1.25)+5.0/24.0) + 55.0/96.0
		y = 0.5 - x
		t = y * y
		w[0] = t * t / 24
	case 5:
		t = y * y
		w[2] = t*(t*(0.25-y/12)-0.5) + 0.55
		t = z * z
		w[3] = t*(t*(0.25-z/12)-0.5) + 0.55
		y++
		w[1] = y*(y*(y*(y*(y/24-0.375)+1.25)-1.75)+0.625) + 0.425
		z++
		w[4] = z*(z*(z*(z*(z/24-0.375)+1.25)-1.75)+0.625) + 0.425
		y = 1 - x
		t = y * y
		w[0] = y * t * t / 120
	}
	// The weights sum to 1; the last one takes the remainder, as in scipy.
	w[order] = 1
	for i := 0; i < order; i++ {
		w[order] -= w[i]
	}
}

// poles are the prefilter's poles for orders 2 to 5.
var poles = [6][]float64{
	2: {-0.171572875253809902396622551580603843},
	3: {-0.267949192431122706472553658494127633},
	4: {-0.361341225900220177092212841325675255, -0.013725429297339121360331226939128204},
	5: {-0.430575347099973791851434783493520110, -0.043096288203264653822712376822550182},
}

// splineFilterLine turns one line of samples into B-spline coefficients in
// place, with the boundary the mode assumes (scipy's apply_filter). Lines
// of one sample are left alone, as scipy does.
func splineFilterLine(c []float64, order int, m Mode) {
	filterLines(c, len(c), 1, 1, order, m)
}

// filterLines is splineFilterLine on w interleaved lines of n samples:
// sample i of line k is c[i*st+k] (k < w <= st). Each line gets the same
// operations in the same order as alone, so the same numbers; but the
// recursions of the w lines are independent, so the loop over k runs at
// the processor's throughput instead of waiting on one line's chain of
// multiply-adds.
func filterLines(c []float64, n, w, st, order int, m Mode) {
	if n <= 1 || order < 2 {
		return
	}
	var causal, anticausal func(c []float64, n, st int, z float64)
	switch m.canonical() {
	case GridWrap:
		causal, anticausal = initCausalWrap, initAnticausalWrap
	case Nearest, Reflect:
		causal, anticausal = initCausalReflect, initAnticausalReflect
	default: // Constant, GridConstant, Mirror, Wrap
		causal, anticausal = initCausalMirror, initAnticausalMirror
	}
	gain := 1.0
	for _, z := range poles[order] {
		gain *= (1 - z) * (1 - 1/z)
	}
	for i := 0; i < n; i++ {
		scaleRowF64(c[i*st:i*st+w], gain)
	}
	for _, z := range poles[order] {
		for k := 0; k < w; k++ {
			causal(c[k:], n, st, z)
		}
		for i := 1; i < n; i++ {
			causalRow(c[i*st:i*st+w], c[(i-1)*st:(i-1)*st+w], z)
		}
		for k := 0; k < w; k++ {
			anticausal(c[k:], n, st, z)
		}
		for i := n - 2; i >= 0; i-- {
			anticausalRow(c[i*st:i*st+w], c[(i+1)*st:(i+1)*st+w], z)
		}
	}
}

// negligible is where the initialisation sums stop: |z|^i below it adds
// less than 1e-18 of the line's values to c[0], far below float64's
// resolution of c[0] itself (scipy sums the whole line; the results agree
// to rounding, inside the tolerance of orders 2 to 5).
const negligible = 1e-18

// farEnd is z^n, the weight of the line's far end in the causal
// initialisations, or 0 when it is negligible: then the far end's terms
// drop out and the sum stops after the first few dozen samples instead of
// running over the whole line (a strided walk that cost as much as the
// filter itself on a volume's long lines).
func farEnd(z float64, n int) float64 {
	zn := math.Pow(z, float64(n))
	if math.Abs(zn) <= negligible {
		return 0
	}
	return zn
}

// The initialisations read sample i of their line at c[i*st].

func initCausalMirror(c []float64, n, st int, z float64) {
	zi := z
	zn1 := farEnd(z, n-1)
	c[0] = c[0] + zn1*c[(n-1)*st]
	for i := 1; i < n-1 && (zn1 != 0 || math.Abs(zi) > negligible); i++ {
		c[0] += zi * (c[i*st] + zn1*c[(n-1-i)*st])
		zi *= z
	}
	c[0] /= 1 - zn1*zn1
}

func initAnticausalMirror(c []float64, n, st int, z float64) {
	c[(n-1)*st] = (z*c[(n-2)*st] + c[(n-1)*st]) * z / (z*z - 1)
}

func initCausalWrap(c []float64, n, st int, z float64) {
	zi := z
	for i := 1; i < n; i++ {
		c[0] += zi * c[(n-i)*st]
		zi *= z
	}
	c[0] /= 1 - zi
}

func initAnticausalWrap(c []float64, n, st int, z float64) {
	zi := z
	for i := 0; i < n-1; i++ {
		c[(n-1)*st] += zi * c[i*st]
		zi *= z
	}
	c[(n-1)*st] *= z / (zi - 1)
}

func initCausalReflect(c []float64, n, st int, z float64) {
	zi := z
	zn := farEnd(z, n)
	c0 := c[0]
	c[0] = c[0] + zn*c[(n-1)*st]
	for i := 1; i < n && (zn != 0 || math.Abs(zi) > negligible); i++ {
		c[0] += zi * (c[i*st] + zn*c[(n-1-i)*st])
		zi *= z
	}
	c[0] *= z / (1 - zn*zn)
	c[0] += c0
}

func initAnticausalReflect(c []float64, n, st int, z float64) {
	c[(n-1)*st] *= z / (z - 1)
}
