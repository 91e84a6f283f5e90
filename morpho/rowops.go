package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
)

// Row kernels of the fast box path (box.go): the element-wise minimum or
// maximum of two or three rows. Unsigned 8- and 16-bit rows (grey images
// and binary bytes, the common case) take 32 bytes per instruction with
// AVX2 in the SIMD build (rowops_simd.go), 8 bytes per word with SWAR
// otherwise; int16 and float32 rows take 64 bytes per instruction with
// AVX-512 (simdTri), the other types the AVX2 reduce kernel (reduce.go), then
// SWAR (signed 8 and 16 bits, the sign bit flipped), branch-free
// arithmetic (32 bits) or Go's min and max (floats: the kernel's are Go's
// bit for bit, NaN propagating as in the footprint kernel).

// simdMM is the AVX2 twin (rowops_simd.go): it sets out = op(a, b) (c nil)
// or op(a, b, c) over the leading bytes of rows of 8-bit (w16 false) or
// 16-bit lanes and returns the bytes done. The pure-Go build's does none.
var simdMM = func(w16, hi bool, out, a, b, c []byte) int { return 0 }

// simdTri is the AVX-512 kernel of mmRows (box3_simd.go) for int16 and
// float32 rows: it sets out = op(a, b) (c nil) or op(a, b, c) over
// the whole 64-byte vectors and returns the bytes done (out may be a, or
// b ahead of it, as the scalar loops allow). The pure-Go build's and the
// AVX2 machines' do none.
var simdTri = func(lk laneKind, hi bool, out, a, b, c []byte) int { return 0 }

// mm2 sets out[i] = min(a[i], b[i]) (max when hi); a and b are at least
// len(out) long. out may be a or b.
func mm2[T gips.Pixel](out, a, b []T, hi bool) { mmRows(out, a, b, nil, hi) }

// mm3 sets out[i] = min(a[i], b[i], c[i]) (max when hi).
func mm3[T gips.Pixel](out, a, b, c []T, hi bool) { mmRows(out, a, b, c, hi) }

// mmRows is mm2 (c nil) or mm3.
func mmRows[T gips.Pixel](out, a, b, c []T, hi bool) {
	n := len(out)
	a, b = a[:n], b[:n]
	if c != nil {
		c = c[:n]
	}
	var z T
	size := int(unsafe.Sizeof(z))
	lk := laneKindOf[T]()
	if lk != kI16 && lk != kF32 {
		// simdTri's types alone pay its call
	} else if d := simdTri(lk, hi, bytesOf(out), bytesOf(a), bytesOf(b), bytesOf(c)) / size; d > 0 {
		if d == n {
			return
		}
		out, a, b = out[d:], a[d:], b[d:]
		if c != nil {
			c = c[d:]
		}
	}
	ob, ab, bb, cb := bytesOf(out), bytesOf(a), bytesOf(b), bytesOf(c)
	done := 0
	switch lk {
	case kU8, kU16:
		done = simdMM(lk == kU16, hi, ob, ab, bb, cb)
		done = mmWords(laneWords(lk), hi, done, ob, ab, bb, cb) / size
	default:
		rows := [3][]T{a, b, c}
		k := 2
		if c != nil {
			k = 3
		}
		done = reduceWide(out, rows[:k], hi)
		switch lk {
		case kI8, kI16:
			done = mmWords(laneWords(lk), hi, done*size, ob, ab, bb, cb) / size
		case kI32, kU32:
			mmArith(out[done:], a[done:], b[done:], hi)
			if c != nil {
				mmArith(out[done:], out[done:], c[done:], hi)
			}
			return
		}
	}
	out, a, b = out[done:], a[done:], b[done:]
	if c != nil {
		c = c[done:]
		if hi {
			for i := range out {
				out[i] = max(a[i], b[i], c[i])
			}
			return
		}
		for i := range out {
			out[i] = min(a[i], b[i], c[i])
		}
		return
	}
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

// laneWords is the SWAR lanes of an 8- or 16-bit lane kind, with the
// sign bit of each lane to flip for the signed ones (flipped, signed
// order is unsigned order).
func laneWords(lk laneKind) (l lanes) {
	switch lk {
	case kU8, kI8:
		l = lanes8
	default:
		l = lanes16
	}
	if lk == kI8 || lk == kI16 {
		l.sign = l.h
	}
	return l
}

// mmWords does the whole 8-byte words from byte from on of rows of lanes
// l, c nil for two rows, and returns the bytes done.
func mmWords(l lanes, hi bool, from int, out, a, b, c []byte) int {
	n := len(out) &^ 7
	if from >= n {
		return from
	}
	op := unsafe.Pointer(&out[0])
	ap, bp := unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	var cp unsafe.Pointer
	if c != nil {
		cp = unsafe.Pointer(&c[0])
	}
	flip := l.sign
	if hi { // max(x, y) = ^min(^x, ^y)
		flip = ^flip
	}
	for i := from; i < n; i += 8 {
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

// mmArith is mm2 without branches for the 32-bit integer types (T is
// int32 or uint32; no float gets here) the SWAR words do not take: the
// sign of the difference, in int64, masks it in or out.
func mmArith[T gips.Pixel](out, a, b []T, hi bool) {
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

// simdSubOther is the AVX2 kernel of subSat (grey.go) for the lanes
// subWords does not take (rowops_simd.go): out = a - b, saturated for
// int8 and int16, IEEE for floats (the instruction's NaN is Go's: the
// first operand's); it returns the bytes done. The pure-Go build's and
// other lanes' do none.
var simdSubOther = func(lk laneKind, out, a, b []byte) int { return 0 }

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
