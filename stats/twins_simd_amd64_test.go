//go:build goexperiment.simd && amd64

package stats

// withoutSIMD runs f with the SIMD twins off: the pure-Go loops do every
// value.
func withoutSIMD(f func()) {
	a2, a512 := haveAVX2, haveAVX512
	haveAVX2, haveAVX512 = false, false
	defer func() { haveAVX2, haveAVX512 = a2, a512 }()
	f()
}
