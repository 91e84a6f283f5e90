//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twin of storer.store's integer loop for float32 sums into
// 8- and 16-bit unsigned rows; TestStoreSIMDMatchesGo runs it under
// GOEXPERIMENT=simd.

func init() {
	if archsimd.X86.AVX2() {
		simdStore = storeAVX2
	}
}

// storeAVX2 sets dst[i] (bytes of uint8 or, w16, uint16 pixels) to
// acc[i]·mul rounded to nearest, half away from zero (the fraction,
// exact in float32, compared with ±0.5), saturated, NaN as 0; 32 pixels a
// step. It returns the pixels done.
func storeAVX2(w16 bool, dst []byte, acc []float32, mul float32) int {
	n := len(acc) &^ 31
	px := 1
	if w16 {
		px = 2
	}
	if n == 0 || len(dst) < n*px {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	top := float32(255)
	if w16 {
		top = 65535
	}
	m, one, half := archsimd.BroadcastFloat32x8(mul), archsimd.BroadcastFloat32x8(1), archsimd.BroadcastFloat32x8(0.5)
	nhalf, zero, hi := archsimd.BroadcastFloat32x8(-0.5), archsimd.BroadcastFloat32x8(0), archsimd.BroadcastFloat32x8(top)
	round := func(p unsafe.Pointer) archsimd.Int32x8 {
		v := archsimd.LoadFloat32x8((*[8]float32)(p)).Mul(m)
		r := v.Trunc()
		f := v.Sub(r)
		r = r.Add(one.Masked(f.GreaterEqual(half))).Sub(one.Masked(f.LessEqual(nhalf)))
		r = r.Masked(v.Equal(v)).Max(zero).Min(hi) // NaN lanes zeroed first
		return r.ConvertToInt32()
	}
	ap, dp := unsafe.Pointer(&acc[0]), unsafe.Pointer(&dst[0])
	if w16 {
		order := archsimd.LoadUint32x8(&[8]uint32{0, 1, 4, 5, 2, 3, 6, 7})
		for i := 0; i < n; i += 16 {
			a, b := round(unsafe.Add(ap, 4*i)), round(unsafe.Add(ap, 4*i+32))
			w := a.SaturateToUint16ConcatGrouped(b).AsInt32x8().Permute(order)
			w.Store((*[8]int32)(unsafe.Add(dp, 2*i)))
		}
		return n
	}
	var pick [4]archsimd.Int8x32 // the low byte of each int32 to the k-th dword of its lane
	for k := range pick {
		var idx [32]int8
		for j := range idx {
			idx[j] = -1
		}
		for lane := range 2 {
			for j := range 4 {
				idx[16*lane+4*k+j] = int8(4 * j)
			}
		}
		pick[k] = archsimd.LoadInt8x32(&idx)
	}
	order := archsimd.LoadUint32x8(&[8]uint32{0, 4, 1, 5, 2, 6, 3, 7})
	for i := 0; i < n; i += 32 {
		var v archsimd.Uint8x32
		for k := range 4 {
			v = v.Or(round(unsafe.Add(ap, 4*(i+8*k))).AsUint8x32().PermuteOrZeroGrouped(pick[k]))
		}
		v.AsUint32x8().Permute(order).Store((*[8]uint32)(unsafe.Add(dp, i)))
	}
	return n
}
