package filter

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// edgeSpec is a 3x3 edge filter on a 2D image (Sobel, Prewitt, Scharr):
// smoothing [s0, s1, s0] across the derivative [-1, 0, 1].
type edgeSpec struct {
	s0, s1 float64
	axis   Axis
	div    float64 // the magnitude's divisor
}

// runEdge is the streamed path of the 3x3 edge filters (see canStream),
// on volumes by edge3Typed. On 2D images, per source row, the x derivative d and the x
// smoothing s are computed once into a ring of three rows; each output
// row then needs one fused loop: gx = s0·d(y−1) + s1·d(y) + s0·d(y+1),
// gy = s(y+1) − s(y−1).
func runEdge[A accum](fn string, dst, src *gips.Image, e edgeSpec, c config) error {
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
	j := stream2{src: src, dst: dst, mode: c.mode, edge: &e, vol: src.Geometry().Volume}
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
		// The band's rows come from ringScratch (see ring.go's run: made
		// afresh, a 4096x4096 Sobel faulted in over 300 pages a call).
		// Each is written before it is read; zero is cleared.
		buf := scratch.Get[A](&ringScratch, 9*w+2)
		defer scratch.Put(&ringScratch, buf)
		ext, dr, sr := buf[:w+2], buf[w+2:4*w+2], buf[4*w+2:7*w+2]
		zero, acc := buf[7*w+2:8*w+2], buf[8*w+2:9*w+2]
		clear(zero)
		tags := [3]int{math.MinInt, math.MinInt, math.MinInt}
		// row gives the derivative and smoothing of source row e.
		row := func(e int) ([]A, []A) {
			s, ok := inside(e, h, j.mode)
			if !ok {
				return zero, zero // Constant with cval 0
			}
			slot := mod(e, 3)
			d, sm := dr[slot*w:(slot+1)*w], sr[slot*w:(slot+1)*w]
			if tags[slot] != e {
				extendLine(ext, src[p].Row(s), 1, j.mode, 0, false) // no Binary here (canStream)
				edgeLine(d, sm, ext[:w], ext[1:w+1], ext[2:w+2], s0, s1)
				tags[slot] = e
			}
			return d, sm
		}
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
				edgeMag(acc, d0, d1, d2, sm0, sm2, s0, s1, inv)
			}
			st.store(dst[p].Row(y), acc)
		}
	})
}

// edge3Typed is the streamed 3x3x3 edge filter of volumes: for each
// source plane, one pass over its rows gives the three xy-filtered planes
// the components need (a = smoothed along y of the x derivative, b = y
// derivative of the x smoothing, c = smoothed along y of the x smoothing),
// kept in a ring of three planes; each output plane is then one fused loop
// along z: gx = s0·(a(z−1) + a(z+1)) + s1·a(z), likewise gy from b, and
// gz = c(z+1) − c(z−1).
func edge3Typed[S, D gips.Pixel, A accum](j stream2, src []gips.Plane[S], dst []gips.Plane[D]) {
	e := j.edge
	w, h, nz := j.src.SizeX(), j.src.SizeY(), j.src.SizeZ()
	n := w * h
	st := newStorer[D, A](1)
	s0, s1 := A(e.s0), A(e.s1)
	inv := A(1 / e.div)
	// slot k: a, b, c planes at 3k, 3k+1, 3k+2, each written in full
	// before it is read; then a plane of zeros (Constant's outside)
	ring := scratch.Get[A](&ringScratch, 10*n)
	defer scratch.Put(&ringScratch, ring)
	zero := ring[9*n:]
	clear(zero)
	rowGrain := max(4, par.Grain(8*w))
	for base := 0; base < len(src); base += nz {
		tags := [3]int{math.MinInt, math.MinInt, math.MinInt}
		planes := func(ez int) (pa, pb, pc []A) {
			s, ok := inside(ez, nz, j.mode)
			if !ok {
				return zero, zero, zero // Constant with cval 0
			}
			slot := mod(ez, 3)
			pa, pb, pc = ring[(3*slot)*n:(3*slot+1)*n], ring[(3*slot+1)*n:(3*slot+2)*n], ring[(3*slot+2)*n:(3*slot+3)*n]
			if tags[slot] == ez {
				return
			}
			tags[slot] = ez
			sp := src[base+s]
			par.Bands(1, h, rowGrain, func(_, y0, y1 int) {
				// a band's rows, from the pool: a plane's bands made
				// fresh were 130 MB of garbage a call on a 512² x 256
				// volume, whose collection and scavenging cost page faults
				rows := scratch.Get[A](&ringScratch, 8*w+2)
				defer scratch.Put(&ringScratch, rows)
				ext := rows[:w+2]
				dr, sr := rows[w+2:4*w+2], rows[4*w+2:7*w+2]
				rt := [3]int{math.MinInt, math.MinInt, math.MinInt}
				zr := rows[7*w+2:]
				clear(zr)
				row := func(ey int) ([]A, []A) {
					sy, ok := inside(ey, h, j.mode)
					if !ok {
						return zr, zr
					}
					k := mod(ey, 3)
					d, sm := dr[k*w:(k+1)*w], sr[k*w:(k+1)*w]
					if rt[k] != ey {
						extendLine(ext, sp.Row(sy), 1, j.mode, 0, false)
						edgeLine(d, sm, ext[:w], ext[1:w+1], ext[2:w+2], s0, s1)
						rt[k] = ey
					}
					return d, sm
				}
				for y := y0; y < y1; y++ {
					d0, sm0 := row(y - 1)
					d1, sm1 := row(y)
					d2, sm2 := row(y + 1)
					d0, d1, d2, sm0, sm1, sm2 = d0[:w], d1[:w], d2[:w], sm0[:w], sm1[:w], sm2[:w]
					ra, rb, rc := pa[y*w:(y+1)*w], pb[y*w:(y+1)*w], pc[y*w:(y+1)*w]
					for x := range ra {
						ra[x] = s0*(d0[x]+d2[x]) + s1*d1[x]
						rb[x] = sm2[x] - sm0[x]
						rc[x] = s0*(sm0[x]+sm2[x]) + s1*sm1[x]
					}
				}
			})
			return
		}
		for z := 0; z < nz; z++ {
			a0, b0, c0 := planes(z - 1)
			a1, b1, _ := planes(z)
			a2, b2, c2 := planes(z + 1)
			d := dst[base+z]
			par.For(h, rowGrain, func(lo, hi int) {
				// acc from the pool too: a row made per chunk was 5 MiB
				// of garbage a call on a 512² x 256 volume, and the
				// pages the collector gave back faulted again (1440 a
				// call, in this loop). At least 1024 elements: smaller
				// than the pool's least size (4 KiB), Get would make it.
				acc := scratch.Get[A](&ringScratch, max(w, 1024))[:w]
				defer scratch.Put(&ringScratch, acc)
				for y := lo; y < hi; y++ {
					o := y * w
					A0, A1, A2 := a0[o:o+w], a1[o:o+w], a2[o:o+w]
					B0, B1, B2 := b0[o:o+w], b1[o:o+w], b2[o:o+w]
					C0, C2 := c0[o:o+w], c2[o:o+w]
					switch e.axis {
					case AxisX:
						for x := range acc {
							acc[x] = s0*(A0[x]+A2[x]) + s1*A1[x]
						}
					case AxisY:
						for x := range acc {
							acc[x] = s0*(B0[x]+B2[x]) + s1*B1[x]
						}
					case AxisZ:
						for x := range acc {
							acc[x] = C2[x] - C0[x]
						}
					default:
						for x := range acc {
							gx := s0*(A0[x]+A2[x]) + s1*A1[x]
							gy := s0*(B0[x]+B2[x]) + s1*B1[x]
							gz := C2[x] - C0[x]
							acc[x] = A(math.Sqrt(float64(gx*gx+gy*gy+gz*gz))) * inv
						}
					}
					st.store(d.Row(y), acc)
				}
			})
		}
	}
}
