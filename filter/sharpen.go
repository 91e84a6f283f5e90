package filter

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
)

// DifferenceOfGaussians is skimage.filters.difference_of_gaussians: the
// image smoothed with a Gaussian of standard deviation low minus the image
// smoothed with one of standard deviation high (both
// scipy.ndimage.gaussian_filter with the mode, cval and truncate of the
// options), a band-pass filter. high must be at least low along every axis;
// skimage's default high is 1.6·low. skimage's default mode is nearest
// (this family's is reflect: pass WithMode(Nearest) for skimage's), and
// skimage first scales integer images to [0, 1] or [-1, 1]: its value for
// a float image is this one. Output Real32 unless WithOutput says
// otherwise; accumulation as Sobel.
func DifferenceOfGaussians(img *gips.Image, low, high float64, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	out, err := newOutput("differenceOfGaussians", img, c.output)
	if err != nil {
		return nil, err
	}
	return out, DifferenceOfGaussiansInto(out, img, [3]float64{low, low, low}, [3]float64{high, high, high}, opts...)
}

// DifferenceOfGaussiansInto is DifferenceOfGaussians with sigmas per axis
// (x first) into a caller's image of src's sizes, whose buffer type is the
// output type. dst may be src.
func DifferenceOfGaussiansInto(dst, src *gips.Image, low, high [3]float64, opts ...Option) error {
	const fn = "differenceOfGaussians"
	c := collect(opts)
	if err := checkSigma(fn, "low_sigma", low, c); err != nil {
		return err
	}
	if err := checkSigma(fn, "high_sigma", high, c); err != nil {
		return err
	}
	for a := range ndims(src) {
		if high[a] < low[a] {
			return fmt.Errorf("%s: high_sigma %v < low_sigma %v along %c: want high >= low on every axis: %w", fn, high[a], low[a], "xyz"[a], ErrParam)
		}
	}
	if wide(src.Type()) {
		return dogRun[float64](dst, src, low, high, c)
	}
	return dogRun[float32](dst, src, low, high, c)
}

func dogRun[A accum](dst, src *gips.Image, low, high [3]float64, c config) error {
	nd := ndims(src)
	kl := gaussianKernels[A](low, [3]int{}, c.truncate, nd)
	kh := gaussianKernels[A](high, [3]int{}, c.truncate, nd)
	if canStream(src, c) {
		kh[0] = scaled(orOne(kh[0]), -1)
		return streamComps("differenceOfGaussians", dst, src, [][3][]A{kl, kh}, sumOf, 1, c)
	}
	return volumes("differenceOfGaussians", dst, src, 1, func(v field[A]) ([]field[A], error) {
		l := v.clone()
		l.separable(kl, c.mode, A(c.cval))
		v.separable(kh, c.mode, A(c.cval))
		for i, x := range v.pix {
			l.pix[i] -= x
		}
		return []field[A]{l}, nil
	})
}

// UnsharpMask is skimage.filters.unsharp_mask with preserve_range=True:
// image + amount·(image − gaussian(image, sigma)), the Gaussian as
// scipy.ndimage.gaussian_filter with the options' mode (skimage's is
// reflect, this family's default), cval and truncate. sigma is skimage's
// radius. A Real32 output (the default) is not clipped; an integer output
// (WithOutput(img.Type()), say) is rounded and saturated to its type's
// range, which is skimage's clipping for an image in the type's full range.
// Accumulation as Sobel.
func UnsharpMask(img *gips.Image, sigma, amount float64, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	out, err := newOutput("unsharpMask", img, c.output)
	if err != nil {
		return nil, err
	}
	return out, UnsharpMaskInto(out, img, [3]float64{sigma, sigma, sigma}, amount, opts...)
}

// UnsharpMaskInto is UnsharpMask with a sigma per axis (x first) into a
// caller's image (see DifferenceOfGaussiansInto).
func UnsharpMaskInto(dst, src *gips.Image, sigma [3]float64, amount float64, opts ...Option) error {
	const fn = "unsharpMask"
	c := collect(opts)
	if err := checkSigma(fn, "sigma", sigma, c); err != nil {
		return err
	}
	if math.IsNaN(amount) || math.IsInf(amount, 0) {
		return fmt.Errorf("%s: amount %v: want a finite number: %w", fn, amount, ErrParam)
	}
	if wide(src.Type()) {
		return unsharpRun[float64](dst, src, sigma, amount, c)
	}
	return unsharpRun[float32](dst, src, sigma, amount, c)
}

func unsharpRun[A accum](dst, src *gips.Image, sigma [3]float64, amount float64, c config) error {
	k := gaussianKernels[A](sigma, [3]int{}, c.truncate, ndims(src))
	am := A(amount)
	if canStream(src, c) { // (1 + amount)·image − amount·Gaussian
		k[0] = scaled(orOne(k[0]), -am)
		return streamComps("unsharpMask", dst, src, [][3][]A{{{1 + am}, nil, nil}, k}, sumOf, 1, c)
	}
	return volumes("unsharpMask", dst, src, 1, func(v field[A]) ([]field[A], error) {
		b := v.clone()
		b.separable(k, c.mode, A(c.cval))
		for i, x := range v.pix {
			b.pix[i] = x + (x-b.pix[i])*am
		}
		return []field[A]{b}, nil
	})
}
