//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

func widenF32AVX512(u []float64, v []float32) int {
	n := min(len(u), len(v)) &^ 7
	for k := 0; k < n; k += 8 {
		archsimd.LoadFloat32x8Slice(v[k:]).ConvertToFloat64().StoreSlice(u[k:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// doubleF32AVX512 does eight pairs a step: the even and the odd outputs
// as sums of four products by the weights' products c (exact terms, see
// zoomdouble.go) from 0 - the first one fused with that 0 (0 + t, so
// -0 becomes +0 as in the Go loop; fusing the others measured no faster
// under load) - narrowed to float32, interleaved and stored as one
// 64-byte line.
func doubleF32AVX512(o []float32, u0, u1 []float64, m0 int, ca0, cb0, ca1, cb1 float64) int {
	a0, b0 := archsimd.BroadcastFloat64x8(ca0), archsimd.BroadcastFloat64x8(cb0)
	a1, b1 := archsimd.BroadcastFloat64x8(ca1), archsimd.BroadcastFloat64x8(cb1)
	var zero archsimd.Float64x8
	var pairs [16]uint32
	for i := range pairs {
		pairs[i] = uint32(i/2 + 8*(i%2))
	}
	inter := archsimd.LoadUint32x16(&pairs)
	m := m0
	for ; m+8 < len(o)/2 && m+9 <= min(len(u0), len(u1)); m += 8 {
		l0, c0, r0 := archsimd.LoadFloat64x8Slice(u0[m-1:]), archsimd.LoadFloat64x8Slice(u0[m:]), archsimd.LoadFloat64x8Slice(u0[m+1:])
		l1, c1, r1 := archsimd.LoadFloat64x8Slice(u1[m-1:]), archsimd.LoadFloat64x8Slice(u1[m:]), archsimd.LoadFloat64x8Slice(u1[m+1:])
		even := l0.MulAdd(a0, zero).Add(c0.Mul(b0)).Add(l1.Mul(a1)).Add(c1.Mul(b1))
		odd := c0.MulAdd(b0, zero).Add(r0.Mul(a0)).Add(c1.Mul(b1)).Add(r1.Mul(a1))
		var w archsimd.Float32x16
		w = w.SetLo(even.ConvertToFloat32()).SetHi(odd.ConvertToFloat32())
		w.Permute(inter).StoreSlice(o[2*m:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return m
}

func widenF32AVX2(u []float64, v []float32) int {
	n := min(len(u), len(v)) &^ 3
	for k := 0; k < n; k += 4 {
		archsimd.LoadFloat32x4Slice(v[k:]).ConvertToFloat64().StoreSlice(u[k:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// doubleF32AVX2 is doubleF32AVX512 four pairs a step, stored as one
// 32-byte half line (VPERMPS interleaves them); the first product is
// added to 0, not fused with it: AVX2 does not promise FMA.
func doubleF32AVX2(o []float32, u0, u1 []float64, m0 int, ca0, cb0, ca1, cb1 float64) int {
	a0, b0 := archsimd.BroadcastFloat64x4(ca0), archsimd.BroadcastFloat64x4(cb0)
	a1, b1 := archsimd.BroadcastFloat64x4(ca1), archsimd.BroadcastFloat64x4(cb1)
	var zero archsimd.Float64x4
	inter := archsimd.LoadUint32x8(&[8]uint32{0, 4, 1, 5, 2, 6, 3, 7})
	m := m0
	for ; m+4 < len(o)/2 && m+5 <= min(len(u0), len(u1)); m += 4 {
		l0, c0, r0 := archsimd.LoadFloat64x4Slice(u0[m-1:]), archsimd.LoadFloat64x4Slice(u0[m:]), archsimd.LoadFloat64x4Slice(u0[m+1:])
		l1, c1, r1 := archsimd.LoadFloat64x4Slice(u1[m-1:]), archsimd.LoadFloat64x4Slice(u1[m:]), archsimd.LoadFloat64x4Slice(u1[m+1:])
		even := zero.Add(l0.Mul(a0)).Add(c0.Mul(b0)).Add(l1.Mul(a1)).Add(c1.Mul(b1))
		odd := zero.Add(c0.Mul(b0)).Add(r0.Mul(a0)).Add(c1.Mul(b1)).Add(r1.Mul(a1))
		var w archsimd.Float32x8
		w = w.SetLo(even.ConvertToFloat32()).SetHi(odd.ConvertToFloat32())
		w.Permute(inter).StoreSlice(o[2*m:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return m
}
