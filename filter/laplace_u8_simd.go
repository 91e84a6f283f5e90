//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

func init() {
	if archsimd.X86.AVX2() {
		lapVec = lapAVX2
	}
}

// lapAVX2 is lapRow's loop on 8 int32 lanes, 16 pixels a step while 16
// bytes can be read from every row; it returns how many pixels it did.
// The same integer arithmetic and conversion as the Go loop.
func lapAVX2(out []float32, up, down, ext []uint8) int {
	n := len(out)
	if n < 24 || len(up) < n || len(down) < n || len(ext) < n+2 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	u, d, e, o := unsafe.Pointer(&up[0]), unsafe.Pointer(&down[0]), unsafe.Pointer(&ext[0]), unsafe.Pointer(&out[0])
	ld := func(p unsafe.Pointer, x int) archsimd.Int32x8 {
		return archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(p, x))).ExtendLo8ToUint32().AsInt32x8()
	}
	eight := func(x int) {
		s := ld(u, x).Add(ld(d, x)).Add(ld(e, x)).Add(ld(e, x+2))
		v := s.Sub(ld(e, x+1).ShiftAllLeft(2))
		v.ConvertToFloat32().Store((*[8]float32)(unsafe.Add(o, 4*x)))
	}
	// The loads read 16 bytes from x+8 (up, down) and x+10 (ext).
	x := 0
	for ; x+24 <= n && x+26 <= len(ext); x += 16 {
		eight(x)
		eight(x + 8)
	}
	return x
}
