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

// fusedBox8 is what both AVX-512 kernels take of f before the loop.
type fusedBox8 struct {
	ly, hy, lx, hx       archsimd.Float64x8
	by, oy, bx, ox       archsimd.Float64x8
	inc, ty, tx, st, tx1 archsimd.Int32x8
	kind                 int
	py, px               unsafe.Pointer
}

// init sets b from f and returns n cut to f's coordinates. Through a
// pointer, not a returned struct: the compiler copies a struct in 16-byte
// legacy-SSE moves (see below), and 64-byte loads of the copy wait for
// failed store forwards (29% of the CPU of a float32 rotation at 1024²).
//
// The loops stay free of legacy-SSE (non-VEX) instructions, which stall
// while the upper halves of the vector registers are in use: the
// compiler spills 128-bit values with MOVUPS. One spilled pair in
// fusedF32AVX512's loop made the rotation 4.4 times slower; the zero
// vectors are zero idioms and sum broadcasts its 1 (a vector held for the
// loop pushed that pair out of the registers). objdump -d shows them.
func (b *fusedBox8) init(f *fusedSrc, n int) (m int) {
	b.ly, b.hy = archsimd.BroadcastFloat64x8(f.loY), archsimd.BroadcastFloat64x8(f.hiY)
	b.lx, b.hx = archsimd.BroadcastFloat64x8(f.loX), archsimd.BroadcastFloat64x8(f.hiX)
	b.inc = archsimd.BroadcastInt32x8(1)
	b.ty, b.tx, b.st = archsimd.BroadcastInt32x8(f.lastY), archsimd.BroadcastInt32x8(f.lastX), archsimd.BroadcastInt32x8(int32(f.stride))
	b.tx1 = archsimd.BroadcastInt32x8(f.lastX - 1)
	b.kind, b.py, b.px, b.by, b.oy, b.bx, b.ox, m = f.groupSource(n)
	return m
}

// group is the part of the work on a group of eight points y, x that
// both kernels share: ok is false when a point is outside the box; else
// the points' floors, the offsets (in samples) of their rows' pairs in o,
// and where each point's taps x0 and x1 are in its pairs (a0 = x0-xl,
// a1 = x1-xl, 0 or 1).
func (b *fusedBox8) group(y, x archsimd.Float64x8, o *[2][8]int32) (fy, fx archsimd.Float64x8, a0, a1 archsimd.Int32x8, ok bool) {
	if y.GreaterEqual(b.ly).And(y.Less(b.hy)).And(x.GreaterEqual(b.lx)).And(x.Less(b.hx)).ToBits() != 0xff {
		return fy, fx, a0, a1, false
	}
	fy, fx = y.FloorScaled(0), x.FloorScaled(0)
	iy, ix := fy.ConvertToInt32(), fx.ConvertToInt32()
	// Every vector of b read before the stores to o, which for all the
	// compiler knows might change b: read after, each was loaded again.
	var iz archsimd.Int32x8 // a zero idiom, no load
	x0, x1 := ix.Max(iz).Min(b.tx), ix.Add(b.inc).Max(iz).Min(b.tx)
	xl := ix.Max(iz).Min(b.tx1)
	r0 := iy.Max(iz).Min(b.ty).Mul(b.st).Add(xl)
	r1 := iy.Add(b.inc).Max(iz).Min(b.ty).Mul(b.st).Add(xl)
	// The rows' offsets leave through memory (as in fusedU8), the pairs
	// enter the vectors through registers.
	r0.Store(&o[0])
	r1.Store(&o[1])
	return fy, fx, x0.Sub(xl), x1.Sub(xl), true
}

// sum is lin2Go's weighted sum of the taps v0 (y0, x0), v1 (y0, x1), v2
// (y1, x0) and v3 (y1, x1) of points y, x with floors fy, fx.
func (b *fusedBox8) sum(v0, v1, v2, v3, y, x, fy, fx archsimd.Float64x8) archsimd.Float64x8 {
	one := archsimd.BroadcastFloat64x8(1)
	wy0 := one.Sub(y.Sub(fy))
	wy1 := one.Sub(wy0)
	wx0 := one.Sub(x.Sub(fx))
	wx1 := one.Sub(wx0)
	var zero archsimd.Float64x8
	t := zero.Add(v0.Mul(wy0).Mul(wx0))
	t = t.Add(v1.Mul(wy0).Mul(wx1))
	t = t.Add(v2.Mul(wy1).Mul(wx0))
	return t.Add(v3.Mul(wy1).Mul(wx1))
}

// fusedF32AVX512 is fusedU16 for float32 samples: a row's pair is one
// 64-bit load, and a shift by 0 or 32 bits picks a tap.
func fusedF32AVX512(f *fusedSrc, k, n int, row []float32) int {
	if f.lastX < 1 {
		return k
	}
	defer archsimd.ClearAVXUpperBits()
	n = min(n, len(row))
	var b fusedBox8
	n = b.init(f, n)
	base := f.base
	var o [2][8]int32 // out of the loop: zeroed in it, with legacy-SSE stores
	for ; k+8 <= n; k += 8 {
		y, x := groupAt(b.kind, b.py, b.px, b.by, b.oy, b.bx, b.ox, k)
		fy, fx, a0, a1, ok := b.group(y, x, &o)
		if !ok {
			break
		}
		p := pack8(pairF32(base, &o[0], 0), pairF32(base, &o[0], 1), pairF32(base, &o[0], 2), pairF32(base, &o[0], 3),
			pairF32(base, &o[0], 4), pairF32(base, &o[0], 5), pairF32(base, &o[0], 6), pairF32(base, &o[0], 7))
		q := pack8(pairF32(base, &o[1], 0), pairF32(base, &o[1], 1), pairF32(base, &o[1], 2), pairF32(base, &o[1], 3),
			pairF32(base, &o[1], 4), pairF32(base, &o[1], 5), pairF32(base, &o[1], 6), pairF32(base, &o[1], 7))
		d0 := a0.ShiftAllLeft(5).ExtendToInt64().AsUint64x8()
		d1 := a1.ShiftAllLeft(5).ExtendToInt64().AsUint64x8()
		v0 := p.ShiftRight(d0).TruncateToUint32().AsFloat32x8().ConvertToFloat64()
		v1 := p.ShiftRight(d1).TruncateToUint32().AsFloat32x8().ConvertToFloat64()
		v2 := q.ShiftRight(d0).TruncateToUint32().AsFloat32x8().ConvertToFloat64()
		v3 := q.ShiftRight(d1).TruncateToUint32().AsFloat32x8().ConvertToFloat64()
		b.sum(v0, v1, v2, v3, y, x, fy, fx).ConvertToFloat32().Store((*[8]float32)(row[k : k+8]))
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

// fusedI16AVX512 is fusedF32AVX512 for int16 samples: a row's pair is
// one 32-bit load, and a shift left by 16 or 0 bits then an arithmetic
// one right by 16 picks a tap, sign-extended.
func fusedI16AVX512(f *fusedSrc, k, n int, row []int16) int {
	if f.lastX < 1 {
		return k
	}
	defer archsimd.ClearAVXUpperBits()
	n = min(n, len(row))
	var b fusedBox8
	n = b.init(f, n)
	half, mhalf := archsimd.BroadcastFloat64x8(0.5), archsimd.BroadcastFloat64x8(-0.5)
	var zero archsimd.Float64x8
	base := f.base
	var o [2][8]int32 // out of the loop: zeroed in it, with legacy-SSE stores
	for ; k+8 <= n; k += 8 {
		y, x := groupAt(b.kind, b.py, b.px, b.by, b.oy, b.bx, b.ox, k)
		fy, fx, a0, a1, ok := b.group(y, x, &o)
		if !ok {
			break
		}
		p := pack4(pairsI16(base, &o[0], 0), pairsI16(base, &o[0], 2), pairsI16(base, &o[0], 4), pairsI16(base, &o[0], 6)).AsInt32x8()
		q := pack4(pairsI16(base, &o[1], 0), pairsI16(base, &o[1], 2), pairsI16(base, &o[1], 4), pairsI16(base, &o[1], 6)).AsInt32x8()
		// Shift left by 16·(1-a0), by 16·(1-a1).
		d0 := b.inc.Sub(a0).ShiftAllLeft(4)
		d1 := b.inc.Sub(a1).ShiftAllLeft(4)
		v0 := p.ShiftLeft(d0).ShiftAllRight(16).ConvertToFloat64()
		v1 := p.ShiftLeft(d1).ShiftAllRight(16).ConvertToFloat64()
		v2 := q.ShiftLeft(d0).ShiftAllRight(16).ConvertToFloat64()
		v3 := q.ShiftLeft(d1).ShiftAllRight(16).ConvertToFloat64()
		t := b.sum(v0, v1, v2, v3, y, x, fy, fx)
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
