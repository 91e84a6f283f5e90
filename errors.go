package gips

import "errors"

// Sentinel errors. Functions wrap them with context (the function, the
// array's shape and dtype, the rule that was broken), so callers test with
// errors.Is and users read the whole message.
var (
	// ErrGeometry: a size below 1, a pixel count that overflows int, or a
	// colour model that disagrees with the channel count.
	ErrGeometry = errors.New("invalid geometry")
	// ErrBufferType: a buffer type that is unknown or not accepted here.
	ErrBufferType = errors.New("unsupported buffer type")
	// ErrDType: a numpy dtype that gips cannot map, or not the one required.
	ErrDType = errors.New("unsupported dtype")
	// ErrShape: an array whose shape or strides do not fit what was asked.
	ErrShape = errors.New("shape mismatch")
	// ErrReadOnly: a write into an image whose source is read-only.
	ErrReadOnly = errors.New("image is read-only")
	// ErrCopyRequired: strict mode refused a copy the layout would need.
	ErrCopyRequired = errors.New("layout needs a copy and copying was refused")
	// ErrNotStrided: the planes are not evenly spaced in one block, so no
	// single numpy array describes them; use PlaneArrays.
	ErrNotStrided = errors.New("planes are not evenly spaced in one block")
	// ErrRange: an index or region outside the image.
	ErrRange = errors.New("out of range")
	// ErrTooLarge: memory that gips would allocate (an image, a copy, a
	// kernel's scratch) beyond MaxAlloc, or a size whose byte count
	// overflows. Refused before the allocation, which would otherwise end
	// the process ("fatal error: out of memory" cannot be recovered).
	ErrTooLarge = errors.New("too large")
)

// ErrParam: a parameter of a Go call (a border mode, a connectivity, a
// size) outside what the function accepts.
var ErrParam = errors.New("invalid parameter")

// NewErrParam makes a family's own parameter sentinel ("invalid measure
// parameter"): errors.Is finds both it and ErrParam in what wraps it, so
// the C API and the command line classify the family's refusals as bad
// parameters (Python's ValueError), as they do ErrParam's.
func NewErrParam(text string) error { return &familyParam{text} }

type familyParam struct{ text string }

func (e *familyParam) Error() string { return e.text }
func (e *familyParam) Unwrap() error { return ErrParam }
