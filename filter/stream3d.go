package filter

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// The volume counterpart of the 2D streamed path: planes stream through a
// ring of xy-filtered planes per component (a plane fits in cache, a
// volume does not), and each output plane is combined and stored as soon
// as the z kernels have run. The same conditions apply (canStream), x, y
// then z where scipy goes z, y, x.

// comp3 is one component: kernels along x, y, then z.
type comp3[A accum] struct{ kx, ky, kz []A }

// runStream3D filters the volumes of src into dst with the components.
func runStream3D[A accum](fn string, dst, src *gips.Image, comps []comp3[A], how combine, div float64, c config) error {
	if err := checkInto(fn, dst, src, 1); err != nil {
		return err
	}
	if overlap(src, dst) {
		cp, err := gips.Copy(src)
		if err != nil {
			return err
		}
		src = cp
	}
	j := stream2{src: src, dst: dst, mode: c.mode, how: how, div: div, comps: comps, vol: true}
	return gips.Dispatch(src.Type(), gips.AllKernels(streamFrom[uint8, A], streamFrom[int8, A], streamFrom[uint16, A], streamFrom[int16, A],
		streamFrom[uint32, A], streamFrom[int32, A], streamFrom[float32, A], streamFrom[float64, A]), j)
}

func stream3Typed[S, D gips.Pixel, A accum](j stream2, src []gips.Plane[S], dst []gips.Plane[D]) {
	comps := j.comps.([]comp3[A])
	w, h, nz := j.src.SizeX(), j.src.SizeY(), j.src.SizeZ()
	n := w * h
	st := newStorer[D, A](1)
	type ring struct {
		planes []A
		tags   []int
		span   int
		kz     taps[A]
	}
	rings := make([]ring, len(comps))
	for i, c := range comps {
		span := len(c.kz)
		rings[i] = ring{planes: make([]A, span*n), tags: make([]int, span), span: span, kz: newTaps(c.kz)}
	}
	zero := make([]A, n)
	loaded := newField[A](w, h, 1)
	acc, tmp := make([]A, n), make([]A, n)
	inv := A(1 / j.div)
	const seg = 4096 // plane segments combined in parallel
	for base := 0; base < len(src); base += nz {
		for i := range rings {
			for t := range rings[i].tags {
				rings[i].tags[t] = math.MinInt
			}
		}
		loadedZ := -1
		plane := func(i, e int) []A {
			s, ok := inside(e, nz, j.mode)
			if !ok {
				return zero // Constant with cval 0
			}
			rg := &rings[i]
			// A plane's xy filtering depends on its source plane alone: a
			// volume no thicker than the ring keeps one slot per source
			// plane, so the border's repeats are not filtered again.
			key := e
			if nz <= rg.span {
				key = s
			}
			slot := mod(key, rg.span)
			p := rg.planes[slot*n : (slot+1)*n]
			if rg.tags[slot] != key {
				if loadedZ != s {
					sp := src[base+s]
					par.For(h, max(1, 8192/max(w, 1)), func(lo, hi int) {
						for y := lo; y < hi; y++ {
							row, out := sp.Row(y), loaded.pix[y*w:(y+1)*w]
							for x, v := range row {
								out[x] = A(v)
							}
						}
					})
					loadedZ = s
				}
				copy(p, loaded.pix)
				f := field[A]{pix: p, w: w, h: h, d: 1}
				f.correlate(0, comps[i].kx, j.mode, 0)
				f.correlate(1, comps[i].ky, j.mode, 0)
				rg.tags[slot] = key
			}
			return p
		}
		for z := 0; z < nz; z++ {
			// Fill the rings first (sequentially: a plane's xy pass is
			// parallel inside), then combine in parallel segments.
			for i := range rings {
				r := len(rings[i].kz.half) - 1
				for k := -r; k <= r; k++ {
					plane(i, z+k)
				}
			}
			par.For((n+seg-1)/seg, 1, func(lo, hi int) {
				for sgm := lo; sgm < hi; sgm++ {
					a, b := sgm*seg, min(n, (sgm+1)*seg)
					for i := range rings {
						rg := &rings[i]
						out := acc[a:b]
						if i > 0 {
							out = tmp[a:b]
						}
						rg.kz.apply(out, func(k int) []A { return plane(i, z+k)[a:b] })
						switch {
						case j.how == normOf && i == 0:
							for x, v := range out {
								out[x] = v * v
							}
						case j.how == normOf:
							for x, v := range out {
								acc[a+x] += v * v
							}
						case i > 0:
							add(acc[a:b], out)
						}
					}
					if j.how == normOf {
						for x, v := range acc[a:b] {
							acc[a+x] = A(math.Sqrt(float64(v))) * inv
						}
					}
				}
			})
			d := dst[base+z]
			par.For(h, max(1, 8192/max(w, 1)), func(lo, hi int) {
				for y := lo; y < hi; y++ {
					st.store(d.Row(y), acc[y*w:(y+1)*w])
				}
			})
		}
	}
}
