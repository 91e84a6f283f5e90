package stats

import "errors"

// ErrParam: a parameter outside its allowed range (nbins < 1, a range that
// is not finite, a percentile outside [0, 100]). Errors wrap it with the
// function and the value.
var ErrParam = errors.New("invalid statistics parameter")
