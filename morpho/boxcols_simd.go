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
// tail): the pairs or triples are the output for w 2 and 3; from 4 on, g
// holds the triple extremes and the output is the extreme of g shifted by
// 0, 3, 6, 9 and w-3 pixels (clipped to w-3: repeats change nothing).
func slideAVX512(hi, w16 bool, out, ext, g []byte, w int) bool {
	size := 1
	if w16 {
		size = 2
	}
	nb := len(out)
	if !useReduceSIMD || nb < 64 || w < 2 || w > 15 || len(ext) < nb+(w-1)*size || len(g) < nb+(w-3)*size {
		return false
	}
	defer archsimd.ClearAVXUpperBits()
	ld := func(p unsafe.Pointer, c int) archsimd.Uint8x64 {
		return archsimd.LoadUint8x64((*[64]uint8)(unsafe.Add(p, c)))
	}
	st := func(p unsafe.Pointer, c int, v archsimd.Uint8x64) { v.Store((*[64]uint8)(unsafe.Add(p, c))) }
	op := func(a, b archsimd.Uint8x64) archsimd.Uint8x64 {
		switch {
		case w16 && hi:
			return a.AsUint16x32().Max(b.AsUint16x32()).AsUint8x64()
		case w16:
			return a.AsUint16x32().Min(b.AsUint16x32()).AsUint8x64()
		case hi:
			return a.Max(b)
		}
		return a.Min(b)
	}
	ep, gp, outp := unsafe.Pointer(&ext[0]), unsafe.Pointer(&g[0]), unsafe.Pointer(&out[0])
	if w <= 3 {
		for c := 0; ; c += 64 {
			c = min(c, nb-64)
			v := op(ld(ep, c), ld(ep, c+size))
			if w == 3 {
				v = op(v, ld(ep, c+2*size))
			}
			st(outp, c, v)
			if c+64 >= nb {
				return true
			}
		}
	}
	L := nb + (w-3)*size // the triples the output reads
	for c := 0; ; c += 64 {
		c = min(c, L-64)
		st(gp, c, op(op(ld(ep, c), ld(ep, c+size)), ld(ep, c+2*size)))
		if c+64 >= L {
			break
		}
	}
	o1, o2, o3, o4 := min(3, w-3)*size, min(6, w-3)*size, min(9, w-3)*size, (w-3)*size
	for c := 0; ; c += 64 {
		c = min(c, nb-64)
		v := op(op(ld(gp, c), ld(gp, c+o1)), op(ld(gp, c+o2), ld(gp, c+o3)))
		st(outp, c, op(v, ld(gp, c+o4)))
		if c+64 >= nb {
			return true
		}
	}
}
