package hugepage

import "syscall"

func advise(b []byte) error { return syscall.Madvise(b, syscall.MADV_HUGEPAGE) }
