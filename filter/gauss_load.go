package filter

import "github.com/gipsdev/gips"

// extendRow is extendLine (which it calls for what it has no fast path
// for: Binary sources, float64 sums of integers) with the conversion of
// 8- and 16-bit and float32 rows to float32 vectorised (widenVec), and
// float rows of A's own type copied: the separable filters read every
// source row through it.
func extendRow[S gips.Pixel, A accum](ext []A, src []S, before int, m Mode, cval A, binary bool) {
	n := len(src)
	mid := ext[before : before+n]
	if binary || !convertRow(mid, src) {
		extendLine(ext, src, before, m, cval, binary)
		return
	}
	for k := range ext[:before] {
		ext[k] = pick(mid, k-before, m, cval)
	}
	for k := before + n; k < len(ext); k++ {
		ext[k] = pick(mid, k-before, m, cval)
	}
}

// convertRow sets dst[i] = A(src[i]) and reports whether it had a fast
// path for the pair (else dst is untouched).
func convertRow[S gips.Pixel, A accum](dst []A, src []S) bool {
	if d, ok := any(dst).([]S); ok { // float32 or float64 rows: the same values
		copy(d, src)
		return true
	}
	d, ok := any(dst).([]float32)
	if !ok {
		return false
	}
	done := 0
	switch s := any(src).(type) {
	case []uint8:
		done = widenVec8(d, s)
	case []uint16:
		done = widenVec16(d, s, false)
	case []int16:
		done = widenVec16(d, s, true)
	default:
		return false
	}
	if vecOff {
		done = 0
	}
	for i, v := range src[done:] {
		d[done+i] = float32(v)
	}
	return true
}
