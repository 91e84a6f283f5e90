package transform

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// The prefilter of a coefficient volume (coefficients) in two sweeps over
// its memory instead of four: the fill and the filter along z together,
// over bands of columns (a band of one padded row's columns across every
// plane, filled straight from the input into a buffer that stays in
// cache, filtered, and written once), then the filters along y and x
// plane by plane (y in bands of columns in place, x eight rows at a
// time). Each line gets the same operations in the same order as from
// filterAxis and lineFilter (filterLines' promise), so the coefficients
// are those of ZoomCoefs' pieces bit for bit; only the memory traffic
// changes: a 536x536x280 float64 volume (the 3D zoom bench's, 643 MB) was
// written by the fill and then read and written by each of three filter
// passes, with the z pass gathering 128-byte pieces 2.3 MB apart.

// zBand is the columns of one band of the fill and z pass: nz*zBand
// float64 (573 KB for 280 planes) stay in a core's L2 cache.
const zBand = 256

// fillFilterZ fills data (nz planes of ny rows of nx, padding included)
// from src, padded as coefRow pads, and filters it along z unless noZ.
func fillFilterZ[S gips.Pixel](data []float64, src *volume[S], e *engine, pad [3]int, nx, ny, nz int, noZ bool) {
	px, p, pz := pad[0], pad[1], pad[2]
	if noZ || nz <= 1 {
		// Nothing to filter along z: the rows are filled in place.
		par.For(nz*ny, par.Grain(nx*8), func(lo, hi int) {
			for r := lo; r < hi; r++ {
				z, y := r/ny-pz, r%ny-p
				zz, yy := min(max(z, 0), src.nz-1), min(max(y, 0), src.ny-1)
				outside := z < 0 || z >= src.nz || y < 0 || y >= src.ny
				coefRow(data[r*nx:(r+1)*nx], src.rows[zz*src.ny+yy], px, e, outside)
			}
		})
		return
	}
	bandsX := (nx + zBand - 1) / zBand
	par.For(ny*bandsX, max(1, par.Grain(nz*zBand*8)), func(lo, hi int) {
		buf := make([]float64, nz*zBand)
		for task := lo; task < hi; task++ {
			r, x0 := task/bandsX, (task%bandsX)*zBand
			w := min(zBand, nx-x0)
			y := r - p
			yy := min(max(y, 0), src.ny-1)
			for z := range nz {
				zz := min(max(z-pz, 0), src.nz-1)
				outside := z-pz < 0 || z-pz >= src.nz || y < 0 || y >= src.ny
				coefSpan(buf[z*zBand:z*zBand+w], src.rows[zz*src.ny+yy], x0, px, e, outside)
			}
			if !noZ {
				filterLines(buf, nz, w, zBand, e.order, e.mode)
			}
			for z := range nz {
				o := (z*ny+r)*nx + x0
				copy(data[o:o+w], buf[z*zBand:z*zBand+w])
			}
		}
	})
}

// coefSpan is coefRow for the samples [x0, x0+len(dst)) of the padded row
// only.
func coefSpan[S gips.Pixel](dst []float64, s []S, x0, px int, e *engine, outside bool) {
	if e.mode == GridConstant && outside {
		for i := range dst {
			dst[i] = e.cval
		}
		return
	}
	lo, hi := e.cval, e.cval
	if e.mode != GridConstant {
		lo, hi = float64(s[0]), float64(s[len(s)-1])
	}
	i := 0
	for ; i < len(dst) && x0+i < px; i++ {
		dst[i] = lo
	}
	if x := x0 + i - px; x < len(s) && i < len(dst) {
		n := min(len(dst)-i, len(s)-x)
		d := dst[i : i+n]
		for k, v := range s[x : x+n] {
			d[k] = float64(v)
		}
		i += n
	}
	for ; i < len(dst); i++ {
		dst[i] = hi
	}
}

// filterYX filters each plane of data (ny rows of nx) along y, then x,
// except along the axes marked ident.
func filterYX(data []float64, nx, ny int, e *engine, ident [3]bool) {
	n := nx * ny
	planes := len(data) / n
	// Columns per y band: ny*yb float64 in about 256 KB.
	yb := max(8, min(nx, (32<<10)/ny)&^7)
	if planes < 8 {
		// Few planes (a 2D image): the bands of columns, then the groups
		// of rows of each plane, in parallel.
		bx := (nx + yb - 1) / yb
		for pl := range planes {
			plane := data[pl*n : (pl+1)*n]
			if !ident[1] && ny > 1 {
				par.For(bx, 1, func(lo, hi int) {
					for b := lo; b < hi; b++ {
						x0 := b * yb
						filterLines(plane[x0:], ny, min(yb, nx-x0), nx, e.order, e.mode)
					}
				})
			}
			if !ident[0] {
				lineFilter(plane, nx, e)
			}
		}
		return
	}
	par.For(planes, 1, func(lo, hi int) {
		var buf []float64
		if !ident[0] && nx > 1 {
			buf = make([]float64, 8*nx)
		}
		for pl := lo; pl < hi; pl++ {
			plane := data[pl*n : (pl+1)*n]
			if !ident[1] {
				for x0 := 0; x0 < nx; x0 += yb {
					filterLines(plane[x0:], ny, min(yb, nx-x0), nx, e.order, e.mode)
				}
			}
			if buf != nil {
				filterRows(plane, nx, e, buf)
			}
		}
	})
}

// filterRows filters the contiguous lines of n samples of data, 8 at a
// time gathered side by side in buf (8*n), as lineFilter does.
func filterRows(data []float64, n int, e *engine, buf []float64) {
	const group = 8
	lines := len(data) / n
	for l0 := 0; l0 < lines; l0 += group {
		w := min(group, lines-l0)
		for k := 0; k < w; k++ {
			line := data[(l0+k)*n : (l0+k+1)*n]
			for i, v := range line {
				buf[i*group+k] = v
			}
		}
		filterLines(buf, n, w, group, e.order, e.mode)
		for k := 0; k < w; k++ {
			line := data[(l0+k)*n : (l0+k+1)*n]
			for i := range line {
				line[i] = buf[i*group+k]
			}
		}
	}
}
