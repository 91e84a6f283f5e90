//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twin of storer.store's integer loop for float32 sums into
// 8- and 16-bit rows; TestStoreSIMDMatchesGo runs it under
// GOEXPERIMENT=simd.

func init() {
	if archsimd.X86.AVX2() {
		simdStore = func(w16 bool, dst []byte, acc []float32, mul float32) int {
			if w16 {
				return storeAVX2(storeU16, dst, acc, mul)
			}
			return storeAVX2(storeU8, dst, acc, mul)
		}
		simdStoreI16 = func(dst []byte, acc []float32, mul float32) int { return storeAVX2(storeI16, dst, acc, mul) }
	}
}

// storeLanes is the pixel type of a storeAVX2 row.
type storeLanes int

const (
	storeU8 storeLanes = iota
	storeU16
	storeI16
)

// storeAVX2 sets dst[i] (bytes of uint8, uint16 or int16 pixels, as
// lanes says) to acc[i]·mul rounded to nearest, half away from zero (the
// fraction, exact in float32, compared with ±0.5), saturated, NaN as 0;
// 32 pixels a step. It returns the pixels done.
func storeAVX2(lanes storeLanes, dst []byte, acc []float32, mul float32) int {
	n := len(acc) &^ 31
	px := 2
	lo, top := float32(0), float32(65535)
	switch lanes {
	case storeU8:
		px, top = 1, 255
	case storeI16:
		lo, top = -32768, 32767
	}
	if n == 0 || len(dst) < n*px {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	m, one, half := archsimd.BroadcastFloat32x8(mul), archsimd.BroadcastFloat32x8(1), archsimd.BroadcastFloat32x8(0.5)
	nhalf, low, hi := archsimd.BroadcastFloat32x8(-0.5), archsimd.BroadcastFloat32x8(lo), archsimd.BroadcastFloat32x8(top)
	round := func(p unsafe.Pointer) archsimd.Int32x8 {
		v := archsimd.LoadFloat32x8((*[8]float32)(p)).Mul(m)
		r := v.Trunc()
		f := v.Sub(r)
		r = r.Add(one.Masked(f.GreaterEqual(half))).Sub(one.Masked(f.LessEqual(nhalf)))
		r = r.Masked(v.Equal(v)).Max(low).Min(hi) // NaN lanes zeroed first
		return r.ConvertToInt32()
	}
	ap, dp := unsafe.Pointer(&acc[0]), unsafe.Pointer(&dst[0])
	if lanes != storeU8 {
		// Both packs saturate within each 128-bit lane; the values are
		// in range already, and the permutation restores pixel order.
		order := archsimd.LoadUint32x8(&[8]uint32{0, 1, 4, 5, 2, 3, 6, 7})
		for i := 0; i < n; i += 16 {
			a, b := round(unsafe.Add(ap, 4*i)), round(unsafe.Add(ap, 4*i+32))
			var w archsimd.Int32x8
			if lanes == storeI16 {
				w = a.SaturateToInt16ConcatGrouped(b).AsInt32x8()
			} else {
				w = a.SaturateToUint16ConcatGrouped(b).AsInt32x8()
			}
			w.Permute(order).Store((*[8]int32)(unsafe.Add(dp, 2*i)))
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
