package morpho

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The one kernel behind every grey and binary op: a flat minimum filter
// over a volume. A maximum is the minimum of the flipped values
// (nbhd.Flip), with the footprint reflected for a dilation.

// minFilter writes into dst the minimum of src over the footprint s
// (reflected when reflect is set) with border mode m and constant cval.
// dst and src are volumes of dims d and must not overlap. Boxes run
// separably; other footprints line by line.
func minFilter[T gips.Pixel](dst, src []T, d nbhd.Dims, s SE, reflect bool, m gips.BorderMode, cval T) error {
	if s.box {
		var win [3][2]int
		n := [3]int{d.NX, d.NY, d.NZ}
		for a := range 3 {
			b, f := s.size[a]/2, s.size[a]-1-s.size[a]/2
			if reflect {
				b, f = f, b
			}
			// A window longer than 2n on a side already covers every pixel
			// the mode can read on that side (and cval in Constant mode).
			win[a] = [2]int{min(b, 2*n[a]), min(f, 2*n[a])}
		}
		return minBox(dst, src, d, win, m, cval)
	}
	return minLines(dst, src, d, makePlan(s, reflect, d, m), m, cval)
}

// minLines is the footprint kernel: for each output row, the minimum over
// the footprint's runs of the rows they read.
func minLines[T gips.Pixel](dst, src []T, d nbhd.Dims, p plan, m gips.BorderMode, cval T) error {
	e, err := nbhd.Extend(src, d, p.before, p.after, m, cval)
	if err != nil {
		return err
	}
	nx := d.NX
	return nbhd.Parallel(d.NY*d.NZ, nbhd.Grain(nx*len(p.lines)), func(lo, hi int) {
		L := nx + p.maxRun - 1
		tmp, g, h := make([]T, nx), make([]T, L), make([]T, L)
		for r := lo; r < hi; r++ {
			y, z := r%d.NY, r/d.NY
			out := dst[r*nx : (r+1)*nx]
			first := true
			for _, ln := range p.lines {
				row := e.Row(y+ln.dy, z+ln.dz)
				for _, rn := range ln.runs {
					seg := row[e.Before+rn.dx : e.Before+rn.dx+nx+rn.n-1]
					if rn.n <= 3 {
						for k := range rn.n {
							minInto(out, seg[k:k+nx], first)
							first = false
						}
						continue
					}
					windowMin(tmp, seg, rn.n, g, h)
					minInto(out, tmp, first)
					first = false
				}
			}
		}
	})
}

// minInto sets out to min(out, in), or to in when first.
func minInto[T gips.Pixel](out, in []T, first bool) {
	in = in[:len(out)]
	if first {
		copy(out, in)
		return
	}
	done := 0
	switch o := any(out).(type) {
	case []uint8:
		done = minWords(lanes8, o, bytesOf(in))
	case []uint16:
		done = minWords(lanes16, bytesOf(o), bytesOf(in)) / 2
	case []int8:
		minArith(o, any(in).([]int8))
		return
	case []int16:
		minArith(o, any(in).([]int16))
		return
	case []int32:
		minArith(o, any(in).([]int32))
		return
	case []uint32:
		minArith(o, any(in).([]uint32))
		return
	}
	out, in = out[done:], in[done:]
	for i, v := range in {
		out[i] = min(out[i], v)
	}
}

// windowMin sets out[i] to the minimum of seg[i : i+w] (len(seg) =
// len(out)+w-1), using g and h (len(seg) each) as scratch. Unsigned 8- and
// 16-bit rows with windows up to 64 double the window log2(w) times with
// whole-row SWAR minima (about 1 + log2(w) cheap passes); other rows run
// van Herk/Gil-Werman: prefix minima g and suffix minima h within blocks
// of w, so that each window is min(h[i], g[i+w-1]) (three scalar passes
// whatever w).
func windowMin[T gips.Pixel](out, seg []T, w int, g, h []T) {
	var z T
	switch any(z).(type) {
	case uint8, uint16:
		if w <= 64 {
			cur := g[:len(seg)]
			copy(cur, seg)
			span := 1
			for 2*span <= w { // cur[i] = min(seg[i : i+2*span])
				minInto(cur[:len(cur)-span], cur[span:], false)
				cur = cur[:len(cur)-span]
				span *= 2
			}
			copy(out, cur[:len(out)])
			if w > span {
				minInto(out, cur[w-span:], false)
			}
			return
		}
	}
	vanHerk(out, seg, w, g, h)
}

func vanHerk[T gips.Pixel](out, seg []T, w int, g, h []T) {
	L := len(seg)
	for b := 0; b < L; b += w {
		e := min(b+w, L)
		m := seg[b]
		for i := b; i < e; i++ {
			m = min(m, seg[i])
			g[i] = m
		}
		m = seg[e-1]
		for i := e - 1; i >= b; i-- {
			m = min(m, seg[i])
			h[i] = m
		}
	}
	g = g[w-1 : w-1+len(out)]
	h = h[:len(out)]
	for i := range out {
		out[i] = min(h[i], g[i])
	}
}

// minBox is the separable box: a running minimum along x, then y, then z,
// window win[a] = (before, after) along axis a.
func minBox[T gips.Pixel](dst, src []T, d nbhd.Dims, win [3][2]int, m gips.BorderMode, cval T) error {
	cur := src
	var spare []T
	next := func() []T {
		if spare == nil {
			spare = make([]T, len(src))
		}
		if &cur[0] == &dst[0] {
			return spare
		}
		return dst
	}
	nx, ny, nz := d.NX, d.NY, d.NZ
	if w := win[0]; w[0]+w[1] > 0 {
		out, in := next(), cur
		err := nbhd.Parallel(ny*nz, nbhd.Grain(nx), func(lo, hi int) {
			L := nx + w[0] + w[1]
			ext, g, h := make([]T, L), make([]T, L), make([]T, L)
			for r := lo; r < hi; r++ {
				border.Extend(ext, in[r*nx:(r+1)*nx], w[0], m, cval)
				o := out[r*nx : (r+1)*nx]
				if L-nx < 3 {
					copy(o, ext[:nx])
					for k := 1; k <= L-nx; k++ {
						minInto(o, ext[k:k+nx], false)
					}
				} else {
					windowMin(o, ext, L-nx+1, g, h)
				}
			}
		})
		if err != nil {
			return err
		}
		cur = out
	}
	cvalRow := make([]T, nx)
	for i := range cvalRow {
		cvalRow[i] = cval
	}
	// Along y: lines of rows of one plane; along z: lines of the rows at
	// one y in every plane.
	for a := 1; a <= 2; a++ {
		w := win[a]
		if w[0]+w[1] == 0 {
			continue
		}
		out, in := next(), cur
		lines, n, step, lineStep := nz, ny, nx, ny*nx
		if a == 2 {
			lines, n, step, lineStep = ny, nz, ny*nx, nx
		}
		// Tasks are strips of a line, so that a single plane keeps every
		// worker busy.
		sw := min(nx, 512)
		ns := (nx + sw - 1) / sw
		err := nbhd.Parallel(lines*ns, 1, func(lo, hi int) {
			var g, h [][]T
			for t := lo; t < hi; t++ {
				base := (t/ns)*lineStep + (t%ns)*sw
				width := min(sw, nx-(t%ns)*sw)
				get := func(e int) []T {
					j, ok := border.Index(e, n, m)
					if !ok {
						return cvalRow[:width]
					}
					return in[base+j*step : base+j*step+width]
				}
				put := func(i int) []T { return out[base+i*step : base+i*step+width] }
				g, h = axisMin(n, w[0], w[1], get, put, g, h)
			}
		})
		if err != nil {
			return err
		}
		cur = out
	}
	if &cur[0] != &dst[0] {
		copy(dst, cur)
	}
	return nil
}

// axisMin sets row put(i), 0 <= i < n, to the minimum of the rows get(e)
// for i-before <= e <= i+after (get maps e beyond [0, n) by the border
// mode). Short windows take the minimum directly; longer ones run van
// Herk/Gil-Werman on whole rows, streaming block by block with two blocks
// of scratch rows (g, h, reused across calls and returned).
func axisMin[T gips.Pixel](n, before, after int, get, put func(int) []T, g, h [][]T) ([][]T, [][]T) {
	w := before + after + 1
	if w <= 4 {
		for i := range n {
			o := put(i)
			copy(o, get(i-before))
			for e := i - before + 1; e <= i+after; e++ {
				minInto(o, get(e), false)
			}
		}
		return g, h
	}
	nx := len(put(0))
	grow := func(b [][]T) [][]T {
		for len(b) < w {
			b = append(b, nil)
		}
		for k := range b {
			if cap(b[k]) < nx {
				b[k] = make([]T, nx)
			}
			b[k] = b[k][:nx]
		}
		return b
	}
	g, h = grow(g), grow(h)
	// Extended index e = i - before + k; blocks of w start at -before.
	// Output i (block start s = i - before - (i mod w)... ) uses the suffix
	// minimum h of its window's first block and the prefix minimum g of
	// the next block.
	L := n + w - 1
	suffix := func(b int) { // h[k] = min of rows b+k ... block end
		end := min(w, L-b)
		copy(h[end-1], get(b+end-1-before))
		for k := end - 2; k >= 0; k-- {
			copy(h[k], h[k+1])
			minInto(h[k], get(b+k-before), false)
		}
	}
	prefix := func(b int) { // g[k] = min of rows b ... b+k
		end := min(w, L-b)
		copy(g[0], get(b-before))
		for k := 1; k < end; k++ {
			copy(g[k], g[k-1])
			minInto(g[k], get(b+k-before), false)
		}
	}
	for b := 0; b < n; b += w {
		suffix(b)
		if b+w < L {
			prefix(b + w)
		}
		for k := 0; k < w && b+k < n; k++ {
			o := put(b + k)
			if k == 0 {
				copy(o, h[0])
				continue
			}
			// Window b+k ... b+k+w-1: h[k] covers b+k ... b+w-1, g[k-1]
			// covers b+w ... b+k+w-1.
			copy(o, h[k])
			minInto(o, g[k-1], false)
		}
	}
	return g, h
}
