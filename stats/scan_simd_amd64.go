//go:build goexperiment.simd && amd64

package stats

import (
	"simd/archsimd"
	"unsafe"
)

// The SIMD twins of the UInt8 scan (sum, min, max, squares) and the AVX2
// one of UInt16 (used without AVX-512: scanU16), built with
// GOEXPERIMENT=simd; the other types' are in scanint_simd_amd64.go,
// scansq_simd_amd64.go and scanfloat_simd_amd64.go. scanRun's pure-Go
// loops are the twins, used without AVX2 and for the tail of a run.
// Integer sums are exact either way, so the results are identical
// (TestScanSIMDMatchesGo, TestIntScanTwins).

var haveAVX2 = archsimd.X86.AVX2()

var haveAVX512 = archsimd.X86.AVX512()

// scanRow8 sums and bounds the first n bytes of row, n a multiple of 32,
// and returns n (0 without AVX2 or for rows under 32 pixels). With
// AVX-512 the first multiple of 128 bytes takes scanRow8x128.
func scanRow8(row []uint8) (sum uint64, lo, hi uint8, n int) {
	n = len(row) &^ 31
	if !haveAVX2 || n == 0 {
		return 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	var zero archsimd.Uint8x32
	i := 0
	var acc archsimd.Uint64x4
	var mn, mx archsimd.Uint8x32
	if k := len(row) &^ 127; haveAVX512 && k > 0 {
		acc, mn, mx = scanRow8x128(row[:k])
		i = k
	} else {
		acc = archsimd.LoadUint8x32Slice(row[:32]).SumAbsDiff(zero).AsUint64x4()
		mn = archsimd.LoadUint8x32Slice(row[:32])
		mx = mn
		i = 32
	}
	for ; i < n; i += 32 {
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

// scanRow8x128 is scanRow8's AVX-512 loop over row (a non-zero multiple of
// 128 bytes): two 64-byte vectors a step, each with its own sum, min and
// max (so that no step waits on the one before), folded to 32-byte
// vectors for scanRow8 to go on with. (1024x1024 bench-like UInt8 mean,
// 2026-11-30, CPU time, minimum of 9: AVX2 32 bytes a step 32 us, this 16.5;
// 256x256 2.4 -> 1.5 us.)
func scanRow8x128(row []uint8) (acc archsimd.Uint64x4, mn, mx archsimd.Uint8x32) {
	var zero archsimd.Uint8x64
	x := archsimd.LoadUint8x64Slice(row[:64])
	y := archsimd.LoadUint8x64Slice(row[64:128])
	s0, s1 := x.SumAbsDiff(zero).AsUint64x8(), y.SumAbsDiff(zero).AsUint64x8()
	mn0, mx0, mn1, mx1 := x, x, y, y
	for i := 128; i+128 <= len(row); i += 128 {
		x := archsimd.LoadUint8x64Slice(row[i : i+64])
		y := archsimd.LoadUint8x64Slice(row[i+64 : i+128])
		s0 = s0.Add(x.SumAbsDiff(zero).AsUint64x8()) // 8 sums of 8 bytes
		s1 = s1.Add(y.SumAbsDiff(zero).AsUint64x8())
		mn0, mx0 = mn0.Min(x), mx0.Max(x)
		mn1, mx1 = mn1.Min(y), mx1.Max(y)
	}
	s := s0.Add(s1)
	m, M := mn0.Min(mn1), mx0.Max(mx1)
	return s.GetLo().Add(s.GetHi()), m.GetLo().Min(m.GetHi()), M.GetLo().Max(M.GetHi())
}

// sumRow8 is the sum of the first n bytes of row, n a multiple of 32 (0
// without AVX2 or for rows under 32 bytes), for the flat sum and mean,
// which need no extremes: four independent chains of VPSADBW, 128 bytes a
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

// scanSq8 is scanRow8 with the sum of squares, for Std and Measure: the
// first n bytes of row, n a multiple of 64 (0 without AVX-512 or for rows
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
		for _, v := range q {
			sq += uint64(v)
		}
	}
	var ss [8]uint64
	s.Store(&ss)
	for _, v := range ss {
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
