package filter

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// Mode is how a filter reads beyond the border: gips.BorderMode, whose
// documentation gives the five modes' meanings. The names are repeated
// here so that a call reads filter.Gaussian(img, 2, filter.WithMode(filter.Wrap)).
type Mode = gips.BorderMode

const (
	Reflect  = gips.Reflect // scipy's default
	Nearest  = gips.Nearest
	Mirror   = gips.Mirror
	Constant = gips.Constant
	Wrap     = gips.Wrap
)

// ModeNames lists the modes as ParseMode reads them.
var ModeNames = gips.BorderModeNames

// ParseMode reads a scipy mode name (gips.ParseBorderMode).
func ParseMode(s string) (Mode, error) { return gips.ParseBorderMode(s) }

// Option changes a filter's border mode, constant, truncation or output type.
type Option func(*config)

type config struct {
	mode     Mode
	cval     float64
	truncate float64
	output   gips.BufferType // 0: the function's default
	precise  bool            // the Gaussian's float path even where fixed point applies
}

// WithMode sets the border mode (default Reflect).
func WithMode(m Mode) Option { return func(c *config) { c.mode = m } }

// WithCval sets the value read beyond the border in Constant mode (default 0).
func WithCval(v float64) Option { return func(c *config) { c.cval = v } }

// WithTruncate sets how many sigmas the Gaussian kernel reaches (default 4):
// its radius is int(truncate*sigma + 0.5) pixels, as in scipy.
func WithTruncate(t float64) Option { return func(c *config) { c.truncate = t } }

// WithOutput sets the buffer type of an allocated output (the forms that
// take a destination use the destination's type).
func WithOutput(t gips.BufferType) Option { return func(c *config) { c.output = t } }

// WithPrecise makes the Gaussian of a UInt8 image into UInt8 take the
// float path (within float32 rounding of scipy's float64 value, then
// rounded) instead of the faster fixed-point one, which is within one grey
// level of it (see Gaussian). Other filters ignore it.
func WithPrecise() Option { return func(c *config) { c.precise = true } }

func collect(opts []Option) config {
	c := config{mode: Reflect, truncate: 4}
	for _, o := range opts {
		o(&c)
	}
	return c
}

func (c config) check(fn string) error {
	if c.mode > Wrap {
		return fmt.Errorf("%s: %v: %w", fn, c.mode, ErrParam)
	}
	if !(c.truncate >= 0) {
		return fmt.Errorf("%s: truncate %v must be >= 0: %w", fn, c.truncate, ErrParam)
	}
	if c.output != 0 && (!c.output.Valid() || c.output == gips.Binary || c.output.IsLabel()) {
		return fmt.Errorf("%s: output type %v: want a plain numeric type: %w", fn, c.output, gips.ErrBufferType)
	}
	return nil
}
