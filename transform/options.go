package transform

import (
	"errors"
	"fmt"

	"github.com/gipsdev/gips"
)

// ErrParam is gips.ErrParam: a parameter outside what a function accepts.
var ErrParam = gips.ErrParam

// Option changes an interpolating function's order, mode, constant,
// grid mode or output type.
type Option func(*config)

type config struct {
	order    int
	mode     Mode
	cval     float64
	gridMode bool
	output   gips.BufferType // 0: the input's type
	axes     Axes
	keepSize bool // Rotate: reshape=False
}

// WithOrder sets the spline order, 0 (nearest sample) to 5; 3 (cubic) by
// default, as in scipy.
func WithOrder(o int) Option { return func(c *config) { c.order = o } }

// WithMode sets how points outside the input are read (Constant by default,
// as in scipy's interpolation functions).
func WithMode(m Mode) Option { return func(c *config) { c.mode = m } }

// WithCval sets the value beyond the border in the constant modes (0).
func WithCval(v float64) Option { return func(c *config) { c.cval = v } }

// WithGridMode makes Zoom scale the pixels' full extent rather than the
// distance between the first and last pixel centres (scipy's grid_mode).
func WithGridMode(on bool) Option { return func(c *config) { c.gridMode = on } }

// WithOutput sets the buffer type of an allocated output (default: the
// input's, as scipy). The Into forms use the destination's type.
func WithOutput(t gips.BufferType) Option { return func(c *config) { c.output = t } }

// WithAxes sets the plane Rotate turns in (XY by default).
func WithAxes(a Axes) Option { return func(c *config) { c.axes = a } }

// WithReshape(false) keeps Rotate's output at the input's sizes; by default
// (true, as scipy) the output grows to hold the whole rotated input.
func WithReshape(on bool) Option { return func(c *config) { c.keepSize = !on } }

func collect(opts []Option) config {
	c := config{order: 3, mode: Constant}
	for _, o := range opts {
		o(&c)
	}
	return c
}

func (c config) check(fn string) error {
	if c.order < 0 || c.order > maxOrder {
		return fmt.Errorf("%s: order %d: want 0 to %d: %w", fn, c.order, maxOrder, ErrParam)
	}
	if int(c.mode) >= len(modeNames) {
		return fmt.Errorf("%s: mode %v: %w", fn, c.mode, ErrParam)
	}
	if c.axes > YZ {
		return fmt.Errorf("%s: axes %v: %w", fn, c.axes, ErrParam)
	}
	if c.output != 0 && !numeric(c.output) {
		return fmt.Errorf("%s: output type %v: want a plain numeric type: %w", fn, c.output, gips.ErrBufferType)
	}
	return nil
}

func numeric(t gips.BufferType) bool {
	return t.Valid() && t != gips.Binary && !t.IsLabel()
}

// checkIO checks what every transform checks of its images: plain numeric
// types, a writable destination of the source's channels and time points,
// and no sharing of memory that the transform would read after writing.
func checkIO(fn string, dst, src *gips.Image) error {
	if dst == nil || src == nil {
		return fmt.Errorf("%s: nil image: %w", fn, ErrParam)
	}
	if !numeric(src.Type()) {
		return fmt.Errorf("%s: input type %v: want a plain numeric type: %w", fn, src.Type(), gips.ErrBufferType)
	}
	if !numeric(dst.Type()) {
		return fmt.Errorf("%s: output type %v: want a plain numeric type: %w", fn, dst.Type(), gips.ErrBufferType)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: output: %w", fn, err)
	}
	gs, gd := src.Geometry(), dst.Geometry()
	if gs.SizeC != gd.SizeC || gs.SizeT != gd.SizeT || gs.Volume != gd.Volume {
		return fmt.Errorf("%s: output %v and input %v differ in channels, time points or dimensions: %w", fn, gd, gs, gips.ErrShape)
	}
	if overlaps(dst, src) {
		return fmt.Errorf("%s: output shares memory with the input: %w", fn, ErrParam)
	}
	return nil
}

// overlaps reports whether a plane of a and a plane of b share memory (by
// the address range each plane spans).
func overlaps(a, b *gips.Image) bool {
	type span struct{ lo, hi uintptr }
	spans := func(img *gips.Image) []span {
		out := make([]span, img.NumPlanes())
		for i := range out {
			r0, r1 := img.Row(i, 0), img.Row(i, img.SizeY()-1)
			p0, p1 := uintptr(unsafePointer(r0)), uintptr(unsafePointer(r1))
			out[i] = span{min(p0, p1), max(p0, p1) + uintptr(len(r0))}
		}
		return out
	}
	sb := spans(b)
	for _, s := range spans(a) {
		for _, t := range sb {
			if s.lo < t.hi && t.lo < s.hi {
				return true
			}
		}
	}
	return false
}

var errNoSize = errors.New("output size below 1")

// maxGrowth bounds how much larger than its input a transform's output may
// be (in pixels) before the size is taken for a mistake: an output is
// allocated from parameters (a factor, widths, a shape), and a typo must
// not become an allocation of terabytes. 2^28 pixels are always allowed.
const maxGrowth = 512

// checkGrowth is the error for an output geometry that maxGrowth refuses;
// what names the parameter at fault.
func checkGrowth(fn, what string, in, out gips.Geometry) error {
	if err := out.Validate(); err != nil {
		return fmt.Errorf("%s: %s: %w", fn, what, err)
	}
	n, limit := float64(out.Pixels()), max(float64(in.Pixels())*maxGrowth, 1<<28)
	if n > limit {
		return fmt.Errorf("%s: %s gives %v pixels from %d: more than %v: %w", fn, what, n, in.Pixels(), limit, ErrParam)
	}
	return nil
}
