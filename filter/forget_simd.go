//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twin of forgetRows (forget.go), the loads through pointers
// (lengths checked once); TestForgetMatchesBruteForce runs it under
// GOEXPERIMENT=simd.

func init() {
	if archsimd.X86.AVX2() {
		simdForget = forgetAVX2
		forgetVector = true
	}
}

func forgetAVX2(w16 bool, out []byte, rows [][]byte) int {
	n := len(out) &^ 31
	if n == 0 || len(rows) > maxForget || len(rows)%2 == 0 || len(rows) < 3 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	for _, r := range rows {
		if len(r) < n {
			return 0
		}
	}
	if w16 {
		forgetU16(out, rows, n)
	} else {
		forgetU8(out, rows, n)
	}
	return n
}

func forgetU8(out []byte, rows [][]byte, n int) {
	op := unsafe.Pointer(&out[0])
	var rp [maxForget]unsafe.Pointer
	for k, r := range rows {
		rp[k] = unsafe.Pointer(&r[0])
	}
	cnt := len(rows)
	var b [maxForget/2 + 2]archsimd.Uint8x32
	for i := 0; i < n; i += 32 {
		m := cnt/2 + 2
		for k := range m {
			b[k] = ld8(rp[k], i)
		}
		for next := m; ; next++ {
			lo := b[0]
			for j := 1; j < m; j++ {
				lo, b[j] = lo.Min(b[j]), lo.Max(b[j])
			}
			hi := b[m-1]
			for j := 1; j < m-1; j++ {
				b[j], hi = b[j].Min(hi), b[j].Max(hi)
			}
			if next == cnt {
				b[1].Store(p8(op, i))
				break
			}
			b[0] = ld8(rp[next], i)
			m--
		}
	}
}

func forgetU16(out []byte, rows [][]byte, n int) {
	op := unsafe.Pointer(&out[0])
	var rp [maxForget]unsafe.Pointer
	for k, r := range rows {
		rp[k] = unsafe.Pointer(&r[0])
	}
	cnt := len(rows)
	var b [maxForget/2 + 2]archsimd.Uint16x16
	for i := 0; i < n; i += 32 {
		m := cnt/2 + 2
		for k := range m {
			b[k] = ld16(rp[k], i)
		}
		for next := m; ; next++ {
			lo := b[0]
			for j := 1; j < m; j++ {
				lo, b[j] = lo.Min(b[j]), lo.Max(b[j])
			}
			hi := b[m-1]
			for j := 1; j < m-1; j++ {
				b[j], hi = b[j].Min(hi), b[j].Max(hi)
			}
			if next == cnt {
				b[1].Store(p16(op, i))
				break
			}
			b[0] = ld16(rp[next], i)
			m--
		}
	}
}
