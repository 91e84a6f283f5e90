package filter

import "errors"

// ErrParam: a parameter outside its allowed range (negative sigma, size < 1,
// unknown mode). Errors wrap it with the function and the value.
var ErrParam = errors.New("invalid filter parameter")
