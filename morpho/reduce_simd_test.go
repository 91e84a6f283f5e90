//go:build goexperiment.simd && amd64

package morpho

import (
	"math/rand/v2"
	"testing"
)

// TestReduce8AVX2MatchesScalar runs TestReduceRowsMatchScalar's uint8
// cases on the AVX2 kernel too where the machine takes AVX-512 (reduce8w).
func TestReduce8AVX2MatchesScalar(t *testing.T) {
	old := reduce512
	defer func() { reduce512 = old }()
	reduce512 = false
	reduceCase(t, true, func(r *rand.Rand) uint8 { return uint8(r.Uint32()) })
}
