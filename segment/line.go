package segment

import (
	"math/bits"
	"slices"
)

// The watershed-line mode of an 8- or 16-bit image on the plain mode's
// compact arrays (pcell, 8 bytes a pixel instead of a 16-byte cell) and
// queues (a heap while two markers share a level, then the hierarchical
// queue). scikit-image labels a pixel when it leaves the queue, with the
// label of the marker its entry came from, and a pixel can be queued once
// per neighbour; its steps, in the same order:
//
//   - an entry of a labelled pixel is dropped, unless it is the marker's
//     own (age 0);
//   - a pixel whose in-mask neighbours carry two labels becomes line: out
//     of the mask, unlabelled (lab = outside here, 0 in the output; a
//     marker keeps its label and is marked gone);
//   - otherwise it takes the label and queues its unlabelled in-mask
//     neighbours with it.
//
// An entry need not carry its label: the pixel that queued it is one of
// its neighbours, labelled with it when it queued the entry, and keeps it
// (a labelled pixel is never relabelled, and a marker marked gone queues
// nothing). So when the entry leaves, the labels around the pixel are
// either one, the entry's, or two or more (line), and lineTake reads the
// label there. The heap then holds what the plain mode's does, level, age
// and pixel, and takes its one-word form (packedHeap) wherever that fits.
//
// All entries of one pixel have the pixel's level, so once the queue is
// hierarchical the first one queued leaves first, and the pixel is then
// labelled or line: every later entry is dropped unread. So from then on
// a pixel is queued once (marked queued). Not in the heap phase: there
// every entry shapes the heap's layout, which breaks the ties between
// markers of one level. In the hierarchical queue a marker's own entry is
// marked by a negative index (^index).

// pcell flags of the line mode.
const (
	gone   = 1 // a marker on a line: out of the mask for its neighbours, its label kept
	queued = 2 // an entry of the pixel is in the queue (or was)
)

// runLine is run's watershed-line mode on the compact arrays: keyHeap,
// keys level<<ageBits | age (a pixel is queued once per neighbour, so the
// ages may pass 2^32), where runLinePacked's do not fit a word.
func (w *flood) runLine() {
	if !w.c.keyHeap && w.runLinePacked() {
		return
	}
	pc := w.pc
	var h keyHeap
	mt := newLevelTies(w.levels)
	for i, c := range pc {
		if c.lab != 0 && c.lab != outside {
			h.push(keyed{uint64(c.lev) << ageBits, int32(i)})
			mt.add(int(c.lev))
		}
	}
	var q *buckets[entry]
	toBuckets := func() {
		q = newBuckets[entry](&entryBlocks, w.levels, w.histogramPlain())
		// by level, each level in age order (with no two markers of one
		// level left, no two keys are equal)
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
			i := e.index
			if e.key&ageMask == 0 {
				i = ^i
			}
			q.push(int(e.key>>ageBits), entry{i, 0})
		}
		h.a = nil
	}
	if mt.dups == 0 {
		toBuckets()
	}
	age := uint64(1)
	for q == nil && len(h.a) > 0 {
		e := h.pop()
		marker := e.key&ageMask == 0
		if marker && mt.remove(int(e.key>>ageBits)) {
			toBuckets()
		}
		idx := int(e.index)
		lab := w.lineTake(idx, marker)
		if lab == 0 {
			continue
		}
		for _, o := range w.nbr {
			n := idx + o
			c := &pc[n]
			if c.lab != 0 || c.flag&queued != 0 { // labelled, line, outside or queued
				continue
			}
			if q != nil { // the queue turned hierarchical on this pop
				c.flag |= queued
				q.push(int(c.lev), entry{int32(n), 0})
				continue
			}
			h.push(keyed{uint64(c.lev)<<ageBits | age, int32(n)})
			age++
		}
	}
	if q != nil {
		w.flowLine(q)
		q.release()
	}
}

const (
	ageBits = 40
	ageMask = 1<<ageBits - 1
)

// runLinePacked is runLine with the packed heap (runPacked's, keys of
// level, age within the level and pixel: the same comparisons, so the same
// layout); false (and nothing done) when the keys do not fit a word. A
// pixel is queued at most once per neighbour, so a level's ages stay below
// its pixel count times the neighbours'.
func (w *flood) runLinePacked() bool {
	pc := w.pc
	hist := w.histogramPlain()
	ib := uint(bits.Len(uint(len(pc))))
	lb := uint(bits.Len(uint(w.levels - 1)))
	if ib+lb >= 63 || uint(bits.Len(uint(slices.Max(hist)*len(w.nbr)))) > min(64-ib-lb, 32) {
		return false
	}
	ab := 64 - ib - lb
	imask := uint64(1)<<ib - 1
	isMarker := func(e uint64) bool { return (e>>ib)&(1<<ab-1) == 0 }
	h := newPackedHeap(imask)
	mt := newLevelTies(w.levels)
	for i, c := range pc {
		if c.lab != 0 && c.lab != outside {
			h.push(uint64(c.lev)<<(ab+ib) | uint64(i))
			mt.add(int(c.lev))
		}
	}
	var q *buckets[entry]
	toBuckets := func() {
		q = newBuckets[entry](&entryBlocks, w.levels, hist)
		// by level, each level in age order (with no two markers of one
		// level left, no two keys are equal)
		es := h.a[1 : h.n+1]
		slices.Sort(es)
		for _, e := range es {
			i := int32(e & imask)
			if isMarker(e) {
				i = ^i
			}
			q.push(int(e>>(ab+ib)), entry{i, 0})
		}
		h = packedHeap{}
	}
	if mt.dups == 0 {
		toBuckets()
	}
	age := make([]uint32, w.levels) // the last age given at each level
	var sink uint16
	for q == nil && h.len() > 0 {
		e := h.pop()
		marker := isMarker(e)
		if marker && mt.remove(int(e>>(ab+ib))) {
			toBuckets()
		}
		if h.len() > 0 {
			// the next pixel to leave (unless one queued now is lower):
			// read its neighbours ahead, as flow does
			w.readAhead(int(h.top()&imask), &sink)
		}
		idx := int(e & imask)
		lab := w.lineTake(idx, marker)
		if lab == 0 {
			continue
		}
		for _, o := range w.nbr {
			n := idx + o
			c := &pc[n]
			if c.lab != 0 || c.flag&queued != 0 { // labelled, line, outside or queued
				continue
			}
			if q != nil { // the queue turned hierarchical on this pop
				c.flag |= queued
				q.push(int(c.lev), entry{int32(n), 0})
				continue
			}
			l := c.lev
			age[l]++
			h.push((uint64(l)<<ab|uint64(age[l]))<<ib | uint64(n))
		}
	}
	w.sink = sink
	if q != nil {
		w.flowLine(q)
		q.release()
	}
	return true
}

// levelTies counts the markers left in the heap per level, and dups the
// levels with two or more: the heap phase lasts while dups > 0. With
// lines every tie counts, even between markers of one label (the order
// they leave in decides which pixels become line).
type levelTies struct {
	cnt  []int32
	dups int
}

func newLevelTies(levels int) levelTies { return levelTies{cnt: make([]int32, levels)} }

func (t *levelTies) add(l int) {
	if t.cnt[l]++; t.cnt[l] == 2 {
		t.dups++
	}
}

// remove takes a marker of level l out; true when it was the last tie.
func (t *levelTies) remove(l int) bool {
	if t.cnt[l]--; t.cnt[l] == 1 {
		t.dups--
		return t.dups == 0
	}
	return false
}

// lineTake is the pop of pixel idx (a marker's own entry when marker):
// the label the pixel takes, or 0 when the entry is dropped or the pixel
// becomes line. A marker keeps its own label; any other pixel takes the
// one label of its neighbours (there is one: see above).
func (w *flood) lineTake(idx int, marker bool) int32 {
	c := &w.pc[idx]
	if c.lab != 0 && !marker {
		return 0
	}
	var l0 int32
	for _, o := range w.nbr {
		n := &w.pc[idx+o]
		l := n.lab
		if l == 0 || l == outside || n.flag&gone != 0 {
			continue
		}
		if l0 == 0 {
			l0 = l
		} else if l != l0 {
			if marker {
				c.flag |= gone
			} else {
				c.lab = outside
			}
			return 0
		}
	}
	if !marker {
		c.lab = l0
	}
	return c.lab
}

// flowLine is flow's loop for the watershed-line mode: one level's FIFO
// drained in a tight loop, left when a pixel queues a neighbour below it.
// Entries carry no label (lineTake finds it).
func (w *flood) flowLine(q *buckets[entry]) {
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
				j := int(fifo[h+readAheadBy].idx)
				if j < 0 {
					j = ^j
				}
				w.readAhead(j, &sink)
			}
			e := fifo[h]
			q.head[l] = h + 1
			q.n--
			idx, marker := int(e.idx), false
			if idx < 0 {
				idx, marker = ^idx, true
			}
			lab := w.lineTake(idx, marker)
			if lab == 0 {
				continue
			}
			lower := false
			for _, o := range nbr {
				c := &pc[idx+o]
				if c.lab != 0 || c.flag&queued != 0 { // labelled, line, outside or queued
					continue
				}
				c.flag |= queued
				lv := int(c.lev)
				q.push(lv, entry{int32(idx + o), 0})
				lower = lower || lv < l
			}
			if lower {
				break
			}
		}
	}
	w.sink += sink
}
