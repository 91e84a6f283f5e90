package segment

import (
	"math/bits"
	"slices"
)

// The exact mode's heap phase in one word per entry: level, age and pixel
// packed as ((level<<ab | age) << ib) | index, compared on word >> ib, so
// that the heap moves 8 bytes an entry instead of keyHeap's 16 and a
// cache line holds twice the entries. The age is counted per level (the
// order of pushes within a level is all a comparison between two entries
// of one level needs, and entries of different levels never compare
// ages): at most the level's pixel count, so it fits whenever the largest
// level's count does; otherwise keyHeap runs. The comparisons are
// keyHeap's on equivalent keys (markers of one level are still equal), so
// the heap evolves exactly as keyHeap's and scikit-image's.

type packedHeap struct {
	a  []uint64
	ib uint // index bits
}

func (h *packedHeap) push(e uint64) {
	h.a = append(h.a, e)
	a, ib := h.a, h.ib
	c := len(a) - 1
	for c > 0 {
		p := (c+1)/2 - 1
		if a[c]>>ib >= a[p]>>ib {
			break
		}
		a[c], a[p] = a[p], a[c]
		c = p
	}
}

// pop is keyHeap.pop (Floyd's bottom-up sift, the left child on a tie).
func (h *packedHeap) pop() uint64 {
	a, ib := h.a, h.ib
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
		if c+1 < n && a[c+1]>>ib < a[c]>>ib {
			c++
		}
		a[i] = a[c]
		i = c
	}
	xk := x >> ib
	for i > 0 {
		p := (i+1)/2 - 1
		if a[p]>>ib < xk {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = x
	return top
}

// runPacked is runPlain's exact mode with the packed heap; false (and
// nothing done) when the keys do not fit a word.
func (w *flood) runPacked() bool {
	pc := w.pc
	hist := w.histogramPlain()
	ib := uint(bits.Len(uint(len(pc))))
	lb := uint(bits.Len(uint(w.levels - 1)))
	if ib+lb >= 63 || uint(bits.Len(uint(slices.Max(hist)))) > 64-ib-lb {
		return false
	}
	ab := 64 - ib - lb
	imask := uint64(1)<<ib - 1
	h := packedHeap{ib: ib}
	ties := newMarkerTies(w.levels)
	for i, c := range pc {
		if c.lab != 0 && c.lab != outside {
			l := int(c.lev)
			h.push(uint64(l)<<(ab+ib) | uint64(i))
			ties.add(l, c.lab)
		}
	}
	var q *buckets[entry]
	toBuckets := func() {
		q = newBuckets[entry](&entryBlocks, w.levels, hist)
		// The heap's entries by level, each level in age order (two
		// entries equal but for the index are markers of a level that
		// has one left, or none).
		slices.Sort(h.a)
		for _, e := range h.a {
			i := int32(e & imask)
			q.push(int(e>>(ab+ib)), entry{i, pc[i].lab})
		}
		h.a = nil
	}
	if ties.dups == 0 {
		toBuckets()
	}
	age := make([]uint32, w.levels) // the last age given at each level
	var sink uint16
	for q == nil && len(h.a) > 0 {
		e := h.pop()
		if (e>>ib)&(1<<ab-1) == 0 { // a marker
			l := e >> (ab + ib)
			if ties.remove(int(l), pc[e&imask].lab); ties.dups == 0 {
				toBuckets()
			}
		}
		if len(h.a) > 0 {
			// the next pixel to leave (unless one queued now is lower):
			// read its neighbours ahead, as flow does
			w.readAhead(int(h.a[0]&imask), &sink)
		}
		idx := int(e & imask)
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
			l := c.lev
			age[l]++
			h.push((uint64(l)<<ab|uint64(age[l]))<<ib | uint64(n))
		}
	}
	w.sink = sink
	if q != nil {
		w.flow(q)
		q.release()
	}
	return true
}
