//go:build goexperiment.simd && amd64

package arith

import (
	"testing"
	"unsafe"
)

// TestPlacementsTakeBothWays: the twin tests' placements make rowsOf
// choose each direction, so that "as chosen" runs both loops.
func TestPlacementsTakeBothWays(t *testing.T) {
	for _, p := range placements {
		d, a, b := placed[float32](100, p)
		want := p.da > 0 && p.da < 256 && p.db > 0 && p.db < 256 // after both, close
		if got := backward(unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])); got != want {
			t.Errorf("%v: backward %v, want %v", p, got, want)
		}
	}
}
