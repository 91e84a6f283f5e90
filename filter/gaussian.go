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
// A 2D UInt8 image into UInt8 runs in fixed point instead (as OpenCV's
// GaussianBlur; see gaussian_fixed.go): every output is within one grey
// level of the exact float64 result rounded, a bound each call proves
// before it runs; WithPrecise asks for the float path.
// A radius beyond MaxRadius is refused (see the package doc on wide
// kernels); a Binary input is read as 0/1.
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
	axes := 2
	if src.Geometry().Volume {
		axes = 3 // sz of a 2D image is ignored, whatever it is
	}
	for a, s := range sigma[:axes] {
		if !(s >= 0) || math.IsInf(s, 0) {
			return fmt.Errorf("gaussian: sigma %v along %c: want a finite value >= 0: %w", s, "xyz"[a], ErrParam)
		}
		if _, ok := radius(s, c.truncate); !ok {
			return fmt.Errorf("gaussian: sigma %v along %c with truncate %v: a kernel radius of %.4g pixels, beyond MaxRadius (%d): %w: %w",
				s, "xyz"[a], c.truncate, c.truncate*s+0.5, MaxRadius, ErrParam, gips.ErrTooLarge)
		}
	}
	if !c.precise {
		if done, err := fxRun(dst, src, sigma, c); done {
			return err
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
	j := job[A]{fn: "gaussian", src: src, dst: dst, mode: c.mode, cval: [3]A{cv, cv, cv}, div: 1, exact32: true}
	g := src.Geometry()
	for a, n := range [3]int{g.SizeX, g.SizeY, g.SizeZ} {
		if a < 2 || g.Volume {
			j.k[a] = gaussianKernel[A](sigma[a], c.truncate, n, c.mode)
		}
	}
	return j
}

// Radius is the half width of the Gaussian kernel for sigma and truncate,
// int(truncate*sigma + 0.5) as in scipy (0 when sigma is 0): the halo a
// chunk needs along that axis. It saturates at MaxRadius (a larger kernel
// is refused by the filters), so it is never negative, whatever the values.
func Radius(sigma, truncate float64) int {
	r, ok := radius(sigma, truncate)
	if !ok {
		return MaxRadius
	}
	return r
}

// radius is Radius, and false when it exceeds MaxRadius (or is NaN).
func radius(sigma, truncate float64) (int, bool) {
	if !(sigma > 1e-15) { // scipy skips such axes
		return 0, true
	}
	v := truncate*sigma + 0.5
	if !(v < MaxRadius+1) {
		return MaxRadius, false
	}
	return int(v), true
}

// gaussianKernel is scipy's _gaussian_kernel1d (order 0), computed in
// float64 and stored as A: exp(-x²/2σ²) for |x| <= radius, divided by
// its sum, folded onto a line of n pixels in mode m when it reaches beyond
// the mode's pattern (see foldedGaussian). scipy skips axes with sigma <=
// 1e-15; so does the identity. The caller has checked the radius.
func gaussianKernel[A accum](sigma, truncate float64, n int, m Mode) kern1d[A] {
	r, _ := radius(sigma, truncate)
	if r == 0 {
		return identity[A]()
	}
	phi := foldedGaussian(sigma, r, n, m)
	w := make([]A, len(phi))
	for i, v := range phi {
		w[i] = A(v)
	}
	return kern1d[A]{before: len(w) - 1, after: len(w) - 1, w: w}
}
