package segment

import "github.com/gipsdev/gips/internal/scratch"

// item is one entry of the watershed's queue: a pixel (index, in the
// padded volume), its priority (value, then age: the order of pushes) and
// the marker it was reached from.
type item struct {
	value         float64
	age           int32
	index, source int32
}

// smaller is scikit-image's order: value, then age. (A NaN value is never
// smaller and never equal, as there.)
func smaller(a, b *item) bool {
	if a.value != b.value {
		return a.value < b.value
	}
	return a.age < b.age
}

// heap is scikit-image's binary heap (heap_general.pxi), operation for
// operation: the markers all have age 0, so among markers of equal value
// the order in which they leave the queue is this heap's, and an identical
// result needs an identical heap.
type heap struct{ a []item }

// heapArrays keeps the heaps' arrays between calls. Grown by append, a
// heap took fresh memory at each doubling: segment.separate of a 4096²
// image faulted 21 000 pages a call (0.6 s of system time in 4.8) in the
// copies of push alone.
var heapArrays scratch.Pool

func (h *heap) push(e item) {
	h.a = append(scratch.Grow(&heapArrays, h.a, 4096), e)
	a := h.a
	c := len(a) - 1
	for c > 0 {
		p := (c+1)/2 - 1
		if !smaller(&a[c], &a[p]) {
			break
		}
		a[c], a[p] = a[p], a[c]
		c = p
	}
}

func (h *heap) pop() item {
	a := h.a
	top := a[0]
	n := len(a) - 1
	if n == 0 {
		h.a = a[:0]
		return top
	}
	a[0] = a[n]
	a = a[:n]
	h.a = a
	i := 0
	for {
		l, r := 2*i+1, 2*i+2
		if l >= n {
			break
		}
		s := i
		if smaller(&a[l], &a[i]) {
			s = l
		}
		if r < n && smaller(&a[r], &a[s]) {
			s = r
		}
		if s == i {
			break
		}
		a[i], a[s] = a[s], a[i]
		i = s
	}
	return top
}

// release gives h's array back to the pool; h is empty after.
func (h *heap) release() {
	if cap(h.a) > 0 {
		scratch.Put(&heapArrays, h.a)
	}
	h.a = nil
}
