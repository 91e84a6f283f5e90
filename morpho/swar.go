package morpho

import "unsafe"

// SWAR minimum ("SIMD within a register") for unsigned 8- and 16-bit
// pixels: eight (four) lanes per 64-bit word, no borrow crossing lanes
// (the technique of arith/swar.go). Binary ops run on 0/1 bytes and grey
// ops on UInt8 and UInt16 images (flipped or not: the flip keeps them
// unsigned) and on Int8 and Int16 ones (their sign bits flipped, which
// makes signed order unsigned order), so the commonest minimum filters
// take several pixels per instruction in the pure-Go build.

// sign, zero for unsigned lanes and h for signed ones, is flipped in every
// lane before and after a minimum (rowops.go's mmWords).
type lanes struct{ h, fill, shift, sign uint64 }

var (
	lanes8  = lanes{h: 0x8080808080808080, fill: 0xFF, shift: 7}
	lanes16 = lanes{h: 0x8000800080008000, fill: 0xFFFF, shift: 15}
)

// minU is the lane-wise minimum: x - (x -sat y).
func (l lanes) minU(x, y uint64) uint64 {
	d := (x | l.h) - (y &^ l.h)                    // no borrow crosses a lane
	diff := d ^ ((x ^ ^y) & l.h)                   // the top bit of each lane, modulo 2^width
	borrow := ((^x & y) | (^(x ^ y) & diff)) & l.h // a lane's borrow out of its top bit
	return x - diff&^((borrow>>(l.shift&63))*l.fill)
}

// minWords sets out = min(out, in) over the whole 8-byte words of the two
// byte rows (of equal length) and returns how many bytes it did.
func minWords(l lanes, out, in []byte) int {
	n := min(len(out), len(in)) &^ 7
	if n == 0 {
		return 0
	}
	op, ip := unsafe.Pointer(&out[0]), unsafe.Pointer(&in[0])
	for i := 0; i < n; i += 8 {
		o := (*uint64)(unsafe.Add(op, i))
		*o = l.minU(*o, *(*uint64)(unsafe.Add(ip, i)))
	}
	return n
}

func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(z)))
}

// minArith is min(out, in) without branches for the integer types the
// SWAR words do not take (the compiler branches for min, and pixels in
// random order mispredict half of those branches): the sign of the
// difference, in int64, masks it in or out.
func minArith[T ~int8 | ~int16 | ~int32 | ~uint32](out, in []T) {
	in = in[:len(out)]
	for i, v := range in {
		d := int64(out[i]) - int64(v)
		out[i] = T(int64(v) + d&(d>>63))
	}
}
