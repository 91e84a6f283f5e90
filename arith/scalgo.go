package arith

import (
	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// The Go kernels of the image-scalar ops (scalrow.go): the whole work in
// the default build, the tails of the vector kernels under
// GOEXPERIMENT=simd, and their twins in the tests. The op is chosen
// outside each loop; the loops have no branch per pixel but Saturate's.

// floatScalar sets d = a op c in T's float arithmetic, four pixels a step
// (one dependency chain per pixel, so the adds overlap).
func floatScalar[T gips.Pixel](op sop, d, a []T, c T) {
	a = a[:len(d)]
	n := len(d) &^ 3
	switch op {
	case sAdd:
		for i := 0; i < n; i += 4 {
			d[i], d[i+1], d[i+2], d[i+3] = a[i]+c, a[i+1]+c, a[i+2]+c, a[i+3]+c
		}
		for i := n; i < len(d); i++ {
			d[i] = a[i] + c
		}
	case sMul:
		for i := 0; i < n; i += 4 {
			d[i], d[i+1], d[i+2], d[i+3] = a[i]*c, a[i+1]*c, a[i+2]*c, a[i+3]*c
		}
		for i := n; i < len(d); i++ {
			d[i] = a[i] * c
		}
	default:
		for i := range d {
			d[i] = a[i] / c
		}
	}
}

// addClamped sets d = min(a, bound) + c (up) or max(a, bound) + c, with
// T's wrapping add: intAddRow's exact saturating add of a whole number.
func addClamped[T gips.Pixel](d, a []T, bound, c T, up bool) {
	a = a[:len(d)]
	if up {
		for i := range d {
			d[i] = min(a[i], bound) + c
		}
		return
	}
	for i := range d {
		d[i] = max(a[i], bound) + c
	}
}

// mulInt sets d = a * iv saturated, exactly: iv is clamped as intMulRow
// does, so the product fits an int64 (a uint64 for UInt32, where iv < 0
// gives 0).
func mulInt[T gips.Pixel](d, a []T, iv int64) {
	a = a[:len(d)]
	if u, ok := any(a).([]uint32); ok {
		dd := any(d).([]uint32)
		k := uint64(max(iv, 0))
		for i, x := range u {
			dd[i] = uint32(min(uint64(x)*k, 1<<32-1))
		}
		return
	}
	lo, hi := pw.Limits[T]()
	for i := range d {
		d[i] = T(min(max(int64(a[i])*iv, lo), hi))
	}
}

// formula sets d = Saturate(float64(a) op v) pixel by pixel.
func formula[T gips.Pixel](op sop, d, a []T, v float64) {
	a = a[:len(d)]
	switch op {
	case sAdd:
		for i, x := range a {
			d[i] = gips.Saturate[T](float64(x) + v)
		}
	case sMul:
		for i, x := range a {
			d[i] = gips.Saturate[T](float64(x) * v)
		}
	default:
		for i, x := range a {
			d[i] = gips.Saturate[T](float64(x) / v)
		}
	}
}
