package measure

import "errors"

// ErrLabels: a label image that cannot be measured (a float or binary
// type, several channels, a negative label, too large for exact moments).
var ErrLabels = errors.New("invalid label image")

// ErrParam: a parameter outside what the function accepts (an unknown
// measure, a spacing that is not positive, a malformed filter expression).
var ErrParam = errors.New("invalid measure parameter")
