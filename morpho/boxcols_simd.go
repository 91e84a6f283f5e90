//go:build goexperiment.simd && amd64

package morpho

import (
	"simd/archsimd"
	"unsafe"
)

func init() {
	if archsimd.X86.AVX512() {
		slideRun = slideAVX512
	}
}

// slideAVX512 is slideRun (boxcols.go) for windows of 2 to 15 pixels, 64
// bytes a step, the last step overlapping the one before (no scalar
// tail): g holds the extremes of triples (pairs for w 2; for w up to 3
// they are the output) and the output is the extreme of g shifted by 0, 3, 6,
// 9 and w-3 pixels (clipped to w-3: repeats change nothing). Each lane
// kind and op has its own loops: one closure that switched on them per
// minimum cost 15% of a 1024² uint8 box (174 -> 146 us).
func slideAVX512(hi, w16 bool, out, ext, g []byte, w int) bool {
	size := 1
	if w16 {
		size = 2
	}
	nb := len(out)
	if !useReduceSIMD || nb < 64 || w < 2 || w > 15 || len(ext) < nb+(w-1)*size || len(g) < nb+(w-1)*size {
		return false
	}
	defer archsimd.ClearAVXUpperBits()
	L := nb + max(w-3, 0)*size // the triples the output reads
	e1, e2 := size, min(2, w-1)*size
	o1, o2, o3, o4 := min(3, w-3)*size, min(6, w-3)*size, min(9, w-3)*size, (w-3)*size
	if w <= 3 { // the pairs or triples are the output
		L, g = nb, out
	}
	ep, gp, outp := unsafe.Pointer(&ext[0]), unsafe.Pointer(&g[0]), unsafe.Pointer(&out[0])
	// c is the byte of a step over n bytes: the last overlaps the one before.
	c := func(i, n int) int { return min(i, n-64) }
	switch {
	case w16 && hi:
		for i := 0; i < L; i += 64 {
			j := c(i, L)
			ld16w(ep, j).Max(ld16w(ep, j+e1)).Max(ld16w(ep, j+e2)).Store(p16w(gp, j))
		}
		for i := 0; w > 3 && i < nb; i += 64 {
			j := c(i, nb)
			a := ld16w(gp, j).Max(ld16w(gp, j+o1))
			a.Max(ld16w(gp, j+o2).Max(ld16w(gp, j+o3))).Max(ld16w(gp, j+o4)).Store(p16w(outp, j))
		}
	case w16:
		for i := 0; i < L; i += 64 {
			j := c(i, L)
			ld16w(ep, j).Min(ld16w(ep, j+e1)).Min(ld16w(ep, j+e2)).Store(p16w(gp, j))
		}
		for i := 0; w > 3 && i < nb; i += 64 {
			j := c(i, nb)
			a := ld16w(gp, j).Min(ld16w(gp, j+o1))
			a.Min(ld16w(gp, j+o2).Min(ld16w(gp, j+o3))).Min(ld16w(gp, j+o4)).Store(p16w(outp, j))
		}
	case hi:
		for i := 0; i < L; i += 64 {
			j := c(i, L)
			ld8w(ep, j).Max(ld8w(ep, j+e1)).Max(ld8w(ep, j+e2)).Store(p8w(gp, j))
		}
		for i := 0; w > 3 && i < nb; i += 64 {
			j := c(i, nb)
			a := ld8w(gp, j).Max(ld8w(gp, j+o1))
			a.Max(ld8w(gp, j+o2).Max(ld8w(gp, j+o3))).Max(ld8w(gp, j+o4)).Store(p8w(outp, j))
		}
	default:
		for i := 0; i < L; i += 64 {
			j := c(i, L)
			ld8w(ep, j).Min(ld8w(ep, j+e1)).Min(ld8w(ep, j+e2)).Store(p8w(gp, j))
		}
		for i := 0; w > 3 && i < nb; i += 64 {
			j := c(i, nb)
			a := ld8w(gp, j).Min(ld8w(gp, j+o1))
			a.Min(ld8w(gp, j+o2).Min(ld8w(gp, j+o3))).Min(ld8w(gp, j+o4)).Store(p8w(outp, j))
		}
	}
	return true
}
