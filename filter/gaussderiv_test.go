package filter

import (
	"errors"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// numpyTuple is a per-axis value (x first) as a Python tuple in numpy
// order for an image of nd axes.
const numpyTuple = `
def np_order(xyz, nd):
    return tuple(reversed(xyz[:nd]))
`

// TestGaussianDerivativesMatchScipyAllModes: gaussian_filter with orders,
// gaussian_gradient_magnitude and gaussian_laplace (per-axis sigmas, one
// of them tiny so that its radius is 0, and a truncate that is not 4)
// against scipy on float64 copies of every type, layout and mode, cval
// -1.5. float32 accumulation: within 1e-5 of the larger of the input range
// and the result's magnitude.
func TestGaussianDerivativesMatchScipyAllModes(t *testing.T) {
	sigma := [3]float64{1.3, 0.9, 1.7}
	cases := []refCase{
		{name: "order (1, 0, 2)", py: "ndi.gaussian_filter(v, np_order([1.3, 0.9, 1.7], nd), order=np_order([1, 0, 2], nd), mode=m, cval=cval, truncate=3.5)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return GaussianDerivative(img, sigma, [3]int{1, 0, 2}, WithMode(m), WithCval(cval), WithTruncate(3.5), WithOutput(gips.Real64))
			}},
		{name: "order (0, 3, 1)", py: "ndi.gaussian_filter(v, np_order([0.1, 2.2, 0.6], nd), order=np_order([0, 3, 1], nd), mode=m, cval=cval)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return GaussianDerivative(img, [3]float64{0.1, 2.2, 0.6}, [3]int{0, 3, 1}, WithMode(m), WithCval(cval), WithOutput(gips.Real64))
			}},
		{name: "gradient magnitude", py: "ndi.gaussian_gradient_magnitude(v, np_order([1.3, 0.9, 1.7], nd), mode=m, cval=cval)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				out, err := newOutput("", img, gips.Real64)
				if err != nil {
					return nil, err
				}
				return out, GaussianGradientMagnitudeInto(out, img, sigma, WithMode(m), WithCval(cval))
			}},
		{name: "gradient magnitude 2", py: "ndi.gaussian_gradient_magnitude(v, 2, mode=m, cval=cval)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return GaussianGradientMagnitude(img, 2, WithMode(m), WithCval(cval))
			}},
		{name: "laplace", py: "ndi.gaussian_laplace(v, np_order([1.3, 0.9, 1.7], nd), mode=m, cval=cval)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				out, err := newOutput("", img, gips.Real64)
				if err != nil {
					return nil, err
				}
				return out, GaussianLaplaceInto(out, img, sigma, WithMode(m), WithCval(cval))
			}},
		{name: "laplace 1", py: "ndi.gaussian_laplace(v, 1, mode=m, cval=cval)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return GaussianLaplace(img, 1, WithMode(m), WithCval(cval), WithOutput(gips.Real64))
			}},
	}
	compareRef(t, 21, imgtest.NumericTypes, modes, -1.5, numpyTuple, cases)
}

func TestGaussianDerivativeErrors(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 4, 3))
	if _, err := GaussianDerivative(img, [3]float64{1, -1, 1}, [3]int{}); !errors.Is(err, ErrParam) || !contains(err, "sigma") {
		t.Errorf("negative sigma: %v", err)
	}
	if _, err := GaussianDerivative(img, [3]float64{1, 1, 1}, [3]int{0, 9, 0}); !errors.Is(err, ErrParam) || !contains(err, "order") {
		t.Errorf("order 9: %v", err)
	}
	if _, err := GaussianGradientMagnitude(img, 1, WithTruncate(-1)); !errors.Is(err, ErrParam) || !contains(err, "truncate") {
		t.Errorf("negative truncate: %v", err)
	}
	if _, err := GaussianLaplace(img, 1, WithOutput(gips.Binary)); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("Binary output: %v", err)
	}
}

// TestStreamedFiltersMatchScipyCvalZero: 2D images take the streamed path
// (x before y, no image-sized buffer) except in Constant mode with a
// nonzero cval, which the other tests use; this one runs Constant with
// cval 0, where the streamed path applies, against scipy and skimage.
func TestStreamedFiltersMatchScipyCvalZero(t *testing.T) {
	opts := func(m Mode) []Option { return []Option{WithMode(m), WithOutput(gips.Real64)} }
	cases := []refCase{
		{name: "sobel", py: "ndi.generic_gradient_magnitude(v, ndi.sobel, mode=m)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, _ float64) (*gips.Image, error) {
				return Sobel(img, Magnitude, false, opts(m)...)
			}},
		{name: "prewitt y", py: "ndi.prewitt(v, v.ndim - 2, mode=m)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, _ float64) (*gips.Image, error) {
				return Prewitt(img, AxisY, false, opts(m)...)
			}},
		{name: "laplace", py: "ndi.laplace(v, mode=m)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, _ float64) (*gips.Image, error) { return Laplace(img, opts(m)...) }},
		{name: "ggm", py: "ndi.gaussian_gradient_magnitude(v, 1.2, mode=m)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, _ float64) (*gips.Image, error) {
				return GaussianGradientMagnitude(img, 1.2, opts(m)...)
			}},
		{name: "log", py: "ndi.gaussian_laplace(v, 0.8, mode=m)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, _ float64) (*gips.Image, error) {
				return GaussianLaplace(img, 0.8, opts(m)...)
			}},
		{name: "derivative", py: "ndi.gaussian_filter(v, np_order([1.1, 0, 0.9], nd), order=np_order([2, 1, 1], nd), mode=m)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, _ float64) (*gips.Image, error) {
				return GaussianDerivative(img, [3]float64{1.1, 0, 0.9}, [3]int{2, 1, 1}, opts(m)...)
			}},
		{name: "dog", py: "skf.difference_of_gaussians(v, 1, 2, mode=m)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, _ float64) (*gips.Image, error) {
				return DifferenceOfGaussians(img, 1, 2, opts(m)...)
			}},
		{name: "unsharp", py: "v + 1.5 * (v - ndi.gaussian_filter(v, 1.3, mode=m))", tol: 1e-5,
			run: func(img *gips.Image, m Mode, _ float64) (*gips.Image, error) {
				return UnsharpMask(img, 1.3, 1.5, opts(m)...)
			}},
	}
	compareRef(t, 22, []gips.BufferType{gips.UInt8, gips.Int32, gips.Real32}, []Mode{Constant, Mirror}, 0, numpyTuple, cases)
}

// TestGaussianDerivativesWideKernel: kernels much wider than the image
// (radius 28 on 23 rows, 7 planes and 1-pixel lines), where the streamed
// paths keep one slot per source row or plane and every mode's pattern
// repeats.
func TestGaussianDerivativesWideKernel(t *testing.T) {
	cases := []refCase{
		{name: "ggm 7", py: "ndi.gaussian_gradient_magnitude(v, 7, mode=m)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, _ float64) (*gips.Image, error) {
				return GaussianGradientMagnitude(img, 7, WithMode(m), WithOutput(gips.Real64))
			}},
		{name: "log (7, 9, 3)", py: "ndi.gaussian_laplace(v, np_order([7, 9, 3], nd), mode=m)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, _ float64) (*gips.Image, error) {
				out, err := newOutput("", img, gips.Real64)
				if err != nil {
					return nil, err
				}
				return out, GaussianLaplaceInto(out, img, [3]float64{7, 9, 3}, WithMode(m))
			}},
	}
	compareRef(t, 23, []gips.BufferType{gips.UInt16}, modes, 0, numpyTuple, cases)
}
