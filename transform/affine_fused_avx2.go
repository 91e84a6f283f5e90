//go:build goexperiment.simd && amd64

package transform

import (
	"simd/archsimd"
	"unsafe"
)

// The fused kernels of float32 and int16 planes on AVX2: fusedF32AVX512
// and fusedI16AVX512 four points a group, the same operations in the
// same order (floor is VROUNDPD rounding down, as VRNDSCALEPD), so the
// same values bit for bit. A float32 tap is picked from its row's pair
// by VPERMPS (lane 2p + x0-xl of the pairs), not a shift: AVX2 has no
// narrowing of 64-bit lanes.

// fusedF32 and fusedI16 run the kernel of the tier in use.
func fusedF32(f *fusedSrc, k, n int, row []float32) int {
	if fusedAVX512 {
		return fusedF32AVX512(f, k, n, row)
	}
	return fusedF32AVX2(f, k, n, row)
}

func fusedI16(f *fusedSrc, k, n int, row []int16) int {
	if fusedAVX512 {
		return fusedI16AVX512(f, k, n, row)
	}
	return fusedI16AVX2(f, k, n, row)
}

// groupAt4 is groupAt four points a group (float32 coordinates are read
// 16 bytes at a time, which never cross a cache line when 16-byte aligned).
func groupAt4(kind int, py, px unsafe.Pointer, by, oy, bx, ox archsimd.Float64x4, k int) (y, x archsimd.Float64x4) {
	switch kind {
	case srcAffine:
		return by.Add(load64x4(py, k)).Add(oy), bx.Add(load64x4(px, k)).Add(ox)
	case srcF32, srcHalves:
		return load32x4(py, k).ConvertToFloat64(), load32x4(px, k).ConvertToFloat64()
	}
	return load64x4(py, k), load64x4(px, k)
}

func load64x4(p unsafe.Pointer, k int) archsimd.Float64x4 {
	return archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(p, 8*k)))
}

func load32x4(p unsafe.Pointer, k int) archsimd.Float32x4 {
	return archsimd.LoadFloat32x4((*[4]float32)(unsafe.Add(p, 4*k)))
}

// fusedBox4 is what both AVX2 kernels take of f before the loop.
type fusedBox4 struct {
	ly, hy, lx, hx archsimd.Float64x4
	by, oy, bx, ox archsimd.Float64x4
	inc, ty, tx    archsimd.Int32x4
	st, tx1        archsimd.Int32x4
	kind           int
	py, px         unsafe.Pointer
}

// init is fusedBox8's init (a returned struct cost the AVX2 kernels 15%).
func (b *fusedBox4) init(f *fusedSrc, n int) (m int) {
	b.ly, b.hy = archsimd.BroadcastFloat64x4(f.loY), archsimd.BroadcastFloat64x4(f.hiY)
	b.lx, b.hx = archsimd.BroadcastFloat64x4(f.loX), archsimd.BroadcastFloat64x4(f.hiX)
	b.by, b.oy = archsimd.BroadcastFloat64x4(f.by), archsimd.BroadcastFloat64x4(f.oy)
	b.bx, b.ox = archsimd.BroadcastFloat64x4(f.bx), archsimd.BroadcastFloat64x4(f.ox)
	b.inc = archsimd.BroadcastInt32x4(1)
	b.ty, b.tx, b.st = archsimd.BroadcastInt32x4(f.lastY), archsimd.BroadcastInt32x4(f.lastX), archsimd.BroadcastInt32x4(int32(f.stride))
	b.tx1 = archsimd.BroadcastInt32x4(f.lastX - 1)
	b.kind, b.py, b.px, m = f.source(n)
	return m
}

// group is fusedBox8's group for four points.
func (b *fusedBox4) group(y, x archsimd.Float64x4, o *[2][8]int32) (fy, fx archsimd.Float64x4, a0, a1 archsimd.Int32x4, ok bool) {
	if y.GreaterEqual(b.ly).And(y.Less(b.hy)).And(x.GreaterEqual(b.lx)).And(x.Less(b.hx)).ToBits() != 0xf {
		return fy, fx, a0, a1, false
	}
	fy, fx = y.Floor(), x.Floor()
	iy, ix := fy.ConvertToInt32(), fx.ConvertToInt32()
	// Every vector of b read before the stores to o, which for all the
	// compiler knows might change b: read after, each was loaded again.
	var iz archsimd.Int32x4 // a zero idiom, no load
	x0, x1 := ix.Max(iz).Min(b.tx), ix.Add(b.inc).Max(iz).Min(b.tx)
	xl := ix.Max(iz).Min(b.tx1)
	r0 := iy.Max(iz).Min(b.ty).Mul(b.st).Add(xl)
	r1 := iy.Add(b.inc).Max(iz).Min(b.ty).Mul(b.st).Add(xl)
	r0.Store((*[4]int32)(o[0][:4]))
	r1.Store((*[4]int32)(o[1][:4]))
	return fy, fx, x0.Sub(xl), x1.Sub(xl), true
}

// sum is fusedBox8's sum for four points.
func (b *fusedBox4) sum(v0, v1, v2, v3, y, x, fy, fx archsimd.Float64x4) archsimd.Float64x4 {
	one := archsimd.BroadcastFloat64x4(1)
	wy0 := one.Sub(y.Sub(fy))
	wy1 := one.Sub(wy0)
	wx0 := one.Sub(x.Sub(fx))
	wx1 := one.Sub(wx0)
	var zero archsimd.Float64x4
	t := zero.Add(v0.Mul(wy0).Mul(wx0))
	t = t.Add(v1.Mul(wy0).Mul(wx1))
	t = t.Add(v2.Mul(wy1).Mul(wx0))
	return t.Add(v3.Mul(wy1).Mul(wx1))
}

// f32Lanes is the first lanes of fusedF32AVX2's points' pairs, a variable
// (see u8Lanes).
var f32Lanes = [4]int32{0, 2, 4, 6}

func fusedF32AVX2(f *fusedSrc, k, n int, row []float32) int {
	if f.lastX < 1 {
		return k
	}
	defer archsimd.ClearAVXUpperBits()
	n = min(n, len(row))
	var b fusedBox4
	n = b.init(f, n)
	lanes := archsimd.LoadInt32x4(&f32Lanes)
	base := f.base
	var o [2][8]int32 // out of the loop: zeroed in it, with legacy-SSE stores
	for ; k+4 <= n; k += 4 {
		y, x := groupAt4(b.kind, b.py, b.px, b.by, b.oy, b.bx, b.ox, k)
		fy, fx, a0, a1, ok := b.group(y, x, &o)
		if !ok {
			break
		}
		p := pack4(pairF32(base, &o[0], 0), pairF32(base, &o[0], 1), pairF32(base, &o[0], 2), pairF32(base, &o[0], 3)).AsFloat32x8()
		q := pack4(pairF32(base, &o[1], 0), pairF32(base, &o[1], 1), pairF32(base, &o[1], 2), pairF32(base, &o[1], 3)).AsFloat32x8()
		var z archsimd.Int32x8
		i0 := z.SetLo(a0.Add(lanes)).AsUint32x8()
		i1 := z.SetLo(a1.Add(lanes)).AsUint32x8()
		v0 := p.Permute(i0).GetLo().ConvertToFloat64()
		v1 := p.Permute(i1).GetLo().ConvertToFloat64()
		v2 := q.Permute(i0).GetLo().ConvertToFloat64()
		v3 := q.Permute(i1).GetLo().ConvertToFloat64()
		b.sum(v0, v1, v2, v3, y, x, fy, fx).ConvertToFloat32().Store((*[4]float32)(row[k : k+4]))
	}
	return k
}

func fusedI16AVX2(f *fusedSrc, k, n int, row []int16) int {
	if f.lastX < 1 {
		return k
	}
	defer archsimd.ClearAVXUpperBits()
	n = min(n, len(row))
	var b fusedBox4
	n = b.init(f, n)
	half, mhalf := archsimd.BroadcastFloat64x4(0.5), archsimd.BroadcastFloat64x4(-0.5)
	var zero archsimd.Float64x4
	base := f.base
	var o [2][8]int32 // out of the loop: zeroed in it, with legacy-SSE stores
	for ; k+4 <= n; k += 4 {
		y, x := groupAt4(b.kind, b.py, b.px, b.by, b.oy, b.bx, b.ox, k)
		fy, fx, a0, a1, ok := b.group(y, x, &o)
		if !ok {
			break
		}
		var z archsimd.Uint64x2
		p := z.SetElem(0, pairsI16(base, &o[0], 0)).SetElem(1, pairsI16(base, &o[0], 2)).AsInt32x4()
		q := z.SetElem(0, pairsI16(base, &o[1], 0)).SetElem(1, pairsI16(base, &o[1], 2)).AsInt32x4()
		// Shift left by 16·(1-a0), by 16·(1-a1).
		d0 := b.inc.Sub(a0).ShiftAllLeft(4)
		d1 := b.inc.Sub(a1).ShiftAllLeft(4)
		v0 := p.ShiftLeft(d0).ShiftAllRight(16).ConvertToFloat64()
		v1 := p.ShiftLeft(d1).ShiftAllRight(16).ConvertToFloat64()
		v2 := q.ShiftLeft(d0).ShiftAllRight(16).ConvertToFloat64()
		v3 := q.ShiftLeft(d1).ShiftAllRight(16).ConvertToFloat64()
		t := b.sum(v0, v1, v2, v3, y, x, fy, fx)
		r := t.Add(half.Merge(mhalf, t.Greater(zero))).ConvertToInt32()
		*(*uint64)(unsafe.Pointer(&row[k])) = r.SaturateToInt16().AsUint64x2().GetElem(0)
	}
	return k
}
