package threshold

import "github.com/gipsdev/gips"

// ErrParam: a parameter outside its allowed range (nbins < 2, NaN bounds).
// It is gips.ErrParam too (errors.Is): Python raises a ValueError for it.
var ErrParam = gips.NewErrParam("invalid threshold parameter")
