package label

import (
	"cmp"
	"fmt"
	"slices"
	"sync/atomic"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// The passes of a labelling done block by block (gips.dask.label): each
// block is labelled by Components, then BlockFirsts gives each local
// label's first pixel (to number the objects in the whole array's raster
// order), BlockFaces the pairs of local labels that touch across a chunk
// boundary, and RelabelTableInto renumbers a block through the table the
// union of those pairs gives. They were numpy passes in Python, a large
// part of the chunked labelling's time.

// BlockFirsts returns the linear index (x fastest, then y, then z) of the
// first pixel of each label 1..n of a label image numbered in raster order
// (as Components numbers them): firsts[k-1] for label k. A label that
// appears before every smaller one is refused: the image is not numbered
// in raster order.
func BlockFirsts(labels *gips.Image) ([]int64, error) { return blockFirsts[int64](labels, false) }

// blockFirsts is BlockFirsts with the indices as O: the op gives them as
// float64, written once into the result rather than converted from a copy,
// and in memory from the package's scratch pool when pooled (the op's
// result goes back to it once the C API has copied it into numpy's block:
// made fresh, a 4096² image's 0.5 million indices were 4 MB of page faults
// a call, as long as the scan).
func blockFirsts[O int64 | float64](labels *gips.Image, pooled bool) ([]O, error) {
	g := labels.Geometry()
	if g.SizeC*g.SizeT != 1 {
		return nil, fmt.Errorf("blockFirsts: image of %d channels and %d time points: want one of each: %w", g.SizeC, g.SizeT, gips.ErrParam)
	}
	a := &firstsArgs[O]{img: labels, pooled: pooled}
	err := gips.Dispatch(labels.Type(), gips.Kernels[*firstsArgs[O]]{U8: firsts[uint8, O], U16: firsts[uint16, O], U32: firsts[uint32, O]}, a)
	if err != nil {
		return nil, fmt.Errorf("blockFirsts: labels: %w", err)
	}
	return a.out, nil
}

type firstsArgs[O int64 | float64] struct {
	img    *gips.Image
	pooled bool // out from the scratch pool
	out    []O
}

// step is a pixel where a running maximum of labels steps up to v.
type step[T uint8 | uint16 | uint32] struct {
	v T
	i int64
}

// firsts finds the pixels where the running maximum steps up. The rows are
// cut into chunks scanned in parallel, each listing the steps of its own
// running maximum (a step of the whole image's is one of its chunk's,
// which starts lower); the lists are then walked in order, keeping the
// steps past the maximum of the chunks before. The lists come from the
// package's scratch pool: grown by appends, a 4096² image's lists (about
// the number of labels, 16 bytes each) were new memory every call, its
// page faults as long as the scan, and longer on two threads than on one.
func firsts[T uint8 | uint16 | uint32, O int64 | float64](a *firstsArgs[O]) error {
	planes, err := gips.Planes[T](a.img)
	if err != nil || len(planes) == 0 {
		return err
	}
	h, w := planes[0].Height, planes[0].Width
	nr := len(planes) * h
	nc := 1
	if rowBytes := w * int(unsafe.Sizeof(T(0))); nr*rowBytes >= par.InlineBytes {
		nc = min(nr, 4*par.Workers())
	}
	steps := make([][]step[T], nc)
	defer func() {
		for _, st := range steps {
			scratch.Put(&bufs, st)
		}
	}()
	rs := rowSteps[T]
	if f, ok := any(rowStepsU32).(func([]T, T, int64, []step[T]) ([]step[T], T)); ok {
		rs = f // T is uint32: the vector scan
	}
	scan := func(c int) {
		out := scratch.Get[step[T]](&bufs, 4096)[:0]
		var top T
		for r := c * nr / nc; r < (c+1)*nr/nc; r++ {
			out, top = rs(planes[r/h].Row(r%h), top, int64(r)*int64(w), out)
		}
		steps[c] = out
	}
	if nc == 1 {
		scan(0)
	} else if err := par.Try(nc, 1, func(lo, hi int) {
		for c := lo; c < hi; c++ {
			scan(c)
		}
	}); err != nil {
		return err
	}
	total := 0
	for _, st := range steps {
		total += len(st)
	}
	// The image's steps are some of the chunks'.
	if a.pooled {
		a.out = scratch.Get[O](&bufs, total)[:0]
	} else {
		a.out = make([]O, 0, total)
	}
	var top T // the largest label so far
	for _, st := range steps {
		for _, s := range st {
			if s.v <= top {
				continue
			}
			if s.v != top+1 {
				return fmt.Errorf("label %d at pixel %d before label %d: not numbered in raster order: %w", s.v, s.i, top+1, gips.ErrParam)
			}
			top = s.v
			a.out = append(a.out, O(s.i))
		}
	}
	return nil
}

// rowSteps appends to out the steps of the running maximum top along row,
// whose first pixel has linear index base, and returns out and the new
// maximum: the scalar loop, which uint32 labels run in vectors
// (rowStepsU32). A function of its own, not the scan's closure, where top
// lived on the stack: a load and a store a pixel.
func rowSteps[T uint8 | uint16 | uint32](row []T, top T, base int64, out []step[T]) ([]step[T], T) {
	for i, v := range row {
		if v > top {
			top = v
			out = appendStep(out, v, base+int64(i))
		}
	}
	return out, top
}

// appendStep appends step (v, i) to out, its buffer grown from the pool
// when full.
func appendStep[T uint8 | uint16 | uint32](out []step[T], v T, i int64) []step[T] {
	if len(out) == cap(out) {
		out = growSteps(out)
	}
	return append(out, step[T]{v, i})
}

// growSteps is s with twice its capacity, from the scratch pool, s given
// back to it.
func growSteps[T uint8 | uint16 | uint32](s []step[T]) []step[T] {
	n := scratch.Get[step[T]](&bufs, 2*cap(s))[:len(s)]
	copy(n, s)
	scratch.Put(&bufs, s)
	return n
}

// RelabelTableInto writes table[labels] into dst: each pixel's label
// looked up in table, a 1-row image of at least max(labels)+1 entries of
// dst's type (Int32, UInt32 or Label32). dst has labels' sizes; it may be
// labels itself (the same memory as a 4-byte type, as
// numpy's labels.view(int32)): each pixel is read before it is written.
// A label past the table's end is an error, and dst is then partly written.
func RelabelTableInto(dst, labels, table *gips.Image) error {
	if !dst.Geometry().SameSizes(labels.Geometry()) {
		return fmt.Errorf("relabelTable: output %v: want the labels' sizes %v: %w", dst.Geometry(), labels.Geometry(), gips.ErrParam)
	}
	tg := table.Geometry()
	if tg.SizeY*tg.SizeZ*tg.SizeC*tg.SizeT != 1 {
		return fmt.Errorf("relabelTable: table %v: want one row: %w", tg, gips.ErrParam)
	}
	if table.Type().Storage() != dst.Type().Storage() {
		return fmt.Errorf("relabelTable: table of type %v, output %v: want one storage type: %w", table.Type(), dst.Type(), gips.ErrBufferType)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("relabelTable: output: %w", err)
	}
	if gips.Overlap(dst, labels) && !samePixels(dst, labels) {
		return fmt.Errorf("relabelTable: the output overlaps the labels other than pixel for pixel: %w", gips.ErrParam)
	}
	a := &relabelArgs{dst: dst, src: labels, table: unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(table.Row(0, 0)))), tg.SizeX)}
	if dst.Type().Storage() != gips.UInt32 && dst.Type().Storage() != gips.Int32 {
		return fmt.Errorf("relabelTable: output of type %v: want Int32, UInt32 or Label32: %w", dst.Type(), gips.ErrBufferType)
	}
	err := gips.Dispatch(labels.Type(), gips.Kernels[*relabelArgs]{U8: relabelTable[uint8], U16: relabelTable[uint16], U32: relabelTable[uint32]}, a)
	if err != nil {
		return fmt.Errorf("relabelTable: labels: %w", err)
	}
	return nil
}

type relabelArgs struct {
	dst, src *gips.Image
	table    []uint32 // the table's 4-byte entries, as the output stores them
}

// relabelTable copies the table's bits: Int32 and UInt32 outputs alike.
// The rows are shared among the workers (a chunk of a chunked labelling
// is tens of megabytes); the first label past the table's end that a
// worker meets stops its rows and is the error.
func relabelTable[T uint8 | uint16 | uint32](a *relabelArgs) error {
	src, err := gips.Planes[T](a.src)
	if err != nil || len(src) == 0 {
		return err
	}
	n := uint64(len(a.table))
	h := src[0].Height
	var bad atomic.Uint64 // the label past the table's end, plus one
	rows := func(lo, hi int) {
		for r := lo; r < hi && bad.Load() == 0; r++ {
			i, y := r/h, r%h
			row := src[i].Row(y)
			out := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(a.dst.Row(i, y)))), len(row))
			for x, v := range row {
				if uint64(v) >= n {
					bad.CompareAndSwap(0, uint64(v)+1)
					return
				}
				out[x] = a.table[v]
			}
		}
	}
	rowBytes := src[0].Width * (int(unsafe.Sizeof(T(0))) + 4)
	if len(src)*h*rowBytes < par.InlineBytes {
		rows(0, len(src)*h)
	} else if err := par.Try(len(src)*h, par.Grain(rowBytes), rows); err != nil {
		return err
	}
	if v := bad.Load(); v != 0 {
		return fmt.Errorf("label %d in a table of %d entries: %w", v-1, n, gips.ErrParam)
	}
	return nil
}

// samePixels reports whether a and b hold each pixel at the same address
// (pixels of one size, planes at the same places with the same strides).
func samePixels(a, b *gips.Image) bool {
	if a.Type().ItemSize() != b.Type().ItemSize() || a.NumPlanes() != b.NumPlanes() || a.SizeY() == 0 || a.SizeX() == 0 {
		return a.Type().ItemSize() == b.Type().ItemSize() && a.NumPlanes() == b.NumPlanes()
	}
	for i := range a.NumPlanes() {
		if a.PlaneRowStride(i) != b.PlaneRowStride(i) || &a.Row(i, 0)[0] != &b.Row(i, 0)[0] {
			return false
		}
	}
	return true
}

// Pair is two touching local labels of neighbouring blocks: block indices
// on the face's grid (y-major: by*nbx + bx) and labels.
type Pair struct {
	LeftBlock, LeftLabel, RightBlock, RightLabel uint32
}

// BlockFaces returns the pairs of labels that join across one chunk
// boundary of a chunked labelling, sorted and without repeats. left and
// right are the last plane before the boundary and the first after it
// (2D images over the whole array's other axes; for a 2D array, 1-row
// images), each pixel holding its block's local label (UInt32 or Label32,
// 0 for background); leftValues and rightValues are the input's values
// there (one type): a Binary pair joins any two foreground pixels, other
// types only equal values. xStarts and yStarts are the chunk starts along
// the plane's x and y (first 0, increasing), so that the block of a pixel
// is known. connectivity is the array's (1 faces, 2 + edges, 3 + corners):
// a pixel meets the pixels across the boundary whose in-plane offset has
// at most connectivity-1 nonzero steps of one pixel, so that pixels
// meeting at a block's edge or corner are paired too.
func BlockFaces(left, right, leftValues, rightValues *gips.Image, xStarts, yStarts []int, connectivity int) ([]Pair, error) {
	g := left.Geometry()
	for i, im := range []*gips.Image{right, leftValues, rightValues} {
		if !im.Geometry().SameSizes(g) {
			return nil, fmt.Errorf("blockFaces: input %d of sizes %v: want the left labels' %v: %w", i+1, im.Geometry(), g, gips.ErrParam)
		}
	}
	if g.SizeZ*g.SizeC*g.SizeT != 1 {
		return nil, fmt.Errorf("blockFaces: faces %v: want 2D planes: %w", g, gips.ErrParam)
	}
	for _, im := range []*gips.Image{left, right} {
		if im.Type().Storage() != gips.UInt32 {
			return nil, fmt.Errorf("blockFaces: labels of type %v: want UInt32 or Label32: %w", im.Type(), gips.ErrBufferType)
		}
	}
	if leftValues.Type() != rightValues.Type() {
		return nil, fmt.Errorf("blockFaces: values of types %v and %v: want one type: %w", leftValues.Type(), rightValues.Type(), gips.ErrBufferType)
	}
	if connectivity < 1 || connectivity > 3 {
		return nil, fmt.Errorf("blockFaces: connectivity %d: want 1, 2 or 3: %w", connectivity, gips.ErrParam)
	}
	bx, err := blockOf("xStarts", xStarts, g.SizeX)
	if err != nil {
		return nil, err
	}
	by, err := blockOf("yStarts", yStarts, g.SizeY)
	if err != nil {
		return nil, err
	}
	a := &facesArgs{left: left, right: right, lv: leftValues, rv: rightValues, bx: bx, by: by, nbx: uint32(len(xStarts)),
		binary: leftValues.Type() == gips.Binary, steps: connectivity - 1}
	if err := gips.Dispatch(leftValues.Type(), gips.AllKernels(faces[uint8], faces[int8], faces[uint16], faces[int16],
		faces[uint32], faces[int32], nil, nil), a); err != nil {
		return nil, fmt.Errorf("blockFaces: values: %w", err)
	}
	// Two 64-bit keys (block, label) a pair: cmp.Or of four comparisons
	// would make all four on every call.
	slices.SortFunc(a.out, func(p, q Pair) int {
		if c := cmp.Compare(uint64(p.LeftBlock)<<32|uint64(p.LeftLabel), uint64(q.LeftBlock)<<32|uint64(q.LeftLabel)); c != 0 {
			return c
		}
		return cmp.Compare(uint64(p.RightBlock)<<32|uint64(p.RightLabel), uint64(q.RightBlock)<<32|uint64(q.RightLabel))
	})
	return slices.Compact(a.out), nil
}

// blockOf is the block index of each position 0..n-1 along an axis whose
// chunks start at starts.
func blockOf(name string, starts []int, n int) ([]uint32, error) {
	if len(starts) == 0 || starts[0] != 0 || len(starts) > max(n, 1) {
		return nil, fmt.Errorf("blockFaces: %s %v: want chunk starts from 0, at most one per pixel (%d): %w", name, starts, n, gips.ErrParam)
	}
	out := make([]uint32, n)
	for b, s := range starts {
		end := n
		if b+1 < len(starts) {
			end = starts[b+1]
		}
		if end <= s || end > n {
			return nil, fmt.Errorf("blockFaces: %s %v: want increasing starts below %d: %w", name, starts, n, gips.ErrParam)
		}
		for i := s; i < end; i++ {
			out[i] = uint32(b)
		}
	}
	return out, nil
}

type facesArgs struct {
	left, right, lv, rv *gips.Image
	bx, by              []uint32
	nbx                 uint32
	binary              bool
	steps               int // in-plane offsets with at most this many nonzero steps
	out                 []Pair
}

func faces[T gips.Pixel](a *facesArgs) error {
	l, err := gips.PlaneAt[uint32](a.left, 0, 0, 0)
	if err != nil {
		return err
	}
	r, err := gips.PlaneAt[uint32](a.right, 0, 0, 0)
	if err != nil {
		return err
	}
	lv, err := gips.PlaneAt[T](a.lv, 0, 0, 0)
	if err != nil {
		return err
	}
	rv, err := gips.PlaneAt[T](a.rv, 0, 0, 0)
	if err != nil {
		return err
	}
	w, h := l.Width, l.Height
	var last Pair
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if isStep(dx)+isStep(dy) > a.steps {
				continue
			}
			for y := max(0, -dy); y < min(h, h-dy); y++ {
				lrow, rrow := l.Row(y), r.Row(y+dy)
				lvrow, rvrow := lv.Row(y), rv.Row(y+dy)
				lb, rb := a.by[y]*a.nbx, a.by[y+dy]*a.nbx
				for x := max(0, -dx); x < min(w, w-dx); x++ {
					p, q := lrow[x], rrow[x+dx]
					if p == 0 || q == 0 || (!a.binary && lvrow[x] != rvrow[x+dx]) {
						continue
					}
					pr := Pair{lb + a.bx[x], p, rb + a.bx[x+dx], q}
					if pr != last {
						a.out = append(a.out, pr)
						last = pr
					}
				}
			}
		}
	}
	return nil
}

func isStep(d int) int {
	if d != 0 {
		return 1
	}
	return 0
}

// RelabelTable is RelabelTableInto a new image of labels' sizes and the
// table's type.
func RelabelTable(labels, table *gips.Image) (*gips.Image, error) {
	out, err := gips.CreateLike(labels, table.Type())
	if err != nil {
		return nil, fmt.Errorf("relabelTable: %w", err)
	}
	if err := RelabelTableInto(out, labels, table); err != nil {
		return nil, err
	}
	return out, nil
}
