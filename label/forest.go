package label

import (
	"fmt"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// A forest is the connected components of an image as runs: every maximal
// span of one row whose pixels are foreground and (for a non-binary image)
// equal is a node of a union-find. Runs are numbered in raster order of
// their first pixel (x fastest, then y, then z, then channel and time),
// every union keeps the smaller index as the root, so the root of a
// component is its first run and numbering the roots in index order
// numbers the components in the raster order of their first pixel: the
// numbering of scipy.ndimage.label.
//
// The work is split over slabs of consecutive rows (build). In parallel:
// the runs of each row are counted, then found and joined with those of
// the earlier rows of the same slab, and each run pointed at its slab's
// root (a local root). Serially: the local roots are joined across the
// slab faces (a quad forest's faces in parallel: buildQuads) and numbered
// in index order. Every other run takes its local
// root's number when it is read (rows). The runs themselves are not kept: a slab
// holds those of the rows it is joining (the row before in 2D, the plane
// before in 3D), and whoever reads the labels (paint, rows) finds each
// row's runs again from the image (or only its mask: maskRows), which is
// cheaper than writing and reading a list of every run. Memory: 4 bytes per run (its parent, later
// its label) and 8 per row.
type forest struct {
	sx, sy, sz int
	nrows      int
	rowStart   []int      // row r's runs are numbered rowStart[r] to rowStart[r+1]-1
	maxRow     int        // the most runs of a row
	label      []uint32   // parent during the unions, then a local root's label 1..n (marked final) or another run's local root
	n          int        // components
	locals     [][]uint32 // each slab's local roots (build's scratch)
	// extract writes row r's runs into rs (as long as the row has runs);
	// m is scratch of maskWords(sx) words.
	extract func(r int, m []uint64, rs []run)
	// mask writes the bit mask of row r into m (maskWords(sx) words):
	// Binary images of bytes only, nil otherwise.
	mask func(r int, m []uint64)
	// quad: the nodes are quads' clusters rather than runs (quads.go),
	// nil otherwise.
	quad *quadInfo
	// qfree: units' buffers of quads free for takeQuadBuf (pooled with
	// the lists), guarded by qmu.
	qmu   sync.Mutex
	qfree []*quadBuf
}

// run is [x0, x1) of one row.
type run struct{ x0, x1 int32 }

// nbr is a row a pixel's earlier neighbours lie in: dy rows and dz planes
// back, and whether diagonal neighbours along x (x-1, x+1) count.
type nbr struct{ dy, dz, ext int }

// neighbours lists the rows before a row that hold neighbours of its
// pixels at connectivity c (already resolved for ndim axes).
func neighbours(c gips.Connectivity, ndim int) []nbr {
	b := func(ok bool) int {
		if ok {
			return 1
		}
		return 0
	}
	out := []nbr{{-1, 0, b(c >= 2)}}
	if ndim == 3 {
		out = append(out, nbr{0, -1, b(c >= 2)})
		if c >= 2 {
			out = append(out, nbr{-1, -1, b(c >= 3)}, nbr{1, -1, b(c >= 3)})
		}
	}
	return out
}

// slabCount is the number of slabs; tests set it to put slab faces
// everywhere (0: chosen from the image and the workers).
var slabCount = 0

// quadsOn lets a Binary volume of bytes at 26-connectivity take the quads
// (quads.go); tests turn it off to compare them with the runs.
var quadsOn = true

// build labels img at connectivity c: binary says that every nonzero
// value is one foreground (the Binary type), otherwise neighbours join
// only when their values are equal. Integer images only.
func build(img *gips.Image, c gips.Connectivity, binary bool) (*forest, error) {
	g := img.Geometry()
	ndim := 2
	if g.Volume {
		ndim = 3
	}
	c, err := c.Resolve(ndim)
	if err != nil {
		return nil, fmt.Errorf("parameter %w", err)
	}
	if g.Type.IsFloat() {
		return nil, fmt.Errorf("image of type %v: labelling takes Binary, integer or label images: %w", g.Type, gips.ErrBufferType)
	}
	if g.SizeX >= 1<<31-1 || g.Pixels() >= 1<<32-1 {
		return nil, fmt.Errorf("image %v: too large to label (2^31 pixels per row, 2^32 in all): %w", g, gips.ErrGeometry)
	}
	f := &forest{sx: g.SizeX, sy: g.SizeY, sz: g.SizeZ, nrows: g.SizeY * g.Planes()}
	a := buildArgs{f: f, img: img, nb: neighbours(c, ndim), binary: binary}
	err = gips.Dispatch(g.Type, gips.Kernels[buildArgs]{
		U8: buildRuns[uint8], I8: buildRuns[int8], U16: buildRuns[uint16], I16: buildRuns[int16],
		U32: buildRuns[uint32], I32: buildRuns[int32],
	}, a)
	if err != nil {
		return nil, err
	}
	return f, nil
}

type buildArgs struct {
	f      *forest
	img    *gips.Image
	nb     []nbr
	binary bool
}

// slabs splits the rows into the slabs that are joined in parallel.
func (f *forest) slabs() []int {
	if q := f.quad; q != nil {
		b := make([]int, len(q.slabs))
		for s, u := range q.slabs {
			b[s] = f.firstRow(u)
		}
		return b
	}
	ns := slabCount
	if ns <= 0 {
		ns = min(max(1, f.nrows/32), 4*par.Workers())
		if par.Workers() == 1 {
			ns = 1
		}
	}
	ns = min(ns, f.nrows)
	b := make([]int, ns+1)
	for s := range b {
		b[s] = s * f.nrows / ns
	}
	return b
}

// parallel runs fn over slabs in parallel; a panic in a worker comes back
// as an error.
func parallel(n int, fn func(s int)) error {
	err := par.Try(n, 1, func(lo, hi int) {
		for s := lo; s < hi; s++ {
			fn(s)
		}
	})
	if err != nil {
		return fmt.Errorf("label: %w", err)
	}
	return nil
}

// final marks a local root's entry in label once it holds its component's
// number rather than a parent (build, number).
const final = 1 << 31

func buildRuns[T gips.Pixel](a buildArgs) error {
	f := a.f
	planes, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	row := func(r int) []T { return planes[r/f.sy].Row(r % f.sy) }
	_, u8 := any(row(0)).([]uint8)
	bin8 := u8 && a.binary // Binary rows: runs through bit masks
	f.extract = func(r int, m []uint64, rs []run) {
		if bin8 {
			byteRuns(any(row(r)).([]uint8), m, rs)
		} else {
			rowRuns(row(r), a.binary, rs[:0:len(rs)]) // exactly the row's runs: never grows
		}
	}
	if bin8 {
		f.mask = func(r int, m []uint64) { rowMask(any(row(r)).([]uint8), m[:maskWords(f.sx)]) }
	}
	if bin8 && quadsOn && len(a.nb) == 4 && a.nb[2].ext == 1 {
		return f.buildQuads(any(planes).([]gips.Plane[uint8]))
	}
	bounds := f.slabs()
	ns := len(bounds) - 1

	// Count the runs of every row, to number each row's runs.
	l := f.lists()
	f.rowStart = scratch.Get[int](&bufs, f.nrows+1)
	f.rowStart[0] = 0
	if err := parallel(ns, func(s int) {
		m := make([]uint64, maskWords(f.sx))
		for r := bounds[s]; r < bounds[s+1]; r++ {
			if bin8 {
				f.rowStart[r+1] = countByteRuns(any(row(r)).([]uint8), m)
			} else {
				f.rowStart[r+1] = countRuns(row(r), a.binary)
			}
		}
	}); err != nil {
		return err
	}
	for r := range f.nrows {
		f.maxRow = max(f.maxRow, f.rowStart[r+1])
		f.rowStart[r+1] += f.rowStart[r]
	}
	total := f.rowStart[f.nrows]
	if total >= final {
		return fmt.Errorf("image %v: %d runs of foreground, more than labelling numbers (2^31): %w", a.img.Geometry(), total, gips.ErrGeometry)
	}
	f.label = scratch.Get[uint32](&bufs, total)

	// A row's earlier neighbours lie in its unit (a row in 2D, a plane in
	// 3D) or the one before: a slab keeps the runs of these two units
	// only, each in a list as long as the most runs a unit has.
	unit := 1
	if len(a.nb) > 1 {
		unit = f.sy
	}
	maxUnit := 0
	for u := 0; u < f.nrows; u += unit {
		maxUnit = max(maxUnit, f.rowStart[u+unit]-f.rowStart[u])
	}

	// join links the runs rs of row r with those of its earlier neighbour
	// rows q for which use(q), whose runs are runsOf(q); face: across a
	// slab face (see mergeRuns).
	join := func(r int, rs []run, use func(q int) bool, runsOf func(q int) []run, face bool) {
		if len(rs) == 0 {
			return
		}
		ar := uint32(f.rowStart[r])
		fresh := !face
		for _, nb := range a.nb {
			q, ok := f.nbrRow(r, nb)
			if !ok || !use(q) {
				continue
			}
			qs, bq := runsOf(q), uint32(f.rowStart[q])
			if a.binary {
				f.mergeRuns(rs, ar, qs, bq, int32(nb.ext), face, fresh)
				fresh = false
				continue
			}
			rr, rq := row(r), row(q)
			f.connect(rs, ar, qs, bq, int32(nb.ext), func(x, y int32) bool { return rr[x] == rq[y] }, face)
		}
	}

	// In each slab: find the runs, join them within the slab, then point
	// every run at its local root (parents precede children: one pass)
	// and list the local roots. The units' lists are reused by the next
	// slab a worker takes.
	locals := l.locals
	for len(locals) < ns {
		locals = append(locals, nil)
	}
	f.locals = locals
	type unitLists struct {
		m   []uint64 // a row's mask (scratch)
		buf [2][]run
	}
	free := make(chan *unitLists, ns)
	if err := parallel(ns, func(s int) {
		var ul *unitLists
		select {
		case ul = <-free:
		default:
			ul = &unitLists{m: make([]uint64, maskWords(f.sx)), buf: [2][]run{make([]run, maxUnit), make([]run, maxUnit)}}
		}
		defer func() { free <- ul }()
		runsOf := func(q int) []run {
			u := q / unit
			base := f.rowStart[u*unit]
			return ul.buf[u&1][f.rowStart[q]-base : f.rowStart[q+1]-base]
		}
		inside := func(q int) bool { return q >= bounds[s] }
		for r := bounds[s]; r < bounds[s+1]; r++ {
			rs := runsOf(r)
			f.extract(r, ul.m, rs)
			for i := f.rowStart[r]; i < f.rowStart[r+1]; i++ {
				f.label[i] = uint32(i)
			}
			join(r, rs, inside, runsOf, false)
		}
		locals[s] = f.localRoots(f.rowStart[bounds[s]], f.rowStart[bounds[s+1]], locals[s][:0])
	}); err != nil {
		return err
	}

	// Across the faces, only local roots are linked: a run's lookup starts
	// at its local root, so the parents of other runs stay in their slab.
	// The runs of the rows on either side are found again.
	m := make([]uint64, maskWords(f.sx))
	rbuf, qbuf := make([]run, f.maxRow), make([]run, f.maxRow)
	runsOf := func(q int) []run {
		qs := qbuf[:f.rowStart[q+1]-f.rowStart[q]]
		f.extract(q, m, qs)
		return qs
	}
	for s := 1; s < ns; s++ {
		outside := func(q int) bool { return q < bounds[s] }
		for r := bounds[s]; r < min(bounds[s+1], bounds[s]+unit+1); r++ {
			rs := rbuf[:f.rowStart[r+1]-f.rowStart[r]]
			f.extract(r, m, rs)
			join(r, rs, outside, runsOf, true)
		}
	}
	f.number(locals[:ns])
	// Every other run still points at its local root: rows looks the
	// number up there when it reads the labels, rather than a pass over
	// every run here (which Count does not need at all).
	return nil
}

// localRoots points every node of [lo, hi), a slab's, at its local root
// (parents precede children: one pass) and appends the local roots to
// roots. No branch on whether a node is a root (a fifth of the quads'
// nodes on the bench volume, scattered): a root's entry is itself, and
// every node is written to buf, which keeps only the roots' (n counts
// them) and is emptied into roots when full.
func (f *forest) localRoots(lo, hi int, roots []uint32) []uint32 {
	p := f.label
	var buf [256]uint32
	n := 0
	for i := lo; i < hi; i++ {
		q := p[i]
		p[i] = p[q]
		buf[n] = uint32(i)
		if q == uint32(i) {
			n++ // a set and an add, no jump
		}
		if n == len(buf) {
			roots, n = append(roots, buf[:]...), 0
		}
	}
	return append(roots, buf[:n]...)
}

// countRuns is the number of runs rowRuns finds in row.
func countRuns[T gips.Pixel](row []T, binary bool) int {
	n := 0
	var last T
	for _, v := range row {
		if v != 0 && ((binary && last == 0) || (!binary && v != last)) {
			n++
		}
		last = v
	}
	return n
}

// nbrRow is the row nb points to from row r, if it is in the same volume.
func (f *forest) nbrRow(r int, nb nbr) (int, bool) {
	y, z := r%f.sy+nb.dy, (r/f.sy)%f.sz+nb.dz
	if y < 0 || y >= f.sy || z < 0 {
		return 0, false
	}
	return r + nb.dz*f.sy + nb.dy, true
}

// connect joins the runs a of a row (indices from ar) with the touching
// runs b of an earlier row (from bq; e 1: diagonal neighbours along x
// count) for which same(x of a's run, x of b's run) holds. Both lists are
// sorted: one merge pass. face: as mergeRuns.
func (f *forest) connect(a []run, ar uint32, b []run, bq uint32, e int32, same func(xr, xq int32) bool, face bool) {
	j := 0
	for i, ra := range a {
		lo, hi := ra.x0-e, ra.x1+e
		for j < len(b) && b[j].x1 <= lo {
			j++
		}
		for k := j; k < len(b) && b[k].x0 < hi; k++ {
			if same(ra.x0, b[k].x0) {
				x, y := ar+uint32(i), bq+uint32(k)
				if face {
					x, y = f.label[x], f.label[y]
				}
				f.union(f.find(x), f.find(y))
			}
		}
	}
}

// mergeRuns joins every run of a (indices from ar) with the runs of b
// (from bq) it touches, e the reach along x beyond a run's ends. Taking
// each run as [x0, x1+e), two runs touch exactly when these overlap, and
// those of one row do not overlap each other: one merge of the two sorted
// lists, stepping past whichever of the pair ends first.
func (f *forest) mergeRuns(a []run, ar uint32, b []run, bq uint32, e int32, face, fresh bool) {
	if !face && fresh {
		f.mergeFresh(a, ar, b, bq, e)
		return
	}
	p := f.label
	i, k := 0, 0
	for i < len(a) && k < len(b) {
		ra, rb := a[i], b[k]
		// Every step links two roots, without a branch on whether the
		// runs touch (as good as random on ragged edges): a pair that
		// does not is a's run with itself, whose link writes its root
		// over itself.
		// touch: all ones when the runs touch (both differences
		// negative), else 0; arithmetic rather than a branch.
		touch := uint32((rb.x0-ra.x1-e)&(ra.x0-rb.x1-e)) >> 31 * ^uint32(0)
		x := ar + uint32(i)
		y := x ^ ((x ^ (bq + uint32(k))) & touch)
		if face {
			x, y = p[x], p[y]
		}
		x, y = root(p, x), root(p, y)
		p[max(x, y)] = min(x, y)
		// Step past a (c 0) or b (c 1) without a branch: which one ends
		// first is as good as random on ragged edges.
		c := int(uint64(int64(rb.x1)-int64(ra.x1)) >> 63)
		i += 1 - c
		k += c
	}
}

// mergeFresh is mergeRuns inside a slab when no run of a has been linked
// yet (a's first merge). The root of a's current run is kept in a
// register rather than looked up at every step: a link leaves the
// smaller of the two roots as the root of both, so the register follows
// it without a load, and a's next run is still its own root (a link
// writes only at roots, and those of b and of a's earlier runs precede
// it). The lookups of b's roots then depend on no earlier store (unless
// they meet a root just linked), so consecutive steps overlap.
func (f *forest) mergeFresh(a []run, ar uint32, b []run, bq uint32, e int32) {
	p := f.label
	i, k := 0, 0
	ra := ar
	for i < len(a) && k < len(b) {
		xa, xb := a[i], b[k]
		touch := uint32((xb.x0-xa.x1-e)&(xa.x0-xb.x1-e)) >> 31 * ^uint32(0)
		rb := root(p, bq+uint32(k))
		// t: b's root when the runs touch, else a's own (a link of ra
		// with itself writes nothing new).
		t := ra ^ ((ra ^ rb) & touch)
		p[max(ra, t)] = min(ra, t)
		ra = min(ra, t)
		c := int(uint64(int64(xb.x1)-int64(xa.x1)) >> 63)
		i += 1 - c
		k += c
		m := uint32(c) - 1 // all ones when a stepped
		ra ^= (ra ^ (ar + uint32(i))) & m
	}
}

// root is the root of x in the parent list p, pointing each node passed
// at its grandparent. Most nodes are a root or the child of one: the
// first two lookups are made without a branch between them, and the loop
// is taken only for longer paths.
func root(p []uint32, x uint32) uint32 {
	px := p[x]
	for {
		ppx := p[px]
		if ppx == px {
			return px
		}
		p[x] = ppx
		x, px = ppx, p[ppx]
	}
}

// find is root in f's parents.
func (f *forest) find(x uint32) uint32 { return root(f.label, x) }

// union links the larger of two roots under the smaller, so that every
// parent index is at most its child's.
func (f *forest) union(a, b uint32) {
	switch {
	case a < b:
		f.label[b] = a
	case b < a:
		f.label[a] = b
	}
}

// number numbers the components 1..n in the order of their roots, which
// are local roots: locals lists each slab's, in index order. A linked
// local root's parent is an earlier local root, already numbered; each
// entry takes its number with the final mark.
func (f *forest) number(locals [][]uint32) {
	n := uint32(0)
	p := f.label
	for _, roots := range locals {
		for _, x := range roots {
			if q := p[x]; q == x {
				n++
				p[x] = n | final
			} else {
				p[x] = p[q]
			}
		}
	}
	f.n = int(n)
}

// rows calls fn for every row of [r0, r1) with its runs (found again)
// and their labels. fn may write the row: its runs are found first. On a
// quad forest, r0 and r1 are slab bounds (f.slabs) and the rows come
// quad by quad.
func (f *forest) rows(r0, r1 int, fn func(r int, rs []run, labels []uint32)) {
	if f.quad != nil {
		f.quadRowsRuns(r0, r1, fn)
		return
	}
	m := make([]uint64, maskWords(f.sx))
	buf := make([]run, f.maxRow)
	lab := make([]uint32, f.maxRow)
	p := f.label
	for r := r0; r < r1; r++ {
		a, b := f.rowStart[r], f.rowStart[r+1]
		rs := buf[:b-a]
		f.extract(r, m, rs)
		ls := lab[:b-a]
		for i := range ls {
			// A local root holds its number (marked final), any other
			// run its local root.
			q := p[a+i]
			if q&final == 0 {
				q = p[q]
			}
			ls[i] = q &^ final
		}
		fn(r, rs, ls)
	}
}
