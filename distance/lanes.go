package distance

import (
	"math"

	"github.com/gipsdev/gips/internal/scratch"
)

// lanes is how many neighbouring lines along y or z (next to each other
// along x) the brute force takes together: a multiple of the SIMD
// kernel's 8, and 256 contiguous bytes of each plane per gather, which
// the strided walk along z pays for a page at a time.
const lanes = 32

// laneLines is lines without features: blocks of lanes lines gathered
// into a buffer of their samples (one row of lanes values per position
// along the line, reach rows of +Inf before and after), brute force over
// all of them at once, the envelope for the lines that need it, then back
// into v.f or, when the pass is the last (fused), as square roots into
// v.out.
func (v *volume) laneLines(axis int) error {
	n, stride, outer := v.lineGeometry(axis)
	nb := (v.sx + lanes - 1) / lanes
	w := v.w[axis]
	c := newParabola(w)
	last := v.fused() && axis == 2
	return parallel(outer*nb, max(1, 256/n), func(lo, hi int) {
		// From the pool (see getLineBuf): the padding is set here, every
		// line fills the body, and brute writes d over the body it reads.
		f := scratch.Get[float64](&pool, (n+2*reach)*lanes)
		defer scratch.Put(&pool, f)
		d := scratch.Get[float64](&pool, len(f))
		defer scratch.Put(&pool, d)
		for i := range reach * lanes {
			f[i], f[len(f)-1-i] = math.Inf(1), math.Inf(1)
		}
		body := f[reach*lanes : (reach+n)*lanes]
		var over [lanes]bool
		b := getLineBuf(n, false)
		defer b.release()
		for l := lo; l < hi; l++ {
			o, x0 := l/nb, (l%nb)*lanes
			i0 := v.lineStart(axis, o, x0)
			m := min(lanes, v.sx-x0)
			for k, i := 0, i0; k < n; k, i = k+1, i+stride {
				row := body[k*lanes : (k+1)*lanes]
				copy(row, v.f[i:i+m])
				clear(row[m:]) // lanes past the volume: zeros, done at once
			}
			over = [lanes]bool{}
			brute(f, d, reach*lanes, (reach+n)*lanes, lanes, c, over[:])
			res := d[reach*lanes : (reach+n)*lanes]
			for ln := range m {
				if !over[ln] {
					continue
				}
				for k := range n {
					b.f[k] = body[k*lanes+ln]
				}
				envelopeGaps(b.f, b.d, w, b.v, b.z)
				for k, r := range b.d {
					res[k*lanes+ln] = r
				}
			}
			if !last {
				for k, i := 0, i0; k < n; k, i = k+1, i+stride {
					copy(v.f[i:i+m], res[k*lanes:])
				}
				continue
			}
			for k := range n {
				r := res[k*lanes : k*lanes+m]
				if r32, r64 := v.out(k, o); r32 != nil {
					r32 = r32[x0 : x0+m]
					for x, d := range r {
						r32[x] = float32(math.Sqrt(d))
					}
				} else {
					r64 = r64[x0 : x0+m]
					for x, d := range r {
						r64[x] = math.Sqrt(d)
					}
				}
			}
		}
	})
}
