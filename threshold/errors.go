package threshold

import "errors"

// ErrParam: a parameter outside its allowed range (nbins < 2, NaN bounds).
var ErrParam = errors.New("invalid threshold parameter")
