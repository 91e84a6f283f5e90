package par

import (
	"fmt"
	"testing"
)

// BenchmarkHandoff is the crossover that InlineBytes and workerBytes
// encode: a pointwise op at SIMD speed (a copy of one byte row into
// another, then of a third: about the memory traffic of arith.Add on
// uint8) over n bytes per image, on the caller alone and on two workers.
// Run with -cpu 2 on a quiet machine. Its workers stay hot between
// iterations; called from Python, with the threads asleep between calls
// and the machine shared, the crossover is higher (see InlineBytes).
func BenchmarkHandoff(b *testing.B) {
	for _, n := range []int{32 << 10, 64 << 10, 128 << 10, 256 << 10, 1 << 20, 4 << 20} {
		x, y, z := make([]byte, n), make([]byte, n), make([]byte, n)
		add := func(lo, hi int) {
			copy(z[lo:hi], x[lo:hi])
			copy(y[lo:hi], z[lo:hi])
		}
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("bytes=%d/workers=%d", 3*n, w), func(b *testing.B) {
				b.SetBytes(int64(3 * n))
				for b.Loop() {
					forWorkers(n, 4096, w, add)
				}
			})
		}
	}
}
