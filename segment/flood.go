package segment

import (
	"math"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// skimageOrder is the order in which scikit-image 0.19 visits a pixel's
// neighbours, as (dx, dy, dz): its footprint offsets sorted by distance
// with numpy's argsort (not a stable sort for 27 offsets), read once from
// skimage.morphology._util._offsets_to_raveled_neighbors. Index: ndim-2,
// connectivity-1.
var skimageOrder = [2][][][3]int{
	{
		{{0, -1, 0}, {-1, 0, 0}, {1, 0, 0}, {0, 1, 0}},
		{{0, -1, 0}, {-1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {-1, -1, 0}, {1, -1, 0}, {-1, 1, 0}, {1, 1, 0}},
	},
	{
		{{0, 0, -1}, {0, -1, 0}, {-1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
		{{0, 0, 1}, {0, 0, -1}, {0, -1, 0}, {0, 1, 0}, {-1, 0, 0}, {1, 0, 0}, {-1, 0, 1}, {0, -1, 1}, {1, 1, 0},
			{-1, 1, 0}, {0, -1, -1}, {1, -1, 0}, {-1, -1, 0}, {0, 1, -1}, {1, 0, -1}, {-1, 0, -1}, {1, 0, 1}, {0, 1, 1}},
		{{0, 1, 0}, {0, 0, -1}, {1, 0, 0}, {-1, 0, 0}, {0, 0, 1}, {0, -1, 0}, {1, 1, 0}, {-1, 1, 0}, {0, 1, 1},
			{1, -1, 0}, {-1, -1, 0}, {0, 1, -1}, {1, 0, 1}, {1, 0, -1}, {-1, 0, -1}, {0, -1, -1}, {-1, 0, 1},
			{0, -1, 1}, {-1, 1, 1}, {-1, -1, -1}, {-1, -1, 1}, {1, 1, -1}, {-1, 1, -1}, {1, -1, -1}, {1, -1, 1}, {1, 1, 1}},
	},
}

// flood is one volume padded by one pixel on every side (as scikit-image
// pads it, so that no neighbour falls outside), in C order.
type flood struct {
	g          gips.Geometry
	px, py, pz int   // padded sizes (pz 1 for a 2D image)
	nbr        []int // neighbour offsets in the padded raster
	nbrBytes   []int // the same in bytes of pcells (readAhead)
	farOff     []int // far's offsets (readAhead)
	c          config
	cells      []cell
	h          heap
	levels     int // grey levels of an 8- or 16-bit image (0: other types)
	off        int // level of value v: int(v) + off
	// plain: the plain watershed of an 8- or 16-bit image, on pc
	// (compact.go) instead of cells.
	plain bool
	pc    []pcell
	sink  uint16 // flow's reads ahead go here, so that they are not dropped
}

func newFlood(g gips.Geometry, conn gips.Connectivity, c config) *flood {
	w := &flood{g: g, px: g.SizeX + 2, py: g.SizeY + 2, pz: 1, c: c}
	nd := 2
	if g.Volume {
		w.pz, nd = g.SizeZ+2, 3
	}
	for _, o := range skimageOrder[nd-2][conn-1] {
		w.nbr = append(w.nbr, o[0]+o[1]*w.px+o[2]*w.px*w.py)
	}
	switch g.Type.Storage() {
	case gips.UInt8:
		w.levels = 256
	case gips.Int8:
		w.levels, w.off = 256, 128
	case gips.UInt16:
		w.levels = 65536
	case gips.Int16:
		w.levels, w.off = 65536, 32768
	}
	n := w.px * w.py * w.pz
	if w.plain = plainMode(w.levels, n, len(w.nbr), c); w.plain {
		w.pc = scratch.Get[pcell](&pcells, n)
		for _, o := range w.nbr {
			w.nbrBytes = append(w.nbrBytes, o*int(unsafe.Sizeof(pcell{})))
		}
		w.farOff = w.far()
	} else {
		w.cells = scratch.Get[cell](&cells, n)
	}
	return w
}

// release gives the padded arrays back for the next call.
func (w *flood) release() {
	w.h.release()
	if w.plain {
		scratch.Put(&pcells, w.pc)
		return
	}
	scratch.Put(&cells, w.cells)
}

// cell is one pixel of the padded volume: its value, its label and whether
// it is inside the mask, together, so that visiting a neighbour touches one
// cache line, not three (the flood visits memory in the order of values,
// so nearly every visit is a cache miss).
type cell struct {
	val float64
	lab int32
	in  bool
}

// The padded cells are kept between calls: new ones are faulted in page
// by page on first touch, which costs as much as a plain flood.
var cells scratch.Pool

// at is the padded index of pixel (x, y) of plane z of the volume.
func (w *flood) at(x, y, z int) int {
	if w.pz > 1 {
		z++
	}
	return (z*w.py+y+1)*w.px + x + 1
}

// run is scikit-image's watershed_raveled. Its binary heap decides the
// order of markers of equal value (all of age 0); once no two markers left
// in it share a value every key is distinct, the order is fixed by the
// keys alone, and an 8- or 16-bit image (without compactness, whose
// priorities are not grey levels) moves on to a hierarchical queue.
func (w *flood) run() {
	if w.plain {
		w.runPlain()
		return
	}
	compact := w.c.compactness > 0
	wsl := w.c.line
	atPop := compact || wsl
	cs := w.cells
	h := &w.h
	h.a = h.a[:0]
	level := func(e *item) int { return int(cs[e.index].val) + w.off }
	var cnt []int32 // markers left in the heap per level
	dups := 0       // levels with two or more
	for i := range cs {
		if cs[i].lab != 0 {
			e := item{value: cs[i].val, age: 0, index: int32(i), source: int32(i)}
			h.push(e)
			if w.levels > 0 && !compact {
				if cnt == nil {
					cnt = make([]int32, w.levels)
				}
				if cnt[level(&e)]++; cnt[level(&e)] == 2 {
					dups++
				}
			}
		}
	}
	var bq *buckets[item]
	defer func() {
		if bq != nil {
			bq.release()
		}
	}()
	toBuckets := func() {
		bq = newBuckets[item](&blocks, w.levels, w.histogram())
		bq.fill(h.a, level, func(e item) item { return e })
		h.a = h.a[:0]
	}
	if cnt != nil && dups == 0 {
		toBuckets()
	}
	age := int64(1)
	for {
		var e item
		if bq != nil {
			if bq.n == 0 {
				break
			}
			e = bq.pop()
		} else {
			if len(h.a) == 0 {
				break
			}
			e = h.pop()
			if cnt != nil && e.age == 0 {
				if cnt[level(&e)]--; cnt[level(&e)] == 1 {
					if dups--; dups == 0 {
						toBuckets()
					}
				}
			}
		}
		idx := int(e.index)
		if atPop {
			if cs[idx].lab != 0 && e.index != e.source {
				continue
			}
			if wsl && w.diffNeighbours(idx) {
				continue
			}
			cs[idx].lab = cs[e.source].lab
		}
		for _, o := range w.nbr {
			n := idx + o
			c := &cs[n]
			if !c.in || c.lab != 0 {
				continue
			}
			age++
			v := c.val
			if compact {
				v += w.c.compactness * w.dist(n, int(e.source))
			} else if !wsl {
				c.lab = cs[idx].lab
			}
			ne := item{value: v, age: int32(age), index: int32(n), source: e.source}
			if bq != nil {
				bq.push(level(&ne), ne)
			} else {
				h.push(ne)
			}
		}
	}
}

// histogram counts the cells inside the mask at each level: in the default
// mode each is queued at most once, so these are the buckets' capacities.
func (w *flood) histogram() []int {
	h := make([]int, w.levels)
	for i := range w.cells {
		if w.cells[i].in {
			h[int(w.cells[i].val)+w.off]++
		}
	}
	return h
}

// diffNeighbours is scikit-image's _diff_neighbors: true (and the pixel
// leaves the mask, becoming line) when its in-mask neighbours carry two
// different nonzero labels.
func (w *flood) diffNeighbours(idx int) bool {
	if !w.cells[idx].in {
		return true
	}
	var l0, l1 int32
	for _, o := range w.nbr {
		n := idx + o
		if !w.cells[n].in {
			continue
		}
		if l0 == 0 {
			l0 = w.cells[n].lab
		} else {
			l1 = w.cells[n].lab
			if l1 != 0 && l1 != l0 {
				w.cells[idx].in = false
				return true
			}
		}
	}
	return false
}

// dist is the Euclidean distance between two padded indices, summed over
// z, y, x as scikit-image's _euclid_dist does.
func (w *flood) dist(a, b int) float64 {
	pl := w.px * w.py
	r := 0.0
	if w.pz > 1 {
		d := float64(a/pl - b/pl)
		r += d * d
		a, b = a%pl, b%pl
	}
	d := float64(a/w.px - b/w.px)
	r += d * d
	d = float64(a%w.px - b%w.px)
	r += d * d
	return math.Sqrt(r)
}
