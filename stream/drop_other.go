//go:build !linux

package stream

// dropPages does nothing where the system has no madvise(MADV_DONTNEED)
// for this package: the mapped pages then stay resident until the run ends.
func dropPages(m []byte, lo, hi int) {}

// physicalMemory is unknown here.
func physicalMemory() int64 { return 0 }
