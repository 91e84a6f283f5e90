package morpho

import (
	"math/bits"
	"slices"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The fast path of every other footprint (disk, diamond, ball,
// octahedron, line, any array), in the manner of box.go: read straight
// from the planes, written straight into the output's, whole-row vector
// minima (rowops.go) on data in cache. A footprint is its runs (plan.go):
// per (dy, dz) line, segments of n consecutive x offsets starting at dx.
// Each source row a worker reads is extended by the border mode once and
// its running minima of every run length the footprint needs are made
// once (log2(n) doublings of the whole row, shared by all lengths, then
// one more minimum per length that is not a power of two); each output row
// is then the minimum of the shifted slices of those rows, one per run
// (two or three at a time). So a disk of radius r costs about log2(r) + 2r
// whole-row minima per output row however the row is read, and a ball
// that much per z line. A worker streams down a band of rows of one plane
// keeping, per z offset, a ring of the last rows of running minima (the
// footprint's height), so that each source row is prepared once per band
// and z offset.

// lgroup is the lines of a plan that share a z offset.
type lgroup struct {
	dz         int
	lines      []sline
	dyLo, dyHi int
	lens       []int // run lengths prepared per row (3 and more, or 3 used more than once)
	levels     int   // doublings needed: 2^levels <= the longest length
}

// direct says whether a run of n is read as n shifted slices of the
// extended row instead of a prepared running minimum: lengths 1 and 2
// always, 3 when only one run has it.
func direct(n, uses int) bool { return n <= 2 || n == 3 && uses == 1 }

func groupPlan(p plan) []lgroup {
	var gs []lgroup
	idx := map[int]int{}
	for _, ln := range p.lines {
		i, ok := idx[ln.dz]
		if !ok {
			i = len(gs)
			idx[ln.dz] = i
			gs = append(gs, lgroup{dz: ln.dz, dyLo: ln.dy, dyHi: ln.dy})
		}
		g := &gs[i]
		g.lines = append(g.lines, ln)
		g.dyLo, g.dyHi = min(g.dyLo, ln.dy), max(g.dyHi, ln.dy)
	}
	for i := range gs {
		g := &gs[i]
		uses := map[int]int{}
		for _, ln := range g.lines {
			for _, rn := range ln.runs {
				uses[rn.n]++
			}
		}
		for n, u := range uses {
			if !direct(n, u) {
				g.lens = append(g.lens, n)
				g.levels = max(g.levels, bits.Len(uint(n))-1)
			}
		}
		slices.Sort(g.lens)
	}
	return gs
}

// lrow is one source row ready to read: the row extended by the mode
// (ext) and its running minima of each of the group's lengths.
type lrow[T gips.Pixel] struct {
	ext  []T
	mins [][]T // mins[i][x] = min(ext[x : x+lens[i]])
	own  [][]T // the buffers of ext and mins when the row is not cval
}

// appendReads appends to reads the slices of r that runs read for an
// output row of nx pixels: a run's prepared running minimum when lens
// has its length, else the run's shifted slices of the extended row.
func (r *lrow[T]) appendReads(reads [][]T, runs []run, lens []int, before, nx int) [][]T {
	for _, rn := range runs {
		at := before + rn.dx
		if i := slices.Index(lens, rn.n); i >= 0 {
			reads = append(reads, r.mins[i][at:at+nx])
			continue
		}
		for k := range rn.n {
			reads = append(reads, r.ext[at+k:at+k+nx])
		}
	}
	return reads
}

// linesFilter writes into dst the minimum (maximum when hi) of src over
// the plan p (made with reflect = hi for a dilation), border mode m and
// constant cval, calling post (when not nil) on each output row once it
// is written. dst and src must not overlap.
func linesFilter[T gips.Pixel](dst, src vview[T], d nbhd.Dims, p plan, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) error {
	if ok, err := diagFilter(dst, src, d, p, hi, m, cval, post); ok {
		return err
	}
	nx, ny, nz := d.NX, d.NY, d.NZ
	gs := groupPlan(p)
	if len(gs) > 1 {
		if sharedPays(p) {
			return lines3z(dst, src, d, p, hi, m, cval, post)
		}
		return lines3(dst, src, d, p, hi, m, cval, post)
	}
	if gs[0].dyHi-gs[0].dyLo >= 8 { // tall: tiles of columns keep the ring in cache
		return lines3z(dst, src, d, p, hi, m, cval, post)
	}
	E := nx + p.before + p.after
	cv := cvalRow(E, cval)
	nb := 1
	if nz < 8 { // bands of rows, so that a single plane keeps every worker busy
		nb = min(ny, (8+nz-1)/nz)
	}
	band := (ny + nb - 1) / nb
	nb = (ny + band - 1) / band
	maxLevels, nrows := 0, 0
	for _, g := range gs {
		maxLevels = max(maxLevels, g.levels)
		nrows += (g.dyHi - g.dyLo + 1) * (1 + len(g.lens))
	}
	return nbhd.Parallel(nz*nb, 1, func(lo, hi2 int) {
		rc := carveRows[T](nrows+maxLevels, E)
		defer rc.release()
		rings := make([][]lrow[T], len(gs))
		for gi, g := range gs {
			rings[gi] = make([]lrow[T], g.dyHi-g.dyLo+1)
			for k := range rings[gi] {
				r := &rings[gi][k]
				r.own = make([][]T, 1+len(g.lens))
				for j := range r.own {
					r.own[j] = rc.row()
				}
				r.mins = make([][]T, len(g.lens))
			}
		}
		lev := make([][]T, maxLevels+1)
		for k := 1; k <= maxLevels; k++ {
			lev[k] = rc.row()
		}
		var reads [][]T
		for t := lo; t < hi2; t++ {
			z, y0 := t/nb, (t%nb)*band
			y1 := min(y0+band, ny)
			for gi, g := range gs {
				zz, okz := border.Index(z+g.dz, nz, m)
				R := len(rings[gi])
				for s := y0 + g.dyLo; s < y0+g.dyHi; s++ { // all but the last row the first output reads
					prepRow(&rings[gi][mod(s, R)], g, src, s, zz, okz, ny, p.before, m, cval, cv, lev, hi)
				}
			}
			for y := y0; y < y1; y++ {
				reads = reads[:0]
				for gi, g := range gs {
					zz, okz := border.Index(z+g.dz, nz, m)
					R := len(rings[gi])
					s := y + g.dyHi
					prepRow(&rings[gi][mod(s, R)], g, src, s, zz, okz, ny, p.before, m, cval, cv, lev, hi)
					for _, ln := range g.lines {
						r := &rings[gi][mod(y+ln.dy, R)]
						reads = r.appendReads(reads, ln.runs, g.lens, p.before, nx)
					}
				}
				reduceRows(dst.row(y, z), reads, hi)
				if post != nil {
					post(y, z, dst.row(y, z))
				}
			}
		}
	})
}

func mod(a, n int) int { return ((a % n) + n) % n }

// prepRow fills r with source row s of plane zz (cval beyond the border in
// Constant mode): the row extended by before pixels ahead (and the rest
// behind) and its running minima (maxima when hi), made by doubling in
// lev (scratch rows).
func prepRow[T gips.Pixel](r *lrow[T], g lgroup, src vview[T], s, zz int, okz bool, ny, before int, m gips.BorderMode, cval T, cv []T, lev [][]T, hi bool) {
	j, ok := border.Index(s, ny, m)
	if !ok || !okz {
		r.ext = cv
		for i := range r.mins {
			r.mins[i] = cv
		}
		return
	}
	r.ext = r.own[0]
	extendRow(r.ext, src.row(j, zz), before, m, cval)
	fillMins(r, g, lev, hi)
}

// fillMins makes the running minima (maxima when hi) of r.ext of each of
// g's lengths, by doubling in lev (scratch rows at least as long).
func fillMins[T gips.Pixel](r *lrow[T], g lgroup, lev [][]T, hi bool) {
	if len(g.lens) == 0 {
		return
	}
	E := len(r.ext)
	lev[0] = r.ext
	for k := 1; k <= g.levels; k++ { // lev[k][x] = min(ext[x : x+2^k])
		h := 1 << (k - 1)
		mm2(lev[k][:E-2*h+1], lev[k-1], lev[k-1][h:], hi)
	}
	for i, n := range g.lens {
		k := bits.Len(uint(n)) - 1
		out := r.own[1+i][:E-n+1]
		if n == 1<<k {
			copy(out, lev[k][:len(out)])
		} else {
			mm2(out, lev[k], lev[k][n-1<<k:], hi)
		}
		r.mins[i] = out
	}
}
