//go:build goexperiment.simd && amd64

package transform

import (
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
)

// lin2's AVX2 path for a uint8 plane, in three passes over a segment: the
// four taps of four points at a time as offsets into the plane's memory
// (vector), the four samples of each point packed into one uint32 (Go;
// a segment whose points all have their taps side by side reads them as
// two 16-bit pairs), and the weights and weighted sums of four points at a
// time (vector; the weights are recomputed from the coordinates, cheaper
// than storing and loading them). The operations on float64 are lin2Go's,
// in its order and without fused multiply-adds.

// u8Bufs holds a uint8 or uint16 segment's tap offsets and packed samples.
type u8Bufs struct {
	o   [4][segLen]int32 // (y0, x0), (y0, x1), (y1, x0), (y1, x1)
	pk  [segLen]uint32   // uint8: the four samples, (y0, x0) in the low byte; uint16: (y0, x0), (y0, x1)
	pk1 [segLen]uint32   // uint16: (y1, x0), (y1, x1)
}

// tapOffsets sets ub.o for the n points (AVX-512 eight at a time where
// there is, then AVX2) and says whether every point's taps are side by
// side.
func tapOffsets(cy, cx []float64, ub *u8Bufs, n int, ly, lx, stride int32) (pairs bool, m int) {
	o00, o01, o10, o11 := ub.o[0][:n], ub.o[1][:n], ub.o[2][:n], ub.o[3][:n]
	pairs = true
	if linAVX512 {
		m = n &^ 7
		pairs = u8Offsets8(cy[:m], cx[:m], o00[:m], o01[:m], o10[:m], o11[:m], ly, lx, stride)
	}
	return u8Offsets(cy[m:n], cx[m:n], o00[m:], o01[m:], o10[m:], o11[m:], ly, lx, stride) && pairs, m
}

// lin2U8 is lin2SIMD for a uint8 plane with a positive stride and fewer
// than 2^31 bytes; n is a multiple of 4, at most segLen.
func lin2U8(p *gips.Plane[uint8], cy, cx, t []float64, ub *u8Bufs) {
	n := len(t)
	o00, o01, o10, o11 := ub.o[0][:n], ub.o[1][:n], ub.o[2][:n], ub.o[3][:n]
	pk := ub.pk[:n]
	pix, s := p.Pix, p.Stride
	pairs, m := tapOffsets(cy, cx, ub, n, int32(p.Height-1), int32(p.Width-1), int32(s))
	if pairs && planeHolds(p) {
		// Each point's two pairs are 16-bit loads (little endian: x0 in
		// the low byte), inside the plane as the taps are clamped.
		base := unsafe.Pointer(unsafe.SliceData(pix))
		for k, o := range o00 {
			a := *(*uint16)(unsafe.Add(base, o))
			b := *(*uint16)(unsafe.Add(base, int(o)+s))
			pk[k] = uint32(a) | uint32(b)<<16
		}
	} else if pairs {
		for k, o := range o00 {
			a, b := pix[o:o+2], pix[int(o)+s:int(o)+s+2]
			pk[k] = uint32(a[0]) | uint32(a[1])<<8 | uint32(b[0])<<16 | uint32(b[1])<<24
		}
	} else {
		for k := range pk {
			pk[k] = uint32(pix[o00[k]]) | uint32(pix[o01[k]])<<8 | uint32(pix[o10[k]])<<16 | uint32(pix[o11[k]])<<24
		}
	}
	if m > 0 {
		u8Sum8(cy[:m], cx[:m], pk[:m], t[:m])
	}
	u8Sum(cy[m:n], cx[m:n], pk[m:], t[m:])
}

// u8Offsets sets the offsets of the clamped taps (clampTaps' taps) of
// every point and says whether every point's taps are side by side
// (x1 = x0+1 and y1 = y0+1).
func u8Offsets(cy, cx []float64, o00, o01, o10, o11 []int32, lastY, lastX, stride int32) bool {
	defer archsimd.ClearAVXUpperBits()
	var zero archsimd.Int32x4
	inc := archsimd.BroadcastInt32x4(1)
	hy, hx, st := archsimd.BroadcastInt32x4(lastY), archsimd.BroadcastInt32x4(lastX), archsimd.BroadcastInt32x4(stride)
	pair := inc
	for k := 0; k+4 <= len(cy); k += 4 {
		iy := archsimd.LoadFloat64x4Slice(cy[k:]).Floor().ConvertToInt32()
		ix := archsimd.LoadFloat64x4Slice(cx[k:]).Floor().ConvertToInt32()
		y0, y1 := iy.Max(zero).Min(hy), iy.Add(inc).Max(zero).Min(hy)
		x0, x1 := ix.Max(zero).Min(hx), ix.Add(inc).Max(zero).Min(hx)
		pair = pair.And(y1.Sub(y0)).And(x1.Sub(x0))
		r0, r1 := y0.Mul(st), y1.Mul(st)
		r0.Add(x0).StoreSlice(o00[k:])
		r0.Add(x1).StoreSlice(o01[k:])
		r1.Add(x0).StoreSlice(o10[k:])
		r1.Add(x1).StoreSlice(o11[k:])
	}
	var a [4]int32
	pair.Store(&a)
	return a == [4]int32{1, 1, 1, 1}
}

// u8Sum sets t to lin2Go's weighted sums of the packed samples.
func u8Sum(cy, cx []float64, pk []uint32, t []float64) {
	defer archsimd.ClearAVXUpperBits()
	one := archsimd.BroadcastFloat64x4(1)
	m := archsimd.BroadcastUint32x4(0xff)
	for k := 0; k+4 <= len(t); k += 4 {
		y := archsimd.LoadFloat64x4Slice(cy[k:])
		x := archsimd.LoadFloat64x4Slice(cx[k:])
		wy0 := one.Sub(y.Sub(y.Floor()))
		wy1 := one.Sub(wy0)
		wx0 := one.Sub(x.Sub(x.Floor()))
		wx1 := one.Sub(wx0)
		v := archsimd.LoadUint32x4Slice(pk[k:])
		vi, mi := v.AsInt32x4(), m.AsInt32x4() // arithmetic shifts: see fusedU8
		v0 := vi.And(mi).ConvertToFloat64()
		v1 := vi.ShiftAllRight(8).And(mi).ConvertToFloat64()
		v2 := vi.ShiftAllRight(16).And(mi).ConvertToFloat64()
		v3 := vi.ShiftAllRight(24).And(mi).ConvertToFloat64()
		var s archsimd.Float64x4
		s = s.Add(v0.Mul(wy0).Mul(wx0))
		s = s.Add(v1.Mul(wy0).Mul(wx1))
		s = s.Add(v2.Mul(wy1).Mul(wx0))
		s = s.Add(v3.Mul(wy1).Mul(wx1))
		s.StoreSlice(t[k:])
	}
}

// lin2U16 is lin2U8 for a uint16 plane (fewer than 2^31 samples): the
// samples of a point's upper row packed in one uint32, those of its lower
// row in another.
func lin2U16(p *gips.Plane[uint16], cy, cx, t []float64, ub *u8Bufs) {
	n := len(t)
	o00, o01, o10, o11 := ub.o[0][:n], ub.o[1][:n], ub.o[2][:n], ub.o[3][:n]
	pk0, pk1 := ub.pk[:n], ub.pk1[:n]
	pix, s := p.Pix, p.Stride
	pairs, m := tapOffsets(cy, cx, ub, n, int32(p.Height-1), int32(p.Width-1), int32(s))
	if pairs && planeHolds(p) {
		// Each point's two pairs are 32-bit loads (little endian: x0 in
		// the low half), inside the plane as the taps are clamped.
		base := unsafe.Pointer(unsafe.SliceData(pix))
		for k, o := range o00 {
			pk0[k] = *(*uint32)(unsafe.Add(base, 2*int(o)))
			pk1[k] = *(*uint32)(unsafe.Add(base, 2*(int(o)+s)))
		}
	} else if pairs {
		for k, o := range o00 {
			a, b := pix[o:o+2], pix[int(o)+s:int(o)+s+2]
			pk0[k] = uint32(a[0]) | uint32(a[1])<<16
			pk1[k] = uint32(b[0]) | uint32(b[1])<<16
		}
	} else {
		for k := range pk0 {
			pk0[k] = uint32(pix[o00[k]]) | uint32(pix[o01[k]])<<16
			pk1[k] = uint32(pix[o10[k]]) | uint32(pix[o11[k]])<<16
		}
	}
	if m > 0 {
		u16Sum8(cy[:m], cx[:m], pk0[:m], pk1[:m], t[:m])
	}
	u16Sum(cy[m:n], cx[m:n], pk0[m:], pk1[m:], t[m:])
}

// u16Sum is u8Sum for lin2U16's packed samples.
func u16Sum(cy, cx []float64, pk0, pk1 []uint32, t []float64) {
	defer archsimd.ClearAVXUpperBits()
	one := archsimd.BroadcastFloat64x4(1)
	m := archsimd.BroadcastUint32x4(0xffff)
	for k := 0; k+4 <= len(t); k += 4 {
		y := archsimd.LoadFloat64x4Slice(cy[k:])
		x := archsimd.LoadFloat64x4Slice(cx[k:])
		wy0 := one.Sub(y.Sub(y.Floor()))
		wy1 := one.Sub(wy0)
		wx0 := one.Sub(x.Sub(x.Floor()))
		wx1 := one.Sub(wx0)
		a := archsimd.LoadUint32x4Slice(pk0[k:])
		b := archsimd.LoadUint32x4Slice(pk1[k:])
		ai, bi, mi := a.AsInt32x4(), b.AsInt32x4(), m.AsInt32x4() // as in u8Sum
		v0 := ai.And(mi).ConvertToFloat64()
		v1 := ai.ShiftAllRight(16).And(mi).ConvertToFloat64()
		v2 := bi.And(mi).ConvertToFloat64()
		v3 := bi.ShiftAllRight(16).And(mi).ConvertToFloat64()
		var s archsimd.Float64x4
		s = s.Add(v0.Mul(wy0).Mul(wx0))
		s = s.Add(v1.Mul(wy0).Mul(wx1))
		s = s.Add(v2.Mul(wy1).Mul(wx0))
		s = s.Add(v3.Mul(wy1).Mul(wx1))
		s.StoreSlice(t[k:])
	}
}

// planeHolds says whether p's memory holds every row of its width, so
// that an offset y·Stride + x with y < Height and x < Width is inside
// Pix (the unchecked loads above rely on it).
func planeHolds[S gips.Pixel](p *gips.Plane[S]) bool {
	return p.Height > 0 && p.Width > 0 && len(p.Pix) >= (p.Height-1)*p.Stride+p.Width
}
