package morpho

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// Option sets a border mode or constant.
type Option func(*config)

type config struct {
	mode gips.BorderMode
	cval float64
}

// WithMode sets the border mode of the grey ops (default gips.Reflect, as
// scipy.ndimage).
func WithMode(m gips.BorderMode) Option { return func(c *config) { c.mode = m } }

// WithCval sets the value read beyond the border in gips.Constant mode
// (default 0). For an integer image it is truncated toward zero and
// clamped to the type's range, which gives scipy's results (scipy
// computes with the double and casts the result).
func WithCval(v float64) Option { return func(c *config) { c.cval = v } }

func collect(fn string, opts []Option) (config, error) {
	c := config{mode: gips.Reflect}
	for _, o := range opts {
		o(&c)
	}
	if c.mode > gips.Wrap {
		return c, fmt.Errorf("%s: mode %v: %w", fn, c.mode, gips.ErrParam)
	}
	return c, nil
}

// ndim is 3 for a volume, 2 otherwise.
func ndim(g gips.Geometry) int {
	if g.Volume {
		return 3
	}
	return 2
}

// checkPair checks that dst can take the result of an op on src: writable,
// the same sizes, and of type want.
func checkPair(fn string, dst, src *gips.Image, want gips.BufferType) error {
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: output: %w", fn, err)
	}
	gd, gs := dst.Geometry(), src.Geometry()
	if gd.SizeX != gs.SizeX || gd.SizeY != gs.SizeY || gd.SizeZ != gs.SizeZ || gd.SizeC != gs.SizeC || gd.SizeT != gs.SizeT {
		return fmt.Errorf("%s: output %v for input %v: the sizes must be equal: %w", fn, gd, gs, gips.ErrShape)
	}
	if gd.Type != want {
		return fmt.Errorf("%s: output type %v: want %v: %w", fn, gd.Type, want, gips.ErrBufferType)
	}
	return nil
}
