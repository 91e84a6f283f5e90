package filter

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
)

// MaxDerivativeOrder bounds the order of a Gaussian derivative (scipy has
// no bound; beyond a few orders the kernel is numerically meaningless).
const MaxDerivativeOrder = 8

// gaussianDerivKernel is scipy's gaussian_filter1d kernel for sigma,
// order and truncate: _gaussian_kernel1d(sigma, order, radius) reversed
// (scipy correlates with it), computed in float64. The order-0 kernel is
// normalised to sum 1 and the derivative kernels are its polynomial
// multiples, as scipy's. nil: the axis is not filtered (sigma <= 1e-15,
// where scipy skips the axis whatever the order).
func gaussianDerivKernel(sigma float64, order int, truncate float64) []float64 {
	if sigma <= 1e-15 {
		return nil
	}
	r := int(truncate*sigma + 0.5)
	s2 := sigma * sigma
	phi := make([]float64, 2*r+1)
	sum := 0.0
	for i := range phi {
		x := float64(i - r)
		phi[i] = math.Exp(-0.5 / s2 * x * x)
		sum += phi[i]
	}
	for i := range phi {
		phi[i] /= sum
	}
	if order == 0 {
		return phi
	}
	// q holds the polynomial coefficients of the derivative's factor;
	// each step applies q -> q' - x·q/σ² (scipy's Q_deriv = D + P).
	q := make([]float64, order+1)
	q[0] = 1
	for range order {
		next := make([]float64, order+1)
		for e := 1; e <= order; e++ {
			next[e-1] += float64(e) * q[e]
		}
		for e := 0; e < order; e++ {
			next[e+1] -= q[e] / s2
		}
		q = next
	}
	k := make([]float64, len(phi))
	for i := range phi {
		x := float64(i - r)
		p, xe := 0.0, 1.0
		for e := 0; e <= order; e++ {
			p += q[e] * xe
			xe *= x
		}
		k[len(k)-1-i] = p * phi[i] // reversed
	}
	return k
}

// gaussianKernels are the kernels of scipy's gaussian_filter(sigma, order)
// along x, y, z as A values (nil: axis left alone).
func gaussianKernels[A accum](sigma [3]float64, order [3]int, truncate float64, nd int) [3][]A {
	var k [3][]A
	for a := range nd {
		if g := gaussianDerivKernel(sigma[a], order[a], truncate); g != nil {
			k[a] = kernelAs[A](g)
		}
	}
	return k
}

// checkSigma checks per-axis sigmas (x first) and truncate.
func checkSigma(fn, name string, sigma [3]float64, c config) error {
	if err := c.check(fn); err != nil {
		return err
	}
	for a, s := range sigma {
		if !(s >= 0) || math.IsInf(s, 0) {
			return fmt.Errorf("%s: %s %v along %c: want a finite value >= 0: %w", fn, name, s, "xyz"[a], ErrParam)
		}
	}
	for a, s := range sigma {
		if r := c.truncate * s; r > MaxDerivativeRadius {
			return fmt.Errorf("%s: truncate %v times %s %v along %c is a kernel radius beyond %d: %w", fn, c.truncate, name, s, "xyz"[a], MaxDerivativeRadius, ErrParam)
		}
	}
	return nil
}

// MaxDerivativeRadius bounds the radius of the kernels the derivative filters build
// (truncate·sigma for a Gaussian), so that no parameter sizes an
// allocation unchecked; a kernel that wide is far wider than any image
// axis it could sensibly run along.
const MaxDerivativeRadius = 1 << 14

// GaussianDerivative is scipy.ndimage.gaussian_filter with order: along
// each axis (x first) a Gaussian of standard deviation sigma[a], or its
// order[a]-th derivative (0 to MaxDerivativeOrder), kernel radius
// int(truncate·sigma+0.5) (WithTruncate, default 4). An axis with sigma 0
// is left alone whatever its order, as in scipy. Output Real32 unless
// WithOutput says otherwise; accumulation and borders as Sobel.
func GaussianDerivative(img *gips.Image, sigma [3]float64, order [3]int, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	out, err := newOutput("gaussianDerivative", img, c.output)
	if err != nil {
		return nil, err
	}
	return out, GaussianDerivativeInto(out, img, sigma, order, opts...)
}

// GaussianDerivativeInto is GaussianDerivative into a caller's image of
// src's sizes, whose buffer type is the output type. dst may be src.
func GaussianDerivativeInto(dst, src *gips.Image, sigma [3]float64, order [3]int, opts ...Option) error {
	const fn = "gaussianDerivative"
	c := collect(opts)
	if err := checkSigma(fn, "sigma", sigma, c); err != nil {
		return err
	}
	for a, o := range order {
		if o < 0 || o > MaxDerivativeOrder {
			return fmt.Errorf("%s: order %d along %c: want 0 to %d: %w", fn, o, "xyz"[a], MaxDerivativeOrder, ErrParam)
		}
	}
	if wide(src.Type()) {
		return gaussDerivRun[float64](fn, dst, src, sigma, order, c)
	}
	return gaussDerivRun[float32](fn, dst, src, sigma, order, c)
}

func gaussDerivRun[A accum](fn string, dst, src *gips.Image, sigma [3]float64, order [3]int, c config) error {
	k := gaussianKernels[A](sigma, order, c.truncate, ndims(src))
	if canStream(src, c) {
		return streamComps(fn, dst, src, [][3][]A{k}, sumOf, 1, c)
	}
	return volumes(fn, dst, src, 1, func(v field[A]) ([]field[A], error) {
		v.separable(k, c.mode, A(c.cval))
		return []field[A]{v}, nil
	})
}

// GaussianGradientMagnitude is scipy.ndimage.gaussian_gradient_magnitude:
// sqrt(Σ_a d_a²), d_a the first Gaussian derivative along axis a
// (gaussian_filter with order 1 along a and 0 along the others). sigma is
// in pixels along every axis. Output, accumulation and borders as Sobel;
// scipy computes in the input's type, so its reference is its value on a
// float64 copy of the input.
func GaussianGradientMagnitude(img *gips.Image, sigma float64, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	out, err := newOutput("gaussianGradientMagnitude", img, c.output)
	if err != nil {
		return nil, err
	}
	return out, GaussianGradientMagnitudeInto(out, img, [3]float64{sigma, sigma, sigma}, opts...)
}

// GaussianGradientMagnitudeInto is GaussianGradientMagnitude with a sigma
// per axis (x first) into a caller's image (see GaussianDerivativeInto).
func GaussianGradientMagnitudeInto(dst, src *gips.Image, sigma [3]float64, opts ...Option) error {
	return gaussSumInto("gaussianGradientMagnitude", 1, dst, src, sigma, collect(opts))
}

// GaussianLaplace is scipy.ndimage.gaussian_laplace, the Laplacian of
// Gaussian: Σ_a d²_a, d²_a the second Gaussian derivative along axis a.
// Output, accumulation and borders as GaussianGradientMagnitude.
func GaussianLaplace(img *gips.Image, sigma float64, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	out, err := newOutput("gaussianLaplace", img, c.output)
	if err != nil {
		return nil, err
	}
	return out, GaussianLaplaceInto(out, img, [3]float64{sigma, sigma, sigma}, opts...)
}

// GaussianLaplaceInto is GaussianLaplace with a sigma per axis (x first)
// into a caller's image (see GaussianDerivativeInto).
func GaussianLaplaceInto(dst, src *gips.Image, sigma [3]float64, opts ...Option) error {
	return gaussSumInto("gaussianLaplace", 2, dst, src, sigma, collect(opts))
}

// gaussSumInto sums, over the axes, the Gaussian derivative of the given
// order along that axis: squared then rooted for order 1 (gradient
// magnitude), as it is for order 2 (Laplacian).
func gaussSumInto(fn string, order int, dst, src *gips.Image, sigma [3]float64, c config) error {
	if err := checkSigma(fn, "sigma", sigma, c); err != nil {
		return err
	}
	if wide(src.Type()) {
		return gaussSumRun[float64](fn, order, dst, src, sigma, c)
	}
	return gaussSumRun[float32](fn, order, dst, src, sigma, c)
}

func gaussSumRun[A accum](fn string, order int, dst, src *gips.Image, sigma [3]float64, c config) error {
	nd := ndims(src)
	var ks [3][3][]A
	for a := range nd {
		var o [3]int
		o[a] = order
		ks[a] = gaussianKernels[A](sigma, o, c.truncate, nd)
	}
	if canStream(src, c) {
		how := sumOf
		if order == 1 {
			how = normOf
		}
		return streamComps(fn, dst, src, ks[:nd], how, 1, c)
	}
	return volumes(fn, dst, src, 1, func(v field[A]) ([]field[A], error) {
		acc := newField[A](v.w, v.h, v.d)
		tmp := pooledField[A](v.w, v.h, v.d) // a copy of v before each use
		defer tmp.release()
		for a := nd - 1; a >= 0; a-- { // scipy's order: numpy's axes first to last
			copy(tmp.pix, v.pix)
			tmp.separable(ks[a], c.mode, A(c.cval))
			if order == 1 {
				for i, x := range tmp.pix {
					acc.pix[i] += x * x
				}
			} else {
				add(acc.pix, tmp.pix)
			}
		}
		if order == 1 {
			sqrtField(acc, 1)
		}
		return []field[A]{acc}, nil
	})
}

// orOne is k, or the identity kernel for an axis left alone.
func orOne[A accum](k []A) []A {
	if k == nil {
		return []A{1}
	}
	return k
}

// scaled is k times s.
func scaled[A accum](k []A, s A) []A {
	out := make([]A, len(k))
	for i, v := range k {
		out[i] = v * s
	}
	return out
}
