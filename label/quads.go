package label

import (
	"math/bits"
	"sort"

	"github.com/gipsdev/gips"

	"github.com/gipsdev/gips/internal/par"
)

// Quads: a Binary volume of bytes at 26-connectivity is labelled through
// blocks of four rows, a quad: rows y0 = 2Y and y1 = 2Y+1 of planes
// p0 = 2Z and p1 = 2Z+1 (one of each where the volume has an odd size).
// Seen along x, a quad's columns of (up to) four voxels are each
// 26-connected, and so are two adjacent nonempty columns: the runs of the
// OR of the four rows' masks, the quad's clusters (its 2x2x2 blocks
// merged along x), are connected sets and are the nodes of the
// union-find (33 a quad on the bench volume, against 176 runs in its four
// rows). A cluster belongs to the row of its first voxel, the first of
// a = (p0, y0), b = (p0, y1), c = (p1, y0), d = (p1, y1) holding a voxel
// of it: rowStart counts each row's clusters and numbers them in x order,
// so that node indices follow the raster order of the clusters' first
// voxels and a component's root (its smallest node) is the cluster of its
// first voxel, as in the run forest. A quad is joined with the four quads
// before it (quadJoin); the planes' pairs (units) are split into slabs as
// the rows are for runs.

// quadInfo is a quad forest's geometry.
type quadInfo struct {
	units []int // unit u is the planes [units[u], units[u+1]): a pair, or the odd last plane of a volume
	slabs []int // slab s is the units [slabs[s], slabs[s+1])
	nw    int   // mask words of a row: one more bit than the row, for the end of a cluster reaching its last pixel
	ny    int   // quads along y
	most  int   // the most nodes a unit has (rowStart's counts)
	// The volume's planes (of every channel and time point): a row is
	// read by plane and row, as quadRows finds them (a row's index would
	// be divided back, and a closure called, a tenth of the masks' time).
	planes []gips.Plane[uint8]
}

// quadBuf holds one unit's quads: their rows' masks, their clusters'
// starts, the starts before each word (to rank a column's cluster) and
// the clusters' nodes in x order.
type quadBuf struct {
	m     []uint64 // quad Y's row i (a, b, c, d) at m[(4Y+i)nw:][:nw]
	st    []uint64 // quad Y's cluster starts at st[Y nw:][:nw]
	or    []uint64 // quad Y's columns (the OR of its rows) at or[Y nw:][:nw]
	cum   []int32  // quad Y's starts before word w at cum[Y nw+w]
	nodes []uint32 // quad Y's clusters' nodes: nodes[off[Y]:off[Y+1]]
	off   []int
	pairs []uint64 // a slab face's touches (buildQuads), made by the face
}

// quadRef is one quad of a quadBuf: its clusters' starts, columns, ranks
// and nodes.
type quadRef struct {
	st, or []uint64
	cum    []int32
	nodes  []uint32
}

// rank is the x-order index of the cluster holding column x. A pointer
// receiver: inlined with a value one, every call in quadJoin's touches
// copied the 96 bytes of the quadRef on the stack (~10% of the build).
func (q *quadRef) rank(x int) int {
	w := x >> 6
	return int(q.cum[w]) + bits.OnesCount64(q.st[w]&(2<<(x&63)-1)) - 1
}

// takeQuadBuf is a buffer for one unit's quads: one given back by this
// or an earlier labelling (the forest's lists are pooled), resized, or a
// new one. From a Python loop, a labelling of the bench volume made
// about 18 new ones (150 KB each): with the small Go heap of the binding,
// whose freed pages go back to the OS, each call then page-faulted ~500
// times, which a Go benchmark (a large heap) does not show.
func (f *forest) takeQuadBuf() *quadBuf {
	q := f.quad
	f.qmu.Lock()
	var b *quadBuf
	if n := len(f.qfree); n > 0 {
		b, f.qfree = f.qfree[n-1], f.qfree[:n-1]
	}
	f.qmu.Unlock()
	if b == nil {
		b = &quadBuf{}
	}
	// Contents arbitrary: quadUnit writes every element it reads.
	n := q.ny * q.nw
	b.m, b.st, b.or, b.cum = grab(b.m, 4*n), grab(b.st, n), grab(b.or, n), grab(b.cum, n)
	b.nodes, b.off = grab(b.nodes, q.most), grab(b.off, q.ny+1)
	return b
}

// giveQuadBuf gives b back for takeQuadBuf (and release).
func (f *forest) giveQuadBuf(b *quadBuf) {
	f.qmu.Lock()
	f.qfree = append(f.qfree, b)
	f.qmu.Unlock()
}

func (b *quadBuf) rowMask(y, i, nw int) []uint64 { return b.m[(4*y+i)*nw:][:nw] }

func (b *quadBuf) ref(y, nw int) quadRef {
	return quadRef{b.st[y*nw:][:nw], b.or[y*nw:][:nw], b.cum[y*nw:][:nw], b.nodes[b.off[y]:b.off[y+1]]}
}

// quadRows is the first row of each of quad Y of unit u's rows a, b, c, d,
// and how many of them exist (the others are left out: a, b, c, d in
// turn, with b and d absent on an odd last row, c and d on a unit of one
// plane).
func (f *forest) quadRows(u, y int) (r [4]int, ok [4]bool) {
	q := f.quad
	p0, h := q.units[u], q.units[u+1]-q.units[u]
	for i := range 4 {
		py, pz := 2*y+i&1, p0+i>>1
		ok[i] = py < f.sy && pz < p0+h
		r[i] = min(pz*f.sy+py, f.nrows) // a row past the image only when absent
	}
	return r, ok
}

// quadMasks writes the masks of quad Y of unit u's rows into m (4 nw
// words, zero for absent rows).
func (f *forest) quadMasks(u, y int, m []uint64) {
	q := f.quad
	nw, k := q.nw, maskWords(f.sx)
	// The rows that exist, as quadRows finds them, without their indices.
	p0, h := q.units[u], q.units[u+1]-q.units[u]
	for i := range 4 {
		dst := m[i*nw : (i+1)*nw]
		py, pz := 2*y+i&1, i>>1
		if py >= f.sy || pz >= h {
			clear(dst)
			continue
		}
		rowMask(q.planes[p0+pz].Row(py), dst[:k])
		clear(dst[k:])
	}
}

// quadScan steps through the words of a quad's four masks, carrying the
// last column of the word before and the carries of three sums.
type quadScan struct{ prev, c1, c2, c3 uint64 }

// step returns, for one word of the quad's rows a, b, c, d, its
// clusters' starts st and ends e (the column after each), and the ends of
// the clusters with no voxel of a (n1), of a or b (n2), of a, b or c (n3).
// Adding a cluster's start to its columns without a voxel of row(s) R
// carries through to its end exactly when it has none of R (the first
// column of R stops the carry), so n = (m&^R + st) & e.
func (s *quadScan) step(a, b, c, d uint64) (st, e, n1, n2, n3 uint64) {
	m := a | b | c | d
	sh := m<<1 | s.prev
	s.prev = m >> 63
	st, e = m&^sh, sh&^m
	var x uint64
	x, s.c1 = bits.Add64(m&^a, st, s.c1)
	n1 = x & e
	x, s.c2 = bits.Add64(m&^(a|b), st, s.c2)
	n2 = x & e
	x, s.c3 = bits.Add64(m&^(a|b|c), st, s.c3)
	n3 = x & e
	return st, e, n1, n2, n3
}

// quadCounts writes the number of clusters each of the quad's rows owns
// (masks m) into rowStart[r+1].
func (f *forest) quadCounts(u, y int, m []uint64) {
	nw := f.quad.nw
	var s quadScan
	var k [4]int // clusters, then those without a, a|b, a|b|c
	for w := range nw {
		_, e, n1, n2, n3 := s.step(m[w], m[nw+w], m[2*nw+w], m[3*nw+w])
		k[0] += bits.OnesCount64(e)
		k[1] += bits.OnesCount64(n1)
		k[2] += bits.OnesCount64(n2)
		k[3] += bits.OnesCount64(n3)
	}
	r, ok := f.quadRows(u, y)
	for i := range 4 {
		if ok[i] {
			n := k[i]
			if i < 3 {
				n -= k[i+1]
			}
			f.rowStart[r[i]+1] = n
		}
	}
}

// quadUnit fills b with unit u's quads: masks, starts and nodes (from
// rowStart).
func (f *forest) quadUnit(u int, b *quadBuf) {
	nw := f.quad.nw
	k := 0
	for y := range f.quad.ny {
		m := b.m[4*y*nw : 4*(y+1)*nw]
		f.quadMasks(u, y, m)
		r, _ := f.quadRows(u, y)
		var next [4]uint32
		for i := range 4 {
			next[i] = uint32(f.rowStart[r[i]])
		}
		b.off[y] = k
		st, or, cum := b.st[y*nw:][:nw], b.or[y*nw:][:nw], b.cum[y*nw:][:nw]
		var s quadScan
		c := 0
		for w := range nw {
			sw, e, n1, n2, n3 := s.step(m[w], m[nw+w], m[2*nw+w], m[3*nw+w])
			st[w], or[w], cum[w] = sw, m[w]|m[nw+w]|m[2*nw+w]|m[3*nw+w], int32(c)
			c += bits.OnesCount64(sw)
			for ; e != 0; e &= e - 1 {
				t := bits.TrailingZeros64(e)
				cls := n1>>t&1 + n2>>t&1 + n3>>t&1 // n3 within n2 within n1
				b.nodes[k] = next[cls]
				next[cls]++
				k++
			}
		}
	}
	b.off[f.quad.ny] = k
}

// newQuadInfo splits the planes into units and the units into slabs.
func (f *forest) newQuadInfo(planes []gips.Plane[uint8]) *quadInfo {
	q := &quadInfo{nw: maskWords(f.sx + 1), ny: (f.sy + 1) / 2, planes: planes}
	np := f.nrows / f.sy
	for p := 0; p < np; {
		q.units = append(q.units, p)
		if p%f.sz+1 < f.sz {
			p += 2
		} else {
			p++
		}
	}
	q.units = append(q.units, np)
	nu := len(q.units) - 1
	ns := slabCount
	if ns <= 0 {
		ns = min(nu, 4*par.Workers())
		if par.Workers() == 1 {
			ns = 1
		}
	}
	ns = min(ns, nu)
	q.slabs = make([]int, ns+1)
	for s := range q.slabs {
		q.slabs[s] = s * nu / ns
	}
	return q
}

// firstRow is the first row of unit u.
func (f *forest) firstRow(u int) int { return f.quad.units[u] * f.sy }

// unitOf is the unit whose first row is r (r a slab bound).
func (f *forest) unitOf(r int) int { return sort.SearchInts(f.quad.units, r/f.sy) }

// zPred says whether unit u has a unit before it in its volume.
func (f *forest) zPred(u int) bool { return f.quad.units[u]%f.sz != 0 }
