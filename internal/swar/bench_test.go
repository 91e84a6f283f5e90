package swar

import (
	"testing"

	"github.com/gipsdev/gips/internal/imgtest"
)

// BenchmarkSIMD is the byte kernels on 1 MiB (the 1024² rows, in the
// caches), AVX-512 and AVX2 in the same run: go test -bench SIMD -cpu 1
// under GOEXPERIMENT=simd; cpu-ns/op is the process's CPU time per op.
func BenchmarkSIMD(b *testing.B) {
	const n = 1 << 20
	a, c, d := make([]byte, n), make([]byte, n), make([]byte, n)
	for i := range a {
		a[i], c[i] = byte(i*7)&1, byte(i*13)
	}
	for _, op := range []struct {
		name string
		op   Op
	}{{"NotNZ", NotNZ}, {"OrNZ", OrNZ}, {"Not", Not}, {"MaskNZ", MaskNZ}} {
		for wide := range widths {
			b.Run(op.name+"/"+wide, func(b *testing.B) {
				b.SetBytes(3 * n)
				t := imgtest.StartCPU(b)
				for b.Loop() {
					SIMD(op.op, d, a, c)
				}
				t.Report()
			})
		}
	}
}
