package filter

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
)

// Gaussian smooths img with a Gaussian of standard deviation sigma pixels
// along every axis: x and y for a 2D image, x, y and z for a volume, each
// channel and time point on its own. It is scipy.ndimage.gaussian_filter
// with the same kernel (radius int(truncate*sigma+0.5), weights normalised
// to sum 1) and border modes (Reflect by default, see Mode).
//
// The output is a new Real32 image unless WithOutput asks for another type
// (the input's, say). Values are accumulated in float32 (float64 for 32-bit
// integer and Real64 inputs) and, for an integer output, rounded to nearest (half away from zero) and saturated once at
// the end. scipy's integer outputs instead truncate after each axis.
func Gaussian(img *gips.Image, sigma float64, opts ...Option) (*gips.Image, error) {
	return GaussianXYZ(img, sigma, sigma, sigma, opts...)
}

// GaussianXYZ is Gaussian with a sigma per axis, x first; sz is ignored for
// 2D images. A sigma of 0 leaves that axis unfiltered.
func GaussianXYZ(img *gips.Image, sx, sy, sz float64, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	t := c.output
	if t == 0 {
		t = gips.Real32
	}
	if err := c.check("gaussian"); err != nil {
		return nil, err
	}
	out, err := gips.CreateImage(img.Geometry().WithType(t))
	if err != nil {
		return nil, fmt.Errorf("gaussian: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, gaussianInto(out, img, [3]float64{sx, sy, sz}, c)
}

// GaussianInto is GaussianXYZ into a caller's image of src's sizes; its
// buffer type is the output type (any plain numeric type). dst may be src,
// for an in-place filter: the source is then copied first.
func GaussianInto(dst, src *gips.Image, sx, sy, sz float64, opts ...Option) error {
	c := collect(opts)
	if err := c.check("gaussian"); err != nil {
		return err
	}
	return gaussianInto(dst, src, [3]float64{sx, sy, sz}, c)
}

// gaussianInto accumulates in float32 for inputs that it holds exactly
// (8- and 16-bit integers, Real32) and in float64 for 32-bit integers and
// Real64, whose values float32 would round.
func gaussianInto(dst, src *gips.Image, sigma [3]float64, c config) error {
	for a, s := range sigma {
		if !(s >= 0) || math.IsInf(s, 0) {
			return fmt.Errorf("gaussian: sigma %v along %c: want a finite value >= 0: %w", s, "xyz"[a], ErrParam)
		}
	}
	switch src.Type().Storage() {
	case gips.UInt32, gips.Int32, gips.Real64:
		return run(gaussianJob[float64](dst, src, sigma, c))
	}
	return run(gaussianJob[float32](dst, src, sigma, c))
}

func gaussianJob[A accum](dst, src *gips.Image, sigma [3]float64, c config) job[A] {
	cv := A(c.cval)
	j := job[A]{fn: "gaussian", src: src, dst: dst, mode: c.mode, cval: [3]A{cv, cv, cv}, div: 1}
	for a, s := range sigma {
		j.k[a] = gaussianKernel[A](s, c.truncate)
	}
	return j
}

// Radius is the half width of the Gaussian kernel for sigma and truncate,
// int(truncate*sigma + 0.5) as in scipy (0 when sigma is 0): the halo a
// chunk needs along that axis.
func Radius(sigma, truncate float64) int {
	if sigma <= 1e-15 {
		return 0
	}
	return int(truncate*sigma + 0.5)
}

// gaussianKernel is scipy's _gaussian_kernel1d (order 0), computed in
// float64 and stored as A: exp(-x²/2σ²) for |x| <= radius, divided by
// its sum. scipy skips axes with sigma <= 1e-15; so does the identity.
func gaussianKernel[A accum](sigma, truncate float64) kern1d[A] {
	r := Radius(sigma, truncate)
	if r == 0 {
		return identity[A]()
	}
	phi := make([]float64, r+1)
	sum := 0.0
	for x := -r; x <= r; x++ {
		v := math.Exp(-0.5 / (sigma * sigma) * float64(x*x))
		if x >= 0 {
			phi[x] = v
		}
		sum += v
	}
	w := make([]A, r+1)
	for i, v := range phi {
		w[i] = A(v / sum)
	}
	return kern1d[A]{before: r, after: r, w: w}
}
