//go:build !linux

package stream

import "os"

// dropPages does nothing where the system has no madvise(MADV_DONTNEED)
// for this package: the mapped pages then stay resident until the run ends.
func dropPages(m []byte, lo, hi int) {}

// physicalMemory is unknown here.
func physicalMemory() int64 { return 0 }

// reserve sets f's size (no allocation of disk here).
func reserve(f *os.File, size int64) error { return f.Truncate(size) }
