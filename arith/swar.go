package arith

import (
	"encoding/binary"
	"unsafe"
)

// SWAR ("SIMD within a register") saturating add and subtract for
// unsigned 8- and 16-bit pixels: eight (or four) lanes per 64-bit word
// with no carry crossing lanes, so the pure-Go build runs the commonest
// integer ops at several pixels per instruction. Exact: tests compare them
// with the per-pixel kernels on every uint8 pair.

// lanes describes a lane width: h has the top bit of each lane set, and
// multiplying a lane holding 1 by fill gives an all-ones lane.
type lanes struct{ h, fill, shift uint64 }

var (
	lanes8  = lanes{h: 0x8080808080808080, fill: 0xFF, shift: 7}
	lanes16 = lanes{h: 0x8000800080008000, fill: 0xFFFF, shift: 15}
)

// addSat is the lane-wise saturating sum of x and y.
func (l lanes) addSat(x, y uint64) uint64 {
	s := (x &^ l.h) + (y &^ l.h)             // the low bits of each lane; carries stop at the top bit
	sum := s ^ ((x ^ y) & l.h)               // the top bit of each lane, modulo 2^width
	carry := ((x & y) | ((x | y) & s)) & l.h // a lane's carry out of its top bit
	return sum | (carry>>l.shift)*l.fill
}

// subSat is the lane-wise x - y, 0 where y > x.
func (l lanes) subSat(x, y uint64) uint64 {
	d := (x | l.h) - (y &^ l.h)                    // no borrow crosses a lane
	diff := d ^ ((x ^ ^y) & l.h)                   // the top bit of each lane, modulo 2^width
	borrow := ((^x & y) | (^(x ^ y) & diff)) & l.h // a lane's borrow out of its top bit
	return diff &^ ((borrow >> l.shift) * l.fill)
}

// bytesOf views a row of pixels as bytes.
func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(z)))
}

// swarAdd sets d = a + b saturated, word by word, and returns how many
// bytes it did (a multiple of 8); the caller finishes the tail.
func swarAdd(l lanes, d, a, b []byte) int {
	n := len(d) &^ 7
	a, b = a[:n], b[:n]
	for i := 0; i < n; i += 8 {
		x := binary.NativeEndian.Uint64(a[i : i+8])
		y := binary.NativeEndian.Uint64(b[i : i+8])
		binary.NativeEndian.PutUint64(d[i:i+8], l.addSat(x, y))
	}
	return n
}

// swarSub is swarAdd for d = a - b, 0 where b > a.
func swarSub(l lanes, d, a, b []byte) int {
	n := len(d) &^ 7
	a, b = a[:n], b[:n]
	for i := 0; i < n; i += 8 {
		x := binary.NativeEndian.Uint64(a[i : i+8])
		y := binary.NativeEndian.Uint64(b[i : i+8])
		binary.NativeEndian.PutUint64(d[i:i+8], l.subSat(x, y))
	}
	return n
}
