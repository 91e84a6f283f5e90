//go:build goexperiment.simd && amd64

package stats

import (
	"simd/archsimd"
	"unsafe"
)

// binEstimate32 is the vector step of binRow32 (histf32.go): for each of
// row's values, 8 at a time in float64 lanes (AVX-512), its bin where the
// estimate proves it (ks[i] = k), n where the value is outside [first,
// last] or NaN, and -1 where the estimate lies within delta of an edge and
// the edges must decide. It returns the values done: a multiple of 8, none
// without AVX-512.
func binEstimate32(row []float32, ks []int32, e estimate) int {
	m := min(len(row), len(ks)) &^ 7
	if !haveAVX512 || m == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	first, last := archsimd.BroadcastFloat64x8(e.first), archsimd.BroadcastFloat64x8(e.last)
	norm, top := archsimd.BroadcastFloat64x8(e.norm), archsimd.BroadcastFloat64x8(float64(e.n-1))
	lo, hi := archsimd.BroadcastFloat64x8(e.delta), archsimd.BroadcastFloat64x8(1-e.delta)
	unsure, outside := archsimd.BroadcastFloat64x8(-1), archsimd.BroadcastFloat64x8(float64(e.n))
	for i := 0; i < m; i += 8 {
		v := archsimd.LoadFloat32x8((*[8]float32)(unsafe.Pointer(&row[i]))).ConvertToFloat64()
		in := v.GreaterEqual(first).And(v.LessEqual(last))
		p := v.Sub(first).Mul(norm)
		// floor(p) as p minus its residue (exact): Go 1.26 drops the
		// immediate of a masked VRNDSCALEPD ("invalid instruction").
		fr := p.FloorScaledResidue(0)
		fl := p.Sub(fr)
		sure := fr.Greater(lo).And(fr.Less(hi)).And(fl.LessEqual(top)).And(in)
		k := fl.Merge(unsure.Merge(outside, in), sure)
		k.ConvertToInt32().Store((*[8]int32)(unsafe.Pointer(&ks[i])))
	}
	return m
}
