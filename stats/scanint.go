package stats

import (
	"math/bits"
	"unsafe"

	"github.com/gipsdev/gips"
)

// The pure-Go twins of the integer scan (scanRun's loops, for the tail of
// a SIMD run and for every value without SIMD).

// scanInts is the extremes lo, hi extended by row, and row's sum: two
// chains of compare-and-moves (min, max) and sums, so that neither waits
// on the other and no branch depends on the data. (Go benchmark, 1 thread,
// CPU time, 65536 values: a branch per extreme and a second loop for the
// sum took 120-127 us for Int32, 100-102 for Int16, 162-172 for a smooth
// UInt8 image; this 52-59, 61-63, 45.)
func scanInts[T gips.Pixel](row []T, lo, hi T) (T, T, int64) {
	l1, h1 := lo, hi
	var s0, s1 int64
	i := 0
	for ; i+2 <= len(row); i += 2 {
		a, b := row[i], row[i+1]
		lo, hi = min(lo, a), max(hi, a)
		l1, h1 = min(l1, b), max(h1, b)
		s0 += int64(a)
		s1 += int64(b)
	}
	if i < len(row) {
		a := row[i]
		lo, hi = min(lo, a), max(hi, a)
		s0 += int64(a)
	}
	return min(lo, l1), max(hi, h1), s0 + s1
}

// addSquares adds Σv² over row to p's 128-bit sum of squares.
func addSquares[T gips.Pixel](p *partial, row []T) {
	var z T
	if unsafe.Sizeof(z) <= 2 { // v² <= 2^32: a run's squares (up to 2^20) fit in 64 bits
		var rq uint64
		for _, v := range row {
			rq += uint64(int64(v) * int64(v))
		}
		var c uint64
		p.qlo, c = bits.Add64(p.qlo, rq, 0)
		p.qhi += c
		return
	}
	for _, v := range row {
		// |v| < 2^32, so v² fits in 64 bits (the signed product
		// wraps to the right unsigned bits).
		var c uint64
		p.qlo, c = bits.Add64(p.qlo, uint64(int64(v)*int64(v)), 0)
		p.qhi += c
	}
}

// fastScan runs the SIMD scan of integer rows: the sum (when what asks
// for it, or for UInt16 rows without AVX-512), min and max of row[:n]
// (UInt8 rows: only when asked); n is 0 without a kernel for the type (or
// without AVX2/AVX-512).
func fastScan[T gips.Pixel](row []T, what need) (sum int64, lo, hi T, n int) {
	sums := what&needSum != 0
	switch r := any(row).(type) {
	case []uint8:
		// Each its own AVX2 loop (sumRow8, minMax8): one of the
		// two is asked for (a sum and extremes: two passes).
		var s uint64
		l, h := r[0], r[0]
		if sums {
			s, n = sumRow8(r)
		}
		if what&needExtremes != 0 {
			l, h, n = minMax8(r)
		}
		return int64(s), any(l).(T), any(h).(T), n
	case []uint16:
		s, l, h, k := scanU16(r, sums)
		return s, any(l).(T), any(h).(T), k
	case []int8:
		s, l, h, k := scanI8(r, sums)
		return s, any(l).(T), any(h).(T), k
	case []int16:
		s, l, h, k := scanI16(r, sums)
		return s, any(l).(T), any(h).(T), k
	case []int32:
		s, l, h, k := scanI32(r, sums)
		return s, any(l).(T), any(h).(T), k
	case []uint32:
		s, l, h, k := scanU32(r, sums)
		return s, any(l).(T), any(h).(T), k
	}
	return 0, lo, hi, 0
}

// fastScanSq is fastScan with the sum of squares (128 bits: qh, ql).
func fastScanSq[T gips.Pixel](row []T) (sum int64, qh, ql uint64, lo, hi T, n int) {
	switch r := any(row).(type) {
	case []uint8:
		s, q, l, h, k := scanSq8(r)
		return int64(s), 0, q, any(l).(T), any(h).(T), k
	case []int8:
		s, qh, ql, l, h, k := scanSqI8(r)
		return s, qh, ql, any(l).(T), any(h).(T), k
	case []uint16:
		s, qh, ql, l, h, k := scanSqU16(r)
		return s, qh, ql, any(l).(T), any(h).(T), k
	case []int16:
		s, qh, ql, l, h, k := scanSqI16(r)
		return s, qh, ql, any(l).(T), any(h).(T), k
	case []int32:
		s, qh, ql, l, h, k := scanSqI32(r)
		return s, qh, ql, any(l).(T), any(h).(T), k
	case []uint32:
		s, qh, ql, l, h, k := scanSqU32(r)
		return s, qh, ql, any(l).(T), any(h).(T), k
	}
	return 0, 0, 0, lo, hi, 0
}
