package transform

// The vector kernels of the zoom shortcuts (zoomhalf, zoomdouble,
// zoomint16), of the fused order-1 path and of the flips' row reversal
// come in tiers, as issue 15 asks of the shipped build: AVX-512 where the
// CPU has it, else AVX2, else the Go loops. kernelTier is the tier of the
// kernels in use; setTier picks a lower one so that the tests compare
// every tier on this machine (the same values bit for bit) and the
// benchmarks time them.
//
// The vector loops keep clear of legacy-SSE (non-VEX) instructions, which
// stall while the upper halves of the vector registers hold values: on
// this package's AVX-512 and AVX2 loops they cost from 20% to 9 times the
// CPU. Go 1.26 emits them for a broadcast of 0 (XORPS: a vector's zero
// value is a VEX zero idiom instead), for the count of a logical vector
// shift (MOVQ: no immediate form; an arithmetic shift and a mask, or a
// shift by a vector, has none), and for 128-bit spills and struct copies
// (MOVUPS). objdump -d of the test binary shows them.
const (
	tierGo = iota
	tierAVX2
	tierAVX512
)

var kernelTier = cpuTier

func init() { pickKernels(kernelTier) }

// setTier uses the kernels of tier t, or the CPU's best if that is lower,
// and returns the tier it replaced.
func setTier(t int) int {
	old := kernelTier
	kernelTier = min(t, cpuTier)
	pickKernels(kernelTier)
	return old
}
