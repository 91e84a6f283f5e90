#include "textflag.h"

// func cpuid(leaf, sub uint32) (a, b, c, d uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL sub+4(FP), CX
	CPUID
	MOVL AX, a+8(FP)
	MOVL BX, b+12(FP)
	MOVL CX, c+16(FP)
	MOVL DX, d+20(FP)
	RET

// func xinuse() uint32
TEXT ·xinuse(SB), NOSPLIT, $0-4
	MOVL $1, CX
	XGETBV
	MOVL AX, ret+0(FP)
	RET

// func xcr0() uint32
TEXT ·xcr0(SB), NOSPLIT, $0-4
	MOVL $0, CX
	XGETBV
	MOVL AX, ret+0(FP)
	RET

// func soil()
TEXT ·soil(SB), NOSPLIT, $0-0
	VPCMPEQD Y0, Y0, Y0
	RET

// func clean()
TEXT ·clean(SB), NOSPLIT, $0-0
	VZEROUPPER
	RET
