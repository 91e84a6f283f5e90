package threshold

import (
	"encoding/binary"
	"unsafe"

	"github.com/gipsdev/gips/internal/swar"
)

// SWAR ("SIMD within a register") range test for 8- and 16-bit integer
// pixels: eight (or four) lanes per 64-bit word, tested by carry-free lane
// arithmetic, so that the pure-Go build tests a word of pixels in about a
// dozen instructions without a branch and writes eight 0/1 bytes per store.
// Exact: tests compare it with the definition on every 8-bit bound pair
// and at the 16-bit edges.
//
// lo <= v <= hi is (v - lo) mod 2^w <= hi - lo on the pixels' bit
// patterns, signed or not. When hi - lo has its top bit set, the test is
// that of the complement, v not in [hi+1, lo-1] (mod 2^w), whose width
// has not: then y <= r is "y's top bit clear and y's low bits + (h-1-r)
// carry nothing into it".

// swarRange holds the lane constants of one range test: h has the top bit
// of each lane set, c is the broadcast start of the tested range, k the
// addend of the low bits, inv is h when the range tested is the range
// itself and 0 when it is the complement.
type swarRange struct {
	h, cl, ch, k, inv uint64
	// For 8-bit pixels, the AVX2 kernel's unsigned bounds: lo and hi
	// xor bias (0x80 for Int8, which maps its order onto uint8's).
	lo8, hi8, bias uint8
	// The same for 16-bit pixels (bias16 0x8000 for Int16).
	lo16, hi16, bias16 uint16
}

// newSwarRange tests lo <= v <= hi on lanes of bits bits; lo and hi are
// the bounds' bit patterns, lo <= hi as pixels, and not the whole type.
func newSwarRange(bits uint, lo, hi uint64) swarRange {
	mask := uint64(1)<<bits - 1
	ones := ^uint64(0) / mask // 0x0101... or 0x00010001...
	half := uint64(1) << (bits - 1)
	r, inv := (hi-lo)&mask, ones*half
	if r >= half { // the complement [hi+1, lo-1]
		lo, r, inv = hi+1, mask-r-1, 0
	}
	c := (lo & mask) * ones
	h := ones * half
	return swarRange{h: h, cl: c &^ h, ch: ^c & h, k: (half - 1 - r) * ones, inv: inv}
}

// test gives the top bit of each lane of x set where the lane is in range.
// y = x - c lane by lane: (x | h) - (c &^ h) cannot borrow across lanes,
// and its top bit is fixed by xor with x's and c's. It takes the constants
// one by one so that they stay in registers in the loops.
func test(x, h, nh, cl, ch, k, inv uint64) uint64 {
	y := ((x | h) - cl) ^ ((x & h) ^ ch)
	t := (y & nh) + k
	return ((t | y) & h) ^ inv
}

// range8 writes d[i] = 1 where s[i] is in range, 0 elsewhere, over whole
// words of 8 bytes, and returns how many it did. The loops index through
// pointers, within n <= len(d), len(s): no bounds checks, and few enough
// live values that the constants stay in registers.
func (r *swarRange) range8(d, s []byte) int {
	h, cl, ch, k, inv := r.h, r.cl, r.ch, r.k, r.inv
	nh := ^h
	n := min(len(d), len(s)) &^ 7
	if n == 0 {
		return 0
	}
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	for i := 0; i < n; i += 8 {
		x := *(*uint64)(unsafe.Add(sp, i)) // any byte order: lane i is byte i both ways
		*(*uint64)(unsafe.Add(dp, i)) = test(x, h, nh, cl, ch, k, inv) >> 7
	}
	return n
}

// range16 is range8 for 16-bit pixels: two words of four lanes make
// eight output bytes. Little-endian only (gather8).
func (r *swarRange) range16(d []byte, s []uint16) int {
	h, cl, ch, k, inv := r.h, r.cl, r.ch, r.k, r.inv
	nh := ^h
	n := min(len(d), len(s)) &^ 7
	if n == 0 {
		return 0
	}
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	for i := 0; i < n; i += 8 {
		lo := test(*(*uint64)(unsafe.Add(sp, 2*i)), h, nh, cl, ch, k, inv)
		hi := test(*(*uint64)(unsafe.Add(sp, 2*i+8)), h, nh, cl, ch, k, inv)
		*(*uint64)(unsafe.Add(dp, i)) = spread[gather8(lo, hi)]
	}
	return n
}

// gather8 moves the top bits of the four 16-bit lanes of lo, then of hi,
// to bits 0 to 7 of a byte, in lane order (little-endian). Lane i of lo
// has its bit at 16i, of hi at 16i + 4; the product puts them at 48 + i
// and 52 + i, and every other term at a bit of its own, so that nothing
// carries into those.
func gather8(lo, hi uint64) uint8 {
	const mul = 1<<48 | 1<<33 | 1<<18 | 1<<3
	return uint8(((lo>>15 | hi>>11) * mul) >> 48)
}

// spread[m] has byte i = bit i of m.
var spread = func() (t [256]uint64) {
	for m := range t {
		for i := range 8 {
			t[m] |= uint64(m>>i&1) << (8 * i)
		}
	}
	return t
}()

// rows runs range8 or range16 on a row of 8- or 16-bit pixels.
func rows[T any](r *swarRange, d []byte, s []T) int {
	var z T
	if unsafe.Sizeof(z) == 1 {
		b := swar.View[byte](s)
		k := simdRange8(d, b, r.lo8, r.hi8, r.bias) // AVX2 under GOEXPERIMENT=simd, else 0
		return k + r.range8(d[k:], b[k:])
	}
	w := swar.View[uint16](s)
	k := simdRange16(d, w, r.lo16, r.hi16, r.bias16)
	return k + r.range16(d[k:], w[k:])
}

// littleEndian: range16 packs lanes in little-endian order.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1
