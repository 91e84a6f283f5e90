//go:build goexperiment.simd && amd64

package morpho

import (
	"simd/archsimd"
	"unsafe"
)

// reduceAVX2 is the AVX2 kernel of reduceWide (reduce.go): out[i] = the
// minimum (maximum when hi) of the k rows at ps[:k] (and of out itself
// when withOut) over the leading bytes of lanes lk (n &^ 31 for unsigned
// 8- and 16-bit lanes, 128 bytes a step, n &^ 63 for the others, 64 a
// step) so that the pointers are walked once per four (two) vectors; it
// returns the bytes done. Every row holds n bytes.
func reduceAVX2(lk laneKind, hi, withOut bool, out unsafe.Pointer, n int, ps *[reduceChunk]unsafe.Pointer, k int) int {
	if !useReduceSIMD || !archsimd.X86.AVX2() || n < 32 || k < 1 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	rows := ps[:k]
	switch lk {
	case kU8:
		if reduce512 && n >= 64 {
			return reduce8w(hi, withOut, out, n, rows)
		}
		return reduce8(hi, withOut, out, n, rows)
	case kU16:
		return reduce16(hi, withOut, out, n, rows)
	}
	base, src := out, rows
	if !withOut {
		base, src = rows[0], rows[1:]
	}
	switch lk {
	case kI8:
		return reduceI8(hi, out, base, n, src)
	case kI16:
		return reduceI16(hi, out, base, n, src)
	case kI32:
		return reduceI32(hi, out, base, n, src)
	case kU32:
		return reduceU32(hi, out, base, n, src)
	case kF32:
		return reduceF32(hi, out, base, n, src)
	case kF64:
		return reduceF64(hi, out, base, n, src)
	}
	return 0
}

// reduceI8, reduceI16, reduceI32 and reduceU32 set out to the extreme of
// base and src over the leading n &^ 63 bytes, two vectors a step (two
// chains in flight; the rest, under 64 bytes, is the caller's). One
// function per lane type, the same lines: Go's generics take no vector
// type argument (the compiler cannot pass one in registers; see arith's
// binsimd_amd64.go).

func reduceI8(hi bool, out, base unsafe.Pointer, n int, src []unsafe.Pointer) int {
	ld := func(p unsafe.Pointer, i int) archsimd.Int8x32 {
		return archsimd.LoadInt8x32((*[32]int8)(unsafe.Add(p, i)))
	}
	i := 0
	for ; i+64 <= n; i += 64 {
		a, b := ld(base, i), ld(base, i+32)
		if hi {
			for _, p := range src {
				a, b = a.Max(ld(p, i)), b.Max(ld(p, i+32))
			}
		} else {
			for _, p := range src {
				a, b = a.Min(ld(p, i)), b.Min(ld(p, i+32))
			}
		}
		a.Store((*[32]int8)(unsafe.Add(out, i)))
		b.Store((*[32]int8)(unsafe.Add(out, i+32)))
	}
	return i
}

func reduceI16(hi bool, out, base unsafe.Pointer, n int, src []unsafe.Pointer) int {
	ld := func(p unsafe.Pointer, i int) archsimd.Int16x16 {
		return archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(p, i)))
	}
	i := 0
	for ; i+64 <= n; i += 64 {
		a, b := ld(base, i), ld(base, i+32)
		if hi {
			for _, p := range src {
				a, b = a.Max(ld(p, i)), b.Max(ld(p, i+32))
			}
		} else {
			for _, p := range src {
				a, b = a.Min(ld(p, i)), b.Min(ld(p, i+32))
			}
		}
		a.Store((*[16]int16)(unsafe.Add(out, i)))
		b.Store((*[16]int16)(unsafe.Add(out, i+32)))
	}
	return i
}

func reduceI32(hi bool, out, base unsafe.Pointer, n int, src []unsafe.Pointer) int {
	ld := func(p unsafe.Pointer, i int) archsimd.Int32x8 {
		return archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(p, i)))
	}
	i := 0
	for ; i+64 <= n; i += 64 {
		a, b := ld(base, i), ld(base, i+32)
		if hi {
			for _, p := range src {
				a, b = a.Max(ld(p, i)), b.Max(ld(p, i+32))
			}
		} else {
			for _, p := range src {
				a, b = a.Min(ld(p, i)), b.Min(ld(p, i+32))
			}
		}
		a.Store((*[8]int32)(unsafe.Add(out, i)))
		b.Store((*[8]int32)(unsafe.Add(out, i+32)))
	}
	return i
}

func reduceU32(hi bool, out, base unsafe.Pointer, n int, src []unsafe.Pointer) int {
	ld := func(p unsafe.Pointer, i int) archsimd.Uint32x8 {
		return archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(p, i)))
	}
	i := 0
	for ; i+64 <= n; i += 64 {
		a, b := ld(base, i), ld(base, i+32)
		if hi {
			for _, p := range src {
				a, b = a.Max(ld(p, i)), b.Max(ld(p, i+32))
			}
		} else {
			for _, p := range src {
				a, b = a.Min(ld(p, i)), b.Min(ld(p, i+32))
			}
		}
		a.Store((*[8]uint32)(unsafe.Add(out, i)))
		b.Store((*[8]uint32)(unsafe.Add(out, i+32)))
	}
	return i
}

// reduceF32 and reduceF64 are Go's float min and max bit for bit, as the
// compiler makes them on amd64 (cmd/compile's AMD64.rules: t = MINSS x,
// y; t | MINSS t, x), which comes to x if x < y, y if y < x, else x | y
// (ties, ±0, NaNs): compares and blends here, as the compiler takes the
// vector MIN as commutative and may swap its operands. Max is -min(-x,
// -y), as the compiler makes it, the accumulator kept negated between
// rows (the two negations cancel bit for bit).

func fmin32(x, y archsimd.Float32x8) archsimd.Float32x8 {
	o := x.AsUint32x8().Or(y.AsUint32x8()).AsFloat32x8()
	return x.Merge(y.Merge(o, y.Less(x)), x.Less(y))
}

func fmin64(x, y archsimd.Float64x4) archsimd.Float64x4 {
	o := x.AsUint64x4().Or(y.AsUint64x4()).AsFloat64x4()
	return x.Merge(y.Merge(o, y.Less(x)), x.Less(y))
}

func reduceF32(hi bool, out, base unsafe.Pointer, n int, src []unsafe.Pointer) int {
	var sign archsimd.Uint32x8 // 0 for min; negations for max
	if hi {
		sign = archsimd.BroadcastUint32x8(1 << 31)
	}
	ld := func(p unsafe.Pointer, i int) archsimd.Float32x8 {
		v := archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(p, i)))
		return v.AsUint32x8().Xor(sign).AsFloat32x8()
	}
	i := 0
	for ; i+64 <= n; i += 64 {
		a, b := ld(base, i), ld(base, i+32)
		for _, p := range src {
			a, b = fmin32(a, ld(p, i)), fmin32(b, ld(p, i+32))
		}
		a.AsUint32x8().Xor(sign).Store((*[8]uint32)(unsafe.Add(out, i)))
		b.AsUint32x8().Xor(sign).Store((*[8]uint32)(unsafe.Add(out, i+32)))
	}
	return i
}

func reduceF64(hi bool, out, base unsafe.Pointer, n int, src []unsafe.Pointer) int {
	var sign archsimd.Uint64x4
	if hi {
		sign = archsimd.BroadcastUint64x4(1 << 63)
	}
	ld := func(p unsafe.Pointer, i int) archsimd.Float64x4 {
		v := archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(p, i)))
		return v.AsUint64x4().Xor(sign).AsFloat64x4()
	}
	i := 0
	for ; i+64 <= n; i += 64 {
		a, b := ld(base, i), ld(base, i+32)
		for _, p := range src {
			a, b = fmin64(a, ld(p, i)), fmin64(b, ld(p, i+32))
		}
		a.AsUint64x4().Xor(sign).Store((*[4]uint64)(unsafe.Add(out, i)))
		b.AsUint64x4().Xor(sign).Store((*[4]uint64)(unsafe.Add(out, i+32)))
	}
	return i
}

func reduce8(hi, withOut bool, out unsafe.Pointer, n int, rows []unsafe.Pointer) int {
	src := rows
	if !withOut {
		src = rows[1:]
	}
	i := 0
	for ; i+128 <= n; i += 128 {
		base := out
		if !withOut {
			base = rows[0]
		}
		a0, a1, a2, a3 := ld8(base, i), ld8(base, i+32), ld8(base, i+64), ld8(base, i+96)
		if hi {
			for _, p := range src {
				a0, a1, a2, a3 = a0.Max(ld8(p, i)), a1.Max(ld8(p, i+32)), a2.Max(ld8(p, i+64)), a3.Max(ld8(p, i+96))
			}
		} else {
			for _, p := range src {
				a0, a1, a2, a3 = a0.Min(ld8(p, i)), a1.Min(ld8(p, i+32)), a2.Min(ld8(p, i+64)), a3.Min(ld8(p, i+96))
			}
		}
		a0.Store(p8(out, i))
		a1.Store(p8(out, i+32))
		a2.Store(p8(out, i+64))
		a3.Store(p8(out, i+96))
	}
	for ; i+32 <= n; i += 32 {
		base := out
		if !withOut {
			base = rows[0]
		}
		a := ld8(base, i)
		if hi {
			for _, p := range src {
				a = a.Max(ld8(p, i))
			}
		} else {
			for _, p := range src {
				a = a.Min(ld8(p, i))
			}
		}
		a.Store(p8(out, i))
	}
	return i
}

func reduce16(hi, withOut bool, out unsafe.Pointer, n int, rows []unsafe.Pointer) int {
	src := rows
	if !withOut {
		src = rows[1:]
	}
	i := 0
	for ; i+128 <= n; i += 128 {
		base := out
		if !withOut {
			base = rows[0]
		}
		a0, a1, a2, a3 := ld16(base, i), ld16(base, i+32), ld16(base, i+64), ld16(base, i+96)
		if hi {
			for _, p := range src {
				a0, a1, a2, a3 = a0.Max(ld16(p, i)), a1.Max(ld16(p, i+32)), a2.Max(ld16(p, i+64)), a3.Max(ld16(p, i+96))
			}
		} else {
			for _, p := range src {
				a0, a1, a2, a3 = a0.Min(ld16(p, i)), a1.Min(ld16(p, i+32)), a2.Min(ld16(p, i+64)), a3.Min(ld16(p, i+96))
			}
		}
		a0.Store(p16(out, i))
		a1.Store(p16(out, i+32))
		a2.Store(p16(out, i+64))
		a3.Store(p16(out, i+96))
	}
	for ; i+32 <= n; i += 32 {
		base := out
		if !withOut {
			base = rows[0]
		}
		a := ld16(base, i)
		if hi {
			for _, p := range src {
				a = a.Max(ld16(p, i))
			}
		} else {
			for _, p := range src {
				a = a.Min(ld16(p, i))
			}
		}
		a.Store(p16(out, i))
	}
	return i
}

// reduce512 sends unsigned 8-bit rows to reduce8w.
var reduce512 = archsimd.X86.AVX512()

// reduce8w is reduce8 in AVX-512, four vectors (256 bytes) a step, then
// 128, 64 and 32 (n &^ 31 in all). On 11 shifted rows of 1024 bytes in
// L1 (a 45° line's reads) it took 0.73x reduce8's CPU time; two vectors
// a step, 0.87x-1.1x (go test -bench, interleaved, loaded machine).
func reduce8w(hi, withOut bool, out unsafe.Pointer, n int, rows []unsafe.Pointer) int {
	src, base := rows, out
	if !withOut {
		src, base = rows[1:], rows[0]
	}
	i := 0
	for ; i+256 <= n; i += 256 {
		a, b, c, d := ld8w(base, i), ld8w(base, i+64), ld8w(base, i+128), ld8w(base, i+192)
		if hi {
			for _, p := range src {
				a, b, c, d = a.Max(ld8w(p, i)), b.Max(ld8w(p, i+64)), c.Max(ld8w(p, i+128)), d.Max(ld8w(p, i+192))
			}
		} else {
			for _, p := range src {
				a, b, c, d = a.Min(ld8w(p, i)), b.Min(ld8w(p, i+64)), c.Min(ld8w(p, i+128)), d.Min(ld8w(p, i+192))
			}
		}
		a.Store(p8w(out, i))
		b.Store(p8w(out, i+64))
		c.Store(p8w(out, i+128))
		d.Store(p8w(out, i+192))
	}
	for ; i+128 <= n; i += 128 {
		a, b := ld8w(base, i), ld8w(base, i+64)
		if hi {
			for _, p := range src {
				a, b = a.Max(ld8w(p, i)), b.Max(ld8w(p, i+64))
			}
		} else {
			for _, p := range src {
				a, b = a.Min(ld8w(p, i)), b.Min(ld8w(p, i+64))
			}
		}
		a.Store(p8w(out, i))
		b.Store(p8w(out, i+64))
	}
	if i+64 <= n {
		a := ld8w(base, i)
		for _, p := range src {
			if hi {
				a = a.Max(ld8w(p, i))
			} else {
				a = a.Min(ld8w(p, i))
			}
		}
		a.Store(p8w(out, i))
		i += 64
	}
	if i+32 <= n { // reduce8's reach, n &^ 31
		a := ld8(base, i)
		for _, p := range src {
			if hi {
				a = a.Max(ld8(p, i))
			} else {
				a = a.Min(ld8(p, i))
			}
		}
		a.Store(p8(out, i))
		i += 32
	}
	return i
}
