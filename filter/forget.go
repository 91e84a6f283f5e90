package filter

import "github.com/gipsdev/gips"

// The median of any footprint of an odd number n of pixels (5 to 49) by
// forgetful selection across x (Paeth: keep n/2+2 values, drop the least
// and the greatest of them and take the next, until three are left;
// dropping both ends of m kept values while r are still to come keeps the
// median as long as m > r, for each dropped value has at least half of
// the remaining values on its other side), branch-free, 16 or 32 pixels per instruction with AVX2 for 16-
// and 8-bit pixels (forget_simd.go). It replaces quickselect, whose
// branches on random pixels mispredict, for the median filters people
// use: 5x5, disks, 3x3x3 balls and crosses.

const maxForget = 49

// simdForget is the AVX2 twin of forgetRows for unsigned 8-bit (w16
// false) and 16-bit rows of bytes; it returns the bytes done (none in the
// pure-Go build).
var simdForget = func(w16 bool, out []byte, rows [][]byte) int { return 0 }

// forgetVector is whether simdForget does the work (AVX2): then the
// forgetful selection of 8-bit medians beats the histograms (medianhist.go).
var forgetVector = false

// forgetRows sets out[x] to the median of rows[k][x] over k (len(rows)
// odd, 5 to maxForget).
func forgetRows[T gips.Pixel](out []T, rows [][]T, _ []T) {
	done := 0
	switch o := any(out).(type) {
	case []uint8, []uint16:
		var b [maxForget][]byte
		for k, r := range rows {
			b[k] = bytesOf(r)
		}
		_, w16 := o.([]uint16)
		done = simdForget(w16, bytesOf(out), b[:len(rows)])
		if w16 {
			done /= 2
		}
	}
	var v [maxForget]T
	n := len(rows)
	for x := done; x < len(out); x++ {
		for k, r := range rows {
			v[k] = r[x]
		}
		out[x] = forget(v[:n])
	}
}

// forget is the median of v (odd length >= 3) by forgetful selection; v
// is reordered.
func forget[T gips.Pixel](v []T) T {
	n := len(v)
	b := v[:n/2+2]
	for next := len(b); ; next++ {
		m := len(b)
		for i := 1; i < m; i++ { // the least to b[0]
			b[0], b[i] = sort2(b[0], b[i])
		}
		for i := 1; i < m-1; i++ { // the greatest to b[m-1]
			b[i], b[m-1] = sort2(b[i], b[m-1])
		}
		if next == n {
			return b[1] // m == 3
		}
		b[0] = v[next]
		b = b[:m-1]
	}
}
