//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() {
		scaleU8, scaleU16 = scaleU8AVX2, scaleU16AVX2
		scale2U8, scale2U16 = scale2U8AVX2, scale2U16AVX2
	}
}

// widen16 is 16 unsigned samples as four vectors of four float64s (exact).
func widen16(u archsimd.Uint16x16) (a, b, c, d archsimd.Float64x4) {
	lo := u.GetLo().ExtendToUint32().AsInt32x8()
	hi := u.GetHi().ExtendToUint32().AsInt32x8()
	return lo.GetLo().ConvertToFloat64(), lo.GetHi().ConvertToFloat64(), hi.GetLo().ConvertToFloat64(), hi.GetHi().ConvertToFloat64()
}

// store4 writes a·w (then ·w2 if two) to p[k:k+16]: the products rounded
// one at a time as the Go loop rounds them (no fused multiply-add).
func store4(p []float64, a, b, c, d archsimd.Float64x4, w archsimd.Float64x4) {
	a.Mul(w).StoreSlice(p)
	b.Mul(w).StoreSlice(p[4:])
	c.Mul(w).StoreSlice(p[8:])
	d.Mul(w).StoreSlice(p[12:])
}

func store4x2(p []float64, a, b, c, d archsimd.Float64x4, w1, w2 archsimd.Float64x4) {
	a.Mul(w1).Mul(w2).StoreSlice(p)
	b.Mul(w1).Mul(w2).StoreSlice(p[4:])
	c.Mul(w1).Mul(w2).StoreSlice(p[8:])
	d.Mul(w1).Mul(w2).StoreSlice(p[12:])
}

func scaleU8AVX2(p []float64, v []uint8, w float64) int {
	n := min(len(p), len(v)) &^ 15
	vw := archsimd.BroadcastFloat64x4(w)
	for k := 0; k < n; k += 16 {
		a, b, c, d := widen16(archsimd.LoadUint8x16Slice(v[k:]).ExtendToUint16())
		store4(p[k:k+16], a, b, c, d, vw)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

func scaleU16AVX2(p []float64, v []uint16, w float64) int {
	n := min(len(p), len(v)) &^ 15
	vw := archsimd.BroadcastFloat64x4(w)
	for k := 0; k < n; k += 16 {
		a, b, c, d := widen16(archsimd.LoadUint16x16Slice(v[k:]))
		store4(p[k:k+16], a, b, c, d, vw)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

func scale2U8AVX2(p []float64, v []uint8, w1, w2 float64) int {
	n := min(len(p), len(v)) &^ 15
	v1, v2 := archsimd.BroadcastFloat64x4(w1), archsimd.BroadcastFloat64x4(w2)
	for k := 0; k < n; k += 16 {
		a, b, c, d := widen16(archsimd.LoadUint8x16Slice(v[k:]).ExtendToUint16())
		store4x2(p[k:k+16], a, b, c, d, v1, v2)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

func scale2U16AVX2(p []float64, v []uint16, w1, w2 float64) int {
	n := min(len(p), len(v)) &^ 15
	v1, v2 := archsimd.BroadcastFloat64x4(w1), archsimd.BroadcastFloat64x4(w2)
	for k := 0; k < n; k += 16 {
		a, b, c, d := widen16(archsimd.LoadUint16x16Slice(v[k:]))
		store4x2(p[k:k+16], a, b, c, d, v1, v2)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}
