package morpho

import (
	"fmt"
	"slices"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// lines3z is the chord method (Urbach & Wilkinson 2008) for a footprint
// with several z offsets, arranged so that z offsets whose slices are the
// same set of chords share their work. A ball's slices at dz and -dz are
// the same disk: the minimum of source plane e over that disk is made
// once (one minimum per chord, each chord read from the running minima of
// its length, made once per source row) and folded into both output
// planes e-dz and e+dz, which start as the contribution of the first z
// offset and are final after the last. So a ball of radius r costs about
// half its number of chords (π r²/2) plus 2r+1 folds per voxel, where
// reading every chord per output voxel costs π r².
//
// A worker takes a tile of columns and a band of rows through every source
// plane (each once, however many z offsets read it through the border),
// keeping the prepared source rows in a ring of the footprint's height;
// tiles keep that ring in the core's cache (the running minima of 20
// lengths over 41 rows of 512 columns are ~1 MB). 2D footprints of 9 rows
// and more take it too (one class), for the tiles. post, when set, runs on
// every output row after all tiles are done.
func lines3z[T gips.Pixel](dst, src vview[T], d nbhd.Dims, p plan, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) error {
	return lines3zTiled(dst, src, d, p, hi, m, cval, post, 1<<19)
}

// sharedPays says whether sharing the slices saves enough reads to pay
// for the folds (one per z offset and voxel): a ball of radius 1 reads
// 7 rows per voxel either way and is faster in lines3, from radius 2 on
// the shared kernel reads far fewer.
func sharedPays(p plan) bool {
	cs, _, _, _ := zClasses(p)
	each, shared := 0, 0
	for _, c := range cs {
		each += len(c.dzs) * len(c.reads)
		shared += len(c.reads) + len(c.dzs)
	}
	return 4*shared < 3*each
}

// zclass is the z offsets whose slices of a footprint are the same chords
// (lines with dz 0), with the reads of those chords in a prepared row
// ring.
type zclass struct {
	dzs   []int
	reads []zread
}

// zread is one chord's read: from the ring row of y offset dy, table t
// (-1: the extended row itself, else the running minimum of g.lens[t])
// starting at column at of the extended tile.
type zread struct{ dy, t, at int }

// zClasses groups the lines of p by z offset and the z offsets by their
// slice, and returns the classes, the one group of every line (dz 0) whose
// lengths the rows prepare, and the z extent.
func zClasses(p plan) (cs []zclass, g lgroup, dzLo, dzHi int) {
	all := p
	all.lines = slices.Clone(p.lines)
	for i := range all.lines {
		all.lines[i].dz = 0
	}
	g = groupPlan(all)[0]
	byDz := map[int][]sline{}
	dzLo, dzHi = p.lines[0].dz, p.lines[0].dz
	for _, ln := range p.lines {
		byDz[ln.dz] = append(byDz[ln.dz], ln)
		dzLo, dzHi = min(dzLo, ln.dz), max(dzHi, ln.dz)
	}
	idx := map[string]int{}
	for dz := dzLo; dz <= dzHi; dz++ {
		ls := byDz[dz]
		if len(ls) == 0 {
			continue
		}
		slices.SortFunc(ls, func(a, b sline) int { return a.dy - b.dy })
		key := ""
		for _, ln := range ls {
			key += fmt.Sprint(ln.dy, ln.runs, ";")
		}
		i, ok := idx[key]
		if !ok {
			i = len(cs)
			idx[key] = i
			var rd []zread
			for _, ln := range ls {
				for _, rn := range ln.runs {
					at := p.before + rn.dx
					if t := slices.Index(g.lens, rn.n); t >= 0 {
						rd = append(rd, zread{ln.dy, t, at})
						continue
					}
					for k := range rn.n {
						rd = append(rd, zread{ln.dy, -1, at + k})
					}
				}
			}
			cs = append(cs, zclass{reads: rd})
		}
		cs[i].dzs = append(cs[i].dzs, dz)
	}
	return cs, g, dzLo, dzHi
}

// lines3zTiled is lines3z with the ring of prepared rows sized to about
// ringBytes (small in the tests, so that they cross tiles).
func lines3zTiled[T gips.Pixel](dst, src vview[T], d nbhd.Dims, p plan, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T), ringBytes int) error {
	nx, ny, nz := d.NX, d.NY, d.NZ
	cs, g, _, _ := zClasses(p)
	H := g.dyHi - g.dyLo + 1
	var z0 T
	perCol := H * (1 + len(g.lens)) * int(unsafe.Sizeof(z0))
	W := max(ringBytes/perCol-p.before-p.after, 256*int(unsafe.Sizeof(uint8(0)))/int(unsafe.Sizeof(z0)), 1)
	if ringBytes < 1<<12 { // the tests' narrow tiles
		W = max(ringBytes/perCol-p.before-p.after, 1)
	}
	W = min(W, nx)
	ntx := (nx + W - 1) / W
	W = (nx + ntx - 1) / ntx // even tiles
	nb := min(ny, max(1, (4+ntx-1)/ntx))
	band := (ny + nb - 1) / nb
	nb = (ny + band - 1) / band
	feeds := zFeeds(cs, nz, m)
	Et := W + p.before + p.after
	cv := cvalRow(Et, cval)
	slots := make([][]int, len(cs)) // per class and read, its ring row less the output row's
	for ci, c := range cs {
		for _, rd := range c.reads {
			slots[ci] = append(slots[ci], mod(rd.dy, H))
		}
	}
	err := nbhd.Parallel(ntx*nb, 1, func(lo, hi2 int) {
		rc := carveRows[T](H*(1+len(g.lens))+g.levels, Et)
		defer rc.release()
		ring := make([]lrow[T], H)
		for k := range ring {
			r := &ring[k]
			r.own = make([][]T, 1+len(g.lens))
			for j := range r.own {
				r.own[j] = rc.row()
			}
			r.mins = make([][]T, len(g.lens))
		}
		lev := make([][]T, g.levels+1)
		for k := 1; k <= g.levels; k++ {
			lev[k] = rc.row()
		}
		ftmp := make([]T, W)
		var reads [][]T
		for t := lo; t < hi2; t++ {
			tx, tb := t%ntx, t/ntx
			x0 := tx * W
			w := min(W, nx-x0)
			y0 := tb * band
			y1 := min(y0+band, ny)
			prep := func(s, zz int) {
				r := &ring[mod(s, H)]
				j, ok := border.Index(s, ny, m)
				if !ok {
					r.ext = cv
					for i := range r.mins {
						r.mins[i] = cv
					}
					return
				}
				r.ext = r.own[0][:w+p.before+p.after]
				extendSeg(r.ext, src.row(j, zz), x0-p.before, m, cval)
				fillMins(r, g, lev, hi)
			}
			for pi, fs := range feeds {
				if !slices.ContainsFunc(fs, func(f []feed) bool { return len(f) > 0 }) {
					continue
				}
				if pi > 0 {
					for s := y0 + g.dyLo; s < y0+g.dyHi; s++ {
						prep(s, pi-1)
					}
				}
				for y := y0; y < y1; y++ {
					if pi > 0 {
						prep(y+g.dyHi, pi-1)
					}
					for ci, c := range cs {
						fl := fs[ci]
						if len(fl) == 0 {
							continue
						}
						f := cv[:w]
						if pi > 0 {
							reads = reads[:0]
							var o []T
							if len(fl) == 1 { // reduce straight into the one output row
								o = dst.row(y, fl[0].z)[x0 : x0+w]
								if ringReduce(o, ring, c.reads, slots[ci], mod(y, H), !fl[0].first, hi) {
									continue
								}
								if !fl[0].first {
									reads = append(reads, o)
								}
							}
							for _, rd := range c.reads {
								r := &ring[mod(y+rd.dy, H)]
								tab := r.ext
								if rd.t >= 0 {
									tab = r.mins[rd.t]
								}
								reads = append(reads, tab[rd.at:rd.at+w])
							}
							if o != nil {
								reduceRows(o, reads, hi)
								continue
							}
							f = ftmp[:w]
							reduceRows(f, reads, hi)
						}
						for _, fd := range fl {
							o := dst.row(y, fd.z)[x0 : x0+w]
							if fd.first {
								copy(o, f)
							} else {
								mm2(o, o, f, hi)
							}
						}
					}
				}
			}
		}
	})
	if err != nil || post == nil {
		return err
	}
	return nbhd.Parallel(nz*ny, 64, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			post(t%ny, t/ny, dst.row(t%ny, t/ny))
		}
	})
}

// feed is an output plane that a class of slices feeds from a source
// plane, and whether it is the plane's first contribution (which
// overwrites the output rows; the others fold into them).
type feed struct {
	z     int
	first bool
}

// zFeeds lists, per source plane p at index p+1 (index 0: the planes
// beyond the border in Constant mode, all cval) and per class, the output
// planes it feeds: z such that z+dz reads plane p by the mode for a dz of
// the class. A plane that several z offsets read (near the border in
// every mode but Constant) is so made once, not once per offset.
func zFeeds(cs []zclass, nz int, m gips.BorderMode) [][][]feed {
	fs := make([][][]feed, nz+1)
	for i := range fs {
		fs[i] = make([][]feed, len(cs))
	}
	for ci, c := range cs {
		for _, dz := range c.dzs {
			for z := range nz {
				j, ok := border.Index(z+dz, nz, m)
				if !ok {
					j = -1
				}
				fs[j+1][ci] = append(fs[j+1][ci], feed{z: z})
			}
		}
	}
	seen := make([]bool, nz)
	for _, f := range fs { // the order the kernel runs them in
		for _, fl := range f {
			for i := range fl {
				fl[i].first = !seen[fl[i].z]
				seen[fl[i].z] = true
			}
		}
	}
	return fs
}

// extendSeg writes into ext the pixels of row from column start on, read
// by mode m (cval beyond the border in Constant mode) where they are not
// in the row.
func extendSeg[T gips.Pixel](ext, row []T, start int, m gips.BorderMode, cval T) {
	lo := min(max(0, -start), len(ext))
	hi := max(min(len(ext), len(row)-start), lo)
	copy(ext[lo:hi], row[start+lo:start+hi])
	for i := range lo {
		ext[i] = at(row, start+i, m, cval)
	}
	for i := hi; i < len(ext); i++ {
		ext[i] = at(row, start+i, m, cval)
	}
}
