package logic

import (
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
	"github.com/gipsdev/gips/internal/swar"
)

type args struct{ d, a, b *gips.Image }

// check verifies that the sources have one type (Binary or an integer
// type) and one set of sizes, and dst their geometry.
func check(op string, dst *gips.Image, srcs ...*gips.Image) error {
	a := srcs[0].Geometry()
	if !logical(a.Type) {
		return fmt.Errorf("%s: %v image: logic takes Binary (logical) or UInt8 ... Int32 (bitwise): %w", op, a.Type, gips.ErrBufferType)
	}
	for _, s := range append(srcs[1:], dst) {
		g := s.Geometry()
		if g.Type != a.Type {
			return fmt.Errorf("%s: images of types %v and %v: the types must be equal: %w", op, a.Type, g.Type, gips.ErrBufferType)
		}
		if !g.SameSizes(a) {
			return fmt.Errorf("%s: images %v and %v: the sizes must be equal: %w", op, a, g, gips.ErrShape)
		}
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

func logical(t gips.BufferType) bool { return t == gips.Binary || t >= gips.UInt8 && t <= gips.Int32 }

func run(op string, dst, a, b *gips.Image, k gips.Kernels[args]) error {
	srcs := []*gips.Image{a}
	if b != nil {
		srcs = append(srcs, b)
	}
	if err := check(op, dst, srcs...); err != nil {
		return err
	}
	if err := gips.Dispatch(a.Type(), k, args{dst, a, b}); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// integer builds the Kernels of an op from its generic kernel; float
// images have no entry, so Dispatch refuses them.
func integer(u8, i8, u16, i16, u32, i32 func(args) error) gips.Kernels[args] {
	return gips.Kernels[args]{U8: u8, I8: i8, U16: u16, I16: i16, U32: u32, I32: i32}
}

// nz is 1 for a non-zero byte and 0 for zero, without a branch.
func nz(v uint8) uint8 { return swar.NonZeroByte(v) }

func alloc(src *gips.Image, to func(*gips.Image) error) (*gips.Image, error) {
	out, err := gips.CreateLike(src, 0)
	if err != nil {
		return nil, err
	}
	if err := to(out); err != nil {
		return nil, err
	}
	return out, nil
}

// AndInto sets dst = a AND b: logical for Binary images (1 where both are
// non-zero, else 0), bitwise for integer images.
func AndInto(dst, a, b *gips.Image) error {
	return run("and", dst, a, b, integer(and[uint8], and[int8], and[uint16], and[int16], and[uint32], and[int32]))
}

// And returns a AND b (see AndInto).
func And(a, b *gips.Image) (*gips.Image, error) {
	return alloc(a, func(d *gips.Image) error { return AndInto(d, a, b) })
}

func and[T gips.Pixel](x args) error {
	return pw.Streamed2(x.d, x.a, x.b, andRow[T](x.a.Type() == gips.Binary))
}

// andRow is and's row kernel, logical for Binary pixels (bin),
// else bitwise (also the flat one, see flat.go).
func andRow[T gips.Pixel](bin bool) func(d, a, b []T) {
	return func(d, a, b []T) {
		n := wordRows(wAnd, bin, swar.Bytes(d), swar.Bytes(a), swar.Bytes(b)) / int(unsafe.Sizeof(d[0]))
		d, a, b = d[n:], a[n:len(d)], b[n:len(d)]
		for i := range d {
			if bin {
				d[i] = T(nz(uint8(a[i])) & nz(uint8(b[i])))
			} else {
				d[i] = T(bits(a[i]) & bits(b[i]))
			}
		}
	}
}

// OrInto sets dst = a OR b: logical for Binary, bitwise for integers.
func OrInto(dst, a, b *gips.Image) error {
	return run("or", dst, a, b, integer(or[uint8], or[int8], or[uint16], or[int16], or[uint32], or[int32]))
}

// Or returns a OR b (see OrInto).
func Or(a, b *gips.Image) (*gips.Image, error) {
	return alloc(a, func(d *gips.Image) error { return OrInto(d, a, b) })
}

func or[T gips.Pixel](x args) error {
	return pw.Streamed2(x.d, x.a, x.b, orRow[T](x.a.Type() == gips.Binary))
}

// orRow is or's row kernel, logical for Binary pixels (bin),
// else bitwise (also the flat one, see flat.go).
func orRow[T gips.Pixel](bin bool) func(d, a, b []T) {
	return func(d, a, b []T) {
		n := wordRows(wOr, bin, swar.Bytes(d), swar.Bytes(a), swar.Bytes(b)) / int(unsafe.Sizeof(d[0]))
		d, a, b = d[n:], a[n:len(d)], b[n:len(d)]
		for i := range d {
			if bin {
				d[i] = T(nz(uint8(a[i]) | uint8(b[i])))
			} else {
				d[i] = T(bits(a[i]) | bits(b[i]))
			}
		}
	}
}

// XorInto sets dst = a XOR b: logical for Binary (1 where exactly one is
// non-zero), bitwise for integers.
func XorInto(dst, a, b *gips.Image) error {
	return run("xor", dst, a, b, integer(xor[uint8], xor[int8], xor[uint16], xor[int16], xor[uint32], xor[int32]))
}

// Xor returns a XOR b (see XorInto).
func Xor(a, b *gips.Image) (*gips.Image, error) {
	return alloc(a, func(d *gips.Image) error { return XorInto(d, a, b) })
}

func xor[T gips.Pixel](x args) error {
	return pw.Streamed2(x.d, x.a, x.b, xorRow[T](x.a.Type() == gips.Binary))
}

// xorRow is xor's row kernel, logical for Binary pixels (bin),
// else bitwise (also the flat one, see flat.go).
func xorRow[T gips.Pixel](bin bool) func(d, a, b []T) {
	return func(d, a, b []T) {
		n := wordRows(wXor, bin, swar.Bytes(d), swar.Bytes(a), swar.Bytes(b)) / int(unsafe.Sizeof(d[0]))
		d, a, b = d[n:], a[n:len(d)], b[n:len(d)]
		for i := range d {
			if bin {
				d[i] = T(nz(uint8(a[i])) ^ nz(uint8(b[i])))
			} else {
				d[i] = T(bits(a[i]) ^ bits(b[i]))
			}
		}
	}
}

// NotInto sets dst = NOT a: 1 where a is 0 and 0 elsewhere for Binary, the
// bitwise complement for integers (UInt8 255 - v; for signed types -1 - v).
func NotInto(dst, a *gips.Image) error {
	return run("not", dst, a, nil, integer(not[uint8], not[int8], not[uint16], not[int16], not[uint32], not[int32]))
}

// Not returns NOT a (see NotInto).
func Not(a *gips.Image) (*gips.Image, error) {
	return alloc(a, func(d *gips.Image) error { return NotInto(d, a) })
}

func not[T gips.Pixel](x args) error {
	return pw.Streamed1(x.d, x.a, notRow[T](x.a.Type() == gips.Binary))
}

// notRow is not's row kernel, logical for Binary pixels (bin),
// else bitwise (also the flat one, see flat.go).
func notRow[T gips.Pixel](bin bool) func(d, a []T) {
	return func(d, a []T) {
		n := wordRows(wNot, bin, swar.Bytes(d), swar.Bytes(a), nil) / int(unsafe.Sizeof(d[0]))
		d, a = d[n:], a[n:len(d)]
		for i := range d {
			if bin {
				d[i] = T(1 ^ nz(uint8(a[i])))
			} else {
				d[i] = T(^bits(a[i]))
			}
		}
	}
}

// bits is the two's-complement bit pattern of an integer pixel, wide
// enough for every integer type; converting back to T keeps the low bits.
func bits[T gips.Pixel](v T) uint64 { return uint64(int64(v)) }
