package transform

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// Orders 2 to 5 of a volume, z first: output plane z reads order+1
// coefficient planes; each coefficient row (z window, y) the band needs
// is combined along z once into a plane row (the z weights times whole
// rows: a vector loop), the order+1 plane rows of an output row along y
// (again whole rows), and that row along x at the output's x windows.
// Per output voxel that is about one multiply-add along z, two along y
// and order+1 along x when the zoom halves each axis, where the x-first
// order (separableRow) spent (order+1) per input row read, twice per row
// for a half zoom, plus (order+1)^2 per voxel to combine the rows. The
// sums group the same terms differently from scipy, so the result
// differs by rounding only (see separable.go); ZoomCoefs' slabs run the
// same code, so they stay the in-memory zoom bit for bit.

// zScratch is one band's z-combined rows, by coefficient row y.
type zScratch struct {
	rows map[int][]float64
	free [][]float64
	acc  []float64 // the output row combined along y, before x
}

// zrow is coefficient row y of v combined along z with the window tz
// (whole rows: the taps outside in GridConstant read cval).
func (s *zScratch) zrow(v *volume[float64], e *engine, tz *axisTap, nz, y int) []float64 {
	if r, ok := s.rows[y]; ok {
		return r
	}
	var r []float64
	if n := len(s.free); n > 0 {
		r, s.free = s.free[n-1], s.free[:n-1]
	} else {
		r = scratch.Get[float64](&resizePool, v.nx) // written in full below
	}
	if nz == 4 && tz.cv == 0 {
		a, b := v.rows[tz.idx[0]*v.ny+y], v.rows[tz.idx[1]*v.ny+y]
		c, d := v.rows[tz.idx[2]*v.ny+y], v.rows[tz.idx[3]*v.ny+y]
		comb4(r, a, b, c, d, tz.w[0], tz.w[1], tz.w[2], tz.w[3])
	} else {
		for x := range r {
			r[x] = 0
		}
		for k := range nz {
			w := tz.w[k]
			if tz.cv>>k&1 != 0 {
				for x := range r {
					r[x] += w * e.cval
				}
				continue
			}
			src := v.rows[tz.idx[k]*v.ny+y][:len(r)]
			for x, c := range src {
				r[x] += w * c
			}
		}
	}
	s.rows[y] = r
	return r
}

// reset forgets the rows, keeping their memory.
func (s *zScratch) reset() {
	for k, r := range s.rows {
		s.free = append(s.free, r)
		delete(s.rows, k)
	}
}

// release gives the rows and acc back to the pool; s is not used after.
func (s *zScratch) release() {
	s.reset()
	for _, r := range s.free {
		scratch.Put(&resizePool, r)
	}
	scratch.Put(&resizePool, s.acc)
	s.free, s.acc = nil, nil
}

// separableBand3 is separableBand for a volume: output rows [y0, y1) of
// plane z.
func separableBand3[D gips.Pixel](j *job, v *volume[float64], dp []gips.Plane[D], c, t, z, y0, y1 int, buf []float64) {
	m, e := j.m, &j.e
	out := dp[j.dst.Geometry().PlaneIndex(z, c, t)]
	tz, tabx := &m.tabs[2][z], m.tabs[0]
	nz, ny, nx := j.win[2], j.win[1], j.win[0]
	s := &zScratch{rows: map[int][]float64{}, acc: scratch.Get[float64](&resizePool, v.nx)} // comb4 writes acc in full
	defer s.release()
	acc := s.acc
	var rows [maxOrder + 1][]float64
	for y := y0; y < y1; y++ {
		ty := &m.tabs[1][y]
		if tz.zero || ty.zero {
			for x := range buf {
				buf[x] = e.cval
			}
			storeRow(out.Row(y), buf)
			continue
		}
		if len(s.rows) > 64 {
			s.reset()
		}
		// Along y: the rows outside (GridConstant) are cval.
		for i := range ny {
			if ty.cv>>i&1 == 0 {
				rows[i] = s.zrow(v, e, tz, nz, ty.idx[i])
			}
		}
		if ny == 4 && ty.cv == 0 {
			comb4(acc, rows[0], rows[1], rows[2], rows[3], ty.w[0], ty.w[1], ty.w[2], ty.w[3])
		} else {
			for x := range acc {
				acc[x] = 0
			}
			for i := range ny {
				w := ty.w[i]
				if ty.cv>>i&1 != 0 {
					for x := range acc {
						acc[x] += w * e.cval
					}
					continue
				}
				for x, c := range rows[i][:len(acc)] {
					acc[x] += w * c
				}
			}
		}
		// Along x, at the output's windows.
		for x := range buf {
			tx := &tabx[x]
			switch {
			case tx.zero:
				buf[x] = e.cval
			case tx.cv != 0:
				r := 0.0
				for l := range nx {
					if tx.cv>>l&1 != 0 {
						r += tx.w[l] * e.cval
					} else {
						r += tx.w[l] * acc[tx.idx[l]]
					}
				}
				buf[x] = r
			case nx == 4:
				buf[x] = tx.w[0]*acc[tx.idx[0]] + tx.w[1]*acc[tx.idx[1]] + tx.w[2]*acc[tx.idx[2]] + tx.w[3]*acc[tx.idx[3]]
			default:
				r := 0.0
				for l := range nx {
					r += tx.w[l] * acc[tx.idx[l]]
				}
				buf[x] = r
			}
		}
		storeRow(out.Row(y), buf)
	}
}
