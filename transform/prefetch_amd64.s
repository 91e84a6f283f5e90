//go:build amd64 && goexperiment.simd

#include "textflag.h"

// func prefetchRows(p unsafe.Pointer, stride, rows, width int)
TEXT ·prefetchRows(SB), NOSPLIT, $0-32
	MOVQ p+0(FP), AX
	MOVQ stride+8(FP), BX
	MOVQ rows+16(FP), CX
	MOVQ width+24(FP), DX
	TESTQ CX, CX
	JLE done
row:
	XORQ SI, SI
line:
	PREFETCHT0 (AX)(SI*1)
	ADDQ $64, SI
	CMPQ SI, DX
	JLT line
	ADDQ BX, AX
	DECQ CX
	JNZ row
done:
	RET
