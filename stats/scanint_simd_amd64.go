//go:build goexperiment.simd && amd64

package stats

import (
	"cmp"
	"math"
	"simd/archsimd"
	"unsafe"
)

// The AVX-512 twins of the integer scan (sum, min, max) for Int8, Int16,
// Int32 and UInt32 runs, one 64-byte vector a step: the sums exact in
// 64-bit lanes, so the results are the Go loop's (TestIntScanTwins). With
// sums false they take the extremes only (sum 0), for Min and Max: the
// sums' widening cost more than the extremes.

// scanI8 sums and bounds the first n values of row, n a multiple of 64
// (0 without AVX-512 or under 64 values). The sum is VPSADBW's of the
// values plus 128 (the sign bit flipped), less 128·n.
func scanI8(row []int8, sums bool) (sum int64, lo, hi int8, n int) {
	n = len(row) &^ 63
	if !haveAVX512 || n == 0 {
		return 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	load := func(i int) archsimd.Int8x64 { return archsimd.LoadInt8x64((*[64]int8)(unsafe.Pointer(&row[i]))) }
	var zero archsimd.Uint8x64
	flip := archsimd.BroadcastInt8x64(-128)
	mn := load(0)
	mx := mn
	var s archsimd.Uint64x8
	for i := 0; i < n; i += 64 {
		x := load(i)
		mn, mx = mn.Min(x), mx.Max(x)
		if sums {
			s = s.Add(x.Xor(flip).AsUint8x64().SumAbsDiff(zero).AsUint64x8())
		}
	}
	var l, h [64]int8
	mn.Store(&l)
	mx.Store(&h)
	lo, hi = lanes(l[:], h[:])
	return sum64(s) - 128*int64(n), lo, hi, n
}

// scanI16 is scanI8 for Int16 (n a multiple of 32): the sums of pairs
// (VPMADDWD by ones) in 32-bit lanes, taken to 64 bits every 2^14 steps,
// before a lane could pass 2^31.
func scanI16(row []int16, sums bool) (sum int64, lo, hi int16, n int) {
	return scan16(row, sums, 0)
}

// scanU16 is scanI16 for UInt16 (n a multiple of 32) with AVX-512: the
// values with the sign bit flipped are Int16 values less 32768, in the
// same order. Without AVX-512, scanRow16's AVX2 loop.
func scanU16(row []uint16, sums bool) (sum int64, lo, hi uint16, n int) {
	if !haveAVX512 {
		s, l, h, n := scanRow16(row)
		return int64(s), l, h, n
	}
	s, l, h, n := scan16(unsafe.Slice((*int16)(unsafe.Pointer(unsafe.SliceData(row))), len(row)), sums, math.MinInt16)
	return s + 32768*int64(n), uint16(l) ^ 0x8000, uint16(h) ^ 0x8000, n
}

// scan16 is scanI16 of the values of row xor flip.
func scan16(row []int16, sums bool, flip int16) (sum int64, lo, hi int16, n int) {
	n = len(row) &^ 31
	if !haveAVX512 || n == 0 {
		return 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	fl := archsimd.BroadcastInt16x32(flip)
	load := func(i int) archsimd.Int16x32 {
		return archsimd.LoadInt16x32((*[32]int16)(unsafe.Pointer(&row[i]))).Xor(fl)
	}
	ones := archsimd.BroadcastInt16x32(1)
	mn := load(0)
	mx := mn
	var s archsimd.Int64x8
	const block = 32 << 14
	for b0 := 0; b0 < n; b0 += block {
		var acc archsimd.Int32x16
		for i := b0; i < min(n, b0+block); i += 32 {
			x := load(i)
			mn, mx = mn.Min(x), mx.Max(x)
			if sums {
				acc = acc.Add(x.DotProductPairs(ones))
			}
		}
		s = s.Add(acc.GetLo().ExtendToInt64()).Add(acc.GetHi().ExtendToInt64())
	}
	var l, h [32]int16
	mn.Store(&l)
	mx.Store(&h)
	lo, hi = lanes(l[:], h[:])
	return int64(sum64(s.AsUint64x8())), lo, hi, n
}

// scanI32 is scanI8 for Int32 (n a multiple of 32), each value widened
// to a 64-bit lane; two vectors a step, each with its own extremes
// (64K values in L2: 2.7 -> 2.0 us CPU).
func scanI32(row []int32, sums bool) (sum int64, lo, hi int32, n int) {
	n = len(row) &^ 31
	if !haveAVX512 || n == 0 {
		return 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	load := func(i int) archsimd.Int32x16 { return archsimd.LoadInt32x16((*[16]int32)(unsafe.Pointer(&row[i]))) }
	mn0, mn1 := load(0), load(16)
	mx0, mx1 := mn0, mn1
	var s0, s1 archsimd.Int64x8
	for i := 0; i < n; i += 32 {
		x, y := load(i), load(i+16)
		mn0, mx0 = mn0.Min(x), mx0.Max(x)
		mn1, mx1 = mn1.Min(y), mx1.Max(y)
		if sums {
			s0 = s0.Add(x.GetLo().ExtendToInt64()).Add(x.GetHi().ExtendToInt64())
			s1 = s1.Add(y.GetLo().ExtendToInt64()).Add(y.GetHi().ExtendToInt64())
		}
	}
	var l, h [16]int32
	mn0.Min(mn1).Store(&l)
	mx0.Max(mx1).Store(&h)
	lo, hi = lanes(l[:], h[:])
	return int64(sum64(s0.Add(s1).AsUint64x8())), lo, hi, n
}

// scanU32 is scanI32 for UInt32.
func scanU32(row []uint32, sums bool) (sum int64, lo, hi uint32, n int) {
	n = len(row) &^ 31
	if !haveAVX512 || n == 0 {
		return 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	load := func(i int) archsimd.Uint32x16 { return archsimd.LoadUint32x16((*[16]uint32)(unsafe.Pointer(&row[i]))) }
	mn0, mn1 := load(0), load(16)
	mx0, mx1 := mn0, mn1
	var s0, s1 archsimd.Uint64x8
	for i := 0; i < n; i += 32 {
		x, y := load(i), load(i+16)
		mn0, mx0 = mn0.Min(x), mx0.Max(x)
		mn1, mx1 = mn1.Min(y), mx1.Max(y)
		if sums {
			s0 = s0.Add(x.GetLo().ExtendToUint64()).Add(x.GetHi().ExtendToUint64())
			s1 = s1.Add(y.GetLo().ExtendToUint64()).Add(y.GetHi().ExtendToUint64())
		}
	}
	var l, h [16]uint32
	mn0.Min(mn1).Store(&l)
	mx0.Max(mx1).Store(&h)
	lo, hi = lanes(l[:], h[:])
	return int64(sum64(s0.Add(s1))), lo, hi, n
}

// lanes is the least of l and the greatest of h (stored vectors).
func lanes[T cmp.Ordered](l, h []T) (lo, hi T) {
	lo, hi = l[0], h[0]
	for j := 1; j < len(l); j++ {
		lo, hi = min(lo, l[j]), max(hi, h[j])
	}
	return lo, hi
}

// sum64 adds a vector's lanes (two's complement: signed sums too).
func sum64(s archsimd.Uint64x8) int64 {
	var v [8]uint64
	s.Store(&v)
	var t uint64
	for _, x := range &v { // not a copy: its MOVUPS are legacy SSE
		t += x
	}
	return int64(t)
}
