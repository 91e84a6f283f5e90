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
	kind := map[BufferType]byte{UInt8: 'u', Int8: 'i', UInt16: 'u', Int16: 'i',
		UInt32: 'u', Int32: 'i', Real32: 'f', Real64: 'f'}[t.Storage()]
	if kind == 0 {
		return "", fmt.Errorf("%v: %w", t, ErrBufferType)
	}
	size := t.ItemSize()
	order := byte('|')
	if size > 1 {
		order = '>'
		if nativeLittle {
			order = '<'
		}
	}
	return DType([]byte{order, kind, byte('0' + size)}), nil
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
	switch {
	case kind == 'b' && size == 1:
		return Binary, nil
	case kind == 'u' && size == 1:
		return UInt8, nil
	case kind == 'i' && size == 1:
		return Int8, nil
	case kind == 'u' && size == 2:
		return UInt16, nil
	case kind == 'i' && size == 2:
		return Int16, nil
	case kind == 'u' && size == 4:
		return UInt32, nil
	case kind == 'i' && size == 4:
		return Int32, nil
	case kind == 'f' && size == 4:
		return Real32, nil
	case kind == 'f' && size == 8:
		return Real64, nil
	}
	return 0, fmt.Errorf("dtype %q has no gips buffer type (uint8/16/32, int8/16/32, float32/64, bool): %w", string(d), ErrDType)
}
