package label

import (
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
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
// The work is split over slabs of consecutive rows: runs are found per
// row, joined inside each slab in parallel, then joined across the slab
// faces in one serial pass. Memory: 8 bytes per run plus 4 for its parent
// (later its label), and 8 bytes per row; no per-pixel scratch.
type forest struct {
	sx, sy, sz int
	nrows      int
	local      [][]run  // the runs of each slab, in raster order
	slabBase   []int    // global index of each slab's first run
	rowSlab    []int32  // the slab of each row
	rowStart   []int    // global indices of row r's runs: [rowStart[r], rowStart[r+1])
	label      []uint32 // parent during the unions, then the run's label 1..n
	n          int      // components
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
	var mu sync.Mutex
	var first error
	par.For(n, 1, func(lo, hi int) {
		defer func() {
			if r := recover(); r != nil {
				mu.Lock()
				if first == nil {
					first = fmt.Errorf("label: internal error: %v\n%s", r, debug.Stack())
				}
				mu.Unlock()
			}
		}()
		for s := lo; s < hi; s++ {
			fn(s)
		}
	})
	return first
}

func buildRuns[T gips.Pixel](a buildArgs) error {
	f := a.f
	planes, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	row := func(r int) []T { return planes[r/f.sy].Row(r % f.sy) }
	bounds := f.slabs()
	ns := len(bounds) - 1

	// Runs of every row, each slab into its own list, then one list.
	local := make([][]run, ns)
	f.rowStart = make([]int, f.nrows+1)
	if err := parallel(ns, func(s int) {
		n := 64
		if _, ok := any(row(0)).([]uint8); ok && a.binary {
			n = 0 // exact: no growth, no copies
			for r := bounds[s]; r < bounds[s+1]; r++ {
				n += countByteRuns(any(row(r)).([]uint8))
			}
		}
		rs := make([]run, 0, n)
		for r := bounds[s]; r < bounds[s+1]; r++ {
			n0 := len(rs)
			rs = rowRuns(row(r), a.binary, rs)
			f.rowStart[r+1] = len(rs) - n0
		}
		local[s] = rs
	}); err != nil {
		return err
	}
	f.rowSlab = make([]int32, f.nrows)
	f.slabBase = make([]int, ns)
	for s := range ns {
		f.slabBase[s] = f.rowStart[bounds[s]]
		for r := bounds[s]; r < bounds[s+1]; r++ {
			f.rowStart[r+1] += f.rowStart[r]
			f.rowSlab[r] = int32(s)
		}
	}
	total := f.rowStart[f.nrows]
	f.local = local
	f.label = make([]uint32, total)
	for i := range f.label {
		f.label[i] = uint32(i)
	}

	// Joins inside each slab touch only that slab's runs; then the faces.
	join := func(r int, inside func(q int) bool) {
		var qs [4]int
		var exts [4]int32
		k := 0
		for _, nb := range a.nb {
			if q, ok := f.nbrRow(r, nb); ok && inside(q) {
				qs[k], exts[k] = q, int32(nb.ext)
				k++
			}
		}
		if k == 0 {
			return
		}
		if a.binary {
			f.connectAll(r, qs[:k], exts[:k])
			return
		}
		rr := row(r)
		for i := range k {
			rq := row(qs[i])
			f.connect(r, qs[i], int(exts[i]), func(x, y int32) bool { return rr[x] == rq[y] })
		}
	}
	if err := parallel(ns, func(s int) {
		for r := bounds[s]; r < bounds[s+1]; r++ {
			join(r, func(q int) bool { return q >= bounds[s] })
		}
	}); err != nil {
		return err
	}
	for s := 1; s < ns; s++ {
		for r := bounds[s]; r < min(bounds[s+1], bounds[s]+f.sy+1); r++ {
			join(r, func(q int) bool { return q < bounds[s] })
		}
	}
	f.number()
	return nil
}

// nbrRow is the row nb points to from row r, if it is in the same volume.
func (f *forest) nbrRow(r int, nb nbr) (int, bool) {
	y, z := r%f.sy+nb.dy, (r/f.sy)%f.sz+nb.dz
	if y < 0 || y >= f.sy || z < 0 {
		return 0, false
	}
	return r + nb.dz*f.sy + nb.dy, true
}

// connect joins the runs of row r with the touching runs of the earlier
// row q (ext 1: diagonal neighbours along x count) for which same(x of
// r's run, x of q's run) holds. Both lists are sorted: one merge pass.
func (f *forest) connect(r, q, ext int, same func(xr, xq int32) bool) {
	a, ar := f.runsOf(r)
	b, aq := f.runsOf(q)
	e := int32(ext)
	j := 0
	for i, ra := range a {
		lo, hi := ra.x0-e, ra.x1+e
		for j < len(b) && b[j].x1 <= lo {
			j++
		}
		for k := j; k < len(b) && b[k].x0 < hi; k++ {
			if same(ra.x0, b[k].x0) {
				f.union(uint32(ar+i), uint32(aq+k))
			}
		}
	}
}

// runsOf is row r's runs and the global index of the first.
func (f *forest) runsOf(r int) ([]run, int) {
	s := f.rowSlab[r]
	a, b := f.rowStart[r], f.rowStart[r+1]
	base := f.slabBase[s]
	return f.local[s][a-base : b-base], a
}

// connectAll is connect for a Binary image, where every touching pair
// joins, against all the earlier neighbour rows qs of row r at once (ext:
// whether each counts diagonal neighbours along x). Each run keeps its
// root while it is linked to the runs it touches: one find per touching
// run, not two, and none for a run that touches nothing.
func (f *forest) connectAll(r int, qs []int, ext []int32) {
	a, ar := f.runsOf(r)
	var bs [4][]run
	var bq [4]int
	var js [4]int
	for i, q := range qs {
		bs[i], bq[i] = f.runsOf(q)
	}
	p := f.label
	for i, ra := range a {
		root := ^uint32(0) // not looked up yet
		for n := range qs {
			b, j := bs[n], js[n]
			lo, hi := ra.x0-ext[n], ra.x1+ext[n]
			for j < len(b) && b[j].x1 <= lo {
				j++
			}
			js[n] = j
			for k := j; k < len(b) && b[k].x0 < hi; k++ {
				if root == ^uint32(0) {
					root = f.find(uint32(ar + i))
				}
				rb := f.find(uint32(bq[n] + k))
				switch {
				case rb < root:
					p[root] = rb
					root = rb
				case rb > root:
					p[rb] = root
				}
			}
		}
	}
}

func (f *forest) find(x uint32) uint32 {
	p := f.label
	for p[x] != x {
		p[x] = p[p[x]]
		x = p[x]
	}
	return x
}

// union links the larger root under the smaller, so that every parent
// index is at most its child's.
func (f *forest) union(a, b uint32) {
	a, b = f.find(a), f.find(b)
	switch {
	case a < b:
		f.label[b] = a
	case b < a:
		f.label[a] = b
	}
}

// number turns the parents into labels 1..n in the order of the roots. A
// parent's index is below its child's, so by the time a run is reached its
// parent already holds the final label.
func (f *forest) number() {
	n := uint32(0)
	for i, p := range f.label {
		if p == uint32(i) {
			n++
			f.label[i] = n
		} else {
			f.label[i] = f.label[p]
		}
	}
	f.n = int(n)
}

// each calls fn for every run of rows [r0, r1) with the row index and the
// run's position in f.runs.
func (f *forest) rows(r0, r1 int, fn func(r int, rs []run, labels []uint32)) {
	for r := r0; r < r1; r++ {
		rs, a := f.runsOf(r)
		fn(r, rs, f.label[a:a+len(rs)])
	}
}
