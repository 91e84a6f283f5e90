package filter

import (
	"fmt"
	"math"
	"strings"

	"github.com/gipsdev/gips"
)

// Axis selects what an edge filter (Sobel, Prewitt, Scharr) computes: the
// derivative along one axis, or the gradient magnitude over every axis.
// Axes are named, not numbered, so that Go (x first) and Python (numpy
// order) cannot disagree: AxisX is numpy's last axis (scipy's axis=-1).
type Axis int

const (
	AxisX     Axis = iota // along x: numpy's last axis
	AxisY                 // along y
	AxisZ                 // along z: numpy's axis 0 of a volume
	Magnitude             // sqrt of the sum of the squared derivatives along every axis
)

// AxisNames are the names ParseAxis reads, in Axis order.
var AxisNames = []string{"x", "y", "z", "magnitude"}

// ParseAxis reads an axis name: x, y, z or magnitude.
func ParseAxis(s string) (Axis, error) {
	for i, n := range AxisNames {
		if strings.EqualFold(s, n) {
			return Axis(i), nil
		}
	}
	return 0, fmt.Errorf("axis %q: want one of %q: %w", s, AxisNames, ErrParam)
}

func (a Axis) String() string {
	if a >= 0 && int(a) < len(AxisNames) {
		return AxisNames[a]
	}
	return fmt.Sprintf("Axis(%d)", int(a))
}

// The smoothing kernels of the edge filters; the derivative is always
// [-1, 0, 1] (correlation: right minus left).
var (
	sobelSmooth   = []float64{1, 2, 1}
	prewittSmooth = []float64{1, 1, 1}
	scharrSmooth  = []float64{3, 10, 3}
	derivative    = []float64{-1, 0, 1}
)

// Sobel is scipy.ndimage.sobel along one axis, or the gradient magnitude
// sqrt(Σ sobel(axis)²) over every axis (Magnitude; scipy's
// generic_gradient_magnitude(img, sobel)): the [-1, 0, 1] derivative along
// the axis, then the [1, 2, 1] smoothing along each other axis (numpy's
// order), each pass reading beyond the border by the mode (Reflect by
// default; Constant reads cval in every pass, as scipy).
//
// normalize gives skimage.filters.sobel's scale instead: the smoothing
// weights sum to 1 ([1, 2, 1]/4) and the magnitude is divided by
// sqrt(ndim). It equals skimage's value on a float image (skimage first
// scales integer images to [0, 1] or [-1, 1]); in Constant mode with a
// nonzero cval skimage's non-separable convolution reads cval only once,
// so its values differ near the border.
//
// The output is Real32 unless WithOutput asks for another type (scipy
// keeps the input's type, where unsigned derivatives wrap around);
// integer outputs are rounded half away from zero and saturated.
// Accumulation is in float32 (float64 for 32-bit integer and Real64
// inputs). Each channel and time point is filtered on its own.
func Sobel(img *gips.Image, axis Axis, normalize bool, opts ...Option) (*gips.Image, error) {
	return edgeAlloc("sobel", img, sobelSmooth, axis, normalize, opts)
}

// SobelInto is Sobel into a caller's image of src's sizes, whose buffer
// type is the output type. dst may be src.
func SobelInto(dst, src *gips.Image, axis Axis, normalize bool, opts ...Option) error {
	return edgeInto("sobel", dst, src, sobelSmooth, axis, normalize, collect(opts))
}

// Prewitt is Sobel with the smoothing [1, 1, 1] (scipy.ndimage.prewitt;
// normalized: [1, 1, 1]/3, skimage.filters.prewitt).
func Prewitt(img *gips.Image, axis Axis, normalize bool, opts ...Option) (*gips.Image, error) {
	return edgeAlloc("prewitt", img, prewittSmooth, axis, normalize, opts)
}

// PrewittInto is Prewitt into a caller's image (see SobelInto).
func PrewittInto(dst, src *gips.Image, axis Axis, normalize bool, opts ...Option) error {
	return edgeInto("prewitt", dst, src, prewittSmooth, axis, normalize, collect(opts))
}

// Scharr is Sobel with the smoothing [3, 10, 3] (the scipy-style
// definition: correlate1d with [-1, 0, 1] along the axis and [3, 10, 3]
// along the others; normalized: [3, 10, 3]/16, skimage.filters.scharr).
func Scharr(img *gips.Image, axis Axis, normalize bool, opts ...Option) (*gips.Image, error) {
	return edgeAlloc("scharr", img, scharrSmooth, axis, normalize, opts)
}

// ScharrInto is Scharr into a caller's image (see SobelInto).
func ScharrInto(dst, src *gips.Image, axis Axis, normalize bool, opts ...Option) error {
	return edgeInto("scharr", dst, src, scharrSmooth, axis, normalize, collect(opts))
}

// Laplace is scipy.ndimage.laplace: the sum over every axis of the second
// difference [1, -2, 1] along it. Output, accumulation and borders as
// Sobel.
func Laplace(img *gips.Image, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	out, err := newOutput("laplace", img, c.output)
	if err != nil {
		return nil, err
	}
	return out, laplaceInto(out, img, c)
}

// LaplaceInto is Laplace into a caller's image (see SobelInto).
func LaplaceInto(dst, src *gips.Image, opts ...Option) error {
	return laplaceInto(dst, src, collect(opts))
}

func edgeAlloc(fn string, img *gips.Image, smooth []float64, axis Axis, normalize bool, opts []Option) (*gips.Image, error) {
	c := collect(opts)
	if err := c.check(fn); err != nil {
		return nil, err
	}
	out, err := newOutput(fn, img, c.output)
	if err != nil {
		return nil, err
	}
	return out, edgeInto(fn, out, img, smooth, axis, normalize, c)
}

func edgeInto(fn string, dst, src *gips.Image, smooth []float64, axis Axis, normalize bool, c config) error {
	if err := c.check(fn); err != nil {
		return err
	}
	nd := ndims(src)
	if axis < 0 || axis > Magnitude || (axis == AxisZ && nd == 2) {
		return fmt.Errorf("%s: axis %v for a %dD image: want x, y%s or magnitude: %w", fn, axis, nd, map[bool]string{true: ", z"}[nd == 3], ErrParam)
	}
	if normalize {
		s := 0.0
		for _, w := range smooth {
			s += w
		}
		n := make([]float64, len(smooth))
		for i, w := range smooth {
			n[i] = w / s
		}
		smooth = n
	}
	if wide(src.Type()) {
		return edgeRun[float64](fn, dst, src, smooth, axis, normalize, c)
	}
	return edgeRun[float32](fn, dst, src, smooth, axis, normalize, c)
}

func edgeRun[A accum](fn string, dst, src *gips.Image, smooth []float64, axis Axis, normalize bool, c config) error {
	nd := ndims(src)
	sm, de := kernelAs[A](smooth), kernelAs[A](derivative)
	cv := A(c.cval)
	component := func(v field[A], a int) field[A] {
		v.correlate(a, de, c.mode, cv) // the derivative first, as scipy
		for b := nd - 1; b >= 0; b-- {
			if b != a {
				v.correlate(b, sm, c.mode, cv)
			}
		}
		return v
	}
	if canStream(src, c) {
		div := 1.0
		if normalize {
			div = math.Sqrt(float64(nd))
		}
		return runEdge[A](fn, dst, src, edgeSpec{s0: smooth[0], s1: smooth[1], axis: axis, div: div}, c)
	}
	return volumes(fn, dst, src, 1, func(v field[A]) ([]field[A], error) {
		if axis != Magnitude {
			return []field[A]{component(v, int(axis))}, nil
		}
		acc := newField[A](v.w, v.h, v.d)
		tmp := pooledField[A](v.w, v.h, v.d) // a copy of v before each use
		defer tmp.release()
		for a := nd - 1; a >= 0; a-- {
			copy(tmp.pix, v.pix)
			component(tmp, a)
			for i, x := range tmp.pix {
				acc.pix[i] += x * x
			}
		}
		div := 1.0
		if normalize {
			div = math.Sqrt(float64(nd))
		}
		sqrtField(acc, div)
		return []field[A]{acc}, nil
	})
}

// sqrtField sets every value to its square root divided by div.
func sqrtField[A accum](f field[A], div float64) {
	for i, x := range f.pix {
		f.pix[i] = A(math.Sqrt(float64(x)) / div)
	}
}

func laplaceInto(dst, src *gips.Image, c config) error {
	if err := c.check("laplace"); err != nil {
		return err
	}
	if done, err := laplaceU8(dst, src, c); done {
		return err
	}
	if done, err := laplaceF32(dst, src, c); done {
		return err
	}
	if wide(src.Type()) {
		return laplaceRun[float64](dst, src, c)
	}
	return laplaceRun[float32](dst, src, c)
}

func laplaceRun[A accum](dst, src *gips.Image, c config) error {
	nd := ndims(src)
	k := kernelAs[A]([]float64{1, -2, 1})
	if canStream(src, c) {
		comps := [][3][]A{{k, nil, nil}, {nil, k, nil}, {nil, nil, k}}
		return streamComps("laplace", dst, src, comps[:nd], sumOf, 1, c)
	}
	return volumes("laplace", dst, src, 1, func(v field[A]) ([]field[A], error) {
		acc := newField[A](v.w, v.h, v.d)
		tmp := pooledField[A](v.w, v.h, v.d) // a copy of v before each use
		defer tmp.release()
		for a := nd - 1; a >= 0; a-- {
			copy(tmp.pix, v.pix)
			tmp.correlate(a, k, c.mode, A(c.cval))
			add(acc.pix, tmp.pix)
		}
		return []field[A]{acc}, nil
	})
}

// ndims is 3 for a volume, 2 otherwise: the axes a filter runs along.
func ndims(img *gips.Image) int {
	if img.Geometry().Volume {
		return 3
	}
	return 2
}

func kernelAs[A accum](k []float64) []A {
	out := make([]A, len(k))
	for i, v := range k {
		out[i] = A(v)
	}
	return out
}
