package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
)

// Row kernels of the fast box path (box.go): the element-wise minimum or
// maximum of two or three rows. Unsigned 8- and 16-bit rows (grey images
// and binary bytes, the common case) take 32 bytes per instruction with
// AVX2 in the SIMD build (rowops_simd.go), 8 bytes per word with SWAR
// otherwise; other types run branch-free (integers) or Go's min and max
// (floats: NaN propagates as in the footprint kernel).

// simdMM is the AVX2 twin (rowops_simd.go): it sets out = op(a, b) (c nil)
// or op(a, b, c) over the leading bytes of rows of 8-bit (w16 false) or
// 16-bit lanes and returns the bytes done. The pure-Go build's does none.
var simdMM = func(w16, hi bool, out, a, b, c []byte) int { return 0 }

// mm2 sets out[i] = min(a[i], b[i]) (max when hi); a and b are at least
// len(out) long. out may be a or b.
func mm2[T gips.Pixel](out, a, b []T, hi bool) {
	n := len(out)
	a, b = a[:n], b[:n]
	done := 0
	switch o := any(out).(type) {
	case []uint8:
		done = mmBytes(lanes8, false, hi, o, bytesOf(a), bytesOf(b), nil)
	case []uint16:
		done = mmBytes(lanes16, true, hi, bytesOf(o), bytesOf(a), bytesOf(b), nil) / 2
	case []int8:
		mmArith(o, any(a).([]int8), any(b).([]int8), hi)
		return
	case []int16:
		mmArith(o, any(a).([]int16), any(b).([]int16), hi)
		return
	case []int32:
		mmArith(o, any(a).([]int32), any(b).([]int32), hi)
		return
	case []uint32:
		mmArith(o, any(a).([]uint32), any(b).([]uint32), hi)
		return
	}
	out, a, b = out[done:], a[done:], b[done:]
	if hi {
		for i := range out {
			out[i] = max(a[i], b[i])
		}
		return
	}
	for i := range out {
		out[i] = min(a[i], b[i])
	}
}

// mm3 sets out[i] = min(a[i], b[i], c[i]) (max when hi).
func mm3[T gips.Pixel](out, a, b, c []T, hi bool) {
	n := len(out)
	a, b, c = a[:n], b[:n], c[:n]
	done := 0
	switch o := any(out).(type) {
	case []uint8:
		done = mmBytes(lanes8, false, hi, o, bytesOf(a), bytesOf(b), bytesOf(c))
	case []uint16:
		done = mmBytes(lanes16, true, hi, bytesOf(o), bytesOf(a), bytesOf(b), bytesOf(c)) / 2
	default:
		mm2(out, a, b, hi)
		mm2(out, out, c, hi)
		return
	}
	out, a, b, c = out[done:], a[done:], b[done:], c[done:]
	if hi {
		for i := range out {
			out[i] = max(a[i], b[i], c[i])
		}
		return
	}
	for i := range out {
		out[i] = min(a[i], b[i], c[i])
	}
}

// mmBytes does the whole 8-byte words of unsigned rows (AVX2 first), c
// nil for two rows, and returns the bytes done.
func mmBytes(l lanes, w16, hi bool, out, a, b, c []byte) int {
	done := simdMM(w16, hi, out, a, b, c)
	n := len(out) &^ 7
	if done >= n {
		return done
	}
	op := unsafe.Pointer(&out[0])
	ap, bp := unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	var cp unsafe.Pointer
	if c != nil {
		cp = unsafe.Pointer(&c[0])
	}
	flip := uint64(0)
	if hi { // max(x, y) = ^min(^x, ^y)
		flip = ^uint64(0)
	}
	for i := done; i < n; i += 8 {
		x := *(*uint64)(unsafe.Add(ap, i)) ^ flip
		y := *(*uint64)(unsafe.Add(bp, i)) ^ flip
		m := l.minU(x, y)
		if cp != nil {
			m = l.minU(m, *(*uint64)(unsafe.Add(cp, i))^flip)
		}
		*(*uint64)(unsafe.Add(op, i)) = m ^ flip
	}
	return n
}

// mmArith is mm2 without branches for the integer types the SWAR words do
// not take: the sign of the difference, in int64, masks it in or out.
func mmArith[T ~int8 | ~int16 | ~int32 | ~uint32](out, a, b []T, hi bool) {
	a, b = a[:len(out)], b[:len(out)]
	if hi {
		for i := range out {
			d := int64(a[i]) - int64(b[i])
			out[i] = T(int64(a[i]) - d&(d>>63))
		}
		return
	}
	for i := range out {
		d := int64(a[i]) - int64(b[i])
		out[i] = T(int64(b[i]) + d&(d>>63))
	}
}

// simdSub is the AVX2 twin of subWords (rowops_simd.go): out = a -sat b
// over the leading bytes of rows of 8-bit (w16 false) or 16-bit unsigned
// lanes; it returns the bytes done. The pure-Go build's does none.
var simdSub = func(w16 bool, out, a, b []byte) int { return 0 }

// subWords sets out = a - b, saturated at 0, over the whole 8-byte words
// of unsigned rows (AVX2 first) and returns the bytes done; out may be a
// or b. A lane's a - min(a, b) never borrows from the next lane, so one
// 64-bit subtraction does the word.
func subWords(l lanes, w16 bool, out, a, b []byte) int {
	done := simdSub(w16, out, a, b)
	n := len(out) &^ 7
	if done >= n {
		return done
	}
	a, b = a[:n], b[:n]
	op, ap, bp := unsafe.Pointer(&out[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	for i := done; i < n; i += 8 {
		x, y := *(*uint64)(unsafe.Add(ap, i)), *(*uint64)(unsafe.Add(bp, i))
		*(*uint64)(unsafe.Add(op, i)) = x - l.minU(x, y)
	}
	return n
}

// simdStep is the AVX2 twin of vhStep (rowops_simd.go) over the leading
// bytes of rows of 8-bit (w16 false) or 16-bit lanes; it returns the bytes
// done. The pure-Go build's does none.
var simdStep = func(w16, hi bool, p, out, pre, it, s []byte) int { return 0 }

// vhStep sets p = op(pre, it) and out = op(s, p), op the minimum (maximum
// when hi): one step of a van Herk slide (boxvh.go), the running prefix
// and the output it makes, in one pass so that the prefix (a tile in L2
// along z) is not read back. p may be pre; out is none of the others.
func vhStep[T gips.Pixel](p, out, pre, it, s []T, hi bool) {
	n := len(out)
	p, pre, it, s = p[:n], pre[:n], it[:n], s[:n]
	done := 0
	switch any(out).(type) {
	case []uint8:
		done = simdStep(false, hi, bytesOf(p), bytesOf(out), bytesOf(pre), bytesOf(it), bytesOf(s))
	case []uint16:
		done = simdStep(true, hi, bytesOf(p), bytesOf(out), bytesOf(pre), bytesOf(it), bytesOf(s)) / 2
	}
	if done < n {
		mm2(p[done:], pre[done:], it[done:], hi)
		mm2(out[done:], s[done:], p[done:], hi)
	}
}
