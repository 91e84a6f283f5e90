package filter

import (
	"math"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// The 2D fast path of the filters that combine separable components
// (gradient magnitudes, Laplacians, one derivative): rows stream through
// a ring of x-filtered rows per component and each output row is stored
// as soon as the y kernels have run, so the image is read once and the
// output written once, with no image-sized intermediate (the general
// path's float field costs several passes over memory, which is what
// bounds these cheap kernels).
//
// It filters along x before y where scipy goes y then x: the same sums,
// except in Constant mode with a nonzero cval, where scipy's second pass
// reads cval beyond the border of the first pass's output. Such calls,
// and Binary inputs (read as 0/1), take the general path.

// comp2 is one component: kernel kx along x, then ky along y.
type comp2[A accum] struct{ kx, ky []A }

// combine says how components make the output.
type combine int

const (
	sumOf  combine = iota // Σ components (Laplacians; one component alone)
	normOf                // sqrt(Σ components²) / div (gradient magnitudes)
	meanOf                // one component's integer sums, div their count: the exact mean (stream3d.go)
)

type stream2 struct {
	src, dst *gips.Image
	mode     Mode
	how      combine
	div      float64
	comps    any       // []comp2[A]
	edge     *edgeSpec // set: the fused 3x3 edge kernel instead of comps
	vol      bool      // comps are []comp3[A]: stream planes
}

// canStream reports whether the streamed paths (2D and 3D) give the
// general path's result for this input and border.
func canStream(src *gips.Image, c config) bool {
	return src.Type() != gips.Binary && (c.mode != Constant || c.cval == 0)
}

// streamComps runs the streamed path for components given as kernels
// along x, y and z (nil: none; z ignored for a 2D image).
func streamComps[A accum](fn string, dst, src *gips.Image, comps [][3][]A, how combine, div float64, c config) error {
	if src.Geometry().Volume {
		c3 := make([]comp3[A], len(comps))
		for i, k := range comps {
			c3[i] = comp3[A]{orOne(k[0]), orOne(k[1]), orOne(k[2])}
		}
		return runStream3D(fn, dst, src, c3, how, div, c)
	}
	c2 := make([]comp2[A], len(comps))
	for i, k := range comps {
		c2[i] = comp2[A]{orOne(k[0]), orOne(k[1])}
	}
	return runStream2D(fn, dst, src, c2, how, div, c)
}

// runStream2D filters src into dst (same sizes, checked by the caller's
// volumes-style checks) with the components.
func runStream2D[A accum](fn string, dst, src *gips.Image, comps []comp2[A], how combine, div float64, c config) error {
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
	j := stream2{src: src, dst: dst, mode: c.mode, how: how, div: div, comps: comps}
	return gips.Dispatch(src.Type(), gips.AllKernels(streamFrom[uint8, A], streamFrom[int8, A], streamFrom[uint16, A], streamFrom[int16, A],
		streamFrom[uint32, A], streamFrom[int32, A], streamFrom[float32, A], streamFrom[float64, A]), j)
}

func streamFrom[S gips.Pixel, A accum](j stream2) error {
	return gips.Dispatch(j.dst.Type(), gips.AllKernels(streamTyped[S, uint8, A], streamTyped[S, int8, A], streamTyped[S, uint16, A], streamTyped[S, int16, A],
		streamTyped[S, uint32, A], streamTyped[S, int32, A], streamTyped[S, float32, A], streamTyped[S, float64, A]), j)
}

func streamTyped[S, D gips.Pixel, A accum](j stream2) error {
	src, err := gips.Planes[S](j.src)
	if err != nil {
		return err
	}
	dst, err := gips.WritablePlanes[D](j.dst)
	if err != nil {
		return err
	}
	switch {
	case j.edge != nil && j.vol:
		edge3Typed[S, D, A](j, src, dst)
		return nil
	case j.edge != nil:
		edgeTyped[S, D, A](j, src, dst)
		return nil
	case j.vol:
		stream3Typed[S, D, A](j, src, dst)
		return nil
	}
	comps := j.comps.([]comp2[A])
	w, h := j.src.SizeX(), j.src.SizeY()
	st := newStorer[D, A](1)
	maxRy, maxRx := 0, 0
	for _, c := range comps {
		maxRy, maxRx = max(maxRy, len(c.ky)/2), max(maxRx, len(c.kx)/2)
	}
	rowBytes := w * int(unsafe.Sizeof(A(0))) * len(comps)
	par.Bands(len(src), h, max(2*(2*maxRy+1), par.Grain(rowBytes)), func(p, y0, y1 int) {
		// Every row of the band comes from one pooled buffer (ringScratch):
		// made afresh, the rings of a 4096x4096 Laplacian of Gaussian
		// (17 rows of each component, 0.5 MB a band) faulted in about 1500
		// pages a call, 10 us each on the bench's VM. Rows are written
		// before they are read (a ring row before its tag names it, acc
		// and tmp by ky.apply); zero is cleared.
		size := w + 2*maxRx + 3*w
		for _, c := range comps {
			size += min(len(c.ky), h) * w
		}
		buf := scratch.Get[A](&ringScratch, size)
		defer scratch.Put(&ringScratch, buf)
		carve := func(n int) []A {
			s := buf[:n:n]
			buf = buf[n:]
			return s
		}
		ext := carve(w + 2*maxRx)
		zero := carve(w)
		clear(zero)
		type ring struct {
			rows []A
			tags []int
			span int
			kx   taps[A]
			ky   taps[A]
			rx   int
		}
		rings := make([]ring, len(comps))
		for i, c := range comps {
			span := min(len(c.ky), h) // an image no taller than the kernel: one slot per row
			rings[i] = ring{rows: carve(span * w), tags: make([]int, span), span: span, kx: newTaps(c.kx), ky: newTaps(c.ky), rx: len(c.kx) / 2}
			for t := range rings[i].tags {
				rings[i].tags[t] = math.MinInt
			}
		}
		extRow := -1 << 62 // the source row in ext
		get := func(rg *ring, e int) []A {
			s, ok := inside(e, h, j.mode)
			if !ok {
				return zero // Constant with cval 0 (canStream)
			}
			key := e
			if rg.span == h {
				key = s // one slot per source row: its x filtering depends on it alone
			}
			slot := mod(key, rg.span)
			row := rg.rows[slot*w : (slot+1)*w]
			if rg.tags[slot] != key {
				if extRow != s {
					extendLine(ext, src[p].Row(s), maxRx, j.mode, 0, false) // no Binary here (canStream)
					extRow = s
				}
				off := maxRx - rg.rx
				rg.kx.apply(row, func(k int) []A { return ext[off+rg.rx+k : off+rg.rx+k+w] })
				rg.tags[slot] = key
			}
			return row
		}
		acc, tmp := carve(w), carve(w)
		inv := A(1 / j.div)
		for y := y0; y < y1; y++ {
			for i := range rings {
				rg := &rings[i]
				r := len(rg.ky.half) - 1
				out := acc
				if i > 0 {
					out = tmp
				}
				rg.ky.apply(out, func(k int) []A {
					if k < -r || k > r {
						return zero
					}
					return get(rg, y+k)
				})
				if j.how == normOf {
					if i == 0 {
						for x, v := range acc {
							acc[x] = v * v
						}
					} else {
						for x, v := range tmp {
							acc[x] += v * v
						}
					}
				} else if i > 0 {
					add(acc, tmp)
				}
			}
			if j.how == normOf {
				for x, v := range acc {
					acc[x] = A(math.Sqrt(float64(v))) * inv
				}
			}
			st.store(dst[p].Row(y), acc)
		}
	})
	return nil
}
