package gips

import (
	"fmt"
	"slices"
	"unsafe"
)

// Array describes memory as numpy's array interface does: a dtype with its
// byte order, a shape, strides in bytes (any sign), and the data. Data holds
// every byte the array addresses; Offset is where element (0, ..., 0) is.
// Go tests build one with ArrayOf and numpy-style views; the C API builds one
// from numpy's own descriptor with ArrayAt.
type Array struct {
	DType    DType
	Shape    []int
	Strides  []int
	Data     []byte
	Offset   int
	ReadOnly bool
	// Keep is whatever must stay alive while Data is used when Data alone
	// does not keep it (a file mapping, a C owner). Arrays taken from an
	// image hold the image; images made from an array hold its Keep.
	Keep any
}

// ArrayOf wraps a Go slice as a C-contiguous array of the given shape, in
// native byte order. It panics if the shape does not hold len(data) elements,
// as slicing out of range does.
func ArrayOf[T Pixel](data []T, shape ...int) Array {
	n := 1
	for _, s := range shape {
		var ok bool
		if n, ok = mulInt(n, s); !ok {
			panic(fmt.Sprintf("gips.ArrayOf: shape %v: a negative size or an element count that overflows int", shape))
		}
	}
	if n != len(data) {
		panic(fmt.Sprintf("gips.ArrayOf: shape %v holds %d elements, data has %d", shape, n, len(data)))
	}
	dt, _ := DTypeOf(TypeOf[T]())
	isz := dt.ItemSize()
	strides := CStrides(shape, isz)
	var b []byte
	if len(data) > 0 {
		b = unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(data))), len(data)*isz)
	}
	return Array{DType: dt, Shape: append([]int(nil), shape...), Strides: strides, Data: b}
}

// CStrides are the byte strides of a C-contiguous (numpy order 'C') array
// of the given shape and item size.
func CStrides(shape []int, itemSize int) []int {
	strides := make([]int, len(shape))
	st := itemSize
	for i := len(shape) - 1; i >= 0; i-- {
		strides[i] = st
		st *= shape[i]
	}
	return strides
}

// ArrayAt describes memory that Go does not own (numpy's, a C library's)
// from a numpy array interface: the address of element (0, ..., 0), dtype,
// shape and strides. The caller keeps that memory alive while the Array or
// any image made from it is in use.
func ArrayAt(ptr unsafe.Pointer, dtype DType, shape, strides []int, readOnly bool) (Array, error) {
	a := Array{DType: dtype, Shape: shape, Strides: strides, ReadOnly: readOnly}
	lo, hi, err := a.extent()
	if err != nil {
		return Array{}, err
	}
	if hi > lo {
		if ptr == nil {
			return Array{}, fmt.Errorf("array %v: null data pointer: %w", shape, ErrShape)
		}
		a.Data = unsafe.Slice((*byte)(unsafe.Add(ptr, lo)), hi-lo)
		a.Offset = -lo
	}
	return a, nil
}

// extent is the byte range, relative to element (0, ..., 0), that the array
// addresses: [lo, hi). It validates dtype, shape and strides: sizes >= 0,
// an element count whose byte size fits in an int (numpy's own rule), and
// a span that fits in an address space, all computed without overflow, so
// that a hostile descriptor is refused rather than wrapped around.
func (a Array) extent() (lo, hi int, err error) {
	isz := a.DType.ItemSize()
	if isz == 0 {
		return 0, 0, fmt.Errorf("array dtype %q: %w", string(a.DType), ErrDType)
	}
	if len(a.Shape) != len(a.Strides) {
		return 0, 0, fmt.Errorf("array shape %v with strides %v: %w", a.Shape, a.Strides, ErrShape)
	}
	for _, n := range a.Shape {
		if n < 0 {
			return 0, 0, fmt.Errorf("array shape %v: negative size: %w", a.Shape, ErrShape)
		}
	}
	if slices.Contains(a.Shape, 0) {
		return 0, 0, nil
	}
	count := isz
	for _, n := range a.Shape {
		var ok bool
		if count, ok = mulInt(count, n); !ok {
			return 0, 0, fmt.Errorf("array shape %v dtype %s: its byte count overflows an int: %w", a.Shape, a.DType, ErrShape)
		}
	}
	hi = isz
	for i, n := range a.Shape {
		s := a.Strides[i]
		if s < -addressLimit || s > addressLimit {
			return 0, 0, fmt.Errorf("array shape %v strides %v: stride %d beyond the address space: %w", a.Shape, a.Strides, s, ErrShape)
		}
		term, ok := mulInt(n-1, max(s, -s))
		if !ok || term > addressLimit-(hi-lo) {
			return 0, 0, fmt.Errorf("array shape %v strides %v: spans more bytes than an address space holds: %w", a.Shape, a.Strides, ErrShape)
		}
		if s < 0 {
			lo -= term
		} else {
			hi += term
		}
	}
	return lo, hi, nil
}

// check verifies that every addressed byte lies in Data.
func (a Array) check() error {
	lo, hi, err := a.extent()
	if err != nil {
		return err
	}
	if hi > lo && (a.Offset+lo < 0 || a.Offset+hi > len(a.Data)) {
		return fmt.Errorf("array shape %v strides %v offset %d: addresses bytes [%d, %d) of a %d-byte buffer: %w",
			a.Shape, a.Strides, a.Offset, a.Offset+lo, a.Offset+hi, len(a.Data), ErrShape)
	}
	return nil
}

// Size is the number of elements.
func (a Array) Size() int {
	n := 1
	for _, s := range a.Shape {
		n *= s
	}
	return n
}

// Pointer is the address of element (0, ..., 0), for handing to C.
func (a Array) Pointer() unsafe.Pointer {
	if len(a.Data) == 0 {
		return nil
	}
	return unsafe.Add(unsafe.Pointer(unsafe.SliceData(a.Data)), a.Offset)
}

// ByteOffset is the offset in Data of the element at idx.
func (a Array) ByteOffset(idx ...int) int {
	o := a.Offset
	for i, v := range idx {
		o += v * a.Strides[i]
	}
	return o
}

// Slice is numpy's a[..., start:stop:step, ...] on one axis: a view. A
// negative step walks down from start to stop (exclusive), as in numpy;
// stop may be -1 there to reach index 0.
func (a Array) Slice(axis, start, stop, step int) Array {
	if step == 0 {
		panic("gips.Array.Slice: step 0")
	}
	n := 0
	if step > 0 && stop > start {
		n = (stop - start + step - 1) / step
	} else if step < 0 && start > stop {
		n = (start - stop - step - 1) / -step
	}
	if n > 0 && (start < 0 || start >= a.Shape[axis] || start+(n-1)*step < 0 || start+(n-1)*step >= a.Shape[axis]) {
		panic(fmt.Sprintf("gips.Array.Slice: [%d:%d:%d] out of range for axis %d of shape %v", start, stop, step, axis, a.Shape))
	}
	b := a.clone()
	b.Offset += start * a.Strides[axis]
	b.Shape[axis] = n
	b.Strides[axis] = a.Strides[axis] * step
	return b
}

// Reverse is numpy's a[..., ::-1, ...] on one axis.
func (a Array) Reverse(axis int) Array { return a.Slice(axis, a.Shape[axis]-1, -1, -1) }

// Index is numpy's a[..., i, ...]: the axis is dropped.
func (a Array) Index(axis, i int) Array {
	if i < 0 || i >= a.Shape[axis] {
		panic(fmt.Sprintf("gips.Array.Index: %d out of range for axis %d of shape %v", i, axis, a.Shape))
	}
	b := a.clone()
	b.Offset += i * a.Strides[axis]
	b.Shape = append(b.Shape[:axis:axis], a.Shape[axis+1:]...)
	b.Strides = append(b.Strides[:axis:axis], a.Strides[axis+1:]...)
	return b
}

// Transpose is numpy's a.transpose(perm): axis i of the result is axis
// perm[i] of a.
func (a Array) Transpose(perm ...int) Array {
	if len(perm) != len(a.Shape) {
		panic(fmt.Sprintf("gips.Array.Transpose: permutation %v for shape %v", perm, a.Shape))
	}
	b := a.clone()
	for i, p := range perm {
		b.Shape[i], b.Strides[i] = a.Shape[p], a.Strides[p]
	}
	return b
}

func (a Array) clone() Array {
	a.Shape = append([]int(nil), a.Shape...)
	a.Strides = append([]int(nil), a.Strides...)
	return a
}

// Get reads the element at idx as float64, whatever the dtype and byte
// order: a slow accessor for tests and small tools.
func (a Array) Get(idx ...int) float64 {
	kind, size, native, err := a.DType.parsed()
	if err != nil {
		panic(err)
	}
	b := make([]byte, size)
	copy(b, a.Data[a.ByteOffset(idx...):])
	if !native {
		reverse(b)
	}
	return decodeFloat(kind, b)
}

// Put writes v at idx, converted as by Saturate.
func (a Array) Put(v float64, idx ...int) {
	kind, size, native, err := a.DType.parsed()
	if err != nil {
		panic(err)
	}
	b := a.Data[a.ByteOffset(idx...):][:size]
	encodeFloat(kind, b, v)
	if !native {
		reverse(b)
	}
}

func reverse(b []byte) {
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
}

func decodeFloat(kind byte, b []byte) float64 {
	p := unsafe.Pointer(&b[0])
	switch {
	case kind == 'b', kind == 'u' && len(b) == 1:
		return float64(b[0])
	case kind == 'i' && len(b) == 1:
		return float64(int8(b[0]))
	case kind == 'u' && len(b) == 2:
		return float64(nativeOrder.Uint16(b))
	case kind == 'i' && len(b) == 2:
		return float64(int16(nativeOrder.Uint16(b)))
	case kind == 'u' && len(b) == 4:
		return float64(nativeOrder.Uint32(b))
	case kind == 'i' && len(b) == 4:
		return float64(int32(nativeOrder.Uint32(b)))
	case kind == 'f' && len(b) == 4:
		return float64(*(*float32)(p))
	case kind == 'f' && len(b) == 8:
		return *(*float64)(p)
	}
	panic(fmt.Sprintf("gips: dtype %c%d", kind, len(b)))
}

func encodeFloat(kind byte, b []byte, v float64) {
	switch {
	case kind == 'b':
		b[0] = 0
		if v != 0 {
			b[0] = 1
		}
	case kind == 'u' && len(b) == 1:
		b[0] = Saturate[uint8](v)
	case kind == 'i' && len(b) == 1:
		b[0] = byte(Saturate[int8](v))
	case kind == 'u' && len(b) == 2:
		nativeOrder.PutUint16(b, Saturate[uint16](v))
	case kind == 'i' && len(b) == 2:
		nativeOrder.PutUint16(b, uint16(Saturate[int16](v)))
	case kind == 'u' && len(b) == 4:
		nativeOrder.PutUint32(b, Saturate[uint32](v))
	case kind == 'i' && len(b) == 4:
		nativeOrder.PutUint32(b, uint32(Saturate[int32](v)))
	case kind == 'f' && len(b) == 4:
		*(*float32)(unsafe.Pointer(&b[0])) = float32(v)
	case kind == 'f' && len(b) == 8:
		*(*float64)(unsafe.Pointer(&b[0])) = v
	default:
		panic(fmt.Sprintf("gips: dtype %c%d", kind, len(b)))
	}
}
