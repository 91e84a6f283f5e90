//go:build goexperiment.simd && amd64

package filter

import "simd/archsimd"

var hasAVX = archsimd.X86.AVX()

// clearUpper is VZEROUPPER, for long scalar float loops to run every row
// or so. Go's scalar float code is legacy SSE, which stalls on this
// project's machines while the upper halves of the vector registers are
// dirty, and with GOEXPERIMENT=simd they get dirty behind the code's back:
// the runtime's asynchronous preemption (runtime/preempt_amd64.s, every
// 10 ms of a long loop, and at each GC) restores the full Y or Z
// registers and returns without VZEROUPPER. The state then stays dirty
// until the next VZEROUPPER (a large copy, a vector kernel's exit): Frangi
// at 1024² took 4.8 s of CPU, 87% stalled in math.Exp, against 0.58 s
// with GODEBUG=asyncpreemptoff=1. A dirty state now costs a row at most.
func clearUpper() {
	if hasAVX {
		archsimd.ClearAVXUpperBits()
	}
}
