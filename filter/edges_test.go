package filter

import (
	"errors"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

func edgeCase(name string, f func(*gips.Image, Axis, bool, ...Option) (*gips.Image, error), axis Axis, normalize bool, py string, tol float64) refCase {
	return refCase{name: name, py: py, tol: tol, run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
		a := axis
		if a == AxisZ && ndims(img) == 2 {
			a = AxisY // the case's Python picks the same axis for 2D images
		}
		return f(img, a, normalize, WithMode(m), WithCval(cval), WithOutput(gips.Real64))
	}}
}

// scipyEdge is scipy's separable definition with smoothing s (scipy 1.10
// has sobel and prewitt but no scharr): correlate1d [-1, 0, 1] along the
// axis, then s along the others in numpy's order.
const scipyEdge = `
def edge(v, axis, s, m, cval):
    o = ndi.correlate1d(v, [-1, 0, 1], axis, mode=m, cval=cval)
    for b in range(v.ndim):
        if b != axis:
            o = ndi.correlate1d(o, s, b, mode=m, cval=cval)
    return o
def mag(v, s, m, cval):
    return np.sqrt(sum(edge(v, a, s, m, cval) ** 2 for a in range(v.ndim)))
`

// TestEdgesMatchScipyAllModes: sobel and prewitt per axis (x is numpy's
// last axis, z its first) and as magnitude against scipy.ndimage, scharr
// against scipy's correlate1d with [3, 10, 3], laplace against
// scipy.ndimage.laplace: every type, layout and mode, cval 2.5. float32
// accumulation: within 1e-5 of the input range.
func TestEdgesMatchScipyAllModes(t *testing.T) {
	cases := []refCase{
		edgeCase("sobel x", Sobel, AxisX, false, "ndi.sobel(v, -1, mode=m, cval=cval)", 1e-5),
		edgeCase("sobel y", Sobel, AxisY, false, "ndi.sobel(v, -2, mode=m, cval=cval)", 1e-5),
		edgeCase("sobel z", Sobel, AxisZ, false, "ndi.sobel(v, 0 if nd == 3 else -2, mode=m, cval=cval)", 1e-5),
		edgeCase("sobel magnitude", Sobel, Magnitude, false, "ndi.generic_gradient_magnitude(v, ndi.sobel, mode=m, cval=cval)", 1e-5),
		edgeCase("prewitt x", Prewitt, AxisX, false, "ndi.prewitt(v, -1, mode=m, cval=cval)", 1e-5),
		edgeCase("prewitt magnitude", Prewitt, Magnitude, false, "ndi.generic_gradient_magnitude(v, ndi.prewitt, mode=m, cval=cval)", 1e-5),
		edgeCase("scharr y", Scharr, AxisY, false, "edge(v, v.ndim - 2, [3, 10, 3], m, cval)", 1e-5),
		edgeCase("scharr magnitude", Scharr, Magnitude, false, "mag(v, [3, 10, 3], m, cval)", 1e-5),
		{name: "laplace", py: "ndi.laplace(v, mode=m, cval=cval)", tol: 1e-5, run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
			return Laplace(img, WithMode(m), WithCval(cval), WithOutput(gips.Real64))
		}},
	}
	compareRef(t, 11, imgtest.NumericTypes, modes, 2.5, scipyEdge, cases)
}

// TestEdgesNormalizedMatchSkimage: the normalize flag gives
// skimage.filters.sobel / prewitt / scharr (float input, so skimage does
// not rescale) per axis and as magnitude. skimage convolves with the full
// nD kernel and ignores cval (skimage 0.19.3 reads 0 beyond the border in
// constant mode), so this test uses cval 0. Axes are given to skimage as
// non-negative numbers: with axis=-1 skimage 0.19.3 also smooths along the
// derivative's axis.
func TestEdgesNormalizedMatchSkimage(t *testing.T) {
	cases := []refCase{
		edgeCase("sobel", Sobel, Magnitude, true, "skf.sobel(v, mode=m, cval=cval)", 1e-6),
		edgeCase("sobel x", Sobel, AxisX, true, "skf.sobel(v, axis=v.ndim - 1, mode=m, cval=cval)", 1e-6),
		edgeCase("prewitt", Prewitt, Magnitude, true, "skf.prewitt(v, mode=m, cval=cval)", 1e-6),
		edgeCase("scharr y", Scharr, AxisY, true, "skf.scharr(v, axis=v.ndim - 2, mode=m, cval=cval)", 1e-6),
		edgeCase("scharr", Scharr, Magnitude, true, "skf.scharr(v, mode=m, cval=cval)", 1e-6),
	}
	compareRef(t, 12, []gips.BufferType{gips.UInt16, gips.Real32, gips.Real64}, modes, 0, "", cases)
}

func TestEdgeErrors(t *testing.T) {
	img2, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 4, 3))
	if _, err := Sobel(img2, AxisZ, false); !errors.Is(err, ErrParam) || !contains(err, "axis") {
		t.Errorf("axis z on a 2D image: %v", err)
	}
	if _, err := Sobel(img2, Axis(7), false); !errors.Is(err, ErrParam) {
		t.Errorf("axis 7: %v", err)
	}
	if _, err := ParseAxis("w"); !errors.Is(err, ErrParam) {
		t.Errorf("ParseAxis(w): %v", err)
	}
	if _, err := Prewitt(img2, AxisX, false, WithMode(Mode(9))); !errors.Is(err, ErrParam) {
		t.Errorf("mode 9: %v", err)
	}
	if _, err := Laplace(img2, WithOutput(gips.Label16)); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("Label16 output: %v", err)
	}
	small, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 3, 3))
	if err := SobelInto(small, img2, AxisX, false); !errors.Is(err, gips.ErrShape) {
		t.Errorf("wrong destination size: %v", err)
	}
}
