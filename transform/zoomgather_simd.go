//go:build goexperiment.simd && amd64

package transform

import (
	"simd/archsimd"

	"github.com/gipsdev/gips"
)

// linRowsStoreSIMD is linRows then storeRow into a float32 or int16 row in
// one AVX-512 pass, eight values at a time (none for other types or
// without AVX-512), and says how many it stored: linRowsSIMD's operations,
// then storeF32's conversion or storeI16's rule, so the same values
// without the float64 row in between.
func linRowsStoreSIMD[D gips.Pixel](row []D, a0, b0, a1, b1, w0, w1 []float64, wy0, wy1 float64) int {
	n := len(row) &^ 7
	if !linAVX512 || n == 0 {
		return 0
	}
	switch r := any(row).(type) {
	case []float32:
		linRowsF32(r[:n], a0[:n], b0[:n], a1[:n], b1[:n], w0[:n], w1[:n], wy0, wy1)
	case []int16:
		linRowsI16(r[:n], a0[:n], b0[:n], a1[:n], b1[:n], w0[:n], w1[:n], wy0, wy1)
	default:
		return 0
	}
	return n
}

// linSum8 is linRowsGo's value at points k..k+7.
func linSum8(k int, a0, b0, a1, b1, w0, w1 []float64, y0, y1 archsimd.Float64x8) archsimd.Float64x8 {
	x0, x1 := archsimd.LoadFloat64x8Slice(w0[k:]), archsimd.LoadFloat64x8Slice(w1[k:])
	var s archsimd.Float64x8
	s = s.Add(archsimd.LoadFloat64x8Slice(a0[k:]).Mul(y0).Mul(x0))
	s = s.Add(archsimd.LoadFloat64x8Slice(b0[k:]).Mul(y0).Mul(x1))
	s = s.Add(archsimd.LoadFloat64x8Slice(a1[k:]).Mul(y1).Mul(x0))
	return s.Add(archsimd.LoadFloat64x8Slice(b1[k:]).Mul(y1).Mul(x1))
}

func linRowsF32(row []float32, a0, b0, a1, b1, w0, w1 []float64, wy0, wy1 float64) {
	defer archsimd.ClearAVXUpperBits()
	y0, y1 := archsimd.BroadcastFloat64x8(wy0), archsimd.BroadcastFloat64x8(wy1)
	for k := 0; k+8 <= len(row); k += 8 {
		linSum8(k, a0, b0, a1, b1, w0, w1, y0, y1).ConvertToFloat32().StoreSlice(row[k:])
	}
}

func linRowsI16(row []int16, a0, b0, a1, b1, w0, w1 []float64, wy0, wy1 float64) {
	defer archsimd.ClearAVXUpperBits()
	y0, y1 := archsimd.BroadcastFloat64x8(wy0), archsimd.BroadcastFloat64x8(wy1)
	var zero archsimd.Float64x8
	half, mhalf := archsimd.BroadcastFloat64x8(0.5), archsimd.BroadcastFloat64x8(-0.5)
	lo, hi := archsimd.BroadcastFloat64x8(-32768), archsimd.BroadcastFloat64x8(32767)
	for k := 0; k+8 <= len(row); k += 8 {
		t := linSum8(k, a0, b0, a1, b1, w0, w1, y0, y1)
		x := t.Add(half.Merge(mhalf, t.Greater(zero)))
		x = hi.Merge(x, t.GreaterEqual(hi))
		x = lo.Merge(x, t.LessEqual(lo))
		x.Masked(t.Equal(t)).ConvertToInt32().SaturateToInt16().StoreSlice(row[k:])
	}
}
