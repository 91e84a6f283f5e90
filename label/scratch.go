package label

import (
	"sync"

	"github.com/gipsdev/gips/internal/scratch"
)

// The forest's lists (labels, row starts) are tens of megabytes for
// a large volume. Taken fresh on every call they cost more than the
// labelling itself: the kernel maps and zeroes new pages, then Go zeroes
// them again. A labelling returns them when it is done, so repeated calls
// reuse them. The two large ones go to bufs, which serves a call on any
// thread (a sync.Pool keeps a buffer in the giving P's private slot,
// which a call on the other P does not search); the slabs' and quad
// units' lists, small and holding pointers, to listPool. Both drop what sits
// idle through two garbage collections, so an idle program keeps nothing.
var (
	bufs     scratch.Pool
	listPool sync.Pool // of *forestLists
)

type forestLists struct {
	locals [][]uint32 // each slab's local roots
	quads  []*quadBuf // a quad forest's units' buffers
}

// grab returns a slice of n elements of s's memory when it is large
// enough (contents arbitrary: every element is written before it is read),
// else a new one.
func grab[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// lists takes pooled lists (or empty ones) for f.
func (f *forest) lists() *forestLists {
	if l, ok := listPool.Get().(*forestLists); ok {
		f.qfree = l.quads
		return l
	}
	return &forestLists{}
}

// release gives f's lists back to the pools; f is not used after.
func (f *forest) release() {
	scratch.Put(&bufs, f.label)
	scratch.Put(&bufs, f.rowStart)
	listPool.Put(&forestLists{f.locals, f.qfree})
	f.label, f.rowStart, f.locals, f.qfree = nil, nil, nil, nil
}
