package arith

import (
	"encoding/binary"
	"unsafe"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
	"github.com/gipsdev/gips/internal/swar"
)

// SWAR ("SIMD within a register") saturating add and subtract for
// unsigned 8- and 16-bit pixels: eight (or four) lanes per 64-bit word
// with no carry crossing lanes, so the pure-Go build runs the commonest
// integer ops at several pixels per instruction. Exact: tests compare them
// with the per-pixel kernels on every uint8 pair.

// lanes describes a lane width: h has the top bit of each lane set,
// multiplying a lane holding 1 by fill gives an all-ones lane, and
// multiplying ones by a lane value broadcasts it to every lane.
type lanes struct{ h, fill, shift, ones uint64 }

var (
	lanes8  = lanes{h: 0x8080808080808080, fill: 0xFF, shift: 7, ones: 0x0101010101010101}
	lanes16 = lanes{h: 0x8000800080008000, fill: 0xFFFF, shift: 15, ones: 0x0001000100010001}
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

// minU, maxU and absDiffU are lane-wise min, max and |x - y| for
// unsigned lanes, from the saturating difference: min = x - (x -sat y),
// max = y + (x -sat y), |x - y| = (x -sat y) | (y -sat x).
func (l lanes) minU(x, y uint64) uint64 { return x - l.subSat(x, y) }
func (l lanes) maxU(x, y uint64) uint64 { return y + l.subSat(x, y) }
func (l lanes) absDiffU(x, y uint64) uint64 {
	return l.subSat(x, y) | l.subSat(y, x)
}

// swarOp names a lane-wise operation for swarRows.
type swarOp int

const (
	swAdd swarOp = iota
	swSub
	swMin
	swMax
	swAbsDiff
)

// swarRows sets d = op(a, b) over whole 64-bit words of the rows and
// returns how many bytes it did (a multiple of 8); the caller finishes the
// tail pixel by pixel. The switch is outside the loops, so each loop is
// tight; the loops index through pointers within the checked length (no
// bounds checks), and the shift is masked so that it needs no range check.
func swarRows(l lanes, op swarOp, d, a, b []byte) int {
	n := min(len(d), len(a), len(b)) &^ 7
	if n == 0 {
		return 0
	}
	l.shift &= 63
	dp, ap, bp := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	ld := func(p unsafe.Pointer, i int) uint64 { return *(*uint64)(unsafe.Add(p, i)) }
	st := func(i int, v uint64) { *(*uint64)(unsafe.Add(dp, i)) = v }
	switch op {
	case swAdd:
		for i := 0; i < n; i += 8 {
			st(i, l.addSat(ld(ap, i), ld(bp, i)))
		}
	case swSub:
		for i := 0; i < n; i += 8 {
			st(i, l.subSat(ld(ap, i), ld(bp, i)))
		}
	case swMin:
		for i := 0; i < n; i += 8 {
			st(i, l.minU(ld(ap, i), ld(bp, i)))
		}
	case swMax:
		for i := 0; i < n; i += 8 {
			st(i, l.maxU(ld(ap, i), ld(bp, i)))
		}
	case swAbsDiff:
		for i := 0; i < n; i += 8 {
			st(i, l.absDiffU(ld(ap, i), ld(bp, i)))
		}
	}
	return n
}

// swarTo runs op over the rows' words when t has unsigned lanes, and
// reports how many pixels it did (0 otherwise).
func swarTo[T any](t gips.BufferType, op swarOp, d, a, b []T) int {
	l, ok := unsignedLanes(t)
	if !ok {
		return 0
	}
	db, ab, bb := swar.Bytes(d), swar.Bytes(a), swar.Bytes(b)
	k := simdRows(l, op, db, ab, bb) // AVX2 under GOEXPERIMENT=simd, else 0
	k += swarRows(l, op, db[k:], ab[k:], bb[k:])
	return k / t.ItemSize()
}

// unsignedLanes gives the SWAR lanes for UInt8 and UInt16 images.
func unsignedLanes(t gips.BufferType) (lanes, bool) {
	switch t {
	case gips.UInt8:
		return lanes8, true
	case gips.UInt16:
		return lanes16, true
	}
	return lanes{}, false
}

// notWords sets d = ^a over whole 64-bit words (32-byte vectors first
// under GOEXPERIMENT=simd) and returns the bytes done. The words before
// d's first cache line go first, so that the vectors store on whole lines
// (pw.HeadBytes; numpy's arrays and gips' outputs start 16, 32 or 48
// bytes into one, and half the 32-byte stores spanned two).
func notWords(d, a []byte) int {
	h := pw.HeadBytes(d, 8)
	h = notWordLoop(d[:h], a[:h])
	k := simdNot(d[h:], a[h:])
	return h + k + notWordLoop(d[h+k:], a[h+k:])
}

// notWordLoop sets d = ^a over the whole words of d and returns the bytes
// done.
func notWordLoop(d, a []byte) int {
	n := len(d) &^ 7
	a = a[:n]
	ne := binary.NativeEndian
	for i := 0; i < n; i += 8 {
		ne.PutUint64(d[i:i+8], ^ne.Uint64(a[i:i+8]))
	}
	return n
}

// swarConst is swarRows with a constant second operand c (a lane value
// broadcast to every lane), for add and subtract. x -sat c is
// ^(^x +sat c) (the complement turns the floor at 0 into the ceiling at
// the lane maximum), so both are one saturating add of a constant, whose
// top bits are known: addLow or addHigh, a few operations fewer than
// addSat. The lane constants are locals and the loops index through
// pointers within the checked length, so that they stay in registers and
// check no bounds.
func swarConst(l lanes, op swarOp, d, a []byte, c uint64) int {
	n := min(len(d), len(a)) &^ 7
	if n == 0 {
		return 0
	}
	h, fill, shift := l.h, l.fill, uint(l.shift)&63
	nh, cl := ^h, c&^h
	var flip uint64
	if op == swSub {
		flip = ^uint64(0)
	}
	dp, ap := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0])
	if c&h == 0 {
		for i := 0; i < n; i += 8 {
			x := *(*uint64)(unsafe.Add(ap, i)) ^ flip
			*(*uint64)(unsafe.Add(dp, i)) = addLow(x, h, nh, cl, fill, shift) ^ flip
		}
		return n
	}
	for i := 0; i < n; i += 8 {
		x := *(*uint64)(unsafe.Add(ap, i)) ^ flip
		*(*uint64)(unsafe.Add(dp, i)) = addHigh(x, h, nh, cl, fill, shift) ^ flip
	}
	return n
}

// constRows sets d = a +sat c (op swAdd) or a -sat c (swSub) for a lane
// value c over the whole words of the rows, AVX2 vectors first under
// GOEXPERIMENT=simd, and returns the bytes done.
func constRows(l lanes, op swarOp, d, a []byte, c uint64) int {
	k := simdConst(l, op, d, a, c)
	return k + swarConst(l, op, d[k:], a[k:], c*l.ones)
}

// addLow is addSat(x, c) for a c whose lanes have their top bit clear,
// given as cl = c: t adds the low bits (no carry leaves a lane) and has in
// its top bit the carry into x's; the lane overflows when both are set.
func addLow(x, h, nh, cl, fill uint64, shift uint) uint64 {
	t := (x & nh) + cl
	xh := x & h
	return (t ^ xh) | ((xh&t)>>shift)*fill
}

// addHigh is addSat(x, c) for a c whose lanes have their top bit set,
// given as cl = c &^ h: the lane overflows when x's top bit or the carry
// into it is set.
func addHigh(x, h, nh, cl, fill uint64, shift uint) uint64 {
	t := (x & nh) + cl
	xh := x & h
	return (t ^ xh ^ h) | (((xh|t)&h)>>shift)*fill
}
