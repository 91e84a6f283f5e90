package gips

import (
	"fmt"
	"strings"
)

// BorderMode is how a neighbourhood op reads beyond the image's border,
// with scipy.ndimage's names and meanings. For a line a b c d:
//
//	Reflect   d c b a | a b c d | d c b a   (the edge pixel repeated)
//	Mirror      d c b | a b c d | c b a     (the edge pixel not repeated)
//	Nearest   a a a a | a b c d | d d d d
//	Constant  k k k k | a b c d | k k k k   (k = cval)
//	Wrap      a b c d | a b c d | a b c d   (periodic)
//
// The patterns repeat when an op reaches further than the line is long.
// Wrap is scipy's "wrap", which for filters is the same as its "grid-wrap"
// (the two differ only in scipy's interpolation functions); Constant is
// likewise scipy's "constant" and "grid-constant". Every family (filter,
// morpho, transform, ...) takes these modes under the parameter name mode.
type BorderMode uint8

const (
	Reflect BorderMode = iota // scipy's default
	Nearest
	Mirror
	Constant
	Wrap
)

var borderModeNames = [...]string{Reflect: "reflect", Nearest: "nearest", Mirror: "mirror", Constant: "constant", Wrap: "wrap"}

// BorderModeNames lists the modes as ParseBorderMode reads them, the
// default (reflect) first.
var BorderModeNames = borderModeNames[:]

func (m BorderMode) String() string {
	if int(m) < len(borderModeNames) {
		return borderModeNames[m]
	}
	return fmt.Sprintf("BorderMode(%d)", uint8(m))
}

// ParseBorderMode reads a scipy mode name, without regard to case;
// "grid-wrap" and "grid-constant" are accepted as the synonyms they are for
// neighbourhood filters.
func ParseBorderMode(s string) (BorderMode, error) {
	switch strings.ToLower(s) {
	case "grid-wrap":
		return Wrap, nil
	case "grid-constant":
		return Constant, nil
	}
	for m, n := range borderModeNames {
		if strings.EqualFold(s, n) {
			return BorderMode(m), nil
		}
	}
	return 0, fmt.Errorf("border mode %q: want one of %q: %w", s, borderModeNames, ErrParam)
}
