//go:build goexperiment.simd && amd64

package stats

import (
	"simd/archsimd"
	"unsafe"
)

// The SIMD twins of the UInt8 scan (sum or extremes, squares) and the AVX2
// one of UInt16 (used without AVX-512: scanU16), built with
// GOEXPERIMENT=simd; the other types' are in scanint_simd_amd64.go,
// scansq_simd_amd64.go and scanfloat_simd_amd64.go. scanRun's pure-Go
// loops are the twins, used without AVX2 and for the tail of a run.
// Integer sums are exact either way, so the results are identical
// (TestScanSIMDMatchesGo, TestIntScanTwins).

var haveAVX2 = archsimd.X86.AVX2()

var haveAVX512 = archsimd.X86.AVX512()

// minMax8 is the least and greatest of the first n bytes of row, n a
// multiple of 32 (0 without AVX2 or for rows under 32 bytes), for Min and
// Max: four chains of 32-byte min and max, 128 bytes a step. AVX2, not
// AVX-512, for the reason sumRow8 gives: timed as bench.py times (a
// clock_gettime system call in the timed span, just before the call), a
// 64-byte loop (the scan that also summed, two 64-byte vectors a step)
// over the 1 MiB of the 1024² bench image took 26 us where it took 10.5
// without the system call; this loop 15-19 (Python, 1 thread, minima of
// 400; numpy's min 21-26 in the same runs).
func minMax8(row []uint8) (lo, hi uint8, n int) {
	n = len(row) &^ 31
	if !haveAVX2 || n == 0 {
		return 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	p := unsafe.Pointer(&row[0])
	ld := func(i int) archsimd.Uint8x32 { return archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, i))) }
	mn0 := ld(0)
	mn1, mn2, mn3 := mn0, mn0, mn0
	mx0, mx1, mx2, mx3 := mn0, mn0, mn0, mn0
	i := 0
	for ; i+128 <= n; i += 128 {
		a, b, c, d := ld(i), ld(i+32), ld(i+64), ld(i+96)
		mn0, mx0 = mn0.Min(a), mx0.Max(a)
		mn1, mx1 = mn1.Min(b), mx1.Max(b)
		mn2, mx2 = mn2.Min(c), mx2.Max(c)
		mn3, mx3 = mn3.Min(d), mx3.Max(d)
	}
	for ; i < n; i += 32 {
		a := ld(i)
		mn0, mx0 = mn0.Min(a), mx0.Max(a)
	}
	var l, h [32]uint8
	mn0.Min(mn1).Min(mn2.Min(mn3)).Store(&l)
	mx0.Max(mx1).Max(mx2.Max(mx3)).Store(&h)
	lo, hi = lanes(l[:], h[:])
	return lo, hi, n
}

// sumRow8 is the sum of the first n bytes of row, n a multiple of 32 (0
// without AVX2 or for rows under 32 bytes), for the sum and mean, which
// need no extremes: four independent chains of VPSADBW, 128 bytes a
// step. AVX2, not AVX-512, on purpose: the 64-byte loop is no faster over
// a 1 MiB buffer (the loads are the limit), and when a system call comes
// just before (the bench times each call between two), a 64-byte loop over
// a buffer out of L1 ran 25-30% slower for tens of microseconds on the
// bench machine, where the 32-byte loop did not (issue 15: 1024² mean).
func sumRow8(row []uint8) (sum uint64, n int) {
	n = len(row) &^ 31
	if !haveAVX2 || n == 0 {
		return 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	return sum32(unsafe.Pointer(&row[0]), n), n
}

// sum32 is sumRow8's loop over n bytes at p (a non-zero multiple of 32),
// through the pointer: no bounds check a vector.
func sum32(p unsafe.Pointer, n int) uint64 {
	var zero archsimd.Uint8x32
	sad := func(i int) archsimd.Uint64x4 {
		return archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, i))).SumAbsDiff(zero).AsUint64x4()
	}
	var s0, s1, s2, s3 archsimd.Uint64x4
	i := 0
	for ; i+128 <= n; i += 128 {
		s0, s1 = s0.Add(sad(i)), s1.Add(sad(i+32))
		s2, s3 = s2.Add(sad(i+64)), s3.Add(sad(i+96))
	}
	for ; i < n; i += 32 {
		s0 = s0.Add(sad(i))
	}
	var s [4]uint64
	s0.Add(s1).Add(s2.Add(s3)).Store(&s)
	return s[0] + s[1] + s[2] + s[3]
}

// scanRow16 sums and bounds the first n values of row, n a multiple of 16
// (0 without AVX2 or for rows under 16 values).
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
		for _, v := range &s { // not a copy of the array: its 128-bit moves would be legacy SSE
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

// scanSq8 is the sum, the sum of squares and the extremes, for Std and
// Measure, of the first n bytes of row, n a multiple of 64 (0 without AVX-512 or for rows
// under 64 pixels). The squares are exact: bytes widened to 16 bits,
// squared and added in pairs into 32-bit lanes (VPMADDWD), which go to
// 64 bits every block of steps, before a lane could pass 2^31. (Std of
// 1024x1024 bench-like UInt8, CPU time: the Go loop 2.0 ms, this 38 us;
// 256x256 129 -> 6.9 us.)
func scanSq8(row []uint8) (sum, sq uint64, lo, hi uint8, n int) {
	n = len(row) &^ 63
	if !haveAVX512 || n == 0 {
		return 0, 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	var zero archsimd.Uint8x64
	mn := archsimd.LoadUint8x64Slice(row[:64])
	mx := mn
	var s archsimd.Uint64x8
	var q [16]int32
	// A step adds at most 4·255² = 260100 to a lane: 2^13 steps stay
	// under 2^31.
	const block = 64 << 13
	for b0 := 0; b0 < n; b0 += block {
		var acc archsimd.Int32x16
		for i := b0; i < min(n, b0+block); i += 64 {
			x := archsimd.LoadUint8x64Slice(row[i : i+64])
			s = s.Add(x.SumAbsDiff(zero).AsUint64x8())
			mn, mx = mn.Min(x), mx.Max(x)
			a := x.GetLo().ExtendToUint16().AsInt16x32()
			b := x.GetHi().ExtendToUint16().AsInt16x32()
			acc = acc.Add(a.DotProductPairs(a)).Add(b.DotProductPairs(b))
		}
		acc.Store(&q)
		for _, v := range &q {
			sq += uint64(v)
		}
	}
	var ss [8]uint64
	s.Store(&ss)
	for _, v := range &ss {
		sum += v
	}
	var a, b [64]uint8
	mn.Store(&a)
	mx.Store(&b)
	lo, hi = a[0], b[0]
	for k := 1; k < 64; k++ {
		lo, hi = min(lo, a[k]), max(hi, b[k])
	}
	return sum, sq, lo, hi, n
}
