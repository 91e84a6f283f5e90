//go:build goexperiment.simd && amd64

package morpho

import (
	"simd/archsimd"
	"unsafe"
)

// reduceAVX2 is the AVX2 kernel of reduceWide (reduce.go): out[i] = the
// minimum (maximum when hi) of the k rows at ps[:k] (and of out itself
// when withOut) over the leading n &^ 31 bytes of 8-bit (w16 false) or
// 16-bit lanes, 128 bytes per step so that the pointers are walked once
// per four vectors; it returns the bytes done. Every row holds n bytes.
func reduceAVX2(w16, hi, withOut bool, out unsafe.Pointer, n int, ps *[reduceChunk]unsafe.Pointer, k int) int {
	if !useReduceSIMD || !archsimd.X86.AVX2() || n < 32 || k < 1 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	rows := ps[:k]
	if w16 {
		return reduce16(hi, withOut, out, n, rows)
	}
	return reduce8(hi, withOut, out, n, rows)
}

func reduce8(hi, withOut bool, out unsafe.Pointer, n int, rows []unsafe.Pointer) int {
	src := rows
	if !withOut {
		src = rows[1:]
	}
	i := 0
	for ; i+128 <= n; i += 128 {
		base := out
		if !withOut {
			base = rows[0]
		}
		a0, a1, a2, a3 := ld8(base, i), ld8(base, i+32), ld8(base, i+64), ld8(base, i+96)
		if hi {
			for _, p := range src {
				a0, a1, a2, a3 = a0.Max(ld8(p, i)), a1.Max(ld8(p, i+32)), a2.Max(ld8(p, i+64)), a3.Max(ld8(p, i+96))
			}
		} else {
			for _, p := range src {
				a0, a1, a2, a3 = a0.Min(ld8(p, i)), a1.Min(ld8(p, i+32)), a2.Min(ld8(p, i+64)), a3.Min(ld8(p, i+96))
			}
		}
		a0.Store(p8(out, i))
		a1.Store(p8(out, i+32))
		a2.Store(p8(out, i+64))
		a3.Store(p8(out, i+96))
	}
	for ; i+32 <= n; i += 32 {
		base := out
		if !withOut {
			base = rows[0]
		}
		a := ld8(base, i)
		if hi {
			for _, p := range src {
				a = a.Max(ld8(p, i))
			}
		} else {
			for _, p := range src {
				a = a.Min(ld8(p, i))
			}
		}
		a.Store(p8(out, i))
	}
	return i
}

func reduce16(hi, withOut bool, out unsafe.Pointer, n int, rows []unsafe.Pointer) int {
	src := rows
	if !withOut {
		src = rows[1:]
	}
	i := 0
	for ; i+128 <= n; i += 128 {
		base := out
		if !withOut {
			base = rows[0]
		}
		a0, a1, a2, a3 := ld16(base, i), ld16(base, i+32), ld16(base, i+64), ld16(base, i+96)
		if hi {
			for _, p := range src {
				a0, a1, a2, a3 = a0.Max(ld16(p, i)), a1.Max(ld16(p, i+32)), a2.Max(ld16(p, i+64)), a3.Max(ld16(p, i+96))
			}
		} else {
			for _, p := range src {
				a0, a1, a2, a3 = a0.Min(ld16(p, i)), a1.Min(ld16(p, i+32)), a2.Min(ld16(p, i+64)), a3.Min(ld16(p, i+96))
			}
		}
		a0.Store(p16(out, i))
		a1.Store(p16(out, i+32))
		a2.Store(p16(out, i+64))
		a3.Store(p16(out, i+96))
	}
	for ; i+32 <= n; i += 32 {
		base := out
		if !withOut {
			base = rows[0]
		}
		a := ld16(base, i)
		if hi {
			for _, p := range src {
				a = a.Max(ld16(p, i))
			}
		} else {
			for _, p := range src {
				a = a.Min(ld16(p, i))
			}
		}
		a.Store(p16(out, i))
	}
	return i
}
