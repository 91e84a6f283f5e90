package stream

import (
	"os"
	"unsafe"

	"github.com/gipsdev/gips/imageio"
)

// The pages of a read-only file mapping count in the process's resident
// memory once touched, for as long as they stay mapped: reading a volume
// through its mapping would end with all of it resident. dropZ tells the
// system that the process is done with some planes: their pages leave the
// process (the page cache keeps them, so reading them again costs no
// disk access). The mapping is read-only and shared, so nothing is lost.

var pageSize = os.Getpagesize()

// dropZ drops the pages of z planes [z0, z1) of d, every channel and
// frame, in as few calls as the planes' layout allows. Callers drop from
// plane 0 every time, not only the planes just finished: a page-cache
// folio (up to megabytes for a file written in large blocks) is mapped
// whole by one fault and may straddle two slabs; a later call over the
// whole range unmaps what an earlier, partial one left.
func dropZ(d *imageio.Disk, z0, z1 int) {
	g := d.Geometry()
	m := d.Mapped()
	if len(m) == 0 || z1 <= z0 {
		return
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(m)))
	lo, hi := -1, -1 // the range being merged
	flush := func() {
		if hi > lo && lo >= 0 {
			dropPages(m, lo, hi)
		}
	}
	for t := range g.SizeT {
		for c := range g.SizeC {
			for z := z0; z < z1; z++ {
				i := g.PlaneIndex(z, c, t)
				a := uintptr(unsafe.Pointer(unsafe.SliceData(d.Row(i, 0))))
				b := uintptr(unsafe.Pointer(unsafe.SliceData(d.Row(i, g.SizeY-1))))
				pl, ph := min(a, b), max(a, b)+uintptr(len(d.Row(i, 0)))
				if pl < base || ph > base+uintptr(len(m)) {
					continue // a copied plane: not in the mapping
				}
				l, h := int(pl-base), int(ph-base)
				if lo >= 0 && l >= lo && l <= hi+pageSize {
					hi = max(hi, h)
					continue
				}
				flush()
				lo, hi = l, h
			}
		}
	}
	flush()
}

// dropAll drops every page of d's mapping.
func dropAll(d *imageio.Disk) {
	if m := d.Mapped(); len(m) > 0 {
		dropPages(m, 0, len(m))
	}
}
