//go:build goexperiment.simd && amd64

package stream

import (
	"simd/archsimd"
	"unsafe"
)

// have is whether streamLines runs here (VMOVNTDQ on 32 bytes: AVX).
var have = archsimd.X86.AVX2()

// streamLines copies n bytes (a positive multiple of 64) from src to dst
// (64-byte aligned) with non-temporal stores, and ends with VZEROUPPER.
func streamLines(dst, src unsafe.Pointer, n int)

func storeFence()
