package filter

import (
	"errors"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestSharpenMatchSkimageAllModes: differenceOfGaussians against
// skimage.filters.difference_of_gaussians (per-axis sigmas, skimage's
// default high sigma 1.6·low) and unsharpMask against
// skimage.filters.unsharp_mask(preserve_range=True) in reflect mode (the
// only one skimage offers) and its formula over scipy's gaussian_filter in
// the others; every type, layout and mode, float64 copies of the input.
func TestSharpenMatchSkimageAllModes(t *testing.T) {
	cases := []refCase{
		{name: "dog", py: "skf.difference_of_gaussians(v, np_order([1.2, 0.8, 1.5], nd), np_order([2.5, 1.9, 1.5], nd), mode=m, cval=cval, truncate=3.0)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				out, err := newOutput("", img, gips.Real64)
				if err != nil {
					return nil, err
				}
				return out, DifferenceOfGaussiansInto(out, img, [3]float64{1.2, 0.8, 1.5}, [3]float64{2.5, 1.9, 1.5}, WithMode(m), WithCval(cval), WithTruncate(3))
			}},
		{name: "dog default high", py: "skf.difference_of_gaussians(v, 1, mode=m, cval=cval)", tol: 1e-5,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return DifferenceOfGaussians(img, 1, 1.6, WithMode(m), WithCval(cval))
			}},
		{name: "unsharp", py: "skf.unsharp_mask(v, 1.5, 2.0, preserve_range=True) if m == 'reflect' else v + 2.0 * (v - ndi.gaussian_filter(v, 1.5, mode=m, cval=cval))", tol: 1e-5,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return UnsharpMask(img, 1.5, 2, WithMode(m), WithCval(cval), WithOutput(gips.Real64))
			}},
	}
	compareRef(t, 31, imgtest.NumericTypes, modes, 3.25, numpyTuple, cases)
}

// TestUnsharpMaskSameTypeSaturates: an in-type output is skimage's value
// rounded half away from zero and clipped to the type's range.
func TestUnsharpMaskSameTypeSaturates(t *testing.T) {
	cases := []refCase{
		{name: "unsharp uint8", py: "np.clip(rnd(skf.unsharp_mask(v, 1.0, 1.5, preserve_range=True)), 0, 255)", tol: 1.0 / 255,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return UnsharpMask(img, 1, 1.5, WithOutput(gips.UInt8))
			}},
	}
	compareRef(t, 32, []gips.BufferType{gips.UInt8}, []Mode{Reflect}, 0, "rnd = lambda x: np.copysign(np.floor(np.abs(x) + 0.5), x)\n", cases)
}

// TestLocalVarianceMatchesGenericFilter compares localVariance and
// localStd with scipy.ndimage.generic_filter(np.var / np.std) over the
// same box, an independent computation (one window at a time), with odd
// and even sizes per axis, every mode, cval 7.
func TestLocalVarianceMatchesGenericFilter(t *testing.T) {
	cases := []refCase{
		{name: "variance 3", py: "ndi.generic_filter(v, np.var, 3, mode=m, cval=cval)", tol: 1e-6,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return LocalVariance(img, 3, WithMode(m), WithCval(cval), WithOutput(gips.Real64))
			}},
		{name: "std (4, 3, 2)", py: "ndi.generic_filter(v, np.std, np_order([4, 3, 2], nd), mode=m, cval=cval)", tol: 1e-6,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				out, err := newOutput("", img, gips.Real64)
				if err != nil {
					return nil, err
				}
				return out, LocalStdInto(out, img, [3]int{4, 3, 2}, WithMode(m), WithCval(cval))
			}},
	}
	compareRef(t, 33, []gips.BufferType{gips.UInt8, gips.Int16, gips.Real32}, modes, 7, numpyTuple, cases)
}

func TestSharpenErrors(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 4, 3))
	if _, err := DifferenceOfGaussians(img, 2, 1); !errors.Is(err, ErrParam) || !contains(err, "high_sigma") {
		t.Errorf("high < low: %v", err)
	}
	if _, err := UnsharpMask(img, 1, 1, WithTruncate(1e9)); !errors.Is(err, ErrParam) || !contains(err, "radius") {
		t.Errorf("huge truncate: %v", err)
	}
	if _, err := LocalStd(img, 0); !errors.Is(err, ErrParam) || !contains(err, "size") {
		t.Errorf("size 0: %v", err)
	}
	if _, err := LocalVariance(img, 1<<20); !errors.Is(err, ErrParam) || !contains(err, "size") {
		t.Errorf("size 2^20: %v", err)
	}
}
