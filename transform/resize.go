package transform

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/filter"
	"github.com/gipsdev/gips/stats"
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
	g := img.Geometry()
	if !g.Volume {
		sz = 1
	}
	c, err := resizeConfigOf(g, [3]int{sx, sy, sz}, opts)
	if err != nil {
		return nil, err
	}
	og := g
	og.SizeX, og.SizeY, og.SizeZ = sx, sy, sz
	og.Type = c.outputType(g.Type)
	dst, err := gips.CreateImage(og)
	if err != nil {
		return nil, fmt.Errorf("resize: %w", err)
	}
	cal := img.Calibration()
	cal.X *= float64(g.SizeX) / float64(sx)
	cal.Y *= float64(g.SizeY) / float64(sy)
	cal.Z *= float64(g.SizeZ) / float64(sz)
	dst.SetCalibration(cal)
	return dst, resizeInto(dst, img, c)
}

// ResizeInto is Resize into dst, whose sizes are the output shape and
// whose buffer type is Resize's output type for src. dst must not share
// memory with src.
func ResizeInto(dst, src *gips.Image, opts ...ResizeOption) error {
	g, og := src.Geometry(), dst.Geometry()
	c, err := resizeConfigOf(g, [3]int{og.SizeX, og.SizeY, og.SizeZ}, opts)
	if err != nil {
		return err
	}
	if t := c.outputType(g.Type); og.Type != t || og.SizeC != g.SizeC || og.SizeT != g.SizeT || og.Volume != g.Volume {
		return fmt.Errorf("resize: output %v for input %v: want type %v and the input's channels and time points: %w", og, g, t, gips.ErrShape)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("resize: %w", err)
	}
	return resizeInto(dst, src, c)
}

// outputType is Resize's output type for input type t.
func (c *resizeConfig) outputType(t gips.BufferType) gips.BufferType {
	if c.order > 0 && !t.IsFloat() {
		return gips.Real64
	}
	return t
}

// resizeConfigOf checks the options and the output sizes out.
func resizeConfigOf(g gips.Geometry, out [3]int, opts []ResizeOption) (resizeConfig, error) {
	c := resizeConfig{order: 1, mode: PadReflect, clip: true, antiAliasing: -1}
	for _, o := range opts {
		o(&c)
	}
	if c.order < 0 || c.order > maxOrder {
		return c, fmt.Errorf("resize: order %d: want 0 to %d: %w", c.order, maxOrder, ErrParam)
	}
	if c.mode > PadWrap {
		return c, fmt.Errorf("resize: mode %v: %w", c.mode, ErrParam)
	}
	if !numeric(g.Type) {
		return c, fmt.Errorf("resize: input type %v: want a plain numeric type: %w", g.Type, gips.ErrBufferType)
	}
	if !g.Volume {
		out[2] = 1
	}
	for a, n := range out {
		if n < 1 || n > maxZoomSide {
			return c, fmt.Errorf("resize: output size %d along %c: want 1 to %d: %w", n, "xyz"[a], maxZoomSide, ErrParam)
		}
	}
	og := g
	og.SizeX, og.SizeY, og.SizeZ = out[0], out[1], out[2]
	if err := checkGrowth("resize", "output size", g, og); err != nil {
		return c, err
	}
	if c.sigma != nil {
		for a, s := range c.sigma {
			if !(s >= 0) || math.IsInf(s, 0) {
				return c, fmt.Errorf("resize: anti-aliasing sigma %v along %c: want a finite value >= 0: %w", s, "xyz"[a], ErrParam)
			}
		}
	}
	return c, nil
}

// aaSigma is the anti-aliasing Gaussian's sigma along x, y, z for input
// sizes in and output sizes out, and whether there is one: skimage's
// rule (see AntiAliasing).
func (c *resizeConfig) aaSigma(t gips.BufferType, in, out [3]int) (s [3]float64, on bool) {
	on = c.antiAliasing == 1
	if c.antiAliasing < 0 {
		shrinks := false
		for a := range 3 {
			shrinks = shrinks || out[a] < in[a]
		}
		on = (c.order > 0 || t.IsFloat()) && shrinks
	}
	if !on {
		return s, false
	}
	for a := range 3 {
		s[a] = max(0, (float64(in[a])/float64(out[a])-1)/2)
		if c.sigma != nil {
			s[a] = c.sigma[a]
		}
	}
	return s, true
}

// resizeInto is Resize's work into dst (checked arguments): the fused
// pass of resize_fast.go when it applies, else skimage's steps one image
// at a time (float conversion, Gaussian, zoom, clip).
func resizeInto(dst, img *gips.Image, c resizeConfig) error {
	g, og := img.Geometry(), dst.Geometry()
	in := [3]int{g.SizeX, g.SizeY, g.SizeZ}
	out := [3]int{og.SizeX, og.SizeY, og.SizeZ}
	sigma, aa := c.aaSigma(g.Type, in, out)
	if ok, err := resizeFast(dst, img, &c, sigma); ok || err != nil {
		return err
	}
	src := img
	if c.order > 0 && !g.Type.IsFloat() {
		var err error
		if src, err = toFloat(img, c.preserveRange); err != nil {
			return err
		}
	}
	lo, hi := imageRange(src)
	if aa {
		var err error
		src, err = filter.GaussianXYZ(src, sigma[0], sigma[1], sigma[2], filter.WithMode(c.mode.borderMode()), filter.WithCval(c.cval),
			filter.WithOutput(src.Type()))
		if err != nil {
			return fmt.Errorf("resize: anti-aliasing: %w", err)
		}
	}
	if err := ZoomInto(dst, src, WithOrder(c.order), WithMode(c.mode.ndimageMode()), WithCval(c.cval), WithGridMode(true)); err != nil {
		return fmt.Errorf("resize: %w", err)
	}
	if c.clip && !math.IsNaN(lo) {
		olo, ohi := imageRange(dst)
		if c.mode == PadConstant && !(lo <= c.cval && c.cval <= hi) && olo <= c.cval && c.cval <= ohi {
			lo, hi = min(lo, c.cval), max(hi, c.cval)
		}
		clipImage(dst, lo, hi)
	}
	return nil
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
	if !img.Type().IsFloat() {
		// Integers hold no NaN: stats' one pass, vector loops on every
		// worker (this scan took 1.2-1.4 ms of a 4096x4096 halving on one
		// core).
		if lo, hi, err := stats.Extremes(img); err == nil && img.Geometry().Pixels() > 0 {
			return lo, hi
		}
		return math.NaN(), math.NaN()
	}
	var r [2]float64
	if gips.Dispatch(img.Type(), gips.AllKernels(rangeOf[uint8], rangeOf[int8], rangeOf[uint16], rangeOf[int16],
		rangeOf[uint32], rangeOf[int32], rangeOf[float32], rangeOf[float64]), rangeArgs{img, &r}) != nil {
		return math.NaN(), math.NaN()
	}
	return r[0], r[1]
}

type rangeArgs struct {
	img *gips.Image
	r   *[2]float64
}

func rangeOf[T gips.Pixel](a rangeArgs) error {
	ps, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	lo, hi := math.NaN(), math.NaN()
	for _, p := range ps {
		for y := 0; y < p.Height; y++ {
			for _, t := range p.Row(y) {
				v := float64(t)
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
	a.r[0], a.r[1] = lo, hi
	return nil
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
