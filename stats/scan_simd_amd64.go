//go:build goexperiment.simd && amd64

package stats

import (
	"simd/archsimd"
)

// The AVX2 twins of the integer scan (sum, min, max) for UInt8 and UInt16
// rows, built with GOEXPERIMENT=simd; the pure-Go loop in scanPlanes is
// the twin, used without AVX2, for the other types and for the tail of a
// row. Integer sums are exact either way, so the results are identical
// (TestScanSIMDMatchesGo).

var haveAVX2 = archsimd.X86.AVX2()

// scanRow8 sums and bounds the first n bytes of row, n a multiple of 32,
// and returns n (0 without AVX2 or for rows under 32 pixels).
func scanRow8(row []uint8) (sum uint64, lo, hi uint8, n int) {
	n = len(row) &^ 31
	if !haveAVX2 || n == 0 {
		return 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	var zero archsimd.Uint8x32
	acc := archsimd.LoadUint8x32Slice(row[:32]).SumAbsDiff(zero).AsUint64x4()
	mn := archsimd.LoadUint8x32Slice(row[:32])
	mx := mn
	for i := 32; i < n; i += 32 {
		x := archsimd.LoadUint8x32Slice(row[i : i+32])
		acc = acc.Add(x.SumAbsDiff(zero).AsUint64x4()) // 4 sums of 8 bytes
		mn, mx = mn.Min(x), mx.Max(x)
	}
	var s [4]uint64
	acc.Store(&s)
	var a, b [32]uint8
	mn.Store(&a)
	mx.Store(&b)
	lo, hi = a[0], b[0]
	for k := 1; k < 32; k++ {
		lo, hi = min(lo, a[k]), max(hi, b[k])
	}
	return s[0] + s[1] + s[2] + s[3], lo, hi, n
}

// scanRow16 is scanRow8 for UInt16 rows (n a multiple of 16).
func scanRow16(row []uint16) (sum uint64, lo, hi uint16, n int) {
	n = len(row) &^ 15
	if !haveAVX2 || n == 0 {
		return 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	var zero archsimd.Uint16x16
	first := archsimd.LoadUint16x16Slice(row[:16])
	mn, mx := first, first
	var s [8]uint32
	// Each step adds at most 2*65535 to a 32-bit lane: blocks of 2^14
	// steps stay well below 2^32.
	const block = 16 << 14
	for b0 := 0; b0 < n; b0 += block {
		var acc archsimd.Uint32x8
		for i := b0; i < min(n, b0+block); i += 16 {
			x := archsimd.LoadUint16x16Slice(row[i : i+16])
			mn, mx = mn.Min(x), mx.Max(x)
			acc = acc.Add(x.InterleaveLoGrouped(zero).AsUint32x8()).Add(x.InterleaveHiGrouped(zero).AsUint32x8())
		}
		acc.Store(&s)
		for _, v := range s {
			sum += uint64(v)
		}
	}
	var a, b [16]uint16
	mn.Store(&a)
	mx.Store(&b)
	lo, hi = a[0], b[0]
	for j := 1; j < 16; j++ {
		lo, hi = min(lo, a[j]), max(hi, b[j])
	}
	return sum, lo, hi, n
}
