package logic

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	"github.com/gipsdev/gips/ops"
)

// The flat kernels of and, or, xor, not and mask (internal/flat: the C
// boundary's path for small numpy arrays): the row kernels that AndInto
// and the others run, over whole contiguous buffers. A Binary image is
// stored as uint8 and takes the logical rows.
func init() {
	two := func(u8 func(bool) func(d, a, b []uint8), i8 func(bool) func(d, a, b []int8),
		u16 func(bool) func(d, a, b []uint16), i16 func(bool) func(d, a, b []int16),
		u32 func(bool) func(d, a, b []uint32), i32 func(bool) func(d, a, b []int32)) flat.Kernel {
		r := flat.Rows2{}
		bitwise := func(b bool) func(gips.BufferType) func(d, a, b []uint8) {
			return func(gips.BufferType) func(d, a, b []uint8) { return u8(b) }
		}
		flat.Row2(r, bitwise(false))
		bin := u8(true)
		r[gips.Binary] = func(d, a, b []byte) { bin(d, a, b) }
		flat.Row2(r, func(gips.BufferType) func(d, a, b []int8) { return i8(false) })
		flat.Row2(r, func(gips.BufferType) func(d, a, b []uint16) { return u16(false) })
		flat.Row2(r, func(gips.BufferType) func(d, a, b []int16) { return i16(false) })
		flat.Row2(r, func(gips.BufferType) func(d, a, b []uint32) { return u32(false) })
		flat.Row2(r, func(gips.BufferType) func(d, a, b []int32) { return i32(false) })
		return flat.Same2(r)
	}
	flat.Register("logic.and", two(andRow[uint8], andRow[int8], andRow[uint16], andRow[int16], andRow[uint32], andRow[int32]))
	flat.Register("logic.or", two(orRow[uint8], orRow[int8], orRow[uint16], orRow[int16], orRow[uint32], orRow[int32]))
	flat.Register("logic.xor", two(xorRow[uint8], xorRow[int8], xorRow[uint16], xorRow[int16], xorRow[uint32], xorRow[int32]))

	r := flat.Rows1{}
	flat.Row1(r, func(gips.BufferType) func(d, a []uint8) { return notRow[uint8](false) })
	bin := notRow[uint8](true)
	r[gips.Binary] = func(d, a []byte) { bin(d, a) }
	flat.Row1(r, func(gips.BufferType) func(d, a []int8) { return notRow[int8](false) })
	flat.Row1(r, func(gips.BufferType) func(d, a []uint16) { return notRow[uint16](false) })
	flat.Row1(r, func(gips.BufferType) func(d, a []int16) { return notRow[int16](false) })
	flat.Row1(r, func(gips.BufferType) func(d, a []uint32) { return notRow[uint32](false) })
	flat.Row1(r, func(gips.BufferType) func(d, a []int32) { return notRow[int32](false) })
	flat.Register("logic.not", flat.Same1(r))

	var m flat.ByType[func(d, a, m []byte)]
	maskOf(&m, maskRow[uint8])
	maskOf(&m, maskRow[int8])
	maskOf(&m, maskRow[uint16])
	maskOf(&m, maskRow[int16])
	maskOf(&m, maskRow[uint32])
	maskOf(&m, maskRow[int32])
	maskOf(&m, maskRow[float32])
	maskOf(&m, maskRow[float64])
	flat.Register("logic.mask", func(out gips.BufferType, n int, in flat.Types, d []byte, s flat.Buffers, _ ops.Values) bool {
		f := m[out]
		if f == nil || n != 2 || in[0] != out || in[1] != gips.Binary {
			return false
		}
		f(d, s[0], s[1])
		return true
	})
	flat.Stream("logic.and", "logic.or", "logic.xor", "logic.not", "logic.mask") // over 32 MiB: internal/stream
}

func maskOf[T gips.Pixel](m *flat.ByType[func(d, a, m []byte)], mk func(gips.BufferType) func(d, a []T, m []uint8)) {
	t := gips.TypeOf[T]()
	f := mk(t)
	m[t] = func(d, a, mask []byte) { f(flat.As[T](d), flat.As[T](a), mask) }
}
