package filter

import "math"

// Folding. A kernel wider than its line reads no new pixels: every border
// mode repeats a pattern (Wrap with period n, Reflect 2n, Mirror 2n-2) or
// reads one value for ever (Nearest the edge pixel, Constant cval). So a
// kernel that reaches beyond the pattern is folded onto it: the weights of
// the taps that read the same pixel for every output pixel are summed into
// one tap. The result is the same filter (up to the order of the float
// sums) at a cost that depends on the line's length, not on sigma or size:
// scipy's uniform_filter(size=100001) on a 20-pixel line, or
// gaussian_filter(sigma=1e4), cost what a kernel of the line's width does.

// MaxRadius is the largest Gaussian kernel radius, in pixels, that the
// filters compute (truncate*sigma + 0.5 beyond it is refused, ErrParam):
// building a kernel, even folded, visits each of its taps once, about a
// nanosecond each. Radius saturates at it.
const MaxRadius = 1 << 26

// pattern is how far a kernel on a line of n pixels can reach before its
// taps start reading what nearer ones read, for mode m: a periodic mode
// repeats with period p (Wrap n, Reflect 2n, Mirror 2n-2), and a tap at
// offset k and one at k ± p read the same pixel; a kernel of radius p/2
// then covers one period. Nearest and Constant (p = 0) read the same value
// at every offset beyond ±n, from every pixel of the line: radius n.
func pattern(n int, m Mode) (radius, period int) {
	switch m {
	case Wrap:
		return n / 2, n
	case Reflect:
		return n, 2 * n
	case Mirror:
		if n == 1 {
			return 0, 1
		}
		return n - 1, 2*n - 2
	}
	return n, 0
}

// gaussTaps calls f(x, g(x)) for x = 0 ... r with g(x) = exp(-x²/2σ²), the
// unnormalised weights of scipy's kernel. Long kernels use the recurrence
// g(x+1) = g(x)·ρ(x), ρ(x+1) = ρ(x)·exp(-1/σ²), restarted from exp every
// 64 taps so that its rounding (a few ulps per step) stays near 1e-14.
func gaussTaps(sigma float64, r int, f func(x int, v float64)) {
	c := -0.5 / (sigma * sigma)
	if r <= 1<<12 {
		for x := 0; x <= r; x++ {
			f(x, math.Exp(c*float64(x*x)))
		}
		return
	}
	q := math.Exp(2 * c)
	for x0 := 0; x0 <= r; x0 += 64 {
		g := math.Exp(c * float64(x0) * float64(x0))
		rho := math.Exp(c * float64(2*x0+1))
		for x := x0; x <= min(r, x0+63); x++ {
			f(x, g)
			g *= rho
			rho *= q
		}
	}
}

// foldedGaussian is the symmetric kernel (w[0] at the centre, w[k] at ±k)
// equal, on a line of n pixels in mode m, to scipy's Gaussian of radius r,
// normalised to sum 1: that kernel itself when r does not reach beyond the
// pattern, else its folded form, of radius pattern(n, m) at most.
func foldedGaussian(sigma float64, r, n int, m Mode) []float64 {
	R, p := pattern(n, m)
	if r <= R {
		w := make([]float64, r+1)
		gaussTaps(sigma, r, func(x int, v float64) { w[x] = v })
		sum := 0.0
		for x := -r; x <= r; x++ { // scipy's order
			sum += w[max(x, -x)]
		}
		return normalise(w, sum)
	}
	w := make([]float64, R+1)
	half := 0.0 // Σ g(x) for x = 0 ... r; the whole kernel sums to 2·half - g(0)
	if p == 0 { // Nearest, Constant: the taps at ±n and beyond read one value
		gaussTaps(sigma, r, func(x int, v float64) {
			w[min(x, R)] += v
			half += v
		})
		return normalise(w, 2*half-1)
	}
	// Periodic: F[k] sums the weights of the offsets ≡ k (mod p), from both
	// sides. Offsets k and p-k read the same pixel (F is symmetric), and for
	// an even p the taps at ±p/2 both read the pixel of F[p/2]: each gets
	// half of it.
	F := make([]float64, p)
	k := 0 // x mod p
	gaussTaps(sigma, r, func(x int, v float64) {
		F[k] += v
		if x > 0 {
			F[(p-k)%p] += v
		}
		half += v
		if k++; k == p {
			k = 0
		}
	})
	copy(w, F[:R+1])
	if p%2 == 0 {
		w[R] /= 2
	}
	return normalise(w, 2*half-1)
}

func normalise(w []float64, sum float64) []float64 {
	for i := range w {
		w[i] /= sum
	}
	return w
}

// foldBox folds a box kernel (the window [-before, after]) on a line of n
// pixels in mode m: for a periodic mode, whole periods at either end of the
// window become k.periods times the sum over one period; for Nearest and
// Constant, the offsets beyond ±n become k.left and k.right times the value
// read there. The window left, [-k.before, k.after], spans less than two
// periods (or 2n+1 pixels).
func foldBox[A accum](k kern1d[A], n int, m Mode) kern1d[A] {
	_, p := pattern(n, m)
	b, a := k.before, k.after
	switch {
	case p > 0 && (b >= p || a >= p):
		k.period, k.periods = p, A(b/p+a/p)
		k.before, k.after = b%p, a%p
	case p == 0 && (b > n || a > n):
		k.before, k.after = min(b, n), min(a, n)
		k.left, k.right = A(b-k.before), A(a-k.after)
	}
	return k
}
