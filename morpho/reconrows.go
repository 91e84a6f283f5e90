package morpho

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// reconPlan is a footprint's edges p -> p + o sorted for Vincent's hybrid
// reconstruction a row at a time, on a volume padded by the footprint's
// radius: the padding holds the lowest value, which no edge raises and
// which raises nothing, so that no loop checks a border.
type reconPlan struct {
	d   nbhd.Dims // the volume
	pad [3]int    // padding before and after along x, y, z (the radius)
	pd  nbhd.Dims // the padded volume
	// fwdRows: the edges whose source p - o lies in an earlier row (read by
	// the raster scan); bwdRows: in a later row (the anti-raster scan).
	fwdRows, bwdRows []rowEdge
	// left: the x distances k > 0 of edges from p - k in the same row
	// (raster scan); right: from p + k (anti-raster scan).
	left, right []int
	// later: the linear offsets of the edges p -> p + o towards a later
	// pixel, which the anti-raster scan checks to seed the queue.
	later []int
	lin   []int // every edge's linear offset, for the queue
}

// rowEdge is an edge from another row: dx along it, and its source row's
// start in the padded volume relative to the row's.
type rowEdge struct{ dx, rel int }

func newReconPlan(d nbhd.Dims, offs [][3]int) *reconPlan {
	p := &reconPlan{d: d}
	for _, o := range offs {
		for a := range 3 {
			p.pad[a] = max(p.pad[a], abs(o[a]))
		}
	}
	p.pd = nbhd.Dims{NX: d.NX + 2*p.pad[0], NY: d.NY + 2*p.pad[1], NZ: d.NZ + 2*p.pad[2]}
	lin := func(x, y, z int) int { return x + p.pd.NX*(y+p.pd.NY*z) }
	for _, o := range offs {
		ox, oy, oz := o[0], o[1], o[2]
		l := lin(ox, oy, oz)
		p.lin = append(p.lin, l)
		switch {
		case oy == 0 && oz == 0 && ox > 0:
			p.left = append(p.left, ox)
			p.later = append(p.later, l)
		case oy == 0 && oz == 0 && ox < 0:
			p.right = append(p.right, -ox)
		case oz > 0 || oz == 0 && oy > 0: // from an earlier row, to a later one
			p.fwdRows = append(p.fwdRows, rowEdge{-ox, lin(0, -oy, -oz)})
			p.later = append(p.later, l)
		case oy != 0 || oz != 0: // from a later row, to an earlier one
			p.bwdRows = append(p.bwdRows, rowEdge{-ox, lin(0, -oy, -oz)})
		}
	}
	return p
}

// len is the padded volume's length.
func (p *reconPlan) len() int { return p.pd.Len() }

// start is the index of pixel (0, y, z) of the volume in the padded one.
func (p *reconPlan) start(y, z int) int {
	return p.pad[0] + p.pd.NX*(y+p.pad[1]+p.pd.NY*(z+p.pad[2]))
}

// reconLoad copies volume v of planes (geometry g) into the padded dst.
func reconLoad[T gips.Pixel](p *reconPlan, dst []T, planes []gips.Plane[T], g gips.Geometry, v int) {
	for z := range p.d.NZ {
		pl := planes[v*g.SizeZ+z]
		for y := range p.d.NY {
			copy(dst[p.start(y, z):p.start(y, z)+p.d.NX], pl.Row(y))
		}
	}
}

// reconStore copies the padded src's volume into volume v of planes.
func reconStore[T gips.Pixel](p *reconPlan, planes []gips.Plane[T], g gips.Geometry, v int, src []T) {
	for z := range p.d.NZ {
		pl := planes[v*g.SizeZ+z]
		for y := range p.d.NY {
			copy(pl.Row(y), src[p.start(y, z):p.start(y, z)+p.d.NX])
		}
	}
}

// lowest is the least value of T (-Inf for floats).
func lowest[T gips.Pixel]() T {
	var z T
	switch any(z).(type) {
	case float32, float64:
		return T(math.Inf(-1))
	}
	lo, _ := gips.TypeOf[T]().Range()
	return T(lo)
}

// setPadding writes v into the padding of the padded volume s.
func setPadding[T gips.Pixel](p *reconPlan, s []T, v T) {
	nx := p.pd.NX
	for z := range p.pd.NZ {
		for y := range p.pd.NY {
			row := s[nx*(y+p.pd.NY*z):][:nx]
			if z < p.pad[2] || z >= p.pad[2]+p.d.NZ || y < p.pad[1] || y >= p.pad[1]+p.d.NY {
				fillT(row, v)
				continue
			}
			fillT(row[:p.pad[0]], v)
			fillT(row[p.pad[0]+p.d.NX:], v)
		}
	}
}

func fillT[T any](s []T, v T) {
	for i := range s {
		s[i] = v
	}
}

// reconstructRows turns r (the seed, at most mask; both padded volumes of
// p, their padding written here) into the reconstruction by dilation
// under mask: the smallest r >= seed with r[q] >= min(r[p], mask[q]) for
// every edge p -> q. Vincent's hybrid algorithm: raster and anti-raster
// scans (reconPairs + 1 pairs), each a row at a time (the rows already
// scanned merged into the row by a vector max, then one pass along it for
// the edges within it), settle most pixels; the last anti-raster scan
// queues the pixels that can still raise a later neighbour, and a FIFO
// queue propagates from them. dual computes the reconstruction by erosion, on flipped
// values (nbhd.Flip: exact for every type).
func reconstructRows[T gips.Pixel](r, mask []T, p *reconPlan, dual bool) {
	if p.d.Len() == 0 {
		return
	}
	if dual {
		nbhd.Flip(r)
		nbhd.Flip(mask)
		defer nbhd.Flip(r)
		defer nbhd.Flip(mask)
	}
	low := lowest[T]()
	setPadding(p, r, low)
	setPadding(p, mask, low)
	t := make([]T, p.d.NX)
	for range reconPairs {
		forwardScan(r, mask, p, t)
		backwardScan(r, mask, p, t, []int32(nil), false)
	}
	forwardScan(r, mask, p, t)
	// The queue starts at 1/16 of the volume (growing it by appends from
	// nothing copied and faulted in as much as the queue itself), at most
	// 4 Mi entries: a terabyte volume must not reserve gigabytes for a
	// queue that may stay short.
	c := min(p.len()/16, 1<<22)
	if p.len() <= math.MaxInt32 {
		propagate(r, mask, backwardScan(r, mask, p, t, make([]int32, 0, c), true), p.lin)
	} else {
		propagate(r, mask, backwardScan(r, mask, p, t, make([]int, 0, c), true), p.lin)
	}
}

// reconPairs is the scan pairs before the last: each settles the pixels
// whose paths turn back once more. On the bench harness's smooth noisy
// 4096² image one more pair took the reconstruction from 598 to 394 ms
// (the queue's random visits cost more than a pair of scans), two more
// 428.
const reconPairs = 1

// forwardScan is the raster scan: each pixel raised to its earlier
// neighbours' values, capped by the mask.
func forwardScan[T gips.Pixel](r, mask []T, p *reconPlan, t []T) {
	nx, px := p.d.NX, p.pad[0]
	for z := range p.d.NZ {
		for y := range p.d.NY {
			o := p.start(y, z)
			copy(t, r[o:o+nx])
			for _, e := range p.fwdRows { // rows beyond the volume: the padding
				mergeMax(t, r[o+e.rel+e.dx:][:nx])
			}
			scanLeft(r[o-px:o+nx], t, mask[o:o+nx], px, p.left)
		}
	}
}

// backwardScan is the anti-raster scan; with seed, it appends to queue
// (int32 entries where the padded volume's indices fit: half the memory
// of int) the pixels that can still raise a later neighbour.
func backwardScan[T gips.Pixel, I int32 | int](r, mask []T, p *reconPlan, t []T, queue []I, seed bool) []I {
	nx, px := p.d.NX, p.pad[0]
	flags := make([]uint8, nx)
	for z := p.d.NZ - 1; z >= 0; z-- {
		for y := p.d.NY - 1; y >= 0; y-- {
			o := p.start(y, z)
			copy(t, r[o:o+nx])
			for _, e := range p.bwdRows {
				mergeMax(t, r[o+e.rel+e.dx:][:nx])
			}
			scanRight(r[o:o+nx+px], t, mask[o:o+nx], p.right)
			if seed {
				queue = seedQueue(queue, r, mask, o, flags, p.later)
			}
		}
	}
	return queue
}

// mergeMax sets t[x] = up(t[x], s[x]): mm2's vector max for numbers,
// up itself for floats (whose NaN mm2 would spread).
func mergeMax[T gips.Pixel](t, s []T) {
	s = s[:len(t)]
	if pw.IsFloat[T]() {
		for i, v := range s {
			t[i] = up(t[i], v)
		}
		return
	}
	mm2(t, t, s, true)
}

// up is max(a, b) for numbers, and a when b is NaN: a NaN never raises
// a pixel (as the scalar flood had it), where max would spread it over
// the image. A conditional move for integers.
func up[T gips.Pixel](a, b T) T {
	if b > a {
		return b
	}
	return a
}

// scanLeft is the raster scan of one row: row[px+x] = min(max(t[x],
// row[px+x-k] for each k of left), m[x]), x increasing; row starts px
// pixels before the row (its padding).
func scanLeft[T gips.Pixel](row, t, m []T, px int, left []int) {
	cur := row[px:]
	n := len(cur)
	m, t = m[:n], t[:n]
	if len(left) == 1 && left[0] == 1 && !pw.IsFloat[T]() { // the usual footprints
		// in int: conditional moves (Go branches on a byte's max)
		v := int(row[px-1])
		for x := range cur {
			v = min(max(int(t[x]), v), int(m[x]))
			cur[x] = T(v)
		}
		return
	}
	for x := range cur {
		v := t[x]
		for _, k := range left {
			v = up(v, row[px+x-k])
		}
		cur[x] = min(v, m[x])
	}
}

// scanRight is scanLeft for the anti-raster scan (x decreasing); row
// runs on into the padding after the row.
func scanRight[T gips.Pixel](row, t, m []T, right []int) {
	n := len(t)
	m = m[:n]
	if len(right) == 1 && right[0] == 1 && !pw.IsFloat[T]() {
		v := int(row[n])
		for x := n - 1; x >= 0; x-- {
			v = min(max(int(t[x]), v), int(m[x]))
			row[x] = T(v)
		}
		return
	}
	for x := n - 1; x >= 0; x-- {
		v := t[x]
		for _, k := range right {
			v = up(v, row[x+k])
		}
		row[x] = min(v, m[x])
	}
}

// seedQueue appends to queue the pixels of the row at o with an edge to a
// later pixel q that they can still raise (r[q] below both r[p] and
// mask[q]): the anti-raster scan has settled every other edge (Vincent).
// flags is scratch of the row's length.
func seedQueue[T gips.Pixel, I int32 | int](queue []I, r, mask []T, o int, flags []uint8, later []int) []I {
	n := len(flags)
	cur := r[o : o+n]
	clear(flags)
	for _, l := range later {
		rq, mq := r[o+l:][:n], mask[o+l:][:n]
		for x, v := range cur {
			q := rq[x]
			flags[x] |= b2u(q < v) & b2u(q < mq[x])
		}
	}
	for x, f := range flags {
		if f != 0 {
			queue = append(queue, I(o+x))
		}
	}
	return queue
}

// propagate runs the FIFO queue: a pixel that raises a neighbour queues
// it in turn, until no edge can raise any pixel. Only volume pixels are
// ever queued, so every edge from them stays in the padded volume.
func propagate[T gips.Pixel, I int32 | int](r, mask []T, queue []I, lin []int) {
	for head := 0; head < len(queue); head++ {
		i := int(queue[head])
		v := r[i]
		for _, l := range lin {
			if q := i + l; r[q] < v && r[q] < mask[q] {
				r[q] = min(v, mask[q])
				queue = append(queue, I(q))
			}
		}
		if head > 1<<16 && head > len(queue)/2 { // reclaim the consumed part
			queue = append(queue[:0], queue[head+1:]...)
			head = -1
		}
	}
}

// reconstructVolume is reconstructRows on an unpadded volume of p (the
// callers that hold one: the float64 h-extrema and the tests).
func reconstructVolume[T gips.Pixel](r, mask []T, p *reconPlan, dual bool) {
	pr, pm := make([]T, p.len()), make([]T, p.len())
	n := p.d.NX
	for z := range p.d.NZ {
		for y := range p.d.NY {
			i := (z*p.d.NY + y) * n
			copy(pr[p.start(y, z):][:n], r[i:i+n])
			copy(pm[p.start(y, z):][:n], mask[i:i+n])
		}
	}
	reconstructRows(pr, pm, p, dual)
	for z := range p.d.NZ {
		for y := range p.d.NY {
			i := (z*p.d.NY + y) * n
			copy(r[i:i+n], pr[p.start(y, z):][:n])
		}
	}
}
