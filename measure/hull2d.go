package measure

import (
	"cmp"
	"slices"
)

type pt2 struct{ x, y int64 }

func cross2(o, a, b pt2) int64 { return (a.x-o.x)*(b.y-o.y) - (a.y-o.y)*(b.x-o.x) }

// hull2 is the convex hull of p (Andrew's monotone chain, exact integer
// arithmetic), counter-clockwise in (x, y), without collinear points. p
// is reordered.
func hull2(p []pt2) []pt2 {
	slices.SortFunc(p, func(a, b pt2) int {
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		return cmp.Compare(a.y, b.y)
	})
	p = slices.Compact(p)
	if len(p) < 3 {
		return p
	}
	h := make([]pt2, 0, 2*len(p))
	for _, q := range p {
		for len(h) >= 2 && cross2(h[len(h)-2], h[len(h)-1], q) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, q)
	}
	lo := len(h) + 1
	for i := len(p) - 2; i >= 0; i-- {
		q := p[i]
		for len(h) >= lo && cross2(h[len(h)-2], h[len(h)-1], q) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, q)
	}
	return h[:len(h)-1]
}

// floorDiv and ceilDiv are exact integer floor(a/b) and ceil(a/b), b != 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

// latticeIn2 counts the points (2x, 2y) with x, y integers inside or on
// the convex polygon h (doubled coordinates, counter-clockwise): the
// pixels whose centres lie in the hull, as scikit-image's
// convex_hull_image counts them (edges and vertices inside).
func latticeIn2(h []pt2) int64 {
	if len(h) == 0 {
		return 0
	}
	ylo, yhi := h[0].y, h[0].y
	for _, q := range h {
		ylo, yhi = min(ylo, q.y), max(yhi, q.y)
	}
	var n int64
	for Y := ceilDiv(ylo, 2) * 2; Y <= yhi; Y += 2 {
		// x range of the polygon on the line y = Y, as bounds on x = X/2
		lo, hi := int64(1)<<62, -int64(1)<<62
		for i := range h {
			a, b := h[i], h[(i+1)%len(h)]
			if (a.y < Y && b.y < Y) || (a.y > Y && b.y > Y) {
				continue
			}
			if a.y == b.y {
				lo, hi = min(lo, ceilDiv(min(a.x, b.x), 2)), max(hi, floorDiv(max(a.x, b.x), 2))
				continue
			}
			// X = a.x + (Y-a.y)(b.x-a.x)/(b.y-a.y); x = X/2
			num := a.x*(b.y-a.y) + (Y-a.y)*(b.x-a.x)
			den := 2 * (b.y - a.y)
			if den < 0 {
				num, den = -num, -den
			}
			lo, hi = min(lo, ceilDiv(num, den)), max(hi, floorDiv(num, den))
		}
		if len(h) == 1 {
			lo, hi = ceilDiv(h[0].x, 2), floorDiv(h[0].x, 2)
		}
		if hi >= lo {
			n += hi - lo + 1
		}
	}
	return n
}
