package transform

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/filter"
)

// ResizeOption changes Resize: the spline order (1 by default, as
// skimage), the mode (numpy.pad's names, reflect by default), cval, the
// anti-aliasing, clipping and range preservation.
type ResizeOption func(*resizeConfig)

type resizeConfig struct {
	order         int
	mode          PadMode
	cval          float64
	clip          bool
	preserveRange bool
	antiAliasing  int // -1 auto, 0 off, 1 on
	sigma         []float64
}

// ResizeOrder sets the spline order (0 to 5; 1 by default).
func ResizeOrder(o int) ResizeOption { return func(c *resizeConfig) { c.order = o } }

// ResizeMode sets the border mode by numpy.pad's name, as skimage does
// (PadReflect by default; skimage translates it to scipy's mirror).
func ResizeMode(m PadMode) ResizeOption { return func(c *resizeConfig) { c.mode = m } }

// ResizeCval sets the value beyond the border in PadConstant mode.
func ResizeCval(v float64) ResizeOption { return func(c *resizeConfig) { c.cval = v } }

// ResizeClip(false) keeps values outside the input's range (on by default).
func ResizeClip(on bool) ResizeOption { return func(c *resizeConfig) { c.clip = on } }

// PreserveRange keeps integer values as they are instead of scaling them
// to [0, 1] (skimage's preserve_range).
func PreserveRange(on bool) ResizeOption { return func(c *resizeConfig) { c.preserveRange = on } }

// AntiAliasing switches the Gaussian smoothing before shrinking on or off
// (default: on when any axis shrinks, skimage's rule, except for order 0
// on integer images, which skimage would smooth in the integer type).
func AntiAliasing(on bool) ResizeOption {
	return func(c *resizeConfig) {
		c.antiAliasing = 0
		if on {
			c.antiAliasing = 1
		}
	}
}

// AntiAliasingSigma sets the Gaussian's sigma along x, y, z (default
// max(0, (factor-1)/2) with factor = input size / output size).
func AntiAliasingSigma(sx, sy, sz float64) ResizeOption {
	return func(c *resizeConfig) { c.sigma = []float64{sx, sy, sz} }
}

// ndimageMode is skimage's translation of a numpy.pad mode for
// scipy.ndimage (grid variants of constant and wrap).
func (m PadMode) ndimageMode() Mode {
	return [...]Mode{PadConstant: GridConstant, PadEdge: Nearest, PadReflect: Mirror, PadSymmetric: Reflect, PadWrap: GridWrap}[m]
}

// Resize is skimage.transform.resize to sx by sy (by sz) pixels:
// integers are scaled to [0, 1] as img_as_float (unless PreserveRange;
// order 0 keeps the input's type), an axis that shrinks is first smoothed
// with a Gaussian of sigma (factor-1)/2, then scipy's zoom in grid mode
// (pixel edges aligned) with the order and mode, and the result is
// clipped to the input's range (widened to cval in constant mode when the
// output reaches it). Output: Real32 for Real32, Real64 otherwise (the
// input's type at order 0 on integers).
func Resize(img *gips.Image, sx, sy, sz int, opts ...ResizeOption) (*gips.Image, error) {
	c := resizeConfig{order: 1, mode: PadReflect, clip: true, antiAliasing: -1}
	for _, o := range opts {
		o(&c)
	}
	g := img.Geometry()
	if !g.Volume {
		sz = 1
	}
	if c.order < 0 || c.order > maxOrder {
		return nil, fmt.Errorf("resize: order %d: want 0 to %d: %w", c.order, maxOrder, ErrParam)
	}
	if c.mode > PadWrap {
		return nil, fmt.Errorf("resize: mode %v: %w", c.mode, ErrParam)
	}
	if !numeric(g.Type) {
		return nil, fmt.Errorf("resize: input type %v: want a plain numeric type: %w", g.Type, gips.ErrBufferType)
	}
	out := [3]int{sx, sy, sz}
	in := [3]int{g.SizeX, g.SizeY, g.SizeZ}
	for a, n := range out {
		if n < 1 || n > maxZoomSide {
			return nil, fmt.Errorf("resize: output size %d along %c: want 1 to %d: %w", n, "xyz"[a], maxZoomSide, ErrParam)
		}
	}
	og0 := g
	og0.SizeX, og0.SizeY, og0.SizeZ = sx, sy, sz
	if err := checkGrowth("resize", "output size", g, og0); err != nil {
		return nil, err
	}
	src := img
	if c.order > 0 && !g.Type.IsFloat() {
		var err error
		if src, err = toFloat(img, c.preserveRange); err != nil {
			return nil, err
		}
	}
	lo, hi := imageRange(src)
	aa := c.antiAliasing == 1
	if c.antiAliasing < 0 {
		aa = c.order > 0 || g.Type.IsFloat()
		shrinks := false
		for a := range 3 {
			shrinks = shrinks || out[a] < in[a]
		}
		aa = aa && shrinks
	}
	if aa {
		var s [3]float64
		for a := range 3 {
			s[a] = max(0, (float64(in[a])/float64(out[a])-1)/2)
			if c.sigma != nil {
				s[a] = c.sigma[a]
			}
			if !(s[a] >= 0) || math.IsInf(s[a], 0) {
				return nil, fmt.Errorf("resize: anti-aliasing sigma %v along %c: want a finite value >= 0: %w", s[a], "xyz"[a], ErrParam)
			}
		}
		var err error
		src, err = filter.GaussianXYZ(src, s[0], s[1], s[2], filter.WithMode(c.mode.borderMode()), filter.WithCval(c.cval),
			filter.WithOutput(src.Type()))
		if err != nil {
			return nil, fmt.Errorf("resize: anti-aliasing: %w", err)
		}
	}
	og := src.Geometry()
	og.SizeX, og.SizeY, og.SizeZ = sx, sy, sz
	dst, err := gips.CreateImage(og)
	if err != nil {
		return nil, fmt.Errorf("resize: %w", err)
	}
	cal := img.Calibration()
	cal.X *= float64(in[0]) / float64(sx)
	cal.Y *= float64(in[1]) / float64(sy)
	cal.Z *= float64(in[2]) / float64(sz)
	dst.SetCalibration(cal)
	if err := ZoomInto(dst, src, WithOrder(c.order), WithMode(c.mode.ndimageMode()), WithCval(c.cval), WithGridMode(true)); err != nil {
		return nil, fmt.Errorf("resize: %w", err)
	}
	if c.clip && !math.IsNaN(lo) {
		olo, ohi := imageRange(dst)
		if c.mode == PadConstant && !(lo <= c.cval && c.cval <= hi) && olo <= c.cval && c.cval <= ohi {
			lo, hi = min(lo, c.cval), max(hi, c.cval)
		}
		clipImage(dst, lo, hi)
	}
	return dst, nil
}

// toFloat is img as float64: skimage's img_as_float (integers times
// 1/max, signed ones clipped at -1), or the values as they are with
// preserve.
func toFloat(img *gips.Image, preserve bool) (*gips.Image, error) {
	f, err := gips.ConvertTo(img, gips.Real64)
	if err != nil {
		return nil, fmt.Errorf("resize: %w", err)
	}
	if preserve {
		return f, nil
	}
	_, hi := img.Type().Range()
	k := 1 / hi
	ps, _ := gips.Planes[float64](f)
	for _, p := range ps {
		for y := 0; y < p.Height; y++ {
			row := p.Row(y)
			for x, v := range row {
				row[x] = max(v*k, -1)
			}
		}
	}
	return f, nil
}

// imageRange is the smallest and largest value of img (NaN ignored; NaN
// if all are NaN).
func imageRange(img *gips.Image) (lo, hi float64) {
	lo, hi = math.NaN(), math.NaN()
	f, err := gips.ConvertTo(img, gips.Real64)
	if err != nil {
		return
	}
	ps, _ := gips.Planes[float64](f)
	for _, p := range ps {
		for y := 0; y < p.Height; y++ {
			for _, v := range p.Row(y) {
				if v != v {
					continue
				}
				if !(v >= lo) {
					lo = v
				}
				if !(v <= hi) {
					hi = v
				}
			}
		}
	}
	return
}

func clipImage(img *gips.Image, lo, hi float64) {
	switch img.Type() {
	case gips.Real32:
		clipPlanes[float32](img, lo, hi)
	case gips.Real64:
		clipPlanes[float64](img, lo, hi)
	}
}

func clipPlanes[T float32 | float64](img *gips.Image, lo, hi float64) {
	ps, _ := gips.Planes[T](img)
	l, h := T(lo), T(hi)
	for _, p := range ps {
		for y := 0; y < p.Height; y++ {
			row := p.Row(y)
			for x, v := range row {
				row[x] = min(max(v, l), h)
			}
		}
	}
}

// Resample zooms img to voxels of sx by sy by sz physical units from its
// calibration (the everyday "make it isotropic"): factor cal/spacing per
// axis, round(size*factor) pixels, pixel edges aligned (grid mode), linear
// interpolation and nearest border by default; opts override them. The
// output's calibration is the voxel size the rounded sizes give.
func Resample(img *gips.Image, sx, sy, sz float64, opts ...Option) (*gips.Image, error) {
	cal := img.Calibration()
	if !img.Geometry().Volume {
		sz = cal.Z
	}
	for a, s := range [3]float64{sx, sy, sz} {
		if !(s > 0) || math.IsInf(s, 0) {
			return nil, fmt.Errorf("resample: spacing %v along %c: want a finite value > 0: %w", s, "xyz"[a], ErrParam)
		}
	}
	opts = append([]Option{WithOrder(1), WithMode(Nearest), WithGridMode(true)}, opts...)
	out, err := Zoom(img, cal.X/sx, cal.Y/sy, cal.Z/sz, opts...)
	if err != nil {
		return nil, fmt.Errorf("resample: %w", err)
	}
	return out, nil
}
