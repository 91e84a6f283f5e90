package ops

import (
	"errors"

	"github.com/gipsdev/gips"
)

// Sentinel errors. Every error that ops returns wraps one of them (or one
// of gips' own) with the op's name and what was wrong, so callers test with
// errors.Is and users read the whole message.
var (
	// ErrUnknownOp: no op is registered under the name.
	ErrUnknownOp = errors.New("unknown op")
	// ErrParam: an unknown parameter, a value of the wrong kind, or a value
	// outside the parameter's range or choices.
	// It is gips.ErrParam, which the families' Go functions wrap too.
	ErrParam = gips.ErrParam
	// ErrInput: the wrong number of images, a buffer type the op does not
	// accept, or inputs whose geometries do not fit together.
	ErrInput = errors.New("invalid input")
	// ErrOutput: a caller-given output of the wrong geometry or type, one
	// that is read-only, one that overlaps an input when the op cannot work
	// in place, or an output image given to an op that returns a scalar.
	ErrOutput = errors.New("invalid output")
)
