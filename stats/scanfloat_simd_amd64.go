//go:build goexperiment.simd && amd64

package stats

import (
	"math"
	"simd/archsimd"
	"unsafe"
)

// The SIMD twins of the float scans (scanfloat.go, neumaier.go): the
// extremes over ordered integer keys with AVX-512, the block sums of
// sumFloats and sumSquares with AVX2, four float64 lanes that are the Go
// loop's four chains. Same bits as the Go twins (TestFloatScanTwins).

// extremes32 is the least and greatest of s[:n] (NaN and NaN if it holds
// a NaN), n a multiple of 32 (0 without AVX-512 or under 32 values): 32-bit
// keys, as key64 makes them, two vectors a step.
func extremes32(s []float32) (lo, hi float64, n int) {
	kl, kh, n := keyExtremes32(s)
	unkey := func(k int32) float64 { return float64(math.Float32frombits(uint32(k ^ int32(uint32(k>>31)>>1)))) }
	return unkey(kl), unkey(kh), n
}

// keyExtremes32 is extremes32's vector loop: the least and greatest key.
// The keys go back to floats in the caller, after the vector registers are
// cleared: Go 1.26's float conversions are legacy SSE (non-VEX), which
// stall while their upper halves hold values.
func keyExtremes32(s []float32) (kl, kh int32, n int) {
	n = len(s) &^ 31
	if !haveAVX512 || n == 0 {
		return 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	m := archsimd.BroadcastInt32x16(math.MaxInt32)
	key := func(i int) archsimd.Int32x16 {
		b := archsimd.LoadFloat32x16((*[16]float32)(unsafe.Pointer(&s[i]))).AsInt32x16()
		return b.Xor(b.ShiftAllRight(31).And(m))
	}
	mn0, mn1 := key(0), key(16)
	mx0, mx1 := mn0, mn1
	for i := 32; i < n; i += 32 {
		a, b := key(i), key(i+16)
		mn0, mx0 = mn0.Min(a), mx0.Max(a)
		mn1, mx1 = mn1.Min(b), mx1.Max(b)
	}
	var l, h [16]int32
	mn0.Min(mn1).Store(&l)
	mx0.Max(mx1).Store(&h)
	kl, kh = l[0], h[0]
	for j := 1; j < 16; j++ {
		kl, kh = min(kl, l[j]), max(kh, h[j])
	}
	return kl, kh, n
}

// extremes64 is extremes32 for float64 values (n a multiple of 16),
// 64-bit keys.
func extremes64(s []float64) (lo, hi float64, n int) {
	n = len(s) &^ 15
	if !haveAVX512 || n == 0 {
		return 0, 0, 0
	}
	defer archsimd.ClearAVXUpperBits()
	m := archsimd.BroadcastInt64x8(math.MaxInt64)
	key := func(i int) archsimd.Int64x8 {
		b := archsimd.LoadFloat64x8((*[8]float64)(unsafe.Pointer(&s[i]))).AsInt64x8()
		return b.Xor(b.ShiftAllRight(63).And(m))
	}
	mn0, mn1 := key(0), key(8)
	mx0, mx1 := mn0, mn1
	for i := 16; i < n; i += 16 {
		a, b := key(i), key(i+8)
		mn0, mx0 = mn0.Min(a), mx0.Max(a)
		mn1, mx1 = mn1.Min(b), mx1.Max(b)
	}
	var l, h [8]int64
	mn0.Min(mn1).Store(&l)
	mx0.Max(mx1).Store(&h)
	kl, kh := l[0], h[0]
	for j := 1; j < 8; j++ {
		kl, kh = min(kl, l[j]), max(kh, h[j])
	}
	return unkey64(kl), unkey64(kh), n
}

// blockSums writes to sums[b] the sum of s's block b of 64 values (sq
// false) or of their squared deviations from mean (sq true), as the Go
// loops of sumFloats and sumSquares form it; len(s) is 64·len(sums).
// Four blocks at a time, each a chain of its own. False without AVX2.
func blockSums[T ~float32 | ~float64](s []T, sums []float64, mean float64, sq bool) bool {
	if !haveAVX2 {
		return false
	}
	defer archsimd.ClearAVXUpperBits()
	m := archsimd.BroadcastFloat64x4(mean)
	p := unsafe.Pointer(unsafe.SliceData(s))
	load := func(i int) archsimd.Float64x4 {
		x := load4(s, unsafe.Add(p, i*int(unsafe.Sizeof(s[0]))))
		if sq {
			d := x.Sub(m)
			x = d.Mul(d)
		}
		return x
	}
	b := 0
	for ; b+4 <= len(sums); b += 4 {
		o := b * 64
		var a0, a1, a2, a3 archsimd.Float64x4
		for j := o; j < o+64; j += 4 {
			a0, a1 = a0.Add(load(j)), a1.Add(load(j+64))
			a2, a3 = a2.Add(load(j+128)), a3.Add(load(j+192))
		}
		// [x0+x1, y0+y1, x2+x3, y2+y3]: the low and high halves
		// added are the two blocks' (a0+a1)+(a2+a3).
		h01, h23 := a0.AddPairsGrouped(a1), a2.AddPairsGrouped(a3)
		h01.GetLo().Add(h01.GetHi()).StoreSlice(sums[b : b+2])
		h23.GetLo().Add(h23.GetHi()).StoreSlice(sums[b+2 : b+4])
	}
	for ; b < len(sums); b++ {
		var a archsimd.Float64x4
		for j := b * 64; j < b*64+64; j += 4 {
			a = a.Add(load(j))
		}
		h := a.AddPairsGrouped(a)
		setLow(&sums[b], h.GetLo().Add(h.GetHi()))
	}
	return true
}

// load4 is the four values of s's type at p as float64s (the size test is
// a constant in each instantiation).
func load4[T ~float32 | ~float64](_ []T, p unsafe.Pointer) archsimd.Float64x4 {
	var z T
	if unsafe.Sizeof(z) == 4 {
		return archsimd.LoadFloat32x4((*[4]float32)(p)).ConvertToFloat64()
	}
	return archsimd.LoadFloat64x4((*[4]float64)(p))
}
