package stats

import "github.com/gipsdev/gips"

// ErrParam: a parameter outside its allowed range (nbins < 1, a range that
// is not finite, a percentile outside [0, 100]). Errors wrap it with the
// function and the value.
// It is gips.ErrParam too (errors.Is): Python raises a ValueError for it.
var ErrParam = gips.NewErrParam("invalid statistics parameter")
