#include "textflag.h"

// func rdtscpCPU() uint32: the CPU number that Linux keeps in TSC_AUX
// (cpu | node<<12) for its vgetcpu.
TEXT ·rdtscpCPU(SB), NOSPLIT, $0-4
	RDTSCP
	ANDL $0xfff, CX
	MOVL CX, ret+0(FP)
	RET

// func hasRDTSCP() bool: CPUID 0x80000001, EDX bit 27.
TEXT ·hasRDTSCP(SB), NOSPLIT, $0-1
	MOVL $0x80000000, AX
	CPUID
	CMPL AX, $0x80000001
	JB   no
	MOVL $0x80000001, AX
	CPUID
	SHRL $27, DX
	ANDL $1, DX
	MOVB DX, ret+0(FP)
	RET
no:
	MOVB $0, ret+0(FP)
	RET
