//go:build goexperiment.simd

package vecstate

const simdBuild = true
