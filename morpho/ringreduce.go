package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
)

// ringReduce sets o to the extreme (the maximum when hi) of a class's
// chord reads of the prepared row ring for one output row (and of o
// itself first when withO), handing the reduce kernel a stack array of
// pointers: building a slice of every read (bounds, mod, write barriers
// while the collector runs) cost a 45° line's erosion a quarter of its
// time, as much as the kernel. slot[j] is read j's ring row less the
// output row's (yb, the output row mod the ring's length). It does nothing
// and returns false unless the kernel takes the whole row in one call
// (whole 64-byte steps, 4 to reduceChunk rows: where reduceRows would
// call the same kernel, so the result is the same bit for bit).
func ringReduce[T gips.Pixel](o []T, ring []lrow[T], rds []zread, slot []int, yb int, withO, hi bool) bool {
	var z T
	nb := len(o) * int(unsafe.Sizeof(z))
	k := len(rds)
	if withO {
		k++
	}
	lk := laneKindOf[T]()
	if lk == kNone || nb == 0 || nb%64 != 0 || k < 4 || k > reduceChunk {
		return false
	}
	var ps [reduceChunk]unsafe.Pointer
	for j, rd := range rds {
		s := yb + slot[j]
		if s >= len(ring) {
			s -= len(ring)
		}
		r := &ring[s]
		tab := r.ext
		if rd.t >= 0 {
			tab = r.mins[rd.t]
		}
		if rd.at < 0 || rd.at+len(o) > len(tab) {
			return false
		}
		ps[j] = unsafe.Pointer(&tab[rd.at])
	}
	return reduceAVX2(lk, hi, withO, unsafe.Pointer(&o[0]), nb, &ps, len(rds)) == nb
}
