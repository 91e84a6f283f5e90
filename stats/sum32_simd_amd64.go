//go:build goexperiment.simd && amd64

package stats

import (
	"simd/archsimd"
	"unsafe"
)

// blockSums32 writes to sums[b] the sum of s's block b of 256 values as
// blockSum32 forms it (len(s) is 256·len(sums)): four Float64x8
// accumulators of eight float32s converted a step, then the tree. False
// without AVX-512.
func blockSums32(s []float32, sums []float64) bool {
	if !haveAVX512 {
		return false
	}
	defer archsimd.ClearAVXUpperBits()
	p := unsafe.Pointer(unsafe.SliceData(s))
	load := func(i int) archsimd.Float64x8 {
		return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(p, 4*i))).ConvertToFloat64()
	}
	for b := range sums {
		o := b * block32
		a0, a1, a2, a3 := load(o), load(o+8), load(o+16), load(o+24)
		for j := o + 32; j < o+block32; j += 32 {
			a0, a1 = a0.Add(load(j)), a1.Add(load(j+8))
			a2, a3 = a2.Add(load(j+16)), a3.Add(load(j+24))
		}
		h := a0.Add(a1).Add(a2.Add(a3))
		q := h.GetLo().Add(h.GetHi())
		r := q.GetLo().Add(q.GetHi())
		setLow(&sums[b], r.AddPairs(r))
	}
	return true
}

// setLow sets *d to v's low lane through an integer register: a float64
// store from a vector register (GetElem(0)) or from memory is a legacy-SSE
// (non-VEX) MOVQ/MOVSD in Go 1.26, which stalls while the vector
// registers' upper halves hold values (here once a block, in the loop).
func setLow(d *float64, v archsimd.Float64x2) {
	*(*uint64)(unsafe.Pointer(d)) = v.AsUint64x2().GetElem(0)
}
