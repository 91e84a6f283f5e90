//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

func init() {
	if archsimd.X86.AVX2() {
		lap32Vec = lap32AVX2
	}
}

// lap32AVX2 is lapRow32's loop on 8 float32 lanes, the same operations in
// the same order; it returns how many pixels it did.
func lap32AVX2(out, up, down, left, centre, right []float32) int {
	n := len(out) &^ 7
	if n == 0 || len(up) < n || len(down) < n || len(left) < n || len(centre) < n || len(right) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	ld := func(s []float32, x int) archsimd.Float32x8 {
		return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Pointer(&s[x])))
	}
	m2 := archsimd.BroadcastFloat32x8(-2)
	for x := 0; x < n; x += 8 {
		c2 := m2.Mul(ld(centre, x))
		h := c2.Add(ld(left, x).Add(ld(right, x)))
		v := c2.Add(ld(up, x).Add(ld(down, x)))
		h.Add(v).Store((*[8]float32)(unsafe.Pointer(&out[x])))
	}
	return n
}
