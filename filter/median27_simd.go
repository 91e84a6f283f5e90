//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twin of med27Row (median27.go): forgetful selection on 32-byte
// vectors of 8- or 16-bit pixels, the 27 loads through pointers (lengths
// checked once); TestMedian27MatchesBruteForce runs it under
// GOEXPERIMENT=simd.

func init() {
	if archsimd.X86.AVX2() {
		simdMed27 = med27AVX2
	}
}

func med27AVX2(w16 bool, out []byte, rows *[9][]byte) int {
	n := len(out) &^ 31
	s := 1 // bytes per pixel
	if w16 {
		s = 2
	}
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	for _, r := range rows {
		if len(r) < n+2*s {
			return 0
		}
	}
	if w16 {
		med27U16(out, rows, n)
	} else {
		med27U8(out, rows, n)
	}
	return n
}

func med27U8(out []byte, rows *[9][]byte, n int) {
	op := unsafe.Pointer(&out[0])
	var rp [9]unsafe.Pointer
	for k := range rp {
		rp[k] = unsafe.Pointer(&rows[k][0])
	}
	var v [27]archsimd.Uint8x32
	for i := 0; i < n; i += 32 {
		for k := range 9 {
			v[3*k], v[3*k+1], v[3*k+2] = ld8(rp[k], i), ld8(rp[k], i+1), ld8(rp[k], i+2*1)
		}
		b := v[:15]
		for next := 15; ; next++ {
			m := len(b)
			lo := b[0]
			for j := 1; j < m; j++ {
				lo, b[j] = lo.Min(b[j]), lo.Max(b[j])
			}
			hi := b[m-1]
			for j := 1; j < m-1; j++ {
				b[j], hi = b[j].Min(hi), b[j].Max(hi)
			}
			if next == 27 {
				b[1].Store(p8(op, i))
				break
			}
			b[0] = v[next]
			b = b[:m-1]
		}
	}
}

func med27U16(out []byte, rows *[9][]byte, n int) {
	op := unsafe.Pointer(&out[0])
	var rp [9]unsafe.Pointer
	for k := range rp {
		rp[k] = unsafe.Pointer(&rows[k][0])
	}
	var v [27]archsimd.Uint16x16
	for i := 0; i < n; i += 32 {
		for k := range 9 {
			v[3*k], v[3*k+1], v[3*k+2] = ld16(rp[k], i), ld16(rp[k], i+2), ld16(rp[k], i+2*2)
		}
		b := v[:15]
		for next := 15; ; next++ {
			m := len(b)
			lo := b[0]
			for j := 1; j < m; j++ {
				lo, b[j] = lo.Min(b[j]), lo.Max(b[j])
			}
			hi := b[m-1]
			for j := 1; j < m-1; j++ {
				b[j], hi = b[j].Min(hi), b[j].Max(hi)
			}
			if next == 27 {
				b[1].Store(p16(op, i))
				break
			}
			b[0] = v[next]
			b = b[:m-1]
		}
	}
}
