package segment

import "slices"

// The watershed-line mode of an 8- or 16-bit image on the plain mode's
// compact arrays (pcell, 8 bytes a pixel instead of a 16-byte cell) and
// queues (keyHeap while two markers share a level, then the hierarchical
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
// All entries of one pixel have the pixel's level, so once the queue is
// hierarchical the first one queued leaves first, and the pixel is then
// labelled or line: every later entry is dropped unread. So from then on
// a pixel is queued once (marked queued), with the first entry's label.
// Not in the heap phase: there every entry shapes the heap's layout,
// which breaks the ties between markers of one level.
//
// The marker an entry came from never changes its label, so the entry
// carries the label itself instead of the marker's index. In the
// hierarchical queue a marker's own entry is marked by a negative index
// (^index).

// pcell flags of the line mode.
const (
	gone   = 1 // a marker on a line: out of the mask for its neighbours, its label kept
	queued = 2 // an entry of the pixel is in the queue (or was)
)

// runLine is run's watershed-line mode on the compact arrays.
func (w *flood) runLine() {
	pc := w.pc
	var h keyHeap
	cnt := make([]int32, w.levels) // markers left in the heap per level
	dups := 0
	for i, c := range pc {
		if c.lab != 0 && c.lab != outside {
			l := int(c.lev)
			h.push(keyed{uint64(l) << 32, int32(i), c.lab})
			if cnt[l]++; cnt[l] == 2 {
				dups++
			}
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
			if uint32(e.key) == 0 {
				i = ^i
			}
			q.push(int(e.key>>32), entry{i, e.lab})
		}
		h.a = nil
	}
	if dups == 0 {
		toBuckets()
	}
	age := uint64(1)
	for q == nil && len(h.a) > 0 {
		e := h.pop()
		marker := uint32(e.key) == 0
		if marker {
			l := e.key >> 32
			if cnt[l]--; cnt[l] == 1 {
				if dups--; dups == 0 {
					toBuckets()
				}
			}
		}
		idx := int(e.index)
		if !w.lineTake(idx, e.lab, marker) {
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
				q.push(int(c.lev), entry{int32(n), e.lab})
				continue
			}
			h.push(keyed{uint64(c.lev)<<32 | age, int32(n), e.lab})
			age++
		}
	}
	if q != nil {
		w.flowLine(q)
		q.release()
	}
}

// lineTake is the pop of pixel idx with label lab: false when the entry is
// dropped or the pixel becomes line, else the pixel takes lab.
func (w *flood) lineTake(idx int, lab int32, marker bool) bool {
	c := &w.pc[idx]
	if c.lab != 0 && !marker {
		return false
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
			return false
		}
	}
	c.lab = lab
	return true
}

// flowLine is flow's loop for the watershed-line mode: one level's FIFO
// drained in a tight loop, left when a pixel queues a neighbour below it.
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
			if !w.lineTake(idx, e.lab, marker) {
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
