package morpho

import (
	"slices"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// lines3 is linesFilter for a footprint with several z offsets (ball,
// octahedron, 3D cross, 3D arrays). Streaming down the rows of one plane
// (linesFilter) would prepare each source row once per z offset; here a
// worker takes a band of rows through every plane instead, in z order,
// keeping the prepared rows of the band in the planes the footprint
// reaches (a ring of planes), so that each source row is prepared once per
// band, whatever the footprint's depth.
func lines3[T gips.Pixel](dst, src vview[T], d nbhd.Dims, p plan, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) error {
	nx, ny, nz := d.NX, d.NY, d.NZ
	all := p
	all.lines = slices.Clone(p.lines)
	for i := range all.lines { // one group: every line, whatever its dz
		all.lines[i].dz = 0
	}
	g := groupPlan(all)[0]
	dzLo, dzHi := p.lines[0].dz, p.lines[0].dz
	for _, ln := range p.lines {
		dzLo, dzHi = min(dzLo, ln.dz), max(dzHi, ln.dz)
	}
	Rz, H := dzHi-dzLo+1, g.dyHi-g.dyLo+1
	E := nx + p.before + p.after
	cv := cvalRow(E, cval)
	var z0 T
	perRow := Rz * (1 + len(g.lens)) * E * int(unsafe.Sizeof(z0))
	band := max(8, (1<<20)/max(perRow, 1)-(H-1))
	band = min(band, max(1, (ny+1)/2), ny) // two tasks at least, for two workers
	nb := (ny + band - 1) / band
	return nbhd.Parallel(nb, 1, func(lo, hi2 int) {
		rows := band + H - 1
		rc := carveRows[T](Rz*rows*(1+len(g.lens))+g.levels, E)
		defer rc.release()
		ring := make([][]lrow[T], Rz) // ring[e mod Rz][k]: source row y0+dyLo+k of plane e
		for i := range ring {
			ring[i] = make([]lrow[T], rows)
			for k := range ring[i] {
				r := &ring[i][k]
				r.own = make([][]T, 1+len(g.lens))
				for j := range r.own {
					r.own[j] = rc.row()
				}
				r.mins = make([][]T, len(g.lens))
			}
		}
		lev := make([][]T, g.levels+1)
		for k := 1; k <= g.levels; k++ {
			lev[k] = rc.row()
		}
		var reads [][]T
		for t := lo; t < hi2; t++ {
			y0 := t * band
			y1 := min(y0+band, ny)
			n := y1 - y0 + H - 1
			prep := func(e int) { // plane e (extended index) of the band
				zz, okz := border.Index(e, nz, m)
				for k := range n {
					prepRow(&ring[mod(e, Rz)][k], g, src, y0+g.dyLo+k, zz, okz, ny, p.before, m, cval, cv, lev, hi)
				}
			}
			for e := dzLo; e < dzHi; e++ {
				prep(e)
			}
			for z := range nz {
				prep(z + dzHi)
				for y := y0; y < y1; y++ {
					reads = reads[:0]
					for _, ln := range p.lines {
						r := &ring[mod(z+ln.dz, Rz)][y+ln.dy-y0-g.dyLo]
						reads = r.appendReads(reads, ln.runs, g.lens, p.before, nx)
					}
					reduceRows(dst.row(y, z), reads, hi)
					if post != nil {
						post(y, z, dst.row(y, z))
					}
				}
			}
		}
	})
}
