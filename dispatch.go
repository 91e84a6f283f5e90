package gips

import "fmt"

// Kernels holds one instantiation of a generic kernel per storage type, so
// that an algorithm is one generic function plus one Dispatch call:
//
//	return gips.Dispatch(img.Type(), gips.Kernels[args]{
//		U8: fill[uint8], I8: fill[int8], U16: fill[uint16], I16: fill[int16],
//		U32: fill[uint32], I32: fill[int32], F32: fill[float32], F64: fill[float64],
//	}, a)
//
// A nil entry means the algorithm does not accept that type; Dispatch then
// returns an error naming it. Binary and Label8 use U8, Label16 U16, Label32
// U32: a kernel that must tell them apart reads the image's Type.
type Kernels[A any] struct {
	U8, I8, U16, I16, U32, I32, F32, F64 func(A) error
}

// AllKernels fills every entry from one generic kernel instantiated per type;
// Go cannot pass an uninstantiated generic function, so callers write
// gips.AllKernels(k[uint8], k[int8], ...) once per algorithm.
func AllKernels[A any](u8, i8, u16, i16, u32, i32, f32, f64 func(A) error) Kernels[A] {
	return Kernels[A]{u8, i8, u16, i16, u32, i32, f32, f64}
}

// Dispatch calls the entry of k that stores t with argument a.
func Dispatch[A any](t BufferType, k Kernels[A], a A) error {
	var f func(A) error
	switch t.Storage() {
	case UInt8:
		f = k.U8
	case Int8:
		f = k.I8
	case UInt16:
		f = k.U16
	case Int16:
		f = k.I16
	case UInt32:
		f = k.U32
	case Int32:
		f = k.I32
	case Real32:
		f = k.F32
	case Real64:
		f = k.F64
	}
	if f == nil {
		return fmt.Errorf("%v: %w", t, ErrBufferType)
	}
	return f(a)
}
