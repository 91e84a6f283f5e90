//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

// halveI16AVX512 does 16 outputs a step: VPMADDWD by ones adds the
// adjacent pairs of each row into int32 lanes (exact), then roundI16's
// rounding by 4 and a saturating narrowing (never needed: a mean).
func halveI16AVX512(o, r0, r1 []int16) int {
	n := min(len(o), len(r0)/2, len(r1)/2) &^ 15
	one := archsimd.BroadcastInt16x32(1)
	two := archsimd.BroadcastInt32x16(2)
	for x := 0; x < n; x += 16 {
		s := archsimd.LoadInt16x32Slice(r0[2*x:]).DotProductPairs(one)
		s = s.Add(archsimd.LoadInt16x32Slice(r1[2*x:]).DotProductPairs(one))
		s = s.Add(two).Add(s.ShiftAllRight(31)).ShiftAllRight(2)
		s.SaturateToInt16().StoreSlice(o[x:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// halveF32AVX512 does 16 outputs a step: the even and odd samples of 32
// of each row apart (VPERMI2PS), widened to float64 eight at a time and
// added in halveRowF32's order.
func halveF32AVX512(o, r0, r1 []float32) int {
	n := min(len(o), len(r0)/2, len(r1)/2) &^ 15
	var ie, io [16]uint32
	for i := range ie {
		ie[i], io[i] = uint32(2*i), uint32(2*i+1)
	}
	even, odd := archsimd.LoadUint32x16(&ie), archsimd.LoadUint32x16(&io)
	var zero archsimd.Float64x8
	q := archsimd.BroadcastFloat64x8(0.25)
	for x := 0; x < n; x += 16 {
		k := 2 * x
		a0, b0 := archsimd.LoadFloat32x16Slice(r0[k:]), archsimd.LoadFloat32x16Slice(r0[k+16:])
		a1, b1 := archsimd.LoadFloat32x16Slice(r1[k:]), archsimd.LoadFloat32x16Slice(r1[k+16:])
		e0, o0 := a0.ConcatPermute(b0, even), a0.ConcatPermute(b0, odd)
		e1, o1 := a1.ConcatPermute(b1, even), a1.ConcatPermute(b1, odd)
		lo := zero.Add(e0.GetLo().ConvertToFloat64()).Add(o0.GetLo().ConvertToFloat64())
		lo = lo.Add(e1.GetLo().ConvertToFloat64()).Add(o1.GetLo().ConvertToFloat64())
		hi := zero.Add(e0.GetHi().ConvertToFloat64()).Add(o0.GetHi().ConvertToFloat64())
		hi = hi.Add(e1.GetHi().ConvertToFloat64()).Add(o1.GetHi().ConvertToFloat64())
		lo.Mul(q).ConvertToFloat32().StoreSlice(o[x:])
		hi.Mul(q).ConvertToFloat32().StoreSlice(o[x+8:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// halveI16AVX2 is halveI16AVX512 with 16 outputs a step in two halves:
// VPACKSSDW narrows them within 128-bit lanes, and VPERMD puts the
// lanes' quarters back in order.
func halveI16AVX2(o, r0, r1 []int16) int {
	n := min(len(o), len(r0)/2, len(r1)/2) &^ 15
	one := archsimd.BroadcastInt16x16(1)
	two := archsimd.BroadcastInt32x8(2)
	order := archsimd.LoadUint32x8(&[8]uint32{0, 1, 4, 5, 2, 3, 6, 7})
	sum := func(k int) archsimd.Int32x8 {
		s := archsimd.LoadInt16x16Slice(r0[k:]).DotProductPairs(one)
		s = s.Add(archsimd.LoadInt16x16Slice(r1[k:]).DotProductPairs(one))
		return s.Add(two).Add(s.ShiftAllRight(31)).ShiftAllRight(2)
	}
	for x := 0; x < n; x += 16 {
		p := sum(2 * x).SaturateToInt16ConcatGrouped(sum(2*x + 16))
		p.AsInt32x8().Permute(order).AsInt16x16().StoreSlice(o[x:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// halveF32AVX2 is halveF32AVX512 with eight outputs a step: VPERMPS puts
// the even samples of eight in the low half and the odd in the high one.
func halveF32AVX2(o, r0, r1 []float32) int {
	n := min(len(o), len(r0)/2, len(r1)/2) &^ 7
	split := archsimd.LoadUint32x8(&[8]uint32{0, 2, 4, 6, 1, 3, 5, 7})
	var zero archsimd.Float64x4
	q := archsimd.BroadcastFloat64x4(0.25)
	// quarter is outputs k/2 .. k/2+3.
	quarter := func(k int) archsimd.Float32x4 {
		a := archsimd.LoadFloat32x8Slice(r0[k:]).Permute(split)
		b := archsimd.LoadFloat32x8Slice(r1[k:]).Permute(split)
		s := zero.Add(a.GetLo().ConvertToFloat64()).Add(a.GetHi().ConvertToFloat64())
		s = s.Add(b.GetLo().ConvertToFloat64()).Add(b.GetHi().ConvertToFloat64())
		return s.Mul(q).ConvertToFloat32()
	}
	for x := 0; x < n; x += 8 {
		quarter(2 * x).StoreSlice(o[x:])
		quarter(2*x + 8).StoreSlice(o[x+4:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}
