package gips

import (
	"math/bits"
	"unsafe"
)

// gather copies n pixels of isz bytes, spaced xs bytes apart in src from
// offset o, into the contiguous dst, swapping byte order if asked. scatter
// is the reverse. They move bytes, not values, so they switch on the item
// size rather than on the buffer type. Offsets are checked by the caller
// (Array.check), so the loops index with unsafe pointers.
func gather(dst, src []byte, o, xs, n, isz int, swap bool) {
	_ = dst[n*isz-1]
	_ = src[o+(n-1)*xs+isz-1]
	s := unsafe.Pointer(unsafe.SliceData(src))
	d := unsafe.Pointer(unsafe.SliceData(dst))
	switch {
	case isz == 1:
		for x := 0; x < n; x++ {
			*(*byte)(unsafe.Add(d, x)) = *(*byte)(unsafe.Add(s, o+x*xs))
		}
	case isz == 2 && !swap:
		for x := 0; x < n; x++ {
			*(*uint16)(unsafe.Add(d, 2*x)) = *(*uint16)(unsafe.Add(s, o+x*xs))
		}
	case isz == 2:
		for x := 0; x < n; x++ {
			*(*uint16)(unsafe.Add(d, 2*x)) = bits.ReverseBytes16(*(*uint16)(unsafe.Add(s, o+x*xs)))
		}
	case isz == 4 && !swap:
		for x := 0; x < n; x++ {
			*(*uint32)(unsafe.Add(d, 4*x)) = *(*uint32)(unsafe.Add(s, o+x*xs))
		}
	case isz == 4:
		for x := 0; x < n; x++ {
			*(*uint32)(unsafe.Add(d, 4*x)) = bits.ReverseBytes32(*(*uint32)(unsafe.Add(s, o+x*xs)))
		}
	case !swap:
		for x := 0; x < n; x++ {
			*(*uint64)(unsafe.Add(d, 8*x)) = *(*uint64)(unsafe.Add(s, o+x*xs))
		}
	default:
		for x := 0; x < n; x++ {
			*(*uint64)(unsafe.Add(d, 8*x)) = bits.ReverseBytes64(*(*uint64)(unsafe.Add(s, o+x*xs)))
		}
	}
}

func scatter(dst []byte, o, xs int, src []byte, n, isz int, swap bool) {
	_ = src[n*isz-1]
	_ = dst[o+(n-1)*xs+isz-1]
	for x := 0; x < n; x++ {
		p := dst[o+x*xs : o+x*xs+isz]
		copy(p, src[x*isz:(x+1)*isz])
		if swap {
			reverse(p)
		}
	}
}
