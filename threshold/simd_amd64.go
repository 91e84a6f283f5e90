//go:build goexperiment.simd && amd64

package threshold

import "simd/archsimd"

// The AVX2 twin of range8 (GOEXPERIMENT=simd): 32 pixels per step.
// lo <= v <= hi (unsigned, after the bias) is (v - lo) mod 2^w <= hi - lo,
// which is "v - lo, then hi - lo subtracted with saturation, gives 0":
// three operations a vector, and the 0/1 result is min(that, 1) xor 1.
// The bias (0x80 for Int8, 0x8000 for Int16, which maps the signed order
// onto the unsigned one) is an addition mod 2^w, so it cancels in v - lo
// once the bound carries it: (v + b) - lo = v - (lo - b) = v - (lo ^ b).
// The brute-force tests (every 8-bit value with every bound pair) run it
// under GOEXPERIMENT=simd.

var haveAVX2 = archsimd.X86.AVX2()

// simdRange8 writes d[i] = 1 where lo <= s[i]^bias <= hi (unsigned), 0
// elsewhere, over the first multiple of 32 bytes of d, and returns how
// many it did (0 without AVX2).
func simdRange8(d, s []byte, lo, hi, bias uint8) int {
	n := min(len(d), len(s)) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	d, s = d[:n], s[:n]
	if lo > hi {
		clear(d)
		return n
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	one := archsimd.BroadcastUint8x32(1)
	vlo, vr := archsimd.BroadcastUint8x32(lo^bias), archsimd.BroadcastUint8x32(hi-lo)
	for i := 0; i < n; i += 32 {
		w := archsimd.LoadUint8x32Slice(s[i : i+32]).Sub(vlo)
		w.SubSaturated(vr).Min(one).Xor(one).StoreSlice(d[i : i+32])
	}
	return n
}

// simdRange16 is simdRange8 for 16-bit pixels (bias 0x8000 for Int16):
// 32 pixels a step. The 0/1 results of the 16-bit lanes are paired into
// 32-bit lanes (two result bytes in the low half) and packed to 16 bits
// (VPACKUSDW, which packs within 128-bit halves: the halves are paired
// first so that the bytes come out in pixel order).
func simdRange16(d []byte, s []uint16, lo, hi, bias uint16) int {
	n := min(len(d), len(s)) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	d, s = d[:n], s[:n]
	if lo > hi {
		clear(d)
		return n
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	one := archsimd.BroadcastUint16x16(1)
	one8 := archsimd.BroadcastUint8x32(1)
	low16 := archsimd.BroadcastUint32x8(0xFFFF)
	vlo, vr := archsimd.BroadcastUint16x16(lo^bias), archsimd.BroadcastUint16x16(hi-lo)
	// pairs gives, in each 32-bit lane, min(v - lo -sat (hi - lo), 1) of
	// its two pixels in the lane's low two bytes: 0 in range, 1 out.
	pairs := func(x archsimd.Uint16x16) archsimd.Uint32x8 {
		w := x.Sub(vlo).SubSaturated(vr).Min(one).AsUint32x8()
		return w.Or(w.ShiftAllRight(8)).And(low16)
	}
	for i := 0; i < n; i += 32 {
		p0 := pairs(archsimd.LoadUint16x16Slice(s[i : i+16]))
		p1 := pairs(archsimd.LoadUint16x16Slice(s[i+16 : i+32]))
		a, b := p0.Select128FromPair(0, 2, p1), p0.Select128FromPair(1, 3, p1) // pixels 0-7, 16-23; 8-15, 24-31
		a.AsInt32x8().SaturateToUint16ConcatGrouped(b.AsInt32x8()).AsUint8x32().Xor(one8).StoreSlice(d[i : i+32])
	}
	return n
}
