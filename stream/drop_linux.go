package stream

import (
	"os"
	"syscall"
)

// dropPages drops the pages of m[lo:hi], widened to whole pages (a page
// shared with a plane still in use is read again from the page cache when
// touched). The mapping starts on a page boundary.
func dropPages(m []byte, lo, hi int) {
	lo = lo / pageSize * pageSize
	hi = min(len(m), (hi+pageSize-1)/pageSize*pageSize)
	if hi > lo {
		syscall.Madvise(m[lo:hi], syscall.MADV_DONTNEED)
	}
}

// physicalMemory is the machine's RAM in bytes, 0 if unknown.
func physicalMemory() int64 {
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) != nil {
		return 0
	}
	return int64(si.Totalram) * int64(max(si.Unit, 1))
}

// reserve allocates size bytes of disk for f (a full disk is an error
// now), or only sets its size where the file system cannot allocate.
func reserve(f *os.File, size int64) error {
	err := syscall.Fallocate(int(f.Fd()), 0, 0, size)
	if err == syscall.EOPNOTSUPP || err == syscall.ENOSYS {
		return f.Truncate(size)
	}
	return err
}
