package transform

import (
	"fmt"
	"strings"

	"github.com/gipsdev/gips"
)

// Mode is how an interpolating function reads beyond the image: the eight
// names of scipy.ndimage's interpolation functions (zoom, shift,
// affine_transform, rotate, map_coordinates), with their meanings in
// scipy 1.10. They differ from the five gips.BorderMode names of the
// neighbourhood filters in two places, because a spline is evaluated
// between pixels and so the two ways of placing the border differ:
//
//	Reflect       d c b a | a b c d | d c b a   (half-sample symmetric; "grid-mirror" is the same)
//	Mirror          d c b | a b c d | c b a     (whole-sample symmetric)
//	Nearest       a a a a | a b c d | d d d d
//	Wrap          b c d | a b c d | b c d       scipy's "wrap": a period of n-1 samples (the first and last sample are taken as the same point)
//	GridWrap      a b c d | a b c d | a b c d   (period n: the filters' wrap)
//	Constant      k k k k | a b c d | k k k k   no interpolation beyond the edge: a point outside [0, n-1] is cval
//	GridConstant  k k k k | a b c d | k k k k   the spline sees cval beyond the edge and interpolates across it
//
// Constant is scipy's default for these functions, and so it is here.
type Mode uint8

const (
	Constant Mode = iota // scipy's default for interpolation
	Reflect
	Mirror
	Nearest
	Wrap
	GridWrap
	GridConstant
	GridMirror // a synonym of Reflect, kept so that scipy's name reads back
)

var modeNames = [...]string{Constant: "constant", Reflect: "reflect", Mirror: "mirror", Nearest: "nearest",
	Wrap: "wrap", GridWrap: "grid-wrap", GridConstant: "grid-constant", GridMirror: "grid-mirror"}

// ModeNames lists the modes as ParseMode reads them, the default first.
var ModeNames = modeNames[:]

func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// ParseMode reads one of scipy's interpolation mode names, without regard
// to case.
func ParseMode(s string) (Mode, error) {
	for m, n := range modeNames {
		if strings.EqualFold(s, n) {
			return Mode(m), nil
		}
	}
	return 0, fmt.Errorf("mode %q: want one of %q: %w", s, modeNames, gips.ErrParam)
}

// FromBorderMode is the interpolation mode that a filter's border mode
// names: the same name, so gips.Wrap becomes scipy's "wrap" (period n-1),
// not GridWrap.
func FromBorderMode(b gips.BorderMode) Mode {
	m, _ := ParseMode(b.String())
	return m
}

// canonical folds the synonym.
func (m Mode) canonical() Mode {
	if m == GridMirror {
		return Reflect
	}
	return m
}

// splineMode is how the taps of a spline window that fall outside the
// input are folded back in (scipy's _get_spline_boundary_mode): modes
// without an exact prefilter boundary use the mirror.
func (m Mode) splineMode() Mode {
	if m == Constant || m == Wrap {
		return Mirror
	}
	return m
}

// mapCoordinate folds a coordinate outside [0, n-1] back in as mode m
// reads it, exactly as scipy's map_coordinate (ni_interpolation.c, 1.10),
// truncating quotients as C does; -1 for Constant outside.
func mapCoordinate(in float64, n int, m Mode) float64 {
	if in < 0 {
		switch m {
		case Mirror:
			if n <= 1 {
				return 0
			}
			sz2 := float64(2*n - 2)
			in = sz2*float64(int64(-in/sz2)) + in
			if in <= float64(1-n) {
				return in + sz2
			}
			return -in
		case Reflect:
			if n <= 1 {
				return 0
			}
			sz2 := float64(2 * n)
			if in < -sz2 {
				in = sz2*float64(int64(-in/sz2)) + in
			}
			if in < float64(-n) {
				return in + sz2
			}
			if in > -1e-15 {
				return 1e-15 - 1
			}
			return -in - 1
		case Wrap:
			if n <= 1 {
				return 0
			}
			sz := float64(n - 1)
			return in + sz*float64(int64(-in/sz)+1)
		case GridWrap:
			if n <= 1 {
				return 0
			}
			return in + float64(n)*float64(int64((-1-in)/float64(n))+1)
		case Nearest:
			return 0
		case Constant:
			return -1
		}
	} else if in > float64(n-1) {
		switch m {
		case Mirror:
			if n <= 1 {
				return 0
			}
			sz2 := float64(2*n - 2)
			in -= sz2 * float64(int64(in/sz2))
			if in >= float64(n) {
				in = sz2 - in
			}
			return in
		case Reflect:
			if n <= 1 {
				return 0
			}
			sz2 := float64(2 * n)
			in -= sz2 * float64(int64(in/sz2))
			if in >= float64(n) {
				in = sz2 - in - 1
			}
			return in
		case Wrap:
			if n <= 1 {
				return 0
			}
			sz := float64(n - 1)
			return in - sz*float64(int64(in/sz))
		case GridWrap:
			if n <= 1 {
				return 0
			}
			return in - float64(n)*float64(int64(in/float64(n)))
		case Nearest:
			return float64(n - 1)
		case Constant:
			return -1
		}
	}
	return in
}
