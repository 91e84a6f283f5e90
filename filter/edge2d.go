package filter

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// edgeSpec is a 3x3 edge filter on a 2D image (Sobel, Prewitt, Scharr):
// smoothing [s0, s1, s0] across the derivative [-1, 0, 1].
type edgeSpec struct {
	s0, s1 float64
	axis   Axis
	div    float64 // the magnitude's divisor
}

// runEdge2D is the streamed path of the 3x3 edge filters on 2D images
// (see canStream): per source row, the x derivative d and the x
// smoothing s are computed once into a ring of three rows; each output
// row then needs one fused loop: gx = s0·d(y−1) + s1·d(y) + s0·d(y+1),
// gy = s(y+1) − s(y−1).
func runEdge2D[A accum](fn string, dst, src *gips.Image, e edgeSpec, c config) error {
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
	j := stream2{src: src, dst: dst, mode: c.mode, edge: &e}
	return gips.Dispatch(src.Type(), gips.AllKernels(streamFrom[uint8, A], streamFrom[int8, A], streamFrom[uint16, A], streamFrom[int16, A],
		streamFrom[uint32, A], streamFrom[int32, A], streamFrom[float32, A], streamFrom[float64, A]), j)
}

func edgeTyped[S, D gips.Pixel, A accum](j stream2, src []gips.Plane[S], dst []gips.Plane[D]) {
	e := j.edge
	w, h := j.src.SizeX(), j.src.SizeY()
	st := newStorer[D, A](1)
	s0, s1 := A(e.s0), A(e.s1)
	inv := A(1 / e.div)
	par.Bands(len(src), h, max(8, par.Grain(8*w)), func(p, y0, y1 int) {
		ext := make([]A, w+2)
		dr, sr := make([]A, 3*w), make([]A, 3*w)
		tags := [3]int{math.MinInt, math.MinInt, math.MinInt}
		zero := make([]A, w)
		// row gives the derivative and smoothing of source row e.
		row := func(e int) ([]A, []A) {
			s, ok := inside(e, h, j.mode)
			if !ok {
				return zero, zero // Constant with cval 0
			}
			slot := mod(e, 3)
			d, sm := dr[slot*w:(slot+1)*w], sr[slot*w:(slot+1)*w]
			if tags[slot] != e {
				extendLine(ext, src[p].Row(s), 1, j.mode, 0)
				l, m, r := ext[:w], ext[1:w+1], ext[2:w+2]
				for x := range d {
					d[x] = r[x] - l[x]
					sm[x] = s0*(l[x]+r[x]) + s1*m[x]
				}
				tags[slot] = e
			}
			return d, sm
		}
		acc := make([]A, w)
		for y := y0; y < y1; y++ {
			d0, sm0 := row(y - 1)
			d1, _ := row(y)
			d2, sm2 := row(y + 1)
			d0, d1, d2, sm0, sm2 = d0[:w], d1[:w], d2[:w], sm0[:w], sm2[:w]
			switch e.axis {
			case AxisX:
				for x := range acc {
					acc[x] = s0*(d0[x]+d2[x]) + s1*d1[x]
				}
			case AxisY:
				for x := range acc {
					acc[x] = sm2[x] - sm0[x]
				}
			default:
				for x := range acc {
					gx := s0*(d0[x]+d2[x]) + s1*d1[x]
					gy := sm2[x] - sm0[x]
					acc[x] = A(math.Sqrt(float64(gx*gx+gy*gy))) * inv
				}
			}
			st.store(dst[p].Row(y), acc)
		}
	})
}
