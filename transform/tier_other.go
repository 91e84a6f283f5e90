//go:build !(goexperiment.simd && amd64)

package transform

// cpuTier is the best tier of kernels this build has: the Go loops.
const cpuTier = tierGo

// pickKernels has no vector kernels to pick in this build.
func pickKernels(int) {}
