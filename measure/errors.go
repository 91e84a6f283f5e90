package measure

import (
	"errors"

	"github.com/gipsdev/gips"
)

// ErrLabels: a label image that cannot be measured (a float or binary
// type, several channels, a negative label, too large for exact moments).
var ErrLabels = errors.New("invalid label image")

// ErrParam: a parameter outside what the function accepts (an unknown
// measure, a spacing that is not positive, a malformed filter expression).
// It is gips.ErrParam too (errors.Is): Python raises a ValueError for it.
var ErrParam = gips.NewErrParam("invalid measure parameter")
