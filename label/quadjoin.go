package label

import (
	"fmt"
	"math/bits"
	"sync/atomic"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// buildQuads is buildRuns for a Binary volume of bytes at 26-connectivity:
// the quads' clusters are the nodes (quads.go).
func (f *forest) buildQuads(planes []gips.Plane[uint8]) error {
	q := f.newQuadInfo(planes)
	f.quad = q
	f.maxRow = f.sx/2 + 1 // the most runs a row can have (rows' buffers)
	ns := len(q.slabs) - 1
	l := f.lists()
	f.rowStart = scratch.Get[int](&bufs, f.nrows+1)
	f.rowStart[0] = 0
	if err := parallel(ns, func(s int) {
		m := make([]uint64, 4*q.nw)
		for u := q.slabs[s]; u < q.slabs[s+1]; u++ {
			for y := range q.ny {
				f.quadMasks(u, y, m)
				f.quadCounts(u, y, m)
			}
		}
	}); err != nil {
		return err
	}
	for r := range f.nrows {
		f.rowStart[r+1] += f.rowStart[r]
	}
	for u := range len(q.units) - 1 {
		q.most = max(q.most, f.rowStart[f.firstRow(u+1)]-f.rowStart[f.firstRow(u)])
	}
	total := f.rowStart[f.nrows]
	if total >= final {
		return fmt.Errorf("image of %d rows: %d clusters of foreground, more than labelling numbers (2^31): %w", f.nrows, total, gips.ErrGeometry)
	}
	f.label = scratch.Get[uint32](&bufs, total)
	locals := l.locals
	for len(locals) < ns {
		locals = append(locals, nil)
	}
	f.locals = locals

	// In each slab, every unit's quads are joined with the quad above
	// and, past the slab's first unit, with the three of the unit before.
	// A slab keeps its first and last units' buffers for the faces it
	// shares (kept), and the face is joined by the second of its two
	// slabs to finish: its units are not found again, and no slab waits
	// for all the others before the faces. The buffers go back to the
	// forest's (takeQuadBuf) once all faces are joined.
	kept := make([][2]*quadBuf, ns) // each slab's first and last units'
	arrived := make([]atomic.Int32, ns)
	face := func(s int) { // between slabs s-1 and s, once both are done
		if s == 0 || s == ns || !f.zPred(q.slabs[s]) || arrived[s].Add(1) < 2 {
			return
		}
		prev, cur := kept[s-1][1], kept[s][0]
		cur.pairs = grab(cur.pairs, 2*64*maskWords(f.sx)) // quadJoin's touches: two a column at most
		for y := range q.ny {
			f.quadJoinZ(cur, prev, y, cur.pairs)
		}
	}
	if err := parallel(ns, func(s int) {
		first, work := f.takeQuadBuf(), [2]*quadBuf{f.takeQuadBuf(), f.takeQuadBuf()}
		p := f.label
		cur := first
		for u := q.slabs[s]; u < q.slabs[s+1]; u++ {
			prev := cur
			cur = work[u&1]
			if u == q.slabs[s] {
				cur = first
			}
			f.quadUnit(u, cur)
			for i := f.rowStart[f.firstRow(u)]; i < f.rowStart[f.firstRow(u+1)]; i++ {
				p[i] = uint32(i)
			}
			for y := range q.ny {
				if y > 0 {
					f.quadJoin(cur.rowMask(y, 0, q.nw), cur.rowMask(y, 2, q.nw), cur.ref(y, q.nw),
						cur.rowMask(y-1, 1, q.nw), cur.rowMask(y-1, 3, q.nw), cur.ref(y-1, q.nw), nil, nil, nil)
				}
				if u > q.slabs[s] && f.zPred(u) {
					f.quadJoinZ(cur, prev, y, nil)
				}
			}
		}
		lo, hi := f.rowStart[f.firstRow(q.slabs[s])], f.rowStart[f.firstRow(q.slabs[s+1])]
		locals[s] = f.localRoots(lo, hi, locals[s][:0])
		for _, b := range work {
			if b != cur {
				f.giveQuadBuf(b)
			}
		}
		kept[s] = [2]*quadBuf{first, cur}
		face(s)
		face(s + 1)
	}); err != nil {
		return err
	}
	for _, k := range kept {
		f.giveQuadBuf(k[0])
		if k[1] != k[0] {
			f.giveQuadBuf(k[1])
		}
	}
	f.number(locals[:ns])
	return nil
}

// faceLink links the components of nodes a and b across a slab face, from
// their local roots. The faces are joined in parallel, so the local
// roots' entries are read and written atomically, and a link is a
// compare-and-swap of the larger root's entry from itself to the smaller
// root, tried again from the roots when another face's link came first:
// every root stays its component's smallest node. Halving a path writes
// a node's grandparent, an ancestor whatever else is linked meanwhile.
func faceLink(p []uint32, a, b uint32) {
	a, b = atomic.LoadUint32(&p[a]), atomic.LoadUint32(&p[b])
	for {
		a, b = rootAtomic(p, a), rootAtomic(p, b)
		if a == b || atomic.CompareAndSwapUint32(&p[max(a, b)], max(a, b), min(a, b)) {
			return
		}
	}
}

// rootAtomic is root for faceLink.
func rootAtomic(p []uint32, x uint32) uint32 {
	for {
		px := atomic.LoadUint32(&p[x])
		if px == x {
			return x
		}
		ppx := atomic.LoadUint32(&p[px])
		if ppx != px {
			atomic.StoreUint32(&p[x], ppx)
		}
		x = ppx
	}
}

// quadJoinZ joins quad Y of a unit (cur) with the three quads of the unit
// before (prev) that it touches: (Y, Z-1) through its plane p0 and their
// plane p1, (Y-1, Z-1) and (Y+1, Z-1) through the rows of those planes
// that are one row apart. A voxel of either row between those two (the
// same plane as one, the same row as the other) at the column of a touch
// of these edges is a 26-neighbour of both voxels, and the other joins
// link it with each: the edges touch only where neither holds a voxel
// (on the bench volume, 0.64M touches of the edges rather than 1.10M).
//
// pairs (nil inside a slab): across a slab face, each join's touches are
// listed there and linked by faceLink.
func (f *forest) quadJoinZ(cur, prev *quadBuf, y int, pairs []uint64) {
	nw := f.quad.nw
	g := cur.ref(y, nw)
	a, b := cur.rowMask(y, 0, nw), cur.rowMask(y, 1, nw)
	join := func(ga, gb, ha, hb []uint64, h quadRef, sa, sb []uint64) {
		n := f.quadJoin(ga, gb, g, ha, hb, h, sa, sb, pairs)
		for _, t := range pairs[:n] {
			faceLink(f.label, uint32(t>>32), uint32(t))
		}
	}
	join(a, b, prev.rowMask(y, 2, nw), prev.rowMask(y, 3, nw), prev.ref(y, nw), nil, nil)
	if y > 0 {
		// Between (p0, y0) and (p1 before, y1 above): (p0, y1 above) and
		// (p1 before, y0).
		d := prev.rowMask(y-1, 3, nw)
		join(a, a, d, d, prev.ref(y-1, nw), cur.rowMask(y-1, 1, nw), prev.rowMask(y, 2, nw))
	}
	if y+1 < f.quad.ny {
		// Between (p0, y1) and (p1 before, y0 below): (p0, y0 below) and
		// (p1 before, y1).
		c := prev.rowMask(y+1, 2, nw)
		join(b, b, c, c, prev.ref(y+1, nw), cur.rowMask(y+1, 0, nw), prev.rowMask(y, 3, nw))
	}
}

// quadJoin links the clusters of a quad g whose face toward an earlier
// quad h is the OR of its rows' masks ga and gb with the clusters of h
// they touch, h's face being the OR of ha and hb: two faces whose voxels
// are 26-neighbours when their columns are at most one apart. A column x
// of g's face touches h's face when h's face holds x-1, x or x+1. If x is
// one of h's columns, all three are of its cluster there, and two such
// touches in one span between the starts of either quad's clusters are
// of the same two clusters: a link is made at the first (tin). Otherwise
// (tout) x-1 is of the cluster of h before x, x+1 of the one after. A
// touch looks both roots up: keeping the last touch's roots and looking
// up only a cluster that changed took a branch per side, as good as
// random (about 25 touches a join on the bench volume, most of another
// pair of clusters), and twice the time. Columns where sa or sb (nil:
// none) holds a voxel are left out (quadJoinZ). pairs (not nil): the
// touches are not linked but listed there, g's node and h's as the high
// and low halves of each, and their number returned: a link call in the
// touches' loops (faceLink's, across slab faces) cost the links inside
// the slabs ~6% of the build's CPU, in spilled registers.
func (f *forest) quadJoin(ga, gb []uint64, g quadRef, ha, hb []uint64, h quadRef, sa, sb, pairs []uint64) int {
	p := f.label
	np := 0
	touch := func(x, k int) {
		rg, rh := g.nodes[g.rank(x)], h.nodes[k]
		if pairs != nil {
			pairs[np] = uint64(rg)<<32 | uint64(rh)
			np++
			return
		}
		rg, rh = root(p, rg), root(p, rh)
		p[max(rg, rh)] = min(rg, rh)
	}
	// The word past the row, which masks keep for the clusters' ends,
	// holds no face.
	nw := maskWords(f.sx)
	var pg, ph uint64 // the word before's faces
	var cy uint64     // the carry of the touches' sum
	for w := 0; w < nw; w++ {
		gw, hw := ga[w]|gb[w], ha[w]|hb[w]
		var ng, nh uint64 // the next word's first columns of the faces
		if w+1 < nw {
			ng, nh = (ga[w+1]|gb[w+1])&1, (ha[w+1]|hb[w+1])&1
		}
		hl, hr := hw<<1|ph>>63, hw>>1|nh<<63
		gl, gr := gw<<1|pg>>63, gw>>1|ng<<63
		pg, ph = gw, hw
		t := gw & (hw | hl | hr)
		if sa != nil {
			t &^= sa[w] | sb[w]
		}
		if t == 0 && cy == 0 {
			continue
		}
		tin, tout := t&h.or[w], t&^h.or[w]
		// The first tin of each span: tin plus every column but the
		// starts carries from a touch to the next start, through the
		// touches after it in its span.
		bd := g.st[w] | h.st[w]
		prop := ^bd | tin
		sum, c := bits.Add64(tin, prop, cy)
		cy = c
		for ev := tin &^ ((sum ^ tin ^ prop) &^ bd); ev != 0; ev &= ev - 1 {
			x := 64*w + bits.TrailingZeros64(ev)
			touch(x, h.rank(x))
		}
		// In a gap of h, rank(x) is the cluster before x (a loop a side,
		// rather than a branch on each). A touch of x-1 (x+1) that is
		// also g's face is a tin of the same two clusters: left out.
		for ev := tout & hl &^ gl; ev != 0; ev &= ev - 1 {
			x := 64*w + bits.TrailingZeros64(ev)
			touch(x, h.rank(x))
		}
		for ev := tout & hr &^ gr; ev != 0; ev &= ev - 1 {
			x := 64*w + bits.TrailingZeros64(ev)
			touch(x, h.rank(x)+1)
		}
	}
	return np
}
