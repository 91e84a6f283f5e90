package filter

import "github.com/gipsdev/gips"

// storer converts accumulated values to the output type D: divided by div
// (when it is not 1), then for integers rounded to nearest, half away from
// zero, and saturated to D's range (NaN becomes 0), as gips.Saturate does;
// floats are converted directly.
type storer[D gips.Pixel, A accum] struct {
	integer bool
	lo, hi  float64
	div     A
}

func newStorer[D gips.Pixel, A accum](div A) storer[D, A] {
	t := gips.TypeOf[D]()
	lo, hi := t.Range()
	return storer[D, A]{integer: !t.IsFloat(), lo: lo, hi: hi, div: div}
}

func (s storer[D, A]) store(dst []D, acc []A) {
	acc = acc[:len(dst)]
	if !s.integer {
		if s.div == 1 {
			for i, v := range acc {
				dst[i] = D(v)
			}
			return
		}
		for i, v := range acc {
			dst[i] = D(v / s.div)
		}
		return
	}
	for i, a := range acc {
		v := float64(a)
		if s.div != 1 {
			v = float64(a / s.div)
		}
		switch {
		case v != v:
			dst[i] = 0
		case v <= s.lo:
			dst[i] = D(s.lo)
		case v >= s.hi:
			dst[i] = D(s.hi)
		case v >= 0:
			dst[i] = D(v + 0.5)
		default:
			dst[i] = D(v - 0.5)
		}
	}
}
