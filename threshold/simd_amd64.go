//go:build goexperiment.simd && amd64

package threshold

import "simd/archsimd"

// The AVX2 twin of range8 (GOEXPERIMENT=simd): 32 pixels per step with
// the hardware's saturating byte subtract. v is in [lo, hi] exactly when
// (lo -sat v) | (v -sat hi) is 0. The brute-force tests (every 8-bit
// value with every bound pair) run it under GOEXPERIMENT=simd.

var haveAVX2 = archsimd.X86.AVX2()

// simdRange8 writes d[i] = 1 where lo <= s[i]^bias <= hi (unsigned), 0
// elsewhere, over the first multiple of 32 bytes of d, and returns how
// many it did (0 without AVX2).
func simdRange8(d, s []byte, lo, hi, bias uint8) int {
	n := min(len(d), len(s)) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	s = s[:n]
	var zero archsimd.Uint8x32
	one := archsimd.BroadcastUint8x32(1)
	vlo, vhi, vb := archsimd.BroadcastUint8x32(lo), archsimd.BroadcastUint8x32(hi), archsimd.BroadcastUint8x32(bias)
	for i := 0; i < n; i += 32 {
		v := archsimd.LoadUint8x32Slice(s[i : i+32]).Xor(vb)
		out := vlo.SubSaturated(v).Or(v.SubSaturated(vhi))
		one.Masked(out.Equal(zero)).StoreSlice(d[i : i+32])
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
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	s = s[:n]
	var zero archsimd.Uint16x16
	one := archsimd.BroadcastUint16x16(1)
	low16 := archsimd.BroadcastUint32x8(0xFFFF)
	vlo, vhi, vb := archsimd.BroadcastUint16x16(lo), archsimd.BroadcastUint16x16(hi), archsimd.BroadcastUint16x16(bias)
	// pairs gives, in each 32-bit lane, the results of its two pixels in
	// the lane's low two bytes.
	pairs := func(x archsimd.Uint16x16) archsimd.Uint32x8 {
		v := x.Xor(vb)
		w := one.Masked(vlo.SubSaturated(v).Or(v.SubSaturated(vhi)).Equal(zero)).AsUint32x8()
		return w.Or(w.ShiftAllRight(8)).And(low16)
	}
	for i := 0; i < n; i += 32 {
		p0 := pairs(archsimd.LoadUint16x16Slice(s[i : i+16]))
		p1 := pairs(archsimd.LoadUint16x16Slice(s[i+16 : i+32]))
		a, b := p0.Select128FromPair(0, 2, p1), p0.Select128FromPair(1, 3, p1) // pixels 0-7, 16-23; 8-15, 24-31
		a.AsInt32x8().SaturateToUint16ConcatGrouped(b.AsInt32x8()).AsUint8x32().StoreSlice(d[i : i+32])
	}
	return n
}
