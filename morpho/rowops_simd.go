//go:build goexperiment.simd && amd64

package morpho

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twin of mmWords (rowops.go), 32 bytes per instruction; the
// tests run both (TestRowOpsMatchScalar, TestBoxPathMatchesBruteForce)
// under GOEXPERIMENT=simd. The loops load through pointers, the lengths
// checked once up front, so that no load pays a bounds check.

func init() {
	if archsimd.X86.AVX2() {
		simdMM = mmAVX2
		simdSub = subAVX2
		simdSubOther = subOtherAVX2
		simdEq = eqAVX2
		simdStep = stepAVX2
	}
}

func mmAVX2(w16, hi bool, out, a, b, c []byte) int {
	n := len(out) &^ 31
	if n == 0 || len(a) < n || len(b) < n || (c != nil && len(c) < n) {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	op, ap, bp := unsafe.Pointer(&out[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	if w16 {
		switch {
		case c == nil && hi:
			for i := 0; i < n; i += 32 {
				ld16(ap, i).Max(ld16(bp, i)).Store(p16(op, i))
			}
		case c == nil:
			for i := 0; i < n; i += 32 {
				ld16(ap, i).Min(ld16(bp, i)).Store(p16(op, i))
			}
		case hi:
			cp := unsafe.Pointer(&c[0])
			for i := 0; i < n; i += 32 {
				ld16(ap, i).Max(ld16(bp, i)).Max(ld16(cp, i)).Store(p16(op, i))
			}
		default:
			cp := unsafe.Pointer(&c[0])
			for i := 0; i < n; i += 32 {
				ld16(ap, i).Min(ld16(bp, i)).Min(ld16(cp, i)).Store(p16(op, i))
			}
		}
		return n
	}
	switch {
	case c == nil && hi:
		for i := 0; i < n; i += 32 {
			ld8(ap, i).Max(ld8(bp, i)).Store(p8(op, i))
		}
	case c == nil:
		for i := 0; i < n; i += 32 {
			ld8(ap, i).Min(ld8(bp, i)).Store(p8(op, i))
		}
	case hi:
		cp := unsafe.Pointer(&c[0])
		for i := 0; i < n; i += 32 {
			ld8(ap, i).Max(ld8(bp, i)).Max(ld8(cp, i)).Store(p8(op, i))
		}
	default:
		cp := unsafe.Pointer(&c[0])
		for i := 0; i < n; i += 32 {
			ld8(ap, i).Min(ld8(bp, i)).Min(ld8(cp, i)).Store(p8(op, i))
		}
	}
	return n
}

func stepAVX2(w16, hi bool, p, out, pre, it, s []byte) int {
	n := len(out) &^ 31
	if n == 0 || len(p) < n || len(pre) < n || len(it) < n || len(s) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	pp, op := unsafe.Pointer(&p[0]), unsafe.Pointer(&out[0])
	rp, ip, sp := unsafe.Pointer(&pre[0]), unsafe.Pointer(&it[0]), unsafe.Pointer(&s[0])
	switch {
	case w16 && hi:
		for i := 0; i < n; i += 32 {
			v := ld16(rp, i).Max(ld16(ip, i))
			v.Store(p16(pp, i))
			v.Max(ld16(sp, i)).Store(p16(op, i))
		}
	case w16:
		for i := 0; i < n; i += 32 {
			v := ld16(rp, i).Min(ld16(ip, i))
			v.Store(p16(pp, i))
			v.Min(ld16(sp, i)).Store(p16(op, i))
		}
	case hi:
		for i := 0; i < n; i += 32 {
			v := ld8(rp, i).Max(ld8(ip, i))
			v.Store(p8(pp, i))
			v.Max(ld8(sp, i)).Store(p8(op, i))
		}
	default:
		for i := 0; i < n; i += 32 {
			v := ld8(rp, i).Min(ld8(ip, i))
			v.Store(p8(pp, i))
			v.Min(ld8(sp, i)).Store(p8(op, i))
		}
	}
	return n
}

func subAVX2(w16 bool, out, a, b []byte) int {
	n := len(out) &^ 31
	if n == 0 || len(a) < n || len(b) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	op, ap, bp := unsafe.Pointer(&out[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	if w16 {
		for i := 0; i < n; i += 32 {
			ld16(ap, i).SubSaturated(ld16(bp, i)).Store(p16(op, i))
		}
		return n
	}
	for i := 0; i < n; i += 32 {
		ld8(ap, i).SubSaturated(ld8(bp, i)).Store(p8(op, i))
	}
	return n
}

func subOtherAVX2(lk laneKind, out, a, b []byte) int {
	n := len(out) &^ 31
	if n == 0 || len(a) < n || len(b) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	op, ap, bp := unsafe.Pointer(&out[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	switch lk {
	case kI8:
		for i := 0; i < n; i += 32 {
			ld8(ap, i).AsInt8x32().SubSaturated(ld8(bp, i).AsInt8x32()).AsUint8x32().Store(p8(op, i))
		}
	case kI16:
		for i := 0; i < n; i += 32 {
			ld16(ap, i).AsInt16x16().SubSaturated(ld16(bp, i).AsInt16x16()).AsUint16x16().Store(p16(op, i))
		}
	case kF32:
		f := func(p unsafe.Pointer, i int) archsimd.Float32x8 { return ld16(p, i).AsFloat32x8() }
		for i := 0; i < n; i += 32 {
			f(ap, i).Sub(f(bp, i)).AsUint16x16().Store(p16(op, i))
		}
	case kF64:
		f := func(p unsafe.Pointer, i int) archsimd.Float64x4 { return ld16(p, i).AsFloat64x4() }
		for i := 0; i < n; i += 32 {
			f(ap, i).Sub(f(bp, i)).AsUint16x16().Store(p16(op, i))
		}
	default:
		return 0
	}
	return n
}

func eqAVX2(out, a, b []byte) int {
	n := len(out) &^ 31
	if n == 0 || len(a) < n || len(b) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	op, ap, bp := unsafe.Pointer(&out[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	one := archsimd.BroadcastUint8x32(1)
	for i := 0; i < n; i += 32 {
		one.Masked(ld8(ap, i).Equal(ld8(bp, i))).Store(p8(op, i))
	}
	return n
}

// p8 and p16 are the 32 bytes at byte offset i of p; ld8 and ld16 load
// them.
func p8(p unsafe.Pointer, i int) *[32]uint8           { return (*[32]uint8)(unsafe.Add(p, i)) }
func p16(p unsafe.Pointer, i int) *[16]uint16         { return (*[16]uint16)(unsafe.Add(p, i)) }
func ld8(p unsafe.Pointer, i int) archsimd.Uint8x32   { return archsimd.LoadUint8x32(p8(p, i)) }
func ld16(p unsafe.Pointer, i int) archsimd.Uint16x16 { return archsimd.LoadUint16x16(p16(p, i)) }
