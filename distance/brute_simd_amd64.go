//go:build goexperiment.simd && amd64

package distance

import (
	"simd/archsimd"
	"unsafe"
)

// bruteSIMD is the AVX2 kernel of brute over the leading multiple of 8
// samples of [lo, hi), 8 at a time in two vectors that search until
// neither has a sample left to improve; it returns the first sample not
// done.
func bruteSIMD(f, d []float64, lo, hi, s int, c *parabola, over []bool) int {
	if !useSIMD || !archsimd.X86.AVX2() || hi-lo < 8 || lo < reach*s || hi+reach*s > len(f) || hi > len(d) {
		return lo
	}
	defer archsimd.ClearAVXUpperBits()
	fp, dp := unsafe.Pointer(unsafe.SliceData(f)), unsafe.Pointer(unsafe.SliceData(d))
	i := lo
	for ; i+8 <= hi; i += 8 {
		b0, b1 := ld64(fp, i), ld64(fp, i+4)
		k := 1
		for ; k <= reach; k++ {
			ck := archsimd.BroadcastFloat64x4(c[k])
			if ck.LessEqual(b0).Or(ck.LessEqual(b1)).ToBits() == 0 {
				break
			}
			o := k * s
			b0 = b0.Min(ld64(fp, i-o).Add(ck).Min(ld64(fp, i+o).Add(ck)))
			b1 = b1.Min(ld64(fp, i+4-o).Add(ck).Min(ld64(fp, i+4+o).Add(ck)))
		}
		if k > reach {
			cl := archsimd.BroadcastFloat64x4(c[reach+1])
			m := cl.LessEqual(b0).ToBits() | cl.LessEqual(b1).ToBits()<<4
			for j := range 8 {
				if m>>j&1 != 0 {
					over[(i+j)%s] = true
				}
			}
		}
		b0.Store(at64(dp, i))
		b1.Store(at64(dp, i+4))
	}
	return i
}

func at64(p unsafe.Pointer, i int) *[4]float64 { return (*[4]float64)(unsafe.Add(p, 8*i)) }

func ld64(p unsafe.Pointer, i int) archsimd.Float64x4 { return archsimd.LoadFloat64x4(at64(p, i)) }
