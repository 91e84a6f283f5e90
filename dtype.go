package gips

import (
	"encoding/binary"
	"fmt"
	"unsafe"
)

// nativeLittle is true on little-endian machines.
var nativeLittle = func() bool {
	var x uint16 = 1
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// nativeOrder is the machine's byte order, for code that decodes bytes.
var nativeOrder binary.ByteOrder = func() binary.ByteOrder {
	if nativeLittle {
		return binary.LittleEndian
	}
	return binary.BigEndian
}()

// DType is a numpy array-interface type string: byte order ('<', '>', '|'
// or '='), kind ('b', 'i', 'u', 'f') and item size, e.g. "<u2", "|b1".
type DType string

// DTypeOf gives the native-order numpy dtype that stores t: "|u1" for UInt8,
// Label8 and Binary (a Binary image wrapped back by numpy is uint8 0/1),
// "<u2" for UInt16 and Label16 on a little-endian machine, and so on.
func DTypeOf(t BufferType) (DType, error) {
	// A switch over constant strings: called for every image a call
	// wraps, so no map and no string built per call.
	le := nativeLittle
	switch t.Storage() {
	case UInt8:
		return "|u1", nil
	case Int8:
		return "|i1", nil
	case UInt16:
		return pick(le, "<u2", ">u2"), nil
	case Int16:
		return pick(le, "<i2", ">i2"), nil
	case UInt32:
		return pick(le, "<u4", ">u4"), nil
	case Int32:
		return pick(le, "<i4", ">i4"), nil
	case Real32:
		return pick(le, "<f4", ">f4"), nil
	case Real64:
		return pick(le, "<f8", ">f8"), nil
	}
	return "", fmt.Errorf("%v: %w", t, ErrBufferType)
}

func pick(little bool, l, b DType) DType {
	if little {
		return l
	}
	return b
}

// parsed splits a dtype into kind, size and whether its bytes are in
// native order. It accepts what numpy's __array_interface__ produces.
func (d DType) parsed() (kind byte, size int, native bool, err error) {
	s := string(d)
	if len(s) != 3 || s[2] < '1' || s[2] > '8' {
		return 0, 0, false, fmt.Errorf("dtype %q: %w", s, ErrDType)
	}
	kind, size = s[1], int(s[2]-'0')
	switch s[0] {
	case '|', '=':
		native = true
	case '<':
		native = nativeLittle || size == 1
	case '>':
		native = !nativeLittle || size == 1
	default:
		return 0, 0, false, fmt.Errorf("dtype %q: byte order %q: %w", s, s[0], ErrDType)
	}
	return kind, size, native, nil
}

// ItemSize is the number of bytes per element (0 if the dtype is malformed).
func (d DType) ItemSize() int {
	_, size, _, err := d.parsed()
	if err != nil {
		return 0
	}
	return size
}

// Native reports whether the dtype's bytes are in this machine's order.
func (d DType) Native() bool {
	_, _, native, err := d.parsed()
	return err == nil && native
}

// BufferType maps the dtype to the plain buffer type that stores it (bool
// maps to Binary). Byte order does not matter here; see Native.
func (d DType) BufferType() (BufferType, error) {
	kind, size, _, err := d.parsed()
	if err != nil {
		return 0, err
	}
	if t, ok := storedType(kind, size); ok {
		return t, nil
	}
	return 0, fmt.Errorf("dtype %q has no gips buffer type (uint8/16/32, int8/16/32, float32/64, bool): %w", string(d), ErrDType)
}

// storedType is the buffer type of a dtype's kind and item size.
func storedType(kind byte, size int) (BufferType, bool) {
	switch {
	case kind == 'b' && size == 1:
		return Binary, true
	case kind == 'u' && size == 1:
		return UInt8, true
	case kind == 'i' && size == 1:
		return Int8, true
	case kind == 'u' && size == 2:
		return UInt16, true
	case kind == 'i' && size == 2:
		return Int16, true
	case kind == 'u' && size == 4:
		return UInt32, true
	case kind == 'i' && size == 4:
		return Int32, true
	case kind == 'f' && size == 4:
		return Real32, true
	case kind == 'f' && size == 8:
		return Real64, true
	}
	return 0, false
}
