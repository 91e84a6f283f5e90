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
