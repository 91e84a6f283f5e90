package segment

// The heap is needed only while two markers left in it tie (equal value,
// both of age 0) and carry different labels. Ties between markers of one
// label cannot change the result once no two labels tie, whichever order
// breaks them: all that such a marker's pop and the pops it causes before
// the next entry of another label do is label pixels with that one label
// and push entries of that label whose ages are consecutive; swapping two
// such markers permutes ages within that run only, and the runs pop again
// as runs (nothing of another label has an age inside one), so the pixels
// labelled and their labels stay the same, pop after pop.
// (TestPlateauMarkersMatchSkimage checks it on thousands of plateaus.)
// The watershed-line and compact modes label pixels when they leave the
// queue, where that reasoning does not hold: there (line.go, run) every
// marker of a level counts; this is the plain mode's count.

// markerTies counts the markers left in the heap by level and label.
type markerTies struct {
	n    map[uint64]int32 // markers left per (level, label)
	labs []int32          // labels with markers left, per level
	dups int              // levels with two labels or more
}

func newMarkerTies(levels int) *markerTies {
	return &markerTies{n: map[uint64]int32{}, labs: make([]int32, levels)}
}

func tieKey(l int, lab int32) uint64 { return uint64(l)<<32 | uint64(uint32(lab)) }

// add counts a marker of label lab at level l.
func (t *markerTies) add(l int, lab int32) {
	k := tieKey(l, lab)
	if t.n[k]++; t.n[k] > 1 {
		return
	}
	if t.labs[l]++; t.labs[l] == 2 {
		t.dups++
	}
}

// remove uncounts a marker popped from the heap.
func (t *markerTies) remove(l int, lab int32) {
	k := tieKey(l, lab)
	if t.n[k]--; t.n[k] > 0 {
		return
	}
	delete(t.n, k)
	if t.labs[l]--; t.labs[l] == 1 {
		t.dups--
	}
}
