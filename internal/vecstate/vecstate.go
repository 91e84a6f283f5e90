// Package vecstate says whether the calling thread's vector registers
// have dirty upper halves.
//
// While the upper halves of ymm/zmm0-15 hold anything, Intel's cores
// charge every legacy-SSE instruction a false dependency on its
// destination and a blend. Legacy SSE is what Go's scalar float code is
// made of (MOVSD, MULSD, CVTSI2SD), so whatever leaves them dirty slows the
// Go code after it. Two things do: a kernel that returns without
// VZEROUPPER (archsimd.ClearAVXUpperBits), and, with GOEXPERIMENT=simd,
// Go 1.26's asynchronous preemption, which restores every vector register
// and returns without VZEROUPPER. The shipped builds turn the latter off
// (the Makefile's SHIPLD): Frangi, whose per-pixel eigenvalues are scalar
// float64 code, ran 8x slower after the first preemption.
//
// XGETBV with ECX=1 reads XINUSE, the processor's record of the state
// components that are not in their initial state: bit 2 covers the upper
// halves of ymm0-15, bit 6 those of zmm0-15. Bits 5 (mask registers) and 7
// (zmm16-31) are left set by glibc's EVEX string functions and do not touch
// legacy SSE.
package vecstate

// Upper is XINUSE's bits for the upper halves of ymm/zmm0-15.
const Upper = 1<<2 | 1<<6

// Available says whether this CPU reads XINUSE (amd64 with XGETBV(1)).
func Available() bool { return available }

// XInUse is XINUSE's low 32 bits on this thread (0 where not Available).
func XInUse() uint32 {
	if !available {
		return 0
	}
	return xinuse()
}

// Clear marks the upper halves clean (VZEROUPPER) where the CPU has AVX,
// and does nothing elsewhere. Long scalar float loops run it every row or
// so (filter's Hessian and Frangi): in a Go program built without the
// shipped builds' setting, an asynchronous preemption can dirty the state
// behind the loop's back, and from then on every row would stall; with
// Clear a dirty state costs a row at most.
func Clear() {
	if hasAVX {
		clean()
	}
}

// Dirty says whether the upper halves of ymm/zmm0-15 hold anything on
// this thread: a kernel that ran on it returned without VZEROUPPER.
func Dirty() bool { return XInUse()&Upper != 0 }
