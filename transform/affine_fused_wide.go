//go:build goexperiment.simd && amd64

package transform

import (
	"simd/archsimd"
	"unsafe"
)

// The fused kernels of float32 and int16 planes, fusedU16's loop with
// one way to read the taps for every group: each point reads its rows'
// pairs of samples from column xl = ix clamped into [0, lastX-1] (one
// load a row), and a variable shift takes its taps x0 and x1 from the
// pair (sample x0-xl and x1-xl, 0 or 1), so points inside the plane and
// points whose taps are clamped (mode Nearest, a rotation's corners) go
// the same way. A plane one sample wide has no pairs: the kernels take
// none of its points (fusedRun leaves it to segment).
//
// The sums are lin2Go's: samples converted exactly to float64 (float32 by
// VCVTPS2PD, int16 sign-extended), the same products and sums in its
// order, the first from +0 (a sample -0 or negative by a zero weight
// gives -0, which lin2Go's 0 + turns into +0: it shows in a float32
// output). Where two NaNs meet in a sum (a NaN sample and an infinite one
// by a zero weight), which one's sign and payload the sum keeps is the
// compiler's choice of operand order, here as in lin2Go and lin2, which
// differ there too. The stores are storeRow's: float32 rounded to
// nearest as Go converts; int16 as t±0.5 (the sign of t > 0, else minus)
// truncated, saturated to int16. A point in the box has finite taps and weights, so
// t is finite and within a rounding of the samples' range: t±0.5 fits
// int32, inside (-32768, 32767) it is storeRow's value, and at or beyond
// a bound it truncates to the bound or past it, which saturates to the
// bound as storeRow's does.

// fusedF32AVX512 is fusedU16 for float32 samples: a row's pair is one 64-bit
// load, and a shift by 0 or 32 bits picks a tap.
func fusedF32AVX512(f *fusedSrc, k, n int, row []float32) int {
	if f.lastX < 1 {
		return k
	}
	defer archsimd.ClearAVXUpperBits()
	n = min(n, len(row))
	ly, hy := archsimd.BroadcastFloat64x8(f.loY), archsimd.BroadcastFloat64x8(f.hiY)
	lx, hx := archsimd.BroadcastFloat64x8(f.loX), archsimd.BroadcastFloat64x8(f.hiX)
	one, zero := archsimd.BroadcastFloat64x8(1), archsimd.BroadcastFloat64x8(0)
	iz, inc := archsimd.BroadcastInt32x8(0), archsimd.BroadcastInt32x8(1)
	ty, tx, st := archsimd.BroadcastInt32x8(f.lastY), archsimd.BroadcastInt32x8(f.lastX), archsimd.BroadcastInt32x8(int32(f.stride))
	tx1 := archsimd.BroadcastInt32x8(f.lastX - 1)
	base := f.base
	kind, py, px, by, oy, bx, ox, n := f.groupSource(n)
	for ; k+8 <= n; k += 8 {
		y, x := groupAt(kind, py, px, by, oy, bx, ox, k)
		if y.GreaterEqual(ly).And(y.Less(hy)).And(x.GreaterEqual(lx)).And(x.Less(hx)).ToBits() != 0xff {
			break
		}
		fy, fx := y.FloorScaled(0), x.FloorScaled(0)
		iy, ix := fy.ConvertToInt32(), fx.ConvertToInt32()
		xl := ix.Max(iz).Min(tx1)
		// The rows' offsets leave through memory (as in fusedU8), the
		// pairs enter the vectors through registers.
		var o [2][8]int32
		iy.Max(iz).Min(ty).Mul(st).Add(xl).Store(&o[0])
		iy.Add(inc).Max(iz).Min(ty).Mul(st).Add(xl).Store(&o[1])
		a := pack8(pairF32(base, &o[0], 0), pairF32(base, &o[0], 1), pairF32(base, &o[0], 2), pairF32(base, &o[0], 3),
			pairF32(base, &o[0], 4), pairF32(base, &o[0], 5), pairF32(base, &o[0], 6), pairF32(base, &o[0], 7))
		b := pack8(pairF32(base, &o[1], 0), pairF32(base, &o[1], 1), pairF32(base, &o[1], 2), pairF32(base, &o[1], 3),
			pairF32(base, &o[1], 4), pairF32(base, &o[1], 5), pairF32(base, &o[1], 6), pairF32(base, &o[1], 7))
		d0 := ix.Max(iz).Min(tx).Sub(xl).ShiftAllLeft(5).ExtendToInt64().AsUint64x8()
		d1 := ix.Add(inc).Max(iz).Min(tx).Sub(xl).ShiftAllLeft(5).ExtendToInt64().AsUint64x8()
		v0 := a.ShiftRight(d0).TruncateToUint32().AsFloat32x8().ConvertToFloat64()
		v1 := a.ShiftRight(d1).TruncateToUint32().AsFloat32x8().ConvertToFloat64()
		v2 := b.ShiftRight(d0).TruncateToUint32().AsFloat32x8().ConvertToFloat64()
		v3 := b.ShiftRight(d1).TruncateToUint32().AsFloat32x8().ConvertToFloat64()
		wy0 := one.Sub(y.Sub(fy))
		wy1 := one.Sub(wy0)
		wx0 := one.Sub(x.Sub(fx))
		wx1 := one.Sub(wx0)
		t := zero.Add(v0.Mul(wy0).Mul(wx0))
		t = t.Add(v1.Mul(wy0).Mul(wx1))
		t = t.Add(v2.Mul(wy1).Mul(wx0))
		t = t.Add(v3.Mul(wy1).Mul(wx1))
		t.ConvertToFloat32().Store((*[8]float32)(row[k : k+8]))
	}
	return k
}

// pairF32 is the pair of float32 samples at offset o[p] (in samples),
// the first in the low half.
func pairF32(base unsafe.Pointer, o *[8]int32, p int) uint64 {
	return *(*uint64)(unsafe.Add(base, 4*int(o[p])))
}

// pack8 is the vector (p0, ..., p7).
func pack8(p0, p1, p2, p3, p4, p5, p6, p7 uint64) archsimd.Uint64x8 {
	var z archsimd.Uint64x8
	return z.SetLo(pack4(p0, p1, p2, p3)).SetHi(pack4(p4, p5, p6, p7))
}

// pack4 is the vector (p0, p1, p2, p3).
func pack4(p0, p1, p2, p3 uint64) archsimd.Uint64x4 {
	var z2 archsimd.Uint64x2
	var z4 archsimd.Uint64x4
	return z4.SetLo(z2.SetElem(0, p0).SetElem(1, p1)).SetHi(z2.SetElem(0, p2).SetElem(1, p3))
}

// fusedI16AVX512 is fusedF32AVX512 for int16 samples: a row's pair is one 32-bit load,
// and a shift left by 16 or 0 bits then an arithmetic one right by 16
// picks a tap, sign-extended.
func fusedI16AVX512(f *fusedSrc, k, n int, row []int16) int {
	if f.lastX < 1 {
		return k
	}
	defer archsimd.ClearAVXUpperBits()
	n = min(n, len(row))
	ly, hy := archsimd.BroadcastFloat64x8(f.loY), archsimd.BroadcastFloat64x8(f.hiY)
	lx, hx := archsimd.BroadcastFloat64x8(f.loX), archsimd.BroadcastFloat64x8(f.hiX)
	one, zero := archsimd.BroadcastFloat64x8(1), archsimd.BroadcastFloat64x8(0)
	half, mhalf := archsimd.BroadcastFloat64x8(0.5), archsimd.BroadcastFloat64x8(-0.5)
	iz, inc := archsimd.BroadcastInt32x8(0), archsimd.BroadcastInt32x8(1)
	ty, tx, st := archsimd.BroadcastInt32x8(f.lastY), archsimd.BroadcastInt32x8(f.lastX), archsimd.BroadcastInt32x8(int32(f.stride))
	tx1 := archsimd.BroadcastInt32x8(f.lastX - 1)
	base := f.base
	kind, py, px, by, oy, bx, ox, n := f.groupSource(n)
	for ; k+8 <= n; k += 8 {
		y, x := groupAt(kind, py, px, by, oy, bx, ox, k)
		if y.GreaterEqual(ly).And(y.Less(hy)).And(x.GreaterEqual(lx)).And(x.Less(hx)).ToBits() != 0xff {
			break
		}
		fy, fx := y.FloorScaled(0), x.FloorScaled(0)
		iy, ix := fy.ConvertToInt32(), fx.ConvertToInt32()
		xl := ix.Max(iz).Min(tx1)
		var o [2][8]int32
		iy.Max(iz).Min(ty).Mul(st).Add(xl).Store(&o[0])
		iy.Add(inc).Max(iz).Min(ty).Mul(st).Add(xl).Store(&o[1])
		a := pack4(pairsI16(base, &o[0], 0), pairsI16(base, &o[0], 2), pairsI16(base, &o[0], 4), pairsI16(base, &o[0], 6)).AsInt32x8()
		b := pack4(pairsI16(base, &o[1], 0), pairsI16(base, &o[1], 2), pairsI16(base, &o[1], 4), pairsI16(base, &o[1], 6)).AsInt32x8()
		// Shift left by 16·(1 - (x0-xl)), by 16·(1 - (x1-xl)).
		d0 := xl.Add(inc).Sub(ix.Max(iz).Min(tx)).ShiftAllLeft(4)
		d1 := xl.Add(inc).Sub(ix.Add(inc).Max(iz).Min(tx)).ShiftAllLeft(4)
		v0 := a.ShiftLeft(d0).ShiftAllRight(16).ConvertToFloat64()
		v1 := a.ShiftLeft(d1).ShiftAllRight(16).ConvertToFloat64()
		v2 := b.ShiftLeft(d0).ShiftAllRight(16).ConvertToFloat64()
		v3 := b.ShiftLeft(d1).ShiftAllRight(16).ConvertToFloat64()
		wy0 := one.Sub(y.Sub(fy))
		wy1 := one.Sub(wy0)
		wx0 := one.Sub(x.Sub(fx))
		wx1 := one.Sub(wx0)
		t := zero.Add(v0.Mul(wy0).Mul(wx0))
		t = t.Add(v1.Mul(wy0).Mul(wx1))
		t = t.Add(v2.Mul(wy1).Mul(wx0))
		t = t.Add(v3.Mul(wy1).Mul(wx1))
		r := t.Add(half.Merge(mhalf, t.Greater(zero))).ConvertToInt32()
		r.SaturateToInt16().Store((*[8]int16)(row[k : k+8]))
	}
	return k
}

// pairsI16 is the pairs of int16 samples at offsets o[p] and o[p+1] (in
// samples), point p's in the low half, the first sample of a pair in its
// low 16 bits.
func pairsI16(base unsafe.Pointer, o *[8]int32, p int) uint64 {
	return uint64(*(*uint32)(unsafe.Add(base, 2*int(o[p])))) | uint64(*(*uint32)(unsafe.Add(base, 2*int(o[p+1]))))<<32
}
