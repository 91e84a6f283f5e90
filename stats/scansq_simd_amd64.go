//go:build goexperiment.simd && amd64

package stats

import (
	"math"
	"math/bits"
	"simd/archsimd"
	"unsafe"
)

// The SIMD twins of the integer scan with squares (Std, Measure) for
// Int8, Int16, Int32 and UInt32 runs: sum, sum of squares, min and max of
// row[:n], all exact (the squares' sum in 128 bits as qhi, qlo), so the
// results are the Go loop's (TestIntSquaresTwins).

// scanSqI8 is scanI8 with the squares (n a multiple of 64): the values
// widened to 16 bits, squared and added in pairs into 32-bit lanes
// (VPMADDWD), which go to 64 bits every 2^14 steps (a step adds at most
// 4·128² to a lane).
func scanSqI8(row []int8) (sum int64, qhi, qlo uint64, lo, hi int8, n int) {
	n = len(row) &^ 63
	if !haveAVX512 || n == 0 {
		return 0, 0, 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	load := func(i int) archsimd.Int8x64 { return archsimd.LoadInt8x64((*[64]int8)(unsafe.Pointer(&row[i]))) }
	var zero archsimd.Uint8x64
	flip := archsimd.BroadcastInt8x64(-128)
	mn := load(0)
	mx := mn
	var s archsimd.Uint64x8
	var q archsimd.Int64x8
	const block = 64 << 14
	for b0 := 0; b0 < n; b0 += block {
		var acc archsimd.Int32x16
		for i := b0; i < min(n, b0+block); i += 64 {
			x := load(i)
			mn, mx = mn.Min(x), mx.Max(x)
			s = s.Add(x.Xor(flip).AsUint8x64().SumAbsDiff(zero).AsUint64x8())
			a, b := x.GetLo().ExtendToInt16(), x.GetHi().ExtendToInt16()
			acc = acc.Add(a.DotProductPairs(a)).Add(b.DotProductPairs(b))
		}
		q = q.Add(acc.GetLo().ExtendToInt64()).Add(acc.GetHi().ExtendToInt64())
	}
	var l, h [64]int8
	mn.Store(&l)
	mx.Store(&h)
	lo, hi = lanes(l[:], h[:])
	return sum64(s) - 128*int64(n), 0, uint64(sum64(q.AsUint64x8())), lo, hi, n
}

// scanSqI16 is scanI16 with the squares (n a multiple of 32): a pair of
// squares is at most 2^31, exact as an unsigned 32-bit lane, widened to
// 64 bits every step.
func scanSqI16(row []int16) (sum int64, qhi, qlo uint64, lo, hi int16, n int) {
	return scanSq16(row, 0)
}

// scanSqU16 is scanSqI16 for UInt16: of u = v - 32768, the values with
// the sign bit flipped, Σv = Σu + 32768·n and Σv² = Σu² + 65536·Σu +
// 2^30·n, computed modulo 2^64, exact while Σv² < 2^64 (n < 2^32), as the
// Go loop's 64-bit sum of a run's squares.
func scanSqU16(row []uint16) (sum int64, qhi, qlo uint64, lo, hi uint16, n int) {
	s, _, q, l, h, n := scanSq16(unsafe.Slice((*int16)(unsafe.Pointer(unsafe.SliceData(row))), len(row)), math.MinInt16)
	return s + 32768*int64(n), 0, q + uint64(s)<<16 + uint64(n)<<30, uint16(l) ^ 0x8000, uint16(h) ^ 0x8000, n
}

// scanSq16 is scanSqI16 of the values of row xor flip.
func scanSq16(row []int16, flip int16) (sum int64, qhi, qlo uint64, lo, hi int16, n int) {
	n = len(row) &^ 31
	if !haveAVX512 || n == 0 {
		return 0, 0, 0, 0, 0, 0
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
	var q0, q1 archsimd.Uint64x8
	const block = 32 << 14
	for b0 := 0; b0 < n; b0 += block {
		var acc archsimd.Int32x16
		for i := b0; i < min(n, b0+block); i += 32 {
			x := load(i)
			mn, mx = mn.Min(x), mx.Max(x)
			acc = acc.Add(x.DotProductPairs(ones))
			d := x.DotProductPairs(x).AsUint32x16()
			q0, q1 = q0.Add(d.GetLo().ExtendToUint64()), q1.Add(d.GetHi().ExtendToUint64())
		}
		s = s.Add(acc.GetLo().ExtendToInt64()).Add(acc.GetHi().ExtendToInt64())
	}
	var l, h [32]int16
	mn.Store(&l)
	mx.Store(&h)
	lo, hi = lanes(l[:], h[:])
	return sum64(s.AsUint64x8()), 0, uint64(sum64(q0.Add(q1))), lo, hi, n
}

// squares32 adds the 64-bit products x·x of the even 32-bit lanes of x
// (VPMULDQ signed, VPMULUDQ unsigned) and of the odd ones, split into
// their high and low 32 bits, to qh and ql: 32 bits a lane an add, so
// neither wraps (the caller's runs are far under 2^32 steps). The high
// halves come down by a shift by a vector (VPSRLVQ): ShiftAllRight(32)
// loads its count through a legacy-SSE (non-VEX) MOVQ at every use,
// which stalls inside an AVX2 loop (scanSqI32 on 64 KiB ran about ten
// times slower).
// c32 holds 32 in every lane and m 0xffffffff (the caller makes them
// once, outside its loop).
func squares32(even, odd, qh, ql, c32, m archsimd.Uint64x4) (archsimd.Uint64x4, archsimd.Uint64x4) {
	qh = qh.Add(even.ShiftRight(c32)).Add(odd.ShiftRight(c32))
	ql = ql.Add(even.And(m)).Add(odd.And(m))
	return qh, ql
}

// scanSqI32 is scanI32 with the squares (n a multiple of 8), AVX2.
func scanSqI32(row []int32) (sum int64, qhi, qlo uint64, lo, hi int32, n int) {
	n = len(row) &^ 7
	if !haveAVX2 || n == 0 {
		return 0, 0, 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	load := func(i int) archsimd.Int32x8 { return archsimd.LoadInt32x8((*[8]int32)(unsafe.Pointer(&row[i]))) }
	mn := load(0)
	mx := mn
	var s archsimd.Int64x4
	var qh, ql archsimd.Uint64x4
	c32, m := archsimd.BroadcastUint64x4(32), archsimd.BroadcastUint64x4(0xffffffff)
	for i := 0; i < n; i += 8 {
		x := load(i)
		mn, mx = mn.Min(x), mx.Max(x)
		s = s.Add(x.GetLo().ExtendToInt64()).Add(x.GetHi().ExtendToInt64())
		o := x.AsUint64x4().ShiftRight(c32).AsInt32x8() // VPMULDQ reads the low 32 bits of each lane
		qh, ql = squares32(x.MulEvenWiden(x).AsUint64x4(), o.MulEvenWiden(o).AsUint64x4(), qh, ql, c32, m)
	}
	var l, h [8]int32
	mn.Store(&l)
	mx.Store(&h)
	lo, hi = lanes(l[:], h[:])
	qhi, qlo = join32(qh, ql)
	return sum4(s.AsUint64x4()), qhi, qlo, lo, hi, n
}

// scanSqU32 is scanSqI32 for UInt32.
func scanSqU32(row []uint32) (sum int64, qhi, qlo uint64, lo, hi uint32, n int) {
	n = len(row) &^ 7
	if !haveAVX2 || n == 0 {
		return 0, 0, 0, 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	load := func(i int) archsimd.Uint32x8 { return archsimd.LoadUint32x8((*[8]uint32)(unsafe.Pointer(&row[i]))) }
	mn := load(0)
	mx := mn
	var s archsimd.Uint64x4
	var qh, ql archsimd.Uint64x4
	c32, m := archsimd.BroadcastUint64x4(32), archsimd.BroadcastUint64x4(0xffffffff)
	for i := 0; i < n; i += 8 {
		x := load(i)
		mn, mx = mn.Min(x), mx.Max(x)
		s = s.Add(x.GetLo().ExtendToUint64()).Add(x.GetHi().ExtendToUint64())
		o := x.AsUint64x4().ShiftRight(c32).AsUint32x8()
		qh, ql = squares32(x.MulEvenWiden(x), o.MulEvenWiden(o), qh, ql, c32, m)
	}
	var l, h [8]uint32
	mn.Store(&l)
	mx.Store(&h)
	lo, hi = lanes(l[:], h[:])
	qhi, qlo = join32(qh, ql)
	return sum4(s), qhi, qlo, lo, hi, n
}

// join32 is Σqh·2^32 + Σql over the lanes, in 128 bits.
func join32(qh, ql archsimd.Uint64x4) (hi, lo uint64) {
	h, l := uint64(sum4(qh)), uint64(sum4(ql))
	var c uint64
	lo, c = bits.Add64(h<<32, l, 0)
	return h>>32 + c, lo
}

func sum4(s archsimd.Uint64x4) int64 {
	var v [4]uint64
	s.Store(&v)
	return int64(v[0] + v[1] + v[2] + v[3])
}
