//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twins of the integer box mean's loops (mean_fixed.go): the
// same uint16 arithmetic on 16 lanes (TestBoxSIMDMatchesGo).

func init() {
	if archsimd.X86.AVX2() {
		boxVec.widen = boxWidenAVX2
		boxVec.rowSum = boxRowSumAVX2
		boxVec.step = boxStepAVX2
	}
}

func boxWidenAVX2(dst []uint16, src []uint8) int {
	n := len(src) &^ 15
	if n == 0 || len(dst) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	sp, dp := unsafe.Pointer(&src[0]), unsafe.Pointer(&dst[0])
	for x := 0; x < n; x += 16 {
		archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(sp, x))).ExtendToUint16().Store((*[16]uint16)(unsafe.Add(dp, 2*x)))
	}
	return n
}

// boxRowSumAVX2 sums sx shifted loads per 16 pixels, for boxes up to 32
// wide (a running sum is cheaper beyond).
func boxRowSumAVX2(row, ext []uint16, sx int) int {
	n := len(row) &^ 15
	if n == 0 || sx > 32 || len(ext) < n+sx-1 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	rp, ep := unsafe.Pointer(&row[0]), unsafe.Pointer(&ext[0])
	at := func(x int) archsimd.Uint16x16 { return archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(ep, 2*x))) }
	for x := 0; x < n; x += 16 {
		s := at(x)
		for k := 1; k < sx; k++ {
			s = s.Add(at(x + k))
		}
		s.Store((*[16]uint16)(unsafe.Add(rp, 2*x)))
	}
	return n
}

// boxStepAVX2 is boxStep's loop on 32 pixels a step: acc += add - sub,
// then mulhi(acc + half, m) >> s packed into bytes.
func boxStepAVX2(out []uint8, acc, add, sub []uint16, d boxDiv) int {
	n := len(out) &^ 31
	if n == 0 || len(acc) < n || len(add) < n || len(sub) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	bytes := newBytePacker()
	half, m := archsimd.BroadcastUint16x16(d.half), archsimd.BroadcastUint16x16(d.m)
	// >> s as a multiply-high by 2^(16-s): AVX2 has no 16-bit shift by
	// a vector, and ShiftAllRight(s) put a legacy-SSE MOVQ of its count
	// in the loop (slow with the upper halves dirty).
	shift, sv := d.s > 0, archsimd.BroadcastUint16x16(uint16(1<<(16-int(d.s))))
	ap, pp, sp, op := unsafe.Pointer(&acc[0]), unsafe.Pointer(&add[0]), unsafe.Pointer(&sub[0]), unsafe.Pointer(&out[0])
	one := func(x int) archsimd.Uint16x16 {
		a := (*[16]uint16)(unsafe.Add(ap, 2*x))
		v := archsimd.LoadUint16x16(a).Add(archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(pp, 2*x)))).
			Sub(archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(sp, 2*x))))
		v.Store(a)
		if v = v.Add(half).MulHigh(m); shift {
			v = v.MulHigh(sv)
		}
		return v
	}
	for x := 0; x < n; x += 32 {
		bytes.pack(one(x), one(x+16), unsafe.Add(op, x))
	}
	return n
}
