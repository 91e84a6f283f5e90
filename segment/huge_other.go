//go:build !linux

package segment

// adviseHuge does nothing where there is no madvise(MADV_HUGEPAGE).
func adviseHuge[T any](s []T) {}
