package segment

import (
	"slices"
	"unsafe"

	"github.com/gipsdev/gips/internal/scratch"
)

// The plain watershed (no compactness, no line) of an 8- or 16-bit image:
// every priority is a grey level, so a queue entry's key, level then age,
// fits one uint64 and the entry needs no value or source: the label is
// set when a pixel is queued. The binary heap below performs exactly the
// operations of heap (and so of scikit-image's) with the same comparisons
// on these keys; a quarter less memory per entry and one integer
// comparison instead of two float ones.

// keyed is a queue entry: level<<32 | age, and the pixel.
type keyed struct {
	key   uint64
	index int32
}

type keyHeap struct{ a []keyed }

func (h *keyHeap) push(e keyed) {
	h.a = append(h.a, e)
	a := h.a
	c := len(a) - 1
	for c > 0 {
		p := (c+1)/2 - 1
		if a[c].key >= a[p].key {
			break
		}
		a[c], a[p] = a[p], a[c]
		c = p
	}
}

// pop is heap.pop's sift-down done bottom up (Floyd): the hole at the
// root moves down to a leaf along the smaller children (the left one on a
// tie, as there), then the last entry x moves up from there while its
// parent is not below it. The smaller children along that path never
// decrease, so x stops below exactly those that are smaller than it: the
// place the top-down sift (which moves down while a child is smaller than
// x) puts it, and the same array. One comparison per level instead of two;
// x, the last leaf, nearly always belongs near the bottom.
func (h *keyHeap) pop() keyed {
	a := h.a
	top := a[0]
	n := len(a) - 1
	x := a[n]
	a = a[:n]
	h.a = a
	if n == 0 {
		return top
	}
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && a[c+1].key < a[c].key {
			c++
		}
		a[i] = a[c]
		i = c
	}
	for i > 0 {
		p := (i+1)/2 - 1
		if a[p].key < x.key {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = x
	return top
}

// runPlain is run for the plain watershed of an 8- or 16-bit image: the
// keyed heap (runPacked's one-word form where the keys fit) while two
// markers left in it of different labels share a level (ties.go), then
// the hierarchical queue (flow).
func (w *flood) runPlain() {
	pc := w.pc
	if w.c.line {
		w.runLine()
		return
	}
	if w.c.rasterTies {
		// markers in raster order, as if their ages were 0, 1, 2, ...
		q := newBuckets[entry](&entryBlocks, w.levels, w.histogramPlain())
		for i, c := range pc {
			if c.lab != 0 && c.lab != outside {
				q.push(int(c.lev), entry{int32(i), c.lab})
			}
		}
		w.flow(q)
		q.release()
		return
	}
	if !w.c.keyHeap && w.runPacked() {
		return
	}
	var h keyHeap
	ties := newMarkerTies(w.levels)
	for i, c := range pc {
		if c.lab != 0 && c.lab != outside {
			l := int(c.lev)
			h.push(keyed{uint64(l) << 32, int32(i)})
			ties.add(l, c.lab)
		}
	}
	var q *buckets[entry]
	toBuckets := func() {
		q = newBuckets[entry](&entryBlocks, w.levels, w.histogramPlain())
		// The heap's entries by level, each level in age order.
		slices.SortFunc(h.a, func(x, y keyed) int {
			if x.key < y.key {
				return -1
			}
			if x.key > y.key {
				return 1
			}
			return 0
		})
		for _, e := range h.a {
			q.push(int(e.key>>32), entry{e.index, pc[e.index].lab})
		}
		h.a = nil
	}
	if ties.dups == 0 {
		toBuckets()
	}
	age := uint64(1)
	var sink uint16
	for q == nil && len(h.a) > 0 {
		e := h.pop()
		if uint32(e.key) == 0 { // a marker
			l := e.key >> 32
			if ties.remove(int(l), pc[e.index].lab); ties.dups == 0 {
				toBuckets()
			}
		}
		if len(h.a) > 0 {
			// the next pixel to leave (unless one queued now is lower):
			// read its neighbours ahead, as flow does
			w.readAhead(int(h.a[0].index), &sink)
		}
		idx := int(e.index)
		m := pc[idx].lab
		for _, o := range w.nbr {
			n := idx + o
			c := &pc[n]
			if c.lab != 0 { // labelled or outside
				continue
			}
			c.lab = m
			if q != nil { // the queue turned hierarchical on this pop
				q.push(int(c.lev), entry{int32(n), m})
				continue
			}
			h.push(keyed{uint64(c.lev)<<32 | age, int32(n)})
			age++
		}
	}
	w.sink = sink
	if q != nil {
		w.flow(q)
		q.release()
	}
}

// entry is a pixel in the hierarchical queue with the label it took when
// queued (carried, so that the pop need not read it back from a line of
// memory long gone from the cache); its age is its place in its level's
// FIFO.
type entry struct{ idx, lab int32 }

var entryBlocks scratch.Pool

// flow is the plain loop once the queue is a hierarchical one. It drains
// one level's FIFO in a tight loop (no search of the bitmap per pop) and
// leaves it only when a pixel queues a neighbour below it, whose entry the
// heap would pop next. The neighbours of a pixel some places behind in the
// FIFO are read ahead (readAhead), so that their cache misses, nearly
// every one a miss, overlap the work on the pixels before it.
func (w *flood) flow(q *buckets[entry]) {
	pc, nbr := w.pc, w.nbr
	var sink uint16
	for q.n > 0 {
		l := q.next(q.cur)
		q.cur = l
		for {
			h := q.head[l]
			fifo := q.q[l]
			if h == len(fifo) {
				q.retire(l)
				break
			}
			if h+readAheadBy < len(fifo) {
				w.readAhead(int(fifo[h+readAheadBy].idx), &sink)
			}
			e := fifo[h]
			q.head[l] = h + 1
			q.n--
			idx := int(e.idx)
			lower := false
			for _, o := range nbr {
				c := &pc[idx+o]
				if c.lab != 0 { // labelled or outside
					continue
				}
				c.lab = e.lab
				lv := int(c.lev)
				q.push(lv, entry{int32(idx + o), e.lab})
				lower = lower || lv < l
			}
			if lower {
				break
			}
		}
	}
	w.sink += sink
}

// readAheadBy is how many pops ahead flow reads a pixel's neighbours: far
// enough that their lines arrive in time, near enough that they are still
// in the cache when the pop comes.
const readAheadBy = 8

// readAhead starts the cache misses of pixel j's neighbours: prefetches
// where there is the instruction, else loads of the lines on other rows
// and planes (those on j's row share its line, mostly) into sink, so that
// they are not dropped.
func (w *flood) readAhead(j int, sink *uint16) {
	if hasPrefetch {
		prefetch(unsafe.Pointer(&w.pc[j]), w.nbrBytes)
		return
	}
	for _, o := range w.farOff {
		*sink += w.pc[j+o].lev
	}
}

// far is the neighbour offsets on other rows and planes (those on the
// pixel's row share its cache line, mostly): the ones worth reading ahead.
func (w *flood) far() []int {
	var far []int
	for _, o := range w.nbr {
		if o > 1 || o < -1 {
			far = append(far, o)
		}
	}
	return far
}
