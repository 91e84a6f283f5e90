package gips

import (
	"fmt"
	"strings"
)

// BufferType is the storage type of an image's pixels. Binary and the Label
// types are interpreted types: they are stored as the unsigned integer of the
// same size, and the interpretation travels with the image.
type BufferType uint8

// The buffer types, in the reference SDK's order.
const (
	UInt8 BufferType = iota + 1
	Int8
	UInt16
	Int16
	UInt32
	Int32
	Real32
	Real64
	Binary  // 1 byte per pixel, values 0 and 1
	Label8  // object labels, 0 is background
	Label16 // object labels, 0 is background
	Label32 // object labels, 0 is background
)

var bufferTypeNames = [...]string{
	UInt8: "UInt8", Int8: "Int8", UInt16: "UInt16", Int16: "Int16",
	UInt32: "UInt32", Int32: "Int32", Real32: "Real32", Real64: "Real64",
	Binary: "Binary", Label8: "Label8", Label16: "Label16", Label32: "Label32",
}

// BufferTypes lists every buffer type, for tests and catalogues.
var BufferTypes = []BufferType{UInt8, Int8, UInt16, Int16, UInt32, Int32, Real32, Real64, Binary, Label8, Label16, Label32}

// Valid reports whether t is one of the defined buffer types.
func (t BufferType) Valid() bool { return t >= UInt8 && t <= Label32 }

func (t BufferType) String() string {
	if !t.Valid() {
		return fmt.Sprintf("BufferType(%d)", uint8(t))
	}
	return bufferTypeNames[t]
}

// ParseBufferType accepts a type name in any case ("uint16", "Real32").
func ParseBufferType(s string) (BufferType, error) {
	for _, t := range BufferTypes {
		if strings.EqualFold(s, t.String()) {
			return t, nil
		}
	}
	return 0, fmt.Errorf("buffer type %q: %w", s, ErrBufferType)
}

// Storage is the plain numeric type that holds t's pixels: Binary and
// Label8 are stored as UInt8, Label16 as UInt16, Label32 as UInt32.
func (t BufferType) Storage() BufferType {
	switch t {
	case Binary, Label8:
		return UInt8
	case Label16:
		return UInt16
	case Label32:
		return UInt32
	}
	return t
}

// ItemSize is the size of one pixel in bytes (0 for an invalid type).
func (t BufferType) ItemSize() int {
	switch t.Storage() {
	case UInt8, Int8:
		return 1
	case UInt16, Int16:
		return 2
	case UInt32, Int32, Real32:
		return 4
	case Real64:
		return 8
	}
	return 0
}

// IsFloat reports whether t holds floating-point values.
func (t BufferType) IsFloat() bool { return t == Real32 || t == Real64 }

// IsSigned reports whether t holds signed values (floats included).
func (t BufferType) IsSigned() bool { return t == Int8 || t == Int16 || t == Int32 || t.IsFloat() }

// IsLabel reports whether t is one of the label types.
func (t BufferType) IsLabel() bool { return t == Label8 || t == Label16 || t == Label32 }

// Range is the smallest and largest value that t can hold (for floats, the
// finite range).
func (t BufferType) Range() (lo, hi float64) {
	switch t.Storage() {
	case UInt8:
		if t == Binary {
			return 0, 1
		}
		return 0, 255
	case Int8:
		return -128, 127
	case UInt16:
		return 0, 65535
	case Int16:
		return -32768, 32767
	case UInt32:
		return 0, 4294967295
	case Int32:
		return -2147483648, 2147483647
	case Real32:
		return -3.4028234663852886e38, 3.4028234663852886e38
	case Real64:
		return -1.7976931348623157e308, 1.7976931348623157e308
	}
	return 0, 0
}
