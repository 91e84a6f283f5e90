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
	a  []uint64 // a[1:n+1] the heap (the root at 1), a[n+1] = ^0
	n  int
	im uint64 // the index bits: keys compare on e &^ im
	// sink: pop's reads ahead go here, so that they are not dropped
	sink uint64
}

// less reports whether x's key is below y's (the index bits of x set and
// of y cleared: equal keys are never less, as in keyHeap).
func (h *packedHeap) less(x, y uint64) bool { return x|h.im < y&^h.im }

// newPackedHeap is an empty heap (slot 0 unused, the sentinel at 1).
func newPackedHeap(im uint64) packedHeap {
	return packedHeap{a: []uint64{0, ^uint64(0)}, im: im}
}

func (h *packedHeap) len() int    { return h.n }
func (h *packedHeap) top() uint64 { return h.a[1] }

func (h *packedHeap) push(e uint64) {
	h.n++
	for h.n+1 >= len(h.a) {
		h.a = append(h.a, 0)
		h.a = h.a[:cap(h.a)]
	}
	a := h.a
	c := h.n
	a[c+1] = ^uint64(0)
	for c > 1 && h.less(e, a[c/2]) {
		a[c] = a[c/2]
		c /= 2
	}
	a[c] = e
}

// pop is keyHeap.pop (Floyd's bottom-up sift, the left child on a tie) in
// the layout that suits it. The root at 1, so that the two children of
// node i, 2i and 2i+1, share a cache line, and its 32 nodes 5 levels down
// fill 4 lines. The child is chosen without a branch (the sentinel after
// the last entry stands for a missing right child): a branch there is
// mispredicted half the time, and the hole moves through a heap of
// megabytes, evicted by the flood between pops; branch-free, the descent
// is one chain of loads, so the 4 lines 5 levels down are read ahead (the
// path takes one) and arrive while the levels between are compared. (On
// the bench volume, 3 levels ahead, 1 line, was slower; 4 and 6 about
// the same.) A blocked layout of the same tree (a pair of siblings and
// their four children on one line: 9 lines a pop at 17 levels instead of
// 15; the same pops, TestPackedHeapPopsAsSkimage) was slower on the
// bench's 2D input, 1.9-2.7 s -> 2.5-3.7 s with reads or prefetches 3 or
// 4 levels ahead (2026-12-05): its index arithmetic sits on the descent's
// chain of loads.
func (h *packedHeap) pop() uint64 {
	a := h.a
	top := a[1]
	x := a[h.n]
	a[h.n] = ^uint64(0)
	h.n--
	n := h.n
	if n == 0 {
		return top
	}
	i := 1
	var sink uint64
	for c := 2; c <= n; c = 2 * i {
		if j := 32 * i; j+24 <= n {
			sink += a[j] + a[j+8] + a[j+16] + a[j+24]
		}
		d := 0
		if h.less(a[c+1], a[c]) {
			d = 1
		}
		c += d
		a[i] = a[c]
		i = c
	}
	for i > 1 && !h.less(a[i/2], x) {
		a[i] = a[i/2]
		i /= 2
	}
	a[i] = x
	h.sink += sink
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
	h := newPackedHeap(imask)
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
		es := h.a[1 : h.n+1]
		slices.Sort(es)
		for _, e := range es {
			i := int32(e & imask)
			q.push(int(e>>(ab+ib)), entry{i, pc[i].lab})
		}
		h = packedHeap{}
	}
	if ties.dups == 0 {
		toBuckets()
	}
	age := make([]uint32, w.levels) // the last age given at each level
	var sink uint16
	for q == nil && h.len() > 0 {
		e := h.pop()
		if (e>>ib)&(1<<ab-1) == 0 { // a marker
			l := e >> (ab + ib)
			if ties.remove(int(l), pc[e&imask].lab); ties.dups == 0 {
				toBuckets()
			}
		}
		if h.len() > 0 {
			// the next pixel to leave (unless one queued now is lower):
			// read its neighbours ahead, as flow does
			w.readAhead(int(h.top()&imask), &sink)
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
