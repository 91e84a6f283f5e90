//go:build goexperiment.simd && amd64

#include "textflag.h"

// func streamLines(dst, src unsafe.Pointer, n int)
//
// n bytes (a positive multiple of 64) from src to dst (64-byte aligned)
// with non-temporal stores (VMOVNTDQ: AVX), which write whole lines to
// memory without first reading them into the cache. It ends with
// VZEROUPPER; the caller fences (storeFence) before the stores must be
// seen by another thread.
TEXT ·streamLines(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
loop:
	VMOVDQU (SI), Y0
	VMOVDQU 32(SI), Y1
	VMOVNTDQ Y0, (DI)
	VMOVNTDQ Y1, 32(DI)
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $64, CX
	JNZ loop
	VZEROUPPER
	RET

// func storeFence()
TEXT ·storeFence(SB), NOSPLIT, $0-0
	SFENCE
	RET
