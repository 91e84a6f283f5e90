package transform

import "testing"

var tierNames = [...]string{tierGo: "Go", tierAVX2: "AVX2", tierAVX512: "AVX512"}

// eachTier runs f at every tier of kernels this machine has, from the
// best down to the Go loops, and restores the best.
func eachTier(t *testing.T, f func(t *testing.T)) {
	defer setTier(setTier(cpuTier))
	for tier := cpuTier; tier >= tierGo; tier-- {
		setTier(tier)
		t.Run(tierNames[tier], f)
	}
}

// benchTiers is eachTier for benchmarks.
func benchTiers(b *testing.B, f func(b *testing.B)) {
	defer setTier(setTier(cpuTier))
	for tier := cpuTier; tier >= tierGo; tier-- {
		setTier(tier)
		b.Run(tierNames[tier], f)
	}
}
