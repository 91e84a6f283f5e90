package filter

import (
	"math"
	"slices"

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
	if gips.Overlap(src, dst) {
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
		// A volume no thicker than the kernel keeps one slot per source
		// plane (see plane), so the ring never outgrows the volume.
		span := min(len(c.kz), nz)
		rings[i] = ring{planes: make([]A, span*n), tags: make([]int, span), span: span, kz: newTaps(c.kz)}
	}
	// Components with the same x kernel (a Gaussian gradient's y and z
	// components both smooth along x first) share the x pass of a plane.
	xID := make([]int, len(comps))
	var xbuf [][]A
	var xsrc []int
	for i, c := range comps {
		xID[i] = len(xbuf)
		for k := range i {
			if slices.Equal(comps[k].kx, c.kx) {
				xID[i] = xID[k]
				break
			}
		}
		if xID[i] == len(xbuf) {
			xbuf, xsrc = append(xbuf, make([]A, n)), append(xsrc, -1)
		}
	}
	maxR := 0
	for _, c := range comps {
		maxR = max(maxR, len(c.kz)/2)
	}
	zero := make([]A, n)
	acc, tmp := make([]A, n), make([]A, n)
	inv := A(1 / j.div)
	const seg = 4096 // plane segments combined in parallel
	for base := 0; base < len(src); base += nz {
		for i := range rings {
			for t := range rings[i].tags {
				rings[i].tags[t] = math.MinInt
			}
		}
		for i := range xsrc {
			xsrc[i] = -1
		}
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
			if nz <= len(comps[i].kz) {
				key = s // rg.span is nz
			}
			slot := mod(key, rg.span)
			p := rg.planes[slot*n : (slot+1)*n]
			if rg.tags[slot] != key {
				if x := xID[i]; xsrc[x] != s {
					xPassFrom(xbuf[x], src[base+s], newTaps(comps[i].kx), j.mode)
					xsrc[x] = s
				}
				yPassInto(p, xbuf[xID[i]], w, h, newTaps(comps[i].ky), j.mode, zero[:w])
				rg.tags[slot] = key
			}
			return p
		}
		for z := 0; z < nz; z++ {
			// Fill the rings first (sequentially: a plane's xy pass is
			// parallel inside; plane by plane, so that components share
			// x passes), then combine in parallel segments.
			for k := -maxR; k <= maxR; k++ {
				for i := range rings {
					if r := len(rings[i].kz.half) - 1; k >= -r && k <= r {
						plane(i, z+k)
					}
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

// xPassFrom filters every row of source plane sp along x with t into dst
// (w·h values), converting to A as it extends the row (cval 0).
func xPassFrom[S gips.Pixel, A accum](dst []A, sp gips.Plane[S], t taps[A], mode Mode) {
	w, h := sp.Width, sp.Height
	r := len(t.half) - 1
	par.For(h, max(1, 8192/max(w, 1)), func(lo, hi int) {
		ext := make([]A, w+2*r)
		for y := lo; y < hi; y++ {
			extendLine(ext, sp.Row(y), r, mode, 0, false) // no Binary here (canStream)
			t.apply(dst[y*w:(y+1)*w], func(k int) []A { return ext[r+k : r+k+w] })
		}
	})
}

// yPassInto filters plane src (w·h values) along y with t into dst; rows
// beyond the border are read by mode, cvalRow in Constant mode. Each
// output row is independent, so rows are split among the workers.
func yPassInto[A accum](dst, src []A, w, h int, t taps[A], mode Mode, cvalRow []A) {
	r := len(t.half) - 1
	if r == 0 && t.half[0] == 1 {
		copy(dst, src)
		return
	}
	const strip = 1024
	par.For(h, max(1, 4096/max(w, 1)), func(lo, hi int) {
		for y := lo; y < hi; y++ {
			out := dst[y*w : (y+1)*w]
			for x0 := 0; x0 < w; x0 += strip {
				x1 := min(w, x0+strip)
				t.apply(out[x0:x1], func(k int) []A {
					s, ok := inside(y+k, h, mode)
					if !ok {
						return cvalRow[x0:x1]
					}
					return src[s*w+x0 : s*w+x1]
				})
			}
		}
	})
}
