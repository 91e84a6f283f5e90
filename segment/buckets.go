package segment

import (
	"math/bits"
	"slices"

	"github.com/gipsdev/gips/internal/scratch"
)

// buckets is a hierarchical queue: one FIFO per grey level of an 8- or
// 16-bit image, and a two-level bitmap of the non-empty levels. With all
// keys distinct it leaves items in exactly the heap's order (value, then
// age: a level's items arrive in the order of their ages), in O(1) per
// item instead of O(log n).
//
// E is what a level's FIFO holds: the whole item, or (in the plain
// watershed, where a pixel's label is set when it is queued and its age
// is its place in the FIFO) only its index, a sixth of the memory the
// flood streams through.
type buckets[E any] struct {
	q    [][]E
	head []int
	bits []uint64 // level l non-empty: bit l%64 of bits[l/64]
	sum  []uint64 // bits[i] != 0: bit i%64 of sum[i/64]
	cur  int      // no non-empty level below cur
	n    int
	// block backs the levels' queues; it goes back to the pool after the
	// flood (a level that outgrew its part has its own array by then).
	block []E
	pool  *scratch.Pool
}

// blocks (and entryBlocks) keep the queues' memory between calls (see
// cells).
var blocks scratch.Pool

func (b *buckets[E]) release() { scratch.Put(b.pool, b.block) }

// newBuckets makes the queue with room for size[l] items at level l in one
// block (a level that outgrows it grows alone).
func newBuckets[E any](pool *scratch.Pool, levels int, size []int) *buckets[E] {
	nw := (levels + 63) / 64
	b := &buckets[E]{q: make([][]E, levels), head: make([]int, levels), bits: make([]uint64, nw), sum: make([]uint64, (nw+63)/64), pool: pool}
	total := 0
	for _, s := range size {
		total += s
	}
	block := scratch.Get[E](pool, total)
	b.block = block
	for l, s := range size {
		b.q[l], block = block[:0:s], block[s:]
	}
	return b
}

func (b *buckets[E]) push(level int, e E) {
	b.q[level] = append(b.q[level], e)
	b.bits[level/64] |= 1 << (level % 64)
	b.sum[level/4096] |= 1 << (level / 64 % 64)
	b.cur = min(b.cur, level)
	b.n++
}

func (b *buckets[E]) pop() E {
	l := b.next(b.cur)
	b.cur = l
	e := b.q[l][b.head[l]]
	b.head[l]++
	if b.head[l] == len(b.q[l]) {
		b.retire(l)
	}
	b.n--
	return e
}

// retire empties level l, whose FIFO has been read to its end, and clears
// its bits (the level's, and the summary's when its word is now empty).
func (b *buckets[E]) retire(l int) {
	b.q[l], b.head[l] = b.q[l][:0], 0
	b.bits[l/64] &^= 1 << (l % 64)
	if b.bits[l/64] == 0 {
		b.sum[l/4096] &^= 1 << (l / 64 % 64)
	}
}

// next is the lowest non-empty level >= l (there is one: n > 0).
func (b *buckets[E]) next(l int) int {
	w := l / 64
	if m := b.bits[w] >> (l % 64); m != 0 {
		return l + bits.TrailingZeros64(m)
	}
	w++
	for s := w / 64; s < len(b.sum); s++ {
		m := b.sum[s]
		if s == w/64 {
			m &^= 1<<(w%64) - 1
		}
		if m != 0 {
			ww := s*64 + bits.TrailingZeros64(m)
			return ww*64 + bits.TrailingZeros64(b.bits[ww])
		}
	}
	panic("segment: pop from an empty queue")
}

// fill moves a heap's items into the buckets in (value, age) order: by
// level as they come, then each level sorted by age; conv makes each
// item an entry.
func (b *buckets[E]) fill(items []item, level func(e *item) int, conv func(e item) E) {
	byLevel := map[int][]item{}
	for i := range items {
		l := level(&items[i])
		byLevel[l] = append(byLevel[l], items[i])
	}
	for l, q := range byLevel {
		slices.SortFunc(q, func(x, y item) int { return int(x.age) - int(y.age) })
		for _, e := range q {
			b.q[l] = append(b.q[l], conv(e))
		}
		b.bits[l/64] |= 1 << (l % 64)
		b.sum[l/4096] |= 1 << (l / 64 % 64)
	}
	b.n += len(items)
	b.cur = 0 // pop finds the lowest non-empty level from there
}
