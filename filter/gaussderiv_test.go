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
