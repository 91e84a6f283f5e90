//go:build goexperiment.simd && amd64

package transform

import (
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
)

// lin2's AVX2 path, in three passes over a segment: the windows and
// weights of four points at a time (vector), the four samples of each
// point (Go, any pixel type, into float64), and the weighted sums of four
// points at a time (vector). Every operation is lin2Go's, in its order and
// without fused multiply-adds, so the values are the same bit for bit.

var linAVX2 = archsimd.X86.AVX2()

// linBufs holds a segment's taps, weights and samples.
type linBufs struct {
	iy, ix [2][segLen]int32   // (y0, y1), (x0, x1)
	w      [4][segLen]float64 // wy0, wy1, wx0, wx1
	v      [4][segLen]float64 // (y0, x0), (y0, x1), (y1, x0), (y1, x1)
	u8     u8Bufs
}

// lin2SIMD does lin2 for the first multiple of four points and says how
// many it did (none without AVX2 or for sides beyond int32). pl, if not
// nil, is the plane of rows (a uint8 one takes lin2U8, a uint16 one
// lin2U16).
func lin2SIMD[S gips.Pixel](rows [][]S, pl *gips.Plane[S], cy, cx, t []float64, lb *linBufs) int {
	n := min(len(t), segLen) &^ 3
	if !linAVX2 || n == 0 || len(rows) > 1<<31-1 || len(rows[0]) > 1<<31-1 {
		return 0
	}
	if p, ok := any(pl).(*gips.Plane[uint8]); ok && p != nil && p.Stride > 0 && len(p.Pix) < 1<<31-1 &&
		p.Height == len(rows) && p.Width == len(rows[0]) {
		lin2U8(p, cy[:n], cx[:n], t[:n], &lb.u8)
		return n
	}
	if p, ok := any(pl).(*gips.Plane[uint16]); ok && p != nil && p.Stride > 0 && len(p.Pix) < 1<<31-1 &&
		p.Height == len(rows) && p.Width == len(rows[0]) {
		lin2U16(p, cy[:n], cx[:n], t[:n], &lb.u8)
		return n
	}
	if p, ok := any(pl).(*gips.Plane[float32]); ok && wideOK(p, len(rows), len(rows[0])) {
		lin2Wide(p, cy[:n], cx[:n], t[:n], lb)
		return n
	}
	if p, ok := any(pl).(*gips.Plane[int16]); ok && wideOK(p, len(rows), len(rows[0])) {
		lin2Wide(p, cy[:n], cx[:n], t[:n], lb)
		return n
	}
	clampTaps(cy[:n], lb.w[0][:n], lb.w[1][:n], lb.iy[0][:n], lb.iy[1][:n], int32(len(rows)-1))
	clampTaps(cx[:n], lb.w[2][:n], lb.w[3][:n], lb.ix[0][:n], lb.ix[1][:n], int32(len(rows[0])-1))
	y0, y1, x0, x1 := lb.iy[0][:n], lb.iy[1][:n], lb.ix[0][:n], lb.ix[1][:n]
	v0, v1, v2, v3 := lb.v[0][:n], lb.v[1][:n], lb.v[2][:n], lb.v[3][:n]
	for k := range y0 {
		r0, r1 := rows[y0[k]], rows[y1[k]]
		a, b := x0[k], x1[k]
		v0[k] = float64(r0[a])
		v1[k] = float64(r0[b])
		v2[k] = float64(r1[a])
		v3[k] = float64(r1[b])
	}
	linSum2(lb, t[:n])
	return n
}

// clampTaps sets, for coordinates |c| < linLimit, f = floor(c), the taps
// i0 = f and i1 = f+1 clamped into [0, last], w0 = 1 - (c - f) and
// w1 = 1 - w0; len(c) is a multiple of 4.
func clampTaps(c, w0, w1 []float64, i0, i1 []int32, last int32) {
	defer archsimd.ClearAVXUpperBits()
	one := archsimd.BroadcastFloat64x4(1)
	var zero archsimd.Int32x4
	inc, hi := archsimd.BroadcastInt32x4(1), archsimd.BroadcastInt32x4(last)
	for k := 0; k+4 <= len(c); k += 4 {
		v := archsimd.LoadFloat64x4Slice(c[k:])
		f := v.Floor()
		a := one.Sub(v.Sub(f))
		a.StoreSlice(w0[k:])
		one.Sub(a).StoreSlice(w1[k:])
		i := f.ConvertToInt32()
		i.Max(zero).Min(hi).StoreSlice(i0[k:])
		i.Add(inc).Max(zero).Min(hi).StoreSlice(i1[k:])
	}
}

// linSum2 sets t = ((((0 + v0·wy0·wx0) + v1·wy0·wx1) + v2·wy1·wx0) + v3·wy1·wx1).
func linSum2(lb *linBufs, t []float64) {
	defer archsimd.ClearAVXUpperBits()
	for k := 0; k+4 <= len(t); k += 4 {
		wy0 := archsimd.LoadFloat64x4Slice(lb.w[0][k:])
		wy1 := archsimd.LoadFloat64x4Slice(lb.w[1][k:])
		wx0 := archsimd.LoadFloat64x4Slice(lb.w[2][k:])
		wx1 := archsimd.LoadFloat64x4Slice(lb.w[3][k:])
		var s archsimd.Float64x4
		s = s.Add(archsimd.LoadFloat64x4Slice(lb.v[0][k:]).Mul(wy0).Mul(wx0))
		s = s.Add(archsimd.LoadFloat64x4Slice(lb.v[1][k:]).Mul(wy0).Mul(wx1))
		s = s.Add(archsimd.LoadFloat64x4Slice(lb.v[2][k:]).Mul(wy1).Mul(wx0))
		s = s.Add(archsimd.LoadFloat64x4Slice(lb.v[3][k:]).Mul(wy1).Mul(wx1))
		s.StoreSlice(t[k:])
	}
}

// storeSIMD is storeRow for the first multiple of 16 values into uint8,
// uint16, int16 or float32 rows (none for other types or without AVX2) and says
// how many it stored: integers as t+0.5 truncated inside (0, max), 0 at or
// below 0 and for NaN, max at or above max - storer's rule for an
// unsigned type -; float32 rounded to nearest, as Go converts.
func storeSIMD[D gips.Pixel](row []D, t []float64) int {
	n := min(len(row), len(t)) &^ 15
	if !linAVX2 || n == 0 {
		return 0
	}
	switch r := any(row).(type) {
	case []uint8:
		storeU8(r[:n], t[:n])
	case []uint16:
		storeU16(r[:n], t[:n])
	case []float32:
		storeF32(r[:n], t[:n])
	case []int16:
		storeI16(r[:n], t[:n])
	default:
		return 0
	}
	return n
}

// roundSat is trunc(t+0.5) for t in (0, hi), 0 for t <= 0 or NaN and hi
// for t >= hi, as int32.
func roundSat(t, hi archsimd.Float64x4) archsimd.Int32x4 {
	var zero archsimd.Float64x4
	half := archsimd.BroadcastFloat64x4(0.5)
	x := t.Add(half).Masked(t.Greater(zero))
	return hi.Merge(x, t.GreaterEqual(hi)).ConvertToInt32()
}

// lowBytes are PSHUFB indices (-1: zero) that take the low byte of each
// 16-bit lane, in order, into the lower or the upper half.
var lowBytes = [2][16]int8{
	{0, 2, 4, 6, 8, 10, 12, 14, -1, -1, -1, -1, -1, -1, -1, -1},
	{-1, -1, -1, -1, -1, -1, -1, -1, 0, 2, 4, 6, 8, 10, 12, 14},
}

func storeU8(row []uint8, t []float64) {
	defer archsimd.ClearAVXUpperBits()
	hi := archsimd.BroadcastFloat64x4(255)
	lo, up := archsimd.LoadInt8x16Slice(lowBytes[0][:]), archsimd.LoadInt8x16Slice(lowBytes[1][:])
	for k := 0; k+16 <= len(t); k += 16 {
		a := roundSat(archsimd.LoadFloat64x4Slice(t[k:]), hi)
		b := roundSat(archsimd.LoadFloat64x4Slice(t[k+4:]), hi)
		c := roundSat(archsimd.LoadFloat64x4Slice(t[k+8:]), hi)
		d := roundSat(archsimd.LoadFloat64x4Slice(t[k+12:]), hi)
		u := a.SaturateToUint16Concat(b).AsUint8x16().PermuteOrZero(lo)
		w := c.SaturateToUint16Concat(d).AsUint8x16().PermuteOrZero(up)
		u.Or(w).StoreSlice(row[k:])
	}
}

func storeU16(row []uint16, t []float64) {
	defer archsimd.ClearAVXUpperBits()
	hi := archsimd.BroadcastFloat64x4(65535)
	for k := 0; k+8 <= len(t); k += 8 {
		a := roundSat(archsimd.LoadFloat64x4Slice(t[k:]), hi)
		b := roundSat(archsimd.LoadFloat64x4Slice(t[k+4:]), hi)
		a.SaturateToUint16Concat(b).StoreSlice(row[k:])
	}
}

// storeI16 is storeRow's signed rule: t±0.5 (the sign of t > 0, else
// minus) truncated inside (-32768, 32767), the bound at or beyond it, 0
// for NaN. Inside, t±0.5 is the same rounded sum as storeRow's and
// truncates into the range, so the conversion never saturates.
func storeI16(row []int16, t []float64) {
	defer archsimd.ClearAVXUpperBits()
	var zero archsimd.Float64x4
	half, mhalf := archsimd.BroadcastFloat64x4(0.5), archsimd.BroadcastFloat64x4(-0.5)
	lo, hi := archsimd.BroadcastFloat64x4(-32768), archsimd.BroadcastFloat64x4(32767)
	round := func(t archsimd.Float64x4) archsimd.Int32x4 {
		x := t.Add(half.Merge(mhalf, t.Greater(zero)))
		x = hi.Merge(x, t.GreaterEqual(hi))
		x = lo.Merge(x, t.LessEqual(lo))
		return x.Masked(t.Equal(t)).ConvertToInt32()
	}
	for k := 0; k+8 <= len(t); k += 8 {
		a := round(archsimd.LoadFloat64x4Slice(t[k:]))
		b := round(archsimd.LoadFloat64x4Slice(t[k+4:]))
		a.SaturateToInt16Concat(b).StoreSlice(row[k:])
	}
}

func storeF32(row []float32, t []float64) {
	defer archsimd.ClearAVXUpperBits()
	for k := 0; k+4 <= len(t); k += 4 {
		archsimd.LoadFloat64x4Slice(t[k:]).ConvertToFloat32().StoreSlice(row[k:])
	}
}

// addRowSIMD is addRow for the first multiple of four values (none without
// AVX2) and says how many it did: (base + col[k]) + off, addRow's order.
func addRowSIMD(c, col []float64, base, off float64) int {
	n := min(len(c), len(col)) &^ 3
	if !linAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	b, o := archsimd.BroadcastFloat64x4(base), archsimd.BroadcastFloat64x4(off)
	for k := 0; k < n; k += 4 {
		b.Add(archsimd.LoadFloat64x4Slice(col[k:])).Add(o).StoreSlice(c[k:])
	}
	return n
}

// boxRunSIMD is the length, a multiple of four, of a leading run of points
// with loY <= cy < hiY and loX <= cx < hiX (NaN is outside), four at a
// time; the caller goes on one point at a time from there. None without
// AVX2.
func boxRunSIMD(cy, cx []float64, loY, hiY, loX, hiX float64) int {
	n := min(len(cy), len(cx)) &^ 3
	if !linAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	ly, hy := archsimd.BroadcastFloat64x4(loY), archsimd.BroadcastFloat64x4(hiY)
	lx, hx := archsimd.BroadcastFloat64x4(loX), archsimd.BroadcastFloat64x4(hiX)
	k := 0
	for ; k < n; k += 4 {
		y, x := archsimd.LoadFloat64x4Slice(cy[k:]), archsimd.LoadFloat64x4Slice(cx[k:])
		in := y.GreaterEqual(ly).And(y.Less(hy)).And(x.GreaterEqual(lx)).And(x.Less(hx))
		if in.ToBits() != 15 {
			break
		}
	}
	return k
}

// linAVX2Available says whether the AVX2 paths run (for tests).
func linAVX2Available() bool { return linAVX2 }

// widenSIMD sets dst[k] = float64(src[k]) (exact) for the first multiple
// of four values (none without AVX2) and says how many.
func widenSIMD(dst []float64, src []float32) int {
	n := min(len(dst), len(src)) &^ 3
	if !linAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	for k := 0; k < n; k += 4 {
		archsimd.LoadFloat32x4Slice(src[k:]).ConvertToFloat64().StoreSlice(dst[k:])
	}
	return n
}

// linRowsSIMD is linRows for the first multiple of four values (none
// without AVX2) and says how many it did: linRowsGo's operations in its
// order, four lanes at a time.
func linRowsSIMD(t, a0, b0, a1, b1, w0, w1 []float64, wy0, wy1 float64) int {
	n := len(t) &^ 3
	if !linAVX2 || n == 0 {
		return 0
	}
	a0, b0, a1, b1, w0, w1 = a0[:n], b0[:n], a1[:n], b1[:n], w0[:n], w1[:n]
	defer archsimd.ClearAVXUpperBits()
	y0, y1 := archsimd.BroadcastFloat64x4(wy0), archsimd.BroadcastFloat64x4(wy1)
	for k := 0; k < n; k += 4 {
		x0, x1 := archsimd.LoadFloat64x4Slice(w0[k:]), archsimd.LoadFloat64x4Slice(w1[k:])
		var s archsimd.Float64x4
		s = s.Add(archsimd.LoadFloat64x4Slice(a0[k:]).Mul(y0).Mul(x0))
		s = s.Add(archsimd.LoadFloat64x4Slice(b0[k:]).Mul(y0).Mul(x1))
		s = s.Add(archsimd.LoadFloat64x4Slice(a1[k:]).Mul(y1).Mul(x0))
		s = s.Add(archsimd.LoadFloat64x4Slice(b1[k:]).Mul(y1).Mul(x1))
		s.StoreSlice(t[k:])
	}
	return n
}

// wideOK says whether lin2Wide takes plane p of ny rows of nx samples: a positive stride,
// fewer than 2^31 samples, and memory that holds every row.
func wideOK[S float32 | int16](p *gips.Plane[S], ny, nx int) bool {
	return p != nil && p.Stride > 0 && len(p.Pix) < 1<<31-1 && p.Height == ny && p.Width == nx && planeHolds(p)
}

// lin2Wide is lin2SIMD's generic path for a float32 or int16 plane with
// the samples read at the taps' offsets into the plane's memory
// (tapOffsets' clamped taps, inside the plane) instead of through the row
// slices: the same samples, weights and sums (clampTaps, linSum2).
func lin2Wide[S float32 | int16](p *gips.Plane[S], cy, cx, t []float64, lb *linBufs) {
	n := len(t)
	ub := &lb.u8
	tapOffsets(cy, cx, ub, n, int32(p.Height-1), int32(p.Width-1), int32(p.Stride))
	clampTaps(cy, lb.w[0][:n], lb.w[1][:n], lb.iy[0][:n], lb.iy[1][:n], int32(p.Height-1))
	clampTaps(cx, lb.w[2][:n], lb.w[3][:n], lb.ix[0][:n], lb.ix[1][:n], int32(p.Width-1))
	o00, o01, o10, o11 := ub.o[0][:n], ub.o[1][:n], ub.o[2][:n], ub.o[3][:n]
	v0, v1, v2, v3 := lb.v[0][:n], lb.v[1][:n], lb.v[2][:n], lb.v[3][:n]
	base := unsafe.Pointer(unsafe.SliceData(p.Pix))
	at := func(o int32) float64 { return float64(*(*S)(unsafe.Add(base, uintptr(o)*unsafe.Sizeof(S(0))))) }
	for k := range v0 {
		v0[k], v1[k], v2[k], v3[k] = at(o00[k]), at(o01[k]), at(o10[k]), at(o11[k])
	}
	linSum2(lb, t)
}
