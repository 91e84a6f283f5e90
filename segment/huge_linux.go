package segment

import (
	"syscall"
	"unsafe"
)

// adviseHuge asks the kernel for transparent huge pages (2 MiB) on the
// whole 2 MiB pages inside s, freshly allocated and not yet touched, so
// that its pages are faulted in huge. The flood reads s in the order of
// grey levels, all over a volume of hundreds of megabytes: with 4 KiB
// pages nearly every neighbour visited is a TLB miss besides a cache
// miss. Where the system runs huge pages always or never, the advice
// changes nothing; an error (no such advice) is ignored: it is advice.
func adviseHuge[T any](s []T) {
	const huge = 2 << 20
	n := uintptr(len(s)) * unsafe.Sizeof(*new(T))
	if n < 2*huge {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), n)
	p := uintptr(unsafe.Pointer(&b[0]))
	lo, hi := (huge-p%huge)%huge, n-(p+n)%huge
	if hi > lo {
		syscall.Madvise(b[lo:hi], syscall.MADV_HUGEPAGE)
	}
}
