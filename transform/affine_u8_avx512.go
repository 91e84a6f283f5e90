//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

// u8Offsets, u8Sum and u16Sum eight points at a time with AVX-512: the same
// operations on wider vectors (floor is VRNDSCALEPD rounding down to
// whole numbers), so the same values bit for bit.

var linAVX512 = archsimd.X86.AVX512()

// u8Offsets8 is u8Offsets for len(cy), a multiple of 8.
func u8Offsets8(cy, cx []float64, o00, o01, o10, o11 []int32, lastY, lastX, stride int32) bool {
	defer archsimd.ClearAVXUpperBits()
	var zero archsimd.Int32x8
	inc := archsimd.BroadcastInt32x8(1)
	hy, hx, st := archsimd.BroadcastInt32x8(lastY), archsimd.BroadcastInt32x8(lastX), archsimd.BroadcastInt32x8(stride)
	pair := inc
	for k := 0; k+8 <= len(cy); k += 8 {
		iy := archsimd.LoadFloat64x8Slice(cy[k:]).FloorScaled(0).ConvertToInt32()
		ix := archsimd.LoadFloat64x8Slice(cx[k:]).FloorScaled(0).ConvertToInt32()
		y0, y1 := iy.Max(zero).Min(hy), iy.Add(inc).Max(zero).Min(hy)
		x0, x1 := ix.Max(zero).Min(hx), ix.Add(inc).Max(zero).Min(hx)
		pair = pair.And(y1.Sub(y0)).And(x1.Sub(x0))
		r0, r1 := y0.Mul(st), y1.Mul(st)
		r0.Add(x0).StoreSlice(o00[k:])
		r0.Add(x1).StoreSlice(o01[k:])
		r1.Add(x0).StoreSlice(o10[k:])
		r1.Add(x1).StoreSlice(o11[k:])
	}
	var a [8]int32
	pair.Store(&a)
	return a == [8]int32{1, 1, 1, 1, 1, 1, 1, 1}
}

// u8Sum8 is u8Sum for len(t), a multiple of 8.
func u8Sum8(cy, cx []float64, pk []uint32, t []float64) {
	defer archsimd.ClearAVXUpperBits()
	one := archsimd.BroadcastFloat64x8(1)
	m := archsimd.BroadcastUint32x8(0xff)
	for k := 0; k+8 <= len(t); k += 8 {
		y := archsimd.LoadFloat64x8Slice(cy[k:])
		x := archsimd.LoadFloat64x8Slice(cx[k:])
		wy0 := one.Sub(y.Sub(y.FloorScaled(0)))
		wy1 := one.Sub(wy0)
		wx0 := one.Sub(x.Sub(x.FloorScaled(0)))
		wx1 := one.Sub(wx0)
		v := archsimd.LoadUint32x8Slice(pk[k:])
		vi, mi := v.AsInt32x8(), m.AsInt32x8() // arithmetic shifts: see fusedU8
		v0 := vi.And(mi).ConvertToFloat64()
		v1 := vi.ShiftAllRight(8).And(mi).ConvertToFloat64()
		v2 := vi.ShiftAllRight(16).And(mi).ConvertToFloat64()
		v3 := vi.ShiftAllRight(24).And(mi).ConvertToFloat64()
		var s archsimd.Float64x8
		s = s.Add(v0.Mul(wy0).Mul(wx0))
		s = s.Add(v1.Mul(wy0).Mul(wx1))
		s = s.Add(v2.Mul(wy1).Mul(wx0))
		s = s.Add(v3.Mul(wy1).Mul(wx1))
		s.StoreSlice(t[k:])
	}
}

// u16Sum8 is u16Sum for len(t), a multiple of 8.
func u16Sum8(cy, cx []float64, pk0, pk1 []uint32, t []float64) {
	defer archsimd.ClearAVXUpperBits()
	one := archsimd.BroadcastFloat64x8(1)
	m := archsimd.BroadcastUint32x8(0xffff)
	for k := 0; k+8 <= len(t); k += 8 {
		y := archsimd.LoadFloat64x8Slice(cy[k:])
		x := archsimd.LoadFloat64x8Slice(cx[k:])
		wy0 := one.Sub(y.Sub(y.FloorScaled(0)))
		wy1 := one.Sub(wy0)
		wx0 := one.Sub(x.Sub(x.FloorScaled(0)))
		wx1 := one.Sub(wx0)
		a := archsimd.LoadUint32x8Slice(pk0[k:])
		b := archsimd.LoadUint32x8Slice(pk1[k:])
		ai, bi, mi := a.AsInt32x8(), b.AsInt32x8(), m.AsInt32x8() // as in u8Sum
		v0 := ai.And(mi).ConvertToFloat64()
		v1 := ai.ShiftAllRight(16).And(mi).ConvertToFloat64()
		v2 := bi.And(mi).ConvertToFloat64()
		v3 := bi.ShiftAllRight(16).And(mi).ConvertToFloat64()
		var s archsimd.Float64x8
		s = s.Add(v0.Mul(wy0).Mul(wx0))
		s = s.Add(v1.Mul(wy0).Mul(wx1))
		s = s.Add(v2.Mul(wy1).Mul(wx0))
		s = s.Add(v3.Mul(wy1).Mul(wx1))
		s.StoreSlice(t[k:])
	}
}
