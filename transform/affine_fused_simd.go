//go:build goexperiment.simd && amd64

package transform

import (
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
)

// The fused AVX-512 path of an order-1 row segment on a uint8 or uint16
// plane into an output of the same type: eight output points at a time
// go from their coordinates to stored samples in one loop (coordinates,
// floors, clamped taps, weights, the weighted sum, rounding and
// saturation), so nothing is written to scratch between stages; only the
// taps are read one point at a time (archsimd has no gather). Every
// operation on float64 is lin2Go's and storeRow's, in their order and
// without fused multiply-adds (but for two that cannot change a sum that
// is never negative: its first addition to 0, and the rounding's tests of
// its sign), so the samples are the same bit for bit.

// fusedAVX512 and fusedAVX2 say which kernels run (pickKernels sets
// them): every type's on AVX-512, float32's and int16's on AVX2.
var fusedAVX512, fusedAVX2 bool

// fusedTakes says whether a kernel of this tier takes samples of type P.
func fusedTakes[P fusedPixel]() bool {
	var z P
	switch any(z).(type) {
	case float32, int16:
		return fusedAVX512 || fusedAVX2
	}
	return fusedAVX512
}

// fusedGroup is the number of points of the kernels' groups: 8 on
// AVX-512, 4 on AVX2.
func fusedGroup() int {
	if fusedAVX512 {
		return 8
	}
	return 4
}

// The kinds of coordinates of a fusedSrc, as groupAt reads them.
const (
	srcAffine = iota // (by + colY[k]) + oy, (bx + colX[k]) + ox
	srcF32           // float32 slices
	srcHalves        // float32 slices read 16 bytes at a time
	srcF64           // float64 slices
)

// source is where f's points come from, taken before the kernels'
// loops: the kind of coordinates, the y and x slices' first values, and n
// cut to the slices. Read from f in the loop, they were reloaded and
// their slices bounds-checked at every group (a store into the output row
// might change f, for all the compiler knows).
func (f *fusedSrc) source(n int) (kind int, py, px unsafe.Pointer, m int) {
	switch {
	case f.affine:
		return srcAffine, unsafe.Pointer(unsafe.SliceData(f.colY)), unsafe.Pointer(unsafe.SliceData(f.colX)), min(n, len(f.colY), len(f.colX))
	case f.cy32 != nil:
		kind = srcF32
		if f.halves {
			kind = srcHalves
		}
		return kind, unsafe.Pointer(unsafe.SliceData(f.cy32)), unsafe.Pointer(unsafe.SliceData(f.cx32)), min(n, len(f.cy32), len(f.cx32))
	}
	return srcF64, unsafe.Pointer(unsafe.SliceData(f.cy)), unsafe.Pointer(unsafe.SliceData(f.cx)), min(n, len(f.cy), len(f.cx))
}

// groupSource is what groupAt reads of f: source's, and the affine row's
// sums.
func (f *fusedSrc) groupSource(n int) (kind int, py, px unsafe.Pointer, by, oy, bx, ox archsimd.Float64x8, m int) {
	kind, py, px, n = f.source(n)
	by, oy = archsimd.BroadcastFloat64x8(f.by), archsimd.BroadcastFloat64x8(f.oy)
	bx, ox = archsimd.BroadcastFloat64x8(f.bx), archsimd.BroadcastFloat64x8(f.ox)
	return kind, py, px, by, oy, bx, ox, n
}

// groupAt is the group of eight points at k of groupSource's coordinates.
func groupAt(kind int, py, px unsafe.Pointer, by, oy, bx, ox archsimd.Float64x8, k int) (y, x archsimd.Float64x8) {
	switch kind {
	case srcAffine:
		return by.Add(load64(py, k)).Add(oy), bx.Add(load64(px, k)).Add(ox)
	case srcF32: // float32 to float64 is exact
		return load32(py, k).ConvertToFloat64(), load32(px, k).ConvertToFloat64()
	case srcHalves:
		return load32Halves(py, k).ConvertToFloat64(), load32Halves(px, k).ConvertToFloat64()
	}
	return load64(py, k), load64(px, k)
}

// load64 and load32 are the eight values from value k of p.
func load64(p unsafe.Pointer, k int) archsimd.Float64x8 {
	return archsimd.LoadFloat64x8((*[8]float64)(unsafe.Add(p, 8*k)))
}

func load32(p unsafe.Pointer, k int) archsimd.Float32x8 {
	return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(p, 4*k)))
}

// load32Halves is load32 as two 16-byte loads. Rows
// of float32 coordinates that are not 32-byte aligned (a numpy array that
// malloc placed 16 bytes into a page) make every other 32-byte load cross
// a cache line: 29% more CPU for the harness's map_coordinates row (and
// as much at offsets of 1, 2 or 4 values, none at 8, 16 or 1024), where
// 16-byte loads at 16-byte aligned addresses never cross one.
func load32Halves(p unsafe.Pointer, k int) archsimd.Float32x8 {
	var z archsimd.Float32x8
	return z.SetLo(archsimd.LoadFloat32x4((*[4]float32)(unsafe.Add(p, 4*k)))).SetHi(archsimd.LoadFloat32x4((*[4]float32)(unsafe.Add(p, 4*k+16))))
}

// fusedOK says whether the fused path takes plane p: a kernel of its
// type on this tier, a positive stride, fewer than 2^31 samples and
// memory for every row (the unchecked loads rely on it).
func fusedOK[P fusedPixel](p *gips.Plane[P]) bool {
	return fusedTakes[P]() && p != nil && p.Stride > 0 && len(p.Pix) < 1<<31-1 && planeHolds(p)
}

// u8Lanes is the bytes of fusedU8's clamped groups' shuffle, a variable:
// a composite literal was built on the stack at every call in four 8-byte
// stores, which the 32-byte load of the vector waited for (a failed store
// forward, 5% of the kernel's samples).
var u8Lanes = [8]int32{0x02020000, 0x06060404, 0x0a0a0808, 0x0e0e0c0c, 0x02020000, 0x06060404, 0x0a0a0808, 0x0e0e0c0c}

// fusedU8 stores the samples of f's walk (see fusedSrc) from the group
// at column k of row r on, a group of eight points of a row at a time:
// across a strip of f.strip columns (from a multiple of it, but for the
// columns of the group it starts from), down the rows, then the next
// strip, while every point of a group is in f's box and a whole group is
// left before column n. It stops at the first group with a point outside
// the box and says where (k, r, false), or says it took them all.
func fusedU8(f *fusedSrc, k, r, n int) (int, int, bool) {
	defer archsimd.ClearAVXUpperBits()
	// The box and the coordinates' sums through b, as in the wide
	// kernels: taken here (groupSource inlined), the sums went through
	// the stack in legacy-SSE moves at every call, a call a tile row,
	// which stalled for 45% of the kernel's samples (rotate30 uint8).
	var b fusedBox8
	n = b.init(f, n)
	one := archsimd.BroadcastFloat64x8(1)
	half, top := archsimd.BroadcastFloat64x8(0.5), archsimd.BroadcastFloat64x8(255)
	var iz archsimd.Int32x8
	ty1 := archsimd.BroadcastInt32x8(f.lastY - 1)
	m8 := archsimd.BroadcastUint32x8(0xff)
	// A clamped group's shuffle: point p's taps are bytes 4p+a, 4p+b,
	// 4p+2+a and 4p+2+b of the pairs, where a = x0-xl and b = x1-xl, in
	// its half of the vector.
	pairs := f.lastX >= 1
	pick0, pick1 := archsimd.BroadcastInt32x8(0x00010001), archsimd.BroadcastInt32x8(0x01000100)
	lanes := archsimd.LoadInt32x8(&u8Lanes)
	base, s := f.base, f.stride
	out, ostride, rows := f.out, f.outStride, f.rows
	// The rows' bases: a vector load and a broadcast (VEX), where a
	// float64 read from memory and broadcast is a legacy-SSE MOVSD.
	pby, pbx := unsafe.Pointer(&f.bases[0]), unsafe.Pointer(&f.bases[1])
	// The offsets' scratch, out of the loop: declared in it, it was
	// zeroed at every group with legacy-SSE stores.
	var o [4][8]int32
	w := f.strip
	for c := k - k%w; c+8 <= n; c, k, r = c+w, c+w, 0 {
		e := min(c+w, n)
		for ; r < rows; r, k = r+1, c {
			by := archsimd.LoadFloat64x2((*[2]float64)(unsafe.Add(pby, 8*r))).Broadcast1To8()
			bx := archsimd.LoadFloat64x2((*[2]float64)(unsafe.Add(pbx, 8*r))).Broadcast1To8()
			for ; k+8 <= e; k += 8 {
				y, x := groupAt(b.kind, b.py, b.px, by, b.oy, bx, b.ox, k)
				fy, fx := y.FloorScaled(0), x.FloorScaled(0)
				iy, ix := fy.ConvertToInt32(), fx.ConvertToInt32()
				var v archsimd.Uint32x8
				// An interior group (every 0 <= iy < lastY and 0 <= ix < lastX:
				// neither iy nor lastY-1-iy negative, nor the same of ix) is
				// inside any box and clamps no tap; NaN and values past int32
				// convert to -2^31, which is not interior.
				if iy.Or(ty1.Sub(iy)).Or(ix).Or(b.tx1.Sub(ix)).Less(iz).ToBits() == 0 {
					// Taps side by side: two 16-bit loads a point (x0 in the low
					// byte), inside the plane. The offsets leave through memory
					// (a vector store forwards to the scalar loads after it, with
					// fewer instructions than extracting them), the samples enter
					// the vectors through registers: a vector load of samples
					// just stored one by one would wait for the stores.
					o00 := iy.Mul(b.st).Add(ix)
					o00.Store(&o[0])
					u := o00.AsUint64x4()
					l, h := u.GetLo(), u.GetHi()
					l = l.SetElem(0, taps8(base, &o[0], 0, s)).SetElem(1, taps8(base, &o[0], 2, s))
					h = h.SetElem(0, taps8(base, &o[0], 4, s)).SetElem(1, taps8(base, &o[0], 6, s))
					v = u.SetLo(l).SetHi(h).AsUint32x8()
				} else {
					if y.GreaterEqual(b.ly).And(y.Less(b.hy)).And(x.GreaterEqual(b.lx)).And(x.Less(b.hx)).ToBits() != 0xff {
						return k, r, false
					}
					// Taps clamped into the plane (mode Nearest at the edge), or
					// a point on the last row or column. Each row's taps are in
					// the pair of samples from column xl, the nearest to ix in the
					// row: rows y0 and y1 give two 16-bit loads a point, as inside
					// (the offsets through memory), and one shuffle takes a
					// point's taps from its pairs, byte x0-xl and x1-xl (0 or 1)
					// of each. A rotation's corners are a sixth of its points.
					y0, y1 := iy.Max(iz).Min(b.ty), iy.Add(b.inc).Max(iz).Min(b.ty)
					x0, x1 := ix.Max(iz).Min(b.tx), ix.Add(b.inc).Max(iz).Min(b.tx)
					if pairs {
						xl := ix.Max(iz).Min(b.tx1)
						y0.Mul(b.st).Add(xl).Store(&o[0])
						y1.Mul(b.st).Add(xl).Store(&o[1])
						u := xl.AsUint64x4()
						l, h := u.GetLo(), u.GetHi()
						o2 := (*[2][8]int32)(o[:2])
						l = l.SetElem(0, pairs8(base, o2, 0)).SetElem(1, pairs8(base, o2, 2))
						h = h.SetElem(0, pairs8(base, o2, 4)).SetElem(1, pairs8(base, o2, 6))
						i := x0.Sub(xl).Mul(pick0).Add(x1.Sub(xl).Mul(pick1)).Add(lanes)
						v = u.SetLo(l).SetHi(h).AsUint8x32().PermuteOrZeroGrouped(i.AsInt8x32()).AsUint32x8()
					} else {
						// A plane one sample wide: one load a tap. The offsets
						// leave through memory (a vector store forwards to the
						// scalar loads after it), which keeps the loop free of
						// calls and so of spilled vectors.
						r0 := y0.Mul(b.st)
						clampedOffsets(&o, r0, y1.Mul(b.st), x0, x1)
						u := r0.Add(x0).AsUint64x4()
						l, h := u.GetLo(), u.GetHi()
						l = l.SetElem(0, tapsApart8(base, &o, 0)|tapsApart8(base, &o, 1)<<32).SetElem(1, tapsApart8(base, &o, 2)|tapsApart8(base, &o, 3)<<32)
						h = h.SetElem(0, tapsApart8(base, &o, 4)|tapsApart8(base, &o, 5)<<32).SetElem(1, tapsApart8(base, &o, 6)|tapsApart8(base, &o, 7)<<32)
						v = u.SetLo(l).SetHi(h).AsUint32x8()
					}
				}
				wy0 := one.Sub(y.Sub(fy))
				wy1 := one.Sub(wy0)
				wx0 := one.Sub(x.Sub(fx))
				wx1 := one.Sub(wx0)
				// Arithmetic shifts and a mask: Go 1.26 has no immediate form of
				// the logical ones and loads their count with a legacy-SSE MOVQ
				// (see fusedBox8), which made these lines most of the loop's time.
				vi, mi := v.AsInt32x8(), m8.AsInt32x8()
				v0 := vi.And(mi).ConvertToFloat64()
				v1 := vi.ShiftAllRight(8).And(mi).ConvertToFloat64()
				v2 := vi.ShiftAllRight(16).And(mi).ConvertToFloat64()
				v3 := vi.ShiftAllRight(24).And(mi).ConvertToFloat64()
				t := v0.Mul(wy0).Mul(wx0) // lin2Go adds it to 0: t >= +0, so the same
				t = t.Add(v1.Mul(wy0).Mul(wx1))
				t = t.Add(v2.Mul(wy1).Mul(wx0))
				t = t.Add(v3.Mul(wy1).Mul(wx1))
				// storeRow's rule: t+0.5 truncated inside (0, 255), 0 at or
				// below 0, 255 at or above. Samples and weights are >= 0, so
				// t >= +0 (never NaN) and that is t+0.5 capped at 255, truncated.
				q := t.Add(half).Min(top).ConvertToInt32()
				*(*uint64)(unsafe.Add(out, r*ostride+k)) = q.AsUint32x8().TruncateToUint8().AsUint64x2().GetElem(0)
			}
		}
	}
	return k, r, true
}

// fusedU16 is fusedU8 for uint16 samples: a point's upper taps are one
// 32-bit load, its lower ones another.
func fusedU16(f *fusedSrc, k, n int, row []uint16) int {
	defer archsimd.ClearAVXUpperBits()
	n = min(n, len(row))
	ly, hy := archsimd.BroadcastFloat64x8(f.loY), archsimd.BroadcastFloat64x8(f.hiY)
	lx, hx := archsimd.BroadcastFloat64x8(f.loX), archsimd.BroadcastFloat64x8(f.hiX)
	one := archsimd.BroadcastFloat64x8(1)
	half, top := archsimd.BroadcastFloat64x8(0.5), archsimd.BroadcastFloat64x8(65535)
	var iz archsimd.Int32x8
	inc := archsimd.BroadcastInt32x8(1)
	ty, tx, st := archsimd.BroadcastInt32x8(f.lastY), archsimd.BroadcastInt32x8(f.lastX), archsimd.BroadcastInt32x8(int32(f.stride))
	m16 := archsimd.BroadcastUint32x8(0xffff)
	base, s := f.base, 2*f.stride
	kind, py, px, by, oy, bx, ox, n := f.groupSource(n)
	for ; k+8 <= n; k += 8 {
		y, x := groupAt(kind, py, px, by, oy, bx, ox, k)
		if y.GreaterEqual(ly).And(y.Less(hy)).And(x.GreaterEqual(lx)).And(x.Less(hx)).ToBits() != 0xff {
			break
		}
		fy, fx := y.FloorScaled(0), x.FloorScaled(0)
		iy, ix := fy.ConvertToInt32(), fx.ConvertToInt32()
		y0, y1 := iy.Max(iz).Min(ty), iy.Add(inc).Max(iz).Min(ty)
		x0, x1 := ix.Max(iz).Min(tx), ix.Add(inc).Max(iz).Min(tx)
		r0 := y0.Mul(st)
		o00 := r0.Add(x0)
		var a, b archsimd.Uint32x8
		if y1.Sub(y0).Equal(inc).And(x1.Sub(x0).Equal(inc)).ToBits() == 0xff {
			// A point's upper and lower pairs are 32-bit loads (through
			// registers, as in fusedU8).
			u := o00.AsUint64x4()
			l, h := u.GetLo(), u.GetHi()
			l0, l1 := taps16(base, l.GetElem(0), s)
			l2, l3 := taps16(base, l.GetElem(1), s)
			h0, h1 := taps16(base, h.GetElem(0), s)
			h2, h3 := taps16(base, h.GetElem(1), s)
			a = u.SetLo(l.SetElem(0, l0).SetElem(1, l2)).SetHi(h.SetElem(0, h0).SetElem(1, h2)).AsUint32x8()
			b = u.SetLo(l.SetElem(0, l1).SetElem(1, l3)).SetHi(h.SetElem(0, h1).SetElem(1, h3)).AsUint32x8()
		} else {
			// Clamped taps, one load a tap (as in fusedU8).
			var o [4][8]int32
			clampedOffsets(&o, r0, y1.Mul(st), x0, x1)
			u := o00.AsUint64x4()
			l, h := u.GetLo(), u.GetHi()
			a = u.SetLo(l.SetElem(0, tapsApart16(base, &o[0], &o[1], 0)).SetElem(1, tapsApart16(base, &o[0], &o[1], 2))).
				SetHi(h.SetElem(0, tapsApart16(base, &o[0], &o[1], 4)).SetElem(1, tapsApart16(base, &o[0], &o[1], 6))).AsUint32x8()
			b = u.SetLo(l.SetElem(0, tapsApart16(base, &o[2], &o[3], 0)).SetElem(1, tapsApart16(base, &o[2], &o[3], 2))).
				SetHi(h.SetElem(0, tapsApart16(base, &o[2], &o[3], 4)).SetElem(1, tapsApart16(base, &o[2], &o[3], 6))).AsUint32x8()
		}
		wy0 := one.Sub(y.Sub(fy))
		wy1 := one.Sub(wy0)
		wx0 := one.Sub(x.Sub(fx))
		wx1 := one.Sub(wx0)
		// fusedU8's arithmetic shifts and masks.
		ai, bi, mi := a.AsInt32x8(), b.AsInt32x8(), m16.AsInt32x8()
		v0 := ai.And(mi).ConvertToFloat64()
		v1 := ai.ShiftAllRight(16).And(mi).ConvertToFloat64()
		v2 := bi.And(mi).ConvertToFloat64()
		v3 := bi.ShiftAllRight(16).And(mi).ConvertToFloat64()
		t := v0.Mul(wy0).Mul(wx0) // lin2Go adds it to 0: t >= +0, so the same
		t = t.Add(v1.Mul(wy0).Mul(wx1))
		t = t.Add(v2.Mul(wy1).Mul(wx0))
		t = t.Add(v3.Mul(wy1).Mul(wx1))
		r := t.Add(half).Min(top).ConvertToInt32() // fusedU8's rounding
		r.AsUint32x8().TruncateToUint16().StoreSlice(row[k:])
	}
	return k
}

// taps8 is the samples of points p and p+1, whose taps are side by side
// at offsets o[p] and o[p+1] (rows s apart), packed as fusedU8 uses them:
// point p in the low half, x0 in the low byte.
func taps8(base unsafe.Pointer, o *[8]int32, p int, s int) uint64 {
	a, b := unsafe.Add(base, o[p]), unsafe.Add(base, o[p+1])
	return uint64(*(*uint16)(a)) | uint64(*(*uint16)(unsafe.Add(a, s)))<<16 |
		uint64(*(*uint16)(b))<<32 | uint64(*(*uint16)(unsafe.Add(b, s)))<<48
}

// pairs8 is the pairs of samples of points p and p+1 at offsets o[0]
// (row y0) and o[1] (row y1), packed as taps8 packs them.
func pairs8(base unsafe.Pointer, o *[2][8]int32, p int) uint64 {
	return uint64(*(*uint16)(unsafe.Add(base, o[0][p]))) | uint64(*(*uint16)(unsafe.Add(base, o[1][p])))<<16 |
		uint64(*(*uint16)(unsafe.Add(base, o[0][p+1])))<<32 | uint64(*(*uint16)(unsafe.Add(base, o[1][p+1])))<<48
}

// taps16 is taps8 for uint16 samples (s in bytes): the two points' upper
// pairs, and their lower pairs.
func taps16(base unsafe.Pointer, u uint64, s int) (upper, lower uint64) {
	p, q := unsafe.Add(base, 2*int(int32(u))), unsafe.Add(base, 2*int(int32(u>>32)))
	upper = uint64(*(*uint32)(p)) | uint64(*(*uint32)(q))<<32
	lower = uint64(*(*uint32)(unsafe.Add(p, s))) | uint64(*(*uint32)(unsafe.Add(q, s)))<<32
	return upper, lower
}

// tapsApart8 is the four uint8 taps of point p whose offsets are in o
// ((y0, x0), (y0, x1), (y1, x0), (y1, x1)), packed as lin2U8 packs them.
func tapsApart8(base unsafe.Pointer, o *[4][8]int32, p int) uint64 {
	return uint64(*(*uint8)(unsafe.Add(base, o[0][p]))) | uint64(*(*uint8)(unsafe.Add(base, o[1][p])))<<8 |
		uint64(*(*uint8)(unsafe.Add(base, o[2][p])))<<16 | uint64(*(*uint8)(unsafe.Add(base, o[3][p])))<<24
}

// clampedOffsets sets o to the offsets of a group's taps (y0, x0), (y0,
// x1), (y1, x0) and (y1, x1), given the offsets r0 and r1 of rows y0 and
// y1.
func clampedOffsets(o *[4][8]int32, r0, r1, x0, x1 archsimd.Int32x8) {
	r0.Add(x0).Store(&o[0])
	r0.Add(x1).Store(&o[1])
	r1.Add(x0).Store(&o[2])
	r1.Add(x1).Store(&o[3])
}

// tapsApart16 is taps16's upper (or lower) pairs for taps that may not be
// side by side: the uint16 samples of points p and p+1 at the offsets (in
// samples) in a and b, packed as lin2U16 packs them.
func tapsApart16(base unsafe.Pointer, a, b *[8]int32, p int) uint64 {
	return sample16(base, a[p]) | sample16(base, b[p])<<16 | sample16(base, a[p+1])<<32 | sample16(base, b[p+1])<<48
}

// sample16 is the uint16 sample at offset o (in samples).
func sample16(base unsafe.Pointer, o int32) uint64 {
	return uint64(*(*uint16)(unsafe.Add(base, 2*int(o))))
}

// fusedAvailable says whether the fused kernels run (for tests).
func fusedAvailable() bool { return fusedAVX512 || fusedAVX2 }
