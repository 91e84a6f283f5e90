//go:build goexperiment.simd && amd64

package filter

import "testing"

// TestSymVecAVX2MatchesGo runs the twin test on the AVX2 blocks alone (a
// CPU with AVX-512 takes the 64-pixel blocks otherwise).
func TestSymVecAVX2MatchesGo(t *testing.T) {
	if !symAVX2 {
		t.Skip("no AVX2")
	}
	wide := symWide
	symWide = false
	defer func() { symWide = wide }()
	symTwin(t)
}
