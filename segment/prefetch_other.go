//go:build !(amd64 && goexperiment.simd)

package segment

import "unsafe"

// hasPrefetch: no prefetch instruction here; callers read ahead with
// loads (see prefetch_simd.go).
const hasPrefetch = false

func prefetch(p unsafe.Pointer, offs []int) {}
