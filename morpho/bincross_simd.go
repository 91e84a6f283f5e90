//go:build goexperiment.simd && amd64

package morpho

import (
	"simd/archsimd"
	"unsafe"
)

func init() {
	if archsimd.X86.AVX512() {
		simdCross = crossAVX512
	}
}

// crossAVX512 is simdCross (bincross.go): out[x] = min(1, the extreme of
// mid[x-1], mid[x], mid[x+1], up[x], down[x]) for x in 1..n-2, 64 bytes
// a step, the last vector overlapping the one before (out overlaps no
// input).
func crossAVX512(out, up, mid, down []uint8, hi bool) bool {
	n := len(out)
	if n < 66 || len(up) < n || len(mid) < n || len(down) < n {
		return false
	}
	defer archsimd.ClearAVXUpperBits()
	o, u, m, d := unsafe.Pointer(&out[0]), unsafe.Pointer(&up[0]), unsafe.Pointer(&mid[0]), unsafe.Pointer(&down[0])
	one := archsimd.BroadcastUint8x64(1)
	last := n - 65 // the vector ending at n-2
	if hi {
		for i := 1; ; i = min(i+64, last) {
			v := ld8w(m, i-1).Max(ld8w(m, i)).Max(ld8w(m, i+1)).Max(ld8w(u, i).Max(ld8w(d, i)))
			v.Min(one).Store(p8w(o, i))
			if i == last {
				return true
			}
		}
	}
	for i := 1; ; i = min(i+64, last) {
		v := ld8w(m, i-1).Min(ld8w(m, i)).Min(ld8w(m, i+1)).Min(ld8w(u, i).Min(ld8w(d, i)))
		v.Min(one).Store(p8w(o, i))
		if i == last {
			return true
		}
	}
}
