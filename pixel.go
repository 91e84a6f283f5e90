package gips

import (
	"fmt"
	"math"
)

// Pixel is the set of Go types that hold pixels. Binary and Label images
// are accessed through their storage type (see BufferType.Storage).
type Pixel interface {
	~uint8 | ~int8 | ~uint16 | ~int16 | ~uint32 | ~int32 | ~float32 | ~float64
}

// TypeOf is the plain buffer type stored as T.
func TypeOf[T Pixel]() BufferType {
	var z T
	switch any(z).(type) {
	case uint8:
		return UInt8
	case int8:
		return Int8
	case uint16:
		return UInt16
	case int16:
		return Int16
	case uint32:
		return UInt32
	case int32:
		return Int32
	case float32:
		return Real32
	case float64:
		return Real64
	}
	panic(fmt.Sprintf("gips: TypeOf: %T is a named pixel type; use the predeclared type", z))
}

// Saturate converts v to T the way OpenCV's saturate_cast does: integers
// round to nearest (half away from zero) and clamp to T's range, NaN becomes
// 0; floats convert directly (float32 overflows to ±Inf as in numpy).
func Saturate[T Pixel](v float64) T {
	var z T
	switch any(z).(type) {
	case float32, float64:
		return T(v)
	}
	if v != v {
		return 0
	}
	lo, hi := TypeOf[T]().Range()
	if v <= lo {
		return T(lo)
	}
	if v >= hi {
		return T(hi)
	}
	return T(math.Round(v))
}
