//go:build goexperiment.simd && amd64

package morpho

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX-512 twin of shiftRows' pure-Go path (rowshift.go); the tests run
// both (TestShiftRowsMatchesReduce, TestBoxLongMatchesBruteForce). AVX2
// machines keep reduceRows (its AVX2 kernel): the unrolled offsets gain
// less there (156 ns against 195 for five copies of 4096 bytes).

func init() {
	if archsimd.X86.AVX512() {
		simdShift = shiftAVX512
	}
}

func shiftAVX512(lk laneKind, hi bool, out, g []byte, o *[shiftCopies]int) int {
	n := len(out) &^ 63
	if n == 0 || len(g) < n+o[shiftCopies-1] {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	op, gp := unsafe.Pointer(&out[0]), unsafe.Pointer(&g[0])
	p1, p2, p3, p4 := unsafe.Add(gp, o[1]), unsafe.Add(gp, o[2]), unsafe.Add(gp, o[3]), unsafe.Add(gp, o[4])
	switch {
	case lk == kU16 && hi:
		for i := 0; i < n; i += 64 {
			a := ld16w(gp, i).Max(ld16w(p1, i))
			b := ld16w(p2, i).Max(ld16w(p3, i))
			a.Max(b).Max(ld16w(p4, i)).Store(p16w(op, i))
		}
	case lk == kU16:
		for i := 0; i < n; i += 64 {
			a := ld16w(gp, i).Min(ld16w(p1, i))
			b := ld16w(p2, i).Min(ld16w(p3, i))
			a.Min(b).Min(ld16w(p4, i)).Store(p16w(op, i))
		}
	case lk == kI16 && hi:
		for i := 0; i < n; i += 64 {
			a := i16w(gp, i).Max(i16w(p1, i))
			b := i16w(p2, i).Max(i16w(p3, i))
			a.Max(b).Max(i16w(p4, i)).AsUint16x32().Store(p16w(op, i))
		}
	case lk == kI16:
		for i := 0; i < n; i += 64 {
			a := i16w(gp, i).Min(i16w(p1, i))
			b := i16w(p2, i).Min(i16w(p3, i))
			a.Min(b).Min(i16w(p4, i)).AsUint16x32().Store(p16w(op, i))
		}
	case lk == kI8 && hi:
		for i := 0; i < n; i += 64 {
			a := i8w(gp, i).Max(i8w(p1, i))
			b := i8w(p2, i).Max(i8w(p3, i))
			a.Max(b).Max(i8w(p4, i)).AsUint8x64().Store(p8w(op, i))
		}
	case lk == kI8:
		for i := 0; i < n; i += 64 {
			a := i8w(gp, i).Min(i8w(p1, i))
			b := i8w(p2, i).Min(i8w(p3, i))
			a.Min(b).Min(i8w(p4, i)).AsUint8x64().Store(p8w(op, i))
		}
	case lk == kF32 && hi: // Go's max: the minimum of the negations, negated (reduceF32)
		s := archsimd.BroadcastUint32x16(1 << 31)
		ng := func(p unsafe.Pointer, i int) archsimd.Float32x16 {
			return ld16w(p, i).AsUint32x16().Xor(s).AsFloat32x16()
		}
		for i := 0; i < n; i += 64 {
			fmin5(ng(gp, i), ng(p1, i), ng(p2, i), ng(p3, i), ng(p4, i)).AsUint32x16().Xor(s).AsUint16x32().Store(p16w(op, i))
		}
	case lk == kF32:
		for i := 0; i < n; i += 64 {
			fmin5(f32w(gp, i), f32w(p1, i), f32w(p2, i), f32w(p3, i), f32w(p4, i)).AsUint16x32().Store(p16w(op, i))
		}
	case hi:
		for i := 0; i < n; i += 64 {
			a := ld8w(gp, i).Max(ld8w(p1, i))
			b := ld8w(p2, i).Max(ld8w(p3, i))
			a.Max(b).Max(ld8w(p4, i)).Store(p8w(op, i))
		}
	default:
		for i := 0; i < n; i += 64 {
			a := ld8w(gp, i).Min(ld8w(p1, i))
			b := ld8w(p2, i).Min(ld8w(p3, i))
			a.Min(b).Min(ld8w(p4, i)).Store(p8w(op, i))
		}
	}
	return n
}

// fmin5 is Go's min of five floats in reduceRows' order (one after the
// other: a NaN's payload depends on the order).
func fmin5(a, b, c, d, e archsimd.Float32x16) archsimd.Float32x16 {
	return fmin32w(fmin32w(fmin32w(fmin32w(a, b), c), d), e)
}

// p8w and p16w are the 64 bytes at byte offset i of p; ld8w and ld16w
// load them.
func p8w(p unsafe.Pointer, i int) *[64]uint8           { return (*[64]uint8)(unsafe.Add(p, i)) }
func p16w(p unsafe.Pointer, i int) *[32]uint16         { return (*[32]uint16)(unsafe.Add(p, i)) }
func ld8w(p unsafe.Pointer, i int) archsimd.Uint8x64   { return archsimd.LoadUint8x64(p8w(p, i)) }
func ld16w(p unsafe.Pointer, i int) archsimd.Uint16x32 { return archsimd.LoadUint16x32(p16w(p, i)) }

// i8w and i16w load them as signed lanes.
func i8w(p unsafe.Pointer, i int) archsimd.Int8x64   { return ld8w(p, i).AsInt8x64() }
func i16w(p unsafe.Pointer, i int) archsimd.Int16x32 { return ld16w(p, i).AsInt16x32() }
