//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// rank9F32SIMD is simdRank9F32 with AVX2 (not AVX-512: in-cache AVX-512
// loops ran slower from Python right after a system call, as bench.py
// times them). Its 25 exchanges are rank9Layers written out on vectors;
// TestRank9F32Network runs it on all 512 inputs of 0s and 1s.

func init() {
	if archsimd.X86.AVX2() {
		simdRank9F32 = rank9F32SIMD
	}
}

func rank9F32SIMD(out []float32, rows [][]float32, r int) int {
	n := len(out) &^ 7
	if n == 0 || len(rows) != 9 {
		return 0
	}
	var p [9]unsafe.Pointer
	for k, row := range rows {
		if len(row) < n {
			return 0
		}
		p[k] = unsafe.Pointer(&row[0])
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	ld := func(q unsafe.Pointer, i int) archsimd.Float32x8 {
		return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(q, 4*i)))
	}
	x := func(a, b archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8) { return a.Min(b), a.Max(b) }
	o := unsafe.Pointer(&out[0])
	for i := 0; i < n; i += 8 {
		p0, p1, p2, p3, p4, p5, p6, p7, p8 := ld(p[0], i), ld(p[1], i), ld(p[2], i), ld(p[3], i), ld(p[4], i), ld(p[5], i), ld(p[6], i), ld(p[7], i), ld(p[8], i)
		p0, p3 = x(p0, p3)
		p1, p7 = x(p1, p7)
		p2, p5 = x(p2, p5)
		p4, p8 = x(p4, p8)
		p0, p7 = x(p0, p7)
		p2, p4 = x(p2, p4)
		p3, p8 = x(p3, p8)
		p5, p6 = x(p5, p6)
		p0, p2 = x(p0, p2)
		p1, p3 = x(p1, p3)
		p4, p5 = x(p4, p5)
		p7, p8 = x(p7, p8)
		p1, p4 = x(p1, p4)
		p3, p6 = x(p3, p6)
		p5, p7 = x(p5, p7)
		p0, p1 = x(p0, p1)
		p2, p4 = x(p2, p4)
		p3, p5 = x(p3, p5)
		p6, p8 = x(p6, p8)
		p2, p3 = x(p2, p3)
		p4, p5 = x(p4, p5)
		p6, p7 = x(p6, p7)
		p1, p2 = x(p1, p2)
		p3, p4 = x(p3, p4)
		p5, p6 = x(p5, p6)
		v := p8
		switch r { // the same branch at every step: predicted
		case 0:
			v = p0
		case 1:
			v = p1
		case 2:
			v = p2
		case 3:
			v = p3
		case 4:
			v = p4
		case 5:
			v = p5
		case 6:
			v = p6
		case 7:
			v = p7
		}
		v.Store((*[8]float32)(unsafe.Add(o, 4*i)))
	}
	return n
}
