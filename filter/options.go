package filter

import (
	"fmt"
	"strings"

	"github.com/gipsdev/gips"
)

// Mode is how a filter reads beyond the border, with scipy.ndimage's names
// and meanings. For a line a b c d:
//
//	Reflect   d c b a | a b c d | d c b a   (the edge pixel repeated)
//	Mirror      d c b | a b c d | c b a     (the edge pixel not repeated)
//	Nearest   a a a a | a b c d | d d d d
//	Constant  k k k k | a b c d | k k k k   (k = cval)
//	Wrap      a b c d | a b c d | a b c d   (periodic)
//
// The patterns repeat when the filter reaches further than the line is
// long. Wrap is scipy's "wrap", which for filters is the same as its
// "grid-wrap" (the two differ only in scipy's interpolation functions);
// Constant is likewise scipy's "constant" and "grid-constant".
type Mode uint8

const (
	Reflect Mode = iota // scipy's default
	Nearest
	Mirror
	Constant
	Wrap
)

var modeNames = [...]string{Reflect: "reflect", Nearest: "nearest", Mirror: "mirror", Constant: "constant", Wrap: "wrap"}

// ModeNames lists the modes as ParseMode reads them.
var ModeNames = modeNames[:]

func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// ParseMode reads a scipy mode name; "grid-wrap" and "grid-constant" are
// accepted as the synonyms they are for filters.
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(s) {
	case "grid-wrap":
		return Wrap, nil
	case "grid-constant":
		return Constant, nil
	}
	for m, n := range modeNames {
		if strings.EqualFold(s, n) {
			return Mode(m), nil
		}
	}
	return 0, fmt.Errorf("border mode %q: want one of %q: %w", s, modeNames, ErrParam)
}

// Option changes a filter's border mode, constant, truncation or output type.
type Option func(*config)

type config struct {
	mode     Mode
	cval     float64
	truncate float64
	output   gips.BufferType // 0: the function's default
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
