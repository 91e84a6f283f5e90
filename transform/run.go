package transform

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// mapping says where each output pixel reads in the input: per-axis
// tables (zoom and shift, whose axes are independent) or an affine map in
// numpy axis order (affine, rotate).
type mapping struct {
	tabs [3][]axisTap // x, y, z: the window of each output index (separable maps)
	// in[h] = off[h] + sum over l of out[l] * mat[h][l], h and l in numpy
	// order ((y, x) or (z, y, x)), summed in that order as scipy does.
	mat [3][3]float64
	off [3]float64
	// ident marks axes (x, y, z) that the affine map leaves alone: output
	// index k reads input index k with one tap and no prefilter, as scipy
	// rotates a volume plane by plane.
	ident [3]bool
	// coords reads, for MapCoordinates, the input point of each output
	// pixel: coordinate images along x, y, z.
	coords [3]coordReader
}

// job is one transform of src into dst.
type job struct {
	dst, src *gips.Image
	e        engine
	m        *mapping
	rank     int    // 2 or 3
	n        [3]int // input samples along x, y, z, padding included
	pad      [3]int // padding of the coefficient volume along x, y, z
	win      [3]int // window length along x, y, z
}

func newJob(dst, src *gips.Image, c config, m *mapping) *job {
	g := src.Geometry()
	j := &job{dst: dst, src: src, e: newEngine(c.order, c.mode, c.cval), m: m, rank: 2}
	if g.Volume {
		j.rank = 3
	}
	for a := range 3 {
		if (a < 2 || j.rank == 3) && !m.ident[a] {
			j.pad[a] = j.e.npad
		}
		j.n[a] = [3]int{g.SizeX, g.SizeY, g.SizeZ}[a] + 2*j.pad[a]
		j.win[a] = j.e.order + 1
		if m.ident[a] {
			j.win[a] = 1
		}
	}
	return j
}

// table is the per-index windows along axis a (0 = x) for coordinates
// coord(k), k < n.
func (j *job) table(a, n int, coord func(k int) float64) []axisTap {
	return j.tableInto(make([]axisTap, n), a, coord)
}

// tableInto is table into t (len(t) windows; tap sets every field).
func (j *job) tableInto(t []axisTap, a int, coord func(k int) float64) []axisTap {
	for k := range t {
		t[k] = axisTap{} // a pooled table's old windows
		j.e.tap(coord(k), j.n[a], j.pad[a], &t[k])
	}
	return t
}

func (j *job) run() error {
	return gips.Dispatch(j.src.Type(), gips.AllKernels(runFrom[uint8], runFrom[int8], runFrom[uint16], runFrom[int16],
		runFrom[uint32], runFrom[int32], runFrom[float32], runFrom[float64]), j)
}

func runFrom[S gips.Pixel](j *job) error {
	return gips.Dispatch(j.dst.Type(), gips.AllKernels(runTyped[S, uint8], runTyped[S, int8], runTyped[S, uint16], runTyped[S, int16],
		runTyped[S, uint32], runTyped[S, int32], runTyped[S, float32], runTyped[S, float64]), j)
}

func runTyped[S, D gips.Pixel](j *job) error {
	sp, err := gips.Planes[S](j.src)
	if err != nil {
		return err
	}
	dp, err := gips.WritablePlanes[D](j.dst)
	if err != nil {
		return err
	}
	g := j.src.Geometry()
	for t := 0; t < g.SizeT; t++ {
		for c := 0; c < g.SizeC; c++ {
			v := sourceVolume(sp, g, c, t)
			switch {
			case affineFast(j) && j.e.order > 1:
				err = tiledVolume(j, coefficients(v, &j.e, j.pad, j.m.ident), dp, c, t)
			case affineFast(j):
				err = tiledVolume(j, v, dp, c, t)
			case j.e.order > 1 && j.m.tabs[0] != nil:
				cv := coefficients(v, &j.e, j.pad, j.m.ident)
				og := j.dst.Geometry()
				err = bands(og.SizeZ, og.SizeY, og.SizeX*8*(j.e.order+1), func(z, y0, y1 int) {
					// The band's rows from the pool, as transformVolume's.
					buf, rc := scratch.Get[float64](&resizePool, og.SizeX), newRowCache()
					defer scratch.Put(&resizePool, buf)
					defer rc.release()
					separableBand(j, cv, dp, c, t, z, y0, y1, buf, rc)
				})
				putCoefficients(cv)
			case j.e.order > 1:
				cv := coefficients(v, &j.e, j.pad, j.m.ident)
				err = transformVolume(j, cv, dp, c, t)
				putCoefficients(cv)
			default:
				err = transformVolume(j, v, dp, c, t)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// transformVolume fills the output volume (c, t) from v.
func transformVolume[S, D gips.Pixel](j *job, v *volume[S], dp []gips.Plane[D], c, t int) error {
	og := j.dst.Geometry()
	e := &j.e
	cost := og.SizeX * 8 * (e.order + 1) * (e.order + 1)
	if j.rank == 3 {
		cost *= e.order + 1
	}
	lin := linTaps(j.m.tabs[0], e.order)
	if lin != nil {
		defer scratch.Put(&resizePool, lin)
	}
	il := newIntLin[S](j, lin)
	var gt *gatherTaps
	if zoomGather && lin != nil && j.m.tabs[0] != nil && j.rank == 2 {
		gt = newGatherTaps(lin)
	}
	if gt != nil {
		defer gt.release()
	}
	// A band's rows come from the pool (each row function writes them
	// before it reads them): bands are short (a part makes some sixteen
	// chunks a worker), and made afresh a 4096² float32 zoom by 2 (8192
	// columns, 400 KiB a band) faulted 300 pages a call, 2-4 ms of system
	// time in a call of 30.
	return bands(og.SizeZ, og.SizeY, cost, func(z, y0, y1 int) {
		out := dp[og.PlaneIndex(z, c, t)]
		m := j.m
		var tx, ty, tz axisTap
		buf := scratch.Get[float64](&resizePool, og.SizeX)
		defer scratch.Put(&resizePool, buf)
		var ls *linScratch
		var acc []int32
		if il != nil {
			acc = scratch.Get[int32](&resizePool, v.nx)
			defer scratch.Put(&resizePool, acc)
		}
		zlin := lin != nil && m.tabs[0] != nil
		if zlin {
			ls = newLinScratch(v.nx, 2*(j.rank-1))
			defer ls.release()
		}
		var gc *gatherCache
		if gt != nil {
			gc = newGatherCache(og.SizeX)
			defer gc.release()
		}
		for y := y0; y < y1; y++ {
			row := out.Row(y)
			switch {
			case il != nil && j.rank == 2 && intRow2(il, v, &m.tabs[1][y], acc, row, buf):
			case il != nil && j.rank == 3 && intRow3(il, v, &m.tabs[2][z], &m.tabs[1][y], acc, row, buf):
			case gt != nil && zoomGatherRow2(v, e, &m.tabs[1][y], m.tabs[0], gt, gc, row, buf):
			case zlin && j.rank == 2 && zoomLinRow2(v, e, &m.tabs[1][y], m.tabs[0], lin, ls, row, buf):
			case zlin && j.rank == 3 && zoomLinRow3(v, e, &m.tabs[2][z], &m.tabs[1][y], m.tabs[0], lin, &j.win, ls, row, buf):
			case m.tabs[0] != nil && j.rank == 2:
				zoomRow2(v, e, &m.tabs[1][y], m.tabs[0], lin, buf)
				storeRow(row, buf)
			case m.tabs[0] != nil:
				zoomRow3(v, e, &m.tabs[2][z], &m.tabs[1][y], m.tabs[0], &j.win, buf)
				storeRow(row, buf)
			default: // a volume rotated in xz or yz (tiledVolume does the rest)
				fz, fy := float64(z), float64(y)
				for x := range row {
					fx := float64(x)
					cz := fz*m.mat[0][0] + fy*m.mat[0][1] + fx*m.mat[0][2] + m.off[0]
					cy := fz*m.mat[1][0] + fy*m.mat[1][1] + fx*m.mat[1][2] + m.off[1]
					cx := fz*m.mat[2][0] + fy*m.mat[2][1] + fx*m.mat[2][2] + m.off[2]
					j.tap3(2, cz, z, &tz)
					j.tap3(1, cy, y, &ty)
					j.tap3(0, cx, x, &tx)
					row[x] = store[D](sample3(v, e, &tz, &ty, &tx, &j.win))
				}
			}
		}
	})
}

// tap3 is the window along axis a at coordinate cc, or for an axis the
// map leaves alone the single sample k.
func (j *job) tap3(a int, cc float64, k int, t *axisTap) {
	if j.m.ident[a] {
		*t = axisTap{}
		t.idx[0], t.w[0] = k, 1
		return
	}
	j.e.tap(cc, j.n[a], j.pad[a], t)
}
