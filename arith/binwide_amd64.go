//go:build goexperiment.simd && amd64

package arith

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX-512 kernels of the image-image ops whose vector code is more
// than a few instructions a vector: float min and max with Go's NaN and
// ±0 rules, 32-bit saturating add and subtract, 8- and 16-bit multiply.
// On rows in cache (a 256² call) their time is their instruction count,
// which 64-byte vectors halve (Real32 max, 1 thread, min of 400 calls:
// 9.7 -> 5.2 us). The other ops are as fast as memory with 32-byte
// vectors, and keep them: from Python at 1024² the 64-byte loop of add
// was not faster (15-30% slower in some runs), as simd_amd64.go found
// for bytes. Same results as the 32-byte kernels (binsimd_amd64.go),
// which TestBinVecMatchesGo compares with the Go loops.

// vecWide is the AVX-512 kernel of op for pixels of e's type, or nil.
func vecWide(e any, op binOp) any {
	if !haveAVX512 {
		return nil
	}
	switch e.(type) {
	case float32:
		sign := archsimd.BroadcastInt32x16(-1 << 31)
		switch op {
		case binMin:
			return func(d, a, b []float32) int {
				if n := minMaxF32Lines(d, a, b, sign, false); n > 0 {
					return n
				}
				return loopF32x16(rowsOf(d, a, b, 16), minF32x16)
			}
		case binMax:
			return func(d, a, b []float32) int {
				if n := minMaxF32Lines(d, a, b, sign, true); n > 0 {
					return n
				}
				return loopF32x16(rowsOf(d, a, b, 16), func(x, y archsimd.Float32x16) archsimd.Float32x16 { return maxF32x16(x, y, sign) })
			}
		}
	case float64:
		sign := archsimd.BroadcastInt64x8(-1 << 63)
		switch op {
		case binMin:
			return func(d, a, b []float64) int { return loopF64x8(rowsOf(d, a, b, 8), minF64x8) }
		case binMax:
			return func(d, a, b []float64) int {
				return loopF64x8(rowsOf(d, a, b, 8), func(x, y archsimd.Float64x8) archsimd.Float64x8 { return maxF64x8(x, y, sign) })
			}
		}
	case int32:
		type v = archsimd.Int32x16
		top := archsimd.BroadcastInt32x16(1<<31 - 1)
		switch op {
		case binAdd:
			return func(d, a, b []int32) int {
				return loopI32x16(rowsOf(d, a, b, 16), func(x, y v) v { s := x.Add(y); return satI32x16(s, x, s.Xor(x).And(s.Xor(y)), top) })
			}
		case binSub:
			return func(d, a, b []int32) int {
				return loopI32x16(rowsOf(d, a, b, 16), func(x, y v) v { s := x.Sub(y); return satI32x16(s, x, x.Xor(y).And(x.Xor(s)), top) })
			}
		}
	case int16:
		if op == binMul { // as vecI16's
			return func(d, a, b []int16) int {
				return loopI16x32(rowsOf(d, a, b, 32), func(x, y archsimd.Int16x32) archsimd.Int16x32 {
					l, h := x.Mul(y), x.MulHigh(y)
					return l.InterleaveLoGrouped(h).AsInt32x16().SaturateToInt16ConcatGrouped(l.InterleaveHiGrouped(h).AsInt32x16())
				})
			}
		}
	case int8:
		if op == binMul { // as vecI8's
			type w = archsimd.Int16x32
			lo, hi, low := archsimd.BroadcastInt16x32(-128), archsimd.BroadcastInt16x32(127), archsimd.BroadcastInt16x32(0xff)
			return func(d, a, b []int8) int {
				return loopI8x64(rowsOf(d, a, b, 64), func(x, y archsimd.Int8x64) archsimd.Int8x64 {
					x16, y16 := x.AsInt16x32(), y.AsInt16x32()
					even := x16.ShiftAllLeft(8).ShiftAllRight(8).Mul(y16.ShiftAllLeft(8).ShiftAllRight(8))
					odd := x16.ShiftAllRight(8).Mul(y16.ShiftAllRight(8))
					even, odd = even.Max(lo).Min(hi), odd.Max(lo).Min(hi)
					return even.And(low).Or(odd.ShiftAllLeft(8)).AsInt8x64()
				})
			}
		}
	}
	return nil
}

// minMaxF32Lines is Real32 min's or max's (isMax) loop for sources that
// do not start on a cache line (numpy's arrays start 16 bytes into one, and the output is
// put on one: pw.Head), where every 64-byte load of loopF32x16 spans two
// lines: it loads each line of a source once, whole, and makes each
// vector of the source from two lines (VPERMI2PS), the first and last
// vectors by plain loads (so that no load leaves the rows). Forwards only:
// whole-line loads did not wait on the stores either way. It returns the
// pixels done, 0 (nothing done) when both sources start on a line or the
// row is under three vectors. Go, 256², a system call before each call,
// min/median of 1500: max at the bench's addresses (sources 32 and 48
// bytes into a line) 6.98/7.05 -> 6.31/6.40 us, min 6.98/7.04 ->
// 6.30/6.42; both 16 bytes in, max 7.05/7.12 -> 6.34/6.44 (on lines, the
// plain loop: 5.87/5.98).
func minMaxF32Lines(d, a, b []float32, sign archsimd.Int32x16, isMax bool) int {
	nv := len(d) / 16
	ka, kb := lineOffset(unsafe.Pointer(unsafe.SliceData(a))), lineOffset(unsafe.Pointer(unsafe.SliceData(b)))
	if nv < 3 || ka == 0 && kb == 0 || ka%4 != 0 || kb%4 != 0 {
		return 0
	}
	a, b = a[:nv*16], b[:nv*16]
	ia, ib := shiftIndex(ka/4), shiftIndex(kb/4)
	// la and lb are the sources' first whole lines: vector j of a spans
	// the lines at la + 64(j-1) and la + 64j, from ka bytes into the first.
	la, lb := unsafe.Pointer(&a[(64-ka)/4]), unsafe.Pointer(&b[(64-kb)/4])
	dp := unsafe.Pointer(&d[0])
	type v = archsimd.Float32x16
	load := func(p unsafe.Pointer, off int) v { return archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(p, off))) }
	minMaxF32x16(load(unsafe.Pointer(&a[0]), 0), load(unsafe.Pointer(&b[0]), 0), sign, isMax).Store((*[16]float32)(dp))
	pa, pb := load(la, 0), load(lb, 0)
	end := (nv - 1) * 64
	if isMax { // two loops: a branch a vector cost max 2%
		for off := 64; off < end; off += 64 {
			na, nb := load(la, off), load(lb, off)
			maxF32x16(pa.ConcatPermute(na, ia), pb.ConcatPermute(nb, ib), sign).Store((*[16]float32)(unsafe.Add(dp, off)))
			pa, pb = na, nb
		}
	} else {
		for off := 64; off < end; off += 64 {
			na, nb := load(la, off), load(lb, off)
			minF32x16(pa.ConcatPermute(na, ia), pb.ConcatPermute(nb, ib)).Store((*[16]float32)(unsafe.Add(dp, off)))
			pa, pb = na, nb
		}
	}
	minMaxF32x16(load(unsafe.Pointer(&a[0]), end), load(unsafe.Pointer(&b[0]), end), sign, isMax).Store((*[16]float32)(unsafe.Add(dp, end)))
	return nv * 16
}

// minMaxF32x16 is maxF32x16 or minF32x16 (a branch the CPU predicts).
func minMaxF32x16(x, y archsimd.Float32x16, sign archsimd.Int32x16, isMax bool) archsimd.Float32x16 {
	if isMax {
		return maxF32x16(x, y, sign)
	}
	return minF32x16(x, y)
}

// lineOffset is p's offset in its 64-byte cache line.
func lineOffset(p unsafe.Pointer) int { return int(uintptr(p) % 64) }

// shiftIndex is the ConcatPermute indices of the 16 32-bit lanes from
// lane k of two vectors put end to end.
func shiftIndex(k int) archsimd.Uint32x16 {
	var t [16]uint32
	for j := range t {
		t[j] = uint32(k + j)
	}
	return archsimd.LoadUint32x16(&t)
}

// The 64-byte loops, as the 32-byte ones (forwards or backwards).

func loopF32x16(r bulk, f func(x, y archsimd.Float32x16) archsimd.Float32x16) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 64^m-m; i != r.n; i += s {
		f(archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(r.a, i))), archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(r.b, i)))).Store((*[16]float32)(unsafe.Add(r.d, i)))
	}
	return (r.n ^ m - m) / 4
}

func loopF64x8(r bulk, f func(x, y archsimd.Float64x8) archsimd.Float64x8) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 64^m-m; i != r.n; i += s {
		f(archsimd.LoadFloat64x8((*[8]float64)(unsafe.Add(r.a, i))), archsimd.LoadFloat64x8((*[8]float64)(unsafe.Add(r.b, i)))).Store((*[8]float64)(unsafe.Add(r.d, i)))
	}
	return (r.n ^ m - m) / 8
}

func loopI32x16(r bulk, f func(x, y archsimd.Int32x16) archsimd.Int32x16) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 64^m-m; i != r.n; i += s {
		f(archsimd.LoadInt32x16((*[16]int32)(unsafe.Add(r.a, i))), archsimd.LoadInt32x16((*[16]int32)(unsafe.Add(r.b, i)))).Store((*[16]int32)(unsafe.Add(r.d, i)))
	}
	return (r.n ^ m - m) / 4
}

func loopI16x32(r bulk, f func(x, y archsimd.Int16x32) archsimd.Int16x32) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 64^m-m; i != r.n; i += s {
		f(archsimd.LoadInt16x32((*[32]int16)(unsafe.Add(r.a, i))), archsimd.LoadInt16x32((*[32]int16)(unsafe.Add(r.b, i)))).Store((*[32]int16)(unsafe.Add(r.d, i)))
	}
	return (r.n ^ m - m) / 2
}

func loopI8x64(r bulk, f func(x, y archsimd.Int8x64) archsimd.Int8x64) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 64^m-m; i != r.n; i += s {
		f(archsimd.LoadInt8x64((*[64]int8)(unsafe.Add(r.a, i))), archsimd.LoadInt8x64((*[64]int8)(unsafe.Add(r.b, i)))).Store((*[64]int8)(unsafe.Add(r.d, i)))
	}
	return r.n ^ m - m
}

// minF32x16 ... satI32x16 are minF32 ... satI32 in 64-byte vectors,
// but for max, which is the same function in fewer instructions.

func minF32x16(x, y archsimd.Float32x16) archsimd.Float32x16 {
	m := x.Merge(y, x.Less(y))
	return m.Merge(x, m.Less(x)).AsUint32x16().Or(m.AsUint32x16()).AsFloat32x16()
}

// maxF32x16 is Go's max, -min(-x, -y), without the negations: min's
// steps on -x and -y compare as x > y, so they pick the negations of m =
// (x > y ? x : y) and m2 = (m > x ? m : x), and min's m | m2 negated
// is m | m2 with the sign bit m's AND m2's (the two differ only where x
// and y are equal or unordered). That last is one three-input logical
// instruction (VPTERNLOGD: the compiler fuses the Or, Xor and And of
// signed lanes where AVX-512 is known), five instructions a vector
// against eight (256², 1 thread, a system call before each call, min of
// 1500: 7.56 -> 6.98 us at the bench's addresses, 6.44 -> 5.89 aligned).
func maxF32x16(x, y archsimd.Float32x16, sign archsimd.Int32x16) archsimd.Float32x16 {
	m := x.Merge(y, x.Greater(y))
	a, b := m.AsInt32x16(), m.Merge(x, m.Greater(x)).AsInt32x16()
	return a.Or(b).Xor(a.Xor(b).And(sign)).AsFloat32x16()
}

func minF64x8(x, y archsimd.Float64x8) archsimd.Float64x8 {
	m := x.Merge(y, x.Less(y))
	return m.Merge(x, m.Less(x)).AsUint64x8().Or(m.AsUint64x8()).AsFloat64x8()
}

func maxF64x8(x, y archsimd.Float64x8, sign archsimd.Int64x8) archsimd.Float64x8 {
	m := x.Merge(y, x.Greater(y))
	a, b := m.AsInt64x8(), m.Merge(x, m.Greater(x)).AsInt64x8()
	return a.Or(b).Xor(a.Xor(b).And(sign)).AsFloat64x8()
}

func satI32x16(s, x, ovf, top archsimd.Int32x16) archsimd.Int32x16 {
	m := ovf.ShiftAllRight(31)
	return s.Xor(s.Xor(x.ShiftAllRight(31).Xor(top)).And(m))
}
