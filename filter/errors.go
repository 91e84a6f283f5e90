package filter

import "github.com/gipsdev/gips"

// ErrParam: a parameter outside its allowed range (negative sigma, size < 1,
// unknown mode). Errors wrap it with the function and the value. It is
// gips.ErrParam, shared by every family and the registry.
var ErrParam = gips.ErrParam
