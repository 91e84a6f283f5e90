//go:build goexperiment.simd && amd64

package morpho

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twin of mmBytes (rowops.go), 32 bytes per instruction; the
// tests run both (TestSIMDRowOps) under GOEXPERIMENT=simd.

func init() {
	if archsimd.X86.AVX2() {
		simdMM = mmAVX2
	}
}

func mmAVX2(w16, hi bool, out, a, b, c []byte) int {
	n := len(out) &^ 31
	if n == 0 {
		return 0
	}
	a, b = a[:n], b[:n]
	if w16 {
		o16, a16, b16 := u16s(out[:n]), u16s(a), u16s(b)
		switch {
		case c == nil && hi:
			for i := 0; i < len(o16); i += 16 {
				archsimd.LoadUint16x16Slice(a16[i:]).Max(archsimd.LoadUint16x16Slice(b16[i:])).StoreSlice(o16[i:])
			}
		case c == nil:
			for i := 0; i < len(o16); i += 16 {
				archsimd.LoadUint16x16Slice(a16[i:]).Min(archsimd.LoadUint16x16Slice(b16[i:])).StoreSlice(o16[i:])
			}
		case hi:
			c16 := u16s(c[:n])
			for i := 0; i < len(o16); i += 16 {
				x := archsimd.LoadUint16x16Slice(a16[i:]).Max(archsimd.LoadUint16x16Slice(b16[i:]))
				x.Max(archsimd.LoadUint16x16Slice(c16[i:])).StoreSlice(o16[i:])
			}
		default:
			c16 := u16s(c[:n])
			for i := 0; i < len(o16); i += 16 {
				x := archsimd.LoadUint16x16Slice(a16[i:]).Min(archsimd.LoadUint16x16Slice(b16[i:]))
				x.Min(archsimd.LoadUint16x16Slice(c16[i:])).StoreSlice(o16[i:])
			}
		}
		return n
	}
	switch {
	case c == nil && hi:
		for i := 0; i < n; i += 32 {
			archsimd.LoadUint8x32Slice(a[i:]).Max(archsimd.LoadUint8x32Slice(b[i:])).StoreSlice(out[i:])
		}
	case c == nil:
		for i := 0; i < n; i += 32 {
			archsimd.LoadUint8x32Slice(a[i:]).Min(archsimd.LoadUint8x32Slice(b[i:])).StoreSlice(out[i:])
		}
	case hi:
		c = c[:n]
		for i := 0; i < n; i += 32 {
			x := archsimd.LoadUint8x32Slice(a[i:]).Max(archsimd.LoadUint8x32Slice(b[i:]))
			x.Max(archsimd.LoadUint8x32Slice(c[i:])).StoreSlice(out[i:])
		}
	default:
		c = c[:n]
		for i := 0; i < n; i += 32 {
			x := archsimd.LoadUint8x32Slice(a[i:]).Min(archsimd.LoadUint8x32Slice(b[i:]))
			x.Min(archsimd.LoadUint8x32Slice(c[i:])).StoreSlice(out[i:])
		}
	}
	return n
}

// u16s views a byte row (even length, from a []uint16) as its 16-bit lanes.
func u16s(b []byte) []uint16 {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Slice((*uint16)(unsafe.Pointer(&b[0])), len(b)/2)
}
